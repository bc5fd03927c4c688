/**
 * A thin wrapper over `@duckdb/node-api`: one instance and connection per database file (or
 * in-memory), rows as plain JS objects with JSON-friendly values.
 */
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

export type Row = Record<string, unknown>;

export interface Db {
  /** Run SQL that returns rows; values converted to plain JS (BIGINT → number, DATE → ISO string). */
  all<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Run one or more statements, ignoring results. */
  run(sql: string, params?: unknown[]): Promise<void>;
  /** The underlying connection, for streaming reads and appenders. */
  readonly connection: DuckDBConnection;
  readonly path: string;
  close(): Promise<void>;
}

/**
 * Open (creating if needed) a DuckDB database. `path` is a file or `:memory:`.
 * @throws the DuckDB error when the file is locked by another process or unreadable.
 */
export async function openDb(path = ':memory:', options: { threads?: number; memoryLimit?: string } = {}): Promise<Db> {
  const config: Record<string, string> = {};
  if (options.threads) config.threads = String(options.threads);
  if (options.memoryLimit) config.memory_limit = options.memoryLimit;
  const instance = await DuckDBInstance.create(path, config);
  const connection = await instance.connect();
  let closed = false;
  return {
    connection,
    path,
    async all<T extends Row>(sql: string, params?: unknown[]) {
      const reader = await connection.runAndReadAll(sql, params as never);
      return reader.getRowObjectsJS() as unknown as T[];
    },
    async run(sql: string, params?: unknown[]) {
      await connection.run(sql, params as never);
    },
    async close() {
      if (closed) return;
      closed = true;
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** Quote an identifier for SQL: `"name"` with inner quotes doubled. */
export function ident(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"';
}

/** Quote a string literal for SQL. */
export function literal(value: string): string {
  return "'" + value.replace(/'/g, "''") + "'";
}

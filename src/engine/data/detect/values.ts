/**
 * Distinct values with their counts, for the whole-column questions of type inference and the import
 * facts. A column of a million records but a few thousand different values (ages, dates, categories,
 * flags) is then classified at the cost of a few thousand regular expressions instead of a million:
 * every question inference asks — which kinds occur, how many values are missing, the largest day
 * number, whether any value fails a date format — has the same answer over the distinct values
 * weighted by their counts as over all records. Nothing is sampled: each distinct value of the whole
 * column is there, with its exact count.
 *
 * Grouping a column costs one hash aggregate, cheaper than a regular expression per record when
 * values repeat, dearer when nearly every value is unique; {@link GROUP_SHARE} draws the line.
 */
import type { Db } from '../duck';
import { ident, runWithProgress } from '../duck';

/**
 * Where queries about one raw column read its values: the raw table itself (one row per record), or
 * the column's distinct values, each with its number of records. Count with {@link countSql} and
 * {@link distinctSql}, so a query means the same over both.
 */
export interface ColumnSource {
  /** FROM item exposing the raw column under its own name (and, when grouped, the count column). */
  readonly from: string;
  /** The raw column's quoted name in `from`. */
  readonly column: string;
  /** Quoted name of the count column, or null when every row is one record. */
  readonly weight: string | null;
  /** Number of distinct values (NULL counts as one), when grouped. */
  readonly values?: number;
}

/** Group a column when DuckDB's distinct estimate is at most this share of the records. */
export const GROUP_SHARE = 0.5;

/** Raw column `raw` of table `table`, one row per record. */
export function rawSource(table: string, raw: string): ColumnSource {
  return { from: ident(table), column: ident(raw), weight: null };
}

/** SQL: the number of records of `src` (BIGINT), or of those where `cond` holds. */
export function countSql(src: ColumnSource, cond?: string): string {
  if (!src.weight) return cond ? `count(*) FILTER (WHERE ${cond})` : 'count(*)';
  const sum = cond ? `sum(${src.weight}) FILTER (WHERE ${cond})` : `sum(${src.weight})`;
  return `CAST(coalesce(${sum}, 0) AS BIGINT)`;
}

/**
 * SQL: the number of distinct values of `x` (an expression of `src.column`) among records where
 * `cond` holds. Grouped rows of the bare column are already distinct: no hash table needed.
 */
export function distinctSql(src: ColumnSource, x: string, cond: string): string {
  return src.weight && x === src.column
    ? `count(*) FILTER (WHERE ${cond})`
    : `count(DISTINCT ${x}) FILTER (WHERE ${cond})`;
}

/** Name of the value table made for raw table `raw`; drop it with the raw table. */
export function valueTableName(raw: string): string {
  return `${raw}__values`;
}

/**
 * Create {@link valueTableName}(`raw`): rows (j, v, n) holding each distinct value v (NULL included)
 * of raw column `columns[k].raw` with its record count n, j = `columns[k].j`, in one statement.
 * The columns must share one type (the raw text columns are VARCHAR). Returns a source per column.
 * @throws UserError CANCELLED when aborted.
 */
export async function createValueTable(
  db: Db,
  raw: string,
  columns: ReadonlyArray<{ j: number; raw: string }>,
  opts: { signal?: AbortSignal; onProgress?: (fraction: number) => void } = {},
): Promise<Map<number, ColumnSource>> {
  const sources = new Map<number, ColumnSource>();
  if (columns.length === 0) return sources;
  const table = ident(valueTableName(raw));
  const parts = columns.map(
    (c) => `SELECT ${c.j} AS j, ${ident(c.raw)} AS v, count(*) AS n FROM ${ident(raw)} GROUP BY ${ident(c.raw)}`,
  );
  await runWithProgress(db, `CREATE OR REPLACE TEMP TABLE ${table} AS ${parts.join(' UNION ALL ')}`, opts);
  const counts = new Map(
    (await db.all<{ j: number; k: number }>(`SELECT j, count(*) AS k FROM ${table} GROUP BY j`)).map((r) => [
      Number(r.j),
      Number(r.k),
    ]),
  );
  for (const c of columns) {
    // The count column's name differs from the raw column's, whatever that is called.
    const weight = ident(`${c.raw}__n`);
    sources.set(c.j, {
      from: `(SELECT v AS ${ident(c.raw)}, n AS ${weight} FROM ${table} WHERE j = ${c.j})`,
      column: ident(c.raw),
      weight,
      values: counts.get(c.j) ?? 0,
    });
  }
  return sources;
}

/**
 * Test helper: read a clean CSV into a {@link Frame} with DuckDB's `read_csv`, without the product's
 * import engine (SPEC §2) — good enough for the shared datasets. Every cell is read as text, trimmed,
 * `?` and empty become null; a column whose values all parse as numbers becomes `integer` (all
 * integral) or `float`, anything else `categorical`. Files without a header get `column1`…`columnN`.
 */
import { openDb } from '../../src/engine/data/duck';
import type { Frame, FrameColumn } from '../../src/engine/data/frame';
import type { Cell } from '../../src/shared/model/data';

export interface LoadCsvOptions {
  /** Whether the first line holds names; sniffed by DuckDB when absent. */
  header?: boolean;
  delimiter?: string;
  /** Replacement column names, in order. */
  names?: string[];
}

const MISSING = new Set(['', '?']);

/** The file as a Frame (rows in file order). */
export async function loadCsv(file: string, options: LoadCsvOptions = {}): Promise<Frame> {
  const db = await openDb(':memory:', { threads: 1 });
  try {
    const args = ['all_varchar = true'];
    if (options.header !== undefined) args.push(`header = ${options.header}`);
    if (options.delimiter !== undefined) args.push(`delim = '${options.delimiter.replace(/'/g, "''")}'`);
    const reader = await db.connection.runAndReadAll(`SELECT * FROM read_csv(?, ${args.join(', ')})`, [file]);
    const rawNames = reader.columnNames();
    const rows = reader.getRows() as (string | null)[][];
    const noHeader = options.header === false;
    const columns: FrameColumn[] = rawNames.map((raw, j) => {
      const name = options.names?.[j] ?? (noHeader ? `column${j + 1}` : raw);
      const texts: (string | null)[] = rows.map((r) => {
        const v = r[j];
        if (v === null || v === undefined) return null;
        const t = String(v).trim();
        return MISSING.has(t) ? null : t;
      });
      const present = texts.filter((t): t is string => t !== null);
      const numeric = present.length > 0 && present.every((t) => t !== '' && Number.isFinite(Number(t)));
      if (numeric) {
        const values: Cell[] = texts.map((t) => (t === null ? null : Number(t)));
        const integral = values.every((v) => v === null || Number.isInteger(v));
        return { name, type: integral ? 'integer' : 'float', values };
      }
      return { name, type: 'categorical', values: texts };
    });
    return { rowCount: rows.length, columns };
  } finally {
    await db.close();
  }
}

/**
 * Reading the typed table back into JS: the whole table (or a slice) column by column as a
 * {@link Frame} for training and the reports, or rows as objects for the preview and
 * `modelwise profile --rows N`. Cells are plain: numbers, strings, booleans, dates as ISO
 * `YYYY-MM-DD` strings (date-times as `YYYY-MM-DDTHH:MM:SS`), and null for missing (NaN included).
 */
import type { Cell, ColumnInfo } from '../../shared/model/data';
import type { Db } from './duck';
import { ident } from './duck';
import type { Frame } from './frame';
import { isoDateSql } from './import-build';

/** SELECT list that makes every value arrive as a plain JS value (BIGINT as double: ≤ 15 digits). */
function selectList(columns: readonly ColumnInfo[]): string {
  return columns
    .map((c) => {
      const col = ident(c.name);
      switch (c.type) {
        case 'integer':
        case 'float':
          return `CAST(${col} AS DOUBLE) AS ${col}`;
        case 'date':
          return `${isoDateSql(col)} AS ${col}`;
        case 'boolean':
          return `CAST(${col} AS BOOLEAN) AS ${col}`;
        default:
          return `CAST(${col} AS VARCHAR) AS ${col}`;
      }
    })
    .join(', ');
}

function window(opts: { limit?: number; offset?: number }): string {
  const limit =
    opts.limit !== undefined
      ? ` LIMIT ${Math.max(0, Math.floor(opts.limit))}`
      : opts.offset
        ? ' LIMIT 9223372036854775807'
        : '';
  const offset = opts.offset ? ` OFFSET ${Math.max(0, Math.floor(opts.offset))}` : '';
  return limit + offset;
}

function cell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isNaN(v) ? null : v;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number(v);
  return String(v);
}

/**
 * The table (or `limit` rows from `offset`, in table order) as a Frame with `columns`' names and
 * types. Holds the selected rows in memory: callers page through big tables with `limit`.
 */
export async function readFrame(
  db: Db,
  table: string,
  columns: ColumnInfo[],
  opts: { limit?: number; offset?: number } = {},
): Promise<Frame> {
  if (columns.length === 0) {
    const [r] = await db.all<{ n: number }>(`SELECT count(*) AS n FROM (SELECT 1 FROM ${ident(table)}${window(opts)})`);
    return { rowCount: Number(r?.n ?? 0), columns: [] };
  }
  const reader = await db.connection.runAndReadAll(`SELECT ${selectList(columns)} FROM ${ident(table)}${window(opts)}`);
  const data = reader.getColumnsJS();
  const rowCount = reader.currentRowCount;
  return {
    rowCount,
    columns: columns.map((c, j) => {
      const src = data[j] ?? [];
      const values = new Array<Cell>(src.length);
      for (let i = 0; i < src.length; i++) values[i] = cell(src[i]);
      return { name: c.name, type: c.type, values };
    }),
  };
}

/** Rows `offset` … `offset + limit − 1` (table order) as objects keyed by column name. */
export async function readRows(
  db: Db,
  table: string,
  columns: ColumnInfo[],
  opts: { offset: number; limit: number },
): Promise<Record<string, Cell>[]> {
  if (columns.length === 0) return [];
  const reader = await db.connection.runAndReadAll(`SELECT ${selectList(columns)} FROM ${ident(table)}${window(opts)}`);
  return reader.getRowsJS().map((row) => {
    const out: Record<string, Cell> = {};
    columns.forEach((c, j) => {
      out[c.name] = cell(row[j]);
    });
    return out;
  });
}

/**
 * The import preview (SPEC §2: "The user sees a preview and the detected type of each column and can
 * override any of them"): the first rows of the typed table with the detected types, and for each
 * column the types it may be switched to. An override is applied by importing again with
 * `ImportOptions.columnTypes`, so every conversion goes through the same rules and is reported.
 */
import type { Cell, ColumnType, ImportSummary } from '../../shared/model/data';
import type { Db } from './duck';
import { readRows } from './read';

export interface ImportPreview {
  summary: ImportSummary;
  /** The first rows, as cells keyed by column name. */
  rows: Record<string, Cell>[];
  /** Per column, the types the user may choose (the detected one first). */
  typeChoices: Record<string, ColumnType[]>;
}

const ALL_TYPES: ColumnType[] = ['integer', 'float', 'boolean', 'date', 'categorical', 'text', 'identifier'];

/**
 * Types worth offering for a column detected as `type`: any column can be read as text, categorical
 * or identifier; numbers as the other number type; an integer with an Excel serial-date suggestion
 * also as a date. Types that could only turn every value missing are left out.
 */
export function typeChoices(type: ColumnType, suggestion?: string): ColumnType[] {
  const strings: ColumnType[] = ['categorical', 'text', 'identifier'];
  const extra: ColumnType[] =
    type === 'integer'
      ? ['float', 'boolean', ...(suggestion === 'excel_serial_date' ? (['date'] as const) : [])]
      : type === 'float'
        ? ['integer']
        : type === 'boolean'
          ? ['integer']
          : type === 'text' || type === 'categorical' || type === 'identifier'
            ? ['integer', 'float', 'date', 'boolean']
            : [];
  const out = [type, ...extra, ...strings];
  return ALL_TYPES.filter((t) => out.includes(t)).sort((a, b) => (a === type ? -1 : b === type ? 1 : 0));
}

/** Preview of an imported table: `rows` first rows (default 100) and the type choices. */
export async function previewImport(
  db: Db,
  table: string,
  summary: ImportSummary,
  opts: { rows?: number } = {},
): Promise<ImportPreview> {
  const rows = await readRows(db, table, summary.columns, { offset: 0, limit: opts.rows ?? 100 });
  const choices: Record<string, ColumnType[]> = {};
  for (const c of summary.columns) choices[c.name] = typeChoices(c.type, c.suggestion);
  return { summary, rows, typeChoices: choices };
}

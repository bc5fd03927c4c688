/**
 * Writing CSV for exports. Cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`,
 * tab, carriage return at the start — OWASP "CSV Injection") are prefixed with `'` when they are
 * text, so an exported file cannot execute anything when opened (SPEC §8). Numbers stay numbers.
 */
import type { Cell } from '../../shared/model/data';

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell as CSV text: quoted when needed, formula-like text neutralized, missing as empty. */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  let text = value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV line (no line terminator) from cells. */
export function csvLine(values: readonly Cell[]): string {
  return values.map(csvCell).join(',');
}

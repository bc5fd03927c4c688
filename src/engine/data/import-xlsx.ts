/**
 * `.xlsx` import (SPEC §2): the chosen (or first) sheet is streamed with exceljs' WorkbookReader —
 * bounded memory — into a UTF-8 CSV temp file, which then goes through the same typing as any CSV.
 * Cells with a date style arrive as dates and are written as ISO dates; plain numbers stay numbers
 * (integers that look like Excel serial days get a suggestion, not a silent conversion: C14).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Row } from 'exceljs';
import type ExcelJSModule from 'exceljs';
import type { ImportOptionsResolved, ImportSummary } from '../../shared/model/data';
import { UserError } from '../../shared/errors';
import type { Db } from './duck';
import type { TempDir } from './fileio';
import { CSV_STAGES, importCsv } from './import-csv';
import { inspectBytes } from './detect/inspect';
import { throwIfAborted } from './progress';
import type { ProgressTracker } from './progress';

export const XLSX_STAGES: Array<[string, number]> = [['sheet', 4], ...CSV_STAGES];

/** One cell as CSV text: ISO dates, formula results, rich text flattened, errors empty. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19);
  }
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as Array<{ text?: string }>).map((r) => r.text ?? '').join('');
    if ('result' in o) return cellText(o.result);
    if ('error' in o) return '';
    if (typeof o.text === 'string') return o.text;
    if ('formula' in o || 'sharedFormula' in o) return '';
  }
  return String(v);
}

function csvField(s: string): string {
  return /[",\r\n]|^\s|\s$/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

export interface SheetCsv {
  sheet: string;
  columns: number;
  /** Sheet row number of each physical line of the CSV (1-based lines → index line - 1). */
  rowOfLine: Int32Array;
  /** Leading rows that are titles above the table. */
  preamble: number;
  /** Some cell holds a line break. */
  multiline: boolean;
  /** Every sheet of the workbook, in workbook order. */
  sheets: string[];
}

/** Where the sheets come from: exceljs' streaming reader, or a workbook loaded whole. */
interface SheetSource {
  sheets: AsyncIterable<{ name: string; rows: AsyncIterable<Row> }>;
  /** Every sheet of the workbook in workbook order, once known (after reading). */
  listed(): string[];
}

type ExcelModule = typeof ExcelJSModule;

function streamedSheets(ExcelJS: ExcelModule, file: string): SheetSource {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    styles: 'cache',
    entries: 'ignore',
  });
  return {
    sheets: (async function* () {
      for await (const ws of reader)
        yield { name: (ws as unknown as { name?: string }).name ?? '', rows: ws as unknown as AsyncIterable<Row> };
    })(),
    listed: () =>
      ((reader as unknown as { model?: { sheets?: Array<{ name: string }> } }).model?.sheets ?? []).map((x) => x.name),
  };
}

async function loadedSheets(ExcelJS: ExcelModule, file: string): Promise<SheetSource> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return {
    sheets: (async function* () {
      for (const ws of wb.worksheets) {
        const rows: Row[] = [];
        ws.eachRow((row) => rows.push(row));
        yield {
          name: ws.name,
          rows: (async function* () {
            yield* rows;
          })(),
        };
      }
    })(),
    listed: () => wb.worksheets.map((ws) => ws.name),
  };
}

/**
 * exceljs' streaming reader fails when the workbook part (`xl/workbook.xml`) comes after the
 * worksheets in the zip — exceljs' own writer stores it last — with "Cannot read properties of
 * undefined (reading 'sheets')", intermittently on Node ≥ 18 (exceljs issue #3064).
 */
export function isWorkbookOrderRace(err: unknown): boolean {
  return err instanceof TypeError && /reading 'sheets'/.test(err.message);
}

/**
 * Stream sheet `wanted` (default: the first) of `file` into CSV `dest`. Where exceljs' streaming
 * reader trips over the order of the workbook's parts (see `isWorkbookOrderRace`), the workbook is
 * read whole instead: the same CSV, at the cost of holding the workbook in memory (`whole` asks
 * for that from the start).
 * @throws UserError SHEET_NOT_FOUND listing the sheets, FILE_UNREADABLE for a damaged workbook,
 *   CANCELLED.
 */
export async function sheetToCsv(
  file: string,
  dest: string,
  wanted: string | undefined,
  opts: { signal?: AbortSignal; onRows?: (rows: number) => void; whole?: boolean } = {},
): Promise<SheetCsv> {
  // Loaded on first use: the library costs ~20 MB of memory that CSV and Parquet imports never need.
  const ExcelJS = (await import('exceljs')).default;
  if (!opts.whole) {
    try {
      return await sheetSourceToCsv(streamedSheets(ExcelJS, file), file, dest, wanted, opts, true);
    } catch (err) {
      if (!isWorkbookOrderRace(err)) throw err;
    }
  }
  let source: SheetSource;
  try {
    source = await loadedSheets(ExcelJS, file);
  } catch (err) {
    throw new UserError('FILE_UNREADABLE', { file, reason: (err as Error).message });
  }
  return sheetSourceToCsv(source, file, dest, wanted, opts, false);
}

/**
 * Write sheet `wanted` of `source` to CSV `dest`. With `rethrowRace`, the streaming reader's
 * part-order failure is passed up as is (for `sheetToCsv` to read the workbook whole).
 */
async function sheetSourceToCsv(
  source: SheetSource,
  file: string,
  dest: string,
  wanted: string | undefined,
  opts: { signal?: AbortSignal; onRows?: (rows: number) => void },
  rethrowRace: boolean,
): Promise<SheetCsv> {
  const out = createWriteStream(dest);
  let rowOfLine: Int32Array = new Int32Array(1024);
  let lines = 0;
  let columns = 0;
  let multiline = false;
  let found: string | null = null;
  const filledHead: number[] = [];
  const emitted: string[] = [];
  try {
    for await (const ws of source.sheets) {
      const name = ws.name;
      emitted.push(name);
      if (found !== null || (wanted !== undefined && name !== wanted)) continue;
      found = name;
      let lastRow = 0;
      let buf = '';
      for await (const row of ws.rows) {
        throwIfAborted(opts.signal);
        // Rows absent from the sheet are blank lines, so notes under a table stay separated.
        for (let r = lastRow + 1; r < row.number; r++) {
          buf += '\n';
          if (lines >= rowOfLine.length) rowOfLine = grow(rowOfLine);
          rowOfLine[lines++] = r;
        }
        lastRow = row.number;
        const values = row.values as unknown[];
        const cells: string[] = [];
        let filled = 0;
        for (let c = 1; c < values.length; c++) {
          const t = cellText(values[c]);
          if (t !== '') filled++;
          if (/[\r\n]/.test(t)) multiline = true;
          cells.push(csvField(t));
        }
        while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
        columns = Math.max(columns, cells.length);
        if (filled > 0 && filledHead.length < 20) filledHead.push(filled);
        const text = cells.join(',');
        buf += text + '\n';
        const newlines = multiline ? (text.match(/\r\n|\r|\n/g)?.length ?? 0) : 0;
        for (let k = 0; k <= newlines; k++) {
          if (lines >= rowOfLine.length) rowOfLine = grow(rowOfLine);
          rowOfLine[lines++] = row.number;
        }
        if (buf.length > 1 << 20) {
          if (!out.write(buf)) await once(out, 'drain');
          buf = '';
          opts.onRows?.(row.number);
        }
      }
      if (!out.write(buf)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
  } catch (err) {
    out.destroy();
    if (err instanceof UserError || (rethrowRace && isWorkbookOrderRace(err))) throw err;
    throw new UserError('FILE_UNREADABLE', { file, reason: (err as Error).message });
  }
  const listed = source.listed();
  const sheets = listed.length ? listed : emitted;
  if (found === null) {
    if (wanted !== undefined)
      throw new UserError('SHEET_NOT_FOUND', { file, sheet: wanted, sheets: sheets.join(', ') });
    throw new UserError('FILE_EMPTY', { file });
  }
  // Titles above the table fill few of its columns.
  const need = Math.max(2, Math.ceil(columns / 2));
  let preamble = filledHead.findIndex((f) => f >= need);
  if (preamble < 0 || preamble > 10) preamble = 0;
  return { sheet: found, columns, rowOfLine: rowOfLine.subarray(0, lines), preamble, multiline, sheets };
}

function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/**
 * Import sheet `options.sheet` (or the first) of an `.xlsx` file into `ctx.table`. The summary's
 * `sheets` lists every sheet of the workbook, so the user can choose another.
 * @throws UserError SHEET_NOT_FOUND, FILE_UNREADABLE, FILE_EMPTY, CANCELLED.
 */
export async function importXlsx(
  db: Db,
  file: string,
  options: ImportOptionsResolved,
  ctx: { table: string; signal?: AbortSignal; tracker: ProgressTracker; tmp: TempDir },
): Promise<ImportSummary> {
  ctx.tracker.stage('sheet');
  const csv = ctx.tmp.file('sheet.csv');
  const sheet = await sheetToCsv(file, csv, options.sheet, {
    signal: ctx.signal,
    onRows: (n) => ctx.tracker.update(0.5, n),
  });
  const summary = await importCsv(
    db,
    csv,
    { ...options, encoding: 'utf-8', delimiter: ',', quote: '"', escape: '"' },
    {
      ...ctx,
      fromSheet: {
        file,
        sheet: sheet.sheet,
        columns: sheet.columns,
        preamble: sheet.preamble,
        multiline: sheet.multiline,
        rowOfLine: (line) => sheet.rowOfLine[line - 1] ?? line,
      },
    },
  );
  const facts = await inspectBytes(file, { signal: ctx.signal });
  return { ...summary, sheets: sheet.sheets, sha256: facts.sha256, sizeBytes: facts.size };
}

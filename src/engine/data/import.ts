/**
 * Import a data file into a typed DuckDB table (SPEC §2): CSV/TSV/any one-character delimiter,
 * `.xlsx` (first or chosen sheet) and Parquet. The original file is only ever read.
 */
import type { ImportOptions, ImportSummary } from '../../shared/model/data';
import { ImportOptionsSchema } from '../../shared/model/data';
import { UserError } from '../../shared/errors';
import type { Db } from './duck';
import { ident } from './duck';
import { knownBinary } from './detect/binary';
import { valueTableName } from './detect/values';
import { createTempDir, fileSize, readBytes } from './fileio';
import { CSV_STAGES, importCsv } from './import-csv';
import { importParquet } from './import-parquet';
import { importXlsx, XLSX_STAGES } from './import-xlsx';
import { ProgressTracker } from './progress';
import type { ProgressCallback } from './progress';

export interface ImportContext {
  /** Name of the typed table to create (replaced if it exists). */
  table: string;
  signal?: AbortSignal;
  /** Overall progress: fraction in [0, 1], seconds left, data rows read so far. */
  onProgress?: ProgressCallback;
}

/** Bytes at each end of a ZIP archive searched for the entries of an Excel workbook. */
const ZIP_PROBE_BYTES = 64 << 10;

/**
 * File format from the options, else the file's first bytes, else its extension. A ZIP archive not
 * named .xlsx is a workbook only when it holds `xl/` entries (their names are in the local headers
 * at the start and in the central directory at the end).
 * @throws UserError FORMAT_UNSUPPORTED for legacy .xls, office documents, archives, images and
 *   other files with a known non-text signature.
 */
export async function detectFormat(
  file: string,
  forced?: ImportOptions['format'],
): Promise<'csv' | 'xlsx' | 'parquet'> {
  if (forced) return forced;
  const head = await readBytes(file, 0, 16);
  const magic = head.subarray(0, 4);
  if (magic.toString('latin1') === 'PAR1') return 'parquet';
  if (magic[0] === 0x50 && magic[1] === 0x4b && /\.(xlsx|xlsm)$/i.test(file)) return 'xlsx';
  if (magic[0] === 0x50 && magic[1] === 0x4b && magic[2] === 0x03 && magic[3] === 0x04) {
    if (/\.(zip|gz|docx|pptx|ods)$/i.test(file))
      throw new UserError('FORMAT_UNSUPPORTED', { file, reason: 'compressed or office document' });
    const size = await fileSize(file);
    const ends = Buffer.concat([
      await readBytes(file, 0, ZIP_PROBE_BYTES),
      await readBytes(file, Math.max(0, size - ZIP_PROBE_BYTES), ZIP_PROBE_BYTES),
    ]);
    if (ends.includes('xl/workbook') || ends.includes('xl/worksheets/')) return 'xlsx';
    throw new UserError('FORMAT_UNSUPPORTED', { file, reason: 'a ZIP archive, not an Excel workbook' });
  }
  if (magic[0] === 0xd0 && magic[1] === 0xcf)
    throw new UserError('FORMAT_UNSUPPORTED', { file, reason: 'legacy .xls workbook; save it as .xlsx' });
  const binary = knownBinary(head);
  if (binary) throw new UserError('FORMAT_UNSUPPORTED', { file, reason: binary });
  if (/\.parquet$/i.test(file)) return 'parquet';
  return 'csv';
}

/**
 * Import `file` into DuckDB table `ctx.table`, typed: BIGINT (integer), DOUBLE (float), BOOLEAN,
 * DATE (TIMESTAMP for date-times), VARCHAR (text, categorical, identifier). The logical types are in the summary's `columns`.
 * Memory stays bounded: rows are never all held in JS; non-UTF-8 text is converted by streaming.
 * Temp files are removed, and on failure or cancel no partial table is left behind.
 * @throws UserError FILE_NOT_FOUND, FILE_UNREADABLE, FILE_EMPTY, FORMAT_UNSUPPORTED, BAD_ROW (when
 *   `options.onBadRow` is 'stop'), SHEET_NOT_FOUND, SETTING_INVALID, CANCELLED.
 */
export async function importFile(
  db: Db,
  file: string,
  options: ImportOptions,
  ctx: ImportContext,
): Promise<ImportSummary> {
  const parsed = ImportOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError('SETTING_INVALID', {
      setting: issue?.path.join('.') ?? 'options',
      reason: issue?.message ?? 'invalid',
    });
  }
  const opts = parsed.data;
  await fileSize(file);
  const format = await detectFormat(file, opts.format);
  const tmp = await createTempDir();
  const raw = `${ctx.table}__raw`;
  try {
    if (format === 'parquet') {
      const tracker = new ProgressTracker(
        [
          ['read', 3],
          ['infer', 1],
          ['build', 1],
          ['facts', 1],
        ],
        ctx.onProgress,
      );
      return await importParquet(db, file, opts, { table: ctx.table, signal: ctx.signal, tracker });
    }
    if (format === 'xlsx') {
      const tracker = new ProgressTracker(XLSX_STAGES, ctx.onProgress);
      return await importXlsx(db, file, opts, { table: ctx.table, signal: ctx.signal, tracker, tmp });
    }
    const tracker = new ProgressTracker(CSV_STAGES, ctx.onProgress);
    return await importCsv(db, file, opts, { table: ctx.table, signal: ctx.signal, tracker, tmp });
  } catch (err) {
    await db.run(`DROP TABLE IF EXISTS ${ident(ctx.table)}`).catch(() => undefined);
    throw err;
  } finally {
    await db.run(`DROP TABLE IF EXISTS ${ident(raw)}`).catch(() => undefined);
    await db.run(`DROP TABLE IF EXISTS ${ident(valueTableName(raw))}`).catch(() => undefined);
    await tmp.dispose();
  }
}

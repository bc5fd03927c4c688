/**
 * Delimited text import (CSV, TSV, any one-character delimiter), SPEC §2. The pipeline:
 *
 * 1. bytes: SHA-256, strict UTF-8 check and line count in one native-speed pass (`inspect.ts`);
 * 2. encoding: BOM → UTF-16 NUL pattern → strict UTF-8 → chardet; anything but clean UTF-8 is
 *    streamed into a UTF-8 temp file (`encoding.ts`);
 * 3. dialect and header on the first megabyte: DuckDB's `sniff_csv` proposes, `dialect.ts` decides;
 *    For text whose first megabyte is clean UTF-8, steps 1 and 4 run at the same time (DuckDB reads on
 *    its threads while the bytes are hashed); a late invalid byte sends the file to conversion;
 * 4. DuckDB reads every field as VARCHAR with that dialect in strict mode. If it refuses (ragged rows,
 *    stray quotes, undecodable bytes), `scan.ts` finds every bad record with its line; short rows are
 *    padded, bad ones skipped (or the import stops), and DuckDB reads again;
 * 5. notes under the table (a footer after a blank line) are dropped;
 * 6. `infer.ts` types each column over all its values (a column with repeats through its distinct
 *    values and their counts, `values.ts`); `import-build.ts` writes the typed table (after the value
 *    table is dropped, which lowers the peak memory).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import iconv from 'iconv-lite';
import type { DataWarning, ImportOptionsResolved, ImportSummary } from '../../shared/model/data';
import { DEFAULT_MISSING_MARKERS } from '../../shared/model/data';
import { UserError } from '../../shared/errors';
import type { Db } from './duck';
import { ident, literal, runWithProgress } from './duck';
import { fileSize, forEachChunk, readBytes } from './fileio';
import type { TempDir } from './fileio';
import { knownBinary, looksBinary, TEXT_PROBE_CHARS } from './detect/binary';
import { lineTerminatorOf, parseRecords } from './detect/csvtext';
import type { Dialect, ParsedRecord } from './detect/csvtext';
import { detectDialect, detectHeader } from './detect/dialect';
import {
  encodingSupported,
  guessLegacyEncoding,
  mostlyUtf8,
  normalizeEncoding,
  sniffBom,
  sniffUtf16,
  transcodeToUtf8,
  utf8Stats,
} from './detect/encoding';
import { inferColumns, missingSql } from './detect/infer';
import { valueTableName } from './detect/values';
import type { ColumnPlan } from './detect/infer';
import { detectFooter, footerWarning, inspectBytes, physicalLines } from './detect/inspect';
import type { ByteFacts } from './detect/inspect';
import { defaultNames, uniqueNames } from './detect/names';
import { issueReason, scanFile } from './detect/scan';
import type { RecordIssue } from './detect/scan';
import { buildTypedTable, castSql, columnFacts, distinctFromValues, resolveWarnings } from './import-build';
import { isCancellation, throwIfAborted } from './progress';
import type { ProgressTracker } from './progress';
import { dataWarning, lineParams } from './warn';

const HEAD_BYTES = 1 << 20;

/** What the xlsx reader knows about the CSV it wrote from a sheet. */
export interface SheetSource {
  /** The workbook, reported as the file. */
  file: string;
  sheet: string;
  /** Widest row: rows leave out trailing empty cells, so they are padded, not "short". */
  columns: number;
  /** Title rows above the table. */
  preamble: number;
  /** Some cell holds a line break. */
  multiline: boolean;
  /** Sheet row of a CSV line. */
  rowOfLine: (line: number) => number;
}

export interface CsvImportContext {
  table: string;
  signal?: AbortSignal;
  tracker: ProgressTracker;
  tmp: TempDir;
  /** Set when the CSV was written from an xlsx sheet. */
  fromSheet?: SheetSource;
}

/** Stages of the CSV pipeline and their share of the work, for {@link ProgressTracker}. */
export const CSV_STAGES: Array<[string, number]> = [
  ['inspect', 1],
  ['convert', 1],
  ['read', 4],
  ['scan', 1],
  ['reread', 3],
  ['infer', 2],
  ['build', 2],
  ['facts', 1],
];

interface Encoding {
  encoding: string;
  bom: boolean;
  bomLength: number;
  /** The original bytes can go to DuckDB as they are. */
  direct: boolean;
}

async function decideEncoding(
  file: string,
  head: Buffer,
  facts: ByteFacts,
  forced: string | undefined,
): Promise<Encoding> {
  const bom = sniffBom(head);
  if (forced) {
    const enc = normalizeEncoding(forced);
    if (!encodingSupported(enc))
      throw new UserError('SETTING_INVALID', { setting: 'encoding', reason: `unknown encoding ${forced}` });
    const bomMatches = bom !== null && bom.encoding === enc;
    return {
      encoding: enc,
      bom: bomMatches,
      bomLength: bomMatches ? bom.length : 0,
      direct: enc === 'utf-8' && facts.utf8,
    };
  }
  if (bom && bom.encoding !== 'utf-8')
    return { encoding: bom.encoding, bom: true, bomLength: bom.length, direct: false };
  const utf16 = bom ? null : sniffUtf16(head);
  if (utf16) return { encoding: utf16, bom: false, bomLength: 0, direct: false };
  if (facts.utf8) return { encoding: 'utf-8', bom: bom !== null, bomLength: bom?.length ?? 0, direct: true };
  // Not strict UTF-8: a few damaged bytes in UTF-8 text, or a legacy encoding? Look where it broke.
  const around = facts.firstInvalidChunk >= 0 ? await readBytes(file, facts.firstInvalidChunk, HEAD_BYTES) : head;
  const stats = utf8Stats(around);
  const headStats = utf8Stats(head);
  if (
    mostlyUtf8({
      multibyte: stats.multibyte + headStats.multibyte,
      invalid: stats.invalid + headStats.invalid,
      firstInvalid: -1,
    })
  ) {
    return { encoding: 'utf-8', bom: bom !== null, bomLength: bom?.length ?? 0, direct: false };
  }
  // chardet reads the bytes around the first non-ASCII ones best.
  const firstHigh = around.findIndex((b) => b >= 0x80);
  const sample = around.subarray(Math.max(0, firstHigh - 4096), firstHigh - 4096 + (256 << 10));
  const guess = guessLegacyEncoding(sample.length > 0 ? sample : around);
  return { encoding: guess.encoding, bom: false, bomLength: 0, direct: false };
}

function duckDialectArgs(d: Dialect): string {
  const q = d.quote ? literal(d.quote) : "''";
  const e = d.escape ? literal(d.escape) : "''";
  return `delim = ${literal(d.delimiter)}, quote = ${q}, escape = ${e}`;
}

/** DuckDB's own dialect proposal (its sniffer reads a sample); null when it gives up. */
async function sniff(db: Db, file: string): Promise<{ dialect: Partial<Dialect>; header?: boolean } | null> {
  try {
    const rows = await db.all<{ Delimiter: string; Quote: string; Escape: string; HasHeader: boolean }>(
      `SELECT Delimiter, Quote, Escape, HasHeader FROM sniff_csv(${literal(file)}, sample_size = 2048, ignore_errors = true)`,
    );
    const r = rows[0];
    if (!r) return null;
    const clean = (s: string) => (s === '(empty)' ? '' : s);
    return {
      dialect: { delimiter: clean(r.Delimiter), quote: clean(r.Quote), escape: clean(r.Escape) },
      header: r.HasHeader,
    };
  } catch {
    return null;
  }
}

/** Copy `src` to `dest` leaving out byte ranges `skip` (sorted, non-overlapping). */
async function copyWithout(
  src: string,
  dest: string,
  skip: ReadonlyArray<{ start: number; end: number }>,
  signal?: AbortSignal,
): Promise<void> {
  const out = createWriteStream(dest);
  let k = 0;
  try {
    await forEachChunk(
      src,
      async (chunk, offset) => {
        let pos = 0;
        const end = chunk.length;
        while (pos < end) {
          while (k < skip.length && skip[k]!.end <= offset + pos) k++;
          const s = skip[k];
          if (!s || s.start >= offset + end) {
            if (!out.write(Buffer.from(chunk.subarray(pos)))) await once(out, 'drain');
            break;
          }
          if (s.start > offset + pos) {
            if (!out.write(Buffer.from(chunk.subarray(pos, s.start - offset)))) await once(out, 'drain');
          }
          pos = Math.min(end, s.end - offset);
        }
      },
      { signal },
    );
    out.end();
    await once(out, 'finish');
  } catch (err) {
    out.destroy();
    throw err;
  }
}

function fieldCountMode(records: readonly ParsedRecord[]): number {
  const counts = new Map<number, number>();
  for (const r of records) counts.set(r.fields.length, (counts.get(r.fields.length) ?? 0) + 1);
  let best = 0;
  let bestN = -1;
  for (const [f, n] of counts) if (n > bestN) [best, bestN] = [f, n];
  return best;
}

interface Layout {
  dialect: Dialect;
  headText: string;
  records: ParsedRecord[];
  headerIndex: number;
  preamble: number;
  columnCount: number;
  names: string[];
  rawNames: string[];
  originalNames: Array<string | undefined>;
  skipLines: number;
  dataStartRecord: number;
  warnings: DataWarning[];
}

/**
 * Dialect, header row, column count and names from the first megabyte of the UTF-8 file `work`.
 * @throws UserError FILE_EMPTY, SETTING_INVALID (headerRow, names).
 */
async function detectLayout(
  db: Db,
  work: string,
  workStart: number,
  workBytes: number,
  options: ImportOptionsResolved,
  markers: readonly string[],
  reportFile: string,
  sheet: SheetSource | undefined,
): Promise<Layout> {
  const warnings: DataWarning[] = [];
  const headText = (await readBytes(work, workStart, HEAD_BYTES)).toString('utf8').replace(/^\ufeff/, '');
  const final = workStart + HEAD_BYTES >= workBytes;
  const sniffed = sheet || options.delimiter ? null : await sniff(db, work);
  const dialect: Dialect = sheet
    ? { delimiter: ',', quote: '"', escape: '"' }
    : detectDialect(headText, {
        final,
        delimiter: options.delimiter,
        quote: options.quote,
        escape: options.escape,
        sniffed: sniffed?.dialect,
      }).dialect;
  const records = parseRecords(headText, dialect, { final, maxRecords: 2000 }).records;
  if (records.length === 0) throw new UserError('FILE_EMPTY', { file: reportFile });
  const lineNo = (line: number) => (sheet ? sheet.rowOfLine(line) : line);
  let headerIndex: number;
  let preamble: number;
  if (options.headerRow !== undefined) {
    const at = records.findIndex((r) => lineNo(r.line) >= options.headerRow!);
    if (at < 0)
      throw new UserError('SETTING_INVALID', {
        setting: 'headerRow',
        reason: `row ${options.headerRow} is past the data`,
      });
    preamble = at;
    headerIndex = options.header === false ? -1 : at;
  } else {
    const start = sheet ? Math.min(sheet.preamble, records.length - 1) : 0;
    const body = records.slice(start);
    const fields = sheet ? sheet.columns : fieldCountMode(body.slice(1)) || body[0]!.fields.length;
    const h = detectHeader(body, fields, markers, sniffed?.header);
    preamble = start + h.preamble;
    headerIndex =
      options.header === undefined ? (h.headerIndex >= 0 ? start + h.headerIndex : -1) : options.header ? preamble : -1;
  }
  if (preamble > 0) {
    const first = lineNo(records[0]!.line);
    const last = lineNo(records[preamble - 1]!.endLine);
    warnings.push(
      dataWarning(
        'preamble_skipped',
        { first, last, count: last - first + 1 },
        { fileLines: records.slice(0, preamble).map((r) => lineNo(r.line)), severity: 'info' },
      ),
    );
  }
  const firstData = headerIndex >= 0 ? headerIndex + 1 : preamble;
  const dataSample = records.slice(firstData);
  const headerFields = headerIndex >= 0 ? records[headerIndex]!.fields : [];
  const dataFields = sheet ? sheet.columns : dataSample.length ? fieldCountMode(dataSample) : headerFields.length;
  let columnCount = Math.max(dataFields, 1);
  let rawNames = headerFields.slice();
  if (headerIndex >= 0) {
    if (!sheet && rawNames.length > dataFields && rawNames.slice(dataFields).every((n) => n.trim() === '')) {
      warnings.push(
        dataWarning(
          'header_trailing_delimiter',
          { line: lineNo(records[headerIndex]!.line), header_fields: rawNames.length, data_fields: dataFields },
          { fileLines: [lineNo(records[headerIndex]!.line)] },
        ),
      );
      rawNames = rawNames.slice(0, dataFields);
    }
    columnCount = Math.max(rawNames.length, dataFields, 1);
  }
  while (rawNames.length < columnCount) rawNames.push('');
  let names: string[];
  let originalNames: Array<string | undefined> = [];
  if (headerIndex >= 0) {
    const named = uniqueNames(rawNames);
    names = named.names;
    originalNames = named.originalNames;
    warnings.push(...named.warnings);
  } else names = defaultNames(columnCount);
  if (options.names) {
    if (options.names.length !== columnCount) {
      throw new UserError('SETTING_INVALID', {
        setting: 'names',
        reason: `${options.names.length} names given for ${columnCount} columns`,
      });
    }
    const renamed = uniqueNames(options.names).names;
    originalNames = renamed.map((n, j) => (headerIndex >= 0 && n !== rawNames[j] ? rawNames[j] : undefined));
    names = renamed;
  }
  const skipLines =
    firstData < records.length ? records[firstData]!.line - 1 : headerIndex >= 0 ? records[headerIndex]!.endLine : 0;
  return {
    dialect,
    headText,
    records,
    headerIndex,
    preamble,
    columnCount,
    names,
    rawNames,
    originalNames,
    skipLines,
    dataStartRecord: firstData,
    warnings,
  };
}

/** Longest record DuckDB reads (bytes): a cell may hold a whole document. */
const MAX_LINE_BYTES = 64 << 20;

function rawReadSql(path: string, raw: string, layout: Layout, markers: readonly string[], extra: string): string {
  const cols = Array.from({ length: layout.columnCount }, (_, j) => `${literal(`c${j}`)}: 'VARCHAR'`).join(', ');
  // Empty fields are NULL unless the user took '' off the missing markers.
  const nullArg = markers.includes('') ? '' : ", nullstr = '\u0001'";
  // With a large max_line_size and no buffer_size, DuckDB picks buffers so large that a 150 MB file
  // is read by one thread (measured: 1.25 s against 0.72 s on 2 cores with buffers of the line size).
  return (
    `CREATE OR REPLACE TEMP TABLE ${ident(raw)} AS SELECT * FROM read_csv(${literal(path)}, columns = {${cols}}, auto_detect = false, header = false, ` +
    `skip = ${layout.skipLines}, ${duckDialectArgs(layout.dialect)}, max_line_size = ${MAX_LINE_BYTES}, buffer_size = ${MAX_LINE_BYTES}${nullArg}${extra})`
  );
}

/**
 * Refuse binary data (random bytes, a renamed image) that a decoding guess would turn into mojibake:
 * the first kilobyte of `head` after the BOM, decoded as `encoding`, must look like text.
 * @throws UserError FORMAT_UNSUPPORTED.
 */
function refuseBinary(file: string, head: Buffer, encoding: string, bomLength: number): void {
  // Four bytes per character at most: enough bytes for the characters inspected.
  const bytes = head.subarray(bomLength, bomLength + 4 * TEXT_PROBE_CHARS);
  const text = encoding === 'utf-8' ? bytes.toString('utf8') : iconv.decode(bytes, encoding);
  if (looksBinary(text)) throw new UserError('FORMAT_UNSUPPORTED', { file, reason: 'binary data, not text' });
}

/** The head is plain UTF-8 (no UTF-16 signs, no invalid byte): DuckDB may start reading at once. */
function headLooksUtf8(head: Buffer, forced: string | undefined): boolean {
  if (forced) return normalizeEncoding(forced) === 'utf-8';
  const bom = sniffBom(head);
  if (bom && bom.encoding !== 'utf-8') return false;
  if (!bom && sniffUtf16(head)) return false;
  return utf8Stats(head).invalid === 0;
}

/**
 * Import a delimited text file into `ctx.table`. See the module comment for the steps.
 * @throws UserError FILE_EMPTY, FORMAT_UNSUPPORTED (binary data), BAD_ROW (onBadRow 'stop'),
 *   SETTING_INVALID (names, encoding, headerRow), CANCELLED, FILE_UNREADABLE.
 */
export async function importCsv(
  db: Db,
  file: string,
  options: ImportOptionsResolved,
  ctx: CsvImportContext,
): Promise<ImportSummary> {
  const { tracker, signal, tmp } = ctx;
  const sheet = ctx.fromSheet;
  const reportFile = sheet?.file ?? file;
  const markers = options.missingMarkers ?? [...DEFAULT_MISSING_MARKERS];
  const raw = `${ctx.table}__raw`;
  const lineNo = (line: number) => (sheet ? sheet.rowOfLine(line) : line);

  // 1–3. Bytes, encoding, layout, and the strict read. For text that starts as clean UTF-8, DuckDB
  // reads while the bytes are hashed and checked; a late invalid byte sends it to conversion.
  tracker.stage('inspect');
  const size = await fileSize(file);
  if (size === 0) throw new UserError('FILE_EMPTY', { file: reportFile });
  const head = await readBytes(file, 0, HEAD_BYTES);
  let work = file;
  let workStart = sniffBom(head)?.encoding === 'utf-8' ? 3 : 0;
  let workBytes = size;
  let replacements = 0;
  let facts: ByteFacts;
  let enc: Encoding;
  let layout: Layout;
  let strictOk = false;
  const strictRead = async (path: string, l: Layout): Promise<boolean> => {
    if (sheet) {
      // Our own CSV: well-formed; rows only end early where trailing cells are empty.
      await runWithProgress(
        db,
        rawReadSql(
          path,
          raw,
          l,
          markers,
          `, strict_mode = false, null_padding = true${sheet.multiline ? ', parallel = false' : ''}`,
        ),
        {
          signal,
          onProgress: (f) => tracker.update(f),
        },
      );
      return true;
    }
    try {
      await runWithProgress(db, rawReadSql(path, raw, l, markers, ', strict_mode = true'), {
        signal,
        onProgress: (f) => tracker.update(f),
      });
      return true;
    } catch (err) {
      if (isCancellation(err)) throw err;
      return false;
    }
  };
  if (!sheet) {
    const signature = knownBinary(head);
    if (signature) throw new UserError('FORMAT_UNSUPPORTED', { file, reason: signature });
  }
  if (sheet || headLooksUtf8(head, options.encoding)) {
    if (!sheet) refuseBinary(file, head, 'utf-8', workStart);
    layout = await detectLayout(db, work, workStart, workBytes, options, markers, reportFile, sheet);
    tracker.stage('read');
    const [f, ok] = await Promise.allSettled([inspectBytes(file, { signal }), strictRead(work, layout)]);
    if (f.status === 'rejected') throw f.reason;
    if (ok.status === 'rejected') throw ok.reason;
    facts = f.value;
    strictOk = ok.value;
    enc = sheet
      ? { encoding: 'utf-8', bom: false, bomLength: 0, direct: true }
      : await decideEncoding(file, head, facts, options.encoding);
  } else {
    facts = await inspectBytes(file, { signal, onBytes: (b) => tracker.update(b / size) });
    enc = await decideEncoding(file, head, facts, options.encoding);
    refuseBinary(file, head, enc.encoding, enc.bomLength);
    layout = undefined as unknown as Layout;
  }
  if (enc.direct && !layout) {
    layout = await detectLayout(db, work, workStart, workBytes, options, markers, reportFile, sheet);
    tracker.stage('read');
    strictOk = await strictRead(work, layout);
  }
  if (enc.direct) tracker.skip('convert');
  if (strictOk) tracker.skip('scan', 'reread');
  let lines = physicalLines(facts);
  if (!enc.direct) {
    await db.run(`DROP TABLE IF EXISTS ${ident(raw)}`);
    tracker.stage('convert');
    work = tmp.file('utf8.csv');
    const r = await transcodeToUtf8(file, work, enc.encoding, {
      start: enc.bomLength,
      signal,
      onBytes: (b) => tracker.update(b / size),
    });
    replacements = r.replacements;
    workStart = 0;
    const converted = await inspectBytes(work, { signal });
    lines = physicalLines(converted);
    workBytes = converted.size;
    layout = await detectLayout(db, work, workStart, workBytes, options, markers, reportFile, sheet);
    tracker.stage('read');
    strictOk = replacements === 0 && (await strictRead(work, layout));
    if (strictOk) tracker.skip('scan', 'reread');
  }
  const { dialect, columnCount, names, rawNames, originalNames, headerIndex, records } = layout;
  const warnings: DataWarning[] = [...layout.warnings];

  // 5. Notes under the table (before the scan, so they are not reported as ragged rows).
  const footer = await detectFooter(work, workBytes, dialect, columnCount, lines);
  if (footer) warnings.push(footerWarning({ ...footer, fileLines: footer.fileLines.map(lineNo) }));
  const footerLines = new Set(footer?.fileLines ?? []);

  // 4b. DuckDB refused: find every bad record, then pad, skip or stop, and read again.
  let issues: RecordIssue[] = [];
  let skipped: RecordIssue[] = [];
  let footerExcluded = 0;
  if (!strictOk) {
    tracker.stage('scan');
    const scan = await scanFile(work, {
      ...dialect,
      start: workStart,
      expectedFields: columnCount,
      dataStartRecord: layout.dataStartRecord,
      flagReplacement: replacements > 0,
      signal,
      onProgress: (b, n) => tracker.update(b / workBytes, Math.max(0, n - layout.dataStartRecord)),
    });
    if (scan.issueCount > scan.issues.length) {
      throw new UserError('FILE_UNREADABLE', {
        file: reportFile,
        reason: `more than ${scan.issues.length} malformed rows; check the delimiter and quote settings`,
      });
    }
    issues = scan.issues.filter((i) => !footerLines.has(i.line));
    skipped = issues.filter((i) => i.kind !== 'short_row' && i.kind !== 'blank_with_spaces');
    if (options.onBadRow === 'stop' && skipped.length > 0) {
      const b = skipped[0]!;
      throw new UserError('BAD_ROW', {
        file: reportFile,
        line: lineNo(b.line),
        reason: issueReason(b, columnCount),
        ...(b.column !== undefined ? { column: names[b.column] ?? `column${b.column + 1}` } : {}),
      });
    }
    const exclude = scan.issues.filter((i) => i.kind !== 'short_row').map((i) => ({ start: i.start, end: i.end }));
    let source = work;
    if (exclude.length) {
      source = tmp.file('clean.csv');
      await copyWithout(work, source, exclude, signal);
    }
    // Footer lines stay in the input (they are deleted as the last rows below) unless unreadable.
    const short = scan.issues.some((i) => i.kind === 'short_row');
    footerExcluded = scan.issues.filter((i) => footerLines.has(i.line) && i.kind !== 'short_row').length;
    tracker.stage('reread');
    try {
      const extra = `, strict_mode = false${short ? ', null_padding = true' : ''}${short && scan.quotedNewlines ? ', parallel = false' : ''}`;
      await runWithProgress(db, rawReadSql(source, raw, layout, markers, extra), {
        signal,
        onProgress: (f) => tracker.update(f),
      });
    } catch (err) {
      if (isCancellation(err)) throw err;
      throw new UserError('FILE_UNREADABLE', {
        file: reportFile,
        reason: (err as Error).message.split('\n')[0] ?? 'read failed',
      });
    }
  }
  throwIfAborted(signal);
  reportIssues(issues, names, columnCount, warnings, (i) => lineNo(i.line));

  // Footer rows are the last rows read.
  const [count] = await db.all<{ n: number }>(`SELECT count(*) AS n FROM ${ident(raw)}`);
  if (Number(count?.n ?? 0) - (footer ? footer.rows - footerExcluded : 0) <= 0)
    throw new UserError('FILE_EMPTY', { file: reportFile });
  if (footer && footer.rows > footerExcluded) {
    await db.run(
      `DELETE FROM ${ident(raw)} WHERE rowid >= ${Math.max(0, Number(count?.n ?? 0) - (footer.rows - footerExcluded))}`,
    );
  }

  // 6. Types, typed table, facts.
  tracker.stage('infer');
  const inferred = await inferColumns(
    db,
    raw,
    names.map((name, j) => ({ raw: `c${j}`, name })),
    {
      markers,
      overrides: options.columnTypes,
      decimalMark: options.decimalMark,
      thousandsMark: options.thousandsMark,
      signal,
      onProgress: (f) => tracker.update(f),
    },
  );
  warnings.push(...inferred.warnings);
  // An unnamed column that no row fills is an artefact of trailing delimiters.
  const plans = inferred.plans.filter((p, j) => {
    const phantom = headerIndex >= 0 && rawNames[j]!.trim() === '' && p.reason === 'empty';
    if (phantom) {
      warnings.push(dataWarning('empty_unnamed_column', { position: j, number: j + 1 }, { severity: 'info' }));
    }
    return !phantom;
  });
  throwIfAborted(signal);
  tracker.stage('build');
  const exactDistinct = await distinctFromValues(db, plans, inferred.sources);
  await db.run(`DROP TABLE IF EXISTS ${ident(valueTableName(raw))}`);
  await buildTypedTable(db, raw, ctx.table, plans, { signal, onProgress: (f) => tracker.update(f) });
  warnings.push(...(await overrideLosses(db, raw, plans)));
  await db.run(`DROP TABLE IF EXISTS ${ident(raw)}`);
  tracker.stage('facts');
  const factsOut = await columnFacts(db, ctx.table, plans, { signal, exactDistinct });
  const infoColumns = factsOut.columns.map((c) => {
    const j = names.indexOf(c.name);
    const original = j >= 0 ? originalNames[j] : undefined;
    return original !== undefined && original !== c.name ? { ...c, originalName: original } : c;
  });
  tracker.done();
  if (process.env.MODELWISE_DEBUG_IMPORT)
    console.error(
      tracker
        .timings()
        .map(([n, t]) => `${n} ${t.toFixed(3)}s`)
        .join(', '),
    );

  return {
    file: reportFile,
    format: sheet ? 'xlsx' : 'csv',
    encoding: enc.encoding,
    bom: enc.bom,
    delimiter: dialect.delimiter,
    quote: dialect.quote,
    decimalMark: inferred.decimalMark,
    thousandsMark: inferred.thousandsMark,
    lineTerminator: sheet ? 'none' : lineTerminatorOf(layout.headText),
    headerRow: headerIndex >= 0 ? lineNo(records[headerIndex]!.line) : 0,
    ...(sheet ? { sheet: sheet.sheet } : {}),
    rowCount: factsOut.rowCount,
    skippedRows: skipped.length,
    columns: infoColumns,
    warnings: resolveWarnings(warnings),
    sha256: facts.sha256,
    sizeBytes: facts.size,
  };
}

/** The catalog's phrase for why a record could not be read, as a nested message parameter. */
const WHY: Readonly<Record<string, string>> = {
  text_after_quote: '{warnings.why.text_after_quote}',
  unterminated_quote: '{warnings.why.unterminated_quote}',
};

/** Warnings for ragged and skipped records, grouped by kind, with their file lines. */
function reportIssues(
  issues: readonly RecordIssue[],
  names: readonly string[],
  expected: number,
  warnings: DataWarning[],
  lineOf: (i: RecordIssue) => number,
): void {
  const byKind = new Map<string, RecordIssue[]>();
  for (const i of issues) byKind.set(i.kind, [...(byKind.get(i.kind) ?? []), i]);
  for (const [kind, list] of byKind) {
    const lines = list.map(lineOf);
    if (kind === 'short_row') {
      for (const i of list.slice(0, 1000)) {
        warnings.push(
          dataWarning(
            'short_row',
            { line: lineOf(i), expected_fields: expected, found_fields: i.fields },
            { fileLines: [lineOf(i)] },
          ),
        );
      }
      if (list.length > 1000) warnings.push(dataWarning('short_rows_more', { count: list.length - 1000 }));
      continue;
    }
    if (kind === 'blank_with_spaces') {
      warnings.push(
        dataWarning(
          'blank_line_skipped',
          { count: list.length, ...lineParams(lines) },
          { fileLines: lines.slice(0, 1000), severity: 'info' },
        ),
      );
      continue;
    }
    const code = kind === 'long_row' ? 'long_row' : kind === 'undecodable' ? 'undecodable_bytes' : 'bad_quote';
    warnings.push(
      dataWarning(
        code,
        {
          reason: kind,
          ...(WHY[kind] ? { why: WHY[kind] } : {}),
          count: list.length,
          ...lineParams(lines),
          columns: list.slice(0, 1000).map((i) => (i.column !== undefined ? (names[i.column] ?? null) : null)),
          ...(kind === 'long_row'
            ? { expected_fields: expected, found_fields: list.slice(0, 1000).map((i) => i.fields) }
            : {}),
        },
        {
          fileLines: lines.slice(0, 1000),
          ...(list[0]!.column !== undefined ? { column: names[list[0]!.column] } : {}),
        },
      ),
    );
  }
}

/** Warn when a type the user forced turned values into missing ones, with how many. */
async function overrideLosses(db: Db, raw: string, plans: readonly ColumnPlan[]): Promise<DataWarning[]> {
  const forced = plans.filter((p) => p.reason === 'override');
  if (forced.length === 0) return [];
  const parts = forced.map((p, k) => {
    const col = ident(p.raw);
    const x = p.trim ? `trim(${col}, ' \t')` : col;
    return `count(*) FILTER (WHERE NOT ${missingSql(x, p.missing)} AND (${castSql(p)}) IS NULL) AS l${k}`;
  });
  const [row] = await db.all(`SELECT ${parts.join(', ')} FROM ${ident(raw)}`);
  const out: DataWarning[] = [];
  forced.forEach((p, k) => {
    const lost = Number(row?.[`l${k}`] ?? 0);
    if (lost === 0) return;
    out.push(
      dataWarning(
        'type_override_lost_values',
        { type: p.type, typeName: `{report.type.${p.type}}`, count: lost },
        { column: p.name },
      ),
    );
  });
  return out;
}

/**
 * A streaming structural scan of a UTF-8 CSV file: one pass, bounded memory, that finds every record
 * whose shape is wrong — too few or too many fields, a quote left open or followed by text, bytes
 * that could not be decoded, lines of only spaces — with its physical line, so the import can pad,
 * skip or stop and say where (SPEC §2 "Bad input"). Quoting rules are those of `csvtext.ts` and of
 * DuckDB's reader. It runs only when DuckDB's strict read fails or the decoder replaced bytes, so
 * clean files never pay for it.
 */
import { forEachChunk } from '../fileio';

export type IssueKind =
  'short_row' | 'long_row' | 'text_after_quote' | 'unterminated_quote' | 'undecodable' | 'blank_with_spaces';

export interface RecordIssue {
  kind: IssueKind;
  /** 1-based physical line where the record starts. */
  line: number;
  /** 1-based physical line where it ends. */
  endLine: number;
  /** 0-based index among the file's non-blank records (header included); -1 for blank lines. */
  record: number;
  fields: number;
  /** 0-based field holding the problem (undecodable bytes, stray text after a quote). */
  column?: number;
  /** Byte range of the record, its line terminator included. */
  start: number;
  end: number;
}

export interface ScanResult {
  /** Non-blank records, header and preamble included. */
  records: number;
  /** Physical lines. */
  lines: number;
  /** Empty or whitespace-only lines. */
  blankLines: number;
  /** Field count → number of data records with it. */
  fieldCounts: Map<number, number>;
  /** Problem records in file order (at most `maxIssues`; `issueCount` counts them all). */
  issues: RecordIssue[];
  issueCount: number;
  /** Some quoted field spans lines (DuckDB's parallel reader then cannot pad short rows). */
  quotedNewlines: boolean;
}

export interface ScanOptions {
  delimiter: string;
  quote: string;
  escape: string;
  /** Byte offset to start at (after a BOM). */
  start?: number;
  /** Fields a data record must have. */
  expectedFields: number;
  /** Records before the data (preamble and header); their shape is not checked. */
  dataStartRecord: number;
  /** Flag records holding U+FFFD (bytes the decoder could not map). */
  flagReplacement?: boolean;
  maxIssues?: number;
  signal?: AbortSignal;
  onProgress?: (bytesDone: number, records: number) => void;
}

const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
/** Saw the quote inside a quoted field: the closing quote, or the first of a doubled pair. */
const QUOTE_IN_QUOTED = 3;
/** Saw the escape character (when it is not the quote) inside a quoted field. */
const ESCAPED = 4;
/** After a closing quote: only a delimiter or a line end may follow. */
const AFTER_CLOSE = 5;

/**
 * Scan `file` (UTF-8) record by record.
 * @throws UserError CANCELLED when aborted.
 */
export async function scanFile(file: string, opts: ScanOptions): Promise<ScanResult> {
  const delim = opts.delimiter.charCodeAt(0);
  const quote = opts.quote ? opts.quote.charCodeAt(0) : -1;
  const escape = opts.escape ? opts.escape.charCodeAt(0) : -1;
  const expected = opts.expectedFields;
  const maxIssues = opts.maxIssues ?? 100_000;
  const flag = opts.flagReplacement ?? false;

  const fieldCounts = new Map<number, number>();
  const issues: RecordIssue[] = [];
  let issueCount = 0;
  let quotedNewlines = false;
  let state = FIELD_START;
  let afterCR = false; // the previous byte was a CR ending a line (an LF now completes CRLF)
  let line = 1;
  let records = 0;
  let blankLines = 0;
  // The record being read.
  let recStart = opts.start ?? 0;
  let recLine = 1;
  let fields = 1;
  let content = false; // anything but spaces/tabs: a delimiter, a quote, a character
  let spaces = false;
  let badKind: 'text_after_quote' | 'unterminated_quote' | null = null;
  let badColumn = -1;
  let fffdColumn = -1;
  let fffd = 0; // progress through the UTF-8 bytes EF BF BD of U+FFFD

  const push = (issue: RecordIssue) => {
    issueCount++;
    if (issues.length < maxIssues) issues.push(issue);
  };

  const endRecord = (end: number, endLine: number) => {
    if (!content) {
      blankLines++;
      // DuckDB skips empty lines but would read "   " as a one-field row: set those aside.
      if (spaces)
        push({ kind: 'blank_with_spaces', line: recLine, endLine, record: -1, fields: 0, start: recStart, end });
    } else {
      const r = records++;
      if (r >= opts.dataStartRecord) {
        fieldCounts.set(fields, (fieldCounts.get(fields) ?? 0) + 1);
        const kind =
          badKind ??
          (fffdColumn >= 0 ? 'undecodable' : fields > expected ? 'long_row' : fields < expected ? 'short_row' : null);
        if (kind) {
          const column = kind === 'undecodable' ? fffdColumn : kind === 'text_after_quote' ? badColumn : -1;
          push({
            kind,
            line: recLine,
            endLine,
            record: r,
            fields,
            start: recStart,
            end,
            ...(column >= 0 ? { column } : {}),
          });
        }
      }
    }
    recStart = end;
    recLine = line;
    fields = 1;
    content = false;
    spaces = false;
    badKind = null;
    badColumn = -1;
    fffdColumn = -1;
    state = FIELD_START;
  };

  let fileEnd = recStart;
  await forEachChunk(
    file,
    (buf, offset) => {
      const n = buf.length;
      for (let i = 0; i < n; i++) {
        const c = buf[i]!;
        if (flag) {
          if (c === 0xef) fffd = 1;
          else if (fffd === 1 && c === 0xbf) fffd = 2;
          else if (fffd === 2 && c === 0xbd) {
            fffd = 0;
            if (fffdColumn < 0) fffdColumn = fields - 1;
          } else fffd = 0;
        }
        if (afterCR) {
          afterCR = false;
          if (c === LF) {
            // Second byte of a CRLF that already ended a line (inside or outside quotes).
            if (state === FIELD_START && !content && fields === 1) recStart = offset + i + 1;
            continue;
          }
        }
        if (state === QUOTED) {
          if (c === quote) state = escape === quote ? QUOTE_IN_QUOTED : AFTER_CLOSE;
          else if (c === escape) state = ESCAPED;
          else if (c === LF || c === CR) {
            line++;
            quotedNewlines = true;
            if (c === CR) afterCR = true;
          }
          continue;
        }
        if (state === ESCAPED) {
          state = QUOTED;
          continue;
        }
        if (state === QUOTE_IN_QUOTED) {
          if (c === quote) {
            state = QUOTED;
            continue;
          }
          state = AFTER_CLOSE;
        }
        if (state === AFTER_CLOSE && c !== delim && c !== LF && c !== CR) {
          if (!badKind) {
            badKind = 'text_after_quote';
            badColumn = fields - 1;
          }
          state = UNQUOTED;
          continue;
        }
        if (c === delim) {
          fields++;
          content = true;
          state = FIELD_START;
        } else if (c === LF || c === CR) {
          const endLine = line;
          line++;
          let end = offset + i + 1;
          if (c === CR) {
            if (i + 1 < n && buf[i + 1] === LF) {
              end++;
              i++;
            } else afterCR = true;
          }
          endRecord(end, endLine);
        } else if (state === FIELD_START && c === quote) {
          state = QUOTED;
          content = true;
        } else {
          state = UNQUOTED;
          if (c === SPACE || c === TAB) spaces = true;
          else content = true;
        }
      }
      fileEnd = offset + n;
      opts.onProgress?.(fileEnd, records);
    },
    { start: opts.start ?? 0, signal: opts.signal },
  );
  if (recStart < fileEnd) {
    if (state === QUOTED || state === ESCAPED) badKind = 'unterminated_quote';
    endRecord(fileEnd, line);
    line++;
  }
  return {
    records,
    lines: line - 1,
    blankLines,
    fieldCounts,
    issues,
    issueCount,
    quotedNewlines,
  };
}

/** Human-readable reason code of an issue, as `BAD_ROW`'s `reason` parameter. */
export function issueReason(issue: RecordIssue, expected: number): string {
  switch (issue.kind) {
    case 'long_row':
      return `too_many_fields (${issue.fields}, expected ${expected})`;
    case 'short_row':
      return `too_few_fields (${issue.fields}, expected ${expected})`;
    case 'text_after_quote':
      return 'text_after_closing_quote';
    case 'unterminated_quote':
      return 'unterminated_quote';
    case 'undecodable':
      return 'undecodable_bytes';
    case 'blank_with_spaces':
      return 'blank_line_with_spaces';
  }
}

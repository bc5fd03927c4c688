/**
 * A small RFC 4180 record parser over decoded text, for samples (dialect and header detection, the
 * tail of a file, rows set aside as bad). Quoting rules match `scan.ts` and DuckDB's reader: a quote
 * opens a quoted field only at the start of a field; inside one, a doubled quote (or the escape
 * character before a quote) is a literal quote; LF, CRLF and a lone CR end a record outside quotes.
 */

export interface Dialect {
  /** One character. */
  delimiter: string;
  /** One character, or '' for no quoting. */
  quote: string;
  /** One character (often the quote itself), or ''. */
  escape: string;
}

export interface ParsedRecord {
  fields: string[];
  /** 1-based physical line where the record starts. */
  line: number;
  /** 1-based physical line where it ends (greater than `line` when a quoted field holds newlines). */
  endLine: number;
  /** Per field: whether it was quoted. */
  quoted: boolean[];
  /** Characters after a closing quote, or a quote left open at the end of the text. */
  badQuote: boolean;
  /** Offset in the text of the record's first character and one past its line terminator. */
  start: number;
  end: number;
}

export interface ParseResult {
  records: ParsedRecord[];
  /** 1-based lines that were empty or held only spaces/tabs. */
  blankLines: number[];
  /** Offset where parsing stopped (after the last complete record). */
  consumed: number;
  /** Physical lines seen (the last one counted even without a terminator). */
  lines: number;
}

const LF = 10;
const CR = 13;

/**
 * Parse `text` into records. With `final: false` the text is a prefix of a longer file, so a last
 * record not followed by a line terminator is left unparsed (it may be cut). Stops after
 * `maxRecords` records.
 */
export function parseRecords(
  text: string,
  dialect: Dialect,
  opts: { final?: boolean; maxRecords?: number; firstLine?: number } = {},
): ParseResult {
  const final = opts.final ?? true;
  const maxRecords = opts.maxRecords ?? Infinity;
  const delim = dialect.delimiter.charCodeAt(0);
  const quote = dialect.quote ? dialect.quote.charCodeAt(0) : -1;
  const escape = dialect.escape ? dialect.escape.charCodeAt(0) : -1;
  const n = text.length;
  const records: ParsedRecord[] = [];
  const blankLines: number[] = [];
  let line = opts.firstLine ?? 1;
  let i = 0;
  let consumed = 0;

  while (i < n && records.length < maxRecords) {
    const recStart = i;
    const recLine = line;
    const fields: string[] = [];
    const quoted: boolean[] = [];
    let badQuote = false;
    let field = '';
    let isQuoted = false;
    let ended = false; // saw the line terminator
    let fieldStart = true;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (fieldStart && c === quote) {
        isQuoted = true;
        fieldStart = false;
        i++;
        // Quoted section: up to the closing quote.
        let closed = false;
        while (i < n) {
          const q = text.charCodeAt(i);
          if (q === escape && escape !== quote && i + 1 < n) {
            field += text[i + 1];
            i += 2;
            continue;
          }
          if (q === quote) {
            if (escape === quote && i + 1 < n && text.charCodeAt(i + 1) === quote) {
              field += text[i];
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (q === LF || (q === CR && text.charCodeAt(i + 1) !== LF)) line++;
          field += text[i];
          i++;
        }
        if (!closed) {
          if (!final) return { records, blankLines, consumed, lines: line };
          badQuote = true;
        }
        continue;
      }
      fieldStart = false;
      if (c === delim) {
        fields.push(field);
        quoted.push(isQuoted);
        field = '';
        isQuoted = false;
        fieldStart = true;
        i++;
        continue;
      }
      if (c === LF || c === CR) {
        i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
        ended = true;
        break;
      }
      if (isQuoted) badQuote = true; // text after the closing quote
      field += text[i];
      i++;
    }
    if (!ended && !final) break;
    fields.push(field);
    quoted.push(isQuoted);
    const endLine = line;
    if (ended) line++;
    consumed = i;
    if (fields.length === 1 && !quoted[0] && /^[ \t]*$/.test(fields[0]!)) {
      blankLines.push(recLine);
      continue;
    }
    records.push({ fields, line: recLine, endLine, quoted, badQuote, start: recStart, end: i });
  }
  return {
    records,
    blankLines,
    consumed,
    lines: i >= n && consumed === n && n > 0 && !/[\r\n]$/.test(text) ? line : line - 1,
  };
}

/** Count of physical line terminators by kind, for the summary's `lineTerminator`. */
export function lineTerminatorOf(text: string): 'LF' | 'CRLF' | 'CR' | 'mixed' | 'none' {
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === CR) {
      if (text.charCodeAt(i + 1) === LF) {
        crlf++;
        i++;
      } else cr++;
    } else if (c === LF) lf++;
  }
  const kinds = [crlf > 0, lf > 0, cr > 0].filter(Boolean).length;
  if (kinds === 0) return 'none';
  if (kinds > 1) {
    // Bare LFs inside quoted fields of a CRLF file are content, not terminators (C05): call the file
    // CRLF when CRLF clearly dominates.
    if (crlf > 0 && cr === 0 && crlf >= lf) return 'CRLF';
    return 'mixed';
  }
  return crlf > 0 ? 'CRLF' : lf > 0 ? 'LF' : 'CR';
}

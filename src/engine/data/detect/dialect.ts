/**
 * Dialect and header detection on a sample of decoded text (SPEC §2 "Detection"). DuckDB's sniffer
 * proposes; these checks decide, because sniffers are fooled by a header that ends with a delimiter
 * (C06: DuckDB picks `|`), by decimal commas in `;` files (C01) and by numeric-looking header names
 * (C02: DuckDB says "no header").
 *
 * Delimiter: the candidate whose records have the most consistent field count (the consistency
 * measure of CleverCSV, van den Burg et al. 2019, without its type score), requiring ≥ 2 fields.
 * Header: votes per column comparing the first row with the rows below (see {@link detectHeader}).
 */
import { DATE_KINDS, Kind, NUMERIC_KINDS, kindOf } from './kinds';
import { parseRecords } from './csvtext';
import type { Dialect, ParsedRecord } from './csvtext';

export interface DialectGuess {
  dialect: Dialect;
  /** Most common field count of the sample's records after the first. */
  fields: number;
  /** Share of sample records with that field count, in [0, 1]. */
  consistency: number;
}

const CANDIDATES = [',', ';', '\t', '|', ':', '^', '~'];
const SAMPLE_RECORDS = 500;

/** Most common value of `xs` (first of the most common on ties); 0 when empty. */
function mode(xs: readonly number[]): number {
  const counts = new Map<number, number>();
  let best = 0;
  let bestCount = 0;
  for (const x of xs) {
    const c = (counts.get(x) ?? 0) + 1;
    counts.set(x, c);
    if (c > bestCount) {
      best = x;
      bestCount = c;
    }
  }
  return best;
}

/** Field count of a record, ignoring one trailing empty field (a header ending with a delimiter). */
function fieldsOf(r: ParsedRecord, expected: number): number {
  const n = r.fields.length;
  return n === expected + 1 && r.fields[n - 1] === '' ? expected : n;
}

function score(records: ParsedRecord[]): { fields: number; consistency: number; score: number } {
  if (records.length === 0) return { fields: 0, consistency: 0, score: 0 };
  const body = records.length >= 2 ? records.slice(1) : records;
  const m = mode(body.map((r) => r.fields.length));
  const consistent = records.filter((r) => fieldsOf(r, m) === m).length;
  const bad = records.filter((r) => r.badQuote).length;
  const consistency = consistent / records.length;
  return { fields: m, consistency, score: (m > 1 ? 1 : 1e-4) * consistency - (0.5 * bad) / records.length };
}

/**
 * Choose delimiter, quote and escape for `text` (the start of the file; `final` when it is the whole
 * file). Options fix any part; `sniffed` (DuckDB's proposal) wins ties.
 */
export function detectDialect(
  text: string,
  opts: { final: boolean; delimiter?: string; quote?: string; escape?: string; sniffed?: Partial<Dialect> },
): DialectGuess {
  const delimiters = opts.delimiter
    ? [opts.delimiter]
    : [
        ...new Set([
          ...(opts.sniffed?.delimiter && opts.sniffed.delimiter.length === 1 ? [opts.sniffed.delimiter] : []),
          ...CANDIDATES,
          ' ',
        ]),
      ];
  // Single quotes only when the text uses them to open fields and never uses double quotes.
  const singleQuoted = !text.includes('"') && /(^|[,;\t|])'/m.test(text);
  const quotes = opts.quote !== undefined ? [opts.quote] : singleQuoted ? ['"', "'"] : ['"'];
  const escapeFor = (q: string): string[] => {
    if (opts.escape !== undefined) return [opts.escape];
    if (q === '') return [''];
    return text.includes('\\' + q) ? [q, '\\'] : [q];
  };
  let best: { guess: DialectGuess; score: number } | null = null;
  delimiters.forEach((delimiter, di) => {
    for (const [qi, quote] of quotes.entries()) {
      if (quote === delimiter) continue;
      for (const [ei, escape] of escapeFor(quote).entries()) {
        const { records } = parseRecords(
          text,
          { delimiter, quote, escape },
          { final: opts.final, maxRecords: SAMPLE_RECORDS },
        );
        const s = score(records);
        // Ties go to the sniffer's choice, then to the usual delimiters in order, '"' and doubled quotes.
        const penalty = (delimiter === ' ' ? 0.05 : 0) + di * 1e-4 + qi * 1e-3 + ei * 1e-3;
        const total = s.score - penalty;
        if (!best || total > best.score) {
          best = {
            guess: { dialect: { delimiter, quote, escape }, fields: s.fields, consistency: s.consistency },
            score: total,
          };
        }
      }
    }
  });
  return (
    (best as { guess: DialectGuess } | null)?.guess ?? {
      dialect: { delimiter: ',', quote: '"', escape: '"' },
      fields: 1,
      consistency: 0,
    }
  );
}

/**
 * Coarse signature of a cell for header detection: `int`, `dec`, `date`, `bool`, or the value's
 * shape with runs of one character class collapsed (`Testland` → `Aa`, `Growth (%)` → `Aa (%)`,
 * `张三` → `L`). Empty cells and missing markers have none.
 */
export function signature(value: string, markers: readonly string[]): string | null {
  const k = kindOf(value, markers);
  if (k === Kind.EMPTY || k < 0) return null;
  if (k === Kind.INT || k === Kind.LEADZERO || k === Kind.LONGINT) return 'int';
  if ((NUMERIC_KINDS as readonly number[]).includes(k) || k === Kind.PCT || k === Kind.CUR) return 'dec';
  if ((DATE_KINDS as readonly number[]).includes(k)) return 'date';
  if (k === Kind.BOOL) return 'bool';
  let out = '';
  for (const ch of value.trim()) {
    const cls = /[A-Z]/.test(ch)
      ? 'A'
      : /[a-z]/.test(ch)
        ? 'a'
        : /[0-9]/.test(ch)
          ? '9'
          : /\p{L}/u.test(ch)
            ? 'L'
            : /\s/.test(ch)
              ? ' '
              : ch;
    if (!out.endsWith(cls)) out += cls;
  }
  return out;
}

export interface HeaderGuess {
  /** Index into the records of the header row, or -1 for no header. */
  headerIndex: number;
  /** Records before the header (or before the first data row) that are not data: titles, notes. */
  preamble: number;
  /** Sum of the column votes (positive: header). */
  score: number;
}

const TYPED = new Set(['int', 'dec', 'date', 'bool']);

/**
 * Whether the first full-width record is a header. Per column, the signatures of the rows below
 * are compared with the candidate's: a column whose values are uniformly numbers, dates or booleans
 * under a cell that is not settles it (header); otherwise uniform columns vote +1 when the
 * candidate's signature differs (`2019` above `2.1`, `Country Code` above `TST`) and −1 when it
 * matches (`39` above `50`), weighted ½ for text shapes. `sniffedHeader` breaks a tie.
 */
export function detectHeader(
  records: readonly ParsedRecord[],
  fields: number,
  markers: readonly string[],
  sniffedHeader?: boolean,
): HeaderGuess {
  // Title lines above the table have far fewer fields than its rows (a header may have one fewer
  // than rows that end with a delimiter).
  let first = records.findIndex(
    (r) => r.fields.length >= Math.max(2, Math.ceil(fields / 2)) || r.fields.length >= fields,
  );
  if (first < 0 || first > 10) first = 0;
  const cand = records[first];
  const body = records.slice(first + 1, first + 1 + SAMPLE_RECORDS);
  if (!cand) return { headerIndex: -1, preamble: 0, score: 0 };
  if (body.length === 0) {
    // A lone row: a header if it holds only distinct non-numeric names.
    const sigs = cand.fields.map((f) => signature(f, markers));
    const isHeader = sigs.every((s) => s !== null && !TYPED.has(s)) && new Set(cand.fields).size === cand.fields.length;
    return { headerIndex: isHeader ? first : -1, preamble: first, score: isHeader ? 1 : -1 };
  }
  let total = 0;
  for (let j = 0; j < fields; j++) {
    const head = cand.fields[j] ?? '';
    const hs = signature(head, markers);
    const counts = new Map<string, number>();
    let n = 0;
    for (const r of body) {
      const s = signature(r.fields[j] ?? '', markers);
      if (s === null) continue;
      counts.set(s, (counts.get(s) ?? 0) + 1);
      n++;
    }
    if (n === 0) continue;
    let top = '';
    let topCount = 0;
    for (const [s, c] of counts) if (c > topCount) [top, topCount] = [s, c];
    // Numbers: int and dec are one family for uniformity (a float column holds "1" too).
    const numeric = ((counts.get('int') ?? 0) + (counts.get('dec') ?? 0)) / n;
    if (numeric >= 0.9 || (TYPED.has(top) && topCount / n >= 0.9)) {
      if (hs === null) continue;
      if (!TYPED.has(hs)) return { headerIndex: first, preamble: first, score: Infinity };
      if (numeric >= 0.9 && (hs === 'int' || hs === 'dec')) {
        // `2019` above a column of `2.1`, `-3.4`: the header is an integer where the data are not.
        total += hs === 'int' && (counts.get('int') ?? 0) === 0 ? 0.5 : -1;
      } else total += hs === top ? -1 : 1;
      continue;
    }
    if (topCount / n < 0.8) continue; // varied text: no evidence either way
    if (hs === null) total -= 0.5;
    else total += hs === top ? -0.5 : 0.5;
  }
  if (total === 0 && sniffedHeader !== undefined) total = sniffedHeader ? 0.25 : -0.25;
  if (total === 0) {
    // No evidence: call it a header when every cell is a distinct, non-numeric name.
    const sigs = cand.fields.map((f) => signature(f, markers));
    total =
      sigs.every((s) => s !== null && !TYPED.has(s)) && new Set(cand.fields).size === cand.fields.length ? 0.25 : -0.25;
  }
  return { headerIndex: total > 0 ? first : -1, preamble: first, score: total };
}

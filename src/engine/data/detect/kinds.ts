/**
 * Value kinds: the shape of one text cell (integer, decimal with comma, ISO date, yes/no word…),
 * decided by one regular expression each. Type inference reduces a whole column to the SET of kinds
 * its cells take (a 64-bit mask, `bit_or` in DuckDB), so every row counts and the cost is one CASE per
 * cell. The same patterns run in JS (`kindOf`) for samples and unit tests; they use only syntax that
 * RE2 (DuckDB) and JS read the same way.
 */

export const Kind = {
  EMPTY: 0,
  INT: 1,
  LEADZERO: 2,
  LONGINT: 3,
  DEC: 4,
  SCI: 5,
  XLNUM: 6,
  EU_FULL: 7,
  US_FULL: 8,
  EU_THOUS: 9,
  US_THOUS: 10,
  AMB_DOT3: 11,
  AMB_COMMA3: 12,
  DEC_COMMA: 13,
  PCT: 14,
  CUR: 15,
  DATE_ISO: 16,
  DATETIME_ISO: 17,
  DATE_YMD: 18,
  DATE_DOT: 19,
  DATE_SLASH: 20,
  DATE_DASH: 21,
  DATE_CJK: 22,
  BOOL: 23,
  UUID: 24,
  OTHER_DIGIT: 25,
  OTHER: 26,
  /** Digits grouped by spaces (`1 234`, `1 234 567`), optionally with decimals after a comma or a dot. */
  SP_INT: 27,
  SP_COMMA: 28,
  SP_DOT: 29,
  /** Digits grouped by apostrophes, Swiss style (`1'234`, `1'234.50`). */
  APOS_INT: 30,
  APOS_DOT: 31,
  /** Not a value kind: a value the first verifying pass could not place (a second pass classifies it). */
  UNEXPECTED: 32,
  /** Not a value kind: set by the verifying pass when a value has spaces around it. */
  PADDED: 33,
} as const;
export type KindId = (typeof Kind)[keyof typeof Kind];

/** First bit used for missing markers: marker `i` of the list sets bit `MARKER_BASE + i`. */
export const MARKER_BASE = 34;
/** Missing markers a column can tell apart (bits 34…62 of the 64-bit mask). */
export const MAX_MARKERS = 29;

const SIGN = '[+-]?';
/** Spaces that group digits: space, no-break space, narrow no-break space (French typography). */
const GROUP_SPACE = '[ \u00a0\u202f]';
/** Apostrophes that group digits: ASCII and the typographic right single quote. */
const GROUP_APOS = "['\u2019]";
/** Patterns of the kinds that need one (full match, after trimming spaces and tabs). */
export const PATTERNS = {
  INT: `${SIGN}[0-9]+`,
  DEC: `${SIGN}([0-9]+\\.[0-9]*|\\.[0-9]+)`,
  SCI: `${SIGN}([0-9]+(\\.[0-9]*)?|\\.[0-9]+)[eE][+-]?[0-9]{1,3}`,
  // Excel's General format for integers of 12+ digits: digits lost, kept only as 6 significant ones.
  XLNUM: `[1-9](\\.[0-9]{1,14})?E\\+(1[1-9]|[2-9][0-9])`,
  EU_FULL: `${SIGN}[0-9]{1,3}(\\.[0-9]{3})+,[0-9]+`,
  US_FULL: `${SIGN}[0-9]{1,3}(,[0-9]{3})+\\.[0-9]+`,
  EU_THOUS: `${SIGN}[0-9]{1,3}(\\.[0-9]{3}){2,}`,
  US_THOUS: `${SIGN}[0-9]{1,3}(,[0-9]{3}){2,}`,
  AMB_DOT3: `${SIGN}[0-9]{1,3}\\.[0-9]{3}`,
  AMB_COMMA3: `${SIGN}[0-9]{1,3},[0-9]{3}`,
  SP_INT: `${SIGN}[0-9]{1,3}(${GROUP_SPACE}[0-9]{3})+`,
  SP_COMMA: `${SIGN}[0-9]{1,3}(${GROUP_SPACE}[0-9]{3})+,[0-9]+`,
  SP_DOT: `${SIGN}[0-9]{1,3}(${GROUP_SPACE}[0-9]{3})+\\.[0-9]+`,
  APOS_INT: `${SIGN}[0-9]{1,3}(${GROUP_APOS}[0-9]{3})+`,
  APOS_DOT: `${SIGN}[0-9]{1,3}(${GROUP_APOS}[0-9]{3})+\\.[0-9]+`,
  DEC_COMMA: `${SIGN}([0-9]+,[0-9]*|,[0-9]+)`,
  PCT: `${SIGN}[0-9][0-9.,]*[ ]?%`,
  CUR: `${SIGN}[$€£¥₹₩][ ]?${SIGN}[0-9][0-9.,]*|${SIGN}[0-9][0-9.,]*[ ]?[$€£¥₹₩]`,
  DATE_ISO: `[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}`,
  DATETIME_ISO: `[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}[T ][0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?`,
  DATE_YMD: `[0-9]{4}[/.][0-9]{1,2}[/.][0-9]{1,2}`,
  DATE_DOT: `[0-9]{1,2}\\.[0-9]{1,2}\\.[0-9]{4}`,
  DATE_SLASH: `[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}`,
  DATE_DASH: `[0-9]{1,2}-[0-9]{1,2}-[0-9]{4}`,
  DATE_CJK: `[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日`,
  BOOL: `(?i)(true|false|yes|no|y|n|t|f)|是|否`,
  UUID: `[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}`,
} as const;

/** Kinds that are numbers (in some notation). */
export const NUMERIC_KINDS: readonly KindId[] = [
  Kind.INT,
  Kind.LEADZERO,
  Kind.LONGINT,
  Kind.DEC,
  Kind.SCI,
  Kind.XLNUM,
  Kind.EU_FULL,
  Kind.US_FULL,
  Kind.EU_THOUS,
  Kind.US_THOUS,
  Kind.AMB_DOT3,
  Kind.AMB_COMMA3,
  Kind.DEC_COMMA,
  Kind.SP_INT,
  Kind.SP_COMMA,
  Kind.SP_DOT,
  Kind.APOS_INT,
  Kind.APOS_DOT,
];
/** Kinds whose digits are grouped by spaces or apostrophes. */
export const SPACE_GROUPED: readonly KindId[] = [Kind.SP_INT, Kind.SP_COMMA, Kind.SP_DOT];
export const APOS_GROUPED: readonly KindId[] = [Kind.APOS_INT, Kind.APOS_DOT];
export const DATE_KINDS: readonly KindId[] = [
  Kind.DATE_ISO,
  Kind.DATETIME_ISO,
  Kind.DATE_YMD,
  Kind.DATE_DOT,
  Kind.DATE_SLASH,
  Kind.DATE_DASH,
  Kind.DATE_CJK,
];

/** Mask with the bits of `kinds` set. */
export function maskOf(kinds: readonly number[]): bigint {
  let m = 0n;
  for (const k of kinds) m |= 1n << BigInt(k);
  return m;
}

/** The kinds set in `mask` (value kinds only, markers excluded). */
export function kindsIn(mask: bigint): KindId[] {
  const out: KindId[] = [];
  for (let k = 0; k < MARKER_BASE; k++) if (mask & (1n << BigInt(k))) out.push(k as KindId);
  return out;
}

/** Indices of markers whose bit is set in `mask`. */
export function markersIn(mask: bigint): number[] {
  const out: number[] = [];
  for (let i = 0; i < MAX_MARKERS; i++) if (mask & (1n << BigInt(MARKER_BASE + i))) out.push(i);
  return out;
}

/** Integer digit strings longer than this stay text: a double holds 15 significant digits exactly. */
export const MAX_INT_DIGITS = 15;

/** Ordered checks shared by the SQL and JS classifiers. `num` = the value starts like a number. */
const NUMERIC_CHAIN: Array<[KindId, string]> = [
  [Kind.INT, PATTERNS.INT],
  [Kind.DEC, PATTERNS.DEC],
  [Kind.DATE_ISO, PATTERNS.DATE_ISO],
  [Kind.XLNUM, PATTERNS.XLNUM],
  [Kind.SCI, PATTERNS.SCI],
  [Kind.DEC_COMMA, PATTERNS.DEC_COMMA],
  [Kind.EU_FULL, PATTERNS.EU_FULL],
  [Kind.US_FULL, PATTERNS.US_FULL],
  [Kind.EU_THOUS, PATTERNS.EU_THOUS],
  [Kind.US_THOUS, PATTERNS.US_THOUS],
  [Kind.SP_INT, PATTERNS.SP_INT],
  [Kind.SP_COMMA, PATTERNS.SP_COMMA],
  [Kind.SP_DOT, PATTERNS.SP_DOT],
  [Kind.APOS_INT, PATTERNS.APOS_INT],
  [Kind.APOS_DOT, PATTERNS.APOS_DOT],
  [Kind.DATE_DOT, PATTERNS.DATE_DOT],
  [Kind.DATE_SLASH, PATTERNS.DATE_SLASH],
  [Kind.DATE_DASH, PATTERNS.DATE_DASH],
  [Kind.DATE_YMD, PATTERNS.DATE_YMD],
  [Kind.DATETIME_ISO, PATTERNS.DATETIME_ISO],
  [Kind.DATE_CJK, PATTERNS.DATE_CJK],
  [Kind.PCT, PATTERNS.PCT],
  [Kind.CUR, PATTERNS.CUR],
  [Kind.UUID, PATTERNS.UUID],
];
const WORD_CHAIN: Array<[KindId, string]> = [
  [Kind.BOOL, PATTERNS.BOOL],
  [Kind.UUID, PATTERNS.UUID],
  [Kind.CUR, PATTERNS.CUR],
];

function sqlString(s: string): string {
  return "'" + s.replace(/'/g, "''") + "'";
}

/**
 * SQL expression giving `1 << kind` (UBIGINT) of the trimmed text expression `t`, for `bit_or`.
 * `markers` are compared exactly (case-sensitive) before any pattern.
 */
export function kindMaskSql(t: string, markers: readonly string[]): string {
  const bit = (k: number) => `${(1n << BigInt(k)).toString()}::UBIGINT`;
  const re = (p: string) => `regexp_full_match(${t}, ${sqlString(p)})`;
  const markerCases = markers
    .slice(0, MAX_MARKERS)
    .map((m, i) => (m === '' ? '' : `WHEN ${t} = ${sqlString(m)} THEN ${bit(MARKER_BASE + i)}`))
    .join(' ');
  // Integers split three ways, and `d.ddd` / `d,ddd` (thousands or decimals?) split from other
  // decimals, by cheap string tests rather than more regexes. The value already matched INT / DEC.
  const intCase =
    `CASE WHEN length(${t}) > ${MAX_INT_DIGITS} AND length(ltrim(${t}, '+-')) > ${MAX_INT_DIGITS} THEN ${bit(Kind.LONGINT)} ` +
    `WHEN starts_with(${t}, '0') AND length(${t}) > 1 THEN ${bit(Kind.LEADZERO)} ELSE ${bit(Kind.INT)} END`;
  const three = (mark: string, amb: number, plain: number) =>
    `CASE WHEN strpos(${t}, '${mark}') = length(${t}) - 3 AND length(${t}) BETWEEN 5 AND 8 AND length(ltrim(${t}, '+-')) BETWEEN 5 AND 7 AND NOT starts_with(ltrim(${t}, '+-'), '0') ` +
    `THEN ${bit(amb)} ELSE ${bit(plain)} END`;
  const then = (k: KindId) =>
    k === Kind.INT
      ? intCase
      : k === Kind.DEC
        ? three('.', Kind.AMB_DOT3, Kind.DEC)
        : k === Kind.DEC_COMMA
          ? three(',', Kind.AMB_COMMA3, Kind.DEC_COMMA)
          : bit(k);
  const numeric = NUMERIC_CHAIN.map(([k, p]) => `WHEN ${re(p)} THEN ${then(k)}`).join(' ');
  const words = WORD_CHAIN.map(([k, p]) => `WHEN ${re(p)} THEN ${bit(k)}`).join(' ');
  // ascii(): 43 '+', 45 '-', 46 '.', 48–57 digits. Gate the numeric chain on the first character.
  return (
    `CASE WHEN ${t} IS NULL OR ${t} = '' THEN ${bit(Kind.EMPTY)} ${markerCases} ` +
    `WHEN ascii(${t}) BETWEEN 48 AND 57 OR ascii(${t}) IN (43, 45, 46) THEN (CASE ${numeric} ELSE ${bit(Kind.OTHER_DIGIT)} END) ` +
    `ELSE (CASE ${words} ELSE ${bit(Kind.OTHER)} END) END`
  );
}

const jsRe = (p: string) => {
  const ci = p.startsWith('(?i)');
  return new RegExp(`^(?:${ci ? p.slice(4) : p})$`, ci ? 'i' : '');
};
const JS_NUMERIC = NUMERIC_CHAIN.map(([k, p]) => [k, jsRe(p)] as const);
const JS_WORDS = WORD_CHAIN.map(([k, p]) => [k, jsRe(p)] as const);

/**
 * Kind of one value in JS, mirroring {@link kindMaskSql}: `-1 - i` for marker `i`, else a {@link Kind}.
 * The value is trimmed of spaces and tabs first.
 */
export function kindOf(value: string | null | undefined, markers: readonly string[] = []): number {
  if (value === null || value === undefined) return Kind.EMPTY;
  const t = value.replace(/^[ \t]+|[ \t]+$/g, '');
  if (t === '') return Kind.EMPTY;
  const mi = markers.indexOf(t);
  if (mi >= 0 && mi < MAX_MARKERS) return -1 - mi;
  const c = t.charCodeAt(0);
  if ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46) {
    const unsigned = t.replace(/^[+-]+/, '');
    // `1.234` / `1,234`: thousands or decimals? (A leading 0 rules out thousands: `0.125`.)
    const three = (mark: string) =>
      unsigned.length >= 5 && unsigned.length <= 7 && unsigned[0] !== '0' && t.indexOf(mark) === t.length - 4;
    for (const [k, re] of JS_NUMERIC) {
      if (!re.test(t)) continue;
      if (k === Kind.DEC) return three('.') ? Kind.AMB_DOT3 : Kind.DEC;
      if (k === Kind.DEC_COMMA) return three(',') ? Kind.AMB_COMMA3 : Kind.DEC_COMMA;
      if (k !== Kind.INT) return k;
      if (unsigned.length > MAX_INT_DIGITS) return Kind.LONGINT;
      return /^0./.test(t) ? Kind.LEADZERO : Kind.INT;
    }
    return Kind.OTHER_DIGIT;
  }
  for (const [k, re] of JS_WORDS) if (re.test(t)) return k;
  return Kind.OTHER;
}

/** Whether `t` matches kind pattern `name` (JS), e.g. for hexadecimal-code checks in tests. */
export function matches(name: keyof typeof PATTERNS, t: string): boolean {
  return jsRe(PATTERNS[name]).test(t);
}

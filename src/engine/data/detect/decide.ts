/**
 * Pure decisions of type inference: from the set of value kinds a whole column takes (and a few
 * statistics) to a column type and how to read it. No I/O here, so every rule has a unit test.
 */
import type { ColumnType } from '../../../shared/model/data';
import { APOS_GROUPED, DATE_KINDS, Kind, NUMERIC_KINDS, SPACE_GROUPED } from './kinds';
import type { KindId } from './kinds';

export type DecimalMark = '.' | ',';

/** A thousands separator: `,` `.`, a space (also no-break spaces) or an apostrophe (also `’`); '' for none. */
export type ThousandsMark = ',' | '.' | ' ' | "'" | '';

export interface NumberFormat {
  type: 'integer' | 'float';
  decimal: DecimalMark;
  /** Thousands separator to remove before casting, or ''. */
  thousands: ThousandsMark;
}

const EU_EVIDENCE: readonly KindId[] = [Kind.EU_FULL, Kind.EU_THOUS, Kind.DEC_COMMA, Kind.SP_COMMA];
const US_EVIDENCE: readonly KindId[] = [
  Kind.US_FULL,
  Kind.US_THOUS,
  Kind.DEC,
  Kind.SCI,
  Kind.XLNUM,
  Kind.SP_DOT,
  Kind.APOS_DOT,
];
/** Kinds that group thousands with a comma or a dot. */
const MARK_GROUPED: readonly KindId[] = [Kind.EU_FULL, Kind.EU_THOUS, Kind.US_FULL, Kind.US_THOUS];

/** Which decimal mark the columns' kinds prove: ',' only if some column proves it and none proves '.'. */
export function fileDecimalMark(columns: ReadonlyArray<ReadonlySet<KindId>>): DecimalMark | null {
  let eu = false;
  let us = false;
  for (const kinds of columns) {
    if (![...kinds].every((k) => (NUMERIC_KINDS as readonly number[]).includes(k))) continue;
    if (EU_EVIDENCE.some((k) => kinds.has(k))) eu = true;
    if (US_EVIDENCE.some((k) => kinds.has(k))) us = true;
  }
  return eu && !us ? ',' : us && !eu ? '.' : null;
}

/**
 * How to read a column whose kinds are all numeric, or null when its notations contradict each other
 * (`1.234,5` and `1,234.5` in one column, digits grouped by spaces and by commas). Ambiguous `1.234`
 * / `1,234` follow the column's other values, then the file's decimal mark, then the English
 * convention ('.' decimal, ',' thousands). Digits grouped by spaces or apostrophes (`1 234,5`,
 * Swiss `1'234.50`) leave the comma or dot only the role of the decimal mark.
 *
 * `thousands`, when the user gave it, is the only grouping accepted: `,` makes `1,234` a thousand
 * and `1,5` a contradiction (null), `.` likewise, a space or apostrophe turns `1,234` / `1.234` into
 * decimals, and '' accepts no grouping at all.
 */
export function numberFormat(
  kinds: ReadonlySet<KindId>,
  fileDecimal: DecimalMark | null,
  thousands?: ThousandsMark,
): NumberFormat | null {
  const has = (k: KindId) => kinds.has(k);
  const eu = EU_EVIDENCE.some(has);
  const us = US_EVIDENCE.some(has);
  if (eu && us) return null;
  const space = SPACE_GROUPED.some(has);
  const apos = APOS_GROUPED.some(has);
  const grouping: ThousandsMark | undefined = space ? ' ' : apos ? "'" : thousands;
  if (space && apos) return null;
  if ((thousands !== undefined && grouping !== thousands) || (apos && eu)) return null;
  if (grouping === ' ' || grouping === "'" || grouping === '') {
    // No comma or dot groups thousands here: `1,234` and `1.234` are decimals.
    if (MARK_GROUPED.some(has)) return null;
    const comma = eu || has(Kind.AMB_COMMA3);
    const dot = us || has(Kind.AMB_DOT3);
    if (comma && dot) return null;
    const decimal: DecimalMark = comma ? ',' : dot ? '.' : grouping === "'" ? '.' : (fileDecimal ?? '.');
    const float =
      [Kind.DEC, Kind.SCI, Kind.XLNUM, Kind.DEC_COMMA, Kind.AMB_DOT3, Kind.AMB_COMMA3].some(has) ||
      [Kind.SP_COMMA, Kind.SP_DOT, Kind.APOS_DOT].some(has);
    return { type: float ? 'float' : 'integer', decimal, thousands: grouping };
  }
  const decimal: DecimalMark =
    grouping === ','
      ? '.'
      : grouping === '.'
        ? ','
        : eu
          ? ','
          : us
            ? '.'
            : has(Kind.AMB_DOT3) && has(Kind.AMB_COMMA3)
              ? '.'
              : (fileDecimal ?? '.');
  if ((grouping === ',' && eu) || (grouping === '.' && us)) return null;
  if (decimal === '.') {
    const comma = has(Kind.US_FULL) || has(Kind.US_THOUS) || has(Kind.AMB_COMMA3);
    const float = has(Kind.DEC) || has(Kind.SCI) || has(Kind.XLNUM) || has(Kind.AMB_DOT3) || has(Kind.US_FULL);
    return { type: float ? 'float' : 'integer', decimal, thousands: grouping ?? (comma ? ',' : '') };
  }
  const dot = has(Kind.EU_FULL) || has(Kind.EU_THOUS) || has(Kind.AMB_DOT3);
  const float = has(Kind.DEC_COMMA) || has(Kind.EU_FULL) || has(Kind.AMB_COMMA3);
  return { type: float ? 'float' : 'integer', decimal, thousands: grouping ?? (dot ? '.' : '') };
}

/** Kinds of a date column: the strptime format family, or null when kinds are not one date family. */
export type DateFamily = 'iso' | 'iso_datetime' | 'ymd' | 'dot' | 'slash' | 'dash' | 'cjk';

export function dateFamily(kinds: ReadonlySet<KindId>): DateFamily | null {
  if (kinds.size === 0 || ![...kinds].every((k) => (DATE_KINDS as readonly number[]).includes(k))) return null;
  if ([...kinds].every((k) => k === Kind.DATE_ISO || k === Kind.DATETIME_ISO))
    return kinds.has(Kind.DATETIME_ISO) ? 'iso_datetime' : 'iso';
  if (kinds.size !== 1) return null;
  const [k] = [...kinds];
  return k === Kind.DATE_YMD
    ? 'ymd'
    : k === Kind.DATE_DOT
      ? 'dot'
      : k === Kind.DATE_SLASH
        ? 'slash'
        : k === Kind.DATE_DASH
          ? 'dash'
          : 'cjk';
}

export interface DayMonthOrder {
  order: 'dmy' | 'mdy' | null;
  /** True when no value proves the order (every day and month ≤ 12). */
  ambiguous: boolean;
}

/**
 * Day-first or month-first for `d.m.yyyy`-like columns, from the largest first and second parts
 * over the whole column: a part above 12 can only be the day (C13: 29 and 13 in the first slot).
 * Both above 12 → no single order (null). Neither → ambiguous; the convention of the separator
 * decides (dots are day-first in every locale that writes them; slashes and dashes follow the file's
 * decimal mark: ',' → day-first, else month-first as in US spreadsheets).
 */
export function dayMonthOrder(
  maxFirst: number,
  maxSecond: number,
  family: DateFamily,
  fileDecimal: DecimalMark | null,
): DayMonthOrder {
  if (maxFirst > 12 && maxSecond > 12) return { order: null, ambiguous: false };
  if (maxFirst > 12) return { order: 'dmy', ambiguous: false };
  if (maxSecond > 12) return { order: 'mdy', ambiguous: false };
  const order = family === 'dot' || fileDecimal === ',' ? 'dmy' : 'mdy';
  return { order, ambiguous: true };
}

/** strptime format and the user-facing label of a date family and order. */
export function dateFormatOf(
  family: DateFamily,
  order: 'dmy' | 'mdy' | null,
  sep = '/',
): { strptime: string; label: string } {
  switch (family) {
    case 'iso':
    case 'iso_datetime':
      return { strptime: '%Y-%m-%d', label: 'YYYY-MM-DD' };
    case 'ymd':
      return { strptime: `%Y${sep}%m${sep}%d`, label: `YYYY${sep}MM${sep}DD` };
    case 'cjk':
      return { strptime: '%Y年%m月%d日', label: 'YYYY年MM月DD日' };
    default: {
      const s = family === 'dot' ? '.' : family === 'slash' ? '/' : '-';
      return order === 'mdy'
        ? { strptime: `%m${s}%d${s}%Y`, label: `MM${s}DD${s}YYYY` }
        : { strptime: `%d${s}%m${s}%Y`, label: `DD${s}MM${s}YYYY` };
    }
  }
}

/** Pairs of words that make a boolean column (lower case), true first. */
export const BOOL_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['true', 'false'],
  ['yes', 'no'],
  ['y', 'n'],
  ['t', 'f'],
  ['是', '否'],
];

/**
 * The boolean pair a column's distinct values (lower-cased, missing removed) form, or null. Exactly
 * the two values of one pair are needed: a lone `yes` is a constant, `Y`/`no` a mix.
 */
export function boolPair(distinct: readonly string[]): { trueValue: string; falseValue: string } | null {
  const set = new Set(distinct.map((v) => v.toLowerCase()));
  if (set.size !== 2) return null;
  for (const [t, f] of BOOL_PAIRS) if (set.has(t) && set.has(f)) return { trueValue: t, falseValue: f };
  return null;
}

/** A column name that reads as a yes/no flag, so a 0/1 column becomes boolean (`is_member`, `has_car`). */
export function isFlagName(name: string): boolean {
  return /^(is|has|was|did|does|can|should|flag)([_\s.-]|[A-Z])|[_\s.-]flag$|^flag$|^(是否|有无)/.test(name);
}

/** A column name that reads as an identifier (`id`, `employee_id`, `SampleID`, `payment_ref`, `编号`). */
export function isIdName(name: string): boolean {
  return (
    /(^|[^a-z])(id|ids|uuid|guid|key|code|no|nr|num|number|ref|sku|serial|identifier)$/i.test(name) ||
    /^(id|uuid|guid)([^a-z]|$)/i.test(name) ||
    /[a-z](Id|ID|Uuid|Key|Code|No|Nr|Ref)$/.test(name) ||
    /(编号|编码|号码|证号|代码|ID)$/.test(name)
  );
}

/** A column name of digit codes that are not quantities: phone, fax, postal code (`手机`, `zip`, `PLZ`). */
export function isCodeName(name: string): boolean {
  return /phone|mobile|cell|^tel|[^a-z]tel|telefon|fax|zip|postal|post_?code|postcode|^plz$|手机|电话|邮编|邮政/i.test(
    name,
  );
}

/** A column name suggesting dates, for the Excel serial-date suggestion (`Date`, `hired_on`, `日期`). */
export function isDateName(name: string): boolean {
  // `day` and `time` as words only: `tenure_days` and `runtime_ms` are durations, not dates.
  return /date|datum|fecha|data$|(^|[_\s-])(day|time|when)($|[_\s-])|^day|_dt$|^dt_|_on$|_at$|birth|dob|日期|时间|年月/i.test(
    name,
  );
}

/**
 * Excel serial day numbers (1900 date system, origin 1899-12-30, as Lotus' leap-year bug makes it)
 * look like integers between 1 (1900-01-01) and 2958465 (9999-12-31); a column is suggested as dates
 * when its name reads as a date and its values fall in 1950–2100 (18264–73050).
 */
export function looksExcelSerial(name: string, min: number, max: number): boolean {
  return isDateName(name) && min >= 18264 && max <= 73050;
}

/** ISO date of an Excel serial day number (1900 system). */
export function excelSerialToIso(serial: number): string {
  const ms = Date.UTC(1899, 11, 30) + Math.round(serial) * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * A regular expression for values shaped like missing marker `m` (RE2 and JS): `NA` → two capitals,
 * `null` → four lower-case letters, `-` → a run of dashes. A marker is a real value of a column when
 * most of the column's other values have its shape (`NA` among country codes is Namibia).
 */
export function markerShapePattern(m: string): string {
  if (/^[^\p{L}\p{N}]+$/u.test(m)) {
    const chars = [...new Set(m)].map((c) => c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')).join('');
    return `[${chars}]+`;
  }
  return [...m]
    .map((c) =>
      /[A-Z]/.test(c)
        ? '[A-Z]'
        : /[a-z]/.test(c)
          ? '[a-z]'
          : /[0-9]/.test(c)
            ? '[0-9]'
            : c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&'),
    )
    .join('');
}

/** Whether a marker is a plausible value: ≥ half of the column's other non-missing values share its shape. */
export function markerIsValue(sameShape: number, otherValues: number): boolean {
  return otherValues > 0 && sameShape >= 2 && sameShape * 2 >= otherValues;
}

/** Most distinct values a text column may have and still be categorical, for `n` non-missing values. */
export function categoricalLimit(n: number): number {
  return Math.max(10, Math.min(1000, Math.round(2 * Math.sqrt(n))));
}

export interface StringStats {
  name: string;
  nonMissing: number;
  distinct: number;
  maxLength: number;
  /** Every value is a UUID, or a hexadecimal code mixing digits and letters (C12 `sample_id`). */
  codeLike: boolean;
  /** Values have no spaces and contain a digit (`INV-001`, `AC-97a28a`). */
  compact: boolean;
}

/**
 * Identifier, categorical or text for a column of strings. Identifier: unique codes that are named as
 * such or are UUID/hex codes, or unique compact codes in a larger table. Categorical: few distinct
 * short values ({@link categoricalLimit}). Text otherwise.
 */
export function stringType(s: StringStats): ColumnType {
  const unique = s.nonMissing >= 2 && s.distinct === s.nonMissing;
  if (s.codeLike && s.distinct * 10 >= s.nonMissing * 9) return 'identifier';
  if (unique && s.compact && (isIdName(s.name) || s.nonMissing >= 50)) return 'identifier';
  if (s.distinct <= categoricalLimit(s.nonMissing) && s.maxLength <= 60) return 'categorical';
  return 'text';
}

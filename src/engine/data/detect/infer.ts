/**
 * Whole-column type inference over a table of raw text (SPEC §2 "Detection"). Every value of every
 * column is classified — never a first-N-rows sample. To keep that to about one regular expression per
 * cell, a sample only proposes which kinds to try first: the whole-column pass tests those, and any
 * value that fits none goes through the full kind classifier, so the resulting kind SET is exact.
 * Columns whose sample already holds free text are strings whatever the rest holds, and skip the
 * kind pass. Then `decide.ts` turns kinds into a type, with targeted queries for what kinds cannot
 * tell (day/month order, boolean pairs, uniqueness, plausible missing markers).
 */
import type { ColumnType, DataWarning } from '../../../shared/model/data';
import { UserError } from '../../../shared/errors';
import type { Db } from '../duck';
import { allWithProgress, literal } from '../duck';
import { throwIfAborted } from '../progress';
import {
  boolPair,
  dateFamily,
  dateFormatOf,
  dayMonthOrder,
  fileDecimalMark,
  isCodeName,
  isDateName,
  isFlagName,
  isIdName,
  looksExcelSerial,
  markerIsValue,
  markerShapePattern,
  numberFormat,
  stringType,
} from './decide';
import type { DateFamily, DecimalMark, NumberFormat, ThousandsMark } from './decide';
import {
  APOS_GROUPED,
  DATE_KINDS,
  Kind,
  MARKER_BASE,
  MAX_MARKERS,
  NUMERIC_KINDS,
  PATTERNS,
  kindMaskSql,
  kindOf,
  kindsIn,
  markersIn,
  SPACE_GROUPED,
} from './kinds';
import type { KindId } from './kinds';
import { countSql, createValueTable, distinctSql, GROUP_SHARE, rawSource } from './values';
import { dataWarning } from '../warn';
import type { ColumnSource } from './values';

/** How to turn one raw text column into a typed one. */
export interface ColumnPlan {
  /** Column of the raw table. */
  raw: string;
  name: string;
  type: ColumnType;
  /** Trim spaces and tabs around values. */
  trim: boolean;
  /** Exact strings read as missing in this column (besides empty). */
  missing: string[];
  number?: NumberFormat & { affix?: 'percent' | 'currency' };
  /** `time`: values carry times of day (ISO date-times), kept as a TIMESTAMP. */
  date?: { family: DateFamily; strptime: string; label: string; ambiguous: boolean; time?: boolean };
  bool?: { trueValues: string[]; falseValues: string[] };
  suggestion?: 'excel_serial_date';
  /** Why the type was chosen, for the log and tests (`leading_zeros`, `long_digits`, …). */
  reason?: string;
  /** A ready SQL expression for the typed value (typed sources such as Parquet). */
  expr?: string;
}

export interface InferInput {
  raw: string;
  name: string;
}

export interface InferResult {
  plans: ColumnPlan[];
  warnings: DataWarning[];
  decimalMark: DecimalMark;
  thousandsMark: string;
  /**
   * Raw columns read from their distinct values, by raw column name; they live in table
   * `valueTableName(table)`, which the caller drops with the raw table.
   */
  sources: ReadonlyMap<string, ColumnSource>;
}

const SAMPLE_ROWS = 2000;
const HEX = '[0-9a-fA-F]+';

const q = literal;
const id = (s: string) => '"' + s.replace(/"/g, '""') + '"';

/** SQL predicate: raw value `x` is missing (NULL, blank, or one of `markers`). */
export function missingSql(x: string, markers: readonly string[]): string {
  const list = markers.filter((m) => m !== '');
  const blank = `${x} IS NULL OR trim(${x}, ' \t') = ''`;
  return list.length ? `(${blank} OR ${x} IN (${list.map(q).join(', ')}))` : `(${blank})`;
}

interface SampleStats {
  kinds: Map<number, number>;
  padded: boolean;
  distinct: Map<string, number>;
}

/**
 * Infer the type of each raw column of `table` (all VARCHAR, missing as NULL). `markers` are the
 * missing markers in force; `overrides` maps final column names to forced types.
 * @throws UserError CANCELLED when aborted.
 */
export async function inferColumns(
  db: Db,
  table: string,
  columns: readonly InferInput[],
  opts: {
    markers: readonly string[];
    overrides?: Record<string, ColumnType>;
    decimalMark?: DecimalMark;
    /** The user's thousands separator: the only grouping numbers may use ('' for none). */
    thousandsMark?: ThousandsMark;
    signal?: AbortSignal;
    onProgress?: (fraction: number) => void;
    /**
     * Which columns are read from their distinct values (`values.ts`): by DuckDB's estimate
     * ('auto', the default), every one or none. The result is the same; tests compare them.
     */
    grouping?: 'auto' | 'all' | 'none';
  },
): Promise<InferResult> {
  const markers = opts.markers.slice(0, MAX_MARKERS);
  if (opts.thousandsMark !== undefined && opts.thousandsMark === opts.decimalMark)
    throw new UserError('SETTING_INVALID', {
      setting: 'thousandsMark',
      reason: `"${opts.thousandsMark}" is also the decimal mark`,
    });
  const warnings: DataWarning[] = [];
  if (columns.length === 0) return { plans: [], warnings, decimalMark: '.', thousandsMark: '', sources: new Map() };

  // 1. Sample: which kinds to try first, and whether the column is plainly text.
  const sampleRows = (
    await db.connection.runAndReadAll(
      `SELECT ${columns.map((c) => id(c.raw)).join(', ')} FROM ${id(table)} LIMIT ${SAMPLE_ROWS}`,
    )
  ).getRows();
  const samples: SampleStats[] = columns.map(() => ({
    kinds: new Map(),
    padded: false,
    distinct: new Map(),
  }));
  for (const row of sampleRows) {
    for (let j = 0; j < columns.length; j++) {
      const v = row[j] as string | null;
      const s = samples[j]!;
      const k = kindOf(v, markers);
      s.kinds.set(k, (s.kinds.get(k) ?? 0) + 1);
      if (v === null) continue;
      if (v.length > 0 && (v.charCodeAt(0) <= 32 || v.charCodeAt(v.length - 1) <= 32)) s.padded = true;
      const t = v.trim();
      if (s.distinct.size < 2000 || s.distinct.has(t)) s.distinct.set(t, (s.distinct.get(t) ?? 0) + 1);
    }
  }
  const isTextSample = (s: SampleStats) => s.kinds.has(Kind.OTHER) || s.kinds.has(Kind.OTHER_DIGIT);
  throwIfAborted(opts.signal);

  // 2. One pass over the whole table. Strings need only marker counts and padding (the table's
  // own statistics give approximate distinct counts and lengths for free); the rest verify kinds.
  // Columns with many repeats are read from their distinct values (`values.ts`), the rest row by row.
  const statRow =
    (
      await db.connection.runAndReadAll(
        `SELECT ${columns.map((c, j) => `stats(${id(c.raw)}) AS s${j}`).join(', ')} FROM ${id(table)} LIMIT 1`,
      )
    ).getRowObjectsJS()[0] ?? {};
  const tableStats = columns.map((_, j) => parseStats(String(statRow[`s${j}`] ?? '')));
  const [{ n: rowCount } = { n: 0 }] = await db.all<{ n: number }>(`SELECT count(*) AS n FROM ${id(table)}`);
  // Identifier candidates need exact uniqueness. DuckDB's estimate errs by up to a quarter on
  // near-unique columns: count when it could be unique.
  const needsExact = columns.map((c, j) => {
    const code = sampleCode(samples[j]!);
    return (
      isTextSample(samples[j]!) &&
      (code.candidate || isIdName(c.name)) &&
      tableStats[j]!.approxUnique >= 0.6 * Number(rowCount)
    );
  });
  // An exact distinct count costs the same hash table as grouping, so those columns are grouped too.
  const grouped = columns
    .map((c, j) => ({ j, raw: c.raw }))
    .filter(({ j }) =>
      opts.grouping === 'all'
        ? true
        : opts.grouping === 'none'
          ? false
          : tableStats[j]!.approxUnique <= GROUP_SHARE * Number(rowCount) || needsExact[j],
    );
  const half = (f: number) => opts.onProgress?.(f / 2);
  const sources = await createValueTable(db, table, Number(rowCount) > 0 ? grouped : [], {
    signal: opts.signal,
    onProgress: opts.onProgress ? half : undefined,
  });
  const sourceOf = (j: number) => sources.get(j) ?? rawSource(table, columns[j]!.raw);
  const realMarkers = markers.filter((m) => m !== '');
  const inMarkers = (x: string) => `${x} IN (${realMarkers.map(q).join(', ')})`;
  const stats: Stat[] = [];
  columns.forEach((c, j) => {
    const s = samples[j]!;
    const src = sourceOf(j);
    const add = (name: string, sql: string) => stats.push({ j, name, sql });
    const col = src.column;
    const x = s.padded ? `trim(${col}, ' \t')` : col;
    const notMarker = realMarkers.length ? ` AND NOT ${inMarkers(x)}` : '';
    if (isTextSample(s)) {
      add('n', countSql(src, `${col} IS NOT NULL`));
      add('p', `bool_or(starts_with(${col}, ' ') OR ends_with(${col}, ' '))`);
      const code = sampleCode(s);
      if (needsExact[j]) add('u', distinctSql(src, x, `${x} IS NOT NULL${notMarker}`));
      if (code.hex || code.uuid) {
        add(
          'h',
          countSql(
            src,
            `${x} IS NOT NULL${notMarker} AND NOT regexp_full_match(${x}, ${q(code.uuid ? PATTERNS.UUID : HEX)})`,
          ),
        );
      }
      // Which markers occur and how often, as [{key, value}] (a key may repeat when grouped values
      // differ only in padding; readers sum them).
      if (realMarkers.length) {
        add(
          'l',
          src.weight
            ? `list({'key': ${x}, 'value': ${src.weight}}) FILTER (WHERE ${inMarkers(x)})`
            : `histogram(${x}) FILTER (WHERE ${inMarkers(x)})`,
        );
      }
    } else {
      const tried = triedKinds(s.kinds);
      add('m', `bit_or(${verifyCase(x, col, tried, markers, false)})`);
      // d.m.yyyy-like dates: the largest first and second parts decide day/month order (cheaper here
      // than in a pass of their own).
      const sep = tried.includes(Kind.DATE_DOT)
        ? '.'
        : tried.includes(Kind.DATE_SLASH)
          ? '/'
          : tried.includes(Kind.DATE_DASH)
            ? '-'
            : null;
      if (sep) {
        add('da', `max(TRY_CAST(split_part(${x}, '${sep}', 1) AS INTEGER))`);
        add('db', `max(TRY_CAST(split_part(${x}, '${sep}', 2) AS INTEGER))`);
      }
      // Checks that would otherwise each cost a pass of their own.
      const digit = `ascii(${x}) BETWEEN 48 AND 57`;
      if (tried.includes(Kind.DATE_ISO) || tried.includes(Kind.DATETIME_ISO)) {
        add('ib', countSql(src, `${digit} AND TRY_CAST(left(${x}, 10) AS DATE) IS NULL`));
      }
      if (tried.includes(Kind.DATETIME_ISO)) {
        add('it', countSql(src, `${digit} AND length(${x}) > 10 AND NOT regexp_full_match(${x}, ${q(MIDNIGHT)})`));
      }
      if (tried.includes(Kind.BOOL))
        add('bt', `list(DISTINCT lower(${x})) FILTER (WHERE lower(${x}) IN (${BOOL_TOKENS.map(q).join(', ')}))`);
      if (tried.includes(Kind.INT) && (isFlagName(c.name) || isDateName(c.name))) {
        add('lo', `min(TRY_CAST(${x} AS BIGINT)) FILTER (WHERE ${digit})`);
        add('hi', `max(TRY_CAST(${x} AS BIGINT)) FILTER (WHERE ${digit})`);
        add('f', `bool_and(${x} IN ('0', '1')) FILTER (WHERE ${x} IS NOT NULL${notMarker})`);
      }
    }
  });
  const a = await aggregateAll(db, stats, sourceOf, {
    signal: opts.signal,
    onProgress: opts.onProgress ? (f) => opts.onProgress!(grouped.length ? 0.5 + f / 2 : f) : undefined,
  });
  // Second pass, only for columns where some value fit none of the tried kinds: classify those fully.
  const unexpected = 1n << BigInt(Kind.UNEXPECTED);
  const again = columns
    .map((c, j) => ({ c, j }))
    .filter(({ j }) => !isTextSample(samples[j]!) && (toBig(a[`m${j}`]) & unexpected) !== 0n);
  if (again.length) {
    const sel = again.map(({ j }) => {
      const col = sourceOf(j).column;
      const x = samples[j]!.padded ? `trim(${col}, ' \t')` : col;
      return { j, name: 'm', sql: `bit_or(${verifyCase(x, col, triedKinds(samples[j]!.kinds), markers, true)})` };
    });
    const second = await aggregateAll(db, sel, sourceOf, { signal: opts.signal });
    for (const { j } of again) a[`m${j}`] = second[`m${j}`];
  }
  const num = (v: unknown) => (typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : 0);
  const big = toBig;
  // histogram() arrives as [{key, value}].
  const markerHist = (j: number) => (a[`l${j}`] as Array<{ key: string; value: unknown }> | null | undefined) ?? [];
  const markerMaskOf = (j: number): bigint => {
    let m = 0n;
    for (const { key } of markerHist(j)) {
      const i = markers.indexOf(key);
      if (i >= 0) m |= 1n << BigInt(MARKER_BASE + i);
    }
    return m;
  };
  const markerCountOf = (j: number) => markerHist(j).reduce((sum, e) => sum + Number(e.value), 0);

  // 3. Decide.
  const kindSets = columns.map(
    (_, j) =>
      new Set(kindsIn(big(a[`m${j}`])).filter((k) => k !== Kind.EMPTY && k !== Kind.PADDED && k !== Kind.UNEXPECTED)),
  );
  const fileDecimal = opts.decimalMark ?? fileDecimalMark(kindSets.filter((_, j) => !isTextSample(samples[j]!)));
  const plans: ColumnPlan[] = [];
  for (let j = 0; j < columns.length; j++) {
    throwIfAborted(opts.signal);
    const c = columns[j]!;
    const s = samples[j]!;
    const text = isTextSample(s);
    const mask = text ? markerMaskOf(j) : big(a[`m${j}`]);
    const padded = s.padded || a[`p${j}`] === true || (mask & (1n << BigInt(Kind.PADDED))) !== 0n;
    const present = markersIn(mask).map((i) => markers[i]!);
    const base: ColumnPlan = { raw: c.raw, name: c.name, type: 'text', trim: padded, missing: present };
    const ctx: Ctx = {
      db,
      src: sourceOf(j),
      rawTable: table,
      base,
      fileDecimal,
      thousands: opts.thousandsMark,
      warnings,
      markers,
    };
    let plan: ColumnPlan;
    if (text) {
      plan = await decideString(ctx, s, {
        approxDistinct: tableStats[j]!.approxUnique,
        maxLength: tableStats[j]!.maxLength,
        nonEmpty: num(a[`n${j}`]),
        markerCount: markerCountOf(j),
        exactDistinct: a[`u${j}`] !== undefined ? num(a[`u${j}`]) : undefined,
        nonCode: a[`h${j}`] !== undefined ? num(a[`h${j}`]) : undefined,
      });
    } else {
      const pre: Precomputed = {
        ...(a[`da${j}`] !== undefined ? { parts: { first: num(a[`da${j}`]), second: num(a[`db${j}`]) } } : {}),
        ...(a[`ib${j}`] !== undefined ? { isoBad: num(a[`ib${j}`]) } : {}),
        ...(a[`it${j}`] !== undefined ? { isoTimed: num(a[`it${j}`]) } : {}),
        ...(a[`bt${j}`] !== undefined ? { boolTokens: ((a[`bt${j}`] as string[] | null) ?? []).map(String) } : {}),
        ...(a[`lo${j}`] !== undefined
          ? { intRange: { lo: Number(a[`lo${j}`]), hi: Number(a[`hi${j}`]), zeroOne: a[`f${j}`] === true } }
          : {}),
      };
      plan = await decideKinds(ctx, s, kindSets[j]!, tableStats[j]!, pre);
    }
    const forced = opts.overrides?.[c.name];
    if (forced && forced !== plan.type) plan = await overridePlan(ctx, plan, forced, kindSets[j]!);
    plans.push(plan);
  }
  const usedComma = plans.some((p) => p.number?.decimal === ',' && p.type === 'float');
  const decimalMark: DecimalMark = opts.decimalMark ?? (usedComma ? ',' : '.');
  const thousandsMark =
    opts.thousandsMark ?? plans.find((p) => p.number && p.number.thousands)?.number?.thousands ?? '';
  const byRaw = new Map([...sources].map(([j, src]) => [columns[j]!.raw, src]));
  return { plans, warnings, decimalMark, thousandsMark, sources: byRaw };
}

/** One aggregate of the whole-column pass: statistic `name` (`m`, `da`, …) of column `j`. */
interface Stat {
  j: number;
  name: string;
  sql: string;
}

/**
 * Compute `stats`, each over its column's source, into one record keyed `${name}${j}`. Columns read
 * row by row share one scan of the raw table; grouped columns are one small query each over their
 * distinct values, unioned by name into a row per column (a union of one-row results with every
 * column's own names would grow quadratically: 3 s against 0.3 s for 300 columns).
 * @throws UserError CANCELLED when aborted.
 */
async function aggregateAll(
  db: Db,
  stats: readonly Stat[],
  sourceOf: (j: number) => ColumnSource,
  opts: { signal?: AbortSignal; onProgress?: (fraction: number) => void },
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const rowwise = stats.filter((s) => !sourceOf(s.j).weight);
  if (rowwise.length) {
    const from = sourceOf(rowwise[0]!.j).from;
    const [row] = await allWithProgress(
      db,
      `SELECT ${rowwise.map((s) => `${s.sql} AS ${s.name}${s.j}`).join(', ')} FROM ${from}`,
      opts,
    );
    Object.assign(out, row);
  }
  const byColumn = new Map<number, Stat[]>();
  for (const s of stats) {
    if (!sourceOf(s.j).weight) continue;
    const list = byColumn.get(s.j);
    if (list) list.push(s);
    else byColumn.set(s.j, [s]);
  }
  if (byColumn.size) {
    const branches = [...byColumn].map(
      ([j, list]) =>
        `SELECT ${j} AS j, ${list.map((s) => `${s.sql} AS ${s.name}`).join(', ')} FROM ${sourceOf(j).from}`,
    );
    const rows = await allWithProgress(db, branches.join(' UNION ALL BY NAME '), { signal: opts.signal });
    for (const row of rows) {
      const j = Number(row.j);
      for (const s of byColumn.get(j) ?? []) out[`${s.name}${j}`] = row[s.name];
    }
  }
  return out;
}

/** What the main pass already measured for a column, so no pass of its own is needed. */
interface Precomputed {
  /** Largest first and second parts of d.m.yyyy-like values. */
  parts?: { first: number; second: number };
  /** ISO-looking values that are no date, and date-times with a time other than midnight. */
  isoBad?: number;
  isoTimed?: number;
  /** Distinct boolean words (lower case). */
  boolTokens?: string[];
  /** Range of an integer column, and whether every value is 0 or 1. */
  intRange?: { lo: number; hi: number; zeroOne: boolean };
}

const MIDNIGHT = '.{10}[T ]0?0:00(:00(\\.0+)?)?(Z|[+-]00:?00)?';
const BOOL_TOKENS = ['true', 'false', 'yes', 'no', 'y', 'n', 't', 'f', '是', '否'];

/** What a column's sample says about codes: UUIDs, hexadecimal codes, compact digit codes. */
function sampleCode(s: SampleStats): { hex: boolean; uuid: boolean; candidate: boolean } {
  const values = [...s.distinct.keys()].filter((v) => v !== '');
  if (values.length === 0) return { hex: false, uuid: false, candidate: false };
  const hex =
    values.every((v) => /^[0-9a-fA-F]+$/.test(v)) &&
    values.some((v) => /[a-fA-F]/.test(v)) &&
    values.some((v) => /[0-9]/.test(v));
  const uuid = values.every((v) => kindOf(v) === Kind.UUID);
  const compact = values.every((v) => !/\s/.test(v) && /[0-9]/.test(v) && v.length <= 40);
  return { hex, uuid, candidate: hex || uuid || compact };
}

function toBig(v: unknown): bigint {
  return typeof v === 'bigint' ? v : typeof v === 'number' ? BigInt(v) : typeof v === 'string' ? BigInt(v) : 0n;
}

interface TableStats {
  approxUnique: number;
  maxLength: number;
}

/** DuckDB's per-column table statistics (`stats(col)`): HyperLogLog distinct estimate, longest string. */
function parseStats(s: string): TableStats {
  const unique = /Approx Unique: (\d+)/.exec(s);
  const len = /Max String Length: (\d+)/.exec(s);
  return {
    approxUnique: unique ? Number(unique[1]) : Number.MAX_SAFE_INTEGER,
    maxLength: len ? Number(len[1]) : Number.MAX_SAFE_INTEGER,
  };
}

interface Ctx {
  db: Db;
  /** Where this column's values are read (the raw table or its distinct values). */
  src: ColumnSource;
  /** The raw table, for questions about record positions. */
  rawTable: string;
  base: ColumnPlan;
  fileDecimal: DecimalMark | null;
  /** The user's thousands separator, when given. */
  thousands?: ThousandsMark;
  warnings: DataWarning[];
  markers: readonly string[];
}

/**
 * CASE expression giving the kind bit of raw value `x`: the `tried` kinds first (one regex each, in
 * order), everything else through the full classifier on the trimmed raw value `col`.
 */
function verifyCase(
  x: string,
  col: string,
  tried: readonly KindId[],
  markers: readonly string[],
  full: boolean,
): string {
  const bit = (k: number) => `${(1n << BigInt(k)).toString()}::UBIGINT`;
  const re = (p: string) => `regexp_full_match(${x}, ${q(p)})`;
  // Unexpected values: in the first pass one bit, so the query compiles only a few regexes; in the
  // second (for the few columns that had any) the full classifier, on trimmed values where padded.
  const rest = full
    ? `CASE WHEN starts_with(${col}, ' ') OR ends_with(${col}, ' ') THEN (${kindMaskSql(`trim(${col}, ' \t')`, markers)}) | ${bit(Kind.PADDED)} ELSE ${kindMaskSql(col, markers)} END`
    : `${bit(Kind.UNEXPECTED)}`;
  // Missing markers in the first pass: exact comparisons after the patterns (most rows never get here).
  const markerWhens = full
    ? []
    : markers
        .map((m, i) => (m === '' || i >= MAX_MARKERS ? '' : `WHEN ${x} = ${q(m)} THEN ${bit(MARKER_BASE + i)}`))
        .filter(Boolean);
  const intCase =
    `CASE WHEN length(${x}) > 15 AND length(ltrim(${x}, '+-')) > 15 THEN ${bit(Kind.LONGINT)} ` +
    `WHEN starts_with(${x}, '0') AND length(${x}) > 1 THEN ${bit(Kind.LEADZERO)} ELSE ${bit(Kind.INT)} END`;
  const three = (mark: string, amb: number, plain: number) =>
    `CASE WHEN strpos(${x}, '${mark}') = length(${x}) - 3 AND length(${x}) BETWEEN 5 AND 8 AND length(ltrim(${x}, '+-')) BETWEEN 5 AND 7 AND NOT starts_with(ltrim(${x}, '+-'), '0') ` +
    `THEN ${bit(amb)} ELSE ${bit(plain)} END`;
  const whens: string[] = [];
  // Markers shaped like a tried kind (-999 among integers) must be caught before its pattern.
  markers.forEach((m, i) => {
    const k = kindOf(m);
    const parent =
      k === Kind.LEADZERO || k === Kind.LONGINT
        ? Kind.INT
        : k === Kind.AMB_DOT3
          ? Kind.DEC
          : k === Kind.AMB_COMMA3
            ? Kind.DEC_COMMA
            : k;
    if (m !== '' && i < MAX_MARKERS && tried.includes(parent as KindId))
      whens.push(`WHEN ${x} = ${q(m)} THEN ${bit(MARKER_BASE + i)}`);
  });
  for (const k of tried) {
    const name = (Object.keys(Kind) as Array<keyof typeof Kind>).find((n) => Kind[n] === k)!;
    if (k === Kind.INT) whens.push(`WHEN ${re(PATTERNS.INT)} THEN ${intCase}`);
    else if (k === Kind.DEC) whens.push(`WHEN ${re(PATTERNS.DEC)} THEN ${three('.', Kind.AMB_DOT3, Kind.DEC)}`);
    else if (k === Kind.DEC_COMMA)
      whens.push(`WHEN ${re(PATTERNS.DEC_COMMA)} THEN ${three(',', Kind.AMB_COMMA3, Kind.DEC_COMMA)}`);
    else if (name in PATTERNS) whens.push(`WHEN ${re(PATTERNS[name as keyof typeof PATTERNS])} THEN ${bit(k)}`);
  }
  return `CASE WHEN ${col} IS NULL THEN ${bit(Kind.EMPTY)} ${[...whens, ...markerWhens].join(' ')} ELSE ${rest} END`;
}

/**
 * Kinds to test first for a column, most frequent in the sample first. Sub-kinds that the INT / DEC
 * branches tell apart by cheap tests map to their parent; XLNUM goes before SCI, which also matches it.
 */
function triedKinds(sampled: Map<number, number>): KindId[] {
  const parent = (k: number): number =>
    k === Kind.LEADZERO || k === Kind.LONGINT
      ? Kind.INT
      : k === Kind.AMB_DOT3
        ? Kind.DEC
        : k === Kind.AMB_COMMA3
          ? Kind.DEC_COMMA
          : k;
  const freq = new Map<number, number>();
  for (const [k, n] of sampled)
    if (k > Kind.EMPTY && k !== Kind.OTHER && k !== Kind.OTHER_DIGIT)
      freq.set(parent(k), (freq.get(parent(k)) ?? 0) + n);
  const order = [...freq.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k as KindId);
  const xl = order.indexOf(Kind.XLNUM);
  const sci = order.indexOf(Kind.SCI);
  if (xl > sci && sci >= 0) order.splice(sci, 0, ...order.splice(xl, 1));
  return order;
}

interface StringEvidence {
  approxDistinct: number;
  maxLength: number;
  nonEmpty: number;
  markerCount: number;
  /** Exact distinct non-marker values, when the main pass counted them. */
  exactDistinct?: number;
  /** Values that are not hexadecimal/UUID codes, when the sample suggested codes. */
  nonCode?: number;
}

async function one(db: Db, sql: string): Promise<Record<string, unknown>> {
  const rows = await db.all(sql);
  return rows[0] ?? {};
}

/** Markers of `present` that are plausible values of the column (shape majority), checked in SQL. */
async function plausibleMarkers(ctx: Ctx, x: string, present: readonly string[]): Promise<string[]> {
  const real = present.filter((m) => m !== '');
  if (real.length === 0) return [];
  const notMarker = `${x} IS NOT NULL AND trim(${x}, ' \t') <> '' AND ${x} NOT IN (${ctx.markers
    .filter((m) => m !== '')
    .map(q)
    .join(', ')})`;
  const parts = real.map(
    (m, i) => `${countSql(ctx.src, `${notMarker} AND regexp_full_match(${x}, ${q(markerShapePattern(m))})`)} AS s${i}`,
  );
  const r = await one(ctx.db, `SELECT ${countSql(ctx.src, notMarker)} AS n, ${parts.join(', ')} FROM ${ctx.src.from}`);
  const n = Number(r.n ?? 0);
  return real.filter((_, i) => markerIsValue(Number(r[`s${i}`] ?? 0), n));
}

async function decideString(ctx: Ctx, s: SampleStats, e: StringEvidence): Promise<ColumnPlan> {
  const { base } = ctx;
  const col = id(base.raw);
  const x = base.trim ? `trim(${col}, ' \t')` : col;
  const asValues = await plausibleMarkers(ctx, x, base.missing);
  const missing = base.missing.filter((m) => !asValues.includes(m));
  const missingCount =
    e.markerCount -
    (asValues.length
      ? Number(
          (
            await one(
              ctx.db,
              `SELECT ${countSql(ctx.src, `${x} IN (${asValues.map(q).join(', ')})`)} AS c FROM ${ctx.src.from}`,
            )
          ).c ?? 0,
        )
      : 0);
  const nonMissing = e.nonEmpty - missingCount;
  const code = sampleCode(s);
  const notMissing = `NOT ${missingSql(x, missing)}`;
  let codeLike = false;
  if (code.hex || code.uuid) {
    const bad =
      e.nonCode ??
      Number(
        (
          await one(
            ctx.db,
            `SELECT ${countSql(ctx.src, `${notMissing} AND NOT regexp_full_match(${x}, ${q(code.uuid ? PATTERNS.UUID : HEX)})`)} AS bad FROM ${ctx.src.from}`,
          )
        ).bad ?? 1,
      );
    codeLike = bad === 0;
  }
  const sampleValues = [...s.distinct.keys()].filter((v) => v !== '' && !missing.includes(v));
  const compact =
    sampleValues.length > 0 && sampleValues.every((v) => !/\s/.test(v) && /[0-9]/.test(v) && v.length <= 40);
  // The table's distinct estimate is rough: count exactly when an identifier is possible (the main
  // pass usually did) or the category limit is near.
  let distinct = e.exactDistinct ?? e.approxDistinct;
  const candidate =
    codeLike || ((compact || isIdName(base.name)) && distinct * 10 >= nonMissing * 6 && nonMissing >= 2);
  if (e.exactDistinct === undefined && (candidate || (nonMissing <= 10_000 && distinct <= 2000))) {
    const r = await one(ctx.db, `SELECT ${distinctSql(ctx.src, x, notMissing)} AS d FROM ${ctx.src.from}`);
    distinct = Number(r.d ?? distinct);
  }
  const type = stringType({ name: base.name, nonMissing, distinct, maxLength: e.maxLength, codeLike, compact });
  return { ...base, missing, type, reason: codeLike ? (code.uuid ? 'uuid' : 'hex_code') : undefined };
}

async function decideKinds(
  ctx: Ctx,
  s: SampleStats,
  kinds: Set<KindId>,
  stats: TableStats,
  pre: Precomputed = {},
): Promise<ColumnPlan> {
  const { base, fileDecimal } = ctx;
  const col = id(base.raw);
  const x = base.trim ? `trim(${col}, ' \t')` : col;
  const only = (...ks: KindId[]) => [...kinds].every((k) => ks.includes(k));
  if (kinds.size === 0) return { ...base, type: 'text', reason: 'empty' };

  const allNumeric = [...kinds].every((k) => (NUMERIC_KINDS as readonly number[]).includes(k));
  if (allNumeric) {
    if (kinds.has(Kind.XLNUM) && only(Kind.XLNUM, Kind.INT, Kind.LONGINT, Kind.LEADZERO)) return precisionLost(ctx, x);
    if (kinds.has(Kind.LONGINT)) return stringFromDigits(ctx, x, 'long_digits');
    if (kinds.has(Kind.LEADZERO)) return stringFromDigits(ctx, x, 'leading_zeros');
    // Phone numbers and postal codes are codes even without a leading zero (C24 手机), and digits in
    // groups of three are codes when the column is named as one.
    if (only(Kind.INT) && isCodeName(base.name)) return stringFromDigits(ctx, x, 'code_name');
    const grouped = [...SPACE_GROUPED, ...APOS_GROUPED];
    if (
      grouped.some((k) => kinds.has(k)) &&
      only(Kind.INT, ...grouped) &&
      (isCodeName(base.name) || isIdName(base.name))
    )
      return stringFromDigits(ctx, x, 'code_name');
    const fmt = numberFormat(kinds, fileDecimal, ctx.thousands);
    if (fmt) {
      if (fmt.type === 'integer' && only(Kind.INT)) {
        const extra = await integerExtras(ctx, x, base, pre.intRange);
        if (extra) return extra;
      }
      return { ...base, type: fmt.type, number: fmt };
    }
    return { ...base, type: 'text', reason: 'mixed_number_formats' };
  }
  // Percentages and amounts with a currency sign, possibly mixed with bare numbers.
  const affixed = kinds.has(Kind.PCT) ? 'percent' : kinds.has(Kind.CUR) ? 'currency' : null;
  if (affixed && only(Kind.PCT, Kind.CUR, ...NUMERIC_KINDS) && !(kinds.has(Kind.PCT) && kinds.has(Kind.CUR))) {
    const decimal = fileDecimal ?? (ctx.thousands === ',' ? '.' : ctx.thousands === '.' ? ',' : '.');
    return {
      ...base,
      type: 'float',
      number: { type: 'float', decimal, thousands: ctx.thousands ?? (decimal === ',' ? '.' : ','), affix: affixed },
    };
  }
  const family = dateFamily(kinds);
  if (family) {
    const plan = await decideDate(ctx, x, family, pre);
    if (plan) return plan;
    return { ...base, type: 'text', reason: 'invalid_dates' };
  }
  if (only(Kind.BOOL)) {
    const tokens =
      pre.boolTokens ??
      (
        await ctx.db.all<{ v: string }>(
          `SELECT DISTINCT lower(${x}) AS v FROM ${ctx.src.from} WHERE NOT ${missingSql(x, base.missing)} LIMIT 3`,
        )
      ).map((r) => r.v);
    const pair = boolPair(tokens);
    if (pair)
      return { ...base, type: 'boolean', bool: { trueValues: [pair.trueValue], falseValues: [pair.falseValue] } };
  }
  if (only(Kind.UUID)) return { ...base, type: 'identifier', reason: 'uuid' };
  // Strings after all (BOOL-like words that are not a pair, kinds mixing numbers and dates…).
  const real = ctx.markers.filter((m) => m !== '');
  const r = await one(
    ctx.db,
    `SELECT ${countSql(ctx.src, `${col} IS NOT NULL`)} AS n, ${real.length ? countSql(ctx.src, `${x} IN (${real.map(q).join(', ')})`) : '0'} AS k FROM ${ctx.src.from}`,
  );
  return decideString(ctx, s, {
    approxDistinct: stats.approxUnique,
    maxLength: stats.maxLength,
    nonEmpty: Number(r.n ?? 0),
    markerCount: Number(r.k ?? 0),
  });
}

/** Integer column: a 0/1 flag → boolean; Excel serial day numbers → integer with a suggestion. */
async function integerExtras(
  ctx: Ctx,
  x: string,
  base: ColumnPlan,
  range?: { lo: number; hi: number; zeroOne: boolean },
): Promise<ColumnPlan | null> {
  const flag = isFlagName(base.name);
  if (!flag && !isDateName(base.name)) return null;
  const notMissing = `NOT ${missingSql(x, base.missing)}`;
  const r = range
    ? { lo: range.lo, hi: range.hi, flag: range.zeroOne }
    : await one(
        ctx.db,
        `SELECT min(TRY_CAST(${x} AS BIGINT)) AS lo, max(TRY_CAST(${x} AS BIGINT)) AS hi, bool_and(${x} IN ('0', '1')) AS flag FROM ${ctx.src.from} WHERE ${notMissing}`,
      );
  const lo = Number(r.lo);
  const hi = Number(r.hi);
  if (flag && lo === 0 && hi === 1 && r.flag === true) {
    return { ...base, type: 'boolean', bool: { trueValues: ['1'], falseValues: ['0'] }, reason: 'flag_0_1' };
  }
  if (Number.isFinite(lo) && looksExcelSerial(base.name, lo, hi)) {
    ctx.warnings.push(
      dataWarning(
        'excel_serial_date',
        { min: lo, max: hi, origin: '1899-12-30', system: '1900' },
        { column: base.name, severity: 'info' },
      ),
    );
    return {
      ...base,
      type: 'integer',
      number: { type: 'integer', decimal: '.', thousands: '' },
      suggestion: 'excel_serial_date',
    };
  }
  return null;
}

/** Digit strings that are codes, not quantities: identifiers when unique and named so, else text. */
async function stringFromDigits(ctx: Ctx, x: string, reason: string): Promise<ColumnPlan> {
  const { base } = ctx;
  // Only a column named as an identifier can become one; the rest is text without counting.
  if (!isIdName(base.name)) return { ...base, type: 'text', reason };
  const notMissing = `NOT ${missingSql(x, base.missing)}`;
  const r = await one(
    ctx.db,
    `SELECT ${countSql(ctx.src, notMissing)} AS n, ${distinctSql(ctx.src, x, notMissing)} AS d FROM ${ctx.src.from}`,
  );
  const unique = Number(r.n) >= 2 && Number(r.n) === Number(r.d);
  return { ...base, type: unique ? 'identifier' : 'text', reason };
}

/** Excel-mangled `8.96529E+19` codes: kept as text, with the rows that now collide (C12). */
async function precisionLost(ctx: Ctx, x: string): Promise<ColumnPlan> {
  const { base } = ctx;
  const rows = await ctx.db.all<{ v: string; rows: number[]; n: number }>(
    `SELECT ${x} AS v, list(rowid + 1 ORDER BY rowid)[1:20] AS rows, count(*) AS n FROM ${id(ctx.rawTable)} ` +
      `WHERE regexp_full_match(${x}, ${q(PATTERNS.XLNUM)}) GROUP BY ${x} HAVING count(*) > 1 ORDER BY min(rowid) LIMIT 50`,
  );
  const groups = rows.map((r) => (r.rows as unknown[]).map(Number));
  const example =
    rows[0]?.v ??
    (
      await ctx.db.all<{ v: string }>(
        `SELECT ${x} AS v FROM ${ctx.src.from} WHERE regexp_full_match(${x}, ${q(PATTERNS.XLNUM)}) LIMIT 1`,
      )
    )[0]?.v ??
    '';
  ctx.warnings.push(
    dataWarning(
      'identifier_precision_lost',
      {
        example,
        groups: groups.length,
        duplicate_groups: groups,
        duplicateGroups: groups,
      },
      { column: base.name, rows: groups.flat().slice(0, 100) },
    ),
  );
  return { ...base, type: 'text', reason: 'precision_lost' };
}

async function decideDate(ctx: Ctx, x: string, family: DateFamily, pre: Precomputed = {}): Promise<ColumnPlan | null> {
  const { base, fileDecimal } = ctx;
  const t = ctx.src.from;
  const cnt = (cond: string) => countSql(ctx.src, cond);
  const notMissing = `NOT ${missingSql(x, base.missing)}`;
  const parts = pre.parts;
  if (family === 'iso' || family === 'iso_datetime') {
    // Date-times found only after the sample have no precomputed check: query then.
    const r =
      pre.isoBad !== undefined && (family === 'iso' || pre.isoTimed !== undefined)
        ? { bad: pre.isoBad, timed: pre.isoTimed ?? 0 }
        : await one(
            ctx.db,
            `SELECT ${cnt(`${notMissing} AND TRY_CAST(left(${x}, 10) AS DATE) IS NULL`)} AS bad, ` +
              `${cnt(`${notMissing} AND length(${x}) > 10 AND NOT regexp_full_match(${x}, ${q(MIDNIGHT)})`)} AS timed FROM ${t}`,
          );
    if (Number(r.bad) > 0) return null;
    if (Number(r.timed) > 0) {
      // Date-times (COMPAS `c_jail_in`: 2013-01-26 03:45:27) keep their time: every value must read
      // as a TIMESTAMP (an offset such as +02:00 is dropped, as the value is written).
      const t2 = await one(
        ctx.db,
        `SELECT ${cnt(`${notMissing} AND TRY_CAST(${x} AS TIMESTAMP) IS NULL`)} AS bad FROM ${t}`,
      );
      if (Number(t2.bad) > 0) return null;
      const label = 'YYYY-MM-DD HH:MM:SS';
      return {
        ...base,
        type: 'date',
        date: { family, strptime: '%Y-%m-%d %H:%M:%S', label, ambiguous: false, time: true },
      };
    }
    return { ...base, type: 'date', date: { family, strptime: '%Y-%m-%d', label: 'YYYY-MM-DD', ambiguous: false } };
  }
  if (family === 'ymd' || family === 'cjk') {
    let sep = '/';
    if (family === 'ymd') {
      const r = await one(
        ctx.db,
        `SELECT bool_or(contains(${x}, '.')) AS dot, bool_or(contains(${x}, '/')) AS slash FROM ${t} WHERE ${notMissing}`,
      );
      if (r.dot === true && r.slash === true) return null;
      sep = r.dot === true ? '.' : '/';
    }
    const fmt = dateFormatOf(family, null, sep);
    const bad = await one(
      ctx.db,
      `SELECT ${cnt(`${notMissing} AND try_strptime(${x}, ${q(fmt.strptime)}) IS NULL`)} AS bad FROM ${t}`,
    );
    if (Number(bad.bad) > 0) return null;
    return { ...base, type: 'date', date: { family, strptime: fmt.strptime, label: fmt.label, ambiguous: false } };
  }
  // d.m.yyyy families: the largest first and second parts (from the main pass when it computed them)
  // decide the order; then every value must read in that order.
  const s = family === 'dot' ? '.' : family === 'slash' ? '/' : '-';
  let maxima = parts;
  if (!maxima) {
    const r = await one(
      ctx.db,
      `SELECT max(TRY_CAST(split_part(${x}, '${s}', 1) AS INTEGER)) AS first, max(TRY_CAST(split_part(${x}, '${s}', 2) AS INTEGER)) AS second FROM ${t} WHERE ${notMissing}`,
    );
    maxima = { first: Number(r.first), second: Number(r.second) };
  }
  const dm = dayMonthOrder(maxima.first, maxima.second, family, fileDecimal);
  if (!dm.order) {
    ctx.warnings.push(dataWarning('mixed_date_formats', {}, { column: base.name }));
    return null;
  }
  const fmt = dateFormatOf(family, dm.order);
  const bad = await one(
    ctx.db,
    `SELECT ${cnt(`try_strptime(${x}, ${q(fmt.strptime)}) IS NULL`)} AS bad FROM ${t} WHERE ${notMissing}`,
  );
  if (Number(bad.bad) > 0) return null;
  if (dm.ambiguous) {
    ctx.warnings.push(dataWarning('ambiguous_date_format', { format: fmt.label }, { column: base.name }));
  }
  return { ...base, type: 'date', date: { family, strptime: fmt.strptime, label: fmt.label, ambiguous: dm.ambiguous } };
}

/**
 * Plan for a type the user forced: the reading rules of the detected kinds where they apply (decimal
 * mark, date format), the usual conventions otherwise. Values that do not convert become missing; the
 * import reports how many.
 */
async function overridePlan(ctx: Ctx, plan: ColumnPlan, type: ColumnType, kinds: Set<KindId>): Promise<ColumnPlan> {
  const base: ColumnPlan = {
    raw: plan.raw,
    name: plan.name,
    trim: plan.trim,
    missing: plan.missing,
    type,
    reason: 'override',
  };
  if (type === 'integer' || type === 'float') {
    const fmt =
      plan.number ??
      numberFormat(
        new Set([...kinds].filter((k) => (NUMERIC_KINDS as readonly number[]).includes(k))),
        ctx.fileDecimal,
        ctx.thousands,
      );
    return { ...base, number: { ...(fmt ?? { decimal: ctx.fileDecimal ?? '.', thousands: '' }), type } };
  }
  if (type === 'date') {
    if (plan.date) return { ...base, date: plan.date };
    const dateKinds = new Set([...kinds].filter((k) => (DATE_KINDS as readonly number[]).includes(k)));
    const family = dateFamily(dateKinds) ?? 'iso';
    const col = id(plan.raw);
    const x = plan.trim ? `trim(${col}, ' \t')` : col;
    const decided = await decideDate({ ...ctx, base }, x, family);
    const fmt = decided?.date ?? { family, ...dateFormatOf(family, 'dmy'), ambiguous: true };
    return { ...base, date: fmt };
  }
  if (type === 'boolean') {
    return {
      ...base,
      bool: plan.bool ?? {
        trueValues: ['true', 'yes', 'y', 't', '1', '是'],
        falseValues: ['false', 'no', 'n', 'f', '0', '否'],
      },
    };
  }
  return base;
}

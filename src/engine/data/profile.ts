/**
 * The data profile (SPEC §3): per column its type, count, missing count and fraction, distinct count,
 * min/max/mean/std/quartiles, top values and histogram; per dataset the warnings that cleaning should
 * answer, each with a proposed recipe step where one fits (`params.proposal`).
 *
 * Definitions (pandas `describe` conventions): std is the sample standard deviation (n − 1);
 * quartiles are linearly interpolated (`quantile_cont`, pandas' default `linear`); histograms have
 * equal-width bins over [min, max] of the present values (numpy `histogram` of the non-missing
 * values: the last bin includes max). Distinct counts are exact up to {@link EXACT_DISTINCT_LIMIT}
 * values; above it they are HyperLogLog estimates (DuckDB `approx_count_distinct`, relative error
 * ≈ 1 %) and `distinctApprox` says so.
 */
import type { Cell, ColumnInfo, ColumnProfile, ColumnType, DataWarning, DatasetProfile } from '../../shared/model/data';
import type { RecipeStep } from '../../shared/model/recipe';
import { UserError } from '../../shared/errors';
import { headerHint } from '../privacy/headers';
import type { Db } from './duck';
import { ident } from './duck';
import { isIdName } from './detect/decide';
import { isoDateSql, resolveWarnings } from './import-build';
import { dataWarning } from './warn';

/** Distinct counts above this are estimated (and then top values come only from columns with repeats). */
export const EXACT_DISTINCT_LIMIT = 100_000;
const TOP_VALUES = 10;
const HISTOGRAM_BINS = 20;
/**
 * Columns per grouping query: planning one query of hundreds of grouping branches costs more than
 * running them (measured on 300 columns: 1.2 s as one query, 0.5 s in batches).
 */
const PROFILE_BATCH = 64;

const NUMERIC: ReadonlySet<ColumnType> = new Set(['integer', 'float']);

interface Agg {
  count: number;
  approx: number;
  min: unknown;
  max: unknown;
  mean: number | null;
  std: number | null;
  quartiles: number[] | null;
}

const numOrNull = (v: unknown): number | null => {
  if (v === null || v === undefined) return null;
  const n = typeof v === 'bigint' ? Number(v) : Number(v);
  return Number.isFinite(n) ? n : null;
};

/** A value returned as text (top values travel as VARCHAR) back to its cell type. */
function fromText(v: string | null, type: ColumnType): Cell {
  if (v === null) return null;
  if (type === 'integer' || type === 'float') return Number(v);
  if (type === 'boolean') return v === 'true';
  return v;
}

/**
 * Profile `table` (columns as in `columns`, by name). `target` adds the target checks (leakage,
 * class imbalance). A handful of scans: the grouping queries take {@link PROFILE_BATCH} columns each.
 * @throws UserError COLUMN_NOT_FOUND when `target` is not a column.
 */
export async function profileTable(
  db: Db,
  table: string,
  columns: ColumnInfo[],
  opts: { target?: string } = {},
): Promise<DatasetProfile> {
  const t = ident(table);
  const target = opts.target;
  if (target !== undefined && !columns.some((c) => c.name === target)) {
    throw new UserError('COLUMN_NOT_FOUND', {
      file: table,
      column: target,
      columns: columns.map((c) => c.name).join(', '),
    });
  }

  // 0. DuckDB's table statistics (free, rough) say which columns have very many values: only those
  // need a HyperLogLog estimate; the rest get exact counts from their GROUP BY below.
  const statRow = columns.length
    ? ((
        await db.all(`SELECT ${columns.map((c, j) => `stats(${ident(c.name)}) AS s${j}`).join(', ')} FROM ${t} LIMIT 1`)
      )[0] ?? {})
    : {};
  const wideGuess = columns.map((_, j) => {
    const m = /Approx Unique: (\d+)/.exec(String(statRow[`s${j}`] ?? ''));
    return m ? Number(m[1]) > EXACT_DISTINCT_LIMIT / 2 : true;
  });

  // 1. One scan: counts, distinct estimates, moments, ranges; with it, in the same query, duplicate
  // rows by a GROUP BY on the row hash (unlike count(DISTINCT …) or a quantile in the aggregate, it
  // runs on every core).
  const parts: string[] = ['count(*) AS n'];
  columns.forEach((c, j) => {
    const col = ident(c.name);
    parts.push(`count(${col}) AS c${j}`);
    if (wideGuess[j]) parts.push(`approx_count_distinct(${col}) AS a${j}`);
    if (NUMERIC.has(c.type)) {
      parts.push(
        `min(${col}) AS lo${j}`,
        `max(${col}) AS hi${j}`,
        `avg(${col}) AS mean${j}`,
        `stddev_samp(${col}) AS sd${j}`,
      );
    } else if (c.type === 'date') {
      parts.push(`${isoDateSql(`min(${col})`)} AS lo${j}`, `${isoDateSql(`max(${col})`)} AS hi${j}`);
    }
  });
  // hash() over whole rows: two different rows collide with probability ~n²/2⁶⁵ (1e-8 at a million).
  const hash = `hash(${columns.map((c) => ident(c.name)).join(', ')})`;
  const distinctRows = columns.length
    ? `, (SELECT count(*) AS distinct_rows FROM (SELECT ${hash} FROM ${t} GROUP BY 1))`
    : '';
  const [row] = await db.all(`SELECT * FROM (SELECT ${parts.join(', ')} FROM ${t})${distinctRows}`);
  const r = row ?? {};
  const rowCount = Number(r.n ?? 0);
  const aggs: Agg[] = columns.map((_, j) => ({
    count: Number(r[`c${j}`] ?? 0),
    // Columns without an estimate are presumed small: their GROUP BY gives the exact count.
    approx: r[`a${j}`] === undefined ? 0 : Number(r[`a${j}`]),
    min: r[`lo${j}`] ?? null,
    max: r[`hi${j}`] ?? null,
    mean: numOrNull(r[`mean${j}`]),
    std: numOrNull(r[`sd${j}`]),
    quartiles: null,
  }));
  const duplicateRowCount = columns.length ? rowCount - Number(r.distinct_rows ?? rowCount) : 0;

  // 2. Exact distinct counts and top values: one GROUP BY per column that has repeats.
  // Numeric columns take their quartiles and histogram from the same groups: no sort of every value.
  const grouped = columns
    .map((c, j) => ({ c, j }))
    .filter(({ j }) => aggs[j]!.approx <= EXACT_DISTINCT_LIMIT && aggs[j]!.count > 0);
  const exact = new Map<number, number>();
  const tops = new Map<number, Array<{ value: Cell; count: number }>>();
  const histograms = new Map<number, { edges: number[]; counts: number[] }>();
  const binsOf = (c: ColumnInfo, j: number, distinctKnown: boolean) => {
    const lo = numOrNull(aggs[j]!.min);
    const hi = numOrNull(aggs[j]!.max);
    return NUMERIC.has(c.type) && lo !== null && hi !== null ? histogramBins(c.type, lo, hi, distinctKnown) : null;
  };
  if (grouped.length) {
    const dist = new Map<number, { bins: Bins | null; picks: QuartilePicks }>();
    const branches = grouped.map(({ c, j }) => {
      const col = ident(c.name);
      // Group on the native values; only the ten kept travel as text.
      if (!NUMERIC.has(c.type)) {
        return (
          `(SELECT ${j} AS j, CAST(${valueText(c, 'v')} AS VARCHAR) AS v, n, d, NULL AS x, NULL AS h FROM (SELECT ${col} AS v, count(*) AS n, count(*) OVER () AS d ` +
          `FROM ${t} WHERE ${col} IS NOT NULL GROUP BY ALL ORDER BY n DESC, v LIMIT ${TOP_VALUES}))`
        );
      }
      // Grouped columns have their exact distinct count, which the bins of whole numbers use.
      const bins = binsOf(c, j, true);
      const picks = quartilePicks(aggs[j]!.count);
      dist.set(j, { bins, picks });
      const x = picks.positions.map((k) => `CAST(min(v) FILTER (WHERE cum > ${k}) AS DOUBLE)`).join(', ');
      const h = bins
        ? `(SELECT list({'key': b, 'value': CAST(s AS BIGINT)}) FROM (SELECT ${bins.binSql('v')} AS b, sum(n) AS s FROM g GROUP BY 1))`
        : 'NULL';
      return (
        `(WITH g AS (SELECT ${col} AS v, count(*) AS n FROM ${t} WHERE ${col} IS NOT NULL GROUP BY ALL) ` +
        `(SELECT ${j} AS j, CAST(v AS VARCHAR) AS v, n, (SELECT count(*) FROM g) AS d, NULL AS x, NULL AS h FROM (SELECT v, n FROM g ORDER BY n DESC, v LIMIT ${TOP_VALUES})) ` +
        `UNION ALL (SELECT ${j}, NULL, NULL, NULL, [${x}], ${h} FROM ` +
        `(SELECT v, sum(n) OVER (ORDER BY v ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum FROM g)))`
      );
    });
    const rows: Group[] = [];
    for (let b = 0; b < branches.length; b += PROFILE_BATCH)
      rows.push(...(await db.all<Group>(branches.slice(b, b + PROFILE_BATCH).join(' UNION ALL '))));
    for (const g of rows) {
      const j = Number(g.j);
      if (g.x !== null && g.x !== undefined) {
        const { bins, picks } = dist.get(j)!;
        aggs[j]!.quartiles = picks.interpolate((g.x as unknown[]).map(Number));
        if (bins) histograms.set(j, { edges: bins.edges, counts: binCounts(bins.k, g.h) });
        continue;
      }
      exact.set(j, Number(g.d));
      const list = tops.get(j) ?? [];
      list.push({ value: fromText(g.v, columns[j]!.type), count: Number(g.n) });
      tops.set(j, list);
    }
  }
  // Near-unique columns above the limit: their most frequent values (if any repeat) still help.
  const wide = columns
    .map((c, j) => ({ c, j }))
    .filter(({ j }) => !exact.has(j) && aggs[j]!.count > 0 && aggs[j]!.approx < 0.5 * aggs[j]!.count);
  if (wide.length) {
    const sql = wide
      .map(
        ({ c, j }) =>
          `(SELECT ${j} AS j, CAST(${valueText(c, 'v')} AS VARCHAR) AS v, n FROM (SELECT ${ident(c.name)} AS v, count(*) AS n FROM ${t} ` +
          `WHERE ${ident(c.name)} IS NOT NULL GROUP BY ALL ORDER BY n DESC, v LIMIT ${TOP_VALUES}))`,
      )
      .join(' UNION ALL ');
    for (const g of await db.all<{ j: number; v: string | null; n: number }>(sql)) {
      const j = Number(g.j);
      tops.set(j, [...(tops.get(j) ?? []), { value: fromText(g.v, columns[j]!.type), count: Number(g.n) }]);
    }
  }

  // 3. Numeric columns with too many values to group: histograms by a GROUP BY on the bin. The bins
  // then locate each quartile's order statistics (the bin is monotone in the value), so only the
  // values of those few bins are sorted, not the whole column.
  const ungrouped = columns
    .map((c, j) => ({ c, j, bins: binsOf(c, j, false) }))
    .filter(({ c, j }) => NUMERIC.has(c.type) && aggs[j]!.count > 0 && !exact.has(j));
  const histCols = ungrouped.filter((h): h is { c: ColumnInfo; j: number; bins: Bins } => h.bins !== null);
  if (histCols.length) {
    const sql = histCols
      .map(
        ({ c, j, bins }) =>
          `(SELECT ${j} AS j, list({'key': b, 'value': n}) AS h FROM (SELECT ${bins.binSql(ident(c.name))} AS b, count(*) AS n ` +
          `FROM ${t} WHERE ${ident(c.name)} IS NOT NULL GROUP BY 1))`,
      )
      .join(' UNION ALL ');
    const byJ = new Map((await db.all<{ j: number; h: unknown }>(sql)).map((g) => [Number(g.j), g.h]));
    for (const { j, bins } of histCols) histograms.set(j, { edges: bins.edges, counts: binCounts(bins.k, byJ.get(j)) });
  }
  // Per column, the sorted values of each bin that holds a quartile's order statistic, and the
  // statistic by its rank within the bin. One scan; each value's bin is computed once.
  const lists: string[] = [];
  const picks: string[] = [];
  for (const { j } of histCols) {
    const { counts } = histograms.get(j)!;
    const starts = counts.map((_, b) => counts.slice(0, b).reduce((sum, n) => sum + n, 0));
    const listed = new Set<number>();
    quartilePicks(aggs[j]!.count).positions.forEach((k, i) => {
      let b = 0;
      while (b < counts.length - 1 && starts[b]! + counts[b]! <= k) b++;
      if (!listed.has(b)) {
        listed.add(b);
        lists.push(`list_sort(list(v${j}) FILTER (WHERE v${j} IS NOT NULL AND b${j} = ${b})) AS l${j}_${b}`);
      }
      picks.push(`CAST(l${j}_${b}[${k - starts[b]! + 1}] AS DOUBLE) AS x${j}_${i}`);
    });
  }
  if (lists.length) {
    const binned = histCols.map(
      ({ c, j, bins }) => `${ident(c.name)} AS v${j}, ${bins.binSql(ident(c.name))} AS b${j}`,
    );
    const [x] = await db.all(
      `SELECT ${picks.join(', ')} FROM (SELECT ${lists.join(', ')} FROM (SELECT ${binned.join(', ')} FROM ${t}))`,
    );
    for (const { j } of histCols) {
      const q = quartilePicks(aggs[j]!.count);
      aggs[j]!.quartiles = q.interpolate(q.positions.map((_, i) => Number(x?.[`x${j}_${i}`])));
    }
  }
  // Values that are not finite leave no bins: selection over the whole column.
  const unbinned = ungrouped.filter(({ bins }) => bins === null);
  if (unbinned.length) {
    const [q] = await db.all(
      `SELECT ${unbinned.map(({ c, j }) => `quantile_cont(${ident(c.name)}, [0.25, 0.5, 0.75]) AS q${j}`).join(', ')} FROM ${t}`,
    );
    for (const { j } of unbinned) {
      const v = q?.[`q${j}`];
      aggs[j]!.quartiles = Array.isArray(v) ? v.map((n) => Number(n)) : null;
    }
  }

  const profiles: ColumnProfile[] = columns.map((c, j) => {
    const a = aggs[j]!;
    const distinct = exact.get(j) ?? (a.count === 0 ? 0 : a.approx);
    const numeric = NUMERIC.has(c.type);
    return {
      name: c.name,
      type: c.type,
      count: a.count,
      missingCount: rowCount - a.count,
      missingFraction: rowCount === 0 ? 0 : (rowCount - a.count) / rowCount,
      distinctCount: distinct,
      ...(exact.has(j) || a.count === 0 ? {} : { distinctApprox: true }),
      min: numeric ? numOrNull(a.min) : c.type === 'date' ? ((a.min as string | null) ?? null) : null,
      max: numeric ? numOrNull(a.max) : c.type === 'date' ? ((a.max as string | null) ?? null) : null,
      mean: numeric ? a.mean : null,
      std: numeric ? a.std : null,
      q1: numeric ? (a.quartiles?.[0] ?? null) : null,
      median: numeric ? (a.quartiles?.[1] ?? null) : null,
      q3: numeric ? (a.quartiles?.[2] ?? null) : null,
      topValues: tops.get(j) ?? [],
      histogram: histograms.get(j) ?? null,
    };
  });

  const warnings = await datasetWarnings(db, table, columns, profiles, rowCount, duplicateRowCount, target);
  return { rowCount, columns: profiles, duplicateRowCount, warnings: resolveWarnings(warnings) };
}

/**
 * A row of the grouping query: a top value (v, n) with the distinct count d, or a numeric column's
 * quartile order statistics x and histogram h.
 */
type Group = {
  j: number;
  v: string | null;
  n: number | null;
  d: number | null;
  x: unknown;
  h: unknown;
};

interface Bins {
  k: number;
  edges: number[];
  /** SQL: the bin index in [0, k) of numeric expression `x`. */
  binSql(x: string): string;
}

/**
 * Equal-width bins over [lo, hi] (numpy `histogram`); whole numbers with few values (`distinctKnown`,
 * range ≤ {@link HISTOGRAM_BINS}) get one bin per value, so a 0/1 column shows two bars.
 */
function histogramBins(type: ColumnType, lo: number, hi: number, distinctKnown: boolean): Bins {
  const k =
    type === 'integer' && distinctKnown && hi - lo + 1 <= HISTOGRAM_BINS
      ? Math.max(1, hi - lo + 1)
      : lo === hi
        ? 1
        : HISTOGRAM_BINS;
  const edges =
    type === 'integer' && k === hi - lo + 1 && lo !== hi
      ? Array.from({ length: k + 1 }, (_, i) => lo - 0.5 + i)
      : Array.from({ length: k + 1 }, (_, i) => (lo === hi ? lo + i - 0.5 : lo + ((hi - lo) * i) / k));
  const first = edges[0]!;
  const width = (edges[k]! - first) / k;
  // Bin index floor((x − lo) / width), the top edge folded into the last bin (numpy's rule).
  return { k, edges, binSql: (x) => `least(${k - 1}, CAST(floor((${x} - ${first}) / ${width}) AS INTEGER))` };
}

/** Counts per bin from `[{key: bin, value: count}]` (DuckDB lists and MAPs arrive so). */
function binCounts(k: number, list: unknown): number[] {
  const counts = new Array<number>(k).fill(0);
  for (const e of Array.isArray(list) ? (list as Array<{ key: unknown; value: unknown }>) : [])
    if (e.key !== null && e.key !== undefined) counts[Number(e.key)] = Number(e.value);
  return counts;
}

interface QuartilePicks {
  /** 0-based positions in sorted order whose values the quartiles need. */
  positions: number[];
  /** The quartiles from the values at `positions` (in that order). */
  interpolate(values: number[]): number[];
}

/**
 * Quartiles of `n` values as DuckDB's `quantile_cont` (and pandas' default `linear`) compute them:
 * for q in {0.25, 0.5, 0.75}, h = (n − 1)·q, d = h − ⌊h⌋ and x⌊h⌋·(1 − d) + x⌈h⌉·d over the sorted
 * values — located here through cumulative counts of grouped values rather than by sorting them.
 */
function quartilePicks(n: number): QuartilePicks {
  const hs = [0.25, 0.5, 0.75].map((q) => (n - 1) * q);
  const positions = hs.flatMap((h) => [Math.floor(h), Math.ceil(h)]);
  return {
    positions,
    interpolate: (x) =>
      hs.map((h, i) => {
        const lo = x[2 * i]!;
        const d = h - Math.floor(h);
        // DuckDB's own arithmetic (checked against quantile_cont to the last bit).
        return d === 0 ? lo : lo * (1 - d) + x[2 * i + 1]! * d;
      }),
  };
}

/** Expression `expr` (a value of column `c`) as text: dates as ISO, booleans as true/false. */
function valueText(c: ColumnInfo, expr: string): string {
  return c.type === 'date' ? isoDateSql(expr) : expr;
}

const proposal = (step: RecipeStep) => ({ proposal: step });

/** Minority class share below which the target is called imbalanced. */
export const IMBALANCE_SHARE = 0.2;
/**
 * One column leaks the target when predicting the target from it alone is right at least this often
 * AND leaves at most {@link LEAKAGE_ERROR_SHARE} of the majority-class baseline's errors (COMPAS'
 * `is_recid` → `two_year_recid`: 97 % against a 55 % baseline).
 */
export const LEAKAGE_ACCURACY = 0.95;
export const LEAKAGE_ERROR_SHARE = 0.1;
/**
 * A softer bar than leakage: a column that alone gets this accuracy, leaving at most this share of
 * the majority baseline's errors, is reported as a strong predictor to check (COMPAS `event`,
 * `r_jail_in` by its missingness) — without a proposal, since it may be a real signal.
 */
export const STRONG_PREDICTOR_ACCURACY = 0.85;
export const STRONG_PREDICTOR_ERROR_SHARE = 0.35;
/** Distinct values above which a category or text column is high-cardinality (and not mode-imputed). */
export const HIGH_CARDINALITY = 50;
/**
 * Missing share from which a column is proposed for dropping rather than filling: most of its
 * values would be made up. (No missing-indicator is proposed by default: where missingness records
 * the outcome — COMPAS `r_*` — the indicator would leak it.)
 */
export const MOSTLY_MISSING_SHARE = 0.5;
/**
 * Zeros stand for "not measured" when the smallest other value is at least this many steps of the
 * column's resolution above 0 (Pima `triceps`: 7 mm; `pregnant`: 1, a count)…
 */
export const ZERO_GAP_STEPS = 5;
/** …and at least this share of the median of the values above 0 (Pima `glucose`: 44 against 117). */
export const ZERO_GAP_MEDIAN_SHARE = 0.1;
/**
 * Different values, and values, above 0 a column needs before its zeros can be called "not
 * measured": with fewer, a gap below the lowest values is no evidence (a 108-row sample of
 * cylinder bands' `varnish_pct` has 56 values above 0, starting at 2.3).
 */
export const ZERO_MIN_LEVELS = 10;
export const ZERO_MIN_VALUES = 100;

/** A percentage with one decimal, as the messages show it (0.0434 → 4.3). */
const pct = (share: number) => Math.round(1000 * share) / 10;

async function datasetWarnings(
  db: Db,
  table: string,
  columns: readonly ColumnInfo[],
  profiles: readonly ColumnProfile[],
  rowCount: number,
  duplicateRowCount: number,
  target: string | undefined,
): Promise<DataWarning[]> {
  const out: DataWarning[] = [];
  if (duplicateRowCount > 0)
    out.push(dataWarning('duplicate_rows', { count: duplicateRowCount, ...proposal({ op: 'remove_duplicates' }) }));

  // What drops a column comes first: no other step is proposed for a column that a proposal drops
  // (imputing it would fail once it is gone), so "apply all" is always safe.
  const targetChecks = target !== undefined ? await targetWarnings(db, table, profiles, target) : null;
  const dropped = new Set<string>(targetChecks?.leaks ?? []);
  const structural = new Map<string, DataWarning>();
  for (const p of profiles) {
    if (p.name === target) continue;
    const w = structuralWarning(p, rowCount);
    if (w) {
      structural.set(p.name, w);
      if ((w.params as { proposal?: RecipeStep }).proposal?.op === 'drop_column') dropped.add(p.name);
    }
  }
  const personal: DataWarning[] = [];
  for (const [j, c] of columns.entries()) {
    const hint = headerHint(c.name);
    if (!hint.entity && !hint.identifier) continue;
    // A handful of values (`own_telephone`: yes/none) describes people but identifies no one.
    const p = profiles[j]!;
    if (p.distinctCount <= 10 && p.type !== 'identifier' && p.type !== 'text') continue;
    personal.push(
      dataWarning(
        'personal_data_suspected',
        {
          entity: hint.entity,
          entityName: hint.entity ? `{report.privacy.entity.${hint.entity}}` : null,
          directIdentifier: hint.identifier,
          ...(c.name === target ? {} : proposal({ op: 'drop_column', column: c.name })),
        },
        { column: c.name },
      ),
    );
    if (c.name !== target) dropped.add(c.name);
  }
  const zeros = await zerosAsMissing(db, table, profiles, target);
  const spellings = await categorySpellings(db, table, profiles);

  for (const p of profiles) {
    const w = structural.get(p.name);
    if (w) out.push(w);
    if (p.count === 0 || (p.distinctCount === 1 && p.name !== target)) continue;
    const keep = !dropped.has(p.name);
    const z = zeros.get(p.name);
    if (z) {
      out.push(
        dataWarning(
          'zero_as_missing',
          { ...z, ...(keep ? proposal({ op: 'mark_missing', column: p.name, values: [0] }) : {}) },
          { column: p.name },
        ),
      );
    }
    const s = spellings.get(p.name);
    if (s) {
      out.push(
        dataWarning(
          'category_spelling',
          { ...s, ...(keep ? proposal({ op: 'normalize_category', column: p.name, trim: true, case: 'lower' }) : {}) },
          { column: p.name },
        ),
      );
    }
    if (p.missingCount > 0 && p.name !== target) {
      const numeric = NUMERIC.has(p.type);
      // The commonest of many values (case numbers, free text, time stamps) is no sensible fill.
      const imputable = keep && (numeric || (p.type !== 'identifier' && p.distinctCount <= HIGH_CARDINALITY));
      const mostly = p.missingFraction >= MOSTLY_MISSING_SHARE;
      const fix = !keep
        ? {}
        : mostly
          ? proposal({ op: 'drop_column', column: p.name })
          : imputable
            ? proposal({ op: 'impute', column: p.name, strategy: numeric ? 'median' : 'mode' })
            : {};
      out.push(
        dataWarning(
          mostly ? 'mostly_missing' : 'missing_values',
          { count: p.missingCount, fraction: p.missingFraction, percent: pct(p.missingFraction), ...fix },
          { column: p.name, severity: mostly ? 'warning' : 'info' },
        ),
      );
    }
  }
  out.push(...personal);
  if (targetChecks) out.push(...targetChecks.warnings);
  // One proposal per step: a column that is an identifier, personal data and leaking is dropped once.
  const proposed = new Set<string>();
  return out.map((w) => {
    const step = (w.params as { proposal?: RecipeStep } | undefined)?.proposal;
    if (!step) return w;
    const key = JSON.stringify(step);
    if (!proposed.has(key)) {
      proposed.add(key);
      return w;
    }
    const { proposal: _, ...params } = w.params as Record<string, unknown>;
    return { ...w, params };
  });
}

/**
 * The warning that a column cannot help a model as it is — empty, constant, identifying rows, or a
 * category with very many values — with a proposal to drop it; null otherwise.
 */
function structuralWarning(p: ColumnProfile, rowCount: number): DataWarning | null {
  const drop = proposal({ op: 'drop_column', column: p.name });
  if (p.count === 0) return dataWarning('empty_column', drop, { column: p.name });
  if (p.distinctCount === 1)
    return dataWarning('constant_column', { value: p.topValues[0]?.value ?? null, ...drop }, { column: p.name });
  const unique =
    p.distinctCount === p.count &&
    !('distinctApprox' in p && p.distinctApprox) &&
    p.count === rowCount &&
    rowCount >= 20;
  const idLike =
    p.type === 'identifier' ||
    (unique &&
      p.type === 'integer' &&
      (isIdName(p.name) || (p.max !== null && p.min !== null && Number(p.max) - Number(p.min) + 1 === rowCount))) ||
    (unique &&
      (p.type === 'text' || p.type === 'categorical') &&
      p.topValues.every((v) => typeof v.value !== 'string' || !/\s/.test(v.value)));
  if (idLike) return dataWarning('id_like_column', drop, { column: p.name });
  if ((p.type === 'categorical' || p.type === 'text') && p.distinctCount > HIGH_CARDINALITY)
    return dataWarning('high_cardinality', { distinct: p.distinctCount, ...drop }, { column: p.name });
  return null;
}

/**
 * Numeric columns whose exact zeros sit far below every other value, so 0 most likely records "not
 * measured" (Pima: blood pressure 0). Every condition must hold: no negative values; at least
 * {@link ZERO_MIN_VALUES} values and {@link ZERO_MIN_LEVELS} different values above 0 (a few coded
 * levels such as 0, 0.5, 1 are no measurement); the smallest value above 0 at least
 * {@link ZERO_GAP_STEPS} steps of the column's resolution (1 for whole numbers, 0.1 for one
 * decimal…) and {@link ZERO_GAP_MEDIAN_SHARE} × the median of the values above 0 away from 0; and
 * at least {@link ZERO_GAP_STEPS} × the mean spacing of the ten smallest different values above 0 —
 * a zero that continues the spacing of the low values is a value like the others (steel plates'
 * `Log_Y_Index`: 0 = log10 1, then 0.301, 0.477…, 3.7 spacings; cylinder bands' `wax`: 0, then 0.5,
 * 0.7, 0.8…, 4.1; Pima `insulin`: 0, then 14, 15, 16…, 5.7). Counts (`pregnant`: 0, 1, 2…) are never
 * flagged. One scan plus one small query per candidate.
 */
async function zerosAsMissing(
  db: Db,
  table: string,
  profiles: readonly ColumnProfile[],
  target: string | undefined,
): Promise<Map<string, { count: number; min: number; median: number }>> {
  const candidates = profiles
    .map((p, j) => ({ p, j }))
    .filter(
      ({ p }) => NUMERIC.has(p.type) && p.name !== target && p.min === 0 && p.distinctCount - 1 >= ZERO_MIN_LEVELS,
    );
  const out = new Map<string, { count: number; min: number; median: number }>();
  if (candidates.length === 0) return out;
  const t = ident(table);
  const decimals = (c: string) =>
    `max(CASE ${[0, 1, 2, 3, 4, 5].map((d) => `WHEN abs(${c} - round(${c}, ${d})) <= 1e-9 * greatest(1, abs(${c})) THEN ${d}`).join(' ')} ELSE 6 END)`;
  const parts = candidates.map(({ p, j }) => {
    const c = ident(p.name);
    return (
      `count(*) FILTER (WHERE ${c} = 0) AS z${j}, count(*) FILTER (WHERE ${c} > 0) AS n${j}, ` +
      `quantile_cont(${c}, 0.5) FILTER (WHERE ${c} > 0) AS md${j}, ` +
      `${p.type === 'float' ? `${decimals(c)} FILTER (WHERE ${c} > 0)` : '0'} AS dp${j}, ` +
      `(SELECT list(v ORDER BY v) FROM (SELECT DISTINCT ${c} AS v FROM ${t} WHERE ${c} > 0 ORDER BY v LIMIT ${ZERO_MIN_LEVELS})) AS low${j}`
    );
  });
  const [r] = await db.all(`SELECT ${parts.join(', ')} FROM ${t}`);
  for (const { p, j } of candidates) {
    const zerosFound = Number(r?.[`z${j}`] ?? 0);
    const median = numOrNull(r?.[`md${j}`]);
    const low = ((r?.[`low${j}`] as unknown[] | null) ?? []).map(Number);
    if (zerosFound === 0 || median === null || low.length < ZERO_MIN_LEVELS) continue;
    if (Number(r?.[`n${j}`] ?? 0) < ZERO_MIN_VALUES) continue;
    const lo = low[0]!;
    const step = 10 ** -Number(r?.[`dp${j}`] ?? 0);
    const spacing = (low[low.length - 1]! - lo) / (low.length - 1);
    if (
      lo >= ZERO_GAP_STEPS * step * (1 - 1e-9) &&
      lo >= ZERO_GAP_MEDIAN_SHARE * median &&
      lo >= ZERO_GAP_STEPS * spacing
    )
      out.set(p.name, { count: zerosFound, min: lo, median });
  }
  return out;
}

/** Spelling groups shown in a `category_spelling` message. */
const SPELLING_EXAMPLES = 3;

/**
 * Category and text columns whose values differ only by letter case or surrounding spaces
 * (cylinder bands: `KEY`, `key`, `KeY`): how many values are written several ways, and the first
 * few groups as `KEY / KeY / key`. One query over the distinct values.
 */
async function categorySpellings(
  db: Db,
  table: string,
  profiles: readonly ColumnProfile[],
): Promise<Map<string, { groups: number; examples: string[] }>> {
  const candidates = profiles
    .map((p, j) => ({ p, j }))
    .filter(
      ({ p }) =>
        (p.type === 'categorical' || p.type === 'text') &&
        p.distinctCount >= 2 &&
        p.distinctCount <= EXACT_DISTINCT_LIMIT &&
        !('distinctApprox' in p && p.distinctApprox),
    );
  const out = new Map<string, { groups: number; examples: string[] }>();
  if (candidates.length === 0) return out;
  const sql = candidates
    .map(({ p, j }) => {
      const c = ident(p.name);
      return (
        `(SELECT ${j} AS j, k, list(v ORDER BY v) AS vs FROM (SELECT lower(trim(v)) AS k, v FROM ` +
        `(SELECT ${c} AS v FROM ${ident(table)} WHERE ${c} IS NOT NULL GROUP BY 1)) GROUP BY k HAVING count(*) > 1)`
      );
    })
    .join(' UNION ALL ');
  const rows = await db.all<{ j: number; k: string; vs: string[] }>(`SELECT * FROM (${sql}) ORDER BY j, k`);
  for (const r of rows) {
    const name = profiles[Number(r.j)]!.name;
    const entry = out.get(name) ?? { groups: 0, examples: [] };
    entry.groups++;
    if (entry.examples.length < SPELLING_EXAMPLES) entry.examples.push((r.vs as unknown[]).map(String).join(' / '));
    out.set(name, entry);
  }
  return out;
}

/**
 * Target checks: a single class, class imbalance, and single-column leakage. A column leaks when it
 * alone predicts the target (the majority class within each of its values, missing counted as a
 * value of its own; numeric columns cut into 20 equal-count bins, missing a bin of its own) with
 * accuracy ≥ {@link LEAKAGE_ACCURACY} and error ≤ {@link LEAKAGE_ERROR_SHARE} × the majority-class
 * baseline's. Near-unique columns (a value per row would predict anything) are judged by whether
 * they are missing alone: COMPAS' `r_case_number` is there exactly for the reoffenders. For a
 * numeric target, a column leaks when |Pearson r| ≥ 0.98. `leaks` names the leaking columns.
 */
async function targetWarnings(
  db: Db,
  table: string,
  profiles: readonly ColumnProfile[],
  target: string,
): Promise<{ warnings: DataWarning[]; leaks: Set<string> }> {
  const out: DataWarning[] = [];
  const leaks = new Set<string>();
  const t = ident(table);
  const tp = profiles.find((p) => p.name === target)!;
  const y = ident(target);
  const classTarget = !NUMERIC.has(tp.type) || tp.distinctCount <= 10;
  const features = profiles.filter(
    (p) => p.name !== target && p.count > 0 && (p.distinctCount > 1 || p.missingCount > 0),
  );
  const flag = (p: ColumnProfile, params: Record<string, unknown>) => {
    leaks.add(p.name);
    out.push(
      dataWarning(
        'target_leakage',
        { target, ...params, ...proposal({ op: 'drop_column', column: p.name }) },
        { column: p.name },
      ),
    );
  };
  if (classTarget) {
    const classes = await db.all<{ v: string | null; n: number }>(
      `SELECT CAST(${y} AS VARCHAR) AS v, count(*) AS n FROM ${t} WHERE ${y} IS NOT NULL GROUP BY 1 ORDER BY n DESC, v`,
    );
    const total = classes.reduce((s, c) => s + Number(c.n), 0);
    if (classes.length === 1) {
      // Every prediction would be right: there is nothing to learn, and nothing can leak.
      out.push(
        dataWarning(
          'target_single_class',
          { value: String(classes[0]!.v), count: Number(classes[0]!.n), missing: tp.missingCount },
          { column: target },
        ),
      );
      return { warnings: out, leaks };
    }
    if (classes.length < 2) return { warnings: out, leaks };
    const minority = classes[classes.length - 1]!;
    const share = Number(minority.n) / total;
    if (share < IMBALANCE_SHARE) {
      out.push(
        dataWarning(
          'class_imbalance',
          {
            target,
            class: String(minority.v),
            percent: pct(share),
            counts: Object.fromEntries(classes.map((c) => [String(c.v), Number(c.n)])),
            minorityShare: share,
          },
          { column: target },
        ),
      );
    }
    const baseline = Number(classes[0]!.n) / total;
    // Per column: its values (missing included) and, where some are missing, missingness alone.
    const branches: string[] = [];
    const accuracy = (key: string, where: string, j: number, by: 'v' | 'm') =>
      `(SELECT ${j} AS j, '${by}' AS by, sum(m) AS hit, sum(tot) AS tot FROM (SELECT max(n) AS m, sum(n) AS tot FROM ` +
      `(SELECT k, yv, count(*) AS n FROM (SELECT ${key} AS k, CAST(${y} AS VARCHAR) AS yv FROM ${t} WHERE ${where}) GROUP BY k, yv) GROUP BY k))`;
    for (const p of features) {
      const j = profiles.indexOf(p);
      const col = ident(p.name);
      const where = `${y} IS NOT NULL`;
      if (p.distinctCount < 0.5 * p.count) {
        const key =
          NUMERIC.has(p.type) && p.distinctCount > 20
            ? `CASE WHEN ${col} IS NOT NULL THEN ntile(20) OVER (PARTITION BY ${col} IS NULL ORDER BY ${col}) END`
            : `CAST(${col} AS VARCHAR)`;
        branches.push(accuracy(key, where, j, 'v'));
      }
      if (p.missingCount > 0) branches.push(accuracy(`${col} IS NULL`, where, j, 'm'));
    }
    const results = new Map<number, { v?: number; m?: number }>();
    if (branches.length) {
      for (const r of await db.all<{ j: number; by: 'v' | 'm'; hit: number; tot: number }>(
        branches.join(' UNION ALL '),
      )) {
        const acc = Number(r.tot) > 0 ? Number(r.hit) / Number(r.tot) : 0;
        results.set(Number(r.j), { ...results.get(Number(r.j)), [r.by]: acc });
      }
    }
    const leaking = (acc: number | undefined) =>
      acc !== undefined && acc >= LEAKAGE_ACCURACY && 1 - acc <= LEAKAGE_ERROR_SHARE * (1 - baseline);
    const strong = (acc: number | undefined) =>
      acc !== undefined && acc >= STRONG_PREDICTOR_ACCURACY && 1 - acc <= STRONG_PREDICTOR_ERROR_SHARE * (1 - baseline);
    for (const p of features) {
      const r = results.get(profiles.indexOf(p));
      if (!r) continue;
      const byMissing = leaking(r.m);
      if (leaking(r.v) || byMissing) {
        flag(p, { accuracy: Math.max(r.v ?? 0, r.m ?? 0), baseline, via: byMissing ? 'missingness' : 'values' });
      } else if (strong(r.v) || strong(r.m)) {
        // Not proof of leakage (it may be a genuinely strong signal), so no step is proposed; but
        // when the model's score is too good to be true, these are the columns to check first.
        out.push(
          dataWarning(
            'strong_predictor',
            {
              target,
              accuracy: Math.max(r.v ?? 0, r.m ?? 0),
              percent: pct(Math.max(r.v ?? 0, r.m ?? 0)),
              baseline,
              via: strong(r.m) && !strong(r.v) ? 'missingness' : 'values',
            },
            { column: p.name },
          ),
        );
      }
    }
  } else {
    const numericFeatures = features.filter((p) => NUMERIC.has(p.type) && p.distinctCount > 1);
    if (numericFeatures.length) {
      const [r] = await db.all(
        `SELECT ${numericFeatures.map((p, k) => `corr(CAST(${ident(p.name)} AS DOUBLE), CAST(${y} AS DOUBLE)) AS r${k}`).join(', ')} FROM ${t}`,
      );
      numericFeatures.forEach((p, k) => {
        const corr = numOrNull(r?.[`r${k}`]);
        if (corr !== null && Math.abs(corr) >= 0.98) flag(p, { correlation: corr, via: 'values' });
      });
    }
  }
  return { warnings: out, leaks };
}

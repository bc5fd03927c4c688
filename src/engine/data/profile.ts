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
import { resolveWarnings } from './import-build';

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
      parts.push(`strftime(min(${col}), '%Y-%m-%d') AS lo${j}`, `strftime(max(${col}), '%Y-%m-%d') AS hi${j}`);
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
  return c.type === 'date' ? `strftime(${expr}, '%Y-%m-%d')` : expr;
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
  if (duplicateRowCount > 0) {
    out.push({
      code: 'duplicate_rows',
      message: `${duplicateRowCount} row(s) repeat an earlier row exactly.`,
      params: { count: duplicateRowCount, ...proposal({ op: 'remove_duplicates' }) },
    });
  }
  for (const p of profiles) {
    if (p.name === target) continue;
    if (p.count === 0) {
      out.push({
        code: 'empty_column',
        message: `Column "${p.name}" has no values.`,
        column: p.name,
        params: proposal({ op: 'drop_column', column: p.name }),
      });
      continue;
    }
    if (p.distinctCount === 1) {
      out.push({
        code: 'constant_column',
        message: `Column "${p.name}" has one value (${JSON.stringify(p.topValues[0]?.value ?? null)}) in every row that has one; it cannot help a model.`,
        column: p.name,
        params: { value: p.topValues[0]?.value ?? null, ...proposal({ op: 'drop_column', column: p.name }) },
      });
      continue;
    }
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
    if (idLike) {
      out.push({
        code: 'id_like_column',
        message: `Column "${p.name}" identifies rows rather than describing them; it is kept out of the model's features.`,
        column: p.name,
        params: proposal({ op: 'drop_column', column: p.name }),
      });
    } else if ((p.type === 'categorical' || p.type === 'text') && p.distinctCount > 50) {
      out.push({
        code: 'high_cardinality',
        message: `Column "${p.name}" has ${p.distinctCount} different values; as a category it would make very many features.`,
        column: p.name,
        params: { distinct: p.distinctCount, ...proposal({ op: 'drop_column', column: p.name }) },
      });
    }
    if (p.missingCount > 0) {
      const strategy = NUMERIC.has(p.type) ? 'median' : 'mode';
      out.push({
        code: 'missing_values',
        message: `Column "${p.name}" is missing in ${p.missingCount} row(s) (${(100 * p.missingFraction).toFixed(1)} %).`,
        column: p.name,
        severity: 'info',
        params: {
          count: p.missingCount,
          fraction: p.missingFraction,
          ...proposal({ op: 'impute', column: p.name, strategy, indicator: p.missingFraction >= 0.05 }),
        },
      });
    }
  }
  for (const [j, c] of columns.entries()) {
    const hint = headerHint(c.name);
    if (!hint.entity && !hint.identifier) continue;
    // A handful of values (`own_telephone`: yes/none) describes people but identifies no one.
    const p = profiles[j]!;
    if (p.distinctCount <= 10 && p.type !== 'identifier' && p.type !== 'text') continue;
    out.push({
      code: 'personal_data_suspected',
      message: `Column "${c.name}" looks like personal data${hint.entity ? ` (${hint.entity})` : ''} from its name; review it in the privacy step.`,
      column: c.name,
      params: {
        entity: hint.entity,
        directIdentifier: hint.identifier,
        ...proposal({ op: 'drop_column', column: c.name }),
      },
    });
  }
  if (target !== undefined) out.push(...(await targetWarnings(db, table, columns, profiles, target)));
  return out;
}

/**
 * Class imbalance and single-column leakage. A column leaks when it alone predicts the target (the
 * majority class within each of its values; numeric columns cut into 20 equal-count bins) with
 * accuracy ≥ {@link LEAKAGE_ACCURACY} and error ≤ {@link LEAKAGE_ERROR_SHARE} × the majority-class
 * baseline's, without being unique per row; for a numeric target, when |Pearson r| ≥ 0.98.
 */
async function targetWarnings(
  db: Db,
  table: string,
  columns: readonly ColumnInfo[],
  profiles: readonly ColumnProfile[],
  target: string,
): Promise<DataWarning[]> {
  const out: DataWarning[] = [];
  const t = ident(table);
  const tp = profiles.find((p) => p.name === target)!;
  const y = ident(target);
  const classTarget = !NUMERIC.has(tp.type) || tp.distinctCount <= 10;
  const features = profiles.filter((p) => p.name !== target && p.count > 0 && p.distinctCount > 1);
  if (classTarget) {
    const classes = await db.all<{ v: string | null; n: number }>(
      `SELECT CAST(${y} AS VARCHAR) AS v, count(*) AS n FROM ${t} WHERE ${y} IS NOT NULL GROUP BY 1 ORDER BY n DESC, v`,
    );
    const total = classes.reduce((s, c) => s + Number(c.n), 0);
    if (classes.length >= 2 && total > 0) {
      const minority = classes[classes.length - 1]!;
      const share = Number(minority.n) / total;
      if (share < IMBALANCE_SHARE) {
        out.push({
          code: 'class_imbalance',
          message: `The target "${target}" is imbalanced: class "${minority.v}" is ${(100 * share).toFixed(1)} % of the rows.`,
          column: target,
          params: { counts: Object.fromEntries(classes.map((c) => [String(c.v), Number(c.n)])), minorityShare: share },
        });
      }
    }
    const baseline = total > 0 ? Number(classes[0]?.n ?? 0) / total : 1;
    const candidates = features.filter((p) => p.distinctCount < 0.5 * p.count);
    if (candidates.length && total > 0) {
      const sql = candidates
        .map((p) => {
          const j = profiles.indexOf(p);
          const col = ident(p.name);
          const key =
            NUMERIC.has(p.type) && p.distinctCount > 20
              ? `ntile(20) OVER (ORDER BY ${col})`
              : `CAST(${col} AS VARCHAR)`;
          return (
            `(SELECT ${j} AS j, sum(m) AS hit, sum(tot) AS tot FROM (SELECT max(n) AS m, sum(n) AS tot FROM ` +
            `(SELECT k, yv, count(*) AS n FROM (SELECT ${key} AS k, CAST(${y} AS VARCHAR) AS yv FROM ${t} WHERE ${col} IS NOT NULL AND ${y} IS NOT NULL) GROUP BY k, yv) GROUP BY k))`
          );
        })
        .join(' UNION ALL ');
      for (const r of await db.all<{ j: number; hit: number; tot: number }>(sql)) {
        const p = profiles[Number(r.j)]!;
        const acc = Number(r.tot) > 0 ? Number(r.hit) / Number(r.tot) : 0;
        if (acc >= LEAKAGE_ACCURACY && 1 - acc <= LEAKAGE_ERROR_SHARE * (1 - baseline))
          out.push(leak(p.name, target, { accuracy: acc, baseline }));
      }
    }
  } else {
    const numericFeatures = features.filter((p) => NUMERIC.has(p.type));
    if (numericFeatures.length) {
      const [r] = await db.all(
        `SELECT ${numericFeatures.map((p, k) => `corr(CAST(${ident(p.name)} AS DOUBLE), CAST(${y} AS DOUBLE)) AS r${k}`).join(', ')} FROM ${t}`,
      );
      numericFeatures.forEach((p, k) => {
        const corr = numOrNull(r?.[`r${k}`]);
        if (corr !== null && Math.abs(corr) >= 0.98) out.push(leak(p.name, target, { correlation: corr }));
      });
    }
  }
  return out;
}

function leak(column: string, target: string, params: Record<string, number>): DataWarning {
  return {
    code: 'target_leakage',
    message: `Column "${column}" predicts the target "${target}" almost perfectly on its own; it probably records the outcome and should not be a feature.`,
    column,
    params: { target, ...params, ...proposal({ op: 'drop_column', column }) },
  };
}

/**
 * The data profile (SPEC §3): per column its type, count, missing count and fraction, distinct count,
 * min/max/mean/std/quartiles, top values and histogram; per dataset the warnings that cleaning should
 * answer, each with a proposed recipe step where one fits (`params.proposal`).
 *
 * Definitions (pandas `describe` conventions): std is the sample standard deviation (n − 1);
 * quartiles are linearly interpolated (`quantile_cont`, pandas' default `linear`); histograms have
 * equal-width bins over [min, max] (numpy `histogram`: the last bin includes max). Distinct counts
 * are exact up to {@link EXACT_DISTINCT_LIMIT} values; above it they are HyperLogLog estimates
 * (DuckDB `approx_count_distinct`, relative error ≈ 1 %) and `distinctApprox` says so.
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
 * class imbalance). Five scans at most, whatever the number of columns.
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

  // 1. One scan: counts, distinct estimates, moments, quartiles, duplicate rows.
  const parts: string[] = ['count(*) AS n'];
  columns.forEach((c, j) => {
    const col = ident(c.name);
    parts.push(`count(${col}) AS c${j}`);
    if (wideGuess[j]) parts.push(`approx_count_distinct(${col}) AS a${j}`);
    if (NUMERIC.has(c.type)) {
      // Native types: a cast to DOUBLE would make the quantile selection copy every value.
      parts.push(
        `min(${col}) AS lo${j}`,
        `max(${col}) AS hi${j}`,
        `avg(${col}) AS mean${j}`,
        `stddev_samp(${col}) AS sd${j}`,
        `quantile_cont(${col}, [0.25, 0.5, 0.75]) AS q${j}`,
      );
    } else if (c.type === 'date') {
      parts.push(`strftime(min(${col}), '%Y-%m-%d') AS lo${j}`, `strftime(max(${col}), '%Y-%m-%d') AS hi${j}`);
    }
  });
  if (columns.length)
    parts.push(`count(DISTINCT hash(${columns.map((c) => ident(c.name)).join(', ')})) AS distinct_rows`);
  const [row] = await db.all(`SELECT ${parts.join(', ')} FROM ${t}`);
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
    quartiles: Array.isArray(r[`q${j}`]) ? (r[`q${j}`] as unknown[]).map((v) => Number(v)) : null,
  }));
  // hash() over whole rows: two different rows collide with probability ~n²/2⁶⁵ (1e-8 at a million).
  const duplicateRowCount = columns.length ? rowCount - Number(r.distinct_rows ?? rowCount) : 0;

  // 2. Exact distinct counts and top values: one GROUP BY per column that has repeats, in one query.
  const grouped = columns
    .map((c, j) => ({ c, j }))
    .filter(({ j }) => aggs[j]!.approx <= EXACT_DISTINCT_LIMIT && aggs[j]!.count > 0);
  const exact = new Map<number, number>();
  const tops = new Map<number, Array<{ value: Cell; count: number }>>();
  if (grouped.length) {
    const sql = grouped
      .map(
        ({ c, j }) =>
          // Group on the native values; only the ten kept travel as text.
          `(SELECT ${j} AS j, CAST(${valueText(c, 'v')} AS VARCHAR) AS v, n, d FROM (SELECT ${ident(c.name)} AS v, count(*) AS n, count(*) OVER () AS d ` +
          `FROM ${t} WHERE ${ident(c.name)} IS NOT NULL GROUP BY ALL ORDER BY n DESC, v LIMIT ${TOP_VALUES}))`,
      )
      .join(' UNION ALL ');
    const rows = await db.all<{ j: number; v: string | null; n: number; d: number }>(sql);
    for (const g of rows) {
      const j = Number(g.j);
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

  // 3. Histograms of numeric columns with a range: one scan.
  const histCols = columns
    .map((c, j) => ({ c, j, lo: numOrNull(aggs[j]!.min), hi: numOrNull(aggs[j]!.max) }))
    .filter(({ c, lo, hi }) => NUMERIC.has(c.type) && lo !== null && hi !== null);
  const histograms = new Map<number, { edges: number[]; counts: number[] }>();
  if (histCols.length) {
    const bins = histCols.map(({ c, j, lo, hi }) => {
      const distinct = exact.get(j);
      // Whole numbers with few values: one bin per value, so a 0/1 column shows two bars.
      const k =
        c.type === 'integer' && distinct !== undefined && hi! - lo! + 1 <= HISTOGRAM_BINS
          ? Math.max(1, hi! - lo! + 1)
          : lo === hi
            ? 1
            : HISTOGRAM_BINS;
      const edges =
        c.type === 'integer' && k === hi! - lo! + 1 && lo !== hi
          ? Array.from({ length: k + 1 }, (_, i) => lo! - 0.5 + i)
          : Array.from({ length: k + 1 }, (_, i) => (lo === hi ? lo! + i - 0.5 : lo! + ((hi! - lo!) * i) / k));
      return { c, j, k, edges };
    });
    const sel = bins.map(({ c, j, k, edges }) => {
      const lo = edges[0]!;
      const width = (edges[k]! - lo) / k;
      // Bin index floor((x − lo) / width), the top edge folded into the last bin (numpy's rule).
      return `histogram(least(${k - 1}, CAST(floor((${ident(c.name)} - ${lo}) / ${width}) AS INTEGER))) AS h${j}`;
    });
    const [h] = await db.all(`SELECT ${sel.join(', ')} FROM ${t}`);
    for (const { j, k, edges } of bins) {
      const counts = new Array<number>(k).fill(0);
      const m = h?.[`h${j}`];
      // DuckDB MAPs arrive as [{key, value}] lists.
      for (const e of Array.isArray(m) ? (m as Array<{ key: unknown; value: unknown }>) : [])
        counts[Number(e.key)] = Number(e.value);
      histograms.set(j, { edges, counts });
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
      `SELECT CAST(${y} AS VARCHAR) AS v, count(*) AS n FROM ${t} WHERE ${y} IS NOT NULL GROUP BY 1 ORDER BY n DESC`,
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

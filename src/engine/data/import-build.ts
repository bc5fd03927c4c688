/**
 * From raw text columns to the typed table, one CAST expression per column (BIGINT for integer,
 * DOUBLE for float, BOOLEAN, DATE — TIMESTAMP for date-times —, VARCHAR for text, categorical and
 * identifier), then the per-column facts of the import summary.
 */
import type { Cell, ColumnInfo, ColumnType, DataWarning, ImportSummary } from '../../shared/model/data';
import type { Db } from './duck';
import { allWithProgress, ident, literal, runWithProgress } from './duck';
import type { ColumnPlan } from './detect/infer';
import type { ColumnSource } from './detect/values';

/** DuckDB storage type of a logical column type. */
export function storageType(type: ColumnType): 'BIGINT' | 'DOUBLE' | 'BOOLEAN' | 'DATE' | 'VARCHAR' {
  switch (type) {
    case 'integer':
      return 'BIGINT';
    case 'float':
      return 'DOUBLE';
    case 'boolean':
      return 'BOOLEAN';
    case 'date':
      return 'DATE';
    default:
      return 'VARCHAR';
  }
}

/** DuckDB storage type of a planned column: a date column with times of day is a TIMESTAMP. */
export function planStorage(plan: ColumnPlan): ReturnType<typeof storageType> | 'TIMESTAMP' {
  return plan.type === 'date' && plan.date?.time ? 'TIMESTAMP' : storageType(plan.type);
}

/**
 * SQL: the value of a date column (`expr`, stored as DATE or TIMESTAMP) as ISO 8601 text —
 * `2013-01-26`, or `2013-01-26T03:45:27` with any fraction of a second — the one form dates take
 * outside DuckDB (frames, previews, profiles).
 */
export function isoDateSql(expr: string): string {
  return `CASE WHEN typeof(${expr}) = 'DATE' THEN strftime(${expr}, '%Y-%m-%d') ELSE replace(CAST(${expr} AS VARCHAR), ' ', 'T') END`;
}

/** SQL turning raw text column `plan.raw` into its typed value (NULL for missing). */
export function castSql(plan: ColumnPlan): string {
  if (plan.expr) return plan.expr;
  const col = ident(plan.raw);
  const x = plan.trim ? `trim(${col}, ' \t')` : col;
  const markers = plan.missing.filter((m) => m !== '');
  const guard = (expr: string) =>
    markers.length ? `CASE WHEN ${x} IN (${markers.map(literal).join(', ')}) THEN NULL ELSE ${expr} END` : expr;
  switch (plan.type) {
    case 'integer':
    case 'float': {
      const fmt = plan.number ?? { decimal: '.', thousands: '' };
      let v = x;
      if (plan.number?.affix) v = `regexp_replace(${v}, '[%$€£¥₹₩ ]', '', 'g')`;
      // Grouping spaces include the no-break ones, apostrophes the typographic one (see kinds.ts).
      if (fmt.thousands === ' ') v = `regexp_replace(${v}, '[ \u00a0\u202f]', '', 'g')`;
      else if (fmt.thousands === "'") v = `regexp_replace(${v}, '[''\u2019]', '', 'g')`;
      else if (fmt.thousands) v = `replace(${v}, ${literal(fmt.thousands)}, '')`;
      if (fmt.decimal === ',') v = `replace(${v}, ',', '.')`;
      const target = plan.type === 'integer' ? 'BIGINT' : 'DOUBLE';
      // An integer column forced from decimals keeps only whole values.
      if (plan.type === 'integer' && plan.reason === 'override') {
        return guard(
          `CASE WHEN TRY_CAST(${v} AS DOUBLE) = floor(TRY_CAST(${v} AS DOUBLE)) THEN TRY_CAST(TRY_CAST(${v} AS DOUBLE) AS BIGINT) END`,
        );
      }
      return guard(`TRY_CAST(${v} AS ${target})`);
    }
    case 'date': {
      const d = plan.date;
      if (d?.time) return guard(`TRY_CAST(${x} AS TIMESTAMP)`);
      if (!d || d.family === 'iso' || d.family === 'iso_datetime') return guard(`TRY_CAST(left(${x}, 10) AS DATE)`);
      return guard(`CAST(try_strptime(${x}, ${literal(d.strptime)}) AS DATE)`);
    }
    case 'boolean': {
      const b = plan.bool ?? { trueValues: ['true'], falseValues: ['false'] };
      const lx = `lower(${x})`;
      return guard(
        `CASE WHEN ${lx} IN (${b.trueValues.map(literal).join(', ')}) THEN true WHEN ${lx} IN (${b.falseValues.map(literal).join(', ')}) THEN false END`,
      );
    }
    default:
      return guard(`NULLIF(${x}, '')`);
  }
}

/**
 * `CREATE OR REPLACE TABLE table AS SELECT <casts> FROM raw [WHERE rowid < keepRows]`, in file order.
 * @throws UserError CANCELLED when aborted.
 */
export async function buildTypedTable(
  db: Db,
  raw: string,
  table: string,
  plans: readonly ColumnPlan[],
  opts: { keepRows?: number; signal?: AbortSignal; onProgress?: (f: number) => void } = {},
): Promise<void> {
  const select = plans.map((p) => `CAST(${castSql(p)} AS ${planStorage(p)}) AS ${ident(p.name)}`).join(', ');
  const where = opts.keepRows !== undefined ? ` WHERE rowid < ${opts.keepRows}` : '';
  await runWithProgress(
    db,
    `CREATE OR REPLACE TABLE ${ident(table)} AS SELECT ${select} FROM ${ident(raw)}${where}`,
    opts,
  );
}

const SAMPLE_CELLS = 5;

/** A typed value as it leaves the engine: DATE → ISO string, BIGINT → number, missing → null. */
export function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}

/** Distinct counts are exact up to about this many values (DuckDB's own estimate decides). */
export const EXACT_DISTINCT_FACTS = 50_000;

/**
 * Exact distinct typed values of the columns that type inference read from their distinct raw values
 * (`sources`, by raw column): casting those few values gives the same count as counting the typed
 * column, without a hash table over every record. Run it before the value table is dropped (before
 * the typed table is built, so the two are never in memory together). Keys are column names.
 * Columns with so many raw values that {@link columnFacts} will estimate them are left out.
 */
export async function distinctFromValues(
  db: Db,
  plans: readonly ColumnPlan[],
  sources: ReadonlyMap<string, ColumnSource>,
): Promise<Map<string, number>> {
  const parts: string[] = [];
  plans.forEach((p, k) => {
    const src = p.expr ? undefined : sources.get(p.raw);
    // With this many raw values the typed column is almost surely estimated, not counted (and if
    // it is not, columnFacts counts it itself): skip a hash table that would go unused.
    if (!src || (src.values ?? Infinity) > 2 * EXACT_DISTINCT_FACTS) return;
    parts.push(`SELECT ${k} AS k, count(DISTINCT CAST(${castSql(p)} AS ${planStorage(p)})) AS d FROM ${src.from}`);
  });
  const out = new Map<string, number>();
  if (parts.length === 0) return out;
  for (const row of await db.all<{ k: number; d: number }>(parts.join(' UNION ALL ')))
    out.set(plans[Number(row.k)]!.name, Number(row.d));
  return out;
}

/**
 * Per-column missing counts, distinct counts and the first values, for the summary. One scan.
 * Distinct counts are exact where the table statistics estimate at most
 * {@link EXACT_DISTINCT_FACTS} values, else HyperLogLog estimates (`distinctApprox`): exact counts of
 * near-unique columns cost a hash table per column, and the profile has them exact when needed.
 * `exactDistinct` (from {@link distinctFromValues}) gives exact counts already known, by column name.
 */
export async function columnFacts(
  db: Db,
  table: string,
  plans: readonly ColumnPlan[],
  opts: {
    signal?: AbortSignal;
    onProgress?: (f: number) => void;
    exactDistinct?: ReadonlyMap<string, number>;
  } = {},
): Promise<{ rowCount: number; columns: ColumnInfo[] }> {
  const statRow = plans.length
    ? ((
        await db.all(
          `SELECT ${plans.map((p, j) => `stats(${ident(p.name)}) AS s${j}`).join(', ')} FROM ${ident(table)} LIMIT 1`,
        )
      )[0] ?? {})
    : {};
  const approx = plans.map((_, j) => {
    const m = /Approx Unique: (\d+)/.exec(String(statRow[`s${j}`] ?? ''));
    return m ? Number(m[1]) > EXACT_DISTINCT_FACTS : false;
  });
  const known = plans.map((p, k) => (approx[k] ? undefined : opts.exactDistinct?.get(p.name)));
  const parts = plans.flatMap((p, k) => [
    `count(*) - count(${ident(p.name)}) AS m${k}`,
    ...(known[k] !== undefined
      ? []
      : [approx[k] ? `approx_count_distinct(${ident(p.name)}) AS d${k}` : `count(DISTINCT ${ident(p.name)}) AS d${k}`]),
  ]);
  const rows = await allWithProgress(
    db,
    `SELECT count(*) AS n${parts.length ? ', ' + parts.join(', ') : ''} FROM ${ident(table)}`,
    opts,
  );
  const agg = rows[0] ?? {};
  known.forEach((d, k) => {
    if (d !== undefined) agg[`d${k}`] = d;
  });
  const head = plans.length
    ? await db.all(
        `SELECT ${plans.map((p) => `${dateAsText(p)} AS ${ident(p.name)}`).join(', ')} FROM ${ident(table)} LIMIT ${SAMPLE_CELLS}`,
      )
    : [];
  const columns: ColumnInfo[] = plans.map((p, j) => ({
    name: p.name,
    type: p.type,
    missingCount: Number(agg[`m${j}`] ?? 0),
    distinctCount: Number(agg[`d${j}`] ?? 0),
    ...(approx[j] ? { distinctApprox: true } : {}),
    sample: head.map((r) => toCell(r[p.name])),
    ...(p.date ? { dateFormat: p.date.label } : {}),
    ...(p.suggestion ? { suggestion: p.suggestion } : {}),
  }));
  return { rowCount: Number(agg.n ?? 0), columns };
}

function dateAsText(p: ColumnPlan): string {
  return p.type === 'date' ? isoDateSql(ident(p.name)) : ident(p.name);
}

/** Warnings as the summary carries them: severity filled in (default `warning`). */
export function resolveWarnings(warnings: readonly DataWarning[]): ImportSummary['warnings'] {
  return warnings.map((w) => ({ ...w, severity: w.severity ?? 'warning' }));
}

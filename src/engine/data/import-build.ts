/**
 * From raw text columns to the typed table, one CAST expression per column (BIGINT for integer,
 * DOUBLE for float, BOOLEAN, DATE, VARCHAR for text, categorical and identifier), then the per-column
 * facts of the import summary.
 */
import type { Cell, ColumnInfo, ColumnType, DataWarning, ImportSummary } from '../../shared/model/data';
import type { Db } from './duck';
import { allWithProgress, ident, literal, runWithProgress } from './duck';
import type { ColumnPlan } from './detect/infer';

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
      if (fmt.thousands) v = `replace(${v}, ${literal(fmt.thousands)}, '')`;
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
  const select = plans.map((p) => `CAST(${castSql(p)} AS ${storageType(p.type)}) AS ${ident(p.name)}`).join(', ');
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
 * Per-column missing counts, distinct counts and the first values, for the summary. One scan.
 * Distinct counts are exact where the table statistics estimate at most
 * {@link EXACT_DISTINCT_FACTS} values, else HyperLogLog estimates (`distinctApprox`): exact counts of
 * near-unique columns cost a hash table per column, and the profile has them exact when needed.
 */
export async function columnFacts(
  db: Db,
  table: string,
  plans: readonly ColumnPlan[],
  opts: { signal?: AbortSignal; onProgress?: (f: number) => void } = {},
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
  const parts = plans.flatMap((p, j) => [
    `count(*) - count(${ident(p.name)}) AS m${j}`,
    approx[j] ? `approx_count_distinct(${ident(p.name)}) AS d${j}` : `count(DISTINCT ${ident(p.name)}) AS d${j}`,
  ]);
  const rows = await allWithProgress(
    db,
    `SELECT count(*) AS n${parts.length ? ', ' + parts.join(', ') : ''} FROM ${ident(table)}`,
    opts,
  );
  const agg = rows[0] ?? {};
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
  return p.type === 'date' ? `strftime(${ident(p.name)}, '%Y-%m-%d')` : ident(p.name);
}

/** Warnings as the summary carries them: severity filled in (default `warning`). */
export function resolveWarnings(warnings: readonly DataWarning[]): ImportSummary['warnings'] {
  return warnings.map((w) => ({ ...w, severity: w.severity ?? 'warning' }));
}

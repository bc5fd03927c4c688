/**
 * The cleaning recipe (SPEC §3, DESIGN "Recipe"): each step is data compiled to SQL over the
 * previous step's relation, starting from the untouched imported table. Steps that need statistics
 * (median, mode, quartiles) compute them when the recipe is applied and record the resolved values,
 * so scoring new data later applies exactly the same transformation.
 */
import { UserError } from '../../shared/errors';
import type { ColumnInfo, ColumnType } from '../../shared/model/data';
import { RecipeStepSchema, type RecipeStep, type RecipeStepResolved } from '../../shared/model/recipe';
import { binLabels } from './bins';
import { ident, literal, type Db } from './duck';
import { storageType } from './import-build';

/** What one applied step did, for the report and the undo list. */
export interface AppliedStep {
  step: RecipeStepResolved;
  /** Values the step computed when applied (e.g. `{ value: 42 }` for a median), reused for scoring. */
  resolved: Record<string, unknown>;
  rowsBefore: number;
  rowsAfter: number;
}

export interface RecipeResult {
  columns: ColumnInfo[];
  applied: AppliedStep[];
  rowCount: number;
}

type Num = number | null;

function isNumeric(type: ColumnType): boolean {
  return type === 'integer' || type === 'float';
}

/** Serial day of 9999-12-31, the last date Excel can show. */
const EXCEL_LAST_SERIAL = 2958465;

/**
 * SQL turning Excel serial days (1900 date system) in numeric expression `x` into a DATE, as Excel
 * displays them: origin 1899-12-30 from serial 61 (1900-03-01) on, so 39448 → 2008-01-01; serials
 * 1–59 are one day off that origin because Excel, copying Lotus 1-2-3, counts a 29 February 1900
 * that never was (serial 60, which becomes missing) — Microsoft KB 214326, and openpyxl's
 * `from_excel` does the same. A fraction (the time of day) is dropped; values below 1 or past
 * 9999-12-31 are no dates and become missing.
 */
function excelSerialDateSql(x: string): string {
  const day = `CAST(floor(${x}) AS INTEGER)`;
  return `CASE WHEN ${x} IS NULL OR ${x} < 1 OR ${x} >= ${EXCEL_LAST_SERIAL + 1} THEN NULL WHEN ${x} >= 61 THEN DATE '1899-12-30' + ${day} WHEN ${x} < 60 THEN DATE '1899-12-31' + ${day} ELSE NULL END`;
}

function sqlValue(value: string | number | boolean): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return literal(value);
}

/**
 * The first recipe step (0-based index into `steps`) that takes column `column` away — drops it,
 * or renames it to another name — or null when no step does.
 */
export function stepRemovingColumn(steps: readonly RecipeStep[], column: string): number | null {
  const index = steps.findIndex((s) => (s.op === 'drop_column' || s.op === 'rename') && s.column === column);
  return index >= 0 ? index : null;
}

/** The error for recipe step `index` (0-based) taking the target column away. */
export function targetRemovedError(steps: readonly RecipeStep[], index: number, column: string): UserError {
  return new UserError(
    'RECIPE_BREAKS_TARGET',
    { step: index + 1, op: steps[index]!.op, column },
    'errors.RECIPE_REMOVES_TARGET',
  );
}

/**
 * Apply `steps` to table `source`, writing the cleaned table `target` (replaced if present).
 * Intermediate relations are temporary views named `${target}__s<i>`.
 * @param columns the columns of `source` with their logical types.
 * @throws UserError COLUMN_NOT_FOUND naming the step's column, SETTING_INVALID for a bad step;
 *   with `targetColumn`, RECIPE_BREAKS_TARGET {step, op, column} for a step that drops or renames
 *   the target (`errors.RECIPE_REMOVES_TARGET`), leaves it no value (`errors.RECIPE_EMPTIES_TARGET`,
 *   e.g. rows dropped until none is left), turns values into missing ones by a type change
 *   (`errors.RECIPE_BREAKS_TARGET`, with `count`), or leaves one value where there were several
 *   (`errors.RECIPE_SINGLE_CLASS_TARGET`, with `value`).
 */
export async function applyRecipe(
  db: Db,
  opts: {
    source: string;
    target: string;
    columns: ColumnInfo[];
    steps: readonly RecipeStep[];
    /**
     * Values resolved by an earlier application (same steps), reused instead of recomputed: new
     * data (a test file, data to score) is cleaned exactly like the data the model learned from.
     */
    reuse?: readonly AppliedStep[];
    /**
     * The column the model predicts: a step that would take it away or leave it unusable is
     * refused (a recipe that silently drops the target fails much later, at training, with a
     * message that no longer says why). Not checked when `source` lacks the column.
     */
    targetColumn?: string;
  },
): Promise<RecipeResult> {
  let columns = opts.columns.map((c) => ({ ...c }));
  let current = opts.source;
  const applied: AppliedStep[] = [];
  const count = async (rel: string): Promise<number> =>
    Number((await db.all<{ n: number }>(`SELECT count(*)::BIGINT AS n FROM ${ident(rel)}`))[0]?.n ?? 0);
  let rows = await count(current);
  const target = opts.targetColumn && columns.some((c) => c.name === opts.targetColumn) ? opts.targetColumn : null;
  /** Non-missing values of the target in `rel`, how many distinct, and one of them. */
  const targetStats = async (rel: string) => {
    const c = ident(target!);
    const r = await db.all<{ n: number; d: number; v: unknown }>(
      `SELECT count(${c})::BIGINT AS n, count(DISTINCT ${c})::BIGINT AS d, CAST(min(${c}) AS VARCHAR) AS v FROM ${ident(rel)}`,
    );
    return { values: Number(r[0]?.n ?? 0), distinct: Number(r[0]?.d ?? 0), value: r[0]?.v ?? null };
  };
  let targetBefore = target ? await targetStats(current) : null;

  for (const [index, raw] of opts.steps.entries()) {
    const parsed = RecipeStepSchema.safeParse(raw);
    if (!parsed.success) {
      throw new UserError('SETTING_INVALID', {
        setting: `recipe step ${index + 1}`,
        reason: parsed.error.issues[0]?.message ?? 'invalid',
      });
    }
    const step = parsed.data;
    const view = `${opts.target}__s${index + 1}`;
    const find = (name: string): ColumnInfo => {
      const col = columns.find((c) => c.name === name);
      if (!col)
        throw new UserError(
          'COLUMN_NOT_FOUND',
          {
            step: index + 1,
            op: step.op,
            column: name,
            columns: columns.map((c) => c.name).join(', '),
            file: `recipe step ${index + 1} (${step.op})`,
          },
          'errors.RECIPE_COLUMN_NOT_FOUND',
        );
      return col;
    };
    const selectAll = (replace: Record<string, string> = {}): string =>
      columns.map((c) => (c.name in replace ? `${replace[c.name]} AS ${ident(c.name)}` : ident(c.name))).join(', ');
    const from = ident(current);
    let sql: string;
    const resolved: Record<string, unknown> = {};
    if (target && (step.op === 'drop_column' || step.op === 'rename') && step.column === target)
      throw targetRemovedError(opts.steps, index, target);

    switch (step.op) {
      case 'drop_column': {
        find(step.column);
        columns = columns.filter((c) => c.name !== step.column);
        if (columns.length === 0) throw new UserError('NO_FEATURES', {});
        sql = `SELECT ${selectAll()} FROM ${from}`;
        break;
      }
      case 'rename': {
        const col = find(step.column);
        if (columns.some((c) => c.name === step.to)) {
          throw new UserError('SETTING_INVALID', {
            setting: `rename ${step.column}`,
            reason: `a column named "${step.to}" already exists`,
          });
        }
        sql = `SELECT ${columns.map((c) => (c === col ? `${ident(c.name)} AS ${ident(step.to)}` : ident(c.name))).join(', ')} FROM ${from}`;
        col.originalName ??= col.name;
        col.name = step.to;
        break;
      }
      case 'change_type': {
        const col = find(step.column);
        const expr =
          step.type === 'text' || step.type === 'categorical' || step.type === 'identifier'
            ? `CAST(${ident(col.name)} AS VARCHAR)`
            : `TRY_CAST(${ident(col.name)} AS ${storageType(step.type)})`;
        sql = `SELECT ${selectAll({ [col.name]: expr })} FROM ${from}`;
        col.type = step.type;
        break;
      }
      case 'mark_missing': {
        const col = find(step.column);
        const values = step.values.map((v) => (isNumeric(col.type) ? sqlValue(Number(v)) : literal(String(v))));
        sql = `SELECT ${selectAll({ [col.name]: `CASE WHEN ${ident(col.name)} IN (${values.join(', ')}) THEN NULL ELSE ${ident(col.name)} END` })} FROM ${from}`;
        break;
      }
      case 'impute': {
        const col = find(step.column);
        const c = ident(col.name);
        let fill: string | number | boolean | null;
        const reused = opts.reuse?.[index]?.resolved;
        if (reused && 'value' in reused) {
          fill = reused.value as string | number | boolean | null;
        } else if (step.strategy === 'constant') {
          if (step.value === undefined)
            throw new UserError('SETTING_INVALID', {
              setting: `impute ${col.name}`,
              reason: 'a constant needs a value',
            });
          fill = step.value;
        } else if (step.strategy === 'mode') {
          // Dates and text come back as text, so the value can be stored in the project and reused.
          const v = isNumeric(col.type) || col.type === 'boolean' ? c : `CAST(${c} AS VARCHAR)`;
          const r = await db.all<{ v: unknown }>(
            `SELECT ${v} AS v FROM ${from} WHERE ${c} IS NOT NULL GROUP BY ${c} ORDER BY count(*) DESC, ${c} LIMIT 1`,
          );
          fill = (r[0]?.v as string | number | boolean | undefined) ?? null;
        } else {
          if (!isNumeric(col.type)) {
            throw new UserError('SETTING_INVALID', {
              setting: `impute ${col.name}`,
              reason: `${step.strategy} needs a numeric column; use mode or a constant`,
            });
          }
          const fn = step.strategy === 'mean' ? 'avg' : 'median';
          const r = await db.all<{ v: Num }>(`SELECT ${fn}(${c})::DOUBLE AS v FROM ${from}`);
          fill = r[0]?.v ?? null;
          if (fill !== null && col.type === 'integer') fill = Math.round(fill);
        }
        resolved.value = fill;
        const typed = (v: string | number | boolean) =>
          typeof v === 'string' ? `CAST(${sqlValue(v)} AS ${storageType(col.type)})` : sqlValue(v);
        const replace = { [col.name]: fill === null ? c : `coalesce(${c}, ${typed(fill)})` };
        if (step.indicator) {
          const name = `${col.name}_missing`;
          sql = `SELECT ${selectAll(replace)}, CASE WHEN ${c} IS NULL THEN 1 ELSE 0 END::BIGINT AS ${ident(name)} FROM ${from}`;
          columns.push({ name, type: 'integer', missingCount: 0, distinctCount: 2, sample: [] });
        } else {
          sql = `SELECT ${selectAll(replace)} FROM ${from}`;
        }
        col.missingCount = fill === null ? col.missingCount : 0;
        break;
      }
      case 'drop_rows_missing':
      case 'drop_missing_target': {
        const col = find(step.column);
        sql = `SELECT ${selectAll()} FROM ${from} WHERE ${ident(col.name)} IS NOT NULL`;
        col.missingCount = 0;
        break;
      }
      case 'remove_duplicates': {
        // DISTINCT would reorder rows; keep the first of each duplicate in file order so splits stay reproducible.
        const cols = columns.map((c) => ident(c.name)).join(', ');
        sql = `SELECT ${cols} FROM (SELECT ${cols}, row_number() OVER () AS __rid FROM ${from}) QUALIFY row_number() OVER (PARTITION BY ${cols} ORDER BY __rid) = 1 ORDER BY __rid`;
        break;
      }
      case 'excel_serial_date': {
        const col = find(step.column);
        if (!isNumeric(col.type))
          throw new UserError('SETTING_INVALID', {
            setting: `excel_serial_date ${col.name}`,
            reason: 'needs a column of whole numbers (Excel serial days)',
          });
        sql = `SELECT ${selectAll({ [col.name]: excelSerialDateSql(ident(col.name)) })} FROM ${from}`;
        col.type = 'date';
        delete col.suggestion;
        break;
      }
      case 'binarize': {
        const col = find(step.column);
        const c = ident(col.name);
        let cond: string;
        if (step.comparator === 'in') {
          const list = Array.isArray(step.value) ? step.value : [step.value];
          cond = `CAST(${c} AS VARCHAR) IN (${list.map((v) => literal(String(v))).join(', ')})`;
        } else {
          if (Array.isArray(step.value))
            throw new UserError('SETTING_INVALID', {
              setting: `binarize ${col.name}`,
              reason: 'a list needs the "in" comparator',
            });
          const op = step.comparator === '==' ? '=' : step.comparator;
          // Ordering text ("bad" > "1") is never what a user means.
          if (!isNumeric(col.type) && col.type !== 'date' && !['==', '!='].includes(step.comparator))
            throw new UserError(
              'SETTING_INVALID',
              {
                step: index + 1,
                op: step.op,
                column: col.name,
                comparator: step.comparator,
                setting: `binarize ${col.name}`,
                reason: 'text',
              },
              'errors.RECIPE_COMPARE_TEXT',
            );
          cond = isNumeric(col.type)
            ? `${c} ${op} ${sqlValue(Number(step.value))}`
            : `CAST(${c} AS VARCHAR) ${op} ${literal(String(step.value))}`;
        }
        sql = `SELECT ${selectAll({ [col.name]: `CASE WHEN ${c} IS NULL THEN NULL WHEN ${cond} THEN ${literal(step.trueLabel)} ELSE ${literal(step.falseLabel)} END` })} FROM ${from}`;
        col.type = 'categorical';
        col.distinctCount = 2;
        break;
      }
      case 'normalize_category': {
        const col = find(step.column);
        let expr = `CAST(${ident(col.name)} AS VARCHAR)`;
        if (step.trim) expr = `trim(${expr})`;
        if (step.case === 'lower') expr = `lower(${expr})`;
        else if (step.case === 'upper') expr = `upper(${expr})`;
        else if (step.case === 'title')
          expr = `CASE WHEN ${expr} IS NULL THEN NULL ELSE upper(left(${expr}, 1)) || lower(substr(${expr}, 2)) END`;
        sql = `SELECT ${selectAll({ [col.name]: `nullif(${expr}, '')` })} FROM ${from}`;
        break;
      }
      case 'outliers': {
        const col = find(step.column);
        if (!isNumeric(col.type))
          throw new UserError('SETTING_INVALID', { setting: `outliers ${col.name}`, reason: 'needs a numeric column' });
        const c = ident(col.name);
        let lo: number;
        let hi: number;
        const reused = opts.reuse?.[index]?.resolved;
        if (reused && typeof reused.low === 'number' && typeof reused.high === 'number') {
          lo = reused.low;
          hi = reused.high;
        } else if (step.rule === 'iqr') {
          const k = step.k ?? 1.5;
          const r = (
            await db.all<{ q1: number; q3: number }>(
              `SELECT quantile_cont(${c}, 0.25)::DOUBLE AS q1, quantile_cont(${c}, 0.75)::DOUBLE AS q3 FROM ${from}`,
            )
          )[0];
          const iqr = (r?.q3 ?? 0) - (r?.q1 ?? 0);
          lo = (r?.q1 ?? 0) - k * iqr;
          hi = (r?.q3 ?? 0) + k * iqr;
        } else {
          const k = step.k ?? 3;
          const r = (
            await db.all<{ m: number; s: number }>(
              `SELECT avg(${c})::DOUBLE AS m, coalesce(stddev_samp(${c}), 0)::DOUBLE AS s FROM ${from}`,
            )
          )[0];
          lo = (r?.m ?? 0) - k * (r?.s ?? 0);
          hi = (r?.m ?? 0) + k * (r?.s ?? 0);
        }
        resolved.low = lo;
        resolved.high = hi;
        if (step.action === 'clip') {
          // greatest/least skip NULLs in DuckDB, so missing values must be kept explicitly.
          sql = `SELECT ${selectAll({ [col.name]: `CASE WHEN ${c} IS NULL THEN NULL ELSE least(greatest(${c}::DOUBLE, ${lo}), ${hi}) END` })} FROM ${from}`;
          col.type = 'float';
        } else {
          sql = `SELECT ${selectAll()} FROM ${from} WHERE ${c} IS NULL OR (${c} >= ${lo} AND ${c} <= ${hi})`;
        }
        break;
      }
      case 'bin': {
        const col = find(step.column);
        if (!isNumeric(col.type))
          throw new UserError('SETTING_INVALID', { setting: `bin ${col.name}`, reason: 'needs a numeric column' });
        const edges = [...step.edges].sort((a, b) => a - b);
        const labels = step.labels ?? binLabels(edges);
        if (labels.length !== edges.length + 1) {
          throw new UserError('SETTING_INVALID', {
            setting: `bin ${col.name}`,
            reason: `${edges.length} edges need ${edges.length + 1} labels`,
          });
        }
        const c = ident(col.name);
        const cases = edges.map((e, i) => `WHEN ${c} < ${e} THEN ${literal(labels[i]!)}`).join(' ');
        const expr = `CASE WHEN ${c} IS NULL THEN NULL ${cases} ELSE ${literal(labels[labels.length - 1]!)} END`;
        const into = step.into ?? col.name;
        if (into === col.name) {
          sql = `SELECT ${selectAll({ [col.name]: expr })} FROM ${from}`;
          col.type = 'categorical';
        } else {
          if (columns.some((x) => x.name === into))
            throw new UserError('SETTING_INVALID', {
              setting: `bin ${col.name}`,
              reason: `a column named "${into}" already exists`,
            });
          sql = `SELECT ${selectAll()}, ${expr} AS ${ident(into)} FROM ${from}`;
          columns.push({
            name: into,
            type: 'categorical',
            missingCount: col.missingCount,
            distinctCount: labels.length,
            sample: [],
          });
        }
        break;
      }
    }
    await db.run(`CREATE OR REPLACE TEMP VIEW ${ident(view)} AS ${sql}`);
    const after = await count(view);
    if (target && targetBefore) {
      const now = await targetStats(view);
      const where = { step: index + 1, op: step.op, column: target };
      if (step.op === 'change_type' && now.values < targetBefore.values)
        throw new UserError(
          'RECIPE_BREAKS_TARGET',
          { ...where, count: targetBefore.values - now.values, type: step.type },
          'errors.RECIPE_BREAKS_TARGET',
        );
      if (now.values === 0 && targetBefore.values > 0)
        throw new UserError('RECIPE_BREAKS_TARGET', { ...where, rows: after }, 'errors.RECIPE_EMPTIES_TARGET');
      if (now.distinct === 1 && targetBefore.distinct > 1)
        throw new UserError(
          'RECIPE_BREAKS_TARGET',
          { ...where, value: String(now.value) },
          'errors.RECIPE_SINGLE_CLASS_TARGET',
        );
      targetBefore = now;
    }
    applied.push({ step, resolved, rowsBefore: rows, rowsAfter: after });
    rows = after;
    current = view;
  }

  await db.run(
    `CREATE OR REPLACE TABLE ${ident(opts.target)} AS SELECT ${columns.map((c) => ident(c.name)).join(', ')} FROM ${ident(current)}`,
  );
  for (let i = opts.steps.length; i >= 1; i--) await db.run(`DROP VIEW IF EXISTS ${ident(`${opts.target}__s${i}`)}`);
  return { columns, applied, rowCount: rows };
}

/**
 * Feature preprocessing (SPEC §5), fitted on the training rows only and saved with the model:
 * - numeric columns: missing → training median, then standardised with the training mean and
 *   population standard deviation (scikit-learn `SimpleImputer(strategy='median')` +
 *   `StandardScaler`; a constant column gets std 1);
 * - date columns: calendar year, month (1–12) and weekday (0 = Sunday) as three numeric features;
 * - categorical, text and boolean columns: one-hot of the K most frequent training categories, plus
 *   an "other" column when the training split has more categories than that (unseen values at
 *   prediction time also go there). Missing values become a category of their own when they are
 *   frequent (at least {@link MISSING_CATEGORY_MIN_SHARE} of the training rows and among the top
 *   K) — in data such as UCI Adult a missing occupation says something — and are filled with the
 *   training mode otherwise;
 * - identifier columns are never features.
 */
import { UserError } from '../../shared/errors';
import type { Cell } from '../../shared/model/data';
import type { FeatureSpec, Preprocessing, TaskType } from '../../shared/model/train';
import type { Frame, FrameColumn } from '../data/frame';
import { isNumericType } from '../data/frame';
import { applyDerived, datePart, numericCell } from './features';
import { targetLabel, targetNumber } from './task';

/** A dense feature matrix (rows × cols, row-major) with its targets. */
export interface Matrix {
  x: Float32Array;
  /** Class index (classification) or standardised target (regression); NaN where unknown. */
  y: Float32Array;
  rows: number;
  cols: number;
}

/** Stands for "missing" among the kept categories of a categorical feature. */
export const MISSING_CATEGORY = '\u0000missing';
/** Share of training rows that must be missing for "missing" to get its own one-hot column. */
export const MISSING_CATEGORY_MIN_SHARE = 0.01;

/** Name of a one-hot input for display (`column=value`, `column=(missing)`, `column=(other)`). */
function oneHotName(column: string, category: string | null): string {
  if (category === null) return `${column}=(other)`;
  return `${column}=${category === MISSING_CATEGORY ? '(missing)' : category}`;
}

/** A feature cell as a category label, or null when missing. */
function categoryCell(cell: Cell | undefined): string | null {
  if (cell === null || cell === undefined || cell === '') return null;
  return typeof cell === 'string' ? cell : String(cell);
}

function valueOf(col: FrameColumn, spec: Extract<FeatureSpec, { kind: 'numeric' }>, row: number): number | null {
  const cell = col.values[row];
  return spec.part ? datePart(cell, spec.part) : numericCell(cell);
}

function median(sorted: number[]): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const mid = Math.floor(n / 2);
  return n % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function fitNumeric(col: FrameColumn, rows: number[], part?: 'year' | 'month' | 'weekday'): FeatureSpec {
  const probe = { kind: 'numeric' as const, column: col.name, part, fill: 0, mean: 0, std: 1 };
  const present: number[] = [];
  for (const r of rows) {
    const v = valueOf(col, probe, r);
    if (v !== null) present.push(v);
  }
  const fill = median(present.sort((a, b) => a - b));
  const missing = rows.length - present.length;
  let sum = fill * missing;
  for (const v of present) sum += v;
  const mean = rows.length ? sum / rows.length : 0;
  let ss = missing * (fill - mean) ** 2;
  for (const v of present) ss += (v - mean) ** 2;
  const std = rows.length ? Math.sqrt(ss / rows.length) : 0;
  const spec: FeatureSpec = { kind: 'numeric', column: col.name, fill, mean, std: std > 1e-12 ? std : 1 };
  if (part) spec.part = part;
  return spec;
}

function fitCategorical(col: FrameColumn, rows: number[], topK: number): FeatureSpec {
  const counts = new Map<string, number>();
  let missing = 0;
  for (const r of rows) {
    const c = categoryCell(col.values[r]);
    if (c === null) missing++;
    else counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const mode = ranked[0]?.[0] ?? MISSING_CATEGORY;
  const missingOwn = missing > 0 && missing >= MISSING_CATEGORY_MIN_SHARE * rows.length;
  const candidates: [string, number][] = missingOwn ? [...ranked, [MISSING_CATEGORY, missing]] : ranked;
  candidates.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const kept = candidates.slice(0, topK).map(([c]) => c);
  const missingKept = kept.includes(MISSING_CATEGORY);
  return {
    kind: 'categorical',
    column: col.name,
    categories: kept,
    fill: missingKept ? MISSING_CATEGORY : mode,
    other: counts.size + (missingOwn ? 1 : 0) > kept.length,
  };
}

/** Width of a feature in the input matrix. */
export function featureWidth(spec: FeatureSpec): number {
  return spec.kind === 'numeric' ? 1 : spec.categories.length + (spec.other ? 1 : 0);
}

/**
 * Fit the preprocessing of `features` on the training rows. Identifier columns are skipped. For
 * classification `classes` gives the label order (see `resolveClasses`); for regression the target
 * is standardised with the training mean and standard deviation.
 * @throws UserError COLUMN_NOT_FOUND {column, columns}; NO_FEATURES when no usable feature is left.
 */
export function fitPreprocessing(
  frame: Frame,
  rows: number[],
  features: string[],
  target: string,
  task: TaskType,
  classes: string[],
  opts: { topK: number },
): Preprocessing {
  const byName = new Map(frame.columns.map((c) => [c.name, c]));
  const columnList = frame.columns.map((c) => c.name).join(', ');
  const specs: FeatureSpec[] = [];
  for (const name of features) {
    const col = byName.get(name);
    if (!col) throw new UserError('COLUMN_NOT_FOUND', { column: name, columns: columnList });
    if (name === target || col.type === 'identifier') continue;
    if (isNumericType(col.type)) specs.push(fitNumeric(col, rows));
    else if (col.type === 'date')
      for (const part of ['year', 'month', 'weekday'] as const) specs.push(fitNumeric(col, rows, part));
    else specs.push(fitCategorical(col, rows, opts.topK));
  }
  if (specs.length === 0) throw new UserError('NO_FEATURES', {});
  const inputNames: string[] = [];
  for (const s of specs) {
    if (s.kind === 'numeric') inputNames.push(s.part ? `${s.column}.${s.part}` : s.column);
    else {
      for (const c of s.categories) inputNames.push(oneHotName(s.column, c));
      if (s.other) inputNames.push(oneHotName(s.column, null));
    }
  }
  const prep: Preprocessing = {
    features: specs,
    inputNames,
    target,
    task,
    classes: task === 'regression' ? [] : classes,
  };
  if (task === 'regression') {
    const targetCol = byName.get(target);
    if (!targetCol) throw new UserError('COLUMN_NOT_FOUND', { column: target, columns: columnList });
    const ys = rows.map((r) => targetNumber(targetCol.values[r])).filter((v): v is number => v !== null);
    const mean = ys.length ? ys.reduce((a, b) => a + b, 0) / ys.length : 0;
    const std = ys.length ? Math.sqrt(ys.reduce((a, b) => a + (b - mean) ** 2, 0) / ys.length) : 0;
    prep.targetMean = mean;
    prep.targetStd = std > 1e-12 ? std : 1;
  }
  return prep;
}

/**
 * The input matrix and targets of `rows` under a fitted preprocessing. Works on any frame with the
 * feature columns (new data to score included); a missing target column gives NaN targets. The
 * derived features of `prep.derived` are computed first (see `features.ts`).
 * @throws UserError COLUMN_NOT_FOUND {column, columns} when a feature column is absent.
 */
export function transform(frameIn: Frame, rows: number[], prep: Preprocessing): Matrix {
  // Derived features (crosses, date parts) are per-row functions, recreated on every frame.
  const frame = prep.derived?.length ? applyDerived(frameIn, prep.derived) : frameIn;
  const byName = new Map(frame.columns.map((c) => [c.name, c]));
  const cols = prep.inputNames.length;
  const n = rows.length;
  const x = new Float32Array(n * cols);
  let offset = 0;
  for (const spec of prep.features) {
    const col = byName.get(spec.column);
    if (!col)
      throw new UserError('COLUMN_NOT_FOUND', {
        column: spec.column,
        columns: frame.columns.map((c) => c.name).join(', '),
      });
    if (spec.kind === 'numeric') {
      for (let i = 0; i < n; i++) {
        const v = valueOf(col, spec, rows[i]!) ?? spec.fill;
        x[i * cols + offset] = (v - spec.mean) / spec.std;
      }
    } else {
      const index = new Map(spec.categories.map((c, j) => [c, j]));
      const otherIdx = spec.other ? spec.categories.length : -1;
      for (let i = 0; i < n; i++) {
        const c = categoryCell(col.values[rows[i]!]) ?? spec.fill;
        const j = index.get(c) ?? otherIdx;
        if (j >= 0) x[i * cols + offset + j] = 1;
      }
    }
    offset += featureWidth(spec);
  }
  const y = new Float32Array(n).fill(NaN);
  const targetCol = byName.get(prep.target);
  if (targetCol) {
    if (prep.task === 'regression') {
      const mean = prep.targetMean ?? 0;
      const std = prep.targetStd ?? 1;
      for (let i = 0; i < n; i++) {
        const v = targetNumber(targetCol.values[rows[i]!]);
        y[i] = v === null ? NaN : (v - mean) / std;
      }
    } else {
      const index = new Map(prep.classes.map((c, j) => [c, j]));
      for (let i = 0; i < n; i++) {
        const label = targetLabel(targetCol.values[rows[i]!]);
        y[i] = label === null ? NaN : (index.get(label) ?? NaN);
      }
    }
  }
  return { x, y, rows: n, cols };
}

/** Rows of `matrix` whose target is known (not NaN), as a new matrix, with their positions. */
export function labeledOnly(matrix: Matrix): { matrix: Matrix; kept: number[] } {
  const kept: number[] = [];
  for (let i = 0; i < matrix.rows; i++) if (!Number.isNaN(matrix.y[i]!)) kept.push(i);
  if (kept.length === matrix.rows) return { matrix, kept };
  const x = new Float32Array(kept.length * matrix.cols);
  const y = new Float32Array(kept.length);
  kept.forEach((r, i) => {
    x.set(matrix.x.subarray(r * matrix.cols, (r + 1) * matrix.cols), i * matrix.cols);
    y[i] = matrix.y[r]!;
  });
  return { matrix: { x, y, rows: kept.length, cols: matrix.cols }, kept };
}

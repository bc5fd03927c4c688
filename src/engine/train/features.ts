/**
 * Derived features of the augmentation steps `cross` and `date_parts` (SPEC §3), and the cell
 * readers they share with preprocessing.
 *
 * Why these two are NOT "training split only", unlike the other augmentation steps: each derived
 * value is a function of one row's own cells (a product, a ratio, the month of a date) with no
 * parameter learned from other rows, so computing it on a validation, test or scoring row leaks
 * nothing from training into evaluation. And a model trained with a feature must be given that
 * feature at prediction time, so they are recorded in `Preprocessing.derived` and `transform()`
 * recreates them on every split and on new data (`modelwise score`). What IS fitted on the training
 * split only — the median that fills a missing ratio, the mean and standard deviation that
 * standardise it — is fitted by `fitPreprocessing` like any other numeric column.
 */
import { UserError } from '../../shared/errors';
import type { Cell } from '../../shared/model/data';
import type { AugmentationStepResolved } from '../../shared/model/recipe';
import type { AugmentationMessage, DerivedFeature } from '../../shared/model/train';
import type { Frame, FrameColumn } from '../data/frame';
import { isNumericType } from '../data/frame';

export type DatePartName = 'year' | 'month' | 'day' | 'weekday';

/** A feature cell as a number, or null when missing / not a number (booleans are 0/1). */
export function numericCell(cell: Cell | undefined): number | null {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  if (typeof cell === 'boolean') return cell ? 1 : 0;
  if (typeof cell === 'string' && cell.trim() !== '') {
    const v = Number(cell);
    return Number.isFinite(v) ? v : null;
  }
  return null;
}

/**
 * A calendar part of an ISO `YYYY-MM-DD[…]` cell, read in UTC (the date as written, no time zone
 * shift): year, month 1–12, day of month 1–31, weekday 0 = Sunday … 6 = Saturday; null otherwise.
 */
export function datePart(cell: Cell | undefined, part: DatePartName): number | null {
  if (typeof cell !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(cell);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (part === 'year') return y;
  if (part === 'month') return mo;
  if (part === 'day') return d;
  return new Date(Date.UTC(y, mo - 1, d)).getUTCDay();
}

/** Column name of a derived feature: `a×b`, `a÷b`, `column.year` … */
export function derivedName(
  step: Extract<AugmentationStepResolved, { op: 'cross' | 'date_parts' }>,
  part?: DatePartName,
): string {
  if (step.op === 'cross') return `${step.a}${step.kind === 'product' ? '×' : '÷'}${step.b}`;
  return `${step.column}.${part}`;
}

function invalid(value: string, reason: string): UserError {
  return new UserError('SETTING_INVALID', { setting: 'augmentation', value, reason });
}

/**
 * The derived features asked for by the `cross` and `date_parts` steps of `steps` (other steps are
 * ignored), in step order, with one log message per step. A source column must be one of the
 * model's `features`: a column the user or the privacy scan left out (e.g. a date of birth) is not
 * brought back through a derived feature. The same definition twice is kept once.
 * @throws UserError COLUMN_NOT_FOUND {column, columns} for a source column not in the frame;
 *   SETTING_INVALID {setting: 'augmentation', value, reason} when a source is not a feature, a
 *   cross source is not numeric (integer/float), a date_parts source is not a date column, or the
 *   derived name is already a column of the frame.
 */
export function planDerived(
  frame: Frame,
  steps: AugmentationStepResolved[],
  features: string[],
): { derived: DerivedFeature[]; messages: AugmentationMessage[] } {
  const byName = new Map(frame.columns.map((c) => [c.name, c]));
  const featureSet = new Set(features);
  const columns = frame.columns.map((c) => c.name).join(', ');
  const source = (name: string, op: string): FrameColumn => {
    const col = byName.get(name);
    if (!col) throw new UserError('COLUMN_NOT_FOUND', { column: name, columns });
    if (!featureSet.has(name)) throw invalid(op, `"${name}" is not a feature of the model (it was left out)`);
    return col;
  };
  const derived: DerivedFeature[] = [];
  const messages: AugmentationMessage[] = [];
  const seen = new Set<string>();
  const add = (d: DerivedFeature): boolean => {
    if (seen.has(d.name)) return false;
    if (byName.has(d.name)) throw invalid(d.name, `the data already has a column called "${d.name}"`);
    seen.add(d.name);
    derived.push(d);
    return true;
  };
  for (const step of steps) {
    if (step.op === 'cross') {
      for (const name of [step.a, step.b]) {
        const col = source(name, 'cross');
        if (!isNumericType(col.type)) throw invalid('cross', `"${name}" is ${col.type}, not a numeric column`);
      }
      const name = derivedName(step);
      if (add({ kind: 'cross', name, a: step.a, b: step.b, op: step.kind }))
        messages.push({ key: `augment.cross.${step.kind}`, params: { name, a: step.a, b: step.b } });
    } else if (step.op === 'date_parts') {
      const col = source(step.column, 'date_parts');
      if (col.type !== 'date') throw invalid('date_parts', `"${step.column}" is ${col.type}, not a date column`);
      const names: string[] = [];
      for (const part of [...new Set(step.parts)]) {
        const name = derivedName(step, part);
        if (add({ kind: 'date_part', name, column: step.column, part })) names.push(name);
      }
      if (names.length)
        messages.push({ key: 'augment.datePart', params: { column: step.column, names: names.join(', ') } });
    }
  }
  return { derived, messages };
}

/**
 * The feature list with derived features: a date column with `date_part` features stands for
 * itself through them only (its default year/month/weekday expansion is dropped, so the user's
 * choice of parts is what the model sees); derived features are appended in order.
 */
export function withDerivedFeatures(features: string[], derived: DerivedFeature[]): string[] {
  const replaced = new Set<string>();
  for (const d of derived) if (d.kind === 'date_part') replaced.add(d.column);
  return [...features.filter((f) => !replaced.has(f)), ...derived.map((d) => d.name)];
}

/** Value of one derived feature for a row; null when a source is missing or a ratio's denominator is 0. */
function derivedValue(d: DerivedFeature, cols: FrameColumn[], row: number): number | null {
  if (d.kind === 'date_part') return datePart(cols[0]!.values[row], d.part);
  const a = numericCell(cols[0]!.values[row]);
  const b = numericCell(cols[1]!.values[row]);
  if (a === null || b === null) return null;
  if (d.op === 'product') return a * b;
  if (b === 0) return null;
  const v = a / b;
  return Number.isFinite(v) ? v : null;
}

/**
 * `frame` with the derived feature columns (type float) appended, computed row by row; a column of
 * the same name already in the frame is replaced, so applying twice gives the same frame. The
 * source columns are shared, not copied.
 * @throws UserError COLUMN_NOT_FOUND {column, columns} when a source column is absent.
 */
export function applyDerived(frame: Frame, derived: DerivedFeature[]): Frame {
  if (derived.length === 0) return frame;
  const names = new Set(derived.map((d) => d.name));
  const kept = frame.columns.filter((c) => !names.has(c.name));
  const byName = new Map(kept.map((c) => [c.name, c]));
  const added: FrameColumn[] = derived.map((d) => {
    const sources = (d.kind === 'cross' ? [d.a, d.b] : [d.column]).map((name) => {
      const col = byName.get(name);
      if (!col) throw new UserError('COLUMN_NOT_FOUND', { column: name, columns: kept.map((c) => c.name).join(', ') });
      return col;
    });
    const values: Cell[] = new Array<Cell>(frame.rowCount);
    for (let r = 0; r < frame.rowCount; r++) values[r] = derivedValue(d, sources, r);
    return { name: d.name, type: d.kind === 'date_part' ? 'integer' : 'float', values };
  });
  return { rowCount: frame.rowCount, columns: [...kept, ...added] };
}

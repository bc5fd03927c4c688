/**
 * What kind of model a target column asks for (SPEC §5) and which labels it has. Refuses a target
 * that cannot be learned (one class, no values) before anything is fitted.
 */
import { UserError } from '../../shared/errors';
import type { Cell } from '../../shared/model/data';
import type { TaskType } from '../../shared/model/train';
import type { FrameColumn } from '../data/frame';
import { isNumericType } from '../data/frame';

/** Most distinct integer values a numeric target may have and still be read as classes. */
export const MAX_NUMERIC_CLASSES = 10;

/** The class label of a target cell: numbers in shortest form (`1.0` → "1"), booleans "true"/"false", null when missing. */
export function targetLabel(cell: Cell | undefined): string | null {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : null;
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  return cell === '' ? null : cell;
}

/** The numeric value of a target cell for regression, null when missing or not a number. */
export function targetNumber(cell: Cell | undefined): number | null {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  if (typeof cell === 'string' && cell.trim() !== '') {
    const v = Number(cell);
    return Number.isFinite(v) ? v : null;
  }
  return null;
}

function labelCounts(target: FrameColumn): Map<string, number> {
  const counts = new Map<string, number>();
  for (const cell of target.values) {
    const label = targetLabel(cell);
    if (label !== null) counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return counts;
}

/**
 * Binary, multiclass or regression from the target's type and values: a numeric column whose values
 * are all integers with at most {@link MAX_NUMERIC_CLASSES} distinct values is classification, any
 * other numeric column regression; boolean, text and categorical columns are classification —
 * binary with at most two distinct values, multiclass otherwise.
 * @throws UserError TARGET_ALL_MISSING {column} when the column has no values.
 */
export function detectTask(target: FrameColumn): TaskType {
  const counts = labelCounts(target);
  if (counts.size === 0) throw new UserError('TARGET_ALL_MISSING', { column: target.name });
  if (isNumericType(target.type)) {
    const values = target.values.map(targetNumber).filter((v): v is number => v !== null);
    const distinct = new Set(values);
    const integral = values.every((v) => Number.isInteger(v));
    if (!integral || distinct.size > MAX_NUMERIC_CLASSES) return 'regression';
    return distinct.size <= 2 ? 'binary' : 'multiclass';
  }
  return counts.size <= 2 ? 'binary' : 'multiclass';
}

function compareLabels(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (a.trim() !== '' && b.trim() !== '' && Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The class labels in model output order and the positive class. Binary: `[negative, positive]`,
 * the positive class being `positiveClass` when given, else the first of `positiveCandidates` that
 * matches a label case-insensitively, else the minority class (on a tie, the label that sorts
 * last: "1" over "0", "yes" over "no"). Multiclass: labels sorted (numerically when all are
 * numbers). Regression: no classes.
 * @throws UserError TARGET_ALL_MISSING {column}; TARGET_SINGLE_CLASS {column, value, count} when
 *   only one distinct value is present (for any task); TARGET_NOT_NUMERIC {column} for regression
 *   on a non-numeric column; SETTING_INVALID {setting, value, …} for a binary task with more than
 *   two classes or a positive class that is not a label.
 */
export function resolveClasses(
  target: FrameColumn,
  task: TaskType,
  positiveCandidates: string[] = [],
  positiveClass?: string,
): { classes: string[]; positiveClass: string | null } {
  const counts = labelCounts(target);
  if (counts.size === 0) throw new UserError('TARGET_ALL_MISSING', { column: target.name });
  if (counts.size === 1) {
    const [value, count] = [...counts.entries()][0]!;
    throw new UserError('TARGET_SINGLE_CLASS', { column: target.name, value, count });
  }
  if (task === 'regression') {
    const numeric = target.values.every((c) => c === null || targetNumber(c) !== null);
    if (!numeric || target.type === 'boolean') throw new UserError('TARGET_NOT_NUMERIC', { column: target.name });
    return { classes: [], positiveClass: null };
  }
  const labels = [...counts.keys()].sort(compareLabels);
  if (task === 'multiclass') return { classes: labels, positiveClass: null };
  if (labels.length !== 2) {
    throw new UserError('SETTING_INVALID', {
      setting: 'task',
      value: 'binary',
      reason: `binary needs 2 classes, "${target.name}" has ${labels.length}`,
    });
  }
  const find = (wanted: string) => labels.find((l) => l.toLowerCase() === wanted.trim().toLowerCase());
  let positive: string | undefined;
  if (positiveClass !== undefined) {
    positive = labels.find((l) => l === positiveClass) ?? find(positiveClass);
    if (positive === undefined) {
      throw new UserError('SETTING_INVALID', {
        setting: 'positiveClass',
        value: positiveClass,
        reason: `classes of "${target.name}": ${labels.join(', ')}`,
      });
    }
  }
  for (const candidate of positiveCandidates) {
    if (positive !== undefined) break;
    positive = find(candidate);
  }
  if (positive === undefined) {
    const [a, b] = labels as [string, string];
    positive = counts.get(a)! < counts.get(b)! ? a : b;
  }
  const negative = labels.find((l) => l !== positive)!;
  return { classes: [negative, positive], positiveClass: positive };
}

/**
 * Fairness of a trained model on its test rows, for every chosen sensitive attribute: numeric
 * attributes with many values are binned (template bands, else <25, 25–44, 45–64, 65+), the
 * favourable outcome and tolerances come from the template (SPEC §4, §7). Binary, multiclass and
 * regression models each get their own per-group metrics (`src/engine/fairness`).
 */
import type { FairnessAttributeReport } from '../../shared/model/fairness';
import type { Template } from '../../shared/model/template';
import type { TaskType } from '../../shared/model/train';
import { getColumn, isNumericType, type Frame } from '../data/frame';
import { assessFairness, assessMulticlassFairness, assessRegressionFairness, binNumeric } from '../fairness';
import { argmaxRows } from '../metrics/multiclass';
import type { SensitiveUse } from './prepare';

/** Numeric attributes with more distinct values than this are binned. */
const MAX_UNBINNED_VALUES = 10;

/** Group label per test row of one attribute, binned when numeric with many values. */
function groupsOf(
  s: SensitiveUse,
  testFrame: Frame,
  testRows: readonly number[],
): { groups: (string | null)[]; bins: number[] | null; order?: string[] } {
  const column = getColumn(testFrame, s.column);
  const values = testRows.map((r) => column.values[r] ?? null);
  const distinct = new Set(values.filter((v) => v !== null)).size;
  if (isNumericType(column.type) && distinct > MAX_UNBINNED_VALUES) {
    const binned = binNumeric(values as (number | null)[], s.bins ?? undefined);
    return { groups: binned.labels, bins: binned.edges, order: binned.order };
  }
  return { groups: values.map((v) => (v === null ? null : String(v))), bins: null };
}

/**
 * One report per attribute.
 * @param testFrame the frame the test rows index into.
 * @param yTest per test row: binary 1 = positive class; multiclass the class index into `classes`;
 *   regression the true value in the target's units (not standardized).
 * @param scores binary P(positive) per row; multiclass rows × K probabilities, row-major (the
 *   prediction is the arg-max); regression the predicted value.
 * @param favourableClass multiclass only: the class whose prediction is favourable, or null.
 * @throws UserError SETTING_INVALID when `favourableClass` is not a class, or bins are invalid.
 */
export function fairnessOnTest(opts: {
  template: Template;
  task: TaskType;
  sensitive: readonly SensitiveUse[];
  testFrame: Frame;
  testRows: readonly number[];
  yTest: ArrayLike<number>;
  scores: ArrayLike<number>;
  threshold: number;
  classes: readonly string[];
  favourableClass?: string | null;
}): FairnessAttributeReport[] {
  const tolerance = {
    difference: opts.template.fairness.differenceTolerance,
    ratio: opts.template.fairness.ratioTolerance,
    minGroupSize: opts.template.fairness.minGroupSize,
  };
  const common = (s: SensitiveUse) => {
    const { groups, bins, order } = groupsOf(s, opts.testFrame, opts.testRows);
    return { attribute: s.column, groups, bins, groupOrder: order, usedAsFeature: s.usedAsFeature, tolerance };
  };
  if (opts.task === 'regression') {
    return opts.sensitive.map((s) => assessRegressionFairness({ ...common(s), yTrue: opts.yTest, yPred: opts.scores }));
  }
  if (opts.task === 'multiclass') {
    const yTrue = Array.from(opts.yTest, (v) => Math.round(v));
    const yPred = argmaxRows(opts.scores, opts.classes.length);
    return opts.sensitive.map((s) =>
      assessMulticlassFairness({
        ...common(s),
        classes: opts.classes,
        yTrue,
        yPred,
        favourableClass: opts.favourableClass ?? null,
      }),
    );
  }
  const yTrue = Array.from(opts.yTest, (v) => (v >= 0.5 ? 1 : 0));
  const yPred = Array.from(opts.scores, (p) => (p >= opts.threshold ? 1 : 0));
  const favourablePositive = opts.template.favourableOutcome === 'predicted_positive';
  return opts.sensitive.map((s) =>
    assessFairness({
      ...common(s),
      yTrue,
      yPred,
      scores: opts.scores,
      favourableOutcome: opts.template.favourableOutcome,
      favourableLabel: favourablePositive ? opts.classes[1]! : opts.classes[0]!,
    }),
  );
}

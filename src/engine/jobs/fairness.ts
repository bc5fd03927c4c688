/**
 * Fairness of a trained binary model on its test rows, for every chosen sensitive attribute:
 * numeric attributes with many values are binned (template bands, else <25, 25–44, 45–64, 65+),
 * the favourable outcome and tolerances come from the template (SPEC §4, §7).
 */
import type { FairnessAttributeReport } from '../../shared/model/fairness';
import type { Template } from '../../shared/model/template';
import { getColumn, isNumericType, type Frame } from '../data/frame';
import { assessFairness, binNumeric } from '../fairness';
import type { SensitiveUse } from './prepare';

/** Numeric attributes with more distinct values than this are binned. */
const MAX_UNBINNED_VALUES = 10;

/**
 * One report per attribute.
 * @param testFrame the frame the test rows index into.
 * @param yTest true class per test row, 1 = positive class; `scores` P(positive) per test row.
 */
export function fairnessOnTest(opts: {
  template: Template;
  sensitive: readonly SensitiveUse[];
  testFrame: Frame;
  testRows: readonly number[];
  yTest: ArrayLike<number>;
  scores: ArrayLike<number>;
  threshold: number;
  classes: readonly string[];
}): FairnessAttributeReport[] {
  const yTrue = Array.from(opts.yTest, (v) => (v >= 0.5 ? 1 : 0));
  const yPred = Array.from(opts.scores, (p) => (p >= opts.threshold ? 1 : 0));
  const favourablePositive = opts.template.favourableOutcome === 'predicted_positive';
  return opts.sensitive.map((s) => {
    const column = getColumn(opts.testFrame, s.column);
    const values = opts.testRows.map((r) => column.values[r] ?? null);
    let groups: (string | null)[];
    let bins: number[] | null = null;
    let order: string[] | undefined;
    const distinct = new Set(values.filter((v) => v !== null)).size;
    if (isNumericType(column.type) && distinct > MAX_UNBINNED_VALUES) {
      const binned = binNumeric(values as (number | null)[], s.bins ?? undefined);
      groups = binned.labels;
      bins = binned.edges;
      order = binned.order;
    } else {
      groups = values.map((v) => (v === null ? null : String(v)));
    }
    return assessFairness({
      attribute: s.column,
      groups,
      yTrue,
      yPred,
      scores: opts.scores,
      favourableOutcome: opts.template.favourableOutcome,
      favourableLabel: favourablePositive ? opts.classes[1]! : opts.classes[0]!,
      usedAsFeature: s.usedAsFeature,
      bins,
      groupOrder: order,
      tolerance: {
        difference: opts.template.fairness.differenceTolerance,
        ratio: opts.template.fairness.ratioTolerance,
        minGroupSize: opts.template.fairness.minGroupSize,
      },
    });
  });
}

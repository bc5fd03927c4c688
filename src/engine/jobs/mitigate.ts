/**
 * Bias mitigation of a trained binary model (SPEC §7), as the project host runs it: per-group
 * thresholds chosen on the validation split (post-processing, no retraining) and reweighing
 * (Kamiran & Calders 2012, pre-processing: the training host retrains with the weights of
 * {@link reweighingTrainWeights}). Both end in the same comparison: the attribute's assessment on
 * the test split before and after, and the whole test split's accuracy, balanced accuracy, ROC
 * AUC and selection rate — the cost of mitigation.
 */
import { UserError } from '../../shared/errors';
import type {
  FairnessAttributeReport,
  FairnessMitigation,
  MitigationConstraint,
  MitigationOverall,
} from '../../shared/model/fairness';
import type { Template } from '../../shared/model/template';
import type { Frame } from '../data/frame';
import { applyGroupThresholds, reweighingWeights, validatedGroupThresholds } from '../fairness';
import { confusionAt, confusionMetrics, rocAuc } from '../metrics/binary';
import { attributeGroups, fairnessOnTest, type AttributeUse } from './fairness';

/** A binary model's predictions, as the project keeps them (`test-predictions.json`). */
export interface ModelPredictions {
  /** Rows of the frame, in prediction order. */
  testRows: readonly number[];
  /** 1 = the model's positive class. */
  yTest: ArrayLike<number>;
  /** P(positive) per test row. */
  predictions: ArrayLike<number>;
  /** The validation split, kept since per-group thresholds are chosen on it; absent in older projects. */
  validationRows?: readonly number[];
  yValidation?: ArrayLike<number>;
  validationPredictions?: ArrayLike<number>;
}

/** A model's decisions on the test rows: its scores, its threshold and, when per-group, the decisions. */
export interface ModelDecisions {
  predictions: ArrayLike<number>;
  threshold: number;
  /** 1 = positive class; default scores ≥ threshold. */
  yPred?: ArrayLike<number>;
}

const mitigationColumns = (use: AttributeUse): string[] =>
  Array.isArray(use) ? [use[0]!.column, use[1]!.column] : [(use as { column: string }).column];

/**
 * Refuse mitigation where SPEC §7 and the cases say so, from the attribute's assessment of the
 * original model: only binary models (selection rates, TPRs and thresholds are of two classes),
 * and only attributes whose groups can be compared (case C20: one group, nothing to reduce).
 * @throws UserError MITIGATION_REFUSED, key `fairness.mitigation.binaryOnly` ({attribute}),
 *   `fairness.mitigation.oneGroup` ({attribute, group, n}) or `fairness.mitigation.notComparable`
 *   ({attribute, reason: the assessment's reason as a `{key}`}).
 */
export function assertMitigable(report: FairnessAttributeReport): void {
  const attribute = report.attribute;
  if ((report.task ?? 'binary') !== 'binary')
    throw new UserError('MITIGATION_REFUSED', { attribute }, 'fairness.mitigation.binaryOnly');
  if (report.comparisonPossible) return;
  if (report.notComparableReason === 'fairness.oneGroup') {
    const g = report.groups[0]!;
    throw new UserError('MITIGATION_REFUSED', { attribute, group: g.group, n: g.n }, 'fairness.mitigation.oneGroup');
  }
  throw new UserError(
    'MITIGATION_REFUSED',
    { attribute, reason: `{${report.notComparableReason ?? 'fairness.noGroups'}}` },
    'fairness.mitigation.notComparable',
  );
}

/**
 * Whole-test-split numbers of one model's decisions: accuracy and balanced accuracy (sklearn
 * `accuracy_score`, `balanced_accuracy_score`), ROC AUC of the scores, and the share given the
 * favourable outcome.
 * @param yTrue 1 = positive class; yPred likewise; scores P(positive).
 */
export function overallNumbers(
  yTrue: ArrayLike<number>,
  scores: ArrayLike<number>,
  yPred: ArrayLike<number>,
  threshold: number,
  favourableOutcome: Template['favourableOutcome'],
): MitigationOverall {
  const m = confusionMetrics(confusionAt(yTrue, yPred, 0.5));
  let positive = 0;
  for (let i = 0; i < yPred.length; i++) positive += yPred[i] === 1 ? 1 : 0;
  const n = yPred.length;
  const share = n ? positive / n : null;
  return {
    accuracy: m.accuracy,
    balancedAccuracy: m.balancedAccuracy,
    rocAuc: rocAuc(yTrue, scores),
    selectionRate: share === null ? null : favourableOutcome === 'predicted_positive' ? share : 1 - share,
    threshold,
  };
}

interface CompareInput {
  template: Template;
  use: AttributeUse;
  frame: Frame;
  testRows: readonly number[];
  /** 1 = positive class, per test row. */
  yTest: ArrayLike<number>;
  classes: readonly string[];
  before: ModelDecisions;
  after: ModelDecisions;
}

/** The attribute's assessment of one model's decisions on the test rows. */
function assessOne(input: CompareInput, d: ModelDecisions): FairnessAttributeReport {
  const single = !Array.isArray(input.use);
  return fairnessOnTest({
    template: input.template,
    task: 'binary',
    sensitive: single ? [input.use as Exclude<AttributeUse, readonly unknown[]>] : [],
    intersections: single ? [] : [input.use as Extract<AttributeUse, readonly unknown[]>],
    testFrame: input.frame,
    testRows: input.testRows,
    yTest: input.yTest,
    scores: d.predictions,
    threshold: d.threshold,
    yPred: d.yPred,
    classes: input.classes,
  })[0]!;
}

function decisions(d: ModelDecisions): ArrayLike<number> {
  return d.yPred ?? Array.from(d.predictions, (p) => (p >= d.threshold ? 1 : 0));
}

/** The before/after part of a {@link FairnessMitigation}. */
function compare(
  input: CompareInput,
): Pick<FairnessMitigation, 'before' | 'after' | 'overallBefore' | 'overallAfter' | 'accuracyCost'> {
  const y = Array.from(input.yTest, (v) => (v >= 0.5 ? 1 : 0));
  const fav = input.template.favourableOutcome;
  const overallBefore = overallNumbers(
    y,
    input.before.predictions,
    decisions(input.before),
    input.before.threshold,
    fav,
  );
  const overallAfter = overallNumbers(y, input.after.predictions, decisions(input.after), input.after.threshold, fav);
  return {
    before: assessOne(input, input.before),
    after: assessOne(input, input.after),
    overallBefore,
    overallAfter,
    accuracyCost:
      overallBefore.accuracy === null || overallAfter.accuracy === null
        ? null
        : overallBefore.accuracy - overallAfter.accuracy,
  };
}

/**
 * The attribute's assessment of the model in use on its test rows, refused as
 * {@link assertMitigable} says.
 * @throws UserError MITIGATION_REFUSED.
 */
export function assertMitigableOn(opts: {
  template: Template;
  use: AttributeUse;
  frame: Frame;
  stored: ModelPredictions;
  threshold: number;
  classes: readonly string[];
}): FairnessAttributeReport {
  const original: ModelDecisions = { predictions: opts.stored.predictions, threshold: opts.threshold };
  const before = assessOne(
    {
      template: opts.template,
      use: opts.use,
      frame: opts.frame,
      testRows: opts.stored.testRows,
      yTest: opts.stored.yTest,
      classes: opts.classes,
      before: original,
      after: original,
    },
    original,
  );
  assertMitigable(before);
  return before;
}

/**
 * The test decisions (1 = positive class) of a model with the per-group thresholds of an applied
 * `group_thresholds` mitigation, grouping the rows exactly as {@link thresholdMitigation} did.
 */
export function mitigatedDecisions(
  mitigation: FairnessMitigation,
  use: AttributeUse,
  frame: Frame,
  stored: ModelPredictions,
  threshold: number,
): Uint8Array {
  const nVal = stored.validationRows?.length ?? 0;
  const { groups } = attributeGroups(use, frame, [...(stored.validationRows ?? []), ...stored.testRows]);
  const thresholds = Object.fromEntries((mitigation.thresholds ?? []).map((t) => [t.group, t.threshold]));
  return applyGroupThresholds(groups.slice(nVal), stored.predictions, thresholds, threshold);
}

/**
 * Per-group thresholds (SPEC §7 post-processing) for one attribute of a binary model: refused as
 * {@link assertMitigable} says, chosen on the validation split with `validatedGroupThresholds`
 * (groups smaller than the template's minimum group size there keep the model's threshold), applied
 * to the test split, and compared with the model's single threshold.
 * @param frame the frame both the validation and the test rows index into.
 * @throws UserError MITIGATION_REFUSED (see {@link assertMitigable}; `fairness.mitigation.noValidation`
 *   when the project kept no validation predictions — a model trained before they were kept).
 */
export function thresholdMitigation(opts: {
  template: Template;
  use: AttributeUse;
  constraint: MitigationConstraint;
  frame: Frame;
  stored: ModelPredictions;
  threshold: number;
  classes: readonly string[];
  now?: Date;
}): FairnessMitigation {
  const { stored, threshold } = opts;
  const original: ModelDecisions = { predictions: stored.predictions, threshold };
  const base: CompareInput = {
    template: opts.template,
    use: opts.use,
    frame: opts.frame,
    testRows: stored.testRows,
    yTest: stored.yTest,
    classes: opts.classes,
    before: original,
    after: original,
  };
  const before = assertMitigableOn(opts);
  if (!stored.validationRows || !stored.yValidation || !stored.validationPredictions)
    throw new UserError('MITIGATION_REFUSED', { attribute: before.attribute }, 'fairness.mitigation.noValidation');
  // One grouping over both splits, so a numeric column is binned the same way in each.
  const nVal = stored.validationRows.length;
  const { groups } = attributeGroups(opts.use, opts.frame, [...stored.validationRows, ...stored.testRows]);
  const fit = validatedGroupThresholds({
    attribute: before.attribute,
    validation: {
      groups: groups.slice(0, nVal),
      scores: stored.validationPredictions,
      yTrue: Array.from(stored.yValidation, (v) => (v >= 0.5 ? 1 : 0)),
    },
    test: { groups: groups.slice(nVal), scores: stored.predictions },
    constraint: opts.constraint,
    baseThreshold: threshold,
    favourableOutcome: opts.template.favourableOutcome,
    minGroupSize: opts.template.fairness.minGroupSize,
  });
  return {
    method: 'group_thresholds',
    attribute: before.attribute,
    columns: mitigationColumns(opts.use),
    constraint: opts.constraint,
    target: fit.target,
    thresholds: fit.thresholds,
    ...compare({ ...base, after: { predictions: stored.predictions, threshold, yPred: fit.yPred } }),
    runId: null,
    status: 'proposed',
    createdAt: (opts.now ?? new Date()).toISOString(),
  };
}

/**
 * The comparison of a model retrained with reweighing (`after`, its own test predictions and
 * threshold) with the original (`before`) on the same test rows.
 * @throws Error when the two models were not tested on the same rows (they share split and seed).
 */
export function reweighingMitigation(opts: {
  template: Template;
  use: AttributeUse;
  frame: Frame;
  before: ModelPredictions & { threshold: number };
  after: ModelPredictions & { threshold: number };
  classes: readonly string[];
  runId: string;
  now?: Date;
}): FairnessMitigation {
  const { before, after } = opts;
  if (before.testRows.length !== after.testRows.length || before.testRows.some((r, i) => r !== after.testRows[i]))
    throw new Error('reweighingMitigation: the retrained model was tested on other rows');
  const cmp = compare({
    template: opts.template,
    use: opts.use,
    frame: opts.frame,
    testRows: before.testRows,
    yTest: before.yTest,
    classes: opts.classes,
    before: { predictions: before.predictions, threshold: before.threshold },
    after: { predictions: after.predictions, threshold: after.threshold },
  });
  return {
    method: 'reweighing',
    attribute: cmp.before.attribute,
    columns: mitigationColumns(opts.use),
    constraint: null,
    target: null,
    thresholds: null,
    ...cmp,
    runId: opts.runId,
    status: 'proposed',
    createdAt: (opts.now ?? new Date()).toISOString(),
  };
}

/**
 * Kamiran–Calders reweighing weights of the training rows (REFERENCE.md §2.1): w(a, y) = n_a·n_y /
 * (n·n_{a,y}) over the training rows only, as AIF360's `Reweighing` is fitted on the training set.
 * Groups come from `use` on all rows of `frame` (so bins match the assessment); rows with a missing
 * group keep weight 1.
 * @param trainRows rows of `frame` in training order; yTrain their class index (1 = positive).
 * @returns one weight per training row, in that order.
 * @throws UserError MITIGATION_REFUSED when the training rows have fewer than two groups.
 */
export function reweighingTrainWeights(
  use: AttributeUse,
  frame: Frame,
  trainRows: readonly number[],
  yTrain: ArrayLike<number>,
): Float32Array {
  const all = Array.from({ length: frame.rowCount }, (_, i) => i);
  const { groups, attribute } = attributeGroups(use, frame, all);
  return Float32Array.from(
    reweighingWeights(
      trainRows.map((r) => groups[r] ?? null),
      yTrain,
      { attribute },
    ),
  );
}

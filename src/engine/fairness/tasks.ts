/**
 * Group fairness of multiclass and regression models on the test split (SPEC §7), as Fairlearn's
 * `MetricFrame` computes it for any metric: the metric per group, then the "between_groups"
 * difference max_g − min_g (`MetricFrame.difference()`) over the judged groups.
 *
 * - Multiclass: per group n, accuracy (sklearn `accuracy_score`) and the share predicted as each
 *   class; with a favourable class, its one-vs-rest base rate P(Y = c | A = g) and selection rate
 *   P(Ŷ = c | A = g) (Fairlearn `selection_rate(y == c, ŷ == c)`), whose difference and ratio are the
 *   demographic parity difference and ratio. Accuracy difference and mean per-group accuracy as for
 *   binary models.
 * - Regression: per group n, mean true value, mean prediction, MAE and RMSE (sklearn
 *   `mean_absolute_error`, `mean_squared_error(squared=False)`), and their max − min differences.
 *
 * Rates that only exist for two classes (TPR, FPR, precision, ROC AUC) are null with reason
 * `not_for_task`. Small groups are shown, flagged and left out of the summary as for binary models.
 * Checked against scikit-learn in tests/fixtures/fairness/tasks.json.
 */
import { UserError } from '../../shared/errors';
import type {
  FairnessAttributeReport,
  FairnessSummary,
  FairnessVerdict,
  GroupMetrics,
  UndefinedReason,
} from '../../shared/model/fairness';
import { ratio } from '../metrics/binary';
import {
  fourFifthsFlags,
  indexGroups,
  notComparableReason,
  spread,
  stratifiedBootstrap,
  summaryNumbers,
} from './assess';

/** Differences within this of the tolerance count as within it (float noise), as for binary models. */
const TOLERANCE_SLACK = 1e-12;

interface TaskInputBase {
  attribute: string;
  /** Group label per test row (numeric attributes already binned); null = missing. */
  groups: (string | null)[];
  usedAsFeature: boolean;
  /** Bin edges used for a numeric attribute, or null. */
  bins: number[] | null;
  tolerance: { difference: number; ratio: number; minGroupSize: number };
  /** Non-negative weight per row; every mean becomes a weighted mean (sklearn `sample_weight`). */
  sampleWeights?: ArrayLike<number>;
  /** Order of the groups in the report (e.g. bin order); others follow, sorted. */
  groupOrder?: string[];
  /** Bootstrap percentile intervals of the summary; null to skip. Default 200 replicates, seed 1. */
  bootstrap?: { replicates: number; seed: number } | null;
}

export interface MulticlassFairnessInput extends TaskInputBase {
  /** Class labels; `yTrue` and `yPred` are indices into it. At least two. */
  classes: readonly string[];
  /** True class index per row. */
  yTrue: ArrayLike<number>;
  /** Predicted class index per row (the arg-max of the probabilities, see `argmaxRows`). */
  yPred: ArrayLike<number>;
  /** The class whose prediction is favourable for the person, or null when none is. */
  favourableClass: string | null;
}

export interface RegressionFairnessInput extends TaskInputBase {
  /** True value per row, in the target's units. */
  yTrue: ArrayLike<number>;
  /** Predicted value per row, in the target's units. */
  yPred: ArrayLike<number>;
}

/** The binary-only rates, null with the reason that they do not exist for this task. */
const BINARY_ONLY = ['tpr', 'fpr', 'precision', 'rocAuc'] as const;

function validateCommon(name: string, input: TaskInputBase & { yTrue: ArrayLike<number>; yPred: ArrayLike<number> }) {
  const n = input.groups.length;
  for (const [what, a] of [
    ['yTrue', input.yTrue],
    ['yPred', input.yPred],
    ['sampleWeights', input.sampleWeights],
  ] as const) {
    if (a && a.length !== n) throw new Error(`${name}: ${what} has ${a.length} rows, groups has ${n}`);
  }
  if (input.sampleWeights) {
    for (let i = 0; i < n; i++) {
      const w = input.sampleWeights[i]!;
      if (!(w >= 0 && Number.isFinite(w))) throw new Error(`${name}: row ${i + 1}: bad weight ${w}`);
    }
  }
}

const weightOf = (weights: ArrayLike<number> | undefined, i: number) => (weights ? weights[i]! : 1);

interface MulticlassStats {
  w: number;
  accuracy: number | null;
  predictionRates: (number | null)[];
  baseRate: number | null;
  selectionRate: number | null;
}

function multiclassStats(
  rows: ArrayLike<number>,
  input: MulticlassFairnessInput,
  favourable: number | null,
): MulticlassStats {
  const k = input.classes.length;
  const predicted = new Float64Array(k);
  let w = 0;
  let right = 0;
  let trulyFavourable = 0;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    const wi = weightOf(input.sampleWeights, i);
    const y = input.yTrue[i]!;
    const p = input.yPred[i]!;
    w += wi;
    predicted[p]! += wi;
    if (p === y) right += wi;
    if (y === favourable) trulyFavourable += wi;
  }
  return {
    w,
    accuracy: ratio(right, w),
    predictionRates: Array.from(predicted, (v) => ratio(v, w)),
    baseRate: favourable === null ? null : ratio(trulyFavourable, w),
    selectionRate: favourable === null ? null : ratio(predicted[favourable]!, w),
  };
}

interface RegressionStats {
  w: number;
  meanActual: number | null;
  meanPrediction: number | null;
  mae: number | null;
  rmse: number | null;
}

function regressionStats(rows: ArrayLike<number>, input: RegressionFairnessInput): RegressionStats {
  let w = 0;
  let actual = 0;
  let predicted = 0;
  let absolute = 0;
  let squared = 0;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    const wi = weightOf(input.sampleWeights, i);
    const y = input.yTrue[i]!;
    const p = input.yPred[i]!;
    w += wi;
    actual += wi * y;
    predicted += wi * p;
    absolute += wi * Math.abs(y - p);
    squared += wi * (y - p) ** 2;
  }
  const mse = ratio(squared, w);
  return {
    w,
    meanActual: ratio(actual, w),
    meanPrediction: ratio(predicted, w),
    mae: ratio(absolute, w),
    rmse: mse === null ? null : Math.sqrt(mse),
  };
}

/**
 * A group's row of the table: the binary-only rates are null with reason `not_for_task`, the
 * `unavailable` ones with theirs; with zero total weight every null value is `empty`.
 */
function groupRow(
  group: string,
  n: number,
  totalRows: number,
  minGroupSize: number,
  w: number,
  values: Partial<GroupMetrics>,
  unavailable: Record<string, UndefinedReason>,
): GroupMetrics {
  const reasons: Record<string, UndefinedReason> = {};
  for (const k of BINARY_ONLY) reasons[k] = 'not_for_task';
  const base: GroupMetrics = {
    group,
    n,
    share: totalRows > 0 ? n / totalRows : 0,
    baseRate: null,
    selectionRate: null,
    accuracy: null,
    tpr: null,
    fpr: null,
    precision: null,
    rocAuc: null,
    undefinedReasons: reasons,
    small: n < minGroupSize,
    ...values,
  };
  if (w <= 0) {
    for (const [k, v] of Object.entries(base)) if (v === null && !(k in reasons)) reasons[k] = 'empty';
  } else Object.assign(reasons, unavailable);
  return base;
}

/** Groups, rows and the overall row shared by both tasks. */
function prepareGroups(input: TaskInputBase) {
  const { labels, rows, missing } = indexGroups(input.groups, input.groupOrder);
  const known: number[] = [];
  input.groups.forEach((g, i) => g !== null && known.push(i));
  return { labels, rows, missing, known, totalRows: input.groups.length - missing };
}

function reportBase(input: TaskInputBase, groups: GroupMetrics[], overall: GroupMetrics, missing: number) {
  return {
    attribute: input.attribute,
    bins: input.bins,
    usedAsFeature: input.usedAsFeature,
    groups,
    overall,
    missingGroupRows: missing,
    tolerance: { ...input.tolerance },
  };
}

function excludedSmall(groups: GroupMetrics[]): FairnessSummary['excludedGroups'] {
  return groups.filter((g) => g.small).map((g) => ({ group: g.group, reason: 'fairness.excluded.small' }));
}

const bootstrapOf = (input: TaskInputBase) =>
  input.bootstrap === undefined ? { replicates: 200, seed: 1 } : input.bootstrap;

/**
 * Per-group and summary fairness metrics of a multiclass model for one sensitive attribute (see
 * the file comment for the definitions). Verdict: with a favourable class, `outside_tolerance` when
 * the demographic parity difference of its selection rate exceeds `tolerance.difference` or the
 * ratio is below `tolerance.ratio`; without one, `not_judged` (reason
 * `fairness.notJudged.noFavourableClass`): the template's tolerances are for the rate of a
 * favourable outcome. Fewer than two (large) groups: `not_comparable`, as for binary models.
 * @throws UserError SETTING_INVALID (`fairness.favourableClassUnknown`) when the favourable class is
 *   not one of `classes`; Error when arrays differ in length, a class index is out of range or a
 *   weight is negative (these come from the engine, not from the user).
 */
export function assessMulticlassFairness(input: MulticlassFairnessInput): FairnessAttributeReport {
  validateCommon('assessMulticlassFairness', input);
  const k = input.classes.length;
  for (let i = 0; i < input.groups.length; i++) {
    for (const y of [input.yTrue[i]!, input.yPred[i]!]) {
      if (!Number.isInteger(y) || y < 0 || y >= k)
        throw new Error(`assessMulticlassFairness: row ${i + 1}: class index ${y} is not in 0…${k - 1}`);
    }
  }
  let favourable: number | null = null;
  if (input.favourableClass !== null) {
    favourable = input.classes.indexOf(input.favourableClass);
    if (favourable < 0)
      throw new UserError(
        'SETTING_INVALID',
        { setting: 'favourableClass', value: input.favourableClass, classes: input.classes.join(', ') },
        'fairness.favourableClassUnknown',
      );
  }
  const { minGroupSize } = input.tolerance;
  const { labels, rows, missing, known, totalRows } = prepareGroups(input);
  const row = (group: string, idx: ArrayLike<number>, min: number) => {
    const s = multiclassStats(idx, input, favourable);
    return groupRow(
      group,
      idx.length,
      totalRows,
      min,
      s.w,
      {
        accuracy: s.accuracy,
        baseRate: s.baseRate,
        selectionRate: s.selectionRate,
        predictionRates: s.predictionRates,
      },
      favourable === null ? { baseRate: 'no_favourable_class', selectionRate: 'no_favourable_class' } : {},
    );
  };
  const groups = labels.map((g) => row(g, rows.get(g)!, minGroupSize));
  const base = {
    ...reportBase(input, groups, row('*', known, 0), missing),
    favourableOutcome: 'predicted_positive' as const,
    favourableLabel: input.favourableClass ?? '',
    task: 'multiclass' as const,
    classes: [...input.classes],
  };
  const notComparable = notComparableReason(groups);
  if (notComparable)
    return {
      ...base,
      comparisonPossible: false,
      notComparableReason: notComparable,
      summary: null,
      verdict: 'not_comparable',
    };

  const large = groups.filter((g) => !g.small);
  const summarize = (
    stats: {
      group: string;
      accuracy: number | null;
      selectionRate: number | null;
      predictionRates: (number | null)[];
    }[],
  ) => {
    const numbers = summaryNumbers(stats.map((s) => ({ ...s, tpr: null, fpr: null })));
    const perClass = input.classes.map((_, c) => spread(stats.map((s) => s.predictionRates[c] ?? null)));
    return { numbers, perClass };
  };
  const { numbers, perClass } = summarize(
    large.map((g) => ({
      group: g.group,
      accuracy: g.accuracy,
      selectionRate: g.selectionRate,
      predictionRates: g.predictionRates ?? [],
    })),
  );
  const fields = [
    ...(favourable === null ? [] : (['demographicParityDifference', 'demographicParityRatio'] as const)),
    'accuracyDifference' as const,
  ];
  const classKeys = input.classes.map((c) => `predictionRateDifferences.${c}`);
  const bootstrap = bootstrapOf(input);
  const intervals =
    bootstrap && bootstrap.replicates > 0
      ? stratifiedBootstrap(
          large.map((g) => rows.get(g.group)!),
          [...fields, ...classKeys],
          bootstrap,
          (resampled) => {
            const r = summarize(
              resampled.map((idx, j) => ({ group: large[j]!.group, ...multiclassStats(idx, input, favourable) })),
            );
            const out: Record<string, number | null> = {};
            for (const f of fields) out[f] = r.numbers[f];
            classKeys.forEach((key, c) => (out[key] = r.perClass[c]!));
            return out;
          },
        )
      : null;
  const summary: FairnessSummary = {
    ...numbers,
    predictionRateDifferences: perClass,
    fourFifthsFlagged: favourable === null ? [] : fourFifthsFlags(large),
    excludedGroups: excludedSmall(groups),
    ...(intervals ? { intervals: intervals as Record<string, { low: number; high: number }> } : {}),
  };
  const tol = input.tolerance;
  let verdict: FairnessVerdict = 'not_judged';
  if (favourable !== null) {
    const outside =
      (numbers.demographicParityDifference ?? 0) > tol.difference + TOLERANCE_SLACK ||
      (numbers.demographicParityRatio ?? 1) < tol.ratio - TOLERANCE_SLACK;
    verdict = outside ? 'outside_tolerance' : 'within_tolerance';
  }
  return {
    ...base,
    comparisonPossible: true,
    notComparableReason: null,
    summary,
    verdict,
    notJudgedReason: verdict === 'not_judged' ? 'fairness.notJudged.noFavourableClass' : null,
  };
}

const REGRESSION_FIELDS = [
  'meanActualDifference',
  'meanPredictionDifference',
  'maeDifference',
  'rmseDifference',
] as const;

function regressionSummary(stats: Omit<RegressionStats, 'w'>[]) {
  return {
    meanActualDifference: spread(stats.map((s) => s.meanActual)),
    meanPredictionDifference: spread(stats.map((s) => s.meanPrediction)),
    maeDifference: spread(stats.map((s) => s.mae)),
    rmseDifference: spread(stats.map((s) => s.rmse)),
  };
}

/**
 * Per-group and summary fairness metrics of a regression model for one sensitive attribute (see
 * the file comment for the definitions; all in the target's units). Verdict `not_judged` (reason
 * `fairness.notJudged.regression`) whenever the groups can be compared: the template's tolerances
 * are for rates, and no tolerance in the target's units exists. Fewer than two (large) groups:
 * `not_comparable`, as for binary models.
 * @throws Error when arrays differ in length, a value is not finite or a weight is negative.
 */
export function assessRegressionFairness(input: RegressionFairnessInput): FairnessAttributeReport {
  validateCommon('assessRegressionFairness', input);
  for (let i = 0; i < input.groups.length; i++) {
    if (!Number.isFinite(input.yTrue[i]!) || !Number.isFinite(input.yPred[i]!))
      throw new Error(`assessRegressionFairness: row ${i + 1}: values must be finite numbers`);
  }
  const { minGroupSize } = input.tolerance;
  const { labels, rows, missing, known, totalRows } = prepareGroups(input);
  const row = (group: string, idx: ArrayLike<number>, min: number) => {
    const { w, ...s } = regressionStats(idx, input);
    // No classes, so no base rate, selection rate or accuracy either.
    return groupRow(group, idx.length, totalRows, min, w, s, {
      baseRate: 'not_for_task',
      selectionRate: 'not_for_task',
      accuracy: 'not_for_task',
    });
  };
  const groups = labels.map((g) => row(g, rows.get(g)!, minGroupSize));
  const base = {
    ...reportBase(input, groups, row('*', known, 0), missing),
    favourableOutcome: 'predicted_positive' as const,
    favourableLabel: '',
    task: 'regression' as const,
  };
  const notComparable = notComparableReason(groups);
  if (notComparable)
    return {
      ...base,
      comparisonPossible: false,
      notComparableReason: notComparable,
      summary: null,
      verdict: 'not_comparable',
    };

  const large = groups.filter((g) => !g.small);
  const numbers = regressionSummary(
    large.map((g) => ({
      meanActual: g.meanActual ?? null,
      meanPrediction: g.meanPrediction ?? null,
      mae: g.mae ?? null,
      rmse: g.rmse ?? null,
    })),
  );
  const bootstrap = bootstrapOf(input);
  const intervals =
    bootstrap && bootstrap.replicates > 0
      ? stratifiedBootstrap(
          large.map((g) => rows.get(g.group)!),
          REGRESSION_FIELDS,
          bootstrap,
          (resampled) => regressionSummary(resampled.map((idx) => regressionStats(idx, input))),
        )
      : null;
  const summary: FairnessSummary = {
    demographicParityDifference: null,
    demographicParityRatio: null,
    equalOpportunityDifference: null,
    equalizedOddsDifference: null,
    averageOddsDifference: null,
    accuracyDifference: null,
    meanGroupAccuracy: null,
    ...numbers,
    fourFifthsFlagged: [],
    excludedGroups: excludedSmall(groups),
    ...(intervals ? { intervals: intervals as Record<string, { low: number; high: number }> } : {}),
  };
  return {
    ...base,
    comparisonPossible: true,
    notComparableReason: null,
    summary,
    verdict: 'not_judged',
    notJudgedReason: 'fairness.notJudged.regression',
  };
}

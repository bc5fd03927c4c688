/**
 * Group fairness on the test split (SPEC §7) with the definitions of Fairlearn and AIF360
 * (REFERENCE.md §2.1). A value that is undefined for a group is null with a reason, never 0.
 * "Positive" is the favourable outcome for every rate (REFERENCE.md §2 notation): with a finance
 * template (approval = predicting "good"), base rate, selection rate, TPR, FPR and precision are all
 * of "good". Multiclass and regression models get the Fairlearn `MetricFrame` analogues.
 */
import { z } from 'zod';

export const UndefinedReasonSchema = z.enum([
  'no_positives',
  'no_negatives',
  'single_class',
  'no_predicted_positives',
  'empty',
  /** No scores were given, so no ROC AUC. */
  'no_scores',
  /** The metric is not defined for the model's task (e.g. TPR of a regression). */
  'not_for_task',
  /** Multiclass without a favourable class: no rate of "the" favourable outcome. */
  'no_favourable_class',
]);
export type UndefinedReason = z.infer<typeof UndefinedReasonSchema>;

/** The model's task; absent in reports written before multiclass and regression were assessed. */
export const FairnessTaskSchema = z.enum(['binary', 'multiclass', 'regression']);
export type FairnessTask = z.infer<typeof FairnessTaskSchema>;

export const GroupMetricsSchema = z.object({
  group: z.string(),
  n: z.number().int(),
  /** n_g / n, in [0, 1]. */
  share: z.number(),
  /** P(Y = favourable | A = g): share of the group whose true label is the favourable outcome. */
  baseRate: z.number().nullable(),
  /** P(Ŷ = favourable | A = g): share of the group predicted the favourable outcome. */
  selectionRate: z.number().nullable(),
  accuracy: z.number().nullable(),
  /** P(Ŷ = favourable | Y = favourable, A = g). */
  tpr: z.number().nullable(),
  /** P(Ŷ = favourable | Y = unfavourable, A = g). */
  fpr: z.number().nullable(),
  /** P(Y = favourable | Ŷ = favourable, A = g). */
  precision: z.number().nullable(),
  rocAuc: z.number().nullable(),
  /** Multiclass: share of the group predicted as each class, in the report's `classes` order. */
  predictionRates: z.array(z.number().nullable()).optional(),
  /** Regression, in the target's units: mean true value, mean prediction, MAE, RMSE. */
  meanActual: z.number().nullable().optional(),
  meanPrediction: z.number().nullable().optional(),
  mae: z.number().nullable().optional(),
  rmse: z.number().nullable().optional(),
  /** Why a null metric is null, per metric name. */
  undefinedReasons: z.record(z.string(), UndefinedReasonSchema).default({}),
  /** Smaller than the template's minimum group size: shown, not judged. */
  small: z.boolean(),
});
export type GroupMetrics = z.infer<typeof GroupMetricsSchema>;

export const FairnessSummarySchema = z.object({
  demographicParityDifference: z.number().nullable(),
  demographicParityRatio: z.number().nullable(),
  equalOpportunityDifference: z.number().nullable(),
  equalizedOddsDifference: z.number().nullable(),
  averageOddsDifference: z.number().nullable(),
  accuracyDifference: z.number().nullable(),
  meanGroupAccuracy: z.number().nullable(),
  /** Multiclass: per class (in `classes` order), max − min over groups of the share predicted as it. */
  predictionRateDifferences: z.array(z.number().nullable()).optional(),
  /** Regression: max − min over groups of the mean true value, mean prediction, MAE and RMSE. */
  meanActualDifference: z.number().nullable().optional(),
  meanPredictionDifference: z.number().nullable().optional(),
  maeDifference: z.number().nullable().optional(),
  rmseDifference: z.number().nullable().optional(),
  /** Groups whose selection rate is < 0.8 × the highest (29 CFR 1607.4(D)). */
  fourFifthsFlagged: z.array(z.string()),
  /** Groups left out of the summary (small, or the metric undefined). */
  excludedGroups: z.array(
    z.object({
      group: z.string(),
      /** i18n key: `fairness.excluded.small`, or `fairness.excluded.<metric>.<UndefinedReason>`. */
      reason: z.string(),
      /** The metric left out (`tpr`, `fpr`); absent when the whole group is left out. */
      metric: z.string().optional(),
    }),
  ),
  /** Bootstrap 95 % percentile intervals of the differences and the ratio, by summary field name. */
  intervals: z.record(z.string(), z.object({ low: z.number(), high: z.number() })).optional(),
});
export type FairnessSummary = z.infer<typeof FairnessSummarySchema>;

/**
 * `not_judged`: the groups are compared, but the template has no tolerance for what is compared
 * (a regression's errors in the target's units; a multiclass model without a favourable class).
 */
export const FairnessVerdictSchema = z.enum(['within_tolerance', 'outside_tolerance', 'not_comparable', 'not_judged']);
export type FairnessVerdict = z.infer<typeof FairnessVerdictSchema>;

export const FairnessAttributeReportSchema = z.object({
  /** The column's name, or `a × b` for the intersection of two columns. */
  attribute: z.string(),
  /** Intersections (SPEC §7): the two columns whose value combinations are the groups. Absent for one column. */
  columns: z.array(z.string()).length(2).optional(),
  /** Numeric attributes are binned; the edges used, right-open. */
  bins: z.array(z.number()).nullable(),
  usedAsFeature: z.boolean(),
  /** Binary: which prediction is favourable. Multiclass and regression: always `predicted_positive`. */
  favourableOutcome: z.enum(['predicted_positive', 'predicted_negative']),
  /**
   * The class (as the user knows it) whose prediction is favourable, e.g. `good`; the positive
   * class of every rate. Empty for regression and for a multiclass model without a favourable class.
   */
  favourableLabel: z.string(),
  /** Absent = binary (reports saved before other tasks were assessed). */
  task: FairnessTaskSchema.optional(),
  /** Multiclass: the class labels, in the order of `predictionRates`. */
  classes: z.array(z.string()).optional(),
  groups: z.array(GroupMetricsSchema),
  /** The same metrics over every row with a known group (Fairlearn `MetricFrame.overall`). */
  overall: GroupMetricsSchema.optional(),
  /** Test rows whose sensitive value is missing: left out of every group. */
  missingGroupRows: z.number().int().optional(),
  comparisonPossible: z.boolean(),
  /** i18n key explaining why no comparison is possible, e.g. `fairness.oneGroup`. */
  notComparableReason: z.string().nullable(),
  summary: FairnessSummarySchema.nullable(),
  verdict: FairnessVerdictSchema,
  /** i18n key saying why a comparison is `not_judged`, e.g. `fairness.notJudged.regression`. */
  notJudgedReason: z.string().nullable().optional(),
  tolerance: z.object({ difference: z.number(), ratio: z.number(), minGroupSize: z.number().int() }),
});
export type FairnessAttributeReport = z.infer<typeof FairnessAttributeReportSchema>;

/** How the model is changed to reduce the differences between groups (SPEC §7 mitigation). */
export const MitigationMethodSchema = z.enum(['group_thresholds', 'reweighing']);
export type MitigationMethod = z.infer<typeof MitigationMethodSchema>;

/** What per-group thresholds equalize: selection rates (demographic parity) or TPRs (equal opportunity). */
export const MitigationConstraintSchema = z.enum(['demographic_parity', 'equal_opportunity']);
export type MitigationConstraint = z.infer<typeof MitigationConstraintSchema>;

/** Whole-test-split numbers of one model (before or after mitigation), for its cost. */
export const MitigationOverallSchema = z.object({
  /** Share of test rows predicted right, in [0, 1]. */
  accuracy: z.number().nullable(),
  /** Mean of the two classes' recalls, in [0, 1]. */
  balancedAccuracy: z.number().nullable(),
  /** ROC AUC of P(positive); per-group thresholds leave it unchanged (they move no score). */
  rocAuc: z.number().nullable(),
  /** Share of test rows given the favourable outcome. */
  selectionRate: z.number().nullable(),
  /** The model's single threshold on P(positive) (per-group ones are in `thresholds`). */
  threshold: z.number(),
});
export type MitigationOverall = z.infer<typeof MitigationOverallSchema>;

export const GroupThresholdSchema = z.object({
  group: z.string(),
  /** Threshold on P(positive): a row is predicted positive iff its score is ≥ it. */
  threshold: z.number(),
  /** Validation rows of the group; its threshold was chosen on them. */
  validationN: z.number().int(),
  /** False when the group keeps the model's threshold (too few validation rows, or none truly favourable). */
  adjusted: z.boolean(),
});
export type GroupThreshold = z.infer<typeof GroupThresholdSchema>;

/**
 * One mitigation run on one attribute: the same test-split assessment before and after, the
 * overall numbers (its cost in accuracy), and what was changed.
 */
export const FairnessMitigationSchema = z.object({
  method: MitigationMethodSchema,
  /** The attribute as assessed: a column, or `a × b` for an intersection. */
  attribute: z.string(),
  /** Its columns: one, or the two of an intersection. */
  columns: z.array(z.string()).min(1).max(2),
  /** Per-group thresholds: what they equalize; null for reweighing. */
  constraint: MitigationConstraintSchema.nullable(),
  /** Per-group thresholds: the validation rate (of the favourable outcome) every group was moved towards. */
  target: z.number().nullable(),
  /** Per-group thresholds, chosen on the validation split; null for reweighing. */
  thresholds: z.array(GroupThresholdSchema).nullable(),
  /** The attribute's assessment on the test split with the original model … */
  before: FairnessAttributeReportSchema,
  /** … and with the mitigated one. */
  after: FairnessAttributeReportSchema,
  overallBefore: MitigationOverallSchema,
  overallAfter: MitigationOverallSchema,
  /** Accuracy before − after: positive when mitigation costs accuracy. */
  accuracyCost: z.number().nullable(),
  /** Reweighing: the run id of the retrained model; null for per-group thresholds. */
  runId: z.string().nullable(),
  /** `proposed`: shown, not decided; `applied`: the model in use; `declined`: the original was kept. */
  status: z.enum(['proposed', 'applied', 'declined']),
  createdAt: z.string(),
});
export type FairnessMitigation = z.infer<typeof FairnessMitigationSchema>;

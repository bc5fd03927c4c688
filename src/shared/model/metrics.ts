/** Evaluation results on the test split (SPEC §6). Probabilities are in [0, 1]. */
import { z } from 'zod';

/**
 * A test ROC AUC at or above this is rarely real on real data: it usually means a column leaks
 * the outcome, and every surface (report, wizard, CLI) says so.
 */
export const TOO_GOOD_ROC_AUC = 0.99;

export const ConfusionSchema = z.object({
  tp: z.number(),
  fp: z.number(),
  tn: z.number(),
  fn: z.number(),
});
export type Confusion = z.infer<typeof ConfusionSchema>;

export const CurvePointSchema = z.object({ x: z.number(), y: z.number(), threshold: z.number().optional() });
export type CurvePoint = z.infer<typeof CurvePointSchema>;

/** Metric value with an optional bootstrap 95 % interval. */
export const IntervalSchema = z.object({ low: z.number(), high: z.number() });

export const BinaryMetricsSchema = z.object({
  task: z.literal('binary'),
  positiveClass: z.string(),
  negativeClass: z.string(),
  threshold: z.number(),
  n: z.number().int(),
  accuracy: z.number(),
  balancedAccuracy: z.number(),
  precision: z.number().nullable(),
  recall: z.number().nullable(),
  specificity: z.number().nullable(),
  f1: z.number().nullable(),
  npv: z.number().nullable(),
  rocAuc: z.number().nullable(),
  prAuc: z.number().nullable(),
  brier: z.number(),
  logLoss: z.number(),
  ks: z.number().nullable(),
  confusion: ConfusionSchema,
  rocCurve: z.array(CurvePointSchema),
  prCurve: z.array(CurvePointSchema),
  /** Reliability diagram: x = mean P(positive) of a bin, y = share of positives in it (10 equal-width bins, empty ones left out). */
  calibrationCurve: z.array(CurvePointSchema).optional(),
  intervals: z.record(z.string(), IntervalSchema).default({}),
});
export type BinaryMetrics = z.infer<typeof BinaryMetricsSchema>;

export const MulticlassMetricsSchema = z.object({
  task: z.literal('multiclass'),
  classes: z.array(z.string()),
  n: z.number().int(),
  accuracy: z.number(),
  macroF1: z.number(),
  perClass: z.array(
    z.object({
      label: z.string(),
      precision: z.number().nullable(),
      recall: z.number().nullable(),
      f1: z.number().nullable(),
      support: z.number().int(),
    }),
  ),
  /** matrix[true][predicted], in `classes` order. */
  confusionMatrix: z.array(z.array(z.number().int())),
  logLoss: z.number(),
  intervals: z.record(z.string(), IntervalSchema).default({}),
});
export type MulticlassMetrics = z.infer<typeof MulticlassMetricsSchema>;

export const RegressionMetricsSchema = z.object({
  task: z.literal('regression'),
  n: z.number().int(),
  mae: z.number(),
  rmse: z.number(),
  r2: z.number(),
  residuals: z.array(z.object({ predicted: z.number(), residual: z.number() })),
  intervals: z.record(z.string(), IntervalSchema).default({}),
});
export type RegressionMetrics = z.infer<typeof RegressionMetricsSchema>;

export const MetricsSchema = z.discriminatedUnion('task', [
  BinaryMetricsSchema,
  MulticlassMetricsSchema,
  RegressionMetricsSchema,
]);
export type Metrics = z.infer<typeof MetricsSchema>;

/** A baseline beside the model: majority class (classification) or mean (regression). */
export const BaselineSchema = z.object({
  name: z.enum(['majority_class', 'mean', 'logistic_regression', 'linear_regression']),
  metrics: MetricsSchema,
});
export type Baseline = z.infer<typeof BaselineSchema>;

/** One column's permutation importance: the drop of the score when its values are shuffled. */
export const FeatureImportanceSchema = z.object({
  column: z.string(),
  /** Mean drop of the score over the repeats (positive = the column helps; ≤ 0 = it does not). */
  mean: z.number(),
  /** Standard deviation of the drop over the repeats. */
  std: z.number(),
});
export type FeatureImportance = z.infer<typeof FeatureImportanceSchema>;

/** Score a permutation importance is measured with: ROC AUC (binary), accuracy (multiclass), R² (regression). */
export const ImportanceMetricSchema = z.enum(['roc_auc', 'accuracy', 'r2']);
export type ImportanceMetric = z.infer<typeof ImportanceMetricSchema>;

/** Permutation feature importance on the test rows (Breiman 2001; scikit-learn `permutation_importance`). */
export const PermutationImportanceSchema = z.object({
  metric: ImportanceMetricSchema,
  /** Shuffles per column. */
  repeats: z.number().int(),
  /** Labelled test rows it was measured on (a seeded subsample of large test splits). */
  rows: z.number().int(),
  seed: z.number().int(),
  /** Per original column (all one-hot inputs shuffled together), largest mean drop first. */
  columns: z.array(FeatureImportanceSchema),
});
export type PermutationImportance = z.infer<typeof PermutationImportanceSchema>;

/**
 * Membership-inference audit (SPEC §8): the loss-threshold attack (Yeom et al. 2018) on equal
 * numbers of training and test records. `auc` near 0.5 is good; `advantage` = max TPR − FPR.
 */
export const MembershipAuditSchema = z.object({
  method: z.literal('loss_threshold'),
  auc: z.number(),
  advantage: z.number(),
  /** Training records (members) and test records (non-members) the attack was run on. */
  members: z.number().int(),
  nonMembers: z.number().int(),
  /**
   * Standard deviation of the attack's AUC when membership leaks nothing (Mann–Whitney U under the
   * null: √((m + n + 1) / (12·m·n))); absent in older evaluations.
   */
  nullSd: z.number().optional(),
});
export type MembershipAudit = z.infer<typeof MembershipAuditSchema>;

export const EvaluationSchema = z.object({
  metrics: MetricsSchema,
  baselines: z.array(BaselineSchema),
  /** Absent in evaluations made before it was measured, and in retrained comparisons. */
  importance: PermutationImportanceSchema.optional(),
  /** Absent in evaluations made before it was measured. */
  membership: MembershipAuditSchema.optional(),
});
export type Evaluation = z.infer<typeof EvaluationSchema>;

/**
 * Group fairness on the test split (SPEC §7) with the definitions of Fairlearn and AIF360
 * (REFERENCE.md §2.1). A value that is undefined for a group is null with a reason, never 0.
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
]);
export type UndefinedReason = z.infer<typeof UndefinedReasonSchema>;

export const GroupMetricsSchema = z.object({
  group: z.string(),
  n: z.number().int(),
  /** n_g / n, in [0, 1]. */
  share: z.number(),
  /** Share of the group whose true label is the positive class. */
  baseRate: z.number().nullable(),
  /** Rate of the favourable outcome among predictions. */
  selectionRate: z.number().nullable(),
  accuracy: z.number().nullable(),
  tpr: z.number().nullable(),
  fpr: z.number().nullable(),
  precision: z.number().nullable(),
  rocAuc: z.number().nullable(),
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

export const FairnessVerdictSchema = z.enum(['within_tolerance', 'outside_tolerance', 'not_comparable']);

export const FairnessAttributeReportSchema = z.object({
  attribute: z.string(),
  /** Numeric attributes are binned; the edges used, right-open. */
  bins: z.array(z.number()).nullable(),
  usedAsFeature: z.boolean(),
  favourableOutcome: z.enum(['predicted_positive', 'predicted_negative']),
  favourableLabel: z.string(),
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
  tolerance: z.object({ difference: z.number(), ratio: z.number(), minGroupSize: z.number().int() }),
});
export type FairnessAttributeReport = z.infer<typeof FairnessAttributeReportSchema>;

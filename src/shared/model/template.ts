/**
 * Templates (SPEC §4) are data, not code: JSON files under `resources/templates/`, validated by
 * this schema when loaded. Every user-facing string has an English and a Chinese form.
 */
import { z } from 'zod';

export const LocalizedSchema = z.object({ en: z.string().min(1), zh: z.string().min(1) });
export type Localized = z.infer<typeof LocalizedSchema>;

export const MetricIdSchema = z.enum([
  'accuracy',
  'balanced_accuracy',
  'precision',
  'recall',
  'sensitivity',
  'specificity',
  'f1',
  'roc_auc',
  'pr_auc',
  'gini',
  'ks',
  'ppv',
  'npv',
  'approval_rate',
  'brier',
  'log_loss',
  'macro_f1',
  'mae',
  'rmse',
  'r2',
]);
export type MetricId = z.infer<typeof MetricIdSchema>;

/** How a binary model's decision threshold is chosen (SPEC §4). */
export const ThresholdPolicyNameSchema = z.enum(['fixed', 'min_sensitivity', 'approval_rate', 'min_cost']);
export type ThresholdPolicyName = z.infer<typeof ThresholdPolicyNameSchema>;

/**
 * A threshold policy with its numbers: a fixed threshold on P(positive); the smallest sensitivity
 * (TPR) to reach; the share of cases to approve; or the costs of a missed case (false negative) and
 * a false alarm (false positive), of which only the ratio matters.
 */
export const ThresholdRuleSchema = z.discriminatedUnion('policy', [
  z.object({ policy: z.literal('fixed'), value: z.number().min(0).max(1) }),
  z.object({ policy: z.literal('min_sensitivity'), value: z.number().min(0).max(1) }),
  z.object({ policy: z.literal('approval_rate'), value: z.number().min(0).max(1) }),
  z.object({
    policy: z.literal('min_cost'),
    falseNegativeCost: z.number().positive(),
    falsePositiveCost: z.number().positive(),
  }),
]);
export type ThresholdRule = z.infer<typeof ThresholdRuleSchema>;

export const SensitiveSuggestionSchema = z.object({
  /** Column-name patterns (case-insensitive regular expressions), English and Chinese. */
  patterns: z.array(z.string()).min(1),
  label: LocalizedSchema,
  /** Whether the attribute is used as a model feature by default. */
  useAsFeature: z.boolean(),
  /** Bin edges for numeric attributes (right-open); default age bands <25, 25–44, 45–64, 65+. */
  bins: z.array(z.number()).optional(),
});
export type SensitiveSuggestion = z.infer<typeof SensitiveSuggestionSchema>;

export const TemplateSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_-]*$/),
  version: z.number().int().min(1),
  name: LocalizedSchema,
  description: LocalizedSchema,
  tasks: z.array(z.enum(['binary', 'multiclass', 'regression'])).min(1),
  /** Target-name patterns the wizard proposes first. */
  suggestedTargets: z.array(z.string()),
  headlineMetrics: z.array(MetricIdSchema).min(1),
  /**
   * Labels that mean "the positive class" of the metrics, tried in order (case-insensitive); when
   * none matches, the minority class is positive.
   */
  positiveClassCandidates: z.array(z.string()),
  positiveClassMeaning: LocalizedSchema,
  /** Which prediction counts as favourable in the fairness analysis. */
  favourableOutcome: z.enum(['predicted_positive', 'predicted_negative']),
  favourableMeaning: LocalizedSchema,
  /** The default threshold policy (binary tasks), with its numbers. */
  threshold: ThresholdRuleSchema,
  /**
   * The threshold policies the user may choose instead (Train → Decision threshold, `modelwise run
   * --threshold …`); the template's own policy is always allowed. Every policy when absent.
   */
  thresholdPolicies: z.array(ThresholdPolicyNameSchema).min(1).optional(),
  sensitiveAttributes: z.array(SensitiveSuggestionSchema),
  /** Whether a sensitive attribute the user names, matching none of the suggestions, is a feature. */
  sensitiveDefaultUseAsFeature: z.boolean().default(true),
  fairness: z.object({
    /** Largest tolerated demographic parity / equalized odds difference. */
    differenceTolerance: z.number().min(0).max(1),
    /** Smallest tolerated selection-rate ratio (0.8 = four-fifths rule). */
    ratioTolerance: z.number().min(0).max(1),
    minGroupSize: z.number().int().min(1),
  }),
  privacy: z.object({
    regulations: z.array(z.enum(['GDPR', 'CCPA', 'HIPAA', 'PIPL', 'ECOA'])),
    /** Extra header patterns treated as direct identifiers (e.g. operator IDs). */
    identifierPatterns: z.array(z.string()).default([]),
    /** k of k-anonymity the quasi-identifiers should reach; the app's default (5) when absent. */
    k: z.number().int().min(2).optional(),
  }),
  training: z.object({
    hiddenLayers: z.array(z.number().int().positive()).min(1),
    dropout: z.number().min(0).max(0.95),
    learningRate: z.number().positive(),
    batchSize: z.number().int().positive(),
    maxEpochs: z.number().int().positive(),
    patience: z.number().int().positive(),
    classWeights: z.boolean(),
  }),
  sample: z
    .object({ file: z.string(), target: z.string(), sensitive: z.array(z.string()), licence: z.string() })
    .optional(),
  explanations: z.record(z.string(), LocalizedSchema).default({}),
});
export type Template = z.output<typeof TemplateSchema>;
export type TemplateInput = z.input<typeof TemplateSchema>;

/**
 * The template's plain-language meaning of the positive class ("defaulted (bad credit)") in
 * `locale`, when `positiveClass` is one of the labels the template describes
 * (`positiveClassCandidates`, compared trimmed and case-folded); null otherwise — a credit
 * template run on income data must not call ">50K" a default.
 */
export function positiveClassMeaning(
  template: Pick<Template, 'positiveClassCandidates' | 'positiveClassMeaning'>,
  positiveClass: string | null | undefined,
  locale: 'en' | 'zh',
): string | null {
  if (positiveClass == null) return null;
  const label = positiveClass.trim().toLowerCase();
  return template.positiveClassCandidates.some((c) => c.trim().toLowerCase() === label)
    ? template.positiveClassMeaning[locale]
    : null;
}

/** Training settings and the record of a training run (SPEC §5). */
import { z } from 'zod';
import { sameJson } from '../json';
import { AugmentationStepSchema } from './recipe';
import {
  ThresholdPolicyNameSchema,
  ThresholdRuleSchema,
  type Template,
  type ThresholdPolicyName,
  type ThresholdRule,
} from './template';

export const TaskTypeSchema = z.enum(['binary', 'multiclass', 'regression']);
export type TaskType = z.infer<typeof TaskTypeSchema>;

export const OptimizerSchema = z.enum(['adam', 'adadelta', 'sgd', 'rmsprop']);

export const BackendNameSchema = z.enum(['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']);
export type BackendName = z.infer<typeof BackendNameSchema>;

/**
 * A threshold policy the user chose (Train → Decision threshold, `modelwise run --threshold …`):
 * a fixed threshold and an approval rate strictly between 0 and 1, a minimum sensitivity above 0
 * (1 = catch every positive case), costs above 0.
 */
export const ThresholdSettingSchema = z.discriminatedUnion('policy', [
  z.object({ policy: z.literal('fixed'), value: z.number().gt(0).lt(1) }),
  z.object({ policy: z.literal('min_sensitivity'), value: z.number().gt(0).max(1) }),
  z.object({ policy: z.literal('approval_rate'), value: z.number().gt(0).lt(1) }),
  z.object({
    policy: z.literal('min_cost'),
    falseNegativeCost: z.number().positive(),
    falsePositiveCost: z.number().positive(),
  }),
]);
export type ThresholdSetting = z.infer<typeof ThresholdSettingSchema>;

export const TrainSettingsSchema = z.object({
  target: z.string().min(1),
  /** Detected when absent. */
  task: TaskTypeSchema.optional(),
  /** Label of the positive class (binary); from the template or the minority class when absent. */
  positiveClass: z.string().optional(),
  /** Columns left out of the features (identifiers and non-feature sensitive attributes are added). */
  excludeColumns: z.array(z.string()).default([]),
  /** Columns forced into the features even if the privacy scan would exclude them. */
  includeColumns: z.array(z.string()).default([]),
  seed: z.number().int().min(0).default(42),
  /** Fractions of the rows; test is ignored when a test file is given. */
  split: z
    .object({ train: z.number().positive(), validation: z.number().positive(), test: z.number().min(0) })
    .default({ train: 0.7, validation: 0.15, test: 0.15 }),
  hiddenLayers: z.array(z.number().int().positive()).min(1).default([128]),
  activation: z.enum(['relu', 'tanh', 'elu']).default('relu'),
  dropout: z.number().min(0).max(0.95).default(0.5),
  l2: z.number().min(0).default(0),
  optimizer: OptimizerSchema.default('adam'),
  learningRate: z.number().positive().default(0.001),
  momentum: z.number().min(0).max(1).default(0.9),
  /** 64: on the WASM backend ~1.6× the throughput of 32 with the same test AUC (Adult, German credit, Cleveland). */
  batchSize: z.number().int().positive().default(64),
  maxEpochs: z.number().int().positive().default(100),
  /** Early stopping on validation loss, epochs without improvement. */
  patience: z.number().int().positive().default(10),
  classWeights: z.boolean().default(false),
  /** One-hot keeps the K most frequent categories of the training split; the rest become "other". */
  topK: z.number().int().min(1).default(20),
  /** Decision threshold on P(positive) for binary tasks. */
  threshold: z.number().min(0).max(1).default(0.5),
  /**
   * User-entered cost of a missed positive case (a false negative), for a template whose threshold
   * minimises the expected cost of errors (SPEC §4); the template's cost when absent. Only the
   * ratio to `falsePositiveCost` matters.
   */
  falseNegativeCost: z.number().positive().optional(),
  /** User-entered cost of a false alarm (a false positive); the template's when absent. */
  falsePositiveCost: z.number().positive().optional(),
  /**
   * The user's threshold policy (binary tasks) instead of the template's (SPEC §4); one the template
   * does not offer (`thresholdPolicies`) is ignored. See {@link resolveThresholdRule}.
   */
  thresholdPolicy: ThresholdSettingSchema.optional(),
  augmentation: z.array(AugmentationStepSchema).default([]),
  /** Force a backend (tests); automatic when absent. */
  backend: BackendNameSchema.optional(),
});
export type TrainSettings = z.input<typeof TrainSettingsSchema>;
export type TrainSettingsResolved = z.output<typeof TrainSettingsSchema>;

export const EpochLogSchema = z.object({
  epoch: z.number().int(),
  loss: z.number(),
  valLoss: z.number(),
  /** Headline metric on train / validation (accuracy, or MAE for regression). */
  metric: z.number().nullable(),
  valMetric: z.number().nullable(),
  seconds: z.number(),
});
export type EpochLog = z.infer<typeof EpochLogSchema>;

/** The preprocessing fitted on the training split, saved with the model. */
export const FeatureSpecSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('numeric'),
    column: z.string(),
    /** For a date column: the part used as a number (calendar year, month 1–12, weekday 0 = Sunday). */
    part: z.enum(['year', 'month', 'weekday']).optional(),
    /** Median of the training split, used for missing values. */
    fill: z.number(),
    mean: z.number(),
    std: z.number(),
  }),
  z.object({
    kind: z.literal('categorical'),
    column: z.string(),
    /** Kept categories in output order; everything else (and missing, if not kept) maps to "other". */
    categories: z.array(z.string()),
    fill: z.string(),
    other: z.boolean(),
  }),
]);
export type FeatureSpec = z.infer<typeof FeatureSpecSchema>;

/**
 * A feature computed from one row's own cells before preprocessing (augmentation steps `cross` and
 * `date_parts`, SPEC §3); `transform()` recreates it on every split and on new data.
 */
export const DerivedFeatureSchema = z.discriminatedUnion('kind', [
  /** `a×b` (product) or `a÷b` (ratio; missing where b is 0 or missing). */
  z.object({
    kind: z.literal('cross'),
    name: z.string(),
    a: z.string(),
    b: z.string(),
    op: z.enum(['product', 'ratio']),
  }),
  /** `column.part`: calendar year, month 1–12, day of month, weekday 0 = Sunday. */
  z.object({
    kind: z.literal('date_part'),
    name: z.string(),
    column: z.string(),
    part: z.enum(['year', 'month', 'day', 'weekday']),
  }),
]);
export type DerivedFeature = z.infer<typeof DerivedFeatureSchema>;

export const PreprocessingSchema = z.object({
  features: z.array(FeatureSpecSchema),
  /** Names of the model's input columns after one-hot encoding, length = input width. */
  inputNames: z.array(z.string()),
  target: z.string(),
  task: TaskTypeSchema,
  /** Class labels in output order (classification). For binary, index 1 is the positive class. */
  classes: z.array(z.string()),
  /** Regression target standardization. */
  targetMean: z.number().optional(),
  targetStd: z.number().optional(),
  /** Derived feature columns, computed in this order before the features above are read. */
  derived: z.array(DerivedFeatureSchema).optional(),
});
export type Preprocessing = z.infer<typeof PreprocessingSchema>;

/** One line of the augmentation log as an i18n key (`augment.*`) and its parameters. */
export const AugmentationMessageSchema = z.object({
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
});
export type AugmentationMessage = z.infer<typeof AugmentationMessageSchema>;

export const TrainingRecordSchema = z.object({
  backend: BackendNameSchema,
  task: TaskTypeSchema,
  epochs: z.array(EpochLogSchema),
  bestEpoch: z.number().int(),
  stoppedEarly: z.boolean(),
  cancelled: z.boolean(),
  seconds: z.number(),
  parameterCount: z.number().int(),
  trainRows: z.number().int(),
  validationRows: z.number().int(),
  /**
   * Two classes: labelled validation rows of the positive class, on which a threshold policy
   * (minimum sensitivity, minimum cost) is chosen. Absent for other tasks and older runs.
   */
  validationPositives: z.number().int().optional(),
  testRows: z.number().int(),
  inputWidth: z.number().int(),
  settings: z.record(z.string(), z.unknown()),
  architecture: z.array(z.string()),
  /** Augmentation log in English, one line per step (or per class), rendered from `augmentationMessages`. */
  augmentationLog: z.array(z.string()).default([]),
  /** The same lines as i18n keys and parameters, for a report in the reader's language. */
  augmentationMessages: z.array(AugmentationMessageSchema).optional(),
});
export type TrainingRecord = z.infer<typeof TrainingRecordSchema>;

/** Which prediction counts as approval for an approval-rate policy (the favourable outcome). */
const ApprovalSchema = z.enum(['predicted_positive', 'predicted_negative']);

/** A decision threshold chosen on validation data, and what its policy achieved there. */
export const ThresholdChoiceSchema = z.object({
  /** Threshold on P(positive), in [0, 1]; predict positive when p ≥ threshold. */
  threshold: z.number(),
  policy: ThresholdPolicyNameSchema,
  /** The policy with the numbers it was applied with; absent in older models. */
  rule: ThresholdRuleSchema.optional(),
  /** Whether `rule` is the user's (training settings) or the template's; absent in older models. */
  source: z.enum(['template', 'user']).optional(),
  /** approval_rate: the prediction counted as approval (the favourable outcome). */
  approval: ApprovalSchema.optional(),
  /**
   * On validation data: sensitivity and specificity (min_sensitivity), approvalRate
   * (approval_rate), expectedCostPerCase (min_cost); empty for a fixed threshold.
   */
  achieved: z.record(z.string(), z.number()),
});
export type ThresholdChoice = z.infer<typeof ThresholdChoiceSchema>;

/** Defaults of a policy the template does not start with: 0.5, catch 90 %, approve 70 %, costs 10 : 1. */
const POLICY_DEFAULTS: Record<ThresholdPolicyName, ThresholdRule> = {
  fixed: { policy: 'fixed', value: 0.5 },
  min_sensitivity: { policy: 'min_sensitivity', value: 0.9 },
  approval_rate: { policy: 'approval_rate', value: 0.7 },
  min_cost: { policy: 'min_cost', falseNegativeCost: 10, falsePositiveCost: 1 },
};

type ThresholdTemplate = Pick<Template, 'threshold' | 'thresholdPolicies'>;

/**
 * The threshold policies `template` lets the user choose: the template's own first, then the
 * others of its `thresholdPolicies` (every policy when absent) in their canonical order.
 */
export function offeredThresholdPolicies(template: ThresholdTemplate): ThresholdPolicyName[] {
  const offered = new Set(template.thresholdPolicies ?? ThresholdPolicyNameSchema.options);
  return [
    template.threshold.policy,
    ...ThresholdPolicyNameSchema.options.filter((p) => p !== template.threshold.policy && offered.has(p)),
  ];
}

/** The numbers `policy` starts with when chosen: the template's for its own policy, else the defaults. */
export function defaultThresholdRule(template: ThresholdTemplate, policy: ThresholdPolicyName): ThresholdRule {
  return template.threshold.policy === policy ? template.threshold : POLICY_DEFAULTS[policy];
}

const positive = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined;

/**
 * The user's threshold policy in training `settings`, or null for the template's: a valid
 * `thresholdPolicy` that `template` offers; else, for a `min_cost` template, the costs entered as
 * `falseNegativeCost` / `falsePositiveCost` (projects saved before `thresholdPolicy`; each
 * missing or non-positive cost is the template's).
 */
export function userThresholdRule(
  template: ThresholdTemplate,
  settings: Record<string, unknown>,
): ThresholdRule | null {
  const parsed = ThresholdSettingSchema.safeParse(settings.thresholdPolicy);
  if (parsed.success && offeredThresholdPolicies(template).includes(parsed.data.policy)) return parsed.data;
  const policy = template.threshold;
  if (policy.policy !== 'min_cost') return null;
  const fn = positive(settings.falseNegativeCost);
  const fp = positive(settings.falsePositiveCost);
  if (fn === undefined && fp === undefined) return null;
  return {
    policy: 'min_cost',
    falseNegativeCost: fn ?? policy.falseNegativeCost,
    falsePositiveCost: fp ?? policy.falsePositiveCost,
  };
}

/** The threshold policy in effect for `settings`: the user's (see {@link userThresholdRule}) or the template's. */
export function resolveThresholdRule(
  template: ThresholdTemplate,
  settings: Record<string, unknown>,
): { rule: ThresholdRule; source: 'template' | 'user' } {
  const user = userThresholdRule(template, settings);
  // The template's own policy with its own numbers is the template's, whoever typed it.
  const same = user !== null && sameJson(user, template.threshold);
  return user && !same ? { rule: user, source: 'user' } : { rule: template.threshold, source: 'template' };
}

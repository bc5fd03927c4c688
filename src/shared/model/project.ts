/**
 * A Modelwise project (DESIGN "Project"): a folder `NAME.modelwise/` with `project.json` (this
 * schema), `data.duckdb`, `models/` and `reports/`. Everything the wizard shows is derived from it,
 * so back/next never lose work and reopening a project restores every step.
 */
import { z } from 'zod';
import { DatasetProfileSchema, ImportOptionsSchema, ImportSummarySchema } from './data';
import { FairnessAttributeReportSchema, FairnessMitigationSchema } from './fairness';
import { EvaluationSchema } from './metrics';
import { PrivacyScanSchema, PrivacySettingsSchema } from './privacy';
import { RecipeStepSchema } from './recipe';
import { LocaleSchema } from './report';
import { ThresholdChoiceSchema, TrainingRecordSchema } from './train';

export const WizardStepSchema = z.enum([
  'welcome',
  'import',
  'target',
  'clean',
  'train',
  'results',
  'fairness',
  'privacy',
  'export',
]);
export type WizardStep = z.infer<typeof WizardStepSchema>;

export const DataSourceSchema = z.object({
  /** Absolute path of the imported file (never written to). */
  path: z.string(),
  name: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  /** Whether the file was copied into the project folder (web upload, bundled sample). */
  copied: z.boolean(),
});
export type DataSource = z.infer<typeof DataSourceSchema>;

export const ModelStateSchema = z.object({
  runId: z.string(),
  trainedAt: z.string(),
  /** Folder of the model package inside the project, relative to it. */
  dir: z.string(),
  record: TrainingRecordSchema,
  evaluation: EvaluationSchema,
  threshold: z.number(),
  thresholdPolicy: z.string(),
  /** The threshold's policy with its numbers and what it achieved on validation data; absent in older projects. */
  thresholdChoice: ThresholdChoiceSchema.optional(),
  features: z.array(z.string()),
  excluded: z.array(z.object({ column: z.string(), reason: z.string() })),
  positiveClass: z.string().nullable(),
  classes: z.array(z.string()),
  /** Bias mitigation applied to this model (SPEC §7): which method, on what, and its cost. */
  mitigation: FairnessMitigationSchema.optional(),
});
export type ModelState = z.infer<typeof ModelStateSchema>;

export const ProjectSchema = z.object({
  format: z.literal('modelwise-project'),
  version: z.literal(1),
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  appVersion: z.string(),
  locale: LocaleSchema.default('en'),
  step: WizardStepSchema.default('import'),
  /** Steps the user has looked at since their inputs last changed (the step list's ticks). */
  visited: z.array(WizardStepSchema).default([]),
  data: z
    .object({
      source: DataSourceSchema,
      importOptions: ImportOptionsSchema,
      summary: ImportSummarySchema,
    })
    .nullable()
    .default(null),
  templateId: z.string().default('general'),
  target: z.string().nullable().default(null),
  positiveClass: z.string().nullable().default(null),
  sensitive: z.array(z.string()).default([]),
  /**
   * Which prediction is favourable for the person (fairness selection rates are rates of it); null
   * takes the template's (SPEC §4: user-chosen in the general template).
   */
  favourableOutcome: z.enum(['predicted_positive', 'predicted_negative']).nullable().default(null),
  /**
   * Multiclass models: the class whose prediction is favourable for the person (fairness selection
   * rates are one-vs-rest rates of it); null compares the share predicted as each class instead.
   */
  favourableClass: z.string().nullable().default(null),
  recipe: z
    .object({
      steps: z.array(RecipeStepSchema).default([]),
      /** Steps undone, most recent last; redo pops from here. */
      undone: z.array(RecipeStepSchema).default([]),
      /**
       * Sizes of the batches the steps were added in (one "Apply all proposals" is one batch), so
       * one undo takes back what one click did. Sums to `steps.length`; missing entries count as 1.
       */
      batches: z.array(z.number().int().positive()).default([]),
      /** Sizes of the undone batches, most recent last. */
      undoneBatches: z.array(z.number().int().positive()).default([]),
    })
    .default({ steps: [], undone: [], batches: [], undoneBatches: [] }),
  profile: DatasetProfileSchema.nullable().default(null),
  /** Training settings over the template defaults. */
  settings: z.record(z.string(), z.unknown()).default({}),
  model: ModelStateSchema.nullable().default(null),
  fairness: z.array(FairnessAttributeReportSchema).default([]),
  /** Intersections of two sensitive attributes to assess (SPEC §7), as column pairs. */
  intersections: z.array(z.array(z.string()).length(2)).default([]),
  /**
   * The last bias mitigation run (SPEC §7) and, for reweighing, the retrained model waiting for
   * the user's decision; the model in use changes only when the user chooses the mitigated one.
   */
  mitigation: z
    .object({ result: FairnessMitigationSchema, candidate: ModelStateSchema.nullable() })
    .nullable()
    .default(null),
  privacy: PrivacyScanSchema.nullable().default(null),
  /** The user's choices for the re-identification risk (quasi-identifiers, k). */
  privacySettings: PrivacySettingsSchema.default({ quasiIdentifiers: null, k: null }),
  exports: z.array(z.object({ kind: z.enum(['pdf', 'html', 'json']), path: z.string(), at: z.string() })).default([]),
});
export type Project = z.output<typeof ProjectSchema>;
export type ProjectInput = z.input<typeof ProjectSchema>;

export const RecentProjectSchema = z.object({ path: z.string(), name: z.string(), openedAt: z.string() });
export type RecentProject = z.infer<typeof RecentProjectSchema>;

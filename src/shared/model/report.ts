/**
 * `ReportModel`: everything the PDF/HTML report shows, as data. `buildReport()` in the engine
 * makes it; `report.html` in the renderer draws it. Versioned so older reports stay readable.
 */
import { z } from 'zod';
import { DatasetProfileSchema, ImportSummarySchema } from './data';
import { FairnessAttributeReportSchema, FairnessMitigationSchema } from './fairness';
import { EvaluationSchema } from './metrics';
import { PrivacyAssessmentSchema, PrivacyScanSchema } from './privacy';
import { RecipeSchema } from './recipe';
import { MetricIdSchema, ThresholdRuleSchema } from './template';
import { TaskTypeSchema, TrainingRecordSchema } from './train';

export const LocaleSchema = z.enum(['en', 'zh']);
export type Locale = z.infer<typeof LocaleSchema>;

/** A sentence of the report as an i18n key and its parameters, so the report can be translated. */
export const MessageSchema = z.object({
  key: z.string(),
  /** A list (of column names, say) is written in the reader's language: "a, b" or "a、b". */
  params: z
    .record(
      z.string(),
      z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.union([z.string(), z.number(), z.null()]))]),
    )
    .default({}),
});
export type Message = z.infer<typeof MessageSchema>;

export const ReportModelSchema = z.object({
  schemaVersion: z.literal(1),
  title: z.string(),
  locale: LocaleSchema,
  /** Paper of the printed report; A4 when absent (SPEC §9: chosen by locale, or by the user). */
  paper: z.enum(['A4', 'Letter']).optional(),
  createdAt: z.string(),
  meta: z.object({
    appVersion: z.string(),
    backend: z.string(),
    seed: z.number().int(),
    inputFile: z.string(),
    inputSha256: z.string(),
    testFile: z.string().nullable(),
    testSha256: z.string().nullable(),
    templateId: z.string(),
    templateName: z.object({ en: z.string(), zh: z.string() }),
    platform: z.string(),
    nodeVersion: z.string(),
  }),
  task: TaskTypeSchema,
  target: z.string(),
  positiveClass: z.string().nullable(),
  headlineMetrics: z.array(MetricIdSchema),
  /** The template's favourable outcome (approval = predicted negative in finance), for rates of it. */
  favourableOutcome: z.enum(['predicted_positive', 'predicted_negative']).optional(),
  /**
   * Binary tasks: the decision threshold on P(positive), the policy it was chosen by with the
   * numbers used (the user's or the template's), and what that policy measures on the validation
   * and test rows (the keys of `ThresholdChoice.achieved`); absent in older reports.
   */
  threshold: z
    .object({
      value: z.number(),
      rule: ThresholdRuleSchema,
      source: z.enum(['template', 'user']),
      approval: z.enum(['predicted_positive', 'predicted_negative']).optional(),
      validation: z.record(z.string(), z.number()),
      test: z.record(z.string(), z.number()),
    })
    .optional(),
  summary: z.array(MessageSchema),
  data: z.object({
    import: ImportSummarySchema,
    testImport: ImportSummarySchema.nullable(),
    profile: DatasetProfileSchema.nullable(),
    recipe: RecipeSchema,
    features: z.array(z.string()),
    excluded: z.array(z.object({ column: z.string(), reason: z.string() })),
    rowsAfterCleaning: z.number().int(),
  }),
  training: TrainingRecordSchema,
  evaluation: EvaluationSchema,
  fairness: z.array(FairnessAttributeReportSchema),
  /** The last bias mitigation run (SPEC §7) and whether it is in use; absent when none was run. */
  mitigation: FairnessMitigationSchema.optional(),
  privacy: PrivacyScanSchema,
  /** Re-identification risk and the regulation checklist; absent in older reports. */
  privacyAssessment: PrivacyAssessmentSchema.optional(),
  modelCard: z.object({
    intendedUse: z.string(),
    outOfScope: z.string(),
    limitations: z.array(MessageSchema),
  }),
});
export type ReportModel = z.infer<typeof ReportModelSchema>;
export type ReportModelInput = z.input<typeof ReportModelSchema>;

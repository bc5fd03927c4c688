/**
 * The job protocol between the back end and an engine host process (DESIGN "Work off the main
 * thread"): requests carry `seq` and a `type`; events and the final result or error carry the same
 * `seq`. Also the event payloads `runJob` reports through `onEvent`.
 */
import { z } from 'zod';
import { UserErrorDataSchema } from './errors';
import { ImportOptionsSchema } from './model/data';
import { RecipeStepSchema } from './model/recipe';
import { LocaleSchema } from './model/report';
import { EpochLogSchema } from './model/train';

export const ProgressEventSchema = z.object({
  type: z.literal('progress'),
  /** Pipeline stage, e.g. `import`, `profile`, `train`, `evaluate`, `fairness`, `privacy`, `report`. */
  stage: z.string(),
  /** Done fraction of the stage in [0, 1], or null when unknown. */
  fraction: z.number().min(0).max(1).nullable(),
  /** Estimated seconds left in the stage, or null. */
  etaSeconds: z.number().nullable().optional(),
  message: z.string().optional(),
});
export const EpochEventSchema = EpochLogSchema.extend({ type: z.literal('epoch'), maxEpochs: z.number().int() });
export const LogEventSchema = z.object({
  type: z.literal('log'),
  level: z.enum(['info', 'warn', 'error']),
  message: z.string(),
});
export const JobEventSchema = z.discriminatedUnion('type', [ProgressEventSchema, EpochEventSchema, LogEventSchema]);
export type JobEvent = z.infer<typeof JobEventSchema>;
export type ProgressEvent = z.infer<typeof ProgressEventSchema>;
export type EpochEvent = z.infer<typeof EpochEventSchema>;

/** Host → back end messages. */
export const HostMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ready'), pid: z.number().int() }),
  z.object({ kind: z.literal('event'), seq: z.number().int(), event: JobEventSchema }),
  z.object({ kind: z.literal('result'), seq: z.number().int(), value: z.unknown() }),
  z.object({ kind: z.literal('error'), seq: z.number().int(), error: UserErrorDataSchema }),
]);
export type HostMessage = z.infer<typeof HostMessageSchema>;

/** Back end → host messages. */
export const HostRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('request'), seq: z.number().int(), type: z.string(), payload: z.unknown() }),
  z.object({ kind: z.literal('cancel'), seq: z.number().int() }),
  z.object({ kind: z.literal('shutdown') }),
]);
export type HostRequest = z.infer<typeof HostRequestSchema>;

/** `modelwise profile`: import a file and describe it. */
export const ProfileJobSchema = z.object({
  type: z.literal('profile'),
  file: z.string().min(1),
  importOptions: ImportOptionsSchema.default({ onBadRow: 'skip' }),
  /** Include the first N parsed rows. */
  rows: z.number().int().min(0).optional(),
  /** Also compute the full profile (statistics and warnings). */
  profile: z.boolean().default(false),
  target: z.string().optional(),
});
export type ProfileJob = z.input<typeof ProfileJobSchema>;

/** `modelwise run`: the whole pipeline from a file to a report. */
export const RunJobSchema = z.object({
  type: z.literal('run'),
  file: z.string().min(1),
  importOptions: ImportOptionsSchema.default({ onBadRow: 'skip' }),
  /** A separate test file, read with the same options; otherwise 15 % of the rows are held out. */
  testFile: z.string().min(1).optional(),
  target: z.string().min(1),
  template: z.string().default('general'),
  /** Sensitive attributes; a repeated name counts once. */
  sensitive: z
    .array(z.string())
    .default([])
    .transform((names) => [...new Set(names)]),
  /** Overrides the template's favourable outcome (which prediction is favourable for the person). */
  favourableOutcome: z.enum(['predicted_positive', 'predicted_negative']).optional(),
  recipe: z.array(RecipeStepSchema).default([]),
  /** Training settings over the template's defaults. */
  settings: z.record(z.string(), z.unknown()).default({}),
  locale: LocaleSchema.default('en'),
  title: z.string().optional(),
  outputs: z
    .object({
      pdf: z.string().optional(),
      json: z.string().optional(),
      html: z.string().optional(),
      /** The model package: a folder, or one `.zip` file when the path ends in `.zip`. */
      modelDir: z.string().optional(),
    })
    .default({}),
  chromium: z.string().optional(),
});
export type RunJob = z.input<typeof RunJobSchema>;

/** `modelwise score`: apply a saved model package to new data. */
export const ScoreJobSchema = z.object({
  type: z.literal('score'),
  file: z.string().min(1),
  importOptions: ImportOptionsSchema.default({ onBadRow: 'skip' }),
  /** The model package: its folder or its `.zip`. */
  modelDir: z.string().min(1),
  out: z.string().min(1),
  /** How many of the first scored rows to answer with (for the app's preview). */
  preview: z.number().int().min(0).max(100).default(0),
});
export type ScoreJob = z.input<typeof ScoreJobSchema>;

/** Zip a model package folder into one `.zip` file (the app's "Export model package"). */
export const PackageJobSchema = z.object({
  type: z.literal('package'),
  modelDir: z.string().min(1),
  out: z.string().min(1),
});
export type PackageJob = z.input<typeof PackageJobSchema>;

export const JobSchema = z.discriminatedUnion('type', [
  ProfileJobSchema,
  RunJobSchema,
  ScoreJobSchema,
  PackageJobSchema,
]);
export type Job = z.input<typeof JobSchema>;

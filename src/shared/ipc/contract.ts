/**
 * The one contract between the renderer and the back end (DESIGN "IPC contract"). Every channel
 * `'<domain>:<verb>'` maps to a zod request and response schema; every event `'<domain>:<event>'`
 * to a payload schema. Both transports (Electron IPC and the loopback web transport) carry exactly
 * these, validated on both sides. `ModelwiseApi` — what the renderer calls — is derived from it.
 *
 * Adding a channel: here → backend handler → preload (generated from this list) → bridge → test.
 */
import { z } from 'zod';
import { UserErrorDataSchema, type UserErrorData } from '../errors';
import { CellSchema, DatasetProfileSchema, ImportOptionsSchema, ImportSummarySchema } from '../model/data';
import { FairnessAttributeReportSchema, MitigationConstraintSchema, MitigationMethodSchema } from '../model/fairness';
import { BinaryMetricsSchema } from '../model/metrics';
import { PrivacyAssessmentSchema, PrivacyScanSchema } from '../model/privacy';
import { ProjectSchema, RecentProjectSchema, WizardStepSchema } from '../model/project';
import { RecipeStepSchema } from '../model/recipe';
import { LocaleSchema, ReportModelSchema } from '../model/report';
import { TemplateSchema } from '../model/template';
import { EpochLogSchema } from '../model/train';

const Empty = z.object({}).strict();
const Ok = z.object({ ok: z.literal(true) });

/** The open project and where it lives. */
export const ProjectViewSchema = z.object({ path: z.string(), project: ProjectSchema });
export type ProjectView = z.infer<typeof ProjectViewSchema>;

export const PreviewSchema = z.object({
  offset: z.number().int(),
  total: z.number().int(),
  rows: z.array(z.record(z.string(), CellSchema)),
});
export type Preview = z.infer<typeof PreviewSchema>;

export const SampleSchema = z.object({
  id: z.string(),
  templateId: z.string(),
  file: z.string(),
  name: z.object({ en: z.string(), zh: z.string() }),
  target: z.string(),
  sensitive: z.array(z.string()),
  licence: z.string(),
});
export type Sample = z.infer<typeof SampleSchema>;

export const AppInfoSchema = z.object({
  version: z.string(),
  transport: z.enum(['electron', 'web']),
  platform: z.string(),
  samples: z.array(SampleSchema),
  /** Where new projects go by default. */
  projectsDir: z.string(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const SuggestionsSchema = z.object({
  targets: z.array(z.string()),
  /** Labels of the current target, with counts, most frequent first. */
  targetLabels: z.array(z.object({ label: z.string(), count: z.number().int() })),
  /** Positive class the template would choose for the current target. */
  positiveClass: z.string().nullable(),
  task: z.enum(['binary', 'multiclass', 'regression']).nullable(),
  sensitive: z.array(
    z.object({ column: z.string(), label: z.object({ en: z.string(), zh: z.string() }), useAsFeature: z.boolean() }),
  ),
});
export type Suggestions = z.infer<typeof SuggestionsSchema>;

export const ProposalSchema = z.object({
  code: z.string(),
  column: z.string().optional(),
  message: z.string(),
  /** The warning's parameters, which its `warnings.<code>` message reads. */
  params: z.record(z.string(), z.unknown()).optional(),
  step: RecipeStepSchema,
});

export const CleanViewSchema = z.object({
  project: ProjectViewSchema,
  profile: DatasetProfileSchema,
  proposals: z.array(ProposalSchema),
  /** Rows after the recipe. */
  rowCount: z.number().int(),
});
export type CleanView = z.infer<typeof CleanViewSchema>;

export const ExportResultSchema = z.object({
  path: z.string(),
  /** Web transport: a URL that downloads the file (see `Downloads`). */
  downloadUrl: z.string().nullable(),
});
export type ExportResult = z.infer<typeof ExportResultSchema>;

/** New data scored with the project's model: the CSV written, and its first rows. */
export const ScoreResultSchema = ExportResultSchema.extend({
  /** Rows scored (every row of the file that was read). */
  rows: z.number().int().min(0),
  /** Columns scoring added, in file order: `predicted_<target>`, then `probability_<class>` ones. */
  added: z.array(z.string()),
  /** The first rows of the scored file, column name → value. */
  preview: z.array(z.record(z.string(), CellSchema)),
});
export type ScoreResult = z.infer<typeof ScoreResultSchema>;

/** What to mitigate and how (SPEC §7): a column or the two of an intersection. */
export const MitigationRequestSchema = z.object({
  method: MitigationMethodSchema,
  columns: z.array(z.string()).min(1).max(2),
  /** Per-group thresholds: what to equalize (default demographic parity). */
  constraint: MitigationConstraintSchema.default('demographic_parity'),
});
export type MitigationRequest = z.output<typeof MitigationRequestSchema>;

/** Request/response schemas of every channel. */
export const channels = {
  'app:info': { request: Empty, response: AppInfoSchema },

  'project:create': {
    request: z.object({ name: z.string().min(1).max(120), dir: z.string().optional() }),
    response: ProjectViewSchema,
  },
  'project:open': { request: z.object({ path: z.string().min(1) }), response: ProjectViewSchema },
  'project:recent': { request: Empty, response: z.array(RecentProjectSchema) },
  'project:current': { request: Empty, response: ProjectViewSchema.nullable() },
  'project:update': {
    request: z.object({
      // Not ProjectSchema.shape.step: its default would fill in 'import' whenever a patch omits the step.
      step: WizardStepSchema.optional(),
      visited: z.array(WizardStepSchema).optional(),
      locale: LocaleSchema.optional(),
      templateId: z.string().optional(),
      target: z.string().nullable().optional(),
      positiveClass: z.string().nullable().optional(),
      sensitive: z.array(z.string()).optional(),
      favourableOutcome: z.enum(['predicted_positive', 'predicted_negative']).nullable().optional(),
      favourableClass: z.string().nullable().optional(),
      settings: z.record(z.string(), z.unknown()).optional(),
    }),
    response: ProjectViewSchema,
  },
  'project:close': { request: Empty, response: Ok },

  'data:import': {
    request: z.object({ path: z.string().min(1), options: ImportOptionsSchema.optional() }),
    response: z.object({ project: ProjectViewSchema, summary: ImportSummarySchema, preview: PreviewSchema }),
  },
  'data:sample': {
    request: z.object({ sampleId: z.string() }),
    response: z.object({ project: ProjectViewSchema, summary: ImportSummarySchema, preview: PreviewSchema }),
  },
  'data:cancelImport': { request: Empty, response: Ok },
  'data:preview': {
    request: z.object({
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(500),
      clean: z.boolean().default(false),
    }),
    response: PreviewSchema,
  },
  'data:clean': { request: Empty, response: CleanViewSchema },
  'data:setRecipe': { request: z.object({ steps: z.array(RecipeStepSchema) }), response: CleanViewSchema },
  'data:addSteps': { request: z.object({ steps: z.array(RecipeStepSchema).min(1) }), response: CleanViewSchema },
  'data:undo': { request: Empty, response: CleanViewSchema },
  'data:redo': { request: Empty, response: CleanViewSchema },

  'template:list': { request: Empty, response: z.array(TemplateSchema) },
  'template:suggest': { request: Empty, response: SuggestionsSchema },

  'train:start': {
    request: z.object({ settings: z.record(z.string(), z.unknown()).optional() }),
    response: z.object({ runId: z.string() }),
  },
  'train:cancel': { request: z.object({ runId: z.string() }), response: Ok },

  'results:get': { request: Empty, response: ProjectViewSchema },
  'results:atThreshold': { request: z.object({ threshold: z.number().min(0).max(1) }), response: BinaryMetricsSchema },

  'fairness:assess': {
    request: z.object({
      attributes: z.array(z.string()).min(1),
      /** Intersections of two columns to assess as well (SPEC §7); absent: the project's saved ones. */
      intersections: z.array(z.array(z.string()).length(2)).optional(),
    }),
    response: z.array(FairnessAttributeReportSchema),
  },
  /**
   * Bias mitigation of a binary model for one attribute (SPEC §7), in an engine host: per-group
   * thresholds chosen on the validation split, or reweighing (a retraining run in its own host).
   * Progress arrives as `job:progress` events of kind `fairness`. The answer holds the comparison in
   * `project.mitigation`; the model in use does not change until `fairness:decideMitigation`.
   */
  'fairness:mitigate': {
    request: MitigationRequestSchema,
    response: ProjectViewSchema,
  },
  /** Stop the mitigation in progress (a reweighing retrain); nothing to do when none runs. */
  'fairness:cancelMitigation': { request: Empty, response: Ok },
  /** Use the mitigated model (`use: true`) or keep the original one. */
  'fairness:decideMitigation': { request: z.object({ use: z.boolean() }), response: ProjectViewSchema },

  'privacy:scan': { request: Empty, response: PrivacyScanSchema },
  /**
   * Re-identification risk before and after cleaning, the regulation checklist and the recipe steps
   * offered per column (SPEC §8). A given field is saved in the project first (null: the default
   * quasi-identifiers, or the template's / default k).
   */
  'privacy:assess': {
    request: z.object({
      quasiIdentifiers: z.array(z.string()).nullable().optional(),
      k: z.number().int().min(2).max(1000).nullable().optional(),
    }),
    response: PrivacyAssessmentSchema,
  },

  /** Desktop only: native dialogs. The web transport answers `{ path: null, supported: false }`. */
  'dialog:openFile': {
    request: z.object({ purpose: z.enum(['data', 'project']) }),
    response: z.object({ path: z.string().nullable(), supported: z.boolean() }),
  },
  'dialog:saveFile': {
    request: z.object({ defaultName: z.string(), format: z.enum(['pdf', 'html', 'json', 'csv', 'zip']) }),
    response: z.object({ path: z.string().nullable(), supported: z.boolean() }),
  },

  'report:model': { request: z.object({ locale: LocaleSchema.optional() }), response: ReportModelSchema },
  'report:export': {
    request: z.object({
      format: z.enum(['pdf', 'html', 'json']),
      path: z.string().optional(),
      locale: LocaleSchema.optional(),
    }),
    response: ExportResultSchema,
  },

  /**
   * The trained model as one package file (SPEC §9): a `.zip` holding `model.json` + `weights.bin`
   * (TensorFlow.js), `preprocessing.json` and `recipe.json`, which `modelwise score --model` reads.
   * Desktop: written to `path` (from the save dialog); web: offered as a download.
   */
  'model:export': { request: z.object({ path: z.string().optional() }), response: ExportResultSchema },
  /**
   * Score new data (SPEC §6) with the project's model in an engine host: the data file at `path`
   * (from the open dialog, a drop, or the upload endpoint) → the same rows with prediction and
   * probability columns, as CSV at `out` (desktop, from the save dialog) or as a download (web).
   * Progress arrives as `job:progress` events of kind `score`.
   */
  'model:score': {
    request: z.object({ path: z.string().min(1), out: z.string().optional() }),
    response: ScoreResultSchema,
  },
  /** Stop the scoring in progress (cooperative, then its host is killed); nothing to do when none runs. */
  'model:cancelScore': { request: Empty, response: Ok },
} as const;

/** Payload schemas of every event (back end → renderer). */
export const events = {
  'job:progress': z.object({
    jobId: z.string(),
    kind: z.enum(['import', 'train', 'report', 'clean', 'score', 'fairness']),
    stage: z.string(),
    fraction: z.number().min(0).max(1).nullable(),
    etaSeconds: z.number().nullable(),
    message: z.string().optional(),
  }),
  'train:epoch': EpochLogSchema.extend({ runId: z.string(), maxEpochs: z.number().int() }),
  'train:finished': z.object({
    runId: z.string(),
    ok: z.boolean(),
    cancelled: z.boolean(),
    error: UserErrorDataSchema.nullable(),
    project: ProjectViewSchema.nullable(),
  }),
} as const;

export type Channels = typeof channels;
export type Channel = keyof Channels;
export type Events = typeof events;
export type EventName = keyof Events;

export type Request<C extends Channel> = z.input<Channels[C]['request']>;
export type Response<C extends Channel> = z.output<Channels[C]['response']>;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

/** Every call answers with a value or a typed error (code, i18n key, parameters) — never throws. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: UserErrorData };

export const channelNames = Object.keys(channels) as Channel[];
export const eventNames = Object.keys(events) as EventName[];

type DomainOf<K extends string> = K extends `${infer D}:${string}` ? D : never;
type VerbOf<K extends string, D extends string> = K extends `${D}:${infer V}` ? V : never;
type OnName<V extends string> = `on${Capitalize<V>}`;

/**
 * Wire protocol of the loopback web transport (`backend/web`), spoken by `renderer/src/lib/webClient.ts`:
 * - the page is served at `/`; the launch URL carries `?token=…`, traded for an HttpOnly SameSite=Strict cookie;
 * - `POST /api/call/<channel>` with the JSON request → JSON `Result`;
 * - `GET /api/events` upgraded to a WebSocket → messages `{ "event": name, "payload": … }`;
 * - `POST /api/upload?name=<file name>` with the raw bytes → `Result<{ path }>`;
 * - `GET /api/download/<id>` → the exported file (as an attachment).
 * Every request needs the token (cookie or `x-modelwise-token`), its own Host and no foreign Origin.
 */
export const WEB_API = {
  call: '/api/call/',
  events: '/api/events',
  upload: '/api/upload',
  download: '/api/download/',
  tokenCookie: 'mw_token',
  tokenHeader: 'x-modelwise-token',
} as const;

/** Desktop-only extras the preload adds beside the contract (drag-and-drop file paths). */
export interface DesktopExtras {
  /** `webUtils.getPathForFile` for a dropped DOM `File`. */
  files: { pathForFile(file: unknown): string };
}

/**
 * What the renderer sees (`window.modelwise` in Electron, the web client otherwise):
 * `api.project.open({ path })`, `api.train.onEpoch(cb) → unsubscribe`.
 */
export type ModelwiseApi = {
  [D in DomainOf<Channel | EventName>]: {
    [V in VerbOf<Channel, D>]: (
      request: Request<`${D}:${V}` & Channel>,
    ) => Promise<Result<Response<`${D}:${V}` & Channel>>>;
  } & {
    [V in VerbOf<EventName, D> as OnName<V>]: (
      listener: (payload: EventPayload<`${D}:${V}` & EventName>) => void,
    ) => () => void;
  };
};

/** `domain:verb` → `['domain', 'verb']`. */
export function splitName(name: string): [string, string] {
  const i = name.indexOf(':');
  return [name.slice(0, i), name.slice(i + 1)];
}

/** `train:epoch` → `onEpoch`. */
export function listenerName(event: EventName): string {
  const verb = splitName(event)[1];
  return `on${verb.charAt(0).toUpperCase()}${verb.slice(1)}`;
}

/** Parse a request for `channel`; the parsed value or the zod error message. */
export function parseRequest<C extends Channel>(
  channel: C,
  raw: unknown,
): { ok: true; value: z.output<Channels[C]['request']> } | { ok: false; message: string } {
  const r = channels[channel].request.safeParse(raw ?? {});
  if (r.success) return { ok: true, value: r.data as z.output<Channels[C]['request']> };
  const issue = r.error.issues[0];
  return { ok: false, message: `${issue?.path.join('.') || 'request'}: ${issue?.message ?? 'invalid'}` };
}

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}

/**
 * The wizard's state (DESIGN "Examples to follow" 8): one class with runes, shared with every step
 * through a typed context. Whatever must survive is in the project, which the back end saves on
 * every call — so Back and Next never lose work and a reopened project resumes where it was; this
 * class only caches what the back end answered (the preview page, the profile, suggestions) and
 * tracks the work in progress (busy, progress, errors, the training run).
 *
 * Every back-end call goes through `call()`: it marks the wizard busy, turns an error answer into
 * the banner (with a Retry where one makes sense) and never throws, so a failure leaves the wizard
 * usable.
 */
import { getContext, setContext } from 'svelte';
import type { UserErrorData } from '../../../shared/errors';
import type {
  AppInfo,
  CleanView,
  EventPayload,
  ModelwiseApi,
  Preview,
  ProjectView,
  Request,
  Result,
  Sample,
  ScoreResult,
  Suggestions,
} from '../../../shared/ipc/contract';
import type { ColumnType, ImportOptions, ImportSummary } from '../../../shared/model/data';
import type { FairnessAttributeReport } from '../../../shared/model/fairness';
import type { BinaryMetrics } from '../../../shared/model/metrics';
import { withModelFeatures, type PrivacyAssessment, type PrivacyScan } from '../../../shared/model/privacy';
import type { Project, RecentProject, WizardStep } from '../../../shared/model/project';
import { AugmentationStepSchema, type AugmentationStep, type RecipeStep } from '../../../shared/model/recipe';
import type { Locale } from '../../../shared/model/report';
import type { Template, ThresholdRule } from '../../../shared/model/template';
import { resolveThresholdRule, type EpochLog } from '../../../shared/model/train';
import { i18n, setLocale } from '../lib/i18n.svelte';
import { sameJson } from '../../../shared/json';
import type { Platform } from '../lib/bridge';
import { nextStep, previousStep, resumeStep, stepDef, stepSet, STEP_ORDER, visitedBefore } from './steps';
import { suggestedTargets } from '../../../shared/targets';
import { parseThresholdDraft, type ThresholdDraft, type ThresholdErrors } from './threshold';

export type JobKind = EventPayload<'job:progress'>['kind'];
export type ExportFormat = Request<'report:export'>['format'];

/** Long work the user is waiting for, with what the progress bar shows. */
export interface Progress {
  kind: JobKind | 'upload';
  /** Stage code (`upload`, `import`, `profile`, …), translated as `wizard.stage.<stage>`. */
  stage: string;
  /** Done fraction in [0, 1], or null when unknown (an indeterminate bar). */
  fraction: number | null;
  /** Estimated seconds left, or null. */
  etaSeconds: number | null;
}

export interface TrainRun {
  /** Null until `train:start` answers. */
  runId: string | null;
  status: 'starting' | 'running' | 'cancelling' | 'done' | 'cancelled' | 'failed';
  epochs: (EpochLog & { maxEpochs: number })[];
  maxEpochs: number;
  error: UserErrorData | null;
  /** Compute backend reported while training (`wasm`, `tensorflow`…), when the back end says. */
  backend: string | null;
  /** Estimated seconds left from the back end, when it sends one. */
  etaSeconds: number | null;
  /** The back end's last stage of the run (`prepare`, `record`…), or null. */
  stage: string | null;
}

/**
 * A change that makes the back end discard the trained model (and its results), held until the
 * user confirms it (SPEC §1: back/next never lose work). Each kind carries what it needs to be
 * made later and what the controls show while the question is open; the message is
 * `wizard.confirm.<kind>`. Sensitive attributes, the favourable outcome (unless the threshold was
 * chosen for an approval rate) and "Train again" discard
 * no model and are not asked about.
 */
export type PendingChange =
  // Template & target.
  | { kind: 'template'; value: string }
  | { kind: 'target'; value: string }
  | { kind: 'positiveClass'; value: string | null }
  // The cleaning recipe (Clean & augment, and "Convert to dates" on Import).
  | { kind: 'applyProposals'; steps: RecipeStep[] }
  | { kind: 'addStep'; step: RecipeStep }
  | { kind: 'removeStep'; index: number; step: RecipeStep }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'convertDates'; column: string }
  // Training settings: augmentation (Clean & augment), Train → Advanced, back to the defaults.
  | { kind: 'augmentation'; settings: Record<string, unknown> }
  | { kind: 'settings'; settings: Record<string, unknown> }
  | { kind: 'resetSettings'; settings: Record<string, unknown> }
  // How the decision threshold is chosen, with its numbers (Train → Decision threshold).
  | { kind: 'threshold'; settings: Record<string, unknown> }
  // Fairness: the favourable outcome, when the model's threshold was chosen for an approval rate
  // (approval = the favourable prediction), so it no longer means what it was chosen for.
  | { kind: 'favourable'; outcome: 'predicted_positive' | 'predicted_negative'; attributes: string[] }
  // Importing again: another file (a dropped `File` is uploaded only once confirmed), a column
  // type, the reading options.
  | { kind: 'import'; source: File | string; name: string; options?: ImportOptions }
  | { kind: 'columnType'; column: string; type: ColumnType }
  | { kind: 'importOptions'; path: string; options?: ImportOptions };

export type PendingKind = PendingChange['kind'];

/** Kinds of `PendingChange` that change the training settings (and carry the new ones). */
const SETTINGS_KINDS = ['augmentation', 'settings', 'resetSettings', 'threshold'] as const;

export interface ExportDone {
  format: ExportFormat;
  path: string;
  downloadUrl: string | null;
}

/** The model package written by "Export model package". */
export interface ModelExportDone {
  path: string;
  downloadUrl: string | null;
}

/** New data scored with the model: what the back end answered, and the data file's name. */
export interface ScoreDone extends ScoreResult {
  /** The scored data file's name, as the user knows it. */
  source: string;
}

export interface Banner {
  error: UserErrorData;
  /** Runs the failed action again. */
  retry: (() => Promise<unknown>) | null;
}

export interface WizardOptions {
  /** Milliseconds since some fixed point, for estimates (injected in tests). */
  now?: () => number;
}

/** Training settings the wizard shows and edits, with the defaults SPEC §5 names. */
export const TRAIN_DEFAULTS = {
  hiddenLayers: [128],
  dropout: 0.5,
  learningRate: 0.001,
  batchSize: 64,
  maxEpochs: 100,
  patience: 10,
  optimizer: 'adam',
  seed: 42,
  classWeights: false,
} as const;

/** Elapsed seconds below which a rate is noise (an upload's first chunks fill buffers at once). */
export const MIN_ESTIMATE_SECONDS = 1;

/**
 * Seconds left from the elapsed time and the done fraction, assuming a steady rate; null before
 * anything is measurable (nothing done yet, or less than `MIN_ESTIMATE_SECONDS` elapsed).
 */
export function estimateSeconds(elapsedSeconds: number, fraction: number | null): number | null {
  if (fraction === null || fraction <= 0 || elapsedSeconds < MIN_ESTIMATE_SECONDS) return null;
  if (fraction >= 1) return 0;
  return (elapsedSeconds * (1 - fraction)) / fraction;
}

/** Runs a transport call; a throw (a bug below us) becomes an `INTERNAL` error rather than escaping. */
export async function attempt<T>(fn: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await fn();
  } catch (err) {
    return {
      ok: false,
      error: {
        code: 'INTERNAL',
        key: 'errors.INTERNAL',
        params: { message: err instanceof Error ? err.message : String(err) },
      },
    };
  }
}

/** A name for files and projects made from `text`: no path separators or control characters. */
export function safeFileName(text: string): string {
  const cleaned = text
    // eslint-disable-next-line no-control-regex -- control characters are what this removes
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned.slice(0, 100) || 'modelwise';
}

/** The file name without its folder and extension. */
export function baseName(path: string, keepExtension = false): string {
  const name = path.split(/[\\/]/).pop() ?? path;
  return keepExtension ? name : name.replace(/\.[^.]+$/, '') || name;
}

export class WizardState {
  readonly api: ModelwiseApi;
  readonly platform: Platform;
  private readonly now: () => number;

  info = $state.raw<AppInfo | null>(null);
  view = $state.raw<ProjectView | null>(null);
  project = $derived<Project | null>(this.view?.project ?? null);
  step = $state<WizardStep>('welcome');
  recent = $state.raw<RecentProject[]>([]);
  templates = $state.raw<Template[]>([]);

  /** i18n keys of the actions in flight, most recent last. */
  activity = $state.raw<string[]>([]);
  busy = $derived<string | null>(this.activity.at(-1) ?? null);
  progress = $state.raw<Progress | null>(null);
  banner = $state.raw<Banner | null>(null);
  /**
   * A recipe change the back end refused (a step that cannot run, or that would take the target
   * away): shown beside the Clean step's recipe form rather than at the top.
   */
  recipeBanner = $state.raw<Banner | null>(null);
  /** A short message that is not an error (e.g. "Import cancelled"), as an i18n key. */
  notice = $state<string | null>(null);

  /** The last import's summary and the preview page on screen. */
  importSummary = $state.raw<ImportSummary | null>(null);
  preview = $state.raw<Preview | null>(null);
  readonly pageSize = 20;

  suggestions = $state.raw<Suggestions | null>(null);
  clean = $state.raw<CleanView | null>(null);
  run = $state.raw<TrainRun | null>(null);
  /** Where the Results slider is (a probability in [0, 1]), or null for the model's own threshold. */
  threshold = $state<number | null>(null);
  /** Metrics at `threshold`, once the back end answered; their own `threshold` says for which. */
  thresholdMetrics = $state.raw<BinaryMetrics | null>(null);
  fairnessReports = $state.raw<FairnessAttributeReport[] | null>(null);
  privacyScan = $state.raw<PrivacyScan | null>(null);
  /** Re-identification risk and the regulation checklist on screen (`privacy:assess`). */
  privacyAssessment = $state.raw<PrivacyAssessment | null>(null);
  /** The risk could not be measured: shown in the Privacy step rather than at the top. */
  privacyRiskBanner = $state.raw<Banner | null>(null);
  exports = $state.raw<ExportDone[]>([]);
  /** The last model package exported for the current model. */
  modelExport = $state.raw<ModelExportDone | null>(null);
  /** The last file scored with the current model. */
  scored = $state.raw<ScoreDone | null>(null);
  /** Whether new data is being uploaded or scored (the Export step offers Cancel). */
  scoring = $state(false);
  /** Whether a bias mitigation runs (the Fairness step offers Cancel). */
  mitigating = $state(false);
  /** A mitigation the back end refused or that failed: shown beside the mitigation form. */
  mitigationBanner = $state.raw<Banner | null>(null);
  /**
   * Steps the user has been on since their work was last redone: a review step (Results,
   * Fairness, Privacy) counts as done only once seen, and a new model or new data makes its
   * review steps unseen again. A reopened project counts the steps before its saved step.
   */
  visited = $state.raw<ReadonlySet<WizardStep>>(stepSet());
  /** A change waiting for the user to confirm that the trained model goes (see `PendingChange`). */
  pendingChange = $state.raw<PendingChange | null>(null);
  /** Train → Decision threshold: inputs refused by `saveThresholdPolicy`, with their messages. */
  thresholdErrors = $state.raw<ThresholdErrors>({});

  template = $derived<Template | null>(this.templates.find((t) => t.id === this.project?.templateId) ?? null);
  canNext = $derived(nextStep(this.step, this.project) !== null);
  canBack = $derived(previousStep(this.step, this.project) !== null);
  training = $derived(this.run !== null && ['starting', 'running', 'cancelling'].includes(this.run.status));

  private unsubscribe: (() => void)[] = [];
  private importAbort: AbortController | null = null;
  private scoreAbort: AbortController | null = null;
  private progressStarted = 0;
  /** Runs that ended before `train:start` answered; bookkeeping only, nothing renders it. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private finishedEarly = new Map<string, EventPayload<'train:finished'>>();
  private thresholdSeq = 0;

  constructor(platform: Platform, options: WizardOptions = {}) {
    this.platform = platform;
    this.api = platform.api;
    this.now = options.now ?? (() => Date.now());
  }

  // ---------------------------------------------------------------- lifecycle

  /**
   * Subscribes to the back end's events, reads the app info and the recent projects, and resumes
   * the project the back end still has open (a reloaded page) on its saved step.
   */
  async init(preferred: Locale = 'en'): Promise<void> {
    this.subscribe();
    if (!this.project) setLocale(preferred);
    const [info, recent, current] = await Promise.all([
      this.call(() => this.api.app.info({}), { retry: () => this.init(preferred) }),
      this.call(() => this.api.project.recent({}), { quiet: true }),
      this.call(() => this.api.project.current({}), { quiet: true }),
    ]);
    if (info) this.info = info;
    if (recent) this.recent = recent;
    if (current) await this.adopt(current, true);
  }

  /** Stops listening to events. */
  dispose(): void {
    for (const off of this.unsubscribe.splice(0)) off();
  }

  private subscribe(): void {
    if (this.unsubscribe.length) return;
    this.unsubscribe.push(
      this.api.job.onProgress((p) => this.onProgress(p)),
      this.api.train.onEpoch((e) => this.onEpoch(e)),
      this.api.train.onFinished((f) => this.onFinished(f)),
    );
  }

  // ---------------------------------------------------------------- calls, errors, progress

  /**
   * Runs one back-end call: `busy` names it while it runs; an error answer becomes the banner
   * (a cancellation becomes a notice) unless `quiet`. Answers the value, or null on error.
   */
  async call<T>(
    fn: () => Promise<Result<T>>,
    opts: {
      busy?: string;
      retry?: () => Promise<unknown>;
      quiet?: boolean;
      /** Shows the error where the caller wants it instead of in the banner. */
      onError?: (banner: Banner) => void;
    } = {},
  ): Promise<T | null> {
    if (opts.busy) {
      this.activity = [...this.activity, opts.busy];
      // A new action makes an earlier "Cancelled" notice stale.
      this.notice = null;
    }
    const result = await attempt(fn);
    if (opts.busy) {
      const i = this.activity.lastIndexOf(opts.busy);
      if (i >= 0) this.activity = [...this.activity.slice(0, i), ...this.activity.slice(i + 1)];
    }
    if (result.ok) return result.value;
    if (result.error.code === 'CANCELLED') this.notice = 'wizard.notice.cancelled';
    else if (opts.onError) opts.onError({ error: result.error, retry: opts.retry ?? null });
    else if (!opts.quiet) this.banner = { error: result.error, retry: opts.retry ?? null };
    return null;
  }

  /** Hides the error banner and the notice. */
  dismiss(): void {
    this.banner = null;
    this.notice = null;
  }

  /** Runs the failed action again. */
  async retry(): Promise<void> {
    const retry = this.banner?.retry;
    this.banner = null;
    if (retry) await retry();
  }

  /** Runs the recipe change refused beside the recipe form (`recipeBanner`) again. */
  async retryRecipe(): Promise<void> {
    const retry = this.recipeBanner?.retry;
    this.recipeBanner = null;
    if (retry) await retry();
  }

  private onProgress(p: EventPayload<'job:progress'>): void {
    if (p.kind === 'train') {
      const run = this.run;
      if (!run || (run.runId !== null && p.jobId !== run.runId)) return;
      if (p.stage === 'backend') {
        this.run = { ...run, backend: p.message ?? run.backend };
        return;
      }
      this.run = { ...run, stage: p.stage, etaSeconds: p.etaSeconds ?? run.etaSeconds };
      return;
    }
    const elapsed = (this.now() - this.progressStarted) / 1000;
    this.progress = {
      kind: p.kind,
      stage: p.stage,
      fraction: p.fraction,
      etaSeconds: p.etaSeconds ?? estimateSeconds(elapsed, p.fraction),
    };
  }

  private startProgress(kind: Progress['kind'], stage: string): void {
    this.progressStarted = this.now();
    this.progress = { kind, stage, fraction: null, etaSeconds: null };
  }

  // ---------------------------------------------------------------- navigation

  /**
   * Shows `step` when it can be entered (answers false otherwise), saves it in the project, and
   * loads what the step shows.
   */
  async goTo(step: WizardStep): Promise<boolean> {
    if (!stepDef(step).canEnter(this.project)) return false;
    this.step = step;
    this.markVisited(step);
    this.notice = null;
    this.pendingChange = null;
    this.recipeBanner = null;
    if (this.banner && !this.training) this.banner = null;
    const visited = [...this.visited];
    const seenChanged = this.project && visited.some((s) => !this.project!.visited.includes(s));
    if (this.project && step !== 'welcome' && (this.project.step !== step || seenChanged)) {
      const view = await this.call(() => this.api.project.update({ step, visited }), { quiet: true });
      if (view) this.view = view;
    }
    await this.enter(step);
    return true;
  }

  async next(): Promise<boolean> {
    const to = nextStep(this.step, this.project);
    return to ? this.goTo(to) : false;
  }

  async back(): Promise<boolean> {
    const to = previousStep(this.step, this.project);
    return to ? this.goTo(to) : false;
  }

  private markVisited(step: WizardStep): void {
    if (!this.visited.has(step)) this.visited = stepSet([...this.visited, step]);
  }

  /** Forgets that the user saw `steps` (their work was redone). */
  private unvisit(steps: readonly WizardStep[]): void {
    if (steps.some((s) => this.visited.has(s)))
      this.visited = stepSet([...this.visited].filter((s) => !steps.includes(s)));
  }

  /** Forgets what was shown about the previous model: slider, metrics, fairness, package, scores. */
  private forgetModelViews(): void {
    this.threshold = null;
    this.thresholdMetrics = null;
    this.fairnessReports = null;
    this.modelExport = null;
    this.scored = null;
    this.privacyAssessment = null;
  }

  /** Loads what a step shows when it is entered. */
  private async enter(step: WizardStep): Promise<void> {
    switch (step) {
      case 'welcome':
        await this.refreshRecent();
        break;
      case 'import':
        if (this.project?.data && !this.preview) await this.loadPreview(0);
        break;
      case 'target':
        await this.loadTemplates();
        await this.prefillTarget();
        break;
      case 'clean':
        await this.loadClean();
        break;
      case 'train':
        await this.loadTemplates();
        break;
      case 'results': {
        await this.loadTemplates();
        const view = await this.call(() => this.api.results.get({}), { busy: 'wizard.busy.loading' });
        if (view) this.view = view;
        // The slider keeps its place across visits; its metrics must be for that place.
        if (this.threshold !== null && this.thresholdMetrics?.threshold !== this.threshold)
          await this.atThreshold(this.threshold);
        break;
      }
      case 'fairness':
        await this.loadTemplates();
        if (!this.fairnessView().length && this.project?.sensitive.length)
          await this.assessFairness(this.project.sensitive);
        break;
      case 'privacy':
        if (!this.privacyView()) await this.scanPrivacy();
        // Measured again on each visit: the recipe, the model and the settings may have changed.
        await this.assessPrivacy();
        break;
      case 'export':
        break;
    }
  }

  // ---------------------------------------------------------------- changes that discard the model

  /**
   * Makes `change` at once, or, when the project has a trained model (which the back end discards
   * on it), only holds it in `pendingChange` for the user to answer: nothing is sent before
   * `confirmChange()`. A new question replaces an unanswered one. Answers whether the change was
   * made (false while it waits, or when the back end refused it).
   */
  private async ask(change: PendingChange): Promise<boolean> {
    if (this.project?.model != null) {
      this.pendingChange = change;
      return false;
    }
    this.pendingChange = null;
    return this.make(change);
  }

  /** The user confirmed `pendingChange`: make it (the back end discards the model). */
  async confirmChange(): Promise<boolean> {
    const change = this.pendingChange;
    if (!change) return false;
    this.pendingChange = null;
    return this.make(change);
  }

  /** The user declined `pendingChange` ("Keep the model", Escape): nothing is sent, the model stays. */
  cancelChange(): void {
    this.pendingChange = null;
  }

  /** Sends `change` to the back end. Retry (after an error) makes it again without asking. */
  private async make(change: PendingChange): Promise<boolean> {
    const retry = () => this.make(change);
    switch (change.kind) {
      case 'template':
        return this.applyTemplate(change.value);
      case 'target':
        return this.applyTarget(change.value);
      case 'positiveClass':
        return this.update({ positiveClass: change.value });
      case 'applyProposals':
        return this.changeRecipe(() => this.api.data.addSteps({ steps: change.steps }), retry, true);
      case 'addStep':
        return this.changeRecipe(() => this.api.data.addSteps({ steps: [change.step] }), retry, this.step === 'clean');
      case 'convertDates':
        return this.changeRecipe(
          () => this.api.data.addSteps({ steps: [{ op: 'excel_serial_date', column: change.column }] }),
          retry,
        );
      case 'removeStep': {
        const steps = (this.project?.recipe.steps ?? []).filter((_, i) => i !== change.index);
        return this.changeRecipe(() => this.api.data.setRecipe({ steps }), retry, true);
      }
      case 'undo':
        return this.changeRecipe(() => this.api.data.undo({}), retry, true);
      case 'redo':
        return this.changeRecipe(() => this.api.data.redo({}), retry, true);
      case 'augmentation':
      case 'settings':
      case 'resetSettings':
      case 'threshold':
        return this.update({ settings: change.settings });
      case 'favourable':
        return this.applyFavourable(change.outcome, change.attributes);
      case 'import':
        return typeof change.source === 'string'
          ? this.doImport(change.source, change.options)
          : this.uploadAndImport(change.source);
      case 'importOptions':
        return this.doImport(change.path, change.options);
      case 'columnType':
        return this.applyColumnType(change.column, change.type);
    }
  }

  // ---------------------------------------------------------------- projects

  /** Makes `view` the open project: forgets what was cached for the previous one. */
  private async adopt(view: ProjectView, resume: boolean): Promise<void> {
    this.view = view;
    this.importSummary = view.project.data?.summary ?? null;
    this.preview = null;
    this.suggestions = null;
    this.clean = null;
    this.run = null;
    this.forgetModelViews();
    this.privacyScan = null;
    this.exports = [];
    this.banner = null;
    this.recipeBanner = null;
    this.notice = null;
    this.pendingChange = null;
    this.thresholdErrors = {};
    // Projects saved before the list existed count the steps before their saved step as seen.
    this.visited = !resume
      ? stepSet()
      : view.project.visited.length > 0
        ? stepSet(view.project.visited)
        : visitedBefore(view.project.step);
    if (resume) {
      setLocale(view.project.locale);
      await this.goTo(resumeStep(view.project));
    }
  }

  async refreshRecent(): Promise<void> {
    const recent = await this.call(() => this.api.project.recent({}), { quiet: true });
    if (recent) this.recent = recent;
  }

  /** Creates a project named `name` in the language on screen and goes to Import. */
  async createProject(name: string): Promise<boolean> {
    const created = await this.call(() => this.api.project.create({ name: safeFileName(name) }), {
      busy: 'wizard.busy.creating',
      retry: () => this.createProject(name),
    });
    if (!created) return false;
    await this.adopt(created, false);
    const view = await this.call(() => this.api.project.update({ locale: i18n.locale, step: 'import' }), {
      quiet: true,
    });
    if (view) this.view = view;
    this.step = 'import';
    return true;
  }

  /** Opens the project at `path` and resumes it on its saved step, in its language. */
  async openProject(path: string): Promise<boolean> {
    const view = await this.call(() => this.api.project.open({ path }), {
      busy: 'wizard.busy.opening',
      retry: () => this.openProject(path),
    });
    if (!view) return false;
    await this.adopt(view, true);
    return true;
  }

  /** Desktop: asks for a project folder with the native dialog, then opens it. */
  async openProjectDialog(): Promise<boolean> {
    const chosen = await this.call(() => this.api.dialog.openFile({ purpose: 'project' }));
    if (!chosen?.path) return false;
    return this.openProject(chosen.path);
  }

  /**
   * "Try a sample", in one click: creates a project named after the sample, imports the bundled
   * file, sets the sample's template, target, sensitive attributes and positive class, and shows
   * the Import step with the preview.
   */
  async trySample(sampleId: string): Promise<boolean> {
    const sample: Sample | undefined = this.info?.samples.find((s) => s.id === sampleId);
    if (!sample) return false;
    if (!(await this.createProject(sample.name[i18n.locale]))) return false;
    this.startProgress('import', 'import');
    const imported = await this.call(() => this.api.data.sample({ sampleId }), {
      busy: 'wizard.busy.importing',
      retry: () => this.trySample(sampleId),
    });
    this.progress = null;
    if (!imported) return false;
    this.afterImport(imported);
    const p = imported.project.project;
    const patch: Request<'project:update'> = {};
    if (p.templateId !== sample.templateId) patch.templateId = sample.templateId;
    if (p.target === null) patch.target = sample.target;
    if (p.sensitive.length === 0 && sample.sensitive.length) patch.sensitive = sample.sensitive;
    if (Object.keys(patch).length) await this.update(patch);
    const suggested = await this.suggest();
    if (suggested?.positiveClass && this.project?.positiveClass === null)
      await this.update({ positiveClass: suggested.positiveClass });
    return true;
  }

  /** Saves `patch` in the project (the back end writes it at once). */
  async update(patch: Request<'project:update'>, busy?: string): Promise<boolean> {
    const view = await this.call(() => this.api.project.update(patch), { busy, retry: () => this.update(patch, busy) });
    if (view) this.view = view;
    return view !== null;
  }

  /** Switches the language of the whole wizard; the project (and its report) follows. */
  async setLocale(locale: Locale): Promise<void> {
    setLocale(locale);
    if (this.project && this.project.locale !== locale) {
      const view = await this.call(() => this.api.project.update({ locale }), { quiet: true });
      if (view) this.view = view;
    }
  }

  // ---------------------------------------------------------------- import

  /**
   * Imports a file the user dropped or picked: its own path (desktop) or an upload (web). With a
   * trained model this only asks (see `pendingChange`); nothing is uploaded before the answer.
   */
  async importFile(file: File): Promise<boolean> {
    if (!this.project && !(await this.createProject(baseName(file.name)))) return false;
    return this.ask({ kind: 'import', source: file, name: file.name });
  }

  /**
   * Hands `file` to the back end: its own path on the desktop, an upload on the web, with upload
   * progress (fraction and estimate) while it lasts. `signal` cancels the upload.
   */
  private async upload(file: File, signal: AbortSignal): ReturnType<Platform['fileToPath']> {
    this.startProgress('upload', 'upload');
    this.activity = [...this.activity, 'wizard.busy.uploading'];
    const started = this.now();
    try {
      return await this.platform.fileToPath(
        file,
        (fraction) => {
          this.progress = {
            kind: 'upload',
            stage: 'upload',
            fraction,
            etaSeconds: estimateSeconds((this.now() - started) / 1000, fraction),
          };
        },
        signal,
      );
    } finally {
      this.activity = this.activity.filter((a) => a !== 'wizard.busy.uploading');
    }
  }

  /** Uploads `file` where the transport needs it, then imports it. */
  private async uploadAndImport(file: File): Promise<boolean> {
    this.notice = null;
    const abort = new AbortController();
    this.importAbort = abort;
    const path = await this.upload(file, abort.signal);
    this.importAbort = null;
    if (!path.ok) {
      this.progress = null;
      if (path.error.code === 'CANCELLED') this.notice = 'wizard.notice.cancelled';
      else this.banner = { error: path.error, retry: () => this.uploadAndImport(file) };
      return false;
    }
    return this.doImport(path.value);
  }

  /** Desktop: picks a data file with the native dialog and imports it. */
  async chooseDataFile(): Promise<boolean> {
    const chosen = await this.call(() => this.api.dialog.openFile({ purpose: 'data' }));
    if (!chosen?.path) return false;
    if (!this.project && !(await this.createProject(baseName(chosen.path)))) return false;
    return this.importPath(chosen.path);
  }

  /**
   * Imports the file at `path` with `options` over detection; shows its summary and first page.
   * With a trained model this only asks first (see `pendingChange`): importing again with other
   * options when `path` is the project's file, importing another file otherwise.
   */
  async importPath(path: string, options?: ImportOptions): Promise<boolean> {
    if (this.project?.data?.source.path === path) return this.ask({ kind: 'importOptions', path, options });
    return this.ask({ kind: 'import', source: path, name: baseName(path, true), options });
  }

  private async doImport(path: string, options?: ImportOptions): Promise<boolean> {
    this.startProgress('import', 'import');
    const imported = await this.call(() => this.api.data.import({ path, options }), {
      busy: 'wizard.busy.importing',
      retry: () => this.doImport(path, options),
    });
    this.progress = null;
    if (!imported) return false;
    this.afterImport(imported);
    if (this.step !== 'import') await this.goTo('import');
    return true;
  }

  private afterImport(imported: { project: ProjectView; summary: ImportSummary; preview: Preview }): void {
    this.view = imported.project;
    this.importSummary = imported.summary;
    this.preview = imported.preview;
    // Everything derived from the old table is stale, and so is having seen it.
    this.suggestions = null;
    this.clean = null;
    this.forgetModelViews();
    this.privacyScan = null;
    this.unvisit(STEP_AFTER_IMPORT);
  }

  /** Stops an upload or an import in progress. */
  async cancelImport(): Promise<void> {
    this.importAbort?.abort();
    await this.call(() => this.api.data.cancelImport({}), { quiet: true });
  }

  /** Imports the same file again with `patch` over the options it was read with. */
  async reimport(patch: Partial<ImportOptions>): Promise<boolean> {
    const data = this.project?.data;
    if (!data) return false;
    return this.importPath(data.source.path, { ...data.importOptions, ...patch });
  }

  /**
   * Overrides the detected type of one column (re-imports with `options.columnTypes`); with a
   * trained model this only asks (see `pendingChange`).
   */
  async setColumnType(column: string, type: ColumnType): Promise<boolean> {
    if (!this.project?.data) return false;
    return this.ask({ kind: 'columnType', column, type });
  }

  /** Re-imports the project's file with the type of `column` set to `type`. */
  private async applyColumnType(column: string, type: ColumnType): Promise<boolean> {
    const data = this.project?.data;
    if (!data) return false;
    const columnTypes = { ...(data.importOptions.columnTypes ?? {}), [column]: type };
    return this.doImport(data.source.path, { ...data.importOptions, columnTypes });
  }

  /** Shows the preview page starting at row `offset` (0-based); never all rows. */
  async loadPreview(offset: number, clean = false): Promise<void> {
    const preview = await this.call(
      () => this.api.data.preview({ offset: Math.max(0, offset), limit: this.pageSize, clean }),
      {
        busy: 'wizard.busy.loading',
      },
    );
    if (preview) this.preview = preview;
  }

  // ---------------------------------------------------------------- template and target

  async loadTemplates(): Promise<void> {
    if (this.templates.length) return;
    const templates = await this.call(() => this.api.template.list({}), { busy: 'wizard.busy.loading' });
    if (templates) this.templates = templates;
  }

  async suggest(): Promise<Suggestions | null> {
    const s = await this.call(() => this.api.template.suggest({}), { quiet: true });
    if (s) this.suggestions = s;
    return s;
  }

  /**
   * The columns worth suggesting as the target, best first (see `suggestedTargets`): the template's
   * name patterns, then binary columns named like an outcome — not every categorical column the
   * back end lists as a possible target.
   */
  suggestedTargets(): string[] {
    const columns = (this.importSummary ?? this.project?.data?.summary)?.columns ?? [];
    return suggestedTargets(columns, this.template?.suggestedTargets ?? []);
  }

  /**
   * Entering Template & target: fetch the template's proposals and, where the project has no
   * target yet, take the first suggested target, its positive class and the suggested sensitive
   * attributes, so Next works at once. With nothing worth suggesting, the user chooses.
   */
  private async prefillTarget(): Promise<void> {
    const edits = this.targetEdits;
    const s = await this.suggest();
    const p = this.project;
    const first = this.suggestedTargets()[0];
    // The user may have picked a target while the proposals were on their way: theirs wins.
    if (!s || !p || p.target !== null || !first || edits !== this.targetEdits) return;
    await this.applyTarget(first);
    if (this.project?.sensitive.length === 0 && this.suggestions?.sensitive.length) {
      await this.update({ sensitive: this.suggestions.sensitive.map((x) => x.column) });
    }
  }

  /** Chooses the template; with a trained model this only asks (see `pendingChange`). */
  async setTemplate(templateId: string): Promise<void> {
    if (templateId === this.project?.templateId) {
      this.pendingChange = null;
      return;
    }
    await this.ask({ kind: 'template', value: templateId });
  }

  private async applyTemplate(templateId: string): Promise<boolean> {
    if (!(await this.update({ templateId }))) return false;
    const s = await this.suggest();
    if (s?.positiveClass && s.positiveClass !== this.project?.positiveClass)
      return this.update({ positiveClass: s.positiveClass });
    return true;
  }

  /** Counts the user's target choices, so an automatic proposal never overrides one. */
  private targetEdits = 0;

  /**
   * Sets the target column (the user's choice) and the positive class the template proposes for
   * it; with a trained model this only asks (see `pendingChange`).
   */
  async setTarget(target: string): Promise<void> {
    this.targetEdits++;
    if (target === this.project?.target) {
      this.pendingChange = null;
      return;
    }
    await this.ask({ kind: 'target', value: target });
  }

  private async applyTarget(target: string): Promise<boolean> {
    if (!(await this.update({ target, positiveClass: null }))) return false;
    const s = await this.suggest();
    if (s?.positiveClass) return this.update({ positiveClass: s.positiveClass });
    return true;
  }

  /** Sets the positive class; with a trained model this only asks (see `pendingChange`). */
  async setPositiveClass(label: string | null): Promise<void> {
    if (label === this.project?.positiveClass) {
      this.pendingChange = null;
      return;
    }
    await this.ask({ kind: 'positiveClass', value: label });
  }

  /**
   * Adds or removes one sensitive attribute. Asks nothing: the back end keeps the model (only the
   * fairness assessment is redone).
   */
  async toggleSensitive(column: string, on: boolean): Promise<void> {
    const current = this.project?.sensitive ?? [];
    const others = current.filter((c) => c !== column);
    const sensitive = on ? [...others, column] : others;
    await this.update({ sensitive });
  }

  /**
   * Columns the user ticked in as features although the template keeps them out (the training
   * setting `includeColumns`, as the controls show it).
   */
  includedColumns(): string[] {
    const list = this.settingsBase().includeColumns;
    return Array.isArray(list) ? list.filter((c): c is string => typeof c === 'string') : [];
  }

  /**
   * Ticks a sensitive attribute the template keeps out of the model in as a feature, or back out
   * (SPEC §4); a training setting, so with a trained model this only asks.
   */
  async setIncluded(column: string, on: boolean): Promise<void> {
    const others = this.includedColumns().filter((c) => c !== column);
    const rest = { ...this.settingsBase() };
    delete rest.includeColumns;
    const included = on ? [...others, column] : others;
    await this.changeSettings('settings', included.length ? { ...rest, includeColumns: included } : rest);
  }

  // ---------------------------------------------------------------- clean

  async loadClean(): Promise<void> {
    const view = await this.call(() => this.api.data.clean({}), {
      busy: 'wizard.busy.profiling',
      retry: () => this.loadClean(),
    });
    this.takeClean(view);
  }

  private takeClean(view: CleanView | null): void {
    if (!view) return;
    this.clean = view;
    this.view = view.project;
  }

  /** One click: adds every proposed step to the recipe; with a trained model this only asks. */
  async applyProposals(): Promise<void> {
    const steps = this.clean?.proposals.map((p) => p.step) ?? [];
    if (steps.length) await this.ask({ kind: 'applyProposals', steps });
  }

  /** Adds `step` to the recipe; with a trained model this only asks (see `pendingChange`). */
  async addStep(step: RecipeStep): Promise<void> {
    await this.ask({ kind: 'addStep', step });
  }

  /** Removes the step at `index` from the recipe; with a trained model this only asks. */
  async removeStep(index: number): Promise<void> {
    const step = this.project?.recipe.steps[index];
    if (step) await this.ask({ kind: 'removeStep', index, step });
  }

  /**
   * Sends a recipe change; the back end answers the new Clean view. Answers whether it did. A
   * refusal shows beside the recipe form (`recipeBanner`) when `inline`, else in the banner. The
   * target's suggestions (its task, its classes) follow the new recipe once they were loaded.
   */
  private async changeRecipe(
    fn: () => Promise<Result<CleanView>>,
    retry: () => Promise<unknown>,
    inline = false,
  ): Promise<boolean> {
    this.recipeBanner = null;
    const view = await this.call(fn, {
      busy: 'wizard.busy.cleaning',
      retry,
      onError: inline ? (banner) => (this.recipeBanner = banner) : undefined,
    });
    this.takeClean(view);
    if (view && this.suggestions) await this.suggest();
    // A step added from the Privacy step: the risk after cleaning follows the new recipe.
    if (view && this.step === 'privacy') await this.assessPrivacy();
    return view !== null;
  }

  /**
   * Conversions the import suggested but did not apply (`ColumnInfo.suggestion`; today Excel serial
   * day numbers, case C14), each with whether the recipe already converts that column.
   */
  importSuggestions(): { column: string; suggestion: 'excel_serial_date'; applied: boolean }[] {
    const columns = (this.importSummary ?? this.project?.data?.summary)?.columns ?? [];
    const steps = this.project?.recipe.steps ?? [];
    return columns
      .filter((c) => c.suggestion === 'excel_serial_date')
      .map((c) => ({
        column: c.name,
        suggestion: 'excel_serial_date' as const,
        applied: steps.some((s) => s.op === 'excel_serial_date' && s.column === c.name),
      }));
  }

  /**
   * "Convert to dates": adds the recipe step reading `column`'s Excel serial days as dates; with a
   * trained model this only asks.
   */
  async convertExcelDates(column: string): Promise<void> {
    if (this.project?.recipe.steps.some((s) => s.op === 'excel_serial_date' && s.column === column)) return;
    await this.ask({ kind: 'convertDates', column });
  }

  /** Takes back the last change to the recipe (nothing when there is none); with a model, asks. */
  async undo(): Promise<void> {
    if (this.project?.recipe.steps.length) await this.ask({ kind: 'undo' });
  }

  /** Puts back the last undone change (nothing when there is none); with a model, asks. */
  async redo(): Promise<void> {
    if (this.project?.recipe.undone.length) await this.ask({ kind: 'redo' });
  }

  // ---------------------------------------------------------------- train

  /**
   * The training settings in effect: SPEC defaults, then the template's, then `overrides` (the
   * project's unless given).
   */
  effectiveSettings(overrides: Record<string, unknown> = this.project?.settings ?? {}): Record<string, unknown> {
    const t = this.template?.training;
    return {
      ...TRAIN_DEFAULTS,
      ...(t
        ? {
            hiddenLayers: t.hiddenLayers,
            dropout: t.dropout,
            learningRate: t.learningRate,
            batchSize: t.batchSize,
            maxEpochs: t.maxEpochs,
            patience: t.patience,
            classWeights: t.classWeights,
          }
        : {}),
      ...overrides,
    };
  }

  /**
   * The project's setting overrides as the controls show them: those of a settings change being
   * asked about (see `pendingChange`), else the project's. New changes build on these.
   */
  private settingsBase(): Record<string, unknown> {
    const c = this.pendingChange;
    return c && (SETTINGS_KINDS as readonly string[]).includes(c.kind)
      ? (c as { settings: Record<string, unknown> }).settings
      : (this.project?.settings ?? {});
  }

  /** The settings the controls show: `effectiveSettings` with a settings change being asked about. */
  shownSettings(): Record<string, unknown> {
    return this.effectiveSettings(this.settingsBase());
  }

  /**
   * Saves the setting overrides `settings` (over the template's defaults); with a trained model
   * this only asks (see `pendingChange`). Settings equal to the project's need neither.
   */
  private async changeSettings(
    kind: (typeof SETTINGS_KINDS)[number],
    settings: Record<string, unknown>,
  ): Promise<void> {
    if (sameJson(settings, this.project?.settings ?? {})) {
      // Back where the project is: nothing to save, nothing left to ask.
      if (this.pendingChange && (SETTINGS_KINDS as readonly string[]).includes(this.pendingChange.kind))
        this.pendingChange = null;
      return;
    }
    await this.ask({ kind, settings } as PendingChange);
  }

  /**
   * Saves changed training settings in the project (over the template's defaults); `kind` names
   * the change in the question asked when a trained model would go (`augmentation` from Clean &
   * augment, `settings` from Train → Advanced, `threshold` from Train → Decision threshold).
   */
  async saveSettings(
    patch: Record<string, unknown>,
    kind: 'settings' | 'augmentation' | 'threshold' = 'settings',
  ): Promise<void> {
    await this.changeSettings(kind, { ...this.settingsBase(), ...patch });
  }

  /** The threshold policy the controls show (with a change being asked about), and whose it is. */
  thresholdRule(): { rule: ThresholdRule; source: 'template' | 'user' } | null {
    return this.template ? resolveThresholdRule(this.template, this.settingsBase()) : null;
  }

  /**
   * Saves how the decision threshold is chosen (Train → Decision threshold) as the setting
   * `thresholdPolicy`, replacing costs saved before it; the template's own policy with its own
   * numbers is saved as no setting. Input that is not valid saves nothing and sets
   * `thresholdErrors`. With a trained model this only asks (see `pendingChange`). Answers whether
   * the input was valid.
   */
  async saveThresholdPolicy(draft: ThresholdDraft): Promise<boolean> {
    const parsed = parseThresholdDraft(draft);
    if (!parsed.ok) {
      this.thresholdErrors = parsed.errors;
      return false;
    }
    this.thresholdErrors = {};
    const { thresholdPolicy: _old, falseNegativeCost: _fn, falsePositiveCost: _fp, ...rest } = this.settingsBase();
    const settings =
      this.template && sameJson(parsed.rule, this.template.threshold)
        ? rest
        : { ...rest, thresholdPolicy: parsed.rule };
    await this.changeSettings('threshold', settings);
    return true;
  }

  /**
   * The augmentation steps of the training settings as shown (SPEC §3; with a change being asked
   * about), malformed entries left out.
   */
  augmentation(): AugmentationStep[] {
    const list = this.settingsBase().augmentation;
    if (!Array.isArray(list)) return [];
    return list.filter((a): a is AugmentationStep => AugmentationStepSchema.safeParse(a).success);
  }

  /**
   * Adds one augmentation step (a feature cross, date parts…); the same step twice is kept once.
   * Answers false, saving nothing, for a step that is not valid (e.g. date parts without a part).
   */
  async addAugmentation(step: AugmentationStep): Promise<boolean> {
    const parsed = AugmentationStepSchema.safeParse(step);
    if (!parsed.success) return false;
    const current = this.augmentation();
    const key = JSON.stringify(parsed.data);
    if (current.some((a) => JSON.stringify(AugmentationStepSchema.parse(a)) === key)) return true;
    await this.saveSettings({ augmentation: [...current, parsed.data] }, 'augmentation');
    return true;
  }

  /** Removes the augmentation step at `index` of `augmentation()`. */
  async removeAugmentation(index: number): Promise<void> {
    const current = this.augmentation();
    if (index < 0 || index >= current.length) return;
    await this.saveSettings({ augmentation: current.filter((_, i) => i !== index) }, 'augmentation');
  }

  /** Forgets the project's setting overrides, back to the template's defaults; with a model, asks. */
  async resetSettings(): Promise<void> {
    await this.changeSettings('resetSettings', {});
  }

  /**
   * Starts training with the project's settings; epochs and the end arrive as events. Asks
   * nothing ("Train again" replacing the model is the point); an unanswered question is dropped.
   */
  async startTraining(): Promise<void> {
    if (this.training) return;
    this.pendingChange = null;
    const maxEpochs = Number(this.effectiveSettings().maxEpochs) || TRAIN_DEFAULTS.maxEpochs;
    this.banner = null;
    this.notice = null;
    this.run = {
      runId: null,
      status: 'starting',
      epochs: [],
      maxEpochs,
      error: null,
      backend: null,
      etaSeconds: null,
      stage: null,
    };
    this.forgetModelViews();
    const started = await attempt(() => this.api.train.start({ settings: this.project?.settings ?? {} }));
    if (!started.ok) {
      // The Train step shows the error beside its Retry button; the rest of the wizard stays usable.
      this.run = { ...this.run, status: 'failed', error: started.error };
      return;
    }
    const { runId } = started.value;
    this.run = { ...this.run, runId, status: this.run.status === 'starting' ? 'running' : this.run.status };
    const early = this.finishedEarly.get(runId);
    if (early) {
      this.finishedEarly.delete(runId);
      this.onFinished(early);
    } else if (this.run.status === 'cancelling') {
      // Cancel was pressed before the run had an id.
      await this.call(() => this.api.train.cancel({ runId }), { quiet: true });
    }
  }

  /** Stops training; the back end keeps the best model so far. */
  async cancelTraining(): Promise<void> {
    const run = this.run;
    if (!run || !this.training) return;
    this.run = { ...run, status: 'cancelling' };
    if (run.runId) await this.call(() => this.api.train.cancel({ runId: run.runId! }), { quiet: true });
  }

  private onEpoch(e: EventPayload<'train:epoch'>): void {
    let run = this.run;
    if (!run || (!this.training && run.runId !== e.runId)) {
      // A run this page did not start (the page was reloaded while training): follow it.
      run = {
        runId: e.runId,
        status: 'running',
        epochs: [],
        maxEpochs: e.maxEpochs,
        error: null,
        backend: null,
        etaSeconds: null,
        stage: null,
      };
    }
    if (run.runId !== null && run.runId !== e.runId) return;
    if (!['starting', 'running', 'cancelling'].includes(run.status)) return;
    const { runId: _runId, ...log } = e;
    this.run = {
      ...run,
      status: run.status === 'starting' ? 'running' : run.status,
      epochs: [...run.epochs.filter((x) => x.epoch !== e.epoch), log],
      maxEpochs: e.maxEpochs,
    };
  }

  private onFinished(f: EventPayload<'train:finished'>): void {
    const run = this.run;
    if (!run) {
      // Nothing this page is waiting for (e.g. reloaded mid-run): still take the trained project.
      if (f.project) this.view = f.project;
      return;
    }
    if (run.runId === null) {
      // The run ended before `train:start` answered with its id.
      this.finishedEarly.set(f.runId, f);
      return;
    }
    if (run.runId !== f.runId) return;
    if (f.project) this.view = f.project;
    const status: TrainRun['status'] = f.ok && !f.cancelled ? 'done' : f.cancelled ? 'cancelled' : 'failed';
    this.run = { ...run, status, error: f.error };
    this.forgetModelViews();
    // A new model: its results and fairness have not been seen yet.
    if (f.project?.project.model) this.unvisit(STEP_AFTER_TRAIN);
  }

  // ---------------------------------------------------------------- results, fairness, privacy

  /** Moves the Results slider to `threshold` in [0, 1] (the metrics follow with `atThreshold`). */
  setThreshold(threshold: number): void {
    this.threshold = threshold;
  }

  /**
   * Moves the slider to `threshold` in [0, 1] and fetches the metrics there; an answer overtaken
   * by a newer request is dropped.
   */
  async atThreshold(threshold: number): Promise<void> {
    this.threshold = threshold;
    const seq = ++this.thresholdSeq;
    const m = await this.call(() => this.api.results.atThreshold({ threshold }), { quiet: true });
    if (m && seq === this.thresholdSeq) this.thresholdMetrics = m;
  }

  /** The fairness reports on screen: the latest assessment, else the project's saved one. */
  fairnessView(): FairnessAttributeReport[] {
    return this.fairnessReports ?? this.project?.fairness ?? [];
  }

  /**
   * Chooses which prediction is favourable for the person (fairness selection rates are rates of
   * it) and assesses the chosen attributes again with it.
   */
  async setFavourable(outcome: 'predicted_positive' | 'predicted_negative', attributes: string[]): Promise<void> {
    // A threshold chosen for an approval rate counts approvals as favourable predictions: with
    // another favourable outcome the back end discards the model, so this asks first.
    if (this.project?.model?.thresholdChoice?.policy === 'approval_rate') {
      await this.ask({ kind: 'favourable', outcome, attributes });
      return;
    }
    await this.applyFavourable(outcome, attributes);
  }

  private async applyFavourable(
    outcome: 'predicted_positive' | 'predicted_negative',
    attributes: string[],
  ): Promise<boolean> {
    if (!(await this.update({ favourableOutcome: outcome }))) return false;
    this.fairnessReports = null;
    if (this.project?.model) await this.assessFairness(attributes);
    return true;
  }

  /**
   * Multiclass models: chooses the class whose prediction is favourable for the person (null:
   * none, so every class's prediction rate is compared) and assesses the chosen attributes again.
   */
  async setFavourableClass(label: string | null, attributes: string[]): Promise<void> {
    if (!(await this.update({ favourableClass: label }))) return;
    this.fairnessReports = null;
    await this.assessFairness(attributes);
  }

  /**
   * Assesses the model's fairness for `attributes` and, when given, the column pairs
   * `intersections` (else the project's saved ones); the project keeps both choices.
   */
  async assessFairness(attributes: string[], intersections?: string[][]): Promise<void> {
    if (!attributes.length) return;
    const request = intersections ? { attributes, intersections } : { attributes };
    const r = await this.call(() => this.api.fairness.assess(request), {
      busy: 'wizard.busy.fairness',
      retry: () => this.assessFairness(attributes, intersections),
    });
    if (r) this.fairnessReports = r;
  }

  /**
   * Runs a bias mitigation (SPEC §7) in the back end, with progress and Cancel: per-group
   * thresholds, or reweighing (a retrain). The comparison arrives in `project.mitigation`; the model
   * in use changes only with {@link decideMitigation}. A refusal (one group, not a binary model)
   * is shown beside the mitigation form.
   */
  async mitigate(request: Request<'fairness:mitigate'>): Promise<void> {
    if (this.mitigating) return;
    this.mitigating = true;
    this.mitigationBanner = null;
    this.startProgress('fairness', request.method === 'reweighing' ? 'prepare' : 'thresholds');
    const view = await this.call(() => this.api.fairness.mitigate(request), {
      busy: 'wizard.busy.mitigating',
      onError: (banner) => (this.mitigationBanner = { ...banner, retry: () => this.mitigate(request) }),
    });
    this.mitigating = false;
    this.progress = null;
    if (view) this.view = view;
  }

  /** Stops the mitigation in progress (a reweighing retrain). */
  async cancelMitigation(): Promise<void> {
    await this.call(() => this.api.fairness.cancelMitigation({}), { quiet: true });
  }

  /**
   * Uses the mitigated model (`use`) or keeps the original. Using it changes the model's results,
   * fairness and package, so what was shown of the previous model is forgotten.
   */
  async decideMitigation(use: boolean): Promise<void> {
    const view = await this.call(() => this.api.fairness.decideMitigation({ use }), {
      busy: 'wizard.busy.deciding',
      onError: (banner) => (this.mitigationBanner = banner),
    });
    if (!view) return;
    this.view = view;
    if (use) this.forgetModelViews();
  }

  privacyView(): PrivacyScan | null {
    const scan = this.privacyScan ?? this.project?.privacy ?? null;
    // The target reads as the target; before training no column is stated to be a feature.
    return scan ? withModelFeatures(scan, this.project?.model?.features ?? null, this.project?.target ?? null) : null;
  }

  async scanPrivacy(): Promise<void> {
    const r = await this.call(() => this.api.privacy.scan({}), {
      busy: 'wizard.busy.privacy',
      retry: () => this.scanPrivacy(),
    });
    if (r) this.privacyScan = r;
  }

  /**
   * Measures the re-identification risk before and after cleaning and fills the regulation
   * checklist. `settings` — the quasi-identifiers, the k threshold; null goes back to the default —
   * are saved in the project first. A failure shows in the Privacy step (`privacyRiskBanner`).
   */
  async assessPrivacy(settings: Request<'privacy:assess'> = {}): Promise<void> {
    this.privacyRiskBanner = null;
    const r = await this.call(() => this.api.privacy.assess(settings), {
      busy: 'wizard.busy.privacyRisk',
      retry: () => this.assessPrivacy(settings),
      onError: (banner) => (this.privacyRiskBanner = banner),
    });
    if (r) this.privacyAssessment = r;
  }

  // ---------------------------------------------------------------- export

  /**
   * Writes the report as `format`. Fairness and privacy are assessed first when they have not
   * been, so the report is complete. The desktop app asks where to save (a cancelled dialog
   * writes nothing); the web transport downloads the file.
   */
  async exportReport(format: ExportFormat): Promise<ExportDone | null> {
    const p = this.project;
    if (!p?.model) return null;
    if (p.sensitive.length && !this.fairnessView().length) {
      const r = await this.call(() => this.api.fairness.assess({ attributes: p.sensitive }), {
        busy: 'wizard.busy.fairness',
        quiet: true,
      });
      if (r) this.fairnessReports = r;
    }
    if (!this.privacyView()) {
      const r = await this.call(() => this.api.privacy.scan({}), { busy: 'wizard.busy.privacy', quiet: true });
      if (r) this.privacyScan = r;
    }
    const fileName = `${safeFileName(p.name)}.${format}`;
    let path: string | undefined;
    if (this.platform.isDesktop) {
      const chosen = await this.call(() => this.api.dialog.saveFile({ defaultName: fileName, format }));
      if (!chosen) return null;
      if (chosen.supported && chosen.path === null) return null;
      path = chosen.path ?? undefined;
    }
    this.startProgress('report', 'report');
    const done = await this.call(() => this.api.report.export({ format, path, locale: i18n.locale }), {
      busy: 'wizard.busy.exporting',
      retry: () => this.exportReport(format),
    });
    this.progress = null;
    if (!done) return null;
    const result: ExportDone = { format, path: done.path, downloadUrl: done.downloadUrl };
    this.exports = [result, ...this.exports];
    if (!this.platform.isDesktop && done.downloadUrl)
      this.platform.download(done.downloadUrl, baseName(done.path, true) || fileName);
    const view = await this.call(() => this.api.project.current({}), { quiet: true });
    if (view) this.view = view;
    return result;
  }

  // ---------------------------------------------------------------- model package and scoring

  /**
   * Where a file goes on the desktop: the save dialog's answer (`undefined` where the transport has
   * no dialog), or null when the user cancelled it (nothing is to be written).
   */
  private async savePath(defaultName: string, format: 'zip' | 'csv'): Promise<string | undefined | null> {
    if (!this.platform.isDesktop) return undefined;
    const chosen = await this.call(() => this.api.dialog.saveFile({ defaultName, format }));
    if (!chosen || (chosen.supported && chosen.path === null)) return null;
    return chosen.path ?? undefined;
  }

  /**
   * Writes the model package (one `.zip`: the TensorFlow.js model, its preprocessing and the
   * cleaning recipe) that `modelwise score --model` reads. The desktop app asks where to save (a
   * cancelled dialog writes nothing); the web transport downloads it.
   */
  async exportModel(): Promise<ModelExportDone | null> {
    const p = this.project;
    if (!p?.model) return null;
    const fileName = `${safeFileName(p.name)} model.zip`;
    const path = await this.savePath(fileName, 'zip');
    if (path === null) return null;
    const done = await this.call(() => this.api.model.export({ path }), {
      busy: 'wizard.busy.packaging',
      retry: () => this.exportModel(),
    });
    if (!done) return null;
    this.modelExport = done;
    if (!this.platform.isDesktop && done.downloadUrl)
      this.platform.download(done.downloadUrl, baseName(done.path, true) || fileName);
    return done;
  }

  /**
   * Scores a data file the user dropped or picked with the model: its own path (desktop) or an
   * upload into the project (web), then {@link scorePath}.
   */
  async scoreFile(file: File): Promise<ScoreDone | null> {
    if (!this.project?.model) return null;
    this.notice = null;
    const abort = new AbortController();
    this.scoreAbort = abort;
    this.scoring = true;
    const path = await this.upload(file, abort.signal);
    this.scoreAbort = null;
    this.scoring = false;
    if (!path.ok) {
      this.progress = null;
      if (path.error.code === 'CANCELLED') this.notice = 'wizard.notice.cancelled';
      else this.banner = { error: path.error, retry: () => this.scoreFile(file) };
      return null;
    }
    return this.scorePath(path.value, file.name);
  }

  /** Desktop: picks the data file to score with the native dialog, then scores it. */
  async chooseScoreFile(): Promise<ScoreDone | null> {
    if (!this.project?.model) return null;
    const chosen = await this.call(() => this.api.dialog.openFile({ purpose: 'data' }));
    if (!chosen?.path) return null;
    return this.scorePath(chosen.path);
  }

  /**
   * Scores the data file at `path` (named `name` for the user) with the model, in an engine host:
   * the same rows with the prediction and probability columns, as CSV. The desktop app asks where
   * to save it first (a cancelled dialog scores nothing); the web transport downloads it. A file
   * the model cannot read (a missing column, text where it learned from numbers) shows the banner.
   */
  async scorePath(path: string, name = baseName(path, true)): Promise<ScoreDone | null> {
    if (!this.project?.model) return null;
    const fileName = `${safeFileName(baseName(name))} scored.csv`;
    const out = await this.savePath(fileName, 'csv');
    if (out === null) return null;
    this.scoring = true;
    this.startProgress('score', 'model');
    const done = await this.call(() => this.api.model.score({ path, out }), {
      busy: 'wizard.busy.scoring',
      retry: () => this.scorePath(path, name),
    });
    this.scoring = false;
    this.progress = null;
    if (!done) return null;
    this.scored = { ...done, source: name };
    if (!this.platform.isDesktop && done.downloadUrl)
      this.platform.download(done.downloadUrl, baseName(done.path, true) || fileName);
    return this.scored;
  }

  /** Stops the upload or the scoring in progress. */
  async cancelScore(): Promise<void> {
    this.scoreAbort?.abort();
    await this.call(() => this.api.model.cancelScore({}), { quiet: true });
  }
}

/** Steps whose work depends on the imported table (a new import redoes them). */
const STEP_AFTER_IMPORT: readonly WizardStep[] = STEP_ORDER.slice(STEP_ORDER.indexOf('import') + 1);
/** Review steps of a trained model (a new model redoes them). */
const STEP_AFTER_TRAIN: readonly WizardStep[] = ['results', 'fairness', 'export'];

const KEY = Symbol('modelwise.wizard');

/** Makes `state` available to every component below the caller. */
export function setWizard(state: WizardState): WizardState {
  return setContext(KEY, state);
}

/** The wizard state of the surrounding `Wizard`. */
export function getWizard(): WizardState {
  const state = getContext<WizardState | undefined>(KEY);
  if (!state) throw new Error('getWizard() outside <Wizard>');
  return state;
}

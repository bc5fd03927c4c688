/**
 * An open project in an engine host (DESIGN "Project"): it owns the project's DuckDB file and
 * answers the wizard's data, cleaning, suggestion, fairness, privacy and report calls. Training
 * runs elsewhere (a training host) on the `TrainingInput` this prepares; its result comes back
 * through `recordTraining`. Every change is saved to `project.json` at once (autosave).
 */
import { copyFile, mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { UserError } from '../../shared/errors';
import type { TrainingInput, TrainingOutput } from '../../shared/host';
import type { CleanView, Preview, ProjectView, Request, Suggestions } from '../../shared/ipc/contract';
import type { JobEvent } from '../../shared/jobs';
import {
  ImportOptionsSchema,
  type ColumnInfo,
  type DatasetProfile,
  type ImportOptions,
  type ImportSummary,
} from '../../shared/model/data';
import type { FairnessAttributeReport, FairnessMitigation } from '../../shared/model/fairness';
import type { MitigationRequest } from '../../shared/ipc/contract';
import type { BinaryMetrics } from '../../shared/model/metrics';
import {
  PrivacySettingsSchema,
  withModelFeatures,
  type PrivacyAssessment,
  type PrivacyScan,
  type PrivacySettings,
} from '../../shared/model/privacy';
import type { ModelState, Project } from '../../shared/model/project';
import { RecipeStepSchema, type RecipeStep, type RecipeStepResolved } from '../../shared/model/recipe';
import type { Locale, ReportModel } from '../../shared/model/report';
import { PreprocessingSchema, TrainSettingsSchema } from '../../shared/model/train';
import { ident, openDb, type Db } from '../data/duck';
import type { Frame } from '../data/frame';
import { importFile } from '../data/import';
import { profileTable } from '../data/profile';
import { readFrame, readRows } from '../data/read';
import { applyRecipe, stepRemovingColumn, targetRemovedError, type AppliedStep } from '../data/recipe';
import { suggestSensitiveAttributes } from '../fairness';
import { fairnessOnTest, type AttributeUse } from '../jobs/fairness';
import { assertMitigableOn, mitigatedDecisions, reweighingMitigation, thresholdMitigation } from '../jobs/mitigate';
import { chooseFeatures, userColumnChoice } from '../jobs/prepare';
import { binaryMetrics } from '../metrics/binary';
import { withThresholdSettings } from '../metrics/threshold';
import { assessPrivacy, scanPrivacy } from '../privacy';
import { buildReport } from '../report/build';
import { renderReportHtml } from '../report/html';
import { renderReportPdf } from '../report/pdf';
import { getTemplate } from '../templates';
import { suggestedTargets } from '../../shared/targets';
import { packageJson, readModelPackage, writePackageRecipe } from '../train/model';
import { detectTask, resolveClasses } from '../train/task';
import { createProjectFolder, DATABASE_FILE, readProject, writeProject } from './store';

export interface SessionContext {
  signal?: AbortSignal;
  emit?: (event: JobEvent) => void;
}

const PREVIEW_ROWS = 50;
/** Rows the privacy scan reads (the scan's own default). */
const PRIVACY_ROWS = 100_000;
const TEST_FILE = 'test-predictions.json';

interface StoredPredictions {
  testRows: number[];
  yTest: number[];
  predictions: number[];
  classes: string[];
  /** Binary models trained since per-group thresholds exist: the validation split's rows, labels, P(positive). */
  validationRows?: number[];
  yValidation?: number[];
  validationPredictions?: number[];
}

export class ProjectSession {
  private cleanColumns: ColumnInfo[] | null = null;
  private cleanRows = 0;
  /** The values the recipe resolved on the imported rows (medians, bounds), for the model package. */
  private cleanApplied: AppliedStep[] = [];

  private constructor(
    readonly dir: string,
    private project: Project,
    private readonly db: Db,
  ) {}

  /** Create `NAME.modelwise/` under `parentDir` and open it. */
  static async create(parentDir: string, name: string): Promise<ProjectSession> {
    const { dir, project } = await createProjectFolder(parentDir, name);
    return new ProjectSession(dir, project, await openDatabase(dir));
  }

  /** Open an existing project folder. @throws UserError PROJECT_NOT_FOUND / PROJECT_INVALID / PROJECT_LOCKED */
  static async open(dir: string): Promise<ProjectSession> {
    const project = await readProject(dir);
    const session = new ProjectSession(dir, project, await openDatabase(dir));
    if (project.data) {
      const exists = await session.db.all(`SELECT 1 FROM information_schema.tables WHERE table_name = 'raw'`);
      if (exists.length === 0)
        throw new UserError('PROJECT_INVALID', { path: dir, reason: 'the imported data is missing from data.duckdb' });
    }
    return session;
  }

  get view(): ProjectView {
    return { path: this.dir, project: structuredClone(this.project) };
  }

  async close(): Promise<void> {
    await this.db.close();
  }

  private async save(): Promise<void> {
    await writeProject(this.dir, this.project);
  }

  /**
   * The project's template, with the user's choice of favourable outcome when they made one and
   * the costs of errors they entered (a `min_cost` threshold policy).
   */
  private get template() {
    const template = withThresholdSettings(getTemplate(this.project.templateId), this.project.settings);
    const favourable = this.project.favourableOutcome;
    return favourable ? { ...template, favourableOutcome: favourable } : template;
  }

  private requireData(): NonNullable<Project['data']> {
    if (!this.project.data) throw new UserError('NO_DATA', {});
    return this.project.data;
  }

  /**
   * Settings, target and step changes from the wizard. A new target or template invalidates the model.
   * @throws UserError for a target that cannot be learned (see `checkTarget`); nothing changes then.
   */
  async update(patch: Request<'project:update'>): Promise<ProjectView> {
    const p = this.project;
    // A target that cannot be learned is refused before anything changes (SPEC §5, case C15).
    if (patch.target !== undefined && patch.target !== null && patch.target !== p.target)
      await this.checkTarget(patch.target);
    if (patch.templateId !== undefined && patch.templateId !== p.templateId) {
      getTemplate(patch.templateId);
      p.templateId = patch.templateId;
      this.invalidateModel();
    }
    if (patch.target !== undefined && patch.target !== p.target) {
      if (patch.target !== null && !this.requireData().summary.columns.some((c) => c.name === patch.target)) {
        throw new UserError('COLUMN_NOT_FOUND', {
          file: this.requireData().source.name,
          column: patch.target,
          columns: this.requireData()
            .summary.columns.map((c) => c.name)
            .join(', '),
        });
      }
      p.target = patch.target;
      p.positiveClass = null;
      p.favourableClass = null;
      p.profile = null;
      this.invalidateModel();
    }
    if (patch.positiveClass !== undefined && patch.positiveClass !== p.positiveClass) {
      p.positiveClass = patch.positiveClass;
      this.invalidateModel();
    }
    if (patch.sensitive !== undefined) {
      p.sensitive = [...new Set(patch.sensitive)];
      p.fairness = [];
    }
    if (patch.favourableOutcome !== undefined && patch.favourableOutcome !== p.favourableOutcome) {
      p.favourableOutcome = patch.favourableOutcome;
      // Selection rates are rates of the favourable outcome: the assessment must be redone. A
      // threshold chosen for an approval rate (approval = the favourable prediction) no longer
      // means what it was chosen for: the model goes.
      p.fairness = [];
      if (p.model?.thresholdChoice?.policy === 'approval_rate') this.invalidateModel();
    }
    if (patch.favourableClass !== undefined && patch.favourableClass !== p.favourableClass) {
      p.favourableClass = patch.favourableClass;
      p.fairness = [];
    }
    if (patch.settings !== undefined) {
      p.settings = patch.settings;
      this.invalidateModel();
    }
    if (patch.step !== undefined) p.step = patch.step;
    if (patch.visited !== undefined) p.visited = [...new Set(patch.visited)];
    if (patch.locale !== undefined) p.locale = patch.locale;
    await this.save();
    return this.view;
  }

  private invalidateModel(): void {
    this.project.model = null;
    this.project.fairness = [];
    this.project.mitigation = null;
  }

  /**
   * Import a file as the project's data (replacing earlier data; the original is only read).
   * Proposes a target from the template when none is set.
   */
  async import(file: string, options: ImportOptions = {}, copied = false, ctx: SessionContext = {}) {
    const summary = await this.importNamed(file, options, copied, ctx);
    return this.adoptImport(file, options, copied, summary);
  }

  /**
   * Import into `raw_next`; errors about a copy in the project folder (an upload, a sample) name the
   * file as the user knows it, not the project's internal path.
   */
  private async importNamed(
    file: string,
    options: ImportOptions,
    copied: boolean,
    ctx: SessionContext,
  ): Promise<ImportSummary> {
    try {
      return await this.importRaw(file, options, ctx);
    } catch (err) {
      if (copied && err instanceof UserError && err.params.file === file) {
        throw new UserError(err.code, { ...err.params, file: path.basename(file) }, err.key);
      }
      throw err;
    }
  }

  private async importRaw(file: string, options: ImportOptions, ctx: SessionContext): Promise<ImportSummary> {
    return importFile(this.db, file, options, {
      table: 'raw_next',
      signal: ctx.signal,
      onProgress: (p) =>
        ctx.emit?.({
          type: 'progress',
          stage: 'import',
          fraction: p.fraction,
          etaSeconds: p.etaSeconds,
          message: p.rowsRead !== undefined ? `${p.rowsRead} rows` : undefined,
        }),
    });
  }

  /** Make a finished import the project's data. */
  private async adoptImport(file: string, options: ImportOptions, copied: boolean, summary: ImportSummary) {
    // Swap in only once the import fully succeeded: a cancelled import leaves the old data.
    await this.db.run(`DROP TABLE IF EXISTS raw; ALTER TABLE raw_next RENAME TO raw; DROP TABLE IF EXISTS clean`);
    const info = await stat(file);
    const p = this.project;
    const sameColumns =
      p.data &&
      p.data.summary.columns.map((c) => c.name).join('\u0000') === summary.columns.map((c) => c.name).join('\u0000');
    p.data = {
      source: {
        path: path.resolve(file),
        name: path.basename(file),
        sizeBytes: info.size,
        sha256: summary.sha256,
        copied,
      },
      importOptions: ImportOptionsSchema.parse(options),
      summary,
    };
    if (!sameColumns) {
      p.recipe = { steps: [], undone: [], batches: [], undoneBatches: [] };
      p.target = null;
      p.sensitive = [];
      p.positiveClass = null;
    }
    p.profile = null;
    p.privacy = null;
    this.invalidateModel();
    this.cleanColumns = null;
    if (p.target === null) p.target = this.proposeTarget(summary);
    await this.save();
    const preview = await this.preview({ offset: 0, limit: PREVIEW_ROWS, clean: false });
    return { project: this.view, summary, preview };
  }

  /** Bring a bundled sample into the project folder and import the copy. */
  async importSample(
    sampleFile: string,
    settings: { templateId: string; target: string; sensitive: string[] },
    ctx: SessionContext = {},
  ) {
    const dest = path.join(this.dir, 'uploads', path.basename(sampleFile));
    await mkdir(path.dirname(dest), { recursive: true });
    await copyFile(sampleFile, dest);
    this.project.templateId = settings.templateId;
    const result = await this.import(dest, {}, true, ctx);
    const columns = result.summary.columns.map((c) => c.name);
    if (columns.includes(settings.target)) this.project.target = settings.target;
    this.project.sensitive = settings.sensitive.filter((s) => columns.includes(s));
    await this.save();
    return { ...result, project: this.view };
  }

  /** The template's first suggested target, never a column with fewer than two values (nothing to predict). */
  private proposeTarget(summary: ImportSummary): string | null {
    const learnable = (name: string) => (summary.columns.find((c) => c.name === name)?.distinctCount ?? 0) >= 2;
    return suggestedTargets(summary.columns, this.template.suggestedTargets).find(learnable) ?? null;
  }

  /**
   * Refuse `target` as the column to predict when the cleaned data cannot train a model on it.
   * @throws UserError COLUMN_NOT_FOUND when the data has no such column; RECIPE_BREAKS_TARGET
   *   (`errors.RECIPE_REMOVES_TARGET`) naming the recipe step that drops or renames it;
   *   TARGET_ALL_MISSING / TARGET_SINGLE_CLASS {column, value, count} as training would (the
   *   messages of the command line's case C15).
   */
  private async checkTarget(target: string): Promise<void> {
    const data = this.requireData();
    const { columns } = await this.ensureClean();
    const column = columns.find((c) => c.name === target);
    if (!column) {
      const removing = data.summary.columns.some((c) => c.name === target)
        ? stepRemovingColumn(this.project.recipe.steps, target)
        : null;
      if (removing !== null) throw targetRemovedError(this.project.recipe.steps, removing, target);
      throw new UserError('COLUMN_NOT_FOUND', {
        file: data.source.name,
        column: target,
        columns: columns.map((c) => c.name).join(', '),
      });
    }
    const values = (await readFrame(this.db, 'clean', [column])).columns[0]!;
    try {
      resolveClasses(values, detectTask(values));
    } catch (err) {
      // Only the target's values are judged here; settings (task, positive class) come later.
      if (err instanceof UserError && (err.code === 'TARGET_SINGLE_CLASS' || err.code === 'TARGET_ALL_MISSING'))
        throw err;
    }
  }

  /** Rows `offset … offset+limit` of the imported (or cleaned) table. */
  async preview(req: { offset: number; limit: number; clean?: boolean }): Promise<Preview> {
    const data = this.requireData();
    let table = 'raw';
    let columns = data.summary.columns;
    if (req.clean) {
      await this.ensureClean();
      table = 'clean';
      columns = this.cleanColumns!;
    }
    const total = Number(
      (await this.db.all<{ n: number }>(`SELECT count(*)::BIGINT AS n FROM ${ident(table)}`))[0]?.n ?? 0,
    );
    const rows = await readRows(this.db, table, columns, { offset: req.offset, limit: req.limit });
    return { offset: req.offset, total, rows };
  }

  /**
   * Apply the recipe to the imported table (→ `clean`) unless already current. `checkTarget`: refuse
   * a recipe that takes the target away or leaves it unusable (a recipe being changed; a saved one
   * is applied as it is, so an older project still opens).
   */
  private async ensureClean(checkTarget = false): Promise<{ columns: ColumnInfo[]; rowCount: number }> {
    const data = this.requireData();
    if (!this.cleanColumns) {
      const result = await applyRecipe(this.db, {
        source: 'raw',
        target: 'clean',
        columns: data.summary.columns,
        steps: this.project.recipe.steps,
        targetColumn: checkTarget ? (this.project.target ?? undefined) : undefined,
      });
      this.cleanColumns = result.columns;
      this.cleanRows = result.rowCount;
      this.cleanApplied = result.applied;
    }
    return { columns: this.cleanColumns, rowCount: this.cleanRows };
  }

  /** The Clean step: profile of the cleaned data (with the target), warnings and proposed steps. */
  async clean(): Promise<CleanView> {
    const { columns, rowCount } = await this.ensureClean();
    const target =
      this.project.target && columns.some((c) => c.name === this.project.target) ? this.project.target : undefined;
    const profile = await profileTable(this.db, 'clean', columns, { target });
    this.project.profile = profile;
    await this.save();
    return { project: this.view, profile, proposals: this.proposals(profile), rowCount };
  }

  private proposals(profile: DatasetProfile): CleanView['proposals'] {
    const have = new Set(this.project.recipe.steps.map((s) => JSON.stringify(s)));
    const out: CleanView['proposals'] = [];
    const target = this.project.target;
    const add = (
      code: string,
      message: string,
      step: RecipeStep,
      column?: string,
      params?: Record<string, unknown>,
    ) => {
      const parsed = RecipeStepSchema.parse(step);
      const key = JSON.stringify(parsed);
      if (have.has(key) || out.some((o) => JSON.stringify(o.step) === key)) return;
      if (
        this.project.recipe.steps.some(
          (s) => s.op === parsed.op && 'column' in s && 'column' in parsed && s.column === parsed.column,
        )
      )
        return;
      out.push({ code, column, message, ...(params ? { params } : {}), step: parsed });
    };
    if (target) {
      const t = profile.columns.find((c) => c.name === target);
      if (t && t.missingCount > 0)
        add(
          'target_missing',
          `${t.missingCount} rows have no value of the target "${target}"; drop them.`,
          { op: 'drop_missing_target', column: target },
          target,
          { column: target, count: t.missingCount },
        );
    }
    for (const w of profile.warnings) {
      const proposal = (w.params as { proposal?: unknown } | undefined)?.proposal;
      if (!proposal) continue;
      const parsed = RecipeStepSchema.safeParse(proposal);
      if (!parsed.success) continue;
      if (target && 'column' in parsed.data && parsed.data.column === target && parsed.data.op === 'drop_column')
        continue;
      add(w.code, w.message, parsed.data, w.column, w.params);
    }
    // A column proposed for dropping needs no other step (imputing it would fail once it is gone),
    // and drops go first so later steps never see the dropped columns.
    const dropped = new Set(
      out.filter((o) => o.step.op === 'drop_column').map((o) => (o.step as { column: string }).column),
    );
    const kept = out.filter((o) => o.step.op === 'drop_column' || !('column' in o.step) || !dropped.has(o.step.column));
    return [...kept.filter((o) => o.step.op === 'drop_column'), ...kept.filter((o) => o.step.op !== 'drop_column')];
  }

  /** `checkTarget`: the recipe grew, so refuse it when it breaks the target (see `ensureClean`). */
  private async recipeChanged(checkTarget = false): Promise<CleanView> {
    this.cleanColumns = null;
    await this.ensureClean(checkTarget);
    this.invalidateModel();
    // The personal-data scan is of the imported data, which the recipe never changes: it stays.
    return this.clean();
  }

  /** Replace the whole recipe (validated step by step before anything changes); each step its own batch. */
  async setRecipe(steps: RecipeStep[]): Promise<CleanView> {
    return this.changeRecipe(
      steps.map((s) => RecipeStepSchema.parse(s)),
      steps.map(() => 1),
    );
  }

  /** Append steps as one batch: one undo takes them all back. */
  async addSteps(steps: RecipeStep[]): Promise<CleanView> {
    const r = this.project.recipe;
    return this.changeRecipe(
      [...r.steps, ...steps.map((s) => RecipeStepSchema.parse(s))],
      [...this.batches(), steps.length],
    );
  }

  /** Apply a new recipe; on failure (a step that cannot run) the previous recipe stays. */
  private async changeRecipe(steps: RecipeStepResolved[], batches: number[]): Promise<CleanView> {
    const previous = this.project.recipe;
    this.project.recipe = { steps, undone: [], batches, undoneBatches: [] };
    try {
      return await this.recipeChanged(true);
    } catch (err) {
      this.project.recipe = previous;
      this.cleanColumns = null;
      throw err;
    }
  }

  /** Batch sizes of the current steps, repaired to sum to the step count (older projects had none). */
  private batches(): number[] {
    const r = this.project.recipe;
    const out: number[] = [];
    let total = 0;
    for (const b of r.batches) {
      if (total + b > r.steps.length) break;
      out.push(b);
      total += b;
    }
    while (total < r.steps.length) {
      out.push(1);
      total++;
    }
    return out;
  }

  /** Take back the last batch of steps. */
  async undo(): Promise<CleanView> {
    const r = this.project.recipe;
    const batches = this.batches();
    const n = batches.pop();
    if (n !== undefined) {
      r.undone.push(...r.steps.splice(r.steps.length - n, n));
      r.undoneBatches.push(n);
    }
    r.batches = batches;
    return this.recipeChanged();
  }

  /** Put back the last undone batch; refused like a new step when it would break the target. */
  async redo(): Promise<CleanView> {
    const previous = structuredClone(this.project.recipe);
    const r = this.project.recipe;
    const n = Math.min(r.undoneBatches.pop() ?? 1, r.undone.length);
    if (n > 0) {
      r.steps.push(...r.undone.splice(r.undone.length - n, n));
      r.batches = [...this.batches().slice(0, -n), n];
    }
    try {
      return await this.recipeChanged(true);
    } catch (err) {
      this.project.recipe = previous;
      this.cleanColumns = null;
      throw err;
    }
  }

  /** Target, positive class, task and sensitive-attribute suggestions for the Template & target step. */
  async suggest(): Promise<Suggestions> {
    const data = this.requireData();
    const { columns } = await this.ensureClean();
    const names = columns.map((c) => c.name);
    const template = this.template;
    const targets = [
      ...new Set([
        ...suggestedTargets(columns, template.suggestedTargets),
        ...columns.filter((c) => c.type === 'categorical' || c.type === 'boolean').map((c) => c.name),
      ]),
    ];
    let targetLabels: Suggestions['targetLabels'] = [];
    let positiveClass: string | null = null;
    let task: Suggestions['task'] = null;
    const target = this.project.target;
    if (target && names.includes(target)) {
      const counts = await this.db.all<{ label: unknown; n: number }>(
        `SELECT CAST(${ident(target)} AS VARCHAR) AS label, count(*)::BIGINT AS n FROM clean WHERE ${ident(target)} IS NOT NULL GROUP BY 1 ORDER BY n DESC, 1 LIMIT 50`,
      );
      targetLabels = counts.map((r) => ({ label: String(r.label), count: Number(r.n) }));
      const frame = await readFrame(
        this.db,
        'clean',
        columns.filter((c) => c.name === target),
      );
      const column = frame.columns[0]!;
      task = detectTask(column);
      if (task === 'binary') {
        try {
          positiveClass = resolveClasses(
            column,
            task,
            template.positiveClassCandidates,
            this.project.positiveClass ?? undefined,
          ).positiveClass;
        } catch {
          positiveClass = null;
        }
      }
    }
    const sensitive = suggestSensitiveAttributes(
      names.filter((n) => n !== target),
      template.sensitiveAttributes,
    ).map(({ column, suggestion }) => ({ column, label: suggestion.label, useAsFeature: suggestion.useAsFeature }));
    void data;
    return { targets, targetLabels, positiveClass, task, sensitive };
  }

  /**
   * The privacy scan (SPEC §8) of the data as imported — what the file holds, including columns the
   * recipe drops — with each column's role in the current model.
   */
  async privacy(): Promise<PrivacyScan> {
    const scan = await this.scanPrivacy();
    return withModelFeatures(scan, this.project.model?.features ?? null, this.project.target);
  }

  /** Scan the imported data and save the scan (what the data holds) in the project. */
  private async scanPrivacy(): Promise<PrivacyScan> {
    const frame = await readFrame(this.db, 'raw', this.requireData().summary.columns, { limit: PRIVACY_ROWS });
    const scan = scanPrivacy(frame, { identifierPatterns: this.template.privacy.identifierPatterns });
    this.project.privacy = scan;
    await this.save();
    return scan;
  }

  /**
   * Re-identification risk over the quasi-identifiers on the data as imported and as cleaned, the
   * regulation checklist and the recipe steps offered per column (SPEC §8). `settings` (the
   * quasi-identifiers, the k threshold; null goes back to the default) are saved in the project first.
   * @throws UserError COLUMN_NOT_FOUND for a quasi-identifier the imported data lacks.
   */
  async privacyAssessment(settings: Partial<PrivacySettings> = {}): Promise<PrivacyAssessment> {
    const data = this.requireData();
    const names = data.summary.columns.map((c) => c.name);
    for (const column of settings.quasiIdentifiers ?? [])
      if (!names.includes(column))
        throw new UserError('COLUMN_NOT_FOUND', { file: data.source.name, column, columns: names.join(', ') });
    if (settings.quasiIdentifiers !== undefined || settings.k !== undefined) {
      this.project.privacySettings = PrivacySettingsSchema.parse({ ...this.project.privacySettings, ...settings });
      await this.save();
    }
    const scan = this.project.privacy ?? (await this.scanPrivacy());
    const { columns } = await this.ensureClean();
    return assessPrivacy(this.db, {
      scan,
      raw: { table: 'raw', columns: data.summary.columns },
      clean: { table: 'clean', columns },
      recipe: this.project.recipe.steps,
      template: this.template,
      settings: this.project.privacySettings,
      target: this.project.target,
      features: this.project.model?.features ?? null,
      // Per-group thresholds in use decide by their attribute (SPEC §7): the checklist must know.
      decisionColumns:
        this.project.model?.mitigation?.method === 'group_thresholds' ? this.project.model.mitigation.columns : [],
    });
  }

  /** Everything a training host needs, read from the cleaned table. */
  async prepareTraining(runId: string, overrides: Record<string, unknown> = {}): Promise<TrainingInput> {
    const p = this.project;
    const target = p.target;
    if (!target) throw new UserError('SETTING_INVALID', { setting: 'target', reason: 'choose the column to predict' });
    // A target the recipe took away (a project saved before recipes were checked) or one with a
    // single value fails here, saying why, before a training process starts.
    await this.checkTarget(target);
    const { columns } = await this.ensureClean();
    const frame = await readFrame(this.db, 'clean', columns);
    const template = withThresholdSettings(this.template, { ...p.settings, ...overrides });
    // Features are decided on the cleaned data: a column the recipe renamed is still what it holds.
    const privacy = scanPrivacy(frame, {
      identifierPatterns: template.privacy.identifierPatterns,
      maxRows: PRIVACY_ROWS,
    });
    const profile = p.profile ?? (await this.clean()).profile;
    const choice = chooseFeatures(frame, {
      target,
      template,
      privacy,
      sensitive: p.sensitive,
      profile,
      ...userColumnChoice({ ...p.settings, ...overrides }),
    });
    const settings = {
      ...template.training,
      ...p.settings,
      ...overrides,
      target,
      ...(p.positiveClass ? { positiveClass: p.positiveClass } : {}),
    };
    TrainSettingsSchema.parse(settings);
    return {
      runId,
      modelDir: path.join(this.dir, 'models', runId),
      frame,
      testFrame: null,
      settings,
      features: choice.features,
      excluded: choice.excluded,
      template,
      sensitive: choice.sensitive,
    };
  }

  /** Store a finished training run: model state, fairness, the test predictions for later views. */
  async recordTraining(out: TrainingOutput): Promise<ProjectView> {
    this.project.model = await this.storeRun(out);
    this.project.fairness = out.fairness;
    this.project.mitigation = null;
    // Intersections are the project's choice, not the training host's: assess them on the new model
    // too, leaving out any whose columns the cleaned data no longer has.
    if (this.project.intersections.length) {
      const names = new Set((await this.ensureClean()).columns.map((c) => c.name));
      this.project.intersections = this.project.intersections.filter((pair) => pair.every((c) => names.has(c)));
      if (this.project.intersections.length)
        this.project.fairness = [...out.fairness, ...(await this.assessAttributes([], this.project.intersections))];
    }
    if (this.project.step === 'train') this.project.step = 'results';
    await this.save();
    return this.view;
  }

  /** Write a finished run's test (and validation) predictions and package recipe; its model state. */
  private async storeRun(out: TrainingOutput): Promise<ModelState> {
    const stored: StoredPredictions = {
      testRows: out.testRows,
      yTest: Array.from(out.yTest),
      predictions: Array.from(out.predictions),
      classes: out.prep.classes,
      ...(out.validationRows && out.yValidation && out.validationPredictions
        ? {
            validationRows: out.validationRows,
            yValidation: Array.from(out.yValidation),
            validationPredictions: Array.from(out.validationPredictions),
          }
        : {}),
    };
    await writeFileAtomic(path.join(out.modelDir, TEST_FILE), JSON.stringify(stored));
    // Scoring new data with the package reuses these resolved values instead of recomputing them.
    await this.ensureClean();
    await writePackageRecipe(out.modelDir, {
      steps: this.project.recipe.steps,
      importOptions: this.requireData().importOptions,
      columns: this.requireData().summary.columns,
      threshold: out.threshold,
      applied: this.cleanApplied,
    });
    const metrics = out.evaluation.metrics;
    return {
      runId: out.runId,
      trainedAt: new Date().toISOString(),
      dir: path.relative(this.dir, out.modelDir),
      record: out.record,
      evaluation: out.evaluation,
      threshold: out.threshold,
      thresholdPolicy: out.thresholdPolicy,
      ...(out.thresholdChoice ? { thresholdChoice: out.thresholdChoice } : {}),
      features: out.features,
      excluded: out.excluded,
      positiveClass: metrics.task === 'binary' ? metrics.positiveClass : null,
      classes: out.prep.classes,
    };
  }

  private async predictions(): Promise<StoredPredictions> {
    const model = this.project.model;
    if (!model) throw new UserError('NO_MODEL', {});
    try {
      return JSON.parse(await readFile(path.join(this.dir, model.dir, TEST_FILE), 'utf8')) as StoredPredictions;
    } catch (err) {
      throw new UserError('PROJECT_INVALID', { path: this.dir, reason: (err as Error).message });
    }
  }

  /** Test metrics at another threshold (the Results step's slider). */
  async atThreshold(threshold: number): Promise<BinaryMetrics> {
    const stored = await this.predictions();
    if (stored.classes.length !== 2)
      throw new UserError('SETTING_INVALID', { setting: 'threshold', reason: 'only binary models have a threshold' });
    return binaryMetrics(stored.yTest, stored.predictions, threshold, {
      negative: stored.classes[0]!,
      positive: stored.classes[1]!,
    });
  }

  /** Fairness of the current model for `attributes`, on its test rows. */
  async fairness(attributes: string[], intersections?: string[][]): Promise<FairnessAttributeReport[]> {
    const pairs = intersections ?? this.project.intersections;
    const reports = await this.assessAttributes(attributes, pairs);
    this.project.sensitive = attributes;
    this.project.intersections = pairs.map((p) => [...p]);
    this.project.fairness = reports;
    await this.save();
    return reports;
  }

  /**
   * The cleaned table's `columns` (checked to exist) and how each is used: its bins, and whether
   * the current model has it as a feature (the trained model's fact, not a choice made again).
   * @throws UserError SENSITIVE_NOT_FOUND for a column the cleaned data lacks.
   */
  private async sensitiveColumns(
    columns: string[],
  ): Promise<{ frame: Frame; use: (column: string) => Extract<AttributeUse, { column: string }> }> {
    const { columns: all } = await this.ensureClean();
    for (const a of columns) {
      if (!all.some((c) => c.name === a))
        throw new UserError('SENSITIVE_NOT_FOUND', { column: a, columns: all.map((c) => c.name).join(', ') });
    }
    const frame: Frame = await readFrame(
      this.db,
      'clean',
      all.filter((c) => columns.includes(c.name)),
    );
    const choice = chooseFeatures(frame, {
      target: this.project.target ?? '',
      template: this.template,
      privacy: null,
      sensitive: columns,
    });
    const features = this.project.model?.features ?? [];
    const use = (column: string) => {
      const s = choice.sensitive.find((x) => x.column === column)!;
      return { ...s, usedAsFeature: features.includes(column) };
    };
    return { frame, use };
  }

  /** One column, or the intersection of two, as the fairness assessment takes it. */
  private static attributeUse(columns: string[], use: (column: string) => Extract<AttributeUse, { column: string }>) {
    return (columns.length === 2 ? [use(columns[0]!), use(columns[1]!)] : use(columns[0]!)) as AttributeUse;
  }

  /** Fairness of the current model for `attributes` and the column pairs `intersections`, on its test rows. */
  private async assessAttributes(attributes: string[], intersections: string[][]): Promise<FairnessAttributeReport[]> {
    const model = this.project.model;
    if (!model) throw new UserError('NO_MODEL', {});
    const stored = await this.predictions();
    const { frame, use } = await this.sensitiveColumns([...new Set([...attributes, ...intersections.flat()])]);
    const task = model.record.task;
    // Stored regression targets are standardized, as trained; fairness compares them in the target's units.
    let yTest: ArrayLike<number> = stored.yTest;
    if (task === 'regression') {
      const pkg = await readModelPackage(path.join(this.dir, model.dir), ['preprocessing.json']);
      const { targetMean = 0, targetStd = 1 } = PreprocessingSchema.parse(packageJson(pkg, 'preprocessing.json'));
      yTest = stored.yTest.map((v) => v * targetStd + targetMean);
    }
    // Per-group thresholds the user chose are the model's decisions (SPEC §7 post-processing).
    const applied = model.mitigation;
    const yPred =
      applied?.method === 'group_thresholds'
        ? mitigatedDecisions(applied, ProjectSession.attributeUse(applied.columns, use), frame, stored, model.threshold)
        : undefined;
    return fairnessOnTest({
      template: this.template,
      task,
      favourableClass: task === 'multiclass' ? this.project.favourableClass : null,
      sensitive: attributes.map(use),
      intersections: intersections.map((p) => [use(p[0]!), use(p[1]!)] as const),
      testFrame: frame,
      testRows: stored.testRows,
      yTest,
      scores: stored.predictions,
      threshold: model.threshold,
      yPred,
      classes: stored.classes,
    });
  }

  /** The binary model in use, refusing mitigation of other models and of an already mitigated one. */
  private mitigable(columns: string[]): ModelState {
    const model = this.project.model;
    if (!model) throw new UserError('NO_MODEL', {});
    const attribute = columns.join(' × ');
    if (model.record.task !== 'binary')
      throw new UserError('MITIGATION_REFUSED', { attribute }, 'fairness.mitigation.binaryOnly');
    if (model.mitigation)
      throw new UserError('MITIGATION_REFUSED', { attribute }, 'fairness.mitigation.alreadyApplied');
    return model;
  }

  /** Keep a mitigation result (and a retrained candidate) for the user's decision. */
  private async proposeMitigation(result: FairnessMitigation, candidate: ModelState | null): Promise<ProjectView> {
    this.project.mitigation = { result, candidate };
    await this.save();
    return this.view;
  }

  /**
   * Per-group thresholds for `request.columns` (SPEC §7 post-processing): chosen on the validation
   * split, compared on the test split; the model in use is unchanged until `decideMitigation`.
   * @throws UserError NO_MODEL, SENSITIVE_NOT_FOUND, MITIGATION_REFUSED (see `assertMitigable`,
   *   `thresholdMitigation`; also a model that is not binary or already mitigated).
   */
  async mitigate(request: MitigationRequest, ctx: SessionContext = {}): Promise<ProjectView> {
    if (request.method !== 'group_thresholds')
      throw new UserError('SETTING_INVALID', { setting: 'method', reason: 'reweighing retrains in a training host' });
    const model = this.mitigable(request.columns);
    ctx.emit?.({ type: 'progress', stage: 'thresholds', fraction: null });
    const stored = await this.predictions();
    const { frame, use } = await this.sensitiveColumns(request.columns);
    const result = thresholdMitigation({
      template: this.template,
      use: ProjectSession.attributeUse(request.columns, use),
      constraint: request.constraint,
      frame,
      stored,
      threshold: model.threshold,
      classes: stored.classes,
    });
    return this.proposeMitigation(result, null);
  }

  /**
   * Reweighing (SPEC §7 pre-processing): after the same refusals as `mitigate`, the training input
   * of a retrain with the project's settings and seed, weighted by `request.columns`' groups.
   */
  async prepareMitigation(runId: string, request: MitigationRequest): Promise<TrainingInput> {
    const model = this.mitigable(request.columns);
    const stored = await this.predictions();
    const { frame, use } = await this.sensitiveColumns(request.columns);
    assertMitigableOn({
      template: this.template,
      use: ProjectSession.attributeUse(request.columns, use),
      frame,
      stored,
      threshold: model.threshold,
      classes: stored.classes,
    });
    const input = await this.prepareTraining(runId);
    return { ...input, reweighing: request.columns.map(use) };
  }

  /** Reweighing: compare the retrained model with the one in use; keep it as the candidate. */
  async recordMitigation(request: MitigationRequest, out: TrainingOutput): Promise<ProjectView> {
    const model = this.mitigable(request.columns);
    const stored = await this.predictions();
    const candidate = await this.storeRun(out);
    const { frame, use } = await this.sensitiveColumns(request.columns);
    const result = reweighingMitigation({
      template: this.template,
      use: ProjectSession.attributeUse(request.columns, use),
      frame,
      before: { ...stored, threshold: model.threshold },
      after: { testRows: out.testRows, yTest: out.yTest, predictions: out.predictions, threshold: out.threshold },
      classes: stored.classes,
      runId: out.runId,
    });
    return this.proposeMitigation(result, candidate);
  }

  /**
   * The user's decision on the proposed mitigation: `use` makes the mitigated model the one in use
   * (the retrained one for reweighing; the same network with per-group thresholds otherwise) and
   * assesses fairness again; otherwise the original is kept and the result marked declined.
   * @throws UserError SETTING_INVALID when no mitigation waits for a decision.
   */
  async decideMitigation(useMitigated: boolean): Promise<ProjectView> {
    const pending = this.project.mitigation;
    const model = this.project.model;
    if (!pending || pending.result.status !== 'proposed' || !model)
      throw new UserError('SETTING_INVALID', { setting: 'mitigation', reason: 'no mitigation waits for a decision' });
    if (!useMitigated) {
      this.project.mitigation = { result: { ...pending.result, status: 'declined' }, candidate: null };
      await this.save();
      return this.view;
    }
    const applied: FairnessMitigation = { ...pending.result, status: 'applied' };
    const base = pending.result.method === 'reweighing' ? pending.candidate : model;
    if (!base)
      throw new UserError('SETTING_INVALID', { setting: 'mitigation', reason: 'the retrained model is missing' });
    this.project.model = { ...base, mitigation: applied };
    this.project.mitigation = { result: applied, candidate: null };
    this.project.fairness = await this.assessAttributes(this.project.sensitive, this.project.intersections);
    await this.save();
    return this.view;
  }

  /** The report of the current model as data. */
  async reportModel(locale?: Locale): Promise<ReportModel> {
    const p = this.project;
    const data = this.requireData();
    const model = p.model;
    if (!model) throw new UserError('NO_MODEL', {});
    const privacy = p.privacy ?? (await this.scanPrivacy());
    const { rowCount } = await this.ensureClean();
    const metrics = model.evaluation.metrics;
    return buildReport({
      locale: locale ?? p.locale,
      title: p.name,
      template: this.template,
      importSummary: data.summary,
      testImport: null,
      profile: p.profile,
      recipe: { version: 1, steps: p.recipe.steps.map((s) => RecipeStepSchema.parse(s)) as RecipeStepResolved[] },
      rowsAfterCleaning: rowCount,
      features: model.features,
      excluded: model.excluded,
      target: p.target ?? '',
      task: model.record.task,
      positiveClass: model.positiveClass,
      training: model.record,
      evaluation: model.evaluation,
      fairness: p.fairness,
      mitigation: model.mitigation ?? p.mitigation?.result ?? null,
      privacy,
      privacyAssessment: await this.privacyAssessment(),
      seed: Number(model.record.settings.seed ?? 42),
      threshold:
        metrics.task === 'binary'
          ? (model.thresholdChoice ?? {
              threshold: model.threshold,
              policy: model.thresholdPolicy as 'fixed',
              achieved: {},
            })
          : null,
    });
  }

  /** Write the report as PDF, HTML or JSON to `file` and record the export. */
  async exportReport(
    format: 'pdf' | 'html' | 'json',
    file: string,
    locale?: Locale,
    ctx: SessionContext = {},
  ): Promise<{ path: string }> {
    const report = await this.reportModel(locale);
    await mkdir(path.dirname(path.resolve(file)), { recursive: true });
    ctx.emit?.({ type: 'progress', stage: 'report', fraction: null, message: `Writing ${format.toUpperCase()} …` });
    if (format === 'json') await writeFileAtomic(file, JSON.stringify(report, null, 2) + '\n');
    else if (format === 'html') await renderReportHtml(report, file);
    else await renderReportPdf(report, file);
    this.project.exports.push({ kind: format, path: file, at: new Date().toISOString() });
    this.project.step = 'export';
    await this.save();
    return { path: file };
  }
}

async function openDatabase(dir: string): Promise<Db> {
  try {
    return await openDb(path.join(dir, DATABASE_FILE));
  } catch (err) {
    const message = (err as Error).message;
    if (/lock/i.test(message)) throw new UserError('PROJECT_LOCKED', { path: dir });
    throw new UserError('PROJECT_INVALID', { path: dir, reason: message });
  }
}

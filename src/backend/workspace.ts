/**
 * The back end's state behind the contract: the open project (one project host), training runs,
 * the recent list, web downloads. Handlers are thin adapters onto this.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../shared/errors';
import { WEB_API, type Request, type Response } from '../shared/ipc/contract';
import type { ImportOptions } from '../shared/model/data';
import type { Locale } from '../shared/model/report';
import type { BackendConfig } from './config';
import { Downloads } from './downloads';
import { progressTo, type Emit } from './events';
import { safeFileName, uniquePath } from './files';
import { HostClient, type HostClientOptions } from './hosts/hostClient';
import { isInside } from './paths';
import { addRecent } from './recent';
import { MitigationRuns } from './mitigation';
import { loadSamples, samplesDir } from './resources';
import { ProjectSession } from './session';
import { TrainingRuns } from './training';

/** Subfolder of a project that receives uploaded and sample files. */
export const UPLOADS_DIR = 'uploads';
/** Subfolder of a project that receives exported model packages and scored files (web, or no path given). */
export const EXPORTS_DIR = 'exports';
/** Scored rows the wizard shows. */
const SCORE_PREVIEW_ROWS = 5;

const newJobId = (kind: string) => `${kind}-${randomBytes(4).toString('hex')}`;

type ImportResult = Response<'data:import'>;

export class Workspace {
  /** The open project, or null on the welcome screen. */
  project: ProjectSession | null = null;
  readonly downloads = new Downloads();
  readonly training: TrainingRuns;
  /** Bias mitigation runs (SPEC §7): per-group thresholds, or a reweighing retrain. */
  readonly mitigation: MitigationRuns;
  private readonly host: Omit<HostClientOptions, 'what'>;
  private importing: AbortController | null = null;
  private scoring: AbortController | null = null;

  constructor(
    readonly config: BackendConfig,
    private readonly emit: Emit,
  ) {
    this.host = {
      forker: config.forker,
      modulePath: config.hostModule,
      args: ['--role=project'],
      env: {
        ...config.hostEnv,
        MODELWISE_RESOURCES: config.resourcesDir,
        ...(config.chromium ? { MODELWISE_CHROMIUM: config.chromium } : {}),
      },
      ...(config.cancelTimeoutMs !== undefined ? { cancelTimeoutMs: config.cancelTimeoutMs } : {}),
    };
    this.training = new TrainingRuns(this.host, emit);
    this.mitigation = new MitigationRuns(this.host, emit, () => this.training.busy);
  }

  /** @throws UserError NO_PROJECT when no project is open. */
  requireProject(): ProjectSession {
    if (!this.project) throw new UserError('NO_PROJECT');
    return this.project;
  }

  /**
   * Create `NAME.modelwise/` in `dir` (default: the projects folder; the engine picks a free name)
   * and make it the open project.
   */
  async createProject(name: string, dir?: string): Promise<ProjectSession> {
    const session = await ProjectSession.start(
      { create: { name: name.trim() } },
      path.resolve(dir ?? this.config.projectsDir),
      this.host,
    );
    await this.switchTo(session);
    return session;
  }

  /**
   * Open the project at `target` (its folder, or the `project.json` inside) and make it the open one.
   * @throws UserError PROJECT_NOT_FOUND when there is no `project.json`; the engine's errors otherwise.
   */
  async openProject(target: string): Promise<ProjectSession> {
    let dir = path.resolve(target);
    if (path.basename(dir) === 'project.json') dir = path.dirname(dir);
    if (!existsSync(path.join(dir, 'project.json'))) throw new UserError('PROJECT_NOT_FOUND', { path: dir });
    if (this.project && path.resolve(this.project.dir) === dir) {
      await this.project.refresh();
      await this.remember(this.project);
      return this.project;
    }
    const session = await ProjectSession.start({ open: true }, dir, this.host);
    await this.switchTo(session);
    return session;
  }

  /** Close the open project: cancel its training, stop its host. */
  async closeProject(): Promise<void> {
    const session = this.project;
    this.project = null;
    this.importing?.abort();
    this.scoring?.abort();
    this.mitigation.cancel();
    await this.training.cancelAll();
    await session?.close();
  }

  /** Import `file` into the open project, streaming `job:progress` (kind `import`). */
  async importFile(file: string, options?: ImportOptions): Promise<ImportResult> {
    const session = this.requireProject();
    const copied = isInside(session.dir, file);
    return this.runImport(session, {
      path: path.resolve(file),
      ...(options ? { options } : {}),
      ...(copied ? { copied } : {}),
    });
  }

  /** Cancel the running import, if any (cooperative, then the project host is restarted). */
  cancelImport(): void {
    this.importing?.abort();
  }

  /**
   * Start from bundled sample `sampleId`: a new project named after it unless one is open; the
   * engine copies the file into the project, imports it and sets the sample's template, target and
   * sensitive columns.
   * @throws UserError FILE_NOT_FOUND for an unknown sample.
   */
  async importSample(sampleId: string): Promise<ImportResult> {
    const sample = loadSamples(this.config.resourcesDir).find((s) => s.id === sampleId);
    if (!sample) throw new UserError('FILE_NOT_FOUND', { file: sampleId });
    const session = this.project ?? (await this.createProject(sample.name.en));
    const file = path.join(samplesDir(this.config.resourcesDir), sample.file);
    return this.exclusiveImport(() =>
      session.call(
        'session:importSample',
        { file, templateId: sample.templateId, target: sample.target, sensitive: sample.sensitive },
        { signal: this.importing!.signal, onEvent: progressTo(this.emit, newJobId('import'), 'import') },
      ),
    );
  }

  /** Where an upload into the open project goes: a fresh path in its `uploads/`. */
  async uploadPath(fileName: string): Promise<string> {
    const session = this.requireProject();
    const dir = path.join(session.dir, UPLOADS_DIR);
    await mkdir(dir, { recursive: true });
    const name = safeFileName(fileName, 'upload');
    const ext = path.extname(name);
    return uniquePath(dir, path.basename(name, ext), ext);
  }

  /**
   * Export the report. Web: into the project's `reports/`, offered as a download link. Desktop:
   * to `request.path` (from the save dialog) or `reports/`; PDFs through the shell's printer.
   */
  async exportReport(request: Request<'report:export'>): Promise<Response<'report:export'>> {
    const session = this.requireProject();
    const web = this.config.transport === 'web';
    const locale: Locale | undefined = request.locale;
    let target = !web && request.path ? path.resolve(request.path) : undefined;
    if (!target) {
      const dir = path.join(session.dir, 'reports');
      await mkdir(dir, { recursive: true });
      target = uniquePath(dir, safeFileName(`${session.view.project.name} report`, 'report'), `.${request.format}`);
    }
    const jobId = newJobId('report');
    const progress = progressTo(this.emit, jobId, 'report');
    progress({ type: 'progress', stage: 'report', fraction: null });
    let written: string;
    const printPdf = this.config.desktop?.printPdf;
    if (request.format === 'pdf' && printPdf && !web) {
      const model = await session.call('session:reportModel', locale ? { locale } : {});
      await printPdf(model, target);
      written = target;
    } else {
      const r = await session.call(
        'session:exportReport',
        { format: request.format, path: target, ...(locale ? { locale } : {}) },
        { onEvent: progress },
      );
      written = r.path;
    }
    progress({ type: 'progress', stage: 'report', fraction: 1 });
    return { path: written, downloadUrl: web ? this.offer(written) : null };
  }

  /**
   * Export the open project's model as one package file (`.zip`: model.json, weights.bin,
   * preprocessing.json, recipe.json), zipped by the engine on the project host. Web: into the
   * project's `exports/`, offered as a download link. Desktop: to `request.path` (from the save
   * dialog) or `exports/`.
   * @throws UserError NO_MODEL when no model is trained; the engine's PROJECT_INVALID
   *   (`errors.MODEL_PACKAGE_INVALID`) when the model's folder lacks a file.
   */
  async exportModel(request: Request<'model:export'>): Promise<Response<'model:export'>> {
    const session = this.requireProject();
    const web = this.config.transport === 'web';
    const modelDir = await this.modelDir(session);
    const target =
      !web && request.path
        ? path.resolve(request.path)
        : uniquePath(
            await this.exportsDir(session),
            safeFileName(`${session.view.project.name} model`, 'model'),
            '.zip',
          );
    const { out } = (await session.job({ type: 'package', modelDir, out: target })) as { out: string };
    return { path: out, downloadUrl: web ? this.offer(out) : null };
  }

  /**
   * Score the data file `request.path` with the open project's model, in an engine host of its own
   * (like a training run: a crash or a huge file never touches the project host), streaming
   * `job:progress` (kind `score`). Writes the scored CSV to `request.out` (desktop, from the save
   * dialog) or into the project's `exports/` (web: offered as a download link).
   * @throws UserError NO_MODEL, FILE_NOT_FOUND, BUSY {what: 'scoring'} when one runs already; the
   *   engine's errors for the file (SCORE_COLUMN_MISSING, SCORE_COLUMN_TYPE, the import's), CANCELLED.
   */
  async scoreData(request: Request<'model:score'>): Promise<Response<'model:score'>> {
    const session = this.requireProject();
    if (this.scoring) throw new UserError('BUSY', { what: 'scoring' });
    const web = this.config.transport === 'web';
    const file = path.resolve(request.path);
    if (!existsSync(file) || !statSync(file).isFile()) throw new UserError('FILE_NOT_FOUND', { file });
    const controller = new AbortController();
    this.scoring = controller;
    const scorer = new HostClient({ ...this.host, what: 'scoring', args: ['--role=scoring'] });
    try {
      const modelDir = await this.modelDir(session);
      const stem = safeFileName(`${path.basename(file, path.extname(file))} scored`, 'scored');
      const out =
        !web && request.out ? path.resolve(request.out) : uniquePath(await this.exportsDir(session), stem, '.csv');
      const progress = progressTo(this.emit, newJobId('score'), 'score');
      progress({ type: 'progress', stage: 'model', fraction: null });
      const result = (await scorer.request(
        'job:run',
        { type: 'score', file, modelDir, out, preview: SCORE_PREVIEW_ROWS },
        { signal: controller.signal, onEvent: progress },
      )) as { rows: number; out: string; added: string[]; preview: Response<'model:score'>['preview'] };
      return {
        path: result.out,
        downloadUrl: web ? this.offer(result.out) : null,
        rows: result.rows,
        added: result.added,
        preview: result.preview,
      };
    } finally {
      this.scoring = null;
      await scorer.close();
    }
  }

  /** Stop the scoring in progress, if any. */
  cancelScore(): void {
    this.scoring?.abort();
  }

  /**
   * Absolute folder of the open project's model package.
   * @throws UserError NO_MODEL when none is trained; PROJECT_INVALID when it points outside the project.
   */
  private async modelDir(session: ProjectSession): Promise<string> {
    const model = (await session.refresh()).project.model;
    if (!model) throw new UserError('NO_MODEL');
    const dir = path.resolve(session.dir, model.dir);
    if (!isInside(session.dir, dir))
      throw new UserError('PROJECT_INVALID', { path: session.dir, reason: 'the model folder is outside the project' });
    return dir;
  }

  private async exportsDir(session: ProjectSession): Promise<string> {
    const dir = path.join(session.dir, EXPORTS_DIR);
    await mkdir(dir, { recursive: true });
    return dir;
  }

  /** A download URL of the web transport for `file`. */
  private offer(file: string): string {
    return `${WEB_API.download}${this.downloads.offer({ path: file, name: path.basename(file) })}`;
  }

  /** Stop everything: training, imports, the project host. */
  async close(): Promise<void> {
    await this.closeProject();
  }

  private async runImport(
    session: ProjectSession,
    payload: { path: string; options?: ImportOptions; copied?: boolean },
  ): Promise<ImportResult> {
    if (!existsSync(payload.path) || !statSync(payload.path).isFile())
      throw new UserError('FILE_NOT_FOUND', { file: payload.path });
    return this.exclusiveImport(() =>
      session.call('session:import', payload, {
        signal: this.importing!.signal,
        onEvent: progressTo(this.emit, newJobId('import'), 'import'),
      }),
    );
  }

  /** One import at a time, cancellable through `data:cancelImport`. */
  private async exclusiveImport<T>(run: () => Promise<T>): Promise<T> {
    if (this.importing) throw new UserError('BUSY', { what: 'import' });
    this.importing = new AbortController();
    try {
      return await run();
    } finally {
      this.importing = null;
    }
  }

  private async switchTo(session: ProjectSession): Promise<void> {
    const previous = this.project;
    this.project = session;
    if (previous) {
      this.importing?.abort();
      this.mitigation.cancel();
      await this.training.cancelAll();
      await previous.close();
    }
    await this.remember(session);
  }

  private async remember(session: ProjectSession): Promise<void> {
    try {
      await addRecent(this.config.userDataDir, {
        path: session.dir,
        name: session.view.project.name,
        openedAt: new Date().toISOString(),
      });
    } catch (err) {
      // The recent list is a convenience: a read-only settings folder must not block the project.
      console.warn(`modelwise: could not update the recent list: ${(err as Error).message}`);
    }
  }
}

/**
 * `runJob(request, {signal, onEvent})`: the one entry to the engine for the CLI, the engine hosts
 * and the tests (DESIGN "Work off the main thread"). Plain data in, plain data out, an `AbortSignal`
 * to cancel and a callback for progress, epoch and log events.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { UserError } from '../../shared/errors';
import {
  JobSchema,
  PackageJobSchema,
  ProfileJobSchema,
  RunJobSchema,
  ScoreJobSchema,
  type Job,
  type JobEvent,
  type PackageJob,
  type ProfileJob,
  type RunJob,
  type ScoreJob,
} from '../../shared/jobs';
import type { Cell, DatasetProfile, ImportSummary } from '../../shared/model/data';
import { PrivacySettingsSchema, type PrivacyScan } from '../../shared/model/privacy';
import type { ReportModel } from '../../shared/model/report';
import { translate } from '../../shared/i18n';
import { ident, openDb, type Db } from '../data/duck';
import { getColumn, type Frame } from '../data/frame';
import { detectTask } from '../train/task';
import type { TaskType } from '../../shared/model/train';
import { importFile } from '../data/import';
import { profileTable } from '../data/profile';
import { readFrame, readRows } from '../data/read';
import { storageType } from '../data/import-build';
import { applyRecipe } from '../data/recipe';
import { scanPrivacy } from '../privacy';
import { assessPrivacy } from '../privacy/assess';
import { buildReport } from '../report/build';
import { renderReportHtml } from '../report/html';
import { renderReportPdf } from '../report/pdf';
import { getTemplate } from '../templates';
import { withThresholdSettings } from '../metrics/threshold';
import { isZipPath, writePackageRecipe, zipModelPackage } from '../train/model';
import { chooseFeatures, userColumnChoice } from './prepare';
import { scoreFile, type ScoreResult } from './score';
import { runTraining } from './train';

export interface JobContext {
  signal?: AbortSignal;
  onEvent?: (event: JobEvent) => void;
}

export interface ProfileResult {
  summary: ImportSummary;
  profile: DatasetProfile | null;
  rows?: Record<string, Cell>[];
}

export interface RunResult {
  report: ReportModel;
  /** Files written, by kind. */
  written: { pdf?: string; json?: string; html?: string; model?: string };
  /** Why the PDF could not be printed (HTML was written instead), if so. */
  pdfProblem?: string;
  seconds: number;
}

export type { ScoreResult };

export interface PackageResult {
  /** The zip file written. */
  out: string;
}

/** Run one job. @throws UserError for bad input (naming file, row, column or setting), CANCELLED on abort. */
export async function runJob(job: ProfileJob, ctx?: JobContext): Promise<ProfileResult>;
export async function runJob(job: RunJob, ctx?: JobContext): Promise<RunResult>;
export async function runJob(job: ScoreJob, ctx?: JobContext): Promise<ScoreResult>;
export async function runJob(job: PackageJob, ctx?: JobContext): Promise<PackageResult>;
export async function runJob(
  job: Job,
  ctx?: JobContext,
): Promise<ProfileResult | RunResult | ScoreResult | PackageResult>;
export async function runJob(
  job: Job,
  ctx: JobContext = {},
): Promise<ProfileResult | RunResult | ScoreResult | PackageResult> {
  const parsed = JobSchema.safeParse(job);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError('SETTING_INVALID', {
      setting: issue?.path.join('.') ?? 'job',
      reason: issue?.message ?? 'invalid',
    });
  }
  switch (parsed.data.type) {
    case 'profile':
      return profileJob(ProfileJobSchema.parse(job), ctx);
    case 'run':
      return pipelineJob(RunJobSchema.parse(job), ctx);
    case 'score':
      return scoreFile(ScoreJobSchema.parse(job), ctx);
    case 'package': {
      const p = PackageJobSchema.parse(job);
      await zipModelPackage(p.modelDir, p.out);
      return { out: p.out };
    }
  }
}

const emit = (ctx: JobContext, event: JobEvent) => ctx.onEvent?.(event);
const stage = (ctx: JobContext, name: string, message: string) =>
  emit(ctx, { type: 'progress', stage: name, fraction: null, message });

async function profileJob(job: ReturnType<typeof ProfileJobSchema.parse>, ctx: JobContext): Promise<ProfileResult> {
  const db = await openDb();
  try {
    const summary = await importFile(db, job.file, job.importOptions, {
      table: 'raw',
      signal: ctx.signal,
      onProgress: (p) =>
        emit(ctx, { type: 'progress', stage: 'import', fraction: p.fraction, etaSeconds: p.etaSeconds }),
    });
    const profile = job.profile ? await profileTable(db, 'raw', summary.columns, { target: job.target }) : null;
    const result: ProfileResult = { summary, profile };
    if (job.rows !== undefined)
      result.rows = await readRows(db, 'raw', summary.columns, { offset: 0, limit: job.rows });
    return result;
  } finally {
    await db.close();
  }
}

/** Bring the test table's columns to the training table's types, so one preprocessing fits both. */
async function alignTestTable(db: Db, train: ImportSummary, test: ImportSummary, testFile: string): Promise<void> {
  const missing = train.columns.filter((c) => !test.columns.some((t) => t.name === c.name));
  if (missing.length > 0) {
    throw new UserError('COLUMN_NOT_FOUND', {
      file: testFile,
      column: missing[0]!.name,
      columns: test.columns.map((c) => c.name).join(', '),
    });
  }
  const select = train.columns
    .map((c) => {
      const t = test.columns.find((x) => x.name === c.name)!;
      const q = ident(c.name);
      return t.type === c.type ? q : `TRY_CAST(${q} AS ${storageType(c.type)}) AS ${q}`;
    })
    .join(', ');
  await db.run(`CREATE OR REPLACE TABLE raw_test_aligned AS SELECT ${select} FROM raw_test`);
}

async function pipelineJob(job: ReturnType<typeof RunJobSchema.parse>, ctx: JobContext): Promise<RunResult> {
  const started = performance.now();
  // The threshold policy a user gave (settings) replaces the template's.
  const base = withThresholdSettings(getTemplate(job.template), job.settings);
  const template = job.favourableOutcome ? { ...base, favourableOutcome: job.favourableOutcome } : base;
  // Fail before any work on settings that cannot succeed: a named Chromium that is not there, or
  // an output folder that cannot be made.
  if (job.chromium && !existsSync(job.chromium)) throw new UserError('FILE_NOT_FOUND', { file: job.chromium });
  for (const out of [job.outputs.pdf, job.outputs.json, job.outputs.html, job.outputs.modelDir]) {
    if (!out) continue;
    try {
      await mkdir(path.dirname(path.resolve(out)), { recursive: true });
    } catch (err) {
      throw new UserError('FILE_UNREADABLE', { file: out, reason: (err as Error).message });
    }
  }
  const db = await openDb();
  /** The model folder to remove at the end (no package asked for, or a zip asked for). */
  let temporary: string | null = null;
  try {
    // 1. Import (and the test file with the same options).
    stage(ctx, 'import', `Importing ${path.basename(job.file)} …`);
    const summary = await importFile(db, job.file, job.importOptions, {
      table: 'raw',
      signal: ctx.signal,
      onProgress: (p) =>
        emit(ctx, { type: 'progress', stage: 'import', fraction: p.fraction, etaSeconds: p.etaSeconds }),
    });
    emit(ctx, { type: 'log', level: 'info', message: describeImport(summary) });
    for (const w of summary.warnings) emit(ctx, { type: 'log', level: 'warn', message: w.message });
    const columnNames = summary.columns.map((c) => c.name);
    if (!columnNames.includes(job.target)) {
      throw new UserError('COLUMN_NOT_FOUND', { file: job.file, column: job.target, columns: columnNames.join(', ') });
    }
    for (const s of job.sensitive) {
      if (!columnNames.includes(s))
        throw new UserError('SENSITIVE_NOT_FOUND', { column: s, columns: columnNames.join(', ') });
      // Groups defined by the outcome itself say nothing about the model's fairness.
      if (s === job.target)
        throw new UserError('SETTING_INVALID', {
          setting: '--sensitive',
          reason: `"${s}" is the target column; choose an attribute of the people, such as sex or age`,
        });
    }
    let testSummary: ImportSummary | null = null;
    if (job.testFile) {
      stage(ctx, 'import', `Importing test file ${path.basename(job.testFile)} …`);
      testSummary = await importFile(
        db,
        job.testFile,
        { ...job.importOptions },
        { table: 'raw_test', signal: ctx.signal },
      );
      emit(ctx, { type: 'log', level: 'info', message: describeImport(testSummary) });
      await alignTestTable(db, summary, testSummary, job.testFile);
    }

    // 3. Clean: the user's recipe, plus dropping rows without a target.
    const steps = [{ op: 'drop_missing_target' as const, column: job.target }, ...job.recipe];
    const cleaned = await applyRecipe(db, {
      source: 'raw',
      target: 'clean',
      columns: summary.columns,
      steps,
      targetColumn: job.target,
    });
    let testFrame: Frame | undefined;
    if (testSummary) {
      const cleanedTest = await applyRecipe(db, {
        source: 'raw_test_aligned',
        target: 'clean_test',
        columns: summary.columns,
        steps,
        reuse: cleaned.applied,
      });
      testFrame = await readFrame(db, 'clean_test', cleanedTest.columns);
    }
    const frame = await readFrame(db, 'clean', cleaned.columns);

    // Profile of the data as the model sees it (after binarizing a target, say), with target checks.
    stage(ctx, 'profile', 'Profiling …');
    const profile = await profileTable(db, 'clean', cleaned.columns, { target: job.target });
    for (const w of profile.warnings) {
      if (['target_leakage', 'class_imbalance'].includes(w.code))
        emit(ctx, { type: 'log', level: 'warn', message: w.message });
    }
    for (const a of cleaned.applied) {
      if (a.rowsAfter !== a.rowsBefore)
        emit(ctx, { type: 'log', level: 'info', message: `${a.step.op}: ${a.rowsBefore - a.rowsAfter} rows removed` });
    }

    // 4. Privacy scan: of the imported data for the report (what the file holds, dropped columns
    // included), and of the cleaned data for the features (a renamed column still holds the same).
    stage(ctx, 'privacy', 'Scanning for personal data …');
    const scanOptions = { identifierPatterns: template.privacy.identifierPatterns };
    const privacy: PrivacyScan = scanPrivacy(
      await readFrame(db, 'raw', summary.columns, { limit: 100_000 }),
      scanOptions,
    );
    const choice = chooseFeatures(frame, {
      target: job.target,
      template,
      privacy: scanPrivacy(frame, scanOptions),
      sensitive: job.sensitive,
      profile,
      ...userColumnChoice(job.settings),
    });
    for (const e of choice.excluded)
      emit(ctx, {
        type: 'log',
        level: 'info',
        message: `${e.column} is not used as a feature (${translate('en', e.reason)})`,
      });

    // 5. Train, evaluate, fairness on the test rows, model package (a folder, or zipped from a
    // temporary one when the output is a .zip).
    const packageOut = job.outputs.modelDir;
    const zipOut = packageOut && isZipPath(packageOut) ? packageOut : null;
    const modelDir = packageOut && !zipOut ? packageOut : await mkdtemp(path.join(os.tmpdir(), 'modelwise-model-'));
    if (modelDir !== packageOut) temporary = modelDir;
    // A threshold policy decides between two classes: for other tasks say so before training.
    if (job.settings.thresholdPolicy !== undefined) {
      const task = (job.settings.task as TaskType | undefined) ?? detectTask(getColumn(frame, job.target));
      if (task !== 'binary')
        throw new UserError('SETTING_INVALID', {
          setting: 'threshold',
          reason: `"${job.target}" is a ${task === 'multiclass' ? 'multiclass' : 'regression'} target; threshold options (--threshold, --min-sensitivity, --approval-rate, --costs) apply to two-class targets only (--binarize makes two classes)`,
        });
    }
    const trained = await runTraining(
      {
        runId: 'cli',
        modelDir,
        frame,
        testFrame: testFrame ?? null,
        settings: { ...template.training, ...job.settings, target: job.target },
        features: choice.features,
        excluded: choice.excluded,
        template,
        sensitive: choice.sensitive,
      },
      { signal: ctx.signal, emit: (e) => emit(ctx, e) },
    );
    emit(ctx, {
      type: 'log',
      level: 'info',
      message: `Trained on the ${trained.record.backend} backend in ${trained.record.seconds.toFixed(1)} s`,
    });
    const metrics = trained.evaluation.metrics;
    const fairness = trained.fairness;

    // 7. Report.
    stage(ctx, 'report', 'Writing the report …');
    // Re-identification risk before and after cleaning, and the regulation checklist (SPEC §8),
    // with the app's defaults: the scan's quasi-identifiers and the template's k.
    const privacyAssessment = await assessPrivacy(db, {
      scan: privacy,
      raw: { table: 'raw', columns: summary.columns },
      clean: { table: 'clean', columns: cleaned.columns },
      recipe: steps,
      template,
      settings: PrivacySettingsSchema.parse({}),
      target: job.target,
      features: trained.features,
    });
    const report = buildReport({
      locale: job.locale,
      title: job.title,
      template,
      importSummary: summary,
      testImport: testSummary,
      profile,
      recipe: { version: 1, steps: cleaned.applied.map((a) => a.step) },
      rowsAfterCleaning: cleaned.rowCount + (testFrame?.rowCount ?? 0),
      features: trained.features,
      excluded: choice.excluded,
      target: job.target,
      task: trained.prep.task,
      positiveClass: trained.prep.task === 'binary' ? (trained.prep.classes[1] ?? null) : null,
      training: trained.record,
      evaluation: trained.evaluation,
      fairness,
      privacy,
      privacyAssessment,
      seed: trained.record.settings.seed as number,
      threshold:
        metrics.task === 'binary'
          ? (trained.thresholdChoice ?? {
              threshold: metrics.threshold,
              policy: template.threshold.policy,
              achieved: {},
            })
          : null,
    });

    const written: RunResult['written'] = {};
    let pdfProblem: string | undefined;
    if (packageOut) {
      await writePackageRecipe(modelDir, {
        steps,
        applied: cleaned.applied,
        importOptions: job.importOptions,
        columns: summary.columns,
        threshold: metrics.task === 'binary' ? metrics.threshold : null,
      });
      if (zipOut) await zipModelPackage(modelDir, zipOut);
      written.model = packageOut;
    }
    if (job.outputs.json) {
      await writeJson(job.outputs.json, report);
      written.json = job.outputs.json;
    }
    if (job.outputs.html) {
      await renderReportHtml(report, job.outputs.html);
      written.html = job.outputs.html;
    }
    if (job.outputs.pdf) {
      try {
        await renderReportPdf(report, job.outputs.pdf, { chromium: job.chromium });
        written.pdf = job.outputs.pdf;
      } catch (err) {
        if (err instanceof UserError && err.code === 'CHROMIUM_NOT_FOUND') {
          pdfProblem = `no Chromium found to print the PDF; wrote ${String(err.params.html)} instead (set MODELWISE_CHROMIUM or --chromium)`;
          written.html = String(err.params.html);
        } else throw err;
      }
    }
    return { report, written, pdfProblem, seconds: (performance.now() - started) / 1000 };
  } finally {
    await db.close();
    if (temporary) await rm(temporary, { recursive: true, force: true });
  }
}

function describeImport(s: ImportSummary): string {
  return (
    `${path.basename(s.file)}: ${s.rowCount} rows × ${s.columns.length} columns (${s.encoding}, delimiter ${JSON.stringify(s.delimiter)}` +
    `${s.headerRow ? '' : ', no header'})${s.skippedRows ? `, ${s.skippedRows} rows skipped` : ''}`
  );
}

/** Write JSON atomically (temp file + rename), creating the folder. */
export async function writeJson(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeFileAtomic(file, JSON.stringify(value, null, 2) + '\n');
}

/**
 * `modelwise score` and the app's "Score new data": apply a saved model package (TensorFlow.js model
 * + preprocessing + the cleaning recipe with its resolved values), from its folder or its `.zip`, to
 * new data, and write the same rows with prediction and probability columns added (SPEC §6 "Score
 * new data", §9).
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { UserError } from '../../shared/errors';
import type { JobEvent } from '../../shared/jobs';
import type { ScoreJobSchema } from '../../shared/jobs';
import type { Cell, ColumnInfo, ImportOptions } from '../../shared/model/data';
import type { Preprocessing } from '../../shared/model/train';
import type { RecipeStepResolved } from '../../shared/model/recipe';
import { csvLine } from '../data/csv';
import { ident, openDb } from '../data/duck';
import { importFile } from '../data/import';
import { readFrame } from '../data/read';
import { storageType } from '../data/import-build';
import { applyRecipe, type AppliedStep } from '../data/recipe';
import { loadModel, packageJson, predictProba, readModelPackage } from '../train/model';
import { transform } from '../train/preprocess';

interface RecipeFile {
  steps: RecipeStepResolved[];
  applied: AppliedStep[];
  importOptions: ImportOptions;
  columns: ColumnInfo[];
  /** Decision threshold chosen for the model (binary), default 0.5. */
  threshold?: number | null;
}

const NUMERIC = new Set(['integer', 'float']);

/**
 * Columns of the imported data the model reads: its features and the sources of derived features,
 * followed back through the recipe's renames to the names in the file.
 */
function requiredColumns(recipe: RecipeFile, prep: Preprocessing): Set<string> {
  const names = new Set<string>(prep.features.map((f) => f.column));
  for (const d of prep.derived ?? []) {
    names.delete(d.name);
    if (d.kind === 'cross') {
      names.add(d.a);
      names.add(d.b);
    } else names.add(d.column);
  }
  for (const step of [...recipe.steps].reverse()) {
    if (step.op === 'rename' && names.has(step.to)) {
      names.delete(step.to);
      names.add(step.column);
    }
    if (step.op === 'bin' && step.into && names.has(step.into)) {
      names.delete(step.into);
      names.add(step.column);
    }
    if (step.op === 'impute' && step.indicator && names.has(`${step.column}_missing`)) {
      names.delete(`${step.column}_missing`);
      names.add(step.column);
    }
  }
  return names;
}

/** Recipe steps that remove rows: skipped when scoring, which scores every row read. */
function removesRows(step: RecipeStepResolved): boolean {
  return (
    step.op === 'drop_missing_target' ||
    step.op === 'drop_rows_missing' ||
    step.op === 'remove_duplicates' ||
    (step.op === 'outliers' && step.action === 'remove')
  );
}

/** What scoring wrote. */
export interface ScoreResult {
  /** Rows scored (every row of the file that was read). */
  rows: number;
  out: string;
  /** The columns scoring added, in file order: the prediction, then the probabilities (or none). */
  added: string[];
  /** The first `job.preview` rows of the scored file, each as column name → value. */
  preview: Record<string, Cell>[];
}

/** Rows between two `score` progress events. */
const PROGRESS_ROWS = 10_000;

/**
 * Score `job.file` with the model package `job.modelDir` (its folder or its `.zip`); writes `job.out`
 * atomically (a temp file, then rename). Progress stages: `model`, `import` (with the fraction),
 * `clean`, `score`, `write`.
 * @throws UserError PROJECT_INVALID (`errors.MODEL_PACKAGE_INVALID`) for a folder or zip that is not a
 *   model package; COLUMN_NOT_FOUND (`errors.SCORE_COLUMN_MISSING`) for a column the model needs that
 *   the file lacks; SETTING_INVALID (`errors.SCORE_COLUMN_TYPE`) for text where the model learned
 *   from numbers; the import's errors for an unreadable file; CANCELLED on abort.
 */
export async function scoreFile(
  job: ReturnType<typeof ScoreJobSchema.parse>,
  ctx: { signal?: AbortSignal; onEvent?: (e: JobEvent) => void },
): Promise<ScoreResult> {
  const progress = (stage: string, fraction: number | null, etaSeconds?: number | null) =>
    ctx.onEvent?.({ type: 'progress', stage, fraction, ...(etaSeconds != null ? { etaSeconds } : {}) });
  progress('model', null);
  const pkg = await readModelPackage(job.modelDir);
  const recipe = packageJson(pkg, 'recipe.json') as RecipeFile;
  if (!recipe || !Array.isArray(recipe.steps) || !Array.isArray(recipe.columns))
    throw new UserError(
      'PROJECT_INVALID',
      { path: job.modelDir, reason: 'recipe.json has no steps or columns' },
      'errors.MODEL_PACKAGE_INVALID',
    );
  recipe.applied ??= [];
  recipe.importOptions ??= { onBadRow: 'skip' };
  const { model, prep } = await loadModel(pkg);
  const db = await openDb();
  try {
    const summary = await importFile(
      db,
      job.file,
      { ...recipe.importOptions, ...job.importOptions },
      {
        table: 'raw',
        signal: ctx.signal,
        onProgress: (p) => progress('import', p.fraction, p.etaSeconds),
      },
    ).catch((err: unknown) => {
      // Column names the model's training file was given (it had no header) do not fit this file:
      // say so, rather than blame a setting the user never made.
      const trained = recipe.importOptions.names;
      if (err instanceof UserError && err.params.setting === 'names' && trained && !job.importOptions?.names)
        throw new UserError('SETTING_INVALID', {
          file: job.file,
          setting: 'names',
          reason: `the model was trained on a file without a header whose ${trained.length} columns were named ${trained.join(', ')}; ${path.basename(job.file)} has another number of columns — is it the right file for this model?`,
        });
      throw err;
    });
    const hasTarget = summary.columns.some((c) => c.name === prep.target);
    const trainingColumns = recipe.columns.filter((c) => hasTarget || c.name !== prep.target);
    // Every column the model reads must be in the new file, as the kind of value it learned from:
    // a missing column or text where numbers were would silently give meaningless scores.
    const needed = requiredColumns(recipe, prep);
    for (const c of trainingColumns.filter((t) => needed.has(t.name))) {
      const found = summary.columns.find((x) => x.name === c.name);
      if (!found) {
        throw new UserError(
          'COLUMN_NOT_FOUND',
          { file: job.file, column: c.name, columns: summary.columns.map((x) => x.name).join(', ') },
          'errors.SCORE_COLUMN_MISSING',
        );
      }
      if (found.type === c.type || !NUMERIC.has(c.type)) continue;
      const [lost] = await db.all<{ n: number; example: string | null }>(
        `SELECT count(*)::BIGINT AS n, min(CAST(${ident(c.name)} AS VARCHAR)) AS example FROM raw WHERE ${ident(c.name)} IS NOT NULL AND TRY_CAST(${ident(c.name)} AS DOUBLE) IS NULL`,
      );
      if (Number(lost?.n ?? 0) > 0) {
        throw new UserError(
          'SETTING_INVALID',
          {
            file: job.file,
            column: c.name,
            value: lost?.example ?? '',
            count: Number(lost?.n),
            setting: c.name,
            reason: 'text',
          },
          'errors.SCORE_COLUMN_TYPE',
        );
      }
    }
    // Bring columns to the training types; the target may be absent in new data.
    const select = trainingColumns.map((c) => {
      const found = summary.columns.find((x) => x.name === c.name);
      if (!found) return `CAST(NULL AS ${storageType(c.type)}) AS ${ident(c.name)}`;
      return found.type === c.type
        ? ident(c.name)
        : `TRY_CAST(${ident(c.name)} AS ${storageType(c.type)}) AS ${ident(c.name)}`;
    });
    await db.run(`CREATE TABLE aligned AS SELECT ${select.join(', ')} FROM raw`);
    // Steps about the target (binarizing it) do not apply to data to score; nor do steps that remove
    // rows: every row of the file gets its score, in file order (the training preprocessing imputes
    // what such a step would have dropped a row for).
    const keep = recipe.steps.map(
      (s) => (hasTarget || !('column' in s) || s.column !== prep.target) && !removesRows(s),
    );
    const steps = recipe.steps.filter((_, i) => keep[i]);
    const reuse = recipe.applied.filter((_, i) => keep[i]);
    progress('clean', null);
    const cleaned = await applyRecipe(db, {
      source: 'aligned',
      target: 'clean',
      columns: trainingColumns,
      steps,
      reuse,
    });
    const frame = await readFrame(db, 'clean', cleaned.columns);
    if (ctx.signal?.aborted) throw new UserError('CANCELLED');
    progress('score', null);
    const rows = Array.from({ length: frame.rowCount }, (_, i) => i);
    const matrix = transform(frame, rows, prep);
    const out = predictProba(model, matrix.x, matrix.rows);

    if (frame.rowCount !== summary.rowCount)
      throw new Error(`scoring: the recipe gave ${frame.rowCount} rows for ${summary.rowCount} read`);
    // The output is the file as read (every column, the target's own values) plus the scores.
    const input = await readFrame(db, 'raw', summary.columns);
    const taken = new Set(input.columns.map((c) => c.name));
    const fresh = (name: string): string => {
      let n = name;
      for (let i = 2; taken.has(n); i++) n = `${name}_${i}`;
      taken.add(n);
      return n;
    };
    const added: string[] = [fresh(`predicted_${prep.target}`)];
    const k = prep.task === 'multiclass' ? prep.classes.length : 1;
    if (prep.task === 'binary') added.push(fresh(`probability_${prep.classes[1]}`));
    else if (prep.task === 'multiclass') added.push(...prep.classes.map((c) => fresh(`probability_${c}`)));
    const header = [...input.columns.map((c) => c.name), ...added];
    const rowCells = (i: number): Cell[] => {
      const cells = input.columns.map((c) => c.values[i] ?? null);
      if (prep.task === 'regression') cells.push(out[i]!);
      else if (prep.task === 'binary')
        cells.push(
          out[i]! >= (recipe.threshold ?? 0.5) ? prep.classes[1]! : prep.classes[0]!,
          Number(out[i]!.toFixed(6)),
        );
      else {
        let best = 0;
        for (let j = 1; j < k; j++) if (out[i * k + j]! > out[i * k + best]!) best = j;
        cells.push(prep.classes[best]!, ...Array.from({ length: k }, (_, j) => Number(out[i * k + j]!.toFixed(6))));
      }
      return cells;
    };
    const preview = Array.from({ length: Math.min(job.preview, input.rowCount) }, (_, i) => {
      const cells = rowCells(i);
      return Object.fromEntries(header.map((name, j) => [name, cells[j] ?? null]));
    });
    await writeCsvAtomic(job.out, header, frame.rowCount, rowCells, {
      signal: ctx.signal,
      onProgress: (fraction) => progress('write', fraction),
    });
    ctx.onEvent?.({ type: 'log', level: 'info', message: `scored ${frame.rowCount} rows` });
    return { rows: frame.rowCount, out: job.out, added, preview };
  } finally {
    await db.close();
  }
}

/**
 * Write `rows` CSV rows (`row(i)`, after `header`) to `file` through a temp file renamed into place,
 * so a failed or cancelled write leaves no half file. `onProgress` gets the written fraction.
 * @throws UserError FILE_UNREADABLE {file, reason} when the file cannot be written; CANCELLED on abort.
 */
async function writeCsvAtomic(
  file: string,
  header: string[],
  rows: number,
  row: (i: number) => Cell[],
  opts: { signal?: AbortSignal; onProgress?: (fraction: number) => void },
): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await mkdir(path.dirname(path.resolve(file)), { recursive: true });
    const stream = createWriteStream(tmp, { encoding: 'utf8' });
    const failed = once(stream, 'error').then(([err]) => Promise.reject(err as Error));
    failed.catch(() => undefined); // an error after the race is over has nobody to tell
    const write = async () => {
      stream.write(csvLine(header) + '\n');
      for (let i = 0; i < rows; i++) {
        if (!stream.write(csvLine(row(i)) + '\n')) await once(stream, 'drain');
        if ((i + 1) % PROGRESS_ROWS === 0) {
          if (opts.signal?.aborted) throw new UserError('CANCELLED');
          opts.onProgress?.((i + 1) / rows);
        }
      }
      stream.end();
      await once(stream, 'finish');
    };
    try {
      await Promise.race([write(), failed]);
    } finally {
      stream.destroy();
    }
    await rename(tmp, file);
    opts.onProgress?.(1);
  } catch (err) {
    await rm(tmp, { force: true });
    if (err instanceof UserError) throw err;
    throw new UserError('FILE_UNREADABLE', { file, reason: (err as Error).message });
  }
}

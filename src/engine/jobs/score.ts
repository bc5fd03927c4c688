/**
 * `modelwise score`: apply a saved model package (TensorFlow.js model + preprocessing + the cleaning
 * recipe with its resolved values) to new data, and write the same rows with prediction and
 * probability columns added (SPEC §6 "Score new data").
 */
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { UserError } from '../../shared/errors';
import type { JobEvent } from '../../shared/jobs';
import type { ScoreJobSchema } from '../../shared/jobs';
import type { ColumnInfo, ImportOptions } from '../../shared/model/data';
import type { Preprocessing } from '../../shared/model/train';
import type { RecipeStepResolved } from '../../shared/model/recipe';
import { csvLine } from '../data/csv';
import { ident, openDb } from '../data/duck';
import { importFile } from '../data/import';
import { readFrame } from '../data/read';
import { storageType } from '../data/import-build';
import { applyRecipe, type AppliedStep } from '../data/recipe';
import { loadModel, predictProba } from '../train/model';
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

/** Score `job.file` with the model in `job.modelDir`; writes `job.out` atomically. */
export async function scoreFile(
  job: ReturnType<typeof ScoreJobSchema.parse>,
  ctx: { signal?: AbortSignal; onEvent?: (e: JobEvent) => void },
): Promise<{ rows: number; out: string }> {
  let recipe: RecipeFile;
  try {
    recipe = JSON.parse(await readFile(path.join(job.modelDir, 'recipe.json'), 'utf8')) as RecipeFile;
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'recipe.json is missing' : (err as Error).message;
    throw new UserError('PROJECT_INVALID', { path: job.modelDir, reason }, 'errors.MODEL_PACKAGE_INVALID');
  }
  const { model, prep } = await loadModel(job.modelDir);
  const db = await openDb();
  try {
    const summary = await importFile(
      db,
      job.file,
      { ...recipe.importOptions, ...job.importOptions },
      { table: 'raw', signal: ctx.signal },
    );
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
    // Steps about the target (dropping unlabelled rows, binarizing it) do not apply to data to score.
    const keep = recipe.steps.map((s) => hasTarget || !('column' in s) || s.column !== prep.target);
    const steps = recipe.steps.filter((_, i) => keep[i] && recipe.steps[i]!.op !== 'drop_missing_target');
    const reuse = recipe.applied.filter((_, i) => keep[i] && recipe.steps[i]!.op !== 'drop_missing_target');
    const cleaned = await applyRecipe(db, {
      source: 'aligned',
      target: 'clean',
      columns: trainingColumns,
      steps,
      reuse,
    });
    const frame = await readFrame(db, 'clean', cleaned.columns);
    const rows = Array.from({ length: frame.rowCount }, (_, i) => i);
    const matrix = transform(frame, rows, prep);
    const out = predictProba(model, matrix.x, matrix.rows);

    const header = [...frame.columns.map((c) => c.name)];
    const k = prep.task === 'multiclass' ? prep.classes.length : 1;
    if (prep.task === 'regression') header.push(`predicted_${prep.target}`);
    else if (prep.task === 'binary') header.push(`predicted_${prep.target}`, `probability_${prep.classes[1]}`);
    else header.push(`predicted_${prep.target}`, ...prep.classes.map((c) => `probability_${c}`));

    await mkdir(path.dirname(path.resolve(job.out)), { recursive: true });
    const tmp = `${job.out}.${process.pid}.tmp`;
    const stream = createWriteStream(tmp, { encoding: 'utf8' });
    stream.write(csvLine(header) + '\n');
    for (let i = 0; i < frame.rowCount; i++) {
      const cells = frame.columns.map((c) => c.values[i] ?? null);
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
      if (!stream.write(csvLine(cells) + '\n')) await once(stream, 'drain');
    }
    stream.end();
    await once(stream, 'finish');
    await rename(tmp, job.out);
    ctx.onEvent?.({ type: 'log', level: 'info', message: `scored ${frame.rowCount} rows` });
    return { rows: frame.rowCount, out: job.out };
  } finally {
    await db.close();
  }
}

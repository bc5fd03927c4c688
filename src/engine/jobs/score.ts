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

/** Score `job.file` with the model in `job.modelDir`; writes `job.out` atomically. */
export async function scoreFile(
  job: ReturnType<typeof ScoreJobSchema.parse>,
  ctx: { signal?: AbortSignal; onEvent?: (e: JobEvent) => void },
): Promise<{ rows: number; out: string }> {
  let recipe: RecipeFile;
  try {
    recipe = JSON.parse(await readFile(path.join(job.modelDir, 'recipe.json'), 'utf8')) as RecipeFile;
  } catch (err) {
    throw new UserError('PROJECT_INVALID', { path: job.modelDir, reason: (err as Error).message });
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
    // Bring columns to the training types; the target may be absent in new data.
    const trainingColumns = recipe.columns.filter((c) => hasTarget || c.name !== prep.target);
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

/**
 * Permutation feature importance (Breiman 2001; scikit-learn `permutation_importance`): how much a
 * score drops when one original column's values are shuffled across rows, breaking its link with
 * the target. All one-hot inputs of a column are permuted together, so the importance is per column
 * as the user knows it.
 */
import type { FeatureImportance, ImportanceMetric, PermutationImportance } from '../../shared/model/metrics';
import type { Frame } from '../data/frame';
import { rocAuc } from '../metrics/binary';
import { multiclassAccuracy } from '../metrics/multiclass';
import { r2 } from '../metrics/regression';
import { createRng, shuffleInPlace } from '../rng';
import type { TrainedModel } from './model';
import { outputUnits, predictProba } from './model';
import { featureWidth, labeledOnly, transform } from './preprocess';

export type { FeatureImportance, ImportanceMetric };

function score(metric: ImportanceMetric, y: ArrayLike<number>, pred: Float32Array, k: number): number {
  if (metric === 'roc_auc') return rocAuc(y, pred) ?? 0.5;
  if (metric === 'accuracy') return multiclassAccuracy(y, pred, k);
  return r2(y, pred);
}

/**
 * Mean and standard deviation of the score drop per original feature column, sorted by mean drop
 * (largest first), over `repeats` seeded permutations of at most `maxRows` rows of `frame` (a seeded
 * subsample when there are more; rows with a missing target are skipped).
 */
export function permutationImportance(
  model: TrainedModel,
  frame: Frame,
  rows: number[],
  opts: { metric?: ImportanceMetric; repeats?: number; seed: number; maxRows?: number },
): FeatureImportance[] {
  return measureImportance(model, frame, rows, opts).columns;
}

/**
 * {@link permutationImportance} with what it was measured with (metric, repeats, rows, seed), as
 * stored with a test evaluation. The score is the task's: ROC AUC, accuracy or R² by default.
 * Cost: columns × repeats predictions of at most `maxRows` (default 2000) rows.
 */
export function measureImportance(
  model: TrainedModel,
  frame: Frame,
  rows: number[],
  opts: { metric?: ImportanceMetric; repeats?: number; seed: number; maxRows?: number },
): PermutationImportance {
  const { prep } = model;
  const metric = opts.metric ?? (prep.task === 'binary' ? 'roc_auc' : prep.task === 'multiclass' ? 'accuracy' : 'r2');
  const repeats = opts.repeats ?? 5;
  const maxRows = opts.maxRows ?? 2000;
  const rng = createRng(opts.seed);
  let sample = rows;
  if (rows.length > maxRows)
    sample = (shuffleInPlace([...rows], rng) as number[]).slice(0, maxRows).sort((a, b) => a - b);
  const { matrix } = labeledOnly(transform(frame, sample, prep));
  const k = outputUnits(prep);
  const y =
    prep.task === 'regression'
      ? Float64Array.from(matrix.y, (v) => v * (prep.targetStd ?? 1) + (prep.targetMean ?? 0))
      : Float64Array.from(matrix.y);
  const base = score(metric, y, predictProba(model, matrix.x, matrix.rows), k);

  // Inputs of one column are contiguous (one-hot block, or the three parts of a date).
  const groups: { column: string; offset: number; width: number }[] = [];
  let offset = 0;
  for (const spec of prep.features) {
    const last = groups[groups.length - 1];
    if (last && last.column === spec.column) last.width += featureWidth(spec);
    else groups.push({ column: spec.column, offset, width: featureWidth(spec) });
    offset += featureWidth(spec);
  }

  const out: FeatureImportance[] = [];
  const x = new Float32Array(matrix.x.length);
  const perm = Int32Array.from({ length: matrix.rows }, (_, i) => i);
  for (const g of groups) {
    const drops: number[] = [];
    for (let rep = 0; rep < repeats; rep++) {
      x.set(matrix.x);
      shuffleInPlace(perm, rng);
      for (let r = 0; r < matrix.rows; r++) {
        const from = perm[r]! * matrix.cols + g.offset;
        x.set(matrix.x.subarray(from, from + g.width), r * matrix.cols + g.offset);
      }
      drops.push(base - score(metric, y, predictProba(model, x, matrix.rows), k));
    }
    const mean = drops.reduce((a, b) => a + b, 0) / drops.length;
    const std = Math.sqrt(drops.reduce((a, b) => a + (b - mean) ** 2, 0) / drops.length);
    out.push({ column: g.column, mean, std });
  }
  return { metric, repeats, rows: matrix.rows, seed: opts.seed, columns: out.sort((a, b) => b.mean - a.mean) };
}

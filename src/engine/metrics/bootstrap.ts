/**
 * Percentile bootstrap confidence intervals (Efron & Tibshirani 1993, ch. 13): resample the test
 * rows with replacement, recompute each metric, take the 2.5th and 97.5th percentiles.
 */
import { createRng } from '../rng';

/** A metric of (labels, scores); scores may have several values per row (rows × width). */
export type MetricFn = (yTrue: ArrayLike<number>, scores: ArrayLike<number>) => number | null;

/** Percentile with linear interpolation between order statistics (numpy's default method). `sorted` ascending. */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = (q / 100) * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/**
 * 95 % percentile intervals of each metric over `iterations` resamples (seeded, so repeatable).
 * `scores` has `scores.length / yTrue.length` values per row. Resamples where a metric is undefined
 * (e.g. ROC AUC of a one-class resample) are skipped for that metric; a metric defined in fewer than
 * half of the resamples gets no interval.
 */
export function bootstrapIntervals(
  metricFns: Record<string, MetricFn>,
  yTrue: ArrayLike<number>,
  scores: ArrayLike<number>,
  opts: { iterations?: number; seed: number; level?: number },
): Record<string, { low: number; high: number }> {
  const iterations = opts.iterations ?? 200;
  const level = opts.level ?? 0.95;
  const n = yTrue.length;
  const width = n ? Math.round(scores.length / n) : 1;
  const rng = createRng(opts.seed);
  const values: Record<string, number[]> = {};
  for (const name of Object.keys(metricFns)) values[name] = [];
  if (n === 0) return {};
  const y = new Float64Array(n);
  const s = new Float64Array(n * width);
  for (let it = 0; it < iterations; it++) {
    for (let i = 0; i < n; i++) {
      const j = rng.int(n);
      y[i] = yTrue[j]!;
      for (let c = 0; c < width; c++) s[i * width + c] = scores[j * width + c]!;
    }
    for (const [name, fn] of Object.entries(metricFns)) {
      const v = fn(y, s);
      if (v !== null && Number.isFinite(v)) values[name]!.push(v);
    }
  }
  const out: Record<string, { low: number; high: number }> = {};
  const tail = ((1 - level) / 2) * 100;
  for (const [name, vs] of Object.entries(values)) {
    if (vs.length < iterations / 2) continue;
    vs.sort((a, b) => a - b);
    out[name] = { low: percentile(vs, tail), high: percentile(vs, 100 - tail) };
  }
  return out;
}

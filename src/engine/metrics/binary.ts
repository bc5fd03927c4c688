/**
 * Binary classification metrics (SPEC §6). Pure functions over `yTrue` (1 = positive class,
 * 0 = negative) and scores (P(positive) in [0, 1], or any score where higher means "more positive").
 * Definitions follow scikit-learn 1.2 (`sklearn.metrics`) and are checked against its output in
 * `tests/fixtures/metrics/`. A value that is undefined on the data (precision with no predicted
 * positives, ROC AUC with one class) is `null`, never NaN.
 */
import type { BinaryMetrics, Confusion, CurvePoint } from '../../shared/model/metrics';

export type Labels = ArrayLike<number>;
export type Scores = ArrayLike<number>;

/** Probabilities are clipped to [EPS, 1 − EPS] before taking logs (scikit-learn < 1.2 default `eps`). */
export const LOG_LOSS_EPS = 1e-15;

/** Ratio or null when the denominator is 0. */
export function ratio(num: number, den: number): number | null {
  return den > 0 ? num / den : null;
}

/** Confusion counts with "predicted positive" = score ≥ threshold (the convention of ROC thresholds). */
export function confusionAt(yTrue: Labels, scores: Scores, threshold: number): Confusion {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const pos = yTrue[i] === 1;
    if (scores[i]! >= threshold) {
      if (pos) tp++;
      else fp++;
    } else if (pos) fn++;
    else tn++;
  }
  return { tp, fp, tn, fn };
}

/** Threshold metrics from a confusion matrix. F1 = 2TP/(2TP+FP+FN) (equal to sklearn's where defined). */
export function confusionMetrics(c: Confusion): {
  accuracy: number | null;
  balancedAccuracy: number | null;
  precision: number | null;
  recall: number | null;
  specificity: number | null;
  f1: number | null;
  npv: number | null;
} {
  const n = c.tp + c.fp + c.tn + c.fn;
  const recall = ratio(c.tp, c.tp + c.fn);
  const specificity = ratio(c.tn, c.tn + c.fp);
  // sklearn balanced_accuracy_score: mean recall over the classes present in y_true.
  const present = [recall, specificity].filter((v): v is number => v !== null);
  return {
    accuracy: ratio(c.tp + c.tn, n),
    balancedAccuracy: present.length ? present.reduce((a, b) => a + b, 0) / present.length : null,
    precision: ratio(c.tp, c.tp + c.fp),
    recall,
    specificity,
    f1: ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn),
    npv: ratio(c.tn, c.tn + c.fn),
  };
}

export interface ClfCurve {
  /** Cumulative false / true positives at each distinct threshold, scores descending. */
  fps: number[];
  tps: number[];
  thresholds: number[];
}

/** sklearn `_binary_clf_curve`: counts at every distinct score, from the highest down. */
export function binaryClfCurve(yTrue: Labels, scores: Scores): ClfCurve {
  const n = yTrue.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  const fps: number[] = [];
  const tps: number[] = [];
  const thresholds: number[] = [];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    if (yTrue[i] === 1) tp++;
    else fp++;
    const next = order[k + 1];
    if (next === undefined || scores[next] !== scores[i]) {
      fps.push(fp);
      tps.push(tp);
      thresholds.push(scores[i]!);
    }
  }
  return { fps, tps, thresholds };
}

/**
 * Area under the ROC curve; tied scores count one half (trapezoids over distinct thresholds), as
 * sklearn `roc_auc_score`. Null when only one class is present.
 */
export function rocAuc(yTrue: Labels, scores: Scores): number | null {
  const { fps, tps } = binaryClfCurve(yTrue, scores);
  const P = tps[tps.length - 1] ?? 0;
  const N = fps[fps.length - 1] ?? 0;
  if (P === 0 || N === 0) return null;
  let area = 0;
  let prevF = 0;
  let prevT = 0;
  for (let k = 0; k < fps.length; k++) {
    area += (fps[k]! - prevF) * (tps[k]! + prevT);
    prevF = fps[k]!;
    prevT = tps[k]!;
  }
  return area / (2 * P * N);
}

/**
 * ROC curve points (x = FPR, y = TPR) from (0, 0) to (1, 1), one per distinct threshold (score ≥
 * threshold is positive), as sklearn `roc_curve`; `dropIntermediate` drops collinear points with
 * sklearn's rule. The first point has no threshold. Empty when only one class is present.
 */
export function rocCurve(yTrue: Labels, scores: Scores, opts: { dropIntermediate?: boolean } = {}): CurvePoint[] {
  let { fps, tps, thresholds } = binaryClfCurve(yTrue, scores);
  const P = tps[tps.length - 1] ?? 0;
  const N = fps[fps.length - 1] ?? 0;
  if (P === 0 || N === 0) return [];
  if (opts.dropIntermediate && fps.length > 2) {
    const keep: number[] = [0];
    for (let k = 1; k < fps.length - 1; k++) {
      const d2f = fps[k + 1]! - 2 * fps[k]! + fps[k - 1]!;
      const d2t = tps[k + 1]! - 2 * tps[k]! + tps[k - 1]!;
      if (d2f !== 0 || d2t !== 0) keep.push(k);
    }
    keep.push(fps.length - 1);
    fps = keep.map((k) => fps[k]!);
    tps = keep.map((k) => tps[k]!);
    thresholds = keep.map((k) => thresholds[k]!);
  }
  const points: CurvePoint[] = [{ x: 0, y: 0 }];
  for (let k = 0; k < fps.length; k++) points.push({ x: fps[k]! / N, y: tps[k]! / P, threshold: thresholds[k]! });
  return points;
}

/**
 * Precision–recall curve (x = recall, y = precision), recall ascending: starts at (0, 1) without a
 * threshold, then one point per distinct threshold from the highest score down — sklearn 1.2
 * `precision_recall_curve` in reverse order. Empty when there are no positives.
 */
export function prCurve(yTrue: Labels, scores: Scores): CurvePoint[] {
  const { fps, tps, thresholds } = binaryClfCurve(yTrue, scores);
  const P = tps[tps.length - 1] ?? 0;
  if (P === 0) return [];
  const points: CurvePoint[] = [{ x: 0, y: 1 }];
  for (let k = 0; k < tps.length; k++) {
    points.push({ x: tps[k]! / P, y: tps[k]! / (tps[k]! + fps[k]!), threshold: thresholds[k]! });
  }
  return points;
}

/**
 * Average precision AP = Σₙ (Rₙ − Rₙ₋₁)·Pₙ over distinct thresholds (no interpolation), as sklearn
 * `average_precision_score`. Null when there are no positives.
 */
export function averagePrecision(yTrue: Labels, scores: Scores): number | null {
  const curve = prCurve(yTrue, scores);
  if (curve.length === 0) return null;
  let ap = 0;
  for (let k = 1; k < curve.length; k++) ap += (curve[k]!.x - curve[k - 1]!.x) * curve[k]!.y;
  return ap;
}

/**
 * Kolmogorov–Smirnov statistic: the largest distance between the score distributions of positives
 * and negatives, max |TPR − FPR| over thresholds (= scipy `ks_2samp(pos, neg).statistic`,
 * two-sided). Null when only one class is present.
 */
export function ksStatistic(yTrue: Labels, scores: Scores): number | null {
  const { fps, tps } = binaryClfCurve(yTrue, scores);
  const P = tps[tps.length - 1] ?? 0;
  const N = fps[fps.length - 1] ?? 0;
  if (P === 0 || N === 0) return null;
  let best = 0;
  for (let k = 0; k < fps.length; k++) best = Math.max(best, Math.abs(tps[k]! / P - fps[k]! / N));
  return best;
}

/** Brier score: mean squared difference between P(positive) and the 0/1 outcome (sklearn `brier_score_loss`). */
export function brierScore(yTrue: Labels, pPositive: Scores): number {
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const d = pPositive[i]! - (yTrue[i] === 1 ? 1 : 0);
    s += d * d;
  }
  return yTrue.length ? s / yTrue.length : 0;
}

/** Mean negative log-likelihood in nats, probabilities clipped by {@link LOG_LOSS_EPS} (sklearn `log_loss`). */
export function binaryLogLoss(yTrue: Labels, pPositive: Scores): number {
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const p = Math.min(Math.max(pPositive[i]!, LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
    s -= yTrue[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return yTrue.length ? s / yTrue.length : 0;
}

/**
 * Calibration (reliability) curve over `bins` equal-width bins of P(positive): x = mean predicted
 * probability of the rows in a bin, y = their share of positives; empty bins are left out. Bins are
 * (lo, hi], the first [0, hi], as sklearn `calibration_curve(strategy='uniform')`.
 */
export function calibrationCurve(yTrue: Labels, pPositive: Scores, bins = 10): CurvePoint[] {
  const step = 1 / bins;
  const total = new Array<number>(bins).fill(0);
  const sumP = new Array<number>(bins).fill(0);
  const positives = new Array<number>(bins).fill(0);
  for (let i = 0; i < yTrue.length; i++) {
    const p = pPositive[i]!;
    // Index of the first inner edge (j·step, j = 1…bins−1) that is ≥ p, like numpy.searchsorted.
    let b = 0;
    while (b < bins - 1 && (b + 1) * step < p) b++;
    total[b]!++;
    sumP[b]! += p;
    if (yTrue[i] === 1) positives[b]!++;
  }
  const out: CurvePoint[] = [];
  for (let b = 0; b < bins; b++) if (total[b]! > 0) out.push({ x: sumP[b]! / total[b]!, y: positives[b]! / total[b]! });
  return out;
}

/**
 * At most `max` points of a curve for charts: evenly spaced by index, first and last kept. Apply
 * after `rocCurve(..., {dropIntermediate: true})`, which already drops collinear points.
 */
export function downsampleCurve(points: CurvePoint[], max: number): CurvePoint[] {
  if (points.length <= max || max < 2) return points;
  const out: CurvePoint[] = [];
  const step = (points.length - 1) / (max - 1);
  let last = -1;
  for (let k = 0; k < max; k++) {
    const idx = Math.round(k * step);
    if (idx !== last) out.push(points[idx]!);
    last = idx;
  }
  return out;
}

/** Most points a curve keeps in a {@link BinaryMetrics} (the report draws them). */
export const MAX_CURVE_POINTS = 200;

/**
 * All binary metrics of SPEC §6 at `threshold` (score ≥ threshold → positive). `yTrue` holds 1 for
 * the positive class; `pPositive` is P(positive) per row. Curves are downsampled to
 * {@link MAX_CURVE_POINTS}. Intervals are left empty (see `bootstrapIntervals`).
 */
export function binaryMetrics(
  yTrue: Labels,
  pPositive: Scores,
  threshold: number,
  labels: { positive: string; negative: string },
): BinaryMetrics {
  const confusion = confusionAt(yTrue, pPositive, threshold);
  const m = confusionMetrics(confusion);
  return {
    task: 'binary',
    positiveClass: labels.positive,
    negativeClass: labels.negative,
    threshold,
    n: yTrue.length,
    accuracy: m.accuracy ?? 0,
    balancedAccuracy: m.balancedAccuracy ?? 0,
    precision: m.precision,
    recall: m.recall,
    specificity: m.specificity,
    f1: m.f1,
    npv: m.npv,
    rocAuc: rocAuc(yTrue, pPositive),
    prAuc: averagePrecision(yTrue, pPositive),
    brier: brierScore(yTrue, pPositive),
    logLoss: binaryLogLoss(yTrue, pPositive),
    ks: ksStatistic(yTrue, pPositive),
    confusion,
    rocCurve: downsampleCurve(rocCurve(yTrue, pPositive, { dropIntermediate: true }), MAX_CURVE_POINTS),
    prCurve: downsampleCurve(prCurve(yTrue, pPositive), MAX_CURVE_POINTS),
    calibrationCurve: calibrationCurve(yTrue, pPositive),
    intervals: {},
  };
}

/** Bootstrap-able headline metrics of a binary model, by the field names of {@link BinaryMetrics}. */
export function binaryMetricFns(threshold: number): Record<string, (y: Labels, s: Scores) => number | null> {
  const at = (key: keyof ReturnType<typeof confusionMetrics>) => (y: Labels, s: Scores) =>
    confusionMetrics(confusionAt(y, s, threshold))[key];
  return {
    accuracy: at('accuracy'),
    balancedAccuracy: at('balancedAccuracy'),
    precision: at('precision'),
    recall: at('recall'),
    specificity: at('specificity'),
    f1: at('f1'),
    npv: at('npv'),
    rocAuc,
    prAuc: averagePrecision,
    brier: brierScore,
    logLoss: binaryLogLoss,
    ks: ksStatistic,
  };
}

/**
 * Per-group classification metrics for the fairness analysis (REFERENCE.md §2.1): confusion counts
 * (weighted by sample weights when given, as Fairlearn and AIF360 do), base rate, selection rate,
 * accuracy, TPR, FPR, precision and ROC AUC. Labels here are already coded 1 = favourable outcome
 * ("positive" in REFERENCE.md's notation), so every rate is of the favourable outcome. A metric that
 * is undefined for a group is null with a reason, never 0.
 */
import type { GroupMetrics, UndefinedReason } from '../../shared/model/fairness';
import { ratio, rocAuc } from '../metrics/binary';

/** Which prediction is favourable: the positive class of the metrics, or its complement (finance). */
export type FavourableOutcome = 'predicted_positive' | 'predicted_negative';

/** Weighted confusion counts of one group; `n` is the row count, `w` the total weight. */
export interface GroupCounts {
  n: number;
  w: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** Confusion counts over `rows` (indices into the arrays). yTrue/yPred are 1 = favourable outcome. */
export function countRows(
  rows: ArrayLike<number>,
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  weights?: ArrayLike<number>,
): GroupCounts {
  const c: GroupCounts = { n: rows.length, w: 0, tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k]!;
    const wi = weights ? weights[i]! : 1;
    c.w += wi;
    if (yTrue[i] === 1) {
      if (yPred[i] === 1) c.tp += wi;
      else c.fn += wi;
    } else if (yPred[i] === 1) c.fp += wi;
    else c.tn += wi;
  }
  return c;
}

/** Rates of the favourable outcome (coded 1) from counts; null where the denominator is 0. */
export function ratesFromCounts(c: GroupCounts) {
  return {
    baseRate: ratio(c.tp + c.fn, c.w),
    selectionRate: ratio(c.tp + c.fp, c.w),
    accuracy: ratio(c.tp + c.tn, c.w),
    tpr: ratio(c.tp, c.tp + c.fn),
    fpr: ratio(c.fp, c.fp + c.tn),
    precision: ratio(c.tp, c.tp + c.fp),
  };
}

/**
 * ROC AUC with sample weights: the weighted probability that a positive outranks a negative, ties
 * counting one half — the area under sklearn's weighted `roc_curve` (`roc_auc_score(...,
 * sample_weight=w)`). Null when either class has zero weight.
 */
export function weightedRocAuc(
  yTrue: ArrayLike<number>,
  scores: ArrayLike<number>,
  weights: ArrayLike<number>,
): number | null {
  const order = Array.from({ length: yTrue.length }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let negBelow = 0;
  let area = 0;
  let P = 0;
  let N = 0;
  for (let k = 0; k < order.length;) {
    // One block of tied scores at a time: its positives beat the negatives below, tie with its own.
    let pos = 0;
    let neg = 0;
    const s = scores[order[k]!]!;
    while (k < order.length && scores[order[k]!] === s) {
      const i = order[k]!;
      if (yTrue[i] === 1) pos += weights[i]!;
      else neg += weights[i]!;
      k++;
    }
    area += pos * (negBelow + neg / 2);
    negBelow += neg;
    P += pos;
    N += neg;
  }
  return P > 0 && N > 0 ? area / (P * N) : null;
}

/**
 * The full {@link GroupMetrics} of rows `rows`. `yTrue`/`yPred` are 1 = favourable outcome and
 * `scores` P(favourable), in [0, 1], for ROC AUC. `share` is n_g / `totalRows`; `small` flags
 * n < `minGroupSize`.
 */
export function groupMetrics(input: {
  group: string;
  rows: ArrayLike<number>;
  totalRows: number;
  yTrue: ArrayLike<number>;
  yPred: ArrayLike<number>;
  scores?: ArrayLike<number> | null;
  weights?: ArrayLike<number>;
  minGroupSize: number;
}): GroupMetrics {
  const { rows, yTrue, yPred, scores, weights } = input;
  const c = countRows(rows, yTrue, yPred, weights);
  const r = ratesFromCounts(c);
  const reasons: Record<string, UndefinedReason> = {};
  const positives = c.tp + c.fn;
  const negatives = c.fp + c.tn;
  if (c.w <= 0) {
    for (const k of ['baseRate', 'selectionRate', 'accuracy', 'tpr', 'fpr', 'precision', 'rocAuc'])
      reasons[k] = 'empty';
  } else {
    if (positives === 0) reasons.tpr = 'no_positives';
    if (negatives === 0) reasons.fpr = 'no_negatives';
    if (c.tp + c.fp === 0) reasons.precision = 'no_predicted_positives';
  }
  let auc: number | null = null;
  if (c.w > 0) {
    if (!scores) reasons.rocAuc = 'no_scores';
    else if (positives === 0 || negatives === 0) reasons.rocAuc = 'single_class';
    else {
      const y = new Float64Array(rows.length);
      const s = new Float64Array(rows.length);
      const w = weights ? new Float64Array(rows.length) : null;
      for (let k = 0; k < rows.length; k++) {
        const i = rows[k]!;
        y[k] = yTrue[i]!;
        s[k] = scores[i]!;
        if (w) w[k] = weights![i]!;
      }
      auc = w ? weightedRocAuc(y, s, w) : rocAuc(y, s);
    }
  }
  return {
    group: input.group,
    n: c.n,
    share: input.totalRows > 0 ? c.n / input.totalRows : 0,
    ...r,
    rocAuc: auc,
    undefinedReasons: reasons,
    small: c.n < input.minGroupSize,
  };
}

/**
 * Multiclass metrics (SPEC §6). `yTrue` holds class indices 0…K−1 in `classes` order; `proba` is
 * rows × K, row-major (softmax outputs). The predicted class is the arg-max (first on ties, as
 * numpy). Definitions follow scikit-learn 1.2 and are checked against it in `tests/fixtures/metrics/`.
 */
import type { MulticlassMetrics } from '../../shared/model/metrics';
import { LOG_LOSS_EPS, ratio } from './binary';

/** Arg-max class of each row of a rows × k matrix. */
export function argmaxRows(proba: ArrayLike<number>, k: number): Int32Array {
  const rows = Math.floor(proba.length / k);
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (proba[r * k + c]! > proba[r * k + best]!) best = c;
    out[r] = best;
  }
  return out;
}

/** Confusion matrix[true][predicted] over k classes. */
export function confusionMatrix(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, k: number): number[][] {
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < yTrue.length; i++) m[yTrue[i]!]![yPred[i]!]!++;
  return m;
}

/**
 * Mean negative log-likelihood of the true class in nats; each row is clipped by
 * {@link LOG_LOSS_EPS} and renormalised first, as sklearn 1.2 `log_loss`.
 */
export function multiclassLogLoss(yTrue: ArrayLike<number>, proba: ArrayLike<number>, k: number): number {
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) {
    let sum = 0;
    for (let c = 0; c < k; c++) sum += Math.min(Math.max(proba[i * k + c]!, LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
    const p = Math.min(Math.max(proba[i * k + yTrue[i]!]!, LOG_LOSS_EPS), 1 - LOG_LOSS_EPS) / sum;
    s -= Math.log(p);
  }
  return yTrue.length ? s / yTrue.length : 0;
}

/** Accuracy of arg-max predictions. */
export function multiclassAccuracy(yTrue: ArrayLike<number>, proba: ArrayLike<number>, k: number): number {
  const pred = argmaxRows(proba, k);
  let ok = 0;
  for (let i = 0; i < yTrue.length; i++) if (pred[i] === yTrue[i]) ok++;
  return yTrue.length ? ok / yTrue.length : 0;
}

function perClassScores(cm: number[][]) {
  const k = cm.length;
  return Array.from({ length: k }, (_, c) => {
    const tp = cm[c]![c]!;
    let support = 0;
    let predicted = 0;
    for (let j = 0; j < k; j++) {
      support += cm[c]![j]!;
      predicted += cm[j]![c]!;
    }
    const fn = support - tp;
    const fp = predicted - tp;
    return {
      precision: ratio(tp, tp + fp),
      recall: ratio(tp, tp + fn),
      f1: ratio(2 * tp, 2 * tp + fp + fn),
      support,
    };
  });
}

/**
 * Macro-averaged F1: the unweighted mean of per-class F1 over the classes that occur in `yTrue` or
 * in the predictions (sklearn `f1_score(average='macro')` without `labels`).
 */
export function macroF1(yTrue: ArrayLike<number>, proba: ArrayLike<number>, k: number): number {
  const scores = perClassScores(confusionMatrix(yTrue, argmaxRows(proba, k), k))
    .map((s) => s.f1)
    .filter((f): f is number => f !== null);
  return scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : 0;
}

/**
 * Accuracy, macro-F1, per-class precision / recall / F1 (null where undefined: no predictions of the
 * class, or no rows of it), confusion matrix and log loss.
 */
export function multiclassMetrics(
  yTrue: ArrayLike<number>,
  proba: ArrayLike<number>,
  classes: string[],
): MulticlassMetrics {
  const k = classes.length;
  const pred = argmaxRows(proba, k);
  const cm = confusionMatrix(yTrue, pred, k);
  const per = perClassScores(cm);
  let ok = 0;
  for (let c = 0; c < k; c++) ok += cm[c]![c]!;
  return {
    task: 'multiclass',
    classes,
    n: yTrue.length,
    accuracy: yTrue.length ? ok / yTrue.length : 0,
    macroF1: macroF1(yTrue, proba, k),
    perClass: per.map((s, c) => ({ label: classes[c]!, ...s })),
    confusionMatrix: cm,
    logLoss: multiclassLogLoss(yTrue, proba, k),
    intervals: {},
  };
}

/** Bootstrap-able headline metrics of a multiclass model (scores = rows × k probabilities). */
export function multiclassMetricFns(
  k: number,
): Record<string, (y: ArrayLike<number>, s: ArrayLike<number>) => number | null> {
  return {
    accuracy: (y, s) => multiclassAccuracy(y, s, k),
    macroF1: (y, s) => macroF1(y, s, k),
    logLoss: (y, s) => multiclassLogLoss(y, s, k),
  };
}

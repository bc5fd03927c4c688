/**
 * Regression metrics (SPEC §6) in the target's own units. Definitions follow scikit-learn 1.2
 * (`mean_absolute_error`, `mean_squared_error(squared=False)`, `r2_score`) and are checked against it
 * in `tests/fixtures/metrics/`.
 */
import type { RegressionMetrics } from '../../shared/model/metrics';

/** Mean absolute error. */
export function mae(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) s += Math.abs(yTrue[i]! - yPred[i]!);
  return yTrue.length ? s / yTrue.length : 0;
}

/** Root mean squared error. */
export function rmse(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) s += (yTrue[i]! - yPred[i]!) ** 2;
  return yTrue.length ? Math.sqrt(s / yTrue.length) : 0;
}

/**
 * Coefficient of determination R² = 1 − SS_res / SS_tot. For a constant `yTrue` it is 1 when the
 * predictions are perfect and 0 otherwise (sklearn `r2_score`, `force_finite=True`).
 */
export function r2(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const n = yTrue.length;
  if (n === 0) return 0;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += yTrue[i]!;
  mean /= n;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < n; i++) {
    ssRes += (yTrue[i]! - yPred[i]!) ** 2;
    ssTot += (yTrue[i]! - mean) ** 2;
  }
  if (ssTot === 0) return ssRes === 0 ? 1 : 0;
  return 1 - ssRes / ssTot;
}

/** Most residual points a {@link RegressionMetrics} keeps for the residual plot. */
export const MAX_RESIDUAL_POINTS = 500;

/**
 * MAE, RMSE, R² and up to {@link MAX_RESIDUAL_POINTS} (predicted, residual = actual − predicted)
 * points, evenly spaced over the rows so the plot is deterministic.
 */
export function regressionMetrics(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): RegressionMetrics {
  const n = yTrue.length;
  const count = Math.min(n, MAX_RESIDUAL_POINTS);
  const residuals: RegressionMetrics['residuals'] = [];
  for (let k = 0; k < count; k++) {
    const i = count === n ? k : Math.floor((k * n) / count);
    residuals.push({ predicted: yPred[i]!, residual: yTrue[i]! - yPred[i]! });
  }
  return {
    task: 'regression',
    n,
    mae: mae(yTrue, yPred),
    rmse: rmse(yTrue, yPred),
    r2: r2(yTrue, yPred),
    residuals,
    intervals: {},
  };
}

/** Bootstrap-able headline metrics of a regression model (scores = predictions). */
export function regressionMetricFns(): Record<string, (y: ArrayLike<number>, s: ArrayLike<number>) => number | null> {
  return { mae, rmse, r2 };
}

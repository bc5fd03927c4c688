/**
 * Baseline models shown beside the network (SPEC §6), fitted in plain JS on the same preprocessed
 * feature matrix (rows × cols, row-major Float32Array):
 * - prior / mean: the training class frequencies (scikit-learn `DummyClassifier(strategy='prior')`,
 *   whose prediction is the majority class) or the training mean (`DummyRegressor`);
 * - logistic regression with scikit-learn's default objective (L2, C = 1, intercept not penalised,
 *   binary: one sigmoid; multiclass: multinomial softmax), minimised with L-BFGS;
 * - linear regression by least squares (a 1e-8 ridge keeps collinear one-hot columns solvable; the
 *   predictions equal the minimum-norm least-squares ones to rounding).
 */

/** rows × cols features, row-major. */
export interface FeatureMatrix {
  x: ArrayLike<number>;
  rows: number;
  cols: number;
}

/**
 * Minimise a smooth function with limited-memory BFGS (Nocedal & Wright 2006, Alg. 7.4/7.5) and a
 * backtracking Armijo line search. `fg` returns f(w) and writes ∇f(w) into `grad`.
 */
export function lbfgs(
  fg: (w: Float64Array, grad: Float64Array) => number,
  w0: Float64Array,
  opts: { maxIter?: number; memory?: number; gradTol?: number } = {},
): { w: Float64Array; value: number; iterations: number } {
  const maxIter = opts.maxIter ?? 100;
  const m = opts.memory ?? 10;
  const gradTol = opts.gradTol ?? 1e-6;
  const d = w0.length;
  let w = Float64Array.from(w0);
  let g = new Float64Array(d);
  let f = fg(w, g);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const dot = (a: Float64Array, b: Float64Array) => {
    let s = 0;
    for (let i = 0; i < d; i++) s += a[i]! * b[i]!;
    return s;
  };
  let it = 0;
  for (; it < maxIter; it++) {
    let gmax = 0;
    for (let i = 0; i < d; i++) gmax = Math.max(gmax, Math.abs(g[i]!));
    if (gmax < gradTol) break;
    // Two-loop recursion: dir = −H·g.
    const q = Float64Array.from(g);
    const alpha = new Array<number>(S.length);
    for (let k = S.length - 1; k >= 0; k--) {
      alpha[k] = rho[k]! * dot(S[k]!, q);
      for (let i = 0; i < d; i++) q[i]! -= alpha[k]! * Y[k]![i]!;
    }
    const last = S.length - 1;
    const gamma =
      last >= 0 ? dot(S[last]!, Y[last]!) / dot(Y[last]!, Y[last]!) : 1 / Math.max(Math.sqrt(dot(g, g)), 1e-12);
    for (let i = 0; i < d; i++) q[i]! *= gamma;
    for (let k = 0; k < S.length; k++) {
      const beta = rho[k]! * dot(Y[k]!, q);
      for (let i = 0; i < d; i++) q[i]! += S[k]![i]! * (alpha[k]! - beta);
    }
    for (let i = 0; i < d; i++) q[i] = -q[i]!;
    let slope = dot(g, q);
    if (slope >= 0) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      S.length = Y.length = rho.length = 0;
      for (let i = 0; i < d; i++) q[i] = -g[i]!;
      slope = dot(g, q);
    }
    let step = 1;
    const wNew = new Float64Array(d);
    const gNew = new Float64Array(d);
    let fNew = Infinity;
    for (let ls = 0; ls < 40; ls++) {
      for (let i = 0; i < d; i++) wNew[i] = w[i]! + step * q[i]!;
      fNew = fg(wNew, gNew);
      if (fNew <= f + 1e-4 * step * slope) break;
      step /= 2;
    }
    if (!(fNew < f) && !(fNew <= f + 1e-4 * step * slope)) break;
    const s = new Float64Array(d);
    const y = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      s[i] = wNew[i]! - w[i]!;
      y[i] = gNew[i]! - g[i]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      S.push(s);
      Y.push(y);
      rho.push(1 / sy);
      if (S.length > m) {
        S.shift();
        Y.shift();
        rho.shift();
      }
    }
    const converged = Math.abs(f - fNew) <= 1e-15 * Math.max(1, Math.abs(f));
    w = wNew;
    g = gNew;
    f = fNew;
    if (converged) {
      it++;
      break;
    }
  }
  return { w, value: f, iterations: it };
}

/** A fitted linear model: scores = X·W + b, W cols × k (k = 1 for binary and regression). */
export interface LinearModel {
  kind: 'logistic' | 'multinomial' | 'linear';
  cols: number;
  k: number;
  /** cols × k, row-major. */
  weights: Float64Array;
  bias: Float64Array;
}

function linearScores(model: LinearModel, x: ArrayLike<number>, rows: number): Float64Array {
  const { cols, k, weights, bias } = model;
  const z = new Float64Array(rows * k);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < k; c++) z[r * k + c] = bias[c]!;
    for (let j = 0; j < cols; j++) {
      const v = x[r * cols + j]!;
      if (v === 0) continue;
      for (let c = 0; c < k; c++) z[r * k + c]! += v * weights[j * k + c]!;
    }
  }
  return z;
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/**
 * Logistic regression with scikit-learn's defaults (`LogisticRegression(C=1)`: minimises
 * Σ log-loss + ½‖W‖², intercept unpenalised, at most 100 L-BFGS iterations). `y` holds class
 * indices 0…k−1; k = 2 fits one sigmoid (P(class 1)), k > 2 a multinomial softmax.
 */
export function fitLogistic(
  data: FeatureMatrix,
  y: ArrayLike<number>,
  k: number,
  opts: { C?: number; maxIter?: number } = {},
): LinearModel {
  const C = opts.C ?? 1;
  const { x, rows, cols } = data;
  const out = k === 2 ? 1 : k;
  const nW = cols * out;
  // Scaled by 1/rows so the gradient tolerance does not depend on the number of rows.
  const fg = (w: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    const model: LinearModel = { kind: 'logistic', cols, k: out, weights: w.subarray(0, nW), bias: w.subarray(nW) };
    const z = linearScores(model, x, rows);
    let loss = 0;
    const resid = new Float64Array(out);
    for (let r = 0; r < rows; r++) {
      const t = y[r]!;
      if (out === 1) {
        const zr = z[r]!;
        // log(1 + e^z) − t·z, computed stably.
        loss += (zr > 0 ? zr + Math.log1p(Math.exp(-zr)) : Math.log1p(Math.exp(zr))) - (t === 1 ? zr : 0);
        resid[0] = sigmoid(zr) - (t === 1 ? 1 : 0);
      } else {
        let max = -Infinity;
        for (let c = 0; c < out; c++) max = Math.max(max, z[r * out + c]!);
        let sum = 0;
        for (let c = 0; c < out; c++) sum += Math.exp(z[r * out + c]! - max);
        loss += max + Math.log(sum) - z[r * out + t]!;
        for (let c = 0; c < out; c++) resid[c] = Math.exp(z[r * out + c]! - max) / sum - (c === t ? 1 : 0);
      }
      for (let j = 0; j < cols; j++) {
        const v = x[r * cols + j]!;
        if (v === 0) continue;
        for (let c = 0; c < out; c++) grad[j * out + c]! += v * resid[c]!;
      }
      for (let c = 0; c < out; c++) grad[nW + c]! += resid[c]!;
    }
    let penalty = 0;
    for (let i = 0; i < nW; i++) {
      penalty += w[i]! * w[i]!;
      grad[i]! += w[i]! / C;
    }
    for (let i = 0; i < grad.length; i++) grad[i]! /= rows;
    return (loss + penalty / (2 * C)) / rows;
  };
  const { w } = lbfgs(fg, new Float64Array(nW + out), { maxIter: opts.maxIter ?? 100, gradTol: 1e-9 });
  return { kind: out === 1 ? 'logistic' : 'multinomial', cols, k: out, weights: w.slice(0, nW), bias: w.slice(nW) };
}

/** Least-squares linear regression of `y` on the features (with intercept). */
export function fitLinear(data: FeatureMatrix, y: ArrayLike<number>): LinearModel {
  const { x, rows, cols } = data;
  const d = cols + 1;
  // Normal equations on [X 1]: A = XᵀX, b = Xᵀy.
  const A = new Float64Array(d * d);
  const b = new Float64Array(d);
  const row = new Float64Array(d);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < cols; j++) row[j] = x[r * cols + j]!;
    row[cols] = 1;
    for (let i = 0; i < d; i++) {
      const vi = row[i]!;
      if (vi === 0) continue;
      b[i]! += vi * y[r]!;
      for (let j = i; j < d; j++) A[i * d + j]! += vi * row[j]!;
    }
  }
  let trace = 0;
  for (let i = 0; i < d; i++) trace += A[i * d + i]!;
  const ridge = 1e-8 * Math.max(trace / d, 1e-12);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < i; j++) A[i * d + j] = A[j * d + i]!;
    if (i < cols) A[i * d + i]! += ridge;
  }
  const sol = solveSpd(A, b, d);
  return { kind: 'linear', cols, k: 1, weights: sol.slice(0, cols), bias: sol.slice(cols) };
}

/** Solve A·x = b for symmetric positive (semi)definite A by Cholesky, with growing jitter if needed. */
function solveSpd(A: Float64Array, b: Float64Array, d: number): Float64Array {
  for (let attempt = 0, jitter = 0; attempt < 8; attempt++, jitter = jitter ? jitter * 100 : 1e-10) {
    const L = new Float64Array(d * d);
    let ok = true;
    for (let i = 0; i < d && ok; i++) {
      for (let j = 0; j <= i; j++) {
        let s = A[i * d + j]! + (i === j ? jitter * Math.max(A[i * d + i]!, 1) : 0);
        for (let k = 0; k < j; k++) s -= L[i * d + k]! * L[j * d + k]!;
        if (i === j) {
          if (!(s > 0)) {
            ok = false;
            break;
          }
          L[i * d + i] = Math.sqrt(s);
        } else L[i * d + j] = s / L[j * d + j]!;
      }
    }
    if (!ok) continue;
    const z = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      let s = b[i]!;
      for (let k = 0; k < i; k++) s -= L[i * d + k]! * z[k]!;
      z[i] = s / L[i * d + i]!;
    }
    const out = new Float64Array(d);
    for (let i = d - 1; i >= 0; i--) {
      let s = z[i]!;
      for (let k = i + 1; k < d; k++) s -= L[k * d + i]! * out[k]!;
      out[i] = s / L[i * d + i]!;
    }
    return out;
  }
  return new Float64Array(d);
}

/**
 * Predictions of a linear model: P(class 1) per row (logistic), rows × k softmax probabilities
 * (multinomial) or the fitted value (linear).
 */
export function predictLinear(model: LinearModel, data: FeatureMatrix): Float64Array {
  const z = linearScores(model, data.x, data.rows);
  if (model.kind === 'linear') return z;
  if (model.kind === 'logistic') return z.map(sigmoid);
  const k = model.k;
  for (let r = 0; r < data.rows; r++) {
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, z[r * k + c]!);
    let sum = 0;
    for (let c = 0; c < k; c++) sum += z[r * k + c] = Math.exp(z[r * k + c]! - max);
    for (let c = 0; c < k; c++) z[r * k + c]! /= sum;
  }
  return z;
}

/** Class frequencies of `y` (indices 0…k−1), the prior baseline's probabilities. */
export function classPriors(y: ArrayLike<number>, k: number): number[] {
  const counts = new Array<number>(k).fill(0);
  for (let i = 0; i < y.length; i++) counts[y[i]!]!++;
  return counts.map((c) => (y.length ? c / y.length : 0));
}

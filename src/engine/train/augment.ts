/**
 * Augmentation of the TRAINING split only (SPEC §3): class rebalancing (balanced class weights,
 * random oversampling, SMOTE / SMOTE-NC) and Gaussian noise. It runs on the preprocessed training
 * matrix after the split, so no validation or test row is ever copied, synthesised or weighted, and
 * the preprocessing (medians, means, standard deviations, kept categories) was fitted on the
 * original training rows alone. (The per-row derived features `cross` and `date_parts` are the
 * other augmentation steps; they live in `features.ts` because they must exist on every split.)
 *
 * Steps run in the order given, each on the training matrix as the previous steps left it (noise
 * after SMOTE also perturbs synthetic rows; SMOTE after oversampling finds classes already
 * balanced). Original rows stay first and unchanged; added rows are appended. Everything random
 * draws from one generator seeded from the run's seed: the same matrix, steps and seed give the same
 * rows. Each step adds one log message per class (or per step) as an i18n key `augment.*` with its
 * parameters; the pipeline stores them in the training record, plus an English rendering.
 */
import { UserError } from '../../shared/errors';
import type { AugmentationStepResolved } from '../../shared/model/recipe';
import type { AugmentationMessage, Preprocessing } from '../../shared/model/train';
import type { Rng } from '../rng';
import { createRng, shuffleInPlace } from '../rng';
import { balancedClassWeights } from './model';
import type { Matrix } from './preprocess';
import { featureWidth } from './preprocess';

/** Most minority rows SMOTE searches neighbours among; a larger class is subsampled (seeded) to this. */
export const MAX_SMOTE_POOL = 20_000;
/** Most cells (rows × inputs) an augmented training matrix may have: 1 GiB of float32. */
export const MAX_TRAINING_CELLS = 2 ** 28;

/** Where the columns of a preprocessed matrix come from. */
export interface FeatureLayout {
  /** Columns of numeric features (standardised values). */
  numeric: number[];
  /** One-hot blocks of categorical features: first column and width. */
  groups: { offset: number; width: number }[];
}

/** Column layout of the matrix `transform` makes under `prep`. */
export function featureLayout(prep: Preprocessing): FeatureLayout {
  const layout: FeatureLayout = { numeric: [], groups: [] };
  let offset = 0;
  for (const spec of prep.features) {
    const width = featureWidth(spec);
    if (spec.kind === 'numeric') layout.numeric.push(offset);
    else if (width > 0) layout.groups.push({ offset, width });
    offset += width;
  }
  return layout;
}

export interface AugmentResult {
  /** The training matrix: the original rows first, unchanged, then the added rows. */
  matrix: Matrix;
  /** Per row of `matrix`: the original training row it is or was made from (SMOTE: its base row). */
  parent: Int32Array;
  /** Rows added per step, in step order (0 for steps that add none). */
  added: number[];
  /** Whether a `class_weights` step asks training for balanced class weights. */
  classWeights: boolean;
  messages: AugmentationMessage[];
}

/** The matrix with room for `extra` more rows (copied; the new rows are zero). */
function grow(m: Matrix, parent: Int32Array, extra: number, op: string): { m: Matrix; parent: Int32Array } {
  const rows = m.rows + extra;
  if (rows * m.cols > MAX_TRAINING_CELLS)
    throw new UserError('SETTING_INVALID', {
      setting: 'augmentation',
      value: op,
      reason: `${rows} training rows × ${m.cols} inputs is more than the ${MAX_TRAINING_CELLS} values training can hold`,
    });
  const x = new Float32Array(rows * m.cols);
  x.set(m.x);
  const y = new Float32Array(rows);
  y.set(m.y);
  const p = new Int32Array(rows);
  p.set(parent);
  return { m: { x, y, rows, cols: m.cols }, parent: p };
}

/** Row indices of each class (class index = position). */
function rowsByClass(y: Float32Array, rows: number, k: number): number[][] {
  const out: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < rows; i++) out[y[i]!]?.push(i);
  return out;
}

/** Rows a class needs to reach ⌊targetRatio × largest class⌋ (imbalanced-learn's float `sampling_strategy`). */
function shortfall(byClass: number[][], targetRatio: number): number[] {
  const largest = Math.max(...byClass.map((r) => r.length));
  const target = Math.floor(targetRatio * largest);
  return byClass.map((r) => (r.length > 0 ? Math.max(0, target - r.length) : 0));
}

/**
 * SMOTE-NC synthetic rows for one class (Chawla, Bowyer, Hall & Kegelmeyer 2002, JAIR 16, §4.2 and
 * §6.1). For each new row: a base row and one of its `k` nearest neighbours within `rows` are drawn
 * uniformly (as imbalanced-learn does), and the numeric features are interpolated at one uniform gap
 * in [0, 1) — so the point lies on the segment between them (the paper's pseudo-code draws a gap per
 * attribute, its text and imbalanced-learn use one per row). Each one-hot group takes the category
 * most frequent among the base row's k neighbours (ties broken at random). Distances are Euclidean
 * over the standardised numeric features plus, per categorical feature that differs, the square of
 * the median of the class's numeric standard deviations (the paper's penalty; imbalanced-learn
 * scales one-hot columns by median/2 instead, half the squared penalty). `k` is capped at the class
 * size − 1; a class with more than {@link MAX_SMOTE_POOL} rows is subsampled first. Neighbours are
 * found by brute force, once per distinct base row.
 * @returns `count` new rows (count × cols) and, per row, the matrix row it was made from.
 */
export function smoteRows(
  x: Float32Array,
  cols: number,
  rows: number[],
  layout: FeatureLayout,
  k: number,
  count: number,
  rng: Rng,
): { x: Float32Array; base: Int32Array; k: number } {
  let pool = rows;
  if (rows.length > MAX_SMOTE_POOL) {
    pool = (shuffleInPlace([...rows], rng) as number[]).slice(0, MAX_SMOTE_POOL).sort((a, b) => a - b);
  }
  const m = pool.length;
  const kEff = Math.min(k, m - 1);
  const nNum = layout.numeric.length;
  const nCat = layout.groups.length;
  const num = new Float64Array(m * nNum);
  const cat = new Int32Array(m * nCat).fill(-1);
  for (let i = 0; i < m; i++) {
    const r = pool[i]! * cols;
    for (let j = 0; j < nNum; j++) num[i * nNum + j] = x[r + layout.numeric[j]!]!;
    for (let g = 0; g < nCat; g++) {
      const { offset, width } = layout.groups[g]!;
      for (let c = 0; c < width; c++) if (x[r + offset + c]! > 0.5) cat[i * nCat + g] = c;
    }
  }
  // Median of the per-feature standard deviations within the class (population, as numpy's std).
  const stds: number[] = [];
  for (let j = 0; j < nNum; j++) {
    let mean = 0;
    for (let i = 0; i < m; i++) mean += num[i * nNum + j]!;
    mean /= m;
    let ss = 0;
    for (let i = 0; i < m; i++) ss += (num[i * nNum + j]! - mean) ** 2;
    stds.push(Math.sqrt(ss / m));
  }
  stds.sort((a, b) => a - b);
  const med = nNum === 0 ? 1 : nNum % 2 ? stds[(nNum - 1) / 2]! : (stds[nNum / 2 - 1]! + stds[nNum / 2]!) / 2;
  const penalty = med * med;

  const cache = new Map<number, Int32Array>();
  const bestD = new Float64Array(kEff);
  const neighbours = (b: number): Int32Array => {
    const hit = cache.get(b);
    if (hit) return hit;
    const best = new Int32Array(kEff).fill(-1);
    bestD.fill(Infinity);
    const bNum = num.subarray(b * nNum, (b + 1) * nNum);
    const bCat = cat.subarray(b * nCat, (b + 1) * nCat);
    for (let i = 0, io = 0, ic = 0; i < m; i++, io += nNum, ic += nCat) {
      if (i === b) continue;
      // Partial sums only grow: stop as soon as the row cannot beat the current k-th neighbour.
      // Strictly smaller only: on equal distance the earlier row stays, so results are deterministic.
      const worst = bestD[kEff - 1]!;
      let d = 0;
      for (let g = 0; g < nCat && d < worst; g++) if (cat[ic + g] !== bCat[g]) d += penalty;
      for (let j = 0; j < nNum && d < worst; j++) {
        const diff = num[io + j]! - bNum[j]!;
        d += diff * diff;
      }
      if (d >= worst) continue;
      let p = kEff - 1;
      while (p > 0 && bestD[p - 1]! > d) {
        bestD[p] = bestD[p - 1]!;
        best[p] = best[p - 1]!;
        p--;
      }
      bestD[p] = d;
      best[p] = i;
    }
    cache.set(b, best);
    return best;
  };

  const out = new Float32Array(count * cols);
  const base = new Int32Array(count);
  const votes: number[] = [];
  for (let s = 0; s < count; s++) {
    const b = rng.int(m);
    const nn = neighbours(b);
    const j = nn[rng.int(kEff)]!;
    const gap = rng.next();
    const rb = pool[b]! * cols;
    const rj = pool[j]! * cols;
    const o = s * cols;
    base[s] = pool[b]!;
    out.set(x.subarray(rb, rb + cols), o);
    for (const c of layout.numeric) out[o + c] = x[rb + c]! + gap * (x[rj + c]! - x[rb + c]!);
    for (let g = 0; g < nCat; g++) {
      const { offset, width } = layout.groups[g]!;
      votes.length = width;
      votes.fill(0);
      for (const i of nn) {
        const c = cat[i * nCat + g]!;
        if (c >= 0) votes[c]!++;
      }
      const top = Math.max(...votes);
      if (top === 0) continue;
      const tied: number[] = [];
      for (let c = 0; c < width; c++) if (votes[c] === top) tied.push(c);
      const pick = tied.length === 1 ? tied[0]! : tied[rng.int(tied.length)]!;
      out.fill(0, o + offset, o + offset + width);
      out[o + offset + pick] = 1;
    }
  }
  return { x: out, base, k: kEff };
}

/** Seed of the augmentation's generator: derived from the run's seed so its draws differ from the split's. */
function augmentSeed(seed: number): number {
  return (Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) + 0x7f4a7c15) >>> 0;
}

/**
 * Apply the training-only augmentation steps of `steps` (`class_weights`, `oversample`, `smote`,
 * `gaussian_noise`; `cross` and `date_parts` are skipped here — see `features.ts`) to the
 * preprocessed training matrix `train` (rows × inputs, targets = class index or standardised value).
 * Class rebalancing on a regression task adds nothing and logs why. `class_weights` does not change
 * the matrix: it sets `classWeights`, and training weights each row n / (K · n_c) from the final
 * class counts (scikit-learn `compute_class_weight('balanced')`), which its log line shows.
 * @throws UserError SETTING_INVALID {setting: 'augmentation', value, reason} when the grown matrix
 *   would exceed {@link MAX_TRAINING_CELLS} values.
 */
export function augmentTraining(
  train: Matrix,
  prep: Preprocessing,
  steps: AugmentationStepResolved[],
  seed: number,
): AugmentResult {
  const rng = createRng(augmentSeed(seed));
  const layout = featureLayout(prep);
  const k = prep.classes.length;
  const classification = prep.task !== 'regression';
  let m = train;
  let parent: Int32Array = Int32Array.from({ length: train.rows }, (_, i) => i);
  const messages: AugmentationMessage[] = [];
  const added: number[] = [];
  let classWeights = false;
  let weightsMessage: AugmentationMessage | null = null;

  for (const step of steps) {
    if (step.op === 'cross' || step.op === 'date_parts') {
      added.push(0);
      continue;
    }
    const before = m.rows;
    if (!classification && step.op !== 'gaussian_noise') {
      messages.push({ key: 'augment.notClassification', params: { op: step.op } });
    } else if (step.op === 'class_weights') {
      classWeights = true;
      weightsMessage = { key: 'augment.classWeights', params: { weights: '' } };
      messages.push(weightsMessage);
    } else if (step.op === 'oversample' || step.op === 'smote') {
      const byClass = rowsByClass(m.y, m.rows, k);
      const need = shortfall(byClass, step.targetRatio);
      const total = need.reduce((a, b) => a + b, 0);
      const grown = grow(m, parent, total, step.op);
      let at = m.rows;
      let any = false;
      for (let c = 0; c < k; c++) {
        const rows = byClass[c]!;
        const label = prep.classes[c]!;
        if (need[c] === 0) continue;
        if (step.op === 'oversample') {
          for (let i = 0; i < need[c]!; i++) {
            const r = rows[rng.int(rows.length)]!;
            grown.m.x.set(m.x.subarray(r * m.cols, (r + 1) * m.cols), at * m.cols);
            grown.m.y[at] = c;
            grown.parent[at] = parent[r]!;
            at++;
          }
          messages.push({
            key: 'augment.oversample',
            params: { added: need[c]!, label, before: rows.length, after: rows.length + need[c]! },
          });
          any = true;
          continue;
        }
        if (rows.length < 2) {
          messages.push({ key: 'augment.smote.tooFew', params: { label, count: rows.length } });
          continue;
        }
        const made = smoteRows(m.x, m.cols, rows, layout, step.k, need[c]!, rng);
        grown.m.x.set(made.x, at * m.cols);
        for (let i = 0; i < need[c]!; i++) {
          grown.m.y[at] = c;
          grown.parent[at] = parent[made.base[i]!]!;
          at++;
        }
        messages.push({ key: 'augment.smote', params: { added: need[c]!, label, k: made.k } });
        any = true;
      }
      if (!any) messages.push({ key: 'augment.balanced', params: { op: step.op, ratio: step.targetRatio } });
      // A skipped class leaves its reserved rows unused.
      const cols = m.cols;
      m =
        at === grown.m.rows ? grown.m : { x: grown.m.x.slice(0, at * cols), y: grown.m.y.slice(0, at), rows: at, cols };
      parent = at === grown.m.rows ? grown.parent : grown.parent.slice(0, at);
    } else if (step.op === 'gaussian_noise') {
      if (layout.numeric.length === 0) {
        messages.push({ key: 'augment.noise.noNumeric', params: {} });
      } else {
        const n0 = m.rows;
        const grown = grow(m, parent, n0 * step.copies, step.op);
        for (let copy = 1; copy <= step.copies; copy++) {
          for (let i = 0; i < n0; i++) {
            const at = copy * n0 + i;
            grown.m.x.set(m.x.subarray(i * m.cols, (i + 1) * m.cols), at * m.cols);
            for (const c of layout.numeric) grown.m.x[at * m.cols + c]! += step.sigma * rng.normal();
            grown.m.y[at] = m.y[i]!;
            grown.parent[at] = parent[i]!;
          }
        }
        m = grown.m;
        parent = grown.parent;
        messages.push({
          key: 'augment.noise',
          params: { added: n0 * step.copies, copies: step.copies, sigma: step.sigma, columns: layout.numeric.length },
        });
      }
    }
    added.push(m.rows - before);
  }
  if (weightsMessage) {
    const w = balancedClassWeights(m.y.subarray(0, m.rows), k);
    weightsMessage.params.weights = prep.classes.map((c, i) => `"${c}" ${w[i]!.toFixed(4)}`).join(', ');
  }
  return { matrix: m, parent, added, classWeights, messages };
}

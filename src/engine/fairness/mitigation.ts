/**
 * Bias mitigation (SPEC §7): reweighing before training (Kamiran & Calders 2012) and per-group
 * thresholds after it (post-processing). Both refuse an attribute with fewer than two groups.
 */
import { UserError } from '../../shared/errors';
import type { GroupThreshold, MitigationConstraint } from '../../shared/model/fairness';
import { indexGroups } from './assess';
import type { FavourableOutcome } from './groupMetrics';

/**
 * Throw the "cannot compare" refusal of mitigation when the attribute has fewer than two groups.
 * @throws UserError MITIGATION_REFUSED with key `fairness.mitigation.oneGroup` ({attribute, group, n}) or
 *   `fairness.noGroups` ({attribute}).
 */
export function assertComparable(attribute: string, groups: (string | null)[]): void {
  const { labels, rows } = indexGroups(groups);
  if (labels.length === 0) throw new UserError('MITIGATION_REFUSED', { attribute }, 'fairness.noGroups');
  if (labels.length === 1) {
    const group = labels[0]!;
    throw new UserError(
      'MITIGATION_REFUSED',
      { attribute, group, n: rows.get(group)!.length },
      'fairness.mitigation.oneGroup',
    );
  }
}

/**
 * Reweighing weights per row (Kamiran & Calders 2012, as AIF360 `Reweighing`; REFERENCE.md §2.1,
 * oracle §3.3): w(a, y) = P(A=a)·P(Y=y) / P(A=a, Y=y) = (n_a·n_y) / (n·n_{a,y}), generalised from
 * AIF360's privileged/unprivileged pair to every group of the attribute. With instance weights the
 * counts are weighted sums and each row's weight is its instance weight × w(a, y), as AIF360 does.
 * The total weight is preserved (Σw = n, or Σ instance weights). The formula is symmetric in the
 * labels, so which label is favourable does not change the weights. Rows with a missing group keep
 * their instance weight (1).
 * @throws UserError (see {@link assertComparable}) when the attribute has fewer than two groups.
 */
export function reweighingWeights(
  groups: (string | null)[],
  yTrue: ArrayLike<number>,
  opts: { attribute?: string; sampleWeights?: ArrayLike<number> } = {},
): Float64Array {
  if (yTrue.length !== groups.length)
    throw new Error(`reweighingWeights: ${yTrue.length} labels, ${groups.length} groups`);
  assertComparable(opts.attribute ?? '', groups);
  const base = (i: number) => (opts.sampleWeights ? opts.sampleWeights[i]! : 1);
  const nA = new Map<string, number>();
  const nAY = new Map<string, number>();
  const nY = [0, 0];
  let n = 0;
  groups.forEach((g, i) => {
    if (g === null) return;
    const w = base(i);
    const y = yTrue[i] === 1 ? 1 : 0;
    n += w;
    nY[y]! += w;
    nA.set(g, (nA.get(g) ?? 0) + w);
    const cell = `${y}${g}`;
    nAY.set(cell, (nAY.get(cell) ?? 0) + w);
  });
  const out = new Float64Array(groups.length);
  groups.forEach((g, i) => {
    if (g === null) {
      out[i] = base(i);
      return;
    }
    const y = yTrue[i] === 1 ? 1 : 0;
    const cell = nAY.get(`${y}${g}`)!;
    out[i] = cell > 0 ? (base(i) * nA.get(g)! * nY[y]!) / (n * cell) : 0;
  });
  return out;
}

export interface GroupThresholdResult {
  constraint: 'selection_rate' | 'true_positive_rate';
  /** The rate every group is moved towards: the overall rate at `baseThreshold`, reported like `before`. */
  target: number;
  /** Threshold on P(positive) per group (predicted positive iff score ≥ threshold). */
  thresholds: Record<string, number>;
  /** Per group: rates before and after, of the favourable outcome (REFERENCE.md §2: "positive" = favourable). */
  groups: {
    group: string;
    n: number;
    threshold: number;
    before: number | null;
    after: number | null;
    adjusted: boolean;
  }[];
  /** New predictions, 1 = positive class. Rows with a missing group use `baseThreshold`. */
  yPred: Uint8Array;
  /** Accuracy over all rows before and after, when labels were given (the cost of mitigation). */
  accuracyBefore: number | null;
  accuracyAfter: number | null;
}

/**
 * Per-group thresholds that equalize selection rates (demographic parity) or TPRs (equal
 * opportunity) — SPEC §7 post-processing. A deterministic variant of Hardt, Price & Srebro (2016) /
 * Fairlearn `ThresholdOptimizer`: instead of randomizing between two thresholds to hit the
 * constraint exactly and optimizing an objective, each group gets the single threshold whose rate
 * is closest to the target (the overall rate at `baseThreshold`), ties going to the threshold
 * nearest `baseThreshold`. Candidate thresholds are `baseThreshold` and the midpoints between
 * consecutive distinct scores of the group (and its lowest score), so they also apply to new data. Groups smaller than
 * `minGroupSize`, and for TPR groups without truly favourable rows, keep `baseThreshold`. Like Fairlearn's, it
 * needs the sensitive attribute at prediction time.
 * Rates are of the favourable outcome: with `predicted_negative` (finance: approval = the model's
 * negative class), TPR parity equalizes P(predicted favourable | truly favourable) — the model's
 * true negative rate — over the rows whose true label is the negative class. Equalizing the share
 * predicted positive equalizes its complement, so for selection rates the favourable outcome only
 * changes how `before`/`after` are reported.
 * @throws UserError (see {@link assertComparable}) with fewer than two groups; Error when the TPR
 *   constraint has no labels or arrays differ in length.
 */
export function groupThresholds(input: {
  attribute: string;
  groups: (string | null)[];
  /** P(positive) per row. */
  scores: ArrayLike<number>;
  yTrue?: ArrayLike<number>;
  constraint: 'selection_rate' | 'true_positive_rate';
  baseThreshold: number;
  favourableOutcome: FavourableOutcome;
  minGroupSize?: number;
}): GroupThresholdResult {
  const { groups, scores, yTrue, constraint, baseThreshold } = input;
  if (scores.length !== groups.length || (yTrue && yTrue.length !== groups.length)) {
    throw new Error('groupThresholds: arrays differ in length');
  }
  if (constraint === 'true_positive_rate' && !yTrue) throw new Error('groupThresholds: TPR parity needs yTrue');
  assertComparable(input.attribute, groups);
  const minGroupSize = input.minGroupSize ?? 30;
  const { labels, rows } = indexGroups(groups);
  // The rows whose rate is constrained: all of the group, or its truly favourable rows for TPR parity.
  const favourableLabel = input.favourableOutcome === 'predicted_positive' ? 1 : 0;
  const relevant = (idx: number[]) =>
    constraint === 'selection_rate' ? idx : idx.filter((i) => yTrue![i] === favourableLabel);
  const positiveRate = (idx: number[], t: number) => {
    if (idx.length === 0) return null;
    let k = 0;
    for (const i of idx) if (scores[i]! >= t) k++;
    return k / idx.length;
  };
  const allKnown = labels.flatMap((g) => relevant(rows.get(g)!));
  const target = positiveRate(allKnown, baseThreshold) ?? 0;
  // positiveRate counts score ≥ t (the model's positive class); report the favourable outcome's rate.
  const report = (rate: number | null) =>
    rate === null || input.favourableOutcome === 'predicted_positive' ? rate : 1 - rate;

  const thresholds: Record<string, number> = {};
  const out: GroupThresholdResult['groups'] = [];
  for (const g of labels) {
    const idx = rows.get(g)!;
    const rel = relevant(idx);
    const before = positiveRate(rel, baseThreshold);
    let best = baseThreshold;
    const adjusted = idx.length >= minGroupSize && rel.length > 0;
    if (adjusted) {
      const sorted = [...new Set(rel.map((i) => scores[i]!))].sort((a, b) => a - b);
      // The model's own threshold competes too, so a group already at the target keeps it.
      const candidates = [baseThreshold, sorted[0]!, ...sorted.slice(1).map((s, k) => (s + sorted[k]!) / 2)];
      let bestGap = Infinity;
      for (const t of candidates) {
        const gap = Math.abs(positiveRate(rel, t)! - target);
        if (
          gap < bestGap - 1e-12 ||
          (Math.abs(gap - bestGap) <= 1e-12 && Math.abs(t - baseThreshold) < Math.abs(best - baseThreshold))
        ) {
          bestGap = gap;
          best = t;
        }
      }
    }
    thresholds[g] = best;
    out.push({
      group: g,
      n: idx.length,
      threshold: best,
      before: report(before),
      after: report(positiveRate(rel, best)),
      adjusted,
    });
  }
  const yPred = new Uint8Array(groups.length);
  let right0 = 0;
  let right1 = 0;
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i] ?? null;
    const t = g === null ? baseThreshold : thresholds[g]!;
    yPred[i] = scores[i]! >= t ? 1 : 0;
    if (yTrue) {
      if ((scores[i]! >= baseThreshold ? 1 : 0) === yTrue[i]) right0++;
      if (yPred[i] === yTrue[i]) right1++;
    }
  }
  const n = groups.length;
  return {
    constraint,
    target: report(target)!,
    thresholds,
    groups: out,
    yPred,
    accuracyBefore: yTrue && n ? right0 / n : null,
    accuracyAfter: yTrue && n ? right1 / n : null,
  };
}

/**
 * Decisions with a threshold per group: 1 (the model's positive class) iff the score is ≥ the
 * row's group threshold; rows whose group is missing or has none use `baseThreshold`.
 */
export function applyGroupThresholds(
  groups: (string | null)[],
  scores: ArrayLike<number>,
  thresholds: Readonly<Record<string, number>>,
  baseThreshold: number,
): Uint8Array {
  if (scores.length !== groups.length) throw new Error('applyGroupThresholds: arrays differ in length');
  const out = new Uint8Array(groups.length);
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i];
    const t = g !== null && g !== undefined && Object.hasOwn(thresholds, g) ? thresholds[g]! : baseThreshold;
    out[i] = scores[i]! >= t ? 1 : 0;
  }
  return out;
}

/**
 * Per-group thresholds chosen on the VALIDATION split and applied to the TEST split (SPEC §7
 * post-processing), so the test rows that judge the result played no part in choosing it — as
 * Fairlearn's `ThresholdOptimizer` is fitted on data other than the data it is evaluated on.
 * The thresholds are those of {@link groupThresholds} on the validation rows: `demographic_parity`
 * equalizes selection rates, `equal_opportunity` the TPRs (both of the favourable outcome), each
 * group moved towards the validation split's overall rate at `baseThreshold`. A group with fewer
 * than `minGroupSize` validation rows, or only in the test rows, keeps `baseThreshold`
 * (`adjusted` false).
 * @returns the target rate, one threshold per group (validation groups first, then test-only
 *   ones) and the test decisions (1 = the model's positive class).
 * @throws UserError MITIGATION_REFUSED (see {@link assertComparable}) when the validation rows
 *   have fewer than two groups; Error when arrays differ in length.
 */
export function validatedGroupThresholds(input: {
  attribute: string;
  validation: { groups: (string | null)[]; scores: ArrayLike<number>; yTrue: ArrayLike<number> };
  test: { groups: (string | null)[]; scores: ArrayLike<number> };
  constraint: MitigationConstraint;
  baseThreshold: number;
  favourableOutcome: FavourableOutcome;
  minGroupSize?: number;
}): { target: number; thresholds: GroupThreshold[]; yPred: Uint8Array } {
  const fit = groupThresholds({
    attribute: input.attribute,
    groups: input.validation.groups,
    scores: input.validation.scores,
    yTrue: input.validation.yTrue,
    constraint: input.constraint === 'demographic_parity' ? 'selection_rate' : 'true_positive_rate',
    baseThreshold: input.baseThreshold,
    favourableOutcome: input.favourableOutcome,
    minGroupSize: input.minGroupSize,
  });
  const thresholds: GroupThreshold[] = fit.groups.map((g) => ({
    group: g.group,
    threshold: g.threshold,
    validationN: g.n,
    adjusted: g.adjusted,
  }));
  for (const g of indexGroups(input.test.groups).labels) {
    if (!Object.hasOwn(fit.thresholds, g))
      thresholds.push({ group: g, threshold: input.baseThreshold, validationN: 0, adjusted: false });
  }
  return {
    target: fit.target,
    thresholds,
    yPred: applyGroupThresholds(input.test.groups, input.test.scores, fit.thresholds, input.baseThreshold),
  };
}

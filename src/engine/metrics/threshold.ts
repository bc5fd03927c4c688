/**
 * Decision thresholds from a template's threshold policy (SPEC §4), chosen on VALIDATION data —
 * never on the test split, which is reserved for the final numbers.
 */
import type { Template } from '../../shared/model/template';
import { binaryClfCurve } from './binary';

export interface ThresholdChoice {
  /** Threshold on P(positive), in [0, 1]; predict positive when p ≥ threshold. */
  threshold: number;
  policy: Template['threshold']['policy'];
  /** What the policy achieved on validation data (e.g. sensitivity 0.91), for the report. */
  achieved: Record<string, number>;
}

/** Settings that may override a template's threshold policy (see `TrainSettings`). */
export interface ThresholdSettings {
  falseNegativeCost?: unknown;
  falsePositiveCost?: unknown;
}

const positive = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined;

/**
 * The threshold policy in effect: the template's, with the costs the user entered replacing a
 * `min_cost` template's (SPEC §4: "user-entered costs of a missed failure and a false alarm").
 * Other policies, and costs that are not positive numbers, are left as the template has them.
 */
export function thresholdPolicy(policy: Template['threshold'], settings: ThresholdSettings): Template['threshold'] {
  if (policy.policy !== 'min_cost') return policy;
  return {
    ...policy,
    falseNegativeCost: positive(settings.falseNegativeCost) ?? policy.falseNegativeCost,
    falsePositiveCost: positive(settings.falsePositiveCost) ?? policy.falsePositiveCost,
  };
}

/** `template` with {@link thresholdPolicy} applied: what training, the report and the wizard use. */
export function withThresholdSettings(template: Template, settings: ThresholdSettings): Template {
  const threshold = thresholdPolicy(template.threshold, settings);
  return threshold === template.threshold ? template : { ...template, threshold };
}

/**
 * Choose the threshold for `policy` from validation labels (1 = positive) and scores.
 * - fixed: the given value.
 * - min_sensitivity: the highest threshold whose validation sensitivity (TPR) is ≥ value, so
 *   specificity is as high as the sensitivity floor allows.
 * - approval_rate: the threshold at which the share predicted negative (approved) is ≈ value.
 * - min_cost: minimises FN·costFN + FP·costFP over all distinct scores.
 * With no positives or no negatives in validation, falls back to 0.5.
 */
export function chooseThreshold(
  policy: Template['threshold'],
  yTrue: ArrayLike<number>,
  scores: ArrayLike<number>,
): ThresholdChoice {
  if (policy.policy === 'fixed') return { threshold: policy.value, policy: 'fixed', achieved: {} };
  const n = yTrue.length;
  const curve = binaryClfCurve(yTrue, scores);
  const positives = curve.tps[curve.tps.length - 1] ?? 0;
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return { threshold: 0.5, policy: policy.policy, achieved: {} };

  // Thresholds from high to low: at each distinct score s, predict positive for p ≥ s; the first
  // candidate, above every score, predicts all negative.
  const candidates: { t: number; tp: number; fp: number }[] = [
    { t: 1 + 1e-9, tp: 0, fp: 0 },
    ...curve.thresholds.map((t, k) => ({ t, tp: curve.tps[k]!, fp: curve.fps[k]! })),
  ];

  if (policy.policy === 'min_sensitivity') {
    const hit = candidates.find((c) => c.tp / positives >= policy.value) ?? candidates[candidates.length - 1]!;
    return {
      threshold: hit.t,
      policy: policy.policy,
      achieved: { sensitivity: hit.tp / positives, specificity: 1 - hit.fp / negatives },
    };
  }
  if (policy.policy === 'approval_rate') {
    // approval = predicted negative = 1 − (tp + fp)/n
    let best = candidates[0]!;
    for (const c of candidates) {
      if (Math.abs(1 - (c.tp + c.fp) / n - policy.value) < Math.abs(1 - (best.tp + best.fp) / n - policy.value))
        best = c;
    }
    return {
      threshold: Math.min(best.t, 1),
      policy: policy.policy,
      achieved: { approvalRate: 1 - (best.tp + best.fp) / n },
    };
  }
  let best = candidates[0]!;
  const cost = (c: { tp: number; fp: number }) =>
    (positives - c.tp) * policy.falseNegativeCost + c.fp * policy.falsePositiveCost;
  for (const c of candidates) if (cost(c) < cost(best)) best = c;
  return { threshold: Math.min(best.t, 1), policy: policy.policy, achieved: { expectedCostPerCase: cost(best) / n } };
}

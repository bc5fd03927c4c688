/**
 * Decision thresholds from a template's threshold policy (SPEC §4), chosen on VALIDATION data —
 * never on the test split, which is reserved for the final numbers.
 */
import type { Template, ThresholdRule } from '../../shared/model/template';
import { resolveThresholdRule, type ThresholdChoice } from '../../shared/model/train';
import { binaryClfCurve } from './binary';

export type { ThresholdChoice };

/**
 * The threshold policy in effect: the user's choice in training `settings` (`thresholdPolicy`,
 * when `template` offers it; or the two costs of a `min_cost` template, SPEC §4: "user-entered
 * costs of a missed failure and a false alarm"), else the template's. See `resolveThresholdRule`.
 */
export function thresholdPolicy(
  template: Pick<Template, 'threshold' | 'thresholdPolicies'>,
  settings: Record<string, unknown>,
): ThresholdRule {
  return resolveThresholdRule(template, settings).rule;
}

/** `template` with {@link thresholdPolicy} applied: what training, the report and the wizard use. */
export function withThresholdSettings(template: Template, settings: Record<string, unknown>): Template {
  const threshold = thresholdPolicy(template, settings);
  return threshold === template.threshold ? template : { ...template, threshold };
}

/**
 * Choose the threshold for `policy` from validation labels (1 = positive) and scores (P(positive)),
 * n rows each.
 * - fixed: the given value.
 * - min_sensitivity: the highest threshold whose validation sensitivity (TPR) is ≥ value, so
 *   specificity is as high as the sensitivity floor allows.
 * - approval_rate: the threshold at which the share approved is closest to value (the highest such
 *   threshold on a tie). Approval is the favourable outcome `approval`: predicted negative (finance:
 *   predicted not to default, the default) or predicted positive.
 * - min_cost: minimises FN·costFN + FP·costFP over all distinct scores (the highest threshold on a tie).
 * With no positives or no negatives in validation, falls back to 0.5.
 * `rule` of the answer is `policy`; `approval` is set for approval_rate.
 */
export function chooseThreshold(
  policy: ThresholdRule,
  yTrue: ArrayLike<number>,
  scores: ArrayLike<number>,
  approval: 'predicted_positive' | 'predicted_negative' = 'predicted_negative',
): ThresholdChoice {
  const base = { policy: policy.policy, rule: policy, ...(policy.policy === 'approval_rate' ? { approval } : {}) };
  if (policy.policy === 'fixed') return { ...base, threshold: policy.value, achieved: {} };
  const n = yTrue.length;
  const curve = binaryClfCurve(yTrue, scores);
  const positives = curve.tps[curve.tps.length - 1] ?? 0;
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return { ...base, threshold: 0.5, achieved: {} };

  // Thresholds from high to low: at each distinct score s, predict positive for p ≥ s; the first
  // candidate, above every score, predicts all negative.
  const candidates: { t: number; tp: number; fp: number }[] = [
    { t: 1 + 1e-9, tp: 0, fp: 0 },
    ...curve.thresholds.map((t, k) => ({ t, tp: curve.tps[k]!, fp: curve.fps[k]! })),
  ];

  if (policy.policy === 'min_sensitivity') {
    const hit = candidates.find((c) => c.tp / positives >= policy.value) ?? candidates[candidates.length - 1]!;
    return {
      ...base,
      threshold: Math.min(hit.t, 1),
      achieved: { sensitivity: hit.tp / positives, specificity: 1 - hit.fp / negatives },
    };
  }
  if (policy.policy === 'approval_rate') {
    const approved = (c: { tp: number; fp: number }) =>
      approval === 'predicted_positive' ? (c.tp + c.fp) / n : 1 - (c.tp + c.fp) / n;
    let best = candidates[0]!;
    for (const c of candidates) {
      if (Math.abs(approved(c) - policy.value) < Math.abs(approved(best) - policy.value)) best = c;
    }
    return { ...base, threshold: Math.min(best.t, 1), achieved: { approvalRate: approved(best) } };
  }
  let best = candidates[0]!;
  const cost = (c: { tp: number; fp: number }) =>
    (positives - c.tp) * policy.falseNegativeCost + c.fp * policy.falsePositiveCost;
  for (const c of candidates) if (cost(c) < cost(best)) best = c;
  return { ...base, threshold: Math.min(best.t, 1), achieved: { expectedCostPerCase: cost(best) / n } };
}

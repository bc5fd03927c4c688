import { describe, expect, it } from 'vitest';
import { chooseThreshold, thresholdPolicy } from '../../src/engine/metrics/threshold';
import { getTemplate } from '../../src/engine/templates';
import { defaultThresholdRule, offeredThresholdPolicies, resolveThresholdRule } from '../../src/shared/model/train';

// Hand-made validation set: scores sorted high → low with labels.
const scores = [0.95, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1];
const y = [1, 1, 0, 1, 1, 0, 0, 1, 0, 0]; // 5 positives, 5 negatives

describe('threshold policies', () => {
  it('keeps a fixed threshold', () => {
    expect(chooseThreshold({ policy: 'fixed', value: 0.5 }, y, scores).threshold).toBe(0.5);
  });

  it('meets a minimum sensitivity with the highest possible threshold', () => {
    // TPR reaches 4/5 = 0.8 at 0.6 and 5/5 at 0.3.
    const c = chooseThreshold({ policy: 'min_sensitivity', value: 0.8 }, y, scores);
    expect(c.threshold).toBe(0.6);
    expect(c.achieved).toEqual({ sensitivity: 0.8, specificity: 0.8 });
    expect(chooseThreshold({ policy: 'min_sensitivity', value: 0.9 }, y, scores).threshold).toBe(0.3);
  });

  it('hits an approval rate (share predicted negative)', () => {
    // predicting the top 3 positive leaves 7/10 approved
    const c = chooseThreshold({ policy: 'approval_rate', value: 0.7 }, y, scores);
    expect(c.threshold).toBe(0.8);
    expect(c.achieved.approvalRate).toBeCloseTo(0.7);
  });

  it('minimises expected cost', () => {
    // FN cost 10, FP cost 1: catching the positive at 0.3 costs 4 FPs (4) vs missing it (10).
    const c = chooseThreshold({ policy: 'min_cost', falseNegativeCost: 10, falsePositiveCost: 1 }, y, scores);
    expect(c.threshold).toBe(0.3);
    expect(c.achieved.expectedCostPerCase).toBeCloseTo(0.3); // FP at 0.8, 0.5, 0.4 → 3 / 10
  });
});

describe('threshold policies with the favourable outcome and the user choice', () => {
  it('counts approval as the favourable outcome: predicted positive approves the top scores', () => {
    // Approving 7 of 10 as predicted positive: the 7 highest scores, down to 0.4.
    const c = chooseThreshold({ policy: 'approval_rate', value: 0.7 }, y, scores, 'predicted_positive');
    expect(c.threshold).toBe(0.4);
    expect(c.achieved.approvalRate).toBeCloseTo(0.7);
    expect(c.approval).toBe('predicted_positive');
    // Finance's default: approval = predicted negative (not to default), as before.
    expect(chooseThreshold({ policy: 'approval_rate', value: 0.7 }, y, scores).approval).toBe('predicted_negative');
    // Predicting positive down to 0.3 leaves 2 of 10 approved (0.2); down to 0.2 leaves 1 (0.1).
    expect(chooseThreshold({ policy: 'approval_rate', value: 0.2 }, y, scores).threshold).toBe(0.3);
  });

  it("uses the user's policy and value over the template's, and records which", () => {
    const medical = getTemplate('medical');
    // The template's 0.9: every positive must be caught (the last one scores 0.3).
    expect(chooseThreshold(thresholdPolicy(medical, {}), y, scores).threshold).toBe(0.3);
    // The user's 0.6: three of the five positives (0.95, 0.9, 0.7) → threshold 0.7, one FP (0.8).
    const user = { thresholdPolicy: { policy: 'min_sensitivity', value: 0.6 } };
    expect(resolveThresholdRule(medical, user)).toEqual({
      rule: { policy: 'min_sensitivity', value: 0.6 },
      source: 'user',
    });
    const c = chooseThreshold(thresholdPolicy(medical, user), y, scores);
    expect(c.threshold).toBe(0.7);
    expect(c.achieved).toEqual({ sensitivity: 0.6, specificity: 0.8 });
    expect(c.rule).toEqual({ policy: 'min_sensitivity', value: 0.6 });
    // A fixed threshold the medical template offers; an approval rate it does not (ignored).
    expect(thresholdPolicy(medical, { thresholdPolicy: { policy: 'fixed', value: 0.4 } })).toEqual({
      policy: 'fixed',
      value: 0.4,
    });
    expect(resolveThresholdRule(medical, { thresholdPolicy: { policy: 'approval_rate', value: 0.7 } }).source).toBe(
      'template',
    );
    // The template's own policy and number, typed by the user (`--min-sensitivity 0.9`), is the template's.
    expect(resolveThresholdRule(medical, { thresholdPolicy: { policy: 'min_sensitivity', value: 0.9 } })).toEqual({
      rule: medical.threshold,
      source: 'template',
    });
    // Values outside the allowed ranges are not a policy.
    for (const bad of [
      { policy: 'fixed', value: 1 },
      { policy: 'min_sensitivity', value: 0 },
      { policy: 'min_cost', falseNegativeCost: 0, falsePositiveCost: 1 },
    ])
      expect(resolveThresholdRule(getTemplate('general'), { thresholdPolicy: bad }).source).toBe('template');
    // Finance offers the approval rate and costs; its own policy is a fixed 0.5.
    const finance = getTemplate('finance');
    expect(offeredThresholdPolicies(finance)).toEqual(['fixed', 'approval_rate', 'min_cost']);
    expect(offeredThresholdPolicies(getTemplate('manufacturing'))).toEqual(['min_cost', 'fixed']);
    expect(offeredThresholdPolicies(getTemplate('general'))).toEqual([
      'fixed',
      'min_sensitivity',
      'approval_rate',
      'min_cost',
    ]);
    expect(defaultThresholdRule(finance, 'approval_rate')).toEqual({ policy: 'approval_rate', value: 0.7 });
    expect(defaultThresholdRule(medical, 'min_sensitivity')).toEqual(medical.threshold);
  });

  it("minimises the user's costs: equal costs, and false alarms ten times a miss", () => {
    // Costs FN:FP per threshold (FN, FP): >1 (5,0), 0.95 (4,0), 0.9 (3,0), 0.8 (3,1), 0.7 (2,1),
    // 0.6 (1,1), 0.5 (1,2), 0.4 (1,3), 0.3 (0,3), 0.2 (0,4), 0.1 (0,5).
    // 1:1 → FN + FP is least at 0.6 (2); 1:10 → FN + 10·FP is least at 0.9 (3).
    const even = chooseThreshold({ policy: 'min_cost', falseNegativeCost: 1, falsePositiveCost: 1 }, y, scores);
    expect(even.threshold).toBe(0.6);
    expect(even.achieved.expectedCostPerCase).toBeCloseTo(0.2);
    const alarms = chooseThreshold({ policy: 'min_cost', falseNegativeCost: 1, falsePositiveCost: 10 }, y, scores);
    expect(alarms.threshold).toBe(0.9);
    expect(alarms.achieved.expectedCostPerCase).toBeCloseTo(0.3);
  });
});

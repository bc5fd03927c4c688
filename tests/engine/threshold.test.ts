import { describe, expect, it } from 'vitest';
import { chooseThreshold } from '../../src/engine/metrics/threshold';

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

// Membership-inference audit (SPEC §8; loss-threshold attack, Yeom et al. 2018): a hand-computed
// example of the attack, and on real runs that it is stored with the evaluation, near 0.5 for a
// model that generalizes.
import { describe, expect, it } from 'vitest';
import { runJob } from '../../src/engine/jobs/run';
import { attackFromLosses } from '../../src/engine/privacy/membership';
import type { ReportModel } from '../../src/shared/model/report';
import { dataset } from '../helpers/paths';

describe('loss-threshold attack', () => {
  it('matches a hand count: AUC = P(member loss < non-member loss), advantage = max TPR − FPR', () => {
    // Members' losses 0.1, 0.2, 0.9; non-members' 0.3, 0.8, 1.0. Pairs with the member lower:
    // 0.1 < all three, 0.2 < all three, 0.9 < 1.0 only → 7 of 9. Threshold "loss ≤ 0.2":
    // TPR 2/3, FPR 0 → advantage 2/3 (no threshold does better).
    const a = attackFromLosses([0.1, 0.2, 0.9], [0.3, 0.8, 1.0])!;
    expect(a.auc).toBeCloseTo(7 / 9, 12);
    expect(a.advantage).toBeCloseTo(2 / 3, 12);
    expect(a).toMatchObject({ method: 'loss_threshold', members: 3, nonMembers: 3 });
    // Null spread of a Mann–Whitney AUC: √((3 + 3 + 1) / (12·3·3)) = √(7/108).
    expect(a.nullSd).toBeCloseTo(Math.sqrt(7 / 108), 12);
    // Ties count one half, as in the ROC AUC.
    expect(attackFromLosses([0.5, 0.5], [0.5, 0.5])!.auc).toBe(0.5);
    expect(attackFromLosses([], [1])).toBeNull();
  });
});

describe('membership audit of a trained model', () => {
  it('is part of the evaluation, on equal numbers of training and test records, near 0.5 on German credit', async () => {
    const result = (await runJob({
      type: 'run',
      file: dataset('german_credit.train.csv'),
      testFile: dataset('german_credit.test.csv'),
      target: 'class',
      template: 'finance',
      settings: { seed: 42 },
    })) as { report: ReportModel };
    const m = result.report.evaluation.membership!;
    expect(m.members).toBe(m.nonMembers);
    expect(m.members).toBe(200);
    expect(m.auc).toBeGreaterThan(0.4);
    expect(m.auc).toBeLessThan(0.7);
    expect(m.advantage).toBeGreaterThanOrEqual(0);
  }, 120_000);
});

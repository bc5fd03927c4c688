/**
 * Fairness metrics against REFERENCE.md §3.1 (Fairlearn docs example), §3.2 (AIF360 two-group,
 * hand-derived), §3.3 (reweighing) and a scikit-learn oracle with sample weights
 * (tests/fixtures/fairness/weighted.json, made by make_weighted.py).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  aif360TwoGroup,
  assessFairness,
  binNumeric,
  dataRepresentation,
  groupThresholds,
  intersectGroups,
  reweighingWeights,
  suggestSensitiveAttributes,
  weightedRocAuc,
  type FairnessInput,
} from '../../src/engine/fairness';
import { rocAuc } from '../../src/engine/metrics/binary';
import { createRng } from '../../src/engine/rng';
import { UserError } from '../../src/shared/errors';
import { FairnessAttributeReportSchema, type GroupMetrics } from '../../src/shared/model/fairness';
import { getColumn, type Frame } from '../../src/engine/data/frame';
import { loadCsv } from '../helpers/loadCsv';
import { dataset, repoRoot } from '../helpers/paths';

// REFERENCE.md §3.1
const Y_TRUE = [0, 1, 1, 1, 1, 0, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1];
const Y_PRED = [0, 0, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0];
const SF = 'b b a b b c c c a a c a b c c b c c'.split(' ');

function fairlearnInput(over: Partial<FairnessInput> = {}): FairnessInput {
  return {
    attribute: 'sf',
    groups: SF,
    yTrue: Y_TRUE,
    yPred: Y_PRED,
    favourableOutcome: 'predicted_positive',
    favourableLabel: '1',
    usedAsFeature: false,
    bins: null,
    tolerance: { difference: 0.1, ratio: 0.8, minGroupSize: 1 },
    bootstrap: null,
    ...over,
  };
}

const byGroup = (groups: GroupMetrics[], g: string) => groups.find((x) => x.group === g)!;

describe('assessFairness — Fairlearn docs example (REFERENCE §3.1)', () => {
  const r = assessFairness(fairlearnInput());

  it('per-group table matches the hand-computed one', () => {
    const expected = {
      a: { n: 4, selectionRate: 0.75, tpr: 0.5, fpr: 1.0, precision: 1 / 3, accuracy: 0.25 },
      b: { n: 6, selectionRate: 0.5, tpr: 0.6, fpr: 0.0, precision: 1.0, accuracy: 2 / 3 },
      c: { n: 8, selectionRate: 0.5, tpr: 0.4, fpr: 2 / 3, precision: 0.5, accuracy: 0.375 },
    };
    expect(r.groups.map((g) => g.group)).toEqual(['a', 'b', 'c']);
    for (const [g, e] of Object.entries(expected)) {
      const m = byGroup(r.groups, g);
      expect(m.n).toBe(e.n);
      for (const k of ['selectionRate', 'tpr', 'fpr', 'precision', 'accuracy'] as const)
        expect(m[k], `${g}.${k}`).toBeCloseTo(e[k], 10);
    }
    expect(byGroup(r.groups, 'a').share).toBeCloseTo(4 / 18, 12);
    expect(byGroup(r.groups, 'b').baseRate).toBeCloseTo(5 / 6, 12);
    expect(r.overall!.accuracy).toBeCloseTo(8 / 18, 12);
  });

  it('summary matches the printed and hand-derived values', () => {
    const s = r.summary!;
    expect(s.demographicParityDifference).toBeCloseTo(0.25, 10);
    expect(s.demographicParityRatio).toBeCloseTo(2 / 3, 10);
    expect(s.equalizedOddsDifference).toBeCloseTo(1.0, 10);
    expect(s.equalOpportunityDifference).toBeCloseTo(0.2, 10);
    expect(s.accuracyDifference).toBeCloseTo(0.4167, 4);
    expect(s.averageOddsDifference).toBeCloseTo(0.6, 10);
    expect(s.meanGroupAccuracy).toBeCloseTo((0.25 + 2 / 3 + 0.375) / 3, 10);
    // DPR 0.667 < 0.8: b and c are below four fifths of a's rate.
    expect(s.fourFifthsFlagged).toEqual(['b', 'c']);
    expect(s.excludedGroups).toEqual([]);
    expect(r.comparisonPossible).toBe(true);
    expect(r.verdict).toBe('outside_tolerance');
    expect(FairnessAttributeReportSchema.parse(r)).toBeTruthy();
  });

  it('within tolerance when the tolerance is wide enough', () => {
    const wide = assessFairness(fairlearnInput({ tolerance: { difference: 1, ratio: 0.6, minGroupSize: 1 } }));
    expect(wide.verdict).toBe('within_tolerance');
    const ratioOnly = assessFairness(fairlearnInput({ tolerance: { difference: 1, ratio: 0.7, minGroupSize: 1 } }));
    expect(ratioOnly.verdict).toBe('outside_tolerance');
  });

  it('favourable = predicted negative: every rate is of the favourable (negative) outcome', () => {
    // REFERENCE.md §2: "positive" = favourable outcome. With label 0 favourable the counts swap
    // roles: TP' = TN, FP' = FN, FN' = FP, TN' = TP. Hand-computed from the §3.1 table:
    //   g | TP' FP' FN' TN' | base rate | SR   | TPR  | FPR | PPV  | Acc
    //   a |  0   1   2   1  | 2/4       | 1/4  | 0/2  | 1/2 | 0/1  | 1/4
    //   b |  1   2   0   3  | 1/6       | 3/6  | 1/1  | 2/5 | 1/3  | 4/6
    //   c |  1   3   2   2  | 3/8       | 4/8  | 1/3  | 3/5 | 1/4  | 3/8
    // (TPR of the model's positive class would be 0.5, 0.6, 0.4: equal opportunity 0.2, not 1.)
    const neg = assessFairness(fairlearnInput({ favourableOutcome: 'predicted_negative', favourableLabel: '0' }));
    const expected = {
      a: { baseRate: 0.5, selectionRate: 0.25, tpr: 0, fpr: 0.5, precision: 0, accuracy: 0.25 },
      b: { baseRate: 1 / 6, selectionRate: 0.5, tpr: 1, fpr: 0.4, precision: 1 / 3, accuracy: 4 / 6 },
      c: { baseRate: 3 / 8, selectionRate: 0.5, tpr: 1 / 3, fpr: 0.6, precision: 0.25, accuracy: 3 / 8 },
    };
    for (const [g, e] of Object.entries(expected)) {
      const m = byGroup(neg.groups, g);
      for (const k of ['baseRate', 'selectionRate', 'tpr', 'fpr', 'precision', 'accuracy'] as const)
        expect(m[k], `${g}.${k}`).toBeCloseTo(e[k], 12);
    }
    const s = neg.summary!;
    expect(s.demographicParityDifference).toBeCloseTo(0.25, 12);
    expect(s.demographicParityRatio).toBeCloseTo(0.5, 12);
    expect(s.equalOpportunityDifference).toBeCloseTo(1, 12);
    expect(s.equalizedOddsDifference).toBeCloseTo(1, 12); // max(ΔTPR 1, ΔFPR 0.2)
    expect(s.averageOddsDifference).toBeCloseTo(0.6, 12);
    expect(s.accuracyDifference).toBeCloseTo(4 / 6 - 0.25, 12);
    expect(s.fourFifthsFlagged).toEqual(['a']);
    expect(neg.overall!.baseRate).toBeCloseTo(6 / 18, 12);
    // AIF360's two-group numbers follow: TPR_c − TPR_b = 1/3 − 1.
    expect(aif360TwoGroup(byGroup(neg.groups, 'b'), byGroup(neg.groups, 'c')).equalOpportunityDifference).toBeCloseTo(
      1 / 3 - 1,
      12,
    );
  });

  it('small groups are shown, flagged and left out of the summary', () => {
    const s5 = assessFairness(fairlearnInput({ tolerance: { difference: 0.1, ratio: 0.8, minGroupSize: 5 } }));
    expect(byGroup(s5.groups, 'a').small).toBe(true);
    expect(byGroup(s5.groups, 'b').small).toBe(false);
    expect(s5.summary!.excludedGroups).toEqual([{ group: 'a', reason: 'fairness.excluded.small' }]);
    // b vs c only: equal selection rates, ΔTPR 0.2, ΔFPR 2/3.
    expect(s5.summary!.demographicParityDifference).toBeCloseTo(0, 12);
    expect(s5.summary!.equalizedOddsDifference).toBeCloseTo(2 / 3, 12);
    expect(s5.summary!.fourFifthsFlagged).toEqual([]);
    expect(s5.verdict).toBe('outside_tolerance');

    const s30 = assessFairness(fairlearnInput({ tolerance: { difference: 0.1, ratio: 0.8, minGroupSize: 30 } }));
    expect(s30.comparisonPossible).toBe(false);
    expect(s30.notComparableReason).toBe('fairness.tooFewLargeGroups');
    expect(s30.summary).toBeNull();
    expect(s30.verdict).toBe('not_comparable');
  });

  it('rows with a missing group are counted and left out', () => {
    const groups: (string | null)[] = [...SF];
    groups[0] = null;
    const m = assessFairness(fairlearnInput({ groups }));
    expect(m.missingGroupRows).toBe(1);
    expect(byGroup(m.groups, 'b').n).toBe(5);
    expect(m.groups.reduce((a, g) => a + g.share, 0)).toBeCloseTo(1, 12);
  });

  it('bootstrap intervals are repeatable and bracket the estimate', () => {
    const rng = createRng(3);
    const n = 600;
    const groups = Array.from({ length: n }, () => (rng.next() < 0.5 ? 'x' : 'y'));
    const yTrue = groups.map(() => (rng.next() < 0.5 ? 1 : 0));
    const yPred = groups.map((g) => (rng.next() < (g === 'x' ? 0.6 : 0.4) ? 1 : 0));
    const input = fairlearnInput({ groups, yTrue, yPred, bootstrap: { replicates: 200, seed: 5 } });
    const a = assessFairness(input);
    const b = assessFairness(input);
    expect(a.summary!.intervals).toEqual(b.summary!.intervals);
    const iv = a.summary!.intervals!.demographicParityDifference!;
    expect(iv.low).toBeLessThan(a.summary!.demographicParityDifference!);
    expect(iv.high).toBeGreaterThan(a.summary!.demographicParityDifference!);
    expect(iv.high - iv.low).toBeLessThan(0.3);
    expect(Object.keys(a.summary!.intervals!).sort()).toEqual(
      [
        'accuracyDifference',
        'averageOddsDifference',
        'demographicParityDifference',
        'demographicParityRatio',
        'equalOpportunityDifference',
        'equalizedOddsDifference',
      ].sort(),
    );
  });

  it('rejects arrays of different lengths and non-binary labels', () => {
    expect(() => assessFairness(fairlearnInput({ yPred: Y_PRED.slice(1) }))).toThrow(/rows/);
    expect(() => assessFairness(fairlearnInput({ yTrue: Y_TRUE.map((v) => v * 2) }))).toThrow(/0 or 1/);
  });
});

describe('undefined per-group metrics are null with a reason', () => {
  it('single-class group: FPR, AUC null; no predicted positives: precision null', () => {
    const r = assessFairness(
      fairlearnInput({
        groups: ['p', 'p', 'p', 'q', 'q', 'q'],
        yTrue: [1, 1, 1, 0, 1, 0],
        yPred: [1, 0, 1, 0, 0, 0],
        scores: [0.9, 0.2, 0.8, 0.1, 0.3, 0.4],
      }),
    );
    const p = byGroup(r.groups, 'p');
    expect(p.fpr).toBeNull();
    expect(p.undefinedReasons.fpr).toBe('no_negatives');
    expect(p.rocAuc).toBeNull();
    expect(p.undefinedReasons.rocAuc).toBe('single_class');
    const q = byGroup(r.groups, 'q');
    expect(q.precision).toBeNull();
    expect(q.undefinedReasons.precision).toBe('no_predicted_positives');
    expect(q.rocAuc).toBeCloseTo(0.5, 12); // positive 0.3 vs negatives 0.1 and 0.4
    expect(r.summary!.excludedGroups).toEqual([
      { group: 'p', metric: 'fpr', reason: 'fairness.excluded.fpr.no_negatives' },
    ]);
    expect(r.summary!.equalizedOddsDifference).toBeCloseTo(2 / 3, 12); // ΔTPR only: 2/3 − 0
    expect(r.summary!.averageOddsDifference).toBeNull();
  });

  it('no scores: AUC null with reason no_scores', () => {
    const r = assessFairness(fairlearnInput());
    expect(r.groups[0]!.rocAuc).toBeNull();
    expect(r.groups[0]!.undefinedReasons.rocAuc).toBe('no_scores');
  });
});

describe('sample weights — scikit-learn oracle', () => {
  const fx = JSON.parse(readFileSync(path.join(repoRoot, 'tests/fixtures/fairness/weighted.json'), 'utf8')) as {
    groups: string[];
    yTrue: number[];
    yPred: number[];
    scores: number[];
    weights: number[];
    expected: Record<string, Record<string, number>>;
  };

  it('weighted per-group metrics and ROC AUC match sklearn', () => {
    const r = assessFairness(
      fairlearnInput({
        groups: fx.groups,
        yTrue: fx.yTrue,
        yPred: fx.yPred,
        scores: fx.scores,
        sampleWeights: fx.weights,
      }),
    );
    for (const [g, e] of Object.entries(fx.expected)) {
      const m = byGroup(r.groups, g);
      expect(m.n).toBe(e.n);
      for (const k of ['selectionRate', 'baseRate', 'accuracy', 'tpr', 'fpr', 'precision', 'rocAuc'] as const) {
        expect(m[k], `${g}.${k}`).toBeCloseTo(e[k]!, 10);
      }
    }
  });

  it('unweighted per-group ROC AUC (ties) matches sklearn, and the weighted helper agrees at unit weights', () => {
    const r = assessFairness(
      fairlearnInput({ groups: fx.groups, yTrue: fx.yTrue, yPred: fx.yPred, scores: fx.scores }),
    );
    for (const [g, e] of Object.entries(fx.expected))
      expect(byGroup(r.groups, g).rocAuc).toBeCloseTo(e.rocAucUnweighted!, 10);
    const ones = fx.yTrue.map(() => 1);
    expect(weightedRocAuc(fx.yTrue, fx.scores, ones)).toBeCloseTo(rocAuc(fx.yTrue, fx.scores)!, 12);
  });
});

describe('aif360TwoGroup — privileged b, unprivileged c (REFERENCE §3.2)', () => {
  const r = assessFairness(fairlearnInput());
  const m = aif360TwoGroup(byGroup(r.groups, 'b'), byGroup(r.groups, 'c'));
  it('signed differences', () => {
    expect(m.statisticalParityDifference).toBeCloseTo(0, 12);
    expect(m.disparateImpact).toBeCloseTo(1.0, 12);
    expect(m.equalOpportunityDifference).toBeCloseTo(-0.2, 12);
    expect(m.falsePositiveRateDifference).toBeCloseTo(2 / 3, 12);
    expect(m.averageOddsDifference).toBeCloseTo(7 / 30, 12);
    expect(m.averageAbsOddsDifference).toBeCloseTo(13 / 30, 12);
    expect(m.equalizedOddsDifference).toBeCloseTo(2 / 3, 12);
    expect(m.predictiveParityDifference).toBeCloseTo(-0.5, 12);
    expect(m.errorRateDifference).toBeCloseTo(7 / 24, 12);
  });
  it('disparate impact is undefined when the privileged selection rate is 0', () => {
    const zero = { ...byGroup(r.groups, 'b'), selectionRate: 0 };
    expect(aif360TwoGroup(zero, byGroup(r.groups, 'c')).disparateImpact).toBeNull();
  });
});

describe('reweighing (REFERENCE §3.3)', () => {
  // Privileged: 4 favourable (1), 2 unfavourable; unprivileged: 1 favourable, 3 unfavourable.
  const groups = ['p', 'p', 'p', 'p', 'p', 'p', 'u', 'u', 'u', 'u'];
  const y = [1, 1, 1, 1, 0, 0, 1, 0, 0, 0];

  it('cell weights, total weight and reweighed statistical parity', () => {
    const w = reweighingWeights(groups, y, { attribute: 'g' });
    expect(w[0]).toBeCloseTo(0.75, 12);
    expect(w[4]).toBeCloseTo(1.5, 12);
    expect(w[6]).toBeCloseTo(2.0, 12);
    expect(w[7]).toBeCloseTo(2 / 3, 12);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(10, 12);
    const before = dataRepresentation(groups, y);
    expect(before.groups[0]!.baseRate - before.groups[1]!.baseRate).toBeCloseTo(4 / 6 - 1 / 4, 12);
    const after = dataRepresentation(groups, y, { sampleWeights: w });
    expect(after.groups.map((g) => g.baseRate)).toEqual([expect.closeTo(0.5, 12), expect.closeTo(0.5, 12)]);
    expect(after.groups.map((g) => g.share)).toEqual([0.6, 0.4]);
  });

  it('multiplies instance weights and keeps their total; missing groups keep theirs', () => {
    const inst = groups.map(() => 2);
    const w = reweighingWeights(groups, y, { sampleWeights: inst });
    expect(w[0]).toBeCloseTo(1.5, 12);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(20, 12);
    const withMissing = reweighingWeights([...groups, null], [...y, 1]);
    expect(withMissing[10]).toBe(1);
    expect(withMissing.reduce((a, b) => a + b, 0)).toBeCloseTo(11, 12);
  });

  it('three groups: each group × label cell reaches the overall base rate', () => {
    const g3 = ['a', 'a', 'a', 'b', 'b', 'b', 'b', 'c', 'c', 'c', 'c', 'c'];
    const y3 = [1, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 1];
    const w = reweighingWeights(g3, y3);
    const rep = dataRepresentation(g3, y3, { sampleWeights: w });
    for (const g of rep.groups) expect(g.baseRate).toBeCloseTo(5 / 12, 12);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(12, 12);
  });

  it('refuses an attribute with one group', () => {
    const err = (() => {
      try {
        reweighingWeights(['M', 'M', 'M'], [1, 0, 1], { attribute: 'gender' });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).key).toBe('fairness.mitigation.oneGroup');
    expect((err as UserError).params).toMatchObject({ attribute: 'gender', group: 'M', n: 3 });
  });
});

describe('groupThresholds (post-processing)', () => {
  // Group x scores high, group y low: at 0.5, x is selected far more often.
  const rng = createRng(11);
  const n = 400;
  const groups = Array.from({ length: n }, (_, i) => (i % 2 ? 'x' : 'y'));
  const yTrue = groups.map(() => (rng.next() < 0.5 ? 1 : 0));
  const scores = groups.map((g, i) =>
    Math.min(1, Math.max(0, (g === 'x' ? 0.55 : 0.35) + 0.3 * (yTrue[i]! - 0.5) + 0.2 * rng.normal())),
  );

  it('equalizes selection rates to within one row of each group', () => {
    const r = groupThresholds({
      attribute: 'g',
      groups,
      scores,
      yTrue,
      constraint: 'selection_rate',
      baseThreshold: 0.5,
      favourableOutcome: 'predicted_positive',
    });
    const [x, y] = r.groups;
    expect(Math.abs(x!.before! - y!.before!)).toBeGreaterThan(0.2);
    expect(Math.abs(x!.after! - r.target)).toBeLessThanOrEqual(1 / x!.n + 1e-12);
    expect(Math.abs(y!.after! - r.target)).toBeLessThanOrEqual(1 / y!.n + 1e-12);
    // The rates reported agree with the new predictions.
    const rate = (g: string) => groups.reduce((a, gg, i) => a + (gg === g && r.yPred[i] ? 1 : 0), 0) / (n / 2);
    expect(rate('x')).toBeCloseTo(x!.after!, 12);
    expect(r.accuracyBefore).not.toBeNull();
    expect(r.accuracyAfter).not.toBeNull();
    // Same input, same thresholds.
    const again = groupThresholds({
      attribute: 'g',
      groups,
      scores,
      yTrue,
      constraint: 'selection_rate',
      baseThreshold: 0.5,
      favourableOutcome: 'predicted_positive',
    });
    expect(again.thresholds).toEqual(r.thresholds);
    // Favourable = negative: reported as the complement.
    const neg = groupThresholds({
      attribute: 'g',
      groups,
      scores,
      yTrue,
      constraint: 'selection_rate',
      baseThreshold: 0.5,
      favourableOutcome: 'predicted_negative',
    });
    expect(neg.groups[0]!.after).toBeCloseTo(1 - x!.after!, 12);
    expect(neg.target).toBeCloseTo(1 - r.target, 12);
  });

  it('equalizes TPRs', () => {
    const r = groupThresholds({
      attribute: 'g',
      groups,
      scores,
      yTrue,
      constraint: 'true_positive_rate',
      baseThreshold: 0.5,
      favourableOutcome: 'predicted_positive',
    });
    const tpr = (g: string) => {
      let tp = 0;
      let p = 0;
      groups.forEach((gg, i) => {
        if (gg === g && yTrue[i] === 1) {
          p++;
          if (r.yPred[i]) tp++;
        }
      });
      return tp / p;
    };
    expect(Math.abs(tpr('x') - tpr('y'))).toBeLessThan(0.02);
    expect(Math.abs(r.groups[0]!.before! - r.groups[1]!.before!)).toBeGreaterThan(0.2);
  });

  it('favourable = predicted negative: TPR parity equalizes the favourable outcome’s TPR', () => {
    const r = groupThresholds({
      attribute: 'g',
      groups,
      scores,
      yTrue,
      constraint: 'true_positive_rate',
      baseThreshold: 0.5,
      favourableOutcome: 'predicted_negative',
    });
    // P(predicted 0 | true 0) per group: the rate of the favourable outcome among the truly favourable.
    const tprFavourable = (g: string, pred: (i: number) => boolean) => {
      let hit = 0;
      let all = 0;
      groups.forEach((gg, i) => {
        if (gg === g && yTrue[i] === 0) {
          all++;
          if (pred(i)) hit++;
        }
      });
      return hit / all;
    };
    const before = (g: string) => tprFavourable(g, (i) => scores[i]! < 0.5);
    const after = (g: string) => tprFavourable(g, (i) => r.yPred[i] === 0);
    expect(r.groups[0]!.before).toBeCloseTo(before('x'), 12);
    expect(r.groups[0]!.after).toBeCloseTo(after('x'), 12);
    expect(Math.abs(before('x') - before('y'))).toBeGreaterThan(0.2);
    expect(Math.abs(after('x') - after('y'))).toBeLessThan(0.02);
  });

  it('small groups keep the base threshold; one group is refused', () => {
    const r = groupThresholds({
      attribute: 'g',
      groups,
      scores,
      constraint: 'selection_rate',
      baseThreshold: 0.5,
      favourableOutcome: 'predicted_positive',
      minGroupSize: 1000,
    });
    expect(Object.values(r.thresholds)).toEqual([0.5, 0.5]);
    expect(() =>
      groupThresholds({
        attribute: 'gender',
        groups: ['M', 'M'],
        scores: [0.2, 0.8],
        constraint: 'selection_rate',
        baseThreshold: 0.5,
        favourableOutcome: 'predicted_positive',
      }),
    ).toThrow(UserError);
  });
});

describe('groups', () => {
  it('binNumeric: default age bands, right-open', () => {
    const { labels, edges, order } = binNumeric([18, 24, 25, 44, 45, 64, 65, 90, null, Number.NaN]);
    expect(edges).toEqual([25, 45, 65]);
    expect(order).toEqual(['<25', '25–44', '45–64', '65+']);
    expect(labels).toEqual(['<25', '<25', '25–44', '25–44', '45–64', '45–64', '65+', '65+', null, null]);
  });

  it('binNumeric: non-integer values get interval labels; bad edges are refused', () => {
    expect(binNumeric([0.5, 1.5, 2.5], [1, 2]).labels).toEqual(['<1', '[1, 2)', '≥2']);
    expect(() => binNumeric([1], [3, 2])).toThrow(UserError);
    expect(() => binNumeric([1], [])).toThrow(UserError);
  });

  it('intersectGroups', () => {
    expect(intersectGroups(['F', 'M', null], ['<25', '65+', '<25'])).toEqual(['F × <25', 'M × 65+', null]);
  });

  it('suggestSensitiveAttributes finds English and Chinese names, not look-alikes', () => {
    const cols = [
      'personal_status',
      'Age',
      'customerAge',
      'Sex',
      'gender_code',
      'race',
      '民族',
      '性别',
      '年龄',
      'page',
      'usage',
      'wage',
      'average',
      'stage',
      'credit_amount',
      'native-country',
    ];
    const found = suggestSensitiveAttributes(cols).map((s) => [s.column, s.suggestion.label.en]);
    expect(found).toEqual([
      ['personal_status', 'Marital status'],
      ['Age', 'Age group'],
      ['customerAge', 'Age group'],
      ['Sex', 'Sex / gender'],
      ['gender_code', 'Sex / gender'],
      ['race', 'Race / ethnicity'],
      ['民族', 'Race / ethnicity'],
      ['性别', 'Sex / gender'],
      ['年龄', 'Age group'],
      ['native-country', 'National origin'],
    ]);
    expect(() =>
      suggestSensitiveAttributes(['x'], [{ patterns: ['('], label: { en: 'x', zh: 'x' }, useAsFeature: false }]),
    ).toThrow(UserError);
  });

  it('dataRepresentation: share and base rate per group', () => {
    const rep = dataRepresentation(SF, Y_TRUE);
    expect(rep.groups.map((g) => [g.group, g.n])).toEqual([
      ['a', 4],
      ['b', 6],
      ['c', 8],
    ]);
    expect(rep.groups[0]!.baseRate).toBeCloseTo(0.5, 12);
    expect(rep.groups[2]!.share).toBeCloseTo(8 / 18, 12);
  });
});

describe('real data — pandas / scikit-learn oracle (tests/fixtures/fairness/representation.json)', async () => {
  const fx = JSON.parse(
    readFileSync(path.join(repoRoot, 'tests/fixtures/fairness/representation.json'), 'utf8'),
  ) as Record<string, any>;
  const german = await loadCsv(dataset('german_credit.csv'));
  const names =
    'age, workclass, fnlwgt, education, education-num, marital-status, occupation, relationship, race, sex, capital-gain, capital-loss, hours-per-week, native-country, income'.split(
      ', ',
    );
  const adult = await loadCsv(dataset('adult.data'), { header: false, names });
  const values = (f: Frame, c: string) => getColumn(f, c).values;
  const bad = values(german, 'class').map((v) => (v === 'bad' ? 1 : 0));

  const check = (
    rep: ReturnType<typeof dataRepresentation>,
    want: Record<string, { n: number; share: number; baseRate: number }>,
  ) => {
    expect(rep.groups.map((g) => g.group).sort()).toEqual(Object.keys(want).sort());
    for (const g of rep.groups) {
      expect(g.n).toBe(want[g.group]!.n);
      expect(g.share).toBeCloseTo(want[g.group]!.share, 12);
      expect(g.baseRate).toBeCloseTo(want[g.group]!.baseRate, 12);
    }
  };

  it('Adult by sex; German credit by personal status and by default age band', () => {
    const income = values(adult, 'income').map((v) => (v === '>50K' ? 1 : 0));
    check(dataRepresentation(values(adult, 'sex') as string[], income), fx.adult_sex);
    check(dataRepresentation(values(german, 'personal_status') as string[], bad), fx.german_personal_status);
    const { labels, order } = binNumeric(values(german, 'age') as number[]);
    const rep = dataRepresentation(labels, bad, { groupOrder: order });
    expect(rep.groups.map((g) => g.group)).toEqual(order);
    check(rep, fx.german_age_band);
  });

  it('German credit, rule "bad iff duration > 24", approval favourable', () => {
    const r = assessFairness({
      attribute: 'personal_status',
      groups: values(german, 'personal_status') as string[],
      yTrue: bad,
      yPred: values(german, 'duration').map((d) => ((d as number) > 24 ? 1 : 0)),
      favourableOutcome: 'predicted_negative',
      favourableLabel: 'good',
      usedAsFeature: false,
      bins: null,
      tolerance: { difference: 0.1, ratio: 0.8, minGroupSize: 30 },
      bootstrap: null,
    });
    for (const g of r.groups) {
      const want = fx.german_rule.groups[g.group];
      // sklearn with pos_label "good": every rate is of the favourable outcome.
      for (const k of ['baseRate', 'selectionRate', 'accuracy', 'tpr', 'fpr', 'precision'] as const)
        expect(g[k], `${g.group}.${k}`).toBeCloseTo(want[k], 12);
    }
    expect(r.summary!.demographicParityDifference).toBeCloseTo(fx.german_rule.dpd, 12);
    expect(r.summary!.demographicParityRatio).toBeCloseTo(fx.german_rule.dpr, 12);
    expect(r.summary!.equalOpportunityDifference).toBeCloseTo(fx.german_rule.eopp, 12);
    expect(r.summary!.equalizedOddsDifference).toBeCloseTo(fx.german_rule.eod, 12);
    expect(r.verdict).toBe('outside_tolerance');
  });
});

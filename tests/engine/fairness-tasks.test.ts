/**
 * Group fairness of multiclass and regression models: hand-computed examples, a scikit-learn
 * oracle with sample weights (tests/fixtures/fairness/tasks.json, made by make_tasks.py), the job
 * layer's dispatch by task, and a project session that trains a 5-class and a regression model on
 * the Cleveland heart data and assesses them (no silent empty result).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Frame } from '../../src/engine/data/frame';
import { assessMulticlassFairness, assessRegressionFairness } from '../../src/engine/fairness';
import { fairnessOnTest } from '../../src/engine/jobs/fairness';
import { runTraining } from '../../src/engine/jobs/train';
import { ProjectSession } from '../../src/engine/project/session';
import { getTemplate } from '../../src/engine/templates';
import { UserError } from '../../src/shared/errors';
import { translate } from '../../src/shared/i18n';
import { FairnessAttributeReportSchema, type GroupMetrics } from '../../src/shared/model/fairness';
import { dataset, repoRoot } from '../helpers/paths';

const byGroup = (groups: GroupMetrics[], g: string) => groups.find((x) => x.group === g)!;
const common = {
  attribute: 'g',
  usedAsFeature: false,
  bins: null,
  bootstrap: null,
} as const;

// Classes A, B, C. Group x: rows 0–3, y: rows 4–8, z: row 9 (small at a minimum size of 2).
//   x: true A B C A, predicted A B B C → accuracy 2/4; predicted A,B,C = 1,2,1 of 4
//   y: true A B B C C, predicted A A B C C → accuracy 4/5; predicted A,B,C = 2,1,2 of 5
//   z: true A, predicted A → accuracy 1
// Favourable class B (one-vs-rest): x base rate 1/4, selection rate 2/4; y base rate 2/5, selection 1/5.
const MC = {
  ...common,
  groups: 'x x x x y y y y y z'.split(' '),
  classes: ['A', 'B', 'C'],
  yTrue: [0, 1, 2, 0, 0, 1, 1, 2, 2, 0],
  yPred: [0, 1, 1, 2, 0, 0, 1, 2, 2, 0],
  tolerance: { difference: 0.1, ratio: 0.8, minGroupSize: 2 },
};

describe('assessMulticlassFairness — hand-computed', () => {
  it('without a favourable class: accuracy and the share predicted as each class, not judged', () => {
    const r = assessMulticlassFairness({ ...MC, favourableClass: null });
    expect(FairnessAttributeReportSchema.parse(r)).toBeTruthy();
    expect(r.task).toBe('multiclass');
    expect(r.classes).toEqual(['A', 'B', 'C']);
    const x = byGroup(r.groups, 'x');
    const y = byGroup(r.groups, 'y');
    expect(x.accuracy).toBeCloseTo(0.5, 12);
    expect(y.accuracy).toBeCloseTo(0.8, 12);
    expect(x.predictionRates).toEqual([0.25, 0.5, 0.25]);
    expect(y.predictionRates).toEqual([0.4, 0.2, 0.4]);
    expect(x.selectionRate).toBeNull();
    expect(x.undefinedReasons.selectionRate).toBe('no_favourable_class');
    expect(x.tpr).toBeNull();
    expect(x.undefinedReasons.tpr).toBe('not_for_task');
    expect(byGroup(r.groups, 'z').small).toBe(true);
    expect(r.overall!.accuracy).toBeCloseTo(0.7, 12);

    const s = r.summary!;
    expect(s.accuracyDifference).toBeCloseTo(0.3, 12);
    expect(s.meanGroupAccuracy).toBeCloseTo(0.65, 12);
    expect(s.predictionRateDifferences![0]).toBeCloseTo(0.15, 12);
    expect(s.predictionRateDifferences![1]).toBeCloseTo(0.3, 12);
    expect(s.predictionRateDifferences![2]).toBeCloseTo(0.15, 12);
    expect(s.demographicParityDifference).toBeNull();
    expect(s.equalizedOddsDifference).toBeNull();
    expect(s.fourFifthsFlagged).toEqual([]);
    expect(s.excludedGroups).toEqual([{ group: 'z', reason: 'fairness.excluded.small' }]);
    expect(r.verdict).toBe('not_judged');
    expect(translate('en', r.notJudgedReason!)).toContain('favourable class');
  });

  it('with favourable class B: its one-vs-rest base and selection rates, demographic parity, verdict', () => {
    const r = assessMulticlassFairness({ ...MC, favourableClass: 'B' });
    expect(r.favourableLabel).toBe('B');
    const x = byGroup(r.groups, 'x');
    const y = byGroup(r.groups, 'y');
    expect([x.baseRate, x.selectionRate]).toEqual([0.25, 0.5]);
    expect([y.baseRate, y.selectionRate]).toEqual([0.4, 0.2]);
    const s = r.summary!;
    expect(s.demographicParityDifference).toBeCloseTo(0.3, 12);
    expect(s.demographicParityRatio).toBeCloseTo(0.4, 12);
    expect(s.fourFifthsFlagged).toEqual(['y']);
    expect(r.verdict).toBe('outside_tolerance');
    const wide = assessMulticlassFairness({
      ...MC,
      favourableClass: 'B',
      tolerance: { difference: 0.5, ratio: 0.3, minGroupSize: 2 },
    });
    expect(wide.verdict).toBe('within_tolerance');
  });

  it('one large group: not comparable, as for binary models', () => {
    const r = assessMulticlassFairness({
      ...MC,
      favourableClass: null,
      tolerance: { ...MC.tolerance, minGroupSize: 5 },
    });
    expect(r.comparisonPossible).toBe(false);
    expect(r.notComparableReason).toBe('fairness.tooFewLargeGroups');
    expect(r.summary).toBeNull();
    expect(r.verdict).toBe('not_comparable');
  });

  it('refuses a favourable class the model does not have, naming the classes', () => {
    let err: unknown;
    try {
      assessMulticlassFairness({ ...MC, favourableClass: 'D' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    const msg = translate('en', (err as UserError).key, (err as UserError).params);
    expect(msg).toContain('"D"');
    expect(msg).toContain('A, B, C');
  });

  it('rejects class indices out of range', () => {
    expect(() => assessMulticlassFairness({ ...MC, favourableClass: null, yPred: [...MC.yPred.slice(1), 3] })).toThrow(
      /class index/,
    );
  });
});

// Group p: true 1 2 3, predicted 2 2 1 → errors 1 0 2: MAE 1, RMSE √(5/3), means 2 and 5/3.
// Group q: true 10 20, predicted 10 14 → errors 0 6: MAE 3, RMSE √18, means 15 and 12.
const RG = {
  ...common,
  groups: ['p', 'p', 'p', 'q', 'q'],
  yTrue: [1, 2, 3, 10, 20],
  yPred: [2, 2, 1, 10, 14],
  tolerance: { difference: 0.1, ratio: 0.8, minGroupSize: 1 },
};

describe('assessRegressionFairness — hand-computed', () => {
  it('mean actual, mean prediction, MAE, RMSE per group and their differences; not judged', () => {
    const r = assessRegressionFairness(RG);
    expect(FairnessAttributeReportSchema.parse(r)).toBeTruthy();
    expect(r.task).toBe('regression');
    const p = byGroup(r.groups, 'p');
    const q = byGroup(r.groups, 'q');
    expect(p.meanActual).toBeCloseTo(2, 12);
    expect(p.meanPrediction).toBeCloseTo(5 / 3, 12);
    expect(p.mae).toBeCloseTo(1, 12);
    expect(p.rmse).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(q.meanActual).toBeCloseTo(15, 12);
    expect(q.meanPrediction).toBeCloseTo(12, 12);
    expect(q.mae).toBeCloseTo(3, 12);
    expect(q.rmse).toBeCloseTo(Math.sqrt(18), 12);
    for (const k of ['selectionRate', 'accuracy', 'tpr', 'rocAuc'] as const) {
      expect(p[k]).toBeNull();
      expect(p.undefinedReasons[k]).toBe('not_for_task');
    }
    expect(r.overall!.mae).toBeCloseTo(9 / 5, 12);
    const s = r.summary!;
    expect(s.meanActualDifference).toBeCloseTo(13, 12);
    expect(s.meanPredictionDifference).toBeCloseTo(12 - 5 / 3, 12);
    expect(s.maeDifference).toBeCloseTo(2, 12);
    expect(s.rmseDifference).toBeCloseTo(Math.sqrt(18) - Math.sqrt(5 / 3), 12);
    expect(s.demographicParityDifference).toBeNull();
    expect(s.fourFifthsFlagged).toEqual([]);
    expect(r.verdict).toBe('not_judged');
    expect(translate('en', r.notJudgedReason!)).toContain('numeric target');
  });

  it('small groups are flagged and left out; one group is not comparable', () => {
    const r = assessRegressionFairness({ ...RG, tolerance: { ...RG.tolerance, minGroupSize: 3 } });
    expect(byGroup(r.groups, 'q').small).toBe(true);
    expect(r.verdict).toBe('not_comparable');
    expect(r.notComparableReason).toBe('fairness.tooFewLargeGroups');
    const one = assessRegressionFairness({ ...RG, groups: RG.groups.map(() => 'p') });
    expect(one.notComparableReason).toBe('fairness.oneGroup');
  });

  it('rejects values that are not finite', () => {
    expect(() => assessRegressionFairness({ ...RG, yPred: [2, 2, NaN, 10, 14] })).toThrow(/finite/);
  });
});

describe('scikit-learn oracle with sample weights (tests/fixtures/fairness/tasks.json)', () => {
  const fx = JSON.parse(readFileSync(path.join(repoRoot, 'tests/fixtures/fairness/tasks.json'), 'utf8')) as Record<
    string,
    any
  >;
  const base = {
    ...common,
    groups: fx.groups as string[],
    sampleWeights: fx.weights as number[],
    tolerance: { difference: 0.1, ratio: 0.8, minGroupSize: fx.minGroupSize as number },
  };

  it('multiclass: weighted accuracy, prediction rates, one-vs-rest rates and differences', () => {
    const m = fx.multiclass;
    const r = assessMulticlassFairness({
      ...base,
      classes: m.classes,
      yTrue: m.yTrue,
      yPred: m.yPred,
      favourableClass: m.favourableClass,
    });
    for (const [g, e] of Object.entries(m.expected as Record<string, any>)) {
      const got = byGroup(r.groups, g);
      expect(got.n).toBe(e.n);
      expect(got.accuracy).toBeCloseTo(e.accuracy, 12);
      expect(got.baseRate).toBeCloseTo(e.baseRate, 12);
      expect(got.selectionRate).toBeCloseTo(e.selectionRate, 12);
      got.predictionRates!.forEach((v, c) => expect(v).toBeCloseTo(e.predictionRates[c], 12));
    }
    expect(byGroup(r.groups, 'g3').small).toBe(true);
    const s = r.summary!;
    expect(s.accuracyDifference).toBeCloseTo(m.accuracyDifference, 12);
    expect(s.meanGroupAccuracy).toBeCloseTo(m.meanGroupAccuracy, 12);
    expect(s.demographicParityDifference).toBeCloseTo(m.demographicParityDifference, 12);
    expect(s.demographicParityRatio).toBeCloseTo(m.demographicParityRatio, 12);
    s.predictionRateDifferences!.forEach((v, c) => expect(v).toBeCloseTo(m.predictionRateDifferences[c], 12));
  });

  it('regression: weighted means, MAE, RMSE and differences', () => {
    const g = fx.regression;
    const r = assessRegressionFairness({ ...base, yTrue: g.yTrue, yPred: g.yPred });
    for (const [name, e] of Object.entries(g.expected as Record<string, any>)) {
      const got = byGroup(r.groups, name);
      expect(got.n).toBe(e.n);
      for (const k of ['meanActual', 'meanPrediction', 'mae', 'rmse'] as const)
        expect(got[k], `${name}.${k}`).toBeCloseTo(e[k], 10);
    }
    for (const k of ['meanActualDifference', 'meanPredictionDifference', 'maeDifference', 'rmseDifference'] as const)
      expect(r.summary![k], k).toBeCloseTo(g[k], 10);
  });

  it('bootstrap intervals of every difference are repeatable and bracket the estimate', () => {
    const g = fx.regression;
    const input = { ...base, yTrue: g.yTrue, yPred: g.yPred, bootstrap: { replicates: 200, seed: 3 } };
    const a = assessRegressionFairness(input);
    expect(assessRegressionFairness(input).summary!.intervals).toEqual(a.summary!.intervals);
    for (const k of ['meanActualDifference', 'meanPredictionDifference', 'maeDifference', 'rmseDifference'] as const) {
      const iv = a.summary!.intervals![k]!;
      expect(iv.low, k).toBeLessThanOrEqual(a.summary![k]!);
      expect(iv.high, k).toBeGreaterThanOrEqual(a.summary![k]!);
    }
    const m = fx.multiclass;
    const mc = assessMulticlassFairness({
      ...base,
      classes: m.classes,
      yTrue: m.yTrue,
      yPred: m.yPred,
      favourableClass: null,
      bootstrap: { replicates: 100, seed: 3 },
    });
    expect(Object.keys(mc.summary!.intervals!).sort()).toEqual(
      ['accuracyDifference', ...m.classes.map((c: string) => `predictionRateDifferences.${c}`)].sort(),
    );
  });
});

describe('fairnessOnTest dispatches by task', () => {
  const frame: Frame = {
    rowCount: 6,
    columns: [{ name: 'sex', type: 'categorical', values: ['f', 'f', 'f', 'm', 'm', 'm'] }],
  };
  const base = {
    template: {
      ...getTemplate('general'),
      fairness: { differenceTolerance: 0.1, ratioTolerance: 0.8, minGroupSize: 1 },
    },
    sensitive: [{ column: 'sex', usedAsFeature: true, bins: null }],
    testFrame: frame,
    testRows: [0, 1, 2, 3, 4, 5],
    threshold: 0.5,
  };

  it('multiclass: the prediction is the arg-max of each row of probabilities', () => {
    // Predicted classes 0 1 2 | 0 0 1; true 0 1 1 | 0 2 1.
    const proba = [0.8, 0.1, 0.1, 0.1, 0.7, 0.2, 0.2, 0.3, 0.5, 0.6, 0.3, 0.1, 0.5, 0.4, 0.1, 0.3, 0.4, 0.3];
    const [r] = fairnessOnTest({
      ...base,
      task: 'multiclass',
      yTest: [0, 1, 1, 0, 2, 1],
      scores: proba,
      classes: ['lo', 'mid', 'hi'],
      favourableClass: 'hi',
    });
    expect(byGroup(r!.groups, 'f').accuracy).toBeCloseTo(2 / 3, 12);
    expect(byGroup(r!.groups, 'm').accuracy).toBeCloseTo(2 / 3, 12);
    expect(byGroup(r!.groups, 'f').selectionRate).toBeCloseTo(1 / 3, 12);
    expect(byGroup(r!.groups, 'm').selectionRate).toBe(0);
    expect(byGroup(r!.groups, 'm').baseRate).toBeCloseTo(1 / 3, 12);
    expect(r!.favourableLabel).toBe('hi');
  });

  it('regression: values in, errors out', () => {
    const [r] = fairnessOnTest({
      ...base,
      task: 'regression',
      yTest: [1, 2, 3, 4, 5, 6],
      scores: [1, 2, 4, 4, 5, 9],
      classes: [],
    });
    expect(byGroup(r!.groups, 'f').mae).toBeCloseTo(1 / 3, 12);
    expect(byGroup(r!.groups, 'm').mae).toBeCloseTo(1, 12);
    expect(r!.summary!.maeDifference).toBeCloseTo(2 / 3, 12);
  });
});

describe('project session: multiclass and regression models are assessed', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mw-fairness-tasks-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function trained(name: string, target: string): Promise<ProjectSession> {
    const s = await ProjectSession.create(dir, name);
    await s.import(dataset('heart_cleveland.data'));
    await s.update({ target, sensitive: ['column2'] });
    const input = await s.prepareTraining(`${name}-run`, { maxEpochs: 3 });
    await s.recordTraining(await runTraining(input));
    return s;
  }

  it('heart, target column14 (0–4), by column2: a report per attribute, then with a favourable class', async () => {
    const s = await trained('heart-mc', 'column14');
    try {
      expect(s.view.project.model!.record.task).toBe('multiclass');
      const [r] = await s.fairness(['column2']);
      expect(r!.task).toBe('multiclass');
      expect(r!.classes).toEqual(['0', '1', '2', '3', '4']);
      expect(r!.groups.map((g) => g.group)).toEqual(['0', '1']);
      const n = r!.groups.reduce((a, g) => a + g.n, 0);
      expect(n).toBe(r!.overall!.n);
      for (const g of r!.groups) expect(g.predictionRates!.reduce<number>((a, v) => a + v!, 0)).toBeCloseTo(1, 12);
      expect(s.view.project.fairness).toHaveLength(1);

      await s.update({ favourableClass: '0' });
      expect(s.view.project.fairness).toEqual([]);
      const [fav] = await s.fairness(['column2']);
      expect(fav!.favourableLabel).toBe('0');
      expect(fav!.groups.every((g) => g.selectionRate === g.predictionRates![0])).toBe(true);

      await s.update({ favourableClass: 'no such class' });
      await expect(s.fairness(['column2'])).rejects.toMatchObject({ key: 'fairness.favourableClassUnknown' });
    } finally {
      await s.close();
    }
  });

  it('heart, target column8 (max heart rate): errors in beats per minute, not standardized units', async () => {
    const s = await trained('heart-rg', 'column8');
    try {
      expect(s.view.project.model!.record.task).toBe('regression');
      const [r] = await s.fairness(['column2']);
      expect(r!.task).toBe('regression');
      // Maximum heart rates in the data lie between 71 and 202.
      for (const g of r!.groups) {
        expect(g.meanActual!).toBeGreaterThan(120);
        expect(g.meanActual!).toBeLessThan(180);
      }
      const metrics = s.view.project.model!.evaluation.metrics;
      expect(metrics.task).toBe('regression');
      if (metrics.task === 'regression') expect(r!.overall!.mae).toBeCloseTo(metrics.mae, 6);
    } finally {
      await s.close();
    }
  });
});

/**
 * Bias mitigation (SPEC §7) and intersections: per-group thresholds chosen on a validation split
 * and applied to a test split, checked against hand-computed thresholds, rates and accuracies;
 * reweighing weights fitted on the training rows only (REFERENCE.md §3.3's cell weights); the
 * refusals; per-example training weights that leave the unweighted path unchanged; and a project
 * session on German credit that runs both methods, adopts one and reports the measured effect.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Frame } from '../../src/engine/data/frame';
import { applyGroupThresholds, assessMulticlassFairness, validatedGroupThresholds } from '../../src/engine/fairness';
import { attributeGroups, fairnessOnTest } from '../../src/engine/jobs/fairness';
import {
  assertMitigable,
  mitigatedDecisions,
  reweighingTrainWeights,
  thresholdMitigation,
} from '../../src/engine/jobs/mitigate';
import { runTraining } from '../../src/engine/jobs/train';
import { ProjectSession } from '../../src/engine/project/session';
import { getTemplate } from '../../src/engine/templates';
import { trainAndEvaluate } from '../../src/engine/train/pipeline';
import { UserError } from '../../src/shared/errors';
import { mitigationEffect } from '../../src/shared/mitigation';
import { translate } from '../../src/shared/i18n';
import { FairnessMitigationSchema, type GroupMetrics } from '../../src/shared/model/fairness';
import { ReportModelSchema } from '../../src/shared/model/report';
import { dataset } from '../helpers/paths';

const byGroup = (groups: GroupMetrics[], g: string) => groups.find((x) => x.group === g)!;

/** The error `fn` throws. */
function thrown(fn: () => unknown): UserError {
  try {
    fn();
  } catch (err) {
    return err as UserError;
  }
  throw new Error('expected an error');
}

// Validation: a = scores .9 .8 .7 .2, b = .6 .4 .3 .1. At the model's threshold 0.5 the selection
// rates are a 3/4, b 1/4, overall 4/8 = 0.5 (the target). Candidates for a are 0.5 and the
// midpoints .2, .45, .75, .85 (rates 1, 3/4, 1/2, 1/4): 0.75 hits 1/2 exactly; for b .1, .2, .35, .5
// (rates 1, 3/4, 1/2, 1/4): 0.35.
const VALIDATION = {
  groups: ['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b'],
  scores: [0.9, 0.8, 0.7, 0.2, 0.6, 0.4, 0.3, 0.1],
  yTrue: [1, 1, 0, 0, 1, 0, 1, 0],
};
// Test: a = .95 .76 .74 .5 → at 0.75: 1 1 0 0; b = .36 .34 .8 .2 → at 0.35: 1 0 1 0; c only in the
// test rows and a row with no group keep 0.5.
const TEST = {
  groups: ['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b', 'c', null],
  scores: [0.95, 0.76, 0.74, 0.5, 0.36, 0.34, 0.8, 0.2, 0.6, 0.55],
};

describe('per-group thresholds: chosen on validation, applied to test (hand-computed)', () => {
  it('demographic parity: thresholds 0.75 and 0.35; groups without validation rows keep the model’s', () => {
    const r = validatedGroupThresholds({
      attribute: 'g',
      validation: VALIDATION,
      test: TEST,
      constraint: 'demographic_parity',
      baseThreshold: 0.5,
      favourableOutcome: 'predicted_positive',
      minGroupSize: 1,
    });
    expect(r.target).toBe(0.5);
    expect(r.thresholds).toEqual([
      { group: 'a', threshold: 0.75, validationN: 4, adjusted: true },
      { group: 'b', threshold: expect.closeTo(0.35, 12), validationN: 4, adjusted: true },
      { group: 'c', threshold: 0.5, validationN: 0, adjusted: false },
    ]);
    expect(Array.from(r.yPred)).toEqual([1, 1, 0, 0, 1, 0, 1, 0, 1, 1]);
  });

  it('equal opportunity: TPRs of the truly favourable rows, ties to the threshold nearest the model’s', () => {
    // Positives a .9 .8 .7 .6 (TPR 1 at 0.5), b .6 .4 .3 .2 (TPR 1/4): target 5/8. For a, 0.65 (3/4)
    // and 0.75 (1/2) are both 1/8 away: 0.65 is nearer 0.5. For b, 0.25 (3/4) and 0.35 (1/2): 0.35.
    const validation = {
      groups: ['a', 'a', 'a', 'a', 'a', 'a', 'b', 'b', 'b', 'b', 'b', 'b'],
      scores: [0.9, 0.8, 0.7, 0.6, 0.3, 0.1, 0.6, 0.4, 0.3, 0.2, 0.7, 0.1],
      yTrue: [1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0],
    };
    const r = validatedGroupThresholds({
      attribute: 'g',
      validation,
      test: { groups: ['a', 'b'], scores: [0.7, 0.3] },
      constraint: 'equal_opportunity',
      baseThreshold: 0.5,
      favourableOutcome: 'predicted_positive',
      minGroupSize: 1,
    });
    expect(r.target).toBe(0.625);
    expect(r.thresholds.map((t) => [t.group, t.threshold])).toEqual([
      ['a', expect.closeTo(0.65, 12)],
      ['b', expect.closeTo(0.35, 12)],
    ]);
    expect(Array.from(r.yPred)).toEqual([1, 0]);
  });

  it('groups below the minimum size in the validation split keep the model’s threshold', () => {
    const r = validatedGroupThresholds({
      attribute: 'g',
      validation: VALIDATION,
      test: TEST,
      constraint: 'demographic_parity',
      baseThreshold: 0.5,
      favourableOutcome: 'predicted_positive',
      minGroupSize: 5,
    });
    expect(r.thresholds.every((t) => t.threshold === 0.5 && !t.adjusted)).toBe(true);
  });

  it('applyGroupThresholds: a row whose group has no threshold uses the model’s', () => {
    expect(
      Array.from(applyGroupThresholds(['a', 'b', null, 'z'], [0.6, 0.6, 0.6, 0.4], { a: 0.7, b: 0.5 }, 0.5)),
    ).toEqual([0, 1, 1, 0]);
  });
});

// One frame: rows 0–7 are the validation split, rows 8–15 the test split (groups a, b).
const FRAME: Frame = {
  rowCount: 16,
  columns: [
    { name: 'g', type: 'categorical', values: [...VALIDATION.groups, 'a', 'a', 'a', 'a', 'b', 'b', 'b', 'b'] },
    { name: 'h', type: 'categorical', values: Array.from({ length: 16 }, (_, i) => (i % 2 ? 'x' : 'y')) },
  ],
};
const TEMPLATE = {
  ...getTemplate('general'),
  favourableOutcome: 'predicted_positive' as const,
  fairness: { differenceTolerance: 0.1, ratioTolerance: 0.8, minGroupSize: 1 },
};
const STORED = {
  validationRows: [0, 1, 2, 3, 4, 5, 6, 7],
  yValidation: VALIDATION.yTrue,
  validationPredictions: VALIDATION.scores,
  testRows: [8, 9, 10, 11, 12, 13, 14, 15],
  yTest: [1, 0, 1, 0, 1, 0, 0, 0],
  predictions: TEST.scores.slice(0, 8),
};
const G = { column: 'g', usedAsFeature: false, bins: null };

describe('thresholdMitigation: the before/after comparison (hand-computed)', () => {
  // Before (0.5): a predicted 1 1 1 1, b 0 0 1 0. After: a 1 1 0 0, b 1 0 1 0. Truth a 1 0 1 0, b 1 0 0 0.
  const m = thresholdMitigation({
    template: TEMPLATE,
    use: G,
    constraint: 'demographic_parity',
    frame: FRAME,
    stored: STORED,
    threshold: 0.5,
    classes: ['no', 'yes'],
    now: new Date('2025-01-01T00:00:00Z'),
  });

  it('per group: selection rate, TPR, FPR and accuracy before and after', () => {
    expect(FairnessMitigationSchema.parse(m)).toBeTruthy();
    const [a0, b0, a1, b1] = [
      byGroup(m.before.groups, 'a'),
      byGroup(m.before.groups, 'b'),
      byGroup(m.after.groups, 'a'),
      byGroup(m.after.groups, 'b'),
    ];
    expect([a0.selectionRate, a0.tpr, a0.fpr, a0.accuracy]).toEqual([1, 1, 1, 0.5]);
    expect([b0.selectionRate, b0.tpr, b0.fpr, b0.accuracy]).toEqual([0.25, 0, expect.closeTo(1 / 3, 12), 0.5]);
    expect([a1.selectionRate, a1.tpr, a1.fpr, a1.accuracy]).toEqual([0.5, 0.5, 0.5, 0.5]);
    expect([b1.selectionRate, b1.tpr, b1.fpr, b1.accuracy]).toEqual([0.5, 1, expect.closeTo(1 / 3, 12), 0.75]);
  });

  it('summary differences: demographic parity 0.75 → 0', () => {
    expect(m.before.summary!.demographicParityDifference).toBe(0.75);
    expect(m.after.summary!.demographicParityDifference).toBe(0);
    expect(m.after.summary!.equalOpportunityDifference).toBe(0.5);
  });

  it('whole test split: accuracy 4/8 → 5/8, balanced accuracy 0.533 → 0.633, ROC AUC unchanged', () => {
    expect(m.overallBefore.accuracy).toBe(0.5);
    expect(m.overallAfter.accuracy).toBe(0.625);
    expect(m.accuracyCost).toBe(-0.125);
    expect(m.overallBefore.balancedAccuracy).toBeCloseTo((2 / 3 + 2 / 5) / 2, 12);
    expect(m.overallAfter.balancedAccuracy).toBeCloseTo((2 / 3 + 3 / 5) / 2, 12);
    expect(m.overallAfter.rocAuc).toBe(m.overallBefore.rocAuc);
    expect([m.overallBefore.selectionRate, m.overallAfter.selectionRate]).toEqual([5 / 8, 0.5]);
    expect(m).toMatchObject({ method: 'group_thresholds', status: 'proposed', runId: null, target: 0.5 });
  });

  it('mitigationEffect: helped when the targeted difference falls on the test rows; said plainly when not', () => {
    // Demographic parity 0.75 → 0, equal opportunity 1 → 0.5, equalized odds 1 → 0.5: helped.
    expect(mitigationEffect(m)).toMatchObject({
      outcome: 'helped',
      targeted: 'demographicParityDifference',
      before: 0.75,
      after: 0,
      worse: [],
      validationN: 8,
    });
    const after = (summary: Partial<NonNullable<typeof m.after.summary>>) => ({
      ...m,
      after: { ...m.after, summary: { ...m.after.summary!, ...summary } },
    });
    // The QA case: 0.105 → 0.116 on the test rows did not help, whatever else happened.
    const worse = {
      ...after({ demographicParityDifference: 0.116 }),
      before: { ...m.before, summary: { ...m.before.summary!, demographicParityDifference: 0.105 } },
    };
    expect(mitigationEffect(worse)).toMatchObject({ outcome: 'not_helped', before: 0.105, after: 0.116 });
    // Unchanged (within half the printed digit) is not help either.
    expect(mitigationEffect(after({ demographicParityDifference: 0.7504 })).outcome).toBe('not_helped');
    // The target fell but equalized odds rose: a trade-off, naming what rose.
    expect(mitigationEffect(after({ equalizedOddsDifference: 1.2 }))).toMatchObject({
      outcome: 'tradeoff',
      worse: [{ metric: 'equalizedOddsDifference', before: 1, after: 1.2 }],
    });
    // Equal opportunity constraint: judged on the equal opportunity difference (1 → 0.5).
    expect(mitigationEffect({ ...m, constraint: 'equal_opportunity' })).toMatchObject({
      outcome: 'helped',
      targeted: 'equalOpportunityDifference',
      before: 1,
      after: 0.5,
    });
  });

  it('mitigatedDecisions repeats the decisions once the thresholds are applied', () => {
    expect(Array.from(mitigatedDecisions(m, G, FRAME, STORED, 0.5))).toEqual([1, 1, 0, 0, 1, 0, 1, 0]);
  });

  it('refuses without validation predictions, for one group, and for a multiclass model', () => {
    const { validationRows: _v, ...old } = STORED;
    const noVal = thrown(() =>
      thresholdMitigation({
        template: TEMPLATE,
        use: G,
        constraint: 'demographic_parity',
        frame: FRAME,
        stored: old,
        threshold: 0.5,
        classes: ['no', 'yes'],
      }),
    );
    expect(noVal.code).toBe('MITIGATION_REFUSED');
    expect(translate('en', noVal.key, noVal.params)).toMatch(/validation split.*Train the model again/);

    const one: Frame = { rowCount: 16, columns: [{ name: 'g', type: 'categorical', values: Array(16).fill('M') }] };
    const single = thrown(() =>
      thresholdMitigation({
        template: TEMPLATE,
        use: G,
        constraint: 'demographic_parity',
        frame: one,
        stored: STORED,
        threshold: 0.5,
        classes: ['no', 'yes'],
      }),
    );
    expect(single.key).toBe('fairness.mitigation.oneGroup');
    expect(translate('en', single.key, single.params)).toContain('only one group (M, 8 rows)');

    const mc = assessMulticlassFairness({
      attribute: 'g',
      groups: ['a', 'b'],
      classes: ['x', 'y', 'z'],
      yTrue: [0, 1],
      yPred: [0, 2],
      favourableClass: null,
      usedAsFeature: false,
      bins: null,
      tolerance: { difference: 0.1, ratio: 0.8, minGroupSize: 1 },
    });
    const multi = thrown(() => assertMitigable(mc));
    expect(multi.key).toBe('fairness.mitigation.binaryOnly');
    expect(translate('zh', multi.key, multi.params)).toContain('二分类');
  });
});

describe('intersections', () => {
  it('groups are the combinations, in the cross product of both orders', () => {
    const g = attributeGroups([G, { column: 'h', usedAsFeature: true, bins: null }], FRAME, [0, 1, 4, 5]);
    expect(g.attribute).toBe('g × h');
    expect(g.columns).toEqual(['g', 'h']);
    expect(g.groups).toEqual(['a × y', 'a × x', 'b × y', 'b × x']);
    expect(g.order).toEqual(['a × x', 'a × y', 'b × x', 'b × y']);
    expect(g.usedAsFeature).toBe(true);
  });

  it('an intersection is assessed like one more attribute; small combinations are flagged', () => {
    const reports = fairnessOnTest({
      template: { ...TEMPLATE, fairness: { ...TEMPLATE.fairness, minGroupSize: 3 } },
      task: 'binary',
      sensitive: [G],
      intersections: [[G, { column: 'h', usedAsFeature: false, bins: null }]],
      testFrame: FRAME,
      testRows: STORED.testRows,
      yTest: STORED.yTest,
      scores: STORED.predictions,
      threshold: 0.5,
      classes: ['no', 'yes'],
    });
    expect(reports.map((r) => r.attribute)).toEqual(['g', 'g × h']);
    const x = reports[1]!;
    expect(x.columns).toEqual(['g', 'h']);
    expect(x.groups.map((g) => [g.group, g.n, g.small])).toEqual([
      ['a × x', 2, true],
      ['a × y', 2, true],
      ['b × x', 2, true],
      ['b × y', 2, true],
    ]);
    expect(x.verdict).toBe('not_comparable');
    expect(reports[0]!.columns).toBeUndefined();
  });
});

describe('reweighing weights of the training rows (REFERENCE §3.3)', () => {
  it('fitted on the training rows only: the §3.3 cells, whatever the other rows hold', () => {
    // Rows 0–9 are §3.3's (p: 4 favourable, 2 not; u: 1 favourable, 3 not); rows 10–13 are not
    // training rows and would change every weight if they were counted.
    const frame: Frame = {
      rowCount: 14,
      columns: [
        { name: 'g', type: 'categorical', values: [...'pppppp'.split(''), ...'uuuu'.split(''), 'u', 'u', 'u', 'u'] },
      ],
    };
    const train = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const y = [1, 1, 1, 1, 0, 0, 1, 0, 0, 0];
    const w = reweighingTrainWeights({ column: 'g', usedAsFeature: false, bins: null }, frame, train, y);
    expect(Array.from(w)).toEqual([
      ...[0.75, 0.75, 0.75, 0.75, 1.5, 1.5, 2].map((v) => expect.closeTo(v, 6)),
      ...[2 / 3, 2 / 3, 2 / 3].map((v) => expect.closeTo(v, 6)),
    ]);
  });
});

describe('per-example training weights', () => {
  it('all ones train the same model as none; other weights change it', async () => {
    const settings = { target: 'diabetes', maxEpochs: 2, seed: 7, hiddenLayers: [8] };
    const frame = await (await import('../helpers/loadCsv')).loadCsv(dataset('pima_diabetes.csv'));
    const none = await trainAndEvaluate(frame, settings, { bootstrapIterations: 0 });
    const ones = await trainAndEvaluate(frame, settings, {
      bootstrapIterations: 0,
      rowWeights: (rows) => new Float32Array(rows.length).fill(1),
    });
    const skewed = await trainAndEvaluate(frame, settings, {
      bootstrapIterations: 0,
      rowWeights: (rows, y) => Float32Array.from({ length: rows.length }, (_, i) => (y[i] === 1 ? 3 : 0.5)),
    });
    expect(Array.from(ones.testPredictions)).toEqual(Array.from(none.testPredictions));
    expect(Array.from(skewed.testPredictions)).not.toEqual(Array.from(none.testPredictions));
    expect(none.validationRows.length).toBe(none.validation.rows);
    expect(none.validationPredictions!.length).toBe(none.validation.rows);
  });
});

describe('project session: both methods on German credit by personal_status', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mw-mitigation-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const request = { columns: ['personal_status'], constraint: 'demographic_parity' as const };

  it('thresholds and reweighing compare on the same test rows; choosing one changes the model and the report', async () => {
    const s = await ProjectSession.create(dir, 'credit');
    try {
      await s.import(dataset('german_credit.csv'));
      await s.update({
        templateId: 'finance',
        target: 'class',
        sensitive: ['personal_status', 'age'],
        settings: { maxEpochs: 30 },
      });
      await s.recordTraining(await runTraining(await s.prepareTraining('run-original')));
      const original = s.view.project.model!;

      // Intersections: personal_status × age is one more attribute, saved with the project.
      const reports = await s.fairness(['personal_status'], [['personal_status', 'age']]);
      const cross = reports.find((r) => r.columns)!;
      expect(cross.attribute).toBe('personal_status × age');
      expect(cross.groups.some((g) => g.group === 'male single × 25–44')).toBe(true);
      expect(cross.groups.some((g) => g.small)).toBe(true);
      expect(s.view.project.intersections).toEqual([['personal_status', 'age']]);

      // Age has one group of 30+ test rows: refused with the assessment's reason.
      const age = await s.mitigate({ ...request, method: 'group_thresholds', columns: ['age'] }).catch((e) => e);
      expect(age).toMatchObject({ code: 'MITIGATION_REFUSED', key: 'fairness.mitigation.notComparable' });

      const th = (await s.mitigate({ ...request, method: 'group_thresholds' })).project.mitigation!;
      expect(th.candidate).toBeNull();
      const m1 = th.result;
      const validationN = m1.thresholds!.reduce((a, t) => a + t.validationN, 0);
      expect(validationN).toBe(150);
      expect(m1.overallAfter.rocAuc).toBe(m1.overallBefore.rocAuc);
      expect(s.view.project.model!.runId).toBe(original.runId);

      const input = await s.prepareMitigation('run-reweighed', { ...request, method: 'reweighing' });
      expect(input.reweighing!.map((r) => r.column)).toEqual(['personal_status']);
      const rw = (await s.recordMitigation({ ...request, method: 'reweighing' }, await runTraining(input))).project
        .mitigation!;
      const m2 = rw.result;
      const dpd = (r: typeof m2.before) => r.summary!.demographicParityDifference!;
      console.log(
        `German credit by personal_status (finance, approval rates): thresholds DPD ${dpd(m1.before).toFixed(3)} → ${dpd(m1.after).toFixed(3)}, accuracy ${m1.overallBefore.accuracy} → ${m1.overallAfter.accuracy}; reweighing DPD ${dpd(m2.before).toFixed(3)} → ${dpd(m2.after).toFixed(3)}, accuracy ${m2.overallBefore.accuracy} → ${m2.overallAfter.accuracy}, ROC AUC ${m2.overallBefore.rocAuc?.toFixed(3)} → ${m2.overallAfter.rocAuc?.toFixed(3)}`,
      );
      // Reweighing reduces the demographic parity difference of approval rates.
      expect(dpd(m2.after)).toBeLessThan(dpd(m2.before));
      expect(m2.before).toEqual(m1.before);
      expect(rw.candidate!.runId).toBe('run-reweighed');
      expect(s.view.project.model!.runId).toBe(original.runId);

      // The user uses the retrained model: it is the model in use, saying how it was mitigated.
      const used = (await s.decideMitigation(true)).project;
      expect(used.model!.runId).toBe('run-reweighed');
      expect(used.model!.mitigation).toMatchObject({ method: 'reweighing', status: 'applied' });
      expect(used.mitigation!.result.status).toBe('applied');
      const fair = used.fairness.find((r) => r.attribute === 'personal_status')!;
      expect(fair.summary!.demographicParityDifference).toBeCloseTo(dpd(m2.after), 12);
      expect(used.fairness.map((r) => r.attribute)).toContain('personal_status × age');

      const report = ReportModelSchema.parse(await s.reportModel('en'));
      expect(report.mitigation).toMatchObject({ method: 'reweighing', status: 'applied' });
      const summary = report.summary.map((m) => translate('en', m.key, m.params)).join('\n');
      expect(summary).toContain('Mitigation by reweighing on personal_status is applied');

      // A mitigated model is not mitigated again.
      const again = await s.mitigate({ ...request, method: 'group_thresholds' }).catch((e) => e);
      expect(again).toMatchObject({ code: 'MITIGATION_REFUSED', key: 'fairness.mitigation.alreadyApplied' });
    } finally {
      await s.close();
    }
  }, 120_000);

  it('per-group thresholds in use decide the fairness assessment; keeping the original changes nothing', async () => {
    const s = await ProjectSession.create(dir, 'credit-thresholds');
    try {
      await s.import(dataset('german_credit.csv'));
      await s.update({
        templateId: 'finance',
        target: 'class',
        sensitive: ['personal_status'],
        settings: { maxEpochs: 5 },
      });
      await s.recordTraining(await runTraining(await s.prepareTraining('run-1')));
      await s.mitigate({ ...request, method: 'group_thresholds' });
      const kept = (await s.decideMitigation(false)).project;
      expect(kept.mitigation!.result.status).toBe('declined');
      expect(kept.model!.mitigation).toBeUndefined();
      await expect(s.decideMitigation(true)).rejects.toBeInstanceOf(UserError);

      const m = (await s.mitigate({ ...request, method: 'group_thresholds', constraint: 'equal_opportunity' })).project
        .mitigation!.result;
      const used = (await s.decideMitigation(true)).project;
      expect(used.model!.runId).toBe('run-1');
      expect(used.model!.mitigation!.constraint).toBe('equal_opportunity');
      const fair = used.fairness.find((r) => r.attribute === 'personal_status')!;
      expect(fair.groups.map((g) => g.selectionRate)).toEqual(m.after.groups.map((g) => g.selectionRate));

      // The decisions now use marital status (QA): ECOA's prohibited-basis item is not met, on
      // screen and in the report, and the model card says the attribute is needed at scoring time.
      const ecoa = (await s.privacyAssessment()).checklist
        .flatMap((r) => r.items)
        .find((i) => i.id === 'ecoa.prohibited_basis')!;
      expect(ecoa).toMatchObject({
        status: 'not_met',
        detail: { key: 'privacy.check.protected_not_features.decisions', params: { columns: 'personal_status' } },
      });
      const report = ReportModelSchema.parse(await s.reportModel('en'));
      expect(
        report.privacyAssessment!.checklist.flatMap((r) => r.items).find((i) => i.id === 'ecoa.prohibited_basis')!
          .status,
      ).toBe('not_met');
      const en = (ms: { key: string; params: Record<string, unknown> }[]) =>
        ms.map((x) => translate('en', x.key, x.params as never));
      expect(en(report.modelCard.limitations).join('\n')).toContain(
        'The model’s decisions use the sensitive attribute personal_status at scoring time',
      );
      // The summary says per-group thresholds are in use, with them, right after the single threshold…
      const summary = en(report.summary);
      const keys = report.summary.map((x) => x.key);
      const at = keys.indexOf('summary.threshold.perGroup');
      expect(at).toBeGreaterThan(keys.indexOf('summary.threshold'));
      expect(keys.indexOf('summary.threshold')).toBeGreaterThan(-1);
      expect(summary[at]).toContain('The model’s decisions use per-group thresholds on personal_status');
      for (const t of m.thresholds!) expect(summary[at]).toContain(`${t.group} ${t.threshold.toFixed(3)}`);
      // … and whether the mitigation helped on the test rows.
      expect(summary.join('\n')).toMatch(
        /It (helped|did not help) on the test rows: Equal opportunity difference|On the test rows it reduced one difference \(Equal opportunity difference/,
      );
    } finally {
      await s.close();
    }
  }, 120_000);
});

/**
 * Fairness cases from ../shared/cases (C19, C20), driven by their expected JSON. The CSVs are read
 * with the test helper `loadCsv` (DuckDB, all text, then numbers), not the product's importer.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getColumn, type Frame } from '../../src/engine/data/frame';
import { assessFairness, groupThresholds, reweighingWeights } from '../../src/engine/fairness';
import { assertMitigableOn, thresholdMitigation } from '../../src/engine/jobs/mitigate';
import { getTemplate } from '../../src/engine/templates';
import { UserError } from '../../src/shared/errors';
import { translate } from '../../src/shared/i18n';
import { loadCsv } from '../helpers/loadCsv';
import { casesDir } from '../helpers/paths';

interface Expected {
  file: string;
  fairness: Record<string, any>;
  must_not: string[];
}

const expected = (id: string): Expected =>
  JSON.parse(readFileSync(path.join(casesDir, 'expected', `${id}.json`), 'utf8'));
const text = (f: Frame, c: string) => getColumn(f, c).values.map((v) => (v === null ? null : String(v)));
const nums = (f: Frame, c: string) => getColumn(f, c).values.map(Number);
const TOL = 1e-4;

describe('C19 — one group whose true labels are all positive', async () => {
  const e = expected('C19');
  const x = e.fairness;
  const f = await loadCsv(path.join(casesDir, e.file));
  // Groups here have 5 rows; a minimum group size of 1 lets every group be compared, which is what
  // the case is about (the default 30 would flag them all as small).
  const r = assessFairness({
    attribute: x.sensitive,
    groups: text(f, x.sensitive),
    yTrue: nums(f, x.label),
    yPred: nums(f, x.prediction),
    scores: nums(f, x.score),
    favourableOutcome: 'predicted_positive',
    favourableLabel: '1',
    usedAsFeature: false,
    bins: null,
    tolerance: { difference: 0.1, ratio: 0.8, minGroupSize: 1 },
  });

  it('per-group values, null with a reason where undefined', () => {
    for (const [g, want] of Object.entries(x.groups as Record<string, Record<string, any>>)) {
      const got = r.groups.find((m) => m.group === g)!;
      expect(got.n).toBe(want.n);
      expect(got.selectionRate!).toBeCloseTo(want.selection_rate, 4);
      expect(got.tpr!).toBeCloseTo(want.tpr, 4);
      for (const [mine, theirs] of [
        ['fpr', 'fpr'],
        ['rocAuc', 'auc'],
      ] as const) {
        if (want[theirs] === null) {
          expect(got[mine], `${g}.${mine}`).toBeNull();
          const reason = { 'no negatives': 'no_negatives', 'single class in true labels': 'single_class' }[
            want[`${theirs}_reason`] as string
          ];
          expect(got.undefinedReasons[mine]).toBe(reason);
        } else {
          expect(Math.abs(got[mine]! - want[theirs])).toBeLessThan(TOL);
        }
      }
    }
  });

  it('overall ROC AUC and accuracy', () => {
    expect(Math.abs(r.overall!.rocAuc! - x.overall.auc)).toBeLessThan(TOL);
    expect(Math.abs(r.overall!.accuracy! - x.overall.accuracy)).toBeLessThan(TOL);
  });

  it('summary uses defined values only and says C was excluded', () => {
    const s = r.summary!;
    expect(s.excludedGroups).toEqual([{ group: 'C', metric: 'fpr', reason: 'fairness.excluded.fpr.no_negatives' }]);
    // ΔFPR over A and B only (0.5 − 1/3); ΔTPR over all three (2/3 − 1/2).
    expect(s.equalizedOddsDifference!).toBeCloseTo(1 / 6, 10);
    expect(s.equalOpportunityDifference!).toBeCloseTo(1 / 6, 10);
    expect(s.demographicParityDifference!).toBeCloseTo(0.2, 10);
  });

  it('must not: show C’s FPR as 0 or its AUC as 0/0.5', () => {
    const c = r.groups.find((m) => m.group === 'C')!;
    expect(c.fpr).not.toBe(0);
    expect([0, 0.5]).not.toContain(c.rocAuc);
  });
});

describe('C20 — sensitive column with a single group', async () => {
  const e = expected('C20');
  const x = e.fairness;
  const f = await loadCsv(path.join(casesDir, e.file));
  const groups = text(f, x.sensitive);
  const yTrue = nums(f, 'promoted');
  // The file has no predictions; any will do, since nothing can be compared. Use the labels.
  const r = assessFairness({
    attribute: x.sensitive,
    groups,
    yTrue,
    yPred: yTrue,
    favourableOutcome: 'predicted_positive',
    favourableLabel: '1',
    usedAsFeature: true,
    bins: null,
    tolerance: { difference: 0.1, ratio: 0.8, minGroupSize: 1 },
  });

  it('one group, no comparison, no ratio, difference or verdict', () => {
    expect(r.groups.map((g) => [g.group, g.n])).toEqual(
      Object.entries(x.groups).map(([g, v]) => [g, (v as { n: number }).n]),
    );
    expect(r.comparisonPossible).toBe(x.comparison_possible);
    expect(r.summary).toBeNull(); // ratios_shown: false, differences_shown: false
    expect(x.verdict).toBeNull();
    expect(r.verdict).toBe('not_comparable');
  });

  it('the message names the attribute and says it has one group', () => {
    const msg = translate('en', r.notComparableReason!, { attribute: x.sensitive });
    for (const m of x.message_mentions as string[]) expect(msg).toContain(m);
  });

  it('mitigation is refused with that reason', () => {
    expect(x.mitigation).toBe('refused');
    // What the wizard's "Try mitigation" runs: per-group thresholds, and the check before a
    // reweighing retrain. The whole file is the test split here; the scores are the labels.
    const rows = groups.map((_, i) => i);
    const job = {
      template: {
        ...getTemplate('general'),
        fairness: { differenceTolerance: 0.1, ratioTolerance: 0.8, minGroupSize: 1 },
      },
      use: { column: x.sensitive as string, usedAsFeature: true, bins: null },
      frame: f,
      stored: {
        testRows: rows,
        yTest: yTrue,
        predictions: yTrue,
        validationRows: rows,
        yValidation: yTrue,
        validationPredictions: yTrue,
      },
      threshold: 0.5,
      classes: ['0', '1'],
    };
    const refusals = [
      () => thresholdMitigation({ ...job, constraint: 'demographic_parity' }),
      () => assertMitigableOn(job),
      () => reweighingWeights(groups, yTrue, { attribute: x.sensitive }),
      () =>
        groupThresholds({
          attribute: x.sensitive,
          groups,
          scores: yTrue,
          constraint: 'selection_rate',
          baseThreshold: 0.5,
          favourableOutcome: 'predicted_positive',
        }),
    ];
    for (const refuse of refusals) {
      let err: unknown;
      try {
        refuse();
      } catch (caught) {
        err = caught;
      }
      expect(err).toBeInstanceOf(UserError);
      expect((err as UserError).code).toBe('MITIGATION_REFUSED');
      const msg = translate('en', (err as UserError).key, (err as UserError).params);
      expect(msg).toContain('gender');
      expect(msg).toContain('one group');
      expect(msg).toContain('16');
    }
  });
});

// QA: with the finance template, German credit's `foreign_worker` was shown in Template & target as
// "not used as a feature" while the model used it (it was not among the attributes chosen for the
// fairness check). The wizard's suggestions, the training input and the report must agree.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runJob } from '../../src/engine/jobs/run';
import { ProjectSession } from '../../src/engine/project/session';
import { dataset } from '../helpers/paths';

const dir = mkdtempSync(path.join(tmpdir(), 'mw-sensitive-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The 21 columns of german_credit.csv's header line, read by hand.
const COLUMNS = [
  'checking_status',
  'duration',
  'credit_history',
  'purpose',
  'credit_amount',
  'savings_status',
  'employment',
  'installment_commitment',
  'personal_status',
  'other_parties',
  'residence_since',
  'property_magnitude',
  'age',
  'other_payment_plans',
  'housing',
  'existing_credits',
  'job',
  'num_dependents',
  'own_telephone',
  'foreign_worker',
  'class',
];
// The finance template's protected attributes present here (sex + marital status, age, national origin).
const PROTECTED = ['personal_status', 'age', 'foreign_worker'];
const EXPECTED_FEATURES = COLUMNS.filter((c) => c !== 'class' && !PROTECTED.includes(c));

describe('finance template: protected attributes stay out of the features', () => {
  it('the wizard says "not used as a feature" and the training input agrees, chosen for fairness or not', async () => {
    const s = await ProjectSession.create(dir, 'German');
    try {
      await s.import(dataset('german_credit.csv'));
      // As "Try this sample" sets it up: fairness by personal_status and age, not foreign_worker.
      await s.update({ templateId: 'finance', target: 'class', sensitive: ['personal_status', 'age'] });
      const shown = (await s.suggest()).sensitive;
      expect(shown.map((x) => [x.column, x.useAsFeature])).toEqual(PROTECTED.map((c) => [c, false]));

      const input = await s.prepareTraining('a', { maxEpochs: 1 });
      expect(EXPECTED_FEATURES).toHaveLength(17);
      expect(input.features).toEqual(EXPECTED_FEATURES);
      for (const c of PROTECTED)
        expect(input.excluded).toContainEqual({ column: c, reason: 'features.sensitiveNotFeature' });
      expect(input.sensitive.map((a) => [a.column, a.usedAsFeature])).toEqual([
        ['personal_status', false],
        ['age', false],
      ]);

      // The user's tick brings one back, and only that one.
      await s.update({ settings: { includeColumns: ['foreign_worker'] } });
      const ticked = await s.prepareTraining('b', { maxEpochs: 1 });
      expect(ticked.features).toEqual(EXPECTED_FEATURES.concat('foreign_worker').sort(byColumnOrder));
      expect(ticked.excluded.map((e) => e.column)).toEqual(['personal_status', 'age']);
    } finally {
      await s.close();
    }
  });

  it('the report lists the same 17 features and says why each protected attribute is left out', async () => {
    const { report } = await runJob({
      type: 'run',
      file: dataset('german_credit.csv'),
      target: 'class',
      template: 'finance',
      sensitive: ['personal_status', 'age'],
      settings: { maxEpochs: 1 },
      outputs: {},
    });
    expect(report.data.features).toEqual(EXPECTED_FEATURES);
    expect(report.data.excluded).toEqual(
      PROTECTED.map((column) => ({ column, reason: 'features.sensitiveNotFeature' })),
    );
    expect(report.fairness.map((f) => [f.attribute, f.usedAsFeature])).toEqual([
      ['personal_status', false],
      ['age', false],
    ]);
  });
});

function byColumnOrder(a: string, b: string): number {
  return COLUMNS.indexOf(a) - COLUMNS.indexOf(b);
}

/**
 * SMOTE on real data must not break training: German credit (`class` → bad, 30 % of rows) trained
 * on the shared `german_credit.train.csv` with SMOTE-NC up to balanced classes, scored on the
 * held-out `german_credit.test.csv`. The bar sits below the plain run's 0.78 gate
 * (train.quality.test.ts): rebalancing changes calibration more than ranking, and need not help.
 */
import { describe, expect, it } from 'vitest';
import { trainAndEvaluate } from '../../src/engine/train/pipeline';
import { loadCsv } from '../helpers/loadCsv';
import { dataset } from '../helpers/paths';

describe('augmentation on real data', () => {
  it('German credit with SMOTE: test ROC AUC ≥ 0.75, training rows balanced, test rows untouched', async () => {
    const train = await loadCsv(dataset('german_credit.train.csv'));
    const test = await loadCsv(dataset('german_credit.test.csv'));
    const r = await trainAndEvaluate(
      train,
      { target: 'class', augmentation: [{ op: 'smote' }] },
      { testFrame: test, positiveCandidates: ['bad'], bootstrapIterations: 0 },
    );
    const m = r.evaluation.metrics;
    if (m.task !== 'binary') throw new Error('expected a binary task');
    expect(m.n).toBe(200);
    expect(m.rocAuc!).toBeGreaterThanOrEqual(0.75);
    const good = r.split.train.filter(
      (i) => train.columns.find((c) => c.name === 'class')!.values[i] === 'good',
    ).length;
    expect(r.record.trainRows).toBe(2 * good);
    expect(r.record.augmentationLog).toEqual([
      `smote: +${2 * good - r.split.train.length} synthetic rows of class "bad" (k = 5)`,
    ]);
    expect(r.record.validationRows).toBe(120);
  });
});

/**
 * Quality gate on real data with the default settings (one hidden layer of 128 ReLU units, dropout
 * 0.5, Adam): train on the shared `*.train.csv`, score the held-out `*.test.csv`. Thresholds sit
 * below DATASETS.md's reference results (logistic regression 0.804 / 0.958, PyTorch MLP 0.814 /
 * 0.973). Adult is measured by hand (see the training notes), not here: too slow for CI on two cores.
 */
import { describe, expect, it } from 'vitest';
import type { Frame } from '../../src/engine/data/frame';
import { permutationImportance } from '../../src/engine/train/importance';
import { trainAndEvaluate } from '../../src/engine/train/pipeline';
import { loadCsv } from '../helpers/loadCsv';
import { dataset } from '../helpers/paths';

/** Cleveland's `num` (0–4) as the binary "disease" target, num > 0. */
function binarise(frame: Frame, column: string): Frame {
  return {
    ...frame,
    columns: frame.columns.map((c) =>
      c.name === column
        ? {
            ...c,
            type: 'categorical',
            values: c.values.map((v) => (v === null ? null : Number(v) > 0 ? 'disease' : 'healthy')),
          }
        : c,
    ),
  };
}

describe('quality on the shared test splits', () => {
  it('German credit: class → bad, test ROC AUC ≥ 0.78', async () => {
    const train = await loadCsv(dataset('german_credit.train.csv'));
    const test = await loadCsv(dataset('german_credit.test.csv'));
    const r = await trainAndEvaluate(
      train,
      { target: 'class' },
      { testFrame: test, positiveCandidates: ['bad', 'default'] },
    );
    const m = r.evaluation.metrics;
    expect(m.task).toBe('binary');
    if (m.task !== 'binary') return;
    expect(m.positiveClass).toBe('bad');
    expect(m.n).toBe(200);
    expect(m.rocAuc!).toBeGreaterThanOrEqual(0.78);
    expect(m.intervals.rocAuc!.low).toBeLessThan(m.rocAuc!);
    expect(m.intervals.rocAuc!.high).toBeGreaterThan(m.rocAuc!);
    expect(r.record).toMatchObject({ trainRows: 680, validationRows: 120, testRows: 200, backend: 'wasm' });
    expect(r.record.bestEpoch).toBeGreaterThan(0);
    const [prior, logistic] = r.evaluation.baselines;
    expect(prior!.name).toBe('majority_class');
    expect(logistic!.name).toBe('logistic_regression');
    if (prior!.metrics.task === 'binary' && logistic!.metrics.task === 'binary') {
      expect(prior!.metrics.rocAuc).toBe(0.5);
      // DATASETS.md: scikit-learn LogisticRegression reaches 0.804 on this split.
      expect(logistic!.metrics.rocAuc!).toBeGreaterThan(0.78);
    }
    const importance = permutationImportance(r.model, test, r.testRows, { repeats: 2, seed: 1 });
    expect(importance).toHaveLength(20);
    expect(importance.slice(0, 3).map((f) => f.column)).toContain('checking_status');
  });

  it('Cleveland heart disease: num > 0, test ROC AUC ≥ 0.88', async () => {
    const train = binarise(await loadCsv(dataset('heart_cleveland.train.csv'), { header: false }), 'column14');
    const test = binarise(await loadCsv(dataset('heart_cleveland.test.csv'), { header: false }), 'column14');
    const r = await trainAndEvaluate(
      train,
      { target: 'column14' },
      { testFrame: test, positiveCandidates: ['disease'] },
    );
    const m = r.evaluation.metrics;
    if (m.task !== 'binary') throw new Error('expected a binary task');
    expect(m.positiveClass).toBe('disease');
    expect(m.n).toBe(61);
    expect(m.rocAuc!).toBeGreaterThanOrEqual(0.88);
  });
});

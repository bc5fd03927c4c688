/**
 * Metrics against scikit-learn 1.2 / scipy oracles (tests/fixtures/metrics/sklearn.json, made by
 * make_fixtures.py in the same folder) and hand-computed values.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classPriors, fitLinear, fitLogistic, predictLinear } from '../../src/engine/metrics/baselines';
import {
  averagePrecision,
  binaryMetrics,
  confusionAt,
  downsampleCurve,
  ksStatistic,
  MAX_CURVE_POINTS,
  prCurve,
  rocAuc,
  rocCurve,
} from '../../src/engine/metrics/binary';
import { bootstrapIntervals, percentile } from '../../src/engine/metrics/bootstrap';
import { evaluate } from '../../src/engine/metrics/evaluate';
import { multiclassMetrics } from '../../src/engine/metrics/multiclass';
import { MAX_RESIDUAL_POINTS, regressionMetrics } from '../../src/engine/metrics/regression';
import { createRng } from '../../src/engine/rng';
import type { Preprocessing } from '../../src/shared/model/train';
import { repoRoot } from '../helpers/paths';

const fixtures = JSON.parse(readFileSync(path.join(repoRoot, 'tests/fixtures/metrics/sklearn.json'), 'utf8'));

/** Every number in a value, recursively. */
function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap(numbersIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(numbersIn);
  return [];
}

function closeArrays(actual: ArrayLike<number>, expected: ArrayLike<number>, digits = 10) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i]!, digits);
}

describe('binary metrics = scikit-learn', () => {
  for (const c of fixtures.binary) {
    it(c.name, () => {
      const m = binaryMetrics(c.y, c.scores, c.threshold, { positive: 'pos', negative: 'neg' });
      for (const key of [
        'accuracy',
        'balancedAccuracy',
        'recall',
        'specificity',
        'f1',
        'rocAuc',
        'prAuc',
        'brier',
        'logLoss',
        'ks',
      ]) {
        expect(m[key as keyof typeof m], key).toBeCloseTo(c[key], 10);
      }
      for (const key of ['precision', 'npv'] as const) {
        if (c[key] === null) expect(m[key], key).toBeNull();
        else expect(m[key], key).toBeCloseTo(c[key], 10);
      }
      expect(m.confusion).toEqual(c.confusion);
      expect(numbersIn(m).every(Number.isFinite)).toBe(true);

      const roc = rocCurve(c.y, c.scores, { dropIntermediate: true });
      closeArrays(
        roc.map((p) => p.x),
        c.rocCurve.fpr,
      );
      closeArrays(
        roc.map((p) => p.y),
        c.rocCurve.tpr,
      );
      closeArrays(
        roc.slice(1).map((p) => p.threshold!),
        c.rocCurve.thresholds,
      );
      closeArrays(
        m.calibrationCurve!.map((p) => p.x),
        c.calibration.meanPredicted,
      );
      closeArrays(
        m.calibrationCurve!.map((p) => p.y),
        c.calibration.fractionPositive,
      );
      const pr = prCurve(c.y, c.scores);
      closeArrays(
        pr.map((p) => p.y),
        [...c.prCurve.precision].reverse(),
      );
      closeArrays(
        pr.map((p) => p.x),
        [...c.prCurve.recall].reverse(),
      );
      closeArrays(
        pr.slice(1).map((p) => p.threshold!),
        [...c.prCurve.thresholds].reverse(),
      );
    });
  }

  it('hand-computed: ROC AUC counts ties as one half (Mann–Whitney)', () => {
    // Pairs (pos, neg): (0.8, 0.8) tie → ½, (0.8, 0.2) → 1, (0.5, 0.8) → 0, (0.5, 0.2) → 1 → 2.5 / 4.
    expect(rocAuc([1, 0, 1, 0], [0.8, 0.8, 0.5, 0.2])).toBeCloseTo(0.625, 12);
  });

  it('is null, not NaN, where a metric is undefined', () => {
    const oneClass = [1, 1, 1];
    const s = [0.2, 0.6, 0.9];
    expect(rocAuc(oneClass, s)).toBeNull();
    expect(ksStatistic(oneClass, s)).toBeNull();
    expect(rocCurve(oneClass, s)).toEqual([]);
    expect(averagePrecision([0, 0], [0.1, 0.9])).toBeNull();
    const m = binaryMetrics([0, 0, 0], [0.1, 0.2, 0.3], 0.5, { positive: 'yes', negative: 'no' });
    expect(m.precision).toBeNull();
    expect(m.recall).toBeNull();
    expect(m.f1).toBeNull();
    expect(m.rocAuc).toBeNull();
    expect(m.accuracy).toBe(1);
    expect(m.balancedAccuracy).toBe(1);
    expect(numbersIn(m).some(Number.isNaN)).toBe(false);
  });

  it('predicts positive at score ≥ threshold', () => {
    expect(confusionAt([1, 0, 1], [0.5, 0.5, 0.49], 0.5)).toEqual({ tp: 1, fp: 1, tn: 0, fn: 1 });
  });

  it('keeps at most 200 curve points for the report, first and last included', () => {
    const rng = createRng(3);
    const y = Array.from({ length: 5000 }, () => (rng.next() < 0.4 ? 1 : 0));
    const s = y.map((v) => (v ? 0.3 : 0) + rng.next());
    const m = binaryMetrics(y, s, 0.5, { positive: 'p', negative: 'n' });
    expect(m.rocCurve.length).toBeLessThanOrEqual(MAX_CURVE_POINTS);
    expect(m.prCurve.length).toBeLessThanOrEqual(MAX_CURVE_POINTS);
    expect(m.rocCurve[0]).toEqual({ x: 0, y: 0 });
    expect(m.rocCurve.at(-1)).toMatchObject({ x: 1, y: 1 });
    const full = rocCurve(y, s);
    expect(downsampleCurve(full, 10)).toHaveLength(10);
    expect(downsampleCurve(full, 10).at(-1)).toEqual(full.at(-1));
  });
});

describe('multiclass metrics = scikit-learn', () => {
  for (const c of fixtures.multiclass) {
    it(c.name, () => {
      const classes = Array.from({ length: c.k }, (_, i) => `c${i}`);
      const m = multiclassMetrics(c.y, c.proba, classes);
      expect(m.accuracy).toBeCloseTo(c.accuracy, 10);
      expect(m.macroF1).toBeCloseTo(c.macroF1, 10);
      expect(m.logLoss).toBeCloseTo(c.logLoss, 10);
      expect(m.confusionMatrix).toEqual(c.confusion);
      m.perClass.forEach((p, i) => {
        // sklearn reports 0 (zero_division=0) where we report null.
        expect(p.precision ?? 0).toBeCloseTo(c.precision[i], 10);
        expect(p.recall ?? 0).toBeCloseTo(c.recall[i], 10);
        expect(p.f1 ?? 0).toBeCloseTo(c.f1[i], 10);
        expect(p.support).toBe(c.y.filter((v: number) => v === i).length);
      });
    });
  }

  it('gives null, not 0, for a class that is neither present nor predicted', () => {
    const c = fixtures.multiclass.find((x: { name: string }) => x.name === 'absent-class');
    const m = multiclassMetrics(c.y, c.proba, ['a', 'b', 'c', 'd']);
    expect(m.perClass[3]).toEqual({ label: 'd', precision: null, recall: null, f1: null, support: 0 });
  });
});

describe('regression metrics = scikit-learn', () => {
  for (const c of fixtures.regression) {
    it(c.name, () => {
      const m = regressionMetrics(c.y, c.pred);
      expect(m.mae).toBeCloseTo(c.mae, 10);
      expect(m.rmse).toBeCloseTo(c.rmse, 10);
      expect(m.r2).toBeCloseTo(c.r2, 10);
    });
  }

  it('keeps at most 500 residual points, residual = actual − predicted', () => {
    const y = Array.from({ length: 1234 }, (_, i) => i);
    const p = y.map((v) => v + 1);
    const m = regressionMetrics(y, p);
    expect(m.residuals).toHaveLength(MAX_RESIDUAL_POINTS);
    expect(m.residuals.every((r) => r.residual === -1)).toBe(true);
  });
});

describe('baselines = scikit-learn defaults', () => {
  const b = fixtures.baselines;
  const data = { x: Float64Array.from(b.x), rows: b.rows, cols: b.cols };

  it('binary logistic regression (C = 1, L-BFGS)', () => {
    const model = fitLogistic(data, b.binary.y, 2);
    closeArrays(model.weights, b.binary.coef, 4);
    expect(model.bias[0]).toBeCloseTo(b.binary.intercept[0], 4);
    // sklearn stops at a gradient of ~3e-4 (its L-BFGS `ftol`); ours goes further, hence 4 digits.
    closeArrays(predictLinear(model, data), b.binary.proba, 4);
  });

  it('multinomial logistic regression', () => {
    const model = fitLogistic(data, b.multinomial.y, 3);
    closeArrays(predictLinear(model, data), b.multinomial.proba, 5);
  });

  it('least-squares linear regression with a collinear one-hot block', () => {
    closeArrays(predictLinear(fitLinear(data, b.linear.y), data), b.linear.pred, 5);
  });

  it('class priors', () => {
    expect(classPriors([0, 1, 1, 2], 3)).toEqual([0.25, 0.5, 0.25]);
  });
});

describe('bootstrap intervals', () => {
  it('percentile = numpy.percentile (linear)', () => {
    const sorted = [...fixtures.percentiles.values].sort((a: number, b: number) => a - b);
    fixtures.percentiles.q.forEach((q: number, i: number) =>
      expect(percentile(sorted, q)).toBeCloseTo(fixtures.percentiles.expected[i], 12),
    );
  });

  it('matches the binomial standard error for accuracy and is seeded', () => {
    // 1000 rows, 800 correct: SE = √(0.8·0.2/1000) = 0.01265, so the 95 % interval is ≈ 0.8 ± 0.0248.
    const y = Array.from({ length: 1000 }, (_, i) => (i % 5 === 0 ? 1 : 0));
    const s = y.map((v, i) => (i < 200 ? 1 - v : v));
    const fns = { accuracy: (yy: ArrayLike<number>, ss: ArrayLike<number>) => confusionMetricsAccuracy(yy, ss) };
    const a = bootstrapIntervals(fns, y, s, { iterations: 400, seed: 7 });
    const b = bootstrapIntervals(fns, y, s, { iterations: 400, seed: 7 });
    expect(a).toEqual(b);
    expect(a.accuracy!.low).toBeGreaterThan(0.8 - 0.0248 * 1.25);
    expect(a.accuracy!.low).toBeLessThan(0.8 - 0.0248 * 0.75);
    expect(a.accuracy!.high).toBeGreaterThan(0.8 + 0.0248 * 0.75);
    expect(a.accuracy!.high).toBeLessThan(0.8 + 0.0248 * 1.25);
  });

  it('skips a metric undefined on most resamples', () => {
    const y = [0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
    const s = y.map((v) => v * 0.9);
    const out = bootstrapIntervals({ rocAuc }, y, s, { iterations: 100, seed: 1 });
    // P(the one positive row is drawn) = 1 − 0.9¹⁰ ≈ 0.65, so the interval exists and is [1, 1].
    expect(out.rocAuc).toEqual({ low: 1, high: 1 });
    expect(bootstrapIntervals({ rocAuc }, [0, 0, 0], [0.1, 0.2, 0.3], { iterations: 50, seed: 1 })).toEqual({});
  });
});

function confusionMetricsAccuracy(y: ArrayLike<number>, s: ArrayLike<number>): number {
  const c = confusionAt(y, s, 0.5);
  return (c.tp + c.tn) / y.length;
}

describe('evaluate', () => {
  it('adds intervals and the two baselines beside the model', async () => {
    const rng = createRng(11);
    const make = (rows: number) => {
      const x = new Float32Array(rows * 2);
      const y = new Float32Array(rows);
      for (let i = 0; i < rows; i++) {
        x[i * 2] = rng.normal();
        x[i * 2 + 1] = rng.normal();
        y[i] = rng.next() < 1 / (1 + Math.exp(-2 * x[i * 2]!)) ? 1 : 0;
      }
      return { x, y, rows, cols: 2 };
    };
    const train = make(400);
    const test = make(200);
    const prep: Preprocessing = {
      features: [],
      inputNames: ['a', 'b'],
      target: 't',
      task: 'binary',
      classes: ['no', 'yes'],
    };
    const predictions = Float32Array.from({ length: 200 }, (_, i) => 1 / (1 + Math.exp(-2 * test.x[i * 2]!)));
    const ev = await evaluate({ prep, test, predictions, train, threshold: 0.5, seed: 1, bootstrapIterations: 50 });
    expect(ev.metrics.task).toBe('binary');
    if (ev.metrics.task !== 'binary') return;
    expect(ev.metrics.positiveClass).toBe('yes');
    expect(ev.metrics.intervals.rocAuc!.low).toBeLessThanOrEqual(ev.metrics.rocAuc!);
    expect(ev.metrics.intervals.rocAuc!.high).toBeGreaterThanOrEqual(ev.metrics.rocAuc!);
    expect(ev.baselines.map((b) => b.name)).toEqual(['majority_class', 'logistic_regression']);
    const [prior, logistic] = ev.baselines.map((b) => b.metrics) as (typeof ev.metrics)[];
    expect(prior!.rocAuc).toBe(0.5);
    // The true model is logistic in x₀, so the fitted logistic baseline ranks the rows almost like it.
    expect(Math.abs(logistic!.rocAuc! - ev.metrics.rocAuc!)).toBeLessThan(0.02);
  });
});

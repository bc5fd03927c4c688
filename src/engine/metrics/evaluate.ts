/**
 * Test-split evaluation (SPEC §6): the model's metrics with bootstrap 95 % intervals, and two
 * baselines beside it — the class prior / training mean, and logistic / linear regression fitted on
 * the same preprocessed training features — so the user sees the lift.
 */
import type { Baseline, Evaluation, Metrics } from '../../shared/model/metrics';
import type { Preprocessing } from '../../shared/model/train';
import type { Matrix } from '../train/preprocess';
import { classPriors, fitLinear, fitLogistic, predictLinear } from './baselines';
import { binaryMetricFns, binaryMetrics } from './binary';
import { bootstrapIntervals } from './bootstrap';
import type { MetricFn } from './bootstrap';
import { multiclassMetricFns, multiclassMetrics } from './multiclass';
import { regressionMetricFns, regressionMetrics } from './regression';

export interface EvaluateInput {
  prep: Preprocessing;
  /** Test matrix from `transform` (targets: class index or standardised value), labelled rows only. */
  test: Matrix;
  /** The model's predictions on `test` (see `predictProba`). */
  predictions: ArrayLike<number>;
  /** Training matrix the baselines are fitted on; no baselines when absent. */
  train?: Matrix;
  /** Binary decision threshold on P(positive). */
  threshold: number;
  /** Seed of the bootstrap resampling. */
  seed: number;
  /** Validation matrix, for the baselines' own thresholds (binary, with `chooseThreshold`). */
  validation?: Matrix;
  /** The threshold policy the model's threshold came from: labels (1 = positive), scores → threshold. */
  chooseThreshold?: (yTrue: ArrayLike<number>, scores: ArrayLike<number>) => number;
  /** Bootstrap resamples; 0 = no intervals. Default 200. */
  bootstrapIterations?: number;
}

/** Test targets in the units the metrics use: class indices, or the target's own units. */
function testTargets(prep: Preprocessing, test: Matrix): Float64Array {
  if (prep.task !== 'regression') return Float64Array.from(test.y);
  const mean = prep.targetMean ?? 0;
  const std = prep.targetStd ?? 1;
  return Float64Array.from(test.y, (v) => v * std + mean);
}

function metricsFor(
  prep: Preprocessing,
  y: ArrayLike<number>,
  predictions: ArrayLike<number>,
  threshold: number,
): Metrics {
  if (prep.task === 'binary') {
    return binaryMetrics(y, predictions, threshold, { negative: prep.classes[0]!, positive: prep.classes[1]! });
  }
  if (prep.task === 'multiclass') return multiclassMetrics(y, predictions, prep.classes);
  return regressionMetrics(y, predictions);
}

function metricFnsFor(prep: Preprocessing, threshold: number): Record<string, MetricFn> {
  if (prep.task === 'binary') return binaryMetricFns(threshold);
  if (prep.task === 'multiclass') return multiclassMetricFns(prep.classes.length);
  return regressionMetricFns();
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Baselines fitted on `train`, each predicting any matrix in the same form as the model's output. */
function fitBaselines(
  prep: Preprocessing,
  train: Matrix,
): { name: Baseline['name']; predict: (m: Matrix) => Float64Array }[] {
  if (prep.task === 'regression') {
    const mean = prep.targetMean ?? 0;
    const std = prep.targetStd ?? 1;
    let trainMean = 0;
    for (let i = 0; i < train.rows; i++) trainMean += train.y[i]!;
    trainMean = train.rows ? trainMean / train.rows : 0;
    const linear = fitLinear(train, train.y);
    return [
      { name: 'mean', predict: (m) => new Float64Array(m.rows).fill(trainMean * std + mean) },
      { name: 'linear_regression', predict: (m) => predictLinear(linear, m).map((v) => v * std + mean) },
    ];
  }
  const k = prep.classes.length;
  const priors = classPriors(train.y, k);
  const logistic = fitLogistic(train, train.y, k);
  return [
    {
      name: 'majority_class',
      predict: (m) =>
        prep.task === 'binary'
          ? new Float64Array(m.rows).fill(priors[1]!)
          : Float64Array.from({ length: m.rows * k }, (_, i) => priors[i % k]!),
    },
    { name: 'logistic_regression', predict: (m) => predictLinear(logistic, m) },
  ];
}

/**
 * Metrics of the model on the test split with percentile-bootstrap intervals for every headline
 * metric (seeded), and the baselines' metrics (without intervals).
 */
export async function evaluate(input: EvaluateInput): Promise<Evaluation> {
  const { prep, test, predictions, threshold } = input;
  const y = testTargets(prep, test);
  const metrics = metricsFor(prep, y, predictions, threshold);
  const iterations = input.bootstrapIterations ?? 200;
  if (iterations > 0) {
    await yieldToEventLoop();
    metrics.intervals = bootstrapIntervals(metricFnsFor(prep, threshold), y, predictions, {
      iterations,
      seed: input.seed,
    });
  }
  const baselines: Baseline[] = [];
  if (input.train && input.train.rows > 0) {
    await yieldToEventLoop();
    const validation = input.validation;
    for (const b of fitBaselines(prep, input.train)) {
      // Each baseline gets its own threshold by the same policy on validation data, as the model
      // did; at the model's threshold a differently calibrated baseline would look worse than it is.
      const own =
        prep.task === 'binary' && input.chooseThreshold && validation && validation.rows > 0
          ? input.chooseThreshold(validation.y, b.predict(validation))
          : threshold;
      baselines.push({ name: b.name, metrics: metricsFor(prep, y, b.predict(test), own) });
    }
  }
  return { metrics, baselines };
}

/**
 * What the wizard's Results step and the report both conclude from an evaluation (SPEC §6), so
 * the two never disagree: which headline metrics a task shows, and whether the network beats the
 * simple baseline fitted to the same data.
 */
import type { Baseline, Evaluation, Metrics, PermutationImportance } from './model/metrics';
import type { Message } from './model/report';
import type { MetricId } from './model/template';
import type { TaskType } from './model/train';

/**
 * Each task's standard headline metrics: ROC AUC, accuracy and F1 for two classes; accuracy and
 * macro-F1 for several; MAE, RMSE and R² for a number (scikit-learn's default scorers' families).
 */
export const STANDARD_HEADLINE: Readonly<Record<TaskType, readonly MetricId[]>> = {
  binary: ['roc_auc', 'accuracy', 'f1'],
  multiclass: ['accuracy', 'macro_f1'],
  regression: ['mae', 'rmse', 'r2'],
};

const APPLIES: Readonly<Record<TaskType, ReadonlySet<MetricId>>> = {
  binary: new Set<MetricId>([
    'accuracy',
    'balanced_accuracy',
    'precision',
    'recall',
    'sensitivity',
    'specificity',
    'f1',
    'roc_auc',
    'pr_auc',
    'gini',
    'ks',
    'ppv',
    'npv',
    'approval_rate',
    'brier',
    'log_loss',
  ]),
  multiclass: new Set<MetricId>(['accuracy', 'macro_f1', 'log_loss']),
  regression: new Set<MetricId>(['mae', 'rmse', 'r2']),
};

/** Whether metric `id` can be read from metrics of `task`. */
export function metricApplies(task: TaskType, id: MetricId): boolean {
  return APPLIES[task].has(id);
}

/**
 * The headline metrics of a `task` for a template whose headline metrics are `template` (written
 * for two-class problems): for two classes the template's own that apply (its standard set when
 * none does); for several classes and for a number, those of the template's that apply followed by
 * the task's standard set, so the headline is never empty. Each metric once, template's first.
 */
export function headlineFor(task: TaskType, template: readonly MetricId[]): MetricId[] {
  const own = template.filter((id) => metricApplies(task, id));
  const ids = task === 'binary' && own.length > 0 ? own : [...own, ...STANDARD_HEADLINE[task]];
  return [...new Set(ids)];
}

/** Lifts of at most this much (in the verdict metric's units) count as "about the same". */
export const SAME_MARGIN = 0.005;

export interface BaselineVerdict {
  /** `lift`: the network is better by more than `SAME_MARGIN`; `same`: better by at most that; `noLift`: not better. */
  kind: 'lift' | 'same' | 'noLift';
  baseline: Baseline['name'];
  /** The metric compared (higher is better for each). */
  metric: MetricId;
  model: number;
  baselineValue: number;
  /** model − baseline: positive when the network is better. */
  lift: number;
}

/** The metric each task is judged by: ROC AUC (ranking), accuracy, R² (share of variance explained). */
const VERDICT_METRIC: Readonly<Record<TaskType, { id: MetricId; read: (m: Metrics) => number | null }>> = {
  binary: { id: 'roc_auc', read: (m) => (m.task === 'binary' ? m.rocAuc : null) },
  multiclass: { id: 'accuracy', read: (m) => (m.task === 'multiclass' ? m.accuracy : null) },
  regression: { id: 'r2', read: (m) => (m.task === 'regression' ? m.r2 : null) },
};

/** Fewest test rows whose metrics are read as evidence (below it the bootstrap intervals span most of the scale). */
export const MIN_TEST_ROWS = 30;
/** Fewest test rows of each class, for two classes: ROC AUC on fewer positives or negatives is a handful of pairs. */
export const MIN_TEST_CLASS_ROWS = 5;

/** A test split too small for its numbers to mean much (see {@link smallTestSplit}). */
export interface SmallTestSplit {
  /** Labelled test rows. */
  n: number;
  /** Two classes: the rarer class in the test rows and its count; null for other tasks. */
  rarest: { label: string; count: number } | null;
}

/**
 * Whether the test rows are too few to support the metrics: fewer than {@link MIN_TEST_ROWS}, or
 * for two classes fewer than {@link MIN_TEST_CLASS_ROWS} of either class. Null when they suffice.
 */
export function smallTestSplit(metrics: Metrics): SmallTestSplit | null {
  let rarest: SmallTestSplit['rarest'] = null;
  if (metrics.task === 'binary') {
    const positives = metrics.confusion.tp + metrics.confusion.fn;
    const negatives = metrics.confusion.fp + metrics.confusion.tn;
    rarest =
      positives <= negatives
        ? { label: metrics.positiveClass, count: positives }
        : { label: metrics.negativeClass, count: negatives };
  }
  if (metrics.n >= MIN_TEST_ROWS && (rarest === null || rarest.count >= MIN_TEST_CLASS_ROWS)) return null;
  return { n: metrics.n, rarest };
}

/** The warning for a small test split, as a catalog sentence (`summary.smallTest.*`) for the report and the Results step. */
export function smallTestMessage(s: SmallTestSplit): Message {
  return s.n < MIN_TEST_ROWS || s.rarest === null
    ? { key: 'summary.smallTest.rows', params: { n: s.n, min: MIN_TEST_ROWS } }
    : {
        key: 'summary.smallTest.class',
        params: { n: s.n, count: s.rarest.count, label: s.rarest.label, min: MIN_TEST_CLASS_ROWS },
      };
}

/**
 * The network against the simple model SPEC §6 compares it with — logistic regression for classes,
 * linear regression for a number — on the test rows, by the task's verdict metric. Null when
 * there is no such baseline, either value is undefined (one class only in the test rows), or the
 * test split is too small to tell the two apart ({@link smallTestSplit}): a baseline is never
 * recommended on a handful of rows.
 */
export function baselineVerdict(evaluation: Evaluation): BaselineVerdict | null {
  if (smallTestSplit(evaluation.metrics)) return null;
  const task = evaluation.metrics.task;
  const name = task === 'regression' ? 'linear_regression' : 'logistic_regression';
  const baseline = evaluation.baselines.find((b) => b.name === name && b.metrics.task === task);
  if (!baseline) return null;
  const { id, read } = VERDICT_METRIC[task];
  const model = read(evaluation.metrics);
  const baselineValue = read(baseline.metrics);
  if (model === null || baselineValue === null || !Number.isFinite(model) || !Number.isFinite(baselineValue))
    return null;
  const lift = model - baselineValue;
  const kind = lift > SAME_MARGIN ? 'lift' : lift > 0 ? 'same' : 'noLift';
  return { kind, baseline: name, metric: id, model, baselineValue, lift };
}

/**
 * The verdict as a sentence of the catalog (`summary.baseline.<kind>`), its numbers with three
 * decimals and the baseline's and metric's names as nested catalog keys, so it reads the same in
 * the report and on the Results step in either language.
 */
export function verdictMessage(v: BaselineVerdict): Message {
  return {
    key: `summary.baseline.${v.kind}`,
    params: {
      baseline: `{report.baseline.${v.baseline}}`,
      metric: `{report.metric.${v.metric}}`,
      model: v.model.toFixed(3),
      baselineValue: v.baselineValue.toFixed(3),
      lift: `${v.lift >= 0 ? '+' : ''}${v.lift.toFixed(3)}`,
    },
  };
}

/**
 * The permutation importance as one sentence (`summary.importance.*`): the column whose shuffling
 * lowers the score most, or that none does (every mean drop ≤ 0). Null when no column was measured.
 */
export function importanceMessage(importance: PermutationImportance): Message | null {
  const top = importance.columns[0];
  if (!top) return null;
  const metric = `{report.metric.${importance.metric}}`;
  return top.mean > 0
    ? { key: 'summary.importance.top', params: { column: top.column, metric, drop: top.mean.toFixed(3) } }
    : { key: 'summary.importance.none', params: { metric } };
}

/** Columns whose shuffling does not lower the score on average (mean drop ≤ 0): they do not help the model. */
export function unhelpfulColumns(importance: PermutationImportance): string[] {
  return importance.columns.filter((c) => c.mean <= 0).map((c) => c.column);
}

/**
 * For a test score too good to be true: the columns the model relies on most (permutation
 * importance, mean drop of at least 0.01, at most three) as the first place to look for target
 * leakage (`summary.tooGood.reliesOn`). Null when importance was not measured or no column matters.
 */
export function reliedOnMessage(importance: PermutationImportance | undefined): Message | null {
  const columns = (importance?.columns ?? [])
    .filter((c) => c.mean >= 0.01)
    .slice(0, 3)
    .map((c) => c.column);
  return columns.length ? { key: 'summary.tooGood.reliesOn', params: { columns } } : null;
}

/**
 * Decimals to print a decision threshold with: two when that is exact (0.50, 0.35), else three
 * (0.196, not 0.20: a reader applying "≥ 0.20" to scored probabilities would misclassify rows).
 */
export function thresholdDigits(threshold: number): 2 | 3 {
  return Math.abs(threshold * 100 - Math.round(threshold * 100)) < 1e-9 ? 2 : 3;
}

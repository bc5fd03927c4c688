/**
 * What the wizard's Results step and the report both conclude from an evaluation (SPEC §6), so
 * the two never disagree: which headline metrics a task shows, and whether the network beats the
 * simple baseline fitted to the same data.
 */
import type { Baseline, Evaluation, Metrics } from './model/metrics';
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

/**
 * The network against the simple model SPEC §6 compares it with — logistic regression for classes,
 * linear regression for a number — on the test rows, by the task's verdict metric. Null when
 * there is no such baseline or either value is undefined (one class only in the test rows).
 */
export function baselineVerdict(evaluation: Evaluation): BaselineVerdict | null {
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

/**
 * Reading metrics by their template id (`MetricId`) out of an evaluation, for the report and the
 * wizard's Results step. Pure functions over the shared `Metrics` types; no formatting here.
 */
import type { Metrics } from '../../../shared/model/metrics';
import type { MetricId } from '../../../shared/model/template';

export type FavourableOutcome = 'predicted_positive' | 'predicted_negative';

/** Every metric shown in the full table, in order, per task (SPEC §6 and the templates' headline metrics). */
export const METRICS_BY_TASK: Readonly<Record<Metrics['task'], readonly MetricId[]>> = {
  binary: [
    'roc_auc',
    'pr_auc',
    'gini',
    'ks',
    'accuracy',
    'balanced_accuracy',
    'precision',
    'recall',
    'specificity',
    'npv',
    'f1',
    'approval_rate',
    'brier',
    'log_loss',
  ],
  multiclass: ['accuracy', 'macro_f1', 'log_loss'],
  regression: ['mae', 'rmse', 'r2'],
};

/** Metrics where a smaller value is better (errors and losses). */
export const LOWER_IS_BETTER: ReadonlySet<MetricId> = new Set<MetricId>(['brier', 'log_loss', 'mae', 'rmse']);

/** Field of the metrics object that holds a metric id, where the names differ. */
const FIELD: Partial<Record<MetricId, string>> = {
  balanced_accuracy: 'balancedAccuracy',
  sensitivity: 'recall',
  ppv: 'precision',
  roc_auc: 'rocAuc',
  pr_auc: 'prAuc',
  log_loss: 'logLoss',
  macro_f1: 'macroF1',
};

/**
 * The value of metric `id` in `m`, or null when it is undefined for this task or data.
 * Gini = 2·ROC AUC − 1 (the credit-scoring convention). The approval rate is the share of test
 * rows that receive the favourable outcome: predicted negative (not defaulting) in credit scoring,
 * predicted positive where the template says so; null when `favourable` is not given, rather than
 * a guess at its direction.
 */
export function metricValue(m: Metrics, id: MetricId, favourable?: FavourableOutcome): number | null {
  if (m.task === 'binary') {
    if (id === 'gini') return m.rocAuc === null ? null : 2 * m.rocAuc - 1;
    if (id === 'approval_rate') {
      if (!favourable) return null;
      const { tp, fp, tn, fn } = m.confusion;
      const total = tp + fp + tn + fn;
      if (total === 0) return null;
      return (favourable === 'predicted_positive' ? tp + fp : tn + fn) / total;
    }
  }
  const field = FIELD[id] ?? id;
  const value = (m as unknown as Record<string, unknown>)[field];
  return typeof value === 'number' ? value : null;
}

/**
 * The bootstrap 95 % interval of metric `id`, when the evaluation has one. Intervals are keyed by
 * metric id (`roc_auc`) or by the metrics field (`rocAuc`); both are accepted. Gini's interval is
 * derived from ROC AUC's, since Gini is a monotone function of it.
 */
export function metricInterval(m: Metrics, id: MetricId): { low: number; high: number } | null {
  const intervals = m.intervals;
  if (id === 'gini') {
    const auc = metricInterval(m, 'roc_auc');
    return auc ? { low: 2 * auc.low - 1, high: 2 * auc.high - 1 } : null;
  }
  return intervals[id] ?? intervals[FIELD[id] ?? id] ?? null;
}

// Which metrics a task has and which it headlines are shared with the engine's report.
export { headlineFor, metricApplies } from '../../../shared/results';

/**
 * At most `max` points of a curve, keeping the first and last and spreading the rest evenly, so a
 * ROC curve of 10 000 thresholds draws quickly and prints small. Curves are monotone step
 * functions, so even spacing keeps their shape at the resolution of a printed chart.
 */
export function thinCurve<T>(points: readonly T[], max = 400): T[] {
  if (points.length <= max) return [...points];
  const out: T[] = [];
  const step = (points.length - 1) / (max - 1);
  for (let i = 0; i < max; i++) out.push(points[Math.round(i * step)]!);
  return out;
}

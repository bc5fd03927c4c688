/**
 * Plain-language text of report data in the current locale: recipe steps, delimiters, training
 * settings, data warnings, and messages (`{key, params}`) from the engine; and the choices the
 * report and the wizard's review steps share (which metrics to show, the favourable outcome, when
 * a score is too good to trust). Everything goes through the catalog.
 */
import { TOO_GOOD_ROC_AUC } from '../../../shared/model/metrics';
import type { DataWarning } from '../../../shared/model/data';
import type { Metrics } from '../../../shared/model/metrics';
import type { RecipeStepResolved } from '../../../shared/model/recipe';
import type { Message } from '../../../shared/model/report';
import { ThresholdRuleSchema, type MetricId } from '../../../shared/model/template';
import { hasMessage } from '../../../shared/i18n';
import { fixed, num, percent, t, tOr } from '../lib/i18n.svelte';
import { METRICS_BY_TASK, type FavourableOutcome } from '../lib/metrics';

/** A list in the locale's style ("a, b, c" / "a、b、c"). */
export function list(items: readonly string[]): string {
  return items.join(t('report.listSeparator'));
}

/** A value written by the user or the data, quoted. */
export function quote(value: string | number | boolean): string {
  return typeof value === 'string' ? `“${value}”` : String(value);
}

/**
 * A message from the engine in the current locale. Keys missing from the catalog show as the key,
 * so a gap is visible (and caught by the catalog tests) rather than silently blank.
 */
export function message(m: Message): string {
  return t(m.key, m.params);
}

/** The name of a delimiter character. */
export function delimiterName(d: string): string {
  const named: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe', ' ': 'space' };
  const name = named[d];
  return name ? t(`report.delimiter.${name}`) : t('report.delimiter.other', { char: d });
}

const COMPARATOR: Record<string, string> = { '>': '>', '>=': '≥', '<': '<', '<=': '≤', '==': '=', '!=': '≠', in: '∈' };

/** One cleaning step as a sentence (SPEC §3: the recipe appears in the report). */
export function describeStep(step: RecipeStepResolved): string {
  switch (step.op) {
    case 'drop_column':
    case 'drop_rows_missing':
    case 'drop_missing_target':
      return t(`report.recipe.${step.op}`, { column: step.column });
    case 'rename':
      return t('report.recipe.rename', { column: step.column, to: step.to });
    case 'change_type':
      return t('report.recipe.change_type', { column: step.column, type: t(`report.type.${step.type}`) });
    case 'mark_missing':
      return t('report.recipe.mark_missing', { column: step.column, values: list(step.values.map(quote)) });
    case 'impute': {
      const strategy =
        step.strategy === 'constant'
          ? t('report.recipe.strategy.constant', { value: step.value === undefined ? '—' : quote(step.value) })
          : t(`report.recipe.strategy.${step.strategy}`);
      return t(step.indicator ? 'report.recipe.imputeIndicator' : 'report.recipe.impute', {
        column: step.column,
        strategy,
      });
    }
    case 'remove_duplicates':
      return t('report.recipe.remove_duplicates');
    case 'excel_serial_date':
      return t('report.recipe.excel_serial_date', { column: step.column });
    case 'binarize': {
      const value = Array.isArray(step.value) ? `{${list(step.value.map(quote))}}` : quote(step.value);
      return t('report.recipe.binarize', {
        column: step.column,
        comparator: COMPARATOR[step.comparator] ?? step.comparator,
        value,
        trueLabel: quote(step.trueLabel),
        falseLabel: quote(step.falseLabel),
      });
    }
    case 'normalize_category': {
      const how = [
        step.trim ? t('report.recipe.normalize.trim') : null,
        step.case !== 'none' ? t(`report.recipe.normalize.${step.case}`) : null,
      ];
      return t('report.recipe.normalize_category', {
        column: step.column,
        how: list(how.filter((h): h is string => h !== null)),
      });
    }
    case 'outliers': {
      const k = step.k ?? (step.rule === 'iqr' ? 1.5 : 3);
      const rule = t(`report.recipe.rule.${step.rule}`, { k });
      return t(`report.recipe.outliers.${step.action}`, { column: step.column, rule });
    }
    case 'bin': {
      const edges = list(step.edges.map((e) => num(e)));
      return step.into
        ? t('report.recipe.binInto', { column: step.column, edges, into: step.into })
        : t('report.recipe.bin', { column: step.column, edges });
    }
  }
}

/** Label of a training setting (`TrainSettings` field); unknown settings show their name. */
export function settingLabel(key: string): string {
  return tOr(`report.setting.${key}`, {}, key);
}

/** A training setting's value as text: numbers in the locale, lists joined, yes/no for booleans. */
export function settingValue(key: string, value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return t(value ? 'report.yes' : 'report.no');
  // A threshold chosen on validation data is a score in [0, 1]: three decimals say all there is.
  if (typeof value === 'number') return key === 'threshold' ? fixed(value, 3) : num(value, 6);
  if (typeof value === 'string') return key === 'backend' ? tOr(`report.backend.${value}`, {}, value) : value;
  if (key === 'split' && typeof value === 'object' && value !== null) {
    const s = value as { train?: number; validation?: number; test?: number };
    const shares = [s.train, s.validation, s.test].map((v) => (typeof v === 'number' ? fixed(v, 2) : '—'));
    // A test share of 0 means the test rows came from a separate file (train / validation only here).
    return s.test === 0
      ? t('report.splitSeparateTest', { train: shares[0]!, validation: shares[1]! })
      : shares.join(' / ');
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return t('report.none');
    return list(
      value.map((v) =>
        typeof v === 'object' && v !== null ? describeObject(v as Record<string, unknown>) : settingValue(key, v),
      ),
    );
  }
  if (key === 'thresholdPolicy') {
    const rule = ThresholdRuleSchema.safeParse(value);
    if (rule.success)
      return rule.data.policy === 'min_cost'
        ? t('report.thresholdRule.min_cost', {
            fn: num(rule.data.falseNegativeCost),
            fp: num(rule.data.falsePositiveCost),
          })
        : t(`report.thresholdRule.${rule.data.policy}`, {
            value:
              rule.data.policy === 'fixed'
                ? fixed(rule.data.value, 2)
                : percent(rule.data.value, Number.isInteger(rule.data.value * 100) ? 0 : 1),
          });
  }
  if (typeof value === 'object') return describeObject(value as Record<string, unknown>);
  return String(value);
}

function describeObject(o: Record<string, unknown>): string {
  return Object.entries(o)
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(', ');
}

/** A metric value as shown everywhere in the report: three decimals, rates of people as percentages. */
export function metricText(id: MetricId, value: number | null): string {
  if (value === null) return '—';
  return id === 'approval_rate' ? percent(value) : fixed(value, 3);
}

/** A bootstrap interval as "0.771–0.850". */
export function intervalText(id: MetricId, interval: { low: number; high: number } | null): string {
  return interval ? `${metricText(id, interval.low)}–${metricText(id, interval.high)}` : '';
}

/**
 * Codes of unreadable rows that the import writes into its English messages and into `BAD_ROW`'s
 * `reason` (engine `issueReason`: `too_many_fields (2, expected 1)`); each has a phrase in the
 * catalog (`report.readIssue.<code>`), so no code reaches the reader.
 */
export const READ_ISSUE_CODES = [
  'too_many_fields',
  'too_few_fields',
  'text_after_closing_quote',
  'unterminated_quote',
  'undecodable_bytes',
  'blank_line_with_spaces',
] as const;
const READ_ISSUE = new RegExp(`\\b(?:${READ_ISSUE_CODES.join('|')})\\b`, 'g');

/** `text` with every read-issue code in it replaced by its phrase in the current locale. */
export function withoutCodes(text: string): string {
  return text.replace(READ_ISSUE, (code) => t(`report.readIssue.${code}`));
}

/**
 * A data warning in words — the one way the wizard and the report write one: the catalog's
 * `warnings.<code>` message where there is one, else the English message the engine logged
 * (DataWarning carries both) with any read-issue code in it put in words; never a bare code.
 */
export function warningText(w: DataWarning): string {
  const key = `warnings.${w.code}`;
  if (hasMessage(key)) {
    const params = {
      ...((w.params ?? {}) as Record<string, string | number | boolean | null>),
      column: w.column ?? null,
    };
    const text = t(key, params);
    // A warning saved before its code had a catalog message lacks the parameters: use its own words.
    if (!/\{\s*\w+\s*[,}]/.test(text)) return text;
  }
  const message = w.message.trim();
  if (!message || message === w.code) return t('report.data.warningGeneric');
  return withoutCodes(message);
}

/**
 * The favourable outcome of the fairness analysis (SPEC §4: approval in credit scoring, being
 * flagged for follow-up in medicine), which rates such as the approval rate count: the report's
 * own field where the engine writes it, else the one its fairness reports were assessed with,
 * else from the template (only credit scoring favours predicted negative).
 */
export function favourableOf(from: {
  favourableOutcome?: FavourableOutcome | null;
  fairness: readonly { favourableOutcome: FavourableOutcome }[];
  templateId: string;
}): FavourableOutcome {
  return (
    from.favourableOutcome ??
    from.fairness[0]?.favourableOutcome ??
    (from.templateId === 'finance' ? 'predicted_negative' : 'predicted_positive')
  );
}

/**
 * Metrics that belong to one kind of template (the approval rate of credit scoring) and are
 * shown only where the template names them among its headline metrics.
 */
const TEMPLATE_ONLY: ReadonlySet<MetricId> = new Set<MetricId>(['approval_rate']);

/** Whether metric `id` is shown for a template whose headline metrics are `headline`. */
export function metricShown(id: MetricId, headline: readonly MetricId[]): boolean {
  return !TEMPLATE_ONLY.has(id) || headline.includes(id);
}

/** The rows of the full metric table for `task`, in order (SPEC §6), for these headline metrics. */
export function tableMetrics(task: Metrics['task'], headline: readonly MetricId[]): MetricId[] {
  return METRICS_BY_TASK[task].filter((id) => metricShown(id, headline));
}

/** The shared bound above which a test ROC AUC is too good to trust (see `TOO_GOOD_ROC_AUC`). */
export const TOO_GOOD_AUC = TOO_GOOD_ROC_AUC;

/** The test ROC AUC when it is too good to trust (binary tasks), else null. */
export function tooGoodAuc(m: Metrics | null | undefined): number | null {
  return m?.task === 'binary' && m.rocAuc !== null && m.rocAuc >= TOO_GOOD_AUC ? m.rocAuc : null;
}

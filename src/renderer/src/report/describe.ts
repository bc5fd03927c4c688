/**
 * Plain-language text of report data in the current locale: recipe steps, delimiters, training
 * settings, and messages (`{key, params}`) from the engine. Everything goes through the catalog.
 */
import type { RecipeStepResolved } from '../../../shared/model/recipe';
import type { Message } from '../../../shared/model/report';
import type { MetricId } from '../../../shared/model/template';
import { fixed, num, percent, t, tOr } from '../lib/i18n.svelte';

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
  if (typeof value === 'number') return num(value, 6);
  if (typeof value === 'string') return key === 'backend' ? tOr(`report.backend.${value}`, {}, value) : value;
  if (key === 'split' && typeof value === 'object' && value !== null) {
    const s = value as { train?: number; validation?: number; test?: number };
    return [s.train, s.validation, s.test].map((v) => (typeof v === 'number' ? fixed(v, 2) : '—')).join(' / ');
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return t('report.none');
    return list(
      value.map((v) =>
        typeof v === 'object' && v !== null ? describeObject(v as Record<string, unknown>) : settingValue(key, v),
      ),
    );
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

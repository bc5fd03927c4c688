/** Wizard-specific text: durations, error messages and progress stages in the current locale. */
import type { UserErrorData } from '../../../shared/errors';
import { hasMessage } from '../../../shared/i18n';
import { i18n, num, t, tOr } from '../lib/i18n.svelte';
import { withoutCodes } from '../report/describe';

// Data warnings are written the same way on every screen and in the report.
export { warningText } from '../report/describe';

/** A duration in seconds as "40 s" / "3 min" / "1.5 h" (at least "1 s"). */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '';
  if (seconds < 90) return t('wizard.time.seconds', { n: Math.max(1, Math.round(seconds)) });
  if (seconds < 90 * 60) return t('wizard.time.minutes', { n: Math.round(seconds / 60) });
  return t('wizard.time.hours', { n: num(seconds / 3600, 1) });
}

/**
 * The estimated time left as a phrase: "about 40 s left", "at most 3 min left" (`bound`: the
 * estimate is an upper bound), "less than a second left"; empty when there is no estimate.
 */
export function etaText(seconds: number | null | undefined, bound = false): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) return '';
  if (seconds < 1) return t('wizard.progress.etaUnderSecond');
  return t(bound ? 'wizard.progress.etaAtMost' : 'wizard.progress.eta', { time: duration(seconds) });
}

/**
 * The message of an error in the current locale; an unknown key falls back to its code. Read-issue
 * codes in its parameters (`BAD_ROW`'s reason `too_many_fields (2, expected 1)`) are put in words.
 */
export function errorText(error: UserErrorData): string {
  const params = Object.fromEntries(
    Object.entries(error.params).map(([k, v]) => [k, typeof v === 'string' ? withoutCodes(v) : v]),
  );
  if (hasMessage(error.key)) return t(error.key, params);
  return tOr(`errors.${error.code}`, params, error.code);
}

/** The name of a progress stage (`import`, `profile`, `upload`…). */
export function stageText(stage: string): string {
  return tOr(`wizard.stage.${stage}`, {}, t('wizard.stage.working'));
}

/**
 * A cell of the data preview: missing as an em dash, numbers in the locale without grouping (a
 * year or a code must not read as "1,994").
 */
export function cellText(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number')
    return new Intl.NumberFormat(i18n.tag, { useGrouping: false, maximumFractionDigits: 6 }).format(value);
  if (typeof value === 'boolean') return t(value ? 'report.yes' : 'report.no');
  return value;
}

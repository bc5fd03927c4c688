/** Wizard-specific text: durations, error messages and progress stages in the current locale. */
import type { UserErrorData } from '../../../shared/errors';
import type { DataWarning } from '../../../shared/model/data';
import { hasMessage } from '../../../shared/i18n';
import { i18n, num, t, tOr } from '../lib/i18n.svelte';

/** An estimate in seconds as "about 40 s" / "about 3 min" / "about 1.5 h". */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '';
  if (seconds < 1) return t('wizard.time.lessThanSecond');
  if (seconds < 90) return t('wizard.time.seconds', { n: Math.round(seconds) });
  if (seconds < 90 * 60) return t('wizard.time.minutes', { n: Math.round(seconds / 60) });
  return t('wizard.time.hours', { n: num(seconds / 3600, 1) });
}

/** The message of an error in the current locale; an unknown key falls back to its code. */
export function errorText(error: UserErrorData): string {
  if (hasMessage(error.key)) return t(error.key, error.params);
  return tOr(`errors.${error.code}`, error.params, error.code);
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

/**
 * A data warning in words: the catalog's `warnings.<code>` message where the import has one, else
 * the English message the engine logged (DataWarning carries both).
 */
export function warningText(w: DataWarning): string {
  const params = {
    ...((w.params ?? {}) as Record<string, string | number | boolean | null>),
    column: w.column ?? null,
  };
  return tOr(`warnings.${w.code}`, params, w.message);
}

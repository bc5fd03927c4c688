/**
 * The renderer's reactive locale over the shared catalogs (`src/shared/i18n`). Reading `i18n.locale`
 * inside a template or `$derived` makes it re-render when the language is switched at runtime
 * (SPEC §1); `t()` and the formatters read it, so every string they produce follows the switch.
 */
import type { Locale } from '../../../shared/model/report';
import { formatNumber, hasMessage, translate, type MessageParams } from '../../../shared/i18n';

class I18nState {
  locale = $state<Locale>('en');

  /** BCP 47 tag for `Intl` formatters. */
  get tag(): string {
    return this.locale === 'zh' ? 'zh-CN' : 'en-US';
  }
}

export const i18n = new I18nState();

/** Switches the language of the whole renderer and the page's `lang` attribute. */
export function setLocale(locale: Locale): void {
  i18n.locale = locale;
  if (typeof document !== 'undefined') document.documentElement.lang = i18n.tag;
}

/** The message for `key` in the current locale with `{param}` placeholders filled. */
export function t(key: string, params: MessageParams = {}): string {
  return translate(i18n.locale, key, params);
}

/**
 * `key` translated when the catalog has it, else `fallback` (or the key itself). For strings that
 * may be i18n keys or free text written by the user, such as a model card's intended use.
 */
export function tOr(key: string, params: MessageParams = {}, fallback?: string): string {
  return hasMessage(key) ? translate(i18n.locale, key, params) : (fallback ?? key);
}

/** A number in the current locale, at most `digits` decimals (see `formatNumber`). */
export function num(value: number | null | undefined, digits = 4): string {
  return value === null || value === undefined ? '—' : formatNumber(i18n.locale, value, digits);
}

/** A metric in [0, 1] or an error measure, with exactly `digits` decimals (0.8123 → "0.812"). */
export function fixed(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(i18n.tag, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    value,
  );
}

/** A share in [0, 1] as a percentage (0.305 → "30.5%"). */
export function percent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(i18n.tag, {
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

/** An integer count with grouping (12345 → "12,345"). */
export function count(value: number): string {
  return new Intl.NumberFormat(i18n.tag, { maximumFractionDigits: 0 }).format(value);
}

/** An ISO date-time as a long local date and time; the input itself when it does not parse. */
export function dateTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return (
    new Intl.DateTimeFormat(i18n.tag, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(ms) + ' UTC'
  );
}

/** A size in bytes in binary units (1536 → "1.5 KiB"). */
export function bytes(value: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let unit = 0;
  let v = value;
  while (v >= 1024 && unit < units.length - 1) {
    v /= 1024;
    unit++;
  }
  return `${formatNumber(i18n.locale, v, unit === 0 ? 0 : 1)} ${units[unit]}`;
}

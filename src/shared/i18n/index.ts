/**
 * The i18n catalogs and `translate()`. Catalogs are flat maps from dotted keys to ICU-lite strings
 * with `{name}` placeholders. English is complete; a key missing from another locale falls back to
 * English, and a key missing from English renders as the key itself (tests catch those).
 */
import type { Locale } from '../model/report';
import { en } from './en';
import { zh } from './zh';

export type Catalog = Readonly<Record<string, string>>;
export type MessageParams = Readonly<Record<string, string | number | boolean | null | undefined>>;

export const catalogs: Readonly<Record<Locale, Catalog>> = { en, zh };

/** Whether the English catalog has `key`. */
export function hasMessage(key: string): boolean {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/**
 * The message for `key` in `locale` with `{param}` placeholders filled. Numbers are formatted
 * with the locale's conventions (up to 4 decimals). A parameter whose value is itself `{other.key}`
 * is replaced by that message, translated with the same parameters — so a report sentence can embed
 * an optional clause (e.g. a confidence interval) without English text in the data.
 */
export function translate(locale: Locale, key: string, params: MessageParams = {}, depth = 0): string {
  const template = catalogs[locale][key] ?? en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) return name in params ? '—' : whole;
    if (typeof value === 'number') return formatNumber(locale, value);
    const nested = /^\{([\w.]+)\}$/.exec(String(value));
    if (nested && depth < 3) return translate(locale, nested[1]!, params, depth + 1);
    return String(value);
  });
}

/** A number in the locale's format, at most `digits` decimals; NaN and ±∞ as `—`. */
export function formatNumber(locale: Locale, value: number, digits = 4): string {
  if (!Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-US', {
    maximumFractionDigits: Number.isInteger(value) ? 0 : digits,
  }).format(value);
}

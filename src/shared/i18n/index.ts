/**
 * The i18n catalogs and `translate()`. Catalogs are flat maps from dotted keys to ICU-lite strings:
 * `{name}` placeholders, ICU plurals `{count, plural, =0 {none} one {# row} other {# rows}}` and
 * selects `{via, select, missing {…} other {…}}`.
 * English is complete; a key missing from another locale falls back to English, and a key missing
 * from English renders as the key itself (tests catch those).
 */
import type { Locale } from '../model/report';
import { en } from './en';
import { zh } from './zh';

export type Catalog = Readonly<Record<string, string>>;
type Scalar = string | number | boolean | null | undefined;
export type MessageParams = Readonly<Record<string, Scalar | readonly Scalar[]>>;

export const catalogs: Readonly<Record<Locale, Catalog>> = { en, zh };

/** Whether the English catalog has `key`. */
export function hasMessage(key: string): boolean {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/**
 * The message for `key` in `locale` with its placeholders filled. Numbers are formatted with the
 * locale's conventions (up to 4 decimals); a list parameter becomes its items joined by the
 * locale's separator (`3, 5, 8`; `3、5、8`). A parameter whose value is itself `{other.key}` is
 * replaced by that message, translated with the same parameters — so a sentence can embed an
 * optional clause (e.g. a confidence interval) without English text in the data.
 *
 * Plurals follow ICU MessageFormat (`{n, plural, =0 {…} one {…} other {…}}`): an exact `=N` branch
 * wins, else the CLDR plural category of the number in the locale (`Intl.PluralRules`), else
 * `other`; `#` in the branch is the number, formatted. A select (`{v, select, a {…} other {…}}`)
 * takes the branch named by the value (`null` for null), else `other`. A placeholder, plural or
 * select whose parameter is absent is left as written, so tests see it.
 */
export function translate(locale: Locale, key: string, params: MessageParams = {}, depth = 0): string {
  const template = catalogs[locale][key] ?? en[key] ?? key;
  return render(locale, template, params, depth);
}

function render(locale: Locale, template: string, params: MessageParams, depth: number): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    const close = open < 0 ? -1 : matchingBrace(template, open);
    if (close < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, open);
    const body = template.slice(open + 1, close);
    const choice = /^\s*(\w+)\s*,\s*(plural|select)\s*,/.exec(body);
    if (choice)
      out +=
        branchText(locale, body.slice(choice[0].length), choice[1]!, choice[2] === 'plural', params, depth) ??
        `{${body}}`;
    else if (/^\w+$/.test(body)) out += placeholder(locale, body, template.slice(open, close + 1), params, depth);
    else out += `{${body}}`;
    i = close + 1;
  }
  return out;
}

/** Index of the `}` closing the `{` at `open`, or -1. */
function matchingBrace(s: string, open: number): number {
  let depth = 0;
  for (let k = open; k < s.length; k++) {
    if (s[k] === '{') depth++;
    else if (s[k] === '}' && --depth === 0) return k;
  }
  return -1;
}

function placeholder(locale: Locale, name: string, whole: string, params: MessageParams, depth: number): string {
  const value = params[name];
  if (value === undefined || value === null) return name in params ? '—' : whole;
  if (Array.isArray(value)) return formatList(locale, value as readonly Scalar[]);
  if (typeof value === 'number') return formatNumber(locale, value);
  const nested = /^\{([\w.]+)\}$/.exec(String(value));
  if (nested && depth < 3) return translate(locale, nested[1]!, params, depth + 1);
  return String(value);
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

/**
 * The chosen branch of a plural's or select's `branches` (`=0 {…} one {…} other {…}`), rendered;
 * null when the parameter is absent or no branch fits.
 */
function branchText(
  locale: Locale,
  branches: string,
  name: string,
  plural: boolean,
  params: MessageParams,
  depth: number,
): string | null {
  if (!(name in params)) return null;
  const raw = params[name];
  const n = typeof raw === 'number' ? raw : Array.isArray(raw) ? raw.length : raw === null ? Number.NaN : Number(raw);
  const options = new Map<string, string>();
  const re = /\s*(=-?[\d.]+|\w+)\s*\{/y;
  let k = 0;
  while (k < branches.length) {
    re.lastIndex = k;
    const m = re.exec(branches);
    if (!m) break;
    const open = re.lastIndex - 1;
    const close = matchingBrace(branches, open);
    if (close < 0) break;
    options.set(m[1]!, branches.slice(open + 1, close));
    k = close + 1;
  }
  if (!plural) {
    const chosen = options.get(raw === null || raw === undefined ? 'null' : String(raw)) ?? options.get('other');
    return chosen === undefined ? null : render(locale, chosen, params, depth);
  }
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale === 'zh' ? 'zh-CN' : 'en-US')));
  const chosen =
    options.get(`=${n}`) ?? (Number.isFinite(n) ? options.get(rules.select(n)) : undefined) ?? options.get('other');
  if (chosen === undefined) return null;
  // `#` stands for the number in this branch, not inside a nested plural (which has its own).
  let text = '';
  let level = 0;
  for (const ch of chosen) {
    if (ch === '{') level++;
    else if (ch === '}') level--;
    text += ch === '#' && level === 0 ? (Number.isFinite(n) ? formatNumber(locale, n) : '—') : ch;
  }
  return render(locale, text, params, depth);
}

/** Items of a list parameter in the locale: `3, 5, 8` in English, `3、5、8` in Chinese. */
export function formatList(locale: Locale, items: readonly Scalar[]): string {
  return items
    .map((v) => (v === null || v === undefined ? '—' : typeof v === 'number' ? formatNumber(locale, v) : String(v)))
    .join(locale === 'zh' ? '、' : ', ');
}

/** A number in the locale's format, at most `digits` decimals; NaN and ±∞ as `—`. */
export function formatNumber(locale: Locale, value: number, digits = 4): string {
  if (!Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-US', {
    maximumFractionDigits: Number.isInteger(value) ? 0 : digits,
  }).format(value);
}

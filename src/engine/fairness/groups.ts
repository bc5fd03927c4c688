/**
 * Building the groups of a sensitive attribute (SPEC §7): which columns to suggest, binning numeric
 * attributes, intersections of two attributes, and the data's representation of each group.
 */
import { binLabels } from '../data/bins';
import { UserError } from '../../shared/errors';
import type { SensitiveSuggestion } from '../../shared/model/template';
import { normalizeHeader } from '../privacy/headers';
import { indexGroups } from './assess';

/** Default age bands (right-open edges): <25, 25–44, 45–64, 65+. */
export const DEFAULT_AGE_EDGES = [25, 45, 65];

/**
 * Suggestions used when a template gives none: the usual protected attributes (ECOA bases, GDPR
 * Art. 9 categories) by English and Chinese column names. Patterns are matched against the column
 * name and its snake_case form (`customerAge` → `customer_age`).
 */
export const DEFAULT_SENSITIVE_SUGGESTIONS: SensitiveSuggestion[] = [
  { patterns: ['(^|_)(sex|gender)(_|$)', '性别'], label: { en: 'Sex / gender', zh: '性别' }, useAsFeature: true },
  {
    patterns: ['(^|_)age(_|$)', '年龄'],
    label: { en: 'Age group', zh: '年龄段' },
    useAsFeature: true,
    bins: DEFAULT_AGE_EDGES,
  },
  {
    patterns: ['(^|_)(race|racial|ethnicity|ethnic)(_|$)', '民族', '种族'],
    label: { en: 'Race / ethnicity', zh: '种族/民族' },
    useAsFeature: false,
  },
  {
    patterns: ['(^|_)(marital|marriage|personal_status)(_|$)', '婚姻'],
    label: { en: 'Marital status', zh: '婚姻状况' },
    useAsFeature: false,
  },
  {
    patterns: ['(^|_)(nationality|native_country|national_origin|country_of_birth|citizenship)(_|$)', '国籍', '籍贯'],
    label: { en: 'National origin', zh: '国籍/籍贯' },
    useAsFeature: false,
  },
  {
    patterns: ['(^|_)(religion|religious|faith)(_|$)', '宗教', '信仰'],
    label: { en: 'Religion', zh: '宗教信仰' },
    useAsFeature: false,
  },
];

/**
 * Columns that look like sensitive attributes, each with the first suggestion whose pattern
 * (case-insensitive regular expression) matches its name or snake_case form; in column order.
 * @throws UserError SETTING_INVALID when a pattern is not a valid regular expression.
 */
export function suggestSensitiveAttributes(
  columnNames: string[],
  suggestions: SensitiveSuggestion[] = DEFAULT_SENSITIVE_SUGGESTIONS,
): { column: string; suggestion: SensitiveSuggestion }[] {
  const compiled = suggestions.map((s) => ({
    s,
    res: s.patterns.map((p) => {
      try {
        return new RegExp(p, 'iu');
      } catch {
        throw new UserError('SETTING_INVALID', { setting: 'sensitiveAttributes.patterns', reason: p });
      }
    }),
  }));
  const out: { column: string; suggestion: SensitiveSuggestion }[] = [];
  for (const column of columnNames) {
    const forms = [column, normalizeHeader(column)];
    const hit = compiled.find(({ res }) => res.some((re) => forms.some((f) => re.test(f))));
    if (hit) out.push({ column, suggestion: hit.s });
  }
  return out;
}

/**
 * Bin a numeric attribute into right-open bands [e_i, e_{i+1}). Labels: `<e0`, then `a–b` (b = next
 * edge − 1) when edges and values are all integers (ages: `<25`, `25–44`, `45–64`, `65+`), else
 * `[a, b)` and `≥e_last`. Missing and non-finite values get null. `order` lists the labels low to high.
 * @throws UserError SETTING_INVALID when edges are empty, non-finite or not strictly increasing.
 */
export function binNumeric(
  values: (number | null)[],
  edges: number[] = DEFAULT_AGE_EDGES,
): { labels: (string | null)[]; edges: number[]; order: string[] } {
  if (edges.length === 0 || edges.some((e, i) => !Number.isFinite(e) || (i > 0 && e <= edges[i - 1]!))) {
    throw new UserError('SETTING_INVALID', { setting: 'bins', reason: edges.join(', ') });
  }
  const integral =
    edges.every(Number.isInteger) && values.every((v) => v === null || !Number.isFinite(v) || Number.isInteger(v));
  const order = binLabels(edges, integral);
  const labels = values.map((v) => {
    if (v === null || !Number.isFinite(v)) return null;
    let k = 0;
    while (k < edges.length && v >= edges[k]!) k++;
    return order[k]!;
  });
  return { labels, edges: [...edges], order };
}

/**
 * Bin edges for a numeric attribute that is not an age: its quartiles (type-7 quantiles, numpy's
 * default), rounded to three significant digits (whole numbers when the values are whole), each
 * edge once. Age bands (<25, 25–44, …) say nothing about months of credit or a loan amount.
 * Empty when the values are all missing or all the same.
 */
export function quartileEdges(values: readonly (number | null)[]): number[] {
  const sorted = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const whole = sorted.every(Number.isInteger);
  const quantile = (q: number) => {
    const h = (sorted.length - 1) * q;
    const lo = Math.floor(h);
    return sorted[lo]! + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]!) - sorted[lo]!);
  };
  const round = (x: number) => (whole ? Math.round(x) : Number(x.toPrecision(3)));
  const edges: number[] = [];
  for (const q of [0.25, 0.5, 0.75]) {
    const e = round(quantile(q));
    // An edge at the minimum would leave its lower band empty.
    if (e > sorted[0]! && (edges.length === 0 || e > edges[edges.length - 1]!)) edges.push(e);
  }
  return edges;
}

/** Intersection of two attributes, label `a × b`; null when either is missing (SPEC §7). */
export function intersectGroups(a: (string | null)[], b: (string | null)[]): (string | null)[] {
  if (a.length !== b.length) throw new Error(`intersectGroups: ${a.length} vs ${b.length} rows`);
  return a.map((x, i) => (x === null || b[i] === null ? null : `${x} × ${b[i]}`));
}

export interface GroupRepresentation {
  group: string;
  n: number;
  /** n_g / n over rows with a known group. */
  share: number;
  /** P(Y = 1 | A = g), weighted when weights are given (AIF360 `base_rate`). */
  baseRate: number;
}

/**
 * Each group's share of the rows and its base rate of the positive class (SPEC §7 "data
 * representation"; AIF360 `base_rate`, `class_imbalance`). Rows with a missing group are counted
 * in `missingGroupRows` and left out.
 */
export function dataRepresentation(
  groups: (string | null)[],
  yTrue: ArrayLike<number>,
  opts: { sampleWeights?: ArrayLike<number>; groupOrder?: string[] } = {},
): { groups: GroupRepresentation[]; missingGroupRows: number } {
  if (yTrue.length !== groups.length)
    throw new Error(`dataRepresentation: ${yTrue.length} labels, ${groups.length} groups`);
  const { labels, rows, missing } = indexGroups(groups, opts.groupOrder);
  const known = groups.length - missing;
  return {
    missingGroupRows: missing,
    groups: labels.map((group) => {
      const idx = rows.get(group)!;
      let w = 0;
      let pos = 0;
      for (const i of idx) {
        const wi = opts.sampleWeights ? opts.sampleWeights[i]! : 1;
        w += wi;
        if (yTrue[i] === 1) pos += wi;
      }
      return { group, n: idx.length, share: idx.length / known, baseRate: w > 0 ? pos / w : 0 };
    }),
  };
}

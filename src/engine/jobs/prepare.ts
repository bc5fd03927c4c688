/**
 * Choosing the model's features: direct identifiers found by the privacy scan, identifier-typed
 * columns and sensitive attributes the template keeps out of the model are excluded (SPEC §4, §8),
 * each with the reason shown in the report. Used by the CLI pipeline and by projects alike.
 */
import type { DatasetProfile } from '../../shared/model/data';
import type { PrivacyScan } from '../../shared/model/privacy';
import type { Template } from '../../shared/model/template';
import type { Frame } from '../data/frame';
import { matchColumn } from '../templates';

export interface SensitiveUse {
  column: string;
  usedAsFeature: boolean;
  /** Bin edges for a numeric attribute (template's, else the default age bands). */
  bins: number[] | null;
}

export interface FeatureChoice {
  features: string[];
  /** Columns left out, with an i18n key as the reason. */
  excluded: { column: string; reason: string }[];
  sensitive: SensitiveUse[];
}

/** Profile warnings that keep a column out of the features, and the reason each gives. */
const PROFILE_EXCLUSIONS: Readonly<Record<string, string>> = {
  // A column that gives the answer away makes a model that looks perfect and fails in use.
  target_leakage: 'features.leakage',
  constant_column: 'features.constant',
  empty_column: 'features.empty',
};

/** Columns the profile's warnings keep out of the features (leakage, constant, empty), with reasons. */
export function profileExclusions(profile: DatasetProfile | null | undefined): { column: string; reason: string }[] {
  return (profile?.warnings ?? [])
    .filter((w) => w.column && w.code in PROFILE_EXCLUSIONS)
    .map((w) => ({ column: w.column!, reason: PROFILE_EXCLUSIONS[w.code]! }));
}

/**
 * Features of `frame` for predicting `target`.
 * @param include columns the user explicitly wants as features despite the defaults.
 */
export function chooseFeatures(
  frame: Frame,
  opts: {
    target: string;
    template: Template;
    privacy: PrivacyScan | null;
    sensitive: readonly string[];
    /** The cleaned data's profile (with the target): leaking, constant and empty columns are left out. */
    profile?: DatasetProfile | null;
    include?: readonly string[];
    exclude?: readonly string[];
  },
): FeatureChoice {
  const excluded: { column: string; reason: string }[] = [];
  const add = (column: string, reason: string) => {
    if (column !== opts.target && !excluded.some((e) => e.column === column)) excluded.push({ column, reason });
  };
  for (const c of opts.exclude ?? []) add(c, 'features.userExcluded');
  for (const e of profileExclusions(opts.profile)) add(e.column, e.reason);
  for (const c of opts.privacy?.columns ?? []) if (c.excludedFromFeatures) add(c.column, `features.privacy.${c.class}`);
  for (const c of frame.columns) if (c.type === 'identifier') add(c.name, 'features.identifier');
  const sensitive = opts.sensitive.map((column) => {
    const suggestion = opts.template.sensitiveAttributes.find((s) => matchColumn([column], s.patterns));
    const usedAsFeature = suggestion ? suggestion.useAsFeature : opts.template.sensitiveDefaultUseAsFeature;
    if (!usedAsFeature) add(column, 'features.sensitiveNotFeature');
    return { column, usedAsFeature, bins: suggestion?.bins ?? null };
  });
  const include = new Set(opts.include ?? []);
  const kept = excluded.filter((e) => !include.has(e.column));
  const features = frame.columns
    .map((c) => c.name)
    .filter((n) => n !== opts.target && !kept.some((e) => e.column === n));
  return { features, excluded: kept, sensitive };
}

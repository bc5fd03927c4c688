/**
 * Choosing the model's features: direct identifiers found by the privacy scan, identifier-typed
 * columns and sensitive attributes the template keeps out of the model are excluded (SPEC §4, §8),
 * each with the reason shown in the report. Used by the CLI pipeline and by projects alike.
 *
 * A column the template suggests as a sensitive attribute "not used as a feature" (the wizard's
 * Template & target step says so beside it) is left out whether or not it is chosen for the
 * fairness assessment: the wizard, the model and the report must tell the same story. Only an
 * explicit `include` (the user's tick, `includeColumns`) brings it back.
 */
import type { DatasetProfile } from '../../shared/model/data';
import type { PrivacyScan } from '../../shared/model/privacy';
import type { Template } from '../../shared/model/template';
import { TrainSettingsSchema } from '../../shared/model/train';
import type { Frame } from '../data/frame';
import { suggestSensitiveAttributes } from '../fairness';

export interface SensitiveUse {
  column: string;
  /** Whether the model's features include it (after the user's explicit inclusions). */
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
 * The user's own column choices in training settings (`includeColumns`, `excludeColumns`), for
 * `chooseFeatures`' `include` / `exclude`; empty when not set.
 * @throws ZodError when either is not a list of column names (checked again when training starts).
 */
export function userColumnChoice(settings: Record<string, unknown>): { include: string[]; exclude: string[] } {
  return {
    include: TrainSettingsSchema.shape.includeColumns.parse(settings.includeColumns),
    exclude: TrainSettingsSchema.shape.excludeColumns.parse(settings.excludeColumns),
  };
}

/**
 * Features of `frame` for predicting `target`: every column but the target and the excluded ones.
 * Template suggestions are matched as the wizard matches them (`suggestSensitiveAttributes`).
 * @param include columns the user explicitly wants as features despite the defaults.
 * @throws UserError SETTING_INVALID when a template pattern is not a valid regular expression.
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
  const suggested = new Map(
    suggestSensitiveAttributes(
      frame.columns.map((c) => c.name),
      opts.template.sensitiveAttributes,
    ).map((s) => [s.column, s.suggestion]),
  );
  for (const [column, suggestion] of suggested)
    if (!suggestion.useAsFeature) add(column, 'features.sensitiveNotFeature');
  for (const column of opts.sensitive) {
    // An attribute the template does not suggest follows the template's default for named ones.
    if (!suggested.has(column) && !opts.template.sensitiveDefaultUseAsFeature)
      add(column, 'features.sensitiveUserNotFeature');
  }
  const include = new Set(opts.include ?? []);
  const kept = excluded.filter((e) => !include.has(e.column));
  const features = frame.columns
    .map((c) => c.name)
    .filter((n) => n !== opts.target && !kept.some((e) => e.column === n));
  const sensitive = opts.sensitive.map((column) => ({
    column,
    usedAsFeature: features.includes(column),
    bins: suggested.get(column)?.bins ?? null,
  }));
  return { features, excluded: kept, sensitive };
}

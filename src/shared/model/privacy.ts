/** Personal-data scan of every column (SPEC §8), re-identification risk and the regulation checklist. */
import { z } from 'zod';
import { RecipeStepSchema } from './recipe';

export const EntityTypeSchema = z.enum([
  'EMAIL',
  'PHONE',
  'PRC_ID',
  'US_SSN',
  'CREDIT_CARD',
  'IBAN',
  'IP',
  'DATE_OF_BIRTH',
  'POSTAL_CODE',
  'PERSON',
  'UUID',
]);
export type EntityType = z.infer<typeof EntityTypeSchema>;

export const ColumnClassSchema = z.enum(['direct_identifier', 'quasi_identifier', 'sensitive', 'other']);
export type ColumnClass = z.infer<typeof ColumnClassSchema>;

export const PrivacyActionSchema = z.enum(['drop', 'pseudonymize', 'generalize', 'suppress_rare', 'keep']);

export const EntityFindingSchema = z.object({
  entity: EntityTypeSchema,
  /** How it was found: the column header, validated values, or values inside free text. */
  source: z.enum(['header', 'values', 'free_text']),
  /** Number of cells with a validated match. */
  count: z.number().int(),
  /** 1-based data rows with a match (first 20). */
  rows: z.array(z.number().int()),
  /** Up to 3 matched strings, masked for display. */
  examples: z.array(z.string()),
});
export type EntityFinding = z.infer<typeof EntityFindingSchema>;

/**
 * A column's part in the model, as the privacy view states it. With a trained model: `target`,
 * `feature` or `excluded`. Before one: `target`, `will_exclude` (the scan keeps it out of any
 * model) or `undecided` (settled when the model is trained), never stated as a fact.
 */
export const ColumnRoleSchema = z.enum(['target', 'feature', 'excluded', 'will_exclude', 'undecided']);
export type ColumnRole = z.infer<typeof ColumnRoleSchema>;

export const ColumnPrivacySchema = z.object({
  column: z.string(),
  class: ColumnClassSchema,
  entities: z.array(EntityFindingSchema),
  action: PrivacyActionSchema,
  /** Left out of the model's features by default (with a model: left out of its features). */
  excludedFromFeatures: z.boolean(),
  /** Its part in the model (`withModelFeatures`); absent in a bare scan and in older reports. */
  role: ColumnRoleSchema.optional(),
  /** i18n key of the reason, with `params`. */
  reason: z.string(),
  /** Values that looked like an entity but failed validation (e.g. bad ID checksum), per row. */
  invalid: z
    .array(z.object({ row: z.number().int(), reason: z.string(), entity: EntityTypeSchema.optional() }))
    .default([]),
});
export type ColumnPrivacy = z.infer<typeof ColumnPrivacySchema>;

export const PrivacyScanSchema = z.object({
  columns: z.array(ColumnPrivacySchema),
  rowsScanned: z.number().int(),
});
export type PrivacyScan = z.infer<typeof PrivacyScanSchema>;

/**
 * The scan says what the data holds; whether a column reached the model is the model's choice. The
 * scan with each column's `role` (one rule for the report, the wizard and the project): the
 * `target` is the target, never "used as a feature"; with a trained model's `features` (null
 * before training) the others are `feature` or `excluded` and `excludedFromFeatures` follows;
 * before training a column the scan keeps out `will_exclude`, any other `undecided`.
 */
export function withModelFeatures(
  scan: PrivacyScan,
  features: readonly string[] | null,
  target: string | null = null,
): PrivacyScan {
  const roled = (c: ColumnPrivacy): ColumnPrivacy => {
    if (c.column === target) return { ...c, excludedFromFeatures: true, role: 'target' };
    if (features) {
      const used = features.includes(c.column);
      return { ...c, excludedFromFeatures: !used, role: used ? 'feature' : 'excluded' };
    }
    return { ...c, role: c.excludedFromFeatures ? 'will_exclude' : 'undecided' };
  };
  return { ...scan, columns: scan.columns.map(roled) };
}

/** k of k-anonymity used when neither the user nor the template chose one (a common choice, e.g. ARX's examples). */
export const DEFAULT_K = 5;

/**
 * The user's choices for the re-identification risk, saved in the project: the quasi-identifiers
 * (null: the columns the scan classes as quasi-identifiers) and the k threshold (null: the
 * template's, else {@link DEFAULT_K}).
 */
export const PrivacySettingsSchema = z.object({
  quasiIdentifiers: z.array(z.string()).nullable().default(null),
  k: z.number().int().min(2).nullable().default(null),
});
export type PrivacySettings = z.output<typeof PrivacySettingsSchema>;

/**
 * Re-identification risk of one table over its quasi-identifiers, as ARX defines it (REFERENCE
 * §2.2): equivalence classes (records with equal quasi-identifier values, missing equal to
 * missing), k-anonymity, records in classes smaller than k, distinct ℓ-diversity and the
 * prosecutor model. Shares are in [0, 1].
 */
export const RiskSummarySchema = z.object({
  /** The columns grouped on, as named in this table. */
  quasiIdentifiers: z.array(z.string()),
  rows: z.number().int().min(0),
  /** Number of equivalence classes. */
  classes: z.number().int().min(0),
  /** Size of the smallest equivalence class (0 for no rows). */
  k: z.number().int().min(0),
  /** Records in classes smaller than the k threshold. */
  belowK: z.object({ records: z.number().int().min(0), share: z.number() }),
  /** Records alone in their class (unique on the quasi-identifiers). */
  unique: z.object({ records: z.number().int().min(0), share: z.number() }),
  /** ARX prosecutor risk; `recordsAtRisk` with threshold 1/k (record risk 1/f above it). */
  prosecutor: z.object({
    highest: z.number(),
    lowest: z.number(),
    average: z.number(),
    recordsAtRisk: z.number(),
  }),
  /**
   * Distinct ℓ-diversity of each sensitive attribute (missing counts as one more value), with the
   * records in classes holding a single value (whose value anyone who finds their class learns).
   */
  lDiversity: z.array(
    z.object({
      column: z.string(),
      l: z.number().int().min(0),
      homogeneous: z.object({ records: z.number().int().min(0), share: z.number() }),
    }),
  ),
});
export type RiskSummary = z.infer<typeof RiskSummarySchema>;

export const ChecklistStatusSchema = z.enum(['met', 'not_met', 'to_confirm']);
export type ChecklistStatus = z.infer<typeof ChecklistStatusSchema>;

/** A sentence as an i18n key with its parameters (as the report's `Message`). */
const NoteSchema = z.object({
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).default({}),
});

export const ChecklistItemSchema = z.object({
  /** Stable id, e.g. `gdpr.minimisation`; the requirement reads `privacy.checklist.<id>`. */
  id: z.string(),
  status: ChecklistStatusSchema,
  /** Why it has this status (what the app found, or what the user must confirm). */
  detail: NoteSchema,
});
export type ChecklistItem = z.infer<typeof ChecklistItemSchema>;

export const RegulationSchema = z.enum(['GDPR', 'CCPA', 'HIPAA', 'PIPL', 'ECOA']);
export type Regulation = z.infer<typeof RegulationSchema>;

/** A recipe change the Privacy step offers for a column (see `assessPrivacy`). */
export const PrivacyOfferSchema = z.object({
  column: z.string(),
  kind: z.enum(['drop', 'generalize']),
  /** The recipe step the button adds. */
  step: RecipeStepSchema,
  /** The recipe already does it. */
  applied: z.boolean(),
});
export type PrivacyOffer = z.infer<typeof PrivacyOfferSchema>;

/**
 * Re-identification risk before and after cleaning and the regulation checklist (SPEC §8): what
 * the Privacy step and the report show beside the column scan.
 */
export const PrivacyAssessmentSchema = z.object({
  /** The quasi-identifiers chosen (names as imported) and whether they are the scan's default. */
  quasiIdentifiers: z.array(z.string()),
  defaultQuasiIdentifiers: z.array(z.string()),
  /** The k threshold and where it came from. */
  k: z.number().int().min(2),
  kSource: z.enum(['user', 'template', 'default']),
  /** Sensitive attributes whose ℓ-diversity is measured (names as imported). */
  sensitive: z.array(z.string()),
  /** The data as imported. */
  before: RiskSummarySchema,
  /** The cleaned data the model is trained on (after the recipe). */
  after: RiskSummarySchema,
  /** Quasi-identifiers the recipe removed (dropped), so they no longer count after cleaning. */
  removedByRecipe: z.array(z.string()),
  /**
   * The dataset as a whole is health data (a template for health data: GDPR Art. 9, HIPAA
   * protected health information, PIPL sensitive personal information), whatever its columns say.
   */
  healthData: z.boolean(),
  checklist: z.array(z.object({ regulation: RegulationSchema, items: z.array(ChecklistItemSchema) })),
  /** Recipe changes offered per column (drop, generalize). */
  offers: z.array(PrivacyOfferSchema).default([]),
});
export type PrivacyAssessment = z.infer<typeof PrivacyAssessmentSchema>;

/** Personal-data scan of every column (SPEC §8). */
import { z } from 'zod';

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

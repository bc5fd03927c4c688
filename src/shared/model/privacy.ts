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

export const ColumnPrivacySchema = z.object({
  column: z.string(),
  class: ColumnClassSchema,
  entities: z.array(EntityFindingSchema),
  action: PrivacyActionSchema,
  /** Left out of the model's features by default. */
  excludedFromFeatures: z.boolean(),
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
 * scan with `excludedFromFeatures` set from the model's feature columns (one rule for the report,
 * the wizard and the project).
 */
export function withModelFeatures(scan: PrivacyScan, features: readonly string[]): PrivacyScan {
  return { ...scan, columns: scan.columns.map((c) => ({ ...c, excludedFromFeatures: !features.includes(c.column) })) };
}

/**
 * The cleaning recipe (SPEC §3): an ordered list of named steps, each plain data `{op, ...params}`,
 * applied to the untouched imported table. The engine compiles each step to SQL; undo removes a
 * step. Augmentation steps are separate: they run on the training split only.
 */
import { z } from 'zod';
import { ColumnTypeSchema } from './data';

const column = z.string().min(1);

export const RecipeStepSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('drop_column'), column }),
  z.object({ op: z.literal('rename'), column, to: z.string().min(1) }),
  z.object({ op: z.literal('change_type'), column, type: ColumnTypeSchema }),
  /** Values that mean "missing" in this column only (e.g. 0 for blood pressure in Pima). */
  z.object({ op: z.literal('mark_missing'), column, values: z.array(z.union([z.string(), z.number()])).min(1) }),
  z.object({
    op: z.literal('impute'),
    column,
    strategy: z.enum(['mean', 'median', 'mode', 'constant']),
    value: z.union([z.string(), z.number(), z.boolean()]).optional(),
    /** Add `<column>_missing` (0/1) before filling. */
    indicator: z.boolean().default(false),
  }),
  z.object({ op: z.literal('drop_rows_missing'), column }),
  /** Drop rows whose target is missing. The column is the target at compile time. */
  z.object({ op: z.literal('drop_missing_target'), column }),
  z.object({ op: z.literal('remove_duplicates') }),
  /**
   * Whole numbers that are Excel serial day numbers (1900 date system, origin 1899-12-30, so 39448
   * is 2008-01-01) become dates (case C14).
   */
  z.object({ op: z.literal('excel_serial_date'), column }),
  z.object({
    op: z.literal('binarize'),
    column,
    /** `num > 0` → `{comparator: '>', value: 0}`; `in` takes a list of values counted as true. */
    comparator: z.enum(['>', '>=', '<', '<=', '==', '!=', 'in']),
    value: z.union([z.number(), z.string(), z.array(z.union([z.string(), z.number()]))]),
    /** Labels of the outcome; default `"1"`/`"0"` so the target stays categorical. */
    trueLabel: z.string().default('1'),
    falseLabel: z.string().default('0'),
  }),
  z.object({
    op: z.literal('normalize_category'),
    column,
    trim: z.boolean().default(true),
    case: z.enum(['none', 'lower', 'upper', 'title']).default('lower'),
  }),
  z.object({
    op: z.literal('outliers'),
    column,
    rule: z.enum(['iqr', 'zscore']),
    /** IQR multiplier (default 1.5) or z threshold (default 3). */
    k: z.number().positive().optional(),
    action: z.enum(['clip', 'remove']),
  }),
  z.object({
    op: z.literal('bin'),
    column,
    /** Right-open edges; labels default to `[a, b)`. */
    edges: z.array(z.number()).min(1),
    labels: z.array(z.string()).optional(),
    into: z.string().optional(),
  }),
]);
export type RecipeStep = z.input<typeof RecipeStepSchema>;
export type RecipeStepResolved = z.output<typeof RecipeStepSchema>;
export type RecipeOp = RecipeStepResolved['op'];

export const RecipeSchema = z.object({
  version: z.literal(1).default(1),
  steps: z.array(RecipeStepSchema).default([]),
});
export type Recipe = z.input<typeof RecipeSchema>;
export type RecipeResolved = z.output<typeof RecipeSchema>;

/** Augmentation on the TRAINING split only (SPEC §3). */
export const AugmentationStepSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('cross'), a: column, b: column, kind: z.enum(['product', 'ratio']) }),
  z.object({ op: z.literal('date_parts'), column, parts: z.array(z.enum(['year', 'month', 'day', 'weekday'])).min(1) }),
  z.object({ op: z.literal('class_weights') }),
  z.object({ op: z.literal('oversample'), targetRatio: z.number().positive().max(1).default(1) }),
  /** Chawla et al. 2002, k nearest neighbours within the minority class. */
  z.object({
    op: z.literal('smote'),
    k: z.number().int().min(1).default(5),
    targetRatio: z.number().positive().max(1).default(1),
  }),
  /** Gaussian noise on standardized numeric features; sigma in standard deviations; copies per row. */
  z.object({
    op: z.literal('gaussian_noise'),
    sigma: z.number().positive().default(0.05),
    copies: z.number().int().min(1).default(1),
  }),
]);
export type AugmentationStep = z.input<typeof AugmentationStepSchema>;
export type AugmentationStepResolved = z.output<typeof AugmentationStepSchema>;

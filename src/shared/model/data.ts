/**
 * Data model of import and profiling: what a file was detected to be, its columns, warnings and the
 * per-column profile. Plain data, validated with zod wherever it crosses a process boundary.
 */
import { z } from 'zod';

/** Column types, as SPEC §2 and `../shared/cases/README.md` name them. */
export const ColumnTypeSchema = z.enum(['integer', 'float', 'text', 'categorical', 'boolean', 'date', 'identifier']);
export type ColumnType = z.infer<typeof ColumnTypeSchema>;

/** A single cell as it leaves the engine: dates as ISO `YYYY-MM-DD` strings, missing as null. */
export const CellSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type Cell = z.infer<typeof CellSchema>;

export const FileFormatSchema = z.enum(['csv', 'xlsx', 'parquet']);
export type FileFormat = z.infer<typeof FileFormatSchema>;

/** Missing markers recognised by default (SPEC §2); each counts only where it is not a plausible value. */
export const DEFAULT_MISSING_MARKERS = ['', 'NA', 'N/A', 'NULL', 'null', '?', '-', 'nan', 'NaN'] as const;

/** User overrides of detection. Anything left out is detected. */
export const ImportOptionsSchema = z.object({
  format: FileFormatSchema.optional(),
  encoding: z.string().optional(),
  delimiter: z.string().length(1).optional(),
  quote: z.string().max(1).optional(),
  escape: z.string().max(1).optional(),
  decimalMark: z.enum(['.', ',']).optional(),
  thousandsMark: z.enum([',', '.', ' ', "'", '']).optional(),
  /** `true`: first row (or `headerRow`) holds names; `false`: names are `column1`…`columnN`. */
  header: z.boolean().optional(),
  /** 1-based line of the header row (xlsx/csv with title rows above it). */
  headerRow: z.number().int().min(1).optional(),
  /** Replacement names, in column order. */
  names: z.array(z.string().min(1)).optional(),
  missingMarkers: z.array(z.string()).optional(),
  sheet: z.string().optional(),
  /** Per-column type overrides by (final) column name. */
  columnTypes: z.record(z.string(), ColumnTypeSchema).optional(),
  /** What to do with rows that cannot be read: skip them and report, or stop with an error. */
  onBadRow: z.enum(['skip', 'stop']).default('skip'),
});
export type ImportOptions = z.input<typeof ImportOptionsSchema>;
export type ImportOptionsResolved = z.output<typeof ImportOptionsSchema>;

/** A condition worth telling the user about. `code` is stable; the message is for the CLI log. */
export const DataWarningSchema = z.object({
  code: z.string(),
  message: z.string(),
  column: z.string().optional(),
  /** 1-based data rows. */
  rows: z.array(z.number().int()).optional(),
  /** 1-based physical lines of the file (the header is line 1). */
  fileLines: z.array(z.number().int()).optional(),
  severity: z.enum(['info', 'warning', 'error']).default('warning'),
  params: z.record(z.string(), z.unknown()).optional(),
});
export type DataWarning = z.input<typeof DataWarningSchema>;

export const ColumnInfoSchema = z.object({
  name: z.string(),
  /** Name as written in the file, when it was changed (BOM, duplicates, blanks, `--names`). */
  originalName: z.string().optional(),
  type: ColumnTypeSchema,
  missingCount: z.number().int(),
  distinctCount: z.number().int(),
  /** Set when `distinctCount` is a HyperLogLog estimate (very many distinct values). */
  distinctApprox: z.boolean().optional(),
  sample: z.array(CellSchema),
  /** For dates: the format the whole column was read with, e.g. `DD.MM.YYYY`. */
  dateFormat: z.string().optional(),
  /** A conversion the engine suggests but did not apply, e.g. `excel_serial_date`. */
  suggestion: z.string().optional(),
});
export type ColumnInfo = z.infer<typeof ColumnInfoSchema>;

/** What `importFile` found and did. Same shape as `modelwise profile --json`. */
export const ImportSummarySchema = z.object({
  file: z.string(),
  format: FileFormatSchema,
  encoding: z.string(),
  bom: z.boolean(),
  delimiter: z.string(),
  quote: z.string(),
  decimalMark: z.enum(['.', ',']),
  thousandsMark: z.string(),
  lineTerminator: z.enum(['LF', 'CRLF', 'CR', 'mixed', 'none']),
  /** 1-based header line, or 0 when the file has no header row. */
  headerRow: z.number().int(),
  sheet: z.string().optional(),
  /** `.xlsx`: every sheet of the workbook, in workbook order, so the user can choose another. */
  sheets: z.array(z.string()).optional(),
  rowCount: z.number().int(),
  skippedRows: z.number().int(),
  columns: z.array(ColumnInfoSchema),
  warnings: z.array(DataWarningSchema),
  /** SHA-256 of the file's bytes, hex. */
  sha256: z.string(),
  sizeBytes: z.number(),
});
export type ImportSummary = z.infer<typeof ImportSummarySchema>;

export const HistogramSchema = z.object({
  /** Bin edges, length = counts.length + 1. */
  edges: z.array(z.number()),
  counts: z.array(z.number().int()),
});

export const ColumnProfileSchema = z.object({
  name: z.string(),
  type: ColumnTypeSchema,
  count: z.number().int(),
  missingCount: z.number().int(),
  /** In [0, 1]. */
  missingFraction: z.number(),
  distinctCount: z.number().int(),
  /** Set when `distinctCount` is a HyperLogLog estimate (very many distinct values). */
  distinctApprox: z.boolean().optional(),
  min: z.union([z.number(), z.string()]).nullable(),
  max: z.union([z.number(), z.string()]).nullable(),
  mean: z.number().nullable(),
  std: z.number().nullable(),
  q1: z.number().nullable(),
  median: z.number().nullable(),
  q3: z.number().nullable(),
  topValues: z.array(z.object({ value: CellSchema, count: z.number().int() })),
  histogram: HistogramSchema.nullable(),
});
export type ColumnProfile = z.infer<typeof ColumnProfileSchema>;

export const DatasetProfileSchema = z.object({
  rowCount: z.number().int(),
  columns: z.array(ColumnProfileSchema),
  duplicateRowCount: z.number().int(),
  warnings: z.array(DataWarningSchema),
});
export type DatasetProfile = z.infer<typeof DatasetProfileSchema>;

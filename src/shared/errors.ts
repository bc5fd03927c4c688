/**
 * Errors a user can act on. They carry a stable code, an i18n key and parameters (file, row,
 * column, setting) — never English text — so every surface (CLI, wizard, report) renders them in
 * the user's language through the catalog in `i18n/`.
 */
import { z } from 'zod';

export const ErrorCodeSchema = z.enum([
  'FILE_NOT_FOUND',
  'FILE_UNREADABLE',
  'FILE_EMPTY',
  'FORMAT_UNSUPPORTED',
  'ENCODING_UNDECODABLE',
  'BAD_ROW',
  'SHEET_NOT_FOUND',
  'COLUMN_NOT_FOUND',
  'TARGET_SINGLE_CLASS',
  'TARGET_ALL_MISSING',
  'TARGET_NOT_NUMERIC',
  /** A cleaning step would take the target away or leave it unusable (the key says how). */
  'RECIPE_BREAKS_TARGET',
  'TOO_FEW_ROWS',
  'NO_FEATURES',
  'TEMPLATE_NOT_FOUND',
  'TEMPLATE_INVALID',
  'SETTING_INVALID',
  'SENSITIVE_NOT_FOUND',
  /** Bias mitigation cannot run on this model or attribute (the key says why, e.g. one group only). */
  'MITIGATION_REFUSED',
  'CANCELLED',
  'HOST_CRASHED',
  'HOST_TIMEOUT',
  'PROJECT_NOT_FOUND',
  'PROJECT_INVALID',
  'PROJECT_LOCKED',
  'NO_MODEL',
  'NO_DATA',
  'CHROMIUM_NOT_FOUND',
  'PDF_FAILED',
  'NO_PROJECT',
  'BUSY',
  'UPLOAD_TOO_LARGE',
  'ACCESS_DENIED',
  'CHANNEL_UNKNOWN',
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ErrorParamsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
export type ErrorParams = z.infer<typeof ErrorParamsSchema>;

/**
 * Failures that may succeed when tried again unchanged: a worker process that crashed or hung,
 * reading or writing a file (locked, on a disconnected drive), printing, a busy or locked project,
 * and unexpected internal errors (including a lost connection to the back end). Every other code
 * is about the user's input or settings, which must change first — retrying as is cannot help.
 */
export const TRANSIENT_ERROR_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'FILE_UNREADABLE',
  'HOST_CRASHED',
  'HOST_TIMEOUT',
  'PDF_FAILED',
  'BUSY',
  'PROJECT_LOCKED',
  'INTERNAL',
]);

/** Whether trying the failed action again unchanged may succeed (see {@link TRANSIENT_ERROR_CODES}). */
export function isTransient(error: { code: ErrorCode }): boolean {
  return TRANSIENT_ERROR_CODES.has(error.code);
}

/** Serializable form of a {@link UserError}, as it crosses process and IPC boundaries. */
export const UserErrorDataSchema = z.object({
  code: ErrorCodeSchema,
  key: z.string(),
  params: ErrorParamsSchema,
});
export type UserErrorData = z.infer<typeof UserErrorDataSchema>;

/**
 * An error caused by the user's input or settings, with a code and an i18n key
 * (`errors.<CODE>` unless given) and the parameters its message needs.
 */
export class UserError extends Error {
  readonly code: ErrorCode;
  readonly key: string;
  readonly params: ErrorParams;

  constructor(code: ErrorCode, params: ErrorParams = {}, key?: string) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'UserError';
    this.code = code;
    this.key = key ?? `errors.${code}`;
    this.params = params;
  }

  toData(): UserErrorData {
    return { code: this.code, key: this.key, params: this.params };
  }

  static fromData(data: UserErrorData): UserError {
    return new UserError(data.code, data.params, data.key);
  }
}

/** Any thrown value as {@link UserErrorData}; unknown errors become `INTERNAL` with their message. */
export function toErrorData(err: unknown): UserErrorData {
  if (err instanceof UserError) return err.toData();
  if (err && typeof err === 'object' && 'code' in err && 'key' in err && 'params' in err) {
    const parsed = UserErrorDataSchema.safeParse(err);
    if (parsed.success) return parsed.data;
  }
  if (err && typeof err === 'object' && 'name' in err && (err as Error).name === 'AbortError') {
    return { code: 'CANCELLED', key: 'errors.CANCELLED', params: {} };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', key: 'errors.INTERNAL', params: { message } };
}

/**
 * Data warnings of import and profile, worded from the catalogs: `warnings.<code>` in
 * `src/shared/i18n/{en,zh}/warnings.ts`. The engine's own English `message` (the CLI log) is that
 * catalog's English text, so a warning has one wording, which the wizard and the report show in the
 * user's language from the same `params`.
 */
import { translate } from '../../shared/i18n';
import type { MessageParams } from '../../shared/i18n';
import type { DataWarning } from '../../shared/model/data';

/** Parameters a warning's message reads (plain numbers, strings, lists), plus a proposed step. */
export type WarningParams = Record<string, unknown>;

/**
 * A warning with code `code`, its English message from `warnings.<code>` and `params` (with
 * `column` added when the warning names one).
 */
export function dataWarning(
  code: string,
  params: WarningParams,
  extra: Omit<DataWarning, 'code' | 'message' | 'params'> = {},
): DataWarning {
  const all = extra.column !== undefined ? { column: extra.column, ...params } : params;
  return {
    code,
    message: translate('en', `warnings.${code}`, all as MessageParams),
    ...extra,
    params: all,
  };
}

/** Most file lines a warning lists in its message; the rest are counted (`and 12 more`). */
export const LINES_SHOWN = 20;

/** `lines` as the message parameters `lines` (the first {@link LINES_SHOWN}) and `more`. */
export function lineParams(lines: readonly number[]): { lines: number[]; more: number } {
  return { lines: lines.slice(0, LINES_SHOWN), more: Math.max(0, lines.length - LINES_SHOWN) };
}

/**
 * The Import step's "Advanced" form and the `ImportOptions` it stands for. Every field's empty
 * value means "detect"; a character option that may itself be empty (no quote character, no
 * thousands separator) is written `none` in the form, since `""` is already "detect".
 */
import type { ImportOptions } from '../../../shared/model/data';

export interface ImportForm {
  encoding: string;
  delimiter: string;
  quote: string;
  escape: string;
  decimalMark: string;
  thousandsMark: string;
  /** `''` detect, `'true'`, `'false'`. */
  header: string;
  /** 1-based line of the header row, or null to detect. */
  headerRow: number | null;
  /** `.xlsx` sheet name, or `''` for the first. */
  sheet: string;
  /** Missing markers, comma-separated; blank for the defaults. */
  missing: string;
  onBadRow: 'skip' | 'stop';
}

const THOUSANDS = [',', '.', ' ', "'", ''] as const;

/** The form value of an option that may be the empty string. */
function pick(v: string | undefined): string {
  return v === undefined ? '' : v === '' ? 'none' : v;
}

/** The option value of a form value (`undefined` = detect). */
function unpick(v: string): string | undefined {
  return v === '' ? undefined : v === 'none' ? '' : v;
}

/** The form filled from the options a file was read with (`sheet`: the sheet read, when any). */
export function formFromOptions(o: ImportOptions | undefined, sheet?: string): ImportForm {
  return {
    encoding: o?.encoding ?? '',
    delimiter: o?.delimiter ?? '',
    quote: pick(o?.quote),
    escape: pick(o?.escape),
    decimalMark: o?.decimalMark ?? '',
    thousandsMark: pick(o?.thousandsMark),
    header: o?.header === undefined ? '' : String(o.header),
    headerRow: o?.headerRow ?? null,
    sheet: o?.sheet ?? sheet ?? '',
    missing: o?.missingMarkers?.join(', ') ?? '',
    onBadRow: o?.onBadRow ?? 'skip',
  };
}

/**
 * `base` (the options the file was read with, column type overrides included) with the form's
 * choices on top; a field set back to "detect" removes its option. `hasSheets`: the file is a
 * workbook, so `sheet` applies.
 */
export function optionsFromForm(base: ImportOptions, form: ImportForm, hasSheets: boolean): ImportOptions {
  const options: ImportOptions = { ...base, onBadRow: form.onBadRow };
  const set = <K extends keyof ImportOptions>(key: K, value: ImportOptions[K] | undefined) => {
    if (value === undefined) delete options[key];
    else options[key] = value;
  };
  set('encoding', form.encoding || undefined);
  set('delimiter', form.delimiter || undefined);
  set('quote', unpick(form.quote));
  set('escape', unpick(form.escape));
  set('decimalMark', form.decimalMark === '.' || form.decimalMark === ',' ? form.decimalMark : undefined);
  const mark = unpick(form.thousandsMark);
  set(
    'thousandsMark',
    THOUSANDS.find((m) => m === mark),
  );
  set('header', form.header === '' ? undefined : form.header === 'true');
  const line = form.headerRow;
  set('headerRow', typeof line === 'number' && Number.isInteger(line) && line >= 1 ? line : undefined);
  set('sheet', hasSheets && form.sheet ? form.sheet : undefined);
  const markers = form.missing
    .split(',')
    .map((s) => s.trim())
    .filter((s, i, all) => all.indexOf(s) === i);
  set('missingMarkers', form.missing.trim() ? markers : undefined);
  return options;
}

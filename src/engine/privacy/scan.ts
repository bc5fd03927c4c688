/**
 * The personal-data scan of every column (SPEC §8): by header (English and Chinese names) and by
 * validated values, whole cells first and then values inside free text. Each column gets a class
 * (direct identifier, quasi-identifier, sensitive attribute, other), its entities with counts, rows
 * and masked examples, the values that failed validation, and a proposed action.
 */
import type { Cell } from '../../shared/model/data';
import type { ColumnPrivacy, EntityFinding, EntityType, PrivacyScan } from '../../shared/model/privacy';
import { UserError } from '../../shared/errors';
import { isNumericType, type Frame, type FrameColumn } from '../data/frame';
import { headerHint, MEASUREMENT_HEADER, normalizeHeader, type HeaderHint } from './headers';
import { findEntitiesInText, type TextSpan } from './text';
import {
  cardDigits,
  dateValid,
  emailValid,
  ibanShape,
  ibanValid,
  ipVersion,
  luhnValid,
  phoneValid,
  postalCodeValid,
  prcIdCheck,
  ssnValid,
  uuidValid,
} from './validators';

/** Rows scanned by default; larger tables are judged on their first rows. */
export const DEFAULT_MAX_ROWS = 100_000;
/** 1-based rows listed per finding. */
const MAX_ROWS_LISTED = 20;
const MAX_EXAMPLES = 3;
const MAX_INVALID_LISTED = 100;
/** Distinct values remembered per column (bounds memory on columns of unique values). */
const MEMO_LIMIT = 20_000;
/**
 * Share of validated values (among the non-empty cells, or among the entity-shaped cells for
 * checksum entities) above which a column is taken to hold an entity without a header saying so.
 */
const MAJORITY = 0.5;
/** Share of cells with two or more words above which a column is prose (notes, comments). */
const FREE_TEXT_SHARE = 0.3;

/** Entities that make a column a direct identifier (HIPAA Safe Harbor, GDPR "directly identifying"). */
const DIRECT: ReadonlySet<EntityType> = new Set([
  'EMAIL',
  'PHONE',
  'PRC_ID',
  'US_SSN',
  'CREDIT_CARD',
  'IBAN',
  'IP',
  'PERSON',
  'UUID',
]);
/** Identifiers worth keeping as join keys: proposed for keyed pseudonymization rather than removal. */
const KEY_LIKE: ReadonlySet<EntityType> = new Set(['UUID', 'PRC_ID', 'US_SSN', 'EMAIL']);
/** Entities with a checksum: judged by their pass rate among entity-shaped cells. */
const CHECKSUM: ReadonlySet<EntityType> = new Set(['PRC_ID', 'CREDIT_CARD', 'IBAN']);

/**
 * Mask a value for display: letters and digits other than the first two and last two become `•`
 * (all but the last one when the value has at most 4), separators stay, so the shape is visible.
 */
export function maskValue(value: string): string {
  const chars = [...value];
  const alnum = chars.map((c, i) => (/[\p{L}\p{N}]/u.test(c) ? i : -1)).filter((i) => i >= 0);
  const keep = new Set(alnum.length <= 4 ? alnum.slice(-1) : [...alnum.slice(0, 2), ...alnum.slice(-2)]);
  return chars.map((c, i) => (alnum.includes(i) && !keep.has(i) ? '•' : c)).join('');
}

/** The text of a cell, or null for missing and booleans. Integers print without exponent. */
function cellText(v: Cell): string | null {
  if (v === null || typeof v === 'boolean') return null;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return null;
    return Number.isInteger(v) && Math.abs(v) < 1e21 ? v.toFixed(0) : String(v);
  }
  const t = v.trim();
  return t === '' ? null : t;
}

interface CellVerdict {
  entity?: EntityType;
  /** Shaped like `invalidEntity` but failed its validator for this reason. */
  invalidEntity?: EntityType;
  invalidReason?: string;
}

/** Which entity a whole cell is, checked from the most to the least specific. */
function classifyCell(text: string, hint: HeaderHint): CellVerdict {
  if (uuidValid(text)) return { entity: 'UUID' };
  if (emailValid(text)) return { entity: 'EMAIL' };
  if (!/\d/.test(text)) {
    // Every other entity but a name has digits; most categorical cells end here.
    return hint.entity === 'PERSON' && /\p{L}/u.test(text) && !text.includes('@') ? { entity: 'PERSON' } : {};
  }
  const out: CellVerdict = {};
  const failed = (entity: EntityType, reason: string) => {
    if (!out.invalidEntity) Object.assign(out, { invalidEntity: entity, invalidReason: reason });
  };
  if (ibanShape(text)) {
    if (ibanValid(text)) return { entity: 'IBAN' };
    failed('IBAN', 'checksum');
  }
  const prcShaped = /^\d{17}[\dXx]$/.test(text) || (hint.entity === 'PRC_ID' && /^\d{15}$/.test(text));
  if (prcShaped) {
    const r = prcIdCheck(text);
    if (r.valid) return { entity: 'PRC_ID' };
    failed('PRC_ID', r.reason ?? 'format');
  }
  const card = cardDigits(text);
  if (card) {
    if (luhnValid(card)) return { entity: 'CREDIT_CARD' };
    failed('CREDIT_CARD', 'checksum');
  }
  if (/^\d{3}-\d{2}-\d{4}$/.test(text) || (hint.entity === 'US_SSN' && /^\d{3} ?\d{2} ?\d{4}$/.test(text))) {
    if (ssnValid(text)) return { entity: 'US_SSN' };
    failed('US_SSN', 'range');
  }
  if (ipVersion(text) !== 0) return { entity: 'IP' };
  if (phoneValid(text, hint.entity === 'PHONE')) return { entity: 'PHONE' };
  if (postalCodeValid(text, hint.entity === 'POSTAL_CODE')) return { entity: 'POSTAL_CODE' };
  if (hint.entity === 'DATE_OF_BIRTH' && dateValid(text)) return { entity: 'DATE_OF_BIRTH' };
  if (hint.entity === 'PERSON' && /\p{L}/u.test(text) && !/[@\d]/.test(text)) return { entity: 'PERSON' };
  return out;
}

/**
 * Digit strings that are a measurement, a time or a counter rather than card numbers (Luhn passes
 * one random number in ten, so epoch milliseconds trip it — C23): the header says so, or the values
 * rise monotonically, or they share the leading half of their digits.
 */
function looksLikeMeasurement(header: string, digitStrings: string[]): boolean {
  if (MEASUREMENT_HEADER.test(normalizeHeader(header))) return true;
  if (digitStrings.length < 3) return false;
  let monotone = true;
  for (let i = 1; i < digitStrings.length && monotone; i++) {
    const a = digitStrings[i - 1]!;
    const b = digitStrings[i]!;
    monotone = a.length < b.length || (a.length === b.length && a <= b);
  }
  if (monotone) return true;
  const first = digitStrings[0]!;
  let prefix = first.length;
  for (const s of digitStrings) {
    let k = 0;
    while (k < prefix && k < s.length && s[k] === first[k]) k++;
    prefix = k;
  }
  return prefix * 2 >= first.length && new Set(digitStrings).size > 1;
}

interface Tally {
  count: number;
  rows: number[];
  examples: string[];
}

function tally(map: Map<EntityType, Tally>, entity: EntityType, row: number, text: string): void {
  let t = map.get(entity);
  if (!t) map.set(entity, (t = { count: 0, rows: [], examples: [] }));
  t.count++;
  if (t.rows.length < MAX_ROWS_LISTED) t.rows.push(row);
  const masked = maskValue(text);
  if (t.examples.length < MAX_EXAMPLES && !t.examples.includes(masked)) t.examples.push(masked);
}

function mergeTally(map: Map<EntityType, Tally>, entity: EntityType, add: Tally): void {
  const t = map.get(entity);
  if (!t) {
    map.set(entity, add);
    return;
  }
  t.count += add.count;
  t.rows = [...new Set([...t.rows, ...add.rows])].sort((a, b) => a - b).slice(0, MAX_ROWS_LISTED);
  for (const e of add.examples) if (t.examples.length < MAX_EXAMPLES && !t.examples.includes(e)) t.examples.push(e);
}

function scanColumn(col: FrameColumn, rows: number, identifierPatterns: RegExp[]): ColumnPrivacy {
  const hint = headerHint(col.name, identifierPatterns);
  const numeric = isNumericType(col.type);
  const whole = new Map<EntityType, Tally>();
  const inText = new Map<EntityType, Tally>();
  const invalid = new Map<EntityType, { row: number; reason: string }[]>();
  const invalidCount = new Map<EntityType, number>();
  const plainDigits: string[] = [];
  let nonEmpty = 0;
  let multiWord = 0;

  // Categorical columns repeat a few values: classify each distinct value once.
  const memo = new Map<string, { v: CellVerdict; spans: TextSpan[] | null }>();
  for (let i = 0; i < rows; i++) {
    const text = cellText(col.values[i] ?? null);
    if (text === null) continue;
    nonEmpty++;
    if (/^\d+$/.test(text)) plainDigits.push(text);
    else if (/\p{L}+\s+\p{L}+/u.test(text)) multiWord++;
    // Numbers typed as numbers are measurements unless the header names an entity (a phone column
    // typed integer): no value-only detection there.
    if (numeric && !hint.entity) continue;
    let known = memo.get(text);
    if (!known) {
      const v = classifyCell(text, hint);
      // Free text: any other cell long enough to hold an entity (Chinese text has no spaces).
      const spans = !v.entity && !numeric && text.length >= 7 ? findEntitiesInText(text) : null;
      known = { v, spans };
      if (memo.size < MEMO_LIMIT) memo.set(text, known);
    }
    const { v, spans } = known;
    if (v.entity) {
      tally(whole, v.entity, i + 1, text);
      continue;
    }
    if (v.invalidEntity) {
      invalidCount.set(v.invalidEntity, (invalidCount.get(v.invalidEntity) ?? 0) + 1);
      const list = invalid.get(v.invalidEntity) ?? [];
      if (list.length < MAX_INVALID_LISTED) list.push({ row: i + 1, reason: v.invalidReason! });
      invalid.set(v.invalidEntity, list);
    }
    for (const span of spans ?? []) tally(inText, span.entity, i + 1, span.text);
  }

  const measurement = hint.entity !== 'CREDIT_CARD' && looksLikeMeasurement(col.name, plainDigits);
  const accepted = (entity: EntityType, t: Tally): boolean => {
    if (entity === 'CREDIT_CARD' && (measurement || numeric) && hint.entity !== 'CREDIT_CARD') return false;
    if (hint.entity === entity) return true;
    if (entity === 'PERSON' || entity === 'DATE_OF_BIRTH') return false;
    if (CHECKSUM.has(entity)) return t.count / (t.count + (invalidCount.get(entity) ?? 0)) >= MAJORITY;
    if (entity === 'EMAIL' || entity === 'UUID') return true;
    return t.count >= MAJORITY * nonEmpty;
  };

  // In a column of prose, a cell that is nothing but a phone number is personal data in free text,
  // even though such cells are too few to make the column a phone column.
  const prose = multiWord >= FREE_TEXT_SHARE * nonEmpty;
  const entities: EntityFinding[] = [];
  for (const [entity, t] of whole) {
    if (accepted(entity, t)) {
      const source = entity === 'PERSON' ? 'header' : 'values';
      entities.push({ entity, source, count: t.count, rows: t.rows, examples: t.examples });
    } else if (
      prose &&
      entity !== 'PERSON' &&
      entity !== 'DATE_OF_BIRTH' &&
      !(entity === 'CREDIT_CARD' && measurement)
    ) {
      mergeTally(inText, entity, t);
    }
  }
  const valueEntities = new Set(entities.map((e) => e.entity));
  for (const [entity, t] of inText) {
    if (entity === 'CREDIT_CARD' && measurement) continue;
    entities.push({ entity, source: 'free_text', count: t.count, rows: t.rows, examples: t.examples });
  }
  // A column the header names but that is empty in the scanned rows still declares the entity.
  if (hint.entity && nonEmpty === 0)
    entities.push({ entity: hint.entity, source: 'header', count: 0, rows: [], examples: [] });
  entities.sort((a, b) => b.count - a.count);

  // Invalid values are reported for the entity the column holds (the header's, or the values').
  const primary = hint.entity ?? entities.find((e) => e.source === 'values')?.entity ?? null;
  const invalidRows =
    primary && (valueEntities.has(primary) || hint.entity === primary)
      ? (invalid.get(primary) ?? []).map((x) => ({ ...x, entity: primary }))
      : [];

  return { column: col.name, ...decide(hint, entities), entities, invalid: invalidRows };
}

/** Class, action and reason from the header and the findings. */
function decide(
  hint: HeaderHint,
  entities: EntityFinding[],
): Pick<ColumnPrivacy, 'class' | 'action' | 'excludedFromFeatures' | 'reason'> {
  const direct = entities.filter((e) => DIRECT.has(e.entity) && e.source !== 'free_text');
  const textual = entities.filter((e) => e.source === 'free_text');
  if (hint.templateIdentifier) {
    return {
      class: 'direct_identifier',
      action: 'pseudonymize',
      excludedFromFeatures: true,
      reason: 'privacy.reason.templateIdentifier',
    };
  }
  if (direct.length) {
    const entity = direct[0]!.entity;
    return {
      class: 'direct_identifier',
      action: KEY_LIKE.has(entity) ? 'pseudonymize' : 'drop',
      excludedFromFeatures: true,
      reason: 'privacy.reason.directIdentifier',
    };
  }
  if (hint.identifier) {
    return {
      class: 'direct_identifier',
      action: 'pseudonymize',
      excludedFromFeatures: true,
      reason: 'privacy.reason.identifierHeader',
    };
  }
  if (textual.length) {
    return {
      class: 'direct_identifier',
      action: 'drop',
      excludedFromFeatures: true,
      reason: 'privacy.reason.freeText',
    };
  }
  if (hint.sensitive)
    return {
      class: 'sensitive',
      action: 'keep',
      excludedFromFeatures: false,
      reason: hint.criminal ? 'privacy.reason.criminal' : 'privacy.reason.sensitive',
    };
  const quasiEntity = entities.find((e) => e.entity === 'DATE_OF_BIRTH' || e.entity === 'POSTAL_CODE');
  if (quasiEntity || hint.quasi) {
    return {
      class: 'quasi_identifier',
      action: 'generalize',
      excludedFromFeatures: false,
      reason: 'privacy.reason.quasiIdentifier',
    };
  }
  return { class: 'other', action: 'keep', excludedFromFeatures: false, reason: 'privacy.reason.none' };
}

/**
 * Scan every column of `frame` for personal data, by header and by validated values (first
 * `maxRows` rows, default 100 000). `identifierPatterns` are a template's extra direct-identifier
 * header patterns (case-insensitive regular expressions, e.g. operator IDs).
 *
 * Value rules: checksum entities (PRC ID, card, IBAN) count when most entity-shaped cells pass the
 * checksum; e-mail and UUID on any validated cell; phone, SSN, IP and postal codes when at least half
 * the non-empty cells validate (or the header names them, which also relaxes the phone and postal
 * code shapes); person names and dates of birth only when the header names them. Digit strings that
 * look like a measurement, time or counter never yield card numbers. Rows are 1-based data rows.
 * @throws UserError SETTING_INVALID when an identifier pattern is not a valid regular expression.
 */
export function scanPrivacy(frame: Frame, opts: { identifierPatterns?: string[]; maxRows?: number } = {}): PrivacyScan {
  const patterns = (opts.identifierPatterns ?? []).map((p) => {
    try {
      return new RegExp(p, 'iu');
    } catch {
      throw new UserError('SETTING_INVALID', { setting: 'privacy.identifierPatterns', reason: p });
    }
  });
  const rows = Math.min(frame.rowCount, opts.maxRows ?? DEFAULT_MAX_ROWS);
  return { columns: frame.columns.map((c) => scanColumn(c, rows, patterns)), rowsScanned: rows };
}

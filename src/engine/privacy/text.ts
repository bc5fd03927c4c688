/**
 * Personal data inside free text (SPEC §8: "free-text columns that contain any of these"): candidate
 * spans found by pattern, kept only when the entity's validator accepts them (Presidio's pattern +
 * checksum approach, REFERENCE.md §2.5). Recognizers run from the most to the least specific, and a
 * span taken by one (a UUID, an e-mail) is hidden from the rest, so digits inside a UUID are never a
 * phone number (C21).
 */
import type { EntityType } from '../../shared/model/privacy';
import {
  cardShaped,
  emailValid,
  ibanValid,
  ipVersion,
  luhnValid,
  phoneValid,
  prcIdCheck,
  ssnValid,
} from './validators';

export interface TextSpan {
  entity: EntityType;
  /** UTF-16 offsets into the text, end exclusive. */
  start: number;
  end: number;
  text: string;
}

interface Recognizer {
  entity: EntityType;
  pattern: RegExp;
  valid: (s: string) => boolean;
}

// Lookarounds stand in for \b so that a candidate never starts or ends inside a longer token
// (letters, digits, or a hyphenated code such as a UUID).
const RECOGNIZERS: Recognizer[] = [
  {
    entity: 'EMAIL',
    pattern: /(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,63}(?![\w-])/g,
    valid: emailValid,
  },
  {
    entity: 'UUID',
    pattern: /(?<![\w-])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![\w-])/gi,
    valid: () => true,
  },
  {
    entity: 'IBAN',
    pattern: /(?<![\w])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?(?!\w)/g,
    valid: ibanValid,
  },
  { entity: 'PRC_ID', pattern: /(?<![\w-])\d{17}[\dXx](?![\w-])/g, valid: (s) => prcIdCheck(s).valid },
  {
    entity: 'CREDIT_CARD',
    pattern: /(?<![\w-])\d{4}(?:[ -]?\d{3,6}){2,4}(?![\w-])/g,
    valid: (s) => {
      const d = s.replace(/[ -]/g, '');
      return cardShaped(d) && luhnValid(d);
    },
  },
  { entity: 'US_SSN', pattern: /(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-])/g, valid: ssnValid },
  {
    entity: 'IP',
    pattern: /(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.])|(?<![\w:])(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?![\w:])/gi,
    valid: (s) => ipVersion(s) !== 0,
  },
  {
    entity: 'PHONE',
    pattern: new RegExp(
      [
        /(?<![\w+])\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,5}(?![\w-])/.source,
        /(?<![\w-])(?:1[ .-])?(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4}(?![\w-])/.source,
        /(?<![\w-])[2-9]\d{2}[ -]\d{4}(?![\w-])/.source,
        /(?<![\w-])0\d{2,3}-\d{7,8}(?![\w-])/.source,
        /(?<![\w+-])(?:86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?![\w-])/.source,
      ].join('|'),
      'g',
    ),
    valid: (s) => phoneValid(s),
  },
];

/** Character that replaces a taken span: not a word character, not a separator of any pattern. */
const HIDDEN = '\u2588';

/**
 * Validated entity spans in `text`, in order of position. Covers EMAIL, UUID, IBAN, PRC_ID,
 * CREDIT_CARD (Luhn), US_SSN, IP and PHONE; names, dates of birth and postal codes need a column
 * header and are not looked for in free text.
 */
export function findEntitiesInText(text: string): TextSpan[] {
  // Every entity here needs an @, four digits, or a UUID's hex groups.
  if (!text.includes('@') && (text.match(/\d/g)?.length ?? 0) < 4 && !/[0-9a-f]{8}-/i.test(text)) return [];
  let work = text;
  const spans: TextSpan[] = [];
  for (const r of RECOGNIZERS) {
    r.pattern.lastIndex = 0;
    for (const m of work.matchAll(r.pattern)) {
      const s = m[0];
      if (!r.valid(s)) continue;
      const start = m.index;
      spans.push({ entity: r.entity, start, end: start + s.length, text: text.slice(start, start + s.length) });
    }
    for (const sp of spans) work = work.slice(0, sp.start) + HIDDEN.repeat(sp.end - sp.start) + work.slice(sp.end);
  }
  return spans.sort((a, b) => a.start - b.start);
}

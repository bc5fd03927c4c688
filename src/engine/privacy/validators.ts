/**
 * Validators of personal-data values (SPEC §8): each says whether a whole string is a valid value of
 * one entity type, with the checksum or range rule of its standard. They take the value as text, so
 * long digit strings (cards, 18-digit IDs) never pass through a float.
 */
import { isIP } from 'node:net';

/**
 * Luhn (ISO/IEC 7812-1 check digit): from the right, double every second digit, sum the digits,
 * valid iff the total ≡ 0 (mod 10). Spaces and dashes are ignored (as Presidio's `validate_result`);
 * any other non-digit, or no digits, is invalid.
 */
export function luhnValid(digits: string): boolean {
  const d = digits.replace(/[\s-]/g, '');
  if (!/^\d+$/.test(d)) return false;
  let sum = 0;
  for (let i = 0; i < d.length; i++) {
    let x = d.charCodeAt(d.length - 1 - i) - 48;
    if (i % 2 === 1) {
      x *= 2;
      if (x > 9) x -= 9;
    }
    sum += x;
  }
  return sum % 10 === 0;
}

/**
 * Whether digits (separators removed) have the shape of a payment card number: 12–19 digits with an
 * issuer prefix Presidio's recognizer accepts (3, 4, 5[0-5], 6, and 1 only for 15-digit UATP cards),
 * plus the Mastercard 2-series 2221–2720 that Presidio's regex misses (C23). Not the Luhn check.
 */
export function cardShaped(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  const p2 = Number(digits.slice(0, 2));
  const p6 = Number(digits.slice(0, 6));
  if (digits[0] === '4' || digits[0] === '6' || digits[0] === '3') return true;
  if (p2 >= 50 && p2 <= 55) return true;
  if (p6 >= 222100 && p6 <= 272099) return true;
  return digits[0] === '1' && digits.length === 15;
}

/** Card-number text: digits in groups separated by single spaces or dashes, or plain digits. */
const CARD_TEXT = /^\d{4}(?:[ -]?\d{3,6}){2,4}$|^\d{12,19}$/;

/** The digits of `s` when it is written like a card number (grouped or plain), else null. */
export function cardDigits(s: string): string | null {
  const t = s.trim();
  if (!CARD_TEXT.test(t)) return null;
  const d = t.replace(/[ -]/g, '');
  return cardShaped(d) ? d : null;
}

/** GB 11643-1999 weights W_i = 2^(18−i) mod 11 for positions 1–17 (REFERENCE.md §2.6). */
const PRC_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const PRC_CHECK = '10X98765432';

/** Whether y-m-d is a real calendar date no later than `today` (ISO `YYYY-MM-DD`) and after 1800. */
export function validDate(y: number, m: number, d: number, today = new Date().toISOString().slice(0, 10)): boolean {
  if (y < 1800 || m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return false;
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return iso <= today;
}

/**
 * Check a PRC resident identity number (GB 11643-1999; ISO 7064 MOD 11-2; REFERENCE.md §2.6): 17
 * digits and a check character `"10X98765432"[Σ a_i·W_i mod 11]`, `x` accepted for `X`; the birth
 * date (digits 7–14) must be a real date not in the future. The sequence number (digits 15–17) is
 * odd for men. A legacy 15-digit number (GB 11643-1989, birth date YYMMDD in 19xx, no check digit)
 * is valid when its date is. The address code is not checked against GB/T 2260.
 * Reasons: `format` (length/characters), `date`, `checksum` — checked in that order.
 */
export function prcIdCheck(id: string): {
  valid: boolean;
  reason?: 'checksum' | 'date' | 'format';
  birthDate?: string;
  sex?: 'male' | 'female';
} {
  const s = id.trim().toUpperCase();
  let ymd: string;
  let seq: number;
  if (/^\d{17}[\dX]$/.test(s)) {
    ymd = s.slice(6, 14);
    seq = Number(s.slice(14, 17));
  } else if (/^\d{15}$/.test(s)) {
    ymd = '19' + s.slice(6, 12);
    seq = Number(s.slice(12, 15));
  } else {
    return { valid: false, reason: 'format' };
  }
  const y = Number(ymd.slice(0, 4));
  const m = Number(ymd.slice(4, 6));
  const d = Number(ymd.slice(6, 8));
  if (!validDate(y, m, d)) return { valid: false, reason: 'date' };
  if (s.length === 18) {
    let sum = 0;
    for (let i = 0; i < 17; i++) sum += (s.charCodeAt(i) - 48) * PRC_WEIGHTS[i]!;
    if (PRC_CHECK[sum % 11] !== s[17]) return { valid: false, reason: 'checksum' };
  }
  return {
    valid: true,
    birthDate: `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`,
    sex: seq % 2 === 1 ? 'male' : 'female',
  };
}

/** IBAN lengths by country (SWIFT IBAN registry); other countries: 15–34 characters. */
const IBAN_LENGTH: Record<string, number> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, BY: 28, CH: 21,
  CR: 22, CY: 28, CZ: 24, DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27,
  GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26,
  IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MD: 24,
  ME: 22, MK: 19, MR: 27, MT: 31, MU: 30, NL: 18, NO: 15, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29,
  RO: 24, RS: 22, SA: 24, SC: 31, SE: 24, SI: 19, SK: 24, SM: 27, ST: 25, SV: 28, TL: 23, TN: 24,
  TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
}; // prettier-ignore

/** The compact form of IBAN-shaped text (spaces removed, upper case), or null when not IBAN-shaped. */
export function ibanShape(s: string): string | null {
  const c = s.replace(/ /g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(c)) return null;
  const len = IBAN_LENGTH[c.slice(0, 2)];
  return len === undefined || len === c.length ? c : null;
}

/**
 * IBAN check (ISO 13616): country code, two check digits, BBAN; the country's length; and the
 * ISO 7064 MOD 97-10 rule — move the first four characters to the end, letters → 10…35, the number
 * mod 97 must be 1. Spaces are ignored, lower case accepted.
 */
export function ibanValid(s: string): boolean {
  const c = ibanShape(s);
  if (!c) return false;
  const moved = c.slice(4) + c.slice(0, 4);
  let rem = 0;
  for (const ch of moved) {
    const v = ch >= 'A' ? ch.charCodeAt(0) - 55 : ch.charCodeAt(0) - 48;
    rem = (v >= 10 ? rem * 100 + v : rem * 10 + v) % 97;
  }
  return rem === 1;
}

/**
 * US Social Security number rules (SSA; as Presidio's `UsSsnRecognizer`): area not 000, 666 or
 * 900–999, group not 00, serial not 0000, and not the publicised 078-05-1120 or 219-09-9999.
 * Input `AAA-GG-SSSS`, `AAA GG SSSS` or 9 digits.
 */
export function ssnValid(s: string): boolean {
  const m = /^(\d{3})([- ]?)(\d{2})\2(\d{4})$/.exec(s.trim());
  if (!m) return false;
  const [area, group, serial] = [m[1]!, m[3]!, m[4]!];
  if (area === '000' || area === '666' || area[0] === '9' || group === '00' || serial === '0000') return false;
  const d = area + group + serial;
  return d !== '078051120' && d !== '219099999';
}

const EMAIL =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/** An e-mail address: RFC 5322 dot-atom local part, DNS host names, alphabetic TLD; ≤ 254 chars. */
export function emailValid(s: string): boolean {
  return s.length <= 254 && EMAIL.test(s);
}

const UUID = /^(?:urn:uuid:)?\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;

/** A UUID (RFC 4122 8-4-4-4-12 hex text, with optional braces or `urn:uuid:`). */
export function uuidValid(s: string): boolean {
  return UUID.test(s.trim());
}

/** 4 or 6 when `s` is an IPv4 (dotted quad) or IPv6 address (Node's `net.isIP`), else 0. */
export function ipVersion(s: string): 0 | 4 | 6 {
  return isIP(s.trim()) as 0 | 4 | 6;
}

/**
 * Whether text is a phone number on its own. `headerSaysPhone` relaxes the rules to any 7–15
 * digits (the column is declared a phone column: C11's `0199000101`). Without it, one of:
 * - mainland-China mobile `1[3-9]` + 9 digits, optionally after +86 / 0086;
 * - NANP (optional +1) `NXX NXX XXXX` with separators or a leading +;
 * - a 7-digit local number `NXX-XXXX` with a dash or space, incl. the fictional 555-01xx (C21);
 * - China landline `0AA(A)-XXXXXXX(X)`;
 * - any international number written with a leading + or 00 and 8–15 digits (E.164).
 */
export function phoneValid(s: string, headerSaysPhone = false): boolean {
  const t = s.trim();
  if (!/^\+?[\d\s().-]+$/.test(t)) return false;
  const digits = t.replace(/\D/g, '');
  const plus = t.startsWith('+') || /^00[1-9]/.test(t);
  const separated = /[\s().-]/.test(t);
  if (headerSaysPhone) return digits.length >= 7 && digits.length <= 15;
  if (/^(?:0086|86)?1[3-9]\d{9}$/.test(digits)) return true;
  if (separated || plus) {
    if (
      /^(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-]?)\d{3}[\s.-]?\d{4}$/.test(t) &&
      /^1?[2-9]\d{2}[2-9]\d{6}$/.test(digits)
    )
      return true;
    if (/^(?:\+?1[\s-]?)?[2-9]\d{2}[\s-]\d{4}$/.test(t)) return true;
    if (/^0\d{2,3}-\d{7,8}$/.test(t)) return true;
  }
  return plus && digits.length >= 8 && digits.length <= 15;
}

/**
 * Whether text is a postal code. With `headerSaysPostal`: US ZIP / ZIP+4, 4–6 digit codes (CN, DE,
 * FR, AU…), UK, Canadian, Dutch and Japanese formats. Without it only the distinctive shapes: ZIP+4,
 * UK, Canadian.
 */
export function postalCodeValid(s: string, headerSaysPostal = false): boolean {
  const t = s.trim();
  const uk = /^(?:GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})$/i;
  const ca = /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$/i;
  if (/^\d{5}-\d{4}$/.test(t) || uk.test(t) || ca.test(t)) return true;
  return headerSaysPostal && (/^\d{4,6}$/.test(t) || /^\d{4} ?[A-Z]{2}$/i.test(t) || /^\d{3}-\d{4}$/.test(t));
}

/**
 * A date as people write birth dates: `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYYMMDD`, `DD.MM.YYYY`,
 * `DD/MM/YYYY` or `MM/DD/YYYY` (either reading valid), `YYYY年M月D日`; a real date not in the future.
 */
export function dateValid(s: string): boolean {
  const t = s.trim();
  let m =
    /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(t) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(t) ??
    /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(t);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(t);
  if (m)
    return validDate(Number(m[3]), Number(m[2]), Number(m[1])) || validDate(Number(m[3]), Number(m[1]), Number(m[2]));
  return false;
}

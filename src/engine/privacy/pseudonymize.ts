/**
 * Keyed pseudonymization (SPEC §8): the same value and key always give the same token, so joins and
 * counts survive, while without the key (held in the project) the token cannot be reversed or
 * recomputed from a guessed value — unlike a plain or fixed-salt hash (cf. Presidio's `hash`
 * operator, REFERENCE.md §2.5).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { UserError } from '../../shared/errors';

/** Smallest key accepted, in bytes (128 bits). */
export const MIN_KEY_BYTES = 16;

/** A fresh random 256-bit key for {@link pseudonymize}. */
export function newPseudonymKey(): Uint8Array {
  return new Uint8Array(randomBytes(32));
}

/**
 * HMAC-SHA-256 (RFC 2104, FIPS 180-4) of the UTF-8 value under `key`, as the first 128 bits in
 * lower-case hex (32 characters). The value is used as given (no trimming or case folding).
 * @throws UserError SETTING_INVALID when the key is shorter than {@link MIN_KEY_BYTES}.
 */
export function pseudonymize(value: string, key: Uint8Array): string {
  if (key.length < MIN_KEY_BYTES) {
    throw new UserError('SETTING_INVALID', { setting: 'privacy.pseudonymKey', reason: `${key.length * 8} bits` });
  }
  return createHmac('sha256', key).update(value, 'utf8').digest('hex').slice(0, 32);
}

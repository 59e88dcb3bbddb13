/**
 * The hashed-assignment number: a client's position in [0, 1) derived from a keyed hash of
 * their id, so it depends on nothing but (key, id) — not on the batch, the file order or the day.
 */
import { hmacSha256Keyed, utf8 } from './sha256.js';

const TWO_POW_21 = 2 ** 21;
const TWO_POW_53 = 2 ** 53;

/**
 * Maps the first 53 bits of a digest (big-endian) to a number in [0, 1):
 * u = ⌊(b₀…b₇ as unsigned 64-bit big-endian) / 2¹¹⌋ / 2⁵³. Exact in double precision.
 */
export function digestToUniform(digest: Uint8Array): number {
  const hi = ((digest[0]! << 24) | (digest[1]! << 16) | (digest[2]! << 8) | digest[3]!) >>> 0;
  const lo = ((digest[4]! << 24) | (digest[5]! << 16) | (digest[6]! << 8) | digest[7]!) >>> 0;
  return (hi * TWO_POW_21 + (lo >>> 11)) / TWO_POW_53;
}

/**
 * A function id → u ∈ [0, 1) for one experiment key: u = first 53 bits of
 * HMAC-SHA256(key = UTF-8(experiment key), message = UTF-8(id)) / 2⁵³.
 * Precomputes the keyed state, so each id costs two SHA-256 compressions (ids up to 55 bytes).
 *
 * @example
 * const u = createHashUniform('ww-pilot-2021');
 * u('client-0001') // the same number in every run, batch and order
 */
export function createHashUniform(key: string): (id: string) => number {
  const mac = hmacSha256Keyed(utf8(key));
  return (id) => digestToUniform(mac(id));
}

/**
 * The hashed-assignment number of one id under one experiment key (see {@link createHashUniform}).
 *
 * @example
 * hashUniform('ww-pilot-2021', 'client-0001') // a number in [0, 1)
 */
export function hashUniform(key: string, id: string): number {
  return createHashUniform(key)(id);
}

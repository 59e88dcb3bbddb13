/**
 * The Dutch citizen service number (BSN): format check, the eleven test and keyed
 * pseudonymisation. A BSN is never put in a message: errors carry row numbers only.
 */
import { formatRows, InputError } from '../errors.js';
import { type AllKeys, rejectUnknownKeys } from '../stats/option-keys.js';
import { elevenTest } from '../table/identifier-guard.js';
import { hmacSha256Keyed, toHex } from './sha256.js';

/** Options for reading a BSN. */
export interface BsnOptions {
  /**
   * Left-pad an eight-digit value with one zero (files that stored the BSN as a number lose the
   * leading zero). Off by default: padding is a decision about the source, not a guess.
   */
  readonly padEightDigits?: boolean;
}

/**
 * The canonical nine-digit text of a BSN, or `undefined` when it is not nine digits (after
 * trimming and, if asked, left-padding eight digits). Does not apply the eleven test.
 *
 * @example
 * normaliseBsn(' 012345672 ') // "012345672"
 * normaliseBsn('12345672', { padEightDigits: true }) // "012345672"
 */
export function normaliseBsn(value: unknown, options: BsnOptions = {}): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  let s = String(value).trim();
  if (options.padEightDigits && /^\d{8}$/.test(s)) s = `0${s}`;
  return /^\d{9}$/.test(s) ? s : undefined;
}

/**
 * Whether a value is a valid BSN: nine digits d₁…d₉ (leading zeros kept) passing the eleven
 * test 9·d₁ + 8·d₂ + 7·d₃ + 6·d₄ + 5·d₅ + 4·d₆ + 3·d₇ + 2·d₈ − 1·d₉ ≡ 0 (mod 11).
 * `000000000` passes the arithmetic but is not a number anyone holds, so it is rejected.
 *
 * @example
 * isValidBsn('111222333') // true
 * isValidBsn('123456789') // false
 * isValidBsn('12345672')  // false (eight digits)
 * isValidBsn('12345672', { padEightDigits: true }) // true ("012345672")
 */
export function isValidBsn(value: unknown, options: BsnOptions = {}): boolean {
  const s = normaliseBsn(value, options);
  return s !== undefined && elevenTest(s);
}

/**
 * 1-based numbers of the rows whose value is not a valid BSN (see {@link isValidBsn}).
 *
 * @example
 * invalidBsnRows(['111222333', '123456789']) // [2]
 */
export function invalidBsnRows(values: ArrayLike<unknown>, options: BsnOptions = {}): number[] {
  const rows: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (!isValidBsn(values[i], options)) rows.push(i + 1);
  }
  return rows;
}

const CREATE_PSEUDONYMISER_KEYS: AllKeys<BsnOptions> = { padEightDigits: true };

/**
 * Creates a pseudonymiser for one secret: BSN → lower-case hex HMAC-SHA256(secret, BSN), the BSN
 * taken as its nine-digit text. Same secret and BSN, same pseudonym, in Node, Deno and browsers.
 * Why keyed: there are only 10⁹ BSNs, so an unkeyed hash is reversed by trying them all; keep
 * the secret (≥ 32 random bytes) apart from the data. Throws `InputError` (code `invalid-bsn`,
 * no value echoed) for an invalid BSN and `invalid-option` for an empty secret.
 *
 * @example
 * const p = createPseudonymiser('a long random secret kept outside the data');
 * p('111222333') // 64 hex characters
 */
export function createPseudonymiser(
  secret: string | Uint8Array,
  options: BsnOptions = {},
): (bsn: unknown) => string {
  rejectUnknownKeys(options, CREATE_PSEUDONYMISER_KEYS, 'createPseudonymiser');
  if (secret.length === 0) {
    throw new InputError('pseudonymisation needs a non-empty secret', { code: 'invalid-option' });
  }
  const mac = hmacSha256Keyed(secret);
  return (bsn) => {
    const s = normaliseBsn(bsn, options);
    if (s === undefined || !isValidBsn(s)) {
      throw new InputError('not a valid BSN (value not shown)', { code: 'invalid-bsn' });
    }
    return toHex(mac(s));
  };
}

/**
 * Pseudonymises one BSN: lower-case hex of HMAC-SHA256(key = secret, message = UTF-8 of the
 * nine-digit BSN). See {@link createPseudonymiser} for many values.
 *
 * @example
 * pseudonymise('111222333', 'secret') // "…64 hex characters…"
 */
export function pseudonymise(
  bsn: unknown,
  secret: string | Uint8Array,
  options: BsnOptions = {},
): string {
  return createPseudonymiser(secret, options)(bsn);
}

const PSEUDONYMISE_ALL_KEYS: AllKeys<Parameters<typeof pseudonymiseAll>[2]> = {
  padEightDigits: true,
  column: true,
};

/**
 * Pseudonymises a column of BSNs. Invalid values are reported together, by row number only.
 *
 * @example
 * pseudonymiseAll(['111222333', '123456782'], 'secret') // two hex strings
 */
export function pseudonymiseAll(
  values: ArrayLike<unknown>,
  secret: string | Uint8Array,
  options: BsnOptions & { readonly column?: string } = {},
): string[] {
  rejectUnknownKeys(options, PSEUDONYMISE_ALL_KEYS, 'pseudonymiseAll');
  const { column, ...bsnOptions } = options;
  const bad = invalidBsnRows(values, bsnOptions);
  if (bad.length > 0) throw invalidBsnError(bad, column);
  const p = createPseudonymiser(secret, bsnOptions);
  return Array.from({ length: values.length }, (_, i) => p(values[i]));
}

/** The error for invalid BSNs: row numbers only, never the values. */
export function invalidBsnError(rows: readonly number[], column?: string): InputError {
  const where = column === undefined ? '' : ` in column '${column}'`;
  return new InputError(
    `${rows.length} invalid BSN${rows.length === 1 ? '' : 's'}${where} (nine digits, eleven test) at ${formatRows(rows)}; values not shown`,
    column === undefined ? { code: 'invalid-bsn', rows } : { code: 'invalid-bsn', column, rows },
  );
}

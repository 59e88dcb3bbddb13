/**
 * The identifier guard: finds in an output text a value equal to an id of the input, or a
 * nine-digit string that passes the BSN eleven test, so that no output boundary (a writer, the
 * CLI's stdout, stderr and files) ever writes one. It lives beside the writers so every layer can
 * use it; the BSN functions of `src/assign/bsn.ts` build on its `elevenTest`.
 *
 * Which ids are guarded: every value of the id column, trimmed, with at least
 * {@link MIN_GUARDED_ID_LENGTH} characters, and at least seven when it is all digits. Shorter
 * values (a pseudonym `3`, a six-digit number) are too common as counts and levels to withhold
 * everywhere; a BSN has nine digits and is always guarded, also without the id column.
 */
import { StringSet } from './string-set.js';

/** Ids shorter than this (after trimming) are not guarded (see the module comment). */
export const MIN_GUARDED_ID_LENGTH = 5;
/** All-digit ids shorter than this are not guarded: they are indistinguishable from counts. */
const MIN_GUARDED_DIGITS = 7;

/** The text written instead of an identifier where text is redacted (stderr). */
export const WITHHELD = '<withheld>';

/**
 * The BSN eleven test on nine digits d₁…d₉: 9·d₁ + 8·d₂ + … + 2·d₈ − 1·d₉ ≡ 0 (mod 11), and not
 * `000000000`. O(1).
 *
 * @example
 * elevenTest('111222333') // true
 * elevenTest('123456789') // false
 */
export function elevenTest(nineDigits: string): boolean {
  if (!/^\d{9}$/.test(nineDigits) || nineDigits === '000000000') return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * (nineDigits.charCodeAt(i) - 48);
  sum -= nineDigits.charCodeAt(8) - 48;
  return sum % 11 === 0;
}

/**
 * Whether a value looks like a BSN: a string or number whose trimmed text is nine digits that
 * pass the `elevenTest`.
 *
 * @example
 * isBsnLike(' 111222333 ') // true
 * isBsnLike('experiment') // false
 */
export function isBsnLike(value: unknown): boolean {
  if (typeof value !== 'string' && typeof value !== 'number') return false;
  return elevenTest(String(value).trim());
}

/**
 * The guarded form of an id value (see the module comment), or `undefined` when it is not
 * guarded.
 *
 * @example
 * guardedId(' DH000001 ') // "DH000001"
 * guardedId('123456') // undefined (all digits, fewer than seven)
 */
export function guardedId(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'bigint') {
    return undefined;
  }
  const s = String(value).trim();
  if (s.length < MIN_GUARDED_ID_LENGTH) return undefined;
  if (/^\d+$/.test(s) && s.length < MIN_GUARDED_DIGITS) return undefined;
  return s;
}

/** Where an identifier was found: 1-based line of the text, and what it is. */
export interface IdentifierHit {
  readonly line: number;
  /** `id`: equals an id of the input; `bsn`: nine digits that pass the eleven test. */
  readonly kind: 'id' | 'bsn';
}

/** A guard over a set of ids (see {@link identifierGuard}). */
export interface IdentifierGuard {
  /** Adds the values of an id column (or of pseudonyms) to the guarded ids. */
  add(values: Iterable<unknown>): void;
  /** Whether a single value (a label, a level) is an identifier. */
  isIdentifier(value: unknown): boolean;
  /** The first identifier in a text, or `undefined` when there is none. */
  find(text: string): IdentifierHit | undefined;
  /** The text with every identifier replaced by `WITHHELD`. */
  redact(text: string): string;
}

// Nine digits not inside a longer run of digits nor a decimal number (0.111222333 is not a BSN).
const NINE_DIGITS = /(?<![\d.])\d{9}(?!\d|\.\d)/g;
// Tokens an id is compared with: runs of letters, digits and `_`, joined by single `-`.
const TOKEN = /[\p{L}\p{N}_]+(?:-[\p{L}\p{N}_]+)*/gu;
const TOKEN_ONLY = /^[\p{L}\p{N}_]+(?:-[\p{L}\p{N}_]+)*$/u;

const NOT_ASCII_TOKEN = 0;
const TEXT_TOKEN = 1;
const DIGIT_TOKEN = 2;

/**
 * Whether `s` is one `TOKEN` of ASCII characters (letters, digits, `_`, joined by single `-`;
 * then it needs no trimming): `DIGIT_TOKEN` when all digits, `TEXT_TOKEN` otherwise, and
 * `NOT_ASCII_TOKEN` for anything else (empty, spaces, other characters: the general path).
 */
function asciiToken(s: string): number {
  let digits = true;
  let dash = true; // at the start, and after a '-': a '-' may not follow
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 45) {
      if (dash) return NOT_ASCII_TOKEN;
      dash = true;
      digits = false;
      continue;
    }
    dash = false;
    if (c >= 48 && c <= 57) continue;
    digits = false;
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95)) return NOT_ASCII_TOKEN;
  }
  if (dash) return NOT_ASCII_TOKEN; // empty, or ends in '-'
  return digits ? DIGIT_TOKEN : TEXT_TOKEN;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * A guard over the ids of an input: finds (or redacts) in a text any token equal to a guarded id
 * and any nine-digit run that passes the eleven test. Ids that are one token (letters, digits,
 * `_`, `-`) are found by token; other ids by substring. O(length of the text) per call, plus the
 * substring search for ids of several tokens.
 *
 * @example
 * const guard = identifierGuard(['DH000001', 'DH000002']);
 * guard.find('arm\nDH000002') // { line: 2, kind: 'id' }
 * guard.find('n = 111222333') // { line: 1, kind: 'bsn' }
 * guard.redact('label DH000001') // "label <withheld>"
 */
export function identifierGuard(ids: Iterable<unknown> = []): IdentifierGuard {
  // Millions of ids: a compact set, and the common id (ASCII letters, digits, `_`, `-`) read
  // without a regular expression (`asciiToken`).
  const tokens = new StringSet();
  const phrases = new Set<string>();
  const add = (values: Iterable<unknown>) => {
    if (Array.isArray(values)) tokens.reserve(values.length);
    for (const v of values) {
      if (typeof v === 'string') {
        const kind = asciiToken(v);
        if (kind === TEXT_TOKEN || (kind === DIGIT_TOKEN && v.length >= MIN_GUARDED_DIGITS)) {
          if (v.length >= MIN_GUARDED_ID_LENGTH) tokens.add(v);
          continue;
        }
        if (kind === DIGIT_TOKEN) continue;
      }
      const s = guardedId(v);
      if (s === undefined) continue;
      if (TOKEN_ONLY.test(s)) tokens.add(s);
      else phrases.add(s);
    }
  };
  add(ids);
  const isIdentifier = (value: unknown): boolean => {
    if (isBsnLike(value)) return true;
    const s = guardedId(value);
    return s !== undefined && (tokens.has(s) || phrases.has(s));
  };
  const firstIndex = (text: string): { index: number; kind: IdentifierHit['kind'] } | undefined => {
    let best: { index: number; kind: IdentifierHit['kind'] } | undefined;
    for (const m of text.matchAll(NINE_DIGITS)) {
      if (elevenTest(m[0])) {
        best = { index: m.index, kind: 'bsn' };
        break;
      }
    }
    if (tokens.size > 0) {
      for (const m of text.matchAll(TOKEN)) {
        if (best !== undefined && m.index >= best.index) break;
        if (tokens.has(m[0])) {
          best = { index: m.index, kind: 'id' };
          break;
        }
      }
    }
    for (const p of phrases) {
      const i = text.indexOf(p);
      if (i !== -1 && (best === undefined || i < best.index)) best = { index: i, kind: 'id' };
    }
    return best;
  };
  return {
    add,
    isIdentifier,
    find(text) {
      const hit = firstIndex(text);
      return hit === undefined ? undefined : { line: lineAt(text, hit.index), kind: hit.kind };
    },
    redact(text) {
      let out = text.replace(NINE_DIGITS, (d) => (elevenTest(d) ? WITHHELD : d));
      if (tokens.size > 0) out = out.replace(TOKEN, (t) => (tokens.has(t) ? WITHHELD : t));
      for (const p of phrases) out = out.replaceAll(p, WITHHELD);
      return out;
    },
  };
}

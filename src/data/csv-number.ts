/**
 * A plain decimal number read straight from CSV bytes in one pass: the field's end, its type
 * flags (those `cellFlags` of ./csv-cell.ts gives) and its value (the one `Number(text)` gives,
 * written into a `Float64Array`), with no string and no boxed number. Only the common shape is
 * taken, `[+-]? digits [mark digits]` with at least one digit, no spaces, no exponent and a
 * field that ends at a delimiter or a line end; anything else (and any number this fast path
 * cannot round exactly) is left to the general path.
 */
import {
  COMMA_NUMBER,
  divideLong,
  HAS_DOT,
  LEADING_ZERO,
  LONG_INTEGER,
  NUM_COMMA,
  NUM_DOT,
} from './csv-cell.js';

/** The decimal mark is `.` (and `,` is never read: `cellFlags` with `dotOnly`). */
export const MARK_DOT = 0;
/** `.` or `,` may be the mark, all flags computed (`cellFlags` without `dotOnly`). */
export const MARK_EITHER = 1;

const LF = 10;
const CR = 13;
const PLUS = 43;
const COMMA = 44;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const TWO_53 = 9007199254740992;
/** 10^k, k ≤ 22 (exact doubles). */
const POW10 = Float64Array.from({ length: 23 }, (_, k) => 10 ** k);
/**
 * LIMIT[r]: the bound on a in M = a · 10^r + low for a to be exact (a < 2^53) and M < 10^19
 * (a < 10^(19 − r), as low < 10^r).
 */
const LIMIT = Float64Array.from({ length: 16 }, (_, r) => Math.min(TWO_53, 10 ** (19 - r)));

/**
 * True when the four bytes of the little-endian word `w` are all `0`–`9` (SWAR: every high
 * nibble is 3, and adding 6 to every byte leaves it 3, i.e. every low nibble is at most 9).
 *
 * @example
 * fourDigits(0x34333231); // true: the bytes '1234'
 */
export function fourDigits(w: number): boolean {
  return ((w & 0xf0f0f0f0) | (((w + 0x06060606) & 0xf0f0f0f0) >>> 4)) === 0x33333333;
}

/**
 * The integer that the four digit bytes of the little-endian word `w` write (the first byte the
 * most significant): with v the digits d0 … d3 as bytes, v · 10 + (v >> 8) holds 10·d0 + d1
 * and 10·d2 + d3 in its bytes 0 and 2; then 100 · (10·d0 + d1) + (10·d2 + d3).
 *
 * @example
 * fourDigitValue(0x34333231); // 1234
 */
export function fourDigitValue(w: number): number {
  const v = (w - 0x30303030) | 0;
  const t = (v * 10 + (v >>> 8)) & 0x00ff00ff;
  return (t & 0xff) * 100 + (t >>> 16);
}

/**
 * Reads plain number fields of one CSV buffer. {@link NumberField.read} gives the field's
 * `cellFlags` (always above 0) or -1; after a successful read, `end` is the field's end (the
 * delimiter or line end).
 *
 * @example
 * const bytes = new TextEncoder().encode('12.5,x\n');
 * const field = new NumberField(bytes, 44, MARK_DOT);
 * const out = new Float64Array(1);
 * field.read(0, out, 0); // NUM_DOT | HAS_DOT: out[0] === 12.5, field.end === 4
 */
export class NumberField {
  /** End (exclusive) of the field last read. */
  end = 0;
  private readonly view: DataView;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly delimiter: number,
    private readonly mark: typeof MARK_DOT | typeof MARK_EITHER,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /**
   * Reads the field starting at `pos` as a plain number into `values[at]` and gives its flags
   * (returned, not stored, so that the caller's count of them stays in registers); -1 (and
   * nothing written) when it is not one or its value needs the general path. One pass over the bytes,
   * eight digits at a time where it can ({@link fourDigits} on two words): the digits M (those
   * of both sides of the mark) are kept exactly as M = a · 10^r + low with low < 10^r, r ≤ 15
   * (digits go to `low` until it would pass 15 of them, then `low` moves into `a`), which keeps
   * a below 2^53 for every M of up to 19 significant digits however the digits fall into runs
   * of 8, 4 and 1; the value is M · 10^-f for the f digits after the mark. M < 2^53 (and
   * f ≤ 22): one correctly rounded division (Clinger's fast path); 2^53 ≤ M < 10^19:
   * `divideLong` of ./csv-cell.ts; more digits, or f > 22: the general path.
   */
  read(pos: number, values: Float64Array, at: number): number {
    const b = this.bytes;
    const view = this.view;
    const n = b.length;
    const n8 = n - 8;
    const d = this.delimiter;
    let i = pos;
    let c = i < n ? b[i]! : LF;
    // The sign without a branch (in data the signs are often random, so a branch would be
    // mispredicted half the time): (c ^ X) − 1 is negative only when c is X.
    const minus = ((c ^ MINUS) - 1) >>> 31;
    i += minus | (((c ^ PLUS) - 1) >>> 31);
    const first = i;
    let a = 0;
    let low = 0;
    let r = 0;
    let markAt = -1;
    let comma = false;
    // The digits before the mark, then (second round) those after it.
    for (;;) {
      while (i <= n8) {
        const w = view.getInt32(i, true);
        if (!fourDigits(w)) break;
        const w2 = view.getInt32(i + 4, true);
        if (fourDigits(w2)) {
          const v = fourDigitValue(w) * 1e4 + fourDigitValue(w2);
          if (r > 7) {
            a = a * POW10[r]! + low;
            low = v;
            r = 8;
          } else {
            low = low * 1e8 + v;
            r += 8;
          }
          i += 8;
          continue;
        }
        if (r > 11) {
          a = a * POW10[r]! + low;
          low = fourDigitValue(w);
          r = 4;
        } else {
          low = low * 1e4 + fourDigitValue(w);
          r += 4;
        }
        i += 4;
        break;
      }
      for (; i < n; i++) {
        const digit = b[i]! - ZERO;
        if (digit < 0 || digit > 9) break;
        if (r === 15) {
          a = a * 1e15 + low;
          low = digit;
          r = 1;
        } else {
          low = low * 10 + digit;
          r++;
        }
      }
      if (markAt >= 0 || i >= n) break;
      c = b[i]!;
      if (c === DOT || (c === COMMA && this.mark === MARK_EITHER && d !== COMMA)) {
        markAt = i;
        comma = c === COMMA;
        i++;
      } else break;
    }
    if (i < n) {
      c = b[i]!;
      if (c !== d && c !== LF && c !== CR) return -1;
    }
    const fraction = markAt < 0 ? 0 : i - markAt - 1;
    // No digit, too many digits (M ≥ 10^19, or a no longer exact), or too many after the mark.
    if (i - first === (markAt < 0 ? 0 : 1) || fraction > 22 || !(a < LIMIT[r]!)) {
      return -1;
    }
    const m = a * POW10[r]! + low;
    // × ±1 is exact, and gives −0 for "-0".
    const sign = 1 - 2 * minus;
    if (m < TWO_53) values[at] = sign * (fraction === 0 ? m : m / POW10[fraction]!);
    else if (divideLong(a, r, low, fraction, false, values, at)) values[at]! *= sign;
    else return -1;
    let flags = 0;
    if (!comma) flags |= NUM_DOT;
    if (this.mark === MARK_EITHER) {
      flags |= NUM_COMMA;
      // /^[+-]?\d+,\d+$/: digits on both sides of the comma.
      if (comma && markAt > first && markAt < i - 1) flags |= COMMA_NUMBER;
    }
    if (markAt >= 0 && !comma) flags |= HAS_DOT;
    if (markAt < 0 && i - first >= 16) flags |= LONG_INTEGER;
    // A leading zero (`0` then a digit), without a branch on the first digit (`0.…` or not is
    // as random as the values): t | (9 − t) is negative unless 0 ≤ t ≤ 9.
    const t = (i - first >= 2 ? b[first + 1]! : 0) - ZERO;
    flags |= ((((b[first]! ^ ZERO) - 1) >>> 31) & (((t | (9 - t)) >>> 31) ^ 1)) * LEADING_ZERO;
    this.end = i;
    return flags;
  }
}

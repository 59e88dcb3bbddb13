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
  decimalValue,
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
 * Reads plain number fields of one CSV buffer. After a successful {@link NumberField.read},
 * `end` is the field's end (the delimiter or line end) and `flags` its `cellFlags`.
 *
 * @example
 * const bytes = new TextEncoder().encode('12.5,x\n');
 * const field = new NumberField(bytes, 44, MARK_DOT);
 * const out = new Float64Array(1);
 * field.read(0, out, 0); // true: out[0] === 12.5, field.end === 4
 */
export class NumberField {
  /** End (exclusive) of the field last read. */
  end = 0;
  /** Its flags, as `cellFlags` gives them. */
  flags = 0;
  private readonly view: DataView;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly delimiter: number,
    private readonly mark: typeof MARK_DOT | typeof MARK_EITHER,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /**
   * Reads the field starting at `pos` as a plain number into `values[at]`; false (and nothing
   * written) when it is not one or its value needs the general path. The value is
   * M · 10^-f for the digits M (f of them after the mark), as `decimalValue` rounds it.
   */
  read(pos: number, values: Float64Array, at: number): boolean {
    const b = this.bytes;
    const view = this.view;
    const n = b.length;
    const n4 = n - 4;
    const d = this.delimiter;
    let i = pos;
    let negative = false;
    let c = i < n ? b[i]! : LF;
    if (c === MINUS || c === PLUS) {
      negative = c === MINUS;
      i++;
    }
    const first = i;
    // The first 15 significant digits in `head`, up to 4 more in `tail` (more: the general
    // path); a leading zero leaves `head` at 0 and counts for nothing.
    let head = 0;
    let tail = 0;
    let tailDigits = 0;
    let significant = 0;
    for (; i < n; i++) {
      const digit = b[i]! - ZERO;
      if (digit < 0 || digit > 9) break;
      if (significant < 15) {
        head = head * 10 + digit;
        if (head !== 0) significant++;
      } else if (significant < 19) {
        tail = tail * 10 + digit;
        tailDigits++;
        significant++;
      } else return false;
    }
    let digits = i - first;
    let exponent = 0;
    let markAt = -1;
    let comma = false;
    if (i < n) {
      c = b[i]!;
      if (c === DOT || (c === COMMA && this.mark === MARK_EITHER && d !== COMMA)) {
        markAt = i;
        comma = c === COMMA;
        for (i++; i < n; i++) {
          // Four digits at a time while they all go to `head` or all to `tail`.
          while (i <= n4 && fourDigits(view.getInt32(i, true))) {
            if (head !== 0 && significant <= 11) {
              head = head * 1e4 + fourDigitValue(view.getInt32(i, true));
            } else if (significant === 15) {
              tail = tail * 1e4 + fourDigitValue(view.getInt32(i, true));
              tailDigits += 4;
            } else break;
            significant += 4;
            i += 4;
          }
          if (i >= n) break;
          const digit = b[i]! - ZERO;
          if (digit < 0 || digit > 9) break;
          if (significant < 15) {
            head = head * 10 + digit;
            if (head !== 0) significant++;
          } else if (significant < 19) {
            tail = tail * 10 + digit;
            tailDigits++;
            significant++;
          } else return false;
        }
        exponent = markAt + 1 - i;
        digits -= exponent;
      }
    }
    if (digits === 0) return false;
    if (i < n) {
      c = b[i]!;
      if (c !== d && c !== LF && c !== CR) return false;
    }
    if (exponent < -22) return false;
    if (!decimalValue(head, tail, tailDigits, significant, exponent, negative, values, at)) {
      return false;
    }
    let flags = 0;
    if (!comma) flags |= NUM_DOT;
    if (this.mark === MARK_EITHER) {
      flags |= NUM_COMMA;
      // /^[+-]?\d+,\d+$/: digits on both sides of the comma.
      if (comma && markAt > first && markAt < i - 1) flags |= COMMA_NUMBER;
    }
    if (markAt >= 0 && !comma) flags |= HAS_DOT;
    if (markAt < 0 && i - first >= 16) flags |= LONG_INTEGER;
    if (i - first >= 2 && b[first] === ZERO && b[first + 1]! >= ZERO && b[first + 1]! <= ZERO + 9) {
      flags |= LEADING_ZERO;
    }
    this.flags = flags;
    this.end = i;
    return true;
  }
}

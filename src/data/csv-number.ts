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
const NINE = 57;

/** 10^0 … 10^8. */
const POW10 = Float64Array.from({ length: 9 }, (_, k) => 10 ** k);

/** True for the bytes `0`–`9`. */
function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

/**
 * The integer of the significant digits `from` … `to` − 1 (at most 8 of them, so below 10^8: a
 * 32-bit integer) of a number whose digits are `l1` bytes from `s1`, then bytes from `s2` (the
 * digits on either side of the mark): Σ digit · 10^(to − 1 − t) by Horner's rule.
 *
 * @example
 * const b = new TextEncoder().encode('12.345');
 * digitGroup(b, 0, 2, 3, 1, 4); // 234
 */
export function digitGroup(
  b: Uint8Array,
  s1: number,
  l1: number,
  s2: number,
  from: number,
  to: number,
): number {
  let x = 0;
  let t = from;
  const split = to < l1 ? to : l1;
  for (; t < split; t++) x = (x * 10 + b[s1 + t]! - ZERO) | 0;
  for (const off = s2 - l1; t < to; t++) x = (x * 10 + b[off + t]! - ZERO) | 0;
  return x;
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

  constructor(
    private readonly bytes: Uint8Array,
    private readonly delimiter: number,
    private readonly mark: typeof MARK_DOT | typeof MARK_EITHER,
  ) {}

  /**
   * Reads the field starting at `pos` as a plain number into `values[at]`; false (and nothing
   * written) when it is not one or its value needs the general path. The value is
   * M · 10^-f for the digits M (f of them after the mark), as `decimalValue` rounds it.
   *
   * Two short steps: the field's layout first (sign, digits before the mark, digits after it,
   * each run found by comparing bytes only), then the significant digits M in 32-bit integer
   * groups of at most 8 digits ({@link digitGroup}: no floating-point dependency per digit),
   * joined into the first 15 digits (exact below 10^15) and up to 4 more.
   */
  read(pos: number, values: Float64Array, at: number): boolean {
    const b = this.bytes;
    const n = b.length;
    const d = this.delimiter;
    let i = pos;
    let negative = false;
    let c = i < n ? b[i]! : LF;
    if (c === MINUS || c === PLUS) {
      negative = c === MINUS;
      i++;
    }
    const first = i;
    while (i < n && b[i]! === ZERO) i++;
    // Significant digits: run 1 (before the mark, from the first non-zero) …
    const s1 = i;
    while (i < n && isDigit(b[i]!)) i++;
    const intEnd = i;
    let s2 = i;
    let fracEnd = i;
    let markAt = -1;
    let comma = false;
    if (i < n) {
      c = b[i]!;
      if (c === DOT || (c === COMMA && this.mark === MARK_EITHER && d !== COMMA)) {
        markAt = i;
        comma = c === COMMA;
        i++;
        // … and run 2 after it (its leading zeros too count for nothing when run 1 is empty).
        if (intEnd === s1) while (i < n && b[i]! === ZERO) i++;
        s2 = i;
        while (i < n && isDigit(b[i]!)) i++;
        fracEnd = i;
      }
    }
    const digits = markAt < 0 ? i - first : i - first - 1;
    if (digits === 0) return false;
    if (i < n) {
      c = b[i]!;
      if (c !== d && c !== LF && c !== CR) return false;
    }
    const exponent = markAt < 0 ? 0 : markAt + 1 - fracEnd;
    if (exponent < -22) return false;
    const l1 = intEnd - s1;
    const significant = l1 + fracEnd - s2;
    if (significant > 19) return false;
    let head: number;
    let tail = 0;
    let tailDigits = 0;
    if (significant <= 8) head = digitGroup(b, s1, l1, s2, 0, significant);
    else {
      const mid = significant < 15 ? significant : 15;
      head = digitGroup(b, s1, l1, s2, 0, 8) * POW10[mid - 8]! + digitGroup(b, s1, l1, s2, 8, mid);
      if (significant > 15) {
        tailDigits = significant - 15;
        tail = digitGroup(b, s1, l1, s2, 15, significant);
      }
    }
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

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

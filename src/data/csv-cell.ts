/**
 * One CSV cell read from bytes without making a string: what the type rule of `parseCsv` needs
 * to know about it (missing, a number under either decimal mark, a leading zero, a boolean, …)
 * as bit flags, and its value as a number. The rules are those of ./csv.ts, applied to the
 * ASCII bytes of an unquoted cell; {@link cellFlagsOfText} applies the same rules to a decoded
 * cell (quoted or non-ASCII cells), with the regular expressions of ./csv.ts.
 */

/** The cell is missing: blank, or equal (raw or trimmed) to one of the `na` tokens. */
export const MISSING = 1;
/** The trimmed cell is a number with `.` as the decimal mark (`NUMBER` of ./csv.ts). */
export const NUM_DOT = 2;
/** The trimmed cell is a number once its first `,` is read as `.` (decimal `,`). */
export const NUM_COMMA = 4;
/** The trimmed cell starts with a leading zero (`/^[+-]?0\d/`). */
export const LEADING_ZERO = 8;
/** The trimmed cell contains a `.`. */
export const HAS_DOT = 16;
/** The trimmed cell is digits, one `,` and digits (`/^[+-]?\d+,\d+$/`). */
export const COMMA_NUMBER = 32;
/** The trimmed cell is `true` or `false` in any case. */
export const BOOLEAN = 64;
/** The trimmed cell is a whole number of 16 or more digits (may not fit a double). */
export const LONG_INTEGER = 128;

const NUMBER_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const LEADING_ZERO_RE = /^[+-]?0\d/;
const COMMA_NUMBER_RE = /^[+-]?\d+,\d+$/;
const BOOLEAN_RE = /^(true|false)$/i;
const LONG_INTEGER_RE = /^[+-]?\d{16,}$/;

const SPACE = 32;
const PLUS = 43;
const COMMA = 44;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;

/** True for the ASCII bytes `String.prototype.trim` removes (tab, LF, VT, FF, CR, space). */
function isSpace(c: number): boolean {
  return c === SPACE || (c >= 9 && c <= 13);
}

/** True when every byte of `b[s, e)` is ASCII. */
export function isAscii(b: Uint8Array, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (b[i]! >= 128) return false;
  return true;
}

/**
 * True when `b[s, e)` equals one of `tokens` byte for byte.
 *
 * @example
 * equalsToken(new TextEncoder().encode('x,NA'), 2, 4, [new TextEncoder().encode('NA')]); // true
 */
export function equalsToken(
  b: Uint8Array,
  s: number,
  e: number,
  tokens: readonly Uint8Array[],
): boolean {
  const len = e - s;
  for (const t of tokens) {
    if (t.length !== len) continue;
    let k = 0;
    while (k < len && b[s + k] === t[k]) k++;
    if (k === len) return true;
  }
  return false;
}

/** `true` or `false`, any case, on `b[s, e)`. */
function isBoolean(b: Uint8Array, s: number, e: number): boolean {
  const len = e - s;
  const word = len === 4 ? 'true' : len === 5 ? 'false' : undefined;
  if (word === undefined) return false;
  for (let k = 0; k < len; k++) if ((b[s + k]! | 32) !== word.charCodeAt(k)) return false;
  return true;
}

/** The cell has a byte that is not ASCII: read it from its decoded text instead. */
export const NOT_ASCII = 256;

// States of the NUMBER automaton: [+-]? (\d+ (\. \d*)? | \. \d+) ([eE] [+-]? \d+)?
const S_START = 0;
const S_SIGN = 1;
const S_INT = 2; // accepting
const S_DOT_AFTER_INT = 3; // accepting
const S_DOT_ALONE = 4;
const S_FRAC = 5; // accepting
const S_E = 6;
const S_E_SIGN = 7;
const S_EXP = 8; // accepting
const S_FAIL = 9;

/** One step of the NUMBER automaton on byte `c` (`DOT` for a decimal mark). */
function step(state: number, c: number): number {
  const digit = c >= ZERO && c <= NINE;
  switch (state) {
    case S_START:
      if (digit) return S_INT;
      if (c === PLUS || c === MINUS) return S_SIGN;
      return c === DOT ? S_DOT_ALONE : S_FAIL;
    case S_SIGN:
      if (digit) return S_INT;
      return c === DOT ? S_DOT_ALONE : S_FAIL;
    case S_INT:
      if (digit) return S_INT;
      if (c === DOT) return S_DOT_AFTER_INT;
      return c === 101 || c === 69 ? S_E : S_FAIL;
    case S_DOT_AFTER_INT:
    case S_FRAC:
      if (digit) return S_FRAC;
      return c === 101 || c === 69 ? S_E : S_FAIL;
    case S_DOT_ALONE:
      return digit ? S_FRAC : S_FAIL;
    case S_E:
      if (digit) return S_EXP;
      return c === PLUS || c === MINUS ? S_E_SIGN : S_FAIL;
    case S_E_SIGN:
    case S_EXP:
      return digit ? S_EXP : S_FAIL;
    default:
      return S_FAIL;
  }
}

function accepting(state: number): boolean {
  return state === S_INT || state === S_DOT_AFTER_INT || state === S_FRAC || state === S_EXP;
}

/** The NUMBER automaton as a table: `DOT_STEP[state * 128 + byte]` (a `,` fails). */
const DOT_STEP = new Uint8Array(10 * 128);
/**
 * The automaton with the first `,` read as `.`: states 0–9 before a comma, 10–19 after one
 * (a second comma fails).
 */
const COMMA_STEP = new Uint8Array(20 * 128);
// /^[+-]?\d+,\d+$/: 0 start, 1 sign, 2 digits, 3 the comma, 4 digits after it, 5 fail.
const CN_STEP = new Uint8Array(6 * 128);
for (let c = 0; c < 128; c++) {
  const digit = c >= ZERO && c <= NINE;
  for (let state = 0; state < 10; state++) {
    DOT_STEP[state * 128 + c] = c === COMMA ? S_FAIL : step(state, c);
    COMMA_STEP[state * 128 + c] = c === COMMA ? step(state, DOT) + 10 : step(state, c);
    COMMA_STEP[(state + 10) * 128 + c] = c === COMMA ? S_FAIL + 10 : step(state, c) + 10;
  }
  CN_STEP[c] = digit ? 2 : c === PLUS || c === MINUS ? 1 : 5;
  CN_STEP[128 + c] = digit ? 2 : 5;
  CN_STEP[2 * 128 + c] = digit ? 2 : c === COMMA ? 3 : 5;
  CN_STEP[3 * 128 + c] = digit ? 4 : 5;
  CN_STEP[4 * 128 + c] = digit ? 4 : 5;
  CN_STEP[5 * 128 + c] = 5;
}

/**
 * The flags of the unquoted cell `b[s, e)` (see the constants above; {@link NOT_ASCII} alone
 * when it has a byte that is not ASCII); `na` are the missing-value tokens as UTF-8 bytes. One
 * pass over the cell's bytes through three small automata; allocates nothing. With `dotOnly`
 * (the decimal mark is `.` and no Dutch export can be detected) the comma flags are left out:
 * {@link NUM_COMMA} and {@link COMMA_NUMBER} are never set.
 */
export function cellFlags(
  b: Uint8Array,
  s: number,
  e: number,
  na: readonly Uint8Array[],
  dotOnly = false,
): number {
  let ts = s;
  let te = e;
  while (ts < te && isSpace(b[ts]!)) ts++;
  while (te > ts && isSpace(b[te - 1]!)) te--;
  if (ts === te) return MISSING;
  if (na.length > 0 && (equalsToken(b, s, e, na) || equalsToken(b, ts, te, na))) return MISSING;
  let dot = 0;
  let comma = 0;
  let cn = 0;
  let hasDot = false;
  if (dotOnly) {
    for (let i = ts; i < te; i++) {
      const c = b[i]!;
      if (c >= 128) return NOT_ASCII;
      dot = DOT_STEP[(dot << 7) | c]!;
      if (c === DOT) hasDot = true;
    }
    comma = S_FAIL;
    cn = 5;
  } else {
    for (let i = ts; i < te; i++) {
      const c = b[i]!;
      if (c >= 128) return NOT_ASCII;
      dot = DOT_STEP[(dot << 7) | c]!;
      comma = COMMA_STEP[(comma << 7) | c]!;
      cn = CN_STEP[(cn << 7) | c]!;
      if (c === DOT) hasDot = true;
    }
  }
  for (let i = s; i < ts; i++) if (b[i]! >= 128) return NOT_ASCII;
  for (let i = te; i < e; i++) if (b[i]! >= 128) return NOT_ASCII;
  let flags = 0;
  if (accepting(dot)) flags |= NUM_DOT;
  if (accepting(comma % 10)) flags |= NUM_COMMA;
  let i = ts;
  if (b[i] === PLUS || b[i] === MINUS) i++;
  if (te - i >= 2 && b[i] === ZERO && b[i + 1]! >= ZERO && b[i + 1]! <= NINE) flags |= LEADING_ZERO;
  if (hasDot) flags |= HAS_DOT;
  if (dot === S_INT && te - i >= 16) flags |= LONG_INTEGER;
  if (cn === 4) flags |= COMMA_NUMBER;
  if (te - ts <= 5 && isBoolean(b, ts, te)) flags |= BOOLEAN;
  return flags;
}

/** Whether the unquoted ASCII cell `b[s, e)` is missing (the {@link MISSING} flag alone). */
export function cellMissing(
  b: Uint8Array,
  s: number,
  e: number,
  na: readonly Uint8Array[],
): boolean {
  let ts = s;
  let te = e;
  while (ts < te && isSpace(b[ts]!)) ts++;
  while (te > ts && isSpace(b[te - 1]!)) te--;
  if (ts === te) return true;
  return na.length > 0 && (equalsToken(b, s, e, na) || equalsToken(b, ts, te, na));
}

/**
 * The same flags as {@link cellFlags} for a decoded cell, by the regular expressions of
 * ./csv.ts (for quoted and non-ASCII cells). `na` holds the missing-value tokens.
 */
export function cellFlagsOfText(cell: string, na: ReadonlySet<string>): number {
  const t = cell.trim();
  if (t === '' || na.has(cell) || na.has(t)) return MISSING;
  let flags = 0;
  if (NUMBER_RE.test(t)) flags |= NUM_DOT;
  if (NUMBER_RE.test(t.replace(',', '.'))) flags |= NUM_COMMA;
  if (LEADING_ZERO_RE.test(t)) flags |= LEADING_ZERO;
  if (t.includes('.')) flags |= HAS_DOT;
  if (LONG_INTEGER_RE.test(t)) flags |= LONG_INTEGER;
  if (COMMA_NUMBER_RE.test(t)) flags |= COMMA_NUMBER;
  if (BOOLEAN_RE.test(t)) flags |= BOOLEAN;
  return flags;
}

const POW10 = Float64Array.from({ length: 23 }, (_, k) => 10 ** k);

// The bits of a double, to read its exponent (little-endian hosts; see LITTLE_ENDIAN).
const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
F64[0] = 1;
const LITTLE_ENDIAN = U32[1] === 0x3ff00000;

/** Dekker's split constant 2^27 + 1. */
const SPLIT = 134217729;

/** The high part of Dekker's split of x (x = high + low, each half of x's 53 bits). */
function splitHigh(x: number): number {
  const c = SPLIT * x;
  return c - (c - x);
}

/** 10^k (k ≤ 22) split in halves, and 1/10^k rounded, for {@link divideLong}. */
const POW10_HIGH = POW10.map(splitHigh);
const POW10_LOW = POW10.map((p, k) => p - POW10_HIGH[k]!);
const INV_POW10 = POW10.map((p) => 1 / p);
/** ULP[e] = 2^(e − 1075): the unit in the last place of a normal double of biased exponent e. */
const ULP = Float64Array.from({ length: 2048 }, (_, e) => 2 ** (e - 1075));

/**
 * ±M / D correctly rounded, written into `out[at]`, for an integer M = a · 10^r + b below 10^19
 * (a, b below 2^53, r ≤ 22) and D = 10^k, k ≤ 22; false (nothing written) in the (≈ 2^-29 rare)
 * case that the quotient lies too close to a rounding boundary to tell. M is held exactly as a
 * double-double hi + lo (Dekker's product a · 10^r and a two-sum; lo is a small integer, so
 * exact); q1 ≈ hi / D (hi · fl(1/D): q1 need not be correctly rounded, only within a few ulp,
 * so that hi − q1 · D is exact by Sterbenz's lemma), the remainder hi − q1 · D + lo exactly up
 * to its last rounding, q2 ≈ remainder / D (again through fl(1/D)); then the rounding of
 * q1 + q2 is that of M / D unless q1 + q2 lies within 2^-30 ulp of a midpoint (the error of
 * q1 + q2 is below 2^-48 ulp). The halves of 10^k and the unit in the last place come from
 * tables. On a big-endian host (where the bit test below would read the wrong word) it
 * always says false.
 *
 * @example
 * const out = new Float64Array(1);
 * // 13050735978905936 / 10^16 (the text 1.3050735978905936): a = 130507359, r = 8, b = 78905936
 * divideLong(130507359, 8, 78905936, 16, false, out, 0); // true: out[0] === 1.3050735978905936
 */
export function divideLong(
  a: number,
  r: number,
  b: number,
  k: number,
  negative: boolean,
  out: Float64Array,
  at: number,
): boolean {
  if (!LITTLE_ENDIAN) return false;
  // a · 10^r exactly: p1 + p2 (Dekker's two-product).
  const p = POW10[r]!;
  const p1 = a * p;
  const ah = splitHigh(a);
  const al = a - ah;
  const ph = POW10_HIGH[r]!;
  const pl = POW10_LOW[r]!;
  const p2 = ah * ph - p1 + ah * pl + al * ph + al * pl;
  // + b: two-sum.
  const hi = p1 + b;
  const bv = hi - p1;
  const lo = p1 - (hi - bv) + (b - bv) + p2;
  const d = POW10[k]!;
  const inv = INV_POW10[k]!;
  const q1 = hi * inv;
  // q1 · d exactly: t1 + t2.
  const t1 = q1 * d;
  const qh = splitHigh(q1);
  const ql = q1 - qh;
  const dh = POW10_HIGH[k]!;
  const dl = POW10_LOW[k]!;
  const t2 = qh * dh - t1 + qh * dl + ql * dh + ql * dl;
  const q2 = (hi - t1 - t2 + lo) * inv;
  const x = q1 + q2;
  const err = q1 - x + q2; // x + err = q1 + q2 exactly (Fast2Sum, |q1| ≥ |q2|)
  F64[0] = x;
  const high = U32[1]!;
  const exponent = (high >>> 20) & 0x7ff;
  if (exponent <= 53 || exponent === 0x7ff) return false;
  const powerOfTwo = (high & 0xfffff) === 0 && U32[0] === 0;
  const ulp = ULP[exponent]!;
  const room = (err < 0 && powerOfTwo ? ulp / 4 : ulp / 2) - ulp * 2 ** -30;
  if (!(Math.abs(err) < room)) return false;
  out[at] = negative ? -x : x;
  return true;
}

/**
 * Writes ±M · 10^e into `out[at]` exactly as `Number` rounds the decimal text, for the digits
 * M = head · 10^tailDigits + tail (`significant` of them, the first 15 in `head`) and e =
 * `exponent`; false (nothing written) where the fast paths below cannot guarantee that. With
 * at most 15 significant digits and |e| ≤ 22 the mantissa and the power of ten are exact
 * doubles, so one multiplication or division is correctly rounded (Clinger's fast path);
 * 16–19 digits with −22 ≤ e ≤ 0 (the shortest text of a double, as `String(x)` writes it) go
 * through {@link divideLong}. Writing instead of returning keeps the value unboxed.
 *
 * @example
 * const out = new Float64Array(1);
 * decimalValue(125, 0, 0, 3, -1, false, out, 0); // true: out[0] === 12.5
 */
export function decimalValue(
  head: number,
  tail: number,
  tailDigits: number,
  significant: number,
  exponent: number,
  negative: boolean,
  out: Float64Array,
  at: number,
): boolean {
  if (significant > 15) {
    if (significant > 19 || exponent > 0 || exponent < -22) return false;
    return divideLong(head, tailDigits, tail, -exponent, negative, out, at);
  }
  let value: number;
  if (head === 0) value = 0;
  else if (exponent >= 0 && exponent <= 22) value = head * POW10[exponent]!;
  else if (exponent < 0 && exponent >= -22) value = head / POW10[-exponent]!;
  else return false;
  out[at] = negative ? -value : value;
  return true;
}

const SCRATCH = new Float64Array(1);

/**
 * The value of the number cell `b[s, e)` (ASCII, `NUM_DOT` or, with `commaIsDot`, `NUM_COMMA`),
 * exactly as `Number(text)` gives it, or `undefined` when the fast paths of
 * {@link decimalValue} cannot guarantee that.
 */
export function cellNumber(
  b: Uint8Array,
  s: number,
  e: number,
  commaIsDot: boolean,
): number | undefined {
  let i = s;
  while (i < e && isSpace(b[i]!)) i++;
  while (e > i && isSpace(b[e - 1]!)) e--;
  let negative = false;
  if (b[i] === PLUS || b[i] === MINUS) {
    negative = b[i] === MINUS;
    i++;
  }
  // The first 15 significant digits in `head`, up to 4 more in `tail`.
  let head = 0;
  let tail = 0;
  let tailDigits = 0;
  let significant = 0;
  let exponent = 0;
  let fraction = false;
  for (; i < e; i++) {
    const c = b[i]!;
    if (c >= ZERO && c <= NINE) {
      if (head !== 0 || c !== ZERO) {
        if (significant < 15) head = head * 10 + (c - ZERO);
        else {
          tail = tail * 10 + (c - ZERO);
          tailDigits++;
        }
        significant++;
      }
      if (fraction) exponent--;
    } else if (!fraction && (c === DOT || (commaIsDot && c === COMMA))) fraction = true;
    else break;
  }
  if (i < e) {
    // [eE][+-]?digits
    i++;
    let sign = 1;
    if (b[i] === PLUS || b[i] === MINUS) {
      sign = b[i] === MINUS ? -1 : 1;
      i++;
    }
    let x = 0;
    for (; i < e; i++) {
      x = x * 10 + (b[i]! - ZERO);
      if (x > 1000) return undefined;
    }
    exponent += sign * x;
  }
  return decimalValue(head, tail, tailDigits, significant, exponent, negative, SCRATCH, 0)
    ? SCRATCH[0]
    : undefined;
}

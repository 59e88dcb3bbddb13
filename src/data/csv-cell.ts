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

/** True when `b[s, e)` equals one of `tokens` byte for byte. */
function equalsToken(b: Uint8Array, s: number, e: number, tokens: readonly Uint8Array[]): boolean {
  const len = e - s;
  for (const t of tokens) {
    if (t.length !== len) continue;
    let k = 0;
    while (k < len && b[s + k] === t[k]) k++;
    if (k === len) return true;
  }
  return false;
}

/**
 * Whether `b[s, e)` matches `NUMBER` of ./csv.ts, with the first `,` read as `.` when
 * `commaIsDot`: `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`.
 */
function isNumber(b: Uint8Array, s: number, e: number, commaIsDot: boolean): boolean {
  let i = s;
  if (i < e && (b[i] === PLUS || b[i] === MINUS)) i++;
  let intDigits = 0;
  while (i < e && b[i]! >= ZERO && b[i]! <= NINE) {
    i++;
    intDigits++;
  }
  let fracDigits = 0;
  if (i < e && (b[i] === DOT || (commaIsDot && b[i] === COMMA))) {
    i++;
    while (i < e && b[i]! >= ZERO && b[i]! <= NINE) {
      i++;
      fracDigits++;
    }
    // `\d+\.\d*` or `\.\d+`
    if (intDigits === 0 && fracDigits === 0) return false;
  } else if (intDigits === 0) return false;
  if (i < e && (b[i] === 101 || b[i] === 69)) {
    i++;
    if (i < e && (b[i] === PLUS || b[i] === MINUS)) i++;
    let expDigits = 0;
    while (i < e && b[i]! >= ZERO && b[i]! <= NINE) {
      i++;
      expDigits++;
    }
    if (expDigits === 0) return false;
  }
  return i === e;
}

/** `/^[+-]?\d+,\d+$/` on `b[s, e)`. */
function isCommaNumber(b: Uint8Array, s: number, e: number): boolean {
  let i = s;
  if (i < e && (b[i] === PLUS || b[i] === MINUS)) i++;
  const d0 = i;
  while (i < e && b[i]! >= ZERO && b[i]! <= NINE) i++;
  if (i === d0 || i >= e || b[i] !== COMMA) return false;
  i++;
  const d1 = i;
  while (i < e && b[i]! >= ZERO && b[i]! <= NINE) i++;
  return i > d1 && i === e;
}

/** `true` or `false`, any case, on `b[s, e)`. */
function isBoolean(b: Uint8Array, s: number, e: number): boolean {
  const len = e - s;
  const word = len === 4 ? 'true' : len === 5 ? 'false' : undefined;
  if (word === undefined) return false;
  for (let k = 0; k < len; k++) if ((b[s + k]! | 32) !== word.charCodeAt(k)) return false;
  return true;
}

/**
 * The flags of the unquoted ASCII cell `b[s, e)` (see the constants above); `na` are the
 * missing-value tokens as UTF-8 bytes. Allocates nothing.
 */
export function cellFlags(b: Uint8Array, s: number, e: number, na: readonly Uint8Array[]): number {
  let ts = s;
  let te = e;
  while (ts < te && isSpace(b[ts]!)) ts++;
  while (te > ts && isSpace(b[te - 1]!)) te--;
  if (ts === te) return MISSING;
  if (na.length > 0 && (equalsToken(b, s, e, na) || equalsToken(b, ts, te, na))) return MISSING;
  let flags = 0;
  if (isNumber(b, ts, te, false)) flags |= NUM_DOT;
  if (isNumber(b, ts, te, true)) flags |= NUM_COMMA;
  let i = ts;
  if (b[i] === PLUS || b[i] === MINUS) i++;
  if (te - i >= 2 && b[i] === ZERO && b[i + 1]! >= ZERO && b[i + 1]! <= NINE) flags |= LEADING_ZERO;
  let digits = 0;
  let hasDot = false;
  for (let k = ts; k < te; k++) {
    const c = b[k]!;
    if (c === DOT) hasDot = true;
    if (c >= ZERO && c <= NINE) digits++;
  }
  if (hasDot) flags |= HAS_DOT;
  if (digits >= 16 && digits === te - i) flags |= LONG_INTEGER;
  if (isCommaNumber(b, ts, te)) flags |= COMMA_NUMBER;
  if (isBoolean(b, ts, te)) flags |= BOOLEAN;
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

/**
 * The value of the number cell `b[s, e)` (ASCII, `NUM_DOT` or, with `commaIsDot`, `NUM_COMMA`),
 * exactly as `Number(text)` gives it, or `undefined` when this fast path cannot guarantee that:
 * more than 15 significant digits or a decimal exponent beyond ±22. Within those bounds the
 * mantissa and the power of ten are exact doubles, so one multiplication or division is
 * correctly rounded (Clinger's fast path), as `Number` is.
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
  let mantissa = 0;
  let significant = 0;
  let exponent = 0;
  let c = b[i]!;
  while (i < e && c >= ZERO && c <= NINE) {
    if (mantissa !== 0 || c !== ZERO) {
      mantissa = mantissa * 10 + (c - ZERO);
      significant++;
    }
    c = b[++i]!;
  }
  if (i < e && (c === DOT || (commaIsDot && c === COMMA))) {
    c = b[++i]!;
    while (i < e && c >= ZERO && c <= NINE) {
      if (mantissa !== 0 || c !== ZERO) {
        mantissa = mantissa * 10 + (c - ZERO);
        significant++;
      }
      exponent--;
      c = b[++i]!;
    }
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
  if (significant > 15) return undefined;
  let value: number;
  if (mantissa === 0) value = 0;
  else if (exponent >= 0 && exponent <= 22) value = mantissa * POW10[exponent]!;
  else if (exponent < 0 && exponent >= -22) value = mantissa / POW10[-exponent]!;
  else return undefined;
  return negative ? -value : value;
}

/**
 * The input checks of the library (confidence level, options that are whole numbers, positive
 * numbers, fractions or one of a list, finite values, 0/1 values, counts), written
 * once here in the lowest layer and used by every layer above: each throws {@link InputError}
 * naming the function, the argument and what was expected. Internal module.
 */
import { formatRows, InputError } from '../errors.js';

/**
 * Checks a confidence level in (0, 1) and returns it (0.95 when undefined): the one level check
 * of the library. `fn` (the calling function) prefixes the message when given.
 *
 * @example
 * checkLevel(undefined); // 0.95
 * checkLevel(95, 'ols'); // throws InputError out-of-range: "ols: level must be strictly between 0 and 1, got 95"
 */
export function checkLevel(level: number | undefined, fn?: string): number {
  return checkFraction(level ?? 0.95, 'level', fn === undefined ? {} : { fn });
}

/** Where an option check is made: the calling function (prefixes the message) and the error code. */
export interface OptionCheckContext {
  /** The calling function, e.g. `impactFigures`: the message starts with `impactFigures: `. */
  readonly fn?: string;
  /** Error code (default `invalid-option`). */
  readonly code?: 'invalid-option' | 'out-of-range';
}

function optionError(message: string, value: unknown, at: OptionCheckContext): InputError {
  const prefix = at.fn === undefined ? '' : `${at.fn}: `;
  return new InputError(`${prefix}${message}`, {
    code: at.code ?? 'invalid-option',
    value: String(value),
  });
}

/**
 * Checks an option that must be a whole number ≥ `min` (months, replicates, counts) and
 * returns it; throws `invalid-option`: "`name` must be a whole number ≥ `min`, got `value`".
 *
 * @example
 * checkWholeNumber(24, 'months'); // 24
 * checkWholeNumber(2.5, 'months'); // throws "months must be a whole number ≥ 1, got 2.5"
 * checkWholeNumber(-1, 'participants', 0, { fn: 'impactFigures' }); // throws "impactFigures: participants must be a whole number ≥ 0, got -1"
 */
export function checkWholeNumber(
  value: number,
  name: string,
  min = 1,
  at: OptionCheckContext = {},
): number {
  if (!(Number.isInteger(value) && value >= min)) {
    throw optionError(`${name} must be a whole number ≥ ${min}, got ${String(value)}`, value, at);
  }
  return value;
}

/**
 * Checks an option that must be a finite number > 0 (a sample size, a ratio) and returns it;
 * throws `invalid-option`: "`name` must be a positive number, got `value`".
 *
 * @example
 * checkPositive(0.5, 'ratio'); // 0.5
 * checkPositive(0, 'n'); // throws "n must be a positive number, got 0"
 */
export function checkPositive(value: number, name: string, at: OptionCheckContext = {}): number {
  if (!(Number.isFinite(value) && value > 0)) {
    throw optionError(`${name} must be a positive number, got ${String(value)}`, value, at);
  }
  return value;
}

/**
 * Checks a number strictly between 0 and 1 (a share, a level, a probability) and returns it;
 * throws `out-of-range`: "`name` must be strictly between 0 and 1, got `value`".
 * {@link checkLevel} is this check for a confidence level with its default.
 *
 * @example
 * checkFraction(0.3, 'share'); // 0.3
 * checkFraction(30, 'share'); // throws "share must be strictly between 0 and 1, got 30"
 */
export function checkFraction(value: number, name: string, at: OptionCheckContext = {}): number {
  if (!(value > 0 && value < 1)) {
    throw optionError(`${name} must be strictly between 0 and 1, got ${String(value)}`, value, {
      code: 'out-of-range',
      ...at,
    });
  }
  return value;
}

/**
 * Checks an enum option and returns it typed; throws `invalid-option`:
 * "`name` must be 'a', 'b' or 'c', got 'x'".
 *
 * @example
 * checkOneOf('wald', ['wilson', 'wald'] as const, 'interval'); // 'wald'
 * checkOneOf('exact', ['wilson', 'wald'] as const, 'interval'); // throws "interval must be 'wilson' or 'wald', got 'exact'"
 */
export function checkOneOf<T extends string>(
  value: unknown,
  options: readonly T[],
  name: string,
  at: OptionCheckContext = {},
): T {
  if (!(options as readonly unknown[]).includes(value)) {
    throw optionError(`${name} must be ${oneOfText(options)}, got '${String(value)}'`, value, at);
  }
  return value as T;
}

/** `'a'`, `'a' or 'b'`, `'a', 'b' or 'c'`. */
function oneOfText(options: readonly string[]): string {
  const quoted = options.map((o) => `'${o}'`);
  return quoted.length <= 1
    ? (quoted[0] ?? '(nothing)')
    : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

/** Rows (1-based) where `bad` holds, at most 50. */
function badRows(x: ArrayLike<number>, bad: (v: number) => boolean): number[] {
  const rows: number[] = [];
  for (let i = 0; i < x.length && rows.length < 50; i++) if (bad(x[i]!)) rows.push(i + 1);
  return rows;
}

/** Checks that `x` is non-empty, has at least `minLength` values, and that all are finite. */
export function checkFinite(x: ArrayLike<number>, name: string, fn: string, minLength = 1): void {
  if (x.length < minLength) {
    const what = minLength === 1 ? 'at least one value' : `at least ${minLength} values`;
    throw new InputError(`${fn}: ${name} has ${x.length} values; expected ${what}`, {
      code: x.length === 0 ? 'empty' : 'too-few',
      column: name,
      value: String(x.length),
    });
  }
  const rows = badRows(x, (v) => !Number.isFinite(v));
  if (rows.length > 0) {
    const value = String(x[rows[0]! - 1]);
    throw new InputError(
      `${fn}: ${name} has a non-finite value (${value}) at ${formatRows(rows)}; expected finite numbers`,
      { code: 'not-finite', column: name, rows, value },
    );
  }
}

/** Checks that `x` is a non-empty array of 0/1 values; returns the number of ones. */
export function countBinary(x: ArrayLike<number>, name: string, fn: string): number {
  if (x.length === 0) {
    throw new InputError(`${fn}: ${name} is empty; expected at least one 0/1 value`, {
      code: 'empty',
      column: name,
    });
  }
  let ones = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v === 1) ones++;
    else if (v !== 0) {
      const rows = badRows(x, (u) => u !== 0 && u !== 1);
      throw new InputError(
        `${fn}: ${name} has a value other than 0/1 (${String(v)}) at ${formatRows(rows)}; expected only 0 and 1`,
        { code: 'not-binary', column: name, rows, value: String(v) },
      );
    }
  }
  return ones;
}

/** Checks a count: a finite, non-negative integer (positive when `positive`). */
export function checkCount(value: number, name: string, fn: string, positive = false): void {
  if (!(Number.isInteger(value) && (positive ? value > 0 : value >= 0))) {
    const expected = positive ? 'a positive integer' : 'a non-negative integer';
    throw new InputError(`${fn}: ${name} must be ${expected}, got ${String(value)}`, {
      code: 'out-of-range',
      column: name,
      value: String(value),
    });
  }
}

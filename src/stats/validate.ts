/**
 * The input checks of the library (confidence level, finite values, 0/1 values, counts), written
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
  const value = level ?? 0.95;
  if (!(value > 0 && value < 1)) {
    const prefix = fn === undefined ? '' : `${fn}: `;
    throw new InputError(`${prefix}level must be strictly between 0 and 1, got ${String(level)}`, {
      code: 'out-of-range',
      value: String(level),
    });
  }
  return value;
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

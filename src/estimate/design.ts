/**
 * Input normalisation and validation shared by the estimators: design matrices given as
 * `DesignMatrix` or as rows, vectors as `Float64Array` or `number[]`, and the checks that turn
 * bad input into an `InputError` naming the argument, column and rows.
 */
import { formatRows, InputError } from '../errors.js';
import type { DesignMatrix } from '../stats/estimate.js';

/** A design matrix: column-major `DesignMatrix`, or an array of rows (columns named x1…xk). */
export type DesignInput = DesignMatrix | readonly (readonly number[])[];

/** A numeric vector. */
export type VectorInput = Float64Array | readonly number[];

/** Named columns: a `DesignMatrix`, or a record of name → vector, e.g. `{ takeUp: d }`. */
export type ColumnsInput = DesignMatrix | Readonly<Record<string, VectorInput>>;

function isDesignMatrix(x: unknown): x is DesignMatrix {
  return typeof x === 'object' && x !== null && 'columns' in x && 'names' in x && 'n' in x;
}

/**
 * Converts rows (`number[][]`) to a column-major `DesignMatrix` with names x1…xk, and checks a
 * given `DesignMatrix` for consistent lengths. Does not check finiteness (see
 * `checkFinite`).
 *
 * @example
 * toDesignMatrix([[1, 2], [1, 3]]).names // ['x1', 'x2']
 */
export function toDesignMatrix(x: DesignInput, argument = 'X'): DesignMatrix {
  if (isDesignMatrix(x)) {
    if (x.names.length !== x.columns.length) {
      throw new InputError(
        `${argument}: ${x.names.length} names for ${x.columns.length} columns; expected one name per column`,
        { code: 'length-mismatch' },
      );
    }
    x.columns.forEach((c, j) => {
      if (c.length !== x.n) {
        const column = x.names[j]!;
        throw new InputError(
          `${argument}: column "${column}" has ${c.length} rows, expected n = ${x.n}`,
          { code: 'length-mismatch', column },
        );
      }
    });
    return x;
  }
  if (!Array.isArray(x)) {
    throw new InputError(`${argument}: expected a DesignMatrix or an array of rows`, {
      code: 'wrong-type',
    });
  }
  const rows = x as readonly (readonly number[])[];
  const n = rows.length;
  const k = n === 0 ? 0 : rows[0]!.length;
  const columns = Array.from({ length: k }, () => new Float64Array(n));
  rows.forEach((row, i) => {
    if (row.length !== k) {
      throw new InputError(
        `${argument}: row ${i + 1} has ${row.length} values, expected ${k} (as row 1)`,
        { code: 'length-mismatch', rows: [i + 1] },
      );
    }
    for (let j = 0; j < k; j++) columns[j]![i] = row[j]!;
  });
  return { names: Array.from({ length: k }, (_, j) => `x${j + 1}`), columns, n };
}

/**
 * Converts named columns to a `DesignMatrix`, checking that every column has `n` rows.
 *
 * @example
 * toColumns({ z: [0, 1] }, 'instruments', 2).names // ['z']
 */
export function toColumns(x: ColumnsInput, argument: string, n: number): DesignMatrix {
  if (isDesignMatrix(x)) {
    const m = toDesignMatrix(x, argument);
    if (m.n !== n) {
      throw new InputError(`${argument}: has ${m.n} rows, expected n = ${n}`, {
        code: 'length-mismatch',
      });
    }
    return m;
  }
  const names = Object.keys(x);
  const columns = names.map((name) => toVector(x[name]!, `${argument}.${name}`, n, name));
  return { names, columns, n };
}

/**
 * A vector as a `Float64Array` of length `n` (not copied when it already is one), with
 * non-finite values rejected.
 *
 * @example
 * toVector([1, 2], 'y', 2) // Float64Array [1, 2]
 */
export function toVector(
  y: VectorInput,
  argument: string,
  n: number,
  column: string = argument,
): Float64Array {
  if (!(y instanceof Float64Array) && !Array.isArray(y)) {
    throw new InputError(`${argument}: expected a Float64Array or an array of numbers`, {
      code: 'wrong-type',
      column,
    });
  }
  if (y.length !== n) {
    throw new InputError(`${argument}: has ${y.length} values, expected n = ${n} (rows of X)`, {
      code: 'length-mismatch',
      column,
    });
  }
  const v = y instanceof Float64Array ? y : Float64Array.from(y);
  checkFiniteColumn(v, argument, column);
  return v;
}

/** Throws an `InputError` naming the column and rows when `v` has NaN or ±Infinity. */
function checkFiniteColumn(v: Float64Array, argument: string, column: string): void {
  let bad: number[] | undefined;
  for (let i = 0; i < v.length; i++) {
    // `x - x` is NaN exactly for NaN and ±Infinity: one test in the fast path.
    if (v[i]! - v[i]! !== 0) {
      bad ??= [];
      bad.push(i + 1);
      if (bad.length > 5) break;
    }
  }
  if (bad) {
    const value = String(v[bad[0]! - 1]);
    throw new InputError(
      `${argument}: column "${column}" has a non-finite value (${value}) at ${formatRows(bad)}; expected finite numbers (remove or impute missing values first)`,
      { code: 'not-finite', column, rows: bad, value },
    );
  }
}

/**
 * Checks every column of a design matrix for NaN/±Infinity.
 *
 * @example
 * checkFinite(toDesignMatrix([[1, NaN]]), 'X') // throws InputError naming column x2, row 1
 */
export function checkFinite(x: DesignMatrix, argument = 'X'): void {
  x.columns.forEach((c, j) => {
    checkFiniteColumn(c, argument, x.names[j]!);
  });
}

/**
 * True when some column is constant and non-zero (the model has an intercept, as R's terms
 * attribute would say).
 *
 * @example
 * hasIntercept([new Float64Array([1, 1]), new Float64Array([0, 1])]) // true
 */
export function hasIntercept(columns: readonly Float64Array[]): boolean {
  return columns.some((c) => {
    const first = c[0];
    if (first === undefined || first === 0) return false;
    for (let i = 1; i < c.length; i++) if (c[i] !== first) return false;
    return true;
  });
}

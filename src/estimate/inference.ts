/**
 * From a point estimate and its standard error to the library's `Estimate` shape: t (or z) test,
 * two-sided p-value, confidence interval and stars.
 */
import { type Estimate, estimateFromSe } from '../stats/estimate.js';

/** An `Estimate` of one regression coefficient, with the coefficient's name. */
export type Coefficient = Estimate & { readonly term: string };

/**
 * Builds the `Estimate` for estimate/se with a Student t reference on `df` degrees of freedom
 * (`Infinity` for z), named by its term: see `estimateFromSe`.
 *
 * @example
 * coefficientEstimate('treatment', 0.4, 0.1, 392, 0.95, 400, 'OLS').ci // [0.203…, 0.596…]
 */
export function coefficientEstimate(
  term: string,
  estimate: number,
  stdError: number,
  df: number,
  level: number,
  n: number,
  method: string,
): Coefficient {
  return { term, ...estimateFromSe(estimate, stdError, df, level, n, method) };
}

/**
 * Row-major r×r Float64Array → readonly number[][] (the public vcov shape).
 *
 * @example
 * toRows(new Float64Array([1, 2, 3, 4]), 2) // [[1, 2], [3, 4]]
 */
export function toRows(m: Float64Array, r: number): readonly (readonly number[])[] {
  return Array.from({ length: r }, (_, i) => Array.from(m.subarray(i * r, (i + 1) * r)));
}

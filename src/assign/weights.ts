/**
 * Arm weights: validation, the cumulative cut points of hashed assignment and the exact counts
 * of complete assignment (largest-remainder rounding).
 */
import { InputError } from '../errors.js';

/** Arm label → intended share, listed in a fixed order, e.g. `{ experiment: 0.8, control: 0.2 }`. */
export type ArmWeights = Readonly<Record<string, number>>;

/** Validated weights in their listed order, with cumulative sums for hashed assignment. */
export interface WeightSpec {
  readonly arms: readonly string[];
  readonly weights: readonly number[];
  /** c_i = w_1 + … + w_i, summed left to right in double precision; the last is forced to 1. */
  readonly cumulative: readonly number[];
}

/** Tolerance on |Σw − 1|. */
const WEIGHT_TOLERANCE = 1e-9;

/**
 * Checks arm weights — at least two arms, labels non-empty, each weight finite and ≥ 0, sum
 * within 1e-9 of 1 — and returns them with their cumulative cut points.
 * Throws `InputError` with code `invalid-option` otherwise.
 *
 * @example
 * checkWeights({ experiment: 0.8, control: 0.2 }).cumulative // [0.8, 1]
 */
export function checkWeights(weights: ArmWeights): WeightSpec {
  const arms = Object.keys(weights);
  const fail = (message: string): never => {
    throw new InputError(message, { code: 'invalid-option' });
  };
  if (arms.length < 2) fail(`need at least two arms, got ${arms.length}`);
  const values = arms.map((arm) => {
    const w = weights[arm]!;
    if (arm.trim() === '') fail('arm labels must not be empty');
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
      fail(`weight of arm '${arm}' must be a finite number ≥ 0, got ${String(w)}`);
    }
    return w;
  });
  let sum = 0;
  const cumulative = values.map((w) => {
    sum += w;
    return sum;
  });
  if (Math.abs(sum - 1) > WEIGHT_TOLERANCE) {
    fail(`weights must sum to 1 (within 1e-9), they sum to ${sum}`);
  }
  // Force the last cut to exactly 1 so that every u < 1 lands in an arm despite rounding.
  cumulative[cumulative.length - 1] = 1;
  return { arms, weights: values, cumulative };
}

/**
 * The arm for a uniform number u ∈ [0, 1): the first arm i with u < c_i (cumulative weights).
 * Arms with weight 0 are never chosen.
 *
 * @example
 * armForUniform(0.85, checkWeights({ experiment: 0.8, control: 0.2 })) // "control"
 */
export function armForUniform(u: number, spec: WeightSpec): string {
  const { cumulative, arms } = spec;
  for (let i = 0; i < cumulative.length; i++) {
    if (u < cumulative[i]!) return arms[i]!;
  }
  return arms[arms.length - 1]!;
}

/**
 * Exact arm sizes for n units by largest-remainder (Hamilton) rounding: each arm gets ⌊n·w_i⌋,
 * and the units left over go one each to the arms with the largest fractional parts
 * n·w_i − ⌊n·w_i⌋. Ties go to the arm listed first. The counts sum to n.
 *
 * @example
 * largestRemainder(10, [0.8, 0.1, 0.1]) // [8, 1, 1]
 * largestRemainder(5, [0.5, 0.5])       // [3, 2] (tie: first listed arm)
 */
export function largestRemainder(n: number, weights: readonly number[]): number[] {
  const exact = weights.map((w) => n * w);
  const counts = exact.map((x) => Math.floor(x));
  let left = n - counts.reduce((a, b) => a + b, 0);
  const order = exact
    // Rounded to 1e-9 so that float noise (2.5000000000000004) cannot break a genuine tie.
    .map((x, i) => ({ i, frac: Math.round((x - Math.floor(x)) * 1e9) / 1e9 }))
    // Stable sort: equal remainders keep the listed order, so the first listed arm wins a tie.
    .sort((a, b) => b.frac - a.frac);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) {
    const i = order[k]!.i;
    counts[i] = counts[i]! + 1;
  }
  return counts;
}

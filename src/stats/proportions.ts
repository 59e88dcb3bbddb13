/**
 * Difference in proportions between two groups (e.g. the share that found work in the
 * experiment and the control arm), with a z test.
 */
import { InputError } from '../errors.js';
import { normalQuantile, twoSidedP } from './distributions.js';
import { type Estimate, stars } from './estimate.js';
import { rejectUnknownKeys } from './option-keys.js';
import { checkCount, checkLevel, countBinary } from './validate.js';

/** Successes out of n, for one group. */
export interface ProportionCounts {
  readonly successes: number;
  readonly n: number;
}

/** Options for {@link diffInProportions}. */
export interface DiffInProportionsOptions {
  /** Use the pooled SE √(p̄(1 − p̄)(1/n₁ + 1/n₂)) for the test. Default false (unpooled, Neyman). */
  readonly pooled?: boolean;
  /** Confidence level of `ci`, in (0, 1). Default 0.95. */
  readonly level?: number;
}

/** {@link Estimate} of p₁ − p₂, with the two proportions and group sizes. */
export interface DiffInProportionsResult extends Estimate {
  /** Proportion in the first (treated) group. */
  readonly p1: number;
  /** Proportion in the second (control) group. */
  readonly p2: number;
  readonly n1: number;
  readonly n2: number;
  /** Whether `stdError` (and so `statistic`, `pValue`) is the pooled one. */
  readonly pooled: boolean;
}

const FN = 'diffInProportions';

/**
 * Difference in proportions p₁ − p₂ with a two-sided z test.
 *
 * - Unpooled (Neyman, default): SE = √(p₁(1 − p₁)/n₁ + p₂(1 − p₂)/n₂).
 * - Pooled (`{ pooled: true }`): SE = √(p̄(1 − p̄)(1/n₁ + 1/n₂)), p̄ = (x₁ + x₂)/(n₁ + n₂); then
 *   z² equals the statistic of R's `prop.test(correct = FALSE)`.
 *
 * z = (p₁ − p₂)/SE, p = 2·Φ(−|z|). The interval is always the unpooled Wald interval
 * p₁ − p₂ ± z₍₁₊level₎/₂·SE_unpooled (as `prop.test`), because the pooled SE assumes p₁ = p₂.
 * Takes either two arrays of 0/1 outcomes or two `{ successes, n }` counts.
 *
 * @example
 * diffInProportions({ successes: 120, n: 400 }, { successes: 90, n: 400 }).estimate // 0.075
 * diffInProportions([1, 0, 1, 1], [0, 0, 1, 0], { level: 0.9 }).ci
 */
export function diffInProportions(
  treated: ArrayLike<number>,
  control: ArrayLike<number>,
  options?: DiffInProportionsOptions,
): DiffInProportionsResult;
export function diffInProportions(
  treated: ProportionCounts,
  control: ProportionCounts,
  options?: DiffInProportionsOptions,
): DiffInProportionsResult;
export function diffInProportions(
  treated: ArrayLike<number> | ProportionCounts,
  control: ArrayLike<number> | ProportionCounts,
  options: DiffInProportionsOptions = {},
): DiffInProportionsResult {
  rejectUnknownKeys(options, { pooled: true, level: true }, FN);
  const level = checkLevel(options.level, FN);
  const [x1, n1] = toCounts(treated, 'treated');
  const [x2, n2] = toCounts(control, 'control');
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const estimate = p1 - p2;
  const seUnpooled = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  const pooled = options.pooled === true;
  const pBar = (x1 + x2) / (n1 + n2);
  const stdError = pooled ? Math.sqrt(pBar * (1 - pBar) * (1 / n1 + 1 / n2)) : seUnpooled;
  if (!(stdError > 0)) {
    throw new InputError(
      `${FN}: the standard error is 0 (treated ${x1}/${n1}, control ${x2}/${n2}: every outcome is the same), so no z test is possible`,
      { code: 'no-variation', value: `${x1}/${n1} vs ${x2}/${n2}` },
    );
  }
  const statistic = estimate / stdError;
  const pValue = twoSidedP(statistic, Number.POSITIVE_INFINITY);
  const half = normalQuantile(0.5 + level / 2) * seUnpooled;
  return {
    estimate,
    stdError,
    ci: [estimate - half, estimate + half],
    statistic,
    df: Number.POSITIVE_INFINITY,
    pValue,
    stars: stars(pValue),
    n: n1 + n2,
    level,
    method: pooled
      ? 'difference in proportions, pooled SE, z test (unpooled Wald CI)'
      : 'difference in proportions, unpooled (Neyman) SE, z test',
    p1,
    p2,
    n1,
    n2,
    pooled,
  };
}

function toCounts(group: ArrayLike<number> | ProportionCounts, name: string): [number, number] {
  if (typeof group !== 'object' || group === null) {
    throw new InputError(
      `${FN}: ${name} must be an array of 0/1 outcomes or { successes, n }, got ${String(group)}`,
      { code: 'invalid-option', column: name },
    );
  }
  if ('successes' in group) {
    checkCount(group.successes, `${name}.successes`, FN);
    checkCount(group.n, `${name}.n`, FN, true);
    if (group.successes > group.n) {
      throw new InputError(
        `${FN}: ${name}.successes (${group.successes}) exceeds ${name}.n (${group.n})`,
        { code: 'out-of-range', column: name, value: String(group.successes) },
      );
    }
    return [group.successes, group.n];
  }
  return [countBinary(group, name, FN), group.length];
}

/**
 * t tests on means: one-sample, paired, and two-sample (Welch by default, or pooled variance),
 * matching R's `t.test`; and the difference in means between two arms.
 */
import { InputError } from '../errors.js';
import { studentTQuantile, twoSidedP } from './distributions.js';
import { type Estimate, stars } from './estimate.js';
import { rejectUnknownKeys } from './option-keys.js';
import { checkFinite, checkLevel } from './validate.js';

/** Options for {@link tTest}. */
export interface TTestOptions {
  /** Hypothesised mean (one-sample, paired) or difference in means (two-sample). Default 0. */
  readonly mu?: number;
  /** Paired test on x − y (lengths must match). Default false. */
  readonly paired?: boolean;
  /** Two-sample test with pooled variance and n₁ + n₂ − 2 df. Default false (Welch). */
  readonly varEqual?: boolean;
  /** Confidence level of `ci`, in (0, 1). Default 0.95. */
  readonly level?: number;
}

/** Which t test was run. */
export type TTestKind = 'one-sample' | 'paired' | 'welch' | 'pooled';

/**
 * Result of {@link tTest}, in the {@link Estimate} shape. `estimate` is the mean (one-sample),
 * the mean difference (paired) or mean(x) − mean(y) (two-sample); `ci` is for that quantity;
 * `statistic` = (estimate − mu)/stdError with `df` degrees of freedom.
 */
export interface TTestResult extends Estimate {
  readonly kind: TTestKind;
  readonly mu: number;
  /** Mean and size of x (of the differences, when paired). */
  readonly mean1: number;
  readonly n1: number;
  /** Sample variance (n − 1 denominator) of x (of the differences, when paired). */
  readonly variance1: number;
  /** Mean, size and variance of y (two-sample only; NaN/0 otherwise). */
  readonly mean2: number;
  readonly n2: number;
  readonly variance2: number;
}

/** Options for {@link diffInMeans}. */
export interface DiffInMeansOptions {
  /** Confidence level of `ci`, in (0, 1). Default 0.95. */
  readonly level?: number;
}

/** Mean and sample variance by two passes (the second corrects the mean's rounding). */
function meanVariance(x: ArrayLike<number>): [number, number] {
  const n = x.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += x[i]!;
  let mean = sum / n;
  let ss = 0;
  let correction = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i]! - mean;
    ss += d * d;
    correction += d;
  }
  mean += correction / n;
  const variance = n > 1 ? (ss - (correction * correction) / n) / (n - 1) : Number.NaN;
  return [mean, variance];
}

function result(
  kind: TTestKind,
  estimate: number,
  stdError: number,
  df: number,
  mu: number,
  level: number,
  n: number,
  fn: string,
  parts: Pick<TTestResult, 'mean1' | 'n1' | 'variance1' | 'mean2' | 'n2' | 'variance2'>,
  method: string,
): TTestResult {
  if (!(stdError > 0) || stdError < 10 * Number.EPSILON * Math.abs(estimate)) {
    throw new InputError(`${fn}: the data are essentially constant, so the standard error is 0`, {
      code: 'no-variation',
      value: String(estimate),
    });
  }
  const statistic = (estimate - mu) / stdError;
  const pValue = twoSidedP(statistic, df);
  const half = studentTQuantile(0.5 + level / 2, df) * stdError;
  return {
    estimate,
    stdError,
    ci: [estimate - half, estimate + half],
    statistic,
    df,
    pValue,
    stars: stars(pValue),
    n,
    level,
    method,
    kind,
    mu,
    ...parts,
  };
}

/**
 * Student t test, as R's `t.test` (two-sided): one-sample `tTest(x)`, two-sample `tTest(x, y)`
 * (Welch by default, `{ varEqual: true }` for the pooled-variance test), or paired
 * `tTest(x, y, { paired: true })`.
 *
 * - One-sample / paired: SE = s/√n, df = n − 1 (on the differences when paired).
 * - Welch: SE = √(s₁²/n₁ + s₂²/n₂), Satterthwaite df = SE⁴ / Σ (sᵢ²/nᵢ)²/(nᵢ − 1).
 * - Pooled: s² = ((n₁−1)s₁² + (n₂−1)s₂²)/(n₁+n₂−2), SE = s·√(1/n₁ + 1/n₂), df = n₁ + n₂ − 2.
 *
 * t = (estimate − mu)/SE; CI = estimate ± t₍₁₊level₎/₂,df·SE. Missing values are not dropped:
 * NaN or ±Infinity throws an InputError naming the rows.
 *
 * @example
 * tTest([5.1, 4.9, 5.6, 5.8], { mu: 5 }).pValue
 * tTest([3, 4, 5, 8], [1, 2, 2, 3]).df // Welch–Satterthwaite df
 * tTest([3, 4, 5, 8], [1, 2, 2, 3], { paired: true }).estimate // 3
 */
export function tTest(x: ArrayLike<number>, options?: TTestOptions): TTestResult;
export function tTest(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options?: TTestOptions,
): TTestResult;
export function tTest(
  x: ArrayLike<number>,
  yOrOptions?: ArrayLike<number> | TTestOptions,
  maybeOptions?: TTestOptions,
): TTestResult {
  const twoSample = yOrOptions !== undefined && 'length' in yOrOptions;
  const y = twoSample ? (yOrOptions as ArrayLike<number>) : undefined;
  const options: TTestOptions = (twoSample ? maybeOptions : (yOrOptions as TTestOptions)) ?? {};
  rejectUnknownKeys(options, { mu: true, paired: true, varEqual: true, level: true }, 'tTest');
  return runTTest('tTest', 'x', 'y', x, y, options);
}

/** The one-sample t test of `values` against mu (also the paired test, on the differences). */
function oneSample(
  kind: 'one-sample' | 'paired',
  values: ArrayLike<number>,
  mu: number,
  level: number,
  fn: string,
  method: string,
): TTestResult {
  const [m, v] = meanVariance(values);
  const n = values.length;
  return result(
    kind,
    m,
    Math.sqrt(v / n),
    n - 1,
    mu,
    level,
    n,
    fn,
    {
      mean1: m,
      n1: n,
      variance1: v,
      mean2: Number.NaN,
      n2: 0,
      variance2: Number.NaN,
    },
    method,
  );
}

function runTTest(
  fn: string,
  xName: string,
  yName: string,
  x: ArrayLike<number>,
  y: ArrayLike<number> | undefined,
  options: TTestOptions,
): TTestResult {
  const level = checkLevel(options.level, fn);
  const mu = options.mu ?? 0;
  if (!Number.isFinite(mu)) {
    throw new InputError(`${fn}: mu must be a finite number, got ${String(mu)}`, {
      code: 'invalid-option',
      value: String(mu),
    });
  }
  if (y === undefined) {
    if (options.paired === true) {
      throw new InputError(`${fn}: paired: true needs a second sample y`, {
        code: 'invalid-option',
      });
    }
    checkFinite(x, xName, fn, 2);
    return oneSample('one-sample', x, mu, level, fn, 'one-sample t test');
  }
  if (options.paired === true) {
    if (x.length !== y.length) {
      throw new InputError(
        `${fn}: paired samples must have the same length, got ${xName} ${x.length} and ${yName} ${y.length}`,
        { code: 'length-mismatch', value: `${x.length} vs ${y.length}` },
      );
    }
    checkFinite(x, xName, fn, 2);
    checkFinite(y, yName, fn, 2);
    // A paired test is the one-sample test on the differences.
    const d = new Float64Array(x.length);
    for (let i = 0; i < d.length; i++) d[i] = x[i]! - y[i]!;
    return oneSample('paired', d, mu, level, fn, 'paired t test');
  }
  const varEqual = options.varEqual === true;
  // As R: the pooled test needs one value per group and three in all; Welch two per group.
  checkFinite(x, xName, fn, varEqual ? 1 : 2);
  checkFinite(y, yName, fn, varEqual ? 1 : 2);
  const n1 = x.length;
  const n2 = y.length;
  if (varEqual && n1 + n2 < 3) {
    throw new InputError(
      `${fn}: the pooled t test needs at least 3 values in all, got ${n1 + n2}`,
      {
        code: 'too-few',
        value: String(n1 + n2),
      },
    );
  }
  const [m1, v1] = meanVariance(x);
  const [m2, v2] = meanVariance(y);
  const parts = { mean1: m1, n1, variance1: v1, mean2: m2, n2, variance2: v2 };
  if (varEqual) {
    const df = n1 + n2 - 2;
    const s2 = ((n1 > 1 ? (n1 - 1) * v1 : 0) + (n2 > 1 ? (n2 - 1) * v2 : 0)) / df;
    const se = Math.sqrt(s2 * (1 / n1 + 1 / n2));
    return result(
      'pooled',
      m1 - m2,
      se,
      df,
      mu,
      level,
      n1 + n2,
      fn,
      parts,
      'two-sample t test, pooled variance',
    );
  }
  const a = v1 / n1;
  const b = v2 / n2;
  const se2 = a + b;
  const df = (se2 * se2) / ((a * a) / (n1 - 1) + (b * b) / (n2 - 1));
  return result(
    'welch',
    m1 - m2,
    Math.sqrt(se2),
    df,
    mu,
    level,
    n1 + n2,
    fn,
    parts,
    'Welch two-sample t test (Satterthwaite df)',
  );
}

/**
 * Difference in means between treated and control, mean(treated) − mean(control), with the
 * Welch (unequal-variance) SE √(s₁²/n₁ + s₂²/n₂) and a t test on the Satterthwaite df
 * (R: `t.test(treated, control)`). For 0/1 outcomes prefer {@link diffInProportions}.
 *
 * @example
 * diffInMeans([12.1, 9.8, 11.4, 10.9], [9.9, 10.2, 8.7, 9.1]).estimate // 1.575
 */
export function diffInMeans(
  treated: ArrayLike<number>,
  control: ArrayLike<number>,
  options: DiffInMeansOptions = {},
): TTestResult {
  rejectUnknownKeys(options, { level: true }, 'diffInMeans');
  const res = runTTest('diffInMeans', 'treated', 'control', treated, control, {
    level: options.level ?? 0.95,
  });
  return { ...res, method: 'difference in means, Welch SE, t test with Satterthwaite df' };
}

/**
 * Distribution functions on top of jstat, with the tails computed directly (not as 1 − cdf) so
 * that small p-values keep their relative accuracy.
 */
import jStatModule from 'jstat';

const jStat = jStatModule;

/**
 * Standard normal cumulative distribution function Φ(x), via erfc for accuracy in both tails.
 *
 * @example
 * normalCdf(1.959963984540054) // 0.975
 */
export function normalCdf(x: number): number {
  return 0.5 * jStat.erfc(-x / Math.SQRT2);
}

/**
 * Standard normal quantile Φ⁻¹(p) for 0 < p < 1.
 *
 * @example
 * normalQuantile(0.975) // 1.959963984540054
 */
export function normalQuantile(p: number): number {
  return -Math.SQRT2 * jStat.erfcinv(2 * p);
}

/**
 * Student t cumulative distribution function with `df` degrees of freedom (`Infinity` gives
 * the normal). Uses P(T ≤ −|t|) = ½·I(df/(df+t²); df/2, ½) for the tail.
 *
 * @example
 * studentTCdf(-2, 10) // 0.036694...
 */
export function studentTCdf(t: number, df: number): number {
  if (!Number.isFinite(df)) return normalCdf(t);
  const tail = 0.5 * jStat.ibeta(df / (df + t * t), df / 2, 0.5);
  return t <= 0 ? tail : 1 - tail;
}

/**
 * Student t quantile for probability p with `df` degrees of freedom (`Infinity` gives the normal).
 *
 * @example
 * studentTQuantile(0.975, 10) // 2.228138851986274
 */
export function studentTQuantile(p: number, df: number): number {
  if (!Number.isFinite(df)) return normalQuantile(p);
  return jStat.studentt.inv(p, df);
}

/**
 * Two-sided p-value for a t (or, with `df = Infinity`, z) statistic: 2·P(T ≥ |t|).
 *
 * @example
 * twoSidedP(1.959963984540054, Infinity) // 0.05
 */
export function twoSidedP(statistic: number, df: number): number {
  return Math.min(1, 2 * studentTCdf(-Math.abs(statistic), df));
}

/**
 * Upper tail of the chi-square distribution, P(X > x) with `df` degrees of freedom.
 *
 * @example
 * chiSquareSurvival(3.841458820694124, 1) // 0.05
 */
export function chiSquareSurvival(x: number, df: number): number {
  if (x <= 0) return 1;
  return upperRegGamma(df / 2, x / 2);
}

/**
 * Upper tail of the F distribution, P(F > x) with (df1, df2) degrees of freedom, via the
 * incomplete beta function: I(df2/(df2 + df1·x); df2/2, df1/2).
 *
 * @example
 * fSurvival(4.964602743730711, 1, 10) // 0.05
 */
export function fSurvival(x: number, df1: number, df2: number): number {
  if (x <= 0) return 1;
  if (!Number.isFinite(df2)) return chiSquareSurvival(x * df1, df1);
  return jStat.ibeta(df2 / (df2 + df1 * x), df2 / 2, df1 / 2);
}

/**
 * Regularised upper incomplete gamma Q(a, x) = 1 − P(a, x), by the series for P when x < a + 1
 * and by Lentz's continued fraction for Q otherwise (Numerical Recipes §6.2), so that the upper
 * tail keeps its relative precision.
 */
function upperRegGamma(a: number, x: number): number {
  if (x < a + 1) return 1 - jStat.lowRegGamma(a, x);
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x + a * Math.log(x) - jStat.gammaln(a)) * h;
}

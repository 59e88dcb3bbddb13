/**
 * Welch's two-sample t test for a difference in means. Private to outcomes until
 * `src/stats/` provides `diffInMeans`; same `Estimate` shape as the rest of the library.
 */
import { studentTQuantile, twoSidedP } from '../stats/distributions.js';
import { type Estimate, stars } from '../stats/estimate.js';

/** Mean, sample SD (n − 1) and size of one sample. */
export interface SampleSummary {
  readonly mean: number;
  readonly sd: number;
  readonly n: number;
}

/** Mean and SD of a sample (two-pass, for accuracy). */
export function summarize(x: ArrayLike<number>): SampleSummary {
  const n = x.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i]!;
  const mean = s / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i]! - mean) ** 2;
  return { mean, sd: Math.sqrt(ss / (n - 1)), n };
}

/**
 * Difference a − b of two means with Welch's SE √(s²ₐ/nₐ + s²_b/n_b), Welch–Satterthwaite df
 * and a two-sided t test (R: `t.test(a, b)`).
 */
export function welchDifference(a: SampleSummary, b: SampleSummary, level: number): Estimate {
  const va = (a.sd * a.sd) / a.n;
  const vb = (b.sd * b.sd) / b.n;
  const se = Math.sqrt(va + vb);
  const df = (va + vb) ** 2 / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  const estimate = a.mean - b.mean;
  const statistic = estimate / se;
  const pValue = twoSidedP(statistic, df);
  const q = studentTQuantile(1 - (1 - level) / 2, df);
  return {
    estimate,
    stdError: se,
    ci: [estimate - q * se, estimate + q * se],
    statistic,
    df,
    pValue,
    stars: stars(pValue),
    n: a.n + b.n,
    level,
    method: 'difference in means, Welch SE and Welch–Satterthwaite df, t test',
  };
}

/**
 * Linear hypotheses c'β of a fitted regression from its joint covariance: the contrast between
 * two arms of a several-arm model (β_a − β_b), with SE √(c'Vc), as R's
 * `car::linearHypothesis` / `multcomp::glht` or `c %*% coef(fit)` and
 * `sqrt(t(c) %*% vcov(fit) %*% c)` give it.
 */
import { InputError } from '../errors.js';
import { type Estimate, estimateFromSe } from '../stats/estimate.js';

/**
 * The estimate of c'β with its standard error √(c'Vc) and a t (df finite) or z (df = ∞) test of
 * c'β = 0, two-sided, CI c'β ± t₁₋α/₂·SE: the linear hypothesis of a contrast between two
 * coefficients (c = e_a − e_b) or of any other linear combination. `vcov` is k×k row-major.
 * A NaN variance (an NA coefficient variance, e.g. leverage 1 under HC2) gives a NaN SE.
 *
 * @example
 * // β = (1, 0.3, 0.1), V = diag(0.01, 0.004, 0.009): β₁ − β₂ = 0.2, SE √(0.004 + 0.009)
 * linearContrast([1, 0.3, 0.1], Float64Array.of(0.01, 0, 0, 0, 0.004, 0, 0, 0, 0.009), [0, 1, -1], 100, 0.95, 103, 'OLS').stdError;
 * // 0.11401754…
 */
export function linearContrast(
  beta: ArrayLike<number>,
  vcov: ArrayLike<number>,
  c: ArrayLike<number>,
  df: number,
  level: number,
  n: number,
  method: string,
): Estimate {
  const k = beta.length;
  if (c.length !== k || vcov.length !== k * k) {
    throw new InputError(
      `linearContrast: expected a contrast of ${k} weights and a ${k}×${k} covariance, got ${c.length} weights and ${vcov.length} entries`,
      { code: 'length-mismatch' },
    );
  }
  let estimate = 0;
  let variance = 0;
  for (let a = 0; a < k; a++) {
    const ca = c[a]!;
    if (ca === 0) continue;
    estimate += ca * beta[a]!;
    for (let b = 0; b < k; b++) {
      const cb = c[b]!;
      if (cb !== 0) variance += ca * cb * vcov[a * k + b]!;
    }
  }
  // c'Vc ≥ 0 for a covariance: a negative value is rounding of an exact 0 (NaN stays NaN).
  const se = Math.sqrt(Math.max(variance, 0));
  return estimateFromSe(estimate, se, df, level, n, method);
}

/**
 * The calibration slope's fit, logit P(y = 1) = β₀ + β₁x, by the IRLS of `glm.fit` written out for
 * two columns: one pass over the clients per iteration with five sums, a 2 × 2 solve in closed
 * form. The same iterates, stopping rule and standard error as `logisticRegression` on
 * [1, x] (up to rounding in the last bits); the general fit stays the fallback.
 */

import { binomialStep } from '../estimate/irls-pass.js';

/** β₀, β₁ and the SE of β₁ of the two-column logistic fit; null when the fast path declines. */
export interface LogitSlope {
  readonly intercept: number;
  readonly slope: number;
  readonly slopeStdError: number;
}

/**
 * Logistic regression of y on [1, x] as `glm(y ~ x, family = binomial)`: start μ = (y + ½)/2,
 * η = logit μ; each pass μ = expit η (R's clamping at |η| > 30), μ' = μ(1 − μ), W = μ'²/(μ(1 − μ)),
 * the deviance −2Σ log(μ or 1 − μ), and with x̃ = x − x̄ the sums Σw, Σw x̃, Σw x̃², Σw t, Σw x̃ t
 * (t = z at the start, (y − μ)/μ' after); (β̃₀, β̃₁) += the 2 × 2 solve, β₀ = β̃₀ − x̄β̃₁; stop when
 * |dev − dev_old|/(|dev| + 0.1) < 1e-8 (at most 25 iterations); SE(β₁) = √(Σw/det) at the weights
 * of the last step (as `summary.glm`). Returns null (the caller then fits with
 * `logisticRegression`) when x is (nearly) constant, a step is singular or the fit does not
 * converge, so that those cases keep the general fit's checks and messages.
 *
 * @example
 * logitSlope(Float64Array.of(-2, -1, 0, 1, 2, 0.5), Uint8Array.of(0, 0, 1, 0, 1, 1))?.slope
 */
export function logitSlope(x: Float64Array, y: Uint8Array): LogitSlope | null {
  const n = y.length;
  let xbar = 0;
  for (let i = 0; i < n; i++) xbar += x[i]!;
  xbar /= n;
  let sxx = 0;
  let sx2 = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i]! - xbar;
    sxx += d * d;
    sx2 += x[i]! * x[i]!;
  }
  if (!(sxx > 1e-10 * Math.max(sx2, n))) return null;
  // b0 and b1 in the centred basis: η = b0 + b1·(x − x̄); beta = null for the start.
  const step = new Float64Array(4);
  let b0 = 0;
  let b1 = 0;
  let devOld = 0;
  let prevA = 0;
  let prevC = 0;
  let prevB = 0;
  for (let iter = 0; iter <= 25; iter++) {
    let sw = 0;
    let swx = 0;
    let swxx = 0;
    let swt = 0;
    let swxt = 0;
    let dev = 0;
    // The general fit's η: β₀ + x·β₁ in the original basis.
    const c0 = b0 - xbar * b1;
    for (let i = 0; i < n; i++) {
      binomialStep(y[i]!, c0 + x[i]! * b1, iter === 0, step);
      const w = step[1]!;
      const t = step[2]!;
      dev += step[3]!;
      const d = x[i]! - xbar;
      sw += w;
      swx += w * d;
      swxx += w * d * d;
      swt += t;
      swxt += t * d;
    }
    if (iter > 0 && Math.abs(dev - devOld) / (Math.abs(dev) + 0.1) < 1e-8) {
      // Converged at this β: the SE from the weights of the step that produced it.
      const det = prevA * prevC - prevB * prevB;
      return { intercept: c0, slope: b1, slopeStdError: Math.sqrt(prevA / det) };
    }
    if (iter === 25) return null;
    devOld = dev;
    const det = sw * swxx - swx * swx;
    if (!(det > 1e-11 * sw * swxx) || !Number.isFinite(det)) return null;
    const d0 = (swxx * swt - swx * swxt) / det;
    const d1 = (sw * swxt - swx * swt) / det;
    if (iter === 0) {
      b0 = d0;
      b1 = d1;
    } else {
      b0 += d0;
      b1 += d1;
    }
    prevA = sw;
    prevB = swx;
    prevC = swxx;
  }
  return null;
}

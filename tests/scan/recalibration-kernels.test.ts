import { describe, expect, it } from 'vitest';
import { logisticRegression } from '../../src/estimate/logistic.js';
import { offsetIntercept } from '../../src/scan/calibration.js';
import { logitSlope } from '../../src/scan/logit-slope.js';
import { createRng } from '../../src/stats/random.js';

/** Seeded probabilities and outcomes drawn from a miscalibrated model (true slope 0.8). */
function sample(n: number, seed: string) {
  const rng = createRng(seed);
  const lp = new Float64Array(n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    lp[i] = -1.5 + 1.2 * rng.normal();
    const p = 1 / (1 + Math.exp(-(0.2 + 0.8 * lp[i]!)));
    y[i] = rng.next() < p ? 1 : 0;
  }
  return { lp, y };
}

describe('logitSlope (two-column IRLS written out)', () => {
  it('equals logisticRegression on [1, x]: coefficients and slope SE to 1e-10 relative', () => {
    for (const seed of ['a', 'b', 'c']) {
      const { lp, y } = sample(4000, seed);
      const fast = logitSlope(lp, y)!;
      const fit = logisticRegression(
        {
          names: ['(Intercept)', 'x'],
          columns: [new Float64Array(lp.length).fill(1), lp],
          n: lp.length,
        },
        Float64Array.from(y),
      );
      const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
      expect(rel(fast.slope, fit.coefficient('x').estimate)).toBeLessThan(1e-10);
      expect(rel(fast.slopeStdError, fit.coefficient('x').stdError)).toBeLessThan(1e-10);
      expect(rel(fast.intercept, fit.coefficient('(Intercept)').estimate)).toBeLessThan(1e-10);
    }
  });

  it('declines (null) a constant covariate, so the general fit gives its message', () => {
    expect(
      logitSlope(new Float64Array(10).fill(0.3), Uint8Array.of(0, 1, 0, 1, 0, 0, 1, 0, 0, 1)),
    ).toBeNull();
  });
});

describe('offsetIntercept', () => {
  it('solves Σ(y − expit(a + o)) = 0 with SE 1/√Σμ(1 − μ)', () => {
    const { lp, y } = sample(3000, 'offset');
    const { a, se } = offsetIntercept(lp, y);
    let score = 0;
    let info = 0;
    for (let i = 0; i < y.length; i++) {
      const mu = 1 / (1 + Math.exp(-(a + lp[i]!)));
      score += y[i]! - mu;
      info += mu * (1 - mu);
    }
    expect(Math.abs(score)).toBeLessThan(1e-8);
    expect(se).toBeCloseTo(1 / Math.sqrt(info), 12);
  });
});

/**
 * Firth's penalised logistic regression against the iteration written out in R
 * (tests/reference/firth.R → firth.json; logistf is not installed, so the reference is the
 * penalised-score Newton iteration by hand).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firthLogistic } from '../../src/estimate/firth.js';
import { logisticRegression } from '../../src/estimate/logistic.js';

const root = join(import.meta.dirname, '..', '..');
const ref = JSON.parse(readFileSync(join(root, 'tests/reference/firth.json'), 'utf8'));
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('firthLogistic', () => {
  it('complete separation: finite estimates equal to the R iteration', () => {
    const { x, y } = ref.small;
    const X = {
      names: ['(Intercept)', 'x'],
      columns: [new Float64Array(8).fill(1), Float64Array.from(x)],
      n: 8,
    };
    const fit = firthLogistic(X, y);
    expect(fit.converged).toBe(true);
    fit.coefficients.forEach((c, j) => {
      expect(rel(c.estimate, ref.small.coef[j])).toBeLessThan(1e-8);
      expect(rel(c.stdError, ref.small.se[j])).toBeLessThan(1e-8);
    });
    expect(rel(fit.logLik, ref.small.loglik)).toBeLessThan(1e-9);
    expect(rel(fit.penalizedLogLik, ref.small.penalized)).toBeLessThan(1e-9);
    // maximum likelihood has no finite solution here: glm's estimate runs away
    const ml = logisticRegression(X, y);
    expect(Math.abs(ml.coefficient('x').estimate)).toBeGreaterThan(10);
    expect(ml.warnings.join(' ')).toMatch(/numerically 0 or 1/);
  });
  it('hand check: at the solution the modified score is zero', () => {
    const { x, y } = ref.small;
    const X = [...x.keys()].map((i: number) => [1, x[i]]);
    const fit = firthLogistic(X, y);
    const [b0, b1] = fit.coefficients.map((c) => c.estimate) as [number, number];
    // U* = X'(y − μ + h(½ − μ)), h = w·x'(X'WX)⁻¹x, written out for two columns
    const mu = x.map((v: number) => 1 / (1 + Math.exp(-(b0 + b1 * v))));
    const w = mu.map((m: number) => m * (1 - m));
    let a = 0;
    let b = 0;
    let c = 0;
    x.forEach((v: number, i: number) => {
      a += w[i];
      b += w[i] * v;
      c += w[i] * v * v;
    });
    const det = a * c - b * b;
    let u0 = 0;
    let u1 = 0;
    x.forEach((v: number, i: number) => {
      const h = (w[i] * (c - 2 * b * v + a * v * v)) / det;
      const r = y[i] - mu[i] + h * (0.5 - mu[i]);
      u0 += r;
      u1 += r * v;
    });
    expect(Math.abs(u0)).toBeLessThan(1e-10);
    expect(Math.abs(u1)).toBeLessThan(1e-10);
  });
});

import { describe, expect, it } from 'vitest';
import { olsPrepare, olsSolve, olsSolveCoefficients } from '../../src/estimate/ols.js';
import { residualCrossProduct } from '../../src/stats/linalg.js';
import { createRng } from '../../src/stats/random.js';

describe('olsSolveCoefficients', () => {
  const rng = createRng(5);
  const n = 3000;
  const ones = new Float64Array(n).fill(1);
  const x1 = Float64Array.from({ length: n }, () => 50_000 + 5 * rng.normal());
  const x2 = Float64Array.from({ length: n }, () => (rng.next() < 0.3 ? 1 : 0));
  const y = Float64Array.from(x1, (v, i) => 2 + 0.01 * v - x2[i]! + rng.normal());
  const w = Float64Array.from({ length: n }, () => 0.05 + rng.next());
  const design = { names: ['(Intercept)', 'x1', 'x2'], columns: [ones, x1, x2], n };

  it("gives olsSolve's coefficients bit for bit, weighted and not", () => {
    for (const weights of [undefined, w]) {
      const prep = olsPrepare(design, weights ? { weights } : {});
      const scratch = new Float64Array(n);
      expect(Array.from(olsSolveCoefficients(prep, y, scratch))).toEqual(
        Array.from(olsSolve(prep, y).beta),
      );
    }
  });

  it('residualCrossProduct writes into out when given, with the same values', () => {
    const b = Float64Array.of(1.5, 0.01, -0.7);
    const fresh = residualCrossProduct(design.columns, b, y, w);
    const out = new Float64Array(n);
    const given = residualCrossProduct(design.columns, b, y, w, undefined, out);
    expect(given.residuals).toBe(out);
    expect(Array.from(out)).toEqual(Array.from(fresh.residuals));
    expect(Array.from(given.xte)).toEqual(Array.from(fresh.xte));
    expect(() =>
      residualCrossProduct(design.columns, b, y, w, undefined, new Float64Array(3)),
    ).toThrow(RangeError);
  });
});

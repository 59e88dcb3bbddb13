// olsTermsVcovPrepared: some coefficients and their block of the covariance in O(n·q) must equal
// the same block of the full fit (olsFitPrepared, itself checked against lm_robust in
// ols.test.ts) for every SE type, with and without weights, NA where a row has leverage 1.
import { describe, expect, it } from 'vitest';
import { olsFitPrepared, olsPrepare, olsTermsVcovPrepared } from '../../src/estimate/ols.js';
import { createRng } from '../../src/stats/random.js';

const rng = createRng(18);
const n = 400;
const t = Float64Array.from({ length: n }, () => (rng.next() < 0.6 ? 1 : 0));
const g = Float64Array.from({ length: n }, () => (rng.next() < 0.5 ? 1 : 0));
const x = Float64Array.from({ length: n }, () => 50_000 + 5 * rng.normal());
const y = Float64Array.from({ length: n }, (_, i) => (rng.next() < 0.3 + 0.1 * t[i]! ? 1 : 0));
const w = Float64Array.from({ length: n }, () => 0.5 + rng.next());
const design = {
  names: ['(Intercept)', 'treatment', 'g', 'treatment:g', 'x'],
  columns: [new Float64Array(n).fill(1), t, g, Float64Array.from(t, (v, i) => v * g[i]!), x],
  n,
};
const terms = ['treatment:g', 'treatment'];

describe('olsTermsVcovPrepared', () => {
  for (const weights of [undefined, w]) {
    for (const se of ['classical', 'HC0', 'HC1', 'HC2', 'HC3'] as const) {
      it(`${se}${weights ? ', weighted' : ''}: the block of the full vcov`, () => {
        const prep = olsPrepare(design, weights ? { weights } : {});
        const fit = olsFitPrepared(prep, y, { se });
        const block = olsTermsVcovPrepared(prep, y, terms, se);
        const at = terms.map((term) => fit.terms.indexOf(term));
        expect(block.df).toBe(fit.df);
        at.forEach((a, i) => {
          expect(block.estimates[i]).toBeCloseTo(fit.coefficients[a]!.estimate, 13);
          at.forEach((b, j) => {
            const full = fit.vcov[a]![b]!;
            expect(Math.abs(block.vcov[i * 2 + j]! - full)).toBeLessThan(1e-10 * Math.abs(full));
          });
        });
      });
    }
  }

  it('is NA for a coefficient resting on a row with leverage 1, as the full vcov', () => {
    const one = new Float64Array(n);
    one[7] = 1; // a dummy only row 8 has: leverage 1
    const d = { names: [...design.names, 'only8'], columns: [...design.columns, one], n };
    const prep = olsPrepare(d);
    const fit = olsFitPrepared(prep, y, { se: 'HC2' });
    const block = olsTermsVcovPrepared(prep, y, ['only8', 'treatment'], 'HC2');
    const j = fit.terms.indexOf('only8');
    expect(Number.isNaN(fit.vcov[j]![j]!)).toBe(true);
    expect(Number.isNaN(block.vcov[0]!)).toBe(true);
    const c = fit.terms.indexOf('treatment');
    expect(Number.isNaN(fit.vcov[c]![c]!)).toBe(Number.isNaN(block.vcov[3]!));
  });

  it('names an aliased or unknown term', () => {
    const prep = olsPrepare(design);
    expect(() => olsTermsVcovPrepared(prep, y, ['nope'], 'HC2')).toThrow(/not in the model/);
  });
});

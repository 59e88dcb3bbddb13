// The just-identified 2SLS kernel against ivRegression (itself checked against estimatr's
// iv_robust in tests/reference) on the same data: the complier effect, its SE and df, the first
// stage with its F, and the reduced form against ols, for every SE type.
import { describe, expect, it } from 'vitest';
import { ivRegression } from '../../src/estimate/iv.js';
import { justIdentifiedIv, justIdentifiedIvMany } from '../../src/estimate/iv-just-identified.js';
import { ols, olsPrepare } from '../../src/estimate/ols.js';
import { SE_TYPES } from '../../src/estimate/vcov.js';
import { createRng } from '../../src/stats/random.js';

const n = 800;
const rng = createRng('iv-just-identified');
const z = Float64Array.from({ length: n }, () => (rng.next() < 0.7 ? 1 : 0));
const age = Float64Array.from({ length: n }, () => 40 + 10 * rng.normal());
const woman = Float64Array.from({ length: n }, () => (rng.next() < 0.5 ? 1 : 0));
const d = Float64Array.from(z, (zi, i) => (rng.next() < 0.1 + 0.5 * zi + 0.002 * age[i]! ? 1 : 0));
const y = Float64Array.from(d, (di, i) => (rng.next() < 0.2 + 0.1 * di + 0.1 * woman[i]! ? 1 : 0));
const ones = new Float64Array(n).fill(1);

const close = (a: number, b: number, tol: number) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(Math.abs(b), 1e-300));

describe('justIdentifiedIv', () => {
  for (const covariates of [[], ['age', 'woman']] as const) {
    const cols = covariates.map((c) => (c === 'age' ? age : woman));
    const design = { names: ['(Intercept)', 'z', ...covariates], columns: [ones, z, ...cols], n };
    const prep = olsPrepare(design);
    for (const se of SE_TYPES) {
      it(`equals ivRegression to 1e-10 (${se}, ${covariates.length} covariates)`, () => {
        const fast = justIdentifiedIv(prep, y, d, 'z', 'd', { se, level: 0.9 });
        const ref = ivRegression(
          {
            y,
            endogenous: { d },
            instruments: { z },
            ...(cols.length ? { exogenous: { names: [...covariates], columns: cols, n } } : {}),
          },
          { se, level: 0.9 },
        );
        const effect = ref.coefficient('d');
        close(fast.effect.estimate, effect.estimate, 1e-10);
        close(fast.effect.stdError, effect.stdError, 1e-10);
        close(fast.effect.ci[0], effect.ci[0], 1e-10);
        close(fast.effect.pValue, effect.pValue, 1e-9);
        expect(fast.effect.df).toBe(effect.df);
        expect(fast.effect.method).toBe(effect.method);
        const first = ref.firstStage[0]!;
        close(fast.firstStage.estimate, first.fit.coefficient('z').estimate, 1e-12);
        close(fast.firstStage.stdError, first.fit.coefficient('z').stdError, 1e-10);
        close(fast.f, first.f, 1e-10);
        expect([...fast.fDf]).toEqual([...first.fDf]);
        close(fast.fPValue, first.pValue, 1e-9);
        const reduced = ols(design, y, { se, level: 0.9 }).coefficient('z');
        close(fast.reducedForm.estimate, reduced.estimate, 1e-12);
        close(fast.reducedForm.stdError, reduced.stdError, 1e-10);
      });
    }
  }

  it('justIdentifiedIvMany equals one justIdentifiedIv per outcome, bit for bit', () => {
    const y2 = Float64Array.from(y, (v, i) => (i % 3 === 0 ? 1 - v : v));
    const design = { names: ['(Intercept)', 'z', 'age'], columns: [ones, z, age], n };
    for (const se of SE_TYPES) {
      const many = justIdentifiedIvMany(olsPrepare(design), [y, y2], d, 'z', 'd', {
        se,
        level: 0.9,
      });
      [y, y2].forEach((outcome, e) => {
        expect(many[e]).toEqual(
          justIdentifiedIv(olsPrepare(design), outcome, d, 'z', 'd', { se, level: 0.9 }),
        );
      });
      expect(many[0]!.effect.estimate).not.toBe(many[1]!.effect.estimate);
    }
  });

  it('refuses an instrument collinear with the covariates', () => {
    const prep = olsPrepare({ names: ['(Intercept)', 'z', 'z2'], columns: [ones, z, z], n });
    // the second copy is the one dropped; name it the instrument
    expect(() => justIdentifiedIv(prep, y, d, 'z2', 'd', { se: 'HC2', level: 0.95 })).toThrow(
      /z2 are collinear with the covariates; the model is not identified/,
    );
  });
});

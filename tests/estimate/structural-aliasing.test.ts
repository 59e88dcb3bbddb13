// Structurally aliased columns (equal to an earlier column, or constant zero) are settled before
// the Cholesky/QR decision (src/estimate/ols.ts): the columns dropped, the estimates and the HC2
// inference must still be R's (lm + lm_robust, tests/reference/structural-aliasing.R → .json),
// and the decision that of the port of dqrdc2 on the whole design.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ols } from '../../src/estimate/ols.js';
import { limitedPivoting } from '../../src/estimate/pivot.js';
import { expectClose, report, TOL, TOL_P } from './reference.js';

interface FitRef {
  aliased: string[];
  terms: string[];
  estimate: number[];
  std_error: number[];
  p_value: number[];
  df: number;
}
const ref: {
  names: string[];
  columns: number[][];
  y: number[];
  weights: number[];
  unweighted: FitRef;
  weighted: FitRef;
} = JSON.parse(
  readFileSync(new URL('../reference/structural-aliasing.json', import.meta.url), 'utf8'),
);
const columns = ref.columns.map((c) => Float64Array.from(c));
const design = { names: ref.names, columns, n: ref.y.length };
const y = Float64Array.from(ref.y);

afterAll(report);

describe('structurally aliased columns', () => {
  for (const [label, weights, r] of [
    ['unweighted', undefined, ref.unweighted],
    ['weighted', Float64Array.from(ref.weights), ref.weighted],
  ] as const) {
    it(`${label}: lm's aliased columns, lm_robust's HC2 estimates, SEs and p-values`, () => {
      const fit = ols(design, y, { se: 'HC2', ...(weights ? { weights } : {}) });
      expect(fit.aliased).toEqual(r.aliased);
      expect(fit.terms).toEqual(r.terms);
      expect(fit.df).toBe(r.df);
      r.terms.forEach((term, j) => {
        const c = fit.coefficient(term);
        expectClose(c.estimate, r.estimate[j]!, TOL, `structural ${label} estimate`);
        expectClose(c.stdError, r.std_error[j]!, TOL, `structural ${label} SE`);
        expectClose(c.pValue, r.p_value[j]!, TOL_P, `structural ${label} p`);
      });
    });
  }

  it('decides as dqrdc2 on the whole design', () => {
    const lp = limitedPivoting(columns, 1e-7);
    expect(lp.aliased.map((j) => ref.names[j])).toEqual(ref.unweighted.aliased);
  });
});

// Aliased columns decided as R's lm (LINPACK dqrdc2, tol 1e-7), against tests/reference/regress.R
// → regress.json: Lin with covariate levels present in one arm only, near-collinear raw columns,
// and HC2 with a leverage-1 row (NA for the coefficients resting on it).
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { limitedPivoting } from '../../src/estimate/pivot.js';
import { linAdjusted, ols } from '../../src/index.js';
import { crossProduct, pivotedCholesky } from '../../src/stats/linalg.js';
import { expectClose, num, type RobustRef, report, TOL } from './reference.js';

interface PivotRef {
  data: { y: number[]; treatment: number[]; grp: string[]; inc: number[] };
  terms: string[];
  lm_aliased: string[];
  lm_estimate: (number | null)[];
  lm_std_error_classical: number[];
  hc2: { rows_leverage_one: number[]; std_error: (number | null)[] };
  lm_lin: RobustRef;
  near: { rel: number; x1: number[]; x2: number[]; x3: number[]; y: number[]; aliased: string[] }[];
}
const ref: PivotRef = JSON.parse(
  readFileSync(new URL('../reference/regress.json', import.meta.url), 'utf8'),
).pivot;
const g = ref.data.grp;
const covariates = {
  'grp[b]': g.map((v) => +(v === 'b')),
  'grp[c]': g.map((v) => +(v === 'c')),
  'grp[d]': g.map((v) => +(v === 'd')),
  inc: ref.data.inc,
};

afterAll(report);

describe('Lin with covariate levels present in the treated arm only', () => {
  it("drops the columns R's lm drops, with lm's estimates and classical SE", () => {
    const lin = linAdjusted(covariates, ref.data.treatment, ref.data.y, { se: 'classical' });
    expect(lin.fit.aliased).toEqual(ref.lm_aliased);
    const kept = ref.terms.filter((t) => !ref.lm_aliased.includes(t));
    expect(lin.fit.terms).toEqual(kept);
    kept.forEach((term, j) => {
      const i = ref.terms.indexOf(term);
      expectClose(
        lin.fit.coefficient(term).estimate,
        num(ref.lm_estimate[i]),
        TOL,
        'pivot lm estimate',
      );
      expectClose(
        lin.fit.coefficient(term).stdError,
        ref.lm_std_error_classical[j]!,
        TOL,
        'pivot lm SE',
      );
    });
  });

  it('HC2 with the one client of level d (leverage 1): NA for the terms resting on it, no error', () => {
    const lin = linAdjusted(covariates, ref.data.treatment, ref.data.y);
    lin.fit.coefficients.forEach((c, j) => {
      const r = ref.hc2.std_error[j] ?? null;
      if (r === null) expect(c.stdError).toBeNaN();
      else expectClose(c.stdError, r, TOL, 'pivot HC2 SE');
    });
    expect(lin.treatment.stdError).toBeGreaterThan(0);
  });

  it("estimatr's lm_lin pivots differently (documented): other columns NA, another treatment estimate", () => {
    const lmLinAliased = ref.lm_lin.terms.filter((_, i) => ref.lm_lin.estimate[i] === null);
    expect(lmLinAliased).toEqual(['grpd_c', 'treatment:grpc_c']);
    const ours = linAdjusted(covariates, ref.data.treatment, ref.data.y).treatment.estimate;
    const theirs = num(ref.lm_lin.estimate[1]);
    expect(Math.abs(ours - theirs)).toBeGreaterThan(0.05); // 4.4033 (lm) vs 4.3251 (lm_lin)
  });
});

describe('near-collinear columns: the decision is made as dqrdc2 makes it', () => {
  it('equals lm for relative residuals on both sides of 1e-7, where the bare Cholesky errs', () => {
    let choleskyWrong = 0;
    for (const c of ref.near) {
      const cols = [c.x1, c.x2, c.x3].map((x) => Float64Array.from(x));
      const fit = ols({ names: ['x1', 'x2', 'x3'], columns: cols, n: c.y.length }, c.y, {
        se: 'classical',
      });
      expect(fit.aliased, `rel ${c.rel}`).toEqual(c.aliased);
      expect(limitedPivoting(cols).aliased.map((j) => `x${j + 1}`)).toEqual(c.aliased);
      const bare = pivotedCholesky(crossProduct(cols), 3, 1e-7).aliased.map((j) => `x${j + 1}`);
      if (bare.join() !== c.aliased.join()) choleskyWrong++;
    }
    // at a relative residual of 1.005e-7 the normal equations see 1e-7 or less, and would alias x3
    expect(choleskyWrong).toBeGreaterThan(0);
  });

  it('limitedPivoting on a small exact case', () => {
    const x = Float64Array.from([1, 2, 3, 4, 5]);
    const one = new Float64Array(5).fill(1);
    expect(limitedPivoting([one, x, Float64Array.from(x, (v) => 2 * v - 1)]).aliased).toEqual([2]);
    expect(limitedPivoting([one, new Float64Array(5), x])).toEqual({ kept: [0, 2], aliased: [1] });
  });
});

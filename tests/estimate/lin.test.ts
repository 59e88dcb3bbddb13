import { afterAll, describe, expect, it } from 'vitest';
import { linAdjusted, ols } from '../../src/estimate/index.js';
import { design, expectClose, expectCoefficients, ref, report, TOL } from './reference.js';

const cov = design(ref.data.lin.covariates);
const t = Float64Array.from(ref.data.lin.treatment);
const y = Float64Array.from(ref.data.main.y);

afterAll(report);

describe('linAdjusted equals estimatr::lm_lin', () => {
  it('HC2 (default)', () => {
    const lin = linAdjusted(cov, t, y);
    expectCoefficients(lin.fit, ref.lin, 'lin HC2');
    expectClose(lin.fit.rSquared, ref.lin.r_squared, TOL, 'lin R²');
    expect(lin.treatment.term).toBe('treatment');
    expect(lin.treatment.method).toMatch(/^Lin \(2013\)/);
    expect(lin.treatment.estimate).toBe(lin.fit.coefficient('treatment').estimate);
  });

  it('HC1', () => {
    expectCoefficients(linAdjusted(cov, t, y, { se: 'HC1' }).fit, ref.lin_HC1, 'lin HC1');
  });

  it('accepts a record of covariates and a custom treatment name', () => {
    const cols = Object.fromEntries(cov.names.map((k, j) => [k, cov.columns[j]!]));
    const a = linAdjusted(cols, [...t], [...y], { treatmentName: 'T' });
    expect(a.treatment.term).toBe('T');
    expect(a.fit.terms).toContain('T:age_c');
    expectClose(a.treatment.stdError, linAdjusted(cov, t, y).treatment.stdError, 1e-14, 'lin');
  });

  it('without covariates it is the difference in means', () => {
    const empty = { names: [], columns: [], n: t.length };
    const lin = linAdjusted(empty, t, y);
    const one = new Float64Array(t.length).fill(1);
    const raw = ols({ names: ['(Intercept)', 'treatment'], columns: [one, t], n: t.length }, y);
    expectClose(lin.treatment.estimate, raw.coefficient('treatment').estimate, 1e-13, 'lin');
  });

  it('rejects a non-binary treatment and a single arm', () => {
    const bad = Float64Array.from(t);
    bad[2] = 2;
    expect(() => linAdjusted(cov, bad, y)).toThrow(/treatment: row 3 is 2; expected a 0\/1/);
    expect(() => linAdjusted(cov, new Float64Array(t.length), y)).toThrow(/expected both arms/);
    expect(() => linAdjusted(cov, t, y.subarray(1))).toThrow(/y: has 399 values/);
  });
});

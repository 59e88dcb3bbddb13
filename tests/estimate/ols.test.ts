import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { ols, olsFitPrepared, olsPrepare, olsTermPrepared } from '../../src/estimate/index.js';
import { design, expectClose, expectCoefficients, num, ref, report, TOL } from './reference.js';

const X = design(ref.data.main.X);
const y = Float64Array.from(ref.data.main.y);
const w = Float64Array.from(ref.data.main.w);

afterAll(report);

describe('ols agrees with estimatr::lm_robust', () => {
  for (const se of ['classical', 'HC0', 'HC1', 'HC2', 'HC3'] as const) {
    it(`se_type = ${se}`, () => {
      const r = ref.lm_robust[se]!;
      const fit = ols(X, y, { se });
      expectCoefficients(fit, r, `ols ${se}`);
      expectClose(fit.rSquared, r.r_squared, TOL, `ols ${se} R²`);
      expectClose(fit.adjRSquared, r.adj_r_squared, TOL, `ols ${se} R²`);
      r.vcov.forEach((row, i) => {
        row.forEach((v, j) => {
          expectClose(fit.vcov[i]![j]!, num(v), TOL, `ols ${se} vcov`);
        });
      });
      expect(fit.df).toBe(ref.data.n - X.names.length);
      expect(fit.se).toBe(se);
    });
  }

  it('defaults to HC2 and sigma matches lm', () => {
    const fit = ols(X, y);
    expect(fit.se).toBe('HC2');
    expectCoefficients(fit, ref.lm_robust.HC2!, 'ols HC2');
    expectClose(fit.sigma, ref.sigma_main, TOL, 'ols sigma');
  });

  it('level 0.90', () => {
    expectCoefficients(ols(X, y, { level: 0.9 }), ref.lm_robust.HC2_level90!, 'ols HC2 level');
  });

  for (const se of ['HC2', 'classical'] as const) {
    it(`weights, ${se}`, () => {
      const r = ref.lm_robust[`${se}_weighted`]!;
      const fit = ols(X, y, { se, weights: w });
      expectCoefficients(fit, r, `wls ${se}`);
      expectClose(fit.rSquared, r.r_squared, TOL, `wls ${se} R²`);
      expectClose(fit.adjRSquared, r.adj_r_squared, TOL, `wls ${se} R²`);
    });
  }

  it('an ill-conditioned design (uncentred covariate, mean 50000, sd 5)', () => {
    // cond(X) ≈ 1e4. Estimates agree with lm_robust at 1e-8; its HC2 SEs are themselves only
    // good to ~1e-7 here (raw X'X inverted), so SEs are checked against the accurate centred
    // computation in estimate.R at 1e-8, and against estimatr at 1e-6.
    const Xi = design(ref.data.ill_conditioned.X);
    const r = ref.lm_robust.HC2_ill_conditioned!;
    const fit = ols(Xi, y);
    r.terms.forEach((term, i) => {
      const c = fit.coefficient(term);
      expectClose(c.estimate, num(r.estimate[i]), TOL, 'ols ill-conditioned estimate');
      expectClose(
        c.stdError,
        ref.ill_conditioned_accurate.std_error[i]!,
        TOL,
        'ols ill-conditioned SE',
      );
      expectClose(c.stdError, num(r.std_error[i]), 1e-6, 'ols ill-conditioned SE vs estimatr');
    });
  });

  it('accepts rows (number[][]) as well as a DesignMatrix', () => {
    const rows = Array.from({ length: X.n }, (_, i) => X.columns.map((c) => c[i]!));
    const a = ols(rows, [...y]);
    const b = ols(X, y);
    expect(a.terms[1]).toBe('x2');
    expect(a.coefficients.map((c) => c.stdError)).toEqual(b.coefficients.map((c) => c.stdError));
  });

  it('residuals + fitted = y, and coefficient() finds a term', () => {
    const fit = ols(X, y);
    for (let i = 0; i < 5; i++) expect(fit.residuals[i]! + fit.fitted[i]!).toBeCloseTo(y[i]!, 12);
    expect(fit.coefficient('treatment').term).toBe('treatment');
    expect(() => fit.coefficient('nope')).toThrow(/not in the model/);
  });
});

describe('rank deficiency (lm gives NA)', () => {
  const Xc = design(ref.data.collinear.X);
  it('drops the aliased columns as lm does, classical SEs equal summary.lm', () => {
    const fit = ols(Xc, y, { se: 'classical' });
    expect(fit.aliased).toEqual(ref.collinear.aliased);
    expect(fit.terms).toEqual(ref.collinear.kept);
    expect(fit.df).toBe(ref.collinear.df);
    ref.collinear.kept.forEach((term, i) => {
      const c = fit.coefficient(term);
      expectClose(c.estimate, ref.collinear.estimate[i]!, TOL, 'collinear estimate');
      expectClose(c.stdError, ref.collinear.std_error[i]!, TOL, 'collinear SE');
      expectClose(c.statistic, ref.collinear.statistic[i]!, TOL, 'collinear statistic');
    });
    expect(() => fit.coefficient('age2')).toThrow(/aliased/);
  });

  it('HC2 after dropping equals lm_robust on the columns lm keeps', () => {
    expectCoefficients(ols(Xc, y), ref.lm_robust.HC2!, 'collinear HC2');
  });

  it("singular: 'error' names the aliased terms", () => {
    expect(() => ols(Xc, y, { singular: 'error' })).toThrow(/"age2", "region_none"/);
    try {
      ols(Xc, y, { singular: 'error' });
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).code).toBe('aliased');
    }
  });
});

describe('prepared design for many outcomes', () => {
  it('olsFitPrepared and olsTermPrepared equal ols for several outcomes', () => {
    const prep = olsPrepare(X);
    for (const yy of [y, Float64Array.from(ref.data.main.ybin)]) {
      for (const se of ['classical', 'HC0', 'HC1', 'HC2', 'HC3'] as const) {
        const full = ols(X, yy, { se });
        const viaPrep = olsFitPrepared(prep, yy, { se });
        const term = olsTermPrepared(prep, yy, 'treatment', { se });
        const expected = full.coefficient('treatment');
        expect(viaPrep.coefficient('treatment')).toEqual(expected);
        expectClose(term.estimate, expected.estimate, 1e-12, 'term vs full');
        expectClose(term.stdError, expected.stdError, 1e-12, 'term vs full');
      }
    }
  });

  it('olsTermPrepared with weights', () => {
    const prep = olsPrepare(X, { weights: w });
    const t = olsTermPrepared(prep, y, 'age');
    expectClose(t.stdError, ols(X, y, { weights: w }).coefficient('age').stdError, 1e-12, 'term');
    expect(() => olsTermPrepared(prep, y, 'nope')).toThrow(/not in the model/);
  });
});

describe('bad input', () => {
  const catchErr = (f: () => unknown): InputError => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return e as InputError;
    }
    throw new Error('expected an InputError');
  };

  it('length mismatch between X and y', () => {
    const e = catchErr(() => ols(X, y.subarray(0, 10)));
    expect(e.code).toBe('length-mismatch');
    expect(e.message).toMatch(/y: has 10 values, expected n = 400/);
  });

  it('a column with the wrong length', () => {
    const bad = { ...X, columns: X.columns.map((c, j) => (j === 2 ? c.subarray(1) : c)) };
    const e = catchErr(() => ols(bad, y));
    expect(e.column).toBe('age');
    expect(e.message).toMatch(/column "age" has 399 rows, expected n = 400/);
  });

  it('NaN in X names the column and row', () => {
    const cols = X.columns.map((c) => Float64Array.from(c));
    cols[3]![6] = Number.NaN;
    const e = catchErr(() => ols({ ...X, columns: cols }, y));
    expect(e.code).toBe('not-finite');
    expect(e.column).toBe('female');
    expect(e.rows).toEqual([7]);
    expect(e.message).toMatch(/column "female" has a non-finite value \(NaN\) at row 7/);
  });

  it('NaN or Infinity in y names the rows', () => {
    const yy = Float64Array.from(y);
    yy[0] = Number.NaN;
    yy[9] = Number.POSITIVE_INFINITY;
    const e = catchErr(() => ols(X, yy));
    expect(e.column).toBe('y');
    expect(e.rows).toEqual([1, 10]);
    expect(e.message).toMatch(/rows 1, 10/);
  });

  it('n ≤ k', () => {
    const small = { names: X.names, columns: X.columns.map((c) => c.subarray(0, 8)), n: 8 };
    const e = catchErr(() => ols(small, y.subarray(0, 8)));
    expect(e.code).toBe('too-few');
    expect(e.message).toMatch(/n = 8 rows for k = 8 columns/);
  });

  it('all columns zero', () => {
    const zero = { names: ['a', 'b'], columns: [new Float64Array(5), new Float64Array(5)], n: 5 };
    const e = catchErr(() => ols(zero, [1, 2, 3, 4, 5]));
    expect(e.code).toBe('singular');
    expect(e.message).toMatch(/every column is zero or aliased \(a, b\)/);
  });

  it('leverage 1 makes HC2 NA for the coefficient resting on that row, not for the others', () => {
    const n = 6;
    const one = new Float64Array(n).fill(1);
    const dummy = Float64Array.from([0, 0, 0, 1, 0, 0]);
    const fit = ols({ names: ['(Intercept)', 'd'], columns: [one, dummy], n }, [1, 2, 3, 4, 5, 7]);
    // Hand derivation: the intercept is the mean 3.6 of the five other rows, each with h = 1/5;
    // HC2 = Σ (1/5)² e²/(1 − 1/5) = Σe²/20 = 23.2/20 = 1.16 (= s²/5, the classical SE of a mean).
    expect(fit.coefficient('(Intercept)').estimate).toBeCloseTo(3.6, 12);
    expect(fit.coefficient('(Intercept)').stdError).toBeCloseTo(Math.sqrt(1.16), 12);
    expect(fit.coefficient('d').estimate).toBeCloseTo(0.4, 12);
    expect(fit.coefficient('d').stdError).toBeNaN();
    expect(fit.coefficient('d').pValue).toBeNaN();
    expect(fit.vcov[0]![1]).toBeNaN();
    expect(
      ols({ names: ['(Intercept)', 'd'], columns: [one, dummy], n }, [1, 2, 3, 4, 5, 7], {
        se: 'HC1',
      }).coefficient('d').stdError,
    ).toBeGreaterThan(0);
  });

  it('bad options', () => {
    expect(() => ols(X, y, { se: 'HC9' as 'HC2' })).toThrow(/se: expected one of classical/);
    expect(() => ols(X, y, { level: 95 })).toThrow(/level must be strictly between 0 and 1/);
    const ww = Float64Array.from(w);
    ww[4] = 0;
    expect(() => ols(X, y, { weights: ww })).toThrow(/weights: row 5 has weight 0/);
    expect(() => ols([[1, 2], [1]], [1, 2])).toThrow(/row 2 has 1 values, expected 2/);
  });
});

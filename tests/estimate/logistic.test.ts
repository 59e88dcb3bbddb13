import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { logisticRegression } from '../../src/estimate/index.js';
import { design, expectClose, ref, report, TOL, TOL_P } from './reference.js';

const X = design(ref.data.main.X);
const y = Float64Array.from(ref.data.main.ybin);
const r = ref.logistic;

afterAll(report);

describe('logisticRegression equals glm(family = binomial)', () => {
  const fit = logisticRegression(X, y);

  it('coefficients, SEs, z, p, CIs', () => {
    expect(fit.terms).toEqual(r.terms);
    r.terms.forEach((term, i) => {
      const c = fit.coefficient(term);
      expectClose(c.estimate, r.estimate[i]!, TOL, 'logistic estimate');
      expectClose(c.stdError, r.std_error[i]!, TOL, 'logistic SE');
      expectClose(c.statistic, r.statistic[i]!, TOL, 'logistic statistic');
      expectClose(c.pValue, r.p_value[i]!, TOL_P, 'logistic p');
      expectClose(c.ci[0], r.conf_low[i]!, TOL, 'logistic CI');
      expectClose(c.ci[1], r.conf_high[i]!, TOL, 'logistic CI');
      expect(c.df).toBe(Number.POSITIVE_INFINITY);
    });
  });

  it('deviance, null deviance, AIC, iterations, fitted, predict', () => {
    expectClose(fit.deviance, r.deviance, TOL, 'logistic deviance');
    expectClose(fit.nullDeviance, r.null_deviance, TOL, 'logistic deviance');
    expectClose(fit.aic, r.aic, TOL, 'logistic deviance');
    expect(fit.iterations).toBe(r.iter);
    expect(fit.converged).toBe(true);
    expect(fit.warnings).toEqual([]);
    r.fitted.forEach((p, i) => {
      expectClose(fit.fitted[i]!, p, TOL, 'logistic fitted');
    });
    const p = fit.predict(X);
    for (let i = 0; i < 10; i++) expect(p[i]).toBeCloseTo(fit.fitted[i]!, 12);
    expect(() => fit.predict([[1, 2]])).toThrow(/Xnew: has 2 columns, expected 8/);
  });
});

describe('ill-conditioned design (covariate with mean 50000, sd 5)', () => {
  it('equals glm (which uses a QR) at 1e-8', () => {
    const r2 = r.ill_conditioned;
    const fit = logisticRegression(design(ref.data.ill_conditioned.X), y);
    expect(fit.iterations).toBe(r2.iter);
    expectClose(fit.deviance, r2.deviance, TOL, 'logistic ill-conditioned deviance');
    r2.terms.forEach((term, i) => {
      const c = fit.coefficient(term);
      expectClose(c.estimate, r2.estimate[i]!, TOL, 'logistic ill-conditioned estimate');
      expectClose(c.stdError, r2.std_error[i]!, TOL, 'logistic ill-conditioned SE');
    });
  });
});

describe('separation and non-convergence are reported, not hidden', () => {
  it('complete separation warns', () => {
    const xs = [-3, -2, -1, -0.5, 0.5, 1, 2, 3];
    const fit = logisticRegression(
      xs.map((v) => [1, v]),
      xs.map((v) => (v > 0 ? 1 : 0)),
    );
    expect(fit.warnings.join(' ')).toMatch(/fitted probabilities numerically 0 or 1/);
  });

  it('too few iterations warns about convergence', () => {
    const fit = logisticRegression(X, y, { maxIterations: 2 });
    expect(fit.converged).toBe(false);
    expect(fit.warnings[0]).toMatch(/did not converge in 2 iterations/);
  });
});

describe('bad input', () => {
  it('y not 0/1 names the rows and value', () => {
    const yy = Float64Array.from(y);
    yy[3] = 2;
    try {
      logisticRegression(X, yy);
      expect.fail('expected an InputError');
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).code).toBe('not-binary');
      expect((e as InputError).rows).toEqual([4]);
      expect((e as InputError).message).toMatch(/needs a 0\/1 outcome; found 2 at row 4/);
    }
  });

  it('aliased columns follow singular', () => {
    const Xc = design(ref.data.collinear.X);
    expect(logisticRegression(Xc, y).aliased).toEqual(ref.collinear.aliased);
    expect(logisticRegression(Xc, y).coefficient('treatment').estimate).toBeCloseTo(
      r.estimate[1]!,
      10,
    );
    expect(() => logisticRegression(Xc, y, { singular: 'error' })).toThrow(/"age2", "region_none"/);
  });

  it('NaN, length mismatch, n ≤ k', () => {
    expect(() => logisticRegression(X, y.subarray(2))).toThrow(/y: has 398 values/);
    expect(() =>
      logisticRegression(
        [
          [1, Number.NaN],
          [1, 2],
          [1, 3],
        ],
        [0, 1, 0],
      ),
    ).toThrow(/column "x2" has a non-finite value \(NaN\) at row 1/);
    expect(() =>
      logisticRegression(
        [
          [1, 2],
          [1, 3],
        ],
        [0, 1],
      ),
    ).toThrow(/n = 2 rows for k = 2/);
  });
});

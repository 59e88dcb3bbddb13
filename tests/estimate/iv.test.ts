import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { ivRegression } from '../../src/estimate/index.js';
import { expectClose, expectCoefficients, ref, report, TOL, TOL_P } from './reference.js';

const d = ref.data.iv;
const simple = { y: d.y, endogenous: { d: d.d }, instruments: { z: d.z } };
const withCovariates = { ...simple, exogenous: { age: d.age, female: d.female } };

afterAll(report);

describe('ivRegression equals estimatr::iv_robust', () => {
  const cases = [
    ['simple_HC2', simple, 'HC2'],
    ['simple_classical', simple, 'classical'],
    ['simple_HC0', simple, 'HC0'],
    ['simple_HC1', simple, 'HC1'],
    ['covariates_HC2', withCovariates, 'HC2'],
    ['covariates_classical', withCovariates, 'classical'],
  ] as const;
  for (const [key, input, se] of cases) {
    it(key, () => {
      const r = ref.iv[key]!;
      const fit = ivRegression(input, { se });
      expectCoefficients(fit, r, `iv ${se}`);
      expectClose(fit.rSquared, r.r_squared, TOL, `iv R²`);
      expectClose(fit.adjRSquared, r.adj_r_squared, TOL, `iv R²`);
      const fs = fit.firstStage[0]!;
      expect(fs.endogenous).toBe('d');
      expectClose(fs.f, r.first_stage_f!, TOL, `iv first-stage F`);
      expect(fs.fDf).toEqual(r.first_stage_f_df);
      expectClose(fs.pValue, r.first_stage_f_p!, TOL_P, `iv first-stage p`);
    });
  }

  it('HC2 is the default', () => {
    expect(ivRegression(simple).se).toBe('HC2');
  });
});

describe('one binary instrument, no covariates: the Wald ratio', () => {
  it('equals (ȳ₁ − ȳ₀)/(d̄₁ − d̄₀) computed by hand', () => {
    const mean = (v: number[], g: number) => {
      let s = 0;
      let m = 0;
      v.forEach((x, i) => {
        if (d.z[i] === g) {
          s += x;
          m++;
        }
      });
      return s / m;
    };
    const wald = (mean(d.y, 1) - mean(d.y, 0)) / (mean(d.d, 1) - mean(d.d, 0));
    expectClose(ivRegression(simple).coefficient('d').estimate, wald, 1e-12, 'iv Wald ratio');
  });
});

describe('bad input', () => {
  it('under-identified', () => {
    const e = (() => {
      try {
        ivRegression({ y: d.y, endogenous: { d: d.d, age: d.age }, instruments: { z: d.z } });
      } catch (err) {
        return err as InputError;
      }
    })();
    expect(e).toBeInstanceOf(InputError);
    expect(e!.code).toBe('under-identified');
    expect(e!.message).toMatch(/1 instrument\(s\) for 2 endogenous/);
  });

  it('an instrument collinear with the covariates', () => {
    expect(() => ivRegression({ ...simple, exogenous: { z2: d.z.map((v) => 2 * v) } })).toThrow(
      /instruments: z are collinear with the covariates/,
    );
  });

  it('length mismatch and NaN', () => {
    expect(() => ivRegression({ ...simple, instruments: { z: d.z.slice(1) } })).toThrow(
      /instruments\.z: has 399 values, expected n = 400/,
    );
    const dd = [...d.d];
    dd[11] = Number.NaN;
    expect(() => ivRegression({ ...simple, endogenous: { d: dd } })).toThrow(
      /column "d" has a non-finite value \(NaN\) at row 12/,
    );
  });
});

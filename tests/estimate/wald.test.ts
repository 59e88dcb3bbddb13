import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { logisticRegression, ols, waldTest } from '../../src/estimate/index.js';
import { design, expectClose, num, ref, report, TOL, TOL_P, type WaldRef } from './reference.js';

const X = design(ref.data.main.X);
const y = Float64Array.from(ref.data.main.y);

afterAll(report);

function check(w: ReturnType<typeof waldTest>, r: WaldRef, label: string): void {
  expect(w.q).toBe(r.q);
  expect(w.terms).toEqual(r.terms);
  expectClose(w.chiSquare, r.chi_square, TOL, `${label} statistic`);
  expectClose(w.f, r.f, TOL, `${label} statistic`);
  expect(w.fDf).toEqual([r.q, num(r.df2)]);
  expectClose(w.chiSquarePValue, r.chi_square_p, TOL_P, `${label} p`);
  expectClose(w.fPValue, r.f_p, TOL_P, `${label} p`);
}

describe('waldTest equals the hand computation in R from vcov', () => {
  it('three region dummies, HC2', () => {
    const r = ref.wald.region_HC2!;
    check(waldTest(ols(X, y), r.terms), r, 'wald ols');
  });

  it('one term: F = t²', () => {
    const fit = ols(X, y);
    const w = waldTest(fit, ['treatment']);
    check(w, ref.wald.treatment_HC2!, 'wald ols');
    expectClose(w.f, fit.coefficient('treatment').statistic ** 2, 1e-12, 'wald F = t²');
  });

  it('logistic fit (df = Infinity)', () => {
    const r = ref.wald.glm_region!;
    check(
      waldTest(logisticRegression(X, Float64Array.from(ref.data.main.ybin)), r.terms),
      r,
      'wald glm',
    );
  });

  it('rejects unknown, aliased, duplicated and no terms', () => {
    const fit = ols(X, y);
    expect(() => waldTest(fit, [])).toThrow(/expected at least one/);
    expect(() => waldTest(fit, ['nope'])).toThrow(/"nope" is not in the model/);
    expect(() => waldTest(fit, ['age', 'age'])).toThrow(/duplicated/);
    const Xc = design(ref.data.collinear.X);
    try {
      waldTest(ols(Xc, y), ['age2']);
      expect.fail('expected InputError');
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).code).toBe('aliased');
    }
  });
});

import { describe, expect, it } from 'vitest';
import { coxRegression } from '../../src/analysis/cox-regression.js';
import { InputError } from '../../src/errors.js';
import { coxph } from '../../src/estimate/cox.js';
import { type CoxRef, clientTable, ref, worstRel } from './survival-reference.js';

function compare(fit: ReturnType<typeof coxRegression>, r: CoxRef): number {
  expect(fit.coefficients.map((c) => c.term)).toEqual(['treatment', ...r.names.slice(1)]);
  expect(fit.n).toBe(r.n);
  expect(fit.events).toBe(r.events);
  expect(fit.iterations).toBe(r.iterations);
  const pick = (f: (c: (typeof fit.coefficients)[number]) => number) => fit.coefficients.map(f);
  const worst = Math.max(
    worstRel(
      pick((c) => c.estimate),
      r.estimate,
    ),
    worstRel(
      pick((c) => c.modelStdError),
      r.std_err,
    ),
    worstRel(
      pick((c) => c.robustStdError),
      r.robust_std_err,
    ),
    worstRel([...fit.loglik], r.loglik),
  );
  expect(worst).toBeLessThan(1e-8);
  expect(
    worstRel(
      pick((c) => c.pValue),
      r.p_value,
    ),
  ).toBeLessThan(1e-6);
  return worst;
}

const covariates = ['age', 'gender'];

describe('coxRegression agrees with R coxph (robust = TRUE)', () => {
  const clients = clientTable(ref.clients);
  it('Efron ties (default), integer months: heavy ties', () => {
    const fit = coxRegression(clients, { event: 'month_work', covariates });
    expect(compare(fit, ref.cox.efron)).toBeLessThan(1e-12);
    expect(fit.ties).toBe('efron');
    expect(fit.effect.hazardRatio).toBeCloseTo(Math.exp(ref.cox.efron.estimate[0]!), 12);
  });
  it('Breslow ties', () => {
    compare(
      coxRegression(clients, { event: 'month_work', covariates, ties: 'breslow' }),
      ref.cox.breslow,
    );
  });
  it('a small sample', () => {
    compare(
      coxRegression(clientTable(ref.early), { event: 'month_work', covariates }),
      ref.cox.earlyEfron,
    );
  });
  it('cause-specific: bijstand first censors work', () => {
    const fit = coxRegression(clients, {
      event: 'month_work',
      competing: ['month_bijstand'],
      covariates,
    });
    compare(fit, ref.cox.competingEfron);
    expect(fit.method).toContain('cause-specific');
  });
  it("se: 'robust' puts the robust SE behind z, p and the CI, as summary(coxph(robust = TRUE))", () => {
    const fit = coxRegression(clients, { event: 'month_work', covariates, se: 'robust' });
    const r = ref.cox.efron;
    expect(
      worstRel(
        fit.coefficients.map((c) => c.statistic),
        r.statistic_robust,
      ),
    ).toBeLessThan(1e-8);
    expect(
      worstRel(
        fit.coefficients.map((c) => c.pValue),
        r.p_value_robust,
      ),
    ).toBeLessThan(1e-6);
    const e = fit.effect;
    expect(e.ci[1] - e.estimate).toBeCloseTo(1.959963984540054 * r.robust_std_err[0]!, 12);
    expect(e.hazardRatioCi[0]).toBeCloseTo(Math.exp(e.ci[0]), 14);
  });
  it('a table and a document', () => {
    const fit = coxRegression(clients, { event: 'month_work', covariates });
    expect(fit.toTable()).toHaveLength(3);
    expect(fit.toMarkdown()).toContain('robust SE');
    expect(fit.toMarkdown()).toContain('Efron'.toLowerCase());
  });
  it('the kernel: bad status and no events are InputErrors', () => {
    expect(() =>
      coxRegression(clientTable(ref.clients), { event: 'month_work', tie: 'efron' } as never),
    ).toThrow(/unknown key "tie" \(did you mean "ties"\?\)/);
    const X = { names: ['x'], columns: [Float64Array.of(0, 1, 0, 1)], n: 4 };
    expect(() => coxph(X, [1, 2, 3, 4], [1, 2, 0, 1])).toThrow(/row 2/);
    expect(() => coxph(X, [1, 2, 3, 4], [0, 0, 0, 0])).toThrow(InputError);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { complierEffect } from '../../src/analysis/complier.js';
import { impactFigures } from '../../src/analysis/impact.js';
import { effectAndControlRate } from '../../src/analysis/impact-inputs.js';
import { InputError } from '../../src/errors.js';
import { applyFilter } from '../../src/evaluate/filter.js';
import { bootstrapImpact } from '../../src/plan/bootstrap.js';
import { dataTable } from '../fixtures/shared.js';

interface Iv {
  estimate: number;
  std_error: number;
  ci_lower: number;
  ci_upper: number;
  df: number;
}
const ref = JSON.parse(
  readFileSync(new URL('../reference/impact.json', import.meta.url), 'utf8'),
) as {
  n_control: number;
  n_treatment: number;
  control_rate: number;
  control_rate_se: number;
  effect: number;
  effect_se: number;
  covariance: number;
  correlation: number;
  relative_reduction: number;
  relative_reduction_se: number;
  relative_reduction_se_independent: number;
  raw: { effect: number; effect_se: number; covariance: number };
  complier_adjusted: Iv;
  complier_unadjusted: Iv;
};

// The analysis of tests/reference/impact.R: decile 1 of the committed synthetic Den Haag data,
// month 24, complete follow-up, the ten background characteristics.
const covariates = [
  'gender',
  'education',
  'age',
  'avg_weekly_hours',
  'prior_bijstand',
  'ww_supplement',
  'household_type',
  'ww_monthly_wage',
  'ww_entitlement_months',
  'industry',
];
const decile1 = applyFilter(await dataTable('den-haag-pilot.csv'), [
  { column: 'decile', values: [1] },
]);
const spec = { event: 'month_bijstand', month: 24, covariates };

describe('effectAndControlRate: joint influence functions (R: tests/reference/impact.R)', () => {
  const j = effectAndControlRate(decile1, spec);
  it('control share, adjusted effect (HC2) and their covariance agree with R to 1e-10', () => {
    expect(j.nControl).toBe(ref.n_control);
    expect(j.nTreatment).toBe(ref.n_treatment);
    expect(j.controlRate.estimate).toBeCloseTo(ref.control_rate, 12);
    expect(j.controlRate.stdError).toBeCloseTo(ref.control_rate_se, 12);
    expect(Math.abs(j.effect.estimate - ref.effect)).toBeLessThan(1e-10);
    expect(Math.abs(j.effect.stdError - ref.effect_se)).toBeLessThan(1e-10);
    expect(Math.abs(j.covariance - ref.covariance)).toBeLessThan(1e-12);
    expect(j.correlation).toBeCloseTo(ref.correlation, 8);
    expect(j.correlation).toBeCloseTo(-0.69, 2);
  });
  it('the relative reduction SE uses the covariance: 0.0608, not 0.0695', () => {
    const base = { n: 978, controlRate: j.controlRate, effect: j.effect };
    const honest = impactFigures({ ...base, covariance: j.covariance });
    const independent = impactFigures(base);
    expect(honest.relativeReduction.value).toBeCloseTo(ref.relative_reduction, 10);
    expect(Math.abs(honest.relativeReduction.stdError - ref.relative_reduction_se)).toBeLessThan(
      1e-10,
    );
    expect(
      Math.abs(independent.relativeReduction.stdError - ref.relative_reduction_se_independent),
    ).toBeLessThan(1e-10);
    expect(honest.method).toContain('with the covariance of effect and control rate');
    expect(independent.method).toContain('not given: treated as independent');
  });
  it('without covariates the covariance is −c(1 − c)/n_c', () => {
    const raw = effectAndControlRate(decile1, { ...spec, covariates: [] });
    expect(Math.abs(raw.effect.estimate - ref.raw.effect)).toBeLessThan(1e-12);
    expect(Math.abs(raw.effect.stdError - ref.raw.effect_se)).toBeLessThan(1e-12);
    expect(Math.abs(raw.covariance - ref.raw.covariance)).toBeLessThan(1e-15);
  });
  it('the delta-method SE is close to the bootstrap SE; the independent one is not', () => {
    // 200 replicates (fixed seed) keep the test fast; the bootstrap SE's own relative error is
    // about 1/√(2·200) = 5 %.
    const b = bootstrapImpact(decile1, { ...spec, replicates: 200, seed: 7, n: 978 });
    const honest = ref.relative_reduction_se;
    const boot = b.relativeReduction.stdError;
    expect(Math.abs(boot - honest) / honest).toBeLessThan(0.12);
    expect(Math.abs(boot - ref.relative_reduction_se_independent)).toBeGreaterThan(
      Math.abs(boot - honest),
    );
  });
  it('a month beyond everyone’s follow-up is an InputError', () => {
    expect(() => effectAndControlRate(decile1, { ...spec, month: 99 })).toThrow(InputError);
  });
});

describe("complier effect by 2SLS = estimatr's iv_robust (HC2)", () => {
  const c = complierEffect(decile1, {
    outcome: { event: 'month_bijstand', month: 24 },
    received: { column: 'participation', values: ['uwv_conversation', 'three_way_conversation'] },
    covariates,
  });
  for (const [name, fit, r] of [
    ['adjusted', c.adjusted!, ref.complier_adjusted],
    ['unadjusted', c.unadjusted, ref.complier_unadjusted],
  ] as const) {
    it(`${name}: estimate, SE and 95 % CI to 1e-10`, () => {
      expect(Math.abs(fit.complier.estimate - r.estimate)).toBeLessThan(1e-10);
      expect(Math.abs(fit.complier.stdError - r.std_error)).toBeLessThan(1e-10);
      expect(Math.abs(fit.complier.ci[0] - r.ci_lower)).toBeLessThan(1e-10);
      expect(Math.abs(fit.complier.ci[1] - r.ci_upper)).toBeLessThan(1e-10);
      expect(fit.complier.df).toBe(r.df);
    });
  }
  it('stars at configurable levels, with a legend naming the test', () => {
    // p ≈ 0.025: ** at the reports' 5 %, * at the journals' 10 / 5 / 1 %.
    expect(c.adjusted!.complier.pValue).toBeGreaterThan(0.01);
    expect(c.adjusted!.complier.pValue).toBeLessThan(0.05);
    expect(c.adjusted!.complier.stars).toBe('**');
    expect(c.method).toContain(
      'stars: † p < 0.20, * p < 0.10, ** p < 0.05 (p-values: two-sided t tests of the coefficients with HC2 robust SE on n − k df)',
    );
    const journal = complierEffect(decile1, {
      outcome: { event: 'month_bijstand', month: 24 },
      received: { column: 'participation', values: ['uwv_conversation', 'three_way_conversation'] },
      covariates,
      stars: { '†': 0.1, '*': 0.05, '**': 0.01 },
    });
    expect(journal.adjusted!.complier.stars).toBe('*');
    expect(journal.adjusted!.complier.pValue).toBe(c.adjusted!.complier.pValue);
    expect(journal.method).toContain('stars: † p < 0.10, * p < 0.05, ** p < 0.01');
    expect(journal.toMarkdown()).toContain('−19.9 pp*');
  });
});

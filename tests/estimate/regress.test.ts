// regress() against estimatr::lm_robust and clubSandwich::coef_test (tests/reference/regress.R
// → regress.json): HC and CR variances, CR2 Satterthwaite df, fixed effects absorbed = dummies.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { regress } from '../../src/index.js';
import { expectClose, num, type RobustRef, report, TOL, TOL_P } from './reference.js';

interface RegressRef {
  data: Record<string, (number | string)[]>;
  regress: Record<string, RobustRef & { n: number; n_clusters?: number }>;
  club: Record<string, { terms: string[]; std_error: number[]; df: number[]; p_value: number[] }>;
}
const ref: RegressRef = JSON.parse(
  readFileSync(new URL('../reference/regress.json', import.meta.url), 'utf8'),
);
const columns = Object.keys(ref.data);
const rows = ref.data.y!.map((_, i) =>
  Object.fromEntries(columns.map((c) => [c, ref.data[c]![i]])),
);
/** Our `arm[coaching]` is R's `armcoaching`. */
const rName = (term: string) => term.replace(/\[(.*)\]$/, '$1');

afterAll(report);

type Fit = ReturnType<typeof regress>;
function expectFit(fit: Fit, r: RobustRef & { n: number; n_clusters?: number }, label: string) {
  const kept = r.terms.filter((_, i) => r.estimate[i] !== null);
  expect(fit.terms.map(rName)).toEqual(kept);
  fit.coefficients.forEach((c, j) => {
    const i = r.terms.indexOf(rName(c.term));
    expectClose(c.estimate, num(r.estimate[i]), TOL, `${label} estimate`);
    expectClose(c.stdError, num(r.std_error[i]), TOL, `${label} SE`);
    expectClose(c.statistic, num(r.statistic[i]), TOL, `${label} statistic`);
    expectClose(c.ci[0], num(r.conf_low[i]), TOL, `${label} CI`);
    expectClose(c.ci[1], num(r.conf_high[i]), TOL, `${label} CI`);
    expectClose(c.df, num(r.df[i]), TOL, `${label} df`);
    expectClose(c.pValue, num(r.p_value[i]), TOL_P, `${label} p`);
    fit.coefficients.forEach((d, l) => {
      const il = r.terms.indexOf(rName(d.term));
      expectClose(fit.vcov[j]![l]!, num(r.vcov[i]![il]), TOL, `${label} vcov`);
    });
  });
  expectClose(fit.rSquared, r.r_squared, TOL, `${label} R²`);
  expectClose(fit.adjRSquared, r.adj_r_squared, TOL, `${label} R²`);
  expect(fit.n).toBe(r.n);
  if (r.n_clusters != null) expect(fit.nClusters).toBe(r.n_clusters);
}

const base = { outcome: 'y', covariates: ['arm', 'age', 'edu'], reference: { arm: 'control' } };

describe('regress equals estimatr::lm_robust', () => {
  it.each(['classical', 'HC0', 'HC1', 'HC2', 'HC3'] as const)('%s', (se) => {
    expectFit(regress(rows, { ...base, se }), ref.regress[se]!, `regress ${se}`);
  });

  it.each(['CR0', 'stata', 'CR2'] as const)('%s with clusters, unweighted and weighted', (se) => {
    expectFit(
      regress(rows, { ...base, se, clusters: 'office' }),
      ref.regress[se]!,
      `regress ${se}`,
    );
    expectFit(
      regress(rows, { ...base, se, clusters: 'office', weights: 'w' }),
      ref.regress[`${se}_weighted`]!,
      `regress ${se} weighted`,
    );
  });

  it('CR2 is the default with clusters; level 0.90', () => {
    const fit = regress(rows, { ...base, clusters: 'office', level: 0.9 });
    expect(fit.se).toBe('CR2');
    expectFit(fit, ref.regress.CR2_level90!, 'regress CR2 90%');
  });
});

describe('CR2 Satterthwaite df equal clubSandwich::coef_test', () => {
  it.each([
    ['unweighted', {}],
    ['weighted', { weights: 'w' }],
  ] as const)('%s', (name, extra) => {
    const fit = regress(rows, { ...base, clusters: 'office', ...extra });
    const club = ref.club[name]!;
    fit.coefficients.forEach((c) => {
      const i = club.terms.indexOf(rName(c.term));
      expectClose(c.df, club.df[i]!, TOL, 'club df');
      expectClose(c.stdError, club.std_error[i]!, TOL, 'club SE');
      expectClose(c.pValue, club.p_value[i]!, TOL_P, 'club p');
    });
  });
});

describe('fixed effects absorbed = the dummies included', () => {
  it.each(['classical', 'HC1', 'HC2', 'CR0', 'stata', 'CR2'] as const)('%s', (se) => {
    const clusters = se.startsWith('CR') || se === 'stata' ? { clusters: 'office' } : {};
    const fe = regress(rows, { ...base, se, fixedEffects: 'site', ...clusters });
    expectFit(fe, ref.regress[`fe_${se}`]!, `regress FE ${se}`);
    // the same model with the site dummies in X: equal coefficients, SE and df
    const dummies = regress(rows, {
      ...base,
      covariates: [...base.covariates, 'site'],
      se,
      ...clusters,
    });
    for (const c of fe.coefficients) {
      const d = dummies.coefficient(c.term);
      expectClose(c.estimate, d.estimate, 1e-10, 'FE = dummies');
      expectClose(c.stdError, d.stdError, 1e-10, 'FE = dummies');
      expectClose(c.df, d.df, 1e-10, 'FE = dummies');
    }
    expectClose(fe.rSquared, dummies.rSquared, 1e-12, 'FE = dummies');
  });

  it('weighted HC2 with fixed effects; weighted CR2 needs the dummies, as in estimatr', () => {
    expectFit(
      regress(rows, { ...base, fixedEffects: 'site', weights: 'w' }),
      ref.regress.fe_HC2_weighted!,
      'regress FE HC2 weighted',
    );
    expect(() =>
      regress(rows, { ...base, fixedEffects: 'site', weights: 'w', clusters: 'office' }),
    ).toThrow(/CR2 with weights and absorbed fixed effects is not available/);
    // with the dummies as covariates it is estimatr's weighted CR2
    const dummies = regress(rows, {
      ...base,
      covariates: [...base.covariates, 'site'],
      weights: 'w',
      clusters: 'office',
    });
    expectFit(dummies, ref.regress.dummies_CR2_weighted!, 'regress dummies CR2 weighted');
  });

  it('two fixed effects: the second enters as unreported dummies', () => {
    const two = regress(rows, {
      ...base,
      covariates: ['age', 'edu'],
      fixedEffects: ['site', 'arm'],
    });
    const dummies = regress(rows, { ...base, covariates: ['age', 'edu', 'site', 'arm'] });
    expect(two.terms).toEqual(['age', 'edu[low]', 'edu[mid]']);
    for (const c of two.coefficients) {
      expectClose(c.estimate, dummies.coefficient(c.term).estimate, 1e-10, 'two FE');
      expectClose(c.stdError, dummies.coefficient(c.term).stdError, 1e-10, 'two FE');
    }
  });

  it('a covariate constant within the fixed effect is aliased, as with the dummies first', () => {
    const withSiteCode = rows.map((r) => ({
      ...r,
      sitecode: 'ABCD'.indexOf(r.site as string) * 1.5,
    }));
    const fe = regress(withSiteCode, {
      ...base,
      covariates: ['arm', 'sitecode'],
      fixedEffects: 'site',
    });
    expect(fe.aliased).toEqual(['sitecode']);
    expect(fe.toTable().at(-1)).toMatchObject({
      term: 'sitecode',
      estimate: null,
      stars: 'aliased',
    });
  });
});

describe('regress: display and input checks', () => {
  it('prints an estimatr-like summary', () => {
    const fit = regress(rows, { ...base, clusters: 'office' });
    const md = fit.toMarkdown();
    expect(md).toContain('CR2 cluster-robust SE (Bell–McCaffrey bias reduction, 24 clusters');
    expect(md).toMatch(/\| term \| estimate \| std\. error \| t \| df \| p \| 95 % CI \|/);
    expect(md).toContain('n = 222 · clusters = 24');
    expect(fit.toHTML()).toContain('<table');
    expect(fit.coefficient('arm[coaching]').df).toBeCloseTo(12.1079, 3);
    expect(() => fit.coefficient('arm[nothing]')).toThrow(/not in the model/);
  });

  it('rejects unknown keys, wrong se and missing clusters', () => {
    expect(() => regress(rows, { ...base, cluster: 'office' } as never)).toThrow(
      /unknown option "cluster" \(did you mean "clusters"\?\)/,
    );
    expect(() => regress(rows, { ...base, se: 'CR2' })).toThrow(/needs the clusters column/);
    expect(() => regress(rows, { ...base, se: 'HC2', clusters: 'office' })).toThrow(
      /with clusters use one of CR0, stata, CR2/,
    );
    expect(() => regress(rows, { ...base, se: 'HC4' as never })).toThrow(/se must be one of/);
    const gap = rows.map((r, i) => (i === 4 ? { ...r, office: '' } : r));
    expect(() => regress(gap, { ...base, clusters: 'office' })).toThrow(
      /column 'office' \(clusters\) is missing in row 5/,
    );
    const neg = rows.map((r, i) => (i === 9 ? { ...r, w: -1 } : r));
    expect(() => regress(neg, { ...base, weights: 'w' })).toThrow(
      /'w' \(weights\) must be positive, but has -1 in row 10/,
    );
  });

  it('a cluster alone in its fixed-effect group makes CR2 undefined: named, not NaN', () => {
    const lone = rows.map((r) => (r.office === 'o01' ? { ...r, site: 'Z' } : r));
    expect(() => regress(lone, { ...base, clusters: 'office', fixedEffects: 'site' })).toThrow(
      /I − H is singular for cluster o01/,
    );
  });
});

// ivRegression with clusters against estimatr::iv_robust(clusters =, se_type = CR2 / stata / CR0),
// with and without covariates and with block fixed effects
// (tests/reference/iv-clusters.R → iv-clusters.csv + iv-clusters.json).
import { afterAll, describe, expect, it } from 'vitest';
import { numberColumn, stringColumn } from '../../src/data/columns.js';
import { InputError } from '../../src/errors.js';
import { groupsOf } from '../../src/estimate/cluster-vcov.js';
import { type IvInput, ivRegression } from '../../src/estimate/iv.js';
import {
  agree,
  close,
  ivData,
  ivRef,
  maxRelativeError,
  type RefFit,
  refCoef,
} from '../reference/iv-clusters-data.js';

const n = ivData.numRows();
const office = stringColumn(ivData, 'office') as string[];
const block = stringColumn(ivData, 'block') as string[];
const y = numberColumn(ivData, 'earnings');
const d = Float64Array.from(stringColumn(ivData, 'participation'), (v) =>
  v === 'uwv_conversation' ? 1 : 0,
);
const z = Float64Array.from(stringColumn(ivData, 'arm'), (v) => (v === 'experiment' ? 1 : 0));
const age = numberColumn(ivData, 'age');
const woman = Float64Array.from(stringColumn(ivData, 'gender'), (v) => (v === 'woman' ? 1 : 0));
const blockDummies = Object.fromEntries(
  ['b2', 'b3', 'b4'].map((b) => [`block${b}`, Float64Array.from(block, (v) => (v === b ? 1 : 0))]),
);
const covariates = { age, genderwoman: woman };
const inputs: Record<string, IvInput> = {
  raw: { y, endogenous: { d }, instruments: { z } },
  cov: { y, endogenous: { d }, instruments: { z }, exogenous: covariates },
  fe: { y, endogenous: { d }, instruments: { z }, exogenous: blockDummies },
  fe_cov: {
    y,
    endogenous: { d },
    instruments: { z },
    exogenous: { ...covariates, ...blockDummies },
  },
};

afterAll(() => {
  console.log(
    `iv-clusters: max relative error vs iv_robust ${maxRelativeError().toExponential(2)}`,
  );
});

/** Every coefficient R reports (for fixed effects: all but the absorbed block) against ours. */
function agreeFit(
  fit: { coefficient(term: string): import('../../src/stats/estimate.js').Estimate },
  r: RefFit,
  what: string,
  terms?: readonly string[],
) {
  for (const c of r.coefficients) {
    if (terms && !terms.includes(c.term)) continue;
    agree(fit.coefficient(c.term), c, `${what} ${c.term}`);
  }
}

describe('ivRegression with clusters equals iv_robust(clusters =)', () => {
  it('the data: 26 offices of unequal size, one-sided non-compliance', () => {
    expect(n).toBe(ivRef.n);
    expect(groupsOf(office).count).toBe(ivRef.n_clusters);
    for (let i = 0; i < n; i++) if (z[i] === 0) expect(d[i]).toBe(0);
  });
  for (const model of ['raw', 'cov', 'fe', 'fe_cov'] as const) {
    for (const se of ['CR2', 'stata', 'CR0'] as const) {
      it(`${model}, ${se}: every coefficient, its SE, df, t, p and CI; the first stage`, () => {
        const r = ivRef.earnings[`${model}_${se}`]!;
        const fit = ivRegression(inputs[model]!, { clusters: office, se });
        expect(fit.se).toBe(se);
        expect(fit.nClusters).toBe(r.iv.n_clusters);
        expect(fit.n).toBe(r.iv.n);
        agreeFit(fit, r.iv, `${model} ${se} 2SLS`);
        // The first stage d ~ z (+ x): the instrument's coefficient (the intercept of a
        // one-sided first stage is 0 up to rounding, its SE too).
        const first = fit.firstStage[0]!;
        agree(first.fit.coefficient('z'), refCoef(r.first!, 'z'), `${model} ${se} first stage`);
        expect(first.fit.nClusters).toBe(r.first!.n_clusters);
        const t = refCoef(r.first!, 'z').statistic;
        close(first.f, t * t, `${model} ${se} first-stage F = t²`);
        expect(first.fDf).toEqual([1, r.iv.n_clusters - 1]);
        expect(fit.coefficient('d').method).toContain(`${r.iv.n_clusters} clusters`);
      });
    }
  }
  it('block fixed effects as dummies are what iv_robust(fixed_effects = ~block) gives', () => {
    for (const se of ['CR2', 'stata', 'CR0'] as const) {
      const fe = ivRef.earnings[`fe_${se}`]!.iv;
      const dummy = ivRef.earnings[`fe_dummy_${se}`]!.iv;
      agree(
        ivRegression(inputs.fe!, { clusters: office, se }).coefficient('d'),
        refCoef(dummy, 'd'),
        `fe dummies ${se}`,
      );
      close(refCoef(fe, 'd').std_error, refCoef(dummy, 'd').std_error, `R fe vs dummies ${se}`);
      close(refCoef(fe, 'd').df, refCoef(dummy, 'd').df, `R fe vs dummies df ${se}`);
    }
  });
  it('CR2 is the default with clusters; groups give the same numbers as labels', () => {
    const byLabel = ivRegression(inputs.cov!, { clusters: office });
    expect(byLabel.se).toBe('CR2');
    const byGroups = ivRegression(inputs.cov!, { clusters: groupsOf(office) });
    expect(byGroups.coefficient('d')).toEqual(byLabel.coefficient('d'));
    expect(String(byLabel)).toContain('clusters = 26');
  });
  it('is deterministic: the same input gives the same output', () => {
    const a = ivRegression(inputs.fe_cov!, { clusters: office });
    const b = ivRegression(inputs.fe_cov!, { clusters: office });
    expect(JSON.stringify(a.coefficients)).toBe(JSON.stringify(b.coefficients));
  });
  it('refuses an HC type with clusters, a CR type without, and a missing or short cluster', () => {
    expect(() => ivRegression(inputs.raw!, { clusters: office, se: 'HC2' })).toThrow(
      /se 'HC2' ignores the clusters; with clusters use one of CR0, stata, CR2/,
    );
    expect(() => ivRegression(inputs.raw!, { se: 'CR2' })).toThrow(
      /se 'CR2' is cluster-robust and needs clusters/,
    );
    const holed = office.slice();
    holed[4] = '';
    expect(() => ivRegression(inputs.raw!, { clusters: holed })).toThrow(InputError);
    expect(() => ivRegression(inputs.raw!, { clusters: holed })).toThrow(
      /missing cluster in row 5/,
    );
    expect(() => ivRegression(inputs.raw!, { clusters: office.slice(1) })).toThrow(
      /clusters: 648 rows, expected 649/,
    );
    expect(() => ivRegression(inputs.raw!, { clusters: office.map(() => 'one') })).toThrow(
      /1 cluster; cluster-robust standard errors need at least 2 clusters/,
    );
    expect(() => ivRegression(inputs.raw!, { cluster: office } as never)).toThrow(
      /did you mean "clusters"/,
    );
  });
});

// complierEffect with clusters (and blocks) against estimatr: iv_robust / lm_robust with
// clusters = office, se_type CR2 / stata / CR0, without and with covariates and block fixed
// effects (tests/reference/iv-clusters.R → iv-clusters.csv + iv-clusters.json).
import { afterAll, describe, expect, it } from 'vitest';
import { type ComplierSpec, complierEffect, complierEffects } from '../../src/analysis/complier.js';
import { participationTable } from '../../src/analysis/participation.js';
import { InputError } from '../../src/errors.js';
import {
  agree,
  ivData,
  ivRef,
  maxRelativeError,
  type RefModel,
  refCoef,
} from '../reference/iv-clusters-data.js';

const base = {
  treatment: 'experiment',
  control: 'control',
  received: { column: 'participation', values: ['uwv_conversation'] },
  clusters: 'office',
} satisfies Omit<ComplierSpec, 'outcome'>;
const work = { event: 'month_work', month: ivRef.work.month };

/** First stage, ITT and complier effect of one specification against R's three fits. */
function agreeFit(fit: ReturnType<typeof complierEffect>['unadjusted'], r: RefModel, what: string) {
  agree(fit.firstStage.difference, refCoef(r.first!, 'z'), `${what} first stage`);
  agree(fit.itt, refCoef(r.reduced!, 'z'), `${what} ITT`);
  agree(fit.complier, refCoef(r.iv, 'd'), `${what} complier`);
  const t = refCoef(r.first!, 'z').statistic;
  expect(Math.abs(fit.firstStage.f - t * t) / (t * t)).toBeLessThan(1e-8);
  expect(fit.firstStage.fDf).toEqual([1, r.iv.n_clusters - 1]);
}

afterAll(() => {
  console.log(
    `complierEffect with clusters: max relative error vs estimatr ${maxRelativeError().toExponential(2)}`,
  );
});

describe('complierEffect with clusters equals iv_robust / lm_robust(clusters =)', () => {
  for (const se of ['CR2', 'stata', 'CR0'] as const) {
    it(`event by month ${work.month} (complete follow-up), ${se}: raw and with covariates`, () => {
      const c = complierEffect(ivData, {
        ...base,
        se,
        outcome: work,
        covariates: ['age', 'gender'],
      });
      const fits = ivRef.work.fits;
      expect(c.n).toBe(ivRef.work.n);
      expect(c.se).toBe(se);
      expect(c.clusters).toEqual({ column: 'office', count: fits[`raw_${se}`]!.iv.n_clusters });
      agreeFit(c.unadjusted, fits[`raw_${se}`]!, `raw ${se}`);
      agreeFit(c.adjusted!, fits[`cov_${se}`]!, `covariates ${se}`);
    });
    it(`blocks with clusters, ${se}: the adjusted fit is iv_robust(fixed_effects = ~block)`, () => {
      const withCov = complierEffect(ivData, {
        ...base,
        se,
        outcome: work,
        covariates: ['age', 'gender'],
        blocks: 'block',
      });
      agreeFit(withCov.adjusted!, ivRef.work.fits[`fe_cov_${se}`]!, `blocks + covariates ${se}`);
      agreeFit(withCov.unadjusted, ivRef.work.fits[`raw_${se}`]!, `blocks raw ${se}`);
      const blocksOnly = complierEffect(ivData, { ...base, se, outcome: work, blocks: 'block' });
      agreeFit(blocksOnly.adjusted!, ivRef.work.fits[`fe_${se}`]!, `blocks only ${se}`);
    });
  }
  it('a numeric outcome of every client (earnings), CR2 default', () => {
    const c = complierEffect(ivData, {
      ...base,
      outcome: 'earnings',
      covariates: ['age', 'gender'],
      blocks: 'block',
    });
    expect(c.se).toBe('CR2');
    expect(c.n).toBe(ivRef.n);
    agreeFit(c.unadjusted, ivRef.earnings.raw_CR2!, 'earnings raw');
    agreeFit(c.adjusted!, ivRef.earnings.fe_cov_CR2!, 'earnings blocks + covariates');
  });
  it('says the variance and df in its method and table; deterministic', () => {
    const spec = { ...base, outcome: work, covariates: ['age', 'gender'] };
    const c = complierEffect(ivData, spec);
    expect(c.method).toContain(
      "CR2 cluster-robust SE (Bell–McCaffrey bias reduction, 26 clusters of 'office'",
    );
    expect(c.method).toContain('t tests on Satterthwaite df per coefficient');
    expect(c.method).toContain('cluster-robust Wald test of assignment on (1, 25) df');
    expect(c.adjusted!.complier.method).toContain('2SLS, CR2 cluster-robust SE');
    expect(c.toMarkdown()).toContain('First-stage F (unadjusted)');
    expect(c.toMarkdown()).toContain('on (1, 25) df');
    const stata = complierEffect(ivData, { ...spec, se: 'stata' });
    expect(stata.method).toContain("CR1 cluster-robust SE with Stata's correction");
    expect(stata.method).toContain('t tests on S − 1 = 25 df');
    expect(JSON.stringify(complierEffect(ivData, spec).toTable())).toBe(
      JSON.stringify(c.toTable()),
    );
  });
  it('complierEffects with clusters and blocks equals one complierEffect per outcome', () => {
    const spec = { ...base, covariates: ['age', 'gender'], blocks: 'block' };
    const outcomes = [work, 'earnings'] as const;
    const together = complierEffects(ivData, spec, outcomes);
    outcomes.forEach((outcome, i) => {
      const alone = complierEffect(ivData, { ...spec, outcome });
      expect(together[i]!.toTable()).toEqual(alone.toTable());
      expect(together[i]!.method).toBe(alone.method);
    });
  });
  it('refuses an HC type with clusters, a missing cluster, and clusters = blocks', () => {
    expect(() => complierEffect(ivData, { ...base, outcome: 'earnings', se: 'HC2' })).toThrow(
      /se 'HC2' ignores the clusters/,
    );
    expect(() =>
      complierEffect(ivData, { ...base, clusters: undefined, outcome: 'earnings', se: 'CR2' }),
    ).toThrow(/se 'CR2' is cluster-robust and needs the clusters column/);
    const holed = ivData.derive({
      office2: (r: { office: string; age: number }) => (r.age === 40 ? null : r.office),
    });
    expect(() =>
      complierEffect(holed, { ...base, outcome: 'earnings', clusters: 'office2' }),
    ).toThrow(/cluster column 'office2' is missing in rows? \d/);
    expect(() =>
      complierEffect(ivData, { ...base, outcome: 'earnings', blocks: 'office' }),
    ).toThrow(/clusters and blocks are both 'office'/);
    let error: unknown;
    try {
      complierEffect(ivData, { ...base, outcome: 'earnings', clusters: 'offices' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
  });
});

describe('participationTable with clusters: the received-share difference of the design', () => {
  const spec = {
    treatment: 'experiment',
    control: 'control',
    categories: ['not_assessed', 'assessed_no_conversation', 'uwv_conversation'],
    received: ['uwv_conversation'],
  };
  it('clustered, and block-clustered: difference_in_means(d ~ z, clusters =, blocks =)', () => {
    const clustered = participationTable(ivData, { ...spec, clusters: 'office' });
    const r = ivRef.participation.clusters;
    agree(clustered.received.difference, { ...r, term: 'z' }, 'participation clustered');
    expect(clustered.received.difference.n).toBe(r.n);
    expect(clustered.received.difference.p1).toBe(clustered.received.treatment.share);
    expect(clustered.method).toContain('CR2 cluster-robust SE, Bell–McCaffrey Satterthwaite df');
    const both = participationTable(ivData, { ...spec, clusters: 'office', blocks: 'block' });
    agree(
      both.received.difference,
      { ...ivRef.participation.blocks_clusters, term: 'z' },
      'block-clustered',
    );
    // The same as the unadjusted first stage of complierEffect (clusters, no covariates).
    const c = complierEffect(ivData, { ...base, outcome: 'earnings' });
    agree(clustered.received.difference, { ...r, term: 'z' }, 'participation');
    agree(c.unadjusted.firstStage.difference, { ...r, term: 'z' }, 'first stage = difference');
  });
  it('refuses pooled with a design', () => {
    expect(() => participationTable(ivData, { ...spec, clusters: 'office', pooled: true })).toThrow(
      /pooled is for independent clients/,
    );
  });
});

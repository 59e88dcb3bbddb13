// evaluate / analyze with a clustered (and blocked) design and participation: the complier
// effect is cluster-robust 2SLS, as iv_robust(clusters = office) (and fixed_effects = ~block)
// (tests/reference/iv-clusters.R → iv-clusters.csv + iv-clusters.json).
import { afterAll, describe, expect, it } from 'vitest';
import { evaluate, parsePlan } from '../../src/evaluate/index.js';
import { evaluationSections } from '../../src/report/evaluation.js';
import {
  agree,
  ivData,
  ivRef,
  maxRelativeError,
  type RefModel,
  refCoef,
} from '../reference/iv-clusters-data.js';

const plan = {
  events: ['month_work'],
  months: 8,
  covariates: ['age', 'gender'],
  participation: {
    column: 'participation',
    received: ['uwv_conversation'],
    month: ivRef.work.month,
  },
};
type Complier = NonNullable<ReturnType<typeof evaluate>['participation']>['complier'][number];

function agreeComplier(c: Complier, raw: RefModel, adjusted: RefModel, what: string) {
  const r = c.result;
  expect(c.month).toBe(ivRef.work.month);
  expect(r.n).toBe(ivRef.work.n);
  agree(r.unadjusted.complier, refCoef(raw.iv, 'd'), `${what} raw complier`);
  agree(r.unadjusted.firstStage.difference, refCoef(raw.first!, 'z'), `${what} raw first stage`);
  agree(r.adjusted!.complier, refCoef(adjusted.iv, 'd'), `${what} adjusted complier`);
  agree(r.adjusted!.itt, refCoef(adjusted.reduced!, 'z'), `${what} adjusted ITT`);
}

afterAll(() => {
  console.log(
    `evaluate with clusters: max relative error vs estimatr ${maxRelativeError().toExponential(2)}`,
  );
});

describe('evaluate: the complier effect of a clustered design', () => {
  it('design.clusters: CR2 2SLS with Satterthwaite df, as iv_robust(clusters = office)', () => {
    const result = evaluate(ivData, parsePlan({ ...plan, design: { clusters: 'office' } }));
    const c = result.participation!.complier[0]!;
    agreeComplier(c, ivRef.work.fits.raw_CR2!, ivRef.work.fits.cov_CR2!, 'clusters');
    expect(c.result.se).toBe('CR2');
    expect(c.result.method).toContain(
      "CR2 cluster-robust SE (Bell–McCaffrey bias reduction, 26 clusters of 'office'; the 2SLS variance",
    );
    expect(c.result.method).toContain('t tests on Satterthwaite df per coefficient');
    const r = ivRef.participation.clusters;
    agree(result.participation!.table.received.difference, { ...r, term: 'z' }, 'participation');
    // The report's complier table states the variance and the df in its method note.
    const section = evaluationSections(result).find((x) => x.id === 'complier')!;
    const notes = JSON.stringify(section.notes);
    expect(notes).toContain('CR2 cluster-robust SE (Bell–McCaffrey bias reduction, 26 clusters');
    expect(notes).toContain('second-stage design with the structural residuals');
    expect(notes).toContain('t tests on Satterthwaite df per coefficient');
  });
  it('design.clusters and blocks, se stata: the adjusted 2SLS has block fixed effects', () => {
    const result = evaluate(
      ivData,
      parsePlan({
        ...plan,
        design: { clusters: 'office', blocks: 'block' },
        methods: { se: 'stata' },
      }),
    );
    const c = result.participation!.complier[0]!;
    agreeComplier(c, ivRef.work.fits.raw_stata!, ivRef.work.fits.fe_cov_stata!, 'blocks');
    expect(c.result.method).toContain("CR1 cluster-robust SE with Stata's correction");
    expect(c.result.method).toContain('t tests on S − 1 = 25 df');
    expect(c.result.method).toContain("block fixed effects of 'block' (4 blocks)");
    const r = ivRef.participation.blocks_clusters;
    agree(result.participation!.table.received.difference, { ...r, term: 'z' }, 'participation');
  });
  it('is deterministic and never shows a client id', () => {
    const p = parsePlan({ ...plan, design: { clusters: 'office' } });
    const a = evaluate(ivData, p).participation!.complier[0]!.result;
    const b = evaluate(ivData, p).participation!.complier[0]!.result;
    expect(a.toMarkdown()).toBe(b.toMarkdown());
    expect(JSON.stringify(a.toTable())).toBe(JSON.stringify(b.toTable()));
    expect(a.toMarkdown()).not.toMatch(/c0\d{3}/);
    expect(a.method).not.toMatch(/c0\d{3}/);
  });
});

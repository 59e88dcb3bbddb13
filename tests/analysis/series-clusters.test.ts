// effectSeries with clusters and blocks against estimatr and clubSandwich, month by month
// (tests/reference/series-clusters.R → series-clusters.csv + series-clusters.json).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareArms } from '../../src/analysis/compare-arms.js';
import { complierEffect } from '../../src/analysis/complier.js';
import { type EffectSeriesSpec, effectSeries } from '../../src/analysis/effect-series.js';
import { effectSeriesBy } from '../../src/analysis/subgroups.js';
import { parseCsv } from '../../src/data/csv.js';
import { InputError } from '../../src/errors.js';
import { timeFractions } from '../../src/outcomes/time-fractions.js';
import type { Estimate } from '../../src/stats/estimate.js';

interface RefCoef {
  estimate: number;
  std_error: number;
  statistic: number;
  df: number;
  p_value: number;
  conf_low: number;
  conf_high: number;
  n: number;
  n_clusters?: number;
  design?: string;
}
interface RefMonth {
  month: number;
  n: number;
  events: number;
  n_clusters: number;
  cr_CR2: RefCoef;
  cr_stata: RefCoef;
  cr_CR0: RefCoef;
  fe_CR2: RefCoef;
  fe_stata: RefCoef;
  fe_HC2: RefCoef;
  fe_only_CR2: RefCoef;
  club: { std_error: number; df: number; p_value: number };
  dim_blocks: RefCoef;
  dim_clusters: RefCoef;
  dim_both: RefCoef;
}
const ref: { months: RefMonth[]; compare: Record<string, RefCoef> } = JSON.parse(
  readFileSync(new URL('../reference/series-clusters.json', import.meta.url), 'utf8'),
);
const data = parseCsv(
  readFileSync(new URL('../reference/series-clusters.csv', import.meta.url), 'utf8'),
  { stringColumns: ['id', 'arm', 'office', 'block', 'gender'] },
).table;
const M = ref.months.length;
const base: EffectSeriesSpec = {
  event: 'month_work',
  months: M,
  covariates: ['age', 'gender'],
};

const TOL = 1e-8;
function close(actual: number, expected: number, what: string) {
  const scale = Math.max(1, Math.abs(expected));
  expect(Math.abs(actual - expected) / scale, `${what}: ${actual} vs ${expected}`).toBeLessThan(
    TOL,
  );
}
function agree(e: Estimate | undefined, r: RefCoef, what: string) {
  expect(e, what).toBeDefined();
  close(e!.estimate, r.estimate, `${what} estimate`);
  close(e!.stdError, r.std_error, `${what} SE`);
  close(e!.statistic, r.statistic, `${what} t`);
  close(e!.df, r.df, `${what} df`);
  close(e!.pValue, r.p_value, `${what} p`);
  close(e!.ci[0], r.conf_low, `${what} CI low`);
  close(e!.ci[1], r.conf_high, `${what} CI high`);
  expect(e!.n, `${what} n`).toBe(r.n);
}

describe('effectSeries with clusters (lm_robust(clusters =), difference_in_means(clusters =))', () => {
  for (const se of ['CR2', 'stata', 'CR0'] as const) {
    it(`adjusted effect with ${se} SE matches lm_robust month by month`, () => {
      const s = effectSeries(data, { ...base, clusters: 'office', se });
      expect(s.months).toHaveLength(M);
      s.months.forEach((m, i) => {
        agree(m.adjusted, ref.months[i]![`cr_${se}`], `month ${m.month} ${se}`);
      });
      expect(s.design?.clusters).toEqual({ column: 'office', count: 24 });
      expect(s.design?.se).toBe(se);
    });
  }

  it("CR2's Satterthwaite df are clubSandwich's coef_test(…, 'CR2')", () => {
    const s = effectSeries(data, { ...base, clusters: 'office' });
    s.months.forEach((m, i) => {
      const c = ref.months[i]!.club;
      close(m.adjusted!.stdError, c.std_error, `month ${m.month} SE`);
      close(m.adjusted!.df, c.df, `month ${m.month} df`);
      close(m.adjusted!.pValue, c.p_value, `month ${m.month} p`);
    });
    expect(s.method).toContain('CR2 cluster-robust SE');
    expect(s.method).toContain("clusters 'office', 24");
    expect(s.method).toContain('clustered difference in means');
  });

  it('raw effect is the clustered difference in means', () => {
    const s = effectSeries(data, { ...base, clusters: 'office' });
    s.months.forEach((m, i) => {
      const r = ref.months[i]!.dim_clusters;
      expect(r.design).toBe('Clustered');
      agree(m.raw, r, `month ${m.month} raw`);
    });
  });
});

describe('effectSeries with blocks (fixed_effects = ~block, difference_in_means(blocks =))', () => {
  it('adjusted effect with block fixed effects and HC2 matches lm_robust(fixed_effects =)', () => {
    const s = effectSeries(data, { ...base, blocks: 'block' });
    s.months.forEach((m, i) => {
      agree(m.adjusted, ref.months[i]!.fe_HC2, `month ${m.month}`);
    });
    expect(s.design?.blocks).toEqual({ column: 'block', count: 4 });
    expect(s.aliased).toEqual([]);
    expect(s.method).toContain("block fixed effects of 'block' (4 blocks");
    expect(s.method).toContain('blocked difference in means');
  });

  it('raw effect is the blocked difference in means', () => {
    const s = effectSeries(data, { ...base, blocks: 'block' });
    s.months.forEach((m, i) => {
      expect(ref.months[i]!.dim_blocks.design).toBe('Blocked');
      agree(m.raw, ref.months[i]!.dim_blocks, `month ${m.month} raw`);
    });
  });

  it('blocks alone make the adjusted effect the block fixed-effects model', () => {
    const s = effectSeries(data, {
      event: 'month_work',
      months: M,
      blocks: 'block',
      clusters: 'office',
    });
    expect(s.adjustment).toBe('ols');
    s.months.forEach((m, i) => {
      agree(m.adjusted, ref.months[i]!.fe_only_CR2, `month ${m.month}`);
    });
  });
});

describe('effectSeries with clusters and blocks together', () => {
  it('adjusted: block fixed effects with CR2 and stata', () => {
    for (const se of ['CR2', 'stata'] as const) {
      const s = effectSeries(data, { ...base, clusters: 'office', blocks: 'block', se });
      s.months.forEach((m, i) => {
        agree(m.adjusted, ref.months[i]![`fe_${se}`], `month ${m.month} ${se}`);
      });
    }
  });

  it('raw: the block-clustered difference in means', () => {
    const s = effectSeries(data, { ...base, clusters: 'office', blocks: 'block' });
    s.months.forEach((m, i) => {
      expect(ref.months[i]!.dim_both.design).toBe('Block-clustered');
      agree(m.raw, ref.months[i]!.dim_both, `month ${m.month} raw`);
    });
  });

  it('is deterministic: the same inputs give the same numbers', () => {
    const spec = { ...base, clusters: 'office', blocks: 'block' };
    expect(JSON.stringify(effectSeries(data, spec).toTable())).toBe(
      JSON.stringify(effectSeries(data, spec).toTable()),
    );
  });
});

describe('clusters and blocks: what is refused, and why', () => {
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return (e as InputError).message;
    }
    throw new Error('expected an InputError');
  };
  it('an HC type with clusters, or a CR type without them', () => {
    expect(code(() => effectSeries(data, { ...base, clusters: 'office', se: 'HC2' }))).toMatch(
      /ignores the clusters/,
    );
    expect(code(() => effectSeries(data, { ...base, se: 'CR2' }))).toMatch(
      /needs the clusters column/,
    );
  });
  it('IPCW with clusters (the sup-t band with clusters: tests/analysis/band-clusters.test.ts)', () => {
    expect(
      code(() => effectSeries(data, { ...base, clusters: 'office', censoring: 'ipcw' })),
    ).toMatch(/censoring 'ipcw' with clusters is not available/);
  });
  it('an unknown column, and an unknown key', () => {
    expect(code(() => effectSeries(data, { ...base, clusters: 'ofice' }))).toMatch(/ofice/);
    expect(
      code(() => effectSeries(data, { ...base, cluster: 'office' } as unknown as EffectSeriesSpec)),
    ).toMatch(/did you mean "clusters"/);
  });
  it('a cluster holding both arms (raw: clustered difference in means)', () => {
    expect(code(() => effectSeries(data, { ...base, clusters: 'gender' }))).toMatch(
      /cluster column 'gender': 2 clusters .* hold clients of both arms/,
    );
  });
});

describe('effectSeriesBy with clusters and blocks', () => {
  it('each subgroup is clustered; the heterogeneity test is not given and says why', () => {
    const s = effectSeriesBy(data, {
      ...base,
      covariates: ['age'],
      by: 'gender',
      clusters: 'office',
    });
    expect(s.subgroups).toHaveLength(2);
    for (const g of s.subgroups) {
      expect(g.series.method).toContain('CR2 cluster-robust SE');
      expect(g.series.design?.clusters?.column).toBe('office');
    }
    expect(s.heterogeneity).toHaveLength(0);
    expect(s.notEstimable[0]!.reason).toMatch(/HTZ/);
  });
  it('with blocks the subgroups and the heterogeneity test have block fixed effects', () => {
    // Month 8 would leave a block of a subgroup with one treated client: a clear error (below).
    const s = effectSeriesBy(data, {
      ...base,
      months: 5,
      covariates: ['age'],
      by: 'gender',
      blocks: 'block',
    });
    expect(s.heterogeneity.length).toBe(5);
    expect(s.method).toContain("block fixed effects of 'block'");
    expect(() =>
      effectSeriesBy(data, { ...base, covariates: ['age'], by: 'gender', blocks: 'block' }),
    ).toThrow(/block b3 has 1 treated and 10 control units.*month 8/);
  });
});

describe('compareArms with clusters and blocks (a numeric outcome of every client)', () => {
  const spec = {
    outcomes: ['days_work'],
    covariates: ['age', 'gender'],
    treatment: 'experiment',
    control: 'control',
  };
  it('clusters: clustered difference in means and CR2 adjusted difference', () => {
    const c = compareArms(data, { ...spec, clusters: 'office' });
    agree(c.outcomes[0]!.difference, ref.compare.dim_clusters!, 'difference');
    agree(c.outcomes[0]!.adjusted, ref.compare.cr_CR2!, 'adjusted');
    expect(c.se).toBe('CR2');
    expect(c.method).toContain('clustered difference in means');
  });
  it('blocks: blocked difference in means and block fixed effects (HC2)', () => {
    const c = compareArms(data, { ...spec, blocks: 'block' });
    agree(c.outcomes[0]!.difference, ref.compare.dim_blocks!, 'difference');
    agree(c.outcomes[0]!.adjusted, ref.compare.fe_HC2!, 'adjusted');
  });
  it('both: block-clustered difference and fixed effects with CR2', () => {
    const c = compareArms(data, { ...spec, blocks: 'block', clusters: 'office' });
    agree(c.outcomes[0]!.difference, ref.compare.dim_both!, 'difference');
    agree(c.outcomes[0]!.adjusted, ref.compare.fe_CR2!, 'adjusted');
    expect(() => compareArms(data, { ...spec, clusters: 'office', adjustment: 'lin' })).toThrow(
      /adjustment 'lin' with clusters or blocks is not available/,
    );
  });
});

describe('timeFractions with clusters and blocks (difference_in_means of the fractions)', () => {
  const spec = {
    states: { work: 'months_work' },
    compare: ['experiment', 'control'] as const,
  };
  for (const [key, design] of [
    ['tf_clusters', { clusters: 'office' }],
    ['tf_blocks', { blocks: 'block' }],
    ['tf_both', { clusters: 'office', blocks: 'block' }],
  ] as const) {
    it(`${Object.keys(design).join(' and ')}`, () => {
      const tf = timeFractions(data, { ...spec, ...design });
      agree(tf.rows[0]!.difference, ref.compare[key]!, key);
      expect(tf.method).toContain("as estimatr's difference_in_means");
    });
  }
});

describe('complierEffect with blocks and clusters', () => {
  // "Received" the service (synthetic): treated clients under 45; nobody in the control arm.
  const spec = {
    outcome: 'days_work',
    received: 'received',
    covariates: ['age'],
    treatment: 'experiment',
    control: 'control',
  };
  const withReceived = data.derive({
    received: (d: { arm: string; age: number }) => (d.arm === 'experiment' && d.age < 45 ? 1 : 0),
  });
  it('blocks are block fixed effects: the same numbers as the block column as a factor', () => {
    const blocked = complierEffect(withReceived, { ...spec, blocks: 'block' });
    const dummies = complierEffect(withReceived, {
      ...spec,
      covariates: ['age', 'block'],
      factors: ['block'],
    });
    for (const key of ['complier', 'itt'] as const) {
      const a = blocked.adjusted![key];
      const b = dummies.adjusted![key];
      close(a.estimate, b.estimate, `${key} estimate`);
      close(a.stdError, b.stdError, `${key} SE`);
      close(a.df, b.df, `${key} df`);
    }
    expect(blocked.method).toContain("block fixed effects of 'block' (4 blocks)");
  });
  it('clusters with blocks: cluster-robust 2SLS (checked against iv_robust in complier-clusters.test.ts)', () => {
    const c = complierEffect(withReceived, { ...spec, clusters: 'office', blocks: 'block' });
    expect(c.se).toBe('CR2');
    expect(c.clusters).toEqual({ column: 'office', count: 24 });
    expect(c.adjusted!.complier.method).toContain('2SLS, CR2 cluster-robust SE');
    expect(c.method).toContain("block fixed effects of 'block' (4 blocks)");
  });
});

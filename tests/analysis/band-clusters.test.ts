// The sup-t band of the effect series with clusters against a hand computation in R:
// tests/reference/band-clusters.R → band-clusters.json (the cluster scores of every month
// stacked, V_ml = Σ_c s_mc s_lc with CR2 / stata / CR0 scaling, checked against lm_robust's
// per-month SE, and mvtnorm::qmvnorm's equicoordinate quantile of cov2cor(V)). Data: the
// cluster-randomised, blocked trial of tests/reference/series-clusters.csv.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type EffectSeriesSpec, effectSeries } from '../../src/analysis/effect-series.js';
import { parseCsv } from '../../src/data/csv.js';
import { evaluate, parsePlan } from '../../src/evaluate/index.js';

interface RefBand {
  estimate: number[];
  stdError: number[];
  jointCovariance: number[];
  criticalValue: number;
  criticalValueRuns: number[];
}
const ref: Record<'cr2' | 'stata' | 'cr0' | 'fe_cr2' | 'raw_cr2', RefBand> = JSON.parse(
  readFileSync(new URL('../reference/band-clusters.json', import.meta.url), 'utf8'),
);
const blocksRef: RefBand = JSON.parse(
  readFileSync(new URL('../reference/band-blocks.json', import.meta.url), 'utf8'),
);
const data = parseCsv(
  readFileSync(new URL('../reference/series-clusters.csv', import.meta.url), 'utf8'),
  { stringColumns: ['id', 'arm', 'office', 'block', 'gender'] },
).table;
const M = 8;
const base: EffectSeriesSpec = {
  event: 'month_work',
  months: M,
  covariates: ['age', 'gender'],
  clusters: 'office',
  band: 'sup-t',
};

/**
 * Four variants (stata, CR0, raw, blocked raw) take the critical value at an eighth of the
 * default lattice points (2,048 × 10 shifts instead of 16,384 × 10): what they check is that
 * their own joint covariance (1e-8 against R) feeds the band; mvnormCriticalValue itself is
 * checked against qmvnorm in simultaneous-band.test.ts. At 2,048 points the coverage
 * probability's MC SE (`probabilityError`) is 0.7e-4 to 1.6e-4, about 1.6e-4 / (dP/dc ≈ 0.2) ≈
 * 8e-4 on the critical value, against the 2e-3 tolerance (R's own two runs differ by 1.3e-3);
 * measured against R (2026-12-02): 0.7e-4 to 7.7e-4, as at the default points (2e-4 to 7e-4),
 * at a sixth of the time. The default precision is checked by the CR2 case, the blocked case and
 * the analysis plan's (which takes the default).
 */
const COARSE = { bandOptions: { points: 2048 } } as const;

let worst = 0;
function close(actual: number, expected: number, what: string, tol = 1e-8) {
  const err = Math.abs(actual - expected) / Math.max(1e-6, Math.abs(expected));
  worst = Math.max(worst, err);
  expect(err, `${what}: ${actual} vs R ${expected}`).toBeLessThan(tol);
}
function agree(spec: EffectSeriesSpec, r: RefBand, which: 'adjusted' | 'raw', label: string) {
  const s = effectSeries(data, spec);
  expect(s.band, label).toBeDefined();
  expect(s.band!.estimate).toBe(which);
  s.months.forEach((m, i) => {
    const e = which === 'raw' ? m.raw : m.adjusted!;
    close(e.estimate, r.estimate[i]!, `${label} month ${m.month} estimate`);
    close(e.stdError, r.stdError[i]!, `${label} month ${m.month} SE`);
  });
  const v = s.jointCovariance!.flat();
  // Entries relative to the largest variance (off-diagonal entries can be near 0).
  const scale = Math.max(...r.jointCovariance);
  v.forEach((x, j) => {
    const err = Math.abs(x - r.jointCovariance[j]!) / scale;
    worst = Math.max(worst, err);
    expect(err, `${label} V[${j}]`).toBeLessThan(1e-8);
  });
  // The critical value: both are Monte Carlo (Genz–Bretz); R's two runs show its own spread.
  expect(Math.abs(s.band!.criticalValue - r.criticalValue), label).toBeLessThan(2e-3);
  s.months.forEach((m) => {
    const e = which === 'raw' ? m.raw : m.adjusted!;
    const half = s.band!.criticalValue * e.stdError;
    close(m.bandCi![0], e.estimate - half, `${label} band low`, 1e-12);
  });
  expect(s.method).toContain('simultaneous 95 % band (sup-t)');
  expect(s.band!.method).toContain(`10 × ${spec.bandOptions?.points ?? 16384} points`);
  return s;
}

describe('sup-t band with clusters: stacked cluster scores, as the hand computation in R', () => {
  it('CR2 (default): V from the CR2-adjusted cluster scores, diagonal the months’ CR2 variances', () => {
    const s = agree(base, ref.cr2, 'adjusted', 'CR2');
    // Wider than pointwise, narrower than Bonferroni over the 8 months (z at 1 − 0.025/8 = 2.73).
    expect(s.band!.criticalValue).toBeGreaterThan(1.96);
    expect(s.band!.criticalValue).toBeLessThan(2.73);
  });
  it('stata and CR0', () => {
    agree({ ...base, ...COARSE, se: 'stata' }, ref.stata, 'adjusted', 'stata');
    agree({ ...base, ...COARSE, se: 'CR0' }, ref.cr0, 'adjusted', 'CR0');
  });
  it('clusters and blocks: block fixed effects in every month’s design', () => {
    // At the default points: the one case whose value is 1.2e-3 from R's already (R's two runs:
    // ±6.8e-4 around it), 2.2e-3 at 2,048 points.
    agree({ ...base, blocks: 'block' }, ref.fe_cr2, 'adjusted', 'blocks');
  });
  it('raw (no covariates, adjustment none): the clustered difference in means, CR2', () => {
    agree({ ...base, ...COARSE, covariates: [], adjustment: 'none' }, ref.raw_cr2, 'raw', 'raw');
  });
  it('blocks with adjustment none: the blocked difference in means (band-blocks.R)', () => {
    const { clusters: _c, ...rest } = base;
    agree(
      { ...rest, ...COARSE, covariates: [], blocks: 'block', adjustment: 'none' },
      blocksRef,
      'raw',
      'blocked raw',
    );
  });
  it('clusters and blocks with adjustment none: refused, naming the block column', () => {
    expect(() =>
      effectSeries(data, { ...base, covariates: [], blocks: 'block', adjustment: 'none' }),
    ).toThrow(/band 'sup-t' with clusters and blocks needs the adjusted effect/);
  });
  it('through the analysis plan: config.design.clusters with methods.band sup-t', () => {
    const plan = parsePlan({
      title: 'Offices',
      arms: { treatment: 'experiment', control: 'control' },
      events: ['month_work'],
      months: M,
      covariates: ['age', 'gender'],
      design: { clusters: 'office' },
      methods: { band: 'sup-t' },
    });
    const result = evaluate(data, plan);
    const s = result.effects[0]!.series;
    expect(Math.abs(s.band!.criticalValue - ref.cr2.criticalValue)).toBeLessThan(2e-3);
  });
  it('worst relative error against R', () => {
    console.log(`band-clusters: worst relative error against R ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(1e-8);
  });
});

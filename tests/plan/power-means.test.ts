import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { clusterDf, powerTTest } from '../../src/plan/power-means.js';
import { noncentralTCdf } from '../../src/stats/noncentral-t.js';

interface Ref {
  pt: { t: number; df: number; ncp: number; p: number }[];
  power_t_test: {
    n: number;
    delta: number;
    sd: number;
    sig: number;
    power: number;
    power_strict: number;
  }[];
  sample_size: {
    delta: number;
    sd: number;
    power: number;
    sig: number;
    n: number;
    n_strict: number;
  }[];
  delta: {
    n: number;
    sd: number;
    power: number;
    sig: number;
    delta: number;
    delta_strict: number;
  }[];
  cluster_df: { gt: number; gc: number; m: number; df_cr2: number }[];
  general: {
    delta: number;
    sd: number;
    nt: number;
    nc: number;
    sig: number;
    strict: boolean;
    r2: number;
    icc: number;
    m?: number;
    power: number;
  }[];
  cluster_solve: { clusters_per_arm: number; mde_20_clusters: number };
}

const ref = JSON.parse(
  readFileSync(new URL('../reference/power-means.json', import.meta.url), 'utf8'),
) as Ref;

const TOL = 1e-8;

describe("noncentral t = R's pt(q, df, ncp)", () => {
  it('agrees to 1e-12 absolute over the tails, df and ncp signs', () => {
    for (const c of ref.pt) {
      expect(Math.abs(noncentralTCdf(c.t, c.df, c.ncp) - c.p)).toBeLessThan(1e-12);
    }
  });
  it('ncp = 0 is the central t; bad df is an InputError', () => {
    expect(noncentralTCdf(0, 7, 0)).toBeCloseTo(0.5, 15);
    expect(() => noncentralTCdf(1, 0, 1)).toThrow(InputError);
    expect(() => noncentralTCdf(Number.NaN, 5, 1)).toThrow(InputError);
  });
});

describe("powerTTest = R's power.t.test (two-sample, two-sided)", () => {
  it('solves for power (strict = FALSE, the default, and TRUE)', () => {
    for (const c of ref.power_t_test) {
      const spec = { n: c.n, delta: c.delta, sd: c.sd, alpha: c.sig };
      const loose = powerTTest(spec);
      expect(loose.solvedFor).toBe('power');
      expect(Math.abs(loose.power - c.power)).toBeLessThan(TOL);
      expect(Math.abs(powerTTest({ ...spec, strict: true }).power - c.power_strict)).toBeLessThan(
        TOL,
      );
      expect(loose.df).toBe(2 * c.n - 2);
    }
  });
  it('solves for n per group', () => {
    for (const c of ref.sample_size) {
      const spec = { delta: c.delta, sd: c.sd, power: c.power, alpha: c.sig };
      const loose = powerTTest(spec);
      const strict = powerTTest({ ...spec, strict: true });
      expect(loose.solvedFor).toBe('n');
      expect(Math.abs(loose.exact!.nTreatment - c.n) / c.n).toBeLessThan(TOL);
      expect(Math.abs(loose.exact!.nControl - c.n) / c.n).toBeLessThan(TOL);
      expect(Math.abs(strict.exact!.nTreatment - c.n_strict) / c.n).toBeLessThan(TOL);
      // Whole clients per arm, reaching the target.
      expect(loose.nTreatment).toBe(Math.ceil(c.n));
      expect(loose.power).toBeGreaterThanOrEqual(c.power);
    }
  });
  it('solves for delta', () => {
    for (const c of ref.delta) {
      const spec = { n: c.n, sd: c.sd, power: c.power, alpha: c.sig };
      expect(Math.abs(powerTTest(spec).delta - c.delta)).toBeLessThan(TOL);
      expect(Math.abs(powerTTest({ ...spec, strict: true }).delta - c.delta_strict)).toBeLessThan(
        TOL,
      );
    }
  });
  it('the sign of delta does not matter (two-sided)', () => {
    expect(powerTTest({ n: 20, delta: -1 }).power).toBe(powerTTest({ n: 20, delta: 1 }).power);
  });
});

describe('unequal arms, covariates, non-compliance and clusters', () => {
  it('power of the generalisation, recomputed in R', () => {
    for (const c of ref.general) {
      const p = powerTTest({
        nTreatment: c.nt,
        nControl: c.nc,
        delta: c.delta,
        sd: c.sd,
        alpha: c.sig,
        strict: c.strict,
        ...(c.r2 > 0 ? { rSquared: c.r2 } : {}),
        ...(c.m === undefined ? {} : { clusters: { icc: c.icc, size: c.m } }),
      });
      expect(Math.abs(p.power - c.power)).toBeLessThan(TOL);
    }
  });
  it("cluster df = clubSandwich's CR2 Satterthwaite df; G − 2 at equal allocation", () => {
    for (const c of ref.cluster_df) {
      expect(Math.abs(clusterDf(c.gt, c.gc) - c.df_cr2)).toBeLessThan(1e-9);
      const p = powerTTest({
        nTreatment: c.gt * c.m,
        nControl: c.gc * c.m,
        delta: 0.5,
        clusters: { icc: 0.05, size: c.m },
      });
      expect(p.df).toBeCloseTo(c.df_cr2, 9);
    }
    expect(clusterDf(10, 10)).toBe(18);
  });
  it('design effect 1 + (m − 1)ρ inflates the SE', () => {
    const plain = powerTTest({ nTreatment: 500, nControl: 500, delta: 0.3 });
    const clustered = powerTTest({
      nTreatment: 500,
      nControl: 500,
      delta: 0.3,
      clusters: { icc: 0.05, size: 25 },
    });
    expect(clustered.designEffect).toBeCloseTo(2.2, 14);
    expect(clustered.stdError / plain.stdError).toBeCloseTo(Math.sqrt(2.2), 12);
    expect(clustered.df).toBe(38);
    expect(clustered.clustersTreatment).toBe(20);
  });
  it('clusters per arm and the MDE of a cluster design agree with uniroot in R', () => {
    const design = { clusters: { icc: 0.05, size: 20 }, power: 0.8 };
    const n = powerTTest({ ...design, delta: 0.3 });
    const g = ref.cluster_solve.clusters_per_arm;
    expect(Math.abs(n.exact!.nTreatment / 20 - g) / g).toBeLessThan(TOL);
    expect(n.clustersTreatment).toBe(Math.ceil(g));
    expect(n.nTreatment).toBe(Math.ceil(g) * 20);
    const mde = powerTTest({ ...design, nTreatment: 400, nControl: 400 });
    expect(Math.abs(mde.delta - ref.cluster_solve.mde_20_clusters)).toBeLessThan(TOL);
  });
  it('per-participant difference = ITT / participation difference', () => {
    const mde = powerTTest({ n: 100, power: 0.8, participationDifference: 0.31 });
    expect(mde.deltaPerParticipant).toBeCloseTo(mde.delta / 0.31, 12);
    const a = powerTTest({ n: 100, deltaPerParticipant: 0.5, participationDifference: 0.4 });
    expect(a.power).toBeCloseTo(powerTTest({ n: 100, delta: 0.2 }).power, 14);
  });
  it('bad specifications are InputErrors that say what is wrong', () => {
    expect(() => powerTTest({ n: 20 })).toThrow(/exactly one/);
    expect(() => powerTTest({ n: 20, delta: 1, power: 0.8 })).toThrow(/exactly one/);
    expect(() => powerTTest({ n: 1, delta: 1 })).toThrow(/more than 1 client/);
    expect(() =>
      powerTTest({ nTreatment: 20, nControl: 20, delta: 1, clusters: { icc: 0.1, size: 20 } }),
    ).toThrow(/more than one cluster/);
    expect(() =>
      powerTTest({ nTreatment: 510, nControl: 500, delta: 0.3, clusters: { icc: 0.1, size: 20 } }),
    ).toThrow(/whole numbers of clusters \(multiples of 20\), got 510 \/ 500/);
    expect(() => powerTTest({ n: 20, delta: 1, sd: 0 })).toThrow(InputError);
    expect(() =>
      powerTTest({ n: 20, delta: 1, rSquared: 0.2, clusters: { icc: 0.1, size: 2 } }),
    ).toThrow(/rSquared cannot be combined/);
    expect(() => powerTTest({ n: 20, delta: 1, sdd: 2 } as never)).toThrow(/unknown option 'sdd'/);
  });
});

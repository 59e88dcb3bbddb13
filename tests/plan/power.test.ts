import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import {
  minimumDetectableEffect,
  pairwiseMde,
  powerForEffect,
  requiredSampleSize,
  targetingPower,
} from '../../src/plan/index.js';

interface Ref {
  power_prop_test: {
    n: number;
    p1: number;
    p2: number;
    sig_level: number;
    power: number;
    power_strict: number;
  }[];
  sample_size: {
    p1: number;
    p2: number;
    power: number;
    sig_level: number;
    n: number;
    n_strict: number;
  }[];
  mde: {
    n: number;
    p1: number;
    power: number;
    sig_level: number;
    p2_increase: number;
    p2_decrease: number;
  }[];
  unequal: {
    pc: number;
    pt: number;
    nt: number;
    nc: number;
    sig: number;
    pooled: boolean;
    strict: boolean;
    r2: number;
    power: number;
  }[];
  pilot: { mde_r2_0: number; mde_r2_02: number; mde_half_city: number };
}

const ref = JSON.parse(
  readFileSync(new URL('../reference/power.json', import.meta.url), 'utf8'),
) as Ref;

const TOL = 1e-8;

describe("equal allocation, pooled variance = R's power.prop.test", () => {
  it('power (strict = FALSE and TRUE)', () => {
    for (const c of ref.power_prop_test) {
      const design = {
        controlRate: c.p1,
        nTreatment: c.n,
        nControl: c.n,
        effect: c.p2 - c.p1,
        alpha: c.sig_level,
        variance: 'pooled' as const,
      };
      expect(Math.abs(powerForEffect({ ...design, strict: false }).power - c.power)).toBeLessThan(
        TOL,
      );
      expect(Math.abs(powerForEffect(design).power - c.power_strict)).toBeLessThan(TOL);
    }
  });
  it('sample size per group', () => {
    for (const c of ref.sample_size) {
      const design = {
        controlRate: c.p1,
        effect: c.p2 - c.p1,
        power: c.power,
        alpha: c.sig_level,
        variance: 'pooled' as const,
      };
      const loose = requiredSampleSize({ ...design, strict: false });
      const strict = requiredSampleSize(design);
      expect(Math.abs(loose.exact.nControl - c.n) / c.n).toBeLessThan(TOL);
      expect(Math.abs(strict.exact.nTreatment - c.n_strict) / c.n).toBeLessThan(TOL);
      expect(loose.nControl).toBe(Math.ceil(c.n));
      expect(loose.power).toBeGreaterThanOrEqual(c.power);
    }
  });
  it('minimum detectable effect, both directions', () => {
    for (const c of ref.mde) {
      const design = {
        controlRate: c.p1,
        nTreatment: c.n,
        nControl: c.n,
        power: c.power,
        alpha: c.sig_level,
        variance: 'pooled' as const,
        strict: false,
      };
      const up = minimumDetectableEffect({ ...design, direction: 'increase' });
      const down = minimumDetectableEffect(design);
      expect(Math.abs(up.treatedRate - c.p2_increase)).toBeLessThan(TOL);
      expect(Math.abs(down.treatedRate - c.p2_decrease)).toBeLessThan(TOL);
      expect(down.itt).toBeLessThan(0);
    }
  });
});

describe("method 'r-compatible' = power.prop.test's default call (strict = FALSE)", () => {
  it('power, n per group and detectable p2, by name', () => {
    for (const c of ref.power_prop_test) {
      const p = powerForEffect({
        controlRate: c.p1,
        nTreatment: c.n,
        nControl: c.n,
        effect: c.p2 - c.p1,
        alpha: c.sig_level,
        method: 'r-compatible',
      });
      expect(Math.abs(p.power - c.power)).toBeLessThan(TOL);
      expect(p.method).toContain("method 'r-compatible'");
      expect(p.method).toContain('one rejection region');
    }
    for (const c of ref.sample_size) {
      const n = requiredSampleSize({
        controlRate: c.p1,
        effect: c.p2 - c.p1,
        power: c.power,
        alpha: c.sig_level,
        method: 'r-compatible',
      });
      expect(Math.abs(n.exact.nTreatment - c.n) / c.n).toBeLessThan(TOL);
    }
    for (const c of ref.mde) {
      const m = minimumDetectableEffect({
        controlRate: c.p1,
        nTreatment: c.n,
        nControl: c.n,
        power: c.power,
        alpha: c.sig_level,
        method: 'r-compatible',
      });
      expect(Math.abs(m.treatedRate - c.p2_decrease)).toBeLessThan(TOL);
    }
  });
  it("'neyman' is the default: unpooled, both rejection regions", () => {
    const design = { controlRate: 0.415, nTreatment: 978, nControl: 240, effect: -0.063 };
    const byDefault = powerForEffect(design);
    const named = powerForEffect({ ...design, method: 'neyman' });
    expect(named.power).toBe(byDefault.power);
    expect(byDefault.power).toBeCloseTo(ref.unequal[0]!.power, 12);
    expect(byDefault.method).toContain("method 'neyman'");
    expect(byDefault.method).toContain('unpooled (Neyman) variance, both rejection regions');
  });
  it('a method with variance or strict, or an unknown method, is an InputError', () => {
    const design = { controlRate: 0.4, nTreatment: 100, nControl: 100, effect: -0.1 };
    expect(() => powerForEffect({ ...design, method: 'r-compatible', strict: true })).toThrow(
      /leave out variance and strict/,
    );
    expect(() => powerForEffect({ ...design, method: 'R' as never })).toThrow(
      /'neyman' or 'r-compatible'/,
    );
  });
});

describe('unequal allocation (the documented generalisation, recomputed in R)', () => {
  it('power', () => {
    for (const c of ref.unequal) {
      const p = powerForEffect({
        controlRate: c.pc,
        effect: c.pt - c.pc,
        nTreatment: c.nt,
        nControl: c.nc,
        alpha: c.sig,
        variance: c.pooled ? 'pooled' : 'unpooled',
        strict: c.strict,
        rSquared: c.r2,
      });
      expect(Math.abs(p.power - c.power)).toBeLessThan(1e-12);
    }
  });
  it('the MDE of the pilot design agrees with uniroot', () => {
    const pilot = { controlRate: 0.415, nTreatment: 978, nControl: 240 };
    expect(minimumDetectableEffect(pilot).itt).toBeCloseTo(-ref.pilot.mde_r2_0, 9);
    expect(minimumDetectableEffect({ ...pilot, rSquared: 0.2 }).itt).toBeCloseTo(
      -ref.pilot.mde_r2_02,
      9,
    );
    expect(
      minimumDetectableEffect({ controlRate: 0.415, nTreatment: 489, nControl: 120 }).itt,
    ).toBeCloseTo(-ref.pilot.mde_half_city, 9);
  });
  it('80/20 needs more clients than 50/50 for the same effect', () => {
    const base = { controlRate: 0.415, effect: -0.063 };
    const even = requiredSampleSize({ ...base, treatmentShare: 0.5 });
    const skew = requiredSampleSize({ ...base, treatmentShare: 0.8 });
    // Var ∝ 1/w + 1/(1 − w): 4 at 50/50, 6.25 at 80/20 (with equal variances).
    expect(skew.exact.total / even.exact.total).toBeGreaterThan(1.5);
    expect(skew.exact.total / even.exact.total).toBeLessThan(1.62);
  });
});

describe('non-compliance and covariates', () => {
  const pilot = {
    controlRate: 0.415,
    nTreatment: 978,
    nControl: 240,
    participationDifference: 0.31,
  };
  it('detectable effect per participant = ITT / participation difference', () => {
    const m = minimumDetectableEffect(pilot);
    expect(m.perParticipant).toBeCloseTo(m.itt / 0.31, 12);
  });
  it('sample size for a per-participant effect scales with 1 / d²', () => {
    const full = requiredSampleSize({ controlRate: 0.3, effect: -0.02 });
    const partial = requiredSampleSize({
      controlRate: 0.3,
      effectPerParticipant: -0.04,
      participationDifference: 0.5,
    });
    expect(partial.exact.total).toBeCloseTo(full.exact.total, 6);
  });
  it('R² shrinks the SE by √(1 − R²)', () => {
    const a = minimumDetectableEffect(pilot);
    const b = powerForEffect({ ...pilot, effect: a.itt, rSquared: 0.3 });
    expect(b.stdError / a.stdError).toBeCloseTo(Math.sqrt(0.7), 12);
    expect(b.power).toBeGreaterThan(0.8);
  });
});

describe('multi-arm and targeting', () => {
  it('80/10/10: the two 10 % arms are the hardest comparison', () => {
    const rows = pairwiseMde({
      n: 10_000,
      weights: { service: 0.8, enforcement: 0.1, none: 0.1 },
      controlRate: 0.3,
    });
    expect(rows.map((r) => `${r.treatment}/${r.control}`)).toEqual([
      'service/enforcement',
      'service/none',
      'enforcement/none',
    ]);
    expect(Math.abs(rows[2]!.mde.itt)).toBeGreaterThan(Math.abs(rows[0]!.mde.itt));
    expect(rows[0]!.nControl).toBeCloseTo(1000, 9);
    const bonf = pairwiseMde({
      n: 10_000,
      weights: { service: 0.8, enforcement: 0.1, none: 0.1 },
      controlRate: 0.3,
      bonferroni: true,
    });
    expect(bonf[0]!.alpha).toBeCloseTo(0.05 / 3, 12);
    expect(Math.abs(bonf[0]!.mde.itt)).toBeGreaterThan(Math.abs(rows[0]!.mde.itt));
  });
  it('targeting: the top decile wins at a fixed capacity, not without one', () => {
    const design = {
      population: 12_191,
      baseRate: 0.037,
      treatmentShare: 0.8,
      capture: [
        { share: 0.1, capture: 0.63 },
        { share: 0.2, capture: 0.77 },
      ],
      relativeEffect: 0.15,
    };
    const open = targetingPower(design);
    expect(open).toHaveLength(3);
    expect(open[0]!.controlRate).toBeCloseTo(0.2331, 4);
    expect(open[2]!.controlRate).toBeCloseTo(0.037, 12);
    // Unlimited treatment: more clients, more events, more power.
    expect(open[2]!.power!).toBeGreaterThan(open[0]!.power!);
    const capped = targetingPower({ ...design, capacity: 978 });
    expect(capped[0]!.nTreatment).toBeCloseTo(975.28, 2);
    expect(capped[2]!.nTreatment).toBe(978);
    expect(capped[0]!.power!).toBeGreaterThan(capped[1]!.power!);
    expect(capped[1]!.power!).toBeGreaterThan(capped[2]!.power!);
    expect(capped[0]!.mde.relative).toBeLessThan(capped[2]!.mde.relative);
  });
  it('bad input is an InputError', () => {
    expect(() =>
      minimumDetectableEffect({ controlRate: 1.2, nTreatment: 10, nControl: 10 }),
    ).toThrow(InputError);
    expect(() =>
      minimumDetectableEffect({ controlRate: 0.4, nTreatment: 3, nControl: 3, power: 0.99 }),
    ).toThrow(/too small/);
    expect(() => requiredSampleSize({ controlRate: 0.4, effect: 0 })).toThrow(InputError);
  });
});

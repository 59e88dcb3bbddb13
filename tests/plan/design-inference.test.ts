import { describe, expect, it } from 'vitest';
import { effectSeries } from '../../src/index.js';
import { bootstrapImpact, randomizationTest } from '../../src/plan/index.js';
import { DEN_HAAG_COVARIATES } from '../../src/studies.js';
import { dataTable } from '../fixtures/shared.js';

const table = (await dataTable('den-haag-pilot.csv')).filter('d => d.decile === 1');
const covariates = [...DEN_HAAG_COVARIATES];

/** Eight clients, the first four treated and all with the event by month 1. */
function toy(extra: Record<string, unknown>[] = []) {
  const rows = Array.from({ length: 8 }, (_, i) => ({
    id: `c${i}`,
    arm: i < 4 ? 'experiment' : 'control',
    month_bijstand: i < 4 ? 1 : null,
    followup_months: 2,
    block: i % 2 === 0 ? 'a' : 'b',
    x: (i * 7) % 5,
    ...(extra[i] ?? {}),
  }));
  return rows;
}

describe('randomizationTest', () => {
  it('observed adjusted statistic equals the OLS/HC2 fit of effectSeries (FWL)', () => {
    const ri = randomizationTest(table, {
      event: 'month_bijstand',
      month: 24,
      covariates,
      draws: 300,
      seed: 2,
    });
    const s = effectSeries(table, { event: 'month_bijstand', months: [24], covariates });
    const adj = s.months[0]!.adjusted!;
    expect(ri.adjusted!.estimate).toBeCloseTo(adj.estimate, 12);
    expect(ri.adjusted!.statistic).toBeCloseTo(adj.statistic, 10);
    expect(ri.adjusted!.pValueModel).toBeCloseTo(adj.pValue, 10);
    expect(ri.itt.estimate).toBeCloseTo(s.months[0]!.raw.estimate, 12);
    expect(ri.exact).toBe(false);
    expect(ri.draws).toBe(300);
    // Design-based and model-based p-values agree roughly at this size.
    expect(Math.abs(ri.adjusted!.pValue - adj.pValue)).toBeLessThan(0.03);
    expect(ri.design).toContain('978 of 1218');
  });

  it('exact enumeration: perfectly separated outcomes give p = 2 / C(8, 4)', () => {
    const rows = toy();
    const ri = randomizationTest(rows, { event: 'month_bijstand', month: 1, draws: 10 });
    expect(ri.exact).toBe(true);
    expect(ri.draws).toBe(70);
    expect(ri.itt.pValueEstimate).toBeCloseTo(2 / 70, 12);
    expect(ri.itt.pValue).toBeCloseTo(2 / 70, 12);
    // 3 of 4 treated and 1 of 4 controls with the event: |diff| ≥ 0.5 in 1 + 1 + 16 + 16 of 70.
    const mixed = randomizationTest(
      toy([{}, {}, {}, { month_bijstand: null }, { month_bijstand: 1 }]),
      { event: 'month_bijstand', month: 1 },
    );
    expect(mixed.itt.estimate).toBeCloseTo(0.5, 12);
    expect(mixed.itt.pValueEstimate).toBeCloseTo(34 / 70, 12);
    const blocked = randomizationTest(rows, {
      event: 'month_bijstand',
      month: 1,
      rule: {
        kind: 'blocked',
        block: 'block',
        weights: { experiment: 0.5, control: 0.5 },
        seed: 1,
      },
    });
    // Blocks a and b each hold 2 treated of 4: C(4,2)² = 36 assignments.
    expect(blocked.draws).toBe(36);
    expect(blocked.itt.pValueEstimate).toBeCloseTo(2 / 36, 12);
  });

  it('hashed rules are re-drawn with new keys; parity says what it does instead', () => {
    const hashed = randomizationTest(table, {
      event: 'month_bijstand',
      month: 24,
      draws: 200,
      rule: { kind: 'hashed', key: 'k', weights: { experiment: 0.8, control: 0.2 } },
    });
    expect(hashed.exact).toBe(false);
    expect(hashed.design).toContain('new keys');
    expect(hashed.itt.pValue).toBeGreaterThan(0);
    const parity = randomizationTest(toy(), {
      event: 'month_bijstand',
      month: 1,
      rule: { kind: 'parity', even: 'control', odd: 'experiment' },
    });
    expect(parity.design).toContain('cannot be re-randomised');
  });
});

describe('bootstrapImpact', () => {
  it('policy figures with percentile and BCa intervals, stratified by arm', () => {
    const b = bootstrapImpact(table, {
      event: 'month_bijstand',
      month: 24,
      covariates,
      participants: 334,
      replicates: 400,
      seed: 4,
    });
    expect(b.n).toBe(978);
    expect(Math.round(b.prevented.value)).toBe(62);
    expect(b.relativeReduction.value).toBeCloseTo(0.153, 3);
    expect(b.trajectoriesPerSuccess!.value).toBeCloseTo(334 / b.prevented.value, 12);
    // The bootstrap SE of the effect is near the HC2 SE (2.84 pp).
    expect(b.effect.stdError).toBeGreaterThan(0.024);
    expect(b.effect.stdError).toBeLessThan(0.034);
    for (const f of [b.effect, b.prevented, b.relativeReduction, b.expected]) {
      expect(f.percentile[0]).toBeLessThan(f.value);
      expect(f.percentile[1]).toBeGreaterThan(f.value);
      expect(f.bca[0]).toBeLessThan(f.bca[1]);
    }
    const t = b.trajectoriesPerSuccess!;
    expect(t.percentile[0]).toBeCloseTo(334 / b.prevented.percentile[1], 9);
  });
  it('raw effect without covariates', () => {
    const b = bootstrapImpact(table, { event: 'month_bijstand', month: 24, replicates: 200 });
    expect(b.effect.value).toBeCloseTo(-0.0716, 4);
    expect(b.trajectoriesPerSuccess).toBeUndefined();
  });
});

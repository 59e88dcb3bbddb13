import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import {
  chooseShareInterval,
  newcombeDifference,
  smallestExpectedCount,
} from '../../src/outcomes/newcombe.js';
import { proportionInterval } from '../../src/outcomes/proportion-interval.js';
import { createRng } from '../../src/stats/random.js';

// tests/reference/newcombe.R → newcombe.json: Newcombe's method 10 written out in R, with the
// Wilson limits from R's prop.test(correct = FALSE), and the p-value that inverts the interval.
interface Case {
  x1: number;
  n1: number;
  x2: number;
  n2: number;
  wilson1: [number, number];
  wilson2: [number, number];
  ci95: [number, number];
  ci90: [number, number];
  p: number;
}
const ref = JSON.parse(
  readFileSync(new URL('../reference/newcombe.json', import.meta.url), 'utf8'),
) as { cases: Case[] };

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('newcombeDifference (Newcombe 1998, method 10)', () => {
  it("gives Newcombe's Table II example (a): 56/70 − 48/80 → [0.0524, 0.3339]", () => {
    const r = newcombeDifference({ successes: 56, n: 70 }, { successes: 48, n: 80 });
    expect(r.ci[0]).toBeCloseTo(0.0524, 4);
    expect(r.ci[1]).toBeCloseTo(0.3339, 4);
    expect(r.estimate).toBeCloseTo(0.2, 14);
  });

  it('agrees with the R version on every case (Wilson limits, 95 % and 90 % intervals, p)', () => {
    for (const c of ref.cases) {
      const t = { successes: c.x1, n: c.n1 };
      const k = { successes: c.x2, n: c.n2 };
      const w1 = proportionInterval(c.x1, c.n1, 0.95, 'wilson');
      const w2 = proportionInterval(c.x2, c.n2, 0.95, 'wilson');
      for (const j of [0, 1]) {
        expect(Math.abs(w1[j]! - c.wilson1[j]!)).toBeLessThan(1e-12);
        expect(Math.abs(w2[j]! - c.wilson2[j]!)).toBeLessThan(1e-12);
      }
      const r95 = newcombeDifference(t, k);
      const r90 = newcombeDifference(t, k, { level: 0.9 });
      for (const j of [0, 1]) {
        expect(Math.abs(r95.ci[j]! - c.ci95[j]!)).toBeLessThan(1e-12);
        expect(Math.abs(r90.ci[j]! - c.ci90[j]!)).toBeLessThan(1e-12);
      }
      expect(rel(r95.pValue, c.p)).toBeLessThan(1e-6);
    }
  });

  it('its p-value is below α exactly when the 1 − α interval excludes 0', () => {
    for (const c of ref.cases) {
      const t = { successes: c.x1, n: c.n1 };
      const k = { successes: c.x2, n: c.n2 };
      const r = newcombeDifference(t, k);
      const excludes = r.ci[0] > 0 || r.ci[1] < 0;
      if (Math.abs(r.pValue - 0.05) > 1e-9) expect(r.pValue < 0.05).toBe(excludes);
      if (r.estimate === 0) expect([r.pValue, r.statistic]).toEqual([1, 0]);
    }
  });

  it('exists where the Wald interval degenerates: every treated client and no control had the event', () => {
    const r = newcombeDifference({ successes: 144, n: 144 }, { successes: 0, n: 96 });
    expect(r.stdError).toBe(0);
    expect(r.ci[1]).toBe(1);
    expect(r.ci[0]).toBeGreaterThan(0.95);
    expect(r.pValue).toBeGreaterThan(0);
    expect(r.stars).toBe('**');
  });

  it('rejects counts that are not counts', () => {
    expect(() => newcombeDifference({ successes: 5, n: 4 }, { successes: 1, n: 4 })).toThrow(
      'newcombeDifference: treated.successes (5) exceeds treated.n (4)',
    );
    expect(() => newcombeDifference({ successes: 1, n: 0 }, { successes: 1, n: 4 })).toThrow(
      InputError,
    );
  });
});

describe('chooseShareInterval: the documented rule', () => {
  it('uses Newcombe when the smallest expected count is below 5 or the Wald SE is 0', () => {
    // 10 events in 200: expected 40 · 0.05 = 2 in the small arm.
    expect(smallestExpectedCount({ successes: 8, n: 160 }, { successes: 2, n: 40 })).toBeCloseTo(
      2,
      12,
    );
    expect(chooseShareInterval('auto', { successes: 8, n: 160 }, { successes: 2, n: 40 })).toBe(
      'newcombe',
    );
    expect(chooseShareInterval('auto', { successes: 40, n: 160 }, { successes: 10, n: 40 })).toBe(
      'wald',
    );
    expect(chooseShareInterval('auto', { successes: 10, n: 10 }, { successes: 0, n: 10 })).toBe(
      'newcombe',
    );
    expect(chooseShareInterval('wald', { successes: 8, n: 160 }, { successes: 2, n: 40 })).toBe(
      'wald',
    );
  });
});

/**
 * Coverage by simulation (fixed seed): 2,000 replications of 160 treated and 40 control clients
 * with the same 5 % event rate, so the true difference is 0. The figures are quoted in
 * docs/methods.md ("Small samples").
 */
function coverage(n1: number, n2: number, rate: number, reps: number, seed: string) {
  const rng = createRng(seed);
  let wald = 0;
  let newcombe = 0;
  let auto = 0;
  for (let r = 0; r < reps; r++) {
    const x1 = rng.binomial(n1, rate);
    const x2 = rng.binomial(n2, rate);
    const p1 = x1 / n1;
    const p2 = x2 / n2;
    const half = 1.959963984540054 * Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
    const waldCovers = Math.abs(p1 - p2) <= half; // a zero SE covers only when p1 = p2
    const ci = newcombeDifference({ successes: x1, n: n1 }, { successes: x2, n: n2 }).ci;
    const newcombeCovers = ci[0] <= 0 && ci[1] >= 0;
    if (waldCovers) wald++;
    if (newcombeCovers) newcombe++;
    const choice = chooseShareInterval('auto', { successes: x1, n: n1 }, { successes: x2, n: n2 });
    if (choice === 'wald' ? waldCovers : newcombeCovers) auto++;
  }
  return { wald: wald / reps, newcombe: newcombe / reps, auto: auto / reps };
}

describe('coverage of the 95 % intervals under no effect (seeded simulation)', () => {
  it('160/40 clients, 5 % events: Wald under-covers, Newcombe and the auto rule do not', () => {
    const c = coverage(160, 40, 0.05, 2000, 'newcombe-coverage-160-40');
    // Monte Carlo SE of a coverage near 0.95 with 2,000 replications: about 0.005.
    expect(c).toEqual({ wald: 0.8725, newcombe: 0.9595, auto: 0.9595 });
  });

  it('a pilot-like month 1: 978/240 clients, 1 % events', () => {
    // The Den Haag pilot's arms (decile 1) in an early month: about 12 events in all.
    const c = coverage(978, 240, 0.01, 2000, 'newcombe-coverage-978-240');
    expect(c).toEqual({ wald: 0.902, newcombe: 0.96, auto: 0.96 });
  });

  it('32/8 clients, 5 % events', () => {
    // Here 13 % of the replications have no event at all: the Wald interval is then [0, 0] and
    // counted as covering the true difference 0, which flatters it.
    const c = coverage(32, 8, 0.05, 2000, 'newcombe-coverage-32-8');
    expect(c).toEqual({ wald: 0.9455, newcombe: 0.9645, auto: 0.9645 });
  });
});

/**
 * compareArms' interval of a binary difference (`rawInterval`), against R: the cases of
 * tests/reference/newcombe.R → newcombe.json (Wilson limits from `prop.test(correct = FALSE)`
 * combined by Newcombe's method 10, and the p-value inverting the interval), fed to compareArms
 * as 0/1 columns. The Wald values are the hand formula p₁ − p₂ ± z·√(p₁q₁/n₁ + p₂q₂/n₂).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareArms } from '../../src/analysis/compare-arms.js';
import { InputError } from '../../src/errors.js';

interface Case {
  x1: number;
  n1: number;
  x2: number;
  n2: number;
  ci95: [number, number];
  ci90: [number, number];
  p: number;
}
const ref = JSON.parse(
  readFileSync(new URL('../reference/newcombe.json', import.meta.url), 'utf8'),
) as { cases: Case[] };

/** x of n ones in the treatment arm, y of m in the control arm. */
function rows(c: Case) {
  const out: { arm: string; y: number }[] = [];
  for (let i = 0; i < c.n1; i++) out.push({ arm: 'experiment', y: i < c.x1 ? 1 : 0 });
  for (let i = 0; i < c.n2; i++) out.push({ arm: 'control', y: i < c.x2 ? 1 : 0 });
  return out;
}

const compare = (c: Case, rawInterval?: 'auto' | 'wald' | 'newcombe', level?: number) =>
  compareArms(rows(c), {
    outcomes: [{ column: 'y', kind: 'binary' }],
    ...(rawInterval ? { rawInterval } : {}),
    ...(level ? { level } : {}),
  }).outcomes[0]!.difference;

/** The documented 'auto' rule, written out: expected count below 5, or a Wald SE of 0. */
function ruleSaysNewcombe(c: Case): boolean {
  const pBar = (c.x1 + c.x2) / (c.n1 + c.n2);
  const expected = Math.min(c.n1, c.n2) * Math.min(pBar, 1 - pBar);
  const p1 = c.x1 / c.n1;
  const p2 = c.x2 / c.n2;
  const wald = (p1 * (1 - p1)) / c.n1 + (p2 * (1 - p2)) / c.n2;
  return expected < 5 || !(wald > 0);
}

describe("compareArms rawInterval: 'newcombe' agrees with R (newcombe.R)", () => {
  for (const c of ref.cases) {
    it(`${c.x1}/${c.n1} − ${c.x2}/${c.n2}`, () => {
      const d = compare(c, 'newcombe');
      expect(d.estimate).toBeCloseTo(c.x1 / c.n1 - c.x2 / c.n2, 14);
      expect(Math.abs(d.ci[0] - c.ci95[0])).toBeLessThan(1e-12);
      expect(Math.abs(d.ci[1] - c.ci95[1])).toBeLessThan(1e-12);
      expect(Math.abs(d.pValue - c.p) / Math.max(c.p, 1e-300)).toBeLessThan(1e-6);
      const d90 = compare(c, 'newcombe', 0.9);
      expect(Math.abs(d90.ci[0] - c.ci90[0])).toBeLessThan(1e-12);
      expect(Math.abs(d90.ci[1] - c.ci90[1])).toBeLessThan(1e-12);
      expect(d.method).toMatch(/Newcombe/);
    });
  }
});

describe("compareArms rawInterval: 'auto' (default) follows effectSeries' rule", () => {
  it('chooses Newcombe exactly where the smallest expected count is below 5 or the Wald SE is 0', () => {
    const chosen = ref.cases.map((c) => ruleSaysNewcombe(c));
    // the reference holds cases on both sides of the rule: 56/70 − 48/80 (smallest expected
    // count 21.5) is Wald; 10/10 − 0/10 (expected exactly 5, but a Wald SE of 0) and the rest Newcombe
    expect(chosen.filter(Boolean).length).toBe(12);
    expect(chosen.filter((x) => !x).length).toBe(1);
    for (const c of ref.cases) {
      const d = compare(c);
      if (ruleSaysNewcombe(c)) {
        expect(Math.abs(d.ci[0] - c.ci95[0])).toBeLessThan(1e-12);
        expect(Math.abs(d.ci[1] - c.ci95[1])).toBeLessThan(1e-12);
      } else {
        expect(d.method).not.toMatch(/Newcombe/);
        const p1 = c.x1 / c.n1;
        const p2 = c.x2 / c.n2;
        const se = Math.sqrt((p1 * (1 - p1)) / c.n1 + (p2 * (1 - p2)) / c.n2);
        expect(d.stdError).toBeCloseTo(se, 14);
        expect(d.ci[0]).toBeCloseTo(p1 - p2 - 1.959963984540054 * se, 12);
      }
    }
  });

  it('a constant 0/1 outcome (0/10 − 0/20) gets an interval and p = 1, not an error', () => {
    const c = ref.cases.find((k) => k.x1 === 0 && k.n1 === 10 && k.n2 === 20)!;
    const d = compare(c);
    expect(d.estimate).toBe(0);
    expect(d.pValue).toBe(1);
    expect(Math.abs(d.ci[0] - c.ci95[0])).toBeLessThan(1e-12);
    expect(Math.abs(d.ci[1] - c.ci95[1])).toBeLessThan(1e-12);
  });

  it("'wald' keeps the Wald interval even with few events", () => {
    const c = ref.cases.find((k) => k.x1 === 1 && k.n1 === 32)!; // 1/32 − 2/8
    const d = compare(c, 'wald');
    const p1 = 1 / 32;
    const p2 = 2 / 8;
    const se = Math.sqrt((p1 * (1 - p1)) / 32 + (p2 * (1 - p2)) / 8);
    expect(d.stdError).toBeCloseTo(se, 14);
    expect(d.ci[1]).toBeCloseTo(p1 - p2 + 1.959963984540054 * se, 12);
    expect(compare(c).ci[1]).toBeCloseTo(c.ci95[1], 12);
  });

  it('states the rule in the method', () => {
    const res = compareArms(rows(ref.cases[0]!), { outcomes: ['y'] });
    expect(res.method).toContain(
      "Newcombe's (1998) hybrid score interval and the test inverting it where an expected count is below 5 or the Wald SE is 0",
    );
  });

  it('rejects an unknown rawInterval, and names the option', () => {
    expect(() =>
      compareArms(rows(ref.cases[0]!), {
        outcomes: ['y'],
        rawInterval: 'score' as 'wald',
      }),
    ).toThrow(InputError);
    expect(() =>
      compareArms(rows(ref.cases[0]!), { outcomes: ['y'], rawInterval: 'score' as 'wald' }),
    ).toThrow(/rawInterval must be 'auto', 'wald' or 'newcombe', got 'score'/);
  });
});

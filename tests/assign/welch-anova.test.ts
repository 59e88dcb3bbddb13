import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { summarise, welchAnova, welchTest } from '../../src/assign/balance-tests.js';

// R's oneway.test(x ~ g, var.equal = FALSE) on three groups: tests/reference/welch-anova.R.
const ref = JSON.parse(
  readFileSync(new URL('../reference/welch-anova.json', import.meta.url), 'utf8'),
) as { groups: number[][]; statistic: number; df: [number, number]; pValue: number };
const groups = ref.groups.map((g) => Float64Array.from(g));

describe("Welch's one-way ANOVA", () => {
  it('from the summaries equals R oneway.test', () => {
    const w = welchAnova(groups.map(summarise));
    expect(w.statistic).toBeCloseTo(ref.statistic, 12);
    expect(w.df[0]).toBe(2);
    expect(Math.abs(w.df[1]! - ref.df[1]) / ref.df[1]).toBeLessThan(1e-13);
    expect(Math.abs(w.pValue - ref.pValue) / ref.pValue).toBeLessThan(1e-10);
    expect(w.method).toBe("Welch's one-way ANOVA");
  });

  it('is what welchTest gives for three groups, bit for bit', () => {
    expect(welchTest(groups)).toEqual(welchAnova(groups.map(summarise)));
  });
});

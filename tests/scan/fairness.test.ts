/**
 * Fairness metrics against hand computations (written out below): selection rate, true-positive
 * rate, positive predictive value and false-positive rate per group, their Wilson intervals, the
 * ratio to the overall value with its delta-method interval, and the test against the rest.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/index.js';
import { fairnessMetrics } from '../../src/kernels.js';

const Z = 1.959963984540054; // qnorm(0.975)
/** Wilson (1927) for x of n, written out. */
function wilson(x: number, n: number): [number, number] {
  const c = (x + (Z * Z) / 2) / (n + Z * Z);
  const h = (Z / (n + Z * Z)) * Math.sqrt((x * (n - x)) / n + (Z * Z) / 4);
  return [c - h, c + h];
}

describe('fairnessMetrics (hand cases)', () => {
  // Ten clients ranked by score; the top 30 % (3 clients) are selected: 1 (a, case), 2 (b), 3 (a, case).
  const s = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.15, 0.1];
  const y = [1, 0, 1, 0, 0, 1, 0, 0, 1, 0];
  const g = ['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b', 'a', 'b'];
  const r = fairnessMetrics(s, y, g, { variable: 'g', fraction: 0.3 });
  const a = r.rows.find((x) => x.group === 'a')!.metrics;
  const b = r.rows.find((x) => x.group === 'b')!.metrics;

  it('the four rates per group and overall', () => {
    // a: 5 clients, 3 cases (1, 3, 9), 2 selected (1, 3), both cases.
    expect(a.selectionRate.value).toBe(2 / 5);
    expect(a.truePositiveRate.value).toBe(2 / 3);
    expect(a.positivePredictiveValue.value).toBe(1);
    expect(a.falsePositiveRate.value).toBe(0);
    // b: 5 clients, 1 case (6), 1 selected (2), not a case.
    expect(b.selectionRate.value).toBe(1 / 5);
    expect(b.truePositiveRate.value).toBe(0);
    expect(b.positivePredictiveValue.value).toBe(0);
    expect(b.falsePositiveRate.value).toBe(1 / 4);
    expect(r.overall).toEqual({
      selectionRate: 3 / 10,
      truePositiveRate: 2 / 4,
      positivePredictiveValue: 2 / 3,
      falsePositiveRate: 1 / 6,
    });
  });
  it('Wilson intervals and ratios to the overall value', () => {
    const [lo, hi] = wilson(2, 5);
    expect(a.selectionRate.ci[0]).toBeCloseTo(lo, 14);
    expect(a.selectionRate.ci[1]).toBeCloseTo(hi, 14);
    expect(a.selectionRate.ratio).toBeCloseTo(0.4 / 0.3, 14);
    expect(a.truePositiveRate.ratio).toBeCloseTo(2 / 3 / 0.5, 14);
    expect(a.positivePredictiveValue.ratio).toBeCloseTo(1 / (2 / 3), 14);
    expect(a.falsePositiveRate.ratio).toBe(0);
    // delta method for a's selection rate: p_g = 0.4 (n 5), p_rest = 0.2 (n 5), p = 0.3, a = 0.5
    const dg = 1 / 0.4 - 0.5 / 0.3;
    const dr = -0.5 / 0.3;
    const se = Math.sqrt((dg * dg * (0.4 * 0.6)) / 5 + (dr * dr * (0.2 * 0.8)) / 5);
    const ratio = 0.4 / 0.3;
    expect(a.selectionRate.ratioCi![0]).toBeCloseTo(ratio * Math.exp(-Z * se), 12);
    expect(a.selectionRate.ratioCi![1]).toBeCloseTo(ratio * Math.exp(Z * se), 12);
    // a rate of 0 or 1 has no log-scale interval
    expect(a.positivePredictiveValue.ratioCi).toBeNull();
    // against the rest: 0.4 − 0.2, SE √(0.24/5 + 0.16/5), z test
    const v = a.selectionRate.versusRest!;
    expect(v.estimate).toBeCloseTo(0.2, 15);
    expect(v.stdError).toBeCloseTo(Math.sqrt(0.08), 15);
    expect(v.statistic).toBeCloseTo(0.2 / Math.sqrt(0.08), 12);
    expect(v.pValue).toBeCloseTo(0.4795001221869535, 10); // 2·pnorm(−0.7071068)
  });
  it('a tied block on the boundary is selected in part', () => {
    // top 2 of 4: client 1, then half of each of the tied clients 2 (a, case) and 3 (b)
    const t = fairnessMetrics([0.9, 0.5, 0.5, 0.1], [1, 1, 0, 0], ['a', 'a', 'b', 'b'], {
      fraction: 0.5,
    });
    const ta = t.rows[0]!;
    const tb = t.rows[1]!;
    expect(ta.selected).toBe(1.5);
    expect(ta.metrics.truePositiveRate.value).toBe(0.75);
    expect(tb.metrics.falsePositiveRate.value).toBe(0.25);
    expect(tb.metrics.truePositiveRate.denominator).toBe(0);
    expect(Number.isNaN(tb.metrics.truePositiveRate.value)).toBe(true);
    expect(tb.metrics.truePositiveRate.versusRest).toBeNull();
  });
  it('a missing group label is an InputError naming the row', () => {
    try {
      fairnessMetrics([0.9, 0.1], [1, 0], ['a', null], { variable: 'gender' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).message).toContain("column 'gender' has a missing value in row 2");
    }
  });
});

/**
 * The sup-t band of the effect series against R (tests/reference/band.R): the cross-month HC2
 * sandwich written out from lm(), and mvtnorm::qmvnorm(…, tail = "both.tails") for the critical
 * value; plus a seeded coverage simulation of the band against the pointwise intervals.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { effectSeries } from '../../src/analysis/effect-series.js';
import { firstSignificantMonth } from '../../src/analysis/significance.js';
import { normalQuantile } from '../../src/stats/distributions.js';
import { mvnormBox, mvnormCriticalValue } from '../../src/stats/mvnorm.js';
import { createRng } from '../../src/stats/random.js';

interface RefSeries {
  estimate: number[];
  stdError: number[];
  jointCovariance: number[][];
  criticalValue: number;
  criticalValueRuns: number[];
  pHolm: number[];
}
const band = JSON.parse(
  readFileSync(new URL('../reference/band.json', import.meta.url), 'utf8'),
) as {
  series: { adjusted: RefSeries; raw: RefSeries };
  matrices: { name: string; corr: number[][]; criticalValue: number }[];
};
const data = JSON.parse(
  readFileSync(new URL('../reference/analysis.json', import.meta.url), 'utf8'),
).data as Record<string, (string | number | null)[]>;
const columns = Object.keys(data);
const rows = data.id!.map((_, i) =>
  Object.fromEntries(columns.map((c) => [c, data[c]![i] ?? null])),
);
const covariates = ['age', 'gender', 'education', 'prior_bijstand'];

const relClose = (actual: number, expected: number, rel: number) =>
  expect(Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300)).toBeLessThan(rel);

/** Each reference matrix's critical value, computed once (the determinism check computes it again). */
const criticalValues = new Map<string, ReturnType<typeof mvnormCriticalValue>>();
function criticalValueOf(
  m: (typeof band.matrices)[number],
): ReturnType<typeof mvnormCriticalValue> {
  let q = criticalValues.get(m.name);
  if (!q) {
    q = mvnormCriticalValue(0.95, m.corr.flat(), m.corr.length);
    criticalValues.set(m.name, q);
  }
  return q;
}

describe('mvnormCriticalValue agrees with mvtnorm::qmvnorm (tail = "both.tails") to 2e-3', () => {
  // The 24-month case is checked on the series below; here the six-dimensional one.
  for (const m of band.matrices.filter((x) => x.corr.length <= 6)) {
    it(m.name, () => {
      const q = criticalValueOf(m);
      expect(Math.abs(q.value - m.criticalValue)).toBeLessThan(2e-3);
      expect(q.probability.error).toBeLessThan(1e-3);
    });
  }
  it('is exact in the independent case (Šidák) and in one dimension', () => {
    // P(|Z1| ≤ q, |Z2| ≤ q) = (2Φ(q) − 1)² for independent coordinates.
    expect(mvnormBox(1.959963984540054, [1, 0, 0, 1], 2).value).toBeCloseTo(0.95 ** 2, 12);
    expect(mvnormCriticalValue(0.95, [1], 1).value).toBeCloseTo(1.959963984540054, 12);
    expect(mvnormCriticalValue(0.95, [1, 0, 0, 1], 2).value).toBeCloseTo(2.236477, 5);
  });
  it('is deterministic for a seed', () => {
    const m = band.matrices[1]!;
    expect(mvnormCriticalValue(0.95, m.corr.flat(), 6).value).toBe(criticalValueOf(m).value);
  });
});

describe("effectSeries(…, { band: 'sup-t' }) agrees with R", () => {
  const adjusted = effectSeries(rows, {
    event: 'month_bijstand',
    months: 24,
    covariates,
    band: 'sup-t',
  });
  const raw = effectSeries(rows, { event: 'month_bijstand', months: 24, band: 'sup-t' });

  it('joint covariance = the cross-month HC2 sandwich (1e-10), diagonal = each month’s own SE²', () => {
    for (const [series, ref] of [
      [adjusted, band.series.adjusted],
      [raw, band.series.raw],
    ] as const) {
      const v = series.jointCovariance!;
      ref.jointCovariance.forEach((row, m) => {
        for (const [l, x] of row.entries()) relClose(v[m]![l]!, x, 1e-9);
        const e =
          series.band!.estimate === 'raw' ? series.months[m]!.raw : series.months[m]!.adjusted!;
        relClose(Math.sqrt(v[m]![m]!), e.stdError, 1e-10);
        relClose(e.stdError, ref.stdError[m]!, 1e-10);
      });
    }
  });

  it('critical value within 2e-3 of qmvnorm; band = estimate ± c·SE', () => {
    expect(
      Math.abs(adjusted.band!.criticalValue - band.series.adjusted.criticalValue),
    ).toBeLessThan(2e-3);
    expect(Math.abs(raw.band!.criticalValue - band.series.raw.criticalValue)).toBeLessThan(2e-3);
    expect(adjusted.band!.estimate).toBe('adjusted');
    expect(raw.band!.estimate).toBe('raw');
    for (const m of adjusted.months) {
      const c = adjusted.band!.criticalValue;
      expect(m.bandCi![0]).toBeCloseTo(m.adjusted!.estimate - c * m.adjusted!.stdError, 14);
      expect(m.bandCi![1]).toBeCloseTo(m.adjusted!.estimate + c * m.adjusted!.stdError, 14);
    }
    // The band is wider than every pointwise 95 % interval: c > 1.96 (but below Šidák's bound,
    // the critical value of 24 independent months: P(max|Z| ≤ q) = (2Φ(q) − 1)²⁴ = 0.95, so
    // q = Φ⁻¹((1 + 0.95^(1/24)) / 2) = 3.070789177499 (R: qnorm((1 + 0.95^(1/24)) / 2)), in
    // closed form rather than by a 24-dimensional lattice integration of the identity).
    expect(adjusted.band!.criticalValue).toBeGreaterThan(1.96);
    const sidak = normalQuantile((1 + 0.95 ** (1 / 24)) / 2);
    expect(sidak).toBeCloseTo(3.070789177499, 11);
    expect(adjusted.band!.criticalValue).toBeLessThan(sidak);
    expect(adjusted.method).toContain('sup-t');
  });

  it('firstSignificantMonth({ simultaneous: true }) reads the band', () => {
    const sim = firstSignificantMonth(adjusted, { simultaneous: true });
    expect(sim.simultaneous).toBe(true);
    const c = adjusted.band!.criticalValue;
    const expected = adjusted.months
      .filter((m) => Math.abs(m.adjusted!.estimate / m.adjusted!.stdError) > c)
      .map((m) => m.month);
    expect(sim.months).toEqual(expected);
    const pointwise = firstSignificantMonth(adjusted, { level: 0.05 });
    expect(pointwise.simultaneous).toBe(false);
    for (const m of sim.months) expect(pointwise.months).toContain(m);
    expect(() => firstSignificantMonth(adjusted, { simultaneous: true, level: 0.1 })).toThrow(
      /0.95 band/,
    );
    const plain = effectSeries(rows, { event: 'month_bijstand', months: 24, covariates });
    expect(() => firstSignificantMonth(plain, { simultaneous: true })).toThrow(/band: 'sup-t'/);
  });

  it('writes the band into the table and the document', () => {
    const row = adjusted.toTable()[11]!;
    expect(row.band_ci_lower).toBe(adjusted.months[11]!.bandCi![0]);
    expect(adjusted.toMarkdown()).toContain('simultaneous 95 % CI');
  });
});

describe('coverage: the sup-t band covers the whole path, the pointwise intervals do not', () => {
  it('120 seeded replications, 12 months, no true effect', () => {
    // Null design: 300 clients, 50/50, monthly hazard 4 %, 20 % censored at a uniform month.
    const rng = createRng(20261201);
    const months = 12;
    let bandMisses = 0;
    let pointwiseMisses = 0;
    const reps = 120;
    for (let r = 0; r < reps; r++) {
      const clients = Array.from({ length: 300 }, (_, i) => {
        let event: number | null = null;
        for (let m = 1; m <= months && event === null; m++) if (rng.next() < 0.04) event = m;
        const followup = rng.next() < 0.2 ? 1 + rng.int(months) : months;
        return {
          arm: i % 2 === 0 ? 'experiment' : 'control',
          followup_months: followup,
          month_bijstand: event !== null && event <= followup ? event : null,
          age: 20 + rng.int(40),
        };
      });
      const s = effectSeries(clients, {
        event: 'month_bijstand',
        months,
        covariates: ['age'],
        band: 'sup-t',
        // Coarser than the default: each replication's critical value needs ±0.01, not ±0.001.
        bandOptions: { points: 512, shifts: 4, seed: r },
      });
      if (s.months.some((m) => m.bandCi![0] > 0 || m.bandCi![1] < 0)) bandMisses++;
      if (s.months.some((m) => m.adjusted!.ci[0] > 0 || m.adjusted!.ci[1] < 0)) pointwiseMisses++;
    }
    // Joint non-coverage: the band ≈ 5 % (Monte Carlo SE 2 pp at 120 replications); the
    // pointwise intervals miss somewhere on the path far more often.
    expect(bandMisses / reps).toBeLessThan(0.11);
    expect(pointwiseMisses / reps).toBeGreaterThan(0.12);
    expect(pointwiseMisses).toBeGreaterThan(2 * bandMisses);
  });
});

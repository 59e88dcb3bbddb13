import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { effectSeries } from '../../src/analysis/effect-series.js';
import { firstSignificantMonth } from '../../src/analysis/significance.js';
import { modelFrame } from '../../src/data/model-matrix.js';
import { ols } from '../../src/estimate/ols.js';

interface RefEstimate {
  estimate: number;
  stdError: number;
  pValue: number;
  ciLow?: number;
  ciHigh?: number;
  df?: number;
}
interface RefMonth {
  month: number;
  n: number;
  nTreated: number;
  nControl: number;
  raw: RefEstimate;
  ols: RefEstimate;
  lin: RefEstimate;
}
const ref = JSON.parse(
  readFileSync(new URL('../reference/analysis.json', import.meta.url), 'utf8'),
) as { data: Record<string, (string | number | null)[]>; months: RefMonth[] };

const columns = Object.keys(ref.data);
const rows = ref.data.id!.map((_, i) =>
  Object.fromEntries(columns.map((c) => [c, ref.data[c]![i] ?? null])),
);
const covariates = ['age', 'gender', 'education', 'prior_bijstand'];

function close(actual: number, expected: number, rel: number) {
  const scale = Math.max(Math.abs(expected), 1e-12);
  expect(Math.abs(actual - expected) / scale).toBeLessThan(rel);
}

describe('effectSeries agrees with R (estimatr lm_robust / lm_lin, HC2)', () => {
  const series = effectSeries(rows, { event: 'month_bijstand', months: 24, covariates });
  const lin = effectSeries(rows, {
    event: 'month_bijstand',
    months: 24,
    covariates,
    adjustment: 'lin',
  });

  it('uses the complete-follow-up sample of each month', () => {
    series.months.forEach((m, i) => {
      const r = ref.months[i]!;
      expect(m.month).toBe(r.month);
      expect(m.nTreated).toBe(r.nTreated);
      expect(m.nControl).toBe(r.nControl);
    });
  });

  it('matches the raw difference in shares (unpooled SE)', () => {
    const wald = effectSeries(rows, {
      event: 'month_bijstand',
      months: 24,
      covariates,
      rawInterval: 'wald',
    });
    wald.months.forEach((m, i) => {
      const r = ref.months[i]!.raw;
      close(m.raw.estimate, r.estimate, 1e-10);
      close(m.raw.stdError, r.stdError, 1e-10);
      close(m.raw.pValue, r.pValue, 1e-6);
    });
  });

  it('matches lm_robust(y ~ treatment + covariates, se_type = "HC2") every month', () => {
    series.months.forEach((m, i) => {
      const r = ref.months[i]!.ols;
      const a = m.adjusted!;
      close(a.estimate, r.estimate, 1e-8);
      close(a.stdError, r.stdError, 1e-8);
      close(a.ci[0], r.ciLow!, 1e-8);
      close(a.ci[1], r.ciHigh!, 1e-8);
      expect(a.df).toBe(r.df);
      close(a.pValue, r.pValue, 1e-6);
    });
  });

  it('matches lm_lin every month', () => {
    lin.months.forEach((m, i) => {
      const r = ref.months[i]!.lin;
      close(m.adjusted!.estimate, r.estimate, 1e-8);
      close(m.adjusted!.stdError, r.stdError, 1e-8);
      close(m.adjusted!.pValue, r.pValue, 1e-6);
    });
  });

  it('equals fitting each month separately with ols', () => {
    for (const month of [1, 9, 24]) {
      const sample = rows
        .filter((r) => (r.followup_months as number) >= month)
        .map((r) => ({
          ...r,
          treatment: r.arm === 'experiment' ? 1 : 0,
          y: r.month_bijstand !== null && (r.month_bijstand as number) <= month ? 1 : 0,
        }));
      const frame = modelFrame(sample, { outcome: 'y', columns: ['treatment', ...covariates] });
      const fit = ols(frame.matrix, frame.y, { se: 'HC2' });
      const a = series.months[month - 1]!.adjusted!;
      close(a.estimate, fit.coefficient('treatment').estimate, 1e-10);
      close(a.stdError, fit.coefficient('treatment').stdError, 1e-10);
    }
  });

  it('finds the first significant month and the month it stays significant from', () => {
    const sig = firstSignificantMonth(series, { level: 0.05 });
    const expected = ref.months.filter((m) => m.ols.pValue < 0.05).map((m) => m.month);
    expect(sig.months).toEqual(expected);
    expect(sig.first).toBe(expected[0] ?? null);
    let from: number | null = null;
    for (let i = ref.months.length - 1; i >= 0 && ref.months[i]!.ols.pValue < 0.05; i--) {
      from = ref.months[i]!.month;
    }
    expect(sig.from).toBe(from);
  });

  it('adds Holm-adjusted p-values across months on request', () => {
    const holm = effectSeries(rows, {
      event: 'month_bijstand',
      months: 24,
      covariates,
      pAdjust: 'holm',
    });
    const p = holm.months.map((m) => m.adjusted!.pValue);
    const q = holm.months.map((m) => m.pAdjusted!.adjusted!);
    // Holm: sorted p_(i)·(m − i + 1), cumulative max, capped at 1.
    const order = p.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
    let running = 0;
    for (const [rank, [v, i]] of order.entries()) {
      running = Math.max(running, Math.min(1, v * (p.length - rank)));
      close(q[i]!, running, 1e-12);
    }
  });

  it('renders a table and Markdown with the method stated', () => {
    expect(series.toTable()).toHaveLength(24);
    expect(series.toMarkdown()).toMatch(/HC2 SE/);
    expect(series.method).toMatch(/complete follow-up/);
  });
});

describe('effectSeries input errors', () => {
  it('names an unknown column', () => {
    expect(() => effectSeries(rows, { event: 'month_work' })).toThrow(/month_work/);
  });
  it('names a missing control arm', () => {
    expect(() => effectSeries(rows, { event: 'month_bijstand', control: 'basic' })).toThrow(
      /arm 'basic' does not occur/,
    );
  });
  it('refuses a month beyond follow-up', () => {
    expect(() => effectSeries(rows, { event: 'month_bijstand', months: [30] })).toThrow(
      /observed for 30 months/,
    );
  });
  it('refuses an event after the end of follow-up, naming the row', () => {
    const bad = rows.map((r, i) => (i === 2 ? { ...r, followup_months: 3, month_bijstand: 5 } : r));
    expect(() => effectSeries(bad, { event: 'month_bijstand' })).toThrow(/row 3/);
  });
  it('reports rows excluded for a missing covariate instead of dropping them silently', () => {
    const gap = rows.map((r, i) => (i < 4 ? { ...r, age: null } : r));
    const s = effectSeries(gap, { event: 'month_bijstand', months: 3, covariates });
    expect(s.excluded).toEqual([{ reason: 'missing covariate (age: 4)', count: 4 }]);
  });
});

describe('effectSeries in months without variation', () => {
  // Nobody has the event in month 1; every share is 0, so the difference is exactly 0.
  const clients = Array.from({ length: 40 }, (_, i) => ({
    id: `c${i}`,
    arm: i % 2 === 0 ? 'experiment' : 'control',
    followup_months: 6,
    age: 30 + (i % 9),
    month_bijstand: i % 5 === 0 ? 2 : i % 7 === 0 ? 4 : null,
  }));
  it('reports a zero difference with p = 1 and says why, raw and adjusted', () => {
    const s = effectSeries(clients, { event: 'month_bijstand', months: 3, covariates: ['age'] });
    const m1 = s.months[0]!;
    expect(m1.raw).toMatchObject({ estimate: 0, stdError: 0, pValue: 1, stars: '' });
    expect(m1.adjusted).toMatchObject({ estimate: 0, stdError: 0, pValue: 1, stars: '' });
    expect(m1.raw.method).toMatch(/no client had the event by month 1/);
    expect(s.months[1]!.raw.stdError).toBeGreaterThan(0);
  });
});

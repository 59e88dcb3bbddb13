/**
 * The prefix paths of the effect series (complete follow-up: samples as views of one sorted
 * design, X'X from group sums; IPCW: known clients as a prefix, X'WX from segment sums) give the
 * numbers of fitting each month on its own sample: the per-sample path they replaced
 * (`fitAdjustedMonths` on a copied sample, to 1e-12) and `ols` on the month's rows (to 1e-10).
 */
import { from } from 'arquero';
import { describe, expect, it } from 'vitest';
import { fitAdjustedMonths } from '../../src/analysis/adjusted-fit.js';
import { comparisonSample } from '../../src/analysis/comparison.js';
import { effectSeries, sampleAt } from '../../src/analysis/effect-series.js';
import {
  byFollowupDescending,
  prefixCrossProducts,
  prefixEventSums,
} from '../../src/analysis/effect-series-prefix.js';
import { seriesDesign } from '../../src/analysis/series-design.js';
import { modelFrame } from '../../src/data/model-matrix.js';
import { ols } from '../../src/estimate/ols.js';
import { censoringDistribution, survivalBefore } from '../../src/outcomes/censoring-weights.js';
import { crossProduct } from '../../src/stats/linalg.js';
import { createRng } from '../../src/stats/random.js';

const covariates = ['x1', 'big', 'region'];

interface Row {
  readonly arm: string;
  readonly followup_months: number;
  readonly month_event: number | null;
  readonly x1: number;
  readonly big: number;
  readonly region: string;
}

/** Clients with censored follow-up; region 'r9' has two clients, one followed 10 months. */
function clients(n: number, shape: 'potential' | 'survival') {
  const rng = createRng(`prefix-${shape}`);
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) {
    const treated = rng.bernoulli(0.7);
    const x1 = rng.normal();
    const big = 50_000 + 5 * rng.normal();
    const region = i < 2 ? 'r9' : `r${1 + rng.int(4)}`;
    const h = 1 / (1 + Math.exp(-(-3.2 + 0.4 * x1 + 0.05 * (big - 50_000) - 0.3 * +treated)));
    const latent = Math.max(1, Math.ceil(Math.log(1 - rng.next()) / Math.log(1 - h)));
    let followup = rng.bernoulli(0.85) ? 24 : 6 + rng.int(18);
    if (i === 0) followup = 10;
    let event: number | null = latent <= followup ? latent : null;
    if (shape === 'survival' && event !== null) followup = event;
    if (shape === 'survival' && i === 0) event = null;
    rows.push({
      arm: treated ? 'experiment' : 'control',
      followup_months: followup,
      month_event: event,
      x1,
      big,
      region,
    });
  }
  return rows;
}

function relDiff(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
}

describe('complete follow-up: samples as prefixes of one sorted design', () => {
  const rows = clients(3000, 'potential');
  const spec = {
    event: 'month_event',
    months: 24,
    covariates,
    rareLevels: 'pool' as const,
  };
  const series = effectSeries(from(rows), spec);

  it('equals the per-sample path (copied sample, own X′X) to 1e-12, with a level pooled late', () => {
    const c = comparisonSample(from(rows), spec);
    let worst = 0;
    for (const m of [1, 6, 11, 17, 24]) {
      const fit = fitAdjustedMonths(c, sampleAt(c.followup, m), [m], {
        se: 'HC2',
        level: 0.95,
        rareLevels: 'pool',
        lin: false,
        design: (s) =>
          seriesDesign(
            s,
            Int32Array.from(s.treated, (_, i) => i),
            'ols',
            'treatment',
          ),
      });
      const a = series.months[m - 1]!.adjusted!;
      const b = fit.estimates![0]!;
      worst = Math.max(worst, relDiff(a.estimate, b.estimate), relDiff(a.stdError, b.stdError));
    }
    expect(worst).toBeLessThan(1e-12);
    // From month 11 region r9 has one client left: pooled for those months, and said so.
    expect(series.notes.join(' ')).toMatch(/r9/);
  });

  it('equals ols (HC2) on the rows observed at least m months', () => {
    for (const m of [3, 15, 24]) {
      const observed = rows.filter((r) => r.followup_months >= m);
      // From month 11, r9's one client is pooled into the sample's most common region.
      const counts = new Map<string, number>();
      for (const r of observed) counts.set(r.region, (counts.get(r.region) ?? 0) + 1);
      const common = [...counts].sort((x, y) => y[1] - x[1])[0]![0];
      const sample = observed.map((r) => ({
        ...r,
        treatment: r.arm === 'experiment' ? 1 : 0,
        y: r.month_event !== null && r.month_event <= m ? 1 : 0,
        region: m > 10 && r.region === 'r9' ? common : r.region,
      }));
      const frame = modelFrame(sample, { outcome: 'y', columns: ['treatment', ...covariates] });
      const fit = ols(frame.matrix, frame.y, { se: 'HC2' }).coefficient('treatment');
      const a = series.months[m - 1]!.adjusted!;
      expect(relDiff(a.estimate, fit.estimate)).toBeLessThan(1e-10);
      expect(relDiff(a.stdError, fit.stdError)).toBeLessThan(1e-10);
    }
  });

  it('prefixCrossProducts equals crossProduct on each prefix about its own means', () => {
    const c = byFollowupDescending(comparisonSample(from(rows), spec));
    const n = c.treated.length;
    const columns = [new Float64Array(n).fill(1), c.treated, ...c.covariates];
    const sizes = [n, 2900, 2700, 1234];
    const cross = prefixCrossProducts(columns, sizes);
    for (const size of sizes) {
      const views = columns.map((col) => col.subarray(0, size));
      const shift = Float64Array.from(views, (v, j) =>
        j === 0 ? 0 : v.reduce((s, x) => s + x, 0) / size,
      );
      const direct = crossProduct(views, undefined, shift);
      const got = cross.get(size)!;
      let scale = 0;
      for (const v of direct) scale = Math.max(scale, Math.abs(v));
      // Rounding level: the intercept row is Σ(x − μ) ≈ 0, computed two ways.
      let worst = 0;
      direct.forEach((v, t) => {
        worst = Math.max(worst, Math.abs(got.xtx[t]! - v) / scale);
      });
      expect(worst).toBeLessThan(1e-11);
      got.shift!.forEach((s, j) => {
        expect(relDiff(s, shift[j]!) < 1e-12 || Math.abs(s - shift[j]!) < 1e-15).toBe(true);
      });
    }
  });

  it('prefixEventSums gives each prefix the sums of its own rows by bucket of event months', () => {
    const c = byFollowupDescending(comparisonSample(from(rows), spec));
    const n = c.treated.length;
    const columns = [new Float64Array(n).fill(1), c.treated, ...c.covariates];
    const centre = Float64Array.from(columns, (_, j) => (j === 0 ? 0 : 0.25 * j));
    const sizes = [n, 2900, 2700, 1234];
    const sumsOf = prefixEventSums(columns, centre, sizes);
    for (const size of sizes) {
      for (const months of [[12], [3, 7, 24]]) {
        const got = sumsOf(size)(c.eventMonth.subarray(0, size), months)!;
        // Directly: each row of the prefix with an event by the last month, in its bucket.
        const sums = new Float64Array(months.length * columns.length);
        const counts = new Float64Array(months.length);
        for (let i = 0; i < size; i++) {
          const b = months.findIndex((m) => c.eventMonth[i]! <= m);
          if (b < 0) continue;
          counts[b]! += 1;
          columns.forEach((col, j) => {
            sums[b * columns.length + j]! += col[i]! - centre[j]!;
          });
        }
        expect([...got.counts]).toEqual([...counts]);
        expect(counts.reduce((a, x) => a + x, 0)).toBeGreaterThan(100);
        sums.forEach((v, t) => {
          expect(Math.abs(got.sums[t]! - v)).toBeLessThan(1e-9 * Math.max(1, Math.abs(v)));
        });
      }
    }
    // Not a prefix of the design's event months, or not a size of the series: not known.
    expect(sumsOf(2900)(c.eventMonth.slice(0, 2900), [12])).toBeUndefined();
    expect(sumsOf(2900)(c.eventMonth.subarray(1, 2901), [12])).toBeUndefined();
    expect(sumsOf(2800)(c.eventMonth.subarray(0, 2800), [12])).toBeUndefined();
    const halves = Float64Array.from(c.eventMonth, (e) => e + 0.5);
    expect(sumsOf(n)(halves, [12])).toBeUndefined();
  });
});

describe('IPCW: known clients as a prefix of one sorted design', () => {
  const rows = clients(3000, 'survival').map((r) => ({
    ...r,
    region: r.region === 'r9' ? 'r1' : r.region,
  }));
  const series = effectSeries(from(rows), {
    event: 'month_event',
    months: 24,
    covariates,
    censoring: 'ipcw',
  });

  it('equals weighted ols (HC2) with weights 1/Ĝ_arm(min(T, m)⁻) on the known clients', () => {
    const arms = ['experiment', 'control'].map((arm) => {
      const own = rows.filter((r) => r.arm === arm);
      return censoringDistribution(
        own.map((r) => (r.month_event ?? r.followup_months) as number),
        own.map((r) => (r.month_event === null ? 0 : 1)),
      );
    });
    let worst = 0;
    for (const m of [2, 9, 16, 24]) {
      const known = rows
        .filter((r) => r.month_event !== null || (r.followup_months as number) >= m)
        .map((r) => {
          const t = (r.month_event ?? r.followup_months) as number;
          const g = arms[r.arm === 'experiment' ? 0 : 1]!;
          return {
            ...r,
            treatment: r.arm === 'experiment' ? 1 : 0,
            y: r.month_event !== null && (r.month_event as number) <= m ? 1 : 0,
            w: 1 / survivalBefore(g, Math.min(t, m)),
          };
        });
      const frame = modelFrame(known, { outcome: 'y', columns: ['treatment', ...covariates] });
      const fit = ols(frame.matrix, frame.y, {
        se: 'HC2',
        weights: Float64Array.from(known, (r) => r.w),
      }).coefficient('treatment');
      const a = series.months[m - 1]!.adjusted!;
      expect(a.n).toBe(known.length);
      worst = Math.max(worst, relDiff(a.estimate, fit.estimate), relDiff(a.stdError, fit.stdError));
    }
    expect(worst).toBeLessThan(1e-12);
  });
});

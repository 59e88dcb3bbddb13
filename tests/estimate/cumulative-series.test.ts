import { describe, expect, it } from 'vitest';
import {
  olsCumulativeSeries,
  olsCumulativeTermsVcov,
} from '../../src/estimate/cumulative-series.js';
import { olsPrepare, olsTermsVcovPrepared } from '../../src/estimate/ols.js';
import { olsTermSeries } from '../../src/estimate/series.js';
import { SE_TYPES } from '../../src/estimate/vcov.js';
import { createRng } from '../../src/stats/random.js';

// A design with an intercept, a treatment, a covariate with a large mean and a factor dummy;
// event months 1..12 or none. The sufficient-statistics series must equal fitting every
// monthly 0/1 indicator with olsTermSeries, for every SE type.
function design(n: number) {
  const rng = createRng('cumulative-series');
  const one = new Float64Array(n).fill(1);
  const t = new Float64Array(n);
  const wage = new Float64Array(n);
  const region = new Float64Array(n);
  const event = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    t[i] = rng.next() < 0.7 ? 1 : 0;
    wage[i] = 3000 + 500 * rng.normal();
    region[i] = rng.next() < 0.4 ? 1 : 0;
    const hazard = 0.04 + 0.03 * region[i]! - 0.01 * t[i]! + (wage[i]! - 3000) * 1e-5;
    let m = 1;
    while (m <= 12 && !(rng.next() < hazard)) m++;
    event[i] = m <= 12 ? m : Number.NaN;
  }
  const X = {
    names: ['(Intercept)', 'treatment', 'wage', 'region[b]'],
    columns: [one, t, wage, region],
    n,
  };
  return { X, event };
}

describe('olsCumulativeSeries', () => {
  const { X, event } = design(3000);
  const prepared = olsPrepare(X);
  const months = Array.from({ length: 12 }, (_, i) => i + 1);
  const outcomes = months.map((m) => Float64Array.from(event, (e) => (e <= m ? 1 : 0)));

  for (const se of SE_TYPES) {
    it(`equals olsTermSeries on the monthly indicators (${se})`, () => {
      const fast = olsCumulativeSeries(prepared, event, months, 'treatment', { se });
      const slow = olsTermSeries(prepared, outcomes, 'treatment', { se });
      fast.forEach((f, i) => {
        const s = slow[i]!;
        expect(Math.abs(f.estimate - s.estimate) / Math.abs(s.estimate)).toBeLessThan(1e-10);
        expect(Math.abs(f.stdError - s.stdError) / s.stdError).toBeLessThan(1e-10);
        expect(f.df).toBe(s.df);
      });
    });
  }

  it('takes any increasing subset of months', () => {
    const some = olsCumulativeSeries(prepared, event, [3, 7, 12], 'treatment');
    const all = olsCumulativeSeries(prepared, event, months, 'treatment');
    [2, 6, 11].forEach((m, i) => {
      expect(some[i]!.estimate).toBeCloseTo(all[m]!.estimate, 12);
      expect(some[i]!.stdError).toBeCloseTo(all[m]!.stdError, 12);
    });
  });

  it('refuses the intercept, unknown terms and unordered months', () => {
    expect(() => olsCumulativeSeries(prepared, event, months, '(Intercept)')).toThrow(/intercept/);
    expect(() => olsCumulativeSeries(prepared, event, months, 'age')).toThrow(/not in the model/);
    expect(() => olsCumulativeSeries(prepared, event, [2, 1], 'treatment')).toThrow(/increasing/);
  });
});

// The one-pass kernel (whitened basis, issue #18): several row blocks (n > 1024), an odd number
// of columns (the last row of the paired forward substitution), a factor with three dummies.
describe('olsCumulativeSeries: whitened one-pass kernel', () => {
  const n = 2600;
  const rng = createRng('cumulative-pass');
  const columns = [new Float64Array(n).fill(1)];
  const names = ['(Intercept)', 'treatment'];
  const t = new Float64Array(n);
  const event = new Float64Array(n);
  const extra = Array.from({ length: 5 }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    t[i] = rng.next() < 0.6 ? 1 : 0;
    extra[0]![i] = 50_000 + 5 * rng.normal();
    extra[1]![i] = rng.normal();
    const level = Math.floor(rng.next() * 4);
    for (let d = 0; d < 3; d++) extra[2 + d]![i] = level === d + 1 ? 1 : 0;
    const hazard = 0.05 + 0.02 * extra[1]![i]! ** 2 - 0.02 * t[i]!;
    let m = 1;
    while (m <= 9 && !(rng.next() < hazard)) m++;
    event[i] = m <= 9 ? m : Number.NaN;
  }
  columns.push(t, ...extra);
  names.push('mean_large', 'x', 'f[b]', 'f[c]', 'f[d]');
  const prepared = olsPrepare({ names, columns, n });
  const months = [1, 2, 4, 5, 9];
  const outcomes = months.map((m) => Float64Array.from(event, (e) => (e <= m ? 1 : 0)));

  it('has 7 columns (odd) and several blocks', () => {
    expect(prepared.k).toBe(7);
    expect(n).toBeGreaterThan(2 * 1024);
  });

  for (const se of ['HC0', 'HC1', 'HC2', 'HC3'] as const) {
    for (const term of ['treatment', 'x', 'f[d]']) {
      it(`equals olsTermSeries to 1e-12 (${se}, ${term})`, () => {
        const fast = olsCumulativeSeries(prepared, event, months, term, { se });
        const slow = olsTermSeries(prepared, outcomes, term, { se });
        fast.forEach((f, i) => {
          const s = slow[i]!;
          expect(Math.abs(f.estimate - s.estimate)).toBeLessThan(1e-12 * Math.abs(s.estimate));
          expect(Math.abs(f.stdError - s.stdError)).toBeLessThan(1e-12 * s.stdError);
        });
      });
    }
  }

  // One or two months: the residual route (whitenedTermSums) instead of the meat's
  // expansion (for k = 7 and one event it is taken up to two months).
  for (const few of [[4], [2, 9]]) {
    for (const se of ['HC0', 'HC1', 'HC2', 'HC3'] as const) {
      it(`equals olsTermSeries to 1e-12 for months ${few.join(', ')} (${se})`, () => {
        const ys = few.map((m) => Float64Array.from(event, (e) => (e <= m ? 1 : 0)));
        for (const term of ['treatment', 'x', 'f[d]']) {
          const fast = olsCumulativeSeries(prepared, event, few, term, { se });
          const slow = olsTermSeries(prepared, ys, term, { se });
          fast.forEach((f, i) => {
            const s = slow[i]!;
            expect(Math.abs(f.estimate - s.estimate)).toBeLessThan(1e-12 * Math.abs(s.estimate));
            expect(Math.abs(f.stdError - s.stdError)).toBeLessThan(1e-12 * s.stdError);
          });
        }
      });
    }
  }

  it('gives SE 0 for a month in which no client has the event (residual route)', () => {
    const none = new Float64Array(n).fill(Number.NaN);
    const [m] = olsCumulativeSeries(prepared, none, [3], 'treatment', { se: 'HC2' });
    expect(m!.estimate).toBe(0);
    expect(m!.stdError).toBe(0);
  });

  for (const se of ['HC0', 'HC1', 'HC2', 'HC3'] as const) {
    it(`olsCumulativeTermsVcov equals olsTermsVcovPrepared to 1e-12 (${se}, two events, two terms)`, () => {
      const other = Float64Array.from(event, (e, i) => (i % 3 === 0 ? Number.NaN : e));
      const few = [2, 5, 9];
      const terms = ['treatment', 'f[d]'];
      const blocks = olsCumulativeTermsVcov(prepared, [event, other], few, terms, se)!;
      [event, other].forEach((eventMonth, e) => {
        few.forEach((m, j) => {
          const y = Float64Array.from(eventMonth, (v) => (v <= m ? 1 : 0));
          const slow = olsTermsVcovPrepared(prepared, y, terms, se);
          const fast = blocks[e]![j]!;
          expect(fast.df).toBe(slow.df);
          slow.estimates.forEach((b, a) => {
            expect(Math.abs(fast.estimates[a]! - b)).toBeLessThan(1e-12 * Math.abs(b));
          });
          slow.vcov.forEach((v, a) => {
            expect(Math.abs(fast.vcov[a]! - v)).toBeLessThan(1e-12 * Math.abs(v));
          });
        });
      });
    });
  }

  it('names the row with leverage 1 (HC2), as olsTermSeries does', () => {
    // A dummy held by row 2000 alone: its leverage is 1.
    const lone = new Float64Array(n);
    lone[1999] = 1;
    const p = olsPrepare({ names: [...names, 'lone'], columns: [...columns, lone], n });
    expect(() => olsCumulativeSeries(p, event, months, 'treatment', { se: 'HC2' })).toThrow(
      /row 2000 of the design matrix X has leverage 1/,
    );
    expect(() => olsCumulativeSeries(p, event, [5], 'treatment', { se: 'HC2' })).toThrow(
      /row 2000 of the design matrix X has leverage 1/,
    );
    // olsCumulativeTermsVcov leaves such a design to olsTermsVcovPrepared (NA coefficients).
    expect(olsCumulativeTermsVcov(p, [event], [5], ['treatment'], 'HC2')).toBeNull();
  });
});

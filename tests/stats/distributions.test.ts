import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import {
  chiSquareQuantile,
  chiSquareSurvival,
  fQuantile,
  fSurvival,
  normalCdf,
  normalQuantile,
  studentTCdf,
  studentTQuantile,
  twoSidedP,
} from '../../src/stats/distributions.js';
import { nums, reference, relErr, section } from './reference.js';

/** Max relative error of `f(i)` against the column `key` of a reference grid; fails above `tol`. */
function checkGrid(
  name: string,
  key: string,
  f: (grid: Record<string, number[]>, i: number) => number,
  tol: number,
): number {
  const raw = section(reference[name]);
  const grid: Record<string, number[]> = {};
  for (const k of Object.keys(raw)) grid[k] = nums(raw[k]);
  const expected = grid[key]!;
  let worst = 0;
  const failures: string[] = [];
  for (let i = 0; i < expected.length; i++) {
    const got = f(grid, i);
    const err = relErr(got, expected[i]!);
    worst = Math.max(worst, err);
    if (!(err <= tol)) {
      const args = Object.keys(grid)
        .map((k) => `${k}=${grid[k]![i]}`)
        .join(' ');
      failures.push(`${args}: got ${got} (rel ${err})`);
    }
  }
  expect(failures, `${name}: ${failures.slice(0, 5).join('; ')}`).toEqual([]);
  return worst;
}

// Measured maxima (R 4.2.2) are in the comments; the tolerance is the brief's 1e-10 or tighter.
describe('distributions agree with R over a grid with far tails and df 1 … 1e6, Infinity', () => {
  it('normalCdf = pnorm (max rel 0)', () => {
    checkGrid('pnorm', 'p', (g, i) => normalCdf(g.x![i]!), 1e-14);
  });
  it('normalQuantile = qnorm (max rel 2e-16)', () => {
    checkGrid('qnorm', 'q', (g, i) => normalQuantile(g.p![i]!), 1e-14);
  });
  it('studentTCdf = pt (max rel 1.1e-13)', () => {
    checkGrid('pt', 'p', (g, i) => studentTCdf(g.x![i]!, g.df![i]!), 1e-12);
  });
  it('studentTQuantile = qt where R is accurate', () => {
    checkGrid('qt', 'q', (g, i) => studentTQuantile(g.p![i]!, g.df![i]!), 1e-12);
  });
  it('chiSquareSurvival = pchisq(lower = FALSE) (max rel 5e-14)', () => {
    checkGrid('pchisq', 'p', (g, i) => chiSquareSurvival(g.x![i]!, g.df![i]!), 1e-12);
  });
  it('chiSquareQuantile = qchisq, both tails (max rel 6e-14)', () => {
    checkGrid('qchisq', 'q', (g, i) => chiSquareQuantile(g.p![i]!, g.df![i]!), 1e-12);
    checkGrid('qchisq', 'qu', (g, i) => chiSquareQuantile(g.p![i]!, g.df![i]!, false), 1e-12);
  });
  it('fSurvival = pf(lower = FALSE) (max rel 3e-13)', () => {
    checkGrid('pf', 'p', (g, i) => fSurvival(g.x![i]!, g.df1![i]!, g.df2![i]!), 1e-11);
  });
  it('fQuantile = qf where R is accurate', () => {
    checkGrid('qf', 'q', (g, i) => fQuantile(g.p![i]!, g.df1![i]!, g.df2![i]!), 1e-11);
  });
});

describe('tails beyond jstat and R quantiles', () => {
  it('keeps relative accuracy where erfc underflowed', () => {
    expect(relErr(normalCdf(-10), 7.619853024160527e-24)).toBeLessThan(1e-14);
    expect(normalCdf(10)).toBe(1);
    expect(normalCdf(-40)).toBe(0);
    expect(relErr(twoSidedP(10, Number.POSITIVE_INFINITY), 2 * 7.619853024160527e-24)).toBeLessThan(
      1e-14,
    );
  });

  it('closed forms: Cauchy (t with 1 df), t with 2 df, chi-square with 2 df, F(1, 1)', () => {
    for (const p of [1e-300, 1e-100, 1e-15, 1e-5, 0.2, 0.7, 0.999]) {
      // t₁: P(T ≤ t) = ½ + atan(t)/π, so for p < ½: t = −1/tan(πp).
      const cauchy = p < 0.5 ? -1 / Math.tan(Math.PI * p) : Math.tan(Math.PI * (p - 0.5));
      expect(relErr(studentTQuantile(p, 1), cauchy)).toBeLessThan(1e-13);
      // t₂: t = (2p − 1)/√(2p(1 − p)).
      const t2 = (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
      expect(relErr(studentTQuantile(p, 2), t2)).toBeLessThan(1e-13);
      // χ²₂ is exponential with mean 2: upper quantile −2·log p.
      expect(relErr(chiSquareQuantile(p, 2, false), -2 * Math.log(p))).toBeLessThan(1e-13);
      expect(relErr(chiSquareSurvival(-2 * Math.log(p), 2), p)).toBeLessThan(1e-13);
    }
    // F(1, 1) = T₁², so P(F ≤ x) = (2/π)·atan(√x): x = tan²(πp/2). R's qf returns 0 for p ≤ 1e-10.
    for (const p of [1e-100, 1e-10, 1e-5, 0.3]) {
      expect(relErr(fQuantile(p, 1, 1), Math.tan((Math.PI * p) / 2) ** 2)).toBeLessThan(1e-13);
    }
  });

  it('quantiles invert the CDFs at p = 1e-300 (where R 4.2 qt/qf are off)', () => {
    for (const df of [1.5, 3, 4.7, 30, 1e6]) {
      const q = studentTQuantile(1e-300, df);
      expect(relErr(studentTCdf(q, df), 1e-300)).toBeLessThan(1e-12);
    }
    for (const [df1, df2] of [
      [1, 1e6],
      [3, 1e6],
      [1e6, 5],
      [50, 1000],
    ] as const) {
      const q = fQuantile(1e-300, df1, df2, false);
      expect(relErr(fSurvival(q, df1, df2), 1e-300)).toBeLessThan(1e-12);
    }
  });

  it('handles p = 0, ½, 1 and infinite arguments', () => {
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(studentTQuantile(0.5, 7)).toBe(0);
    expect(studentTQuantile(1, 7)).toBe(Number.POSITIVE_INFINITY);
    expect(studentTCdf(Number.NEGATIVE_INFINITY, 3)).toBe(0);
    expect(studentTCdf(0, 3)).toBe(0.5);
    expect(chiSquareSurvival(0, 3)).toBe(1);
    expect(chiSquareQuantile(0, 3)).toBe(0);
    expect(chiSquareQuantile(0, 3, false)).toBe(Number.POSITIVE_INFINITY);
    expect(fSurvival(0, 2, 3)).toBe(1);
    expect(fSurvival(Number.POSITIVE_INFINITY, 2, 3)).toBe(0);
    expect(fQuantile(1, 2, 3)).toBe(Number.POSITIVE_INFINITY);
    expect(twoSidedP(0, 5)).toBe(1);
  });
});

describe('distributions reject bad arguments', () => {
  it('throws InputError naming the argument', () => {
    expect(() => normalCdf(Number.NaN)).toThrow(/normalCdf: x is NaN/);
    expect(() => normalQuantile(1.5)).toThrow(/probability p must be in \[0, 1\], got 1.5/);
    expect(() => studentTCdf(1, 0)).toThrow(/df must be a positive number/);
    expect(() => studentTQuantile(0.5, -1)).toThrow(InputError);
    expect(() => twoSidedP(Number.NaN, 3)).toThrow(/statistic is NaN/);
    expect(() => chiSquareSurvival(1, Number.NaN)).toThrow(/df must be a positive number/);
    expect(() => chiSquareQuantile(-0.1, 2)).toThrow(/got -0.1/);
    expect(() => fSurvival(1, 0, 3)).toThrow(/df1 must be a positive number/);
    expect(() => fQuantile(0.5, 2, -3)).toThrow(/df2 must be a positive number/);
  });
});

// Shared helpers for the estimator tests: the R reference (tests/reference/estimate.json, made by
// tests/reference/estimate.R) and relative-agreement checks that record the worst error seen.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { DesignMatrix } from '../../src/stats/estimate.js';

type Num = number | null | 'Infinity';

export interface RobustRef {
  terms: string[];
  estimate: Num[];
  std_error: Num[];
  statistic: Num[];
  p_value: Num[];
  conf_low: Num[];
  conf_high: Num[];
  df: Num[];
  r_squared: number;
  adj_r_squared: number;
  vcov: Num[][];
  first_stage_f?: number;
  first_stage_f_df?: number[];
  first_stage_f_p?: number;
}

export interface WaldRef {
  terms: string[];
  chi_square: number;
  q: number;
  chi_square_p: number;
  f: number;
  df2: Num;
  f_p: number;
}

export interface Reference {
  data: {
    n: number;
    main: { X: Record<string, number[]>; y: number[]; ybin: number[]; w: number[] };
    collinear: { X: Record<string, number[]> };
    ill_conditioned: { X: Record<string, number[]> };
    lin: { covariates: Record<string, number[]>; treatment: number[] };
    iv: { y: number[]; d: number[]; z: number[]; age: number[]; female: number[] };
  };
  lm_robust: Record<string, RobustRef>;
  sigma_main: number;
  ill_conditioned_accurate: { std_error: number[] };
  collinear: {
    terms: string[];
    aliased: string[];
    kept: string[];
    estimate: number[];
    std_error: number[];
    statistic: number[];
    p_value: number[];
    df: number;
  };
  lin: RobustRef;
  lin_HC1: RobustRef;
  iv: Record<string, RobustRef>;
  logistic: {
    terms: string[];
    estimate: number[];
    std_error: number[];
    statistic: number[];
    p_value: number[];
    conf_low: number[];
    conf_high: number[];
    deviance: number;
    null_deviance: number;
    aic: number;
    iter: number;
    fitted: number[];
    ill_conditioned: {
      terms: string[];
      estimate: number[];
      std_error: number[];
      deviance: number;
      iter: number;
    };
  };
  wald: Record<string, WaldRef>;
}

export const ref: Reference = JSON.parse(
  readFileSync(new URL('../reference/estimate.json', import.meta.url), 'utf8'),
);

export function num(x: Num | undefined): number {
  if (x === 'Infinity') return Number.POSITIVE_INFINITY;
  if (x === null || x === undefined) return Number.NaN;
  return x;
}

export function design(columns: Record<string, number[]>): DesignMatrix {
  const names = Object.keys(columns);
  const cols = names.map((k) => Float64Array.from(columns[k]!));
  return { names, columns: cols, n: cols[0]!.length };
}

/** Relative error |a − b| / |b| (absolute when b = 0). */
export function relErr(a: number, b: number): number {
  if (a === b) return 0;
  return Math.abs(a - b) / (b === 0 ? 1 : Math.abs(b));
}

/** Worst relative error per label, printed by the tests that care (see report in docs). */
export const worst = new Map<string, number>();

export function expectClose(actual: number, expected: number, tol: number, label: string): void {
  const e = relErr(actual, expected);
  worst.set(label, Math.max(worst.get(label) ?? 0, e));
  if (!(e <= tol)) {
    expect.fail(
      `${label}: got ${actual}, R ${expected} (relative error ${e.toExponential(2)} > ${tol})`,
    );
  }
}

export const TOL = 1e-8;

export const TOL_P = 1e-6;

/** Compares a fit's coefficients (by term) with an estimatr-style reference block. */
export function expectCoefficients(
  fit: {
    coefficients: readonly {
      term: string;
      estimate: number;
      stdError: number;
      statistic: number;
      pValue: number;
      ci: readonly [number, number];
      df: number;
    }[];
  },
  r: RobustRef,
  label: string,
): void {
  const kept = r.terms.filter((_, i) => r.estimate[i] !== null);
  expect(fit.coefficients.map((c) => c.term)).toEqual(kept);
  r.terms.forEach((term, i) => {
    if (r.estimate[i] === null) return;
    const c = fit.coefficients.find((x) => x.term === term)!;
    expectClose(c.estimate, num(r.estimate[i]), TOL, `${label} estimate`);
    expectClose(c.stdError, num(r.std_error[i]), TOL, `${label} SE`);
    expectClose(c.statistic, num(r.statistic[i]), TOL, `${label} statistic`);
    expectClose(c.ci[0], num(r.conf_low[i]), TOL, `${label} CI`);
    expectClose(c.ci[1], num(r.conf_high[i]), TOL, `${label} CI`);
    expectClose(c.pValue, num(r.p_value[i]), TOL_P, `${label} p`);
    expect(c.df).toBe(num(r.df[i]));
  });
}

export function report(): void {
  const lines = [...worst.entries()].map(([k, v]) => `${k.padEnd(40)} ${v.toExponential(2)}`);
  console.log(`max relative error vs R\n${lines.join('\n')}`);
}

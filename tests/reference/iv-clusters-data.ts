// The cluster-randomised trial of tests/reference/iv-clusters.R (iv-clusters.csv) and R's results
// (iv-clusters.json), for the cluster-robust 2SLS tests.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { parseCsv } from '../../src/data/csv.js';
import type { Estimate } from '../../src/stats/estimate.js';

/** One coefficient of an estimatr fit. */
export interface RefCoef {
  term: string;
  estimate: number;
  std_error: number;
  statistic: number;
  df: number;
  p_value: number;
  conf_low: number;
  conf_high: number;
}
/** An estimatr fit: n, the cluster count and every coefficient. */
export interface RefFit {
  n: number;
  n_clusters: number;
  coefficients: RefCoef[];
}
/** The 2SLS fit with its first stage and reduced form (same clusters and SE type). */
export interface RefModel {
  iv: RefFit;
  first?: RefFit;
  reduced?: RefFit;
}
export const ivRef: {
  n: number;
  n_clusters: number;
  earnings: Record<string, RefModel>;
  work: { month: number; n: number; events: number; fits: Record<string, RefModel> };
  /** difference_in_means(d ~ z, clusters = office (, blocks = block)) on every client. */
  participation: Record<
    'clusters' | 'blocks_clusters',
    Omit<RefCoef, 'term'> & { design: string; n: number }
  >;
} = JSON.parse(readFileSync(new URL('./iv-clusters.json', import.meta.url), 'utf8'));

export const ivData = parseCsv(
  readFileSync(new URL('./iv-clusters.csv', import.meta.url), 'utf8'),
  { stringColumns: ['id', 'arm', 'office', 'block', 'gender', 'participation'] },
).table;

export const TOL = 1e-8;
let maxError = 0;
/** The largest relative error seen by {@link close} so far. */
export function maxRelativeError(): number {
  return maxError;
}
/** |actual − expected| / max(1, |expected|) < 1e-8. */
export function close(actual: number, expected: number, what: string): void {
  const error = Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
  if (error > maxError) maxError = error;
  expect(error, `${what}: ${actual} vs ${expected}`).toBeLessThan(TOL);
}
/** Estimate, SE, t, df, p and CI of ours against one estimatr coefficient. */
export function agree(e: Estimate, r: RefCoef, what: string): void {
  close(e.estimate, r.estimate, `${what} estimate`);
  close(e.stdError, r.std_error, `${what} SE`);
  close(e.statistic, r.statistic, `${what} t`);
  close(e.df, r.df, `${what} df`);
  close(e.pValue, r.p_value, `${what} p`);
  close(e.ci[0], r.conf_low, `${what} CI low`);
  close(e.ci[1], r.conf_high, `${what} CI high`);
}
/** The coefficient `term` of an estimatr fit. */
export function refCoef(fit: RefFit, term: string): RefCoef {
  const c = fit.coefficients.find((x) => x.term === term);
  if (!c) throw new Error(`no ${term} in the reference fit`);
  return c;
}

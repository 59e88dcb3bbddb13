// The R reference of tests/reference/compliance.R (compliance.json): input data and results,
// plus a relative-agreement check that records the worst error seen per test file.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

export interface RefEstimate {
  estimate: number;
  stdError: number;
  statistic: number;
  df: number | 'Infinity';
  pValue: number;
  ciLow: number;
  ciHigh: number;
}
export interface RefComplierFit {
  complier: RefEstimate;
  firstStage: RefEstimate;
  itt: RefEstimate;
  f: number;
  fDf: [number, number];
  fP: number;
  seType: string;
  n: number;
}
export interface RefComplier {
  n: number;
  nTreated: number;
  nControl: number;
  wald: number;
  unadjusted: RefComplierFit;
  adjusted: RefComplierFit;
}
export interface RefCompare {
  kind: 'binary' | 'numeric';
  meanTreated: number;
  meanControl: number;
  nTreated: number;
  nControl: number;
  missingTreated: number;
  missingControl: number;
  raw: RefEstimate;
  adjusted: RefEstimate;
}
export interface RefFraction {
  months: number[];
  meanTreated: number;
  meanControl: number;
  estimate: number;
  stdError: number;
  df: number;
  pValue: number;
}
export interface ComplianceRef {
  data: Record<string, (string | number | null)[]>;
  complier: { month12: RefComplier; month24: RefComplier; income: RefComplier };
  compare: Record<string, RefCompare>;
  panel: { id: string[]; month: number[]; state: string[] };
  fractions: Record<'benefit' | 'job' | 'other', RefFraction>;
}

export const ref = JSON.parse(
  readFileSync(new URL('../reference/compliance.json', import.meta.url), 'utf8'),
) as ComplianceRef;

/** The reference clients as row objects. */
export function clientRows(): Record<string, string | number | null>[] {
  const columns = Object.keys(ref.data);
  return ref.data.id!.map((_, i) =>
    Object.fromEntries(columns.map((c) => [c, ref.data[c]![i] ?? null])),
  );
}

/** Worst relative error seen by {@link close}, by kind of quantity. */
export const worst: Record<string, number> = {};

/** |actual − expected| / max(|expected|, 1e-12) < rel, recording the worst error under `what`. */
export function close(actual: number, expected: number, rel: number, what = 'value'): void {
  const err = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-12);
  worst[what] = Math.max(worst[what] ?? 0, err);
  expect(err, `${what}: ${actual} vs ${expected}`).toBeLessThan(rel);
}

/** Prints the worst errors seen (with `SHOW_AGREEMENT=1`), for the record in the docs. */
export function reportWorst(label: string): void {
  if (process.env.SHOW_AGREEMENT) console.info(`${label} vs R, worst relative error:`, worst);
}

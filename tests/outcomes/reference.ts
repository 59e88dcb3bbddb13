// Reads tests/reference/outcomes.json (written by tests/reference/outcomes.R) and compares.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

/** R writes non-finite values (NA, NaN, Inf) as null. */
export type Num = number | null;

export interface KmRef {
  confType: string;
  time: number[];
  n_risk: number[];
  n_event: number[];
  n_censor: number[];
  surv: Num[];
  std_err_log: Num[];
  std_err: Num[];
  lower: Num[];
  upper: Num[];
}

export interface AjRef {
  confType: string;
  states: string[];
  time: number[];
  n_risk: number[];
  n_event: number[][];
  n_censor: number[];
  pstate: Num[][];
  std_err: Num[][];
  lower: Num[][];
  upper: Num[][];
}

export interface MonthlyRef {
  time: number[];
  n_risk: number[];
  surv?: Num[];
  pstate?: Num[][];
  std_err: Num[] | Num[][];
  lower: Num[] | Num[][];
  upper: Num[] | Num[][];
}

export interface CompleteRef {
  month: number[];
  n: number[];
  events: number[];
  share: Num[];
  lower: Num[];
  upper: Num[];
}

// A type alias (not an interface) so that rows are assignable to Record<string, unknown>.
export type ClientRow = {
  id: string;
  arm: string;
  followup_months: number;
  month_bijstand: number | null;
  month_work: number | null;
};

export interface Reference {
  survival: string;
  clients: ClientRow[];
  continuous: { time: number[]; cause: number[] };
  edge: { time: number[]; event: number[] };
  km: Record<'log' | 'loglog' | 'plain' | 'continuous' | 'edge', KmRef> & {
    byArmMonthly: Record<'experiment' | 'control', MonthlyRef>;
  };
  aj: Record<'log' | 'loglog' | 'plain' | 'continuous', AjRef> & {
    byArmMonthly: Record<'experiment' | 'control', MonthlyRef>;
  };
  complete: Record<'experiment' | 'control', CompleteRef>;
}

export const ref = JSON.parse(
  readFileSync(new URL('../reference/outcomes.json', import.meta.url), 'utf8'),
) as Reference;

/** Largest relative-or-absolute difference: |a − b| / max(1, |b|). Null in R must be non-finite here. */
export function maxDiff(actual: ArrayLike<number>, expected: readonly Num[]): number {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i];
    const a = actual[i]!;
    if (e === null || e === undefined) {
      expect(Number.isFinite(a), `index ${i}: R has NA/Inf, got ${a}`).toBe(false);
      continue;
    }
    const d = Math.abs(a - e) / Math.max(1, Math.abs(e));
    if (!(d <= worst)) worst = d;
  }
  return worst;
}

/** Asserts agreement to `tol` (default 1e-8) and returns the measured difference. */
export function expectClose(
  actual: ArrayLike<number>,
  expected: readonly Num[],
  tol = 1e-8,
): number {
  const d = maxDiff(actual, expected);
  expect(d).toBeLessThanOrEqual(tol);
  return d;
}

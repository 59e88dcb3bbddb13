// Reads tests/reference/survival.json (written by tests/reference/survival.R) for the survival
// estimator tests. The tests never need R.
import { readFileSync } from 'node:fs';
import type { ColumnTable } from 'arquero';
import { table } from 'arquero';

/** R writes NA as null. */
export type Num = number | null;

export interface ClientColumns {
  id: string[];
  arm: string[];
  followup_months: number[];
  month_work: Num[];
  month_bijstand: Num[];
  age: number[];
  gender: string[];
}

export interface ArmIncidenceRef {
  time: number[];
  n_risk: number[];
  incidence: number[];
  std_err: number[];
  lower: number[];
  upper: number[];
  max_time: number;
}

export interface IncidenceRef {
  experiment: ArmIncidenceRef;
  control: ArmIncidenceRef;
  difference: {
    estimate: number[];
    std_err: number[];
    statistic: number[];
    p_value: number[];
    ci_lower: number[];
    ci_upper: number[];
  };
}

export interface LogRankRef {
  statistic: number;
  df: number;
  p_value: number;
  observed: number[];
  expected: number[];
  variance: number[];
}

export interface RmstArmRef {
  rmean: number;
  se: number;
  n: number;
}

export interface RmstRef {
  tau: number;
  experiment: RmstArmRef;
  control: RmstArmRef;
  difference: {
    estimate: number;
    std_err: number;
    statistic: number;
    p_value: number;
    ci_lower: number;
    ci_upper: number;
  };
}

export interface GrayRef {
  statistic: number;
  p_value: number;
  df: number;
}

export interface CoxRef {
  names: string[];
  estimate: number[];
  std_err: number[];
  robust_std_err: number[];
  statistic_robust: number[];
  p_value_robust: number[];
  p_value: number[];
  loglik: number[];
  iterations: number;
  n: number;
  events: number;
}

/** Three age bands of the client table: the kernels' k-sample form. */
export interface ThreeGroupsRef {
  group: number[];
  time: number[];
  status: number[];
  time_competing: number[];
  status_competing: number[];
  logrank: {
    statistic: number;
    df: number;
    p_value: number;
    observed: number[];
    expected: number[];
  };
  gray: GrayRef;
}

export interface SurvivalReference {
  survival: string;
  cmprsk: string;
  clients: ClientColumns;
  early: ClientColumns;
  incidence: Record<'single' | 'competing' | 'early', IncidenceRef>;
  logrank: Record<'single' | 'competing' | 'early', LogRankRef>;
  rmst: Record<'tau12' | 'tau24' | 'tau7_5' | 'early18', RmstRef>;
  gray: Record<'clients' | 'early', Record<'work' | 'bijstand', GrayRef>>;
  cox: Record<'efron' | 'breslow' | 'earlyEfron' | 'competingEfron', CoxRef>;
  threeGroups: ThreeGroupsRef;
}

export const ref = JSON.parse(
  readFileSync(new URL('../reference/survival.json', import.meta.url), 'utf8'),
) as SurvivalReference;

/** The client table of a reference data set as an arquero table (NA → null). */
export function clientTable(c: ClientColumns): ColumnTable {
  return table({ ...c });
}

/** |a − b| / max(|b|, tiny): relative difference (absolute near 0). */
export function relDiff(actual: number, expected: number): number {
  if (actual === expected) return 0;
  return Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
}

/** Largest relative difference over paired values, with an absolute floor for values near 0. */
export function worstRel(
  actual: readonly number[],
  expected: readonly number[],
  floor = 1e-12,
): number {
  if (actual.length !== expected.length) return Number.POSITIVE_INFINITY;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    const d = a === e ? 0 : Math.abs(a - e) / Math.max(Math.abs(e), floor);
    if (!(d <= worst)) worst = d;
  }
  return worst;
}

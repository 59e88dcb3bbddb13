/**
 * Method definitions used by the Den Haag calibration, written out here so that the parameter
 * and seed searches can run thousands of times quickly. They are the reports' definitions:
 *
 * - cumulative share into bijstand by month m, "complete follow-up": among the clients observed
 *   at least m months (`followup_months >= m`), the share with `month_bijstand <= m`;
 * - covariate-adjusted effect at month m: OLS linear probability model of "in bijstand by
 *   month m" on assignment (experiment = 1) plus the ten covariates (strings as dummies, one
 *   reference level dropped; numbers linear), HC2 standard errors, two-sided t test on n − k
 *   degrees of freedom, sample = decile-1 clients observed at least m months.
 *
 * The design matrix and the sample of every month do not depend on the outcomes, so
 * `prepareAdjusted` factorises once and `adjustedEffects` only needs X'y and residuals.
 */

import { twoSidedP } from '../../stats/distributions.js';
import { DEN_HAAG_COVARIATES } from './design.js';
import type { DenHaagRow } from './generator.js';

/** The columns the adjusted model reads. */
export type AdjustRow = Pick<
  DenHaagRow,
  'arm' | 'followup_months' | (typeof DEN_HAAG_COVARIATES)[number]
>;

/** Adjusted effect of assignment in one month. */
export interface MonthlyEffect {
  readonly month: number;
  readonly estimate: number;
  readonly stdError: number;
  readonly pValue: number;
  readonly n: number;
  readonly df: number;
}

interface MonthDesign {
  readonly rows: Int32Array;
  /** Row-major n × k design of the month's sample. */
  readonly x: Float64Array;
  /** (X'X)⁻¹, k × k. */
  readonly inv: Float64Array;
  /** 1 / (1 − h_ii) per sample row. */
  readonly hc2: Float64Array;
  /** Row of (X'X)⁻¹X' for the treatment coefficient, per sample row. */
  readonly a: Float64Array;
}

/** Precomputed design of the monthly adjusted regressions. */
export interface AdjustedDesign {
  readonly k: number;
  readonly names: readonly string[];
  readonly months: readonly MonthDesign[];
}

/** Builds the model matrix columns: intercept, treatment, then the covariates. */
export function modelColumns(rows: readonly AdjustRow[]): {
  names: string[];
  cols: Float64Array[];
} {
  const n = rows.length;
  const names = ['(Intercept)', 'arm[experiment]'];
  const cols = [
    new Float64Array(n).fill(1),
    Float64Array.from(rows, (r) => (r.arm === 'experiment' ? 1 : 0)),
  ];
  for (const cov of DEN_HAAG_COVARIATES) {
    const first = rows[0]?.[cov];
    if (typeof first === 'number') {
      names.push(cov);
      cols.push(Float64Array.from(rows, (r) => r[cov] as number));
    } else {
      const levels = [...new Set(rows.map((r) => String(r[cov])))].sort();
      for (const level of levels.slice(1)) {
        names.push(`${cov}[${level}]`);
        cols.push(Float64Array.from(rows, (r) => (String(r[cov]) === level ? 1 : 0)));
      }
    }
  }
  return { names, cols };
}

function choleskyInverse(a: Float64Array, k: number): Float64Array {
  const l = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    let s = a[j * k + j]!;
    for (let p = 0; p < j; p++) s -= l[j * k + p]! ** 2;
    if (!(s > 1e-12)) throw new Error(`design matrix is singular at column ${j}`);
    const d = Math.sqrt(s);
    l[j * k + j] = d;
    for (let i = j + 1; i < k; i++) {
      let t = a[i * k + j]!;
      for (let p = 0; p < j; p++) t -= l[i * k + p]! * l[j * k + p]!;
      l[i * k + j] = t / d;
    }
  }
  // inverse of L, then L⁻ᵀ L⁻¹
  const li = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    li[i * k + i] = 1 / l[i * k + i]!;
    for (let j = 0; j < i; j++) {
      let s = 0;
      for (let p = j; p < i; p++) s -= l[i * k + p]! * li[p * k + j]!;
      li[i * k + j] = s / l[i * k + i]!;
    }
  }
  const inv = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let p = i; p < k; p++) s += li[p * k + i]! * li[p * k + j]!;
      inv[i * k + j] = s;
      inv[j * k + i] = s;
    }
  }
  return inv;
}

/**
 * Prepares the monthly regressions for the given decile-1 rows.
 *
 * Numeric columns are centred and scaled internally for conditioning; this does not change the
 * treatment coefficient or its HC2 standard error.
 */
export function prepareAdjusted(rows: readonly AdjustRow[], months = 24): AdjustedDesign {
  const { names, cols } = modelColumns(rows);
  const k = cols.length;
  for (let j = 2; j < k; j++) {
    const c = cols[j]!;
    let mean = 0;
    for (const v of c) mean += v;
    mean /= c.length;
    let sd = 0;
    for (const v of c) sd += (v - mean) ** 2;
    sd = Math.sqrt(sd / c.length) || 1;
    for (let i = 0; i < c.length; i++) c[i] = (c[i]! - mean) / sd;
  }
  const out: MonthDesign[] = [];
  for (let m = 1; m <= months; m++) {
    const sample: number[] = [];
    rows.forEach((r, i) => {
      if (r.followup_months >= m) sample.push(i);
    });
    const n = sample.length;
    const x = new Float64Array(n * k);
    sample.forEach((row, i) => {
      for (let j = 0; j < k; j++) x[i * k + j] = cols[j]![row]!;
    });
    const xtx = new Float64Array(k * k);
    for (let i = 0; i < n; i++) {
      const o = i * k;
      for (let p = 0; p < k; p++) {
        const xp = x[o + p]!;
        if (xp === 0) continue;
        for (let q = 0; q <= p; q++) xtx[p * k + q] = xtx[p * k + q]! + xp * x[o + q]!;
      }
    }
    for (let p = 0; p < k; p++) for (let q = 0; q < p; q++) xtx[q * k + p] = xtx[p * k + q]!;
    const inv = choleskyInverse(xtx, k);
    const hc2 = new Float64Array(n);
    const a = new Float64Array(n);
    const tmp = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      const o = i * k;
      let h = 0;
      for (let p = 0; p < k; p++) {
        let s = 0;
        for (let q = 0; q < k; q++) s += inv[p * k + q]! * x[o + q]!;
        tmp[p] = s;
        h += s * x[o + p]!;
      }
      hc2[i] = 1 / (1 - h);
      a[i] = tmp[1]!;
    }
    out.push({ rows: Int32Array.from(sample), x, inv, hc2, a });
  }
  return { k, names, months: out };
}

/**
 * The adjusted effect of assignment per month, given each row's first bijstand month (null:
 * none), in the row order given to `prepareAdjusted`.
 */
export function adjustedEffects(
  design: AdjustedDesign,
  bijstand: ArrayLike<number | null>,
): MonthlyEffect[] {
  const { k } = design;
  const xty = new Float64Array(k);
  const beta = new Float64Array(k);
  return design.months.map((md, mi) => {
    const month = mi + 1;
    const n = md.rows.length;
    xty.fill(0);
    for (let i = 0; i < n; i++) {
      const b = bijstand[md.rows[i]!];
      if (b !== null && b !== undefined && b <= month) {
        const o = i * k;
        for (let p = 0; p < k; p++) xty[p] = xty[p]! + md.x[o + p]!;
      }
    }
    for (let p = 0; p < k; p++) {
      let s = 0;
      for (let q = 0; q < k; q++) s += md.inv[p * k + q]! * xty[q]!;
      beta[p] = s;
    }
    let v = 0;
    for (let i = 0; i < n; i++) {
      const b = bijstand[md.rows[i]!];
      const y = b !== null && b !== undefined && b <= month ? 1 : 0;
      const o = i * k;
      let fit = 0;
      for (let p = 0; p < k; p++) fit += md.x[o + p]! * beta[p]!;
      const e = y - fit;
      v += md.a[i]! ** 2 * e * e * md.hc2[i]!;
    }
    const estimate = beta[1]!;
    const stdError = Math.sqrt(v);
    const df = n - k;
    // No events at all in the month: the estimate is 0 with no variance; report p = 1.
    const pValue = stdError > 0 ? twoSidedP(estimate / stdError, df) : 1;
    return { month, estimate, stdError, pValue, n, df };
  });
}

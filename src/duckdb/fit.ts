/**
 * OLS from the sufficient statistics: X'X and X'y of a sample (one moments row) → the kept
 * (non-aliased, as `lm`'s pivoting) columns, β and (X'X)⁻¹; then the treatment coefficient's
 * variance from the second pass's sums. Pure: no SQL is run here.
 */

import { InputError } from '../errors.js';
import type { SeType } from '../estimate/vcov.js';
import { gather } from '../stats/gather.js';
import { choleskyInverse, choleskySolve, pivotedCholesky } from '../stats/linalg.js';
import type { SampleConstants } from './hc-pass.js';
import { xxName, xyName } from './moments.js';
import type { SqlRow } from './runner.js';

/** A solved sample. */
export interface SolvedSample extends SampleConstants {
  readonly n: number;
  /** Indices of the design columns kept. */
  readonly kept: readonly number[];
  /** Indices of the aliased columns. */
  readonly aliased: readonly number[];
}

/**
 * Solves one moments row (k design columns): pivoted Cholesky of X'X (R's `lm` tolerance 1e-7),
 * β = (X'X)⁻¹X'y and (X'X)⁻¹ on the kept columns.
 *
 * @example
 * const s = solveMoments(row, 3); // s.beta, s.inverse, s.aliased
 */
export function solveMoments(row: SqlRow, k: number): SolvedSample {
  const xx = new Float64Array(k * k);
  const xy = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    xy[a] = Number(row[xyName(a)]);
    for (let b = a; b < k; b++) {
      const v = Number(row[xxName(a, b)]);
      xx[a * k + b] = v;
      xx[b * k + a] = v;
    }
  }
  const { factor, kept, aliased } = pivotedCholesky(xx, k);
  const r = kept.length;
  const rhs = gather(xy, kept);
  return {
    key: Number(row.m),
    n: xx[0]!,
    beta: choleskySolve(factor, r, rhs),
    inverse: choleskyInverse(factor, r),
    kept,
    aliased,
  };
}

/** The second pass's sums of one sample. */
export interface PassSums {
  readonly rss: number;
  readonly hmax: number;
  readonly s0: number;
  readonly s2: number;
  readonly s3: number;
}

/**
 * Standard error of the treatment coefficient (kept column index `t`) from the pass sums.
 * Throws `leverage-one` when a client's leverage is 1 under HC2/HC3 (the database cannot say
 * which client).
 *
 * @example
 * treatmentSe(sample, sums, 'HC2', 1); // √(Σ w² r² / (1 − h))
 */
export function treatmentSe(s: SolvedSample, sums: PassSums, se: SeType, t: number): number {
  const r = s.kept.length;
  const df = s.n - r;
  if ((se === 'HC2' || se === 'HC3') && !(sums.hmax < 1 - 1e-10)) {
    throw new InputError(
      `a client has leverage 1 in the sample of month ${s.key} (a combination of covariate values no other client has), so ${se} standard errors are undefined; use se: 'HC1' or remove the covariate that singles it out (row numbers are not read from the database)`,
      { code: 'leverage-one' },
    );
  }
  const v =
    se === 'HC2'
      ? sums.s2
      : se === 'HC3'
        ? sums.s3
        : se === 'HC0'
          ? sums.s0
          : se === 'HC1'
            ? (sums.s0 * s.n) / df
            : (sums.rss / df) * s.inverse[t * r + t]!;
  return Math.sqrt(v);
}

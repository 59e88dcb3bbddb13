/**
 * One coefficient across many outcomes on one design: the effect-per-month series (24 monthly
 * outcomes, one X) as one problem rather than 24 regressions.
 */
import { InputError } from '../errors.js';
import { choleskySolve, ROW_BLOCK } from '../stats/linalg.js';
import { checkLevel } from '../stats/validate.js';
import { toVector, type VectorInput } from './design.js';
import { type Coefficient, coefficientEstimate } from './inference.js';
import {
  methodText,
  type OlsOptions,
  type OlsPrepared,
  olsInfluence,
  olsLeverages,
  termIndex,
  unshiftCoefficients,
} from './ols.js';
import { checkSeType } from './vcov.js';

/**
 * The `Estimate` of coefficient `term` for each outcome, on one prepared design. Same numbers as
 * `outcomes.map((y) => olsTermPrepared(prepared, y, term, options))`, computed in three blocked
 * passes over X for all outcomes together (each block of X is read from memory once per pass,
 * not once per outcome):
 *
 * 1. Xs'WY → β̂⁰ for every outcome (Cholesky solves with the prepared factor; Xs = the shifted
 *    columns, see `OlsPrepared.shift`);
 * 2. e⁰ = y − Xsβ̂⁰ and Xs'We⁰ → refinement δ, β̂ = β̂⁰ + δ;
 * 3. e = y − Xsβ̂ → Var(β̂_c) = Σ ω_i v_i² with ω the HC weights (see `vcov.ts`) and v = X·a_c, or
 *    σ̂²·A_cc for `classical`.
 *
 * Nothing of size n is allocated per outcome.
 *
 * @example
 * const prep = olsPrepare(X);
 * const perMonth = olsTermSeries(prep, monthlyOutcomes, 'treatment'); // 24 Estimates, HC2
 */
export function olsTermSeries(
  prepared: OlsPrepared,
  outcomes: readonly VectorInput[],
  term: string,
  options: Pick<OlsOptions, 'se' | 'level'> = {},
): Coefficient[] {
  const se = checkSeType(options.se ?? 'HC2');
  const level = checkLevel(options.level ?? 0.95);
  const { n, k, columns, factor, bread, weights, shift } = prepared;
  const c = termIndex(prepared, term);
  const m = outcomes.length;
  const ys = outcomes.map((y, j) => toVector(y, `outcomes[${j}]`, n));
  const B = ROW_BLOCK;
  const z = new Float64Array(k * B); // block of X, row-contiguous per column
  const e = new Float64Array(B); // residual block of one outcome
  const ww = weights;

  /** Copies rows [start, start + len) of the shifted columns Xs = X − 1s' into z. */
  const loadBlock = (start: number, len: number) => {
    for (let j = 0; j < k; j++) {
      const col = columns[j]!;
      const o = j * B;
      const sj = shift ? shift[j]! : 0;
      for (let t = 0; t < len; t++) z[o + t] = col[start + t]! - sj;
    }
  };
  /** e ← y[start…] − z·b over the block, four columns per sweep of e. */
  const residualBlock = (y: Float64Array, b: Float64Array, start: number, len: number) => {
    for (let t = 0; t < len; t++) e[t] = y[start + t]!;
    let j = 0;
    for (; j + 3 < k; j += 4) {
      const b0 = b[j]!;
      const b1 = b[j + 1]!;
      const b2 = b[j + 2]!;
      const b3 = b[j + 3]!;
      const o0 = j * B;
      const o1 = o0 + B;
      const o2 = o1 + B;
      const o3 = o2 + B;
      for (let t = 0; t < len; t++) {
        e[t]! -= b0 * z[o0 + t]! + b1 * z[o1 + t]! + (b2 * z[o2 + t]! + b3 * z[o3 + t]!);
      }
    }
    for (; j < k; j++) {
      const bj = b[j]!;
      const o = j * B;
      for (let t = 0; t < len; t++) e[t]! -= bj * z[o + t]!;
    }
  };
  /** acc[j] += Σ_t z_j[t]·v[vOffset + t] over the block, four columns (sums) per sweep of v. */
  const crossBlock = (v: Float64Array, vOffset: number, acc: Float64Array, len: number) => {
    let j = 0;
    for (; j + 3 < k; j += 4) {
      const o0 = j * B;
      const o1 = o0 + B;
      const o2 = o1 + B;
      const o3 = o2 + B;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let t = 0; t < len; t++) {
        const a = v[vOffset + t]!;
        s0 += a * z[o0 + t]!;
        s1 += a * z[o1 + t]!;
        s2 += a * z[o2 + t]!;
        s3 += a * z[o3 + t]!;
      }
      acc[j]! += s0;
      acc[j + 1]! += s1;
      acc[j + 2]! += s2;
      acc[j + 3]! += s3;
    }
    for (; j < k; j++) {
      const o = j * B;
      let s0 = 0;
      for (let t = 0; t < len; t++) s0 += v[vOffset + t]! * z[o + t]!;
      acc[j]! += s0;
    }
  };
  /** The block of v (offset vOffset), times the weights when there are any, as a 0-based array. */
  const wv = new Float64Array(B);
  const weighted = (v: Float64Array, vOffset: number, start: number, len: number) => {
    if (!ww) return v;
    for (let t = 0; t < len; t++) wv[t] = ww[start + t]! * v[vOffset + t]!;
    return wv;
  };

  // Pass 1: X'WY.
  const xty = ys.map(() => new Float64Array(k));
  for (let start = 0; start < n; start += B) {
    const len = Math.min(n, start + B) - start;
    loadBlock(start, len);
    for (let q = 0; q < m; q++) {
      const v = weighted(ys[q]!, start, start, len);
      crossBlock(v, v === wv ? 0 : start, xty[q]!, len);
    }
  }
  const betas = xty.map((b) => choleskySolve(factor, k, b));

  // Pass 2: refinement.
  const xte = ys.map(() => new Float64Array(k));
  for (let start = 0; start < n; start += B) {
    const len = Math.min(n, start + B) - start;
    loadBlock(start, len);
    for (let q = 0; q < m; q++) {
      residualBlock(ys[q]!, betas[q]!, start, len);
      crossBlock(weighted(e, 0, start, len), 0, xte[q]!, len);
    }
  }
  betas.forEach((b, q) => {
    const d = choleskySolve(factor, k, xte[q]!);
    for (let j = 0; j < k; j++) b[j]! += d[j]!;
  });

  // Pass 3: residuals and the variance of coefficient c.
  const h = se === 'HC2' || se === 'HC3' ? olsLeverages(prepared) : undefined;
  const v = se === 'classical' ? undefined : olsInfluence(prepared, c);
  const power = se === 'HC2' ? 1 : se === 'HC3' ? 2 : 0;
  const acc = new Float64Array(m);
  let badRow = -1;
  for (let start = 0; start < n; start += B) {
    const len = Math.min(n, start + B) - start;
    loadBlock(start, len);
    for (let q = 0; q < m; q++) {
      residualBlock(ys[q]!, betas[q]!, start, len);
      let s = 0;
      for (let t = 0; t < len; t++) {
        const i = start + t;
        const we = ww ? ww[i]! * e[t]! : e[t]!;
        if (!v) {
          s += ww ? ww[i]! * e[t]! * e[t]! : e[t]! * e[t]!;
          continue;
        }
        let o = we * we;
        if (power > 0) {
          const oneMinusH = 1 - h![i]!;
          if (!(oneMinusH > 1e-10)) {
            badRow = i + 1;
            continue;
          }
          o = power === 1 ? o / oneMinusH : o / (oneMinusH * oneMinusH);
        }
        s += o * v[i]! * v[i]!;
      }
      acc[q]! += s;
    }
  }
  if (badRow > 0) {
    throw new InputError(
      `${se} standard errors are undefined: row ${badRow} of the design matrix X has leverage 1 (a regressor, e.g. a dummy, that only this row has); use se: 'HC1' or drop that column`,
      { code: 'leverage-one', rows: [badRow] },
    );
  }
  const df = n - k;
  const method = methodText(se, df, weights !== undefined);
  return betas.map((b, q) => {
    let variance = acc[q]!;
    if (se === 'classical') variance = (variance / df) * bread[c * k + c]!;
    else if (se === 'HC1') variance = (variance * n) / df;
    const estimate = unshiftCoefficients(prepared, b)[c]!;
    return coefficientEstimate(term, estimate, Math.sqrt(variance), df, level, n, method);
  });
}

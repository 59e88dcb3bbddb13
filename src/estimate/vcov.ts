/**
 * Heteroskedasticity-consistent ("sandwich") covariance matrices for least squares, following
 * MacKinnon & White (1985) and estimatr's mathematical notes. With bread A = (X'X)⁻¹, residuals
 * e and leverages h_i = x_i'(X'X)⁻¹x_i:
 *
 * - classical: σ̂²·A with σ̂² = Σe²/(n − k)
 * - HC0: A·X'diag(e²)X·A
 * - HC1: HC0 · n/(n − k)
 * - HC2: A·X'diag(e²/(1 − h))X·A (estimatr's default)
 * - HC3: A·X'diag(e²/(1 − h)²)X·A
 *
 * With prior weights w the formulas apply to √w·x and √w·e (as estimatr does).
 */
import { formatRows, InputError } from '../errors.js';
import { crossProduct, ROW_BLOCK, sandwich } from '../stats/linalg.js';

/** Standard-error type of a least-squares fit. */
export type SeType = 'classical' | 'HC0' | 'HC1' | 'HC2' | 'HC3';

/** All supported SE types, for validation and documentation. */
export const SE_TYPES: readonly SeType[] = ['classical', 'HC0', 'HC1', 'HC2', 'HC3'];

/**
 * Throws an `InputError` unless `se` is one of {@link SE_TYPES}.
 *
 * @example
 * checkSeType('HC2') // 'HC2'; checkSeType('HC4') throws
 */
export function checkSeType(se: string): SeType {
  if (!(SE_TYPES as readonly string[]).includes(se)) {
    throw new InputError(`se: expected one of ${SE_TYPES.join(', ')}; got "${se}"`, {
      code: 'invalid-option',
      value: se,
    });
  }
  return se as SeType;
}

/**
 * Leverages h_i = w_i·x_i'(X'WX)⁻¹x_i, computed through the Cholesky factor L of X'WX as
 * h_i = ‖L⁻¹x_i‖²·w_i. Rows are processed in blocks: for a block, z_j = (x_j − Σ_{l<j} L_jl z_l)/L_jj
 * runs over contiguous segments, so the loop never allocates and stays in cache.
 *
 * @param columns the k (linearly independent) columns of X.
 * @param factor Cholesky factor of X'WX (k×k row-major lower triangle); with `shift`, of the
 *   shifted columns (leverages do not depend on the shift when X has an intercept).
 * @example
 * leverages([new Float64Array([1, 1])], new Float64Array([Math.SQRT2])) // [0.5, 0.5]
 */
export function leverages(
  columns: readonly Float64Array[],
  factor: Float64Array,
  weights?: Float64Array,
  shift?: Float64Array,
): Float64Array {
  const k = columns.length;
  const n = k === 0 ? 0 : columns[0]!.length;
  const h = new Float64Array(n);
  const z = new Float64Array(k * ROW_BLOCK);
  for (let start = 0; start < n; start += ROW_BLOCK) {
    const len = Math.min(n, start + ROW_BLOCK) - start;
    for (let j = 0; j < k; j++) {
      const cj = columns[j]!;
      const zj = j * ROW_BLOCK;
      const sj = shift ? shift[j]! : 0;
      for (let t = 0; t < len; t++) z[zj + t] = cj[start + t]! - sj;
      // z_j −= Σ_{l<j} L_jl z_l, four l at a time: one load/store of z_j per four products.
      let l = 0;
      for (; l + 3 < j; l += 4) {
        const a0 = factor[j * k + l]!;
        const a1 = factor[j * k + l + 1]!;
        const a2 = factor[j * k + l + 2]!;
        const a3 = factor[j * k + l + 3]!;
        const o0 = l * ROW_BLOCK;
        const o1 = o0 + ROW_BLOCK;
        const o2 = o1 + ROW_BLOCK;
        const o3 = o2 + ROW_BLOCK;
        for (let t = 0; t < len; t++) {
          z[zj + t]! -= a0 * z[o0 + t]! + a1 * z[o1 + t]! + (a2 * z[o2 + t]! + a3 * z[o3 + t]!);
        }
      }
      for (; l < j; l++) {
        const ljl = factor[j * k + l]!;
        const zl = l * ROW_BLOCK;
        for (let t = 0; t < len; t++) z[zj + t]! -= ljl * z[zl + t]!;
      }
      const inv = 1 / factor[j * k + j]!;
      for (let t = 0; t < len; t++) {
        const v = z[zj + t]! * inv;
        z[zj + t] = v;
        h[start + t]! += v * v;
      }
    }
    if (weights) for (let t = 0; t < len; t++) h[start + t]! *= weights[start + t]!;
  }
  return h;
}

/**
 * The diagonal ω of the meat X'diag(ω)X for an HC type: ω_i = w_i²e_i² (HC0, HC1),
 * w_i²e_i²/(1 − h_i) (HC2), w_i²e_i²/(1 − h_i)² (HC3). Rows with h_i ≈ 1 make HC2/HC3 undefined
 * (estimatr returns NaN for every SE); we throw an `InputError` naming them, or, when the caller
 * passes `leverageOne`, give those rows ω = 0 and list them there (1-based) so that the caller can
 * set NA for the coefficients that depend on them ({@link naWhereLeverageOne}).
 *
 * @example
 * meatWeights('HC2', new Float64Array([1, -1]), new Float64Array([0.5, 0.5])) // [2, 2]
 */
export function meatWeights(
  se: Exclude<SeType, 'classical'>,
  residuals: Float64Array,
  leverage?: Float64Array,
  weights?: Float64Array,
  leverageOne?: number[],
): Float64Array {
  const n = residuals.length;
  const omega = new Float64Array(n);
  const power = se === 'HC2' ? 1 : se === 'HC3' ? 2 : 0;
  let bad: number[] | undefined;
  for (let i = 0; i < n; i++) {
    const we = weights ? weights[i]! * residuals[i]! : residuals[i]!;
    let o = we * we;
    if (power > 0) {
      const oneMinusH = 1 - leverage![i]!;
      if (!(oneMinusH > 1e-10)) {
        bad ??= [];
        bad.push(i + 1);
        continue;
      }
      o = power === 1 ? o / oneMinusH : o / (oneMinusH * oneMinusH);
    }
    omega[i] = o;
  }
  if (bad && leverageOne) {
    // The caller reports NA for the coefficients that rest on these rows (their residual is 0
    // whatever y is, so they add nothing to the other coefficients' variances).
    leverageOne.push(...bad);
  } else if (bad) {
    throw new InputError(
      `${se} standard errors are undefined: leverage h = 1 at ${formatRows(bad)} of the design matrix X (a regressor, e.g. a dummy, that only one row has); use se: 'HC1' or drop that column`,
      { code: 'leverage-one', rows: bad },
    );
  }
  return omega;
}

/**
 * Robust covariance A·X'diag(ω)X·A with bread A = (X'WX)⁻¹ (k×k row-major).
 *
 * @example
 * hcVcov([new Float64Array([1, 1])], new Float64Array([2, 2]), new Float64Array([0.5])) // [1]
 */
export function hcVcov(
  columns: readonly Float64Array[],
  omega: Float64Array,
  bread: Float64Array,
  shift?: Float64Array,
): Float64Array {
  const meat = crossProduct(columns, omega, shift);
  return sandwich(bread, meat, columns.length);
}

/**
 * Sets NA (NaN) in row and column c of a k×k covariance for every coefficient c whose estimate
 * depends on a row with leverage 1 (its influence v_c = X·a_c is non-zero there): such a row is
 * fitted exactly, so its residual carries no information on Var(β̂_c). The other coefficients
 * keep their (well-defined) HC2/HC3 variance. Returns the NA coefficients' indices.
 *
 * @example
 * naWhereLeverageOne(v, k, [4], (c) => olsInfluence(prepared, c)) // [1]: the one-row dummy
 */
export function naWhereLeverageOne(
  v: Float64Array,
  k: number,
  rows: readonly number[],
  influence: (c: number) => Float64Array,
): number[] {
  const na: number[] = [];
  for (let c = 0; c < k; c++) {
    const infl = influence(c);
    let max = 0;
    for (let i = 0; i < infl.length; i++) max = Math.max(max, Math.abs(infl[i]!));
    if (rows.some((r) => Math.abs(infl[r - 1]!) > 1e-8 * max)) na.push(c);
  }
  for (const c of na) {
    for (let j = 0; j < k; j++) {
      v[c * k + j] = Number.NaN;
      v[j * k + c] = Number.NaN;
    }
  }
  return na;
}

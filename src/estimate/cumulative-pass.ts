/**
 * The one pass over X behind the robust variances of a cumulative series
 * (`olsCumulativeSeries`), in the whitened basis z_i = L⁻¹xs_i, L the Cholesky factor of
 * Xs'Xs: one blocked pass computes z, the leverage h_i = ‖z_i‖², the influence
 * v_i = z_i'r of coefficient c (r = L⁻¹e_c), the meat weight w_i = v_i²/(1 − h_i)^p, the
 * weighted cross product Z'diag(w)Z and, per bucket of event months, Σz_i and Σw_i·z_i. Each
 * row block stays in cache from start to end; nothing of length n is allocated.
 */
import { InputError } from '../errors.js';
import { crossBlock, ROW_BLOCK } from '../stats/linalg.js';

/** One event's bucket sums in {@link whitenedSeriesPassMany} (q×k row-major). */
export interface WhitenedBuckets {
  /** Σ z_i over the clients of bucket b (row b of q×k). */
  readonly zByBucket: Float64Array;
  /** Σ w_i·z_i over the clients of bucket b (row b of q×k). */
  readonly wzByBucket: Float64Array;
  /** Clients per bucket. */
  readonly countByBucket: Float64Array;
  /** Σ w_i per bucket. */
  readonly wByBucket: Float64Array;
}

/**
 * The sums of the whitened basis for a robust (HC0–HC3) cumulative series, for several
 * event-month vectors on one design. With xs_i the shifted row, z_i = L⁻¹xs_i (L the lower
 * Cholesky factor of Xs'Xs, row-major), r = L⁻¹e_c: h_i = ‖z_i‖² (the leverage), v_i = z_i'r
 * (= xs_i'(Xs'Xs)⁻¹e_c, the influence of coefficient c), w_i = v_i²/(1 − h_i)^p with p = 0
 * (HC0/HC1), 1 (HC2) or 2 (HC3); z, h, v, w and the meat Z'diag(w)Z (full symmetric k×k) are
 * computed once. Bucket b of a client is the first month at or after its event month
 * (`bucketOf`, −1: never counted); the bucket sums are per event (`byEvent[e]`), each the same
 * additions in the same order as for that event alone. A row with 1 − h_i ≤ 1e-10 (p > 0)
 * throws `leverage-one` naming it (1-based), as `meatWeights` does.
 *
 * Cost per row: k(k − 1)/2 for z, 3k for h and v, k(k + 1)/2 for the meat, 2k per event.
 *
 * @example
 * const { meat, byEvent } = whitenedSeriesPassMany(prep.columns, prep.factor, prep.shift, r, 1, bucketOf, [bijstand, work], 24, 'HC2');
 */
export function whitenedSeriesPassMany(
  columns: readonly Float64Array[],
  factor: Float64Array,
  shift: Float64Array | undefined,
  r: Float64Array,
  power: 0 | 1 | 2,
  bucketOf: (eventMonth: number) => number,
  eventMonths: readonly Float64Array[],
  q: number,
  se: string,
): { readonly meat: Float64Array; readonly byEvent: readonly WhitenedBuckets[] } {
  const k = columns.length;
  const n = k === 0 ? 0 : columns[0]!.length;
  const E = eventMonths.length;
  const B = ROW_BLOCK;
  const z = new Float64Array(k * B);
  const h = new Float64Array(B);
  const v = new Float64Array(B);
  const root = new Float64Array(B);
  const buckets = eventMonths.map(() => new Int32Array(B));
  const meat = new Float64Array(k * k);
  const byEvent = eventMonths.map(() => ({
    zByBucket: new Float64Array(q * k),
    wzByBucket: new Float64Array(q * k),
    countByBucket: new Float64Array(q),
    wByBucket: new Float64Array(q),
  }));
  for (let start = 0; start < n; start += B) {
    const len = Math.min(n, start + B) - start;
    for (let j = 0; j < k; j++) {
      const cj = columns[j]!;
      const o = j * B;
      const sj = shift ? shift[j]! : 0;
      for (let t = 0; t < len; t++) z[o + t] = cj[start + t]! - sj;
    }
    h.fill(0, 0, len);
    v.fill(0, 0, len);
    forwardSubstituteBlock(z, B, len, k, factor, h, v, r);
    for (let t = 0; t < len; t++) {
      const w = meatWeight(v[t]!, h[t]!, power, start + t, se);
      root[t] = w;
      for (let e = 0; e < E; e++) {
        const b = bucketOf(eventMonths[e]![start + t]!);
        buckets[e]![t] = b;
        if (b >= 0) {
          byEvent[e]!.countByBucket[b]! += 1;
          byEvent[e]!.wByBucket[b]! += w;
        }
      }
    }
    // Bucket sums of z and w·z, column by column (sequential reads of the block).
    for (let e = 0; e < E; e++) {
      const bucket = buckets[e]!;
      const { zByBucket, wzByBucket } = byEvent[e]!;
      for (let j = 0; j < k; j++) {
        const o = j * B;
        for (let t = 0; t < len; t++) {
          const b = bucket[t]!;
          if (b < 0) continue;
          const x = z[o + t]!;
          zByBucket[b * k + j]! += x;
          wzByBucket[b * k + j]! += root[t]! * x;
        }
      }
    }
    // Z'diag(w)Z as (√w·z)'(√w·z), by the blocked kernel of crossProduct.
    for (let t = 0; t < len; t++) root[t] = Math.sqrt(root[t]!);
    for (let j = 0; j < k; j++) {
      const o = j * B;
      for (let t = 0; t < len; t++) z[o + t]! *= root[t]!;
    }
    crossBlock(z, B, len, k, meat);
  }
  for (let j = 0; j < k; j++) for (let l = 0; l < j; l++) meat[l * k + j] = meat[j * k + l]!;
  return { meat, byEvent };
}

/**
 * The meat weight w_i = v_i²/(1 − h_i)^p of row i (0-based); a leverage of 1 (1 − h_i ≤ 1e-10,
 * p > 0) throws `leverage-one` naming the row 1-based, as `meatWeights` does.
 */
function meatWeight(v: number, h: number, power: 0 | 1 | 2, i: number, se: string): number {
  const w = v * v;
  if (power === 0) return w;
  const d = 1 - h;
  if (!(d > 1e-10)) {
    const row = i + 1;
    throw new InputError(
      `${se} standard errors are undefined: row ${row} of the design matrix X has leverage 1 (a regressor, e.g. a dummy, that only this row has); use se: 'HC1' or drop that column`,
      { code: 'leverage-one', rows: [row] },
    );
  }
  return power === 1 ? w / d : w / (d * d);
}

/** One outcome of {@link whitenedTermSums}: y_i = 1{eventMonth_i ≤ month} (NaN: never). */
export interface ResidualTarget {
  /** Event month of each row (NaN: no event). */
  readonly eventMonth: Float64Array;
  readonly month: number;
  /** The outcome's coefficients in the shifted basis, βs = (Xs'Xs)⁻¹Xs'y (fitted xs_i'βs). */
  readonly beta: Float64Array;
}

/**
 * The robust covariance blocks of a few coefficients for a few cumulative outcomes on one
 * design, straight from the residuals. With xs_i the shifted row, h_i = ‖L⁻¹xs_i‖² (the leverage,
 * L the Cholesky factor of Xs'Xs), v_a,i = xs_i'd_a for each direction d_a (a row of (Xs'Xs)⁻¹:
 * the influence of that coefficient) and, per target, e_i = y_i − xs_i'βs:
 *
 *   S_ab = Σ_i e_i² v_a,i v_b,i / (1 − h_i)^p,  p = 0 (HC0/HC1), 1 (HC2), 2 (HC3),
 *
 * q×q per target (row-major, `sums[t·q² + a·q + b]`), Σ_{y=1} v_1,i²/(1 − h_i)^p per target
 * (`wy`, the scale of S_11) and Xs'e per target (`xse`, t×k: the refinement step
 * δ = (Xs'Xs)⁻¹Xs'e of βs, which `olsSolve` takes too). A row with 1 − h_i ≤ 1e-10 (p > 0) throws `leverage-one` naming
 * it (1-based).
 *
 * Cost per row: k(k − 1)/2 for h, k per direction after the first and 2k per target (summed while the block's
 * shifted rows are in cache) and q² per target; no meat (k(k + 1)/2), so it is the
 * cheaper pass when a design serves few outcomes (a complete-follow-up sample serves one month).
 * Nothing of length n is allocated.
 *
 * @example
 * const { sums } = whitenedTermSums(prep.columns, prep.factor, prep.shift, [bread row c], 1, [{ eventMonth, month: 6, beta }], 'HC2');
 */
export function whitenedTermSums(
  columns: readonly Float64Array[],
  factor: Float64Array,
  shift: Float64Array | undefined,
  directions: readonly Float64Array[],
  power: 0 | 1 | 2,
  targets: readonly ResidualTarget[],
  se: string,
): TermSums {
  const k = columns.length;
  const n = k === 0 ? 0 : columns[0]!.length;
  const B = ROW_BLOCK;
  const q = directions.length;
  const T = targets.length;
  if (q === 0) throw new RangeError('whitenedTermSums: expected at least one direction');
  const z = new Float64Array(k * B);
  const h = new Float64Array(B);
  // The block's values (the layout of `addTermSums`): the q influences, then the T residuals.
  const vals = new Float64Array((q + T) * B);
  // The first direction's influence v = xs'd₀ = z'r with r = L'd₀, from the forward substitution.
  const v0 = vals.subarray(0, B);
  const r0 = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let sum = 0;
    for (let j = i; j < k; j++) sum += factor[j * k + i]! * directions[0]![j]!;
    r0[i] = sum;
  }
  // The block's dot products: the other q − 1 influence rows, then T fitted values.
  const dots = [...directions.slice(1), ...targets.map((t) => t.beta)];
  const D = dots.length;
  const dot = vals.subarray(B);
  const out = termSumsOutput(q, T, k);
  const { xse } = out;
  for (let start = 0; start < n; start += B) {
    const len = Math.min(n, start + B) - start;
    dot.fill(0);
    for (let j = 0; j < k; j++) {
      const cj = columns[j]!;
      const o = j * B;
      const sj = shift ? shift[j]! : 0;
      // The row's shifted values written and, two dot products per sweep, summed.
      let d = 0;
      if (D >= 2) {
        const b0 = dots[0]![j]!;
        const b1 = dots[1]![j]!;
        for (let t = 0; t < len; t++) {
          const x = cj[start + t]! - sj;
          z[o + t] = x;
          dot[t]! += x * b0;
          dot[B + t]! += x * b1;
        }
        d = 2;
      } else if (D === 1) {
        const b0 = dots[0]![j]!;
        for (let t = 0; t < len; t++) {
          const x = cj[start + t]! - sj;
          z[o + t] = x;
          dot[t]! += x * b0;
        }
        d = 1;
      } else {
        for (let t = 0; t < len; t++) z[o + t] = cj[start + t]! - sj;
      }
      for (; d + 1 < D; d += 2) {
        const b0 = dots[d]![j]!;
        const b1 = dots[d + 1]![j]!;
        const o0 = d * B;
        const o1 = o0 + B;
        for (let t = 0; t < len; t++) {
          const x = z[o + t]!;
          dot[o0 + t]! += x * b0;
          dot[o1 + t]! += x * b1;
        }
      }
      for (; d < D; d++) {
        const bj = dots[d]![j]!;
        const od = d * B;
        for (let t = 0; t < len; t++) dot[od + t]! += z[o + t]! * bj;
      }
    }
    // Residuals (over the fitted values, in place) and Xs'e while z still holds the shifted rows.
    for (let g = 0; g < T; g++) {
      const eventMonth = targets[g]!.eventMonth;
      const month = targets[g]!.month;
      const of = (q - 1 + g) * B;
      for (let t = 0; t < len; t++) {
        dot[of + t] = (eventMonth[start + t]! <= month ? 1 : 0) - dot[of + t]!;
      }
      for (let j = 0; j < k; j++) {
        const o = j * B;
        let sum = 0;
        for (let t = 0; t < len; t++) sum += z[o + t]! * dot[of + t]!;
        xse[g * k + j]! += sum;
      }
    }
    h.fill(0, 0, len);
    v0.fill(0, 0, len);
    forwardSubstituteBlock(z, B, len, k, factor, h, v0, r0);
    addTermSums(out, q, vals, h, start, len, power, targets, se);
  }
  return out;
}

/** What {@link whitenedTermSums} and `codedTermSums` return (see there). */
export interface TermSums {
  readonly sums: Float64Array;
  readonly wy: Float64Array;
  readonly xse: Float64Array;
}

/** Zeroed {@link TermSums} for q directions, T targets and k columns. */
export function termSumsOutput(q: number, T: number, k: number): TermSums {
  return {
    sums: new Float64Array(T * q * q),
    wy: new Float64Array(T),
    xse: new Float64Array(T * k),
  };
}

/**
 * One block's rows (start … start + len − 1) added to the sums of {@link whitenedTermSums}:
 * `vals` holds the q influences v_a (row a of the block, stride ROW_BLOCK) and then the T
 * residuals e_g (row q + g), `h` the leverages (overwritten with 1/(1 − h)^p). S_ab +=
 * e² v_a v_b/(1 − h)^p and wy += y·v_1²/(1 − h)^p per target; a leverage of 1 throws
 * (`meatWeight`).
 */
export function addTermSums(
  out: TermSums,
  q: number,
  vals: Float64Array,
  h: Float64Array,
  start: number,
  len: number,
  power: 0 | 1 | 2,
  targets: readonly ResidualTarget[],
  se: string,
): void {
  const B = ROW_BLOCK;
  const { sums, wy } = out;
  for (let t = 0; t < len; t++) h[t] = meatWeight(1, h[t]!, power, start + t, se);
  for (let g = 0; g < targets.length; g++) {
    const { eventMonth, month } = targets[g]!;
    const of = (q + g) * B;
    const o = g * q * q;
    let sumY = 0;
    for (let t = 0; t < len; t++) {
      const y = eventMonth[start + t]! <= month ? 1 : 0;
      const e = vals[of + t]!;
      const w = h[t]! * e * e;
      const v = vals[t]!;
      sumY += y * h[t]! * v * v;
      if (q === 1) {
        sums[o]! += w * v * v;
        continue;
      }
      for (let a = 0; a < q; a++) {
        const wa = w * vals[a * B + t]!;
        for (let b = 0; b < q; b++) sums[o + a * q + b]! += wa * vals[b * B + t]!;
      }
    }
    wy[g]! += sumY;
  }
}

/**
 * In place on one block (row j of Z at offset j·stride): z_j ← (z_j − Σ_{l<j} L_jl z_l)/L_jj
 * (forward substitution with the lower factor L, row-major k×k), adding z_j² to `h` and
 * r_j·z_j to `v`. Two rows j, j + 1 per pass and four l per step, so each z_l load serves two
 * rows (≈ 1 memory access per multiply–add instead of 1.5).
 */
export function forwardSubstituteBlock(
  z: Float64Array,
  stride: number,
  len: number,
  k: number,
  factor: Float64Array,
  h: Float64Array,
  v: Float64Array,
  r: Float64Array,
): void {
  let j = 0;
  for (; j + 1 < k; j += 2) {
    const oa = j * stride;
    const ob = oa + stride;
    const ra = j * k;
    const rb = ra + k;
    let l = 0;
    for (; l + 3 < j; l += 4) {
      const a0 = factor[ra + l]!;
      const a1 = factor[ra + l + 1]!;
      const a2 = factor[ra + l + 2]!;
      const a3 = factor[ra + l + 3]!;
      const b0 = factor[rb + l]!;
      const b1 = factor[rb + l + 1]!;
      const b2 = factor[rb + l + 2]!;
      const b3 = factor[rb + l + 3]!;
      const o0 = l * stride;
      const o1 = o0 + stride;
      const o2 = o1 + stride;
      const o3 = o2 + stride;
      for (let t = 0; t < len; t++) {
        const x0 = z[o0 + t]!;
        const x1 = z[o1 + t]!;
        const x2 = z[o2 + t]!;
        const x3 = z[o3 + t]!;
        z[oa + t]! -= a0 * x0 + a1 * x1 + (a2 * x2 + a3 * x3);
        z[ob + t]! -= b0 * x0 + b1 * x1 + (b2 * x2 + b3 * x3);
      }
    }
    for (; l < j; l++) {
      const a = factor[ra + l]!;
      const b = factor[rb + l]!;
      const o = l * stride;
      for (let t = 0; t < len; t++) {
        const x = z[o + t]!;
        z[oa + t]! -= a * x;
        z[ob + t]! -= b * x;
      }
    }
    const ia = 1 / factor[ra + j]!;
    const bj = factor[rb + j]!;
    const ib = 1 / factor[rb + j + 1]!;
    const rj = r[j]!;
    const rk = r[j + 1]!;
    for (let t = 0; t < len; t++) {
      const za = z[oa + t]! * ia;
      const zb = (z[ob + t]! - bj * za) * ib;
      z[oa + t] = za;
      z[ob + t] = zb;
      h[t]! += za * za + zb * zb;
      v[t]! += rj * za + rk * zb;
    }
  }
  for (; j < k; j++) {
    const oa = j * stride;
    const ra = j * k;
    for (let l = 0; l < j; l++) {
      const a = factor[ra + l]!;
      const o = l * stride;
      for (let t = 0; t < len; t++) z[oa + t]! -= a * z[o + t]!;
    }
    const ia = 1 / factor[ra + j]!;
    const rj = r[j]!;
    for (let t = 0; t < len; t++) {
      const za = z[oa + t]! * ia;
      z[oa + t] = za;
      h[t]! += za * za;
      v[t]! += rj * za;
    }
  }
}

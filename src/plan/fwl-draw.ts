/**
 * The treatment coefficient of y ~ 1 + T + Z and its HC2 standard error for many 0/1 vectors T
 * on one fixed covariate design Z (the draws of a randomisation test), O(n·k) per T with no
 * allocation: by Frisch–Waugh–Lovell β = t̃'ẽ_y / t̃'t̃, with t̃ = T − Q·Q'T the residual of T on
 * [1, Z] (Q an orthonormal basis of the design's columns, built once), ẽ_y the residual of y on
 * [1, Z], the full model's residuals e = ẽ_y − β·t̃ and leverages h_i = h_Z,i + t̃_i²/t̃'t̃, so
 * Var_HC2(β) = Σ e_i²/(1 − h_i)·(t̃_i/t̃'t̃)² (MacKinnon & White 1985; Davidson & MacKinnon,
 * "Econometric Theory and Methods", §5.5 for the FWL form). Q'T is a sum of the rows of Q where
 * T = 1 (or the column sums less the rows where T = 0, whichever is fewer).
 */

/** A prepared statistic: writes β and β/SE into `out` (a length-2 buffer); false when undefined. */
export type FwlDraw = (t: Float64Array, out: Float64Array) => boolean;

/**
 * Q (r columns of length n) orthonormal, spanning `columns` (each of length n), by modified
 * Gram–Schmidt with one re-orthogonalisation pass ("twice is enough": Giraud, Langou &
 * Rozložník 2005). The columns must be linearly independent (the estimable columns of an
 * `olsPrepare`d design).
 *
 * @example
 * const [q1, q2] = orthonormalColumns([new Float64Array([1, 1]), new Float64Array([0, 2])], 2);
 * // q1 ≈ [√½, √½], q2 ≈ [−√½, √½]
 */
export function orthonormalColumns(columns: readonly Float64Array[], n: number): Float64Array[] {
  const basis: Float64Array[] = [];
  for (const column of columns) {
    const v = Float64Array.from(column);
    for (let pass = 0; pass < 2; pass++) {
      for (const q of basis) {
        let d = 0;
        for (let i = 0; i < n; i++) d += q[i]! * v[i]!;
        for (let i = 0; i < n; i++) v[i]! -= d * q[i]!;
      }
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += v[i]! * v[i]!;
    norm = Math.sqrt(norm);
    for (let i = 0; i < n; i++) v[i]! /= norm;
    basis.push(v);
  }
  return basis;
}

/**
 * The FWL statistic of T for a fixed design: `q` from {@link orthonormalColumns} of the design's
 * estimable columns, `ey` the residuals of y on the design, `hz` its leverages, `df` the
 * residual degrees of freedom of the full model (n − r − 1). The returned function writes
 * [β, β/SE_HC2] into `out` and returns false when T lies in the design's span (t̃'t̃ ≈ 0),
 * df ≤ 0 or SE = 0.
 *
 * @example
 * const draw = fwlDraw(orthonormalColumns(prep.columns, n), ey, hz, n - prep.k - 1);
 * const out = new Float64Array(2);
 * if (draw(t, out)) console.log(out[0], out[1]); // β, studentised β
 */
export function fwlDraw(
  q: readonly Float64Array[],
  ey: Float64Array,
  hz: Float64Array,
  df: number,
): FwlDraw {
  const n = ey.length;
  const r = q.length;
  const colSums = q.map((c) => c.reduce((s, v) => s + v, 0));
  const rows = new Int32Array(n);
  const tt = new Float64Array(n);
  return (t, out) => {
    // the rows of the smaller group: Q'T is their sum (T = 1) or the column sums less it (T = 0)
    let ones = 0;
    for (let i = 0; i < n; i++) ones += t[i]!;
    const fromOnes = ones <= n - ones;
    let m = 0;
    for (let i = 0; i < n; i++) if ((t[i] === 1) === fromOnes) rows[m++] = i;
    tt.set(t);
    for (let j = 0; j < r; j++) {
      const qj = q[j]!;
      let a = 0;
      for (let l = 0; l < m; l++) a += qj[rows[l]!]!;
      if (!fromOnes) a = colSums[j]! - a;
      for (let i = 0; i < n; i++) tt[i]! -= qj[i]! * a;
    }
    let stt = 0;
    let sty = 0;
    for (let i = 0; i < n; i++) {
      const ti = tt[i]!;
      stt += ti * ti;
      sty += ti * ey[i]!;
    }
    if (!(stt > 1e-12) || df <= 0) return false;
    const b = sty / stt;
    let v = 0;
    for (let i = 0; i < n; i++) {
      const ti = tt[i]!;
      const e = ey[i]! - b * ti;
      const h = hz[i]! + (ti * ti) / stt;
      const w = ti / stt;
      v += ((e * e) / (1 - h)) * w * w;
    }
    const se = Math.sqrt(v);
    if (!(se > 0)) return false;
    out[0] = b;
    out[1] = b / se;
    return true;
  };
}

/** Draws evaluated together by {@link fwlDrawBatch}: fill `t[0..count)`, then `run(count, …)`. */
export interface FwlBatch {
  /** Draws per batch. */
  readonly size: number;
  /** The batch's 0/1 vectors (length n each), overwritten by `run` (they hold t̃ afterwards). */
  readonly t: readonly Float64Array[];
  /**
   * Evaluates `t[0..count)`: for draw b, `out[2b]` = β and `out[2b + 1]` = β/SE_HC2 and
   * `ok[b]` = 1, or `ok[b]` = 0 (and `out` untouched) where {@link fwlDraw} returns false.
   */
  run(count: number, out: Float64Array, ok: Uint8Array): void;
}

/**
 * {@link fwlDraw} for several T at a time, with the same floating-point operations in the same
 * order per draw, so every β and β/SE is bit-for-bit the one `fwlDraw` gives: G = Q'[T₁ … T_B]
 * (each entry summed over the rows of the smaller group, in row order), then t̃_b = T_b − Q·G_b
 * row block by row block (within a block each t̃_b,i subtracts q_j,i·G_jb for j = 0, 1, … as
 * `fwlDraw` does, and t̃'t̃ and t̃'ẽ_y accumulate in row order), so each block of Q is read from
 * memory once per batch instead of once per draw; a second blocked pass sums the HC2 variance
 * Σ e_i²/(1 − h_i)·(t̃_i/t̃'t̃)². Memory: `size` vectors of n doubles and of n row indices.
 *
 * @example
 * const batch = fwlDrawBatch(orthonormalColumns(prep.columns, n), ey, hz, n - prep.k - 1, 8);
 * batch.t[0].set(t1); batch.t[1].set(t2);
 * const out = new Float64Array(16), ok = new Uint8Array(8);
 * batch.run(2, out, ok); // out[0], out[1]: β, β/SE of t1; out[2], out[3]: of t2
 */
export function fwlDrawBatch(
  q: readonly Float64Array[],
  ey: Float64Array,
  hz: Float64Array,
  df: number,
  size = 8,
  blockRows = 1024,
): FwlBatch {
  const n = ey.length;
  const r = q.length;
  const colSums = q.map((c) => c.reduce((s, v) => s + v, 0));
  const t = Array.from({ length: size }, () => new Float64Array(n));
  const rows = Array.from({ length: size }, () => new Int32Array(n));
  const counts = new Int32Array(size);
  const fromOnes = new Uint8Array(size);
  const g = new Float64Array(r * size);
  const stt = new Float64Array(size);
  const sty = new Float64Array(size);
  const beta = new Float64Array(size);
  const v = new Float64Array(size);
  const run = (count: number, out: Float64Array, ok: Uint8Array): void => {
    // the rows of each draw's smaller group
    for (let b = 0; b < count; b++) {
      const tb = t[b]!;
      const rb = rows[b]!;
      let ones = 0;
      for (let i = 0; i < n; i++) ones += tb[i]!;
      const fo = ones <= n - ones;
      let m = 0;
      for (let i = 0; i < n; i++) if ((tb[i] === 1) === fo) rb[m++] = i;
      counts[b] = m;
      fromOnes[b] = fo ? 1 : 0;
    }
    // G = Q'T: column j of Q is gathered for every draw of the batch while it is in cache
    for (let j = 0; j < r; j++) {
      const qj = q[j]!;
      for (let b = 0; b < count; b++) {
        const rb = rows[b]!;
        const m = counts[b]!;
        let a = 0;
        for (let l = 0; l < m; l++) a += qj[rb[l]!]!;
        g[j * size + b] = fromOnes[b] === 1 ? a : colSums[j]! - a;
      }
    }
    // t̃ = T − Q·G in place, with t̃'t̃ and t̃'ẽ_y, one block of rows at a time
    stt.fill(0, 0, count);
    sty.fill(0, 0, count);
    for (let i0 = 0; i0 < n; i0 += blockRows) {
      const i1 = Math.min(n, i0 + blockRows);
      for (let b = 0; b < count; b++) {
        const tt = t[b]!;
        for (let j = 0; j < r; j++) {
          const qj = q[j]!;
          const a = g[j * size + b]!;
          for (let i = i0; i < i1; i++) tt[i]! -= qj[i]! * a;
        }
        let s1 = stt[b]!;
        let s2 = sty[b]!;
        for (let i = i0; i < i1; i++) {
          const ti = tt[i]!;
          s1 += ti * ti;
          s2 += ti * ey[i]!;
        }
        stt[b] = s1;
        sty[b] = s2;
      }
    }
    for (let b = 0; b < count; b++) {
      const defined = stt[b]! > 1e-12 && df > 0;
      ok[b] = defined ? 1 : 0;
      beta[b] = defined ? sty[b]! / stt[b]! : 0;
      v[b] = 0;
    }
    // HC2: Σ e_i²/(1 − h_i)·(t̃_i/t̃'t̃)², e = ẽ_y − β·t̃, h = h_Z + t̃²/t̃'t̃
    for (let i0 = 0; i0 < n; i0 += blockRows) {
      const i1 = Math.min(n, i0 + blockRows);
      for (let b = 0; b < count; b++) {
        if (ok[b] === 0) continue;
        const tt = t[b]!;
        const bb = beta[b]!;
        const s = stt[b]!;
        let vb = v[b]!;
        for (let i = i0; i < i1; i++) {
          const ti = tt[i]!;
          const e = ey[i]! - bb * ti;
          const h = hz[i]! + (ti * ti) / s;
          const w = ti / s;
          vb += ((e * e) / (1 - h)) * w * w;
        }
        v[b] = vb;
      }
    }
    for (let b = 0; b < count; b++) {
      if (ok[b] === 0) continue;
      const se = Math.sqrt(v[b]!);
      if (!(se > 0)) {
        ok[b] = 0;
        continue;
      }
      out[2 * b] = beta[b]!;
      out[2 * b + 1] = beta[b]! / se;
    }
  };
  return { size, t, run };
}

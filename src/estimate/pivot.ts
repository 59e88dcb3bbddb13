/**
 * Which columns of X are aliased, decided exactly as R's `lm` decides it: LINPACK `dqrdc2`
 * (R's src/appl/dqrdc2.f, the Householder QR with "limited column pivoting" behind `lm.fit`
 * with `tol = 1e-7`). The normal equations cannot make this call near the boundary: a Cholesky
 * pivot of X'X carries an absolute error of about ε·‖x_j‖², so an exactly collinear column can
 * show a relative residual of √ε·κ ≈ 1e-7 and slip through a 1e-7 test. `olsPrepare` calls this
 * only when its Cholesky finds a column within a factor 1e3 of the tolerance.
 */

/** Result of {@link limitedPivoting}. */
export interface Pivoting {
  /** Indices (ascending) of the columns kept, as `lm`'s first `rank` pivots. */
  readonly kept: readonly number[];
  /** Indices of the aliased columns (R: coefficient NA), in the order `dqrdc2` moved them. */
  readonly aliased: readonly number[];
}

function norm(x: Float64Array, from: number): number {
  let s = 0;
  for (let i = from; i < x.length; i++) s += x[i]! * x[i]!;
  return Math.sqrt(s);
}

/**
 * R's `dqrdc2` on the columns of X (copied, not changed): columns are taken left to right; when
 * the norm of what is left of column l (after the Householder reflections of the columns kept
 * before it) falls below `tol` × its original norm, the column is moved to the end and not used
 * again. The remaining norms are downdated as √(‖·‖² − x_lj²), recomputed when that loses more
 * than six digits (Bates' 1999 fix in R's version). O(n·k²).
 *
 * @param columns the (√w-weighted) columns of X.
 * @param tol R's `tol` (1e-7 in `lm`).
 * @param originalNorms the norms to compare with, when `columns` are already projected (fixed
 *   effects absorbed): those of the columns before projection.
 * @example
 * limitedPivoting([ones, x, Float64Array.from(x, (v) => 2 * v)], 1e-7).aliased // [2]
 */
export function limitedPivoting(
  columns: readonly Float64Array[],
  tol = 1e-7,
  originalNorms?: Float64Array,
): Pivoting {
  const p = columns.length;
  const n = p === 0 ? 0 : columns[0]!.length;
  const x = columns.map((c) => Float64Array.from(c));
  const jpvt = Array.from({ length: p }, (_, j) => j);
  const qraux = x.map((c) => norm(c, 0));
  const work2 = qraux.map((q, j) => {
    const o = originalNorms ? originalNorms[j]! : q;
    return o === 0 ? 1 : o;
  });
  const lup = Math.min(n, p);
  let k = p; // columns at index ≥ k were moved to the end
  const rotate = <T>(a: T[], l: number) => {
    const t = a[l]!;
    for (let j = l + 1; j < p; j++) a[j - 1] = a[j]!;
    a[p - 1] = t;
  };
  for (let l = 0; l < lup; l++) {
    while (l < k && qraux[l]! < work2[l]! * tol) {
      rotate(x, l);
      rotate(jpvt, l);
      rotate(qraux, l);
      rotate(work2, l);
      k--;
    }
    if (l === n - 1) continue;
    const xl = x[l]!;
    let nrmxl = norm(xl, l);
    if (nrmxl === 0) continue;
    if (xl[l] !== 0) nrmxl = Math.sign(xl[l]!) * Math.abs(nrmxl);
    for (let i = l; i < n; i++) xl[i]! /= nrmxl;
    xl[l]! += 1;
    for (let j = l + 1; j < p; j++) {
      const xj = x[j]!;
      let dot = 0;
      for (let i = l; i < n; i++) dot += xl[i]! * xj[i]!;
      const t = -dot / xl[l]!;
      for (let i = l; i < n; i++) xj[i]! += t * xl[i]!;
      if (qraux[j] === 0) continue;
      const tt = Math.max(1 - (Math.abs(xj[l]!) / qraux[j]!) ** 2, 0);
      if (Math.abs(tt) < 1e-6) qraux[j] = norm(xj, l + 1);
      else qraux[j] = qraux[j]! * Math.sqrt(tt);
    }
    qraux[l] = xl[l]!;
    xl[l] = -nrmxl;
  }
  const rank = Math.min(k, n);
  return {
    kept: jpvt.slice(0, rank).sort((a, b) => a - b),
    aliased: jpvt.slice(rank),
  };
}

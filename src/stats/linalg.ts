/**
 * Small dense linear algebra for regression kernels: cross-products over column-major typed
 * arrays (n large, k small), and k×k Cholesky factorisation, solves and inverses.
 *
 * Conventions: k×k matrices are row-major `Float64Array`s of length k·k; a Cholesky factor is the
 * lower-triangular L with A = L·L' stored in the lower triangle (the upper triangle is zero).
 *
 * The n-length kernels take an optional `shift` s (one value per column) and then work with the
 * shifted columns x_j − s_j without materialising them. Least squares with an intercept uses the
 * column means as shift: the normal equations of centred columns are far better conditioned than
 * those of raw columns with large means (cond(X'X) = cond(X)²).
 */

/** Rows per block in the cross-product loops: k blocks of this size stay in L2 cache. */
export const ROW_BLOCK = 1024;

/**
 * Cross-product X'X (or X'WX with diagonal weights) of column-major columns, as a full symmetric
 * k×k row-major matrix. Rows are processed in blocks of {@link ROW_BLOCK}: the block is copied
 * into one contiguous k×B scratch (so every pair of column segments is read from cache, not
 * memory), then the k(k+1)/2 dot products run over it, four at a time. No allocation in the
 * loop.
 *
 * @param columns k columns of equal length n.
 * @param weights optional non-negative diagonal weights w (length n): computes Σ w_i x_i x_i'
 *   (as Σ (√w_i x_i)(√w_i x_i)'); a negative or NaN weight throws a `RangeError`.
 * @param shift optional s (length k): computes the cross-product of the columns x_j − s_j.
 * @example
 * crossProduct([new Float64Array([1, 1]), new Float64Array([1, 2])]) // [2, 3, 3, 5]
 */
export function crossProduct(
  columns: readonly Float64Array[],
  weights?: Float64Array,
  shift?: Float64Array,
): Float64Array {
  const k = columns.length;
  const n = k === 0 ? 0 : columns[0]!.length;
  const B = ROW_BLOCK;
  const xtx = new Float64Array(k * k);
  // Block scratch (k×B, contiguous, reused): √w_i·(x_ij − s_j), so that weighted and unweighted
  // products share one symmetric kernel.
  const z = new Float64Array(k * B);
  const root = weights ? new Float64Array(B) : undefined;
  for (let start = 0; start < n; start += B) {
    const len = Math.min(n, start + B) - start;
    if (weights && root) {
      for (let t = 0; t < len; t++) {
        const w = weights[start + t]!;
        if (!(w >= 0)) throw new RangeError(`crossProduct: weight ${w} at index ${start + t}`);
        root[t] = Math.sqrt(w);
      }
    }
    for (let j = 0; j < k; j++) {
      const cj = columns[j]!;
      const o = j * B;
      const sj = shift ? shift[j]! : 0;
      if (root) for (let t = 0; t < len; t++) z[o + t] = (cj[start + t]! - sj) * root[t]!;
      else for (let t = 0; t < len; t++) z[o + t] = cj[start + t]! - sj;
    }
    crossBlock(z, B, len, k, xtx);
  }
  for (let j = 0; j < k; j++) for (let l = 0; l < j; l++) xtx[l * k + j] = xtx[j * k + l]!;
  return xtx;
}

/**
 * Adds the lower triangle of Z'Z for one block to `out` (k×k row-major; only entries l ≤ j are
 * written): Z is k rows of `len` values in `z`, row j at offset j·stride (the scratch layout of
 * {@link crossProduct}). Four dot products per pass, two values per step (eight independent sums).
 * The caller mirrors the upper triangle at the end.
 *
 * @example
 * const out = new Float64Array(4);
 * crossBlock(Float64Array.of(1, 1, 1, 2), 2, 2, 2, out); // out = [2, 0, 3, 5]
 */
export function crossBlock(
  z: Float64Array,
  stride: number,
  len: number,
  k: number,
  out: Float64Array,
): void {
  const xtx = out;
  for (let j = 0; j < k; j++) {
    const oj = j * stride;
    let l = 0;
    // Four dot products per pass, two rows per step: they share the loads of row j, and eight
    // independent sums hide the latency of floating-point addition (one running sum stalls).
    for (; l + 3 <= j; l += 4) {
      const o0 = l * stride;
      const o1 = o0 + stride;
      const o2 = o1 + stride;
      const o3 = o2 + stride;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      let b0 = 0;
      let b1 = 0;
      let b2 = 0;
      let b3 = 0;
      let t = 0;
      for (; t + 1 < len; t += 2) {
        const x = z[oj + t]!;
        const y = z[oj + t + 1]!;
        a0 += x * z[o0 + t]!;
        a1 += x * z[o1 + t]!;
        a2 += x * z[o2 + t]!;
        a3 += x * z[o3 + t]!;
        b0 += y * z[o0 + t + 1]!;
        b1 += y * z[o1 + t + 1]!;
        b2 += y * z[o2 + t + 1]!;
        b3 += y * z[o3 + t + 1]!;
      }
      for (; t < len; t++) {
        const x = z[oj + t]!;
        a0 += x * z[o0 + t]!;
        a1 += x * z[o1 + t]!;
        a2 += x * z[o2 + t]!;
        a3 += x * z[o3 + t]!;
      }
      const r = j * k + l;
      xtx[r]! += a0 + b0;
      xtx[r + 1]! += a1 + b1;
      xtx[r + 2]! += a2 + b2;
      xtx[r + 3]! += a3 + b3;
    }
    for (; l <= j; l++) {
      const ol = l * stride;
      let s0 = 0;
      let s1 = 0;
      let t = 0;
      for (; t + 1 < len; t += 2) {
        s0 += z[oj + t]! * z[ol + t]!;
        s1 += z[oj + t + 1]! * z[ol + t + 1]!;
      }
      if (t < len) s0 += z[oj + t]! * z[ol + t]!;
      xtx[j * k + l]! += s0 + s1;
    }
  }
}

/**
 * Σ a[i − offset]·(b[i] − shift) for i in [start, end), unrolled by four with separate
 * accumulators (independent floating-point chains instead of one that stalls on each add).
 */
function dotRange(
  a: Float64Array,
  b: Float64Array,
  start: number,
  end: number,
  offset: number,
  shift: number,
): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = start;
  const stop = end - 3;
  for (; i < stop; i += 4) {
    const o = i - offset;
    s0 += a[o]! * (b[i]! - shift);
    s1 += a[o + 1]! * (b[i + 1]! - shift);
    s2 += a[o + 2]! * (b[i + 2]! - shift);
    s3 += a[o + 3]! * (b[i + 3]! - shift);
  }
  for (; i < end; i++) s0 += a[i - offset]! * (b[i]! - shift);
  return s0 + s1 + (s2 + s3);
}

/**
 * X'y (or X'Wy) for column-major X: k dot products of length n, in row blocks so that the block
 * of y (and w) stays in L1 cache while each column streams past once.
 *
 * @example
 * crossProductVector([new Float64Array([1, 1]), new Float64Array([1, 2])], new Float64Array([3, 5]))
 * // [8, 13]
 */
export function crossProductVector(
  columns: readonly Float64Array[],
  y: Float64Array,
  weights?: Float64Array,
  shift?: Float64Array,
): Float64Array {
  const k = columns.length;
  const n = y.length;
  const out = new Float64Array(k);
  const wy = weights ? new Float64Array(ROW_BLOCK) : undefined;
  for (let start = 0; start < n; start += ROW_BLOCK) {
    const end = Math.min(n, start + ROW_BLOCK);
    let v: Float64Array = y;
    let offset = 0;
    if (weights && wy) {
      for (let i = start; i < end; i++) wy[i - start] = weights[i]! * y[i]!;
      v = wy;
      offset = start;
    }
    for (let j = 0; j < k; j++) {
      out[j]! += dotRange(v, columns[j]!, start, end, offset, shift ? shift[j]! : 0);
    }
  }
  return out;
}

/**
 * e ← e − X·b in place (e.g. residuals y − Xβ̂ from e = copy of y), in row blocks so that the
 * block of e stays in cache while the columns stream past once.
 *
 * @example
 * subtractProduct([new Float64Array([1, 1])], new Float64Array([2]), new Float64Array([3, 5])) // [1, 3]
 */
export function subtractProduct(
  columns: readonly Float64Array[],
  b: Float64Array,
  e: Float64Array,
  shift?: Float64Array,
): Float64Array {
  const n = e.length;
  for (let start = 0; start < n; start += ROW_BLOCK) {
    const end = Math.min(n, start + ROW_BLOCK);
    subtractBlock(columns, b, e, start, end, shift);
  }
  return e;
}

/** e[i] −= Σ_j b_j·(x_j[i] − s_j) for i in [start, end): four columns per sweep of e. */
function subtractBlock(
  columns: readonly Float64Array[],
  b: Float64Array,
  e: Float64Array,
  start: number,
  end: number,
  shift: Float64Array | undefined,
): void {
  const k = columns.length;
  let j = 0;
  for (; j + 3 < k; j += 4) {
    const b0 = b[j]!;
    const b1 = b[j + 1]!;
    const b2 = b[j + 2]!;
    const b3 = b[j + 3]!;
    const c0 = columns[j]!;
    const c1 = columns[j + 1]!;
    const c2 = columns[j + 2]!;
    const c3 = columns[j + 3]!;
    const s0 = shift ? shift[j]! : 0;
    const s1 = shift ? shift[j + 1]! : 0;
    const s2 = shift ? shift[j + 2]! : 0;
    const s3 = shift ? shift[j + 3]! : 0;
    for (let i = start; i < end; i++) {
      e[i]! -= b0 * (c0[i]! - s0) + b1 * (c1[i]! - s1) + (b2 * (c2[i]! - s2) + b3 * (c3[i]! - s3));
    }
  }
  for (; j < k; j++) {
    const bj = b[j]!;
    const c = columns[j]!;
    const sj = shift ? shift[j]! : 0;
    for (let i = start; i < end; i++) e[i]! -= bj * (c[i]! - sj);
  }
}

/**
 * Residuals e = y − X·b and X'e (or X'We) in one blocked pass: each block of e is formed and then
 * dotted with the columns while they are still in cache. Used for the iterative-refinement step
 * of least squares (b ← b + (X'WX)⁻¹X'We). `out` (length n), when given, receives e instead of
 * a new array.
 *
 * @example
 * residualCrossProduct([new Float64Array([1, 1])], new Float64Array([2]), new Float64Array([3, 5]))
 * // { residuals: [1, 3], xte: [4] }
 */
export function residualCrossProduct(
  columns: readonly Float64Array[],
  b: Float64Array,
  y: Float64Array,
  weights?: Float64Array,
  shift?: Float64Array,
  out?: Float64Array,
): { residuals: Float64Array; xte: Float64Array } {
  const k = columns.length;
  const n = y.length;
  let e: Float64Array;
  if (out) {
    if (out.length !== n)
      throw new RangeError(`residualCrossProduct: out has ${out.length} values, y ${n}`);
    e = out;
    e.set(y);
  } else e = Float64Array.from(y);
  const xte = new Float64Array(k);
  const we = weights ? new Float64Array(ROW_BLOCK) : undefined;
  for (let start = 0; start < n; start += ROW_BLOCK) {
    const end = Math.min(n, start + ROW_BLOCK);
    subtractBlock(columns, b, e, start, end, shift);
    let v: Float64Array = e;
    let offset = 0;
    if (weights && we) {
      for (let i = start; i < end; i++) we[i - start] = weights[i]! * e[i]!;
      v = we;
      offset = start;
    }
    for (let j = 0; j < k; j++) {
      xte[j]! += dotRange(v, columns[j]!, start, end, offset, shift ? shift[j]! : 0);
    }
  }
  return { residuals: e, xte };
}

/** Result of {@link pivotedCholesky}. */
export interface PivotedCholesky {
  /** Cholesky factor (r×r, row-major lower triangle) of A restricted to `kept`. */
  readonly factor: Float64Array;
  /** Indices (ascending) of the linearly independent columns, r = kept.length. */
  readonly kept: readonly number[];
  /** Indices of the columns found linearly dependent on earlier ones (or zero). */
  readonly aliased: readonly number[];
}

/**
 * Cholesky factorisation of a symmetric positive semi-definite k×k matrix A = X'X with R's
 * "limited column pivoting" (LINPACK dqrdc2, as used by `lm`): columns are taken in order, and a
 * column whose residual norm after projecting out the earlier kept columns is below
 * `tol` × its own norm is declared aliased and skipped. In terms of A: column j is aliased when
 * A_jj − Σ L_jl² ≤ tol²·A_jj. Equal in exact arithmetic to what `lm` marks NA.
 *
 * @param tol relative tolerance (R's `lm` uses 1e-7).
 * @param reference optional squared column norms to compare with instead of diag(A), for when A
 *   is the cross-product of shifted columns but aliasing should be judged as on the raw ones.
 * @example
 * pivotedCholesky(new Float64Array([1, 2, 2, 4]), 2).aliased // [1]
 */
export function pivotedCholesky(
  a: Float64Array,
  k: number,
  tol = 1e-7,
  reference?: Float64Array,
): PivotedCholesky {
  const kept: number[] = [];
  const aliased: number[] = [];
  // Work in the full k×k lower triangle, then compact to the kept rows/columns.
  const l = new Float64Array(k * k);
  const tol2 = tol * tol;
  for (let j = 0; j < k; j++) {
    const ajj = a[j * k + j]!;
    const norm2 = reference ? reference[j]! : ajj;
    let d = ajj;
    for (const p of kept) d -= l[j * k + p]! * l[j * k + p]!;
    if (!(d > tol2 * norm2) || !(ajj > 0)) {
      aliased.push(j);
      continue;
    }
    const ljj = Math.sqrt(d);
    l[j * k + j] = ljj;
    // Fill column j of L for the rows below j (only kept columns p are non-zero in row j).
    for (let i = j + 1; i < k; i++) {
      let s = a[i * k + j]!;
      for (const p of kept) s -= l[i * k + p]! * l[j * k + p]!;
      l[i * k + j] = s / ljj;
    }
    kept.push(j);
  }
  const r = kept.length;
  const factor = new Float64Array(r * r);
  for (let i = 0; i < r; i++) {
    for (let j = 0; j <= i; j++) factor[i * r + j] = l[kept[i]! * k + kept[j]!]!;
  }
  return { factor, kept, aliased };
}

/**
 * Cholesky factor L (A = L·L') of a symmetric positive definite k×k matrix; throws `RangeError`
 * when A is not positive definite (use {@link pivotedCholesky} to detect rank deficiency).
 *
 * @example
 * cholesky(new Float64Array([4, 2, 2, 5]), 2) // [2, 0, 1, 2]
 */
export function cholesky(a: Float64Array, k: number): Float64Array {
  const { factor, aliased } = pivotedCholesky(a, k, 0);
  if (aliased.length > 0) {
    throw new RangeError(`cholesky: matrix is not positive definite (column ${aliased[0]})`);
  }
  return factor;
}

/**
 * Solves L·x = b in place (forward substitution), L lower-triangular r×r row-major.
 *
 * @example
 * forwardSolve(new Float64Array([2, 0, 1, 2]), 2, new Float64Array([2, 5])) // [1, 2]
 */
export function forwardSolve(l: Float64Array, r: number, b: Float64Array): Float64Array {
  for (let i = 0; i < r; i++) {
    let s = b[i]!;
    for (let j = 0; j < i; j++) s -= l[i * r + j]! * b[j]!;
    b[i] = s / l[i * r + i]!;
  }
  return b;
}

/**
 * Solves L'·x = b in place (back substitution with the transpose of lower-triangular L).
 *
 * @example
 * backSolveTransposed(new Float64Array([2, 0, 1, 2]), 2, new Float64Array([2, 4])) // [0, 2]
 */
export function backSolveTransposed(l: Float64Array, r: number, b: Float64Array): Float64Array {
  for (let i = r - 1; i >= 0; i--) {
    let s = b[i]!;
    for (let j = i + 1; j < r; j++) s -= l[j * r + i]! * b[j]!;
    b[i] = s / l[i * r + i]!;
  }
  return b;
}

/**
 * Solves A·x = b given the Cholesky factor L of A (A = L·L'); returns a new array.
 *
 * @example
 * choleskySolve(cholesky(new Float64Array([4, 2, 2, 5]), 2), 2, new Float64Array([6, 7])) // [1, 1]
 */
export function choleskySolve(l: Float64Array, r: number, b: Float64Array): Float64Array {
  return backSolveTransposed(l, r, forwardSolve(l, r, Float64Array.from(b)));
}

/**
 * A⁻¹ from the Cholesky factor L of A: A⁻¹ = L⁻ᵀ·L⁻¹, as a full symmetric r×r row-major matrix.
 *
 * @example
 * choleskyInverse(cholesky(new Float64Array([4, 2, 2, 5]), 2), 2) // [0.3125, -0.125, -0.125, 0.25]
 */
export function choleskyInverse(l: Float64Array, r: number): Float64Array {
  // M = L⁻¹ (lower triangular), then A⁻¹ = M'M.
  const m = new Float64Array(r * r);
  for (let j = 0; j < r; j++) {
    m[j * r + j] = 1 / l[j * r + j]!;
    for (let i = j + 1; i < r; i++) {
      let s = 0;
      for (let p = j; p < i; p++) s -= l[i * r + p]! * m[p * r + j]!;
      m[i * r + j] = s / l[i * r + i]!;
    }
  }
  const inv = new Float64Array(r * r);
  for (let i = 0; i < r; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let p = i; p < r; p++) s += m[p * r + i]! * m[p * r + j]!;
      inv[i * r + j] = s;
      inv[j * r + i] = s;
    }
  }
  return inv;
}

/**
 * Sandwich product B·M·B for symmetric r×r row-major B and M (the "bread·meat·bread" of robust
 * variances).
 *
 * @example
 * sandwich(new Float64Array([2, 0, 0, 1]), new Float64Array([1, 1, 1, 1]), 2) // [4, 2, 2, 1]
 */
export function sandwich(bread: Float64Array, meat: Float64Array, r: number): Float64Array {
  const tmp = new Float64Array(r * r);
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < r; j++) {
      let s = 0;
      for (let p = 0; p < r; p++) s += bread[i * r + p]! * meat[p * r + j]!;
      tmp[i * r + j] = s;
    }
  }
  const out = new Float64Array(r * r);
  for (let i = 0; i < r; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let p = 0; p < r; p++) s += tmp[i * r + p]! * bread[p * r + j]!;
      out[i * r + j] = s;
      out[j * r + i] = s;
    }
  }
  return out;
}

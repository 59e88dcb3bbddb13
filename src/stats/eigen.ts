/**
 * Symmetric eigen-decomposition by cyclic Jacobi rotations, for the small per-cluster matrices of
 * the CR2 variance ((I − H_cc)^(−1/2)). Jacobi is slower than QR-based solvers for large
 * matrices but accurate to a few ulps in every eigenvalue, which the 1e-8 agreement with R needs.
 */

/** Eigenvalues and eigenvectors of a symmetric m×m matrix: A = V·diag(values)·V'. */
export interface SymmetricEigen {
  readonly values: Float64Array;
  /** Eigenvectors as the columns of V (m×m row-major: V[i·m + j] is row i of vector j). */
  readonly vectors: Float64Array;
}

/**
 * Eigen-decomposition of a symmetric m×m row-major matrix by cyclic Jacobi (Golub & Van Loan,
 * Matrix Computations, §8.5): sweeps of rotations annihilating each off-diagonal entry until
 * the off-diagonal mass is below 1e-30 of the total. O(m³) per sweep, typically 6–10 sweeps.
 *
 * @example
 * symmetricEigen(new Float64Array([2, 1, 1, 2]), 2).values // [1, 3] (in some order)
 */
export function symmetricEigen(a: Float64Array, m: number): SymmetricEigen {
  const s = Float64Array.from(a);
  const v = new Float64Array(m * m);
  for (let i = 0; i < m; i++) v[i * m + i] = 1;
  let total = 0;
  for (let i = 0; i < m * m; i++) total += s[i]! * s[i]!;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < m; p++) for (let q = p + 1; q < m; q++) off += s[p * m + q]! ** 2;
    if (!(off > 1e-30 * total)) break;
    for (let p = 0; p < m; p++) {
      for (let q = p + 1; q < m; q++) {
        const apq = s[p * m + q]!;
        if (apq === 0) continue;
        const theta = (s[q * m + q]! - s[p * m + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const sn = t * c;
        for (let k = 0; k < m; k++) {
          const akp = s[k * m + p]!;
          const akq = s[k * m + q]!;
          s[k * m + p] = c * akp - sn * akq;
          s[k * m + q] = sn * akp + c * akq;
        }
        for (let k = 0; k < m; k++) {
          const apk = s[p * m + k]!;
          const aqk = s[q * m + k]!;
          s[p * m + k] = c * apk - sn * aqk;
          s[q * m + k] = sn * apk + c * aqk;
        }
        for (let k = 0; k < m; k++) {
          const vkp = v[k * m + p]!;
          const vkq = v[k * m + q]!;
          v[k * m + p] = c * vkp - sn * vkq;
          v[k * m + q] = sn * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(m);
  for (let i = 0; i < m; i++) values[i] = s[i * m + i]!;
  return { values, vectors: v };
}

/**
 * M^(−1/2) = V·diag(λ^(−1/2))·V' of a symmetric positive definite m×m matrix, or `undefined`
 * when its smallest eigenvalue is at most `tol` (M singular: no inverse square root).
 *
 * @example
 * symmetricInverseSqrt(new Float64Array([4, 0, 0, 1]), 2) // [0.5, 0, 0, 1]
 */
export function symmetricInverseSqrt(
  a: Float64Array,
  m: number,
  tol = 1e-10,
): Float64Array | undefined {
  const { values, vectors } = symmetricEigen(a, m);
  const d = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    if (!(values[j]! > tol)) return undefined;
    d[j] = 1 / Math.sqrt(values[j]!);
  }
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let k = i; k < m; k++) {
      let x = 0;
      for (let j = 0; j < m; j++) x += vectors[i * m + j]! * d[j]! * vectors[k * m + j]!;
      out[i * m + k] = x;
      out[k * m + i] = x;
    }
  }
  return out;
}

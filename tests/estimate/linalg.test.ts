import { inverse, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { leverages } from '../../src/estimate/vcov.js';
import {
  cholesky,
  choleskyInverse,
  choleskySolve,
  crossProduct,
  crossProductVector,
  pivotedCholesky,
  sandwich,
} from '../../src/stats/linalg.js';

function xorshift(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

const rand = xorshift(7);
const n = 2500; // more than two row blocks, not a multiple of the block size
const k = 6;
const cols = Array.from({ length: k }, (_, j) =>
  Float64Array.from({ length: n }, () => (j === 0 ? 1 : rand() * 10 - 5)),
);
const w = Float64Array.from({ length: n }, () => 0.5 + rand());
const rows = Array.from({ length: n }, (_, i) => cols.map((c) => c[i]!));
const M = new Matrix(rows);

describe('linalg', () => {
  it('crossProduct and crossProductVector equal ml-matrix', () => {
    const xtx = crossProduct(cols);
    const ref = M.transpose().mmul(M);
    for (let i = 0; i < k; i++)
      for (let j = 0; j < k; j++) {
        expect(xtx[i * k + j]).toBeCloseTo(ref.get(i, j), 8);
      }
    const xtwx = crossProduct(cols, w);
    const W = Matrix.diag([...w]);
    const refW = M.transpose().mmul(W).mmul(M);
    expect(xtwx[3 * k + 2]).toBeCloseTo(refW.get(3, 2), 8);
    const xty = crossProductVector(cols, cols[2]!, w);
    expect(xty[1]).toBeCloseTo(refW.get(1, 2), 8);
  });

  it('cholesky, solve, inverse and sandwich', () => {
    const a = crossProduct(cols);
    const l = cholesky(a, k);
    const inv = choleskyInverse(l, k);
    const refInv = inverse(
      new Matrix(Array.from({ length: k }, (_, i) => [...a.subarray(i * k, (i + 1) * k)])),
    );
    for (let i = 0; i < k; i++)
      for (let j = 0; j < k; j++) {
        expect(inv[i * k + j]! / refInv.get(i, j)).toBeCloseTo(1, 10);
      }
    const b = Float64Array.from({ length: k }, (_, i) => i + 1);
    const x = choleskySolve(l, k, b);
    for (let i = 0; i < k; i++) {
      let s = 0;
      for (let j = 0; j < k; j++) s += a[i * k + j]! * x[j]!;
      expect(s).toBeCloseTo(b[i]!, 8);
    }
    const s = sandwich(inv, a, k); // A⁻¹·A·A⁻¹ = A⁻¹
    for (let i = 0; i < k * k; i++) expect(s[i]! / inv[i]!).toBeCloseTo(1, 9);
    expect(() => cholesky(new Float64Array([1, 1, 1, 1]), 2)).toThrow(/not positive definite/);
  });

  it('pivotedCholesky flags later dependent columns, as lm', () => {
    const dep = Float64Array.from(cols[1]!, (v, i) => 2 * v - cols[3]![i]!);
    const zero = new Float64Array(n);
    const a = crossProduct([cols[0]!, cols[1]!, zero, cols[3]!, dep, cols[4]!]);
    const pc = pivotedCholesky(a, 6);
    expect(pc.aliased).toEqual([2, 4]);
    expect(pc.kept).toEqual([0, 1, 3, 5]);
  });

  it("leverages equal diag(X(X'WX)⁻¹X')·w and sum to k", () => {
    const l = cholesky(crossProduct(cols, w), k);
    const h = leverages(cols, l, w);
    const inv = choleskyInverse(l, k);
    let sum = 0;
    for (let i = 0; i < n; i++) sum += h[i]!;
    expect(sum).toBeCloseTo(k, 10);
    const i = 1234;
    let direct = 0;
    for (let a = 0; a < k; a++)
      for (let b = 0; b < k; b++) {
        direct += rows[i]![a]! * inv[a * k + b]! * rows[i]![b]!;
      }
    expect(h[i]).toBeCloseTo(direct * w[i]!, 12);
  });
});

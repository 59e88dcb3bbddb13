import { describe, expect, it } from 'vitest';
import { indicatorCrossProduct, indicatorLayout } from '../../src/stats/indicator-products.js';
import { crossProduct } from '../../src/stats/linalg.js';
import { createRng } from '../../src/stats/random.js';

/** Σ w (x − s)(x − s)' written out row by row, the definition (no blocking, no sparsity). */
function naive(columns: Float64Array[], w: Float64Array, shift: Float64Array): Float64Array {
  const k = columns.length;
  const out = new Float64Array(k * k);
  for (let i = 0; i < w.length; i++) {
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) {
        out[a * k + b]! += w[i]! * (columns[a]![i]! - shift[a]!) * (columns[b]![i]! - shift[b]!);
      }
    }
  }
  return out;
}

describe('indicatorCrossProduct', () => {
  const rng = createRng(7);
  const n = 5000;
  const ones = new Float64Array(n).fill(1);
  const age = Float64Array.from({ length: n }, () => 18 + 50 * rng.next());
  const benefit = Float64Array.from({ length: n }, () => 2000 + 500 * rng.normal());
  // A factor with four levels (the first the reference) and a binary feature.
  const level = Uint8Array.from({ length: n }, () => Math.floor(4 * rng.next()));
  const dummies = [1, 2, 3].map((l) => Float64Array.from(level, (v) => (v === l ? 1 : 0)));
  const binary = Float64Array.from({ length: n }, () => (rng.next() < 0.2 ? 1 : 0));
  const columns = [ones, age, benefit, ...dummies, binary];
  const w = Float64Array.from({ length: n }, () => 0.01 + rng.next() * 0.24);

  it('keeps the intercept and numeric columns dense, the sparse 0/1 columns by their rows', () => {
    const layout = indicatorLayout(columns);
    expect(layout.dense).toEqual([0, 1, 2]);
    expect(layout.sparse.map((s) => s.column)).toEqual([3, 4, 5, 6]);
    const rows = layout.sparse[0]!.rows;
    expect(rows.length).toBe(dummies[0]!.reduce((a, b) => a + b, 0));
    for (const i of rows) expect(dummies[0]![i]).toBe(1);
    // An indicator that is 1 in most rows is cheaper dense.
    expect(indicatorLayout([ones, Float64Array.from(binary, (v) => 1 - v)]).dense).toEqual([0, 1]);
  });

  it('equals the weighted, centred cross-product written out (and the dense kernel)', () => {
    const layout = indicatorLayout(columns);
    const { shift, xtx } = indicatorCrossProduct(columns, layout, w, true);
    let sw = 0;
    for (let i = 0; i < n; i++) sw += w[i]!;
    const means = columns.map((c, j) => {
      if (j === 0) return 0;
      let m = 0;
      for (let i = 0; i < n; i++) m += w[i]! * c[i]!;
      return m / sw;
    });
    // The means are the same sums as the dense ones: equal to the last bit.
    expect(Array.from(shift!)).toEqual(means);
    const reference = naive(columns, w, Float64Array.from(means));
    const dense = crossProduct(columns, w, Float64Array.from(means));
    const k = columns.length;
    let maxRel = 0;
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) {
        const scale = Math.sqrt(reference[a * k + a]! * reference[b * k + b]!);
        maxRel = Math.max(maxRel, Math.abs(xtx[a * k + b]! - reference[a * k + b]!) / scale);
        expect(Math.abs(dense[a * k + b]! - reference[a * k + b]!) / scale).toBeLessThan(1e-12);
      }
    }
    expect(maxRel).toBeLessThan(1e-12);
  });

  it('without centring: plain X′WX', () => {
    const layout = indicatorLayout(columns);
    const { shift, xtx } = indicatorCrossProduct(columns, layout, w, false);
    expect(shift).toBeUndefined();
    const reference = naive(columns, w, new Float64Array(columns.length));
    for (let a = 0; a < xtx.length; a++) {
      expect(Math.abs(xtx[a]! - reference[a]!)).toBeLessThan(1e-9 * Math.abs(reference[a]!) + 1e-9);
    }
  });
});

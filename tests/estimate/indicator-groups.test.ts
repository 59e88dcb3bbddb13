import { describe, expect, it } from 'vitest';
import {
  groupedIndicatorCrossProduct,
  indicatorGroups,
} from '../../src/estimate/indicator-groups.js';
import { indicatorCrossProduct, indicatorLayout } from '../../src/stats/indicator-products.js';
import { createRng } from '../../src/stats/random.js';

describe('groupedIndicatorCrossProduct', () => {
  const rng = createRng(11);
  const n = 4000;
  const ones = new Float64Array(n).fill(1);
  const age = Float64Array.from({ length: n }, () => 18 + 50 * rng.next());
  const benefit = Float64Array.from({ length: n }, () => 2000 + 500 * rng.normal());
  // Two factors (five and three levels, the first the reference), a binary feature and an
  // indicator of a level of the first factor's levels combined (overlaps both factors).
  const f1 = Uint8Array.from({ length: n }, () => Math.floor(5 * rng.next()));
  const f2 = Uint8Array.from({ length: n }, () => Math.floor(3 * rng.next()));
  const d1 = [1, 2, 3, 4].map((l) => Float64Array.from(f1, (v) => (v === l ? 1 : 0)));
  const d2 = [1, 2].map((l) => Float64Array.from(f2, (v) => (v === l ? 1 : 0)));
  const binary = Float64Array.from({ length: n }, () => (rng.next() < 0.2 ? 1 : 0));
  const union = Float64Array.from(f1, (v) => (v === 1 || v === 2 ? 1 : 0));
  const columns = [ones, age, ...d1, benefit, binary, ...d2, union];
  const w = Float64Array.from({ length: n }, () => 0.01 + rng.next() * 0.24);

  it('groups the dummies of a factor, and overlapping indicators apart', () => {
    const layout = indicatorLayout(columns);
    const g = indicatorGroups(layout);
    const byColumn = (j: number) => g.groupOf[layout.sparse.findIndex((s) => s.column === j)];
    // The first factor's dummies share a group; the binary feature joins no dummy it overlaps.
    expect(new Set([2, 3, 4, 5].map(byColumn)).size).toBe(1);
    expect(new Set([8, 9].map(byColumn)).size).toBe(1);
    expect(byColumn(10)).not.toBe(byColumn(2));
    for (const group of g.groups) {
      for (let i = 0; i < n; i++) {
        const l = group.code[i]!;
        const ones = group.members.filter((a) => columns[layout.sparse[a]!.column]![i] === 1);
        expect(ones).toEqual(l === -1 ? [] : [group.members[l]]);
      }
    }
  });

  it('equals indicatorCrossProduct bit for bit, centred and not', () => {
    const layout = indicatorLayout(columns);
    const g = indicatorGroups(layout);
    for (const centre of [true, false]) {
      const a = groupedIndicatorCrossProduct(columns, g, w, centre);
      const b = indicatorCrossProduct(columns, layout, w, centre);
      expect(Array.from(a.xtx)).toEqual(Array.from(b.xtx));
      expect(a.shift && Array.from(a.shift)).toEqual(b.shift && Array.from(b.shift));
    }
  });

  it('equals it for a single factor (one group)', () => {
    const cols = [ones, age, ...d1];
    const layout = indicatorLayout(cols);
    const g = indicatorGroups(layout);
    expect(g.groups.length).toBe(1);
    const a = groupedIndicatorCrossProduct(cols, g, w, true);
    expect(Array.from(a.xtx)).toEqual(Array.from(indicatorCrossProduct(cols, layout, w, true).xtx));
  });
});

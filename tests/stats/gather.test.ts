import { describe, expect, it } from 'vitest';
import { gather, indices, isIdentity } from '../../src/stats/gather.js';

describe('gather', () => {
  it('copies the rows of an index, in its order, repeats allowed', () => {
    const values = new Float64Array([10, 20, 30, 40]);
    expect([...gather(values, new Int32Array([3, 0, 0, 2]))]).toEqual([40, 10, 10, 30]);
    expect(gather(values, new Int32Array(0)).length).toBe(0);
  });
  it('fills a given output array (integer rows stay an Int32Array)', () => {
    const rows = new Int32Array([5, 6, 7]);
    const out = gather(rows, [2, 1], new Int32Array(2));
    expect(out).toBeInstanceOf(Int32Array);
    expect([...out]).toEqual([7, 6]);
  });
  it('equals Float64Array.from with a callback on a large random index', () => {
    const values = Float64Array.from({ length: 1000 }, (_, i) => Math.sin(i));
    const index = Int32Array.from({ length: 5000 }, (_, j) => (j * 7919) % 1000);
    expect(gather(values, index)).toEqual(Float64Array.from(index, (i) => values[i]!));
  });
});

describe('indices', () => {
  it('is 0, 1, …, n − 1 as an Int32Array (empty for 0)', () => {
    expect(indices(4)).toEqual(new Int32Array([0, 1, 2, 3]));
    expect(indices(0).length).toBe(0);
  });
});

describe('isIdentity', () => {
  it('is true only for 0, 1, …, n − 1 of length n', () => {
    expect(isIdentity(indices(5), 5)).toBe(true);
    expect(isIdentity(new Int32Array(0), 0)).toBe(true);
    expect(isIdentity(indices(5), 6)).toBe(false);
    expect(isIdentity(new Int32Array([0, 2, 1]), 3)).toBe(false);
    expect(isIdentity([0, 1, 3], 3)).toBe(false);
  });
});

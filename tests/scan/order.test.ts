import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderDescending } from '../../src/scan/util.js';

const bySort = (s: Float64Array) =>
  Uint32Array.from(s.keys()).sort((a, b) => s[b]! - s[a]! || a - b);

describe('orderDescending (radix sort)', () => {
  it('gives the order of the comparison sort, ties in row order', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constantFrom(0, -0, 1, -1, 0.5, 0.25, 1e-300, -1e-300, 5e-324, Infinity, -Infinity),
            fc.double({ noNaN: true }),
            fc.integer({ min: -3, max: 3 }),
          ),
          { maxLength: 300 },
        ),
        (xs) => {
          const s = Float64Array.from(xs);
          expect(Array.from(orderDescending(s))).toEqual(Array.from(bySort(s)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('agrees on a large array of probabilities with many ties', () => {
    const s = new Float64Array(200_000);
    let x = 7;
    for (let i = 0; i < s.length; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      s[i] = Math.round((x / 2147483648) * 1000) / 1000;
    }
    expect(orderDescending(s)).toEqual(bySort(s));
  });

  it('takes the comparison sort with a NaN and on a subarray view', () => {
    const s = Float64Array.from([0.3, Number.NaN, 0.7, 0.3]);
    expect(orderDescending(s)).toEqual(bySort(s));
    const view = new Float64Array([9, 0.2, 0.8, 0.2]).subarray(1);
    expect(orderDescending(view)).toEqual(bySort(view));
  });
});

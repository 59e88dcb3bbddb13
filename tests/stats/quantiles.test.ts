// Type-7 quantiles: by selection (quantiles7) against the sorted values (quantile7) and R.
// R reference (R 4.2.2), the values below:
//   x <- c(4, 1, 3, 2, 10, 7, 7, 7, -2.5, 0)
//   print(quantile(x, c(0, .1, .25, .5, .9, 1)), digits = 17)
import { describe, expect, it } from 'vitest';
import { quantile7, quantiles7 } from '../../src/stats/quantiles.js';
import { createRng } from '../../src/stats/random.js';

const sorted = (x: Float64Array) => Float64Array.from(x).sort();

describe('quantile7 and quantiles7', () => {
  it("equal R's quantile(type = 7)", () => {
    const x = Float64Array.of(4, 1, 3, 2, 10, 7, 7, 7, -2.5, 0);
    const ps = [0, 0.1, 0.25, 0.5, 0.9, 1];
    const r = [-2.5, -0.25000000000000022, 1.25, 3.5, 7.2999999999999989, 10];
    const bySort = ps.map((p) => quantile7(sorted(x), p));
    const bySelection = quantiles7(x, ps);
    ps.forEach((_, j) => {
      expect(Math.abs(bySort[j]! - r[j]!)).toBeLessThan(1e-15);
      expect(bySelection[j]).toBe(bySort[j]);
    });
  });

  it('select the same order statistics as a sort: ties, sorted, reversed, constant and tiny inputs', () => {
    const rng = createRng('quantiles-test');
    const n = 100_003;
    const cases: Float64Array[] = [
      Float64Array.from({ length: n }, () => rng.normal()),
      // months: few distinct values, many ties
      Float64Array.from({ length: n }, () => Math.floor(rng.next() * 25)),
      Float64Array.from({ length: n }, (_, i) => i),
      Float64Array.from({ length: n }, (_, i) => n - i),
      new Float64Array(n).fill(3),
      // mostly one value with a few others (a zero-inflated income)
      Float64Array.from({ length: n }, () => (rng.next() < 0.9 ? 0 : 1000 * rng.next())),
      Float64Array.of(5),
      Float64Array.of(2, 1),
    ];
    const ps = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 0.123];
    for (const x of cases) {
      const copy = Float64Array.from(x);
      const s = sorted(x);
      expect(quantiles7(x, ps)).toEqual(ps.map((p) => quantile7(s, p)));
      expect(x).toEqual(copy); // the input is not reordered
    }
  });
});

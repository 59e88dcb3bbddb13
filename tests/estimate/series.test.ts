import { describe, expect, it } from 'vitest';
import { olsPrepare, olsTermPrepared, olsTermSeries } from '../../src/estimate/index.js';
import { design, ref, relErr } from './reference.js';

const X = design(ref.data.main.X);
const y = Float64Array.from(ref.data.main.y);
const w = Float64Array.from(ref.data.main.w);
// Twelve "monthly" outcomes: continuous and 0/1, on the same design.
const outcomes = Array.from({ length: 12 }, (_, m) =>
  m % 2 === 0
    ? Float64Array.from(y, (v, i) => v + 0.1 * m * ref.data.main.ybin[i]!)
    : Float64Array.from(y, (v) => (v > 2 + 0.2 * m ? 1 : 0)),
);

describe('olsTermSeries equals olsTermPrepared per outcome', () => {
  for (const weights of [undefined, w]) {
    for (const se of ['classical', 'HC0', 'HC1', 'HC2', 'HC3'] as const) {
      it(`${se}${weights ? ', weighted' : ''}`, () => {
        const prep = olsPrepare(X, { weights });
        const series = olsTermSeries(prep, outcomes, 'treatment', { se });
        expect(series).toHaveLength(outcomes.length);
        outcomes.forEach((yy, m) => {
          const one = olsTermPrepared(prep, yy, 'treatment', { se });
          const s = series[m]!;
          expect(relErr(s.estimate, one.estimate)).toBeLessThan(1e-12);
          expect(relErr(s.stdError, one.stdError)).toBeLessThan(1e-12);
          expect(s.method).toBe(one.method);
          expect(s.df).toBe(one.df);
        });
      });
    }
  }

  it('rejects unknown terms and wrong lengths', () => {
    const prep = olsPrepare(X);
    expect(() => olsTermSeries(prep, outcomes, 'nope')).toThrow(/"nope" is not in the model/);
    expect(() => olsTermSeries(prep, [y, y.subarray(1)], 'treatment')).toThrow(
      /outcomes\[1\]: has 399 values, expected n = 400/,
    );
    expect(olsTermSeries(prep, [], 'treatment')).toEqual([]);
  });
});

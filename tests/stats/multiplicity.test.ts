import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { pAdjust } from '../../src/stats/multiplicity.js';
import { expectAllClose, nums, reference, section } from './reference.js';

const ref = section(reference.p_adjust);
const p = nums(ref.p);

describe('pAdjust equals R p.adjust (including ties, 0 and 1)', () => {
  it.each(['bonferroni', 'holm', 'BH'] as const)('%s', (method) => {
    expectAllClose(pAdjust(p, method), nums(ref[method]), 1e-15, method);
  });
  it('with n larger than the number of p-values', () => {
    expectAllClose(pAdjust(p, 'holm', { n: 30 }), nums(ref.holm_n30), 1e-15, 'holm n = 30');
    expectAllClose(pAdjust(p, 'BH', { n: 30 }), nums(ref.BH_n30), 1e-15, 'BH n = 30');
  });
  it('small hand examples, none, empty, typed arrays', () => {
    expect(pAdjust([0.01, 0.04, 0.03], 'holm')).toEqual([0.03, 0.06, 0.06]);
    expectAllClose(pAdjust([0.01, 0.04, 0.03], 'BH'), [0.03, 0.04, 0.04], 1e-15, 'BH');
    expect(pAdjust([0.2, 0.5], 'none')).toEqual([0.2, 0.5]);
    expect(pAdjust([], 'holm')).toEqual([]);
    expect(pAdjust(Float64Array.of(0.4, 0.4), 'bonferroni')).toEqual([0.8, 0.8]);
  });
  it('rejects NaN, out-of-range values, bad n and unknown methods', () => {
    expect(() => pAdjust([0.1, Number.NaN], 'BH')).toThrow(
      /p\[1\] is NaN; expected p-values in \[0, 1\]/,
    );
    expect(() => pAdjust([1.2], 'holm')).toThrow(/p\[0\] is 1.2/);
    expect(() => pAdjust([-0.1], 'bonferroni')).toThrow(InputError);
    expect(() => pAdjust([0.1, 0.2], 'holm', { n: 1 })).toThrow(
      /n must be an integer at least the number of p-values \(2\)/,
    );
    expect(() => pAdjust([0.1], 'hochberg' as 'holm')).toThrow(/unknown method 'hochberg'/);
  });
});

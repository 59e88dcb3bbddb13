import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { diffInProportions } from '../../src/stats/proportions.js';
import { expectAllClose, expectClose, num, nums, reference, section } from './reference.js';

const ref = section(reference.proportions);
const treated = nums(ref.treated);
const control = nums(ref.control);

describe('diffInProportions', () => {
  it('matches hand formulas (unpooled Neyman SE, z test)', () => {
    const r = diffInProportions({ successes: 120, n: 400 }, { successes: 90, n: 400 });
    const se = Math.sqrt((0.3 * 0.7) / 400 + (0.225 * 0.775) / 400);
    expectClose(r.estimate, 0.075, 1e-14, 'estimate');
    expectClose(r.stdError, se, 1e-14, 'se');
    expectClose(r.statistic, 0.075 / se, 1e-14, 'z');
    expect(r.df).toBe(Number.POSITIVE_INFINITY);
    expect(r.p1).toBe(0.3);
    expect(r.p2).toBe(0.225);
    expect([r.n1, r.n2, r.n]).toEqual([400, 400, 800]);
    expect(r.level).toBe(0.95);
    expect(r.method).toMatch(/unpooled \(Neyman\) SE, z test/);
    expect(r.stars).toBe('**');
  });

  it('from 0/1 arrays equals R prop.test(correct = FALSE): pooled z² = X², p, CI', () => {
    const t = section(ref.prop_test);
    const pooled = diffInProportions(treated, control, { pooled: true });
    expectClose(pooled.statistic ** 2, num(t.statistic), 1e-12, 'X-squared');
    expectClose(pooled.pValue, num(t.p_value), 1e-12, 'p');
    expectAllClose(pooled.ci, nums(t.ci), 1e-12, 'ci');
    expectAllClose([pooled.p1, pooled.p2], nums(t.estimate), 1e-15, 'proportions');
    expect(pooled.pooled).toBe(true);
    expect(pooled.method).toMatch(/pooled SE/);
    // The unpooled interval is the same; the unpooled test differs.
    const neyman = diffInProportions(treated, control);
    expectAllClose(neyman.ci, nums(t.ci), 1e-12, 'ci');
    expect(neyman.stdError).not.toBe(pooled.stdError);
    const ci90 = diffInProportions(treated, control, { level: 0.9 }).ci;
    expectAllClose(ci90, nums(t.ci90), 1e-12, 'ci90');
  });

  it('from counts equals R prop.test on the 80/20 arm sizes', () => {
    const c = section(ref.counts);
    const t = section(ref.counts_prop_test);
    const r = diffInProportions(
      { successes: num(c.x1), n: num(c.n1) },
      { successes: num(c.x2), n: num(c.n2) },
      { pooled: true },
    );
    expectClose(r.statistic ** 2, num(t.statistic), 1e-12, 'X-squared');
    expectClose(r.pValue, num(t.p_value), 1e-12, 'p');
    expectAllClose(r.ci, nums(t.ci), 1e-12, 'ci');
  });

  it('arrays and counts give the same result', () => {
    const a = diffInProportions(Float64Array.from(treated), control);
    const b = diffInProportions(
      { successes: treated.filter((v) => v === 1).length, n: treated.length },
      { successes: control.filter((v) => v === 1).length, n: control.length },
    );
    expect(a).toEqual(b);
  });

  it('rejects bad input with messages that name it', () => {
    expect(() => diffInProportions([], [0, 1])).toThrow(/treated is empty/);
    expect(() => diffInProportions([0, 1], [])).toThrow(/control is empty/);
    expect(() => diffInProportions([0, 1, 2, 1], [0, 1])).toThrow(
      /treated has a value other than 0\/1 \(2\) at row 3/,
    );
    expect(() => diffInProportions([0, 1], [0, Number.NaN])).toThrow(
      /control has a value other than 0\/1 \(NaN\)/,
    );
    expect(() => diffInProportions({ successes: -1, n: 10 }, { successes: 1, n: 10 })).toThrow(
      /treated.successes must be a non-negative integer, got -1/,
    );
    expect(() => diffInProportions({ successes: 11, n: 10 }, { successes: 1, n: 10 })).toThrow(
      /treated.successes \(11\) exceeds treated.n \(10\)/,
    );
    expect(() => diffInProportions({ successes: 1, n: 10 }, { successes: 0, n: 0 })).toThrow(
      /control.n must be a positive integer, got 0/,
    );
    expect(() => diffInProportions([0, 1], [1, 0], { level: 1 })).toThrow(
      /level must be strictly between 0 and 1, got 1/,
    );
    expect(() => diffInProportions([0, 1], [1, 0], { level: 0 })).toThrow(InputError);
    expect(() => diffInProportions([0, 0], [0, 0, 0])).toThrow(/standard error is 0/);
    try {
      diffInProportions([0, 5, 1, 7], [0]);
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      const err = e as InputError;
      expect(err.code).toBe('not-binary');
      expect(err.column).toBe('treated');
      expect(err.rows).toEqual([2, 4]);
    }
  });
});

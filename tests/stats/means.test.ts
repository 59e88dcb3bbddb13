import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { diffInMeans, type TTestResult, tTest } from '../../src/stats/means.js';
import { expectAllClose, expectClose, num, nums, reference, section } from './reference.js';

const ref = section(reference.means);
const x = nums(ref.x);
const y = nums(ref.y);
const xp = nums(ref.xp);
const yp = nums(ref.yp);

/** Compares with an R t.test result: statistic, df, SE, estimate, CI at 1e-10; p at 1e-10. */
function expectLikeR(r: TTestResult, name: string, estimate: number): void {
  const t = section(ref[name]);
  expectClose(r.statistic, num(t.statistic), 1e-10, `${name} statistic`);
  expectClose(r.df, num(t.df), 1e-10, `${name} df`);
  expectClose(r.stdError, num(t.std_error), 1e-10, `${name} se`);
  expectClose(r.pValue, num(t.p_value), 1e-10, `${name} p`);
  expectAllClose(r.ci, nums(t.ci), 1e-10, `${name} ci`);
  expectClose(r.estimate, estimate, 1e-12, `${name} estimate`);
}

describe('tTest and diffInMeans against R t.test', () => {
  it('Welch two-sample (default), also at level 0.9 and with mu', () => {
    const [mx, my] = nums(section(ref.welch).estimate);
    const r = tTest(x, y);
    expect(r.kind).toBe('welch');
    expectLikeR(r, 'welch', mx! - my!);
    expectClose(r.mean1, mx!, 1e-14, 'mean x');
    expectClose(r.mean2, my!, 1e-14, 'mean y');
    expectLikeR(tTest(x, y, { level: 0.9 }), 'welch90', mx! - my!);
    expectLikeR(tTest(x, y, { mu: 0.5 }), 'welch_mu', mx! - my!);
  });

  it('diffInMeans is the Welch test with its own method text', () => {
    const [mx, my] = nums(section(ref.welch).estimate);
    const r = diffInMeans(Float64Array.from(x), y);
    expectLikeR(r, 'welch', mx! - my!);
    expect(r.method).toBe('difference in means, Welch SE, t test with Satterthwaite df');
    expect(r.n).toBe(x.length + y.length);
    expect(r.level).toBe(0.95);
  });

  it('pooled variance, one-sample and paired', () => {
    const [mx, my] = nums(section(ref.pooled).estimate);
    const pooled = tTest(x, y, { varEqual: true });
    expect(pooled.df).toBe(x.length + y.length - 2);
    expectLikeR(pooled, 'pooled', mx! - my!);
    const one = tTest(x, { mu: 10 });
    expect(one.kind).toBe('one-sample');
    expectLikeR(one, 'one_sample', nums(section(ref.one_sample).estimate)[0]!);
    const paired = tTest(xp, yp, { paired: true });
    expect(paired.kind).toBe('paired');
    expectLikeR(paired, 'paired', nums(section(ref.paired).estimate)[0]!);
  });

  it('rejects bad input with messages that name it', () => {
    expect(() => tTest([])).toThrow(/tTest: x has 0 values; expected at least 2 values/);
    expect(() => tTest([1])).toThrow(/x has 1 values; expected at least 2/);
    expect(() => diffInMeans([1, 2, 3], [4])).toThrow(/diffInMeans: control has 1 values/);
    expect(() => diffInMeans([], [4, 5])).toThrow(/treated has 0 values/);
    expect(() => tTest([1, 2, 3], [1, 2], { paired: true })).toThrow(
      /paired samples must have the same length, got x 3 and y 2/,
    );
    expect(() => tTest([1, Number.NaN, 3])).toThrow(/x has a non-finite value \(NaN\) at row 2/);
    expect(() => tTest([2, 2, 2])).toThrow(/essentially constant/);
    expect(() => tTest([1, 2, 3], { level: 95 })).toThrow(
      /level must be strictly between 0 and 1, got 95/,
    );
    expect(() => diffInMeans([1, 2, 3], [2, 3, 5], { level: -0.5 })).toThrow(InputError);
    expect(() => tTest([1, 2], { paired: true })).toThrow(/needs a second sample/);
    expect(() => tTest([1], [2], { varEqual: true })).toThrow(/at least 3 values in all/);
    expect(() => tTest([1, 2], { mu: Number.NaN })).toThrow(/mu must be a finite number/);
  });
});

import { describe, expect, it } from 'vitest';
import { chiSquareTest } from '../../src/stats/chisquare.js';
import { expectAllClose, expectClose, matrix, num, nums, reference, section } from './reference.js';

const ref = section(reference.chisquare);

function expectLikeR(
  r: {
    statistic: number;
    df: number;
    pValue: number;
    expected: unknown;
    residuals: unknown;
    stdResiduals: unknown;
  },
  name: string,
  rows: boolean,
): void {
  const t = section(ref[name]);
  expectClose(r.statistic, num(t.statistic), 1e-12, `${name} statistic`);
  expect(r.df).toBe(num(t.df));
  expectClose(r.pValue, num(t.p_value), 1e-12, `${name} p`);
  const get = rows ? matrix : nums;
  expectAllClose(r.expected as number[], get(t.expected), 1e-13, `${name} expected`);
  expectAllClose(r.residuals as number[], get(t.residuals), 1e-12, `${name} residuals`);
  expectAllClose(r.stdResiduals as number[], get(t.stdres), 1e-12, `${name} stdres`);
}

describe('chiSquareTest against R chisq.test', () => {
  it('independence in a 3 × 4 table', () => {
    const r = chiSquareTest(matrix(ref.table));
    expect(r.kind).toBe('independence');
    expectLikeR(r, 'independence', true);
    expect(r.warnings).toEqual([]);
    expect(r.method).toBe("Pearson's chi-square test of independence");
  });

  it('2 × 2 without (default) and with Yates correction', () => {
    const table = matrix(ref.table2);
    expectLikeR(chiSquareTest(table), 'no_yates', true);
    const yates = chiSquareTest(table, { correct: true });
    expectLikeR(yates, 'yates', true);
    expect(yates.method).toMatch(/Yates/);
  });

  it('goodness of fit', () => {
    const r = chiSquareTest({
      observed: nums(ref.gof_observed),
      probabilities: nums(ref.gof_probabilities),
    });
    expect(r.kind).toBe('goodness-of-fit');
    expectLikeR(r, 'gof', false);
    expect(r.n).toBe(100);
  });

  it('published balance: gender 2841/1774/2 vs 2709/1910/1 differs at 5 %, with a small-count warning', () => {
    const r = chiSquareTest(matrix(ref.gender));
    expectLikeR(r, 'gender_test', true);
    expect(r.pValue).toBeLessThan(0.05);
    expect(r.stars).toBe('**');
    expect(r.df).toBe(2);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(
      /Chi-squared approximation may be incorrect: 2 of 6 expected counts are below 5/,
    );
  });

  it('published arm sizes 9788 / 2403 against the 80/20 design', () => {
    const r = chiSquareTest({ observed: [9788, 2403], probabilities: [0.8, 0.2] });
    expectLikeR(r, 'arms_test', false);
    expect(r.pValue).toBeGreaterThan(0.2);
    expect(r.warnings).toEqual([]);
  });

  it('rejects bad input with messages that name it', () => {
    expect(() => chiSquareTest([])).toThrow(/at least 2 rows and 2 columns, got 0 × 0/);
    expect(() => chiSquareTest([[1, 2]])).toThrow(/got 1 × 2/);
    expect(() => chiSquareTest([[1, 2], [3]])).toThrow(
      /row 2 of the table has 1 columns; expected 2/,
    );
    expect(() =>
      chiSquareTest([
        [1, -2],
        [3, 4],
      ]),
    ).toThrow(/count -2 at row 1, column 2/);
    expect(() =>
      chiSquareTest([
        [1, 2],
        [0, 0],
      ]),
    ).toThrow(/row 2 of the table sums to 0/);
    expect(() =>
      chiSquareTest([
        [0, 2],
        [0, 4],
      ]),
    ).toThrow(/column 1 of the table sums to 0/);
    expect(() => chiSquareTest({ observed: [], probabilities: [] })).toThrow(
      /at least 2 categories, got 0/,
    );
    expect(() => chiSquareTest({ observed: [1, 2], probabilities: [1] })).toThrow(
      /observed has 2 categories but probabilities has 1/,
    );
    expect(() => chiSquareTest({ observed: [1, 2], probabilities: [0.5, 0.6] })).toThrow(
      /probabilities sum to 1.1; expected 1 \(within 1e-9\)/,
    );
    expect(() => chiSquareTest({ observed: [1, 2], probabilities: [1.5, -0.5] })).toThrow(
      /probabilities\[1\] is -0.5; expected a probability ≥ 0/,
    );
    expect(() => chiSquareTest({ observed: [0, 0], probabilities: [0.5, 0.5] })).toThrow(
      /sum to 0/,
    );
    expect(() => chiSquareTest({ observed: [3, 1], probabilities: [1, 0] })).toThrow(
      /expected count is 0/,
    );
    expect(() => chiSquareTest({ observed: [3, -1], probabilities: [0.5, 0.5] })).toThrow(
      /count -1 at observed\[1\]/,
    );
    // 1 − 1e-12 is accepted (within 1e-9).
    expect(chiSquareTest({ observed: [5, 5], probabilities: [0.5, 0.5 - 1e-12] }).df).toBe(1);
  });
});

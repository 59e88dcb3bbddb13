import { describe, expect, it } from 'vitest';
import { effectSeries } from '../../src/analysis/effect-series.js';
import { monthList } from '../../src/analysis/months.js';

describe('monthList', () => {
  it('expands a last month and the longest follow-up', () => {
    expect(monthList(3, 99)).toEqual([1, 2, 3]);
    expect(monthList(undefined, 4.5)).toEqual([1, 2, 3, 4]);
  });

  it('takes a strictly increasing list as given', () => {
    expect(monthList([6, 12, 24], 0)).toEqual([6, 12, 24]);
  });

  it('refuses a repeat or a step back, naming the month', () => {
    expect(() => monthList([6, 12, 12], 0)).toThrow(
      'months must be strictly increasing: 12 after 12 (give each month once, in order)',
    );
    expect(() => monthList([12, 6], 0)).toThrow('months must be strictly increasing: 6 after 12');
  });

  it('refuses an empty list and months that are not whole numbers ≥ 1', () => {
    expect(() => monthList([], 0)).toThrow('months is empty');
    expect(() => monthList([0], 0)).toThrow('months must be whole numbers ≥ 1, got 0');
    expect(() => monthList([1.5], 0)).toThrow('got 1.5');
  });

  it('is the rule of effectSeries', () => {
    const rows = [
      { arm: 'experiment', followup_months: 24, month_x: 3 },
      { arm: 'control', followup_months: 24, month_x: null },
    ];
    expect(() => effectSeries(rows, { event: 'month_x', months: [12, 6, 12] })).toThrow(
      'months must be strictly increasing: 6 after 12',
    );
  });
});

// applyFilter keeps one filtered table per input table and filter: a second call with the same
// filter returns it (arquero tables are immutable), another filter or table gets its own.
import { table } from 'arquero';
import { describe, expect, it } from 'vitest';
import { applyFilter } from '../../src/evaluate/filter.js';

describe('applyFilter memo', () => {
  const data = table({ decile: [1, 2, 1, 3, 1], y: [10, 20, 30, 40, 50] });
  it('returns the same kept table for the same filter', () => {
    const first = applyFilter(data, [{ column: 'decile', values: [1] }]);
    const again = applyFilter(data, [{ column: 'decile', values: [1] }]);
    expect(again).toBe(first);
    expect(first.array('y')).toEqual([10, 30, 50]);
  });
  it('filters anew for another filter or another table', () => {
    const other = applyFilter(data, [{ column: 'decile', values: [2, 3] }]);
    expect(other.array('y')).toEqual([20, 40]);
    const copy = table({ decile: [1, 1], y: [7, 8] });
    expect(applyFilter(copy, [{ column: 'decile', values: [1] }]).array('y')).toEqual([7, 8]);
  });
  it('still refuses a filter that keeps no rows, each time', () => {
    const none = [{ column: 'decile', values: [9] }];
    expect(() => applyFilter(data, none)).toThrow(/the filter keeps no rows/);
    expect(() => applyFilter(data, none)).toThrow(/the filter keeps no rows/);
  });
});

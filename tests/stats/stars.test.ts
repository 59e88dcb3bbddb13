import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { stars } from '../../src/stats/estimate.js';
import { checkStarLevels, REPORT_STAR_LEVELS, starLegend, starsAt } from '../../src/stats/stars.js';

describe('configurable star levels', () => {
  it("the default is the reports' 20 / 10 / 5 %, and stars() is starsAt at the default", () => {
    expect(REPORT_STAR_LEVELS).toEqual({ '†': 0.2, '*': 0.1, '**': 0.05 });
    for (let k = 0; k <= 1000; k++) {
      const p = k / 1000;
      expect(starsAt(p)).toBe(stars(p));
    }
    expect([0.049, 0.05, 0.099, 0.1, 0.199, 0.2].map((p) => starsAt(p))).toEqual([
      '**',
      '*',
      '*',
      '†',
      '†',
      '',
    ]);
    expect(starsAt(Number.NaN)).toBe('');
  });
  it('other levels: 10 / 5 / 1 %', () => {
    const journal = { '†': 0.1, '*': 0.05, '**': 0.01 };
    expect([0.005, 0.03, 0.07, 0.15].map((p) => starsAt(p, journal))).toEqual(['**', '*', '†', '']);
    expect(starLegend(journal, 'two-sided Welch t test')).toBe(
      'Stars: † p < 0.10, * p < 0.05, ** p < 0.01 (p-values: two-sided Welch t test)',
    );
    expect(starLegend({ '†': 0.05, '*': 0.01, '**': 0.001 })).toBe(
      'Stars: † p < 0.05, * p < 0.01, ** p < 0.001',
    );
  });
  it('bad levels are InputErrors naming the key or the order', () => {
    expect(checkStarLevels(undefined)).toBe(REPORT_STAR_LEVELS);
    expect(() => checkStarLevels({ '†': 0.05, '*': 0.1, '**': 0.01 })).toThrow(/\*\* < \* < †/);
    expect(() => checkStarLevels({ '†': 0.2, '*': 0.1, '**': 0 })).toThrow(/'\*\*' must be/);
    expect(() =>
      checkStarLevels({ '†': 0.2, '*': 0.1, '**': 0.05, '***': 0.001 } as never),
    ).toThrow(InputError);
  });
});

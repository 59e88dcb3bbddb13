// Configurable star levels (issue #15): the marks follow the levels asked for, and every table
// that prints stars says what they mean in its legend; the chart's legend names the same levels.
import { describe, expect, it } from 'vitest';
import { balanceTable, compareArms, effectChart, effectSeries } from '../../src/index.js';
import { starsAt } from '../../src/stats/stars.js';
import { dataTable } from '../fixtures/shared.js';

const pilot = await dataTable('den-haag-pilot.csv');
const journal = { '†': 0.1, '*': 0.05, '**': 0.01 } as const;

describe('star levels', () => {
  const spec = {
    treatment: 'experiment',
    control: 'control',
    event: 'month_bijstand',
    months: 24,
    covariates: ['decile', 'age'],
  } as const;
  const reports = effectSeries(pilot, spec);
  const journals = effectSeries(pilot, { ...spec, stars: journal });

  it('effectSeries marks every estimate at the levels asked for, values unchanged', () => {
    expect(reports.stars).toEqual({ '†': 0.2, '*': 0.1, '**': 0.05 });
    expect(journals.stars).toEqual(journal);
    for (let i = 0; i < 24; i++) {
      const a = reports.months[i]!;
      const b = journals.months[i]!;
      expect(b.adjusted!.estimate).toBe(a.adjusted!.estimate);
      expect(b.adjusted!.stars).toBe(starsAt(b.adjusted!.pValue, journal));
      expect(b.raw.stars).toBe(starsAt(b.raw.pValue, journal));
      expect(a.adjusted!.stars).toBe(starsAt(a.adjusted!.pValue));
    }
    // Some month's mark differs between the two sets of levels (p in [0.01, 0.05) or [0.10, 0.20)).
    expect(
      journals.months.some((m, i) => m.adjusted!.stars !== reports.months[i]!.adjusted!.stars),
    ).toBe(true);
  });

  it('the effect table states its levels and tests in every format', () => {
    expect(reports.toMarkdown()).toContain(
      'Stars: † p < 0.20, * p < 0.10, ** p < 0.05 (p-values: two-sided, pointwise',
    );
    expect(journals.toMarkdown()).toContain('Stars: † p < 0.10, * p < 0.05, ** p < 0.01');
    expect(journals.toHTML()).toContain('Stars: † p &lt; 0.10, * p &lt; 0.05, ** p &lt; 0.01');
  });

  it("the chart's legend names the levels that made the marks", () => {
    const spec = JSON.stringify(effectChart(journals));
    expect(spec).toContain('p < 0.05 (*)');
    expect(spec).toContain('p < 0.01 (**)');
    expect(spec).not.toContain('p < 0.20 (†)');
    expect(JSON.stringify(effectChart(reports))).toContain('p < 0.20 (†)');
  });

  it('compareArms and balanceTable take the same option and print the legend', () => {
    const cmp = compareArms(pilot, {
      treatment: 'experiment',
      control: 'control',
      outcomes: ['prior_bijstand', 'age'],
      stars: journal,
    });
    for (const o of cmp.outcomes) {
      expect(o.difference.stars).toBe(starsAt(o.difference.pValue, journal));
    }
    expect(cmp.method).toContain('stars † p < 0.10, * p < 0.05, ** p < 0.01');
    expect(cmp.toMarkdown()).toContain('Stars: † p < 0.10, * p < 0.05, ** p < 0.01');
    const bal = balanceTable(pilot, { covariates: ['gender', 'age'], stars: journal });
    for (const t of bal.tests) expect(t.stars).toBe(starsAt(t.pValue, journal));
    expect(bal.toMarkdown()).toContain('Stars: † p < 0.10, * p < 0.05, ** p < 0.01');
  });

  it('invalid levels are refused', () => {
    expect(() =>
      effectSeries(pilot, { ...spec, stars: { '†': 0.05, '*': 0.1, '**': 0.01 } }),
    ).toThrow(/stars: levels must satisfy/);
  });
});

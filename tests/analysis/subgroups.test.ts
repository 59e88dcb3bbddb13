import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { effectSeriesBy } from '../../src/analysis/subgroups.js';

const ref = JSON.parse(
  readFileSync(new URL('../reference/analysis.json', import.meta.url), 'utf8'),
) as {
  data: Record<string, (string | number | null)[]>;
  heterogeneity: { month: number; F: number; df1: number; df2: number; pValue: number }[];
  subgroups: { month: number; gender: string; estimate: number; stdError: number }[];
};
const columns = Object.keys(ref.data);
const rows = ref.data.id!.map((_, i) =>
  Object.fromEntries(columns.map((c) => [c, ref.data[c]![i] ?? null])),
);
const covariates = ['age', 'gender', 'education', 'prior_bijstand'];
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);

describe('effectSeriesBy agrees with R', () => {
  const months = [6, 12, 24];
  const byEducation = effectSeriesBy(rows, {
    event: 'month_bijstand',
    by: 'education',
    months,
    covariates,
  });
  const byGender = effectSeriesBy(rows, {
    event: 'month_bijstand',
    by: 'gender',
    months,
    covariates,
  });

  it('tests treatment × subgroup interactions like a Wald F test on lm_robust (HC2)', () => {
    byEducation.heterogeneity.forEach((h, i) => {
      const r = ref.heterogeneity[i]!;
      expect(h.month).toBe(r.month);
      expect(h.df).toEqual([r.df1, r.df2]);
      expect(rel(h.statistic, r.F)).toBeLessThan(1e-7);
      expect(rel(h.pValue, r.pValue)).toBeLessThan(1e-6);
    });
  });

  it('estimates the adjusted effect within each subgroup (constant covariate dropped as aliased)', () => {
    for (const r of ref.subgroups) {
      const g = byGender.subgroups.find((s) => s.level === r.gender)!;
      const m = g.series.months[months.indexOf(r.month)]!;
      expect(rel(m.adjusted!.estimate, r.estimate)).toBeLessThan(1e-8);
      expect(rel(m.adjusted!.stdError, r.stdError)).toBeLessThan(1e-8);
      expect(g.series.aliased).toContain('gender[woman]');
    }
  });

  it('orders numeric subgroup levels numerically and renders a table', () => {
    const withDecile = rows.map((r, i) => ({ ...r, decile: (i % 10) + 1 }));
    const s = effectSeriesBy(withDecile, { event: 'month_bijstand', by: 'decile', months: [12] });
    expect(s.subgroups.map((g) => g.level)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
    ]);
    expect(s.toTable()).toHaveLength(10);
    expect(s.toMarkdown()).toMatch(/interaction p/);
  });

  it('names an empty subgroup and a subgroup without a control arm', () => {
    expect(() =>
      effectSeriesBy(rows, { event: 'month_bijstand', by: 'gender', levels: ['man', 'x'] }),
    ).toThrow(/subgroup 'x' does not occur in column 'gender'/);
    // A subgroup without a control arm is reported and left out; the others are analysed.
    const noControl = rows.map((r) => (r.education === 'high' ? { ...r, arm: 'experiment' } : r));
    const s = effectSeriesBy(noControl, { event: 'month_bijstand', by: 'education', months: [6] });
    expect(s.notEstimableLevels).toEqual([
      { level: 'high', reason: "no clients in arm 'control'" },
    ]);
    expect(s.subgroups.map((g) => g.level)).not.toContain('high');
    // With fewer than two subgroups left, the error names it.
    const onlyOne = noControl.filter((r) => r.education === 'high' || r.education === 'low');
    expect(() =>
      effectSeriesBy(onlyOne, { event: 'month_bijstand', by: 'education', months: [6] }),
    ).toThrow(/subgroup 'high' of column 'education' has no clients in arm 'control'/);
  });
});

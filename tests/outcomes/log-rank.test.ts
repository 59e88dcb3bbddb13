import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { logRank, logRankTest } from '../../src/outcomes/log-rank.js';
import { clientTable, type LogRankRef, ref, relDiff, worstRel } from './survival-reference.js';

function compare(t: ReturnType<typeof logRankTest>, r: LogRankRef): number {
  expect(t.df).toBe(r.df);
  expect(t.arms.map((a) => a.observed)).toEqual(r.observed);
  const worst = Math.max(
    relDiff(t.statistic, r.statistic),
    worstRel(
      t.arms.map((a) => a.expected),
      r.expected,
    ),
  );
  expect(worst).toBeLessThan(1e-8);
  expect(relDiff(t.pValue, r.p_value)).toBeLessThan(1e-6);
  return worst;
}

describe('logRankTest agrees with R survdiff (rho = 0)', () => {
  it('the kernel with three groups: χ² on 2 df, as survdiff', () => {
    const g = ref.threeGroups;
    const fit = logRank(g.time, g.status, g.group, 3);
    expect(fit.df).toBe(2);
    expect(Array.from(fit.observed)).toEqual(g.logrank.observed);
    expect(worstRel(Array.from(fit.expected), g.logrank.expected)).toBeLessThan(1e-8);
    expect(relDiff(fit.statistic, g.logrank.statistic)).toBeLessThan(1e-8);
    expect(relDiff(fit.pValue, g.logrank.p_value)).toBeLessThan(1e-6);
  });
  it('work, integer months with heavy ties and censoring', () => {
    const t = logRankTest(clientTable(ref.clients), { event: 'month_work' });
    expect(compare(t, ref.logrank.single)).toBeLessThan(1e-12);
    expect(t.arms.map((a) => a.arm)).toEqual(['experiment', 'control']);
    expect(t.arms.map((a) => a.n)).toEqual([214, 186]);
  });
  it('cause-specific: bijstand first censors work', () => {
    const t = logRankTest(clientTable(ref.clients), {
      event: 'month_work',
      competing: ['month_bijstand'],
    });
    compare(t, ref.logrank.competing);
    expect(t.method).toContain('cause-specific');
  });
  it('a small sample with events only early', () => {
    compare(logRankTest(clientTable(ref.early), { event: 'month_work' }), ref.logrank.early);
  });
  it('the kernel gives the variance matrix of O − E', () => {
    const c = ref.clients;
    const time = c.month_work.map((m, i) => m ?? c.followup_months[i]!);
    const status = c.month_work.map((m) => (m === null ? 0 : 1));
    const group = c.arm.map((a) => (a === 'experiment' ? 0 : 1));
    const fit = logRank(time, status, group, 2);
    expect(worstRel(Array.from(fit.variance), ref.logrank.single.variance)).toBeLessThan(1e-10);
    expect(() => logRank([1, 2], [1, 0], [0, 2], 2)).toThrow(/row 2/);
    expect(() => logRank([1, 2], [1, 3], [0, 1], 2)).toThrow(InputError);
  });
  it('displays a table with the test', () => {
    expect(() =>
      logRankTest(clientTable(ref.clients), { event: 'month_work', competitng: [] } as never),
    ).toThrow(
      /invalid logRankTest spec: spec: unknown key "competitng" \(did you mean "competing"\?\)/,
    );
    const t = logRankTest(clientTable(ref.clients), { event: 'month_work' });
    expect(t.toMarkdown()).toContain('χ² = 6.56 on 1 df');
    expect(t.toTable()[0]).toMatchObject({ arm: 'experiment', observed: 141 });
  });
});

import { describe, expect, it } from 'vitest';
import { gray, grayTest } from '../../src/outcomes/gray-test.js';
import { clientTable, type GrayRef, ref, relDiff } from './survival-reference.js';

function compare(g: { statistic: number; df: number; pValue: number }, r: GrayRef): number {
  expect(g.df).toBe(r.df);
  const d = relDiff(g.statistic, r.statistic);
  expect(d).toBeLessThan(1e-8);
  expect(relDiff(g.pValue, r.p_value)).toBeLessThan(1e-6);
  return d;
}

describe('grayTest agrees with cmprsk::cuminc()$Tests (rho = 0)', () => {
  it('the kernel with three groups: χ² on 2 df, as cuminc', () => {
    const g = ref.threeGroups;
    const fit = gray(g.time_competing, g.status_competing, g.group, 3);
    expect(fit.df).toBe(2);
    compare(fit, g.gray);
  });
  it('work, bijstand competing: integer months with ties', () => {
    const g = grayTest(clientTable(ref.clients), {
      event: 'month_work',
      competing: ['month_bijstand'],
    });
    expect(compare(g, ref.gray.clients.work)).toBeLessThan(1e-12);
    expect(g.n).toBe(400);
    expect(g.toMarkdown()).toContain("Gray's test, month_work");
  });
  it('the competing destination as the event', () => {
    const g = grayTest(clientTable(ref.clients), {
      event: 'month_bijstand',
      competing: ['month_work'],
    });
    compare(g, ref.gray.clients.bijstand);
  });
  it('a small sample with events only early', () => {
    const early = clientTable(ref.early);
    compare(
      grayTest(early, { event: 'month_work', competing: ['month_bijstand'] }),
      ref.gray.early.work,
    );
    compare(
      grayTest(early, { event: 'month_bijstand', competing: ['month_work'] }),
      ref.gray.early.bijstand,
    );
  });
  it('the kernel: the statistic does not depend on the group coding', () => {
    const c = ref.clients;
    const time: number[] = [];
    const status: number[] = [];
    c.arm.forEach((_, i) => {
      const w = c.month_work[i];
      const b = c.month_bijstand[i];
      const first = Math.min(w ?? Number.POSITIVE_INFINITY, b ?? Number.POSITIVE_INFINITY);
      time.push(Number.isFinite(first) ? first : c.followup_months[i]!);
      status.push(!Number.isFinite(first) ? 0 : first === w ? 1 : 2);
    });
    const g0 = gray(
      time,
      status,
      c.arm.map((a) => (a === 'control' ? 0 : 1)),
      2,
    );
    const g1 = gray(
      time,
      status,
      c.arm.map((a) => (a === 'control' ? 1 : 0)),
      2,
    );
    expect(relDiff(g0.statistic, ref.gray.clients.work.statistic)).toBeLessThan(1e-10);
    expect(relDiff(g1.statistic, g0.statistic)).toBeLessThan(1e-10);
    expect(g1.score[0]).toBeCloseTo(-g0.score[0]!, 10);
  });
  it('needs a competing destination', () => {
    expect(() =>
      grayTest(clientTable(ref.clients), {
        event: 'month_work',
        competing: ['month_bijstand'],
        rho: 1,
      } as never),
    ).toThrow(/unknown key "rho"/);
    expect(() =>
      grayTest(clientTable(ref.clients), { event: 'month_work', competing: [] }),
    ).toThrow(/competing must name/);
  });
});

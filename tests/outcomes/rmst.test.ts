import { describe, expect, it } from 'vitest';
import { restrictedMean, rmstDifference } from '../../src/outcomes/rmst.js';
import { clientTable, type RmstRef, ref, relDiff } from './survival-reference.js';

function compare(r: ReturnType<typeof rmstDifference>, e: RmstRef): number {
  const [t, c] = r.arms;
  expect([t.n, c.n]).toEqual([e.experiment.n, e.control.n]);
  const worst = Math.max(
    relDiff(t.rmean, e.experiment.rmean),
    relDiff(t.stdError, e.experiment.se),
    relDiff(c.rmean, e.control.rmean),
    relDiff(c.stdError, e.control.se),
    relDiff(r.difference.estimate, e.difference.estimate),
    relDiff(r.difference.stdError, e.difference.std_err),
    relDiff(r.difference.statistic, e.difference.statistic),
    relDiff(r.difference.ci[0], e.difference.ci_lower),
    relDiff(r.difference.ci[1], e.difference.ci_upper),
  );
  expect(worst).toBeLessThan(1e-8);
  expect(relDiff(r.difference.pValue, e.difference.p_value)).toBeLessThan(1e-6);
  return worst;
}

describe('rmstDifference agrees with R print(survfit, rmean = tau)', () => {
  const clients = clientTable(ref.clients);
  it('tau = 12', () => {
    expect(
      compare(rmstDifference(clients, { event: 'month_work', tau: 12 }), ref.rmst.tau12),
    ).toBeLessThan(1e-12);
  });
  it('tau = 24, the longest follow-up', () => {
    compare(rmstDifference(clients, { event: 'month_work', tau: 24 }), ref.rmst.tau24);
  });
  it('tau between months (7.5)', () => {
    compare(rmstDifference(clients, { event: 'month_work', tau: 7.5 }), ref.rmst.tau7_5);
  });
  it('curves flat after the last event', () => {
    compare(
      rmstDifference(clientTable(ref.early), { event: 'month_work', tau: 18 }),
      ref.rmst.early18,
    );
  });
  it('hand derivation: S = 1, 0.75, 0.5 on [0,1), [1,2), [2,3)', () => {
    // Area = 1 + 0.75 + 0.5 = 2.25. Var: t=1 (n 4, d 1): A = 0.75 + 0.5 = 1.25, term 1.5625/12;
    // t=2 (n 3, d 1): A = 0.5, term 0.25/6; t=3 is not ≤ τ's inner area (A = 0).
    const r = restrictedMean([1, 2, 2, 3], [1, 1, 0, 1], 3);
    expect(r.rmean).toBeCloseTo(2.25, 14);
    expect(r.stdError).toBeCloseTo(Math.sqrt(1.5625 / 12 + 0.25 / 6), 14);
    expect(restrictedMean([2, 3], [1, 1], 1.5)).toEqual({ rmean: 1.5, stdError: 0, tau: 1.5 });
  });
  it('tau after the longest follow-up is refused, naming the arm', () => {
    expect(() =>
      rmstDifference(clients, { event: 'month_work', tau: 12, competing: ['x'] } as never),
    ).toThrow(/unknown key "competing"/);
    expect(() => rmstDifference(clients, { event: 'month_work', tau: 25 })).toThrow(
      /tau = 25 is after the longest follow-up in arm 'experiment' \(24 months\)/,
    );
    expect(() => rmstDifference(clients, { event: 'month_work', tau: 0 })).toThrow(/tau/);
  });
  it('displays the arms and the difference', () => {
    const r = rmstDifference(clients, { event: 'month_work', tau: 12 });
    expect(r.toMarkdown()).toContain('| difference |');
    expect(r.toTable()[0]!.difference_estimate).toBe(r.difference.estimate);
  });
});

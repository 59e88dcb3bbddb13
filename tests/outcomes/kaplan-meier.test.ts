import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { kaplanMeier } from '../../src/outcomes/index.js';
import { expectClose, type KmRef, ref } from './reference.js';

function kmInput(): { time: number[]; event: number[] } {
  const time: number[] = [];
  const event: number[] = [];
  for (const c of ref.clients) {
    time.push(c.month_bijstand ?? c.followup_months);
    event.push(c.month_bijstand === null ? 0 : 1);
  }
  return { time, event };
}

function compare(fit: ReturnType<typeof kaplanMeier>, r: KmRef): number {
  expect(Array.from(fit.time)).toEqual(r.time);
  expect(Array.from(fit.nRisk)).toEqual(r.n_risk);
  expect(Array.from(fit.nEvent)).toEqual(r.n_event);
  expect(Array.from(fit.nCensor)).toEqual(r.n_censor);
  return Math.max(
    expectClose(fit.surv, r.surv),
    expectClose(fit.stdErrLog, r.std_err_log),
    expectClose(fit.stdErr, r.std_err),
    expectClose(fit.lower, r.lower),
    expectClose(fit.upper, r.upper),
  );
}

describe('kaplanMeier agrees with R survfit', () => {
  const { time, event } = kmInput();
  it('conf.type log (default), integer months with ties and censoring', () => {
    expect(compare(kaplanMeier(time, event), ref.km.log)).toBeLessThan(1e-12);
  });
  it('conf.type log-log', () => {
    compare(kaplanMeier(time, event, { confType: 'log-log' }), ref.km.loglog);
  });
  it('conf.type plain', () => {
    compare(kaplanMeier(time, event, { confType: 'plain' }), ref.km.plain);
  });
  it('continuous times with ties', () => {
    const ev = ref.continuous.cause.map((c) => (c > 0 ? 1 : 0));
    compare(kaplanMeier(ref.continuous.time, ev), ref.km.continuous);
  });
  it('survival reaching 0: SE and interval undefined as in R', () => {
    const fit = kaplanMeier(ref.edge.time, ref.edge.event);
    compare(fit, ref.km.edge);
    expect(fit.stdErrLog[4]).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('kaplanMeier by hand', () => {
  it('censoring at an event time counts as after the event', () => {
    // t = 2: 3 at risk (the one censored at 2 included), 1 event: S = 3/4 · 2/3 = 1/2.
    const fit = kaplanMeier([1, 2, 2, 3], [1, 1, 0, 1]);
    expect(Array.from(fit.nRisk)).toEqual([4, 3, 1]);
    expect(Array.from(fit.surv)).toEqual([0.75, 0.5, 0]);
  });
  it('rejects bad input with InputError', () => {
    expect(() => kaplanMeier([1, 2], [1])).toThrow(InputError);
    expect(() => kaplanMeier([1, Number.NaN], [1, 0])).toThrow(/row 2/);
    expect(() => kaplanMeier([1, 2], [1, 2])).toThrow(/event must be 0/);
    expect(() => kaplanMeier([1], [1], { level: 95 })).toThrow(/level/);
  });
  it('handles empty input', () => {
    expect(kaplanMeier([], []).time.length).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { aalenJohansen } from '../../src/outcomes/index.js';
import { type AjRef, expectClose, ref } from './reference.js';

function ajInput(): { time: number[]; cause: number[] } {
  // First event; a tie in the same month goes to bijstand (as in outcomes.R).
  const time: number[] = [];
  const cause: number[] = [];
  for (const c of ref.clients) {
    const b = c.month_bijstand ?? Number.POSITIVE_INFINITY;
    const w = c.month_work ?? Number.POSITIVE_INFINITY;
    const first = Math.min(b, w);
    time.push(Number.isFinite(first) ? first : c.followup_months);
    cause.push(!Number.isFinite(first) ? 0 : b <= w ? 1 : 2);
  }
  return { time, cause };
}

function compare(fit: ReturnType<typeof aalenJohansen>, r: AjRef): number {
  expect(Array.from(fit.time)).toEqual(r.time);
  expect(Array.from(fit.nRisk)).toEqual(r.n_risk);
  expect(Array.from(fit.nCensor)).toEqual(r.n_censor);
  let worst = 0;
  for (let k = 0; k < r.states.length; k++) {
    expect(Array.from(fit.nEvent[k]!)).toEqual(r.n_event[k]);
    worst = Math.max(
      worst,
      expectClose(fit.pstate[k]!, r.pstate[k]!),
      expectClose(fit.stdErr[k]!, r.std_err[k]!),
      expectClose(fit.lower[k]!, r.lower[k]!),
      expectClose(fit.upper[k]!, r.upper[k]!),
    );
  }
  return worst;
}

describe('aalenJohansen agrees with R multi-state survfit (IJ variance)', () => {
  const { time, cause } = ajInput();
  it('conf.type log (default)', () => {
    expect(compare(aalenJohansen(time, cause), ref.aj.log)).toBeLessThan(1e-12);
  });
  it('conf.type log-log', () => {
    compare(aalenJohansen(time, cause, { confType: 'log-log' }), ref.aj.loglog);
  });
  it('conf.type plain', () => {
    compare(aalenJohansen(time, cause, { confType: 'plain' }), ref.aj.plain);
  });
  it('continuous times with ties between causes and censoring', () => {
    compare(aalenJohansen(ref.continuous.time, ref.continuous.cause), ref.aj.continuous);
  });
});

describe('aalenJohansen by hand', () => {
  it('equals 1 − Kaplan–Meier with a single cause', () => {
    const fit = aalenJohansen([1, 2, 2, 3], [1, 1, 0, 1]);
    expect(Array.from(fit.pstate[1]!)).toEqual([0.25, 0.5, 1]);
  });
  it('cumulative incidences and no-event probability sum to 1', () => {
    const fit = aalenJohansen([1, 2, 2, 3, 4, 4], [1, 2, 0, 1, 2, 0], { causes: 3 });
    for (let j = 0; j < fit.time.length; j++) {
      let s = 0;
      for (let k = 0; k <= 3; k++) s += fit.pstate[k]![j]!;
      expect(s).toBeCloseTo(1, 14);
    }
    // R for this data: S(1) = 5/6, F1(1) = 1/6, F2(2) = 5/6 · 1/5 = 1/6.
    expect(fit.pstate[1]![0]).toBeCloseTo(1 / 6, 15);
    expect(fit.pstate[2]![1]).toBeCloseTo(1 / 6, 15);
  });
});

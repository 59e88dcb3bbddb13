import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { timeFractions } from '../../src/outcomes/index.js';
import { ref } from './reference.js';

interface WelchRef {
  estimate: number[];
  std_err: number[];
  statistic: number[];
  df: number[];
  p_value: number[];
  lower: number[];
  upper: number[];
}
const tf = (ref as unknown as { timeFractions: Record<string, number[] | WelchRef> }).timeFractions;

describe('timeFractions agrees with R t.test (Welch)', () => {
  const data = ref.clients.map((c, i) => ({
    arm: c.arm,
    followup_months: c.followup_months,
    months_benefit: (tf.months_benefit as number[])[i],
    months_job: (tf.months_job as number[])[i],
  }));
  const out = timeFractions(data, {
    states: ['months_benefit', 'months_job'],
    compare: ['experiment', 'control'],
  });
  for (const state of ['benefit', 'job'] as const) {
    it(state, () => {
      const r = tf[state] as WelchRef;
      const d = out.rows.find((x) => x.state === state)!.difference;
      const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(1e-10);
      close(d.estimate, r.estimate[0]!);
      close(d.stdError, r.std_err[0]!);
      close(d.statistic, r.statistic[0]!);
      close(d.df, r.df[0]!);
      close(d.pValue, r.p_value[0]!);
      close(d.ci[0], r.lower[0]!);
      close(d.ci[1], r.upper[0]!);
    });
  }
  it('markdown states the method', () => {
    expect(out.toMarkdown()).toMatch(/Welch t test/);
  });
});

describe('timeFractions input', () => {
  it('excludes zero or missing windows and reports them; rejects time beyond the window', () => {
    const rows = [
      { arm: 'a', followup_months: 4, months_job: 2 },
      { arm: 'a', followup_months: 2, months_job: 1 },
      { arm: 'b', followup_months: 4, months_job: 1 },
      { arm: 'b', followup_months: 4, months_job: 3 },
      { arm: 'b', followup_months: 0, months_job: 0 },
    ];
    const out = timeFractions(rows, { states: ['months_job'] });
    expect(out.rows[0]!.groups.a!.mean).toBe(0.5);
    expect(out.rows[0]!.groups.b!.mean).toBe(0.5);
    expect(out.excluded).toEqual({ count: 1, rows: [5] });
    expect(() =>
      timeFractions([...rows, { arm: 'a', followup_months: 1, months_job: 2 }], {
        states: ['months_job'],
      }),
    ).toThrow(InputError);
  });
});

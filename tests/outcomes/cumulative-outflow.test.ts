import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { cumulativeOutflow } from '../../src/outcomes/index.js';
import { expectClose, type Num, ref } from './reference.js';

const arms = ['experiment', 'control'] as const;
const clients = ref.clients;

function pick<T>(rows: readonly T[], f: (r: T) => number): number[] {
  return rows.map(f);
}

describe('cumulativeOutflow agrees with R (summary(survfit, times = 1:24))', () => {
  it('kaplan-meier: share = 1 − S, SE and interval of S', () => {
    const out = cumulativeOutflow(clients, { events: ['month_bijstand'], method: 'kaplan-meier' });
    for (const arm of arms) {
      const r = ref.km.byArmMonthly[arm];
      const s = out.series(arm, 'bijstand');
      expect(pick(s, (x) => x.month)).toEqual(r.time);
      expect(pick(s, (x) => x.atRisk)).toEqual(r.n_risk);
      expectClose(
        pick(s, (x) => 1 - x.share),
        r.surv!,
      );
      expectClose(
        pick(s, (x) => x.stdError),
        r.std_err as Num[],
      );
      expectClose(
        pick(s, (x) => 1 - x.ci[1]),
        r.lower as Num[],
      );
      expectClose(
        pick(s, (x) => 1 - x.ci[0]),
        r.upper as Num[],
      );
    }
    expect(out.method).toBe('kaplan-meier');
    expect(out.description).toMatch(/Kaplan–Meier/);
  });

  it('aalen-johansen: competing bijstand and work, ties to bijstand, IJ standard errors', () => {
    const out = cumulativeOutflow(clients, {
      events: { bijstand: 'month_bijstand', work: 'month_work' },
      method: 'aalen-johansen',
      tiePriority: ['bijstand', 'work'],
    });
    for (const arm of arms) {
      const r = ref.aj.byArmMonthly[arm];
      const lower = r.lower as Num[][];
      const upper = r.upper as Num[][];
      ['bijstand', 'work'].forEach((dest, k) => {
        const s = out.series(arm, dest);
        expect(pick(s, (x) => x.atRisk)).toEqual(r.n_risk);
        expectClose(
          pick(s, (x) => x.share),
          r.pstate![k + 1]!,
        );
        expectClose(
          pick(s, (x) => x.stdError),
          (r.std_err as Num[][])[k + 1]!,
        );
        // R has NA where the incidence is still 0; we report the degenerate [0, 0] there.
        const lo = s.map((x, i) => (lower[k + 1]![i] === null ? Number.NaN : x.ci[0]));
        const hi = s.map((x, i) => (upper[k + 1]![i] === null ? Number.NaN : x.ci[1]));
        expectClose(lo, lower[k + 1]!);
        expectClose(hi, upper[k + 1]!);
      });
    }
  });

  it('complete follow-up: counts, shares and Wilson interval (prop.test, no correction)', () => {
    const out = cumulativeOutflow(clients, { events: ['month_bijstand'] });
    for (const arm of arms) {
      const r = ref.complete[arm];
      const s = out.series(arm, 'bijstand');
      expect(pick(s, (x) => x.atRisk)).toEqual(r.n);
      expect(pick(s, (x) => x.events)).toEqual(r.events);
      expectClose(
        pick(s, (x) => x.share),
        r.share,
      );
      expectClose(
        pick(s, (x) => x.ci[0]),
        r.lower,
      );
      expectClose(
        pick(s, (x) => x.ci[1]),
        r.upper,
      );
    }
    expect(out.interval).toBe('wilson');
  });
});

describe('complete follow-up by hand', () => {
  // Six clients, months 1–3:
  //   row  arm  followup  month_exit
  //   1    a    3         1
  //   2    a    3         –
  //   3    a    1         –        (observed month 1 only)
  //   4    a    2         2
  //   5    b    3         3
  //   6    b    –         1        (missing follow-up → excluded, reported)
  // Group a: month 1: n = #{f ≥ 1} = 4, events = #{e ≤ 1 ≤ f} = 1 (row 1)        → 1/4
  //          month 2: n = #{f ≥ 2} = 3 (rows 1, 2, 4), events = rows 1, 4 = 2     → 2/3
  //          month 3: n = #{f ≥ 3} = 2 (rows 1, 2), events = row 1 = 1 (row 4 left) → 1/2
  // Group b: month 1: 0/1, month 2: 0/1, month 3: 1/1.
  // Wald SE month 2, group a: √(2/3 · 1/3 / 3) = √2 / 3 /√3 ≈ 0.272166.
  // Wilson 95 % at 1/4: z = 1.959964, centre (1 + z²/2)/(4 + z²) = 2.920729/7.841459 = 0.372473,
  //   half = z/(4 + z²)·√(1·3/4 + z²/4) = 0.249947·√1.710365 = 0.326885 → [0.045587, 0.699358]
  //   (R: prop.test(1, 4, correct = FALSE)$conf.int = 0.04558726, 0.69935816).
  const data = [
    { arm: 'a', followup_months: 3, month_exit: 1 },
    { arm: 'a', followup_months: 3, month_exit: null },
    { arm: 'a', followup_months: 1, month_exit: null },
    { arm: 'a', followup_months: 2, month_exit: 2 },
    { arm: 'b', followup_months: 3, month_exit: 3 },
    { arm: 'b', followup_months: null, month_exit: 1 },
  ];
  const out = cumulativeOutflow(data, { events: ['month_exit'], months: 3 });

  it('shares, counts and SE per month', () => {
    const a = out.series('a', 'exit');
    expect(a.map((r) => [r.atRisk, r.events])).toEqual([
      [4, 1],
      [3, 2],
      [2, 1],
    ]);
    expect(a.map((r) => r.share)).toEqual([1 / 4, 2 / 3, 1 / 2]);
    expect(a[1]!.stdError).toBeCloseTo(Math.sqrt(2) / 3 / Math.sqrt(3), 14);
    expect(a[0]!.ci[0]).toBeCloseTo(0.04558726, 8);
    expect(a[0]!.ci[1]).toBeCloseTo(0.69935816, 8);
    expect(out.series('b', 'exit').map((r) => r.share)).toEqual([0, 0, 1]);
  });

  it('reports exclusions and group sizes', () => {
    expect(out.groups).toEqual([
      { group: 'a', n: 4, excluded: 0 },
      { group: 'b', n: 1, excluded: 1 },
    ]);
    expect(out.excluded).toEqual([{ reason: 'missing-followup', count: 1, rows: [6] }]);
    expect(out.toMarkdown()).toMatch(/Excluded for missing follow-up: 1/);
  });

  it('Wald interval on request', () => {
    const w = cumulativeOutflow(data, { events: ['month_exit'], months: 3, interval: 'wald' });
    const r = w.get('a', 'exit', 2)!;
    expect(r.ci[0]).toBeCloseTo(2 / 3 - 1.959963984540054 * r.stdError, 12);
    expect(w.description).toMatch(/Wald/);
  });
});

describe('kaplan-meier and aalen-johansen by hand', () => {
  // Group a of the tiny data: times (event or censoring) 1*, 3, 1, 2* → S(1) = 3/4, S(2) = 3/4 · 1/2.
  const data = [
    { followup_months: 3, month_exit: 1 },
    { followup_months: 3, month_exit: null },
    { followup_months: 1, month_exit: null },
    { followup_months: 2, month_exit: 2 },
  ];
  it('1 − KM keeps clients censored at m in month m', () => {
    const out = cumulativeOutflow(data, {
      events: ['month_exit'],
      group: null,
      months: 3,
      method: 'kaplan-meier',
    });
    expect(out.series('all', 'exit').map((r) => r.share)).toEqual([0.25, 0.625, 0.625]);
    expect(out.series('all', 'exit').map((r) => r.atRisk)).toEqual([4, 2, 1]);
  });
  it('same-month destinations: error without tiePriority, priority decides with it', () => {
    const tied = [
      { followup_months: 2, month_a: 1, month_b: 1 },
      { followup_months: 2, month_a: null, month_b: 2 },
    ];
    const spec = { events: ['month_a', 'month_b'], group: null, months: 2 } as const;
    expect(() => cumulativeOutflow(tied, { ...spec, method: 'aalen-johansen' })).toThrow(
      /same month.*row 1|rows 1/,
    );
    const out = cumulativeOutflow(tied, {
      ...spec,
      method: 'aalen-johansen',
      tiePriority: ['b', 'a'],
    });
    expect(out.get('all', 'b', 1)!.share).toBe(0.5);
    expect(out.get('all', 'a', 2)!.share).toBe(0);
    expect(out.get('all', 'b', 2)!.share).toBe(1);
    expect(out.description).toMatch(/b > a/);
  });
});

describe('benchmark', () => {
  it('is carried and tabulated as its own group, never estimated', () => {
    const withB = cumulativeOutflow(clients, {
      events: ['month_bijstand'],
      groups: ['experiment', 'control'],
      benchmark: {
        label: 'rest of NL, decile 1',
        values: [
          { month: 24, share: 0.297 },
          { month: 12, share: 0.2 },
        ],
      },
    });
    const without = cumulativeOutflow(clients, { events: ['month_bijstand'] });
    expect(withB.rows).toEqual(without.rows);
    expect(withB.benchmark[0]!.values.map((v) => v.month)).toEqual([12, 24]);
    const t = withB.toTable();
    const bench = t.filter((d: { source: string }) => d.source === 'benchmark').objects();
    expect(bench).toHaveLength(2);
    expect(bench[1]).toMatchObject({ group: 'rest of NL, decile 1', share: 0.297, atRisk: null });
    expect(t.numRows()).toBe(2 * 24 + 2);
    expect(withB.toMarkdown()).toMatch(/rest of NL, decile 1 \(benchmark\)/);
    expect(JSON.parse(JSON.stringify(withB)).benchmark[0].label).toBe('rest of NL, decile 1');
  });
  it('rejects a label equal to a group', () => {
    expect(() =>
      cumulativeOutflow(clients, {
        events: ['month_bijstand'],
        benchmark: { label: 'control', values: [] },
      }),
    ).toThrow(InputError);
  });
});

describe('errors', () => {
  function code(f: () => unknown): string {
    try {
      f();
    } catch (e) {
      if (e instanceof InputError) return e.code;
      throw e;
    }
    return 'no error';
  }
  const row = { arm: 'a', followup_months: 3, month_exit: 2 };

  it('unknown column names it and lists the available ones', () => {
    expect(() => cumulativeOutflow([row], { events: ['month_work'], months: 3 })).toThrow(
      /month_work.*arm, followup_months, month_exit/,
    );
    expect(code(() => cumulativeOutflow([row], { events: ['month_exit'], followup: 'fu' }))).toBe(
      'missing-column',
    );
  });
  it('month beyond the follow-up horizon', () => {
    expect(() => cumulativeOutflow([row], { events: ['month_exit'], months: 4 })).toThrow(
      /no client is observed 4 months/,
    );
  });
  it('non-integer or negative months', () => {
    expect(
      code(() =>
        cumulativeOutflow([{ ...row, month_exit: 1.5 }], { events: ['month_exit'], months: 3 }),
      ),
    ).toBe('out-of-range');
    expect(
      code(() =>
        cumulativeOutflow([{ ...row, month_exit: null, followup_months: -1 }], {
          events: ['month_exit'],
          months: 1,
        }),
      ),
    ).toBe('out-of-range');
    expect(code(() => cumulativeOutflow([row], { events: ['month_exit'], months: 2.5 }))).toBe(
      'invalid-option',
    );
  });
  it('event after follow-up, with row numbers', () => {
    const data = [row, { ...row, month_exit: 4 }];
    expect(() => cumulativeOutflow(data, { events: ['month_exit'], months: 3 })).toThrow(/row 2/);
  });
  it('empty group', () => {
    expect(
      code(() =>
        cumulativeOutflow([row], { events: ['month_exit'], months: 3, groups: ['a', 'b'] }),
      ),
    ).toBe('empty-group');
  });
  it('tiePriority must list every destination', () => {
    expect(
      code(() =>
        cumulativeOutflow([row], {
          events: ['month_exit'],
          months: 3,
          method: 'aalen-johansen',
          tiePriority: ['work'],
        }),
      ),
    ).toBe('invalid-option');
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { stateTimesFromPanel, stateTimesFromSpells } from '../../src/analysis/monthly-states.js';
import { InputError } from '../../src/errors.js';
import { timeFractions } from '../../src/outcomes/time-fractions.js';
import { clientRows, close, ref, reportWorst } from './compliance-reference.js';

const clients = clientRows()
  .slice(0, 200)
  .map((r) => ({ id: r.id, arm: r.arm, followup_months: r.followup_months }));
const panel = ref.panel.id.map((id, i) => ({
  id,
  month: ref.panel.month[i]!,
  state: ref.panel.state[i]!,
}));
const states = ['benefit', 'job', 'other'] as const;

function catchError(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('stateTimesFromPanel → timeFractions agrees with R (t.test on the fractions)', () => {
  const st = stateTimesFromPanel(panel, { clients, states: [...states] });
  const tf = timeFractions(st.rows, {
    ...st.timeFractionsSpec,
    compare: ['experiment', 'control'],
  });

  it('months per client in each state, clients in table order with their columns', () => {
    expect(st.unit).toBe('months');
    expect(st.columns).toEqual({
      benefit: 'months_benefit',
      job: 'months_job',
      other: 'months_other',
    });
    expect(st.window).toBe('followup_months');
    expect(st.rows).toHaveLength(200);
    expect(st.rows[0]).toMatchObject({ id: clients[0]!.id, arm: clients[0]!.arm });
    for (const s of states) {
      expect(st.rows.map((r) => r[`months_${s}`])).toEqual(ref.fractions[s].months);
    }
    // A month can carry benefit and job: some clients' fractions sum above 1.
    const over = st.rows.filter(
      (r) =>
        (r.months_benefit as number) + (r.months_job as number) + (r.months_other as number) >
        (r.followup_months as number),
    );
    expect(over.length).toBeGreaterThan(0);
  });

  for (const [k, s] of states.entries()) {
    it(`fraction ${s}: Welch difference as t.test`, () => {
      const r = ref.fractions[s];
      const row = tf.rows[k]!;
      expect(row.state).toBe(s);
      close(row.groups.experiment!.mean, r.meanTreated, 1e-12, 'mean fraction');
      close(row.groups.control!.mean, r.meanControl, 1e-12, 'mean fraction');
      close(row.difference.estimate, r.estimate, 1e-10, 'difference');
      close(row.difference.stdError, r.stdError, 1e-10, 'SE');
      close(row.difference.df, r.df, 1e-10, 'df');
      close(row.difference.pValue, r.pValue, 1e-6, 'p');
    });
  }

  it('the same times from spells (runs of months, inclusive ends, window 1…followup)', () => {
    const spells: { id: string; state: string; start: number; end: number }[] = [];
    for (const s of states) {
      let current: { id: string; state: string; start: number; end: number } | undefined;
      panel
        .filter((p) => p.state === s)
        .forEach((p) => {
          if (current && current.id === p.id && current.end === p.month - 1) current.end = p.month;
          else {
            current = { id: p.id, state: s, start: p.month, end: p.month };
            spells.push(current);
          }
        });
    }
    const withWindow = clients.map((c) => ({
      ...c,
      window_start: 1,
      window_end: c.followup_months,
    }));
    const fromSpells = stateTimesFromSpells(spells, { clients: withWindow, states: [...states] });
    expect(fromSpells.unit).toBe('units');
    for (const s of states) {
      expect(fromSpells.rows.map((r) => r[`time_${s}`])).toEqual(ref.fractions[s].months);
    }
    expect(fromSpells.rows.map((r) => r.window_length)).toEqual(
      clients.map((c) => c.followup_months),
    );
  });

  it('toMarkdown summarises per state; toTable copies the rows', () => {
    const md = st.toMarkdown();
    expect(md).toContain(
      '| state | clients with any time | mean months | mean fraction of window |',
    );
    expect(md).toContain('200 clients');
    expect(st.method).toContain('monthly panel');
    const t = st.toTable();
    t[0]!.months_job = -1;
    expect(st.rows[0]!.months_job).not.toBe(-1);
  });

  afterAll(() => {
    reportWorst('time fractions');
  });
});

describe('stateTimesFromPanel without a clients table', () => {
  const small = [
    { id: 'a', month: 1, state: 'benefit', arm: 'x' },
    { id: 'a', month: 2, state: 'benefit', arm: 'x' },
    { id: 'a', month: 2, state: 'job', arm: 'x' },
    { id: 'a', month: 3, state: 'job', arm: 'x' },
    { id: 'b', month: 1, state: 'benefit', arm: 'y' },
    { id: 'b', month: 2, state: null, arm: 'y' },
  ];
  it('window = distinct months observed; carried columns; sorted states by default', () => {
    const st = stateTimesFromPanel(small, { carry: ['arm'] });
    expect(st.states).toEqual(['benefit', 'job']);
    expect(st.rows).toEqual([
      { id: 'a', arm: 'x', followup_months: 3, months_benefit: 2, months_job: 2 },
      { id: 'b', arm: 'y', followup_months: 2, months_benefit: 1, months_job: 0 },
    ]);
  });
  it('errors: duplicate, unknown state, inconsistent carry, bad month', () => {
    const dup = catchError(() =>
      stateTimesFromPanel([...small, { id: 'a', month: 2, state: 'job', arm: 'x' }]),
    );
    expect(dup.code).toBe('duplicate-id');
    expect(dup.message).toContain('rows 3, 7');
    const unknown = catchError(() => stateTimesFromPanel(small, { states: ['benefit'] }));
    expect(unknown.code).toBe('unknown-level');
    expect(unknown.message).toContain("'job' in rows 3, 4");
    const carry = catchError(() =>
      stateTimesFromPanel([...small, { id: 'b', month: 3, state: 'job', arm: 'z' }], {
        carry: ['arm'],
      }),
    );
    expect(carry.code).toBe('inconsistent');
    expect(carry.message).toContain("carried column 'arm' differs within one client, in rows 5, 7");
    const month = catchError(() => stateTimesFromPanel([{ id: 'a', month: 0, state: 'job' }]));
    expect(month.code).toBe('out-of-range');
    expect(month.column).toBe('month');
  });
  it('errors with a clients table: unknown client, month beyond the window', () => {
    const cl = [
      { id: 'a', arm: 'x', followup_months: 3 },
      { id: 'b', arm: 'y', followup_months: 1 },
    ];
    const beyond = catchError(() => stateTimesFromPanel(small, { clients: cl }));
    expect(beyond.code).toBe('out-of-range');
    expect(beyond.message).toContain(
      "months beyond the client's window 'followup_months' in row 6",
    );
    const unknown = catchError(() => stateTimesFromPanel(small, { clients: cl.slice(0, 1) }));
    expect(unknown.code).toBe('unknown-level');
    expect(unknown.message).toContain('rows 5, 6');
    expect(unknown.message).not.toContain("'b'"); // ids are never echoed
    const dupClient = catchError(() => stateTimesFromPanel(small, { clients: [...cl, cl[0]!] }));
    expect(dupClient.code).toBe('duplicate-id');
    const col = catchError(() => stateTimesFromPanel(small, { month: 'maand' }));
    expect(col.message).toContain("missing column 'maand' (month)");
  });
});

describe('stateTimesFromSpells with dates', () => {
  const cl = [
    { id: 'a', arm: 'intensive', start: '2013-01-01' },
    { id: 'b', arm: 'basic', start: '2013-01-11' },
  ];
  const spells = [
    { id: 'a', state: 'benefit', from: '2012-12-01', to: '2013-01-10' }, // clipped: 10 days
    { id: 'a', state: 'job', from: '2013-01-08', to: null }, // ongoing: 8 Jan – 31 Jan = 24 days
    { id: 'b', state: 'benefit', from: '2013-01-11', to: '2013-01-20' }, // 10 days
    { id: 'b', state: 'benefit', from: '2013-01-25', to: new Date(Date.UTC(2013, 0, 26)) }, // 2
    { id: 'b', state: 'job', from: '2013-02-01', to: '2013-02-10' }, // after the window: 0
  ];
  const spec = {
    clients: cl,
    windowStart: 'start',
    until: '2013-01-31',
    start: 'from',
    end: 'to',
  } as const;

  it('days per state, clipped to the window, inclusive ends', () => {
    const st = stateTimesFromSpells(spells, spec);
    expect(st.unit).toBe('days');
    expect(st.rows).toEqual([
      {
        id: 'a',
        arm: 'intensive',
        start: '2013-01-01',
        window_days: 31,
        days_benefit: 10,
        days_job: 24,
      },
      {
        id: 'b',
        arm: 'basic',
        start: '2013-01-11',
        window_days: 21,
        days_benefit: 12,
        days_job: 0,
      },
    ]);
    const tf = timeFractions(
      [
        ...st.rows,
        { ...st.rows[0]!, id: 'c', days_job: 20 },
        { ...st.rows[1]!, id: 'd', days_benefit: 5 },
      ],
      { ...st.timeFractionsSpec, compare: ['intensive', 'basic'] },
    );
    expect(tf.rows.map((r) => r.state)).toEqual(['benefit', 'job']);
    expect(tf.rows[0]!.groups.intensive!.mean).toBeCloseTo(10 / 31, 15);
  });

  it('exclusive ends', () => {
    const st = stateTimesFromSpells(spells, { ...spec, endInclusive: false });
    expect(st.rows[0]).toMatchObject({ window_days: 30, days_benefit: 9, days_job: 23 });
  });

  it('errors: overlap, end before start, unknown client, mixed types, bad date', () => {
    const overlap = catchError(() =>
      stateTimesFromSpells(
        [...spells, { id: 'b', state: 'benefit', from: '2013-01-20', to: '2013-01-22' }],
        spec,
      ),
    );
    expect(overlap.code).toBe('inconsistent');
    expect(overlap.message).toBe("spells of state 'benefit' of one client overlap: rows 3 and 6");
    // Touching spells overlap with inclusive ends but not with exclusive ends.
    const touching = [
      ...spells.slice(0, 3),
      { id: 'b', state: 'benefit', from: '2013-01-20', to: '2013-01-22' },
    ];
    expect(catchError(() => stateTimesFromSpells(touching, spec)).code).toBe('inconsistent');
    expect(stateTimesFromSpells(touching, { ...spec, endInclusive: false }).rows[1]).toMatchObject({
      days_benefit: 11,
    });
    const backwards = catchError(() =>
      stateTimesFromSpells([{ id: 'a', state: 'job', from: '2013-01-10', to: '2013-01-09' }], spec),
    );
    expect(backwards.code).toBe('inconsistent');
    expect(backwards.message).toContain('row 1');
    const unknown = catchError(() =>
      stateTimesFromSpells([{ id: 'zz', state: 'job', from: '2013-01-10', to: null }], spec),
    );
    expect(unknown.code).toBe('unknown-level');
    expect(unknown.message).toBe(
      "spell column 'id' has clients that are not in the clients table, in row 1",
    );
    const mixed = catchError(() =>
      stateTimesFromSpells([{ id: 'a', state: 'job', from: 3, to: 5 }], spec),
    );
    expect(mixed.message).toContain('mix dates and numbers');
    const bad = catchError(() =>
      stateTimesFromSpells([{ id: 'a', state: 'job', from: '10-01-2013', to: null }], spec),
    );
    expect(bad.code).toBe('wrong-type');
    expect(bad.message).toContain(
      "'from' must be a date (Date or YYYY-MM-DD) or a number, but has '10-01-2013' in row 1",
    );
    const state = catchError(() => stateTimesFromSpells(spells, { ...spec, states: ['job'] }));
    expect(state.code).toBe('unknown-level');
  });
});

import { table } from 'arquero';
import { describe, expect, it } from 'vitest';
import { survivalToWide } from '../../src/data/survival-input.js';
import { InputError } from '../../src/errors.js';

function thrown(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an InputError');
}

describe('survivalToWide: Surv(time, status) to follow-up + event months', () => {
  it('an event falls in month ⌈time⌉ and ends the follow-up there; a censored client keeps its time', () => {
    const wide = survivalToWide(
      table({
        t: [3.2, 10, 7, 0.5, 12],
        s: ['recurrence', 'censored', 'death', 'recurrence', 'censored'],
      }),
      { time: 't', status: 's' },
    );
    expect(wide.followup).toBe('followup_months');
    expect(wide.events).toEqual({ recurrence: 'month_recurrence', death: 'month_death' });
    expect([...(wide.table.array('followup_months') as Float64Array)]).toEqual([4, 10, 7, 1, 12]);
    expect(wide.table.array('month_recurrence')).toEqual([4, null, null, 1, null]);
    expect(wide.table.array('month_death')).toEqual([null, null, 7, null, null]);
  });
  it('numeric status: 0 is censored, other values name destinations', () => {
    const wide = survivalToWide(table({ time: [1, 2, 3], status: [1, 0, 2] }), {
      time: 'time',
      status: 'status',
    });
    expect(wide.events).toEqual({ '1': 'month_1', '2': 'month_2' });
  });
  it('a custom censored label', () => {
    const wide = survivalToWide(table({ time: [1, 2], status: ['work', 'open'] }), {
      time: 'time',
      status: 'status',
      censored: 'open',
    });
    expect(wide.events).toEqual({ work: 'month_work' });
  });
  it('bad input names the column, the row and the value', () => {
    const negative = thrown(() =>
      survivalToWide(table({ time: [1, -2], status: ['a', 'censored'] }), {
        time: 'time',
        status: 'status',
      }),
    );
    expect(negative.code).toBe('out-of-range');
    expect(negative.column).toBe('time');
    expect(negative.rows).toEqual([2]);
    expect(negative.value).toBe('-2');
    const missing = thrown(() =>
      survivalToWide(table({ time: [1, 2], status: ['a', null] }), {
        time: 'time',
        status: 'status',
      }),
    );
    expect([missing.code, missing.column, missing.rows]).toEqual(['missing-value', 'status', [2]]);
    const zero = thrown(() =>
      survivalToWide(table({ time: [0, 2], status: ['a', 'censored'] }), {
        time: 'time',
        status: 'status',
      }),
    );
    expect([zero.code, zero.rows]).toEqual(['out-of-range', [1]]);
    expect(zero.message).toContain('must be > 0 for clients with a destination');
    const none = thrown(() =>
      survivalToWide(table({ time: [1, 2], status: ['censored', 'censored'] }), {
        time: 'time',
        status: 'status',
      }),
    );
    expect(none.code).toBe('no-cases');
    const clash = thrown(() =>
      survivalToWide(table({ time: [1], status: ['a'], month_a: [1] }), {
        time: 'time',
        status: 'status',
      }),
    );
    expect([clash.code, clash.column]).toEqual(['duplicate-column', 'month_a']);
    const text = thrown(() =>
      survivalToWide(table({ time: ['soon'], status: ['a'] }), { time: 'time', status: 'status' }),
    );
    expect([text.code, text.column, text.value]).toEqual(['wrong-type', 'time', "'soon'"]);
  });
});

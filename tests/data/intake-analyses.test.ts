import { escape as opaque, table } from 'arquero';
import { describe, expect, it } from 'vitest';
import { complierEffect } from '../../src/analysis/complier.js';
import { participationTable } from '../../src/analysis/participation.js';
import { effectSeriesBy } from '../../src/analysis/subgroups.js';
import { balanceTable } from '../../src/assign/balance.js';
import {
  experimentIntake,
  intakeArms,
  intakeFollowupAndEvents,
  readArms,
  readFollowup,
  withoutCovariates,
} from '../../src/data/intake.js';
import { InputError } from '../../src/errors.js';
import { cumulativeOutflow } from '../../src/outcomes/cumulative-outflow.js';
import { timeFractions } from '../../src/outcomes/time-fractions.js';
import { smallRows } from '../evaluate/small-data.js';

// The small experiment plus a third arm, a missing age and a missing follow-up.
const rows = smallRows().map((r, i) => ({
  ...r,
  arm: i === 7 ? 'waitlist' : r.arm,
  age: i === 3 ? null : r.age,
  followup_months: i === 11 ? null : r.followup_months,
  months_job: i === 11 ? null : Math.min(r.followup_months, i % 7),
}));
const data = table(
  Object.fromEntries(Object.keys(rows[0]!).map((k) => [k, rows.map((r) => r[k as 'id'])])),
);
const events = ['month_bijstand', 'month_work'];
const intake = experimentIntake(data, { covariates: ['gender', 'age'] }, { events });
const plain = (x: unknown) => JSON.parse(JSON.stringify(x));

describe('an analysis given the intake gives what it gives for the table', () => {
  it('cumulativeOutflow (each method)', () => {
    for (const method of ['complete', 'kaplan-meier', 'aalen-johansen'] as const) {
      const spec = {
        events,
        groups: ['experiment', 'control'],
        months: 6,
        method,
        ...(method === 'aalen-johansen' ? { tiePriority: ['bijstand', 'work'] } : {}),
      };
      const a = cumulativeOutflow(intake, spec);
      expect(plain(a)).toEqual(plain(cumulativeOutflow(data, spec)));
      expect(a.rows.length).toBeGreaterThan(0);
    }
  });
  it('timeFractions', () => {
    const spec = { states: ['months_job'], compare: ['experiment', 'control'] as const };
    expect(plain(timeFractions(intake, spec))).toEqual(plain(timeFractions(data, spec)));
  });
  it('balanceTable: the intake two arms, as the table of those arms', () => {
    const twoArms = data
      .filter(opaque((d: { arm: string }) => d.arm === 'experiment' || d.arm === 'control'))
      .reify();
    const options = { covariates: ['gender', 'age', 'office'], factors: ['office'] };
    const b = balanceTable(intake, options);
    expect(plain(b)).toEqual(
      plain(balanceTable(twoArms, { ...options, arms: ['control', 'experiment'] })),
    );
    expect(b.notes.join(' ')).not.toMatch(/left out/);
  });
  it('participationTable ignores the covariates of the intake (a missing age keeps the client)', () => {
    const spec = { categories: ['none', 'conversation'], received: ['conversation'] };
    const t = participationTable(intake, spec);
    expect(plain(t)).toEqual(plain(participationTable(data, spec)));
  });
  it('complierEffect and effectSeriesBy', () => {
    const spec = {
      covariates: ['gender', 'age'],
      outcome: { event: 'month_bijstand', month: 6 },
      received: { column: 'participation', values: ['conversation'] },
    };
    expect(plain(complierEffect(intake, spec))).toEqual(plain(complierEffect(data, spec)));
    const by = { event: 'month_work', by: 'office', months: 6, covariates: ['gender', 'age'] };
    const fromIntake = experimentIntake(data, by, { events: ['month_work'] });
    expect(plain(effectSeriesBy(fromIntake, by))).toEqual(plain(effectSeriesBy(data, by)));
  });
});

describe('the intake readers', () => {
  it('readFollowup and readArms name the role of a missing column', () => {
    expect(() => readFollowup(data, 'window_months', 'window')).toThrow(
      /missing column 'window_months' \(window\)/,
    );
    expect(() => readArms(data, 'group', 'group')).toThrow(/missing column 'group' \(group\)/);
    expect(readArms(data, 'arm')[7]).toBe('waitlist');
    expect(Number.isNaN(readFollowup(data, 'followup_months')[11]!)).toBe(true);
  });
  it('intakeFollowupAndEvents and intakeArms reuse the intake’s arrays', () => {
    const read = intakeFollowupAndEvents(intake, 'followup_months', ['month_work']);
    expect(read.followup).toBe(intake.followup);
    expect(read.events.month_work).toBe(intake.events.month_work);
    expect(intakeArms(intake, 'arm')).toBe(intake.arms);
    // Columns the intake did not read come from its table.
    expect(intakeArms(intake, 'office')[0]).toBe('office 1');
  });
  it('wholeMonths rejects a fractional event month from an intake as from a table', () => {
    const t = table({ arm: ['experiment', 'control'], followup_months: [3, 3], month_x: [1.5, 2] });
    const fractional = experimentIntake(t, {}, { events: ['month_x'] });
    const message = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        if (e instanceof InputError) return `${e.code}: ${e.message}`;
      }
      return 'no error';
    };
    const fromTable = message(() =>
      intakeFollowupAndEvents(t, 'followup_months', ['month_x'], { wholeMonths: true }),
    );
    expect(fromTable).toBe(
      "out-of-range: column 'month_x' must hold whole numbers ≥ 1, but has 1.5 in row 1",
    );
    expect(
      message(() =>
        intakeFollowupAndEvents(fractional, 'followup_months', ['month_x'], { wholeMonths: true }),
      ),
    ).toBe(fromTable);
  });
  it('withoutCovariates keeps the clients with a missing covariate', () => {
    const reasons = (i: typeof intake) => i.excluded.map((e) => `${e.reason}: ${e.count}`);
    expect(reasons(intake)).toEqual([
      "arm not 'experiment' or 'control': 1",
      "missing 'followup_months': 1",
      'missing covariate (age: 1): 1',
    ]);
    const bare = withoutCovariates(intake);
    expect(reasons(bare)).toEqual([
      "arm not 'experiment' or 'control': 1",
      "missing 'followup_months': 1",
    ]);
    expect(bare.roles.covariates).toEqual([]);
    expect(bare.covariates.matrix.names).toEqual(['(Intercept)']);
  });
});

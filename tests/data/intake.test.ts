import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EXPERIMENT_SCHEMA,
  experimentIntake,
  experimentRoles,
  isExperimentIntake,
  resolveSchema,
} from '../../src/data/index.js';
import { InputError } from '../../src/errors.js';

const rows = [
  { id: 'a1', arm: 'experiment', followup_months: 12, month_work: 3, age: 41, gender: 'man' },
  { id: 'a2', arm: 'control', followup_months: 6, month_work: null, age: 35, gender: 'woman' },
  { id: 'a3', arm: 'control', followup_months: null, month_work: null, age: 29, gender: 'man' },
  { id: 'a4', arm: 'other', followup_months: 9, month_work: 9, age: 50, gender: 'woman' },
  { id: 'a5', arm: 'experiment', followup_months: 24, month_work: 20, age: null, gender: 'man' },
  { id: 'a6', arm: 'experiment', followup_months: 24, month_work: null, age: 33, gender: 'woman' },
];

function thrown(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('experimentRoles', () => {
  it('fills in the documented defaults, events from the month_ columns', () => {
    expect(
      experimentRoles({}, ['id', 'arm', 'followup_months', 'month_work', 'month_exit']),
    ).toEqual({
      id: 'id',
      arm: 'arm',
      treatment: 'experiment',
      control: 'control',
      followup: 'followup_months',
      events: ['month_work', 'month_exit'],
      participation: 'participation',
      decile: 'decile',
      risk: 'risk',
      covariates: [],
    });
    expect(DEFAULT_EXPERIMENT_SCHEMA.followup).toBe('followup_months');
  });

  it('takes overrides, and one event over the month_ columns', () => {
    const roles = experimentRoles(
      {
        id: 'bsn',
        arm: 'groep',
        treatment: 'intensive',
        control: 'basic',
        followup: 'maanden',
        event: 'maand_bijstand',
        participation: 'deelname',
        covariates: ['age'],
      },
      ['month_work'],
    );
    expect(roles).toMatchObject({
      id: 'bsn',
      arm: 'groep',
      treatment: 'intensive',
      control: 'basic',
      followup: 'maanden',
      events: ['maand_bijstand'],
      participation: 'deelname',
      covariates: ['age'],
    });
    expect(experimentRoles({ events: ['a', 'b'], event: 'c' }).events).toEqual(['a', 'b']);
  });

  it('rejects equal treatment and control labels', () => {
    const e = thrown(() => experimentRoles({ treatment: 'x', control: 'x' }));
    expect(e.code).toBe('invalid-option');
    expect(e.message).toMatch(/must be different arm labels, both are 'x'/);
  });

  it('is what validation resolves its schema with', () => {
    const s = resolveSchema({ arms: ['experiment', 'control'] }, ['id', 'month_work']);
    expect(s).toEqual({
      id: 'id',
      arm: 'arm',
      arms: ['experiment', 'control'],
      followup: 'followup_months',
      events: ['month_work'],
      maxMonth: undefined,
      covariates: [],
      decile: undefined,
    });
  });
});

describe('experimentIntake', () => {
  it('returns typed columns, the roles and the exclusions by reason', () => {
    const intake = experimentIntake(
      rows,
      { covariates: ['age', 'gender'] },
      { events: ['month_work'], ids: true },
    );
    expect(isExperimentIntake(intake)).toBe(true);
    expect(isExperimentIntake(rows)).toBe(false);
    expect(intake.n).toBe(6);
    expect(intake.roles.events).toEqual(['month_work']);
    expect(intake.ids).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6']);
    expect(intake.arms).toEqual([
      'experiment',
      'control',
      'control',
      'other',
      'experiment',
      'experiment',
    ]);
    expect(intake.followup).toBeInstanceOf(Float64Array);
    expect(Array.from(intake.followup!)).toEqual([12, 6, Number.NaN, 9, 24, 24]);
    expect(Array.from(intake.events.month_work!)).toEqual([
      3,
      Number.NaN,
      Number.NaN,
      9,
      20,
      Number.NaN,
    ]);
    // Numbers stay numeric, text becomes a factor with the first sorted level as reference.
    expect(intake.covariates.terms.map((t) => [t.name, t.kind])).toEqual([
      ['(Intercept)', 'intercept'],
      ['age', 'numeric'],
      ['gender', 'factor'],
    ]);
    expect(intake.covariates.matrix.names).toEqual(['(Intercept)', 'age', 'gender[woman]']);
    expect(Array.from(intake.designRow)).toEqual([0, 1, 2, 3, -1, 4]);
    expect(intake.missingFollowup?.reason).toBe("missing 'followup_months'");
    expect(intake.excluded).toEqual([
      { reason: "arm not 'experiment' or 'control'", count: 1 },
      { reason: "missing 'followup_months'", count: 1 },
      { reason: 'missing covariate (age: 1)', count: 1 },
    ]);
  });

  it('reads no follow-up unless asked, and declared factors as factors', () => {
    const intake = experimentIntake(rows, { covariates: ['age'], factors: ['age'] });
    expect(intake.followup).toBeUndefined();
    expect(intake.events).toEqual({});
    expect(intake.ids).toBeUndefined();
    expect(intake.covariates.terms[1]).toMatchObject({ name: 'age', kind: 'factor' });
    expect(intake.excluded).toEqual([
      { reason: "arm not 'experiment' or 'control'", count: 1 },
      { reason: 'missing covariate (age: 1)', count: 1 },
    ]);
  });

  it('throws the first problem, naming the column', () => {
    const late = rows.map((r, i) => (i === 1 ? { ...r, month_work: 7 } : r));
    const e1 = thrown(() => experimentIntake(late, {}, { events: ['month_work'] }));
    expect(e1.code).toBe('event-after-followup');
    expect(e1.rows).toEqual([2]);
    const e2 = thrown(() => experimentIntake(rows, { arm: 'groep' }));
    expect(e2).toMatchObject({ code: 'missing-column', column: 'groep' });
    const e3 = thrown(() => experimentIntake(rows, { treatment: 'intensive' }));
    expect(e3).toMatchObject({ code: 'unknown-arm', value: 'intensive' });
    const text = rows.map((r, i) => (i === 0 ? { ...r, followup_months: 'twelve' } : r));
    const e4 = thrown(() => experimentIntake(text, {}, { followup: true }));
    expect(e4).toMatchObject({ code: 'wrong-type', column: 'followup_months', rows: [1] });
  });
});

describe('the analyses work from the intake', () => {
  it('gives the same effect series from a table and from an intake built once', async () => {
    const { effectSeries } = await import('../../src/analysis/effect-series.js');
    const table = Array.from({ length: 40 }, (_, i) => ({
      id: `c${i}`,
      arm: i % 2 ? 'experiment' : 'control',
      followup_months: 6,
      month_work: i % 3 === 0 ? 1 + (i % 6) : null,
      age: 20 + ((i * 7) % 30),
    }));
    const spec = { event: 'month_work', months: 6, covariates: ['age'] } as const;
    const intake = experimentIntake(table, spec, { events: ['month_work'] });
    expect(effectSeries(intake, spec).toTable()).toEqual(effectSeries(table, spec).toTable());
  });
});

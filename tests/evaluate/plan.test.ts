import { table } from 'arquero';
import { describe, expect, it } from 'vitest';
import { SpecError } from '../../src/data/spec-reader.js';
import { parsePlan, planColumns, planTable } from '../../src/evaluate/index.js';
import { receivedValues } from '../../src/evaluate/plan.js';

function problems(json: unknown): readonly string[] {
  try {
    parsePlan(json);
  } catch (error) {
    if (error instanceof SpecError) return error.problems;
    throw error;
  }
  throw new Error('expected a SpecError');
}

describe('parsePlan', () => {
  it('fills in the defaults: only events and months are required', () => {
    expect(parsePlan({ events: ['month_bijstand'], months: 24 })).toEqual({
      title: 'Effect analysis',
      columns: { id: 'id', arm: 'arm', followup: 'followup_months' },
      arms: { treatment: 'experiment', control: 'control' },
      filter: [],
      events: [{ label: 'bijstand', column: 'month_bijstand' }],
      months: 24,
      covariates: [],
      factors: [],
      subgroups: [],
      methods: {
        outflow: 'complete',
        censoring: 'complete-followup',
        se: 'HC2',
        adjustment: 'none',
        level: 0.95,
        significance: [0.1, 0.05],
        pAdjust: 'none',
        missing: 'drop',
        band: 'none',
        rareLevels: 'error',
        rawInterval: 'auto',
      },
    });
  });

  it('runs the TSDoc example', () => {
    const plan = parsePlan({ events: ['month_bijstand'], months: 24, covariates: ['age'] });
    expect(plan.events).toEqual([{ label: 'bijstand', column: 'month_bijstand' }]);
    expect(plan.methods.adjustment).toBe('ols');
  });

  it('reads events as an object, a filter and participation', () => {
    const plan = parsePlan({
      events: { work: 'month_work' },
      months: 12,
      filter: [
        { column: 'decile', equals: 1 },
        { column: 'office', in: ['a', 'b'] },
      ],
      participation: { received: ['yes'] },
    });
    expect(plan.events).toEqual([{ label: 'work', column: 'month_work' }]);
    expect(plan.filter).toEqual([
      { column: 'decile', values: [1] },
      { column: 'office', values: ['a', 'b'] },
    ]);
    expect(plan.participation).toEqual({ column: 'participation', received: ['yes'], month: 12 });
    expect(planColumns(plan).map((c) => c.field)).toEqual([
      'config.columns.arm',
      'config.columns.followup',
      'config.filter[0].column',
      'config.filter[1].column',
      'config.events (work)',
      'config.participation.column',
    ]);
  });

  it('reads labelled participation categories and groups; received may name a group', () => {
    const plan = parsePlan({
      events: ['month_work'],
      months: 6,
      participation: {
        categories: [
          'none',
          { value: 'conversation', label: 'any conversation' },
          { value: 'uwv', label: 'UWV only', parent: 'conversation' },
          { value: 'three_way', parent: 'conversation' },
        ],
        received: ['conversation'],
      },
    });
    expect(plan.participation!.categories).toEqual([
      'none',
      { value: 'conversation', label: 'any conversation' },
      { value: 'uwv', label: 'UWV only', parent: 'conversation' },
      { value: 'three_way', parent: 'conversation' },
    ]);
    expect(receivedValues(plan.participation!)).toEqual(['conversation', 'uwv', 'three_way']);
    expect(
      problems({
        events: ['month_work'],
        months: 6,
        participation: { categories: ['none', { value: 'uwv', labels: 'UWV' }], received: ['x'] },
      }),
    ).toEqual([
      'config.participation.categories[1]: unknown key "labels" (did you mean "label"?); allowed keys: value, label, parent',
      'config.participation.received[0]: "x" is not one of config.participation.categories',
    ]);
  });

  it('names the field of every problem, unknown keys with a did-you-mean', () => {
    const p = problems({
      events: ['month_bijstand'],
      months: '24',
      covariats: ['age'],
      methods: { se: 'HC4', censorng: 'km' },
    });
    expect(p).toContain('config.months: expected a whole number ≥ 1, got "24"');
    expect(p).toContainEqual(
      expect.stringMatching(
        /^config: unknown key "covariats" \(did you mean "covariates"\?\); allowed keys: \$schema, title, columns/,
      ),
    );
    expect(p).toContainEqual(
      expect.stringMatching(
        /^config\.methods: unknown key "censorng" \(did you mean "censoring"\?\); allowed keys: outflow, censoring, se,/,
      ),
    );
    expect(p).toContain(
      'config.methods.se: expected one of HC2, HC0, HC1, HC3, classical, CR2, stata, CR0, got "HC4" (did you mean "HC2"?)',
    );
    expect(p).toHaveLength(4);
  });

  it('reads methods.censoring and keeps IPCW away from the analyses that use complete follow-up', () => {
    const plan = parsePlan({ events: ['month_work'], months: 12, methods: { censoring: 'ipcw' } });
    expect(plan.methods.censoring).toBe('ipcw');
    expect(problems({ events: ['month_work'], months: 12, methods: { censoring: 'km' } })).toEqual([
      'config.methods.censoring: expected one of complete-followup, ipcw, got "km"',
    ]);
    const p = problems({
      events: ['month_work'],
      months: 12,
      subgroups: ['gender'],
      participation: { received: ['yes'] },
      methods: { censoring: 'ipcw' },
    });
    expect(p).toHaveLength(2);
    expect(p[0]).toMatch(
      /^config\.methods\.censoring: "ipcw" is not available with config\.subgroups yet/,
    );
    expect(p[1]).toMatch(
      /^config\.methods\.censoring: "ipcw" is not available with config\.participation yet/,
    );
  });

  it('checks fields against each other', () => {
    expect(
      problems({
        events: ['month_bijstand'],
        months: 6,
        arms: { treatment: 'a', control: 'a' },
        covariates: ['age'],
        factors: ['office'],
        participation: { received: ['x'], categories: ['y'], month: 9 },
      }),
    ).toEqual([
      'config.arms: treatment and control must differ, both are "a"',
      'config.factors[0]: "office" is not one of config.covariates',
      'config.participation.received[0]: "x" is not one of config.participation.categories',
      'config.participation.month: must be at most config.months (6), got 9',
    ]);
    expect(
      problems({ events: [], months: 3, arms: { weights: { experiment: 0.5, control: 0.4 } } }),
    ).toEqual([
      'config.arms.weights: shares must sum to 1, they sum to 0.9',
      'config.events: expected at least one event column',
    ]);
  });

  it('names the source in the message', () => {
    expect(() => parsePlan([], { source: 'config plan.json' })).toThrow(
      'invalid config plan.json: config: expected an object, got []',
    );
    expect(() => parsePlan({})).toThrow(
      /^invalid config, 2 problems:\n {2}- config\.events: missing/,
    );
  });
});

describe('planColumns and planTable: the columns an analysis reads', () => {
  const plan = parsePlan({
    events: ['month_work'],
    months: 6,
    covariates: ['age'],
    methods: { randomizationInference: { design: 'blocked', block: 'office' } },
  });

  it('names the randomisation block column with its field', () => {
    expect(planColumns(plan).at(-1)).toEqual({
      field: 'config.methods.randomizationInference.block',
      column: 'office',
    });
  });

  it('keeps the named columns and the id, in the data order, every row; no copy of a column', () => {
    const age = new Float64Array([30, 41, 52]);
    const data = table({
      id: ['a', 'b', 'c'],
      bsn: ['123456782', '234567891', '345678910'],
      arm: ['experiment', 'control', 'control'],
      age,
      followup_months: [6, 6, 6],
      office: ['x', 'x', 'y'],
      month_work: [2, null, 5],
    });
    const kept = planTable(data, plan);
    expect(kept.columnNames()).toEqual([
      'id',
      'arm',
      'age',
      'followup_months',
      'office',
      'month_work',
    ]);
    expect(kept.numRows()).toBe(3);
    expect(kept.column('age')).toBe(data.column('age'));
  });

  it('returns the table whole when a named column is missing, for the check to list its columns', () => {
    const data = table({ id: ['a'], arm: ['control'], followup_months: [6], month_work: [null] });
    expect(planTable(data, plan)).toBe(data);
  });
});

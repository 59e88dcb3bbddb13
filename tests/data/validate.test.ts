import { table } from 'arquero';
import { describe, expect, it } from 'vitest';
import {
  checkExperiment,
  ExperimentError,
  loadTable,
  validateExperiment,
} from '../../src/data/index.js';
import { InputError } from '../../src/errors.js';

const BSN_A = '123456782';
const BSN_B = '987654321';

/** A valid experiment; tests copy it and break one thing. */
function rows(): Record<string, unknown>[] {
  return [
    { id: BSN_A, arm: 'experiment', followup_months: 24, month_bijstand: null, month_work: 5 },
    { id: BSN_B, arm: 'control', followup_months: 24, month_bijstand: 3, month_work: null },
    {
      id: '000000012',
      arm: 'experiment',
      followup_months: 12,
      month_bijstand: null,
      month_work: null,
    },
    { id: '000000013', arm: 'control', followup_months: 18, month_bijstand: 10, month_work: 2 },
  ];
}

const schema = { arms: ['experiment', 'control'], maxMonth: 24 };

function problemsOf(data: Parameters<typeof checkExperiment>[0], s: object = schema) {
  const check = checkExperiment(data, s);
  for (const p of check.problems) {
    // A BSN never appears in any message or detail.
    for (const bsn of [BSN_A, BSN_B]) {
      expect(p.message).not.toContain(bsn);
      expect(p.value ?? '').not.toContain(bsn);
    }
  }
  return check.problems;
}

describe('checkExperiment', () => {
  it('accepts valid data and resolves the schema (events = month_* columns)', () => {
    const check = checkExperiment(rows(), schema);
    expect(check.ok).toBe(true);
    expect(check.problems).toEqual([]);
    expect(check.n).toBe(4);
    expect(check.schema.events).toEqual(['month_bijstand', 'month_work']);
  });

  it('accepts the CSV fixture', async () => {
    const t = await loadTable(new URL('../fixtures/experiment.csv', import.meta.url));
    expect(checkExperiment(t, { ...schema, covariates: ['age', 'gender'] }).problems).toEqual([]);
  });

  it('names missing columns, their role and the available columns', () => {
    const data = rows().map(({ arm, ...rest }) => ({ ...rest, group: arm }));
    const problems = problemsOf(data, { ...schema, covariates: ['age'], events: ['month_work'] });
    expect(problems).toEqual([
      {
        code: 'missing-column',
        column: 'arm',
        message:
          "missing column 'arm' (the assigned arm); available columns: id, followup_months, month_bijstand, month_work, group",
      },
      {
        code: 'missing-column',
        column: 'age',
        message:
          "missing column 'age' (a covariate); available columns: id, followup_months, month_bijstand, month_work, group",
      },
    ]);
  });

  it('uses configured column names', () => {
    const data = rows().map((r) => ({
      bsn: r.id,
      groep: r.arm,
      maanden: r.followup_months,
      m_werk: r.month_work,
    }));
    const check = checkExperiment(data, {
      id: 'bsn',
      arm: 'groep',
      followup: 'maanden',
      events: ['m_werk'],
      arms: ['experiment', 'control'],
    });
    expect(check.problems).toEqual([]);
  });

  it('reports duplicate ids by row number only', () => {
    const data = [...rows(), { ...rows()[0], arm: 'control' }, { ...rows()[1] }, { ...rows()[0] }];
    const [p, ...rest] = problemsOf(data);
    expect(rest).toEqual([]);
    expect(p).toEqual({
      code: 'duplicate-id',
      column: 'id',
      rows: [1, 2, 5, 6, 7],
      message:
        "column 'id' has duplicate ids (values not shown): rows 1, 5, 7 share an id; rows 2, 6 share an id",
    });
  });

  it('reports missing ids', () => {
    const data = rows();
    data[2] = { ...data[2], id: '' };
    data[3] = { ...data[3], id: null };
    expect(problemsOf(data)).toEqual([
      {
        code: 'missing-value',
        column: 'id',
        rows: [3, 4],
        message: "column 'id' has no id in rows 3, 4",
      },
    ]);
  });

  it('reports unknown arm labels with their rows, and missing arms', () => {
    const data = rows();
    data[0] = { ...data[0], arm: 'treatment' };
    data[2] = { ...data[2], arm: 'treatment' };
    data[3] = { ...data[3], arm: null };
    expect(problemsOf(data)).toEqual([
      {
        code: 'missing-value',
        column: 'arm',
        rows: [4],
        message: "column 'arm' has no arm label in row 4",
      },
      {
        code: 'unknown-arm',
        column: 'arm',
        rows: [1, 3],
        value: "'treatment'",
        message:
          "column 'arm' has unknown arm label 'treatment' in rows 1, 3; allowed: experiment, control",
      },
    ]);
  });

  it('reports non-numeric values in a month column with column, rows and values', () => {
    const data = rows();
    data[1] = { ...data[1], month_work: 'abc' };
    data[3] = { ...data[3], month_work: 'x' };
    expect(problemsOf(data)).toEqual([
      {
        code: 'wrong-type',
        column: 'month_work',
        rows: [2, 4],
        value: "'abc'",
        message:
          "column 'month_work' must hold event months (or be empty when the event did not happen), but has non-numeric values in rows 2, 4: 'abc', 'x'",
      },
    ]);
  });

  it('withholds a shown value that equals an id (a BSN in the wrong column)', () => {
    const data = rows();
    data[1] = { ...data[1], month_work: BSN_A };
    const [p] = problemsOf(data);
    expect(p?.message).toBe(
      "column 'month_work' must hold event months (or be empty when the event did not happen), but has non-numeric values in row 2: (value withheld: equals an id)",
    );
  });

  it('reports months below 1, non-integer and above maxMonth', () => {
    const data = rows();
    data[0] = { ...data[0], month_bijstand: 0 };
    data[1] = { ...data[1], month_bijstand: 2.5 };
    data[2] = { ...data[2], followup_months: 40, month_bijstand: 30 };
    expect(problemsOf(data)).toEqual([
      {
        code: 'out-of-range',
        column: 'month_bijstand',
        rows: [1],
        value: '0',
        message: "column 'month_bijstand' has months below 1 in row 1 (first: 0)",
      },
      {
        code: 'out-of-range',
        column: 'month_bijstand',
        rows: [2],
        value: '2.5',
        message: "column 'month_bijstand' has non-integer months in row 2 (first: 2.5)",
      },
      {
        code: 'out-of-range',
        column: 'month_bijstand',
        rows: [3],
        value: '30',
        message: "column 'month_bijstand' has months above the maximum of 24 in row 3 (first: 30)",
      },
    ]);
  });

  it('reports an event after the end of follow-up', () => {
    const data = rows();
    data[2] = { ...data[2], month_work: 13 };
    expect(problemsOf(data)).toEqual([
      {
        code: 'event-after-followup',
        column: 'month_work',
        rows: [3],
        value: '13',
        message:
          "column 'month_work' has event months after the end of follow-up ('followup_months') in row 3 (first: 13 > follow-up 12)",
      },
    ]);
  });

  it('reports missing, non-numeric, negative and non-integer follow-up', () => {
    const data = rows();
    data[0] = { ...data[0], followup_months: null };
    data[1] = { ...data[1], followup_months: 'lang', month_bijstand: null };
    data[2] = { ...data[2], followup_months: -1 };
    data[3] = { ...data[3], followup_months: 17.5, month_bijstand: null, month_work: null };
    expect(problemsOf(data).map((p) => [p.code, p.column, p.rows, p.message])).toEqual([
      [
        'missing-value',
        'followup_months',
        [1],
        "column 'followup_months' has no follow-up in row 1",
      ],
      [
        'wrong-type',
        'followup_months',
        [2],
        "column 'followup_months' must hold whole months of follow-up, but has non-numeric values in row 2: 'lang'",
      ],
      [
        'out-of-range',
        'followup_months',
        [3],
        "column 'followup_months' has negative follow-up in row 3 (first: -1)",
      ],
      [
        'out-of-range',
        'followup_months',
        [4],
        "column 'followup_months' has non-integer follow-up in row 4 (first: 17.5)",
      ],
    ]);
  });

  it('checks the decile column when named', () => {
    const data = rows().map((r, i) => ({ ...r, decile: [1, 10, 11, 0.5][i] }));
    const [p] = problemsOf(data, { ...schema, decile: 'decile' });
    expect(p?.code).toBe('out-of-range');
    expect(p?.rows).toEqual([3, 4]);
  });

  it('reads numeric columns stored as Float64Array (as the CSV reader stores them)', () => {
    // NaN is missing; ±Infinity is not a number of months.
    const t = table({
      id: ['a1', 'a2', 'a3', 'a4'],
      arm: ['experiment', 'control', 'experiment', 'control'],
      followup_months: Float64Array.of(24, Number.NaN, Number.POSITIVE_INFINITY, 12),
      month_work: Float64Array.of(3, Number.NaN, 5, 13),
    });
    expect(problemsOf(t).map((p) => [p.code, p.rows, p.message])).toEqual([
      ['missing-value', [2], "column 'followup_months' has no follow-up in row 2"],
      [
        'wrong-type',
        [3],
        "column 'followup_months' must hold whole months of follow-up, but has non-numeric values in row 3: Infinity",
      ],
      [
        'event-after-followup',
        [4],
        "column 'month_work' has event months after the end of follow-up ('followup_months') in row 4 (first: 13 > follow-up 12)",
      ],
    ]);
  });

  it('withholds a shown value that equals an id also among many distinct values', () => {
    // Ten unknown labels: the last one, an id (trimmed), is withheld like the first would be.
    const data = Array.from({ length: 10 }, (_, i) => ({
      ...rows()[i % 4],
      id: `client-${i}`,
      arm: i === 9 ? ' client-3 ' : `label-${i}`,
    }));
    const shown = problemsOf(data).map((p) => p.value);
    expect(shown).toHaveLength(10);
    expect(shown.slice(0, 2)).toEqual(["'label-0'", "'label-1'"]);
    expect(shown[9]).toBe('(value withheld: equals an id)');
  });

  it('reports an empty table', () => {
    const check = checkExperiment([], { events: [] });
    expect(check.problems.map((p) => p.code)).toEqual([
      'missing-column',
      'missing-column',
      'missing-column',
      'empty',
    ]);
  });
});

describe('validateExperiment', () => {
  it('returns the check for valid data', () => {
    expect(validateExperiment(rows(), schema).ok).toBe(true);
  });

  it('throws one InputError listing all problems', () => {
    const data = [...rows(), { ...rows()[0], arm: 'treatment', month_work: 'abc' }];
    let error: unknown;
    try {
      validateExperiment(data, schema);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ExperimentError);
    expect(error).toBeInstanceOf(InputError);
    const e = error as ExperimentError;
    expect(e.code).toBe('invalid-experiment');
    expect(e.problems.map((p) => p.code)).toEqual(['duplicate-id', 'unknown-arm', 'wrong-type']);
    expect(e.message).toBe(
      [
        'the experiment data has 3 problems:',
        "- column 'id' has duplicate ids (values not shown): rows 1, 5 share an id",
        "- column 'arm' has unknown arm label 'treatment' in row 5; allowed: experiment, control",
        "- column 'month_work' must hold event months (or be empty when the event did not happen), but has non-numeric values in row 5: 'abc'",
      ].join('\n'),
    );
    expect(e.message).not.toContain(BSN_A);
  });

  it('with a single problem, takes its code, column and rows', () => {
    const data = rows();
    data[1] = { ...data[1], arm: 'treatment' };
    try {
      validateExperiment(data, schema);
      expect.unreachable();
    } catch (e) {
      const err = e as ExperimentError;
      expect(err.code).toBe('unknown-arm');
      expect(err.column).toBe('arm');
      expect(err.rows).toEqual([2]);
      expect(err.problems).toHaveLength(1);
    }
  });
});

describe('validateExperiment with the arms: the typed intake', () => {
  const rows = [
    { id: 'p1', arm: 'experiment', followup_months: 12, month_work: 3, age: 41 },
    { id: 'p2', arm: 'control', followup_months: 6, month_work: null, age: 35 },
    { id: 'p3', arm: 'control', followup_months: 12, month_work: 12, age: null },
  ];
  it('returns the check and the intake built with the schema roles', () => {
    const v = validateExperiment(
      rows,
      { covariates: ['age'] },
      { treatment: 'experiment', control: 'control' },
    );
    expect(v.ok).toBe(true);
    expect(v.schema.events).toEqual(['month_work']);
    expect(v.intake.ids).toEqual(['p1', 'p2', 'p3']);
    expect(v.intake.arms).toEqual(['experiment', 'control', 'control']);
    expect(Array.from(v.intake.events.month_work!)).toEqual([3, Number.NaN, 12]);
    expect(v.intake.excluded).toEqual([{ reason: 'missing covariate (age: 1)', count: 1 }]);
  });
  it('without the arms returns the check as before; invalid data still throw every problem', () => {
    expect('intake' in validateExperiment(rows)).toBe(false);
    expect(() =>
      validateExperiment(
        [{ ...rows[0]!, month_work: 13 }],
        {},
        { treatment: 'experiment', control: 'control' },
      ),
    ).toThrow(/after the end of follow-up/);
  });
});

/**
 * Inputs that used to stop a real analysis or put NaN into a report, through the API: each
 * gives an exact error naming the column, the file row and the value, or a stated "not
 * estimable" and the analysis goes on. The same inputs through the CLI: tests/cli/honesty.test.ts.
 */

import { table } from 'arquero';
import { describe, expect, it } from 'vitest';
import { complierEffect } from '../../src/analysis/complier.js';
import { effectSeries } from '../../src/analysis/effect-series.js';
import { effectSeriesBy } from '../../src/analysis/subgroups.js';
import { validateExperiment } from '../../src/data/validate.js';
import { InputError } from '../../src/errors.js';
import { ols } from '../../src/estimate/ols.js';
import { evaluate, parsePlan } from '../../src/evaluate/index.js';
import {
  BAD_FOLLOWUP_ROW,
  badFollowupRows,
  covariateRows,
  noEventMonthRows,
  noWorkRows,
  plan,
  type Row,
  separatedOutcomeRows,
  UNIQUE_ROW,
  uniqueLevelRows,
} from './degenerate-data.js';

function thrown(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

const spec = { event: 'month_bijstand', months: 12, covariates: ['gender', 'age', 'office'] };
const columns = (rows: readonly Row[]) =>
  table(Object.fromEntries(Object.keys(rows[0]!).map((k) => [k, rows.map((r) => r[k] ?? null)])));

/** Every number in a result, recursively (functions skipped), for the NaN scan. */
function numbers(x: unknown, out: number[] = [], seen = new Set<unknown>()): number[] {
  if (typeof x === 'number') out.push(x);
  else if (x && typeof x === 'object' && !seen.has(x)) {
    seen.add(x);
    for (const v of Object.values(x)) numbers(v, out, seen);
  }
  return out;
}

describe('a factor level held by one client under HC2 (rareLevels)', () => {
  const rows = uniqueLevelRows();

  it("'error' (default) names the column, the level and the file row", () => {
    const e = thrown(() => effectSeries(rows, spec));
    expect(e.message).toBe(
      "HC2 standard errors are undefined: covariate 'office': level 'office 9' has 1 client (row 101), so that client has leverage 1. Set rareLevels: 'pool' (merge it into the most common level) or 'drop' (leave those clients out), or use se: 'HC1'",
    );
    expect([e.code, e.column, e.rows, e.value]).toEqual([
      'leverage-one',
      'office',
      [UNIQUE_ROW],
      'office 9',
    ]);
  });

  it('is no problem for HC1, and not checked there', () => {
    expect(() => effectSeries(rows, { ...spec, se: 'HC1' })).not.toThrow();
  });

  it("'pool' gives exactly the fit with the level recoded to the most common one, and says so", () => {
    const pooled = effectSeries(rows, { ...spec, rareLevels: 'pool' });
    const recoded = effectSeries(
      rows.map((r) => (r.office === 'office 9' ? { ...r, office: 'office 1' } : r)),
      spec,
    );
    expect(pooled.months.map((m) => m.adjusted)).toEqual(recoded.months.map((m) => m.adjusted));
    expect(pooled.notes).toEqual([
      "rare factor levels (a single client) pooled into the most common level: office: 'office 9' into 'office 1'",
    ]);
  });

  it("'drop' gives exactly the fit without that client, reported as excluded", () => {
    const dropped = effectSeries(rows, { ...spec, rareLevels: 'drop' });
    const without = effectSeries(
      rows.filter((_, i) => i !== UNIQUE_ROW - 1),
      spec,
    );
    expect(dropped.months.map((m) => [m.raw, m.adjusted])).toEqual(
      without.months.map((m) => [m.raw, m.adjusted]),
    );
    expect(dropped.excluded).toEqual([{ reason: "rare level (office = 'office 9')", count: 1 }]);
  });

  it('with Lin, one client of a level in an arm is rare too', () => {
    // Two clients of 'office 9', one per arm: each is alone in its level × arm cell.
    const two = uniqueLevelRows().map((r, i) => (i === 3 ? { ...r, office: 'office 9' } : r));
    expect([two[3]!.arm, two[UNIQUE_ROW - 1]!.arm]).toEqual(['control', 'experiment']);
    expect(() => effectSeries(two, spec)).not.toThrow(); // OLS: 2 clients, not rare
    const e = thrown(() => effectSeries(two, { ...spec, adjustment: 'lin' }));
    expect(e.message).toMatch(
      /^HC2 standard errors are undefined: covariate 'office': level 'office 9' has 2 clients \(rows 4, 101\)/,
    );
    expect(e.message).toMatch(/in the interacted \(Lin\) model/);
  });

  it('a level rare only within a subgroup: the error says which subgroup', () => {
    const man = uniqueLevelRows().findIndex((r) => r.gender === 'man');
    const rows2 = uniqueLevelRows().map((r, i) => (i === man ? { ...r, office: 'office 9' } : r));
    const e = thrown(() =>
      effectSeriesBy(rows2, { ...spec, covariates: ['age', 'office'], by: 'gender' }),
    );
    expect(e.message).toMatch(
      new RegExp(
        `^HC2 standard errors are undefined in subgroup gender = 'man': covariate 'office': level 'office 9' has 1 client \\(row ${man + 1}\\)`,
      ),
    );
  });

  it("in analyze the rows are the file's, also after the plan's filter", () => {
    const data = columns(rows);
    const p = plan({
      covariates: ['age', 'office'],
      subgroups: [],
      filter: { column: 'gender', equals: 'woman' },
    });
    const e = thrown(() => evaluate(data, parsePlan(p)));
    expect(e.rows).toEqual([UNIQUE_ROW]);
    expect(e.message).toMatch(/level 'office 9' has 1 client \(row 101\)/);
    // Without the mapping the client would be a row of the filtered table (fewer women before it).
    const before = rows.slice(0, UNIQUE_ROW - 1).filter((r) => r.gender === 'woman').length;
    expect(before + 1).toBeLessThan(UNIQUE_ROW);
    const ok = evaluate(data, parsePlan({ ...p, methods: { rareLevels: 'pool' } }));
    expect(ok.effects[0]!.series.notes[0]).toMatch(/'office 9' into 'office 1'/);
  });
});

describe('months and subgroups that cannot be estimated', () => {
  it('a month without events gives no heterogeneity test, with the reason; the run goes on', () => {
    const s = effectSeriesBy(noEventMonthRows(), {
      event: 'month_bijstand',
      months: 12,
      by: 'gender',
    });
    expect(s.notEstimable).toEqual([
      { month: 1, reason: 'no client had the event by month 1, so there is nothing to test' },
    ]);
    expect(s.heterogeneity.map((h) => h.month)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(s.toMarkdown()).toMatch(
      /Heterogeneity test not estimable at month 1: no client had the event by month 1/,
    );
  });

  it('a subgroup without clients of one arm is reported and left out; the others go on', () => {
    const s = effectSeriesBy(uniqueLevelRows(), {
      event: 'month_bijstand',
      months: 12,
      by: 'office',
    });
    expect(s.subgroups.map((g) => g.level)).toEqual(['office 1', 'office 2', 'office 3']);
    expect(s.notEstimableLevels).toEqual([
      { level: 'office 9', reason: "no clients in arm 'control'" },
    ]);
    expect(s.excluded).toContainEqual({
      reason: "subgroup 'office 9': no clients in arm 'control'",
      count: 1,
    });
    expect(s.heterogeneity[0]!.df[0]).toBe(2); // two interactions: three offices
    // With one subgroup left there is nothing to compare: the error names it.
    const two = uniqueLevelRows().filter((r) => r.office === 'office 1' || r.office === 'office 9');
    expect(
      thrown(() => effectSeriesBy(two, { event: 'month_bijstand', months: 12, by: 'office' }))
        .message,
    ).toBe("subgroup 'office 9' of column 'office' has no clients in arm 'control'");
  });

  it('an outcome that separates the arms: the raw difference by Newcombe, no abort', () => {
    const s = effectSeries(separatedOutcomeRows(), { event: 'month_bijstand', months: 3 });
    const m = s.months[0]!;
    expect([m.raw.estimate, m.raw.stdError, m.raw.ci[1]]).toEqual([1, 0, 1]);
    expect(m.raw.method).toMatch(/Newcombe \(1998\) hybrid score/);
    expect(m.raw.pValue).toBeGreaterThan(0);
    expect(m.raw.pValue).toBeLessThan(1e-40);
  });

  it('a covariate that predicts the outcome exactly: that month is not estimable, not p = 0', () => {
    const rows = noWorkRows().map((r) => ({ ...r, early: r.month_bijstand === 1 ? 1 : 0 }));
    const s = effectSeries(rows, {
      event: 'month_bijstand',
      months: 3,
      covariates: ['age', 'early'],
    });
    expect(s.months[0]!.adjusted).toBeUndefined();
    expect(s.months[0]!.adjustedNotEstimable).toBe(
      'the covariates predict the outcome exactly at month 1 (every residual is 0, so the standard error is 0): a covariate separates the outcome',
    );
    expect(s.months[1]!.adjusted!.stdError).toBeGreaterThan(0.01);
    expect(s.toMarkdown()).toMatch(
      /Adjusted effect not estimable at month 1: the covariates predict/,
    );
  });

  it('months with an expected count below 5 are flagged and use Newcombe under auto', () => {
    const s = effectSeries(noEventMonthRows(), { event: 'month_bijstand', months: 12 });
    const few = s.months.filter((m) => m.fewEvents).map((m) => m.month);
    for (const m of s.months) {
      const expected =
        Math.min(m.nTreated, m.nControl) *
        Math.min(
          (m.eventsTreated + m.eventsControl) / (m.nTreated + m.nControl),
          1 - (m.eventsTreated + m.eventsControl) / (m.nTreated + m.nControl),
        );
      expect(m.fewEvents === true).toBe(expected < 5);
    }
    expect(few).toContain(1);
  });
});

describe('bad cells and covariates name the column and the cause', () => {
  it('one bad follow-up cell: that row and value, not every number read as text', () => {
    const e = thrown(() =>
      validateExperiment(columns(badFollowupRows()), { arms: ['experiment', 'control'] }),
    );
    expect(e.message).toMatch(
      /column 'followup_months' must hold whole months of follow-up, but has non-numeric values in row 38: 'twelve'/,
    );
    expect(JSON.stringify(e)).not.toMatch(/rows 1, 2, 3/);
    expect(BAD_FOLLOWUP_ROW).toBe(38);
  });

  const cases: [string, string, string][] = [
    [
      'constant',
      'no-variation',
      "covariate 'constant' has the same value (5) for every analysed client; it cannot adjust anything, remove it from the covariates",
    ],
    [
      'empty',
      'missing-value',
      "covariate 'empty' is missing for every client of the two arms (240 of 240); remove it from the covariates",
    ],
    [
      'assigned',
      'aliased',
      "covariate 'assigned' separates the arms perfectly (it is 1 for every 'experiment' and 0 for every 'control' client): it is a function of the assignment, so the treatment effect cannot be adjusted for it; remove it from the covariates",
    ],
    [
      'id',
      'invalid-option',
      "covariate 'id' is the client id column: it has a level per client, so the model has more columns than clients; remove it from the covariates",
    ],
    [
      'arm',
      'invalid-option',
      "covariate 'arm' is the arm column: adjusting for the assignment itself leaves no treatment effect to estimate; remove it from the covariates",
    ],
  ];
  it.each(cases)('%s', (column, code, message) => {
    const e = thrown(() =>
      effectSeries(covariateRows(), {
        event: 'month_bijstand',
        months: 12,
        covariates: ['age', column],
      }),
    );
    expect([e.code, e.column, e.message]).toEqual([code, column, message]);
  });
});

describe('no NaN in any result', () => {
  it('a constant complier outcome: effect 0, p = 1, said in the method', () => {
    const c = complierEffect(noWorkRows(), {
      outcome: { event: 'month_work', month: 6 },
      received: { column: 'participation', values: ['conversation'] },
    });
    expect([c.unadjusted.itt.pValue, c.unadjusted.complier.pValue]).toEqual([1, 1]);
    expect(c.unadjusted.itt.method).toMatch(/the outcome is the same for every client: effect 0/);
    expect(numbers(c).some(Number.isNaN)).toBe(false);
  });

  it('extreme weights are refused instead of a zero or NaN standard error', () => {
    const n = 6;
    const x = {
      names: ['(Intercept)', 't'],
      columns: [new Float64Array(n).fill(1), Float64Array.of(0, 1, 0, 1, 0, 1)],
      n,
    };
    const y = [1, 2, 2, 3, 1, 4];
    for (const scale of [1e-300, 1e300]) {
      const e = thrown(() => ols(x, y, { weights: new Array(n).fill(scale) }));
      expect(e.message).toBe(
        `weights: row 1 has weight ${scale}; expected weights from 1e-100 to 1e100, where their squares stay representable (rescale them: estimates and standard errors do not depend on the scale of the weights)`,
      );
    }
  });

  it.each([
    ['no event in month 1', noEventMonthRows(), {}],
    ['nobody finds work', noWorkRows(), {}],
    ['an outcome separating the arms', separatedOutcomeRows(), { participation: undefined }],
    [
      'a rare level, pooled',
      uniqueLevelRows(),
      { covariates: ['gender', 'age', 'office'], methods: { rareLevels: 'pool' } },
    ],
  ] as const)('evaluate: %s', (_, rows, changes) => {
    const result = evaluate(columns(rows), parsePlan(plan({ subgroups: ['gender'], ...changes })));
    expect(numbers(result).filter(Number.isNaN)).toEqual([]);
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { armSample, numericAt } from '../../src/analysis/arm-sample.js';
import { compareArms } from '../../src/analysis/compare-arms.js';
import { InputError } from '../../src/errors.js';
import { linAdjusted } from '../../src/estimate/lin.js';
import { clientRows, close, ref, reportWorst } from './compliance-reference.js';

const rows = clientRows();
const covariates = ['age', 'gender', 'education', 'prior_bijstand'];
const outcomes = ['permanent', 'job_days', 'n_jobs', 'parttime', 'hourly_wage', 'income'];

function catchError(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('compareArms agrees with R (t.test, hand difference in proportions, lm_robust HC2)', () => {
  const res = compareArms(rows, { outcomes, covariates });

  for (const [k, name] of outcomes.entries()) {
    it(name, () => {
      const o = res.outcomes[k]!;
      const r = ref.compare[name]!;
      expect(o.outcome).toBe(name);
      expect(o.kind).toBe(r.kind);
      expect(o.treatment.n).toBe(r.nTreated);
      expect(o.control.n).toBe(r.nControl);
      expect(o.treatment.missing).toBe(r.missingTreated);
      expect(o.control.missing).toBe(r.missingControl);
      close(o.treatment.mean, r.meanTreated, 1e-12, 'mean');
      close(o.control.mean, r.meanControl, 1e-12, 'mean');
      const d = o.difference;
      const what = r.kind === 'binary' ? 'difference in proportions' : 'Welch (t.test)';
      close(d.estimate, r.raw.estimate, 1e-10, `${what} estimate`);
      close(d.stdError, r.raw.stdError, 1e-10, `${what} SE`);
      close(d.statistic, r.raw.statistic, 1e-10, `${what} statistic`);
      close(d.ci[0], r.raw.ciLow, 1e-10, `${what} CI`);
      close(d.ci[1], r.raw.ciHigh, 1e-10, `${what} CI`);
      close(d.pValue, r.raw.pValue, 1e-6, `${what} p`);
      if (r.raw.df === 'Infinity') expect(d.df).toBe(Number.POSITIVE_INFINITY);
      else close(d.df, r.raw.df, 1e-10, `${what} df`);
      const a = o.adjusted!;
      close(a.estimate, r.adjusted.estimate, 1e-8, 'lm_robust estimate');
      close(a.stdError, r.adjusted.stdError, 1e-8, 'lm_robust SE');
      close(a.ci[0], r.adjusted.ciLow, 1e-8, 'lm_robust CI');
      close(a.ci[1], r.adjusted.ciHigh, 1e-8, 'lm_robust CI');
      close(a.pValue, r.adjusted.pValue, 1e-6, 'lm_robust p');
      expect(a.df).toBe(r.adjusted.df);
    });
  }

  it('reports the rows excluded from every outcome', () => {
    expect(res.excluded).toEqual([{ reason: 'missing covariate (age: 1)', count: 1 }]);
    expect(res.covariates).toEqual([
      'age',
      'gender[woman]',
      'education[low]',
      'education[middle]',
      'prior_bijstand',
    ]);
  });

  afterAll(() => {
    reportWorst('compareArms');
  });
});

describe('compareArms kinds, formats and output', () => {
  it('auto-detects 0/1 outcomes; a stated kind overrides it', () => {
    const res = compareArms(rows, {
      outcomes: ['permanent', { column: 'permanent', kind: 'numeric', label: 'as numeric' }],
    });
    expect(res.outcomes[0]!.kind).toBe('binary');
    expect(res.outcomes[0]!.difference.df).toBe(Number.POSITIVE_INFINITY);
    expect(res.outcomes[1]!.kind).toBe('numeric');
    expect(res.outcomes[1]!.difference.method).toContain('Welch');
    expect(res.outcomes[0]!.adjusted).toBeUndefined();
    // Without covariates nobody is excluded (the client with a missing age is back in).
    expect(res.excluded).toEqual([]);
    expect(res.outcomes[0]!.treatment.n + res.outcomes[0]!.control.n).toBe(
      ref.compare.permanent!.nTreated + ref.compare.permanent!.nControl + 1,
    );
  });

  it('Table 5.4 layout: shares in %, differences in pp, means with stated decimals', () => {
    const res = compareArms(rows, {
      outcomes: [
        { column: 'permanent', label: 'first job permanent contract' },
        { column: 'job_days', label: 'length of first job (days)', digits: 0 },
        { column: 'n_jobs', label: 'number of jobs', digits: 1 },
        { column: 'parttime', label: 'part-time factor', format: 'percent', digits: 0 },
        { column: 'hourly_wage', label: 'hourly wage', digits: 2 },
      ],
    });
    const md = res.toMarkdown();
    const p = res.outcomes[0]!;
    expect(md).toContain(
      `| first job permanent contract | ${(100 * p.treatment.mean).toFixed(1)} % | ${(100 * p.control.mean).toFixed(1)} % |`,
    );
    const w = res.outcomes[4]!;
    expect(md).toContain(
      `| hourly wage | ${w.treatment.mean.toFixed(2)} | ${w.control.mean.toFixed(2)} |`,
    );
    expect(md).toMatch(/\| part-time factor \| \d+ % \| \d+ % \| −?\d+ pp/);
    expect(md).toContain('| missing |');
    expect(md).toContain('Welch SE');
    const table = res.toTable();
    expect(table).toHaveLength(5);
    expect(table[0]).toMatchObject({ outcome: 'permanent', kind: 'binary' });
    expect(table[0]!.difference_estimate).toBe(p.difference.estimate);
  });

  it('method names the estimators and SE', () => {
    const res = compareArms(rows, { outcomes: ['income'], covariates });
    expect(res.method).toContain('difference in means, Welch SE');
    expect(res.method).toContain('HC2 robust SE');
    expect(res.method).toContain('missing outcome values excluded per outcome');
  });
});

describe('compareArms: Lin adjustment and strict keys', () => {
  it("adjustment: 'lin' is linAdjusted (estimatr's lm_lin) on the same rows", () => {
    const res = compareArms(rows, { outcomes: ['income'], covariates, adjustment: 'lin' });
    const ols = compareArms(rows, { outcomes: ['income'], covariates });
    const sample = armSample(rows, { covariates });
    const y = numericAt(sample.table, 'income', sample.rows);
    const keep = [...y.keys()].filter((j) => !Number.isNaN(y[j]!));
    const pick = (c: Float64Array) => Float64Array.from(keep, (j) => c[j]!);
    const lin = linAdjusted(
      { names: sample.covariateNames, columns: sample.covariates.map(pick), n: keep.length },
      pick(sample.treated),
      pick(y),
    );
    const a = res.outcomes[0]!.adjusted!;
    expect(a.estimate).toBe(lin.treatment.estimate);
    expect(a.stdError).toBe(lin.treatment.stdError);
    expect(a.estimate).not.toBe(ols.outcomes[0]!.adjusted!.estimate);
    expect(res.adjustment).toBe('lin');
    expect(res.method).toContain('Lin (2013) regression');
  });

  it('rejects unknown keys with a did-you-mean, also in an outcome spec', () => {
    expect(() =>
      compareArms(rows, { outcomes: ['income'], covariates, adjustmnt: 'lin' } as never),
    ).toThrow(/compareArms: unknown option "adjustmnt" \(did you mean "adjustment"\?\)/);
    expect(() =>
      compareArms(rows, { outcomes: [{ column: 'income', labl: 'x' } as never], covariates }),
    ).toThrow(/outcomes\[0\]: unknown option "labl" \(did you mean "label"\?\)/);
    expect(() =>
      compareArms(rows, { outcomes: ['income'], covariates, adjustment: 'ancova' as never }),
    ).toThrow(/adjustment must be 'ols' or 'lin'/);
  });
});

describe('compareArms in the Table 5.3 shape (time fractions)', () => {
  it('fraction columns as percentages, Welch differences as t.test', () => {
    const fractions = rows.slice(0, 200).map((r, i) => ({
      arm: r.arm,
      benefit: ref.fractions.benefit.months[i]! / (r.followup_months as number),
      job: ref.fractions.job.months[i]! / (r.followup_months as number),
    }));
    const res = compareArms(fractions, {
      outcomes: [
        { column: 'benefit', label: 'on benefit', format: 'percent' },
        { column: 'job', label: 'in a job', format: 'percent' },
      ],
    });
    for (const [k, s] of (['benefit', 'job'] as const).entries()) {
      const o = res.outcomes[k]!;
      expect(o.kind).toBe('numeric');
      close(o.difference.estimate, ref.fractions[s].estimate, 1e-10, 'Welch (t.test) estimate');
      close(o.difference.stdError, ref.fractions[s].stdError, 1e-10, 'Welch (t.test) SE');
      close(o.difference.pValue, ref.fractions[s].pValue, 1e-6, 'Welch (t.test) p');
    }
    expect(res.toMarkdown()).toMatch(/\| on benefit \| \d+\.\d % \| \d+\.\d % \| −?\d+\.\d pp/);
  });
});

describe('compareArms rejects bad input with clear messages', () => {
  it('unknown outcome column', () => {
    const e = catchError(() => compareArms(rows, { outcomes: ['loon'] }));
    expect(e.code).toBe('missing-column');
    expect(e.message).toContain("missing column 'loon' (outcome)");
  });
  it('no control arm', () => {
    const e = catchError(() =>
      compareArms(
        rows.filter((r) => r.arm !== 'control'),
        { outcomes: ['income'] },
      ),
    );
    expect(e.code).toBe('unknown-arm');
    expect(e.message).toContain("arm 'control' does not occur");
  });
  it('an arm without values of an outcome', () => {
    const bad = rows.map((r) => (r.arm === 'control' ? { ...r, hourly_wage: null } : r));
    const e = catchError(() => compareArms(bad, { outcomes: ['hourly_wage'] }));
    expect(e.code).toBe('empty-group');
    expect(e.message).toMatch(
      /outcome 'hourly_wage': arm 'control' has no non-missing values \(\d+ missing\)/,
    );
  });
  it('an outcome stated binary with other values', () => {
    const e = catchError(() =>
      compareArms(rows, { outcomes: [{ column: 'n_jobs', kind: 'binary' }] }),
    );
    expect(e.code).toBe('not-binary');
    expect(e.message).toMatch(/outcome 'n_jobs' is stated binary but has \d+ in rows? /);
  });
  it('text in a numeric outcome', () => {
    const bad = rows.map((r, i) => (i === 2 ? { ...r, income: 'n.b.' } : r));
    const e = catchError(() => compareArms(bad, { outcomes: ['income'] }));
    expect(e.code).toBe('wrong-type');
    expect(e.message).toContain("column 'income'");
    expect(e.message).toContain("row 3 (first: 'n.b.')");
  });
  it('a constant outcome names the outcome', () => {
    const flat = rows.map((r) => ({ ...r, flat: 1 }));
    // ('auto' gives Newcombe's interval for a constant 0/1 outcome: compare-arms-newcombe.test.ts)
    const e = catchError(() => compareArms(flat, { outcomes: ['flat'], rawInterval: 'wald' }));
    expect(e.message).toMatch(/^outcome 'flat': /);
    expect(e.column).toBe('flat');
  });
  it('adjust without covariates', () => {
    const e = catchError(() => compareArms(rows, { outcomes: ['income'], adjust: true }));
    expect(e.message).toContain('adjust: true needs covariates');
  });
});

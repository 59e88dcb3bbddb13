import { afterAll, describe, expect, it } from 'vitest';
import { type ComplierFit, complierEffect, complierEffects } from '../../src/analysis/complier.js';
import { InputError } from '../../src/errors.js';
import type { Estimate } from '../../src/stats/estimate.js';
import {
  clientRows,
  close,
  type RefComplierFit,
  type RefEstimate,
  ref,
  reportWorst,
} from './compliance-reference.js';

const rows = clientRows();
const covariates = ['age', 'gender', 'education', 'prior_bijstand'];
const conversation = {
  column: 'participation',
  values: ['uwv_conversation', 'three_way_conversation'],
};

function sameEstimate(a: Estimate, r: RefEstimate, what: string) {
  close(a.estimate, r.estimate, 1e-8, `${what} estimate`);
  close(a.stdError, r.stdError, 1e-8, `${what} SE`);
  close(a.ci[0], r.ciLow, 1e-8, `${what} CI`);
  close(a.ci[1], r.ciHigh, 1e-8, `${what} CI`);
  close(a.pValue, r.pValue, 1e-6, `${what} p`);
  expect(a.df).toBe(r.df);
}

function sameFit(fit: ComplierFit, r: RefComplierFit) {
  expect(r.seType).toBe('HC2'); // iv_robust's default without clusters
  sameEstimate(fit.complier, r.complier, 'complier (iv_robust)');
  sameEstimate(fit.firstStage.difference, r.firstStage, 'first stage (lm_robust)');
  sameEstimate(fit.itt, r.itt, 'ITT (lm_robust)');
  close(fit.firstStage.f, r.f, 1e-8, 'first-stage F');
  expect(fit.firstStage.fDf).toEqual(r.fDf);
  close(fit.firstStage.fPValue, r.fP, 1e-6, 'first-stage F p');
  expect(fit.firstStage.weak).toBe(false);
  // Indirect least squares: ITT / first stage = 2SLS, also with covariates.
  close(fit.wald, r.complier.estimate, 1e-10, 'ITT / first stage');
}

describe('complierEffect agrees with R (estimatr iv_robust / lm_robust, HC2)', () => {
  for (const month of [12, 24] as const) {
    it(`bijstand by month ${month}, complete follow-up, without and with covariates`, () => {
      const r = ref.complier[`month${month}`];
      const c = complierEffect(rows, {
        outcome: { event: 'month_bijstand', month },
        received: conversation,
        covariates,
      });
      expect(c.n).toBe(r.n);
      expect(c.nTreated).toBe(r.nTreated);
      expect(c.nControl).toBe(r.nControl);
      sameFit(c.unadjusted, r.unadjusted);
      sameFit(c.adjusted!, r.adjusted);
      // Treatment contrasts for every factor (none fully coded, so nothing aliased).
      expect(c.adjusted!.covariates).toEqual([
        'age',
        'gender[woman]',
        'education[low]',
        'education[middle]',
        'prior_bijstand',
      ]);
      // Without covariates the 2SLS estimate is the hand Wald ratio (ȳ₁ − ȳ₀)/(d̄₁ − d̄₀).
      close(c.unadjusted.complier.estimate, r.wald, 1e-12, 'Wald ratio (hand, R)');
      const hand =
        (c.outcomeMean.treatment - c.outcomeMean.control) /
        (c.receivedShare.treatment - c.receivedShare.control);
      close(c.unadjusted.complier.estimate, hand, 1e-12, 'Wald ratio (hand, TS)');
      expect(c.excluded).toContainEqual({ reason: 'missing covariate (age: 1)', count: 1 });
      expect(c.excluded.some((e) => e.reason === `'followup_months' < ${month} months`)).toBe(
        month > 6,
      );
    });
  }

  it('numeric outcome column with missing values, received as a 0/1 column', () => {
    const r = ref.complier.income;
    const c = complierEffect(rows, { outcome: 'income', received: 'received', covariates });
    expect(c.n).toBe(r.n);
    expect(c.binaryOutcome).toBe(false);
    sameFit(c.unadjusted, r.unadjusted);
    sameFit(c.adjusted!, r.adjusted);
    close(c.unadjusted.complier.estimate, r.wald, 1e-12, 'Wald ratio (hand, R)');
    expect(c.excluded).toContainEqual({ reason: "missing outcome 'income'", count: 40 });
  });

  afterAll(() => {
    // Measured agreement, for the record (worst relative error per quantity).
    reportWorst('complierEffect');
  });
});

describe('complierEffect output', () => {
  const c = complierEffect(rows, {
    outcome: { event: 'month_bijstand', month: 12 },
    received: conversation,
    covariates,
  });
  it('method names the estimator and SE', () => {
    expect(c.method).toContain('2SLS');
    expect(c.method).toContain('HC2 robust SE');
    expect(c.method).toContain('Angrist, Imbens & Rubin (1996)');
    expect(c.method).toContain('complete follow-up at month 12');
  });
  it('toTable: first stage, ITT and complier rows per specification', () => {
    const t = c.toTable();
    expect(t).toHaveLength(6);
    expect(t.map((r) => `${r.model}/${r.quantity}`)).toEqual([
      'unadjusted/first stage',
      'unadjusted/itt',
      'unadjusted/complier',
      'adjusted/first stage',
      'adjusted/itt',
      'adjusted/complier',
    ]);
    expect(t[0]!.first_stage_f).toBe(c.unadjusted.firstStage.f);
    expect(t[2]!.estimate).toBe(c.unadjusted.complier.estimate);
  });
  it('toMarkdown shows pp for a 0/1 outcome and the first-stage F', () => {
    const md = c.toMarkdown();
    expect(md).toContain('first stage: received service');
    expect(md).toContain('complier effect (2SLS)');
    expect(md).toMatch(/First-stage F \(unadjusted\): \d+\.\d on \(1, \d+\) df\./);
    expect(md).toContain(' pp');
  });
});

function catchError(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('complierEffects', () => {
  // Outcomes on one sample (bijstand by 24 twice) share it and its first stage; by 12 and the
  // column outcomes with missing values (income, hourly_wage) are samples of their own.
  const outcomes = [
    { event: 'month_bijstand', month: 24 },
    'income',
    { event: 'month_bijstand', month: 12 },
    { event: 'month_bijstand', month: 24 },
    'hourly_wage',
  ] as const;
  for (const spec of [
    { received: conversation, covariates },
    { received: 'received', covariates: [], se: 'HC1' as const },
  ]) {
    it(`equals one complierEffect per outcome, bit for bit (${spec.covariates.length} covariates)`, () => {
      const together = complierEffects(rows, spec, outcomes);
      expect(together).toHaveLength(outcomes.length);
      outcomes.forEach((outcome, i) => {
        const alone = complierEffect(rows, { ...spec, outcome });
        const { toTable: _t, toMarkdown: _m, ...fields } = together[i]!;
        const { toTable: _t2, toMarkdown: _m2, ...aloneFields } = alone;
        expect(fields).toEqual(aloneFields);
        expect(together[i]!.toMarkdown()).toBe(alone.toMarkdown());
      });
      expect(together[1]!.excluded).toContainEqual({
        reason: "missing outcome 'income'",
        count: 40,
      });
    });
  }

  it('rejects an outcome in the shared specification', () => {
    expect(() =>
      complierEffects(
        rows,
        { received: 'received', outcome: 'income' } as unknown as Parameters<
          typeof complierEffects
        >[1],
        ['income'],
      ),
    ).toThrow(/outcome/);
  });
});

describe('complierEffect flags weak instruments and rejects bad input', () => {
  // 400 clients; received differs little between arms: a weak first stage.
  const weakRows = Array.from({ length: 400 }, (_, i) => ({
    arm: i % 2 ? 'experiment' : 'control',
    received: (i % 2 ? i % 20 === 1 || i % 20 === 3 : i % 20 === 0) ? 1 : 0,
    y: (i * 7919) % 13 > 6 ? 1 : 0,
  }));
  it('weak instrument (F < 10) is flagged in data and Markdown', () => {
    const c = complierEffect(weakRows, { outcome: 'y', received: 'received' });
    expect(c.unadjusted.firstStage.f).toBeLessThan(10);
    expect(c.unadjusted.firstStage.weak).toBe(true);
    expect(c.toMarkdown()).toContain('WEAK INSTRUMENT');
    expect(c.adjusted).toBeUndefined();
  });

  it('non-0/1 received column: names column, rows and value', () => {
    const bad = rows.map((r, i) => (i === 4 ? { ...r, received: 2 } : r));
    const e = catchError(() => complierEffect(bad, { outcome: 'income', received: 'received' }));
    expect(e.code).toBe('not-binary');
    expect(e.message).toContain("received column 'received' must hold 0/1");
    expect(e.message).toContain('has 2 in row 5');
    const text = rows.map((r, i) => (i === 4 ? { ...r, received: 'yes' } : r));
    expect(
      catchError(() => complierEffect(text, { outcome: 'income', received: 'received' })).code,
    ).toBe('wrong-type');
  });

  it('unknown column, no control arm, empty arm, no first stage', () => {
    const col = catchError(() => complierEffect(rows, { outcome: 'loon', received: 'received' }));
    expect(col.code).toBe('missing-column');
    expect(col.message).toContain("missing column 'loon' (outcome)");
    const rec = catchError(() => complierEffect(rows, { outcome: 'income', received: 'deelname' }));
    expect(rec.message).toContain("missing column 'deelname' (received)");
    const noControl = rows.filter((r) => r.arm === 'experiment');
    const arm = catchError(() =>
      complierEffect(noControl, { outcome: 'income', received: 'received' }),
    );
    expect(arm.code).toBe('unknown-arm');
    expect(arm.message).toContain("arm 'control' does not occur in column 'arm'");
    const emptied = rows.map((r) => (r.arm === 'control' ? { ...r, income: null } : r));
    const empty = catchError(() =>
      complierEffect(emptied, { outcome: 'income', received: 'received' }),
    );
    expect(empty.code).toBe('empty-group');
    expect(empty.message).toContain("arm 'control' has no clients left");
    const flat = rows.map((r) => ({ ...r, received: 1 }));
    const none = catchError(() =>
      complierEffect(flat, { outcome: 'income', received: 'received' }),
    );
    expect(none.code).toBe('under-identified');
    expect(none.message).toContain('not identified');
    const month = catchError(() =>
      complierEffect(rows, {
        outcome: { event: 'month_bijstand', month: 0 },
        received: 'received',
      }),
    );
    expect(month.message).toContain('whole number ≥ 1');
  });
});

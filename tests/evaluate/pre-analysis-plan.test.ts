import { createHash } from 'node:crypto';
import { from } from 'arquero';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { evaluate, parsePlan } from '../../src/evaluate/index.js';
import { planComparison, planDeviations } from '../../src/evaluate/plan-comparison.js';
import {
  canonicalJson,
  freezePlan,
  frozenPlanText,
  PLAN_CANONICAL_FORM,
  planDifferences,
  planSha256,
  verifyFrozenPlan,
} from '../../src/evaluate/plan-stamp.js';
import { parsePreAnalysisPlan } from '../../src/evaluate/pre-analysis-plan.js';
import { confirmatoryResult, preRegistration } from '../../src/evaluate/pre-registration.js';
import { evaluationSections } from '../../src/report/evaluation.js';
import { EXPLORATORY_PREFIX, preRegisteredSections } from '../../src/report/pre-registration.js';
import { renderCsv, renderMarkdown } from '../../src/table/index.js';
import { SMALL_PLAN, smallRows } from './small-data.js';
import { SMALL_PAP } from './small-pre-analysis-plan.js';

const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('parsePreAnalysisPlan', () => {
  it('fills in the defaults and keeps what the plan states', () => {
    const p = parsePreAnalysisPlan(SMALL_PAP);
    expect(p.primary).toEqual({
      outcome: 'month_bijstand',
      month: 12,
      covariates: ['gender', 'age'],
      factors: [],
      adjustment: 'ols',
      se: 'HC2',
      censoring: 'complete-followup',
      level: 0.95,
      contrasts: [{ treatment: 'experiment', control: 'control' }],
    });
    expect(p.secondaryOutcomes).toEqual(['month_work']);
    expect(p.title).toBe('Small experiment');
  });

  it('refuses unknown keys with a did-you-mean, naming the field', () => {
    const bad = { ...SMALL_PAP, primary: { ...SMALL_PAP.primary, mnth: 12 } };
    expect(() => parsePreAnalysisPlan(bad, { source: 'plan p.json' })).toThrow(
      /invalid plan p\.json: plan\.primary: unknown key "mnth" \(did you mean "month"\?\); allowed keys: outcome, month/,
    );
    expect(() => parsePreAnalysisPlan(SMALL_PAP, { sorce: 'x' } as object)).toThrow(
      /parsePreAnalysisPlan: unknown option "sorce" \(did you mean "source"\?\)/,
    );
    expect(() => parsePreAnalysisPlan({ ...SMALL_PAP, secondaryOutcome: [] })).toThrow(
      /plan: unknown key "secondaryOutcome" \(did you mean "secondaryOutcomes"\?\)/,
    );
  });

  it('lists every missing required key', () => {
    let error: unknown;
    try {
      parsePreAnalysisPlan({ primary: { outcome: 'month_bijstand' } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const problems = (error as { problems: string[] }).problems;
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'plan.primary.month',
      'plan.primary.covariates',
      'plan.primary.adjustment',
      'plan.primary.censoring',
      'plan.primary.level',
    ]);
    expect(problems[0]).toBe('plan.primary.month: missing: the primary month, e.g. 24');
    expect(() => parsePreAnalysisPlan({ title: 'x' })).toThrow(/plan\.primary: missing/);
  });

  it('checks values and cross-field rules', () => {
    const p = SMALL_PAP.primary;
    const bad =
      (primary: object, rest: object = {}) =>
      () =>
        parsePreAnalysisPlan({ ...SMALL_PAP, ...rest, primary: { ...p, ...primary } });
    expect(bad({ month: 0 })).toThrow(/plan\.primary\.month: expected a whole number ≥ 1, got 0/);
    expect(bad({ level: 95 })).toThrow(/plan\.primary\.level: expected a number between 0 and 1/);
    expect(bad({ adjustment: 'lim' })).toThrow(
      /expected one of ols, lin, none, got "lim" \(did you mean "lin"\?\)/,
    );
    expect(bad({ covariates: [] })).toThrow(/"ols" needs covariates/);
    expect(bad({ factors: ['office'] })).toThrow(
      /plan\.primary\.factors\[0\]: "office" is not one of/,
    );
    expect(bad({ contrasts: [{ treatment: 'a', control: 'a' }] })).toThrow(/must differ/);
    expect(bad({}, { secondaryOutcomes: ['month_bijstand'] })).toThrow(
      /plan\.secondaryOutcomes\[0\]: "month_bijstand" is the primary outcome/,
    );
  });
});

describe('the canonical form and the stamp', () => {
  it('is RFC 8785 JSON: sorted keys, no whitespace, ECMAScript numbers', () => {
    expect(canonicalJson({ b: [1, 0.5, 1e21, -0], a: 'é"\n', c: { z: null, y: true } })).toBe(
      '{"a":"é\\"\\n","b":[1,0.5,1e+21,0],"c":{"y":true,"z":null}}',
    );
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(/not JSON/);
  });

  it('hashes the canonical text of the complete plan (checked with node:crypto)', () => {
    const plan = parsePreAnalysisPlan(SMALL_PAP);
    const canonical =
      '{"primary":{"adjustment":"ols","censoring":"complete-followup","contrasts":[{"control":"control","treatment":"experiment"}],"covariates":["gender","age"],"factors":[],"level":0.95,"month":12,"outcome":"month_bijstand","se":"HC2"},"secondaryOutcomes":["month_work"],"title":"Small experiment"}';
    expect(canonicalJson(plan)).toBe(canonical);
    expect(planSha256(plan)).toBe(sha(canonical));
    const frozen = freezePlan(plan);
    expect(frozen.frozen).toEqual({ sha256: sha(canonical), form: PLAN_CANONICAL_FORM, canonical });
    // Deterministic bytes, stamp last.
    expect(frozenPlanText(freezePlan(parsePreAnalysisPlan(SMALL_PAP)))).toBe(
      frozenPlanText(frozen),
    );
    expect(Object.keys(frozen)).toEqual(['title', 'primary', 'secondaryOutcomes', 'frozen']);
  });

  it('a default left implicit, key order and number spelling do not change the hash', () => {
    const explicit = { ...SMALL_PAP, primary: { se: 'HC2', factors: [], ...SMALL_PAP.primary } };
    expect(planSha256(parsePreAnalysisPlan(explicit))).toBe(
      planSha256(parsePreAnalysisPlan(SMALL_PAP)),
    );
    const reordered = JSON.parse(
      JSON.stringify({
        secondaryOutcomes: SMALL_PAP.secondaryOutcomes,
        primary: SMALL_PAP.primary,
        title: SMALL_PAP.title,
      }),
    );
    expect(planSha256(parsePreAnalysisPlan(reordered))).toBe(
      planSha256(parsePreAnalysisPlan(SMALL_PAP)),
    );
    const reorderedList = {
      ...SMALL_PAP,
      primary: { ...SMALL_PAP.primary, covariates: ['age', 'gender'] },
    };
    expect(planSha256(parsePreAnalysisPlan(reorderedList))).not.toBe(
      planSha256(parsePreAnalysisPlan(SMALL_PAP)),
    );
  });

  it('verifies a frozen plan and names every field edited after freezing', () => {
    const frozen = JSON.parse(frozenPlanText(freezePlan(parsePreAnalysisPlan(SMALL_PAP))));
    const hash = frozen.frozen.sha256 as string;
    expect(verifyFrozenPlan(frozen).sha256).toBe(hash);
    const edited = structuredClone(frozen);
    edited.primary.month = 6;
    edited.primary.covariates = ['gender'];
    let message = '';
    try {
      verifyFrozenPlan(edited, { source: 'plan f.json' });
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).code).toBe('inconsistent');
      message = (e as Error).message;
    }
    expect(message).toContain(
      'plan f.json: edited after freezing: plan.primary.covariates: frozen ["gender","age"], now ["gender"]; plan.primary.month: frozen 12, now 6.',
    );
    expect(message).toContain(`its stamp is ${hash}`);
    expect(message).toContain(`The plan hashes to ${planSha256(parsePreAnalysisPlan(edited))}`);
  });

  it('refuses an edited stamp, a missing stamp and an unknown form', () => {
    const frozen = JSON.parse(frozenPlanText(freezePlan(parsePreAnalysisPlan(SMALL_PAP))));
    const stamp = structuredClone(frozen);
    stamp.frozen.sha256 = '0'.repeat(64);
    expect(() => verifyFrozenPlan(stamp)).toThrow(
      /the stamp does not hold: plan\.frozen\.sha256 is 0{64}/,
    );
    expect(() => verifyFrozenPlan(SMALL_PAP, { source: 'plan p.json' })).toThrow(
      /plan p\.json is not a frozen plan \(it has no "frozen" stamp\)/,
    );
    const form = structuredClone(frozen);
    form.frozen.form = 'sha256 of something';
    expect(() => verifyFrozenPlan(form)).toThrow(/plan\.frozen\.form: expected/);
    const key = structuredClone(frozen);
    key.frozen.sha265 = key.frozen.sha256;
    expect(() => verifyFrozenPlan(key)).toThrow(
      /plan\.frozen: unknown key "sha265" \(did you mean "sha256"\?\)/,
    );
    expect(planDifferences({ a: { b: 1 } }, { a: { c: 1 } })).toEqual([
      'plan.a.b: removed, frozen 1',
      'plan.a.c: added, now 1',
    ]);
  });
});

describe('the plan against the config', () => {
  const pap = parsePreAnalysisPlan(SMALL_PAP);

  it('a population is read as config.filter is, and compared with it as a set', () => {
    const withPopulation = (population: unknown) =>
      parsePreAnalysisPlan({ ...SMALL_PAP, primary: { ...SMALL_PAP.primary, population } });
    const p = withPopulation([
      { column: 'office', in: ['office 2', 'office 1'] },
      { column: 'gender', in: ['man'] },
    ]);
    expect(p.primary.population).toEqual([
      { column: 'office', in: ['office 2', 'office 1'] },
      { column: 'gender', equals: 'man' },
    ]);
    expect(() => withPopulation({ column: 'office' })).toThrow(
      /plan\.primary\.population: give exactly one of "equals" \(a value\) or "in"/,
    );
    const same = parsePlan({
      ...SMALL_PLAN,
      filter: [
        { column: 'gender', equals: 'man' },
        { column: 'office', in: ['office 1', 'office 2'] },
      ],
    });
    expect(planDeviations(p, same)).toEqual([]);
    expect(planDeviations(p, parsePlan(SMALL_PLAN))).toEqual([
      'primary.population: planned office in ["office 2","office 1"] and gender = "man", config.filter is all rows',
    ]);
    const other = parsePlan({ ...SMALL_PLAN, filter: { column: 'gender', equals: 'woman' } });
    expect(planDeviations(withPopulation({ column: 'gender', equals: 'man' }), other)).toEqual([
      'primary.population: planned gender = "man", config.filter is gender = "woman"',
    ]);
  });

  it('finds no deviation in the config that runs the planned analysis', () => {
    const config = parsePlan({ ...SMALL_PLAN, covariates: ['age', 'gender'] });
    expect(planDeviations(pap, config)).toEqual([]);
    // Later months than the primary one are exploratory, not a deviation.
    const longer = parsePreAnalysisPlan({
      ...SMALL_PAP,
      primary: { ...SMALL_PAP.primary, month: 6 },
    });
    expect(planDeviations(longer, config)).toEqual([]);
    expect(planComparison(pap, config).map((r) => r.status)).toEqual(Array(10).fill('as planned'));
  });

  it('names each change of the primary analysis', () => {
    const config = parsePlan({
      ...SMALL_PLAN,
      events: ['month_work'],
      months: 6,
      covariates: ['gender', 'age', 'office'],
      factors: ['office'],
      arms: { treatment: 'control', control: 'experiment' },
      subgroups: [],
      participation: undefined,
      methods: { adjustment: 'lin', se: 'HC3', censoring: 'ipcw', level: 0.9 },
    });
    expect(planDeviations(pap, config)).toEqual([
      'primary.outcome: planned month_bijstand, config.events is month_work',
      'primary.month: planned 12, config.months is 6 (month 12 is not analysed)',
      'primary.covariates: planned gender, age, config.covariates is gender, age, office',
      'primary.factors: planned none, config.factors is office',
      'primary.adjustment: planned ols, config.methods.adjustment is lin',
      'primary.se: planned HC2, config.methods.se is HC3',
      'primary.censoring: planned complete-followup, config.methods.censoring is ipcw',
      'primary.level: planned 0.95, config.methods.level is 0.9',
      'primary.contrasts: planned experiment − control, config.arms is control − experiment',
    ]);
    const secondary = planComparison(pap, config).at(-1);
    expect(secondary).toMatchObject({ field: 'secondaryOutcomes', status: 'as planned' });
  });
});

describe('confirmatory and exploratory results', () => {
  const pap = parsePreAnalysisPlan(SMALL_PAP);
  const verified = { plan: pap, sha256: planSha256(pap) };
  const result = evaluate(from(smallRows()), parsePlan(SMALL_PLAN), { file: 'clients.csv' });

  it('the confirmatory result is the adjusted effect at the primary month', () => {
    const c = confirmatoryResult(result, pap)!;
    const month12 = result.effects[0]!.series.months[11]!;
    expect(c.estimator).toBe('adjusted');
    expect(c.effect).toBe(month12.adjusted);
    expect(c.nTreated + c.nControl).toBe(c.effect!.n);
    // The small experiment: 60 % treated with a lower bijstand rate, so the effect is negative.
    expect(c.effect!.estimate).toBeLessThan(0);
    expect(c.shareTreated - c.shareControl).toBeCloseTo(month12.raw.estimate, 12);
    const raw = parsePreAnalysisPlan({
      ...SMALL_PAP,
      primary: { ...SMALL_PAP.primary, adjustment: 'none', covariates: [] },
    });
    expect(confirmatoryResult(result, raw)!.effect).toBe(month12.raw);
  });

  it('sections: the plan first, then the confirmatory row, then everything else as exploratory', () => {
    const reg = preRegistration(verified, result, { file: 'frozen.json' });
    expect(reg.deviations).toEqual([]);
    const sections = preRegisteredSections(evaluationSections(result), reg);
    expect(sections.map((s) => s.id).slice(0, 3)).toEqual([
      'pre-analysis-plan',
      'confirmatory',
      'assignment',
    ]);
    expect(sections.slice(2).every((s) => s.title.startsWith(EXPLORATORY_PREFIX))).toBe(true);
    const md = renderMarkdown('Small', sections);
    expect(md.split('\n')[2]).toBe(`## Pre-analysis plan (sha256 ${verified.sha256}): followed`);
    const adj = reg.confirmatory!.effect!;
    const csv = renderCsv(sections);
    expect(csv).toContain(`pre-analysis-plan,,,,,,sha256.planned,${verified.sha256}\n`);
    expect(csv).toContain(`confirmatory,bijstand,,,,12,adjusted.estimate,${adj.estimate}\n`);
    expect(csv).toContain(`confirmatory,bijstand,,,,12,adjusted.p_value,${adj.pValue}\n`);
  });

  it('the confirmatory row publishes nothing the effect table suppresses', () => {
    // Threshold 40: 34 experiment clients with the event by month 12 (< 40), so the shares and
    // the raw difference that reveal it are suppressed; the adjusted estimate is published.
    const raw = parsePreAnalysisPlan({
      ...SMALL_PAP,
      primary: { ...SMALL_PAP.primary, adjustment: 'none', covariates: [] },
    });
    const rawResult = evaluate(
      from(smallRows()),
      parsePlan({ ...SMALL_PLAN, covariates: [], participation: undefined }),
      { file: 'clients.csv' },
    );
    const rawReg = preRegistration({ plan: raw, sha256: planSha256(raw) }, rawResult, {
      file: 'frozen.json',
    });
    const rawSections = preRegisteredSections(
      evaluationSections(rawResult, { threshold: 40 }),
      rawReg,
    );
    const x = 'secondary';
    expect(rawSections[1]!.suppressed).toEqual([
      {
        share_t: x,
        share_c: x,
        estimate: x,
        ci: x,
        lower: x,
        upper: x,
        se: x,
        p: x,
        df: x,
        stars: x,
      },
    ]);
    expect(renderMarkdown('Small', rawSections)).not.toContain('−16.1 pp');
    const adjReg = preRegistration(verified, result, { file: 'frozen.json' });
    const adjSections = preRegisteredSections(
      evaluationSections(result, { threshold: 40 }),
      adjReg,
    );
    expect(adjSections[1]!.suppressed).toEqual([{ share_t: x, share_c: x }]);
    expect(adjSections[1]!.rows[0]!.estimate).toBe(
      result.effects[0]!.series.months[11]!.adjusted!.estimate,
    );
  });

  it('a deviating config has no confirmatory result and says how it deviates', () => {
    const other = evaluate(from(smallRows()), parsePlan({ ...SMALL_PLAN, months: 6 }), {
      file: 'clients.csv',
    });
    const reg = preRegistration(verified, other, { file: 'frozen.json' });
    expect(reg.deviations).toEqual([
      'primary.month: planned 12, config.months is 6 (month 12 is not analysed)',
    ]);
    expect(reg.confirmatory).toBeUndefined();
    const sections = preRegisteredSections(evaluationSections(other), reg);
    expect(sections[0]!.title).toContain('deviates from it — exploratory');
    expect(sections[0]!.notes![0]).toContain(
      'THIS ANALYSIS DEVIATES FROM THE FROZEN PLAN (run with --exploratory): primary.month: planned 12',
    );
    expect(sections[1]!.rows).toEqual([]);
    expect(sections[1]!.notes![0]).toMatch(/^No confirmatory result: the analysis deviates/);
  });
});

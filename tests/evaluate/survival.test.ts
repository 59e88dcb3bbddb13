import { describe, expect, it } from 'vitest';
import { SpecError } from '../../src/data/spec-reader.js';
import { evaluate, evaluationSteps, parsePlan } from '../../src/evaluate/index.js';
import { evaluationSections } from '../../src/report/evaluation.js';
import { renderCsv, renderMarkdown } from '../../src/table/index.js';
import { clientTable, ref, relDiff } from '../outcomes/survival-reference.js';

function problems(json: unknown): readonly string[] {
  try {
    parsePlan(json);
  } catch (error) {
    if (error instanceof SpecError) return error.problems;
    throw error;
  }
  throw new Error('expected a SpecError');
}

const base = {
  events: { work: 'month_work', bijstand: 'month_bijstand' },
  months: 24,
  covariates: ['age', 'gender'],
};

describe('plan keys tests, rmst, cox', () => {
  it('are absent unless given, and filled in with defaults', () => {
    const plain = parsePlan(base);
    expect('tests' in plain || 'rmst' in plain || 'cox' in plain).toBe(false);
    const plan = parsePlan({ ...base, tests: ['logrank', 'gray'], rmst: true, cox: true });
    expect(plan.tests).toEqual(['logrank', 'gray']);
    expect(plan.rmst).toEqual({ tau: 24 });
    expect(plan.cox).toEqual({ ties: 'efron', se: 'model' });
    expect(
      parsePlan({ ...base, rmst: { tau: 12 }, cox: { ties: 'breslow', se: 'robust' } }),
    ).toMatchObject({
      rmst: { tau: 12 },
      cox: { ties: 'breslow', se: 'robust' },
    });
    expect(evaluationSteps(plan)).toBe(evaluationSteps(plain) + 1);
  });
  it('reject unknown keys, values and gray without competing events', () => {
    expect(problems({ ...base, cox: { tie: 'efron' } })[0]).toMatch(
      /^config\.cox: unknown key "tie" \(did you mean "ties"\?\)/,
    );
    expect(problems({ ...base, tests: ['logrnk'] })[0]).toMatch(/^config\.tests\[0\]/);
    expect(problems({ ...base, rmst: { tau: 30 } })[0]).toMatch(
      /^config\.rmst\.tau: expected a number in \(0, config\.months = 24\]/,
    );
    expect(problems({ events: ['month_work'], months: 24, tests: ['gray'] })[0]).toMatch(
      /^config\.tests: "gray" needs at least two config\.events/,
    );
    expect(problems({ ...base, survival: true })[0]).toMatch(/unknown key "survival"/);
  });
});

describe('evaluate runs them per event (numbers as the R reference)', () => {
  const plan = parsePlan({
    ...base,
    tests: ['logrank', 'gray'],
    rmst: { tau: 12 },
    cox: { ties: 'efron' },
  });
  const result = evaluate(clientTable(ref.clients), plan);
  const s = result.survival!;
  it('log-rank, Gray, RMST and Cox of work agree with R', () => {
    const work = (list: readonly { event: string }[]) => list.find((e) => e.event === 'work')!;
    expect(
      relDiff(
        (work(s.logrank) as (typeof s.logrank)[number]).result.statistic,
        ref.logrank.single.statistic,
      ),
    ).toBeLessThan(1e-10);
    expect(
      relDiff(
        (work(s.gray) as (typeof s.gray)[number]).result.statistic,
        ref.gray.clients.work.statistic,
      ),
    ).toBeLessThan(1e-10);
    const rm = (work(s.rmst) as (typeof s.rmst)[number]).result;
    expect(relDiff(rm.difference.estimate, ref.rmst.tau12.difference.estimate)).toBeLessThan(1e-10);
    const cox = (work(s.cox) as (typeof s.cox)[number]).result;
    expect(relDiff(cox.effect.estimate, ref.cox.efron.estimate[0]!)).toBeLessThan(1e-10);
    expect(relDiff(cox.effect.robustStdError, ref.cox.efron.robust_std_err[0]!)).toBeLessThan(
      1e-10,
    );
    expect(s.gray.map((e) => e.event)).toEqual(['work', 'bijstand']);
    expect(relDiff(s.gray[1]!.result.statistic, ref.gray.clients.bijstand.statistic)).toBeLessThan(
      1e-10,
    );
  });
  it('the report shows them as sections, in every writer', () => {
    const sections = evaluationSections(result);
    const ids = sections.map((x) => x.id);
    expect(ids).toEqual(expect.arrayContaining(['survival-tests', 'rmst', 'cox']));
    const md = renderMarkdown(result.title, sections);
    expect(md).toContain('Survival tests (treatment vs control)');
    expect(md).toContain('robust SE');
    const csv = renderCsv(sections);
    expect(csv).toContain('survival-tests');
    expect(csv).toContain('log-rank.p_value');
  });
  it('no survival keys: no survival result', () => {
    expect(evaluate(clientTable(ref.clients), parsePlan(base)).survival).toBeUndefined();
  });
});

// Several arms through the analysis plan, evaluate, its sections and the CLI (issue #14), on
// the synthetic 2017–2018 three-arm data; and the strict checks of the several-arm options.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { table } from 'arquero';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { InputError } from '../../src/errors.js';
import { evaluate, evaluationSteps, parsePlan } from '../../src/evaluate/index.js';
import { compareArms, effectSeries } from '../../src/index.js';
import { evaluationSections } from '../../src/report/evaluation.js';
import { renderCsv, renderMarkdown } from '../../src/table/index.js';
import { threeArmRows } from '../reference/three-arm-data.js';

const rows = threeArmRows();
const ARMS = ['service', 'control_enforcement', 'control_none'];
const covariates = ['gender', 'age', 'education'];
const config = {
  title: 'Three arms',
  arms: { labels: ARMS, contrasts: 'all-pairs', pAdjust: 'holm' },
  events: ['month_job'],
  months: 6,
  covariates,
};

describe('analyze with several arms', () => {
  const plan = parsePlan(config);
  const result = evaluate(table(columnsOf(rows)), plan);

  it('reads the several-arm keys: reference the last label, the two-arm pair from the labels', () => {
    expect(plan.arms).toMatchObject({
      treatment: 'service',
      control: 'control_none',
      several: { labels: ARMS, reference: 'control_none', contrasts: 'all-pairs', pAdjust: 'holm' },
    });
    expect(evaluationSteps(plan)).toBe(3 + 1 + 1);
  });

  it('gives every contrast per event, as effectSeries with arms does', () => {
    const direct = effectSeries(rows, {
      arms: ARMS,
      contrasts: 'all-pairs',
      pAdjust: 'holm',
      event: 'month_job',
      months: 6,
      covariates,
    });
    const got = result.armContrasts![0]!.series;
    expect(got.months.map((m) => m.contrasts.map((c) => c.adjusted!.estimate))).toEqual(
      direct.months.map((m) => m.contrasts.map((c) => c.adjusted!.estimate)),
    );
    expect(got.months[5]!.contrasts[2]!.pAdjusted!.adjusted).toBe(
      direct.months[5]!.contrasts[2]!.pAdjusted!.adjusted,
    );
  });

  it('presents one table with every contrast, the family stated, counts protected', () => {
    const sections = evaluationSections(result, { threshold: 10 });
    const s = sections.find((x) => x.id === 'arm-contrasts')!;
    expect(s.rows).toHaveLength(6 * 3);
    expect(s.notes).toContain(
      'Multiplicity: holm across the 3 contrasts within each month (raw and adjusted estimates adjusted separately; not across months).',
    );
    const md = renderMarkdown(result.title, sections);
    expect(md).toMatch(/^## Contrasts between arms on job per month/m);
    expect(md).toContain('control_enforcement − control_none');
    // Same sections, same bytes.
    expect(renderCsv(evaluationSections(result, { threshold: 10 }))).toBe(renderCsv(sections));
    // A threshold above the smallest event count suppresses the counts that reveal it.
    const strict = evaluationSections(result, { threshold: 40 }).find(
      (x) => x.id === 'arm-contrasts',
    )!;
    expect(strict.suppressed?.some((m) => m && Object.keys(m).length > 0)).toBe(true);
  });

  it('names every problem of the several-arm keys', () => {
    const bad = (arms: unknown) => () => parsePlan({ ...config, arms });
    expect(bad({ labels: ARMS, reference: 'none' })).toThrow(
      'config.arms.reference: "none" is not one of config.arms.labels',
    );
    expect(bad({ labels: ARMS, contrasts: [['service', 'nobody']] })).toThrow(
      'config.arms.contrasts[0]: "nobody" is not one of config.arms.labels',
    );
    expect(bad({ labels: ARMS, contrast: 'all-pairs' })).toThrow(
      'unknown key "contrast" (did you mean "contrasts"?)',
    );
    expect(bad({ reference: 'control_none' })).toThrow(
      'config.arms.reference: needs config.arms.labels',
    );
    expect(bad({ labels: ARMS, treatment: 'experiment' })).toThrow(
      'config.arms.treatment: "experiment" is not one of config.arms.labels',
    );
  });
});

describe('the command line with several arms', () => {
  const dir = mkdtempSync(join(tmpdir(), 'effectmeting-arms-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('analyze --format md prints the contrast table', async () => {
    const columns = Object.keys(rows[0]!);
    const csv = [
      ['id', ...columns].join(','),
      ...rows.map((r, i) =>
        [
          `c${i + 1}`,
          ...columns.map((c) => {
            const v = (r as Record<string, unknown>)[c];
            return v === null ? '' : String(v);
          }),
        ].join(','),
      ),
    ].join('\n');
    const data = join(dir, 'three.csv');
    const cfg = join(dir, 'config.json');
    writeFileSync(data, `${csv}\n`);
    writeFileSync(cfg, JSON.stringify(config));
    let out = '';
    const code = await runCli(['analyze', '--input', data, '--config', cfg, '--format', 'md'], {
      stdout: (t: string) => {
        out += t;
      },
      stderr: () => {},
    });
    expect(code).toBe(0);
    expect(out).toMatch(/^## Contrasts between arms on job per month/m);
    expect(out).toMatch(/^\| month \| contrast \| first n \| second n \|/m);
  });
});

describe('strict several-arm options', () => {
  const spec = { arms: ARMS, event: 'month_job', months: 3 };
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e instanceof InputError ? `${e.code}: ${e.message}` : String(e);
    }
    return 'no error';
  };

  it('rejects unknown keys with a did-you-mean, in effectSeries and compareArms', () => {
    expect(code(() => effectSeries(rows, { ...spec, contrast: 'all-pairs' } as never))).toBe(
      'invalid-option: effectSeries (several arms): unknown option "contrast" (did you mean "contrasts"?); allowed: event, months, adjustment, se, level, rawInterval, arm, covariates, covariateReference, factors, missing, followup, arms, reference, contrasts, pAdjust, clusters, blocks',
    );
    expect(
      code(() => compareArms(rows, { arms: ARMS, outcomes: ['age'], padjust: 'holm' } as never)),
    ).toMatch(
      /^invalid-option: compareArms \(several arms\): unknown option "padjust" \(did you mean "pAdjust"\?\)/,
    );
    expect(code(() => effectSeries(rows, { ...spec, treatment: 'service' } as never))).toMatch(
      /unknown option "treatment"/,
    );
  });

  it('names the arm, the reference and the contrast that do not fit', () => {
    expect(code(() => effectSeries(rows, { ...spec, arms: [...ARMS, 'coaching'] }))).toBe(
      "unknown-arm: arm 'coaching' does not occur in column 'arm'; labels present: control_enforcement, control_none, service",
    );
    expect(code(() => effectSeries(rows, { ...spec, reference: 'control' }))).toBe(
      "invalid-option: effectSeries: reference: 'control' is not one of arms (service, control_enforcement, control_none)",
    );
    expect(code(() => effectSeries(rows, { ...spec, contrasts: [['service', 'service']] }))).toBe(
      "invalid-option: effectSeries: contrasts[0]: compares 'service' with itself",
    );
    expect(
      code(() =>
        effectSeries(rows, {
          ...spec,
          contrasts: [
            ['service', 'control_none'],
            ['control_none', 'service'],
          ],
        }),
      ),
    ).toBe(
      "invalid-option: effectSeries: contrasts[1]: the pair 'control_none', 'service' is listed twice",
    );
    expect(code(() => effectSeries(rows, { ...spec, arms: ['service'] }))).toMatch(
      /arms: expected a list of at least two arm labels/,
    );
    expect(code(() => effectSeries(rows, { ...spec, pAdjust: 'hochberg' as never }))).toMatch(
      /pAdjust: expected one of holm, BH, bonferroni; got 'hochberg'/,
    );
  });

  it('an explicit list of contrasts, in its order; the reference contrasts by default', () => {
    const s = effectSeries(rows, {
      ...spec,
      contrasts: [['control_enforcement', 'service']],
    });
    expect(s.contrasts.map((c) => c.label)).toEqual(['control_enforcement − service']);
    const all = effectSeries(rows, { ...spec, contrasts: 'all-pairs' });
    expect(s.months[2]!.contrasts[0]!.raw.estimate).toBeCloseTo(
      -all.months[2]!.contrasts[0]!.raw.estimate,
      15,
    );
    expect(effectSeries(rows, spec).contrasts.map((c) => c.label)).toEqual([
      'service − control_none',
      'control_enforcement − control_none',
    ]);
  });

  it('a covariate equal to an arm dummy is dropped as aliased (after the dummies, as lm does)', () => {
    const marked = rows.map((r) => ({ ...r, ce: r.arm === 'control_enforcement' ? 1 : 0 }));
    const s = effectSeries(marked, { ...spec, covariates: ['age', 'ce'] });
    const plain = effectSeries(rows, { ...spec, covariates: ['age'] });
    expect(s.aliased).toEqual(['ce']);
    s.months.forEach((m, i) => {
      m.contrasts.forEach((c, j) => {
        const p = plain.months[i]!.contrasts[j]!.adjusted!;
        expect(c.adjusted!.estimate).toBeCloseTo(p.estimate, 12);
        expect(c.adjusted!.stdError).toBeCloseTo(p.stdError, 12);
      });
    });
  });

  it('a month with no event anywhere: difference 0, p = 1, stated', () => {
    const none = rows.map((r) => ({
      ...r,
      month_job: r.month_job !== null && r.month_job <= 1 ? null : r.month_job,
    }));
    const s = effectSeries(none, { ...spec, covariates: ['age'] });
    const m1 = s.months[0]!;
    expect(m1.arms.every((a) => a.events === 0)).toBe(true);
    for (const c of m1.contrasts) {
      expect(c.raw).toMatchObject({ estimate: 0, stdError: 0, pValue: 1 });
      expect(c.adjusted).toMatchObject({ estimate: 0, stdError: 0, pValue: 1 });
      expect(c.adjusted!.method).toBe(
        'no client had the event by month 1: difference 0, no variation to test (p = 1)',
      );
    }
  });

  it('a client whose leverage is 1 under HC2 is named by its table row', () => {
    const odd = rows.map((r, i) => ({ ...r, education: i === 7 ? 'doctorate' : r.education }));
    expect(code(() => effectSeries(odd, { ...spec, covariates: ['education'] }))).toMatch(
      /^leverage-one: the client in row 8 has leverage 1 at month 1/,
    );
  });
});

/** The rows as columns, with a pseudonym id column (the fixture has none). */
function columnsOf(list: readonly Record<string, unknown>[]) {
  const names = Object.keys(list[0]!);
  return {
    id: list.map((_, i) => `c${i + 1}`),
    ...Object.fromEntries(names.map((n) => [n, list.map((r) => r[n])])),
  };
}

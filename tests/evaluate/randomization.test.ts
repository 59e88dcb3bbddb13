// methods.randomizationInference and methods.stars of the analyze config: strict keys, the
// randomisation p-value beside the asymptotic one (seeded, draws and Monte Carlo SE), and the
// star legend in every writer.
import { table } from 'arquero';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { parsePlan } from '../../src/evaluate/plan.js';
import { randomizationTest } from '../../src/plan/randomization-inference.js';
import { evaluationSections } from '../../src/report/evaluation.js';
import { documentHtml, documentMarkdown, jsonOfTable } from '../../src/table/index.js';
import { renderMarkdown, renderTable } from '../../src/table/sections.js';
import { smallRows } from './small-data.js';

const rows = smallRows();
const data = table(
  Object.fromEntries(Object.keys(rows[0]!).map((k) => [k, rows.map((r) => (r as never)[k])])),
);
const base = { events: ['month_bijstand'], months: 6, covariates: ['age', 'gender'] };

describe('methods.randomizationInference', () => {
  it('is read with its defaults and rejects unknown keys and bad values', () => {
    const plan = parsePlan({ ...base, methods: { randomizationInference: true } });
    expect(plan.methods.randomizationInference).toEqual({
      draws: 2000,
      seed: 1,
      design: 'complete',
      month: 6,
    });
    expect(() =>
      parsePlan({ ...base, methods: { randomizationInference: { draw: 500 } } }),
    ).toThrow(
      /config.methods.randomizationInference: unknown key "draw" \(did you mean "draws"\?\)/,
    );
    expect(() =>
      parsePlan({ ...base, methods: { randomizationInference: { draws: 10 } } }),
    ).toThrow(/randomizationInference.draws: expected a whole number of draws from 100/);
    expect(() =>
      parsePlan({ ...base, methods: { randomizationInference: { design: 'blocked' } } }),
    ).toThrow(/needs the block column/);
    expect(() => parsePlan({ ...base, methods: { randomizationInference: { month: 7 } } })).toThrow(
      /randomizationInference.month/,
    );
  });

  it('gives the seeded randomisation p at the primary month, the same as randomizationTest', () => {
    const plan = parsePlan({
      ...base,
      methods: { randomizationInference: { draws: 400, seed: 'x' } },
    });
    const r = evaluate(data, plan);
    const ri = r.randomization![0]!.result;
    const direct = randomizationTest(data, {
      event: 'month_bijstand',
      month: 6,
      covariates: ['age', 'gender'],
      draws: 400,
      seed: 'x',
      rule: { kind: 'complete', weights: { experiment: 0.5, control: 0.5 }, seed: 'x' },
    });
    expect(ri.itt.pValue).toBe(direct.itt.pValue);
    expect(ri.adjusted!.pValue).toBe(direct.adjusted!.pValue);
    expect(ri.adjusted!.monteCarloSe).toBeCloseTo(
      Math.sqrt((ri.adjusted!.pValue * (1 - ri.adjusted!.pValue)) / 400),
      14,
    );
    // The observed effect is the effect table's at the month.
    const m6 = r.effects[0]!.series.months.find((m) => m.month === 6)!;
    expect(ri.itt.estimate).toBeCloseTo(m6.raw.estimate, 12);
    expect(ri.adjusted!.estimate).toBeCloseTo(m6.adjusted!.estimate, 10);
    // Same seed, same output; the section shows draws and the MC SE.
    const again = evaluate(data, plan).randomization![0]!.result;
    expect(again).toEqual(ri);
    const md = renderMarkdown('x', evaluationSections(r));
    expect(md).toContain('## Randomisation inference at month 6');
    expect(md).toContain('Monte Carlo SE');
  });

  it('randomizationTest rejects unknown keys and bad draws', () => {
    expect(() =>
      randomizationTest(data, { event: 'month_bijstand', month: 6, draw: 10 } as never),
    ).toThrow(/randomizationTest: unknown option "draw" \(did you mean "draws"\?\)/);
    expect(() => randomizationTest(data, { event: 'month_bijstand', draws: 0 })).toThrow(
      /draws must be a whole number ≥ 1/,
    );
  });
});

describe('methods.stars', () => {
  it('marks the effect table at the given levels and prints the legend in every format', () => {
    const levels = { '†': 0.9, '*': 0.8, '**': 0.7 };
    const r = evaluate(data, parsePlan({ ...base, methods: { stars: levels } }));
    const effect = evaluationSections(r).find((s) => s.id === 'effect')!;
    expect(effect.stars?.levels).toEqual(levels);
    for (const [i, m] of r.effects[0]!.series.months.entries()) {
      const p = m.raw.pValue;
      const expected = p < 0.7 ? '**' : p < 0.8 ? '*' : p < 0.9 ? '†' : '';
      expect(effect.rows[i]!.raw_stars).toBe(expected);
    }
    const legend = 'Stars: † p < 0.90, * p < 0.80, ** p < 0.70 (p-values: two-sided, pointwise';
    expect(renderTable('x', [effect])).toContain(legend);
    expect(renderMarkdown('x', [effect])).toContain(
      'Stars: † p < 0.90, \\* p < 0.80, \\*\\* p < 0.70 (p-values: two-sided, pointwise',
    );
    const block = [{ kind: 'table' as const, table: effect }];
    expect(documentHtml(block)).toContain('Stars: † p &lt; 0.90, * p &lt; 0.80, ** p &lt; 0.70');
    expect(documentMarkdown(block)).toContain('p < 0.90');
    expect(jsonOfTable(effect).stars?.legend).toContain(legend);
  });

  it('rejects levels out of order or with unknown marks', () => {
    expect(() =>
      parsePlan({ ...base, methods: { stars: { '†': 0.05, '*': 0.1, '**': 0.01 } } }),
    ).toThrow(/config.methods.stars: levels must satisfy \*\* < \* < †/);
    expect(() =>
      parsePlan({ ...base, methods: { stars: { '†': 0.2, '*': 0.1, '***': 0.05 } } }),
    ).toThrow(/unknown key '\*\*\*'/);
  });
});

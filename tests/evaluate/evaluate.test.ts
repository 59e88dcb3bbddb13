import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type ColumnTable, table } from 'arquero';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTable } from '../../src/data/load.js';
import { InputError } from '../../src/errors.js';
import {
  type AnalysisResult,
  evaluate,
  evaluationSteps,
  parsePlan,
} from '../../src/evaluate/index.js';
import { SMALL_PLAN, smallRows } from './small-data.js';

const root = new URL('../../', import.meta.url).pathname;

/** The small data as an in-memory arquero table (columns from row objects; no file). */
function smallTable(treatment = 'experiment'): ColumnTable {
  const rows = smallRows(treatment);
  const columns: Record<string, unknown[]> = {};
  for (const name of Object.keys(rows[0]!)) {
    columns[name] = rows.map((r) => r[name as keyof typeof r]);
  }
  return table(columns);
}

function thrown(f: () => unknown): InputError {
  try {
    f();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('evaluate on the Den Haag pilot with the shipped example plan', () => {
  let result: AnalysisResult;
  beforeAll(async () => {
    const plan = parsePlan(
      JSON.parse(readFileSync(join(root, 'examples/analysis-config.json'), 'utf8')),
    );
    const data = await loadTable(join(root, 'data/den-haag-pilot.csv'), {
      stringColumns: ['id', 'arm', 'participation'],
    });
    result = evaluate(data, plan, { file: 'data/den-haag-pilot.csv' });
  });

  it('checks the assignment on the whole file and analyses decile 1', () => {
    expect(result.input).toEqual({
      file: 'data/den-haag-pilot.csv',
      rows: 12191,
      analysed: 1218,
      filter: [{ column: 'decile', values: [1] }],
    });
    expect(result.assignment.counts).toEqual({ control: 2403, experiment: 9788 });
    expect(result.assignment.analysed).toEqual({ treatment: 978, control: 240 });
    const srm = result.assignment.sampleRatio!;
    expect(srm.statistic).toBeCloseTo(0.6352227052743826, 12);
    expect(srm.pValue).toBeCloseTo(0.4254460378580488, 12);
    const omnibus = result.assignment.balance!.omnibus[0]!;
    expect(omnibus.df).toEqual([20, 1197]);
    expect(omnibus.pValue).toBeCloseTo(0.35046584735828934, 12);
  });

  it('gives the month-24 effect on bijstand (Figure 2b: adjusted −6.3 pp, p = 0.026)', () => {
    const bijstand = result.effects[0]!;
    expect(bijstand.event).toBe('bijstand');
    const m = bijstand.series.months[23]!;
    expect(m.month).toBe(24);
    expect([m.nTreated, m.nControl, m.eventsTreated, m.eventsControl]).toEqual([938, 229, 322, 95]);
    expect(m.raw.estimate).toBeCloseTo(-0.0715635794825002, 12);
    expect(m.raw.stdError).toBeCloseTo(0.03606078741467872, 12);
    expect(m.adjusted!.estimate).toBeCloseTo(-0.0634593926953204, 12);
    expect(m.adjusted!.stdError).toBeCloseTo(0.02840158370622423, 12);
    expect(m.adjusted!.df).toBe(1145);
    expect(m.adjusted!.pValue).toBeCloseTo(0.02565172189461009, 12);
  });

  it('finds the first significant months', () => {
    const [adj10, adj05, raw10, raw05] = result.effects[0]!.significance;
    expect(adj10).toMatchObject({ estimate: 'adjusted', level: 0.1, first: 12, from: 12 });
    expect(adj05).toMatchObject({ estimate: 'adjusted', level: 0.05, first: 14, from: 14 });
    expect(raw10).toMatchObject({ estimate: 'raw', level: 0.1, first: 12, from: 12 });
    expect(raw05).toMatchObject({ estimate: 'raw', level: 0.05, first: 14, from: 22 });
  });

  it('gives the outflow curves, subgroups and the complier effect', () => {
    const control24 = result.outflow.rows.find(
      (r) => r.month === 24 && r.group === 'control' && r.destination === 'bijstand',
    )!;
    expect(control24.atRisk).toBe(229);
    expect(control24.share).toBeCloseTo(0.4148471615720524, 12);
    const het = result.subgroups[0]!.result.heterogeneity[23]!;
    expect(het.df).toEqual([1, 1144]);
    expect(het.pValue).toBeCloseTo(0.09852588971044507, 12);
    const p = result.participation!;
    expect(p.table.received.treatment.count).toBe(334);
    expect(p.table.received.control.count).toBe(8);
    const complier = p.complier[0]!;
    expect(complier.month).toBe(24);
    expect(complier.result.unadjusted.complier.estimate).toBeCloseTo(-0.22652853711372106, 12);
  });
});

describe('evaluate on an in-memory table', () => {
  const plan = parsePlan(SMALL_PLAN);

  it('runs on an arquero table built from columns: no file is read', () => {
    const result = evaluate(smallTable(), plan);
    expect(result.input).toEqual({ file: 'the data', rows: 240, analysed: 240, filter: [] });
    expect(result.assignment.counts).toEqual({ experiment: 144, control: 96 });
    expect(result.assignment.sampleRatio!.pValue).toBe(1);
    const m12 = result.effects[0]!.series.months[11]!;
    expect([m12.nTreated, m12.nControl]).toEqual([136, 95]);
    expect(m12.raw.estimate).toBeCloseTo(-0.16052631578947368, 12);
    expect(m12.adjusted!.estimate).toBeCloseTo(-0.16039566492321203, 12);
    expect(m12.adjusted!.pValue).toBeCloseTo(0.012779196884150424, 12);
    expect(result.effects[1]!.series.months[5]!.raw.estimate).toBeCloseTo(0.07291666666666669, 12);
    expect(result.subgroups).toHaveLength(2);
    expect(result.subgroups[0]!.result.heterogeneity[11]!.df).toEqual([2, 223]);
    const complier = result.participation!.complier[0]!;
    expect(complier.month).toBe(6);
    expect(complier.result.unadjusted.firstStage.difference.estimate).toBeCloseTo(
      0.47222222222222227,
      12,
    );
    expect(complier.result.unadjusted.complier.estimate).toBeCloseTo(-0.3014705882352944, 12);
  });

  it('takes the file name and row count from the options and reports each step', () => {
    const steps: string[] = [];
    const result = evaluate(smallTable(), plan, {
      file: 'clients.csv',
      rows: 250,
      onStep: (label) => steps.push(label),
    });
    expect(result.input).toMatchObject({ file: 'clients.csv', rows: 250, analysed: 240 });
    expect(steps).toHaveLength(evaluationSteps(plan));
    expect(steps.slice(0, 4)).toEqual([
      'checking the data',
      'assignment check',
      'outflow curves',
      'effects: bijstand',
    ]);
    expect(steps.at(-1)).toBe('complier effect: bijstand, work');
  });

  it('counts a received group through its sub-categories, in the table and the complier fit', () => {
    const leaves = evaluate(smallTable(), plan).participation!;
    const grouped = evaluate(
      smallTable(),
      parsePlan({
        ...SMALL_PLAN,
        subgroups: [],
        participation: {
          categories: [
            'none',
            { value: 'any', label: 'any service' },
            { value: 'conversation', parent: 'any' },
          ],
          received: ['any'],
          month: 6,
        },
      }),
    ).participation!;
    expect(grouped.table.rows.map((r) => [r.label, r.depth, r.received])).toEqual([
      ['none', 0, false],
      ['any service', 0, true],
      ['conversation', 1, true],
    ]);
    expect(grouped.table.received.difference.estimate).toBeCloseTo(0.47222222222222227, 12);
    expect(grouped.complier[0]!.result.unadjusted.complier.estimate).toBe(
      leaves.complier[0]!.result.unadjusted.complier.estimate,
    );
  });

  it('carries a benchmark line with the outflow curves, not into the estimates', () => {
    const benchmark = { label: 'national', values: [{ month: 1, share: 0.01 }] };
    const result = evaluate(smallTable(), parsePlan({ ...SMALL_PLAN, subgroups: [] }), {
      benchmark,
    });
    expect(result.outflow.benchmark).toEqual([{ ...benchmark, destination: 'bijstand' }]);
    expect(result.outflow.rows.some((r) => r.group === 'national')).toBe(false);
  });

  it('runs the TSDoc example', () => {
    const data = table({
      id: ['a', 'b', 'c', 'd'],
      arm: ['experiment', 'control', 'experiment', 'control'],
      followup_months: [12, 12, 12, 12],
      month_work: [3, null, null, 5],
    });
    const result = evaluate(data, parsePlan({ events: ['month_work'], months: 6 }));
    expect(result.effects[0]!.series.months[5]!.raw.estimate).toBe(0);
    expect(result.effects[0]!.series.months[2]!.raw.estimate).toBe(0.5);
  });

  it('applies a filter: the in-list form and a numeric value', () => {
    const result = evaluate(
      smallTable(),
      parsePlan({
        ...SMALL_PLAN,
        subgroups: [],
        filter: [{ column: 'office', in: ['office 1', 'office 2'] }],
      }),
    );
    expect(result.input).toMatchObject({ rows: 240, analysed: 160 });
    expect(result.assignment.counts).toEqual({ experiment: 144, control: 96 });
    // A numeric filter value compares as a number.
    const { participation: _, ...noParticipation } = SMALL_PLAN;
    const full = { ...noParticipation, subgroups: [] };
    const twelve = smallRows().filter((r) => r.followup_months === 12).length;
    const asNumber = evaluate(
      smallTable(),
      parsePlan({ ...full, filter: { column: 'followup_months', equals: 12 } }),
    );
    expect(asNumber.input.analysed).toBe(twelve);
  });
});

describe('evaluate: data that do not fit the plan', () => {
  it('names every missing column with its field and a did-you-mean', () => {
    const e = thrown(() =>
      evaluate(smallTable(), parsePlan({ ...SMALL_PLAN, covariates: ['gender', 'agee'] }), {
        file: 'clients.csv',
      }),
    );
    expect(e.code).toBe('missing-column');
    expect(e.column).toBe('agee');
    expect(e.message).toMatch(
      /config\.covariates\[1\]: column "agee" is not in clients\.csv \(did you mean "age"\?\)/,
    );
    expect(e.message).toMatch(/columns in clients\.csv: id, arm, followup_months/);
  });

  it('an arm label without clients, a participation value that does not occur', () => {
    const arm = thrown(() =>
      evaluate(smallTable(), parsePlan({ ...SMALL_PLAN, arms: { treatment: 'treated' } })),
    );
    expect(arm.code).toBe('unknown-arm');
    expect(arm.message).toMatch(/config\.arms\.treatment: no client of arm "treated"/);
    const part = thrown(() =>
      evaluate(
        smallTable(),
        parsePlan({ ...SMALL_PLAN, participation: { received: ['conversaton'] } }),
      ),
    );
    expect(part.code).toBe('unknown-level');
    expect(part.message).toMatch(
      /config\.participation\.received\[0\]: "conversaton" does not occur .*did you mean "conversation"/,
    );
  });

  it('a filter that keeps no rows', () => {
    const e = thrown(() =>
      evaluate(
        smallTable(),
        parsePlan({ ...SMALL_PLAN, filter: { column: 'office', equals: 'x' } }),
      ),
    );
    expect(e.code).toBe('empty');
    expect(e.message).toMatch(/the filter keeps no rows \(office = "x"\)/);
  });

  it('invalid data (an event after follow-up), naming column and row', () => {
    const data = table({
      id: ['a', 'b'],
      arm: ['experiment', 'control'],
      followup_months: [3, 4],
      month_bijstand: [5, null],
    });
    const e = thrown(() => evaluate(data, parsePlan({ events: ['month_bijstand'], months: 3 })));
    expect(e.message).toMatch(/month_bijstand/);
    expect(e.message).toMatch(/row 1/);
  });
});

describe('evaluate does no I/O', () => {
  /** Every module `file` imports, transitively (relative imports; `node:` ones collected). */
  function imports(file: string, seen = new Set<string>(), builtins: string[] = []) {
    if (seen.has(file)) return { seen, builtins };
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'/gms)) {
      const spec = m[1]!;
      if (spec.startsWith('node:')) builtins.push(`${file}: ${spec}`);
      else if (spec.startsWith('.')) {
        imports(resolve(dirname(file), spec.replace(/\.js$/, '.ts')), seen, builtins);
      }
    }
    if (/\bimport\(/.test(text)) builtins.push(`${file}: dynamic import`);
    return { seen, builtins };
  }

  it('imports no node: module, directly or through its dependencies', () => {
    for (const entry of ['src/evaluate/index.ts', 'src/report/evaluation.ts']) {
      const { seen, builtins } = imports(join(root, entry));
      expect(seen.size).toBeGreaterThan(10);
      expect(builtins).toEqual([]);
    }
  });
});

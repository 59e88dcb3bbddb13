// A cluster-randomised, blocked trial through `effectmeting analyze`: the config's design, the
// --clusters / --blocks flags and the assignment record's blocks; numbers against estimatr
// (tests/reference/series-clusters.R → series-clusters.csv + .json).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/evaluate/index.js';
import { cli } from '../fixtures/cli.js';

interface RefCoef {
  estimate: number;
  std_error: number;
  df: number;
  p_value: number;
}
const ref: { months: Record<string, RefCoef>[] } = JSON.parse(
  readFileSync(new URL('../reference/series-clusters.json', import.meta.url), 'utf8'),
);
const input = new URL('../reference/series-clusters.csv', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'effectmeting-clusters-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}
const plan = { events: ['month_work'], months: 8, covariates: ['age', 'gender'] };
interface Month {
  adjusted: { estimate: number; stdError: number; df: number; pValue: number };
  raw: { estimate: number; stdError: number };
}
interface Json {
  effects: { series: { method: string; design: unknown; months: Month[] } }[];
  config: { design?: unknown; methods: { se: string } };
}
function expectMonths(json: Json, key: string) {
  json.effects[0]!.series.months.forEach((m, i) => {
    const r = ref.months[i]![key]!;
    expect(Math.abs(m.adjusted.estimate - r.estimate)).toBeLessThan(1e-8);
    expect(Math.abs(m.adjusted.stdError - r.std_error)).toBeLessThan(1e-8);
    expect(Math.abs(m.adjusted.df - r.df) / r.df).toBeLessThan(1e-8);
    expect(Math.abs(m.adjusted.pValue - r.p_value)).toBeLessThan(1e-8);
  });
}

describe('analyze a cluster-randomised design', () => {
  it('config.design.clusters: CR2 with Satterthwaite df and the cluster count, as lm_robust', async () => {
    const config = file('clusters.json', { ...plan, design: { clusters: 'office' } });
    const r = await cli([
      'analyze',
      '--input',
      input,
      '--config',
      config,
      '--format',
      'json',
      '--min-cell',
      '0',
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as Json;
    expect(json.config.methods.se).toBe('CR2');
    expect(json.effects[0]!.series.design).toEqual({
      clusters: { column: 'office', count: 24 },
      se: 'CR2',
    });
    expectMonths(json, 'cr_CR2');
    const md = await cli(['analyze', '--input', input, '--config', config, '--format', 'md']);
    expect(md.code).toBe(0);
    expect(md.out).toContain(
      "Design: cluster-randomised by 'office' (24 clusters): CR2 standard errors (Bell–McCaffrey) with Satterthwaite degrees of freedom",
    );
    expect(md.out).toContain('clustered difference in means');
  });

  it('--clusters and --blocks flags: block fixed effects with CR2', async () => {
    const config = file('plain.json', plan);
    const r = await cli([
      'analyze',
      '--input',
      input,
      '--config',
      config,
      '--clusters',
      'office',
      '--blocks',
      'block',
      '--format',
      'json',
      '--min-cell',
      '0',
    ]);
    expect(r.err).toBe('');
    expectMonths(JSON.parse(r.out) as Json, 'fe_CR2');
  });

  it('--record: a blocked assignment carries its blocks into the analysis, stated', async () => {
    const config = file('clusters-only.json', { ...plan, design: { clusters: 'office' } });
    const record = file('assigned.rule.json', {
      rule: {
        kind: 'blocked',
        weights: { experiment: 0.5, control: 0.5 },
        seed: 7,
        block: 'block',
      },
      idColumn: 'id',
      armColumn: 'arm',
    });
    const r = await cli([
      'analyze',
      '--input',
      input,
      '--config',
      config,
      '--record',
      record,
      '--format',
      'json',
      '--min-cell',
      '0',
    ]);
    expect(r.err).toBe('');
    const json = JSON.parse(r.out) as Json;
    expect(json.config.design).toEqual({
      clusters: 'office',
      blocks: 'block',
      blocksFrom: 'assignment record',
    });
    expectMonths(json, 'fe_CR2');
    const md = await cli([
      'analyze',
      '--input',
      input,
      '--config',
      config,
      '--record',
      record,
      '--format',
      'md',
    ]);
    expect(md.out).toContain(
      "blocked by 'block' (4 blocks, taken from the assignment record (the rule was blocked on this column))",
    );
    // "blocks": null in the config says the analysis is not blocked.
    const optOut = file('opt-out.json', { ...plan, design: { clusters: 'office', blocks: null } });
    const o = await cli([
      'analyze',
      '--input',
      input,
      '--config',
      optOut,
      '--record',
      record,
      '--format',
      'json',
      '--min-cell',
      '0',
    ]);
    expectMonths(JSON.parse(o.out) as Json, 'cr_CR2');
  });

  it('refuses what is not available, naming the field', async () => {
    expect(() =>
      parsePlan({ ...plan, design: { clusters: 'office' }, methods: { se: 'HC2' } }),
    ).toThrow(/config.methods.se: "HC2" ignores config.design.clusters/);
    expect(() => parsePlan({ ...plan, methods: { se: 'CR2' } })).toThrow(
      /"CR2" is cluster-robust and needs config.design.clusters/,
    );
    expect(() =>
      parsePlan({ ...plan, design: { clusters: 'office' }, methods: { censoring: 'ipcw' } }),
    ).toThrow(/"ipcw" is not available with config.design/);
    expect(() => parsePlan({ ...plan, design: { cluster: 'office' } })).toThrow(
      /did you mean "clusters"/,
    );
    const config = file('conflict.json', { ...plan, design: { clusters: 'office' } });
    const r = await cli(['analyze', '--input', input, '--config', config, '--clusters', 'block']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--clusters block: the config names clusters "office"/);
  });
});

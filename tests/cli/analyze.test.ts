import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { createProgress } from '../../src/cli/progress.js';
import { loadTable } from '../../src/data/load.js';
import { evaluate, parsePlan } from '../../src/evaluate/index.js';
import { renderJson } from '../../src/table/index.js';
import { SMALL_PLAN, smallCsv } from '../evaluate/small-data.js';

function capture() {
  let out = '';
  let err = '';
  return {
    io: {
      stdout: (t: string) => {
        out += t;
      },
      stderr: (t: string) => {
        err += t;
      },
    },
    out: () => out,
    err: () => err,
  };
}

async function cli(args: string[]) {
  const c = capture();
  const code = await runCli(args, c.io);
  return { code, out: c.out(), err: c.err() };
}

const dir = mkdtempSync(join(tmpdir(), 'effectmeting-analyze-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

// The engine's numbers are tested in tests/evaluate/; here: flags, files, formats, exit codes.
const data = file('clients.csv', smallCsv());
const baseConfig = SMALL_PLAN;
const config = file('config.json', JSON.stringify(baseConfig));

describe('effectmeting analyze', () => {
  it('runs the shipped example config on the Den Haag data (decile 1)', async () => {
    const r = await cli([
      'analyze',
      '--input',
      'data/den-haag-pilot.csv',
      '--config',
      'examples/analysis-config.json',
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Assignment check/);
    expect(r.out).toMatch(/X² = 0\.64, 1 df, p = 0\.425/);
    expect(r.out).toMatch(/decile = 1: 978 experiment, 240 control/);
    // Figure 2b at month 24: adjusted −6.3 pp, p = 0.026; significant at 10 % from month 12.
    expect(r.out).toMatch(/^ +24 .*−7\.2 pp .*−6\.3 pp .*0\.026/m);
    expect(r.out).toMatch(
      /adjusted effect, p < 0\.1 \(pointwise\): significant from month 12 onward/,
    );
    expect(r.out).toMatch(/Does the effect on bijstand differ by gender\?/);
    expect(r.out).toMatch(/Complier effect on bijstand by month 24/);
  });

  it('--format table aligns the columns', async () => {
    const r = await cli(['analyze', '--input', data, '--config', config]);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    const header = lines.findIndex((l) => l.startsWith('month  experiment n'));
    expect(header).toBeGreaterThan(0);
    // Header, rule and the rows of the first effect table have the rule's width or less.
    const rule = lines[header + 1]!;
    expect(rule).toMatch(/^-+( +-+)+$/);
    for (const l of lines.slice(header + 2, header + 14)) {
      expect(l.length).toBeLessThanOrEqual(rule.length);
    }
  });

  it('--format md prints Markdown tables', async () => {
    const r = await cli(['analyze', '--input', data, '--config', config, '--format', 'md']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^# Effect analysis/);
    expect(r.out).toMatch(/^## Effect on bijstand per month/m);
    expect(r.out).toMatch(/^\| month \| experiment n \|/m);
    expect(r.out).toMatch(/^\| ---: \|/m);
  });

  it('--format json holds every number, infinite df as a string', async () => {
    const r = await cli([
      'analyze',
      '--input',
      data,
      '--config',
      config,
      '--format',
      'json',
      '--min-cell',
      '0',
    ]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual([
      'title',
      'input',
      'config',
      'assignment',
      'outflow',
      'effects',
      'subgroups',
      'participation',
    ]);
    expect(json.input).toMatchObject({ rows: 240, analysed: 240 });
    expect(json.assignment.counts).toEqual({ experiment: 144, control: 96 });
    const month12 = json.effects[0].series.months[11];
    expect(month12.month).toBe(12);
    expect(typeof month12.adjusted.estimate).toBe('number');
    expect(month12.raw.df).toBe('Infinity');
    expect(json.subgroups).toHaveLength(2);
    expect(json.subgroups[0].result.heterogeneity).toHaveLength(12);
    expect(json.participation.complier[0].month).toBe(6);
  });

  it('--format json is the result of evaluate on the loaded file', async () => {
    const r = await cli([
      'analyze',
      '--input',
      data,
      '--config',
      config,
      '--format',
      'json',
      '--min-cell',
      '0',
    ]);
    const table = await loadTable(data, { stringColumns: ['id', 'arm', 'participation'] });
    const result = evaluate(table, parsePlan(SMALL_PLAN), { file: data });
    expect(r.out).toBe(renderJson(result));
  });

  it('--format csv is long and safe for spreadsheets', async () => {
    const labelled = file('formula.csv', smallCsv('=HYPERLINK("http://x")'));
    const cfg = file(
      'formula.json',
      JSON.stringify({
        ...baseConfig,
        arms: { treatment: '=HYPERLINK("http://x")', control: 'control' },
      }),
    );
    const r = await cli(['analyze', '--input', labelled, '--config', cfg, '--format', 'csv']);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toBe('section,event,subgroup,level,arm,month,measure,value');
    // The formula-like arm label is neutralised; negative numbers stay numbers.
    expect(r.out).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(r.out).not.toMatch(/(^|,)=/m);
    expect(r.out).toMatch(/^effect,bijstand,,,,12,raw\.estimate,-?\d/m);
    expect(r.out).toMatch(/,-0\.\d+$/m);
    const sections = new Set(lines.slice(1).map((l) => l.split(',')[0]));
    expect([...sections]).toEqual(
      expect.arrayContaining([
        'assignment',
        'balance',
        'outflow',
        'effect',
        'significance',
        'subgroup',
        'heterogeneity',
        'participation',
        'complier',
      ]),
    );
  });

  it('--out writes the four formats', async () => {
    const out = join(dir, 'out');
    const r = await cli(['analyze', '--input', data, '--config', config, '--out', out]);
    expect(r.code).toBe(0);
    for (const ext of ['txt', 'md', 'json', 'csv']) {
      expect(existsSync(join(out, `analysis.${ext}`))).toBe(true);
    }
    expect(readFileSync(join(out, 'analysis.txt'), 'utf8')).toBe(r.out);
    expect(r.err).toMatch(/wrote .*analysis\.txt, \.md, \.json, \.csv and .*report\.html/);
  });

  it('names the field of every config error and exits 1', async () => {
    const cfg = file(
      'bad.json',
      JSON.stringify({
        events: ['month_bijstand'],
        months: '24',
        covariats: ['age'],
        methods: { se: 'HC4', censoring: 'km' },
      }),
    );
    const r = await cli(['analyze', '--input', data, '--config', cfg]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    // Every problem is in tests/evaluate/plan.test.ts; the CLI names the file.
    expect(r.err).toMatch(/^effectmeting analyze: invalid config .*bad\.json, 4 problems:\n/);
    expect(r.err).toContain('config.months: expected a whole number ≥ 1, got "24"');
    expect(r.err).toMatch(
      /config: unknown key "covariats" \(did you mean "covariates"\?\); allowed keys: .*covariates/,
    );
  });

  it('reports malformed JSON with its line', async () => {
    const cfg = file('broken.json', '{\n  "months": 24,\n}\n');
    const r = await cli(['analyze', '--input', data, '--config', cfg]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/is not valid JSON \(line 3/);
  });

  it('names an unknown column with the config field and exits 1', async () => {
    const cfg = file(
      'column.json',
      JSON.stringify({ ...baseConfig, covariates: ['gender', 'agee'] }),
    );
    const r = await cli(['analyze', '--input', data, '--config', cfg]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /config\.covariates\[1\]: column "agee" is not in .*clients\.csv \(did you mean "age"\?\)/,
    );
    expect(r.err).toMatch(/columns in .*: id, arm, followup_months/);
  });

  it('exits 1 for data that do not fit the plan (an arm label not in the data)', async () => {
    const arm = file('arm.json', JSON.stringify({ ...baseConfig, arms: { treatment: 'treated' } }));
    const a = await cli(['analyze', '--input', data, '--config', arm]);
    expect(a.code).toBe(1);
    expect(a.err).toMatch(/config\.arms\.treatment: no client of arm "treated"/);
  });

  it('exits 2 for usage errors', async () => {
    expect((await cli(['analyze', '--input', data])).code).toBe(2);
    expect((await cli(['analyze', '--config', config])).code).toBe(2);
    const f = await cli(['analyze', '--input', data, '--config', config, '--format', 'xlsx']);
    expect(f.code).toBe(2);
    expect(f.err).toMatch(/--format: expected one of table, md, json, csv, got 'xlsx'/);
    expect((await cli(['analyze', '--input', data, '--config', config, '--frobnicate'])).code).toBe(
      2,
    );
  });

  it('exits 1 for a missing input or config file', async () => {
    expect(
      (await cli(['analyze', '--input', join(dir, 'nope.csv'), '--config', config])).code,
    ).toBe(1);
    expect((await cli(['analyze', '--input', data, '--config', join(dir, 'nope.json')])).code).toBe(
      1,
    );
  });

  it('prints help with examples, and is listed in the command list', async () => {
    const r = await cli(['analyze', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Examples:\n {2}effectmeting analyze --input/);
    expect((await cli(['--help'])).out).toMatch(/^ {2}analyze +full effect analysis/m);
  });

  it('writes no progress bar when stderr is not a terminal', async () => {
    const r = await cli(['analyze', '--input', data, '--config', config]);
    expect(r.err).toBe('');
  });
});

describe('progress bar', () => {
  it('draws only when enabled and after the delay, and clears itself', () => {
    let t = 0;
    let text = '';
    const p = createProgress({
      enabled: true,
      write: (s) => {
        text += s;
      },
      total: 4,
      now: () => t,
    });
    p.step('loading');
    t = 1000;
    p.step('checking');
    expect(text).toBe('');
    t = 2500;
    p.step('effects');
    expect(text).toMatch(/\r\[#{12}-{12}\] 2\/4 {2}effects/);
    p.step('subgroups');
    expect(text).toMatch(/3\/4 {2}subgroups/);
    p.done();
    expect(text.endsWith('\r')).toBe(true);
  });

  it('stays silent when disabled (piped)', () => {
    let text = '';
    const p = createProgress({
      enabled: false,
      write: (s) => {
        text += s;
      },
      total: 2,
      delayMs: 0,
    });
    p.step('a');
    p.step('b');
    p.done();
    expect(text).toBe('');
  });
});

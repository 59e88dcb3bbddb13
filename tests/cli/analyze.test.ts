import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { createProgress } from '../../src/cli/progress.js';

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

/** A small two-arm file: 240 clients, 60 % treated, two events, some censoring. */
function smallData(treatment = 'experiment'): string {
  // A fixed pseudo-random draw per client and purpose (no Math.random).
  const u = (i: number, k: number) => {
    const x = Math.sin(i * 12.9898 + k * 78.233) * 43758.5453;
    return x - Math.floor(x);
  };
  const lines = [
    'id,arm,followup_months,month_bijstand,month_work,gender,age,office,participation',
  ];
  for (let i = 0; i < 240; i++) {
    const treated = i % 5 < 3;
    const followup = u(i, 1) < 0.06 ? 6 : 12;
    const bijstand = u(i, 2) < (treated ? 0.3 : 0.45) ? 1 + Math.floor(u(i, 3) * 4) : null;
    const work = bijstand === null && u(i, 4) < 0.5 ? 1 + Math.floor(u(i, 5) * 4) : null;
    const within = (m: number | null) => (m !== null && m <= followup ? String(m) : '');
    const participation = treated && u(i, 6) < 0.5 ? 'conversation' : 'none';
    lines.push(
      [
        `C${String(i).padStart(4, '0')}`,
        treated ? treatment : 'control',
        followup,
        within(bijstand),
        within(work),
        u(i, 7) < 0.5 ? 'man' : 'woman',
        25 + Math.floor(u(i, 8) * 40),
        `office ${1 + (i % 3)}`,
        participation,
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const data = file('clients.csv', smallData());
const baseConfig = {
  events: ['month_bijstand', 'month_work'],
  months: 12,
  arms: { treatment: 'experiment', control: 'control', weights: { experiment: 0.6, control: 0.4 } },
  covariates: ['gender', 'age'],
  subgroups: ['office'],
  participation: { received: ['conversation'], month: 6 },
};
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
    expect(r.out).toMatch(/adjusted effect, p < 0\.1: significant from month 12 onward/);
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
    const r = await cli(['analyze', '--input', data, '--config', config, '--format', 'json']);
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

  it('--format csv is long and safe for spreadsheets', async () => {
    const labelled = file('formula.csv', smallData('=HYPERLINK("http://x")'));
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
    expect(r.err).toMatch(/wrote .*analysis\.txt, \.md, \.json and \.csv/);
  });

  it('applies a filter and the in-list form', async () => {
    const cfg = file(
      'filter.json',
      JSON.stringify({
        ...baseConfig,
        subgroups: [],
        filter: [{ column: 'office', in: ['office 1', 'office 2'] }],
      }),
    );
    const r = await cli(['analyze', '--input', data, '--config', cfg, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).input).toMatchObject({ rows: 240, analysed: 160 });
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
    expect(r.err).toContain('config.months: expected a whole number ≥ 1, got "24"');
    expect(r.err).toMatch(
      /config: unknown key "covariats" \(did you mean "covariates"\?\); allowed keys: .*covariates/,
    );
    expect(r.err).toMatch(/config\.methods: unknown key "censoring"; allowed keys: outflow, se,/);
    expect(r.err).toMatch(
      /config\.methods\.se: expected one of HC2, HC0, HC1, HC3, classical, got "HC4"/,
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

  it('exits 1 for an arm label or participation value that is not in the data', async () => {
    const arm = file('arm.json', JSON.stringify({ ...baseConfig, arms: { treatment: 'treated' } }));
    const a = await cli(['analyze', '--input', data, '--config', arm]);
    expect(a.code).toBe(1);
    expect(a.err).toMatch(/config\.arms\.treatment: no client of arm "treated"/);
    const part = file(
      'part.json',
      JSON.stringify({ ...baseConfig, participation: { received: ['conversaton'] } }),
    );
    const p = await cli(['analyze', '--input', data, '--config', part]);
    expect(p.code).toBe(1);
    expect(p.err).toMatch(
      /config\.participation\.received\[0\]: "conversaton" does not occur .*did you mean "conversation"/,
    );
  });

  it('exits 1 for invalid data (an event after follow-up), naming column and row', async () => {
    const bad = file(
      'late.csv',
      'id,arm,followup_months,month_bijstand\na,experiment,3,5\nb,control,4,\n',
    );
    const cfg = file('late.json', JSON.stringify({ events: ['month_bijstand'], months: 3 }));
    const r = await cli(['analyze', '--input', bad, '--config', cfg]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/month_bijstand/);
    expect(r.err).toMatch(/row 1/);
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

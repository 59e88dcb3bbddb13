/**
 * Hostile and careless inputs through the CLI (issue 12): each case writes its input files to a
 * temporary directory, runs one `effectmeting` command in-process, and classifies the outcome.
 *
 *   npx tsx scripts/hostile-inputs.ts            # prints the summary, writes bench/results/hostile-inputs.md
 *
 * Outcomes (one per case, the first that applies):
 * - `leak`: an id of the input (every client id is a valid BSN) or another secret of the case
 *   appears in stdout, stderr or a file the command wrote (outside the files whose purpose is to
 *   carry ids, such as the assigned file);
 * - `crash`: exit code 70 (internal error), another code than 0/1/2, or a stack trace;
 * - `silent`: an input file changed, or the case expects a refusal and the command exited 0, or it
 *   ran and the case's check of the output failed (a silently wrong result);
 * - `clear error`: the case expects a refusal, the command refused (exit 1 or 2), and the message
 *   contains every string the case lists (the column, the file row, the flag);
 * - `unclear`: refused, but the message lacks one of those strings, or refused what should run;
 * - `handled`: ran as expected and its check passed.
 *
 * The catalogue is a reconstruction of the classes listed in issue 12, not the original 512
 * inputs (which were not kept).
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { runCli } from '../src/cli/main.js';

type Outcome = 'handled' | 'clear error' | 'unclear' | 'silent' | 'crash' | 'leak';
const OUTCOMES: readonly Outcome[] = [
  'handled',
  'clear error',
  'unclear',
  'silent',
  'crash',
  'leak',
];

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Files the command wrote, by path relative to the case directory. */
  readonly written: ReadonlyMap<string, string>;
}

interface Case {
  readonly group: string;
  readonly name: string;
  /** Input files, by name; a Buffer is written as is. */
  readonly files: Readonly<Record<string, string | Buffer>>;
  readonly argv: readonly string[];
  /** `refuse`: a usage or input error is the right answer; `run`: it should complete. */
  readonly expect: 'refuse' | 'run';
  /** Strings a clear refusal names (column, row, flag). */
  readonly mention?: readonly (string | RegExp)[];
  /** For `run`: strings a warning on stderr names; with them an exit 0 counts as handled. */
  readonly warns?: readonly string[];
  /** For `run`: returns what is wrong with the output, or undefined. */
  readonly check?: (run: Run) => string | undefined | Promise<string | undefined>;
  /** Extra strings that must never be written. */
  readonly secrets?: readonly string[];
  /** Written files that may carry ids by design (the assigned file). */
  readonly idsAllowedIn?: readonly string[];
}

// ---- the base data: 200 clients, ids are valid BSNs ---------------------------------------

/** The n-th nine-digit number from 100000000 up that passes the eleven test. */
function bsns(count: number, start = 222000000): string[] {
  const out: string[] = [];
  for (let v = start; out.length < count; v++) {
    const d = String(v).padStart(9, '0');
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += (9 - i) * Number(d[i]);
    sum -= Number(d[8]);
    if (sum % 11 === 0) out.push(d);
  }
  return out;
}

const N = 200;
const IDS = bsns(N);

interface Client {
  id: string;
  arm: string;
  followup_months: string;
  month_bijstand: string;
  gender: string;
  age: string;
  region: string;
  participation: string;
  decile: string;
}

/** Deterministic pseudo-random numbers (xorshift32) so every run sees the same data. */
function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

function baseClients(): Client[] {
  const r = rng(20261201);
  return IDS.map((id, i) => {
    const arm = i % 5 === 0 ? 'control' : 'experiment';
    const followup = r() < 0.8 ? 24 : 6 + Math.floor(r() * 18);
    const hazard = arm === 'control' ? 0.03 : 0.02;
    let month = '';
    for (let m = 1; m <= followup; m++)
      if (r() < hazard) {
        month = String(m);
        break;
      }
    const participation =
      arm === 'experiment'
        ? r() < 0.6
          ? 'conversation'
          : 'none'
        : r() < 0.05
          ? 'conversation'
          : 'none';
    return {
      id,
      arm,
      followup_months: String(followup),
      month_bijstand: month,
      gender: r() < 0.5 ? 'man' : 'woman',
      age: String(20 + Math.floor(r() * 40)),
      region: ['north', 'south', 'east', 'west'][Math.floor(r() * 4)] ?? 'north',
      participation,
      decile: String(1 + (i % 10)),
    };
  });
}

const COLUMNS: readonly (keyof Client)[] = [
  'id',
  'arm',
  'followup_months',
  'month_bijstand',
  'gender',
  'age',
  'region',
  'participation',
  'decile',
];

function csv(rows: readonly Client[], sep = ','): string {
  return `${COLUMNS.join(sep)}\n${rows.map((c) => COLUMNS.map((k) => c[k]).join(sep)).join('\n')}\n`;
}

/** The base data with some rows changed (row numbers are 1-based data rows). */
function edited(edit: (rows: Client[]) => void, sep = ','): string {
  const rows = baseClients();
  edit(rows);
  return csv(rows, sep);
}

/** The base data with one cell set. */
const withCell = (fileRow: number, column: keyof Client, value: string): string =>
  edited((rows) => {
    at(rows, fileRow)[column] = value;
  });

const at = (rows: Client[], fileRow: number): Client => {
  const row = rows[fileRow - 1];
  if (row === undefined) throw new Error(`no row ${fileRow}`);
  return row;
};

function config(extra: Record<string, unknown> = {}): string {
  return JSON.stringify(
    {
      columns: { id: 'id', arm: 'arm', followup: 'followup_months' },
      arms: {
        treatment: 'experiment',
        control: 'control',
        weights: { experiment: 0.8, control: 0.2 },
      },
      events: { bijstand: 'month_bijstand' },
      months: 12,
      covariates: ['gender', 'age'],
      ...extra,
    },
    null,
    2,
  );
}

const ANALYZE = [
  'analyze',
  '--input',
  'clients.csv',
  '--config',
  'config.json',
  '--format',
  'md',
  '--out',
  'out',
];
const RATIO = ['--rule', 'ratio', '--weights', 'experiment=0.8,control=0.2', '--key', 'k-2026'];

const noNaN: Case['check'] = (run) => {
  for (const [name, text] of [['stdout', run.stdout] as const, ...run.written])
    if (/\bNaN\b/.test(text)) return `NaN in ${name}`;
  return undefined;
};

function all(...checks: NonNullable<Case['check']>[]): NonNullable<Case['check']> {
  return (run) => {
    for (const check of checks) {
      const problem = check(run);
      if (problem !== undefined) return problem;
    }
    return undefined;
  };
}

/** Active HTML in a rendered output (stdout in Markdown, .md, .html, .svg); plain text, CSV and JSON are not rendered, so a label stays as written there. */
const notInOutput =
  (text: string | RegExp, what: string): NonNullable<Case['check']> =>
  (run) => {
    const rendered = [...run.written].filter(([name]) => !/\.(csv|json|txt)$/.test(name));
    for (const [name, body] of [['stdout', run.stdout] as const, ...rendered]) {
      if (typeof text === 'string' ? body.includes(text) : text.test(body))
        return `${what} in ${name}`;
    }
    return undefined;
  };

const review2023 = readFileSync('data/scan-population-2023.csv', 'utf8');
const review2024 = readFileSync('data/scan-population-2024.csv', 'utf8');
const firstLines = (text: string, n: number) =>
  `${text
    .split('\n')
    .slice(0, n + 1)
    .join('\n')}\n`;
const pilot = readFileSync('data/den-haag-pilot.csv', 'utf8');

/** The scan population with one column's value replaced in the given data rows. */
function scanEdited(text: string, column: string, rows: readonly number[], value: string): string {
  const lines = text.trimEnd().split('\n');
  const header = (lines[0] ?? '').split(',');
  const k = header.indexOf(column);
  if (k < 0) throw new Error(`no column ${column}`);
  for (const r of rows) {
    const cells = (lines[r] ?? '').split(',');
    cells[k] = value;
    lines[r] = cells.join(',');
  }
  return `${lines.join('\n')}\n`;
}

/** The first 300 service and 40 + 40 control clients of the shipped personal-services data. */
function personalServicesSmall(): string {
  const lines = readFileSync('data/personal-services-2017.csv', 'utf8').trimEnd().split('\n');
  const quota: Record<string, number> = { service: 300, control_enforcement: 40, control_none: 40 };
  const kept = lines.slice(1).filter((l) => {
    const arm = l.split(',')[1] ?? '';
    if ((quota[arm] ?? 0) <= 0) return false;
    quota[arm] = (quota[arm] ?? 0) - 1;
    return true;
  });
  return `${[lines[0], ...kept].join('\n')}\n`;
}

/** Every 15th client of the shipped 2012–2013 data (615 clients). */
function intensiveSmall(): string {
  const lines = readFileSync('data/intensive-vs-basic-2012.csv', 'utf8').trimEnd().split('\n');
  return `${lines.filter((_, i) => i === 0 || (i + 1) % 15 === 0).join('\n')}\n`;
}

/**
 * In analysis.json: a month and arm whose subgroup levels and effect-table total hold exactly one
 * suppressed share (a total minus the published levels would give it back), or undefined.
 */
function oneHiddenCell(json: string): string | undefined {
  type S = { id: string; title?: string; rows: Record<string, unknown>[] };
  const sections = ((JSON.parse(json) as { sections?: S[] }).sections ?? []) as S[];
  const eventOf = (s: S) => /^Effect on (\S+)/.exec(s.title ?? '')?.[1];
  const subgroups = sections.filter((s) => s.id === 'subgroup');
  if (subgroups.length === 0) return 'no subgroup table';
  for (const g of subgroups) {
    const effect = sections.find((s) => s.id === 'effect' && eventOf(s) === eventOf(g));
    if (!effect) return 'no effect table';
    for (const row of effect.rows)
      for (const a of ['t', 'c']) {
        const levels = g.rows.filter((x) => x.month === row.month);
        const hidden = [row, ...levels].filter(
          (x) => typeof x[`share_${a}`] === 'string' || typeof x[`n_${a}`] === 'string',
        ).length;
        if (hidden === 1) return `month ${String(row.month)}: one suppressed cell in the relation`;
      }
  }
  return undefined;
}

const CASES: Case[] = [
  // ---- data loss ---------------------------------------------------------------------------
  {
    group: 'data loss',
    name: 'analyze --out over the directory holding --input',
    files: { 'out/analysis.csv': csv(baseClients()), 'config.json': config() },
    argv: ['analyze', '--input', 'out/analysis.csv', '--config', 'config.json', '--out', 'out'],
    expect: 'refuse',
    mention: ['--out', 'overwrite'],
  },
  {
    group: 'data loss',
    name: 'assign --output equal to --input',
    files: { 'clients.csv': csv(baseClients()) },
    argv: ['assign', '--input', 'clients.csv', ...RATIO, '--output', 'clients.csv'],
    expect: 'refuse',
    mention: ['--output', 'overwrite'],
  },
  {
    group: 'data loss',
    name: 'assign --record equal to --input',
    files: { 'clients.csv': csv(baseClients()) },
    argv: ['assign', '--input', 'clients.csv', ...RATIO, '--record', 'clients.csv'],
    expect: 'refuse',
    mention: ['--record'],
  },
  {
    group: 'data loss',
    name: '--out is a file',
    files: { 'clients.csv': csv(baseClients()), 'config.json': config(), out: 'a file' },
    argv: ANALYZE,
    expect: 'refuse',
    mention: ['--out', 'not a directory'],
  },
  // ---- privacy -----------------------------------------------------------------------------
  {
    group: 'privacy',
    name: 'a BSN in the arm column',
    files: {
      'clients.csv': withCell(7, 'arm', IDS[50] ?? ''),
      'config.json': config(),
    },
    argv: ANALYZE,
    expect: 'refuse',
    mention: ['arm', '7'],
  },
  {
    group: 'privacy',
    name: 'a BSN as a factor level of a covariate',
    files: {
      'clients.csv': withCell(9, 'gender', IDS[60] ?? ''),
      'config.json': config(),
    },
    argv: ANALYZE,
    expect: 'refuse',
    mention: ['gender', '9'],
  },
  {
    group: 'privacy',
    name: 'a BSN as a participation value',
    files: {
      'clients.csv': withCell(11, 'participation', IDS[70] ?? ''),
      'config.json': config({
        participation: {
          column: 'participation',
          categories: ['none', 'conversation'],
          received: ['conversation'],
        },
      }),
    },
    argv: ANALYZE,
    expect: 'refuse',
    mention: ['participation', '11'],
  },
  {
    group: 'privacy',
    name: 'subgroups: ["id"]',
    files: { 'clients.csv': csv(baseClients()), 'config.json': config({ subgroups: ['id'] }) },
    argv: ANALYZE,
    expect: 'refuse',
    mention: ['id'],
  },
  {
    group: 'privacy',
    name: 'a filter on the id column',
    files: {
      'clients.csv': csv(baseClients()),
      'config.json': config({ filter: { column: 'id', in: IDS.slice(0, 150) } }),
    },
    argv: ANALYZE,
    // Refusing is right: a filter on ids would print them in the notes.
    expect: 'refuse',
    mention: ['config.filter', "'id'"],
  },
  {
    group: 'privacy',
    name: 'a BSN-like event month (first: … > follow-up)',
    files: {
      'clients.csv': withCell(13, 'month_bijstand', IDS[80] ?? ''),
      'config.json': config(),
    },
    argv: ANALYZE,
    expect: 'refuse',
    mention: ['month_bijstand', '13'],
  },
  {
    group: 'privacy',
    name: 'the data file passed as --config',
    files: { 'clients.csv': csv(baseClients()) },
    argv: ['analyze', '--input', 'clients.csv', '--config', 'clients.csv'],
    expect: 'refuse',
    mention: ['config clients.csv', 'JSON'],
  },
  {
    group: 'privacy',
    name: 'audit with a BSN in the arm column',
    files: { 'clients.csv': withCell(21, 'arm', IDS[90] ?? '') },
    argv: ['audit', '--input', 'clients.csv', '--weights', 'experiment=0.8,control=0.2'],
    expect: 'refuse',
    mention: ['arm', '21'],
  },
  {
    group: 'privacy',
    name: 'reproduce den-haag --data with a BSN as arm label',
    files: { 'pilot.csv': pilot.replace('\nDH000003,control,', '\nDH000003,222000004,') },
    argv: ['reproduce', 'den-haag', '--data', 'pilot.csv'],
    expect: 'refuse',
    mention: ['arm'],
    secrets: ['222000004'],
  },
  {
    group: 'disclosure',
    name: 'analyze: a subgroup level of 6 clients is suppressed',
    files: {
      'clients.csv': edited((r) => {
        for (const k of [1, 2, 3, 4, 6, 7]) at(r, k).region = 'islands';
      }),
      'config.json': config({ subgroups: ['region'] }),
    },
    argv: ANALYZE,
    expect: 'run',
    check: (run) =>
      /suppress/i.test(run.written.get('out/analysis.md') ?? '')
        ? undefined
        : 'no suppression in analysis.md',
  },
  {
    group: 'disclosure',
    name: 'analyze: subgroup levels sum to the effect table (no month with one hidden cell)',
    files: {
      'clients.csv': edited((r) => {
        for (const k of [1, 2, 3, 4, 6, 7]) at(r, k).region = 'islands';
      }),
      'config.json': config({ subgroups: ['region'] }),
    },
    argv: ANALYZE,
    expect: 'run',
    check: (run) => oneHiddenCell(run.written.get('out/analysis.json') ?? '{}'),
  },
  {
    group: 'disclosure',
    name: 'analyze: 6 receivers of the service (participation and complier effect)',
    files: {
      'clients.csv': edited((r) => {
        let given = 0;
        for (const c of r) {
          const gets = c.arm === 'experiment' && given < 6;
          if (gets) given++;
          c.participation = gets ? 'conversation' : 'none';
        }
      }),
      'config.json': config({ participation: { received: ['conversation'], month: 6 } }),
    },
    argv: ANALYZE,
    expect: 'run',
    check: (run) => {
      const md = run.written.get('out/analysis.md') ?? '';
      if (!md.includes('| conversation | < 10 |')) return 'participation count of 6 published';
      if (!/\| unadjusted \| x \| x \|/.test(md)) return 'unadjusted first stage published';
      return undefined;
    },
  },
  {
    group: 'disclosure',
    name: 'assign: a control arm of 6 in the printed summary',
    files: { 'clients.csv': edited(() => {}) },
    argv: [
      'assign',
      '--input',
      'clients.csv',
      '--rule',
      'complete',
      '--weights',
      'experiment=0.97,control=0.03',
      '--seed',
      '1',
      '--arm-column',
      'assigned_arm',
      '--output',
      'assigned.csv',
    ],
    idsAllowedIn: ['assigned.csv'],
    expect: 'run',
    check: (run) =>
      run.stdout.includes('| control | < 10 | x |') && !/\| 6 \|/.test(run.stdout)
        ? undefined
        : 'arm count of 6 published',
  },
  {
    group: 'disclosure',
    name: 'audit --weights: 6 control clients (Markdown)',
    files: {
      'clients.csv': edited((r) => {
        let kept = 0;
        for (const c of r) {
          if (c.arm !== 'control') continue;
          if (kept++ >= 6) c.arm = 'experiment';
        }
      }),
    },
    argv: ['audit', '--input', 'clients.csv', '--weights', '97/3', '--covariates', 'gender'],
    expect: 'run',
    check: (run) =>
      run.stdout.includes('| control | < 10 |') ? undefined : 'arm count of 6 published',
  },
  {
    group: 'disclosure',
    name: 'audit --weights --json: 6 control clients',
    files: {
      'clients.csv': edited((r) => {
        let kept = 0;
        for (const c of r) {
          if (c.arm !== 'control') continue;
          if (kept++ >= 6) c.arm = 'experiment';
        }
      }),
    },
    argv: ['audit', '--input', 'clients.csv', '--weights', '97/3', '--json'],
    expect: 'run',
    check: (run) =>
      /"observed": 6\b/.test(run.stdout) || !run.stdout.includes('"< 10"')
        ? 'arm count of 6 in the JSON'
        : undefined,
  },
  {
    group: 'disclosure',
    name: 'reproduce personal-services-2017 --data with 40-client control arms',
    files: { 'ps.csv': personalServicesSmall() },
    argv: ['reproduce', 'personal-services-2017', '--data', 'ps.csv', '--out', 'out'],
    expect: 'run',
    check: (run) => {
      for (const name of ['out/personal-services-2017.md', 'out/personal-services-2017.json']) {
        const text = run.written.get(name) ?? '';
        if (!text.includes('< 10')) return `no suppression in ${name}`;
        if (text.includes('20.5 % (n = 39)')) return `8 of 39 published in ${name}`;
      }
      return undefined;
    },
  },
  {
    group: 'disclosure',
    name: 'reproduce intensive-2012 --data with 615 clients (2 assignment errors, 6 conversations)',
    files: { 'int.csv': intensiveSmall() },
    argv: ['reproduce', 'intensive-2012', '--data', 'int.csv', '--out', 'out'],
    secrets: intensiveSmall()
      .split('\n')
      .slice(1, 40)
      .map((l) => l.split(',')[0]!)
      .filter((b) => b.length === 9),
    expect: 'run',
    check: (run) => {
      const md = run.written.get('out/intensive-vs-basic-2012.md') ?? '';
      if (!md.includes('< 10 of 615')) return 'assignment errors published in the .md';
      // the JSON holds the published tables (the audit's sentences are not a table)
      for (const name of ['out/intensive-vs-basic-2012.md', 'out/intensive-vs-basic-2012.json']) {
        const text = run.written.get(name) ?? '';
        if (!text.includes('< 10')) return `no suppression in ${name}`;
        if (text.includes('6 (3 %)')) return `a conversation count of 6 published in ${name}`;
      }
      return undefined;
    },
  },
  // ---- types -------------------------------------------------------------------------------
  {
    group: 'column types',
    name: 'numeric covariate with NA cells',
    files: {
      'clients.csv': edited((r) => {
        at(r, 17).age = 'NA';
        at(r, 40).age = 'NA';
      }),
      'config.json': config(),
    },
    argv: ANALYZE,
    expect: 'refuse',
    mention: ['age', '17', 'NA'],
  },
  {
    group: 'column types',
    name: 'numeric covariate with NA cells and --na NA',
    files: {
      'clients.csv': edited((r) => {
        at(r, 17).age = 'NA';
        at(r, 40).age = 'NA';
      }),
      'config.json': config(),
    },
    argv: [...ANALYZE, '--na', 'NA'],
    expect: 'run',
    check: notInOutput(/age\[/, 'age read as a factor'),
  },
  {
    group: 'column types',
    name: 'numeric covariate with a decimal comma cell (32,5)',
    files: {
      'clients.csv': withCell(23, 'age', '"32,5"'),
      'config.json': config(),
    },
    argv: ANALYZE,
    expect: 'refuse',
    mention: ['age', '23', '32,5'],
  },
  {
    group: 'column types',
    name: 'numeric covariate with a NaN cell',
    files: { 'clients.csv': withCell(31, 'age', 'NaN'), 'config.json': config() },
    argv: ANALYZE,
    expect: 'refuse',
    mention: ['age', '31', 'NaN'],
  },
  {
    group: 'column types',
    name: 'Dutch export (; and decimal comma), no flags',
    files: {
      'clients.csv': edited((r) => {
        for (const c of r) c.age = `${c.age},5`;
      }, ';'),
      'config.json': config(),
    },
    argv: ANALYZE,
    expect: 'run',
    check: notInOutput(/age\[/, 'age read as a factor'),
  },
  {
    group: 'column types',
    name: 'Dutch export with --delimiter ";" --decimal ","',
    files: {
      'clients.csv': edited((r) => {
        for (const c of r) c.age = `${c.age},5`;
      }, ';'),
      'config.json': config(),
    },
    argv: [...ANALYZE, '--delimiter', ';', '--decimal', ','],
    expect: 'run',
    check: notInOutput(/age\[/, 'age read as a factor'),
  },
  {
    group: 'column types',
    name: 'config saved with a UTF-8 BOM',
    files: { 'clients.csv': csv(baseClients()), 'config.json': `\uFEFF${config()}` },
    argv: ANALYZE,
    expect: 'run',
  },
  {
    group: 'column types',
    name: 'a 19-digit number in a covariate',
    warns: ['age', 'digits'],
    files: {
      'clients.csv': edited((r) => {
        for (const [i, c] of r.entries())
          c.age = `10000000000000000${String(i % 90).padStart(2, '0')}`;
      }),
      'config.json': config(),
    },
    argv: ANALYZE,
    expect: 'refuse',
    mention: ['age'],
  },
  // ---- ids ---------------------------------------------------------------------------------
  {
    group: 'ids',
    name: 'the same id with and without a leading space (analyze)',
    files: {
      'clients.csv': withCell(30, 'id', ` ${IDS[28]}`),
      'config.json': config(),
    },
    argv: ANALYZE,
    expect: 'refuse',
    mention: ['id', /\b29\b[^\n]*\b30\b/],
  },
  {
    group: 'ids',
    name: 'hashed assignment of " id" and "id" gives the same arm',
    files: {
      'clients.csv': `id\n${IDS.slice(0, 50).join('\n')}\n`,
      'spaced.csv': `id\n${IDS.slice(0, 50)
        .map((id) => ` ${id}`)
        .join('\n')}\n`,
    },
    argv: ['assign', '--input', 'spaced.csv', ...RATIO, '--output', 'spaced-assigned.csv'],
    expect: 'run',
    idsAllowedIn: ['spaced-assigned.csv'],
    check: async (run) => {
      const spaced = (run.written.get('spaced-assigned.csv') ?? '').trim().split('\n').slice(1);
      let plain = '';
      const dir = mkdtempSync(join(tmpdir(), 'effectmeting-hostile-'));
      writeFileSync(join(dir, 'clients.csv'), `id\n${IDS.slice(0, 50).join('\n')}\n`);
      await runCli(['assign', '--input', join(dir, 'clients.csv'), ...RATIO], {
        stdout: (t) => (plain += t),
        stderr: () => {},
      });
      rmSync(dir, { recursive: true, force: true });
      const arm = (line: string) => line.split(',').at(-1);
      const plainArms = plain.trim().split('\n').slice(1).map(arm);
      const moved = spaced.filter((line, i) => arm(line) !== plainArms[i]).length;
      return moved === 0 && spaced.length === 50 ? undefined : `${moved} of 50 clients moved arm`;
    },
  },
  {
    group: 'ids',
    name: 'duplicate ids in audit',
    files: { 'clients.csv': withCell(12, 'id', IDS[10] ?? '') },
    argv: ['audit', '--input', 'clients.csv', ...RATIO],
    expect: 'refuse',
    mention: ['id', /\b11\b[^\n]*\b12\b/],
  },
  {
    group: 'ids',
    name: 'duplicate ids in review',
    files: {
      'current.csv': review2024,
      'previous.csv': (() => {
        const lines = review2023.trimEnd().split('\n');
        lines[5] = lines[4] ?? '';
        return `${lines.join('\n')}\n`;
      })(),
    },
    argv: ['review', '--current', 'current.csv', '--previous', 'previous.csv', '--out', 'out'],
    expect: 'refuse',
    mention: ['id', /\b4\b[^\n]*\b5\b/],
  },
  {
    group: 'ids',
    name: 'duplicate ids in reproduce --data',
    files: {
      'pilot.csv': (() => {
        const lines = pilot.trimEnd().split('\n');
        lines[9] = lines[8] ?? '';
        return `${lines.join('\n')}\n`;
      })(),
    },
    argv: ['reproduce', 'den-haag', '--data', 'pilot.csv'],
    expect: 'refuse',
    mention: ['id', /\b8\b[^\n]*\b9\b/],
  },
  {
    group: 'ids',
    name: 'duplicate ids in parity assignment',
    files: { 'clients.csv': `id\n${[...IDS.slice(0, 20), IDS[3]].join('\n')}\n` },
    argv: [
      'assign',
      '--input',
      'clients.csv',
      '--rule',
      'parity',
      '--even',
      'basic',
      '--odd',
      'intensive',
    ],
    expect: 'refuse',
    mention: ['id', /\b4\b[^\n]*\b21\b/],
  },
  // ---- implausible values ------------------------------------------------------------------
  {
    group: 'implausible values',
    name: 'follow-up of 222,000,016 months',
    files: {
      'clients.csv': withCell(44, 'followup_months', '222000016'),
      'config.json': config(),
    },
    argv: ANALYZE,
    expect: 'refuse',
    mention: ['followup_months', '44'],
    secrets: ['222000016'],
  },
  {
    group: 'implausible values',
    name: '`true` as an event month',
    files: {
      'clients.csv': withCell(45, 'month_bijstand', 'true'),
      'config.json': config(),
    },
    argv: ANALYZE,
    expect: 'refuse',
    mention: ['month_bijstand', '45', 'true'],
  },
  {
    group: 'implausible values',
    name: 'one bad cell in followup_months (row 57)',
    files: {
      'clients.csv': withCell(57, 'followup_months', 'x'),
      'config.json': config(),
    },
    argv: ANALYZE,
    expect: 'refuse',
    mention: ['followup_months', '57', 'x'],
    check: undefined,
  },
  {
    group: 'implausible values',
    name: 'a duplicated config key',
    files: {
      'clients.csv': csv(baseClients()),
      'config.json': config().replace('"months": 12,', '"months": 12,\n  "months": 6,'),
    },
    argv: ANALYZE,
    expect: 'refuse',
    mention: ['months'],
  },
  {
    group: 'implausible values',
    name: 'power --allocation 80/30',
    files: {},
    argv: ['power', '--control-rate', '0.4', '--n', '1000', '--allocation', '80/30'],
    expect: 'refuse',
    mention: ['--allocation'],
  },
  // ---- files -------------------------------------------------------------------------------
  {
    group: 'files',
    name: 'a truncated Arrow file',
    files: {
      'clients.csv': csv(baseClients()),
      'clients.arrow': readFileSync('tests/fixtures/experiment.arrow').subarray(0, 200),
      'config.json': config(),
    },
    argv: ['analyze', '--input', 'clients.arrow', '--config', 'config.json'],
    expect: 'refuse',
    mention: ['Arrow'],
  },
  {
    group: 'files',
    name: 'a UTF-16 CSV',
    files: {
      'clients.csv': Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from(csv(baseClients()), 'utf16le'),
      ]),
      'config.json': config(),
    },
    argv: ANALYZE,
    expect: 'refuse',
    mention: ['UTF-16'],
  },
  {
    group: 'files',
    name: 'a directory as --input',
    files: { 'config.json': config(), 'dir/x': 'x' },
    argv: ['analyze', '--input', 'dir', '--config', 'config.json'],
    expect: 'refuse',
    mention: ["'dir' is a directory", 'expected a data file'],
  },
  {
    group: 'files',
    name: 'Latin-1 bytes in a label',
    files: {
      'clients.csv': Buffer.from(withCell(5, 'region', 'caf\u00e9'), 'latin1'),
      'config.json': config({ covariates: ['gender', 'age', 'region'] }),
    },
    argv: ANALYZE,
    expect: 'refuse',
    // An encoding problem is a file's, not a column's: the line and the encoding.
    mention: ['line 6', 'Latin-1'],
  },
  {
    group: 'files',
    name: 'a NUL byte in a label',
    files: {
      'clients.csv': withCell(6, 'region', 'we\u0000st'),
      'config.json': config({ covariates: ['gender', 'age', 'region'] }),
    },
    argv: ANALYZE,
    expect: 'refuse',
    mention: ['NUL', 'line 7'],
  },
  // ---- escaping ----------------------------------------------------------------------------
  {
    group: 'escaping',
    name: '<script> in a factor level (analysis.md)',
    files: {
      'clients.csv': edited((r) => {
        for (const c of r) if (c.region === 'west') c.region = '<script>alert(1)</script>';
      }),
      'config.json': config({ subgroups: ['region'] }),
    },
    argv: ANALYZE,
    expect: 'run',
    check: notInOutput('<script>', 'raw <script>'),
  },
  {
    group: 'escaping',
    name: '<img onerror> in a factor level (analysis.md)',
    files: {
      'clients.csv': edited((r) => {
        for (const c of r) if (c.region === 'east') c.region = '<img src=x onerror=alert(1)>';
      }),
      'config.json': config({ subgroups: ['region'] }),
    },
    argv: ANALYZE,
    expect: 'run',
    check: notInOutput('<img', 'raw <img>'),
  },
  {
    group: 'escaping',
    name: 'assign CSV: an exclusion reason starting with @',
    files: {
      'clients.csv': `id,flag\n${IDS.slice(0, 40)
        .map((id, i) => `${id},${i % 3 === 0 ? 1 : 0}`)
        .join('\n')}\n`,
    },
    argv: [
      'assign',
      '--input',
      'clients.csv',
      ...RATIO,
      '--exclude',
      '@SUM(1+1)*cmd=flag',
      '--output',
      'assigned.csv',
    ],
    expect: 'run',
    idsAllowedIn: ['assigned.csv'],
    check: (run) => {
      const out = run.written.get('assigned.csv') ?? '';
      return /(^|,)[=+\-@]/m.test(out) ? 'a cell starts with a formula character' : undefined;
    },
  },
  {
    group: 'escaping',
    name: 'review --source "status onbekend = x"',
    files: { 'current.csv': review2024, 'previous.csv': review2023 },
    argv: [
      'review',
      '--current',
      'current.csv',
      '--previous',
      'previous.csv',
      '--out',
      'out',
      '--source',
      'status onbekend = x',
    ],
    expect: 'run',
  },
  {
    group: 'escaping',
    name: 'review --source with a single-quoted href=javascript:',
    files: { 'current.csv': review2024, 'previous.csv': review2023 },
    argv: [
      'review',
      '--current',
      'current.csv',
      '--previous',
      'previous.csv',
      '--out',
      'out',
      '--source',
      "<a href='javascript:alert(1)'>x</a><animate attributeName=href to=javascript:alert(2) />",
    ],
    expect: 'run',
    check: notInOutput(/<a href='javascript|<animate/i, 'active content'),
  },
  // ---- errors that stop an analysis --------------------------------------------------------
  {
    group: 'model errors',
    name: 'one client with a unique factor level (HC2 leverage 1)',
    files: {
      'clients.csv': withCell(101, 'region', 'unique'),
      'config.json': config({ covariates: ['gender', 'age', 'region'] }),
    },
    argv: ANALYZE,
    expect: 'refuse',
    mention: ['region', 'unique', '101'],
  },
  {
    group: 'model errors',
    name: 'a subgroup with no events in a month',
    files: {
      'clients.csv': edited((r) => {
        for (const c of r)
          if (c.gender === 'woman')
            c.month_bijstand =
              c.month_bijstand === '' || Number(c.month_bijstand) < 4 ? '' : c.month_bijstand;
      }),
      'config.json': config({ subgroups: ['gender'] }),
    },
    argv: ANALYZE,
    expect: 'run',
    check: all(noNaN, (run) =>
      /not estimable/i.test(run.stdout) ? undefined : 'no "not estimable" in the output',
    ),
  },
  {
    group: 'model errors',
    name: 'a constant covariate',
    warns: ['region', 'constant'],
    files: {
      'clients.csv': edited((r) => {
        for (const c of r) c.region = 'north';
      }),
      'config.json': config({ covariates: ['gender', 'age', 'region'] }),
    },
    argv: ANALYZE,
    expect: 'refuse',
    mention: ['region', 'the same value'],
  },
  {
    group: 'model errors',
    name: 'an all-missing covariate',
    files: {
      'clients.csv': edited((r) => {
        for (const c of r) c.age = '';
      }),
      'config.json': config(),
    },
    argv: ANALYZE,
    expect: 'refuse',
    mention: ['age', 'missing'],
  },
  {
    group: 'model errors',
    name: 'the id as a covariate',
    files: {
      'clients.csv': csv(baseClients()),
      'config.json': config({ covariates: ['gender', 'id'] }),
    },
    argv: ANALYZE,
    expect: 'refuse',
    mention: ['id'],
  },
  {
    group: 'model errors',
    name: 'the arm as a covariate',
    files: {
      'clients.csv': csv(baseClients()),
      'config.json': config({ covariates: ['gender', 'arm'] }),
    },
    argv: ANALYZE,
    expect: 'refuse',
    mention: ['arm'],
  },
  {
    group: 'model errors',
    name: 'review: a municipality with no cases last year (separation)',
    files: {
      'current.csv': review2024,
      'previous.csv': (() => {
        const lines = review2023.trimEnd().split('\n');
        const header = (lines[0] ?? '').split(',');
        const m = header.indexOf('municipality');
        const y = header.indexOf('bijstand');
        if (m < 0 || y < 0) throw new Error('scan population without municipality/bijstand');
        const target = 'Maastricht';
        return `${lines
          .map((line, i) => {
            if (i === 0) return line;
            const cells = line.split(',');
            if (cells[m] === target) cells[y] = '0';
            return cells.join(',');
          })
          .join('\n')}\n`;
      })(),
    },
    argv: ['review', '--current', 'current.csv', '--previous', 'previous.csv', '--out', 'out'],
    expect: 'run',
    check: all(noNaN, (run) =>
      /separation/i.test(run.written.get('out/review.md') ?? '')
        ? undefined
        : 'separation not reported',
    ),
  },
  // ---- NaN ---------------------------------------------------------------------------------
  {
    group: 'no NaN',
    name: 'no participation difference (complier effect undefined)',
    files: {
      'clients.csv': edited((r) => {
        // half of each arm participates: the participation difference is exactly zero
        const seen = new Map<string, number>();
        for (const c of r) {
          const k = seen.get(c.arm) ?? 0;
          seen.set(c.arm, k + 1);
          c.participation = k % 2 === 0 ? 'conversation' : 'none';
        }
      }),
      'config.json': config({
        participation: {
          column: 'participation',
          categories: ['none', 'conversation'],
          received: ['conversation'],
        },
      }),
    },
    argv: [...ANALYZE.slice(0, -4), '--format', 'json', '--out', 'out'],
    expect: 'run',
    check: noNaN,
  },
  {
    group: 'no NaN',
    name: 'no events at all in the control arm in early months',
    files: {
      'clients.csv': edited((r) => {
        for (const c of r)
          if (c.arm === 'control' && c.month_bijstand !== '' && Number(c.month_bijstand) <= 6)
            c.month_bijstand = '';
      }),
      'config.json': config(),
    },
    argv: ANALYZE,
    expect: 'run',
    check: noNaN,
  },
  {
    group: 'no NaN',
    name: 'review: a subgroup column with one level only',
    files: {
      'current.csv': scanEdited(review2024, 'gender', [], ''),
      'previous.csv': firstLines(review2023, 4000),
    },
    argv: ['review', '--current', 'current.csv', '--previous', 'previous.csv', '--out', 'out'],
    expect: 'run',
    check: noNaN,
  },
];

// ---- running -------------------------------------------------------------------------------

const hash = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path));
    else out.push(path);
  }
  return out;
}

async function runCase(c: Case): Promise<{ outcome: Outcome; detail: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'effectmeting-hostile-'));
  const inputs = new Map<string, string>();
  for (const [name, body] of Object.entries(c.files)) {
    const path = join(dir, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, body);
    inputs.set(name, hash(readFileSync(path)));
  }
  let stdout = '';
  let stderr = '';
  const cwd = process.cwd();
  process.chdir(dir);
  let code: number;
  try {
    code = await runCli(c.argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  } catch (error) {
    code = 99;
    stderr += `thrown: ${String(error)}\n${(error as Error).stack ?? ''}`;
  } finally {
    process.chdir(cwd);
  }
  const written = new Map<string, string>();
  for (const path of listFiles(dir)) {
    const name = relative(dir, path);
    if (inputs.has(name)) continue;
    if (statSync(path).size < 5_000_000) written.set(name, readFileSync(path, 'utf8'));
  }
  const changed = [...inputs].filter(
    ([name, h]) => !existsSync(join(dir, name)) || hash(readFileSync(join(dir, name))) !== h,
  );
  rmSync(dir, { recursive: true, force: true });

  const secrets = [...IDS, ...(c.secrets ?? [])];
  const places: [string, string][] = [
    ['stdout', stdout],
    ['stderr', stderr],
    ...[...written].filter(([name]) => !(c.idsAllowedIn ?? []).includes(name)),
  ];
  for (const [place, text] of places)
    for (const s of secrets)
      if (text.includes(s)) return { outcome: 'leak', detail: `${s.slice(0, 3)}… in ${place}` };
  const firstLine = (stderr.split('\n').find((l) => l.trim() !== '') ?? '').slice(0, 200);
  if (
    code === 70 ||
    (code !== 0 && code !== 1 && code !== 2) ||
    /\n\s+at .+:\d+:\d+\)?/.test(stderr)
  )
    return { outcome: 'crash', detail: firstLine };
  if (changed.length > 0)
    return { outcome: 'silent', detail: `input changed: ${changed.map(([n]) => n).join(', ')}` };
  if (c.expect === 'refuse') {
    if (code === 0 && c.warns !== undefined && c.warns.every((w) => stderr.includes(w)))
      return { outcome: 'handled', detail: `warned: ${firstLine}` };
    if (code === 0) return { outcome: 'silent', detail: 'exit 0; expected a refusal' };
    const missing = (c.mention ?? []).filter((m) =>
      typeof m === 'string' ? !stderr.includes(m) : !m.test(stderr),
    );
    return missing.length === 0
      ? { outcome: 'clear error', detail: firstLine }
      : {
          outcome: 'unclear',
          detail: `does not name ${missing.map((m) => `"${m}"`).join(', ')}: ${firstLine}`,
        };
  }
  if (code !== 0) return { outcome: 'unclear', detail: `refused (exit ${code}): ${firstLine}` };
  const problem = await c.check?.({ code, stdout, stderr, written });
  return problem === undefined
    ? { outcome: 'handled', detail: '' }
    : { outcome: 'silent', detail: problem };
}

async function main(): Promise<void> {
  const results: { c: Case; outcome: Outcome; detail: string }[] = [];
  for (const c of CASES) {
    const r = await runCase(c);
    results.push({ c, ...r });
    process.stderr.write(
      `${r.outcome.padEnd(12)} ${c.group}: ${c.name}${r.detail ? ` — ${r.detail}` : ''}\n`,
    );
  }
  const groups = [...new Set(CASES.map((c) => c.group))];
  const count = (g: string | undefined, o: Outcome) =>
    results.filter((r) => (g === undefined || r.c.group === g) && r.outcome === o).length;
  const lines = [
    '# Hostile inputs through the CLI',
    '',
    'Generated by `npx tsx scripts/hostile-inputs.ts` (see the script for the outcome rules). Every client id in the',
    'inputs is a valid BSN, so any id in an output is a leak.',
    '',
    `| class | tried | ${OUTCOMES.join(' | ')} |`,
    `|---|---:|${OUTCOMES.map(() => '---:').join('|')}|`,
    ...groups.map(
      (g) =>
        `| ${g} | ${results.filter((r) => r.c.group === g).length} | ${OUTCOMES.map((o) => count(g, o)).join(' | ')} |`,
    ),
    `| **all** | **${results.length}** | ${OUTCOMES.map((o) => `**${count(undefined, o)}**`).join(' | ')} |`,
    '',
    '| class | input | outcome | detail |',
    '|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.c.group} | ${r.c.name.replaceAll('|', '\\|')} | ${r.outcome} | ${r.detail.replaceAll('|', '\\|').replace(/\d{7,}/g, '<digits>')} |`,
    ),
    '',
  ];
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/hostile-inputs.md', lines.join('\n'));
  process.stdout.write(`${lines.slice(5, 7 + groups.length + 1).join('\n')}\n`);
}

await main();

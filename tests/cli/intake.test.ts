/**
 * The CLI's intake never silently changes data (issue 12, part 2): every class of bad input goes
 * through the command a user would run and gets an exact outcome — a refusal naming the column,
 * the data rows and the value (never an id), or, where the user declared how to read it, the
 * analysis — and the input file is byte for byte what it was.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/command.js';
import { runCli } from '../../src/cli/main.js';
import { bsns } from '../assign/helpers.js';

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const hash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Runs the CLI, asserting the input files unchanged and no id of the data in any output. */
async function run(inputs: readonly string[], argv: string[], secrets: readonly string[] = IDS) {
  const before = inputs.map(hash);
  const r = await cli(argv);
  expect(inputs.map(hash)).toEqual(before);
  for (const id of secrets) {
    expect(r.stdout).not.toContain(id);
    expect(r.stderr).not.toContain(id);
  }
  return r;
}

/** 40 clients with valid BSNs as ids. */
const IDS = bsns(40);

let dir: string;
const path = (name: string) => join(dir, name);

/** The experiment file: `age` cells replaced per 0-based row, another separator or decimal. */
function clients(
  o: {
    ages?: Record<number, string>;
    ids?: readonly string[];
    followup?: Record<number, string>;
    month?: Record<number, string>;
    sep?: string;
    dec?: string;
  } = {},
): string {
  const sep = o.sep ?? ',';
  const rows = IDS.map((bsn, i) =>
    [
      o.ids?.[i] ?? bsn,
      i % 2 ? 'control' : 'experiment',
      o.followup?.[i] ?? '12',
      o.month?.[i] ?? (i % 3 === 0 ? String(1 + (i % 6)) : ''),
      o.ages?.[i] ?? `${30 + (i % 25)}${o.dec ?? '.'}5`,
    ].join(sep),
  );
  return `${['id', 'arm', 'followup_months', 'month_work', 'age'].join(sep)}\n${rows.join('\n')}\n`;
}

const CONFIG = { events: { work: 'month_work' }, months: 6, covariates: ['age'] };
const analyze = (input: string, ...more: string[]) => [
  'analyze',
  '--input',
  input,
  '--config',
  path('config.json'),
  '--format',
  'json',
  '--quiet',
  ...more,
];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'effectmeting-intake-'));
  writeFileSync(path('config.json'), JSON.stringify(CONFIG));
  writeFileSync(path('config-bom.json'), `\uFEFF${JSON.stringify(CONFIG)}`);
  writeFileSync(
    path('config-dup.json'),
    '{\n  "events": { "work": "month_work" },\n  "months": 6,\n  "covariates": ["age"],\n  "months": 12\n}\n',
  );
  writeFileSync(path('good.csv'), clients());
  writeFileSync(path('na.csv'), clients({ ages: { 3: 'NA', 10: 'NA' } }));
  writeFileSync(path('nan.csv'), clients({ ages: { 3: 'NaN' } }));
  writeFileSync(path('comma.csv'), clients({ ages: { 3: '"32,5"', 7: '"1,5"' } }));
  writeFileSync(path('dutch.csv'), clients({ sep: ';', dec: ',' }));
  writeFileSync(path('followup.csv'), clients({ followup: { 4: '222000016' } }));
  writeFileSync(path('true-month.csv'), clients({ month: { 0: 'true' } }));
  const padded = [...IDS];
  padded[6] = ` ${IDS[5]}`;
  writeFileSync(path('dup-id.csv'), clients({ ids: padded }));
  writeFileSync(
    path('bigint.csv'),
    clients()
      .split('\n')
      .map((l, i) => (l === '' ? l : `${l},${i === 0 ? 'account' : '1234567890123456789'}`))
      .join('\n'),
  );
  const text = clients();
  // A place name with ë as the Latin-1 byte 0xEB, on every data row.
  const [head, ...body] = text.trimEnd().split('\n');
  const latin1 = [`${head},plaats`, ...body.map((l) => `${l},Zo\u00eb`)].join('\n');
  writeFileSync(path('latin1.csv'), Buffer.from(`${latin1}\n`, 'latin1'));
  writeFileSync(path('nul.csv'), text.replace('control', 'con\u0000trol'));
  writeFileSync(path('utf16.csv'), Buffer.from(`\uFEFF${text}`, 'utf16le'));
  writeFileSync(
    path('truncated.arrow'),
    readFileSync('tests/fixtures/experiment.arrow').subarray(0, 300),
  );
  mkdirSync(path('folder.csv'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('column types: declared or refused, never a silent factor', () => {
  it("'NA' in a numeric covariate: exit 1 naming column, rows and value; --na NA runs", async () => {
    const r = await run([path('na.csv')], analyze(path('na.csv')));
    expect(r.code).toBe(EXIT.error);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `effectmeting analyze: column 'age' holds numbers except in rows 4, 11: 'NA'; if 'NA' means missing, declare it (na: ["NA"]; --na NA); to keep the column as text, name it in stringColumns (--text-columns)\n`,
    );
    const ok = await run(
      [path('na.csv')],
      analyze(path('na.csv'), '--na', 'NA', '--min-cell', '0'),
    );
    expect(ok.code).toBe(EXIT.ok);
    const result = JSON.parse(ok.stdout) as { effects: { series: { excluded: unknown } }[] };
    expect(JSON.stringify(result.effects[0]!.series.excluded)).toContain('"count":2');
  });

  it("'NaN' and decimal commas in a '.' file are refused with the way out", async () => {
    const nan = await run([path('nan.csv')], analyze(path('nan.csv')));
    expect(nan.code).toBe(EXIT.error);
    expect(nan.stderr).toMatch(
      /column 'age' holds numbers except in row 4: 'NaN'; if 'NaN' means missing/,
    );
    const comma = await run([path('comma.csv')], analyze(path('comma.csv')));
    expect(comma.code).toBe(EXIT.error);
    expect(comma.stderr).toMatch(
      /column 'age' holds numbers except in rows 4, 8: '32,5', '1,5'; for a decimal comma give decimal ','/,
    );
  });

  it('a Dutch export is read with a note on stderr, as the same numbers as the "." file', async () => {
    const dutch = await run([path('dutch.csv')], analyze(path('dutch.csv')));
    expect(dutch.code).toBe(EXIT.ok);
    expect(dutch.stderr).toBe(
      `note: '${path('dutch.csv')}': read as a Dutch export: ';' separates the fields and ',' is the decimal mark (column 'age'); give the decimal mark (decimal / --decimal) to read it otherwise\n`,
    );
    const plain = await run([path('good.csv')], analyze(path('good.csv')));
    const effects = (s: string) => JSON.stringify((JSON.parse(s) as { effects: unknown }).effects);
    expect(effects(dutch.stdout)).toBe(effects(plain.stdout));
    // Declared: no note.
    const given = await run(
      [path('dutch.csv')],
      analyze(path('dutch.csv'), '--delimiter', ';', '--decimal', ','),
    );
    expect([given.code, given.stderr]).toEqual([EXIT.ok, '']);
  });

  it('19-digit numbers are kept as text, with a note', async () => {
    const r = await run([path('bigint.csv')], analyze(path('bigint.csv')));
    expect(r.code).toBe(EXIT.ok);
    expect(r.stderr).toContain(
      "column 'account' holds whole numbers beyond 2^53, which a number cannot hold without losing digits; read as text",
    );
    // Declared as text: nothing to note.
    const text = await run(
      [path('bigint.csv')],
      analyze(path('bigint.csv'), '--text-columns', 'account'),
    );
    expect([text.code, text.stderr]).toEqual([EXIT.ok, '']);
  });

  it('bad data flags are usage errors (exit 2)', async () => {
    const d = await run([path('good.csv')], analyze(path('good.csv'), '--decimal', 'x'));
    expect([d.code, d.stderr.split('\n')[0]]).toEqual([
      EXIT.usage,
      `effectmeting analyze: --decimal: expected '.' or ',', got "x"`,
    ]);
    const s = await run([path('good.csv')], analyze(path('good.csv'), '--delimiter', '::'));
    expect(s.code).toBe(EXIT.usage);
    const e = await run([path('good.csv')], analyze(path('good.csv'), '--encoding', 'ebcdic'));
    expect(e.code).toBe(EXIT.usage);
  });
});

describe('implausible values', () => {
  it('a follow-up of 222,000,016 months: exit 1, the value withheld', async () => {
    const r = await run([path('followup.csv')], analyze(path('followup.csv')), [
      ...IDS,
      '222000016',
    ]);
    expect(r.code).toBe(EXIT.error);
    expect(r.stderr).toBe(
      "effectmeting analyze: column 'followup_months' has implausible follow-up: more than 1200 months (100 years; a date or id in the column?) in row 5 (first: (value withheld: 9 or more digits))\n",
    );
  });

  it("'true' as a month: exit 1 naming the column and row", async () => {
    const r = await run([path('true-month.csv')], analyze(path('true-month.csv')));
    expect(r.code).toBe(EXIT.error);
    expect(r.stderr).toMatch(
      /^effectmeting analyze: column 'month_work' holds numbers except in row 1: 'true'; true\/false is not a number here: write 1\/0, or leave the cell empty; /,
    );
  });

  it('a key given twice in the config: exit 1 naming the key and lines; a BOM is read', async () => {
    const dup = await run(
      [path('config-dup.json')],
      ['analyze', '--input', path('good.csv'), '--config', path('config-dup.json'), '--quiet'],
    );
    expect(dup.code).toBe(EXIT.error);
    expect(dup.stderr).toBe(
      `effectmeting analyze: config ${path('config-dup.json')} has the key "months" twice in config (lines 3 and 5); JSON keeps only the last, so remove one\n`,
    );
    const bom = await run(
      [path('config-bom.json')],
      ['analyze', '--input', path('good.csv'), '--config', path('config-bom.json'), '--quiet'],
    );
    expect(bom.code).toBe(EXIT.ok);
  });
});

describe('duplicate ids (one with a leading space) are reported by every command', () => {
  const dupMessage = (file: string) =>
    `column 'id' has duplicate ids (values not shown): rows 6, 7 share an id (in ${file}; each client must appear once)`;

  it('analyze', async () => {
    const r = await run([path('dup-id.csv')], analyze(path('dup-id.csv')));
    expect(r.code).toBe(EXIT.error);
    expect(r.stderr).toBe(
      "effectmeting analyze: column 'id' has duplicate ids (values not shown): rows 6, 7 share an id\n",
    );
  });

  it('assign (parity and hashed) and audit', async () => {
    for (const rule of [
      ['--rule', 'parity', '--even', 'a', '--odd', 'b'],
      ['--rule', 'ratio', '--weights', 'a=0.5,b=0.5', '--key', 'k'],
    ]) {
      const r = await run(
        [path('dup-id.csv')],
        ['assign', '--input', path('dup-id.csv'), '--arm-column', 'assigned', ...rule],
      );
      expect([r.code, r.stdout]).toEqual([EXIT.error, '']);
      expect(r.stderr).toBe(`effectmeting assign: ${dupMessage(path('dup-id.csv'))}\n`);
    }
    const audit = await run(
      [path('dup-id.csv')],
      [
        'audit',
        '--input',
        path('dup-id.csv'),
        '--rule',
        'ratio',
        '--weights',
        'experiment=0.5,control=0.5',
        '--key',
        'k',
      ],
    );
    expect(audit.code).toBe(EXIT.error);
    expect(audit.stderr).toBe(`effectmeting audit: ${dupMessage(path('dup-id.csv'))}\n`);
  });

  it('reproduce --data validates as analyze does', async () => {
    const lines = readFileSync('data/intensive-vs-basic-2012.csv', 'utf8').split('\n');
    const copy = [...lines.slice(0, 11), ` ${lines[3]}`, ...lines.slice(11)];
    writeFileSync(path('intensive.csv'), copy.join('\n'));
    const bsnsInFile = lines.slice(1, 12).map((l) => l.split(',')[0]!);
    const r = await run(
      [path('intensive.csv')],
      ['reproduce', 'intensive-2012', '--data', path('intensive.csv')],
      bsnsInFile,
    );
    expect(r.code).toBe(EXIT.error);
    expect(r.stderr).toBe(
      "effectmeting reproduce: column 'bsn' has duplicate ids (values not shown): rows 3, 11 share an id\n",
    );
  });

  it('review', async () => {
    for (const year of ['2023', '2024']) {
      const lines = readFileSync(`data/scan-population-${year}.csv`, 'utf8')
        .split('\n')
        .slice(0, 301);
      if (year === '2024') lines.push(lines[2]!.replace(/^/, ' '));
      writeFileSync(path(`scan-${year}.csv`), `${lines.join('\n')}\n`);
    }
    const r = await run(
      [path('scan-2023.csv'), path('scan-2024.csv')],
      [
        'review',
        '--current',
        path('scan-2024.csv'),
        '--previous',
        path('scan-2023.csv'),
        '--out',
        path('review'),
      ],
      [],
    );
    expect(r.code).toBe(EXIT.error);
    expect(r.stderr).toBe(
      `effectmeting review: column 'id' has duplicate ids (values not shown): rows 2, 301 share an id (in ${path('scan-2024.csv')}; each client must appear once)\n`,
    );
  });
});

describe('files that are not UTF-8 CSV, or not files', () => {
  it('Latin-1: exit 1 naming the line; --encoding windows-1252 reads it', async () => {
    const r = await run([path('latin1.csv')], analyze(path('latin1.csv')));
    expect(r.code).toBe(EXIT.error);
    expect(r.stderr).toBe(
      `effectmeting analyze: '${path('latin1.csv')}' is not UTF-8: byte 0xEB on line 2 is not a UTF-8 character; it is probably Latin-1 / Windows-1252 (an Excel or SPSS export): save it as UTF-8, or give encoding 'windows-1252' (--encoding windows-1252)\n`,
    );
    const ok = await run(
      [path('latin1.csv')],
      analyze(path('latin1.csv'), '--encoding', 'windows-1252'),
    );
    expect(ok.code).toBe(EXIT.ok);
  });

  it('NUL bytes, UTF-16, a truncated Arrow file, a directory: exit 1 saying what the file is', async () => {
    const cases: [string, string][] = [
      [
        'nul.csv',
        `'${path('nul.csv')}' contains a NUL byte on line 3: it is binary data, not UTF-8 text`,
      ],
      [
        'utf16.csv',
        `'${path('utf16.csv')}' is UTF-16 text (it starts with a UTF-16 byte-order mark); expected UTF-8: save it as UTF-8 (in Excel: "CSV UTF-8")`,
      ],
      [
        'folder.csv',
        `'${path('folder.csv')}' is a directory, not a file; expected a data file (.csv, .tsv, .json, .arrow or .parquet)`,
      ],
    ];
    for (const [file, message] of cases) {
      const inputs = file === 'folder.csv' ? [] : [path(file)];
      const r = await run(inputs, analyze(path(file)));
      expect([r.code, r.stdout, r.stderr]).toEqual([
        EXIT.error,
        '',
        `effectmeting analyze: ${message}\n`,
      ]);
    }
    const arrow = await run([path('truncated.arrow')], analyze(path('truncated.arrow')));
    expect(arrow.code).toBe(EXIT.error);
    expect(arrow.stderr).toMatch(
      /^effectmeting analyze: '.*truncated\.arrow' is an incomplete or damaged Arrow IPC file \(300 bytes; truncated in a copy or download\?\)/,
    );
    expect(arrow.stderr).not.toMatch(/destructure|at \w+ \(/);
  });
});

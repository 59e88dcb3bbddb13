import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createHashedAssigner } from '../../src/assign/index.js';
import { runCli } from '../../src/cli/main.js';
import { bsns } from '../assign/helpers.js';

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

let dir: string;
const ids = Array.from({ length: 400 }, (_, i) => String(i * 37).padStart(6, '0'));
const bsnList = bsns(300);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'effectmeting-assign-'));
  const lines = ids.map(
    (id, i) =>
      `${id},${(i % 10) + 1},${i % 3 === 0 ? 'woman' : 'man'},${20 + (i % 40)},${i % 25 === 0 ? 'ja' : 'nee'}`,
  );
  writeFileSync(join(dir, 'clients.csv'), `id,decile,gender,age,wia35\n${lines.join('\n')}\n`);
  writeFileSync(
    join(dir, 'bsn.csv'),
    `bsn,office\n${bsnList.map((b, i) => `${b},${(i % 6) + 1}`).join('\n')}\n`,
  );
  const bad = [...bsnList.slice(0, 10)];
  bad[2] = '123456789';
  bad[6] = '999999999';
  writeFileSync(join(dir, 'badbsn.csv'), `bsn\n${bad.join('\n')}\n`);
  writeFileSync(join(dir, 'empty.csv'), 'id,decile\n');
});

describe('effectmeting assign', () => {
  it('hashed 80/20: writes the file with ids as text and prints the counts', async () => {
    const out = join(dir, 'hashed.csv');
    const r = await cli([
      'assign',
      '--input',
      join(dir, 'clients.csv'),
      '--rule',
      'ratio',
      '--weights',
      'experiment=0.8,control=0.2',
      '--key',
      'ww-den-haag-2021',
      '--output',
      out,
      '--record',
      join(dir, 'hashed.rule.json'),
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('hashed ratio experiment 0.8 / control 0.2');
    expect(r.stdout).toContain('| arm | n | share | intended |');
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('id,decile,gender,age,wia35,arm');
    expect(lines).toHaveLength(401);
    const arm = createHashedAssigner('ww-den-haag-2021', { experiment: 0.8, control: 0.2 });
    lines.slice(1).forEach((line, i) => {
      const cells = line.split(',');
      expect(cells[0]).toBe(ids[i]);
      expect(cells[5]).toBe(arm(ids[i]!));
    });
    const record = JSON.parse(readFileSync(join(dir, 'hashed.rule.json'), 'utf8'));
    expect(record.rule).toEqual({
      kind: 'hashed',
      weights: { experiment: 0.8, control: 0.2 },
      key: 'ww-den-haag-2021',
    });
    expect(record.counts.experiment + record.counts.control).toBe(400);

    const audit = await cli([
      'audit',
      '--input',
      out,
      '--record',
      join(dir, 'hashed.rule.json'),
      '--covariates',
      'gender,age,decile',
      '--factors',
      'decile',
    ]);
    expect(audit.code).toBe(0);
    expect(audit.stdout).toContain('0 of 400 rows differ (0.00 %)');
    expect(audit.stdout).toContain('## Balance');
    expect(audit.stdout).toContain('Omnibus control vs experiment');
  });

  it('three arms, complete with seed, blocked, exclusions; CSV to stdout when no --output', async () => {
    const r = await cli([
      'assign',
      '--input',
      join(dir, 'clients.csv'),
      '--rule',
      'complete',
      '--weights',
      'service=0.8,control_enforcement=0.1,control_none=0.1',
      '--seed',
      '42',
      '--block',
      'decile',
      '--exclude',
      'WIA 35-min=wia35',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('within blocks');
    expect(r.stderr).toMatch(/excluded: WIA 35-min \| 16/);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('id,decile,gender,age,wia35,arm,excluded');
    expect(lines[1]).toBe(`${ids[0]},1,woman,20,ja,,WIA 35-min`);
    const arms = lines.slice(1).map((l) => l.split(',')[5]);
    // 16 excluded (8 in deciles 1 and 6): blocks of 40 → 32 service; blocks of 32 → 25.6, 3.2,
    // 3.2 → largest remainder 26, 3, 3. Total 8 × 32 + 2 × 26 = 308.
    expect(arms.filter((a) => a === 'service')).toHaveLength(308);
    const again = await cli([
      'assign',
      '--input',
      join(dir, 'clients.csv'),
      '--rule',
      'blocked',
      '--weights',
      'service=0.8,control_enforcement=0.1,control_none=0.1',
      '--seed',
      '42',
      '--block',
      'decile',
      '--exclude',
      'WIA 35-min=wia35',
    ]);
    expect(again.stdout).toBe(r.stdout);
  });

  it('parity on BSNs; audit finds swapped rows by row number and never prints a BSN', async () => {
    const out = join(dir, 'parity.csv');
    const r = await cli([
      'assign',
      '--input',
      join(dir, 'bsn.csv'),
      '--rule',
      'parity',
      '--even',
      'basic',
      '--odd',
      'intensive',
      '--id-column',
      'bsn',
      '--output',
      out,
    ]);
    expect(r.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    const lines = text.trim().split('\n');
    for (const [i, l] of lines.slice(1).entries()) expect(l.split(',')[0]).toBe(bsnList[i]);
    // Swap rows 5 and 9's arms.
    const flip = (l: string) =>
      l.replace(/,(basic|intensive)$/, (_, a) => `,${a === 'basic' ? 'intensive' : 'basic'}`);
    lines[5] = flip(lines[5]!);
    lines[9] = flip(lines[9]!);
    writeFileSync(out, `${lines.join('\n')}\n`);
    const a = await cli([
      'audit',
      '--input',
      out,
      '--rule',
      'parity',
      '--even',
      'basic',
      '--odd',
      'intensive',
      '--id-column',
      'bsn',
      '--covariates',
      'office',
      '--factors',
      'office',
    ]);
    expect(a.code).toBe(0);
    expect(a.stdout).toContain('2 of 300 rows differ (0.67 %)');
    expect(a.stdout).toMatch(/\| 5 \| (basic|intensive) \| (basic|intensive) \|/);
    for (const b of bsnList) {
      expect(a.stdout).not.toContain(b);
      expect(r.stdout).not.toContain(b);
    }
    const json = await cli([
      'audit',
      '--input',
      out,
      '--rule',
      'parity',
      '--even',
      'basic',
      '--odd',
      'intensive',
      '--id-column',
      'bsn',
      '--json',
    ]);
    expect(JSON.parse(json.stdout).conformance.mismatches).toBe(2);
  });

  it('invalid BSNs: exit 1 with row numbers only', async () => {
    const r = await cli([
      'assign',
      '--input',
      join(dir, 'badbsn.csv'),
      '--rule',
      'parity',
      '--even',
      'basic',
      '--odd',
      'intensive',
      '--id-column',
      'bsn',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("2 invalid BSNs in column 'bsn'");
    expect(r.stderr).toContain('rows 3, 7');
    expect(r.stderr).not.toMatch(/123456789|999999999/);
    expect(r.stdout).toBe('');
  });

  it('input errors exit 1: unknown column, empty input', async () => {
    const a = await cli([
      'assign',
      '--input',
      join(dir, 'clients.csv'),
      '--rule',
      'ratio',
      '--weights',
      'a=0.5,b=0.5',
      '--key',
      'k',
      '--id-column',
      'client',
    ]);
    expect(a.code).toBe(1);
    expect(a.stderr).toContain("missing column 'client'");
    expect(a.stderr).toContain('available columns: id, decile, gender, age, wia35');
    const b = await cli([
      'assign',
      '--input',
      join(dir, 'clients.csv'),
      '--rule',
      'complete',
      '--weights',
      'a=0.5,b=0.5',
      '--seed',
      '1',
      '--block',
      'office',
    ]);
    expect(b.code).toBe(1);
    expect(b.stderr).toContain("missing column 'office'");
    const c = await cli([
      'assign',
      '--input',
      join(dir, 'empty.csv'),
      '--rule',
      'ratio',
      '--weights',
      'a=0.5,b=0.5',
      '--key',
      'k',
    ]);
    expect(c.code).toBe(1);
    expect(c.stderr).toContain('no clients');
    const d = await cli([
      'audit',
      '--input',
      join(dir, 'clients.csv'),
      '--rule',
      'ratio',
      '--weights',
      'a=0.5,b=0.5',
      '--key',
      'k',
    ]);
    expect(d.code).toBe(1);
    expect(d.stderr).toContain("missing column 'arm'");
    const e = await cli([
      'assign',
      '--input',
      join(dir, 'nope.csv'),
      '--rule',
      'ratio',
      '--weights',
      'a=0.5,b=0.5',
      '--key',
      'k',
    ]);
    expect(e.code).toBe(1);
  });

  it('usage errors exit 2: weights not summing to 1, unknown rule or flag, missing options', async () => {
    const base = ['assign', '--input', join(dir, 'clients.csv')];
    const cases: [string[], RegExp][] = [
      [
        [...base, '--rule', 'ratio', '--weights', 'experiment=0.8,control=0.3', '--key', 'k'],
        /sum to 1/,
      ],
      [
        [...base, '--rule', 'ratio', '--weights', 'experiment:0.8', '--key', 'k'],
        /--weights: expected arm=share/,
      ],
      [[...base, '--rule', 'ratio', '--weights', 'a=0.5,b=0.5'], /needs --key/],
      [
        [...base, '--rule', 'complete', '--weights', 'a=0.5,b=0.5', '--seed', '4.5'],
        /--seed: expected a whole number/,
      ],
      [[...base, '--rule', 'lottery'], /unknown --rule 'lottery'/],
      [[...base], /missing --rule/],
      [['assign', '--rule', 'ratio', '--weights', 'a=0.5,b=0.5', '--key', 'k'], /missing --input/],
      [[...base, '--rule', 'parity', '--even', 'x', '--odd', 'x'], /different arms/],
      [[...base, '--frobnicate'], /unknown flag --frobnicate/],
      [
        [
          'audit',
          '--input',
          'x.csv',
          '--rule',
          'parity',
          '--even',
          'a',
          '--odd',
          'b',
          '--record',
          'r.json',
        ],
        /not both/,
      ],
    ];
    for (const [argv, message] of cases) {
      const r = await cli(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toContain(`Run 'effectmeting ${argv[0]} --help'`);
    }
  });

  it('--help shows options and examples', async () => {
    const a = await cli(['assign', '--help']);
    expect(a.code).toBe(0);
    expect(a.stdout).toContain('Examples:');
    expect(a.stdout).toContain('--rule parity');
    const b = await cli(['audit', '--help']);
    expect(b.stdout).toContain('--pseudonym-column');
    const top = await cli(['--help']);
    expect(top.stdout).toMatch(/assign\s+assign clients to arms/);
    expect(top.stdout).toMatch(/audit\s+audit an assignment/);
  });
});

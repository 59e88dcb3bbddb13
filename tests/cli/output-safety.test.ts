/**
 * Output safety of the CLI (issue 12, data loss): no output overwrites an input, an unwritable
 * output location is refused before computing, writes are atomic, a closed pipe ends quietly,
 * and an internal error has its own exit code and a report line.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { analyzeCommand } from '../../src/cli/analyze.js';
import { EXIT } from '../../src/cli/command.js';
import { runCli } from '../../src/cli/main.js';
import { OutputWriteError, planOutputs, writeOutputs } from '../../src/cli/output-files.js';

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const hash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Runs the CLI and asserts that every given file is byte for byte what it was. */
async function unchanged(files: readonly string[], argv: string[]) {
  const before = files.map(hash);
  const r = await cli(argv);
  expect(files.map(hash)).toEqual(before);
  return r;
}

const RULE = ['--rule', 'ratio', '--weights', 'experiment=0.8,control=0.2', '--key', 'k-2021'];
const isRoot = process.getuid?.() === 0;

let dir: string;
let clients: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'effectmeting-outputs-'));
  clients = join(dir, 'clients.csv');
  const rows = Array.from({ length: 60 }, (_, i) => `${String(i * 7).padStart(6, '0')},${i % 4}`);
  writeFileSync(clients, `id,decile\n${rows.join('\n')}\n`);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('an output never overwrites an input (exit 2, before computing)', () => {
  it('analyze --out over the directory of --input (out/analysis.csv)', async () => {
    const out = join(dir, 'analyze-out');
    mkdirSync(out, { recursive: true });
    const input = join(out, 'analysis.csv');
    copyFileSync('data/den-haag-pilot.csv', input);
    const r = await unchanged(
      [input],
      ['analyze', '--input', input, '--config', 'examples/analysis-config.json', '--out', out],
    );
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toContain(`--out: writing ${input} would overwrite --input ${input}`);
    expect(r.stdout).toBe('');
    expect(readdirSync(out)).toEqual(['analysis.csv']);
  });

  it('analyze --config inside --out (out/analysis.json)', async () => {
    const out = join(dir, 'config-out');
    mkdirSync(out, { recursive: true });
    const config = join(out, 'analysis.json');
    copyFileSync('examples/analysis-config.json', config);
    const r = await unchanged(
      [config],
      ['analyze', '--input', 'data/den-haag-pilot.csv', '--config', config, '--out', out],
    );
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toContain(`--out: writing ${config} would overwrite --config ${config}`);
  });

  it('assign --output equal to --input, also through a symlink and ./', async () => {
    const link = join(dir, 'clients-link.csv');
    symlinkSync(clients, link);
    const dotted = `./${relative(process.cwd(), clients)}`;
    for (const output of [clients, link, dotted]) {
      const r = await unchanged(
        [clients],
        ['assign', '--input', clients, ...RULE, '--output', output],
      );
      expect(r.code).toBe(EXIT.usage);
      expect(r.stderr).toContain(`--output: writing ${output} would overwrite --input ${clients}`);
      expect(r.stdout).toBe('');
    }
  });

  it('assign --record equal to --input, and --record equal to --output', async () => {
    const r = await unchanged(
      [clients],
      ['assign', '--input', clients, ...RULE, '--record', clients],
    );
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toContain(`--record: writing ${clients} would overwrite --input ${clients}`);
    const both = join(dir, 'both.csv');
    const s = await cli([
      'assign',
      '--input',
      clients,
      ...RULE,
      '--output',
      both,
      '--record',
      both,
    ]);
    expect(s.code).toBe(EXIT.usage);
    expect(s.stderr).toContain(`--record: ${both} is also the file of --output`);
    expect(existsSync(both)).toBe(false);
  });

  it('review --out containing --current (out/review.json)', async () => {
    const out = join(dir, 'review-out');
    mkdirSync(out, { recursive: true });
    const current = join(out, 'review.json');
    copyFileSync('data/scan-population-2024.csv', current);
    const r = await unchanged(
      [current],
      ['review', '--current', current, '--previous', 'data/scan-population-2023.csv', '--out', out],
    );
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toContain(`--out: writing ${current} would overwrite --current ${current}`);
  });

  it('reproduce --out over --data (out/<stem>.md)', async () => {
    const out = join(dir, 'reproduce-out');
    mkdirSync(out, { recursive: true });
    const data = join(out, 'den-haag-pilot.md');
    copyFileSync('data/den-haag-pilot.csv', data);
    const r = await unchanged([data], ['reproduce', 'den-haag', '--data', data, '--out', out]);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toContain(`--out: writing ${data} would overwrite --data ${data}`);
  });
});

describe('an output location that cannot be written is refused before computing (exit 2)', () => {
  it('--out that is a file', async () => {
    const r = await unchanged(
      [clients],
      [
        'analyze',
        '--input',
        'data/den-haag-pilot.csv',
        '--config',
        'examples/analysis-config.json',
        '--out',
        clients,
      ],
    );
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toContain(`--out: ${clients} is a file, not a directory`);
    expect(r.stderr).not.toMatch(/internal error|EEXIST/);
  });

  it('--out under a file', async () => {
    const out = join(clients, 'sub');
    const r = await cli(['reproduce', 'den-haag', '--out', out]);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toContain(
      `--out: cannot create a directory under ${clients}, which is a file`,
    );
    expect(r.stdout).toBe('');
  });

  it('a read-only directory (as root: a path under /proc)', async () => {
    let out: string;
    let expected: string;
    if (isRoot) {
      // chmod does not stop root; /proc/version is a file no one can create a directory in
      out = '/proc/version/out';
      expected = '--out: cannot create a directory under /proc/version, which is a file';
    } else {
      const locked = join(dir, 'locked');
      mkdirSync(locked, { recursive: true });
      chmodSync(locked, 0o555);
      out = join(locked, 'out');
      expected = `--out: directory ${locked} is not writable`;
    }
    const r = await cli([
      'review',
      '--current',
      'data/scan-population-2024.csv',
      '--previous',
      'data/scan-population-2023.csv',
      '--out',
      out,
    ]);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toContain(expected);
    expect(r.stdout).toBe('');
  });

  it('an --output that is a directory', async () => {
    const r = await cli(['assign', '--input', clients, ...RULE, '--output', dir]);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toContain(`--output: ${dir} is a directory, not a file`);
  });
});

describe('a write that fails after computing (exit 1)', () => {
  it.skipIf(!existsSync('/dev/full'))('--output /dev/full: one clear ENOSPC line', async () => {
    const r = await unchanged(
      [clients],
      ['assign', '--input', clients, ...RULE, '--output', '/dev/full'],
    );
    expect(r.code).toBe(EXIT.error);
    expect(r.stderr).toBe(
      'effectmeting assign: could not write --output /dev/full: no space left on device (ENOSPC)\n',
    );
  });

  it.skipIf(!existsSync('/dev/full'))(
    'leaves the previous files and no temp file when one file of a run cannot be written',
    () => {
      const out = join(dir, 'atomic');
      mkdirSync(out, { recursive: true });
      const old = join(out, 'report.md');
      writeFileSync(old, 'the previous report\n');
      const plan = planOutputs(
        [],
        [
          { flag: '--out', path: old },
          { flag: '--record', path: '/dev/full' },
        ],
      );
      expect(() =>
        writeOutputs(
          plan,
          new Map([
            [old, 'the new report\n'],
            ['/dev/full', 'x'.repeat(10_000)],
          ]),
        ),
      ).toThrow(OutputWriteError);
      expect(readFileSync(old, 'utf8')).toBe('the previous report\n');
      expect(readdirSync(out)).toEqual(['report.md']);
    },
  );

  it('planOutputs sees a hard link as the same file', () => {
    const hard = join(dir, 'clients-hard.csv');
    linkSync(clients, hard);
    expect(() =>
      planOutputs([{ flag: '--input', path: clients }], [{ flag: '--output', path: hard }]),
    ).toThrow(`--output: writing ${hard} would overwrite --input ${clients}`);
  });

  it('writes a run atomically: every file replaced, no temp file left', () => {
    const out = join(dir, 'atomic-ok');
    const files = ['a.md', 'b.json'].map((n) => join(out, n));
    const plan = planOutputs(
      [],
      files.map((path) => ({ flag: '--out', path })),
    );
    writeOutputs(plan, new Map(files.map((f) => [f, `content of ${f}\n`])));
    expect(readdirSync(out).sort()).toEqual(['a.md', 'b.json']);
    expect(readFileSync(files[1]!, 'utf8')).toBe(`content of ${files[1]}\n`);
    // a second run replaces them, keeping a file's permissions
    chmodSync(files[0]!, 0o600);
    writeOutputs(plan, new Map(files.map((f) => [f, `second ${f}\n`])));
    expect(readFileSync(files[0]!, 'utf8')).toBe(`second ${files[0]}\n`);
    expect(statSync(files[0]!).mode & 0o777).toBe(0o600);
    expect(readdirSync(out).sort()).toEqual(['a.md', 'b.json']);
  });
});

describe('the process ends quietly and honestly', () => {
  it('a closed stdout (EPIPE) ends quietly with exit 0', async () => {
    let writes = 0;
    let stderr = '';
    const code = await runCli(['assign', '--input', clients, ...RULE], {
      stdout: () => {
        writes++;
        throw Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
      },
      stderr: (t) => (stderr += t),
    });
    expect(code).toBe(EXIT.ok);
    expect(writes).toBe(1);
    expect(stderr).not.toMatch(/EPIPE|internal error/);
  });

  it('piping into head -1 ends quietly: exit 0, no stack trace', () => {
    const big = join(dir, 'big.csv');
    const rows = Array.from({ length: 30_000 }, (_, i) => String(i).padStart(6, '0'));
    writeFileSync(big, `id\n${rows.join('\n')}\n`);
    const command = `npx tsx src/cli/main.ts assign --input '${big}' ${RULE.join(' ')} 2>'${join(dir, 'pipe.err')}' | head -1; exit "\${PIPESTATUS[0]}"`;
    const r = spawnSync('bash', ['-c', command], { encoding: 'utf8' });
    expect(r.stdout).toBe('id,arm\n');
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, 'pipe.err'), 'utf8')).not.toMatch(/EPIPE|at |Error/);
  });

  it('an internal error: exit 70 and one line saying how to report it, digits masked', async () => {
    vi.spyOn(analyzeCommand, 'run').mockRejectedValue(
      new TypeError("Cannot read properties of undefined (reading '123456789')"),
    );
    const r = await cli(['analyze', '--input', clients, '--config', 'x.json']);
    expect(r.code).toBe(EXIT.internal);
    expect(EXIT.internal).toBe(70);
    expect(r.stderr).toMatch(
      /^effectmeting analyze: internal error \(a bug\): TypeError: Cannot read properties of undefined \(reading '<digits>'\); please report it with the command you ran \(without the data\) at .+\n$/,
    );
    expect(r.stderr).not.toContain('123456789');
  });
});

/**
 * Every code block in README.md and docs/*.md runs as written (docs/api/ is generated and
 * skipped); the conventions are in docs/README.md:
 *
 * - ```ts and ```js blocks are written to a file and imported, exactly as shown: a block states
 *   its own imports (no import is added, no hidden setup runs), so a reader who copies it gets
 *   no ReferenceError;
 * - in ```sh blocks, every command starting with `effectmeting` or `npx effectmeting` runs
 *   through `runCli` (not a subprocess) and must exit with 0;
 * - blocks fenced `no-run` (signatures, pseudo-code) or `fragment` (a few lines out of a larger
 *   script, named as such in the text) are shown, not run; any other language is not run;
 * - a command of a `no-run` block may instead be run, word for word, by a named test that checks
 *   more than an exit code (the two-year review: tests/scan/scan.test.ts): tests/docs/run-by-tests.ts
 *   lists them, and this file checks that each is the command of its page's `no-run` block and
 *   that its test imports it.
 *
 * Everything runs in a scratch directory with `data/` and `examples/` of the repository and a
 * made-up `clients.csv`, blocks of a page in order.
 *
 * A command line that several pages show (the quick start's `analyze` is in three) runs once:
 * when the same words come again, every file they name has the same bytes as at the first run
 * and the command writes no file of its own (no `--out`, `--output`, `--record`), its exit code
 * and output are those of the first run: the CLI gives byte-identical output for the same
 * inputs (docs/cli.md, "analyze"), so a second run would only repeat the first. What a line with
 * `> file` printed is still written to that file.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { reuseEvaluations } from '../fixtures/reuse.js';
import { reuseStudyResults } from '../fixtures/shared.js';
import { RUN_BY_TESTS } from './run-by-tests.js';

const root = new URL('../../', import.meta.url).pathname;
// Under test-output/ (git-ignored): the working directory and the modules written from blocks.
const work = join(root, 'test-output/docs/work');
const scratch = join(root, 'test-output/docs/modules');

/** A fenced code block: its language, the words after it (`no-run`), its text and first line. */
interface Block {
  readonly lang: string;
  readonly flags: readonly string[];
  readonly code: string;
  readonly line: number;
}

/** Fenced blocks (``` or more backticks, up to three spaces of indentation). */
function codeBlocks(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^( {0,3})(`{3,})\s*([^`\s]*)\s*(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const [, indent, fence, lang, rest] = open;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !new RegExp(`^ {0,3}${fence}\\s*$`).test(lines[j]!)) {
      body.push(lines[j]!.startsWith(indent!) ? lines[j]!.slice(indent!.length) : lines[j]!);
      j++;
    }
    blocks.push({
      lang: lang!,
      flags: rest!.split(/\s+/).filter((w) => w !== ''),
      code: `${body.join('\n')}\n`,
      line: i + 1,
    });
    i = j;
  }
  return blocks;
}

/** Splits a shell command line into words: quotes, backslash escapes, `#` comments. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated ' in: ${line}`);
      word += line.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (ch === '"') {
      i++;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === '\\' && i + 1 < line.length) i++;
        word += line[i];
        i++;
      }
      if (i >= line.length) throw new Error(`unterminated " in: ${line}`);
      inWord = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if (ch === '#' && !inWord) {
      break;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** The `effectmeting` commands of a ```sh block: continuation lines joined, argv without the program. */
function cliCommands(code: string): { text: string; argv: string[]; output?: string }[] {
  const logical = code.replace(/\s*\\\n\s*/g, ' ').split('\n');
  const commands: { text: string; argv: string[]; output?: string }[] = [];
  for (const raw of logical) {
    const text = raw.trim();
    const words = shellWords(text);
    const start = words[0] === 'npx' ? 1 : 0;
    if (words[start] !== 'effectmeting') continue;
    const argv = words.slice(start + 1);
    const redirect = argv.indexOf('>');
    if (redirect >= 0) {
      commands.push({ text, argv: argv.slice(0, redirect), output: argv[redirect + 1]! });
    } else {
      commands.push({ text, argv });
    }
  }
  return commands;
}

/** Flags after which a command writes a file of its own: such a run is never reused. */
const WRITES = ['--out', '--output', '--record'];

/**
 * The key under which a command's run is reused (see the file's comment): its words and the
 * SHA-256 of every file they name in `dir`; undefined when the command writes a file itself.
 */
function runKey(argv: readonly string[], dir: string): string | undefined {
  if (argv.some((a) => WRITES.some((flag) => a === flag || a.startsWith(`${flag}=`)))) {
    return undefined;
  }
  const inputs = argv.flatMap((word) => {
    const path = join(dir, word);
    if (!existsSync(path) || !statSync(path).isFile()) return [];
    return [`${word}:${createHash('sha256').update(readFileSync(path)).digest('hex')}`];
  });
  return JSON.stringify([argv, inputs]);
}

/** A BSN-like number that passes the eleven test, from an index. */
function testBsn(i: number): string {
  for (let k = 0; ; k++) {
    const digits = String(100_000_000 + ((i * 7_919 + k * 104_729) % 800_000_000))
      .slice(0, 8)
      .split('')
      .map(Number);
    const sum = digits.reduce((s, d, j) => s + (9 - j) * d, 0);
    const check = sum % 11;
    if (check < 10) return `${digits.join('')}${check}`;
  }
}

/** The made-up client file the pages' commands read as `clients.csv`. */
function clientsCsv(): string {
  const lines = ['id,bsn,pseudonym,decile,gender,age_band,office,wia35'];
  const bands = ['<35', '35-49', '50+'];
  for (let i = 0; i < 400; i++) {
    lines.push(
      [
        `C${String(i + 1).padStart(4, '0')}`,
        testBsn(i),
        `P${String((i * 37) % 1000).padStart(3, '0')}-${i}`,
        1 + (i % 10),
        (i * 7) % 3 === 0 ? 'woman' : 'man',
        bands[(i * 5) % 3],
        1 + (i % 6),
        i % 23 === 0 ? 'ja' : 'nee',
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A line `console.log(expr); // → shown` states what it prints: the test checks it. `shown` is
 * a quoted or plain text (compared with the logged string), a number (the logged number rounded
 * to the digits shown, U+2212 as the minus) or `{ key: number, … }` (those keys of the logged
 * object, each as a number). Returns the code with those calls recorded, and the lines.
 */
function withShownOutput(code: string): { code: string; shown: Map<number, string> } {
  const shown = new Map<number, string>();
  const lines = code.split('\n').map((line, i) => {
    const m = /^(\s*)console\.log\((.*)\);\s*\/\/ → (.+)$/.exec(line);
    if (!m) return line;
    shown.set(i + 1, m[3]!.trim());
    return `${m[1]}(globalThis as unknown as { __docsLog: (l: number, v: unknown) => void }).__docsLog(${i + 1}, ${m[2]});`;
  });
  return { code: lines.join('\n'), shown };
}

/** Whether a logged value is what the docs show for it (see {@link withShownOutput}). */
function matchesShown(shown: string, value: unknown): boolean {
  const number = (text: string, v: unknown): boolean => {
    const n = Number(text.replace('\u2212', '-').replaceAll(',', ''));
    const digits = (text.split('.')[1] ?? '').length;
    return typeof v === 'number' && Math.abs(v - n) <= 0.5 * 10 ** -digits + 1e-12;
  };
  const quoted = /^(["'])(.*)\1$/.exec(shown);
  if (quoted) return String(value) === quoted[2];
  if (/^[−-]?[\d,]*\.?\d+$/.test(shown)) return number(shown, value);
  if (shown.startsWith('{')) {
    const pairs = [...shown.matchAll(/(\w+): ([−-]?[\d.]+)/g)];
    const v = value as Record<string, unknown>;
    return pairs.length > 0 && pairs.every(([, key, text]) => number(text!, v?.[key!]));
  }
  return String(value) === shown;
}

/** The languages whose blocks run as modules. */
const SCRIPT_LANGS = new Set(['ts', 'typescript', 'js', 'javascript', 'mjs']);

/** A block shown, not run: fenced `no-run` or `fragment`. */
function shownOnly(block: Block): boolean {
  return block.flags.includes('no-run') || block.flags.includes('fragment');
}

const pages = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`),
];

// `reproduce intensive-2012` and `reproduce personal-services-2017` (and any block that analyses
// those shipped files) take the worker's shared study result instead of a fresh analysis of the
// same values: the command still reads, validates and writes as shown (tests/fixtures/shared.ts).
// Likewise `analyze` on the same data, plan and options in another format (md, json, csv) writes
// the one evaluation of the first run (tests/fixtures/reuse.ts).
reuseStudyResults();
reuseEvaluations();

/** Runs made so far, by {@link runKey}. */
const runs = new Map<string, { code: number; out: string; err: string }>();

let cwd = '';
beforeAll(() => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  mkdirSync(scratch, { recursive: true });
  for (const dir of ['data', 'examples']) symlinkSync(join(root, dir), join(work, dir), 'dir');
  writeFileSync(join(work, 'clients.csv'), clientsCsv());
  cwd = process.cwd();
  process.chdir(work);
});
afterAll(() => {
  process.chdir(cwd);
  rmSync(work, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

describe('the docs conventions', () => {
  it('splits shell words', () => {
    expect(
      shellWords(`effectmeting assign --exclude "WIA 35-min=wia35" --key 'a b' # note`),
    ).toEqual(['effectmeting', 'assign', '--exclude', 'WIA 35-min=wia35', '--key', 'a b']);
    expect(cliCommands('npm test\nnpx effectmeting a --b \\\n  --c d > out.csv\n')).toEqual([
      {
        text: 'npx effectmeting a --b --c d > out.csv',
        argv: ['a', '--b', '--c', 'd'],
        output: 'out.csv',
      },
    ]);
  });

  it('the config shown in cli.md is examples/analysis-config.json', () => {
    const json = codeBlocks(readFileSync(join(root, 'docs/cli.md'), 'utf8')).find(
      (b) => b.lang === 'json',
    );
    expect(json).toBeDefined();
    expect(JSON.parse(json!.code)).toEqual(
      JSON.parse(readFileSync(join(root, 'examples/analysis-config.json'), 'utf8')),
    );
  });

  it('checks the output a block shows', () => {
    expect(matchesShown('0.415', 0.41458)).toBe(true);
    expect(matchesShown('0.415', 0.4136)).toBe(false);
    expect(
      matchesShown('{ level: 0.05, first: 11, from: 11 }', { level: 0.05, first: 11, from: 11 }),
    ).toBe(true);
    expect(matchesShown('{ from: 11 }', { from: 14 })).toBe(false);
    expect(matchesShown('"< 10"', '< 10')).toBe(true);
    expect(matchesShown('\u22126.3 pp', '\u22126.3 pp')).toBe(true);
    expect(withShownOutput('console.log(x); // → 1').shown.get(1)).toBe('1');
  });

  it('no page has a hidden setup: every block states what it uses', () => {
    for (const page of pages) {
      expect(readFileSync(join(root, page), 'utf8'), page).not.toMatch(/<!-- docs-test setup/);
    }
  });

  it("the README's quick start is examples/quick-start.ts, and what it prints is what the README says", () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const block = codeBlocks(readme).find((b) => b.code.includes('firstSignificantMonth(series'));
    const script = readFileSync(join(root, 'examples/quick-start.ts'), 'utf8');
    expect(block).toBeDefined();
    expect(script.endsWith(block!.code)).toBe(true);
    const month = /→ \{[^}]*from: (\d+)/.exec(block!.code)?.[1];
    expect(readme).toContain(`significant at 5 % from month ${month}`);
  });

  it('a command shown no-run because a named test runs it is that test’s command, word for word', () => {
    for (const entry of RUN_BY_TESTS) {
      const shown = codeBlocks(readFileSync(join(root, entry.page), 'utf8'))
        .filter((b) => b.lang === 'sh' && b.flags.includes('no-run'))
        .flatMap((b) => cliCommands(b.code).map((c) => c.argv));
      expect(shown, `${entry.page}: ${entry.argv.join(' ')}`).toContainEqual([...entry.argv]);
      const test = readFileSync(join(root, entry.test), 'utf8');
      expect(test, entry.test).toMatch(
        new RegExp(
          `import \\{[^}]*\\b${entry.name}\\b[^}]*\\} from '\\.\\./docs/run-by-tests\\.js'`,
        ),
      );
      expect(test, entry.test).toContain(`runCli([...${entry.name}.argv]`);
    }
  });

  it('every page is listed in the docs index', () => {
    const index = readFileSync(join(root, 'docs/README.md'), 'utf8');
    for (const page of pages.filter((p) => p.startsWith('docs/') && p !== 'docs/README.md')) {
      expect(index, page).toContain(`(${page.slice('docs/'.length)})`);
    }
  });
});

for (const page of pages) {
  const markdown = readFileSync(join(root, page), 'utf8');
  const blocks = codeBlocks(markdown).filter(
    (b) => !shownOnly(b) && (SCRIPT_LANGS.has(b.lang) || b.lang === 'sh'),
  );
  const runnable = blocks.flatMap((b) =>
    SCRIPT_LANGS.has(b.lang) ? [b] : cliCommands(b.code).length > 0 ? [b] : [],
  );
  if (runnable.length === 0) continue;

  describe(`${page} code blocks run`, () => {
    for (const block of runnable) {
      if (SCRIPT_LANGS.has(block.lang)) {
        it(`${block.lang} block at line ${block.line}`, async () => {
          const ext = block.lang.startsWith('j') ? 'mjs' : 'ts';
          const file = join(scratch, `${page.replace(/[/.]/g, '-')}-${block.line}.${ext}`);
          const { code, shown } = withShownOutput(block.code);
          writeFileSync(file, code);
          const logged = new Map<number, unknown>();
          const global = globalThis as unknown as { __docsLog?: (l: number, v: unknown) => void };
          global.__docsLog = (line, value) => logged.set(line, value);
          const log = console.log;
          console.log = () => {};
          try {
            await import(/* @vite-ignore */ file);
          } finally {
            console.log = log;
            delete global.__docsLog;
          }
          for (const [line, text] of shown) {
            const where = `${page}:${block.line + line}: ${text}`;
            expect(logged.has(line), where).toBe(true);
            expect(
              matchesShown(text, logged.get(line)),
              `${where}, logged ${JSON.stringify(logged.get(line))}`,
            ).toBe(true);
          }
        });
      } else {
        for (const command of cliCommands(block.code)) {
          it(`line ${block.line}: ${command.text}`, async () => {
            const key = runKey(command.argv, work);
            let run = key === undefined ? undefined : runs.get(key);
            if (!run) {
              let out = '';
              let err = '';
              const code = await runCli(command.argv, {
                stdout: (t) => {
                  out += t;
                },
                stderr: (t) => {
                  err += t;
                },
              });
              run = { code, out, err };
              if (key !== undefined) runs.set(key, run);
            }
            expect(run.code, run.err).toBe(0);
            if (command.output) writeFileSync(join(work, command.output), run.out);
          });
        }
      }
    }
  });
}

describe('the scratch directory', () => {
  it('was set up', () => {
    expect(existsSync(join(work, 'clients.csv'))).toBe(true);
  });
});

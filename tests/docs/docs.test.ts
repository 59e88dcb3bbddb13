/**
 * Every code block in docs/*.md runs (docs/api/ is generated and skipped), and so does every
 * `effectmeting` command in the README; the conventions are in docs/README.md:
 *
 * - ```ts blocks are written to a file and imported (the library's functions are imported for
 *   the block when it uses them without importing; a page's hidden `<!-- docs-test setup … -->`
 *   comment runs before each of its blocks);
 * - in ```sh blocks, every command starting with `effectmeting` or `npx effectmeting` runs
 *   through `runCli` (not a subprocess) and must exit with 0;
 * - blocks fenced `no-run` (```ts no-run, ```sh no-run), and any other language, are not run.
 *
 * Everything runs in a scratch directory with `data/` and `examples/` of the repository and a
 * made-up `clients.csv`, blocks of a page in order.
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import * as api from 'effectmeting';
import * as kernels from 'effectmeting/kernels';
import * as node from 'effectmeting/node';
import * as studies from 'effectmeting/studies';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';

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

/** The hidden setup of a page: `<!-- docs-test setup … -->` at the start of a line. */
function setupOf(markdown: string): string {
  return [...markdown.matchAll(/^<!-- docs-test setup\n([\s\S]*?)^-->/gm)]
    .map((m) => m[1])
    .join('\n');
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

/** Each runtime name of the four entries, with the entry that exports it. */
const runtimeExports = new Map<string, string>(
  Object.entries({
    effectmeting: api,
    'effectmeting/node': node,
    'effectmeting/kernels': kernels,
    'effectmeting/studies': studies,
  }).flatMap(([entry, names]) => Object.keys(names).map((name) => [name, entry] as const)),
);

/** Adds `import { … } from 'effectmeting…'` for the library functions a block uses but does not import. */
function withImports(code: string): string {
  const imported = new Set<string>();
  for (const m of code.matchAll(
    /import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'effectmeting(?:\/\w+)?'/g,
  )) {
    for (const part of m[1]!.split(',')) {
      const name = part
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)
        .pop();
      if (name) imported.add(name);
    }
  }
  const used = new Map<string, string[]>();
  for (const [name, entry] of runtimeExports) {
    if (
      !imported.has(name) &&
      new RegExp(`(?<![.\\w$])${name}\\b`).test(code) &&
      !new RegExp(`\\b(?:const|let|var|function|class)\\s+${name}\\b`).test(code)
    ) {
      used.set(entry, [...(used.get(entry) ?? []), name]);
    }
  }
  const lines = [...used].map(
    ([entry, names]) => `import { ${names.join(', ')} } from '${entry}';\n`,
  );
  return `${lines.join('')}${code}`;
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

const pages = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`),
];

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

  it('every page is listed in the docs index', () => {
    const index = readFileSync(join(root, 'docs/README.md'), 'utf8');
    for (const page of pages.filter((p) => p.startsWith('docs/') && p !== 'docs/README.md')) {
      expect(index, page).toContain(`(${page.slice('docs/'.length)})`);
    }
  });
});

for (const page of pages) {
  const markdown = readFileSync(join(root, page), 'utf8');
  const setup = setupOf(markdown);
  // The README's TypeScript blocks are run by readme.test.ts; here only its commands.
  const blocks = codeBlocks(markdown).filter(
    (b) =>
      !b.flags.includes('no-run') && ((b.lang === 'ts' && page !== 'README.md') || b.lang === 'sh'),
  );
  const runnable = blocks.flatMap((b) =>
    b.lang === 'ts' ? [b] : cliCommands(b.code).length > 0 ? [b] : [],
  );
  if (runnable.length === 0) continue;

  describe(`${page} code blocks run`, () => {
    for (const block of runnable) {
      if (block.lang === 'ts') {
        it(`ts block at line ${block.line}`, async () => {
          const file = join(scratch, `${page.replace(/[/.]/g, '-')}-${block.line}.ts`);
          writeFileSync(file, withImports(`${setup}\n${block.code}`));
          const log = console.log;
          console.log = () => {};
          try {
            await import(/* @vite-ignore */ file);
          } finally {
            console.log = log;
          }
        });
      } else {
        for (const command of cliCommands(block.code)) {
          it(`line ${block.line}: ${command.text}`, async () => {
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
            expect(code, err).toBe(0);
            if (command.output) writeFileSync(join(work, command.output), out);
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

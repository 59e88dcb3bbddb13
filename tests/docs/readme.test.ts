/**
 * Every TypeScript code block in the README runs, as a new user would run it: written to a file
 * and imported, with `effectmeting` resolving to the library.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const scratch = join(root, 'tests/docs/.scratch');

function codeBlocks(markdown: string, lang: string): string[] {
  const blocks: string[] = [];
  const fence = new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\``, 'gm');
  for (const m of markdown.matchAll(fence)) blocks.push(m[1]!);
  return blocks;
}

describe('README code blocks run', () => {
  const blocks = codeBlocks(readFileSync(join(root, 'README.md'), 'utf8'), 'ts');
  mkdirSync(scratch, { recursive: true });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('has code blocks', () => {
    expect(blocks.length).toBeGreaterThan(0);
  });

  blocks.forEach((code, i) => {
    it(`block ${i + 1} runs without error`, async () => {
      const file = join(scratch, `readme-${i + 1}.ts`);
      writeFileSync(file, code);
      const log = console.log;
      console.log = () => {};
      try {
        await import(/* @vite-ignore */ file);
      } finally {
        console.log = log;
      }
    });
  });
});

/** Every TypeScript code block in docs/reports.md runs, written to a file and imported. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const scratch = join(root, 'test-output/docs-reports');
const blocks = [
  ...readFileSync(join(root, 'docs/reports.md'), 'utf8').matchAll(/^```ts\n([\s\S]*?)^```/gm),
].map((m) => m[1]!);

describe('docs/reports.md code blocks run', () => {
  it('has code blocks', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
  });

  blocks.forEach((code, i) => {
    it(`block ${i + 1} runs without error`, async () => {
      mkdirSync(scratch, { recursive: true });
      const file = join(scratch, `block-${i + 1}.ts`);
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

/** Every example script in examples/ runs to the end without an error. */
import { readdirSync } from 'node:fs';
import { describe, it } from 'vitest';

const dir = new URL('../../examples/', import.meta.url);
const scripts = readdirSync(dir).filter((f) => f.endsWith('.ts'));

describe('examples run', () => {
  for (const file of scripts) {
    it(`examples/${file}`, async () => {
      const log = console.log;
      console.log = () => {};
      try {
        await import(/* @vite-ignore */ new URL(file, dir).href);
      } finally {
        console.log = log;
      }
    });
  }
});

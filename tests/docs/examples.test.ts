/**
 * Every example script in examples/ runs to the end without an error. The 2012 and 2017
 * scripts' analysis of the shipped file is the worker's shared result (the same values give the
 * same result: tests/fixtures/shared.ts, `reuseStudyResults`), not a third and fourth analysis
 * of the same data.
 */
import { readdirSync } from 'node:fs';
import { describe, it } from 'vitest';
import { reuseStudyResults } from '../fixtures/shared.js';

reuseStudyResults();

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

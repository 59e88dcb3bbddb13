/**
 * The layers of docs/architecture.md, enforced: every relative import in `src/` goes to the same
 * folder or to a folder its layer may import. Data flows down this table, never up; a new folder
 * must be added here (and to docs/architecture.md) before anything imports it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(new URL('../../src', import.meta.url).pathname);

/** The edge modules every layer may use: errors, formatting, language, the table
 * model and display. */
const EDGE = ['errors', 'format', 'language', 'table', 'display', 'types'];

/** Layer → the layers it may import (besides itself). */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  errors: [],
  types: [],
  format: ['stats'], // the Estimate type only
  language: ['errors', 'format'],
  table: ['format', 'stats', 'language'],
  display: ['table', 'format', 'language'],
  stats: ['errors'],
  data: [...EDGE, 'stats'],
  estimate: [...EDGE, 'stats', 'data'],
  assign: [...EDGE, 'stats', 'data', 'estimate'],
  outcomes: [...EDGE, 'stats', 'data', 'estimate'],
  analysis: [...EDGE, 'stats', 'data', 'estimate', 'assign', 'outcomes'],
  // evaluate runs the randomisation inference of plan/ (which never imports evaluate).
  evaluate: [...EDGE, 'stats', 'data', 'estimate', 'assign', 'outcomes', 'analysis', 'plan'],
  scan: [...EDGE, 'stats', 'data', 'estimate'],
  plan: [...EDGE, 'stats', 'data', 'estimate', 'assign', 'outcomes', 'analysis'],
  report: [
    ...EDGE,
    ...['stats', 'data', 'estimate', 'assign', 'outcomes', 'analysis', 'evaluate', 'scan', 'plan'],
  ],
  studies: [
    ...EDGE,
    ...['stats', 'data', 'estimate', 'assign', 'outcomes', 'analysis', 'evaluate', 'scan', 'plan'],
    'report',
  ],
  duckdb: [...EDGE, ...['stats', 'data', 'estimate', 'assign', 'outcomes', 'analysis']],
  cli: [
    ...EDGE,
    ...['stats', 'data', 'estimate', 'assign', 'outcomes', 'analysis', 'evaluate', 'scan', 'plan'],
    ...['report', 'studies'],
  ],
};

/** The four public entries re-export from everywhere; nothing imports them. */
const ENTRIES = ['index', 'kernels', 'node', 'studies-entry'];

function layerOf(file: string): string {
  const rel = relative(SRC, file);
  const [first, ...rest] = rel.split('/');
  const name = (first ?? '').replace(/\.(ts|js)$/, '');
  if (rest.length === 0 && name === 'studies') return 'studies-entry';
  return name;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

describe('layers', () => {
  it('every relative import in src/ follows the allowed directions', () => {
    const wrong: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const from = layerOf(file);
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)) {
        const target = layerOf(resolve(dirname(file), match[1]!));
        if (target === from) continue;
        if (ENTRIES.includes(target)) {
          wrong.push(`${relative(SRC, file)} imports the entry ${target}`);
          continue;
        }
        if (ENTRIES.includes(from)) continue;
        const allowed = ALLOWED[from];
        if (!allowed) wrong.push(`${relative(SRC, file)}: folder '${from}' has no layer`);
        else if (!allowed.includes(target)) {
          wrong.push(`${relative(SRC, file)} (${from}) imports ${match[1]} (${target})`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('nothing outside src/studies/ names a study', () => {
    const named: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const layer = layerOf(file);
      if (layer === 'studies' || layer === 'studies-entry') continue;
      const text = readFileSync(file, 'utf8');
      if (/den.haag|intensive-2012|personal-services/i.test(text)) named.push(relative(SRC, file));
    }
    expect(named).toEqual([]);
  });
});

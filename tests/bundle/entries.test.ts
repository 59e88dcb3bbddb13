/**
 * The four public entries (package.json "exports"): the root stays a short curated list, every
 * name the root exported before the split (old-root-exports.json, values and types) is exported
 * by exactly one entry, and each entry is listed in package.json and imports cleanly.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const ENTRIES = { '.': 'index', './kernels': 'kernels', './node': 'node', './studies': 'studies' };
const old = JSON.parse(readFileSync(join(root, 'tests/bundle/old-root-exports.json'), 'utf8')) as {
  values: string[];
  types: string[];
};

/**
 * Every exported name (values and types) of each entry. The entries are hand-written lists of
 * `export { a, type B } from './module.js'`, so their text names everything they export.
 */
function exportedNames(): Map<string, string[]> {
  const names = new Map<string, string[]>();
  for (const file of Object.values(ENTRIES)) {
    const text = readFileSync(join(root, `src/${file}.ts`), 'utf8');
    expect(text, `src/${file}.ts uses export *`).not.toMatch(/^export \*/m);
    const lists = [...text.matchAll(/^export (?:type )?\{([^}]*)\} from '[^']+';$/gm)];
    names.set(
      file,
      lists.flatMap((m) =>
        m[1]!
          .split(',')
          .map(
            (part) =>
              part
                .trim()
                .replace(/^type\s+/, '')
                .split(/\s+as\s+/)
                .pop()!,
          )
          .filter((name) => name !== ''),
      ),
    );
  }
  return names;
}

describe('the public entries', () => {
  it('package.json exports the four entries, types and import', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    for (const [key, file] of Object.entries(ENTRIES)) {
      expect(pkg.exports[key]).toEqual({
        types: `./dist/${file}.d.ts`,
        import: `./dist/${file}.js`,
      });
    }
  });

  it('each entry imports, and the root exports fewer than 100 runtime names', async () => {
    const counts: Record<string, number> = {};
    for (const file of Object.values(ENTRIES)) {
      const module = (await import(`../../src/${file}.ts`)) as Record<string, unknown>;
      counts[file] = Object.keys(module).length;
      for (const [name, value] of Object.entries(module)) expect(value, name).toBeDefined();
    }
    expect(counts.index).toBeGreaterThan(50);
    expect(counts.index).toBeLessThan(100);
    expect(counts.node).toBeGreaterThan(0);
  });

  it('every name the root exported before is exported by exactly one entry', () => {
    const byEntry = exportedNames();
    const where = new Map<string, string[]>();
    for (const [entry, names] of byEntry) {
      for (const name of names) where.set(name, [...(where.get(name) ?? []), entry]);
    }
    const wrong = [...old.values, ...old.types]
      .map((name) => [name, where.get(name) ?? []] as const)
      .filter(([, entries]) => entries.length !== 1);
    expect(wrong).toEqual([]);
    // And no name is exported by two entries.
    expect([...where].filter(([, entries]) => entries.length > 1)).toEqual([]);
  });
});

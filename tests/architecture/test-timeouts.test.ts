/**
 * No test depends on how fast the machine is (issue #17): the timeouts in vitest.config.ts
 * (600 s for every test and hook) are hang guards, so no test or hook sets a shorter one, no
 * subprocess is given less, and no test reads a clock to assert on a duration. Speed claims
 * belong in bench/, not in tests.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const CONFIG_TIMEOUT = 600_000;

/** Every .ts file under tests/, except the R reference folder. */
function testSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'reference' ? [] : testSources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The millisecond values a file passes as a test/hook timeout or a `timeout:` option. */
function timeouts(source: string): number[] {
  const values = [
    ...source.matchAll(/^\s*\}, ([0-9][0-9_]*)\);$/gm),
    ...source.matchAll(/\btimeout: ?([0-9][0-9_]*)/g),
  ].map((m) => Number(m[1]!.replaceAll('_', '')));
  // nbconvert's per-cell timeout is in seconds
  const seconds = [...source.matchAll(/ExecutePreprocessor\.timeout=([0-9]+)/g)].map(
    (m) => Number(m[1]) * 1000,
  );
  return [...values, ...seconds];
}

const sources = testSources(join(root, 'tests')).filter(
  (f) => !f.endsWith('test-timeouts.test.ts'),
);

describe('tests do not depend on the speed of the machine', () => {
  it('reads the timeouts of a file', () => {
    expect(
      timeouts('  }, 60_000);\n x({ timeout: 5000 }); --ExecutePreprocessor.timeout=9'),
    ).toEqual([60_000, 5000, 9000]);
  });

  it(`no test, hook or subprocess gets less than the config's ${CONFIG_TIMEOUT} ms`, () => {
    const config = readFileSync(join(root, 'vitest.config.ts'), 'utf8');
    expect(config).toContain('testTimeout: 600_000');
    expect(config).toContain('hookTimeout: 600_000');
    const short = sources.flatMap((f) =>
      timeouts(readFileSync(f, 'utf8'))
        .filter((ms) => ms < CONFIG_TIMEOUT)
        .map((ms) => `${relative(root, f)}: ${ms} ms`),
    );
    expect(short).toEqual([]);
  });

  it('no test reads a clock to time itself', () => {
    const clocks = sources.filter((f) =>
      /performance\.now\(|process\.hrtime|Date\.now\(\)\s*-/.test(readFileSync(f, 'utf8')),
    );
    expect(clocks.map((f) => relative(root, f))).toEqual([]);
  });
});

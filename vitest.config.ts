import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Test files that need a fresh module registry: they replace a module with `vi.mock`, which must
 * not leak into the files that share a worker. Everything else shares one (see below).
 */
const ISOLATED = ['tests/evaluate/intake-once.test.ts'];

/**
 * What `npm run test:fast` (`vitest run --mode fast`) leaves out: a browser (the bundle and the
 * Chromium end-to-end tests), the notebook (Deno's Jupyter kernel) and the large simulations
 * (coverage by Monte Carlo, workers). `npm test` runs them all; `vitest run --mode slow` only
 * these.
 */
const SLOW = [
  'tests/**/*.e2e.test.ts',
  'tests/notebook/**',
  'tests/bundle/browser.test.ts',
  'tests/plan/simulate.test.ts',
  'tests/analysis/simultaneous-band.test.ts',
  'tests/estimate/cluster-coverage.test.ts',
  'tests/studies/den-haag-pilot/simulation-model.test.ts',
];

/**
 * One module registry per worker: src/ and its dependencies (arquero, vega) are evaluated once
 * per worker, not once per file, which was most of the suite's time; test files still get their
 * own module and hooks, and fixtures in tests/fixtures/shared.ts (the data files, the three
 * study analyses) are built once per worker.
 *
 * The slow files are in the same project as the rest (not a project of their own): vitest reuses
 * a worker only for the next file of the same project, so with two projects a worker was ended,
 * and a new one imported the library again, whenever the queue switched project, and a study
 * analysed for a slow file was analysed again for a unit file.
 */
const SHARED = { isolate: false } as const;

/** `vitest run` (all), `vitest run --mode fast` (without SLOW), `vitest run --mode slow` (SLOW). */
function sharedFiles(mode: string): { include: string[]; exclude: string[] } {
  if (mode === 'fast') return { include: ['tests/**/*.test.ts'], exclude: [...ISOLATED, ...SLOW] };
  if (mode === 'slow') return { include: SLOW, exclude: [] };
  return { include: ['tests/**/*.test.ts'], exclude: ISOLATED };
}

export default defineConfig(({ mode }) => ({
  resolve: {
    // Tests, examples and docs import the public API by its package name: the root entry and
    // effectmeting/kernels, /node and /studies (package.json "exports").
    alias: [
      {
        find: /^effectmeting$/,
        replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)),
      },
      {
        find: /^effectmeting\/(kernels|node|studies)$/,
        replacement: fileURLToPath(new URL('./src/$1.ts', import.meta.url)),
      },
    ],
  },
  test: {
    // Hang guards, not performance checks: on a busy 2-core machine a fixture that takes 5 s
    // idle can take well over a minute, and a hook has to get that time as much as a test.
    // tests/architecture/test-timeouts.test.ts checks that no test sets a shorter one.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    // Both cores of the 2-core CI machine (vitest's default leaves one idle): 4.6 min instead of
    // 7.1 min for the whole suite on an idle machine.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { ...SHARED, name: 'shared', ...sharedFiles(mode) } },
      ...(mode === 'slow'
        ? []
        : [
            {
              extends: true as const,
              test: { name: 'isolated', include: ISOLATED, isolate: true },
            },
          ]),
    ],
  },
}));

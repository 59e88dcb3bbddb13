import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Test files that need a fresh module registry: they replace a module with `vi.mock`, which must
 * not leak into the files that share a worker. Everything else shares one (see below).
 */
const ISOLATED = ['tests/evaluate/intake-once.test.ts'];

/**
 * What `npm run test:fast` leaves out (it runs the projects `unit` and `isolated`): a browser
 * (the bundle and the Chromium end-to-end tests), the notebook (Deno's Jupyter kernel) and the
 * large simulations (coverage by Monte Carlo, workers). `npm test` runs them all.
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
 * own module and hooks, and fixtures in tests/fixtures/shared.ts are built once per worker.
 */
const SHARED = { isolate: false } as const;

export default defineConfig({
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
    testTimeout: 600_000,
    hookTimeout: 600_000,
    // Both cores of the 2-core CI machine (vitest's default leaves one idle): 4.6 min instead of
    // 7.1 min for the whole suite on an idle machine.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          ...SHARED,
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: [...ISOLATED, ...SLOW],
        },
      },
      { extends: true, test: { ...SHARED, name: 'slow', include: SLOW } },
      { extends: true, test: { name: 'isolated', include: ISOLATED, isolate: true } },
    ],
  },
});

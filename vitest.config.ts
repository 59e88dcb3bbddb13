import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

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

/**
 * The files that take longest, longest first (seconds on an idle 2-core machine, 2026-12-01):
 * docs 62, examples 28, scan 27, study reports 22, review 21, sup-t band 18, CSV numbers 17,
 * clustered band 16, simulation 11, notebook 10, assignment 8, browser bundle 7, the three
 * generators 6, 4 and 3. With two workers, a long file that starts last runs on alone while the
 * other worker idles, so these start first ({@link LongestFirst}); the rest follow.
 */
const LONGEST = [
  'tests/docs/docs.test.ts',
  'tests/docs/examples.test.ts',
  'tests/scan/scan.test.ts',
  'tests/report/study-reports.e2e.test.ts',
  'tests/report/review-html.e2e.test.ts',
  'tests/analysis/simultaneous-band.test.ts',
  'tests/data/csv-number.test.ts',
  'tests/analysis/band-clusters.test.ts',
  'tests/plan/simulate.test.ts',
  'tests/notebook/notebook.test.ts',
  'tests/assign/assign.test.ts',
  'tests/bundle/browser.test.ts',
  'tests/studies/den-haag-pilot/generator.test.ts',
  'tests/studies/personal-services-2017/generator.test.ts',
  'tests/studies/intensive-2012/generator.test.ts',
];

/**
 * Longest file first. vitest's own order is that already once every file has a duration in its
 * results cache (node_modules/.vite/vitest, from the previous run); on a clean clone, or for a
 * file without one, it orders by file size, which put the docs test (62 s, 15 kB) after dozens of
 * one-second files. Then the files of {@link LONGEST} go first, in its order, and the rest keep
 * vitest's order (projects as vitest orders them: the isolated file first).
 */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const root = this.ctx.config.root;
    const path = (spec: TestSpecification) => relative(root, spec.moduleId).replaceAll('\\', '/');
    const cached = sorted.every(
      (spec) =>
        this.ctx.cache.getFileTestResults(`${spec.project.name}:${path(spec)}`) !== undefined,
    );
    if (cached) return sorted;
    const rank = (spec: TestSpecification) => {
      const i = LONGEST.indexOf(path(spec));
      return i < 0 ? LONGEST.length : i;
    };
    const project = new Map<string, number>();
    for (const [i, spec] of sorted.entries()) {
      if (!project.has(spec.project.name)) project.set(spec.project.name, i);
    }
    return sorted
      .map((spec, i) => ({ spec, i }))
      .sort(
        (a, b) =>
          project.get(a.spec.project.name)! - project.get(b.spec.project.name)! ||
          rank(a.spec) - rank(b.spec) ||
          a.i - b.i,
      )
      .map(({ spec }) => spec);
  }
}

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
    // Transformed modules are kept on disk (node_modules/.experimental-vitest-cache, keyed by
    // content and config) and reused by the next run: importing src/ in a worker took ≈ 5 s
    // without it and ≈ 2 s with it. A clean clone's first run fills it.
    experimental: { fsModuleCache: true },
    sequence: { sequencer: LongestFirst },
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

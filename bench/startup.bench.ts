/**
 * Start-up of the built CLI: `effectmeting --version`, `--help`, `reproduce --help`, `power
 * --help` and `reproduce den-haag`, each run in a fresh process (wall time including Node's own
 * start, and the process's CPU time in the note), beside bare `node -e ""` on the same machine in
 * the same run (the anchor: no Node CLI starts faster). Builds dist/ first (`npm run build`: tsc, then
 * the CLI bundle) when it is older than the sources (not timed). Run with `npm run bench startup`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, ensureBuild, timeNode } from './cli-run.js';
import type { BenchSuite } from './run.js';

const RUNS = 7;

const suite: BenchSuite = {
  title: 'CLI start-up (built CLI, fresh process per run)',
  description:
    'Wall time of one process from spawn to exit, the median and best of seven runs; bare node -e "" is the floor any Node CLI pays. dist/cli/main.js is one esbuild bundle (scripts/build-cli.mjs) whose chunks hold each command and vega, loaded only when used.',
  cases: [
    {
      name: 'node-bare',
      label: 'node -e "" (anchor: Node start-up alone)',
      run: async () => timeNode(['-e', ''], RUNS, 'no module of ours'),
    },
    {
      name: 'version',
      label: 'effectmeting --version',
      run: async () => {
        ensureBuild();
        return timeNode([CLI, '--version'], RUNS, 'target ≤ 0.2 s on a quiet machine');
      },
    },
    {
      name: 'help',
      label: 'effectmeting --help',
      run: async () => {
        ensureBuild();
        return timeNode([CLI, '--help'], RUNS, 'the command list: names and summaries only');
      },
    },
    {
      name: 'reproduce-help',
      label: 'effectmeting reproduce --help',
      run: async () => {
        ensureBuild();
        return timeNode(
          [CLI, 'reproduce', '--help'],
          RUNS,
          'the command and the light study registry (names, titles): no study module',
        );
      },
    },
    {
      name: 'power-help',
      label: 'effectmeting power --help',
      run: async () => {
        ensureBuild();
        return timeNode(
          [CLI, 'power', '--help'],
          RUNS,
          'the command and the light study registry (the --pilot help text): no study module',
        );
      },
    },
    {
      name: 'reproduce',
      label: 'effectmeting reproduce den-haag --out <tmp>',
      run: async () => {
        ensureBuild();
        const out = mkdtempSync(join(tmpdir(), 'effectmeting-bench-pilot-'));
        try {
          return timeNode(
            [CLI, 'reproduce', 'den-haag', '--out', out],
            3,
            'reads data/den-haag-pilot.csv (12,191 clients; the bench runs in the repository, so the file is read, not generated), loads the den-haag study alone, the full pilot analysis, Markdown, JSON and HTML with SVG charts; target ≤ 1.2 s on a quiet machine',
          );
        } finally {
          rmSync(out, { recursive: true, force: true });
        }
      },
    },
  ],
};

export default suite;

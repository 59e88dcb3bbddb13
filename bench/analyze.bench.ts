/**
 * `effectmeting analyze` end to end on 2,000,000 clients: the built CLI reads a CSV (the
 * 12,191 Den Haag pilot clients of data/ repeated with new ids, ≈ 281 MB), validates, runs the
 * full analysis of examples/analysis-config.json on every client (no decile filter: two events,
 * 24 months, ten covariates, a subgroup, participation, randomisation inference with 2,000 draws
 * per event) and writes JSON; then the same without randomisation inference, to show what the
 * draws cost. Wall time and peak RSS of the CLI process; one run each. No anchor runs the same analysis, so none is shown. Run with
 * `npm run bench analyze` (`EFFECTMETING_BENCH_ANALYZE_N=200000` for a smaller input).
 */
import {
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLI, ensureBuild, timeNode } from './cli-run.js';
import type { BenchSuite } from './run.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Rows of the input: 2,000,000, or `EFFECTMETING_BENCH_ANALYZE_N` (e.g. 200000 for a quick run). */
const N = Number(process.env.EFFECTMETING_BENCH_ANALYZE_N ?? 2_000_000);
if (!Number.isInteger(N) || N < 1) {
  throw new Error(
    `EFFECTMETING_BENCH_ANALYZE_N: expected a positive integer, got ${process.env.EFFECTMETING_BENCH_ANALYZE_N}`,
  );
}

/** The pilot's clients repeated to `n` rows (ids `<id>-<copy>`), written once. */
export function bigCsv(n: number): string {
  const path = join(tmpdir(), `effectmeting-bench-analyze-${n}.csv`);
  if (existsSync(path)) return path;
  const lines = readFileSync(join(root, 'data', 'den-haag-pilot.csv'), 'utf8')
    .split('\n')
    .filter((l) => l !== '');
  const header = lines.shift()!;
  const fd = openSync(`${path}.part`, 'w');
  writeSync(fd, `${header}\n`);
  let written = 0;
  for (let copy = 0; written < n; copy++) {
    const chunk: string[] = [];
    for (const line of lines) {
      if (written === n) break;
      const comma = line.indexOf(',');
      chunk.push(`${line.slice(0, comma)}-${copy}${line.slice(comma)}`);
      written++;
    }
    writeSync(fd, `${chunk.join('\n')}\n`);
  }
  closeSync(fd);
  renameSync(`${path}.part`, path); // only once complete
  return path;
}

const suite: BenchSuite = {
  title: `analyze end to end, ${N.toLocaleString('en')} clients`,
  description: `The built CLI on a ${N.toLocaleString('en')}-row CSV (the Den Haag pilot clients repeated with new ids): read, validate, the full analysis of examples/analysis-config.json without its decile filter, JSON out. Targets at 2,000,000 rows: ≤ 30 s and ≤ 1.5 GB on a quiet machine.`,
  cases: [
    {
      name: N === 2_000_000 ? 'analyze-2m' : `analyze-${N}`,
      label: `effectmeting analyze, ${N.toLocaleString('en')} clients (one run)`,
      run: async () => runAnalyze(true),
    },
    {
      name: N === 2_000_000 ? 'analyze-2m-no-draws' : `analyze-${N}-no-draws`,
      label: `the same without randomisation inference (one run)`,
      run: async () => runAnalyze(false),
    },
  ],
};

/** The built CLI on the big CSV with the example config (no decile filter), with or without draws. */
function runAnalyze(draws: boolean) {
  ensureBuild();
  const input = bigCsv(N);
  const config = join(
    tmpdir(),
    `effectmeting-bench-analyze-config${draws ? '' : '-no-draws'}.json`,
  );
  const plan = JSON.parse(readFileSync(join(root, 'examples', 'analysis-config.json'), 'utf8')) as {
    filter?: unknown;
    methods?: { randomizationInference?: unknown };
  };
  delete plan.filter;
  if (!draws) delete plan.methods?.randomizationInference;
  writeFileSync(config, JSON.stringify(plan));
  return timeNode(
    [CLI, 'analyze', '--input', input, '--config', config, '--format', 'json', '--quiet'],
    1,
    `read + validate + evaluate + JSON; peak RSS of the CLI process${draws ? '; 2,000 randomisation draws per event' : '; methods.randomizationInference left out'}`,
  );
}

export default suite;

/**
 * Reading the 1,000,000-client CSV (≈ 227 MB, bench/clients-csv.ts) with `loadTable`, side by
 * side with R's `data.table::fread` on one thread (the anchor) and with the reader before the
 * byte path (decode the file to text, then `parseCsv`, one string per field). Each case runs
 * in its own process; peak RSS includes the file's bytes. Run with `npm run bench load`.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCsv } from '../src/data/csv.js';
import { decodeText } from '../src/data/decode.js';
import { loadTable } from '../src/data/load.js';
import { clientsCsv } from './clients-csv.js';
import { missingR, runR, skipped } from './r.js';
import { type BenchSuite, type CaseResult, median, memory, peakRssMB } from './run.js';

const N = 1_000_000;
const RUNS = 3;

async function timed(runs: number, read: (path: string) => Promise<unknown>): Promise<CaseResult> {
  const path = clientsCsv(N);
  const before = memory();
  const times: number[] = [];
  const cpu: number[] = [];
  const load = loadavg()[0]!;
  let rows = 0;
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    rows = ((await read(path)) as { numRows(): number }).numRows();
    times.push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e6);
    memory();
  }
  const after = memory();
  return {
    seconds: median(times),
    runs: times,
    peakRssMB: peakRssMB(),
    baselineRssMB: before.rssMB,
    heapUsedMB: after.heapUsedMB,
    note: `${rows.toLocaleString('en-US')} rows × 20 columns; CPU s per run ${cpu.map((t) => t.toFixed(2)).join(', ')}; shared machine, load average ${load.toFixed(1)} on ${cpus().length} cores at the start`,
    check: [rows],
  };
}

const R_SCRIPT = `
suppressPackageStartupMessages(library(data.table))
setDTthreads(1)
args <- commandArgs(trailingOnly = TRUE)
runs <- as.integer(args[2])
times <- numeric(runs)
for (r in seq_len(runs)) {
  times[r] <- system.time(d <- fread(args[1], na.strings = "NA"))[["elapsed"]]
}
cat("TIMES", times, "\\n")
cat("SE", nrow(d), "\\n")
`;

function fread(): CaseResult {
  const missing = missingR('data.table');
  if (missing) return skipped(missing);
  const path = clientsCsv(N);
  const script = join(tmpdir(), 'effectmeting-bench-fread.R');
  writeFileSync(script, R_SCRIPT);
  try {
    return runR(
      script,
      [path, String(RUNS)],
      () => 'fread(path, na.strings = "NA") with setDTthreads(1); peak RSS of the R process',
    );
  } finally {
    rmSync(script, { force: true });
  }
}

const suite: BenchSuite = {
  title: 'Loading the 1,000,000-client CSV (≈ 227 MB)',
  description:
    'loadTable(path, { na: ["NA"] }) on the effect-series clients written as CSV (arm, region as text; 18 numeric columns, ten of them 17-digit doubles; NA for no event), beside data.table::fread on one thread and the reader before the byte path (decoded text → parseCsv, one string per field).',
  cases: [
    {
      name: 'fread-1m',
      label: 'R data.table::fread, 1 thread (anchor)',
      run: async () => fread(),
    },
    {
      name: 'ours-load-1m',
      label: 'effectmeting loadTable (bytes → typed columns)',
      run: () => timed(RUNS, (path) => loadTable(path, { na: ['NA'] })),
    },
    {
      name: 'text-path-1m',
      label: 'before: decode to text, then parseCsv (one run)',
      run: () =>
        timed(1, async (path) =>
          Promise.resolve(parseCsv(decodeText(readFileSync(path)), { na: ['NA'] }).table),
        ),
    },
  ],
};

export default suite;

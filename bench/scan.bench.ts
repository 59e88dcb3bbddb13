/**
 * The yearly review of the risk scan on 1,000,000 clients per year (generated in memory with the
 * synthetic generator: 2023 parameters for the previous year, 2024 for the current), timed from
 * the two tables to the finished review object (fit on the previous year, scoring, AUC/DeLong,
 * gains, calibration with two logistic recalibrations, PSI of nine features and the score,
 * subgroups by gender, age band and municipality, 52 weeks of re-scoring) and, separately, the
 * Markdown and the HTML with four SVG charts. Run with `npm run bench scan`.
 */
import { table } from 'arquero';
import { scanReviewHtml } from '../src/report/scan-review-html.js';
import { scanReview, scanReviewMarkdown } from '../src/scan/index.js';
import {
  generateScanPopulation,
  SCAN_POPULATION_2023,
  SCAN_POPULATION_2024,
  SCAN_POPULATION_COLUMNS,
} from '../src/studies.js';
import { type BenchSuite, type CaseResult, median, memory, peakRssMB } from './run.js';

const N = 1_000_000;
const RUNS = 2;

function makeTable(params: typeof SCAN_POPULATION_2023) {
  const rows = generateScanPopulation({ ...params, n: N });
  const cols: Record<string, unknown[]> = {};
  for (const c of SCAN_POPULATION_COLUMNS) cols[c] = rows.map((r) => r[c]);
  return table(cols);
}

const now = () => performance.now() / 1000;

async function runReview(withReport: boolean): Promise<CaseResult> {
  const previous = makeTable(SCAN_POPULATION_2023);
  const current = makeTable(SCAN_POPULATION_2024);
  const before = memory();
  const runs: number[] = [];
  // CPU seconds (user + system) of each run: on a shared machine the wall time is mostly waiting.
  const cpu: number[] = [];
  let check: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const c0 = process.cpuUsage();
    const t0 = now();
    const review = scanReview({ current, previous, currentName: '2024', previousName: '2023' });
    if (withReport) {
      scanReviewMarkdown(review);
      await scanReviewHtml(review);
    }
    runs.push(now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e6);
    check = [review.current.auc.estimate, review.current.capture10, review.previous.capture10];
    memory();
  }
  const after = memory();
  return {
    seconds: median(runs),
    runs,
    peakRssMB: peakRssMB(),
    baselineRssMB: before.rssMB,
    heapUsedMB: after.heapUsedMB,
    note: `2 × ${N.toLocaleString('en-US')} clients; CPU s per run ${cpu.map((x) => x.toFixed(1)).join(', ')}`,
    check,
  };
}

const suite: BenchSuite = {
  title: 'Risk-scan review, 1,000,000 clients per year',
  description:
    'scanReview on two in-memory tables of 1,000,000 synthetic clients each (previous year: fit + in-sample metrics; current year: out-of-time metrics, drift, subgroups, 52 weeks of re-scoring); second case adds the Markdown and the HTML with four SVG charts.',
  cases: [
    { name: 'review', label: 'scanReview (numbers only)', run: () => runReview(false) },
    {
      name: 'review-report',
      label: 'scanReview + Markdown + HTML with charts',
      run: () => runReview(true),
    },
  ],
};

export default suite;

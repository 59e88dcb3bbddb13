/**
 * The yearly review of the risk scan on 1,000,000 clients per year (generated in memory with the
 * synthetic generator: 2023 parameters for the previous year, 2024 for the current), timed from
 * the two tables to the finished review object (fit on the previous year, scoring, AUC/DeLong,
 * gains, calibration with two logistic recalibrations, PSI of nine features and the score,
 * subgroups by gender, age band and municipality, 52 weeks of re-scoring) and, separately, the
 * Markdown and the HTML with four SVG charts. The third case is issue 18's "review of 2 × 1M
 * clients": what `effectmeting review` does after reading the two files (src/cli/review.ts,
 * `runReview`): the ids guarded, the review, the four SVGs, the Markdown, the JSON, the HTML page
 * and the identifier check of every output; no CSV read, no file written. Run with
 * `npm run bench scan`.
 */
import { table } from 'arquero';
import { reviewJson } from '../src/cli/review.js';
import { scanReviewHtml, scanReviewSvgs } from '../src/report/scan-review-html.js';
import { scanReview, scanReviewMarkdown } from '../src/scan/index.js';
import {
  generateScanPopulation,
  SCAN_POPULATION_2023,
  SCAN_POPULATION_2024,
  SCAN_POPULATION_COLUMNS,
} from '../src/studies.js';
import { identifierGuard } from '../src/table/identifier-guard.js';
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

/** A new table object over the same column arrays (no copy). */
const fresh = (t: ReturnType<typeof makeTable>) =>
  table(Object.fromEntries(t.columnNames().map((c) => [c, t.column(c)!])));

type Mode = 'numbers' | 'report' | 'command';

/** The review command after reading: guard, review, SVGs, Markdown, JSON, HTML, output check. */
async function asCommand(current: ReturnType<typeof makeTable>, previous: typeof current) {
  const guard = identifierGuard();
  for (const t of [current, previous]) guard.add(t.array('id') as Iterable<unknown>);
  const review = scanReview({ current, previous, currentName: '2024', previousName: '2023' });
  const svgs = await scanReviewSvgs(review);
  const markdown = scanReviewMarkdown(review, {
    gains: 'gains.svg',
    calibration: 'calibration.svg',
    drift: 'drift.svg',
    subgroups: 'subgroups.svg',
  });
  const json = reviewJson(review);
  const html = await scanReviewHtml(review);
  for (const text of [...Object.values(svgs), markdown, json, html]) {
    if (guard.find(text) !== undefined) throw new Error('an id in the review output');
  }
  return review;
}

async function runReview(mode: Mode): Promise<CaseResult> {
  const previousTable = makeTable(SCAN_POPULATION_2023);
  const currentTable = makeTable(SCAN_POPULATION_2024);
  const before = memory();
  const runs: number[] = [];
  // CPU seconds (user + system) of each run: on a shared machine the wall time is mostly waiting.
  const cpu: number[] = [];
  let check: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    // Each run on new table objects over the same columns: the review keeps what it reads from
    // a table for as long as the table lives (`featureColumns`), so a second run on the same
    // objects would time a review that reads no feature column.
    const current = fresh(currentTable);
    const previous = fresh(previousTable);
    const c0 = process.cpuUsage();
    const t0 = now();
    const review =
      mode === 'command'
        ? await asCommand(current, previous)
        : scanReview({ current, previous, currentName: '2024', previousName: '2023' });
    if (mode === 'report') {
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
    'scanReview on two in-memory tables of 1,000,000 synthetic clients each (previous year: fit + in-sample metrics; current year: out-of-time metrics, drift, subgroups, 52 weeks of re-scoring); second case adds the Markdown and the HTML with four SVG charts; third case (issue 18) is everything `effectmeting review` does after reading the two files (ids guarded, SVGs, Markdown, JSON, HTML, identifier check), without the CSV read and the writes.',
  cases: [
    { name: 'review', label: 'scanReview (numbers only)', run: () => runReview('numbers') },
    {
      name: 'review-report',
      label: 'scanReview + Markdown + HTML with charts',
      run: () => runReview('report'),
    },
    {
      name: 'review-command',
      label: '`effectmeting review` after reading: guard, review, SVGs, Markdown, JSON, HTML',
      run: () => runReview('command'),
    },
  ],
};

export default suite;

/**
 * Simulation-based diagnosis of a design: draw it many times (assignment rule, sample size,
 * monthly base rates, effect, non-compliance, censoring), analyse each replicate with the
 * library's own estimators, and report power, bias, coverage of the confidence intervals and
 * the distribution of the first significant month. Replicates run in `node:worker_threads`
 * (seeded per replicate: results do not depend on the number of workers).
 */

import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError } from '../errors.js';
import { formatPercent, formatPp, markdownTable } from '../format.js';
import {
  makeModel,
  NF,
  type ResolvedDesign,
  resolveDesign,
  runReplicates,
  type SimulationDesign,
} from './simulate-core.js';

export type { SimulatedAssignment, SimulationDesign } from './simulate-core.js';

/** Options of {@link simulateDesign}. */
export interface SimulateOptions {
  /** Number of replicates (default 1000). */
  readonly replicates?: number;
  /** Seed: replicate r uses `createRng("<seed>:<r>")` (default 1). */
  readonly seed?: number | string;
  /** Worker threads (default: available cores, at most 8); 0 runs inline in this thread. */
  readonly workers?: number;
  /** Replicates per message to a worker (default 10). */
  readonly chunkSize?: number;
  /**
   * Progress: `true` draws a bar on stderr, `false` nothing, a function is called with
   * (done, total). Default: a bar when stderr is a terminal, otherwise silent.
   */
  readonly progress?: boolean | ((done: number, total: number) => void);
}

/** Operating characteristics of one estimator in one month. */
export interface EstimatorSummary {
  /** Share of replicates with p < α. */
  readonly power: number;
  readonly meanEstimate: number;
  /** Mean estimate − true effect. */
  readonly bias: number;
  /** Standard deviation of the estimates across replicates. */
  readonly empiricalSe: number;
  /** Share of replicates whose 95 % CI contains the true effect. */
  readonly coverage: number;
  /** Mean CI width. */
  readonly meanCiWidth: number;
}

/** One month of a {@link SimulationResult}. */
export interface SimulatedMonth {
  readonly month: number;
  /** True ITT effect (population average) at this month. */
  readonly truth: number;
  readonly raw: EstimatorSummary;
  readonly adjusted?: EstimatorSummary;
}

/** Result of {@link simulateDesign}. */
export interface SimulationResult {
  readonly design: ResolvedDesign;
  readonly replicates: number;
  /** Replicates that could not be analysed (e.g. an empty arm), left out of the summaries. */
  readonly failed: number;
  readonly seed: string;
  readonly workers: number;
  readonly months: readonly SimulatedMonth[];
  /** First month with p < α (adjusted effect when adjusting, else raw), over replicates. */
  readonly firstSignificant: {
    readonly which: 'adjusted' | 'raw';
    readonly alpha: number;
    /** Share of replicates per first significant month; `month: null` = never. */
    readonly distribution: readonly {
      readonly month: number | null;
      readonly count: number;
      readonly share: number;
    }[];
    /** Median first significant month (null when most replicates never reach significance). */
    readonly median: number | null;
  };
  /** Monte-Carlo standard error of a power or coverage near p: √(p(1 − p)/replicates). */
  mcError(p: number): number;
  readonly method: string;
  toTable(): Record<string, number | string>[];
  toMarkdown(): string;
}

/** How to start a worker: from `dist` the compiled file; from `src` (tsx, vitest) through tsx. */
function spawnWorker(workerData: unknown): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    // Under tsx or vitest the module is TypeScript: `execArgv: ['--import', 'tsx']` does not
    // reach a worker's entry module on Node 20, so a small bootstrap registers tsx's ESM hooks
    // first and then imports the TypeScript worker.
    const tsxDir = dirname(createRequire(here).resolve('tsx/package.json'));
    const api = pathToFileURL(join(tsxDir, 'dist', 'esm', 'api', 'index.mjs')).href;
    const target = new URL('./simulate-worker.ts', here).href;
    const code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(target)}); }).catch((e) => { throw e; });`;
    return new Worker(code, { eval: true, workerData });
  }
  return new Worker(new URL('./simulate-worker.js', here), { workerData });
}

function progressReporter(
  option: SimulateOptions['progress'],
  total: number,
): { update(done: number): void; end(): void } {
  if (typeof option === 'function') return { update: (d) => option(d, total), end: () => {} };
  const tty = option ?? process.stderr.isTTY === true;
  if (!tty) return { update: () => {}, end: () => {} };
  let last = -1;
  return {
    update(done) {
      const width = 30;
      const filled = Math.round((done / total) * width);
      if (filled === last && done !== total) return;
      last = filled;
      process.stderr.write(
        `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} replicates`,
      );
    },
    end() {
      process.stderr.write('\n');
    },
  };
}

async function runInWorkers(
  resolved: ResolvedDesign,
  seed: string,
  replicates: number,
  workers: number,
  chunkSize: number,
  progress: { update(done: number): void },
): Promise<Float64Array> {
  const M = resolved.months;
  const values = new Float64Array(replicates * M * NF);
  let next = 0;
  let done = 0;
  const pool = Array.from({ length: workers }, () =>
    spawnWorker({ design: resolved.design, seed }),
  );
  try {
    await Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= replicates) {
                worker.postMessage(null);
                resolve();
                return;
              }
              const start = next;
              const end = Math.min(replicates, start + chunkSize);
              next = end;
              worker.postMessage({ start, end });
            };
            worker.on('message', (m: { ready?: boolean; start: number; values: Float64Array }) => {
              if (!m.ready) {
                values.set(m.values, m.start * M * NF);
                done += m.values.length / (M * NF);
                progress.update(done);
              }
              send();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => {
              if (code !== 0) reject(new Error(`simulation worker exited with code ${code}`));
            });
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return values;
}

/**
 * Simulates a design `replicates` times and summarises how the library's analysis behaves on
 * it: power, bias, empirical SE, CI coverage (against the true population effect) per month for
 * the raw and the adjusted effect, and the distribution of the first significant month.
 *
 * @example
 * const sim = await simulateDesign(
 *   { model: 'parametric', nTreatment: 978, nControl: 240, controlRates: [0.1, 0.25, 0.4], effect: -0.06 },
 *   { replicates: 1000, seed: 7 },
 * );
 * sim.months[2].adjusted.power; // power of the month-3 adjusted test
 */
export async function simulateDesign(
  design: SimulationDesign,
  options: SimulateOptions = {},
): Promise<SimulationResult> {
  const resolved = resolveDesign(design);
  const replicates = options.replicates ?? 1000;
  if (!(Number.isInteger(replicates) && replicates >= 1)) {
    throw new InputError(`replicates must be a whole number ≥ 1, got ${replicates}`, {
      code: 'invalid-option',
      value: String(replicates),
    });
  }
  const seed = String(options.seed ?? 1);
  const workers = Math.min(
    options.workers ?? Math.min(8, availableParallelism()),
    Math.ceil(replicates / (options.chunkSize ?? 10)),
  );
  const chunkSize = options.chunkSize ?? 10;
  const model = await makeModel(resolved);
  const progress = progressReporter(options.progress, replicates);
  let values: Float64Array;
  if (workers <= 0) {
    values = new Float64Array(replicates * resolved.months * NF);
    for (let start = 0; start < replicates; start += chunkSize) {
      const end = Math.min(replicates, start + chunkSize);
      values.set(runReplicates(resolved, model, seed, start, end), start * resolved.months * NF);
      progress.update(end);
    }
  } else {
    values = await runInWorkers(resolved, seed, replicates, workers, chunkSize, progress);
  }
  progress.end();
  return summarise(resolved, model.truth(seed), values, replicates, seed, Math.max(0, workers));
}

function summarise(
  r: ResolvedDesign,
  truth: Float64Array,
  values: Float64Array,
  replicates: number,
  seed: string,
  workers: number,
): SimulationResult {
  const M = r.months;
  const ok: number[] = [];
  for (let rep = 0; rep < replicates; rep++) {
    if (!Number.isNaN(values[rep * M * NF]!)) ok.push(rep);
  }
  const at = (rep: number, m: number, f: number) => values[(rep * M + m) * NF + f]!;
  const summary = (m: number, offset: number): EstimatorSummary => {
    let rejected = 0;
    let sum = 0;
    let sumSq = 0;
    let covered = 0;
    let width = 0;
    const t = truth[m]!;
    for (const rep of ok) {
      const e = at(rep, m, offset);
      const lo = at(rep, m, offset + 1);
      const hi = at(rep, m, offset + 2);
      if (at(rep, m, offset + 3) < r.alpha) rejected++;
      sum += e;
      sumSq += e * e;
      if (lo <= t && t <= hi) covered++;
      width += hi - lo;
    }
    const k = ok.length;
    const mean = sum / k;
    return {
      power: rejected / k,
      meanEstimate: mean,
      bias: mean - t,
      empiricalSe: Math.sqrt(Math.max(0, (sumSq - k * mean * mean) / (k - 1))),
      coverage: covered / k,
      meanCiWidth: width / k,
    };
  };
  const months: SimulatedMonth[] = Array.from({ length: M }, (_, m) => ({
    month: m + 1,
    truth: truth[m]!,
    raw: summary(m, 0),
    ...(r.adjust ? { adjusted: summary(m, 4) } : {}),
  }));
  const which = r.adjust ? 'adjusted' : 'raw';
  const pField = r.adjust ? 7 : 3;
  const counts = new Map<number | null, number>();
  const firsts: number[] = [];
  for (const rep of ok) {
    let first: number | null = null;
    for (let m = 0; m < M; m++) {
      if (at(rep, m, pField) < r.alpha) {
        first = m + 1;
        break;
      }
    }
    counts.set(first, (counts.get(first) ?? 0) + 1);
    firsts.push(first ?? Number.POSITIVE_INFINITY);
  }
  firsts.sort((a, b) => a - b);
  const mid = firsts[Math.floor((firsts.length - 1) / 2)];
  const distribution = [...counts.entries()]
    .sort((a, b) => (a[0] ?? Infinity) - (b[0] ?? Infinity))
    .map(([month, count]) => ({ month, count, share: count / ok.length }));
  const d = r.design;
  const method =
    `${replicates} replicates of the ${d.model === 'parametric' ? d.model : d.model.name} model (${d.nTreatment} treated / ${d.nControl} control, ` +
    `${r.assignment} assignment, participation ${r.participation.treatment.toFixed(3)} / ${r.participation.control.toFixed(3)}, ` +
    `censoring ${r.censoring.toFixed(3)}), each analysed with effectSeries' estimators (complete follow-up; raw: ` +
    `difference in shares, unpooled SE; adjusted: OLS, HC2, t test); power at two-sided α = ${r.alpha}; ` +
    `coverage of the 95 % CI of the true population effect; seed "${seed}" (replicate r: createRng("${seed}:r"))`;
  const base = {
    design: r,
    replicates,
    failed: replicates - ok.length,
    seed,
    workers,
    months,
    firstSignificant: {
      which,
      alpha: r.alpha,
      distribution,
      median: mid === undefined || !Number.isFinite(mid) ? null : mid,
    },
    mcError: (p: number) => Math.sqrt((p * (1 - p)) / Math.max(1, ok.length)),
    method,
  } as const;
  const toTable = () =>
    months.map((m) => {
      const row: Record<string, number | string> = {
        month: m.month,
        truth: m.truth,
        raw_power: m.raw.power,
        raw_bias: m.raw.bias,
        raw_coverage: m.raw.coverage,
        raw_empirical_se: m.raw.empiricalSe,
      };
      if (m.adjusted) {
        row.adjusted_power = m.adjusted.power;
        row.adjusted_bias = m.adjusted.bias;
        row.adjusted_coverage = m.adjusted.coverage;
        row.adjusted_empirical_se = m.adjusted.empiricalSe;
      }
      return row;
    });
  const toMarkdown = () => {
    const rows = months.map((m) => ({
      month: m.month,
      'true effect': formatPp(m.truth),
      'power raw': formatPercent(m.raw.power),
      'coverage raw': formatPercent(m.raw.coverage),
      ...(m.adjusted
        ? {
            'power adjusted': formatPercent(m.adjusted.power),
            'bias adjusted': formatPp(m.adjusted.bias, 2),
            'coverage adjusted': formatPercent(m.adjusted.coverage),
            'SE adjusted': formatPp(m.adjusted.empiricalSe, 2),
          }
        : {}),
    }));
    const first = distribution
      .map((x) => `${x.month ?? 'never'}: ${formatPercent(x.share)}`)
      .join(', ');
    return `${markdownTable(rows)}\n\nFirst month with p < ${r.alpha} (${which}): ${first}.\n\n${method}.\n`;
  };
  return { ...base, toTable, toMarkdown };
}

/**
 * OLS with HC2 standard errors on 1,000,000 rows × 25 coefficients, side by side with
 * ml-regression (coefficients only) and, when Rscript is on PATH, estimatr::lm_robust
 * (se_type = "HC2") on the same data. Run with `npm run bench`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MLR from 'ml-regression-multivariate-linear';
import { ols, olsPrepare, olsTermPrepared, olsTermSeries } from '../src/estimate/index.js';
import type { DesignMatrix } from '../src/stats/estimate.js';
import { missingR, runR, skipped } from './r.js';
import { type BenchSuite, type CaseResult, median, memory, peakRssMB } from './run.js';
import { xorshift } from './xorshift.js';

const N = 1_000_000;
const K = 25;
const RUNS = 5;

/**
 * Synthetic client file: intercept, binary treatment, 10 continuous covariates (one age-like with
 * mean 40), a factor with 8 levels (7 dummies), 6 binary covariates; heteroskedastic noise.
 */
function makeData(n = N): { X: DesignMatrix; y: Float64Array } {
  const u = xorshift(20240501);
  const normal = () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  const names: string[] = ['(Intercept)', 'treatment'];
  for (let j = 0; j < 10; j++) names.push(`x${j + 1}`);
  for (let j = 2; j <= 8; j++) names.push(`region[${j}]`);
  for (let j = 0; j < 6; j++) names.push(`b${j + 1}`);
  const columns = names.map(() => new Float64Array(n));
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let j = 0;
    columns[j++]![i] = 1;
    const t = u() < 0.5 ? 1 : 0;
    columns[j++]![i] = t;
    let lin = 1 + 0.05 * t;
    for (let c = 0; c < 10; c++) {
      const v = c === 0 ? 40 + 10 * normal() : normal();
      columns[j++]![i] = v;
      lin += (c === 0 ? 0.01 : 0.1) * v;
    }
    const region = Math.floor(u() * 8);
    for (let c = 1; c < 8; c++) columns[j++]![i] = region === c ? 1 : 0;
    lin += 0.02 * region;
    for (let c = 0; c < 6; c++) {
      const b = u() < 0.2 + 0.1 * c ? 1 : 0;
      columns[j++]![i] = b;
      lin += 0.05 * b;
    }
    y[i] = lin + (1 + 0.5 * t) * normal();
  }
  return { X: { names, columns, n }, y };
}

function now(): number {
  return performance.now() / 1000;
}

async function ours(): Promise<CaseResult> {
  const { X, y } = makeData();
  const before = memory();
  const runs: number[] = [];
  let ses: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = now();
    const fit = ols(X, y, { se: 'HC2' });
    runs.push(now() - t0);
    ses = fit.coefficients.map((c) => c.stdError);
    if (r < RUNS - 1) memory();
  }
  const after = memory();
  return {
    seconds: median(runs),
    runs,
    peakRssMB: peakRssMB(),
    baselineRssMB: before.rssMB,
    heapUsedMB: after.heapUsedMB,
    note: 'ols(X, y, { se: "HC2" }): coefficients, HC2 vcov, t tests, R², residuals',
    check: ses,
  };
}

/** 24 monthly 0/1 outcomes on the same X (the effect-per-month series), built before timing. */
function monthlyOutcomes(y: Float64Array): Float64Array[] {
  const u = xorshift(7);
  return Array.from({ length: 24 }, (_, m) =>
    Float64Array.from(y, (v) => (v + 0.15 * m + 0.3 * (u() - 0.5) > 5 ? 1 : 0)),
  );
}

async function seriesCase(batched: boolean): Promise<CaseResult> {
  const { X, y } = makeData();
  const outcomes = monthlyOutcomes(y);
  const before = memory();
  const runs: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = now();
    const prep = olsPrepare(X);
    if (batched) olsTermSeries(prep, outcomes, 'treatment', { se: 'HC2' });
    else for (const ym of outcomes) olsTermPrepared(prep, ym, 'treatment', { se: 'HC2' });
    runs.push(now() - t0);
    memory();
  }
  const after = memory();
  return {
    seconds: median(runs),
    runs,
    peakRssMB: peakRssMB(),
    baselineRssMB: before.rssMB,
    heapUsedMB: after.heapUsedMB,
    note: batched
      ? 'olsPrepare(X) + olsTermSeries(prep, 24 outcomes, "treatment"): HC2 treatment effect per month, all months in 3 blocked passes'
      : 'olsPrepare(X) + 24 × olsTermPrepared(prep, y_m, "treatment"): HC2 treatment effect per month, one outcome at a time',
  };
}

async function mlRegression(): Promise<CaseResult> {
  const { X, y } = makeData();
  const rows = Array.from({ length: N }, (_, i) => X.columns.map((c) => c[i]!));
  const yRows = Array.from(y, (v) => [v]);
  const before = memory();
  const t0 = now();
  const fit = new MLR(rows, yRows, { intercept: false, statistics: false });
  const seconds = now() - t0;
  if (fit.weights.length !== K) throw new Error('unexpected ml-regression result');
  const after = memory();
  return {
    seconds,
    runs: [seconds],
    peakRssMB: peakRssMB(),
    baselineRssMB: before.rssMB,
    heapUsedMB: after.heapUsedMB,
    note: 'MultivariateLinearRegression, coefficients only (statistics: false), one run; input as number[][] rows (conversion not timed)',
  };
}

const R_SCRIPT = `
suppressPackageStartupMessages(library(estimatr))
args <- commandArgs(trailingOnly = TRUE)
n <- as.integer(args[2]); k <- as.integer(args[3]); runs <- as.integer(args[4])
con <- file(args[1], "rb")
X <- matrix(readBin(con, "double", n * k), n, k)
y <- readBin(con, "double", n)
close(con)
df <- as.data.frame(X); names(df) <- paste0("x", seq_len(k)); df$y <- y
f <- as.formula(paste("y ~ 0 +", paste(names(df)[seq_len(k)], collapse = " + ")))
invisible(gc(reset = TRUE))
times <- numeric(runs)
for (r in seq_len(runs)) times[r] <- system.time(fit <- lm_robust(f, data = df, se_type = "HC2"))[["elapsed"]]
lmfit <- system.time(lm.fit(X, y))[["elapsed"]]
g <- gc()
cat("TIMES", times, "\\n")
cat("LMFIT", lmfit, "\\n")
cat("MAXMB", sum(g[, ncol(g)]), "\\n")
cat("SE", sprintf("%.17g", unname(fit$std.error)), "\\n")
`;

async function estimatr(): Promise<CaseResult> {
  const missing = missingR('estimatr');
  if (missing) return skipped(missing);
  const { X, y } = makeData();
  // Binary doubles (column-major X, then y) rather than CSV: exact, and R reads 200 MB in a
  // second instead of parsing 26 million decimal strings. Only the fit is timed, inside R.
  const dir = mkdtempSync(join(tmpdir(), 'effectmeting-bench-'));
  try {
    const bin = join(dir, 'data.bin');
    const all = new Float64Array(N * (K + 1));
    X.columns.forEach((c, j) => {
      all.set(c, j * N);
    });
    all.set(y, K * N);
    writeFileSync(bin, all);
    const script = join(dir, 'fit.R');
    writeFileSync(script, R_SCRIPT);
    return runR(
      script,
      [bin, String(N), String(K), String(RUNS)],
      (field) =>
        `lm_robust(y ~ 0 + x1 + … + x25, se_type = "HC2"), timed with system.time (includes its model frame); R's lm.fit (QR, coefficients only) took ${field('LMFIT')} s; R gc max used ${field('MAXMB')} MB; peak RSS of the R process`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const suite: BenchSuite = {
  title: `OLS with HC2 standard errors, ${N.toLocaleString('en')} rows × ${K} coefficients`,
  description:
    'Synthetic data from a seeded xorshift generator (intercept, binary treatment, 10 continuous covariates, an 8-level factor, 6 binary covariates, heteroskedastic noise). Each contender runs in its own process; peak RSS includes the ~200 MB of data (and, for R, its own copy).',
  cases: [
    { name: 'ours', label: 'effectmeting ols (HC2)', run: ours },
    {
      name: 'series-loop',
      label: 'effectmeting 24 monthly outcomes: olsPrepare + 24 × olsTermPrepared',
      run: () => seriesCase(false),
    },
    {
      name: 'series',
      label: 'effectmeting 24 monthly outcomes: olsPrepare + olsTermSeries',
      run: () => seriesCase(true),
    },
    {
      name: 'ml-regression',
      label: 'ml-regression MultivariateLinearRegression (coef. only)',
      run: mlRegression,
    },
    { name: 'estimatr', label: 'R estimatr lm_robust (HC2)', run: estimatr },
  ],
};

export default suite;

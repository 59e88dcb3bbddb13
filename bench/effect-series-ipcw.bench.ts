/**
 * The censored effect series with IPCW: 24 months, HC2, 25 coefficients, on 200,000 clients
 * whose follow-up is survival-shaped (it ends at the event for clients with one; the others leave
 * by a monthly dropout of 2 %), through the table-level `effectSeries(…, { censoring: 'ipcw' })`,
 * beside complete follow-up on the same data and R (survfit censoring weights + one weighted
 * `lm_robust` per month) when Rscript is on PATH.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Censoring, effectSeries } from '../src/analysis/effect-series.js';
import { makeClients, toTable, writeClientsCsv } from './effect-series.bench.js';
import { missingR, runR, skipped } from './r.js';
import { type BenchSuite, type CaseResult, median, memory, peakRssMB } from './run.js';
import { xorshift } from './xorshift.js';

const RUNS = 3;

/** The bench's clients with survival-shaped follow-up: ends at the event, or at a dropout. */
function censoredClients(n: number) {
  const clients = makeClients(n, false);
  const u = xorshift(20261201 + n);
  const followup = clients.columns.followup_months as Float64Array;
  const event = clients.columns.month_event as Float64Array;
  for (let i = 0; i < n; i++) {
    const dropout = Math.max(1, Math.ceil(Math.log(u()) / Math.log(1 - 0.02)));
    const leave = Math.min(24, dropout);
    const e = event[i]!;
    if (!Number.isNaN(e) && e <= leave) followup[i] = e;
    else {
      followup[i] = leave;
      event[i] = Number.NaN;
    }
  }
  return clients;
}

function ours(n: number, censoring: Censoring) {
  return async (): Promise<CaseResult> => {
    const clients = censoredClients(n);
    const data = toTable(clients);
    const before = memory();
    const runs: number[] = [];
    let ses: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const t0 = performance.now();
      const s = effectSeries(data, {
        event: 'month_event',
        months: 24,
        covariates: clients.covariates,
        censoring,
      });
      runs.push((performance.now() - t0) / 1000);
      ses = s.months.map((m) => m.adjusted!.stdError);
      memory();
    }
    const after = memory();
    return {
      seconds: median(runs),
      runs,
      peakRssMB: peakRssMB(),
      baselineRssMB: before.rssMB,
      heapUsedMB: after.heapUsedMB,
      note: `effectSeries(table, { months: 24, covariates: ${clients.covariates.length} columns → 25 coefficients, censoring: '${censoring}' }), raw and adjusted (HC2), model matrix included`,
      ...(censoring === 'ipcw' ? { check: ses } : {}),
    };
  };
}

const R_SCRIPT = `
suppressPackageStartupMessages({ library(estimatr); library(survival) })
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
covs <- setdiff(names(d), c("arm", "followup_months", "month_event"))
f <- as.formula(paste("y ~ treatment +", paste(covs, collapse = " + ")))
d$treatment <- as.numeric(d$arm == "experiment")
d$status <- as.numeric(!is.na(d$month_event))
d$time <- ifelse(d$status == 1, d$month_event, d$followup_months)
runs <- as.integer(args[2])
times <- numeric(runs)
for (r in seq_len(runs)) {
  times[r] <- system.time({
    G <- lapply(c(0, 1), function(a) {
      s <- d[d$treatment == a, ]
      fit <- survfit(Surv(s$time - 1e-6 * s$status, s$status == 0) ~ 1)
      stepfun(fit$time, c(1, fit$surv))
    })
    se <- numeric(24)
    for (m in 1:24) {
      known <- d$time >= m | d$status == 1
      s <- d[known, ]
      u <- pmin(s$time, m) - 1e-9
      s$w <- 1 / ifelse(s$treatment == 1, G[[2]](u), G[[1]](u))
      s$y <- as.numeric(s$status == 1 & s$time <= m)
      fit <- lm_robust(f, data = s, weights = w, se_type = "HC2")
      se[m] <- fit$std.error["treatment"]
    }
  })[["elapsed"]]
}
cat("TIMES", times, "\\n")
cat("SE", sprintf("%.17g", se), "\\n")
`;

function estimatr(n: number) {
  return async (): Promise<CaseResult> => {
    const missing = missingR('estimatr');
    if (missing) return skipped(missing);
    const clients = censoredClients(n);
    const dir = mkdtempSync(join(tmpdir(), 'effectmeting-ipcw-'));
    try {
      const csv = writeClientsCsv(clients, dir);
      const script = join(dir, 'ipcw.R');
      writeFileSync(script, R_SCRIPT);
      return runR(
        script,
        [csv, '1'],
        () =>
          'survfit censoring KM per arm + 24 × lm_robust(weights = 1/G(min(T, m)-), se_type = "HC2") on the clients with a known status; one run (it takes minutes); CSV read not timed; peak RSS of the R process',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

const suite: BenchSuite = {
  title: 'Censored effect per month with IPCW: 24 months × HC2 × 25 coefficients',
  description:
    'The clients of effect-series.bench.ts with survival-shaped follow-up (it ends at the event; the others leave by a 2 % monthly dropout; seeded xorshift). IPCW refits a weighted design per month (the weights change with m); complete follow-up on the same data is shown for the time only (it is biased here). The SE check compares the 24 IPCW treatment SEs of R with ours.',
  cases: [
    {
      name: 'ours-ipcw-200k',
      label: "effectmeting effectSeries, censoring: 'ipcw', 200,000 clients",
      run: ours(200_000, 'ipcw'),
    },
    {
      name: 'estimatr-ipcw-200k',
      label: 'R survfit + 24 × weighted lm_robust, 200,000 clients',
      run: estimatr(200_000),
    },
    {
      name: 'ours-complete-200k',
      label: "effectmeting effectSeries, censoring: 'complete-followup', 200,000 clients",
      compareWith: 'ours-ipcw-200k',
      run: ours(200_000, 'complete-followup'),
    },
  ],
};

export default suite;

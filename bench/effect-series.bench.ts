/**
 * The adjusted monthly series: 24 months, HC2, 25 coefficients, on 200,000 and 1,000,000
 * clients, through the table-level `effectSeries` (model matrix included), side by side with R
 * estimatr (one `lm_robust` per month on the same data) when Rscript is on PATH.
 *
 * Every client is followed 24 months here, so every month has the same design X (the case the
 * performance design targets). A second case adds censoring (10 % leave between months 12 and
 * 23), which gives 12 distinct samples and so 13 preparations of X.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ColumnTable, table } from 'arquero';
import { effectSeries } from '../src/analysis/effect-series.js';
import { missingR, runR, skipped } from './r.js';
import { type BenchSuite, type CaseResult, median, memory, peakRssMB } from './run.js';
import { xorshift } from './xorshift.js';

const RUNS = 3;
const NUMERIC = 10;
const BINARY = 6;
const REGIONS = 8;

interface Clients {
  readonly columns: Record<string, Float64Array | string[]>;
  readonly covariates: readonly string[];
}

/** n synthetic clients: 80/20 arms, 10 numeric, 6 binary covariates, an 8-level region. */
export function makeClients(n: number, censored: boolean): Clients {
  const u = xorshift(20261125 + n);
  const normal = () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  const arm: string[] = new Array(n);
  const region: string[] = new Array(n);
  const followup = new Float64Array(n);
  const event = new Float64Array(n);
  const numeric = Array.from({ length: NUMERIC }, () => new Float64Array(n));
  const binary = Array.from({ length: BINARY }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const treated = u() < 0.8;
    arm[i] = treated ? 'experiment' : 'control';
    const r = Math.floor(u() * REGIONS);
    region[i] = `r${r + 1}`;
    let risk = -4 + 0.05 * r - (treated ? 0.2 : 0);
    for (let c = 0; c < NUMERIC; c++) {
      const v = normal();
      numeric[c]![i] = v;
      risk += 0.15 * v;
    }
    for (let c = 0; c < BINARY; c++) {
      const b = u() < 0.2 + 0.1 * c ? 1 : 0;
      binary[c]![i] = b;
      risk += 0.2 * b;
    }
    const hazard = 1 / (1 + Math.exp(-risk));
    const month = Math.ceil(Math.log(u()) / Math.log(1 - hazard));
    followup[i] = censored && u() < 0.1 ? 12 + Math.floor(u() * 12) : 24;
    event[i] = month <= followup[i]! ? month : Number.NaN;
  }
  const columns: Record<string, Float64Array | string[]> = {
    arm,
    followup_months: followup,
    month_event: event,
    region,
  };
  numeric.forEach((c, j) => {
    columns[`x${j + 1}`] = c;
  });
  binary.forEach((c, j) => {
    columns[`b${j + 1}`] = c;
  });
  const covariates = [
    ...numeric.map((_, j) => `x${j + 1}`),
    ...binary.map((_, j) => `b${j + 1}`),
    'region',
  ];
  return { columns, covariates };
}

/** The clients as `<dir>/clients.csv` for R (NaN as NA); returns the path. */
export function writeClientsCsv(clients: Clients, dir: string): string {
  const names = Object.keys(clients.columns);
  const cols = names.map((k) => clients.columns[k]!);
  const n = cols[0]?.length ?? 0;
  const lines = [names.join(',')];
  for (let i = 0; i < n; i++) {
    lines.push(
      cols
        .map((c) => {
          const v = c[i]!;
          return typeof v === 'number' ? (Number.isNaN(v) ? 'NA' : String(v)) : v;
        })
        .join(','),
    );
  }
  const csv = join(dir, 'clients.csv');
  writeFileSync(csv, `${lines.join('\n')}\n`);
  return csv;
}

export function toTable(c: Clients): ColumnTable {
  // NaN marks "no event"; the library's missing value is null, so convert for the table.
  const event = Array.from(c.columns.month_event as Float64Array, (v) =>
    Number.isNaN(v) ? null : v,
  );
  return table({ ...c.columns, month_event: event });
}

/** Bytes of a table's columns: typed arrays by their buffers, other arrays at 8 bytes a slot. */
function tableMB(t: ColumnTable): number {
  let bytes = 0;
  for (const name of t.columnNames()) {
    const col: unknown = t.column(name);
    if (ArrayBuffer.isView(col)) bytes += col.byteLength;
    else if (Array.isArray(col)) bytes += 8 * col.length;
  }
  return bytes / 2 ** 20;
}

function ours(n: number, censored: boolean) {
  return async (): Promise<CaseResult> => {
    const clients = makeClients(n, censored);
    const data = toTable(clients);
    const before = memory();
    const load = loadavg()[0]!;
    const runs: number[] = [];
    const cpu: number[] = [];
    let ses: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const s = effectSeries(data, {
        event: 'month_event',
        months: 24,
        covariates: clients.covariates,
      });
      runs.push((performance.now() - t0) / 1000);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1e6);
      ses = s.months.map((m) => m.adjusted!.stdError);
      memory();
    }
    const after = memory();
    const peak = peakRssMB();
    return {
      seconds: median(runs),
      runs,
      peakRssMB: peak,
      baselineRssMB: before.rssMB,
      heapUsedMB: after.heapUsedMB,
      note: `effectSeries(table, { months: 24, covariates: ${clients.covariates.length} columns → 25 coefficients }), raw and adjusted (HC2), model matrix included${censored ? '; with censoring' : ''}; CPU s per run ${cpu.map((t) => t.toFixed(2)).join(', ')}; table ${tableMB(data).toFixed(0)} MB of column data, RSS before ${before.rssMB.toFixed(0)} MB, peak ÷ before ${(peak / before.rssMB).toFixed(2)}; load average ${load.toFixed(1)} on ${cpus().length} cores at the start`,
      // Censored data differ from the uncensored case: their SEs are not a cross-check.
      ...(censored ? {} : { check: ses }),
    };
  };
}

const R_SCRIPT = `
suppressPackageStartupMessages(library(estimatr))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
covs <- setdiff(names(d), c("arm", "followup_months", "month_event"))
f <- as.formula(paste("y ~ treatment +", paste(covs, collapse = " + ")))
d$treatment <- as.numeric(d$arm == "experiment")
runs <- as.integer(args[2])
times <- numeric(runs)
for (r in seq_len(runs)) {
  times[r] <- system.time({
    se <- numeric(24)
    for (m in 1:24) {
      s <- d[d$followup_months >= m, ]
      s$y <- as.numeric(!is.na(s$month_event) & s$month_event <= m)
      fit <- lm_robust(f, data = s, se_type = "HC2")
      se[m] <- fit$std.error["treatment"]
    }
  })[["elapsed"]]
}
cat("TIMES", times, "\\n")
cat("SE", sprintf("%.17g", se), "\\n")
`;

function estimatr(n: number, censored: boolean) {
  return async (): Promise<CaseResult> => {
    const missing = missingR('estimatr');
    if (missing) return skipped(missing);
    const clients = makeClients(n, censored);
    const dir = mkdtempSync(join(tmpdir(), 'effectmeting-series-'));
    try {
      const csv = writeClientsCsv(clients, dir);
      const script = join(dir, 'series.R');
      writeFileSync(script, R_SCRIPT);
      const runs = n > 500_000 ? 1 : RUNS;
      return runR(
        script,
        [csv, String(runs)],
        () =>
          '24 × lm_robust(y ~ treatment + covariates, se_type = "HC2") on the clients observed ≥ m months; CSV read not timed; peak RSS of the R process',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

const suite: BenchSuite = {
  title: 'Adjusted effect per month: 24 months × HC2 × 25 coefficients',
  description:
    'Synthetic clients (80/20 arms, 10 numeric and 6 binary covariates, an 8-level region; seeded xorshift). Our case runs the table-level effectSeries (model matrix, raw and adjusted effects); R runs one lm_robust per month. The SE check compares the 24 treatment SEs of R with ours on the same data.',
  cases: [
    {
      name: 'ours-200k',
      label: 'effectmeting effectSeries, 200,000 clients',
      run: ours(200_000, false),
    },
    {
      name: 'estimatr-200k',
      label: 'R estimatr 24 × lm_robust, 200,000 clients',
      run: estimatr(200_000, false),
    },
    {
      name: 'ours-1m',
      label: 'effectmeting effectSeries, 1,000,000 clients',
      compareWith: 'ours-1m',
      run: ours(1_000_000, false),
    },
    {
      name: 'estimatr-1m',
      label: 'R estimatr 24 × lm_robust, 1,000,000 clients',
      compareWith: 'ours-1m',
      run: estimatr(1_000_000, false),
    },
    {
      name: 'ours-200k-censored',
      label: 'effectmeting effectSeries, 200,000 clients, 10 % censored',
      compareWith: 'ours-200k',
      run: ours(200_000, true),
    },
  ],
};

export default suite;

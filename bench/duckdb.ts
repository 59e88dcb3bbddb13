/**
 * In-database bench: `npx tsx bench/duckdb.ts [clients]` (default 20,000,000).
 *
 * DuckDB writes a Parquet file of synthetic clients × 24 months of follow-up into a temporary
 * directory (deleted afterwards, never committed): arm (80/20), gender, age, education, prior
 * bijstand, 10 % censored follow-up, an event month from a covariate- and arm-dependent monthly
 * hazard, and an id column. Then `effectmeting/duckdb` runs on the file: the effect series
 * (24 months, 4 covariates, HC2), the outflow curves, an arm comparison and the balance table.
 * Reports each step's wall time and the Node process's peak RSS (VmHWM: DuckDB runs inside the
 * process, so its memory counts), and writes bench/results/duckdb.md.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { balanceTable, compareArms, cumulativeOutflow, effectSeries } from '../src/duckdb.js';

const clients = Number(process.argv[2] ?? 20_000_000);
const dir = mkdtempSync(join(os.tmpdir(), 'effectmeting-duckdb-bench-'));
const file = join(dir, 'clients.parquet');

/** Peak resident set size of this process so far (MB). */
function peakRssMB(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : process.memoryUsage().rss / 2 ** 20;
}

/** A uniform (0, 1) from the row number and a salt (reproducible, thread-independent). */
const u = (salt: number) => `((hash(i * 7 + ${salt}) % 1000000) + 0.5) / 1000000.0`;

const generate = `COPY (
  SELECT
    'C' || CAST(i AS VARCHAR) AS id,
    arm, gender, age, education, prior_bijstand, followup_months,
    CASE WHEN e <= followup_months THEN e ELSE NULL END AS month_bijstand,
    CASE WHEN e <= 12 AND followup_months >= 12 THEN 1 WHEN followup_months >= 12 THEN 0 ELSE NULL END AS bijstand_12
  FROM (
    SELECT i, arm, gender, age, education, prior_bijstand, followup_months,
      CAST(1 + FLOOR(-LN(${u(6)}) / (0.012 * (1 + prior_bijstand) * (CASE WHEN arm = 'experiment' THEN 0.85 ELSE 1 END)
        * (CASE education WHEN 'low' THEN 1.4 WHEN 'middle' THEN 1.0 ELSE 0.7 END) * (1 + (50 - age) / 100.0))) AS DOUBLE) AS e
    FROM (
      SELECT i,
        CASE WHEN ${u(1)} < 0.8 THEN 'experiment' ELSE 'control' END AS arm,
        CASE WHEN ${u(2)} < 0.55 THEN 'man' ELSE 'woman' END AS gender,
        CAST(18 + hash(i * 7 + 3) % 47 AS DOUBLE) AS age,
        CASE WHEN ${u(4)} < 0.3 THEN 'low' WHEN ${u(4)} < 0.7 THEN 'middle' ELSE 'high' END AS education,
        CASE WHEN ${u(5)} < 0.2 THEN 1.0 ELSE 0.0 END AS prior_bijstand,
        CASE WHEN ${u(7)} < 0.1 THEN CAST(1 + hash(i * 7 + 8) % 23 AS DOUBLE) ELSE 24.0 END AS followup_months
      FROM range(${clients}) AS t(i)
    ) a
  ) b
) TO '${file}' (FORMAT parquet)`;

const steps: { step: string; seconds: number; peakMB: number }[] = [];
async function timed<T>(step: string, f: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const out = await f();
  const seconds = (performance.now() - t) / 1000;
  steps.push({ step, seconds, peakMB: peakRssMB() });
  console.log(`${step}: ${seconds.toFixed(1)} s, peak RSS ${peakRssMB().toFixed(0)} MB`);
  return out;
}

const load = os.loadavg();
const instance = await DuckDBInstance.create(':memory:', {
  threads: '2',
  memory_limit: '1GB',
  temp_directory: join(dir, 'spill'),
});
const db = await instance.connect();
try {
  await timed(`generate ${clients.toLocaleString('en')} clients → Parquet (DuckDB COPY)`, () =>
    db.run(generate),
  );
  const mb = statSync(file).size / 2 ** 20;
  const source = { parquet: file };
  const covariates = ['gender', 'age', 'education', 'prior_bijstand'];
  const series = await timed('effectSeries: 24 months, 4 covariates (k = 7), HC2', () =>
    effectSeries(db, source, { event: 'month_bijstand', months: 24, covariates }),
  );
  const outflow = await timed('cumulativeOutflow: 24 months by arm (complete follow-up)', () =>
    cumulativeOutflow(db, source, { events: ['month_bijstand'], months: 24 }),
  );
  const arms = await timed('compareArms: bijstand by month 12, adjusted (HC2)', () =>
    compareArms(db, source, { outcomes: ['bijstand_12'], covariates }),
  );
  const balance = await timed('balanceTable: 4 covariates with the omnibus test (HC2)', () =>
    balanceTable(db, source, { covariates, arms: ['control', 'experiment'] }),
  );
  const m24 = series.months.at(-1)!;
  const total = steps.slice(1).reduce((s, x) => s + x.seconds, 0);
  const lines = [
    '# In-database bench (`bench/duckdb.ts`)',
    '',
    `\`npx tsx bench/duckdb.ts ${clients}\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}, DuckDB (\`@duckdb/node-api\`) with 2 threads and \`memory_limit = '1GB'\`. Load average at the start ${load.map((x) => x.toFixed(1)).join(' / ')} (1 / 5 / 15 min): the machine was shared with other jobs, so times are upper bounds.`,
    '',
    `Data: ${clients.toLocaleString('en')} synthetic clients × 24 months of follow-up (10 % censored), written by DuckDB itself to a ${mb.toFixed(0)} MB Parquet file in a temporary directory (deleted after the run).`,
    '',
    '| step | seconds | peak RSS of the Node process (MB) |',
    '| --- | ---: | ---: |',
    ...steps.map((s) => `| ${s.step} | ${s.seconds.toFixed(1)} | ${s.peakMB.toFixed(0)} |`),
    '',
    `The four analyses together: ${total.toFixed(1)} s; peak RSS ${peakRssMB().toFixed(0)} MB (DuckDB runs inside the Node process, so its buffers count).`,
    '',
    `Month 24: n = ${m24.nTreated.toLocaleString('en')} / ${m24.nControl.toLocaleString('en')}, shares ${(m24.shareTreated * 100).toFixed(2)} % / ${(m24.shareControl * 100).toFixed(2)} %, adjusted effect ${(m24.adjusted!.estimate * 100).toFixed(3)} pp (HC2 SE ${(m24.adjusted!.stdError * 100).toFixed(4)} pp). Outflow rows: ${outflow.rows.length}; arm comparison n = ${arms.outcomes[0]?.treatment.n.toLocaleString('en')} / ${arms.outcomes[0]?.control.n.toLocaleString('en')}; balance omnibus F = ${balance.omnibus[0]?.statistic.toFixed(3)}, p = ${balance.omnibus[0]?.pValue.toFixed(3)}. Withheld (threshold 10): ${series.suppressed.items.length + outflow.suppressed.items.length + arms.suppressed.items.length + balance.suppressed.items.length} items.`,
    '',
  ];
  if (clients === 20_000_000) {
    writeFileSync(new URL('./results/duckdb.md', import.meta.url), lines.join('\n'));
  }
  console.log(lines.join('\n'));
} finally {
  db.closeSync();
  rmSync(dir, { recursive: true, force: true });
}

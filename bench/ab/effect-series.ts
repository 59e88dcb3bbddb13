/**
 * A/B of `effectSeries` on a checkout given as the first argument (e.g. a `git worktree add
 * --detach` of the base commit with node_modules linked):
 * `node --expose-gc --import tsx bench/ab/effect-series.ts <checkout> [clients]`. The clients of
 * `bench/effect-series.bench.ts` (200,000 by default), uncensored and 10 % censored: for each,
 * the best and the median of five runs (wall seconds, after one warm-up run) and the adjusted
 * estimate and SE of months 12, 18 and 24 to 15 digits (the two checkouts must agree to
 * rounding). Run it for both checkouts, alternating, in the same minutes; docs/performance.md
 * quotes the runs. `… effect-series.ts <checkout> <clients> --csv` also writes the censored
 * clients to /tmp/clients.csv for `Rscript bench/ab/effect-series-censored.R`, which prints
 * lm_robust's estimate and HC2 SE for the same months. Not part of `npm run bench`.
 */
const root = process.argv[2]!;
const n = Number(process.argv[3] ?? 200_000);
const { makeClients, toTable } = (await import(
  `${root}/bench/effect-series.bench.ts`
)) as typeof import('../effect-series.bench.js');
if (process.argv[4] === '--csv') {
  const { writeClientsCsv } = (await import(
    `${root}/bench/effect-series.bench.ts`
  )) as typeof import('../effect-series.bench.js');
  console.log(`wrote ${writeClientsCsv(makeClients(n, true), '/tmp')}`);
}
const { effectSeries } = (await import(
  `${root}/src/analysis/effect-series.ts`
)) as typeof import('../../src/analysis/effect-series.js');

const gc = (globalThis as { gc?: () => void }).gc;
for (const censored of [false, true]) {
  const clients = makeClients(n, censored);
  const data = toTable(clients);
  const spec = { event: 'month_event', months: 24, covariates: clients.covariates };
  effectSeries(data, spec);
  const times: number[] = [];
  let result = effectSeries(data, spec);
  for (let r = 0; r < 5; r++) {
    gc?.();
    const t0 = performance.now();
    result = effectSeries(data, spec);
    times.push((performance.now() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  const months = [12, 18, 24].map((m) => {
    const a = result.months[m - 1]!.adjusted!;
    return `${m}: ${a.estimate.toPrecision(15)} ± ${a.stdError.toPrecision(15)}`;
  });
  console.log(
    `${censored ? 'censored  ' : 'uncensored'} n=${n} best ${times[0]!.toFixed(3)} s, median ${times[2]!.toFixed(3)} s; ${months.join('; ')}`,
  );
}

/**
 * A/B timing of randomisation inference on a checkout given as the first argument (e.g. a
 * `git worktree add --detach` of the base commit with node_modules linked), run for both
 * checkouts, alternating, in the same minutes; docs/performance.md quotes the runs. Not part of
 * `npm run bench`.
 * - `node --import tsx bench/ab/randomization.ts <checkout>`: randomizationTest, 10,000 draws,
 *   Den Haag decile 1, three runs.
 * - `node --import tsx bench/ab/randomization.ts <checkout> <csv> [draws]`: randomizationTests
 *   of both events of examples/analysis-config.json (its covariates, month 24, seed 1; default
 *   2,000 draws) on every client of the file (e.g. the bench's 200,000-row copy of the pilot,
 *   `bigCsv` in bench/analyze.bench.ts), two runs. Prints the seconds of each run and every
 *   p-value, so that two builds' draws can be compared.
 */
const root = process.argv[2]!;
const csv = process.argv[3];
const { loadTable } = await import(`${root}/src/node.ts`);
const out: string[] = [];
if (csv === undefined) {
  const { randomizationTest } = await import(`${root}/src/plan/index.ts`);
  const { DEN_HAAG_COVARIATES } = await import(`${root}/src/studies.ts`);
  const table = (await loadTable(`${root}/data/den-haag-pilot.csv`)).filter('d => d.decile === 1');
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    const ri = randomizationTest(table, {
      event: 'month_bijstand',
      month: 24,
      covariates: [...DEN_HAAG_COVARIATES],
      draws: 10_000,
      seed: 1,
    });
    out.push(`${((performance.now() - t0) / 1000).toFixed(3)} p=${ri.adjusted!.pValue}`);
  }
} else {
  const { randomizationTests } = await import(`${root}/src/plan/randomization-inference.ts`);
  const { readFileSync } = await import('node:fs');
  const here = new URL('../..', import.meta.url).pathname;
  const config = JSON.parse(readFileSync(`${here}/examples/analysis-config.json`, 'utf8'));
  const table = await loadTable(csv);
  const events = Object.values(config.events) as string[];
  for (let r = 0; r < 2; r++) {
    const t0 = performance.now();
    const results = randomizationTests(
      table,
      {
        arm: config.columns.arm,
        treatment: config.arms.treatment,
        control: config.arms.control,
        followup: config.columns.followup,
        covariates: config.covariates,
        month: 24,
        draws: Number(process.argv[4] ?? 2000),
        seed: 1,
      },
      events,
    );
    const p = results.map(
      (x: { itt: { pValue: number }; adjusted?: { pValue: number; pValueEstimate: number } }) =>
        `${x.itt.pValue}/${x.adjusted?.pValue}/${x.adjusted?.pValueEstimate}`,
    );
    out.push(`${((performance.now() - t0) / 1000).toFixed(3)} p=${p.join(',')}`);
  }
}
console.log(root, out.join(' | '));

/**
 * A/B timing of randomizationTest (10,000 draws, Den Haag decile 1) on a checkout given as the
 * first argument (e.g. a `git worktree add --detach` of the base commit with node_modules linked):
 * `node --import tsx bench/ab/randomization.ts <checkout>`. Run it for both checkouts, alternating,
 * in the same minutes; docs/performance.md quotes the 2026-12-02 runs. Not part of `npm run bench`.
 */
const root = process.argv[2]!;
const { loadTable } = await import(`${root}/src/node.ts`);
const { randomizationTest } = await import(`${root}/src/plan/index.ts`);
const { DEN_HAAG_COVARIATES } = await import(`${root}/src/studies.ts`);
const table = (await loadTable(`${root}/data/den-haag-pilot.csv`)).filter('d => d.decile === 1');
const out: string[] = [];
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
console.log(root, out.join(' | '));

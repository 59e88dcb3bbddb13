/**
 * A/B timing of simulateDesign (den-haag 978 / 240, 150 replicates, 1 worker) on a checkout given
 * as the first argument: `node --import tsx bench/ab/simulation.ts <checkout>`; run for both
 * checkouts in the same minutes. Not part of `npm run bench`.
 */
const root = process.argv[2]!;
const { simulateDesign } = await import(`${root}/src/plan/index.ts`);
const { DEN_HAAG_MODEL } = await import(`${root}/src/studies.ts`);
const { cpuUsage } = process;
const c0 = cpuUsage();
const t0 = performance.now();
const sim = await simulateDesign(
  { model: DEN_HAAG_MODEL, nTreatment: 978, nControl: 240 },
  { replicates: 150, seed: 1, workers: 1, progress: false },
);
const c = cpuUsage(c0);
console.log(
  root,
  ((performance.now() - t0) / 1000).toFixed(2),
  's wall',
  ((c.user + c.system) / 1e6).toFixed(2),
  's cpu',
  sim.months[23].adjusted.power,
);

/**
 * Planning and design-based inference on the Den Haag pilot: 10,000 randomisation draws of the
 * adjusted month-24 effect on decile 1 (data/den-haag-pilot.csv, ten covariates), and a
 * 1,000-replicate power simulation of the pilot design (the calibrated den-haag model, 978 / 240,
 * 24 months, raw and adjusted effect per month) with 1 and 2 worker threads; and 200 draws on
 * 200,000 clients (the pilot's clients repeated with new ids, every decile), so that the
 * per-draw cost at scale is measured.
 * Run with `node --expose-gc --import tsx bench/run.ts plan`.
 */
import { fileURLToPath } from 'node:url';
import { loadTable } from '../src/data/index.js';
import { randomizationTest, simulateDesign } from '../src/plan/index.js';
import { DEN_HAAG_COVARIATES, DEN_HAAG_MODEL } from '../src/studies.js';
import { bigCsv } from './analyze.bench.js';
import { type BenchSuite, type CaseResult, median, memory, peakRssMB } from './run.js';

const DATA = fileURLToPath(new URL('../data/den-haag-pilot.csv', import.meta.url));

async function randomization(): Promise<CaseResult> {
  const table = (await loadTable(DATA)).filter('d => d.decile === 1');
  const before = memory();
  const runs: number[] = [];
  let p = 0;
  for (let r = 0; r < 2; r++) {
    const t0 = performance.now();
    const ri = randomizationTest(table, {
      event: 'month_bijstand',
      month: 24,
      covariates: [...DEN_HAAG_COVARIATES],
      draws: 10_000,
      seed: 1,
    });
    runs.push((performance.now() - t0) / 1000);
    p = ri.adjusted!.pValue;
  }
  const after = memory();
  return {
    seconds: median(runs),
    runs,
    peakRssMB: peakRssMB(),
    baselineRssMB: before.rssMB,
    heapUsedMB: after.heapUsedMB,
    note: `randomizationTest, decile 1 (1,167 clients observed 24 months, 23 coefficients), 10,000 complete re-randomisations, raw and adjusted (HC2, FWL) statistics; adjusted p = ${p.toFixed(4)}`,
    check: [p],
  };
}

/** Clients of the large randomisation case and its draws. */
const LARGE_N = 200_000;
const LARGE_DRAWS = 200;

async function randomizationLarge(): Promise<CaseResult> {
  const table = await loadTable(bigCsv(LARGE_N));
  const spec = {
    event: 'month_bijstand',
    month: 24,
    covariates: [...DEN_HAAG_COVARIATES],
    draws: LARGE_DRAWS,
    seed: 1,
  };
  const before = memory();
  const runs: number[] = [];
  let p = 0;
  let n = 0;
  for (let r = 0; r < 2; r++) {
    const t0 = performance.now();
    const ri = randomizationTest(table, spec);
    runs.push((performance.now() - t0) / 1000);
    p = ri.adjusted!.pValue;
    n = ri.n;
  }
  const after = memory();
  const seconds = median(runs);
  return {
    seconds,
    runs,
    peakRssMB: peakRssMB(),
    baselineRssMB: before.rssMB,
    heapUsedMB: after.heapUsedMB,
    note: `randomizationTest on ${LARGE_N.toLocaleString('en')} clients (the pilot's repeated, ${n.toLocaleString('en')} observed 24 months), ${LARGE_DRAWS} complete re-randomisations, raw and adjusted (HC2, FWL): ${((seconds * 1000) / LARGE_DRAWS).toFixed(1)} ms per draw incl. the one-off preparation; adjusted p = ${p.toFixed(4)}`,
    check: [p],
  };
}

function simulation(workers: number) {
  return async (): Promise<CaseResult> => {
    const before = memory();
    const t0 = performance.now();
    const sim = await simulateDesign(
      { model: DEN_HAAG_MODEL, nTreatment: 978, nControl: 240 },
      { replicates: 1000, seed: 1, workers, progress: false },
    );
    const seconds = (performance.now() - t0) / 1000;
    const after = memory();
    const m24 = sim.months[23]!;
    return {
      seconds,
      runs: [seconds],
      peakRssMB: peakRssMB(),
      baselineRssMB: before.rssMB,
      heapUsedMB: after.heapUsedMB,
      note: `simulateDesign(den-haag, 978 / 240, 1,000 replicates × 24 months), ${workers} worker${workers > 1 ? 's' : ''} (incl. start-up and the 200,000-client truth); month 24: power raw ${m24.raw.power.toFixed(3)}, adjusted ${m24.adjusted!.power.toFixed(3)}, coverage adjusted ${m24.adjusted!.coverage.toFixed(3)}`,
      check: [m24.raw.power, m24.adjusted!.power, m24.adjusted!.coverage],
    };
  };
}

const suite: BenchSuite = {
  title: 'Planning: randomisation inference and power simulation (Den Haag decile 1)',
  description:
    '10,000 randomisation draws of the adjusted month-24 effect on decile 1; 200 draws on 200,000 clients (per-draw cost at scale); 1,000-replicate simulation of the pilot design with 1 and 2 worker threads. Peak RSS includes the worker threads (one process).',
  cases: [
    { name: 'ri-10k', label: 'randomisation inference, 10,000 draws', run: randomization },
    {
      name: 'ri-200k-clients',
      label: 'randomisation inference, 200,000 clients, 200 draws',
      compareWith: 'ri-200k-clients',
      run: randomizationLarge,
    },
    { name: 'sim-1w', label: 'power simulation, 1,000 replicates, 1 worker', run: simulation(1) },
    { name: 'sim-2w', label: 'power simulation, 1,000 replicates, 2 workers', run: simulation(2) },
  ],
};

export default suite;

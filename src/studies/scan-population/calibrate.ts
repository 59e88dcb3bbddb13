/**
 * Calibration of the synthetic scan populations (`generator.ts`); procedure in
 * `docs/synthetic-data.md`.
 *
 *   npx tsx scripts/calibrate-scan-population.ts shape   # intercept, scale, weights on the
 *                                                        # expected margins (true probabilities)
 *   npx tsx scripts/calibrate-scan-population.ts seed    # seeds: fit the scan, check the margins
 *   npx tsx scripts/calibrate-scan-population.ts report  # the committed parameters' margins
 */
import type { Log } from '../shared/log.js';
import {
  generateScanPopulation,
  type ScanPopulationParams,
  scanFeatures,
  scanTrueRisk,
} from './generator.js';
import { SCAN_POPULATION_2023, SCAN_POPULATION_2024 } from './params.js';
import { SCAN_POPULATION_TARGETS as TARGET } from './targets.js';

/** Expected margins when the scan equals the true probabilities. */
function expected(p: Float64Array): {
  capture10: number;
  capture20: number;
  mean: number;
  p90: number;
} {
  const s = Float64Array.from(p).sort().reverse();
  let total = 0;
  for (const x of s) total += x;
  const n = s.length;
  let c10 = 0;
  let c20 = 0;
  for (let i = 0; i < Math.floor(n / 5); i++) {
    if (i < Math.floor(n / 10)) c10 += s[i]!;
    c20 += s[i]!;
  }
  return {
    capture10: c10 / total,
    capture20: c20 / total,
    mean: total / n,
    p90: s[Math.floor(n / 10)]!,
  };
}

type Free = 'scale' | 'priorWeight' | 'supplementWeight' | 'monthsLeftWeight';
const FREE: Free[] = ['scale', 'priorWeight', 'supplementWeight', 'monthsLeftWeight'];

/** The intercept that gives the target mean (bisection; the mean is increasing in it). */
function solveIntercept(
  f: ReturnType<typeof scanFeatures>,
  p: ScanPopulationParams,
): ScanPopulationParams {
  let lo = -12;
  let hi = 4;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    const r = scanTrueRisk(f, { ...p, intercept: mid });
    let m = 0;
    for (const x of r) m += x;
    if (m / r.length < TARGET.mean) lo = mid;
    else hi = mid;
  }
  return { ...p, intercept: (lo + hi) / 2 };
}

function loss(m: ReturnType<typeof expected>): number {
  return (
    ((m.capture10 - TARGET.capture10) / 0.005) ** 2 +
    ((m.capture20 - TARGET.capture20) / 0.005) ** 2 +
    ((m.mean - TARGET.mean) / 0.0003) ** 2 +
    ((m.p90 - TARGET.p90) / 0.001) ** 2
  );
}

function shape(start: ScanPopulationParams, log: Log): ScanPopulationParams {
  const f = scanFeatures(start);
  let best = solveIntercept(f, start);
  let bestLoss = loss(expected(scanTrueRisk(f, best)));
  let step = 0.2;
  for (let round = 0; round < 60 && step > 0.002; round++) {
    let improved = false;
    for (const k of FREE) {
      for (const dir of [1, -1]) {
        const trial = solveIntercept(f, {
          ...best,
          [k]: best[k] + dir * step * (k === 'monthsLeftWeight' ? 0.1 : 1),
        });
        const l = loss(expected(scanTrueRisk(f, trial)));
        if (l < bestLoss) {
          best = trial;
          bestLoss = l;
          improved = true;
        }
      }
    }
    if (!improved) step /= 2;
  }
  const m = expected(scanTrueRisk(f, best));
  log(JSON.stringify({ loss: bestLoss, ...m }));
  const rounded = Object.fromEntries(
    ['intercept', ...FREE].map((k) => [k, Math.round(best[k as Free] * 1e4) / 1e4]),
  );
  log(JSON.stringify(rounded));
  return best;
}

async function fitted(p: ScanPopulationParams) {
  const { fitScan, gainsTable, scoreClients } = await import('../../scan/index.js');
  const rows = generateScanPopulation(p);
  // The rows are plain records; the interface only lacks an index signature.
  const data = rows as unknown as readonly Record<string, unknown>[];
  const scan = fitScan(data);
  const scores = scoreClients(scan.model, data);
  const y = rows.map((r) => r.bijstand);
  const g = gainsTable(scores, y);
  const sorted = Float64Array.from(scores).sort();
  return {
    seed: p.seed,
    mean: y.reduce((a: number, b) => a + b, 0) / y.length,
    capture10: g.capture10,
    capture20: g.capture20,
    p90: sorted[Math.floor(0.9 * sorted.length)]!,
    below7: sorted.filter((s) => s < 0.07).length / sorted.length,
  };
}

/**
 * Runs one calibration stage (`args[0]`: `shape`, `seed` or `report`, the default) and prints
 * what it found.
 *
 * @example
 * await calibrateScanPopulation(['report'], log);
 */
export async function calibrateScanPopulation(args: readonly string[], log: Log): Promise<void> {
  const stage = args[0] ?? 'report';
  if (stage === 'shape') {
    shape(SCAN_POPULATION_2023, log);
  } else if (stage === 'seed') {
    const from = Number(args[1] ?? 1);
    const to = Number(args[2] ?? from + 9);
    for (let seed = from; seed <= to; seed++) {
      const r = await fitted({ ...SCAN_POPULATION_2023, seed });
      const ok =
        Math.round(r.capture10 * 100) === 63 &&
        Math.round(r.capture20 * 100) === 77 &&
        Math.round(r.mean * 1000) === 37 &&
        r.p90 >= 0.07;
      log(JSON.stringify({ ...r, ok }));
    }
  } else {
    log('2023', JSON.stringify(await fitted(SCAN_POPULATION_2023)));
    log('2024 (own fit)', JSON.stringify(await fitted(SCAN_POPULATION_2024)));
  }
}

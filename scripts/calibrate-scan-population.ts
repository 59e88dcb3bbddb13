/**
 * `npx tsx scripts/calibrate-scan-population.ts [shape|seed [from to]|report]`: the scan
 * population calibration (`src/studies/scan-population/calibrate.ts`).
 */
import { calibrateScanPopulation } from '../src/studies/scan-population/calibrate.js';

await calibrateScanPopulation(process.argv.slice(2), console.log);

/**
 * `npx tsx scripts/calibrate-den-haag.ts [stage] [args]`: the Den Haag calibration
 * (`src/studies/den-haag-pilot/calibrate.ts`; stages listed there).
 */
import { calibrateDenHaag } from '../src/studies/den-haag-pilot/calibrate.js';

calibrateDenHaag(process.argv.slice(2), console.log);

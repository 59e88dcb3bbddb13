/**
 * `npx tsx scripts/calibrate-intensive-2012.ts <stage> [args]`: the 2012–2013 calibration
 * (`src/studies/intensive-2012/calibrate.ts`; stages listed there).
 */
import { calibrateIntensive2012 } from '../src/studies/intensive-2012/calibrate.js';

await calibrateIntensive2012(process.argv.slice(2), console.log);

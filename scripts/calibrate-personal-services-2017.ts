/**
 * `npx tsx scripts/calibrate-personal-services-2017.ts [stage]`: the personal-services
 * calibration (`src/studies/personal-services-2017/calibrate.ts`; stages listed there).
 */
import { calibratePersonalServices2017 } from '../src/studies/personal-services-2017/calibrate.js';

calibratePersonalServices2017(process.argv.slice(2), console.log);

// The Den Haag pilot "WW (niet) naar bijstand", reproduced from the synthetic reconstruction.
// The same lines run on a real extract with these columns. Run: npx tsx examples/den-haag-pilot.ts

import { oneIn } from 'effectmeting/kernels';
import { loadTable } from 'effectmeting/node';
import { denHaagPilot, pilotMarkdown } from 'effectmeting/studies';

const clients = await loadTable('data/den-haag-pilot.csv'); // synthetic: not real people

const result = denHaagPilot(clients); // audit, Table 2, Figures 2a/2b, significance, policy figures
console.log(pilotMarkdown(result));

// Single figures are plain data.
const { final, impact, significance } = result;
console.log(`month 24: adjusted effect ${(100 * final.adjusted).toFixed(1)} pp`);
console.log(`significant at 5 % from month ${significance.at05.from}`);
console.log(
  `${Math.round(impact.prevented.value)} prevented; ${oneIn(impact.trajectoriesPerSuccess!.value)}`,
);

/**
 * Personal services in WW, 2017–2018: the three-arm experiment (80 % service, 10 % control
 * with enforcement, 10 % control without) on the synthetic reconstruction.
 * Run: `npx tsx examples/personal-services-2017.ts`
 */
import { formatEstimate } from 'effectmeting';
import { loadTable } from 'effectmeting/node';
import { personalServices2017 } from 'effectmeting/studies';

const table = await loadTable('data/personal-services-2017.csv');
const r = personalServices2017(table);

console.log(`Sample ratio vs 80/10/10: p = ${r.assignment.pValue.toFixed(3)}`);
for (const c of Object.values(r.comparisons)) {
  const job = c.atMonth.jobFinding.raw;
  const ww = c.atMonth.wwReliance.raw;
  console.log(`${c.label}: job-finding ${formatEstimate(job)}, WW reliance ${formatEstimate(ww)}`);
}

// The 2012–2013 experiment "intensive versus basic services", reproduced from the synthetic
// reconstruction. The same lines run on a real extract with these columns.
// Run: npx tsx examples/intensive-2012.ts
import { loadTable } from 'effectmeting/node';
import { intensive2012, intensive2012Markdown } from 'effectmeting/studies';

// One row per client. Keep the BSN as text: its leading zeros and last digit matter.
const clients = await loadTable('data/intensive-vs-basic-2012.csv', { stringColumns: ['bsn'] });

const result = intensive2012(clients); // audit, Tables 4.1–5.4, Annex B.1
console.log(intensive2012Markdown(result)); // the report's tables; no BSN is printed

// Single figures are plain data: the net effect on any exit within 12 months.
const m12 = result.exit.any.plain.months.find((m) => m.month === 12)!;
console.log(`any exit within 12 months: ${(100 * m12.raw.estimate).toFixed(1)} pp${m12.raw.stars}`);

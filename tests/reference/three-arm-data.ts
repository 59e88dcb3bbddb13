// Writes tests/reference/three-arm.csv, the input of tests/reference/three-arm.R: 3,000 clients
// of the synthetic 2017–2018 personal-services experiment (three arms, 80/10/10), from its
// generator with the study's seeds and n = 3,000 (no id column).
// Re-run from the repository root: npx tsx tests/reference/three-arm-data.ts
import { writeFileSync } from 'node:fs';
import {
  generatePersonalServices2017,
  PERSONAL_SERVICES_2017_PARAMS,
  PERSONAL_SERVICES_2017_SEEDS,
} from '../../src/studies.js';

/** The fixture's rows: the generator's clients without id and inflow date. */
export function threeArmRows() {
  return generatePersonalServices2017(PERSONAL_SERVICES_2017_SEEDS, {
    ...PERSONAL_SERVICES_2017_PARAMS,
    n: 3000,
  }).map(({ id: _id, inflow_date: _day, ...rest }) => rest);
}

if (process.argv[1]?.endsWith('three-arm-data.ts')) {
  const rows = threeArmRows();
  const columns = Object.keys(rows[0]!);
  const cell = (v: unknown) => (v === null ? '' : String(v));
  const lines = [
    columns.join(','),
    ...rows.map((r) => columns.map((c) => cell((r as Record<string, unknown>)[c])).join(',')),
  ];
  writeFileSync(new URL('./three-arm.csv', import.meta.url), `${lines.join('\n')}\n`);
}

/**
 * `npm run data`: writes every study's `data/*` files from their generators (the registry in
 * `src/studies/registry.ts`) and `data/SHA256SUMS` (`sha256sum -c` format). Byte-for-byte
 * reproducible.
 */

import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { studyDatasets } from '../src/studies/registry.js';

const dir = join(import.meta.dirname, '..', 'data');
const sums: string[] = [];
for (const d of studyDatasets()) {
  const text = d.generate();
  writeFileSync(join(dir, d.file), text);
  const hash = createHash('sha256').update(text).digest('hex');
  sums.push(`${hash}  ${d.file}`);
  console.log(`${d.file}: ${text.length} bytes, sha256 ${hash}`);
}
sums.sort((a, b) => (a.slice(66) < b.slice(66) ? -1 : 1));
writeFileSync(join(dir, 'SHA256SUMS'), `${sums.join('\n')}\n`);

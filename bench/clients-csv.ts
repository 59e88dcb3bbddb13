/**
 * The 1,000,000-client CSV of the effect-series bench (≈ 227 MB: 20 columns, 17-digit doubles,
 * `NA` for no event) on disk for the loading benches, written once by a child process so that
 * the generator's memory never counts in a case's peak RSS. `node --import tsx
 * bench/clients-csv.ts <n> <path>` writes it; {@link clientsCsv} returns its path.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { makeClients, writeClientsCsv } from './effect-series.bench.js';

const here = dirname(fileURLToPath(import.meta.url));

/** Path of the CSV of `n` clients (made if absent, in the system's temp directory). */
export function clientsCsv(n: number): string {
  const path = join(tmpdir(), `effectmeting-bench-clients-${n}.csv`);
  if (!existsSync(path)) {
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(here, 'clients-csv.ts'), String(n), path],
      { stdio: 'inherit' },
    );
    if (child.status !== 0) throw new Error(`could not write ${path}`);
  }
  return path;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const n = Number(process.argv[2]);
  const path = process.argv[3]!;
  const written = writeClientsCsv(makeClients(n, false), dirname(path));
  const { renameSync } = await import('node:fs');
  renameSync(written, path);
}

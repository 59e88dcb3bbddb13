/**
 * Timing a command in its own process (the built CLI, or bare `node` as the anchor): wall time
 * of each run and the peak RSS of the process (`/usr/bin/time -f %M`), for the start-up and
 * end-to-end benches.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CaseResult, median } from './run.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The built CLI. */
export const CLI = join(root, 'dist', 'cli', 'main.js');

/** Builds dist/ (tsc) unless dist/cli/main.js is newer than src/cli/main.ts; not timed. */
export function ensureBuild(): void {
  const src = join(root, 'src', 'cli', 'main.ts');
  if (existsSync(CLI) && statSync(CLI).mtimeMs > statSync(src).mtimeMs) return;
  const out = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (out.status !== 0) throw new Error('npm run build failed');
}

/**
 * Runs `node …args` `runs` times; returns the wall times, the largest peak RSS and `note`.
 * A failing run throws with its stderr.
 */
export function timeNode(args: readonly string[], runs: number, note: string): CaseResult {
  const times: number[] = [];
  let peakKb = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const out = spawnSync('/usr/bin/time', ['-f', 'PEAKKB %M', process.execPath, ...args], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 2 ** 28,
    });
    times.push((performance.now() - t0) / 1000);
    if (out.status !== 0)
      throw new Error(`node ${args.join(' ')} failed: ${out.stderr.slice(-500)}`);
    const kb = Number(/PEAKKB (\d+)/.exec(out.stderr)?.[1]);
    if (Number.isFinite(kb)) peakKb = Math.max(peakKb, kb);
  }
  return {
    seconds: median(times),
    runs: times,
    peakRssMB: peakKb / 1024,
    baselineRssMB: Number.NaN,
    note,
  };
}

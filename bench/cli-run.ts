/**
 * Timing a command in its own process (the built CLI, or bare `node` as the anchor): wall time
 * of each run and the peak RSS of the process (`/usr/bin/time -f %M`), for the start-up and
 * end-to-end benches.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CaseResult, median } from './run.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The built CLI. */
export const CLI = join(root, 'dist', 'cli', 'main.js');

/** The newest modification time of a file under `dir`. */
function newest(dir: string): number {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return t;
}

/**
 * Builds dist/ (`npm run build`: tsc, then the CLI bundle) unless dist/cli/main.js is newer than
 * every file of src/; not timed.
 */
export function ensureBuild(): void {
  if (existsSync(CLI) && statSync(CLI).mtimeMs > newest(join(root, 'src'))) return;
  const out = spawnSync('npm', ['run', 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (out.status !== 0) throw new Error('npm run build failed');
}

/**
 * Runs `node …args` `runs` times; returns the wall times, the largest peak RSS and `note`
 * followed by the median CPU time (user + system) of the runs: on a loaded machine the wall time
 * is mostly waiting for a core, the CPU time is what the process itself costs.
 * A failing run throws with its stderr.
 */
export function timeNode(args: readonly string[], runs: number, note: string): CaseResult {
  const times: number[] = [];
  const cpu: number[] = [];
  let peakKb = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const out = spawnSync(
      '/usr/bin/time',
      ['-f', 'PEAKKB %M CPU %U %S', process.execPath, ...args],
      {
        cwd: root,
        encoding: 'utf8',
        maxBuffer: 2 ** 28,
      },
    );
    times.push((performance.now() - t0) / 1000);
    if (out.status !== 0)
      throw new Error(`node ${args.join(' ')} failed: ${out.stderr.slice(-500)}`);
    const kb = Number(/PEAKKB (\d+)/.exec(out.stderr)?.[1]);
    if (Number.isFinite(kb)) peakKb = Math.max(peakKb, kb);
    const used = /CPU ([\d.]+) ([\d.]+)/.exec(out.stderr);
    if (used) cpu.push(Number(used[1]) + Number(used[2]));
  }
  return {
    seconds: median(times),
    runs: times,
    peakRssMB: peakKb / 1024,
    baselineRssMB: Number.NaN,
    note: cpu.length === runs ? `${note}; CPU (user + system) ${median(cpu).toFixed(2)} s` : note,
  };
}

/**
 * Running R beside a benchmark: whether Rscript with a package is here, and running a script
 * under /usr/bin/time that prints `KEY values…` lines (TIMES, SE, …) read back as fields.
 */
import { spawnSync } from 'node:child_process';
import { type CaseResult, median } from './run.js';

/** Why R cannot run the case here, or `undefined` when Rscript has `pkg`. */
export function missingR(pkg: string): string | undefined {
  const v = spawnSync('Rscript', ['-e', `cat(requireNamespace("${pkg}", quietly = TRUE))`], {
    encoding: 'utf8',
  });
  if (v.error || v.status !== 0) return 'Rscript not on PATH';
  if (!v.stdout.includes('TRUE')) return `R package ${pkg} not installed`;
  return undefined;
}

/** A case that could not run, with the reason. */
export function skipped(reason: string): CaseResult {
  return { seconds: Number.NaN, runs: [], peakRssMB: 0, baselineRssMB: 0, skipped: reason };
}

/**
 * Runs `Rscript script …args` under `/usr/bin/time` and returns the case result: `TIMES` (the
 * timed runs, seconds), the peak RSS of the R process, `SE` as the cross-check, and `field` to
 * read any other printed line. A failed run is returned as skipped with R's last output.
 */
export function runR(
  script: string,
  args: readonly string[],
  note: (field: (key: string) => string | undefined) => string,
): CaseResult {
  const out = spawnSync('/usr/bin/time', ['-f', 'PEAKKB %M', 'Rscript', script, ...args], {
    encoding: 'utf8',
    maxBuffer: 2 ** 24,
  });
  const text = `${out.stdout}\n${out.stderr}`;
  const field = (key: string) =>
    text
      .split('\n')
      .find((l) => l.startsWith(key))
      ?.slice(key.length)
      .trim();
  const times = (field('TIMES') ?? '').split(/\s+/).map(Number);
  if (out.status !== 0 || times.some((t) => !Number.isFinite(t))) {
    return skipped(`R failed: ${text.slice(-300)}`);
  }
  const peakKb = Number(field('PEAKKB'));
  return {
    seconds: median(times),
    runs: times,
    peakRssMB: Number.isFinite(peakKb) ? peakKb / 1024 : Number.NaN,
    baselineRssMB: Number.NaN,
    note: note(field),
    check: (field('SE') ?? '').split(/\s+/).map(Number),
  };
}

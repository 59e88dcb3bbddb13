/**
 * Benchmark runner: `npm run bench` (= node --expose-gc --import tsx bench/run.ts).
 *
 * Runs every `bench/*.bench.ts`. Each file default-exports a {@link BenchSuite}; every case runs
 * in its own child process so that its peak RSS is its own. Results go to
 * `bench/results/latest.json` and a Markdown summary `bench/results/latest.md`.
 *
 * `node --expose-gc --import tsx bench/run.ts ols` runs only the suites whose file name contains
 * "ols"; the other suites' last results are kept in latest.json/.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** What one case measured. `seconds` is the median of `runs`. */
export interface CaseResult {
  readonly seconds: number;
  readonly runs: readonly number[];
  /** Peak resident set size of the case's process (MB), incl. its data. */
  readonly peakRssMB: number;
  /** RSS after generating the data, before the timed code (MB). */
  readonly baselineRssMB: number;
  /** V8 heap in use right after the timed code, results still alive (MB). */
  readonly heapUsedMB?: number;
  readonly note?: string;
  /** Set when the case could not run here (e.g. no Rscript on PATH). */
  readonly skipped?: string;
  /** Numbers to cross-check between cases (e.g. standard errors). */
  readonly check?: readonly number[];
}

/** One timed contender. */
export interface BenchCase {
  readonly name: string;
  readonly label: string;
  /**
   * The earlier case this one is compared with (time ratio and check values); default the first
   * case. Naming a case that has not run yet (e.g. itself) means no comparison.
   */
  readonly compareWith?: string;
  run(): Promise<CaseResult>;
}

/** A benchmark file's default export. The first case is the reference for the ratios. */
export interface BenchSuite {
  readonly title: string;
  readonly description: string;
  readonly cases: readonly BenchCase[];
}

interface SuiteResult {
  readonly file: string;
  readonly title: string;
  readonly description: string;
  readonly cases: readonly (CaseResult & {
    name: string;
    label: string;
    /** Fastest run (the runner fills it in from `runs`). */
    best?: number;
    /** best / best of the first case. */
    ratio?: number;
    maxRelDiffCheck?: number;
    comparedWith?: string;
  })[];
}

const here = dirname(fileURLToPath(import.meta.url));
const MARK = 'BENCH_RESULT ';

/** Median of a non-empty list. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Current RSS and heap in MB, after a full GC when available (--expose-gc). */
export function memory(): { rssMB: number; heapUsedMB: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { rssMB: m.rss / 2 ** 20, heapUsedMB: m.heapUsed / 2 ** 20 };
}

/** Peak RSS of this process so far, MB. */
export function peakRssMB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

async function runCase(file: string, name: string): Promise<void> {
  const suite = (await import(pathToFileURL(join(here, file)).href)).default as BenchSuite;
  const c = suite.cases.find((x) => x.name === name);
  if (!c) throw new Error(`no case ${name} in ${file}`);
  const result = await c.run();
  process.stdout.write(`${MARK}${JSON.stringify(result)}\n`);
}

function fmt(x: number | undefined, digits = 2): string {
  return x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(digits);
}

function markdown(results: readonly SuiteResult[], machine: Record<string, unknown>): string {
  const lines = [
    '# Benchmark results',
    '',
    `Run ${machine.date} on ${machine.cpus} × ${machine.cpu}, ${machine.memoryGB} GB RAM, Node ${machine.node}, ${machine.platform}.`,
    '',
  ];
  for (const s of results) {
    lines.push(`## ${s.title}`, '', s.description, '');
    lines.push(
      '| contender | best s | median s | runs | best ÷ compared case’s best | peak RSS MB | RSS before MB | heap after MB | note |',
    );
    lines.push('|---|---:|---:|---|---:|---:|---:|---:|---|');
    for (const c of s.cases) {
      if (c.skipped) {
        lines.push(`| ${c.label} | skipped | | | | | | | ${c.skipped} |`);
        continue;
      }
      lines.push(
        `| ${c.label} | ${fmt(c.best, 3)} | ${fmt(c.seconds, 3)} | ${c.runs.map((r) => r.toFixed(3)).join(', ')} | ${c.ratio === undefined ? '–' : `${fmt(c.ratio)} (vs ${c.comparedWith ?? 'first case'})`} | ${fmt(c.peakRssMB, 0)} | ${fmt(c.baselineRssMB, 0)} | ${fmt(c.heapUsedMB, 0)} | ${[c.note, c.maxRelDiffCheck === undefined ? undefined : `check values vs ${c.comparedWith ?? 'first case'}: max rel. diff ${c.maxRelDiffCheck.toExponential(1)}`].filter(Boolean).join('; ')} |`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--case') {
    await runCase(args[1]!, args[2]!);
    return;
  }
  const filter = args[0];
  const files = readdirSync(here)
    .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
    .sort();
  const results: SuiteResult[] = [];
  for (const file of files) {
    const suite = (await import(pathToFileURL(join(here, file)).href)).default as BenchSuite;
    console.log(`# ${suite.title}`);
    const cases: SuiteResult['cases'][number][] = [];
    for (const c of suite.cases) {
      const child = spawnSync(
        process.execPath,
        ['--expose-gc', '--import', 'tsx', join(here, 'run.ts'), '--case', file, c.name],
        { encoding: 'utf8', maxBuffer: 64 * 2 ** 20, stdio: ['ignore', 'pipe', 'inherit'] },
      );
      const line = child.stdout.split('\n').find((l) => l.startsWith(MARK));
      if (child.status !== 0 || !line) {
        console.log(`  ${c.label}: failed (exit ${child.status})`);
        cases.push({
          name: c.name,
          label: c.label,
          seconds: Number.NaN,
          runs: [],
          peakRssMB: 0,
          baselineRssMB: 0,
          skipped: `failed (exit ${child.status})`,
        });
        continue;
      }
      const r = JSON.parse(line.slice(MARK.length)) as CaseResult;
      const first =
        c.compareWith === undefined ? cases[0] : cases.find((x) => x.name === c.compareWith);
      // Ratios use the fastest run: interference from other processes only ever adds time.
      const best = r.runs.length > 0 ? Math.min(...r.runs) : undefined;
      const ratio =
        first?.best !== undefined && best !== undefined && !r.skipped
          ? best / first.best
          : undefined;
      let maxRelDiffCheck: number | undefined;
      if (first?.check && r.check && first.check.length === r.check.length) {
        const reference = first.check;
        maxRelDiffCheck = Math.max(
          ...r.check.map((v, i) => Math.abs(v - reference[i]!) / Math.abs(reference[i]!)),
        );
      }
      cases.push({
        ...r,
        name: c.name,
        label: c.label,
        best,
        ratio,
        maxRelDiffCheck,
        ...(first ? { comparedWith: first.name } : {}),
      });
      console.log(
        r.skipped
          ? `  ${c.label}: skipped (${r.skipped})`
          : `  ${c.label}: best ${best?.toFixed(3)} s, median ${r.seconds.toFixed(3)} s${ratio ? ` (× ${ratio.toFixed(2)})` : ''}, peak RSS ${r.peakRssMB.toFixed(0)} MB`,
      );
    }
    results.push({ file, title: suite.title, description: suite.description, cases });
  }
  const machine = {
    date: new Date().toISOString(),
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
  const outDir = join(here, 'results');
  mkdirSync(outDir, { recursive: true });
  // A filtered run keeps the previous results of the suites it did not run.
  const latest = join(outDir, 'latest.json');
  if (filter && existsSync(latest)) {
    const previous = JSON.parse(readFileSync(latest, 'utf8')) as { results?: SuiteResult[] };
    const kept = (previous.results ?? []).filter((r) => !files.includes(r.file));
    results.unshift(...kept);
    results.sort((a, b) => a.file.localeCompare(b.file));
  }
  writeFileSync(latest, `${JSON.stringify({ machine, results }, null, 2)}\n`);
  writeFileSync(join(outDir, 'latest.md'), `${markdown(results, machine)}\n`);
  console.log(`wrote ${join('bench', 'results', 'latest.json')} and latest.md`);
}

// Only when run as the entry point: bench files import the helpers above. Not awaited at top
// level: a bench file importing this module while it awaited would deadlock the module graph.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}

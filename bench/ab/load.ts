/**
 * A/B check of `loadTable` on the 1,000,000-client CSV of bench/load.bench.ts (issue 18) against
 * a base checkout: `node --expose-gc --import tsx bench/ab/load.ts <base checkout> [rounds]`
 * (the base e.g. `git archive <commit> | tar -x -C /tmp/load-base` with node_modules linked).
 * - Both builds load the same file with `{ na: ['NA'] }`: the column names, their order and every
 *   cell must be the same value (`Object.is`: -0 and NaN included, a `null` stays `null`), and a
 *   Float64Array column must stay one (and a plain array a plain array);
 * - then `rounds` (default 3) timed loads of each, base and this checkout alternating, wall and
 *   CPU seconds (user + system) with the one-minute load average: on a shared machine read the
 *   ratio, not the seconds.
 * Exit code 1 when a check fails. Not part of `npm run bench`.
 */
import { loadavg } from 'node:os';
import { clientsCsv } from '../clients-csv.js';

const base = process.argv[2];
if (!base) throw new Error('usage: bench/ab/load.ts <base checkout> [rounds]');
const rounds = Number(process.argv[3] ?? 3);
const here = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');

interface Table {
  columnNames(): string[];
  numRows(): number;
  /** The column's values (arquero 8 gives the data array itself). */
  column(name: string): ArrayLike<unknown> | undefined;
}
type Load = (path: string, options: { na: string[] }) => Promise<Table>;

async function loader(root: string): Promise<Load> {
  return (await import(`${root}/src/data/load.ts`)).loadTable as Load;
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const path = clientsCsv(1_000_000);
const ours = await loader(here);
const theirs = await loader(base);

let failures = 0;
const fail = (message: string): void => {
  failures++;
  console.log(`FAIL ${message}`);
};

{
  const a = await theirs(path, { na: ['NA'] });
  const b = await ours(path, { na: ['NA'] });
  const names = a.columnNames();
  if (names.join(',') !== b.columnNames().join(',')) fail('column names differ');
  if (a.numRows() !== b.numRows()) fail(`rows ${a.numRows()} vs ${b.numRows()}`);
  let cells = 0;
  for (const name of names) {
    const x = a.column(name)!;
    const y = b.column(name);
    if (y === undefined) {
      fail(`column ${name} missing`);
      continue;
    }
    if (
      x instanceof Float64Array !== y instanceof Float64Array ||
      Array.isArray(x) !== Array.isArray(y)
    ) {
      fail(`column ${name}: ${x.constructor.name} vs ${y.constructor.name}`);
    }
    let differ = 0;
    for (let i = 0; i < a.numRows(); i++) {
      if (!Object.is(x[i], y[i])) {
        if (differ++ < 3) fail(`column ${name}, row ${i + 1}: ${String(x[i])} vs ${String(y[i])}`);
      }
      cells++;
    }
    if (differ > 0) fail(`column ${name}: ${differ} cells differ`);
  }
  console.log(`${cells.toLocaleString('en-US')} cells compared (Object.is), ${failures} failures`);
}

gc();
const seconds = { base: [] as number[], ours: [] as number[] };
const cpu = { base: [] as number[], ours: [] as number[] };
for (let r = 0; r < rounds; r++) {
  for (const [which, load] of [
    ['base', theirs],
    ['ours', ours],
  ] as const) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const t = await load(path, { na: ['NA'] });
    seconds[which].push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpu[which].push((c.user + c.system) / 1e6);
    if (t.numRows() !== 1_000_000) fail(`${which}: ${t.numRows()} rows`);
    gc();
  }
  console.log(`round ${r + 1}, load average ${loadavg()[0]!.toFixed(2)}`);
}
const best = (v: number[]): number => Math.min(...v);
const fmt = (v: number[]): string => v.map((t) => t.toFixed(3)).join(', ');
console.log(`base: wall ${fmt(seconds.base)} s; CPU ${fmt(cpu.base)} s`);
console.log(`ours: wall ${fmt(seconds.ours)} s; CPU ${fmt(cpu.ours)} s`);
console.log(
  `best wall ours/base ${(best(seconds.ours) / best(seconds.base)).toFixed(3)}; best CPU ours/base ${(best(cpu.ours) / best(cpu.base)).toFixed(3)}`,
);
process.exit(failures > 0 ? 1 : 0);

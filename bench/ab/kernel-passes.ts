/**
 * A/B of two kernel passes against a base checkout, on synthetic designs, in one process:
 * `node --import tsx bench/ab/kernel-passes.ts <base checkout> [rows] [only]` (200,000 rows by
 * default; the base e.g. a `git worktree add --detach` of the base commit; `only`: run just the
 * kernels whose name starts with it, e.g. `fwlDrawCoded`). For each design it checks that
 * the base's and this checkout's results are bit-identical and prints the best of 15 alternating
 * rounds (ms per call, five calls per round) for each:
 * - `codedTermSums` (HC2, two targets): the analysis config's shape (intercept, treatment,
 *   4 numeric covariates, factors of 2, 3, 4, 8, 2 and 2 levels; one and two directions), two
 *   joint codes (factors of 40, 60 and 3 levels) and the effect-series bench's shape;
 * - `irlsPass` (a logit IRLS step at given coefficients): an intercept and 7, 4 or 2 numeric
 *   columns plus factors of 4 and 30 levels (the scan's shape at 7), at 5 × the rows;
 * - `fwlDrawCoded` (one randomisation draw, two outcomes) on the analysis config's shape: not
 *   bit-identical by design when the draw's formulas change, so it prints the largest relative
 *   difference of the statistics over 20 draws instead.
 * Not part of `npm run bench`; docs/performance.md quotes its runs.
 */
import type * as Coded from '../../src/estimate/coded-term-sums.js';
import type * as Irls from '../../src/estimate/irls-pass.js';
import type * as Draw from '../../src/plan/fwl-draw.js';

const base = process.argv[2];
if (!base) throw new Error('usage: bench/ab/kernel-passes.ts <base checkout> [rows]');
const n = Number(process.argv[3] ?? 200_000);
const only = process.argv[4] ?? '';
const runs = (kernel: string) => kernel.startsWith(only);
const here = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
const load = async (root: string) => ({
  coded: (await import(`${root}/src/estimate/coded-term-sums.ts`)) as typeof Coded,
  irls: (await import(`${root}/src/estimate/irls-pass.ts`)) as typeof Irls,
  draw: (await import(`${root}/src/plan/fwl-draw.ts`)) as typeof Draw,
});
const [a, b] = [await load(base), await load(here)];
const { codedDesign } = await import('./coded-design.js');
const { createRng } = await import('../../src/stats/random.js');

const identical = (x: ArrayLike<number>, y: ArrayLike<number>) =>
  x.length === y.length && Array.from(x).every((v, i) => Object.is(v, y[i]));
/** Best of 15 alternating rounds of five calls, ms per call, for the base and this checkout. */
function race(f: () => void, g: () => void): [number, number] {
  const time = (h: () => void) => {
    const t0 = performance.now();
    for (let i = 0; i < 5; i++) h();
    return (performance.now() - t0) / 5;
  };
  let bestF = Number.POSITIVE_INFINITY;
  let bestG = Number.POSITIVE_INFINITY;
  for (let r = 0; r < 15; r++) {
    bestF = Math.min(bestF, time(f));
    bestG = Math.min(bestG, time(g));
  }
  return [bestF, bestG];
}
const line = (label: string, same: boolean, [t0, t1]: [number, number]) =>
  console.log(
    `${label}: identical ${same}; base ${t0.toFixed(1)} ms, this checkout ${t1.toFixed(1)} ms (${(t1 / t0).toFixed(2)}×)`,
  );

const rng = createRng('bench-coded-term-sums');
const design = (numeric: number, factors: readonly number[]) =>
  codedDesign(rng, n, numeric, factors);
const codedCases = runs('codedTermSums')
  ? ([
      ['codedTermSums, analysis shape', design(4, [2, 3, 4, 8, 2, 2]), 1],
      ['codedTermSums, analysis shape, two directions', design(4, [2, 3, 4, 8, 2, 2]), 2],
      ['codedTermSums, two joint codes', design(4, [40, 60, 3]), 1],
      ['codedTermSums, effect-series bench shape', design(10, [2, 2, 2, 2, 2, 2, 8]), 1],
    ] as const)
  : [];
for (const [label, prep, q] of codedCases) {
  const k = prep.k;
  const event = Float64Array.from({ length: n }, () =>
    rng.next() < 0.5 ? 1 + Math.floor(rng.next() * 24) : Number.NaN,
  );
  const targets = [5, 6].map((month) => ({
    eventMonth: event,
    month,
    beta: Float64Array.from({ length: k }, () => rng.normal()),
  }));
  const directions = Array.from({ length: q }, (_, i) =>
    prep.shiftedBread.slice((1 + i) * k, (2 + i) * k),
  );
  const run = (m: typeof Coded) => m.codedTermSums(prep, directions, 1, targets, 'HC2')!;
  const [x, y] = [run(a.coded), run(b.coded)];
  const same = identical(x.sums, y.sums) && identical(x.wy, y.wy) && identical(x.xse, y.xse);
  line(
    label,
    same,
    race(
      () => run(a.coded),
      () => run(b.coded),
    ),
  );
}

const m = 5 * n;
for (const numeric of runs('irlsPass') ? [7, 4, 2] : []) {
  const names = ['(Intercept)', ...Array.from({ length: numeric }, (_, j) => `x${j}`)];
  const dense = [{ column: 0, values: new Float64Array(m).fill(1) }];
  for (let j = 1; j <= numeric; j++) {
    dense.push({ column: j, values: Float64Array.from({ length: m }, () => 10 * j * rng.next()) });
  }
  const factors = [4, 30].map((levels) => ({
    code: Int32Array.from({ length: m }, () => Math.floor(rng.next() * levels) - 1),
    columnOf: Int32Array.from({ length: levels - 1 }, () => names.push(`f${levels}`) - 1),
  }));
  const all = names.map((_, j) => j);
  const y = Float64Array.from({ length: m }, () => (rng.next() < 0.2 ? 1 : 0));
  const beta = Float64Array.from(names, () => 0.01 * rng.next());
  const run = (mod: typeof Irls) => {
    const coded = mod.codedDesign({ n: m, names, dense, factors }, all, true);
    const out = { xtx: new Float64Array(all.length ** 2), rhs: new Float64Array(all.length) };
    const dev = mod.irlsPass(coded, y, beta, new Float64Array(m), out);
    return { dev, out };
  };
  const [x, z] = [run(a.irls), run(b.irls)];
  const same =
    x.dev === z.dev && identical(x.out.xtx, z.out.xtx) && identical(x.out.rhs, z.out.rhs);
  line(
    `irlsPass, ${numeric} numeric columns, ${m.toLocaleString('en')} rows`,
    same,
    race(
      () => run(a.irls),
      () => run(b.irls),
    ),
  );
}

if (runs('fwlDrawCoded')) {
  const { olsLeverages, olsSolve } = await import('../../src/estimate/ols.js');
  const prep = design(4, [2, 3, 4, 8, 2, 2]);
  const ys = [0.3, 0.6].map((share) =>
    Float64Array.from({ length: n }, () => (rng.next() < share ? 1 : 0)),
  );
  const eys = ys.map((y) => olsSolve(prep, y).residuals);
  const hz = olsLeverages(prep);
  const df = n - prep.k - 1;
  const [f, g] = [a, b].map((mod) => mod.draw.fwlDrawCoded(prep, eys, hz, df)!);
  const draws = Array.from({ length: 20 }, () =>
    Float64Array.from({ length: n }, () => (rng.next() < 0.8 ? 1 : 0)),
  );
  const out = [new Float64Array(4), new Float64Array(4)];
  const ok = [new Uint8Array(2), new Uint8Array(2)];
  let worst = 0;
  for (const t of draws) {
    f!(t, out[0]!, ok[0]!);
    g!(t, out[1]!, ok[1]!);
    for (let j = 0; j < 4; j++) {
      worst = Math.max(worst, Math.abs(out[0]![j]! - out[1]![j]!) / Math.abs(out[0]![j]!));
    }
  }
  let r = 0;
  const [t0, t1] = race(
    () => f!(draws[r++ % 20]!, out[0]!, ok[0]!),
    () => g!(draws[r++ % 20]!, out[1]!, ok[1]!),
  );
  console.log(
    `fwlDrawCoded, analysis shape, one draw: largest relative difference ${worst.toExponential(1)}; base ${t0.toFixed(1)} ms, this checkout ${t1.toFixed(1)} ms (${(t1 / t0).toFixed(2)}×)`,
  );
}

/**
 * Random streams of the synthetic-data generators: the library's `createRng`
 * (`src/stats/random.ts`) on one seed and one stage, plus the two sampling helpers the
 * generators need. The committed data files depend on `createRng`'s exact streams: a change there
 * changes the files, which the regeneration tests in `tests/studies/` report.
 */

import { createRng, type Rng } from '../../stats/random.js';

/** The draws a generator takes: a subset of the library's {@link Rng}. */
export type Draws = Pick<Rng, 'next' | 'normal' | 'int' | 'bernoulli'>;

/**
 * The library's seeded generator for one seed and one stage: `createRng("<seed>:<stream>")`, so
 * each stage of a generator can be searched and reproduced on its own.
 *
 * @example
 * const rng = streamRng(42, 1);
 * rng.next(); // same value on every run and platform
 */
export function streamRng(seed: number, stream = 0): Rng {
  return createRng(`${seed}:${stream}`);
}

/**
 * Fisher–Yates shuffle of `0..n-1` (the same draws as `Rng.shuffle`).
 *
 * @example
 * permutation(streamRng(1), 4); // e.g. Int32Array [2, 0, 3, 1]
 */
export function permutation(rng: Draws, n: number): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = p[i]!;
    p[i] = p[j]!;
    p[j] = t;
  }
  return p;
}

/**
 * Weighted sampling of `k` items without replacement (Efraimidis–Spirakis: keep the `k`
 * largest keys `log(u) / w`). Returns the chosen items, in ranking order.
 *
 * @example
 * weightedSample(streamRng(1), [10, 20, 30], [1, 1, 5], 1); // most often [30]
 */
export function weightedSample(
  rng: Draws,
  items: readonly number[],
  weights: readonly number[],
  k: number,
): number[] {
  const keyed = items.map((item, i) => {
    let u = rng.next();
    while (u === 0) u = rng.next();
    return { item, key: Math.log(u) / (weights[i] ?? 1), order: i };
  });
  keyed.sort((x, y) => y.key - x.key || x.order - y.order);
  return keyed.slice(0, k).map((x) => x.item);
}

/**
 * Random streams of the synthetic-data generators, on top of the library's `createRng`
 * (`src/stats/random.ts`), plus the two sampling helpers they need. The committed data files
 * depend on `createRng`'s exact streams: a change there changes the files, which the
 * regeneration test in `tests/synth/` reports.
 */

import { createRng } from '../stats/random.js';

/** The draws the generators need. */
export interface SynthRng {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Standard normal. */
  normal(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Bernoulli(p) as a boolean. */
  bernoulli(p: number): boolean;
}

/**
 * The library's seeded generator (`createRng`, xoshiro128**) for one seed and one stage:
 * the stream is `createRng("<seed>:<stream>")`, so each stage of a generator can be searched
 * and reproduced on its own.
 *
 * @example
 * const rng = synthRng(42, 1);
 * rng.uniform(); // same value on every run and platform
 */
export function synthRng(seed: number, stream = 0): SynthRng {
  const rng = createRng(`${seed}:${stream}`);
  return {
    uniform: () => rng.next(),
    normal: () => rng.normal(),
    int: (n: number) => rng.int(n),
    bernoulli: (p: number) => rng.bernoulli(p),
  };
}

/** Fisher–Yates shuffle of `0..n-1`. */
export function permutation(rng: SynthRng, n: number): Int32Array {
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
 * largest keys `log(u) / w`). Returns the chosen indices into `items`, in ranking order.
 */
export function weightedSample(
  rng: SynthRng,
  items: readonly number[],
  weights: readonly number[],
  k: number,
): number[] {
  const keyed = items.map((item, i) => {
    let u = rng.uniform();
    while (u === 0) u = rng.uniform();
    return { item, key: Math.log(u) / (weights[i] ?? 1), order: i };
  });
  keyed.sort((x, y) => y.key - x.key || x.order - y.order);
  return keyed.slice(0, k).map((x) => x.item);
}

/** Exact-count dealing of arm labels by a seeded Fisher–Yates shuffle. */
import type { Rng } from '../stats/random.js';
import { largestRemainder } from './weights.js';

/**
 * Deals arm labels to `m` units: builds the list [arm₁ × c₁, arm₂ × c₂, …] with the
 * largest-remainder counts c_i of m·w_i, then shuffles it in place with `rng.shuffle`
 * (Fisher–Yates: for i = m−1 down to 1, j = rng.int(i + 1), swap i and j; see `createRng`).
 * Unit k (in the caller's canonical order) gets label k.
 *
 * @example
 * dealArms(10, ['experiment', 'control'], [0.8, 0.2], createRng(42)) // 8 × experiment, 2 × control
 */
export function dealArms(
  m: number,
  arms: readonly string[],
  weights: readonly number[],
  rng: Rng,
): string[] {
  const counts = largestRemainder(m, weights);
  const labels: string[] = new Array(m);
  let k = 0;
  counts.forEach((c, a) => {
    for (let r = 0; r < c; r++) labels[k++] = arms[a]!;
  });
  return rng.shuffle(labels);
}

/**
 * Sample quantiles of R's type 7 (`quantile(x, p)`'s default): from sorted values, or, for a
 * few probabilities of many values, from the order statistics they need, found by selection
 * instead of a full sort.
 */

/**
 * Quantile of type 7 of ascending values: with h = (n − 1)·p, x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎)
 * (Hyndman & Fan 1996; 0-based order statistics), p clamped to [0, 1].
 *
 * @example
 * quantile7(Float64Array.of(1, 2, 3, 4), 0.5) // 2.5
 */
export function quantile7(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * {@link quantile7} of unsorted values at each probability of `ps`, the same numbers as
 * `quantile7` of the sorted values: the order statistics the quantiles read, by a multiple
 * selection on a copy (three-way partitions around a median-of-three pivot, descending only into
 * the parts that hold a wanted rank; a part that keeps splitting badly is sorted instead), about
 * O(n·log m) for m wanted ranks against a sort's O(n·log n). The values must not contain NaN.
 *
 * @example
 * quantiles7(Float64Array.of(4, 1, 3, 2), [0.25, 0.5]) // [1.75, 2.5]
 */
export function quantiles7(values: Float64Array, ps: readonly number[]): number[] {
  const n = values.length;
  const at = ps.map((p) => {
    const h = (n - 1) * Math.min(1, Math.max(0, p));
    const lo = Math.floor(h);
    return { h, lo, hi: Math.min(n - 1, lo + 1) };
  });
  const ranks = [...new Set(at.flatMap(({ lo, hi }) => [lo, hi]))].sort((a, b) => a - b);
  const x = Float64Array.from(values);
  const found = new Map<number, number>();
  select(x, 0, n - 1, ranks, 0, ranks.length, found, 2 * Math.ceil(Math.log2(n + 1)));
  return at.map(({ h, lo, hi }) => {
    const a = found.get(lo)!;
    return a + (h - lo) * (found.get(hi)! - a);
  });
}

/** Below this many values a part is sorted rather than partitioned. */
const SMALL = 32;

/**
 * Puts into `found` the values of rank `ranks[rlo … rhi)` (ascending, all within lo … hi) of
 * `x[lo … hi]`, reordering that part of `x`; `depth` partitions left before a part is sorted.
 */
function select(
  x: Float64Array,
  lo: number,
  hi: number,
  ranks: readonly number[],
  rlo: number,
  rhi: number,
  found: Map<number, number>,
  depth: number,
): void {
  while (rlo < rhi) {
    if (hi - lo < SMALL || depth === 0) {
      x.subarray(lo, hi + 1).sort();
      for (let r = rlo; r < rhi; r++) found.set(ranks[r]!, x[ranks[r]!]!);
      return;
    }
    depth--;
    const a = x[lo]!;
    const b = x[(lo + hi) >> 1]!;
    const c = x[hi]!;
    const pivot = Math.max(Math.min(a, b), Math.min(Math.max(a, b), c)); // median of three
    // x[lo … lt) < pivot, x[lt … gt] = pivot, x(gt … hi] > pivot
    let lt = lo;
    let gt = hi;
    let i = lo;
    while (i <= gt) {
      const v = x[i]!;
      if (v < pivot) {
        x[i] = x[lt]!;
        x[lt] = v;
        lt++;
        i++;
      } else if (v > pivot) {
        x[i] = x[gt]!;
        x[gt] = v;
        gt--;
      } else i++;
    }
    // Ranks below lt lie left, those in lt … gt are the pivot, the rest lie right.
    let m = rlo;
    while (m < rhi && ranks[m]! < lt) m++;
    let e = m;
    while (e < rhi && ranks[e]! <= gt) found.set(ranks[e++]!, pivot);
    if (m - rlo <= rhi - e) {
      select(x, lo, lt - 1, ranks, rlo, m, found, depth);
      lo = gt + 1;
      rlo = e;
    } else {
      select(x, gt + 1, hi, ranks, e, rhi, found, depth);
      hi = lt - 1;
      rhi = m;
    }
  }
}

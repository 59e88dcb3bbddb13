/**
 * Order statistics without a full sort: the values at given positions of the ascending order,
 * by one multi-rank quickselect (Hoare 1961, "Algorithm 65: FIND"), O(n log r) for r positions.
 */

/**
 * The values x₍ₚ₎ (0-based positions p of the ascending order) for each position in `positions`,
 * exactly the entries a full ascending sort would hold there. One copy of `x` is partitioned
 * three ways (< pivot, = pivot, > pivot) around a median-of-three pivot; only the parts holding a
 * wanted position are partitioned further. Deterministic (no random pivot); no NaN expected
 * (the callers' scores are checked), and −0 and 0 count as equal.
 *
 * @example
 * orderStatistics(Float64Array.of(5, 1, 4, 2, 3), [0, 2, 4]) // Float64Array [1, 3, 5]
 */
export function orderStatistics(x: Float64Array, positions: readonly number[]): Float64Array {
  const n = x.length;
  const out = new Float64Array(positions.length);
  if (n === 0) return out;
  const a = Float64Array.from(x);
  // Wanted positions ascending, each answered once, then read back in the caller's order.
  const wanted = [...new Set(positions)].sort((p, q) => p - q);
  const value = new Map<number, number>();
  const stack: [number, number, number, number][] = [[0, n - 1, 0, wanted.length - 1]];
  while (stack.length > 0) {
    const [lo, hi, wlo, whi] = stack.pop()!;
    if (wlo > whi) continue;
    if (hi - lo < 16) {
      const part = a.subarray(lo, hi + 1).sort();
      for (let w = wlo; w <= whi; w++) value.set(wanted[w]!, part[wanted[w]! - lo]!);
      continue;
    }
    const p = medianOfThree(a[lo]!, a[(lo + hi) >> 1]!, a[hi]!);
    // Dutch national flag: [lo, lt) < p, [lt, i) = p, (gt, hi] > p.
    let lt = lo;
    let i = lo;
    let gt = hi;
    while (i <= gt) {
      const v = a[i]!;
      if (v < p) {
        a[i] = a[lt]!;
        a[lt] = v;
        lt++;
        i++;
      } else if (v > p) {
        a[i] = a[gt]!;
        a[gt] = v;
        gt--;
      } else i++;
    }
    let w = wlo;
    const leftEnd = w;
    while (w <= whi && wanted[w]! < lt) w++;
    stack.push([lo, lt - 1, leftEnd, w - 1]);
    while (w <= whi && wanted[w]! <= gt) {
      value.set(wanted[w]!, p);
      w++;
    }
    stack.push([gt + 1, hi, w, whi]);
  }
  positions.forEach((q, j) => {
    out[j] = value.get(q)!;
  });
  return out;
}

function medianOfThree(a: number, b: number, c: number): number {
  if (a < b) return b < c ? b : a < c ? c : a;
  return a < c ? a : b < c ? c : b;
}

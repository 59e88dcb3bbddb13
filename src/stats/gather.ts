/**
 * Gathering values by index: the one copy of a column's rows into a new typed array, for every
 * subset (a month's sample, a subgroup, a bootstrap draw, a sorted order).
 */

/**
 * `out[j] = values[index[j]]` for every j: the rows `index` of `values`, in that order.
 *
 * A plain index loop, O(|index|): `Float64Array.from(index, (i) => values[i])` goes through
 * the iterator protocol and a callback per element; it was about 25× slower on Node 20 (2M rows,
 * an ad-hoc measurement, not a bench case) and made subset copies a quarter of a large
 * analysis' time.
 *
 * `out` (length |index|) receives the values when given, e.g. an `Int32Array` for row numbers.
 *
 * @example
 * gather(new Float64Array([10, 20, 30]), new Int32Array([2, 0])) // Float64Array [30, 10]
 * gather(rows, keep, new Int32Array(keep.length)) // row numbers stay integers
 */
export function gather(
  values: ArrayLike<number>,
  index: ArrayLike<number>,
): Float64Array<ArrayBuffer>;
export function gather<T extends Float64Array | Int32Array>(
  values: ArrayLike<number>,
  index: ArrayLike<number>,
  out: T,
): T;
export function gather(
  values: ArrayLike<number>,
  index: ArrayLike<number>,
  out: Float64Array | Int32Array = new Float64Array(index.length),
): Float64Array | Int32Array {
  for (let j = 0; j < index.length; j++) out[j] = values[index[j]!]!;
  return out;
}

/**
 * 0, 1, …, n − 1 as an `Int32Array`: the identity index (every row, in order). An index loop,
 * for the reason `gather` gives.
 *
 * @example
 * indices(3) // Int32Array [0, 1, 2]
 */
export function indices(n: number): Int32Array<ArrayBuffer> {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/**
 * Whether `index` is 0, 1, …, n − 1 (every row of a length-n column, in order): then the rows it
 * picks are the column itself, and a caller that only reads them can skip the copy. O(n).
 *
 * @example
 * isIdentity(new Int32Array([0, 1, 2]), 3) // true
 * isIdentity(new Int32Array([0, 2]), 3) // false
 */
export function isIdentity(index: ArrayLike<number>, n: number): boolean {
  if (index.length !== n) return false;
  for (let i = 0; i < n; i++) if (index[i] !== i) return false;
  return true;
}

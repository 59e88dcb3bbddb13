/**
 * Nested samples as prefixes of one design. With complete follow-up the sample of month m is
 * the clients observed at least m months: sorted once by follow-up (descending), every month's
 * sample is a prefix of one row order, so its design columns are views (`subarray`, no copy) of
 * one design and its cross product X'X the sum of the cross products of the segments between
 * consecutive sample sizes (group sums, one pass over the rows for every sample together).
 * Internal to `src/analysis/`.
 */
import { checkFinite } from '../estimate/design.js';
import { dummyCoding, subsetCoding } from '../estimate/indicator-groups.js';
import {
  type DesignCross,
  type EventSums,
  type OlsPrepared,
  olsPrepare,
  olsPrepareFromCross,
} from '../estimate/ols.js';
import type { DesignMatrix } from '../stats/estimate.js';
import { crossProduct } from '../stats/linalg.js';
import type { AdjustedFitOptions } from './adjusted-fit.js';
import { type Comparison, subsetComparison } from './comparison.js';
import { type LevelCounts, prefixLevelCounts } from './rare-levels.js';
import type { Adjustment } from './series-design.js';

/** The complete-follow-up samples of a series as prefixes: see {@link prefixSeries}. */
export interface PrefixSeries {
  /** The sample of n clients (the n longest followed), as views; the same object per n. */
  sample(n: number): Comparison;
  /**
   * What `fitAdjustedSample` needs to fit a prefix without copies (Lin: only the level counts,
   * its design is centred per sample).
   */
  readonly options: Partial<Pick<AdjustedFitOptions, 'design' | 'prepare' | 'levelCounts'>>;
}

/**
 * The samples of a complete-follow-up series (clients observed at least m months, sizes from
 * `counts`) as prefixes of the comparison sorted by follow-up ({@link byFollowupDescending}, one
 * copy, none when already sorted). With `'ols'` the design of a prefix is views of one design
 * (1, T, covariates) and its X'X comes from {@link prefixCrossProducts}, computed for every
 * sample in one pass on first use; a sample changed by rare-level pooling is prepared from its
 * own design. Lin's design is centred on each sample's means, so it is built per sample.
 *
 * @example
 * const prefix = prefixSeries(comparison, 'ols', 'treatment', counts);
 * fitAdjustedSample(prefix.sample(n12), [12], { ...options, ...prefix.options });
 */
export function prefixSeries(
  c: Comparison,
  adjustment: Adjustment,
  term: string,
  counts: readonly { readonly nTreated: number; readonly nControl: number }[],
): PrefixSeries {
  const sorted = byFollowupDescending(c);
  const samples = new Map<number, Comparison>();
  const sample = (n: number) => {
    let s = samples.get(n);
    if (!s) {
      s = prefixComparison(sorted, n);
      samples.set(n, s);
    }
    return s;
  };
  const sizes = counts
    .filter((m) => m.nTreated > 0 && m.nControl > 0)
    .map((m) => m.nTreated + m.nControl);
  let levels: Map<number, LevelCounts> | undefined;
  const levelCounts = (s: Comparison) => {
    if (samples.get(s.treated.length) !== s) return undefined;
    levels ??= prefixLevelCounts(sorted, sizes);
    return levels.get(s.treated.length);
  };
  if (adjustment !== 'ols') return { sample, options: { levelCounts } };
  const ones = new Float64Array(sorted.treated.length).fill(1);
  const design = (s: Comparison): DesignMatrix => {
    const n = s.treated.length;
    const names = ['(Intercept)', term, ...s.covariateNames];
    return { names, columns: [ones.subarray(0, n), s.treated, ...s.covariates], n };
  };
  let cross: Map<number, DesignCross> | undefined;
  const prepare = (s: Comparison, x: DesignMatrix): OlsPrepared => {
    if (samples.get(x.n) !== s) return olsPrepare(x);
    if (!cross) {
      const full = design(sorted);
      checkFinite(full, 'X');
      cross = prefixCrossProducts(full.columns, sizes);
    }
    const own = cross.get(x.n);
    return own ? olsPrepareFromCross(x, own) : olsPrepare(x);
  };
  return { sample, options: { design, prepare, levelCounts } };
}

/**
 * The comparison with its clients sorted by follow-up, longest first (ties in their original
 * order), so that the clients observed at least m months are its first n_m rows. Returns the
 * comparison itself when it is already in that order (no copy; e.g. without censoring).
 *
 * @example
 * const sorted = byFollowupDescending(comparison); // sorted.followup is non-increasing
 */
export function byFollowupDescending(c: Comparison): Comparison {
  const f = c.followup;
  let sorted = true;
  for (let i = 1; i < f.length; i++) {
    if (f[i]! > f[i - 1]!) {
      sorted = false;
      break;
    }
  }
  if (sorted) return c;
  // Stable counting order over the distinct follow-ups (few: whole months), longest first.
  const distinct = [...new Set(f)].sort((a, b) => b - a);
  const slot = new Map(distinct.map((v, j) => [v, j]));
  const starts = new Int32Array(distinct.length + 1);
  for (const v of f) starts[slot.get(v)! + 1]! += 1;
  for (let j = 1; j <= distinct.length; j++) starts[j]! += starts[j - 1]!;
  const order = new Int32Array(f.length);
  for (let i = 0; i < f.length; i++) order[starts[slot.get(f[i]!)!]!++] = i;
  return subsetComparison(c, order);
}

/**
 * The first `n` clients of a comparison as views of its arrays (no copy): the complete
 * follow-up sample of a month when the comparison is sorted by {@link byFollowupDescending}.
 *
 * @example
 * const month12 = prefixComparison(sorted, counts12.nTreated + counts12.nControl);
 */
export function prefixComparison(c: Comparison, n: number): Comparison {
  if (n === c.followup.length) return c;
  const view = (a: Float64Array) => a.subarray(0, n);
  return {
    ...c,
    rows: c.rows.length ? c.rows.subarray(0, n) : c.rows,
    treated: view(c.treated),
    covariates: c.covariates.map(view),
    followup: view(c.followup),
    eventMonth: view(c.eventMonth),
    ...(c.competingMonth ? { competingMonth: view(c.competingMonth) } : {}),
  };
}

/**
 * Xs'Xs and the shift of every prefix [0, n) of `columns` for the sizes in `sizes`, as
 * `olsPrepare` would compute them on the prefix (Xs = X − 1s', s the prefix's column means,
 * s₀ = 0 for the intercept in column 0; see `OlsPrepared.shift`). One blocked pass over the
 * rows: the segments between consecutive sizes are summed about a common shift c (the means of
 * the largest prefix), S = Σ(x − c)(x − c)' and d = Σ(x − c), cumulated, and moved to the
 * prefix's own means μ = c + d/n by Σ(x − μ)(x − μ)' = S − dd'/n (exact algebra; μ − c is small,
 * so little cancels).
 *
 * Each prefix also gets the design's factor dummies as codes (`dummyCoding`, found once; views
 * per prefix), for the passes that read a factor as one code per row (`codedTermSums`).
 *
 * Cost: n·k(k + 1)/2 multiply–adds in all, against that per distinct sample for `olsPrepare`.
 *
 * @example
 * const cross = prefixCrossProducts(design.columns, [200_000, 190_000]); // cross.get(190_000)!.xtx
 */
export function prefixCrossProducts(
  columns: readonly Float64Array[],
  sizes: readonly number[],
): Map<number, DesignCross> {
  const k = columns.length;
  const desc = [...new Set(sizes)].sort((a, b) => b - a);
  const out = new Map<number, DesignCross>();
  if (desc.length === 0) return out;
  const largest = desc[0]!;
  const c = new Float64Array(k);
  for (let j = 1; j < k; j++) {
    const col = columns[j]!;
    let s = 0;
    for (let i = 0; i < largest; i++) s += col[i]!;
    c[j] = s / largest;
  }
  // The factor dummies are found once; each prefix takes views of their codes.
  const coding = dummyCoding(columns);
  const eventSums = prefixEventSums(columns, c, desc);
  const all = Array.from({ length: k }, (_, j) => j);
  const S = new Float64Array(k * k);
  const d = new Float64Array(k);
  let end = 0;
  // Smallest prefix first; each larger one adds the segment after the previous end.
  for (let q = desc.length - 1; q >= 0; q--) {
    const n = desc[q]!;
    const segment = columns.map((col) => col.subarray(end, n));
    const part = crossProduct(segment, undefined, c);
    for (let t = 0; t < k * k; t++) S[t]! += part[t]!;
    for (let j = 0; j < k; j++) {
      const col = segment[j]!;
      const cj = c[j]!;
      let s = 0;
      for (let i = 0; i < col.length; i++) s += col[i]! - cj;
      d[j]! += s;
    }
    end = n;
    const shift = new Float64Array(k);
    const delta = new Float64Array(k);
    for (let j = 1; j < k; j++) {
      delta[j] = d[j]! / n;
      shift[j] = c[j]! + delta[j]!;
    }
    // Σ(x_a − μ_a)(x_b − μ_b) = S_ab − δ_a d_b − δ_b d_a + n δ_a δ_b, δ = μ − c (δ₀ = 0).
    const xtx = new Float64Array(k * k);
    for (let a = 0; a < k; a++) {
      for (let b = 0; b <= a; b++) {
        const v = S[a * k + b]! - delta[a]! * d[b]! - delta[b]! * d[a]! + n * delta[a]! * delta[b]!;
        xtx[a * k + b] = v;
        xtx[b * k + a] = v;
      }
    }
    out.set(n, {
      xtx,
      shift: k > 1 ? shift : undefined,
      coding: subsetCoding(coding, 0, n, all),
      eventSums: eventSums(n),
    });
  }
  return out;
}

/** Event months span at most this many whole months for {@link prefixEventSums}' tables. */
const MAX_EVENT_MONTHS = 1200;

/**
 * The {@link EventSums} of the prefixes [0, n) of `columns` (sizes `sizes`), about `centre`: for
 * an event vector, one pass over its rows fills Σ(x − c) and the count per segment between
 * consecutive sizes and per event month, cumulated over the segments; a prefix's bucket sums are
 * then a sum over the months of its table row, for every sample of the series at the cost of one.
 * An event vector is known when it is a prefix view (offset 0) of an array as long as the design
 * (the sorted sample's own months, a sibling event's from `siblingsOf`), whose rows are the
 * design's; its months must be whole numbers spanning at most `MAX_EVENT_MONTHS` (else
 * `undefined`, and the rows are summed as before). Each table is made on first use and kept
 * while its event vector lives.
 *
 * @example
 * const sumsOf = prefixEventSums(columns, centre, [200_000, 190_000]);
 * sumsOf(190_000)(sorted.eventMonth.subarray(0, 190_000), [12]); // { sums, counts, centre }
 */
export function prefixEventSums(
  columns: readonly Float64Array[],
  centre: Float64Array,
  sizes: readonly number[],
): (n: number) => EventSums {
  const k = columns.length;
  const full = k === 0 ? 0 : columns[0]!.length;
  const ends = [...new Set(sizes)].sort((a, b) => a - b);
  const G = ends.length;
  const tables = new WeakMap<ArrayBufferLike, EventTable | null>();
  const tableOf = (buffer: ArrayBufferLike): EventTable | null => {
    const e = new Float64Array(buffer, 0, full);
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < full; i++) {
      const v = e[i]!;
      if (Number.isNaN(v)) continue;
      if (!Number.isInteger(v)) return null;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (lo > hi) return { lo: 0, V: 0, sums: new Float64Array(0), counts: new Float64Array(0) };
    if (hi - lo >= MAX_EVENT_MONTHS) return null;
    const V = hi - lo + 1;
    const sums = new Float64Array(G * V * k);
    const counts = new Float64Array(G * V);
    // Each row's cell (segment × month; −1 without an event), then the columns one by one.
    const end = ends[G - 1]!;
    const cellOf = new Int32Array(end);
    for (let g = 0, i = 0; g < G; g++) {
      for (; i < ends[g]!; i++) {
        const v = e[i]!;
        const cell = Number.isNaN(v) ? -1 : g * V + v - lo;
        cellOf[i] = cell;
        if (cell >= 0) counts[cell]! += 1;
      }
    }
    for (let j = 0; j < k; j++) {
      const col = columns[j]!;
      const cj = centre[j]!;
      for (let i = 0; i < end; i++) {
        const cell = cellOf[i]!;
        if (cell >= 0) sums[cell * k + j]! += col[i]! - cj;
      }
    }
    for (let t = V * k; t < sums.length; t++) sums[t]! += sums[t - V * k]!;
    for (let t = V; t < counts.length; t++) counts[t]! += counts[t - V]!;
    return { lo, V, sums, counts };
  };
  return (n) => {
    const g = ends.indexOf(n);
    return (eventMonth, months) => {
      if (g < 0 || eventMonth.length !== n || eventMonth.byteOffset !== 0) return undefined;
      if (eventMonth.buffer.byteLength !== full * 8) return undefined;
      let table = tables.get(eventMonth.buffer);
      if (table === undefined) {
        table = tableOf(eventMonth.buffer);
        tables.set(eventMonth.buffer, table);
      }
      if (table === null) return undefined;
      const q = months.length;
      const sums = new Float64Array(q * k);
      const counts = new Float64Array(q);
      for (let v = 0, b = 0; v < table.V; v++) {
        // The bucket of month lo + v: the first of `months` at or after it.
        while (b < q && months[b]! < table.lo + v) b++;
        if (b === q) break;
        const cell = g * table.V + v;
        counts[b]! += table.counts[cell]!;
        for (let j = 0; j < k; j++) sums[b * k + j]! += table.sums[cell * k + j]!;
      }
      return { sums, counts, centre };
    };
  };
}

/** Σ(x − c) (segments × months × k) and counts (segments × months), cumulated over segments. */
interface EventTable {
  readonly lo: number;
  readonly V: number;
  readonly sums: Float64Array;
  readonly counts: Float64Array;
}

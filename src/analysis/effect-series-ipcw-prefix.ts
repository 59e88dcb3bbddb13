/**
 * The weighted (IPCW) regressions of an effect series on one sorted design. A client whose status
 * at m is known is one with a destination (known at every month) or one still observed at m;
 * sorted with the destinations first and the censored by time, longest first, the known clients
 * of month m are a prefix. A client's weight 1/Ĝ_g(min(T, m)⁻) depends only on its censoring
 * group g, its status and its time, so within a segment of equal (status, g, T) every client has
 * the same weight at every month: X'W_mX = Σ_s w_s(m)·X_s'X_s over the segments, from per-segment
 * sums computed once. Internal to `src/analysis/`.
 */

import { checkFinite } from '../estimate/design.js';
import { olsPrepareFromCross, olsTermPrepared } from '../estimate/ols.js';
import type { SeType } from '../estimate/vcov.js';
import type { Estimate } from '../stats/estimate.js';
import { gather, indices } from '../stats/gather.js';
import { crossProduct } from '../stats/linalg.js';
import type { Comparison } from './comparison.js';
import { stripEstimate } from './series-design.js';

/** The month-by-month weighted fit of {@link ipcwPrefix}. */
export interface IpcwPrefix {
  /**
   * The weighted OLS coefficient of `term` at `month`, `weight` the IPCW weight of every
   * comparison row (0: status unknown at `month`), as `weightedFit` on the known clients.
   */
  fit(
    month: number,
    weight: Float64Array,
    se: SeType,
    level: number,
  ): { estimate: Estimate; aliased: readonly string[] };
}

/**
 * Sorts the clients once (destinations by censoring group and time, then the censored by time,
 * longest first), copies the design (1, T, covariates) once in that order and sums, per segment
 * s of equal (status, group, time), S_s = Σ(x − c)(x − c)' and d_s = Σ(x − c) about the overall
 * means c (one blocked pass over the rows). A month's weighted cross product about its weighted
 * means μ = c + D/W is then Σ_s w_s S_s − δD' − Dδ' + Wδδ' (D = Σ w_s d_s, W = Σ w_s n_s,
 * δ = μ − c): O(segments·k²) instead of O(n·k²); its fit reads the prefix's views (no copy).
 *
 * @example
 * const prefix = ipcwPrefix(comparison, time, status, group, 'treatment');
 * prefix.fit(12, weightAt12, 'HC2', 0.95).estimate.stdError;
 */
export function ipcwPrefix(
  c: Comparison,
  time: Float64Array,
  status: Float64Array,
  group: Int32Array,
  term: string,
): IpcwPrefix {
  const n = time.length;
  const order = indices(n).sort((a, b) => {
    const da = status[a]! > 0 ? 0 : 1;
    const db = status[b]! > 0 ? 0 : 1;
    if (da !== db) return da - db;
    if (da === 0) {
      if (group[a] !== group[b]) return group[a]! - group[b]!;
      if (time[a] !== time[b]) return time[a]! - time[b]!;
    } else {
      if (time[a] !== time[b]) return time[b]! - time[a]!;
      if (group[a] !== group[b]) return group[a]! - group[b]!;
    }
    return a - b;
  });
  let destinations = 0;
  for (let i = 0; i < n; i++) if (status[i]! > 0) destinations++;
  const pick = (col: Float64Array) => gather(col, order);
  const names = ['(Intercept)', term, ...c.covariateNames];
  const columns = [new Float64Array(n).fill(1), pick(c.treated), ...c.covariates.map(pick)];
  checkFinite({ names, columns, n }, 'X');
  const k = columns.length;
  const sortedTime = pick(time);
  const sortedStatus = pick(status);
  // Segments: runs of equal (destination or not, group, time).
  const starts: number[] = [];
  for (let j = 0; j < n; j++) {
    const a = order[j - 1];
    const b = order[j]!;
    if (
      j === 0 ||
      j === destinations ||
      group[a!] !== group[b] ||
      sortedTime[j - 1] !== sortedTime[j]
    ) {
      starts.push(j);
    }
  }
  starts.push(n);
  const centre = new Float64Array(k);
  for (let j = 1; j < k; j++) {
    let s = 0;
    for (const v of columns[j]!) s += v;
    centre[j] = s / n;
  }
  const q = starts.length - 1;
  const S = new Float64Array(q * k * k);
  const d = new Float64Array(q * k);
  for (let s = 0; s < q; s++) {
    const views = columns.map((col) => col.subarray(starts[s]!, starts[s + 1]!));
    S.set(crossProduct(views, undefined, centre), s * k * k);
    for (let j = 0; j < k; j++) {
      let sum = 0;
      for (const v of views[j]!) sum += v - centre[j]!;
      d[s * k + j] = sum;
    }
  }
  // The censored block is sorted by time, longest first: the known ones at m are its first part.
  const censoredTimes = sortedTime.subarray(destinations);
  const knownAt = (month: number) => {
    let lo = 0;
    let hi = censoredTimes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (censoredTimes[mid]! >= month) lo = mid + 1;
      else hi = mid;
    }
    return destinations + lo;
  };
  const sortedWeight = new Float64Array(n);
  const y = new Float64Array(n);
  return {
    fit(month, weight, se, level) {
      const m = knownAt(month);
      const xtx = new Float64Array(k * k);
      const D = new Float64Array(k);
      let W = 0;
      let unit = true;
      for (let s = 0; s < q; s++) {
        const start = starts[s]!;
        if (start >= m) break;
        const w = weight[order[start]!]!;
        if (w !== 1) unit = false;
        const end = starts[s + 1]!;
        sortedWeight.fill(w, start, end);
        W += w * (end - start);
        const o = s * k * k;
        for (let t = 0; t < k * k; t++) xtx[t]! += w * S[o + t]!;
        for (let j = 0; j < k; j++) D[j]! += w * d[s * k + j]!;
      }
      const shift = new Float64Array(k);
      const delta = new Float64Array(k);
      for (let j = 1; j < k; j++) {
        delta[j] = D[j]! / W;
        shift[j] = centre[j]! + delta[j]!;
      }
      for (let a = 0; a < k; a++) {
        for (let b = 0; b <= a; b++) {
          const v =
            xtx[a * k + b]! - delta[a]! * D[b]! - delta[b]! * D[a]! + W * delta[a]! * delta[b]!;
          xtx[a * k + b] = v;
          xtx[b * k + a] = v;
        }
      }
      for (let j = 0; j < m; j++) y[j] = sortedStatus[j] === 1 && sortedTime[j]! <= month ? 1 : 0;
      const design = { names, columns: columns.map((col) => col.subarray(0, m)), n: m };
      // All weights 1 (nobody censored before m): the unweighted fit, the complete-follow-up one.
      const prepared = olsPrepareFromCross(
        design,
        { xtx, shift },
        unit ? {} : { weights: sortedWeight.subarray(0, m) },
      );
      const fit = olsTermPrepared(prepared, y.subarray(0, m), term, { se, level });
      const method = unit
        ? fit.method
        : `weighted ${fit.method}; IPCW weights 1/Ĝ(min(T, m)⁻) treated as known`;
      return { estimate: { ...stripEstimate(fit), method }, aliased: prepared.aliased };
    },
  };
}

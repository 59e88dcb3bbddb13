/**
 * A simultaneous confidence band over the months of an effect series: the joint covariance of
 * the monthly estimates (one sandwich across months) and the sup-t critical value, so that the
 * band covers the whole effect path with the stated probability — not each month separately.
 */
import { InputError } from '../errors.js';
import {
  type ClusterSeType,
  type ClusterTermWeights,
  clusterTermWeights,
} from '../estimate/cluster-vcov.js';
import {
  type OlsPrepared,
  olsInfluence,
  olsLeverages,
  olsPrepare,
  olsSolve,
} from '../estimate/ols.js';
import type { SeType } from '../estimate/vcov.js';
import type { DesignMatrix } from '../stats/estimate.js';
import { type MvnormOptions, mvnormCriticalValue } from '../stats/mvnorm.js';
import { type Grouping, sampleGroups } from './series-groupings.js';

/** What the band needs of a comparison sample (see `comparison.ts`). */
export interface BandSample {
  /** 1 for the treatment arm, 0 for control, per client. */
  readonly treated: Float64Array;
  /** Months observed, per client. */
  readonly followup: Float64Array;
  /** Month of the event, NaN when not observed. */
  readonly eventMonth: Float64Array;
}

/** The band of a series: its critical value and how it was found. */
export interface SeriesBand {
  /** c with P(max_m |Ẑ_m| ≤ c) = level under the joint normal approximation. */
  readonly criticalValue: number;
  readonly level: number;
  /** The estimate the band is for: the adjusted effect, or the raw difference without covariates. */
  readonly estimate: 'adjusted' | 'raw';
  /** Months in the band's joint distribution (months without variation have a zero-width band). */
  readonly months: readonly number[];
  /** Monte Carlo SE of the coverage probability at the critical value. */
  readonly probabilityError: number;
  readonly method: string;
}

/**
 * Per-client scores of each month's estimate: ψ_mi such that Var(τ̂_m) = Σ_i ψ_mi² is the month's
 * own sandwich variance and Cov(τ̂_m, τ̂_l) = Σ_i ψ_mi ψ_li. For the adjusted effect (OLS or Lin,
 * y_m on design X_m) ψ_mi = a_mi ê_mi √ω_mi with a_m the treatment row of (X_m'X_m)⁻¹X_m', ê_m the
 * residuals and ω the HC weight (HC0: 1, HC1: n/(n − k), HC2: 1/(1 − h), HC3: 1/(1 − h)²); for
 * the raw difference ψ_mi = (T_i/n₁ − (1 − T_i)/n₀)(y_mi − p̂_arm), the unpooled (HC0) form.
 * Clients outside month m's sample (observed fewer than m months) have ψ_mi = 0.
 */
function monthScores(
  sample: BandSample,
  months: readonly number[],
  design: ((index: Int32Array) => DesignMatrix) | undefined,
  se: SeType,
  term: string,
): Float64Array[] {
  const n = sample.followup.length;
  const prepared = new Map<number, { index: Int32Array; prep: OlsPrepared }>();
  return months.map((month) => {
    const scores = new Float64Array(n);
    let count = 0;
    for (const f of sample.followup) if (f >= month) count++;
    const index = new Int32Array(count);
    for (let i = 0, j = 0; i < n; i++) if (sample.followup[i]! >= month) index[j++] = i;
    const y = new Float64Array(count);
    for (let j = 0; j < count; j++) y[j] = sample.eventMonth[index[j]!]! <= month ? 1 : 0;
    if (design === undefined) {
      let n1 = 0;
      let s1 = 0;
      let s0 = 0;
      for (let j = 0; j < count; j++) {
        if (sample.treated[index[j]!] === 1) {
          n1++;
          s1 += y[j]!;
        } else s0 += y[j]!;
      }
      const n0 = count - n1;
      const p1 = s1 / n1;
      const p0 = s0 / n0;
      for (let j = 0; j < count; j++) {
        const t = sample.treated[index[j]!] === 1;
        scores[index[j]!] = t ? (y[j]! - p1) / n1 : -(y[j]! - p0) / n0;
      }
      return scores;
    }
    // Months with the same sample share one prepared design (and its cached leverages).
    let entry = prepared.get(count);
    if (entry === undefined) {
      entry = { index, prep: olsPrepare(design(index)) };
      prepared.set(count, entry);
    }
    const { prep } = entry;
    const c = prep.terms.indexOf(term);
    const a = olsInfluence(prep, c);
    const { residuals } = olsSolve(prep, y);
    const p = se === 'HC2' ? 1 : se === 'HC3' ? 2 : 0;
    const h = p > 0 ? olsLeverages(prep) : undefined;
    const scale = se === 'HC1' ? Math.sqrt(prep.n / (prep.n - prep.k)) : 1;
    for (let j = 0; j < count; j++) {
      const omega = h ? (1 - h[j]!) ** -p : 1;
      scores[index[j]!] = a[j]! * residuals[j]! * Math.sqrt(omega) * scale;
    }
    return scores;
  });
}

/**
 * Joint covariance of the monthly estimates of an effect series, V_ml = Σ_i ψ_mi ψ_li (see
 * `monthScores` for ψ): the cross-month sandwich whose diagonal is each month's own variance
 * (HC2 by default for the adjusted effect; unpooled for the raw difference). Row-major q×q for q
 * months. Cost O(q·n·k) for the scores and O(q²·n) for the products.
 *
 * @example
 * const v = seriesJointCovariance(sample, [1, 2, 3], (index) => design(index), 'HC2');
 * Math.sqrt(v[0]); // the month-1 HC2 standard error
 */
export function seriesJointCovariance(
  sample: BandSample,
  months: readonly number[],
  design: ((index: Int32Array) => DesignMatrix) | undefined,
  se: SeType = 'HC2',
  term = 'treatment',
): Float64Array {
  if (se === 'classical') {
    throw new InputError(
      "a simultaneous band needs a sandwich variance (se 'HC0'–'HC3'); se 'classical' has no cross-month form",
      { code: 'invalid-option', value: se },
    );
  }
  const scores = monthScores(sample, months, design, se, term);
  const q = months.length;
  const v = new Float64Array(q * q);
  for (let m = 0; m < q; m++) {
    const sm = scores[m]!;
    for (let l = 0; l <= m; l++) {
      const sl = scores[l]!;
      let s = 0;
      for (let i = 0; i < sm.length; i++) s += sm[i]! * sl[i]!;
      v[m * q + l] = s;
      v[l * q + m] = s;
    }
  }
  return v;
}

/**
 * Joint covariance of the monthly estimates of an effect series with clusters, from the cluster
 * scores of every month stacked: for month m (design X_m on the clients observed ≥ m months,
 * residuals ê_m) and cluster c, s_mc = √κ_m · Σ_{i∈c} u_mi ê_mi with u_m the outcome-free
 * weights of `clusterTermWeights` (u_c = M_c X_c A a_p: M_c = I for CR0 and stata,
 * B_c^(−1/2) for CR2; κ_m = 1, or Stata's (n_m − 1)/(n_m − k)·S_m/(S_m − 1)), and
 * V_ml = Σ_c s_mc s_lc over the clusters of the whole sample (a cluster absent from month m's
 * sample has s_mc = 0). Each month's own scaling is kept, so the diagonal is exactly that month's
 * cluster-robust variance (CR2, stata or CR0, as reported), and the correlation is the CR0-type
 * cross-product of the (CR2-adjusted) cluster scores: clusters independent of each other, the
 * months of one cluster correlated in any way. Row-major q×q.
 *
 * @example
 * const v = clusterSeriesJointCovariance(sample, [1, 2, 3], design, groupings.clusters!, 'CR2');
 * Math.sqrt(v[0]); // the month-1 CR2 standard error
 */
export function clusterSeriesJointCovariance(
  sample: BandSample,
  months: readonly number[],
  design: (index: Int32Array) => DesignMatrix,
  clusters: Grouping,
  se: ClusterSeType,
  term = 'treatment',
): Float64Array {
  const n = sample.followup.length;
  const S = clusters.labels.length;
  const prepared = new Map<number, { prep: OlsPrepared; w: ClusterTermWeights }>();
  const scores = months.map((month) => {
    let count = 0;
    for (const f of sample.followup) if (f >= month) count++;
    const index = new Int32Array(count);
    for (let i = 0, j = 0; i < n; i++) if (sample.followup[i]! >= month) index[j++] = i;
    const y = new Float64Array(count);
    for (let j = 0; j < count; j++) y[j] = sample.eventMonth[index[j]!]! <= month ? 1 : 0;
    let entry = prepared.get(count);
    if (entry === undefined) {
      const prep = olsPrepare(design(index));
      const p = prep.terms.indexOf(term);
      if (p < 0) {
        throw new InputError(`term "${term}" was dropped as aliased at month ${month}; no band`, {
          code: 'aliased',
          column: term,
        });
      }
      const groups = sampleGroups(clusters, index);
      const w = clusterTermWeights(prep, groups, se, p, { labels: groups.labels });
      entry = { prep, w };
      prepared.set(count, entry);
    }
    const { prep, w } = entry;
    const { residuals } = olsSolve(prep, y);
    const root = Math.sqrt(w.scale);
    const out = new Float64Array(S);
    for (let j = 0; j < count; j++) {
      out[clusters.ids[index[j]!]!]! += root * w.u[j]! * residuals[j]!;
    }
    return out;
  });
  const q = months.length;
  const v = new Float64Array(q * q);
  for (let m = 0; m < q; m++) {
    const sm = scores[m]!;
    for (let l = 0; l <= m; l++) {
      const sl = scores[l]!;
      let x = 0;
      for (let c = 0; c < S; c++) x += sm[c]! * sl[c]!;
      v[m * q + l] = x;
      v[l * q + m] = x;
    }
  }
  return v;
}

/**
 * Joint covariance of the monthly blocked differences in means (the raw effect with blocks,
 * `adjustment: 'none'`): τ̂_m = Σ_b (n_bm/N_m)(ȳ_1bm − ȳ_0bm) with per-client scores
 * ψ_mi = (n_bm/N_m)·(T_i (y_mi − ȳ_1bm)/√(n_1bm(n_1bm − 1)) − (1 − T_i)(y_mi − ȳ_0bm)/√(n_0bm(n_0bm − 1))),
 * so Σ_i ψ_mi² = Σ_b (n_bm/N_m)²(s²_1bm/n_1bm + s²_0bm/n_0bm), each month's own blocked Neyman
 * variance (estimatr's `difference_in_means(blocks =)`), and V_ml = Σ_i ψ_mi ψ_li. A month whose
 * sample makes the design matched-pair (a block of two clients) or leaves fewer than two clients
 * of an arm in a block is an `InputError` naming the month and block.
 *
 * @example
 * const v = blockedRawJointCovariance(sample, [1, 2, 3], groupings.blocks!);
 */
export function blockedRawJointCovariance(
  sample: BandSample,
  months: readonly number[],
  blocks: Grouping,
): Float64Array {
  const n = sample.followup.length;
  const B = blocks.labels.length;
  const scores = months.map((month) => {
    const n1 = new Float64Array(B);
    const n0 = new Float64Array(B);
    const s1 = new Float64Array(B);
    const s0 = new Float64Array(B);
    let total = 0;
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (!(sample.followup[i]! >= month)) continue;
      total++;
      y[i] = sample.eventMonth[i]! <= month ? 1 : 0;
      const b = blocks.ids[i]!;
      if (sample.treated[i] === 1) {
        n1[b]! += 1;
        s1[b]! += y[i]!;
      } else {
        n0[b]! += 1;
        s0[b]! += y[i]!;
      }
    }
    for (let b = 0; b < B; b++) {
      const size = n1[b]! + n0[b]!;
      if (size === 0) continue;
      if (size === 2 || n1[b]! < 2 || n0[b]! < 2) {
        throw new InputError(
          `band 'sup-t' with blocks and adjustment 'none': block '${blocks.labels[b]}' of column '${blocks.column}' has ${n1[b]} treated and ${n0[b]} control clients at month ${month}; the blocked band needs at least two clients of each arm in every block (matched pairs are not covered)`,
          { code: 'too-few', column: blocks.column, value: blocks.labels[b]! },
        );
      }
    }
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (!(sample.followup[i]! >= month)) continue;
      const b = blocks.ids[i]!;
      const w = (n1[b]! + n0[b]!) / total;
      out[i] =
        sample.treated[i] === 1
          ? (w * (y[i]! - s1[b]! / n1[b]!)) / Math.sqrt(n1[b]! * (n1[b]! - 1))
          : (-w * (y[i]! - s0[b]! / n0[b]!)) / Math.sqrt(n0[b]! * (n0[b]! - 1));
    }
    return out;
  });
  const q = months.length;
  const v = new Float64Array(q * q);
  for (let m = 0; m < q; m++) {
    for (let l = 0; l <= m; l++) {
      let x = 0;
      for (let i = 0; i < n; i++) x += scores[m]![i]! * scores[l]![i]!;
      v[m * q + l] = x;
      v[l * q + m] = x;
    }
  }
  return v;
}

/**
 * The sup-t critical value of a series with joint covariance `v` (row-major q×q): the
 * level-quantile of max_m |Z_m| for Z ~ N(0, R), R = the correlation of `v` (Montiel Olea &
 * Plagborg-Møller 2019), computed by `mvnormCriticalValue` (Genz–Bretz). Months with zero
 * variance (no variation in the outcome) are left out, and months perfectly correlated with an
 * earlier one (the same sample and no new event: the same estimate) count once.
 *
 * @example
 * const band = supTBand(v, [1, 2, 3], 0.95, 'adjusted'); // band.criticalValue ≈ 2.3 for 3 loosely correlated months
 */
export function supTBand(
  v: Float64Array,
  months: readonly number[],
  level: number,
  estimate: 'adjusted' | 'raw',
  options: MvnormOptions = {},
): SeriesBand {
  const q = months.length;
  const sd = Array.from({ length: q }, (_, m) => Math.sqrt(Math.max(v[m * q + m]!, 0)));
  const kept: number[] = [];
  for (let m = 0; m < q; m++) {
    if (!(sd[m]! > 0)) continue;
    const duplicate = kept.some((l) => Math.abs(v[m * q + l]! / (sd[m]! * sd[l]!)) > 1 - 1e-12);
    if (!duplicate) kept.push(m);
  }
  const d = kept.length;
  const method = (text: string) =>
    `simultaneous ${Math.round(level * 1000) / 10} % band (sup-t): estimate ± c·SE with c the ${level} quantile of max|Z| over the months, Z ~ N(0, R), R the correlation of the cross-month sandwich covariance; ${text}`;
  if (d === 0) {
    return {
      criticalValue: Number.NaN,
      level,
      estimate,
      months: [],
      probabilityError: 0,
      method: method('no month has variation: there is nothing to test'),
    };
  }
  const r = new Float64Array(d * d);
  for (let a = 0; a < d; a++) {
    for (let b = 0; b < d; b++) {
      const i = kept[a]!;
      const j = kept[b]!;
      r[a * d + b] = a === b ? 1 : v[i * q + j]! / (sd[i]! * sd[j]!);
    }
  }
  const critical = mvnormCriticalValue(level, r, d, options);
  return {
    criticalValue: critical.value,
    level,
    estimate,
    months: months.filter((_, m) => sd[m]! > 0),
    probabilityError: critical.probability.error,
    method: method(critical.method),
  };
}

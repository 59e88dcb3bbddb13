/**
 * Gray's (1988) K-sample test for equal cumulative incidence of one cause among competing
 * risks, as `cmprsk::cuminc(ftime, fstatus, group)$Tests` (ρ = 0): on arrays (`gray`) and on
 * a client table (`grayTest`).
 */
import type { TableInput } from '../data/columns.js';
import type { ExperimentIntake } from '../data/intake.js';
import { type DocumentConvertible, displayResult, type HtmlConvertible } from '../display.js';
import { InputError } from '../errors.js';
import { chiSquareSurvival } from '../stats/distributions.js';
import { cholesky, choleskySolve } from '../stats/linalg.js';
import { type Document, formatCell } from '../table/index.js';
import type { OutflowExclusion } from './outflow-input.js';
import { checkGroupCodes, riskSets, timeOrder } from './risksets.js';
import { checkSpecKeys, SURVIVAL_SPEC_KEYS } from './survival-options.js';
import { type SurvivalSpec, survivalSample } from './survival-sample.js';

/** Gray's statistic with its scores and their covariance (groups 1…G−1). */
export interface GrayResult {
  /** sᵀ V⁻¹ s (cmprsk: `stat`). */
  readonly statistic: number;
  /** G − 1. */
  readonly df: number;
  /** P(χ²_df ≥ statistic) (cmprsk: `pv`). */
  readonly pValue: number;
  /** Scores of groups 1…G−1 (the last group is left out; the statistic does not depend on which). */
  readonly score: Float64Array;
  /** (G − 1) × (G − 1) covariance of the scores, row-major. */
  readonly variance: Float64Array;
}

/**
 * Gray's test (Gray 1988, Ann. Statist. 16:1141–1154) with weight ρ = 0. Per group g at a time
 * t with Y_g at risk, Ŝ_g the all-cause Kaplan–Meier and F̂_g the cumulative incidence of the
 * cause: h_g = Y_g/Ŝ_g(t−), R_g = h_g·(1 − F̂_g(t−)) (the subdistribution risk set), pooled
 * F̂⁰ with dF̂⁰ = d₁/Σh. The score of group g is s_g = Σ_t (d₁g − d₁·R_g/ΣR): observed minus
 * expected cause-1 events on the subdistribution-hazard scale.
 *
 * Its variance is Gray's martingale estimator (the one `cmprsk` computes): s_g is a sum over
 * groups k and times t of coefficients times the cause-1 and other-cause increments of group k,
 * b¹_gk(t) = a_gk(t) + q¹_k(t)·C_gk(t) and b²_gk(t) = q²_k(t)·C_gk(t), with
 * a_gk = h_g(δ_gk − h_k/Σh), C_gk(t) = Σ_{u>t} a_gk(u)·d₁(u)/(Σh(u)·(1 − F̂⁰(u−))) (the part of the
 * score still to come), q¹_k = 1 − (1 − F̂⁰(t))/Ŝ_k(t), q²_k = (1 − F̂⁰(t))/Ŝ_k(t), and
 * V_gg′ = Σ_k Σ_t [b¹_gk b¹_g′k·w¹_k + b²_gk b²_g′k·w²_k] with the increments' variances
 * w¹_k = τ¹·Ŝ_k(t−)·d₁/(Σh·Y_k) and w²_k = τ²·Ŝ_k(t−)²·d₂k/Y_k², where τ¹ = 1 − (d₁ − 1)/(Σh·Ŝ_k(t−) − 1)
 * and τ² = 1 − (d₂k − 1)/(Y_k − 1) correct for tied events. O(n log n + T·G²).
 *
 * @param time - observed time per subject.
 * @param status - 0 censored, otherwise the cause (any positive whole number).
 * @param group - group index 0…G−1 per subject.
 * @param groups - G ≥ 2.
 * @param cause - the cause of interest (default 1); other positive statuses compete.
 * @example
 * const g = gray([1, 2, 3, 4, 5, 6, 7, 8], [1, 2, 1, 0, 2, 1, 1, 0], [0, 0, 0, 0, 1, 1, 1, 1], 2);
 * g.pValue; // as cmprsk::cuminc(...)$Tests["1", "pv"]
 */
export function gray(
  time: ArrayLike<number>,
  status: ArrayLike<number>,
  group: ArrayLike<number>,
  groups: number,
  cause = 1,
): GrayResult {
  const n = time.length;
  const G = groups;
  checkGroupCodes('gray', group, G, n);
  let maxStatus = 0;
  for (let i = 0; i < n; i++) if (status[i]! > maxStatus) maxStatus = status[i]!;
  // Validates time and status (whole numbers ≥ 0) with the shared tabulation.
  riskSets(time, status, Math.max(maxStatus, cause, 1), 'status');

  const order = timeOrder(time);

  const Y = new Float64Array(G);
  for (let i = 0; i < n; i++) Y[group[i]!]!++;
  const sPrev = new Float64Array(G).fill(1); // Ŝ_g(t−)
  const fPrev = new Float64Array(G); // F̂_g(t−)
  const d1 = new Float64Array(G);
  const d2 = new Float64Array(G);
  const h = new Float64Array(G);
  const r = G - 1;
  const score = new Float64Array(r);
  // Per event time: a (G×G), Δc (G×G), q¹, q², w¹, w² (G each), kept for the backward pass.
  const steps: {
    a: Float64Array;
    dc: Float64Array;
    q1: Float64Array;
    q2: Float64Array;
    w1: Float64Array;
    w2: Float64Array;
  }[] = [];
  let f0 = 0; // pooled F̂⁰(t−)
  let i = 0;
  while (i < n) {
    const t = time[order[i]!]!;
    let j = i;
    d1.fill(0);
    d2.fill(0);
    while (j < n && time[order[j]!] === t) {
      const o = order[j]!;
      const s = status[o]!;
      if (s === cause) d1[group[o]!]!++;
      else if (s !== 0) d2[group[o]!]!++;
      j++;
    }
    let n1 = 0;
    let n2 = 0;
    for (let g = 0; g < G; g++) {
      n1 += d1[g]!;
      n2 += d2[g]!;
    }
    if (n1 > 0 || n2 > 0) {
      let sumH = 0;
      let sumR = 0;
      for (let g = 0; g < G; g++) {
        h[g] = Y[g]! > 0 ? Y[g]! / sPrev[g]! : 0;
        sumH += h[g]!;
        sumR += h[g]! * (1 - fPrev[g]!);
      }
      const f0Now = f0 + n1 / sumH;
      const a = new Float64Array(G * G);
      const dc = new Float64Array(G * G);
      for (let g = 0; g < G; g++) {
        if (Y[g]! <= 0) continue;
        for (let k = 0; k < G; k++) {
          if (Y[k]! <= 0) continue;
          a[g * G + k] = h[g]! * ((g === k ? 1 : 0) - h[k]! / sumH);
          dc[g * G + k] = (a[g * G + k]! * n1) / (sumH * (1 - f0));
        }
      }
      for (let g = 0; g < r; g++) {
        if (Y[g]! > 0) score[g] = score[g]! + d1[g]! - (n1 * h[g]! * (1 - fPrev[g]!)) / sumR;
      }
      const q1 = new Float64Array(G);
      const q2 = new Float64Array(G);
      const w1 = new Float64Array(G);
      const w2 = new Float64Array(G);
      for (let k = 0; k < G; k++) {
        if (Y[k]! <= 0) continue;
        const sNow = (sPrev[k]! * (Y[k]! - d1[k]! - d2[k]!)) / Y[k]!;
        if (n1 > 0) {
          q1[k] = sNow > 0 ? 1 - (1 - f0Now) / sNow : 1;
          const tie = n1 > 1 ? 1 - (n1 - 1) / (sumH * sPrev[k]! - 1) : 1;
          w1[k] = (tie * sPrev[k]! * n1) / (sumH * Y[k]!);
        }
        if (d2[k]! > 0 && sNow > 0) {
          q2[k] = (1 - f0Now) / sNow;
          const tie = d2[k]! > 1 ? 1 - (d2[k]! - 1) / (Y[k]! - 1) : 1;
          w2[k] = (tie * sPrev[k]! ** 2 * d2[k]!) / Y[k]! ** 2;
        }
        fPrev[k] = fPrev[k]! + (sPrev[k]! * d1[k]!) / Y[k]!;
        sPrev[k] = sNow;
      }
      steps.push({ a, dc, q1, q2, w1, w2 });
      f0 = f0Now;
    }
    for (let k = i; k < j; k++) Y[group[order[k]!]!]!--;
    i = j;
  }

  // Backward pass: C(t) = Σ_{u>t} Δc(u), the score still to come after t.
  const variance = new Float64Array(r * r);
  const future = new Float64Array(G * G);
  const b1 = new Float64Array(r);
  const b2 = new Float64Array(r);
  for (let s = steps.length - 1; s >= 0; s--) {
    const { a, dc, q1, q2, w1, w2 } = steps[s]!;
    for (let k = 0; k < G; k++) {
      for (let g = 0; g < r; g++) {
        b1[g] = a[g * G + k]! + q1[k]! * future[g * G + k]!;
        b2[g] = q2[k]! * future[g * G + k]!;
      }
      for (let g = 0; g < r; g++) {
        for (let e = 0; e < r; e++) {
          variance[g * r + e] =
            variance[g * r + e]! + b1[g]! * b1[e]! * w1[k]! + b2[g]! * b2[e]! * w2[k]!;
        }
      }
    }
    for (let x = 0; x < G * G; x++) future[x] = future[x]! + dc[x]!;
  }

  let statistic = Number.NaN;
  if (variance.every((x) => Number.isFinite(x)) && variance[0]! > 0) {
    const x = choleskySolve(cholesky(variance, r), r, score);
    statistic = 0;
    for (let g = 0; g < r; g++) statistic += x[g]! * score[g]!;
  }
  return {
    statistic,
    df: r,
    pValue: Number.isNaN(statistic) ? Number.NaN : chiSquareSurvival(statistic, r),
    score,
    variance,
  };
}

/** Options of {@link grayTest}: the comparison with at least one competing destination. */
export interface GrayTestSpec extends SurvivalSpec {
  readonly competing: readonly string[];
}

/** The result of {@link grayTest}. */
export interface GrayTest extends HtmlConvertible, DocumentConvertible {
  readonly event: string;
  readonly competing: readonly string[];
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
  readonly arms: { readonly treatment: string; readonly control: string };
  readonly n: number;
  readonly excluded: readonly OutflowExclusion[];
  readonly method: string;
  /** One row: event, statistic, df, p_value. */
  toTable(): Record<string, number | string>[];
  toMarkdown(): string;
}

/**
 * Gray's test that the cumulative incidence of `event` is the same in the two arms, with the
 * `competing` destinations competing (a client's first destination counts): the test that goes
 * with the Aalen–Johansen curves of `incidenceDifference`, where the log-rank test compares
 * cause-specific hazards instead. See {@link gray} for the formula.
 *
 * @example
 * const g = grayTest(clients, { event: 'month_work', competing: ['month_bijstand'] });
 * g.pValue; // e.g. 0.0113
 */
export function grayTest(data: TableInput | ExperimentIntake, spec: GrayTestSpec): GrayTest {
  checkSpecKeys(spec, SURVIVAL_SPEC_KEYS, 'grayTest');
  if (!Array.isArray(spec.competing) || spec.competing.length === 0) {
    throw new InputError(
      'grayTest: competing must name at least one competing destination column (e.g. ["month_bijstand"]); without competing risks use logRankTest',
      { code: 'invalid-option' },
    );
  }
  const sample = survivalSample(data, spec);
  const [t, c] = sample.arms;
  const n = t.time.length + c.time.length;
  const time = new Float64Array(n);
  const status = new Uint8Array(n);
  const group = new Uint8Array(n);
  time.set(t.time);
  time.set(c.time, t.time.length);
  status.set(t.status);
  status.set(c.status, t.time.length);
  group.fill(1, t.time.length);
  const fit = gray(time, status, group, 2, 1);
  const method = `Gray's test (ρ = 0, as cmprsk cuminc) of equal cumulative incidence of ${sample.event}, competing: ${sample.competing.join(', ')}; χ² on ${fit.df} df`;
  const base = {
    event: sample.event,
    competing: sample.competing,
    statistic: fit.statistic,
    df: fit.df,
    pValue: fit.pValue,
    arms: { treatment: t.label, control: c.label },
    n,
    excluded: sample.excluded,
    method,
  };
  // Display methods from `base` alone: inline closures would hold the arms' times.
  return displayResult(base, grayRows, grayDocument);
}

type GrayBase = Omit<GrayTest, 'toTable' | 'toMarkdown' | 'toHTML' | 'toDocument'>;

function grayRows(base: GrayBase): Record<string, number | string>[] {
  return [{ event: base.event, statistic: base.statistic, df: base.df, p_value: base.pValue }];
}

function grayDocument(base: GrayBase): Document {
  return [
    {
      kind: 'paragraph',
      text: `Gray's test, ${base.event} (${base.arms.treatment} vs ${base.arms.control}, n = ${base.n}): χ² = ${formatCell(base.statistic, 'stat')} on ${base.df} df, p = ${formatCell(base.pValue, 'p')}. Method: ${base.method}.`,
    },
  ];
}

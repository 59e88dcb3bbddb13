/**
 * Discrimination: the area under the ROC curve with DeLong's variance (DeLong, DeLong &
 * Clarke-Pearson 1988, Biometrics 44:837–845), computed in O(n log n) from placement values
 * (Sun & Xu 2014); the unpaired comparison of two AUCs (two years, two subgroups) and the paired
 * comparison of two scores on the same clients, both as pROC's `roc.test(method = "delong")`.
 */
import { type Estimate, estimateFromSe } from '../stats/estimate.js';
import { checkLevel, checkOneOf } from '../stats/validate.js';
import {
  checkOutcome,
  checkScores,
  type NumericInput,
  orderDescending,
  requireBothClasses,
  requireVaryingScore,
  zEstimate,
} from './util.js';

/**
 * Which way the score points, as pROC's `direction`: `'<'` (default) a case has a higher score
 * than a non-case (a risk score); `'>'` a lower one; `'auto'` chooses per score as pROC does:
 * `'<'` when median(non-cases) ≤ median(cases), else `'>'`.
 */
export type AucDirection = '<' | '>' | 'auto';

/** The AUC with its DeLong standard error and a Wald interval. */
export interface AucResult extends Estimate {
  /** Number of cases (outcome 1) and non-cases. */
  readonly cases: number;
  readonly controls: number;
  /** DeLong variance components: var(V10)/m and var(V01)/n. */
  readonly varianceCases: number;
  readonly varianceControls: number;
  /** The direction used (`'auto'` resolved). */
  readonly direction: '<' | '>';
}

/** Placement values of one score: V10 per case and V01 per non-case, both in row order. */
interface Placements {
  readonly v10: Float64Array;
  readonly v01: Float64Array;
  readonly theta: number;
  readonly direction: '<' | '>';
}

function median(values: number[]): number {
  values.sort((a, b) => a - b);
  const h = values.length >> 1;
  return values.length % 2 === 1 ? values[h]! : (values[h - 1]! + values[h]!) / 2;
}

function resolveDirection(s: Float64Array, y: Uint8Array, direction: AucDirection): '<' | '>' {
  const d = checkOneOf(direction, ['<', '>', 'auto'] as const, 'direction');
  if (d !== 'auto') return d;
  const cases: number[] = [];
  const controls: number[] = [];
  for (let i = 0; i < s.length; i++) (y[i] === 1 ? cases : controls).push(s[i]!);
  return median(controls) <= median(cases) ? '<' : '>';
}

/**
 * V10ᵢ = (#non-cases below caseᵢ + ½ #tied)/n, V01ⱼ = (#cases above non-caseⱼ + ½ #tied)/m
 * (for `'>'` on the negated score); one sort (the radix `orderDescending`, or the caller's when
 * it has one), tied blocks walked once. Tied clients form one block whatever their order inside
 * it, so any order with the scores descending gives the same placements.
 */
function placements(
  s: Float64Array,
  y: Uint8Array,
  m: number,
  direction: '<' | '>',
  descending: Uint32Array = orderDescending(s),
): Placements {
  const N = s.length;
  const n = N - m;
  // Walk the scores ascending for '<' (the descending order reversed), descending for '>'.
  const up = direction === '<';
  // Position of each client among the cases (or non-cases) in row order.
  const pos = new Uint32Array(N);
  let ci = 0;
  let ni = 0;
  for (let i = 0; i < N; i++) pos[i] = y[i] === 1 ? ci++ : ni++;
  // The scores, outcomes and positions in walking order, gathered once (one random read of
  // each per client; the walk below is then sequential).
  const sw = new Float64Array(N);
  const yw = new Uint8Array(N);
  const pw = new Uint32Array(N);
  for (let r = 0; r < N; r++) {
    const i = descending[up ? N - 1 - r : r]!;
    sw[r] = s[i]!;
    yw[r] = y[i]!;
    pw[r] = pos[i]!;
  }
  const v10 = new Float64Array(m);
  const v01 = new Float64Array(n);
  let controlsBelow = 0;
  let casesBelow = 0;
  let sum = 0;
  let r = 0;
  while (r < N) {
    const v = sw[r]!;
    let e = r;
    let blockCases = 0;
    while (e < N && sw[e] === v) {
      blockCases += yw[e]!;
      e++;
    }
    const blockControls = e - r - blockCases;
    const a = (controlsBelow + 0.5 * blockControls) / n;
    const b = (m - casesBelow - blockCases + 0.5 * blockCases) / m;
    for (let k = r; k < e; k++) {
      if (yw[k] === 1) v10[pw[k]!] = a;
      else v01[pw[k]!] = b;
    }
    sum += blockCases * a;
    controlsBelow += blockControls;
    casesBelow += blockCases;
    r = e;
  }
  return { v10, v01, theta: sum / m, direction };
}

/** Sample covariance of two equally long vectors around their means (denominator len − 1). */
function covariance(a: Float64Array, ma: number, b: Float64Array, mb: number): number {
  if (a.length < 2) return 0;
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i]! - ma) * (b[i]! - mb);
  return s / (a.length - 1);
}

function mean(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s / a.length;
}

function aucFromPlacements(p: Placements, level: number): AucResult {
  const m = p.v10.length;
  const n = p.v01.length;
  const m01 = mean(p.v01);
  const varianceCases = Math.max(0, covariance(p.v10, p.theta, p.v10, p.theta)) / m;
  const varianceControls = Math.max(0, covariance(p.v01, m01, p.v01, m01)) / n;
  const se = Math.sqrt(varianceCases + varianceControls);
  const e = zEstimate(
    p.theta,
    se,
    m + n,
    level,
    `AUC (Mann–Whitney, direction ${p.direction}) with DeLong (1988) SE, Wald CI, z test against 0.5`,
    0.5,
  );
  return {
    ...e,
    ci: [Math.max(0, e.ci[0]), Math.min(1, e.ci[1])],
    cases: m,
    controls: n,
    varianceCases,
    varianceControls,
    direction: p.direction,
  };
}

function prepare(scores: NumericInput, yy: Uint8Array, direction: AucDirection, what: string) {
  const s = checkScores(scores, yy.length, { what });
  requireVaryingScore(s, 'auc');
  return { s, direction: resolveDirection(s, yy, direction) };
}

/**
 * AUC = P(score of a random case > score of a random non-case) + ½ P(tie), the Mann–Whitney
 * statistic (direction `'<'`; `'>'` counts lower scores of cases as correct). DeLong variance:
 * with placement values V10ᵢ = (#non-cases below caseᵢ + ½ #tied)/n and V01ⱼ = (#cases above
 * non-caseⱼ + ½ #tied)/m, Var(AUC) = s²(V10)/m + s²(V01)/n (sample variances with denominators
 * m − 1 and n − 1). CI: AUC ± z₁₋α/₂·SE, clipped to [0, 1] (as pROC's `ci.auc(method =
 * "delong")`); the z test is against 0.5 (no discrimination). O(n log n).
 *
 * @example
 * auc([0.9, 0.8, 0.3, 0.1], [1, 0, 1, 0]).estimate // 0.75
 * auc([0.1, 0.2, 0.7, 0.9], [1, 0, 1, 0], { direction: 'auto' }).direction // '>'
 */
export function auc(
  scores: NumericInput,
  y: NumericInput | Uint8Array,
  options: { readonly level?: number; readonly direction?: AucDirection } = {},
): AucResult {
  return aucOfOrder(scores, y, undefined, options);
}

/**
 * {@link auc} with the scores' descending order given (`orderDescending(scores)`, computed once
 * and shared by the other metrics of the same scores); `undefined` sorts here.
 *
 * @example
 * const order = orderDescending(risk);
 * aucOfOrder(risk, bijstand, order).estimate === auc(risk, bijstand).estimate // true
 */
export function aucOfOrder(
  scores: NumericInput,
  y: NumericInput | Uint8Array,
  order: Uint32Array | undefined,
  options: { readonly level?: number; readonly direction?: AucDirection } = {},
): AucResult {
  const level = checkLevel(options.level);
  const yy = checkOutcome(y);
  const s = checkScores(scores, yy.length);
  const m = requireBothClasses(yy, 'auc');
  requireVaryingScore(s, 'auc');
  const direction = resolveDirection(s, yy, options.direction ?? '<');
  return aucFromPlacements(placements(s, yy, m, direction, order), level);
}

/**
 * Difference of two AUCs from independent samples (two years, two disjoint subgroups), as pROC's
 * `roc.test(paired = FALSE, method = "delong")`: estimate A₁ − A₂, SE = √(V₁ + V₂) with the
 * DeLong variances, and a Student t reference with Welch–Satterthwaite degrees of freedom
 * df = (V₁ + V₂)² / (V₁²/(N₁ − 1) + V₂²/(N₂ − 1)), Nₖ = clients of sample k (pROC's
 * `delong.unpaired.test`). At the review's sample sizes df runs to the hundreds of thousands,
 * so t and z agree to many digits; with small subgroups the t reference is wider.
 *
 * @example
 * aucDifference(auc(s24, y24), auc(s23, y23)).ci
 */
export function aucDifference(
  a: AucResult,
  b: AucResult,
  options: { readonly level?: number } = {},
): Estimate {
  const level = checkLevel(options.level ?? a.level);
  const va = a.stdError ** 2;
  const vb = b.stdError ** 2;
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  return estimateFromSe(
    a.estimate - b.estimate,
    Math.sqrt(va + vb),
    Number.isFinite(df) ? df : Number.POSITIVE_INFINITY,
    level,
    a.n + b.n,
    'difference of two independent AUCs, DeLong variances, t test with Welch–Satterthwaite df (as pROC roc.test, paired = FALSE)',
  );
}

/** A comparison of two AUCs ({@link aucPairedTest}, {@link aucTest}). */
export interface AucTestResult {
  /** The two AUCs, in the order given. */
  readonly aucs: readonly [AucResult, AucResult];
  /** A₁ − A₂ with SE, interval, test statistic and p-value. */
  readonly difference: Estimate;
  /** z (paired) or t (unpaired) statistic; as `difference.statistic`. */
  readonly statistic: number;
  readonly pValue: number;
  /** `Infinity` for the paired z test; Welch–Satterthwaite df for the unpaired t test. */
  readonly df: number;
  readonly paired: boolean;
  /** Paired only: the correlation of the two AUC estimates, cov / (SE₁·SE₂). */
  readonly correlation: number | null;
  readonly method: string;
}

/**
 * Paired DeLong test of two scores on the same clients (the production scan against a refit,
 * this year's model against last year's), as pROC's `roc.test(paired = TRUE, method =
 * "delong")`: with placement values V10 (per case) and V01 (per non-case) of both scores,
 * S = S10/m + S01/n, S10 and S01 the 2 × 2 sample covariance matrices of the placements;
 * Var(A₁ − A₂) = S₁₁ + S₂₂ − 2S₁₂; z = (A₁ − A₂)/√Var, two-sided normal p-value and Wald
 * interval. O(n log n).
 *
 * @example
 * aucPairedTest(scan, refit, bijstand).pValue
 */
export function aucPairedTest(
  scoresA: NumericInput,
  scoresB: NumericInput,
  y: NumericInput | Uint8Array,
  options: { readonly level?: number; readonly direction?: AucDirection } = {},
): AucTestResult {
  return aucPairedTestOfOrders(scoresA, scoresB, y, [undefined, undefined], options);
}

/**
 * {@link aucPairedTest} with the descending orders of both scores given where the caller has
 * them (`undefined` sorts here).
 *
 * @example
 * aucPairedTestOfOrders(refit, scan, bijstand, [orderDescending(refit), undefined]).pValue
 */
export function aucPairedTestOfOrders(
  scoresA: NumericInput,
  scoresB: NumericInput,
  y: NumericInput | Uint8Array,
  orders: readonly [Uint32Array | undefined, Uint32Array | undefined],
  options: { readonly level?: number; readonly direction?: AucDirection } = {},
): AucTestResult {
  const level = checkLevel(options.level);
  const yy = checkOutcome(y);
  const m = requireBothClasses(yy, 'aucPairedTest');
  const dir = options.direction ?? '<';
  const a = prepare(scoresA, yy, dir, 'first score');
  const b = prepare(scoresB, yy, dir, 'second score');
  const pa = placements(a.s, yy, m, a.direction, orders[0]);
  const pb = placements(b.s, yy, m, b.direction, orders[1]);
  const n = yy.length - m;
  const ma = mean(pa.v01);
  const mb = mean(pb.v01);
  const s11 = covariance(pa.v10, pa.theta, pa.v10, pa.theta) / m;
  const s22 = covariance(pb.v10, pb.theta, pb.v10, pb.theta) / m;
  const s12 = covariance(pa.v10, pa.theta, pb.v10, pb.theta) / m;
  const t11 = covariance(pa.v01, ma, pa.v01, ma) / n;
  const t22 = covariance(pb.v01, mb, pb.v01, mb) / n;
  const t12 = covariance(pa.v01, ma, pb.v01, mb) / n;
  const va = s11 + t11;
  const vb = s22 + t22;
  const cov = s12 + t12;
  const variance = Math.max(0, va + vb - 2 * cov);
  const difference = zEstimate(
    pa.theta - pb.theta,
    Math.sqrt(variance),
    yy.length,
    level,
    'difference of two AUCs on the same clients, paired DeLong (1988) variance, z test (as pROC roc.test, paired = TRUE)',
  );
  const aucs = [aucFromPlacements(pa, level), aucFromPlacements(pb, level)] as const;
  return {
    aucs,
    difference,
    statistic: difference.statistic,
    pValue: difference.pValue,
    df: Number.POSITIVE_INFINITY,
    paired: true,
    correlation: va > 0 && vb > 0 ? cov / Math.sqrt(va * vb) : null,
    method: difference.method,
  };
}

/**
 * The unpaired comparison ({@link aucDifference}: pROC's t with Welch–Satterthwaite df) as an
 * {@link AucTestResult}.
 *
 * @example
 * aucUnpairedTest(auc(s24, y24), auc(s23, y23)).df
 */
export function aucUnpairedTest(
  a: AucResult,
  b: AucResult,
  options: { readonly level?: number } = {},
): AucTestResult {
  const difference = aucDifference(a, b, options);
  return {
    aucs: [a, b],
    difference,
    statistic: difference.statistic,
    pValue: difference.pValue,
    df: difference.df,
    paired: false,
    correlation: null,
    method: difference.method,
  };
}

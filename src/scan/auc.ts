/**
 * Discrimination: the area under the ROC curve with DeLong's variance (DeLong, DeLong &
 * Clarke-Pearson 1988, Biometrics 44:837–845), computed in O(n log n) from placement values
 * (Sun & Xu 2014), and the unpaired comparison of two AUCs (two years, two subgroups).
 */
import type { Estimate } from '../stats/estimate.js';
import { checkLevel } from '../stats/validate.js';
import {
  checkOutcome,
  checkScores,
  type NumericInput,
  requireBothClasses,
  requireVaryingScore,
  zEstimate,
} from './util.js';

/** The AUC with its DeLong standard error and a Wald interval. */
export interface AucResult extends Estimate {
  /** Number of cases (outcome 1) and non-cases. */
  readonly cases: number;
  readonly controls: number;
  /** DeLong variance components: var(V10)/m and var(V01)/n. */
  readonly varianceCases: number;
  readonly varianceControls: number;
}

/**
 * AUC = P(score of a random case > score of a random non-case) + ½ P(tie), the Mann–Whitney
 * statistic. DeLong variance: with placement values V10ᵢ = (#non-cases below caseᵢ + ½ #tied)/n
 * and V01ⱼ = (#cases above non-caseⱼ + ½ #tied)/m, Var(AUC) = s²(V10)/m + s²(V01)/n (sample
 * variances with denominators m − 1 and n − 1). CI: AUC ± z₁₋α/₂·SE, clipped to [0, 1] (as
 * pROC's `ci.auc(method = "delong")`); the z test is against 0.5 (no discrimination).
 *
 * @example
 * auc([0.9, 0.8, 0.3, 0.1], [1, 0, 1, 0]).estimate // 0.75
 */
export function auc(
  scores: NumericInput,
  y: NumericInput | Uint8Array,
  options: { readonly level?: number } = {},
): AucResult {
  const level = checkLevel(options.level);
  const yy = checkOutcome(y);
  const s = checkScores(scores, yy.length);
  const m = requireBothClasses(yy, 'auc');
  requireVaryingScore(s, 'auc');
  const n = yy.length - m;
  // Ascending order; walk tied blocks.
  const idx = new Uint32Array(s.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  idx.sort((a, b) => s[a]! - s[b]!);
  let controlsBelow = 0;
  let casesBelow = 0;
  let sumV10 = 0;
  let sumV10sq = 0;
  let sumV01 = 0;
  let sumV01sq = 0;
  let r = 0;
  const N = s.length;
  while (r < N) {
    const v = s[idx[r]!]!;
    let e = r;
    let blockCases = 0;
    while (e < N && s[idx[e]!] === v) {
      blockCases += yy[idx[e]!]!;
      e++;
    }
    const blockControls = e - r - blockCases;
    const v10 = (controlsBelow + 0.5 * blockControls) / n;
    const casesAbove = m - casesBelow - blockCases;
    const v01 = (casesAbove + 0.5 * blockCases) / m;
    sumV10 += blockCases * v10;
    sumV10sq += blockCases * v10 * v10;
    sumV01 += blockControls * v01;
    sumV01sq += blockControls * v01 * v01;
    controlsBelow += blockControls;
    casesBelow += blockCases;
    r = e;
  }
  const a = sumV10 / m;
  const s10 = m > 1 ? (sumV10sq - m * a * a) / (m - 1) : 0;
  const meanV01 = sumV01 / n;
  const s01 = n > 1 ? (sumV01sq - n * meanV01 * meanV01) / (n - 1) : 0;
  const varianceCases = Math.max(0, s10) / m;
  const varianceControls = Math.max(0, s01) / n;
  const se = Math.sqrt(varianceCases + varianceControls);
  const e = zEstimate(
    a,
    se,
    N,
    level,
    'AUC (Mann–Whitney) with DeLong (1988) SE, Wald CI, z test against 0.5',
    0.5,
  );
  return {
    ...e,
    ci: [Math.max(0, e.ci[0]), Math.min(1, e.ci[1])],
    cases: m,
    controls: n,
    varianceCases,
    varianceControls,
  };
}

/**
 * Difference of two AUCs from independent samples (two years, two disjoint subgroups):
 * estimate A₁ − A₂, SE = √(Var₁ + Var₂) with DeLong variances, z test (as pROC's
 * `roc.test(paired = FALSE, method = "delong")`).
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
  const se = Math.sqrt(a.stdError ** 2 + b.stdError ** 2);
  return zEstimate(
    a.estimate - b.estimate,
    se,
    a.n + b.n,
    level,
    'difference of two independent AUCs, DeLong variances, z test (unpaired)',
  );
}

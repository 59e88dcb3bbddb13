/**
 * One coefficient of a least-squares fit with the design's clusters: HC (or classical) SEs
 * without clusters, cluster-robust (CR0 / stata / CR2 with its Satterthwaite df) with them.
 * Internal to `src/analysis/`.
 */
import { InputError } from '../errors.js';
import { type ClusterSeType, clusterVcov, type LabelledGroups } from '../estimate/cluster-vcov.js';
import { type Coefficient, coefficientEstimate } from '../estimate/inference.js';
import { ols, olsPrepare, olsSolve } from '../estimate/ols.js';
import type { SeType } from '../estimate/vcov.js';
import type { DesignMatrix } from '../stats/estimate.js';

/** Standard errors of {@link groupedCoefficient}. */
export interface GroupedSe {
  /** HC type (or classical) without clusters. */
  readonly se: SeType;
  /** Cluster-robust type with clusters (default CR2). */
  readonly cluster?: ClusterSeType;
  readonly level: number;
  /** Name of the cluster column, for the method text. */
  readonly column?: string;
}

/**
 * The coefficient `term` of OLS y on `design`: as `ols(…).coefficient(term)` without
 * `clusters`; with them the cluster-robust variance of `clusterVcov` (A·Σ_c X_c'M_c e_c e_c'M_c
 * X_c·A; CR2 df Satterthwaite, CR0 / stata S − 1), as `lm_robust(clusters =)`.
 *
 * @example
 * groupedCoefficient(X, y, 'treatment', sampleGroups(office), { se: 'HC2', cluster: 'CR2', level: 0.95 });
 */
export function groupedCoefficient(
  design: DesignMatrix,
  y: Float64Array,
  term: string,
  clusters: LabelledGroups | undefined,
  options: GroupedSe,
): Coefficient {
  const { level } = options;
  if (!clusters) return ols(design, y, { se: options.se, level }).coefficient(term);
  const se = options.cluster ?? 'CR2';
  const prepared = olsPrepare(design);
  const c = prepared.terms.indexOf(term);
  if (c < 0) {
    throw new InputError(
      `term "${term}" was dropped as aliased (linearly dependent on the covariates or block dummies); no estimate`,
      { code: 'aliased', column: term },
    );
  }
  const { beta, residuals } = olsSolve(prepared, y);
  const cv = clusterVcov(prepared, residuals, clusters, se, { labels: clusters.labels });
  const k = prepared.k;
  const of = options.column ? ` of '${options.column}'` : '';
  const method =
    se === 'CR2'
      ? `OLS, CR2 cluster-robust SE (Bell–McCaffrey bias reduction, ${cv.nClusters} clusters${of}), t test on Satterthwaite df`
      : `OLS, ${se === 'stata' ? "CR1 cluster-robust SE with Stata's correction" : 'CR0 cluster-robust SE'} (${cv.nClusters} clusters${of}), t test on ${cv.nClusters - 1} df`;
  return coefficientEstimate(
    term,
    beta[c]!,
    Math.sqrt(cv.vcov[c * k + c]!),
    cv.df[c]!,
    level,
    design.n,
    method,
  );
}

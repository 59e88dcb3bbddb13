/**
 * Two-stage least squares (instrumental variables) with robust or cluster-robust standard
 * errors, as estimatr's `iv_robust` (`se_type` HC0–HC3 / classical, or with `clusters` CR0,
 * stata, CR2).
 */
import { formatRows, InputError } from '../errors.js';
import { formatNumber, formatPEquals } from '../format.js';
import type { DesignMatrix } from '../stats/estimate.js';
import { subtractProduct } from '../stats/linalg.js';
import { type AllKeys, rejectUnknownKeys } from '../stats/option-keys.js';
import { checkLevel } from '../stats/validate.js';
import {
  CLUSTER_SE_TYPES,
  type ClusterSeType,
  clusterVcov,
  type Groups,
  groupsOf,
} from './cluster-vcov.js';
import { type ColumnsInput, toColumns, toVector, type VectorInput } from './design.js';
import { coefficientEstimate, toRows } from './inference.js';
import {
  findCoefficient,
  type OlsFit,
  type OlsPrepared,
  olsFitPrepared,
  olsPrepare,
  olsRobustVcov,
  olsSolve,
  type SingularAction,
} from './ols.js';
import { olsSummary, withSummary } from './summary.js';
import { SE_TYPES, type SeType } from './vcov.js';
import { waldTest } from './wald.js';

/** The variables of an IV regression; each group is a `DesignMatrix` or a record of columns. */
export interface IvInput {
  readonly y: VectorInput;
  /** Endogenous regressor(s), e.g. `{ participated: d }`. */
  readonly endogenous: ColumnsInput;
  /** Excluded instrument(s), e.g. `{ assigned: z }`; at least as many as endogenous. */
  readonly instruments: ColumnsInput;
  /** Exogenous covariates (included in both stages). */
  readonly exogenous?: ColumnsInput;
}

/** Standard-error type of {@link ivRegression}: an HC type, or a CR type with `clusters`. */
export type IvSeType = SeType | ClusterSeType;

/** Options of {@link ivRegression}. */
export interface IvOptions {
  /**
   * Default `'HC2'` (as `iv_robust`); with `clusters` one of `'CR0'`, `'stata'`, `'CR2'`
   * (default `'CR2'`).
   */
  readonly se?: IvSeType;
  /**
   * Cluster of each row (labels, or `Groups` numbered 0…S − 1): cluster-robust SEs for both
   * stages, as `iv_robust(..., clusters =)`. Every row needs one.
   */
  readonly clusters?: ArrayLike<string | number> | Groups;
  readonly level?: number;
  /** Add an `(Intercept)` column to both stages (default true). */
  readonly intercept?: boolean;
  readonly singular?: SingularAction;
}

const IV_OPTION_KEYS: AllKeys<IvOptions> = {
  se: true,
  clusters: true,
  level: true,
  intercept: true,
  singular: true,
};

/**
 * One stage of a 2SLS fit: the fields of an OLS fit, with the SE type of the IV fit; with
 * clusters each coefficient's `df` is S − 1 (CR0, stata) or its Satterthwaite df (CR2), and
 * `nClusters` is S. `df` stays the residual df n − k.
 */
export interface IvStageFit extends Omit<OlsFit, 'se'> {
  readonly se: IvSeType;
  /** Number of clusters S (absent without clusters). */
  readonly nClusters?: number;
}

/** First stage of one endogenous regressor: its regression on all instruments and covariates. */
export interface FirstStage {
  readonly endogenous: string;
  /**
   * Wald F of the excluded instruments (with the fit's SE type), the weak-instrument check; on
   * (q, n − k) df, or with clusters (q, S − 1) df, as `lm_robust`'s F with clusters.
   */
  readonly f: number;
  readonly fDf: readonly [number, number];
  readonly pValue: number;
  readonly fit: IvStageFit;
}

/**
 * Result of {@link ivRegression}: the fields of an OLS fit — with R² = 1 − RSS/TSS and residuals
 * y − Xβ̂ computed from the original (not fitted) endogenous regressors, as `iv_robust` — plus
 * the first stages.
 */
export interface IvFit extends IvStageFit {
  readonly firstStage: readonly FirstStage[];
}

/**
 * 2SLS: regress each endogenous regressor on Z = [1, exogenous, instruments] (first stage),
 * replace it by its fitted values to form X̂, and estimate β̂ = (X̂'X̂)⁻¹X̂'y. As in estimatr's
 * `iv_robust` (mathematical notes), the residuals are e = y − Xβ̂ with the ORIGINAL regressors, and
 * the variance is the sandwich (X̂'X̂)⁻¹X̂'diag(ω)X̂(X̂'X̂)⁻¹ with ω from e and the leverages of X̂
 * (HC0: e², HC1: ×n/(n−k), HC2: e²/(1−h), HC3: e²/(1−h)²), or σ̂²(X̂'X̂)⁻¹ with σ̂² = Σe²/(n−k)
 * for `classical`. Each first stage reports the Wald F of the excluded instruments (a weak
 * instrument has F well below 10; Staiger & Stock 1997). With one binary instrument and no
 * covariates β̂ is the Wald ratio (ȳ₁ − ȳ₀)/(d̄₁ − d̄₀).
 *
 * With `clusters` (c = 1…S), the variance is `clusterVcov` on the second-stage design X̂ with
 * the structural residuals e: A·Σ_c X̂_c'M_c e_c e_c'M_c X̂_c·A, A = (X̂'X̂)⁻¹, M_c = I (CR0),
 * times (N − 1)/(N − K)·S/(S − 1) (stata), or M_c = (I − H_cc)^(−1/2) with H = X̂AX̂' (CR2, Bell &
 * McCaffrey 2002); t tests on S − 1 df (CR0, stata) or, for CR2, the Satterthwaite df of each
 * coefficient computed from X̂ — what `iv_robust(y ~ d + x | z + x, clusters = g, se_type =)`
 * does. The first stages use the same cluster-robust type on their own design.
 *
 * @example
 * const fit = ivRegression({ y, endogenous: { participated: d }, instruments: { assigned: z } });
 * fit.coefficient('participated'); // complier average causal effect
 * ivRegression(input, { clusters: office, se: 'CR2' }).coefficient('participated').df; // Satterthwaite
 */
export function ivRegression(input: IvInput, options: IvOptions = {}): IvFit {
  rejectUnknownKeys(options, IV_OPTION_KEYS, 'ivRegression');
  const level = checkLevel(options.level ?? 0.95);
  const n = input.y.length;
  const clusters = options.clusters === undefined ? undefined : toGroups(options.clusters, n);
  const se = checkIvSe(options.se ?? (clusters ? 'CR2' : 'HC2'), clusters !== undefined);
  const hc: SeType = isClusterSe(se) ? 'HC0' : se;
  const y = toVector(input.y, 'y', n);
  const endo = toColumns(input.endogenous, 'endogenous', n);
  const inst = toColumns(input.instruments, 'instruments', n);
  const exo: DesignMatrix = input.exogenous
    ? toColumns(input.exogenous, 'exogenous', n)
    : { names: [], columns: [], n };
  if (endo.names.length === 0) {
    throw new InputError('endogenous: expected at least one endogenous regressor', {
      code: 'empty',
    });
  }
  if (inst.names.length < endo.names.length) {
    throw new InputError(
      `instruments: ${inst.names.length} instrument(s) for ${endo.names.length} endogenous regressor(s); the model is not identified (need at least as many instruments)`,
      { code: 'under-identified' },
    );
  }
  const one = options.intercept === false ? [] : [new Float64Array(n).fill(1)];
  const oneName = one.length > 0 ? ['(Intercept)'] : [];
  const z: DesignMatrix = {
    names: [...oneName, ...exo.names, ...inst.names],
    columns: [...one, ...exo.columns, ...inst.columns],
    n,
  };
  const firstPrep = olsPrepare(z, { singular: options.singular ?? 'drop' });
  const keptInstruments = inst.names.filter((name) => firstPrep.terms.includes(name));
  if (keptInstruments.length < endo.names.length) {
    throw new InputError(
      `instruments: ${inst.names.filter((x) => !keptInstruments.includes(x)).join(', ')} are collinear with the covariates; the model is not identified`,
      { code: 'under-identified' },
    );
  }
  const firstStage: FirstStage[] = [];
  const fittedEndo = endo.columns.map((d, j) => {
    const ols = olsFitPrepared(firstPrep, d, { se: hc, level });
    const fit: IvStageFit = clusters
      ? clusteredStage(
          ols,
          Float64Array.from(ols.coefficients, (c) => c.estimate),
          firstPrep,
          ols.residuals,
          clusters,
          se as ClusterSeType,
          'OLS',
        )
      : ols;
    const wald = waldTest(
      clusters ? { ...fit, df: (fit.nClusters ?? 0) - 1 } : fit,
      keptInstruments,
    );
    firstStage.push({
      endogenous: endo.names[j]!,
      f: wald.f,
      fDf: wald.fDf,
      pValue: wald.fPValue,
      fit,
    });
    return ols.fitted;
  });
  const names = [...oneName, ...endo.names, ...exo.names];
  const original = [...one, ...endo.columns, ...exo.columns];
  const second = olsPrepare(
    { names, columns: [...one, ...fittedEndo, ...exo.columns], n },
    { singular: options.singular ?? 'drop' },
  );
  const { k, bread, terms } = second;
  const x = terms.map((t) => original[names.indexOf(t)]!);
  // β̂ = (X̂'X̂)⁻¹X̂'y (the second stage, as any least-squares solve), but the residuals that
  // enter σ̂² and the sandwich use the original regressors: e = y − Xβ̂.
  const { beta } = olsSolve(second, y);
  const e = subtractProduct(x, beta, Float64Array.from(y));
  const df = n - k;
  let rss = 0;
  for (let i = 0; i < n; i++) rss += e[i]! * e[i]!;
  const vcov = clusters
    ? undefined
    : se === 'classical'
      ? bread.map((v) => (v * rss) / df)
      : olsRobustVcov(second, se as Exclude<SeType, 'classical'>, e);
  const fitted = new Float64Array(n);
  for (let i = 0; i < n; i++) fitted[i] = y[i]! - e[i]!;
  // As iv_robust: R² = 1 − RSS/TSS (TSS about ȳ with an intercept), which, unlike OLS, can be < 0.
  const intercept = one.length > 0;
  let yMean = 0;
  if (intercept) {
    for (let i = 0; i < n; i++) yMean += y[i]!;
    yMean /= n;
  }
  let tss = 0;
  for (let i = 0; i < n; i++) tss += (y[i]! - yMean) ** 2;
  const rSquared = 1 - rss / tss;
  const adjRSquared = 1 - ((1 - rSquared) * (n - (intercept ? 1 : 0))) / df;
  const method = `2SLS, ${se === 'classical' ? 'classical SE' : `${se} robust SE`}, t test on ${df} df`;
  const hcCoefficients = vcov
    ? terms.map((term, j) =>
        coefficientEstimate(term, beta[j]!, Math.sqrt(vcov[j * k + j]!), df, level, n, method),
      )
    : [];
  const unclustered: IvStageFit = {
    coefficients: hcCoefficients,
    terms,
    vcov: vcov ? toRows(vcov, k) : [],
    df,
    rSquared,
    adjRSquared,
    sigma: Math.sqrt(rss / df),
    residuals: e,
    fitted,
    n,
    k,
    se,
    level,
    aliased: second.aliased,
    coefficient: (term) => findCoefficient(hcCoefficients, second.aliased, term),
  };
  const stage = clusters
    ? clusteredStage(unclustered, beta, second, e, clusters, se as ClusterSeType, '2SLS')
    : unclustered;
  const result: IvFit = { ...stage, firstStage };
  return withSummary(result, (f) => ({
    ...olsSummary(
      f,
      'Instrumental-variables regression (2SLS)',
      f.firstStage.map(
        (s) =>
          `First stage of ${s.endogenous}: F = ${formatNumber(s.f, 2)} on (${s.fDf[0]}, ${s.fDf[1]}) df, ${formatPEquals(s.pValue)}.`,
      ),
    ),
    ...(f.nClusters === undefined ? {} : { nClusters: f.nClusters }),
  }));
}

/** Whether an SE type is cluster-robust. */
function isClusterSe(se: IvSeType): se is ClusterSeType {
  return (CLUSTER_SE_TYPES as readonly string[]).includes(se);
}

/** The SE type, checked against the presence of clusters. */
function checkIvSe(se: string, clustered: boolean): IvSeType {
  const cluster = (CLUSTER_SE_TYPES as readonly string[]).includes(se);
  const hc = (SE_TYPES as readonly string[]).includes(se);
  if (!cluster && !hc) {
    throw new InputError(
      `ivRegression: se must be one of ${[...SE_TYPES, ...CLUSTER_SE_TYPES].join(', ')}; got "${se}"`,
      { code: 'invalid-option', value: se },
    );
  }
  if (cluster && !clustered) {
    throw new InputError(`ivRegression: se '${se}' is cluster-robust and needs clusters`, {
      code: 'invalid-option',
      value: se,
    });
  }
  if (hc && clustered) {
    throw new InputError(
      `ivRegression: se '${se}' ignores the clusters; with clusters use one of ${CLUSTER_SE_TYPES.join(', ')} (default CR2)`,
      { code: 'invalid-option', value: se },
    );
  }
  return se as IvSeType;
}

/** Cluster labels (or groups) of the n rows as `Groups` with labels; a missing label is an error. */
function toGroups(
  clusters: ArrayLike<string | number> | Groups,
  n: number,
): Groups & { readonly labels?: readonly string[] } {
  if ('index' in clusters && 'count' in clusters && clusters.index instanceof Int32Array) {
    const g = clusters as Groups & { readonly labels?: readonly string[] };
    if (g.index.length !== n) {
      throw new InputError(`clusters: ${g.index.length} rows, expected ${n} (the rows of y)`, {
        code: 'length-mismatch',
      });
    }
    for (let i = 0; i < n; i++) {
      const c = g.index[i]!;
      if (!(c >= 0 && c < g.count)) {
        throw new InputError(`clusters: group ${c} in row ${i + 1} is outside 0…${g.count - 1}`, {
          code: 'out-of-range',
          rows: [i + 1],
          value: String(c),
        });
      }
    }
    return g;
  }
  const labels = clusters as ArrayLike<string | number>;
  if (labels.length !== n) {
    throw new InputError(`clusters: ${labels.length} rows, expected ${n} (the rows of y)`, {
      code: 'length-mismatch',
    });
  }
  const missing: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = labels[i] as string | number | null | undefined;
    if (v === null || v === undefined || v === '' || (typeof v === 'number' && !Number.isFinite(v)))
      missing.push(i + 1);
  }
  if (missing.length > 0) {
    throw new InputError(
      `clusters: missing cluster in ${formatRows(missing)}; every row needs one`,
      { code: 'missing-value', rows: missing },
    );
  }
  return groupsOf(labels);
}

/**
 * A stage fit with the cluster-robust variance of `clusterVcov` (on the stage's design, with the
 * given residuals: the structural residuals e = y − Xβ̂ for the second stage), per-coefficient df
 * and the method words. Stata's K is the rank of the stage's design.
 */
function clusteredStage(
  fit: IvStageFit,
  beta: Float64Array,
  prepared: OlsPrepared,
  residuals: Float64Array,
  clusters: Groups & { readonly labels?: readonly string[] },
  se: ClusterSeType,
  what: 'OLS' | '2SLS',
): IvStageFit {
  const { k, terms, n } = prepared;
  const cv = clusterVcov(prepared, residuals, clusters, se, {
    rank: k,
    ...(clusters.labels ? { labels: clusters.labels } : {}),
  });
  const S = cv.nClusters;
  const method =
    se === 'CR2'
      ? `${what}, CR2 cluster-robust SE (Bell–McCaffrey bias reduction, ${S} clusters), t test on Satterthwaite df`
      : `${what}, ${se === 'stata' ? "CR1 cluster-robust SE with Stata's correction" : 'CR0 cluster-robust SE'} (${S} clusters), t test on ${S - 1} df`;
  const coefficients = terms.map((term, j) =>
    coefficientEstimate(
      term,
      beta[j]!,
      Math.sqrt(cv.vcov[j * k + j]!),
      cv.df[j]!,
      fit.level,
      n,
      method,
    ),
  );
  return {
    ...fit,
    coefficients,
    vcov: toRows(cv.vcov, k),
    se,
    nClusters: S,
    coefficient: (term) => findCoefficient(coefficients, prepared.aliased, term),
  };
}

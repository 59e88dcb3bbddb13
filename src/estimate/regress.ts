/**
 * Table-level least squares with classical, heteroskedasticity-robust (HC0–HC3) or
 * cluster-robust (CR0, stata, CR2) standard errors and absorbed fixed effects: what
 * `estimatr::lm_robust(y ~ x1 + x2, data, clusters =, fixed_effects =, weights =, se_type =)`
 * does, from a table and column names, with R's factor coding (treatment contrasts, levels
 * sorted, `reference` to choose the base level) through `modelFrame`.
 */

import { asTable, numberColumn, stringColumn, type TableInput } from '../data/columns.js';
import { type DroppedRows, modelFrame } from '../data/model-matrix.js';
import { type AllKeys, rejectUnknownKeys } from '../data/spec-reader.js';
import type { DocumentConvertible, HtmlConvertible } from '../display.js';
import { formatRows, InputError } from '../errors.js';
import { formatCount, formatGeneral } from '../format.js';
import type { DesignMatrix } from '../stats/estimate.js';
import { gather } from '../stats/gather.js';
import { checkLevel } from '../stats/validate.js';
import { documentMarkdown, tidyEstimate } from '../table/index.js';
import {
  CLUSTER_SE_TYPES,
  type ClusterSeType,
  clusterVcov,
  type Groups,
  groupsOf,
} from './cluster-vcov.js';
import { type Coefficient, coefficientEstimate } from './inference.js';
import {
  congruence,
  findCoefficient,
  type OlsPrepared,
  olsInfluence,
  olsLeverages,
  olsPrepare,
  olsSolve,
} from './ols.js';
import { type ModelSummary, summaryDocument, withSummary } from './summary.js';
import { hcVcov, meatWeights, naWhereLeverageOne, SE_TYPES, type SeType } from './vcov.js';

/** Standard-error type of {@link regress}: an HC type, or a CR type with `clusters`. */
export type RegressSeType = SeType | ClusterSeType;

/** What {@link regress} fits. */
export interface RegressSpec {
  /** Outcome column (numbers, or booleans as 1/0). */
  readonly outcome: string;
  /** Predictor columns, e.g. `['arm', 'age', 'education']`: text columns are factors. */
  readonly covariates: readonly string[];
  /**
   * Standard errors: `classical`, `HC0`–`HC3`, or with `clusters` `CR0`, `stata`, `CR2`.
   * Default `CR2` with clusters, else `HC2` (as estimatr).
   */
  readonly se?: RegressSeType;
  /** Cluster column (office, municipality, caseworker): every analysed row needs one. */
  readonly clusters?: string;
  /** Fixed-effect column(s) (site, office), absorbed: their dummies are not reported. */
  readonly fixedEffects?: string | readonly string[];
  /** Prior (precision) weights column, all > 0. */
  readonly weights?: string;
  /** Confidence level (default 0.95). */
  readonly level?: number;
  /** Reference level per factor, e.g. `{ arm: 'control' }` (default: the first sorted level). */
  readonly reference?: Readonly<Record<string, string>>;
  /** Numeric columns to treat as factors (codes such as a decile). */
  readonly factors?: readonly string[];
  /** `'drop'` (default): rows missing in the outcome or a covariate are dropped and counted; `'error'`: throw. */
  readonly missing?: 'drop' | 'error';
}

const SPEC_KEYS: AllKeys<RegressSpec> = {
  outcome: true,
  covariates: true,
  se: true,
  clusters: true,
  fixedEffects: true,
  weights: true,
  level: true,
  reference: true,
  factors: true,
  missing: true,
};

/** The result of {@link regress}. */
export interface RegressResult {
  /** One `Estimate` per estimable coefficient, in model order (fixed-effect dummies excluded). */
  readonly coefficients: readonly Coefficient[];
  /** Names of the estimable terms (order of `vcov`). */
  readonly terms: readonly string[];
  /** Terms dropped as linearly dependent on earlier ones (R: `NA`). */
  readonly aliased: readonly string[];
  /** Covariance matrix of the coefficients (order of `terms`). */
  readonly vcov: readonly (readonly number[])[];
  readonly n: number;
  /** Number of clusters (absent without clusters). */
  readonly nClusters?: number;
  /** R² and adjusted R² of the full model (fixed effects included), as estimatr. */
  readonly rSquared: number;
  readonly adjRSquared: number;
  /** Residual df n − rank (rank including the fixed effects). */
  readonly dfResidual: number;
  readonly se: RegressSeType;
  readonly level: number;
  readonly outcome: string;
  readonly fixedEffects: readonly string[];
  /** Rows dropped for missing values (per column). */
  readonly dropped: DroppedRows;
  /** The method in words. */
  readonly method: string;
  /** The coefficient called `term`; throws `InputError` when unknown or aliased. */
  coefficient(term: string): Coefficient;
  /** One row per term (aliased ones with empty estimates): term and the tidy estimate columns. */
  toTable(): Record<string, number | string | null>[];
  toMarkdown(): string;
}

/** The absorbed first fixed effect: groups and the weighted within-transformation. */
interface Absorbed {
  readonly groups: Groups;
  readonly name: string;
}

/**
 * Least squares of `outcome` on `covariates` from a table, as `estimatr::lm_robust`:
 * coefficients with their SE, t statistic, df, p-value, CI and stars, R², the variance matrix
 * and the aliased terms; prints as a summary in a REPL or notebook.
 *
 * - HC types (see `ols`): t tests on n − rank df. CR types (see `cluster-vcov.ts`): CR0 and
 *   stata on S − 1 df (S clusters), CR2 (the default with clusters: Bell–McCaffrey bias
 *   reduction) on its Satterthwaite df per coefficient, as estimatr and clubSandwich's
 *   `coef_test(..., "CR2", test = "Satterthwaite")`.
 * - `fixedEffects`: the first factor is absorbed by the (weighted) within-transformation
 *   x − x̄_g, y − ȳ_g; further ones enter as dummies that are not reported. Identical to
 *   including the dummies before the covariates (HC2/HC3/CR2 use the hat matrix of the full
 *   model, as estimatr does; unlike estimatr, weighted CR2 with fixed effects is allowed).
 * - Rows missing in the outcome or a covariate are dropped and counted (`dropped`); a missing
 *   cluster, fixed effect or weight is an `InputError` naming the column and rows.
 *
 * @example
 * const fit = regress(table, { outcome: 'employed', covariates: ['arm', 'age'], clusters: 'office', fixedEffects: 'site' });
 * fit.coefficient('arm[coaching]'); // { estimate, stdError, ci, df, pValue, … } with CR2 SE
 */
export function regress(
  data: TableInput,
  spec: RegressSpec,
): RegressResult & HtmlConvertible & DocumentConvertible {
  rejectUnknownKeys(spec, SPEC_KEYS, 'regress');
  const table = asTable(data);
  const level = checkLevel(spec.level, 'regress');
  const se = checkRegressSe(spec.se ?? (spec.clusters ? 'CR2' : 'HC2'), spec.clusters);
  const fixed =
    spec.fixedEffects === undefined
      ? []
      : typeof spec.fixedEffects === 'string'
        ? [spec.fixedEffects]
        : [...spec.fixedEffects];
  for (const f of fixed) {
    if (spec.covariates.includes(f)) {
      throw new InputError(`regress: '${f}' is both a covariate and a fixed effect`, {
        code: 'invalid-option',
        column: f,
      });
    }
  }
  const extra = fixed.slice(1);
  const frame = modelFrame(table, {
    outcome: spec.outcome,
    columns: [...spec.covariates, ...extra],
    factors: [...(spec.factors ?? []), ...extra],
    ...(spec.reference ? { reference: spec.reference } : {}),
    ...(spec.missing ? { missing: spec.missing } : {}),
  });
  const rows = frame.rows;
  const n = rows.length;
  const weights = spec.weights === undefined ? undefined : readWeights(table, spec.weights, rows);
  const clusters =
    spec.clusters === undefined ? undefined : readGroups(table, spec.clusters, rows, 'clusters');
  const absorbed: Absorbed | undefined =
    fixed[0] === undefined
      ? undefined
      : { name: fixed[0], groups: readGroups(table, fixed[0], rows, 'fixed effect') };
  const hidden = new Set<number>();
  for (const t of frame.terms) if (extra.includes(t.name)) for (const c of t.columns) hidden.add(c);

  const { matrix, y } = frame;
  let design: DesignMatrix = matrix;
  let yFit = y;
  let rawNorms: Float64Array | undefined;
  if (absorbed) {
    const keep = matrix.names.map((_, j) => j).filter((j) => matrix.names[j] !== '(Intercept)');
    const cols = keep.map((j) => matrix.columns[j]!);
    rawNorms = Float64Array.from(cols, (c) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += (weights ? weights[i]! : 1) * c[i]! * c[i]!;
      return s;
    });
    design = {
      names: keep.map((j) => matrix.names[j]!),
      columns: cols.map((c) => demean(c, absorbed.groups, weights)),
      n,
    };
    for (const j of [...hidden]) hidden.delete(j);
    keep.forEach((j, i) => {
      if (frame.terms.some((t) => extra.includes(t.name) && t.columns.includes(j))) hidden.add(i);
    });
    yFit = demean(y, absorbed.groups, weights);
  }
  const prepared = olsPrepare(design, weights ? { weights } : {}, rawNorms);
  const { beta, residuals } = olsSolve(prepared, yFit);
  const feRank = absorbed ? absorbed.groups.count : 0;
  const rank = prepared.k + feRank;
  const dfResidual = n - rank;
  if (!(dfResidual > 0)) {
    throw new InputError(
      `regress: ${n} rows for ${rank} parameters (incl. fixed effects); least squares needs more rows than parameters`,
      { code: 'too-few', value: String(n) },
    );
  }
  let vcov: Float64Array;
  let dfs: Float64Array;
  let nClusters: number | undefined;
  if (clusters) {
    const cv = clusterVcov(prepared, residuals, clusters, se as ClusterSeType, {
      ...(absorbed ? { absorbed: absorbed.groups } : {}),
      rank,
      labels: clusters.labels,
    });
    vcov = cv.vcov;
    dfs = cv.df;
    nClusters = cv.nClusters;
  } else {
    vcov = hcOrClassical(prepared, residuals, se as SeType, absorbed?.groups, dfResidual);
    dfs = new Float64Array(prepared.k).fill(dfResidual);
  }
  const { rSquared, adjRSquared } = fullRSquared(y, residuals, weights, dfResidual);
  const method = methodWords(se, spec, nClusters, weights !== undefined, fixed);
  const k = prepared.k;
  const shown = prepared.terms
    .map((term, j) => ({ term, j }))
    .filter(({ term }) => !hidden.has(design.names.indexOf(term)));
  const coefficients = shown.map(({ term, j }) =>
    coefficientEstimate(term, beta[j]!, Math.sqrt(vcov[j * k + j]!), dfs[j]!, level, n, method),
  );
  const hiddenNames = new Set([...hidden].map((j) => design.names[j]!));
  const aliased = prepared.aliased.filter((a) => !hiddenNames.has(a));
  const index = shown.map(({ j }) => j);
  const vcovShown = index.map((a) => index.map((b) => vcov[a * k + b]!));
  const order = design.names.filter((nm) => !hiddenNames.has(nm));
  const toTable = (): Record<string, number | string | null>[] =>
    order.map((term): Record<string, number | string | null> => {
      const c = coefficients.find((x) => x.term === term);
      if (c) return { term, ...tidyEstimate(c) };
      return {
        term,
        estimate: null,
        std_error: null,
        ci_lower: null,
        ci_upper: null,
        statistic: null,
        df: null,
        p_value: null,
        stars: 'aliased',
      };
    });
  const result: RegressResult = {
    coefficients,
    terms: coefficients.map((c) => c.term),
    aliased,
    vcov: vcovShown,
    n,
    ...(nClusters === undefined ? {} : { nClusters }),
    rSquared,
    adjRSquared,
    dfResidual,
    se,
    level,
    outcome: spec.outcome,
    fixedEffects: fixed,
    dropped: frame.dropped,
    method,
    coefficient: (term: string) => findCoefficient(coefficients, aliased, term),
    toTable,
    toMarkdown: () => documentMarkdown(summaryDocument(regressSummary(result))),
  };
  return withSummary(result, regressSummary);
}

/** The summary of a fit: the model, method, coefficient table and fit statistics. */
function regressSummary(r: RegressResult): ModelSummary {
  return {
    title: `Linear regression of ${r.outcome}`,
    method: r.method,
    n: r.n,
    ...(r.nClusters === undefined ? {} : { nClusters: r.nClusters }),
    coefficients: r.coefficients,
    aliased: r.aliased,
    level: r.level,
    statistics: [
      ['R²', formatGeneral(r.rSquared)],
      ['adj. R²', formatGeneral(r.adjRSquared)],
      ['residual df', formatGeneral(r.dfResidual)],
    ],
    notes:
      r.dropped.total > 0
        ? [
            `${formatCount(r.dropped.total)} rows dropped for missing values in the outcome or a covariate.`,
          ]
        : [],
  };
}

function checkRegressSe(se: string, clusters: string | undefined): RegressSeType {
  const cluster = (CLUSTER_SE_TYPES as readonly string[]).includes(se);
  const hc = (SE_TYPES as readonly string[]).includes(se);
  if (!cluster && !hc) {
    const all = [...SE_TYPES, ...CLUSTER_SE_TYPES];
    throw new InputError(`regress: se must be one of ${all.join(', ')}; got "${se}"`, {
      code: 'invalid-option',
      value: se,
    });
  }
  if (cluster && clusters === undefined) {
    throw new InputError(`regress: se '${se}' is cluster-robust and needs the clusters column`, {
      code: 'invalid-option',
      value: se,
    });
  }
  if (hc && clusters !== undefined) {
    throw new InputError(
      `regress: se '${se}' ignores the clusters; with clusters use one of ${CLUSTER_SE_TYPES.join(', ')}`,
      { code: 'invalid-option', value: se },
    );
  }
  return se as RegressSeType;
}

/** Labels of a grouping column on the analysed rows; a missing label is an `InputError`. */
function readGroups(
  table: ReturnType<typeof asTable>,
  column: string,
  rows: Int32Array,
  role: string,
): Groups & { labels: readonly string[] } {
  const all = stringColumn(table, column);
  const missing: number[] = [];
  const labels = Array.from(rows, (r) => {
    const v = all[r];
    if (v === null || v === undefined) missing.push(r + 1);
    return v ?? '';
  });
  if (missing.length) {
    throw new InputError(
      `column '${column}' (${role}) is missing in ${formatRows(missing)}; every analysed row needs one`,
      { code: 'missing-value', column, rows: missing },
    );
  }
  return groupsOf(labels);
}

function readWeights(
  table: ReturnType<typeof asTable>,
  column: string,
  rows: Int32Array,
): Float64Array {
  const all = numberColumn(table, column);
  const bad = Array.from(rows).filter((r) => !(all[r]! > 0));
  if (bad.length) {
    throw new InputError(
      `column '${column}' (weights) must be positive, but has ${all[bad[0]!]} in ${formatRows(bad.map((r) => r + 1))}`,
      { code: 'out-of-range', column, rows: bad.map((r) => r + 1), value: String(all[bad[0]!]) },
    );
  }
  return gather(all, rows);
}

/** x − x̄_g with x̄_g the (weighted) mean of x in the row's group. */
function demean(x: Float64Array, groups: Groups, weights: Float64Array | undefined): Float64Array {
  const sum = new Float64Array(groups.count);
  const sw = new Float64Array(groups.count);
  for (let i = 0; i < x.length; i++) {
    const w = weights ? weights[i]! : 1;
    sum[groups.index[i]!]! += w * x[i]!;
    sw[groups.index[i]!]! += w;
  }
  return Float64Array.from(x, (v, i) => v - sum[groups.index[i]!]! / sw[groups.index[i]!]!);
}

/**
 * Classical or HC covariance; with an absorbed fixed effect the leverages are those of the full
 * model, h_i = h̃_i + w_i/W_g, and the df n − rank count the absorbed levels.
 */
function hcOrClassical(
  prepared: OlsPrepared,
  residuals: Float64Array,
  se: SeType,
  absorbed: Groups | undefined,
  dfResidual: number,
): Float64Array {
  const { n, k, columns, weights, shift, transform, shiftedBread, bread } = prepared;
  if (se === 'classical') {
    let rss = 0;
    for (let i = 0; i < n; i++) rss += (weights ? weights[i]! : 1) * residuals[i]! ** 2;
    return bread.map((v) => (v * rss) / dfResidual);
  }
  let h: Float64Array | undefined;
  if (se === 'HC2' || se === 'HC3') {
    h = Float64Array.from(olsLeverages(prepared));
    if (absorbed) {
      const sw = new Float64Array(absorbed.count);
      for (let i = 0; i < n; i++) sw[absorbed.index[i]!]! += weights ? weights[i]! : 1;
      for (let i = 0; i < n; i++) h[i]! += (weights ? weights[i]! : 1) / sw[absorbed.index[i]!]!;
    }
  }
  const leverageOne: number[] = [];
  let v = hcVcov(columns, meatWeights(se, residuals, h, weights, leverageOne), shiftedBread, shift);
  if (transform) v = congruence(transform, v, k);
  if (se === 'HC1') v = v.map((x) => (x * n) / dfResidual);
  if (leverageOne.length) naWhereLeverageOne(v, k, leverageOne, (c) => olsInfluence(prepared, c));
  return v;
}

/** R² = 1 − rss/tss with tss about the weighted mean of y (the full model has an intercept). */
function fullRSquared(
  y: Float64Array,
  residuals: Float64Array,
  weights: Float64Array | undefined,
  dfResidual: number,
): { rSquared: number; adjRSquared: number } {
  const n = y.length;
  let sw = 0;
  let m = 0;
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i]! : 1;
    sw += w;
    m += w * y[i]!;
  }
  m /= sw;
  let tss = 0;
  let rss = 0;
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i]! : 1;
    tss += w * (y[i]! - m) ** 2;
    rss += w * residuals[i]! ** 2;
  }
  const rSquared = 1 - rss / tss;
  return { rSquared, adjRSquared: 1 - ((1 - rSquared) * (n - 1)) / dfResidual };
}

function methodWords(
  se: RegressSeType,
  spec: RegressSpec,
  nClusters: number | undefined,
  weighted: boolean,
  fixed: readonly string[],
): string {
  const what = weighted ? 'WLS' : 'OLS';
  const seText: Record<RegressSeType, string> = {
    classical: 'classical SE, t tests on n − k df',
    HC0: 'HC0 robust SE, t tests on n − k df',
    HC1: 'HC1 robust SE, t tests on n − k df',
    HC2: 'HC2 robust SE, t tests on n − k df',
    HC3: 'HC3 robust SE, t tests on n − k df',
    CR0: `CR0 cluster-robust SE (${nClusters} clusters of '${spec.clusters}'), t tests on ${(nClusters ?? 0) - 1} df`,
    stata: `CR1 cluster-robust SE with Stata's small-sample correction (${nClusters} clusters of '${spec.clusters}'), t tests on ${(nClusters ?? 0) - 1} df`,
    CR2: `CR2 cluster-robust SE (Bell–McCaffrey bias reduction, ${nClusters} clusters of '${spec.clusters}'), t tests on Satterthwaite df`,
  };
  const fe = fixed.length ? `; fixed effects absorbed: ${fixed.join(', ')}` : '';
  return `${what}, ${seText[se]}${fe}`;
}

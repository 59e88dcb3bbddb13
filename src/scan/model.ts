/**
 * The risk scan as a model: a logistic regression on the nine Maatwerkscan features, fitted with
 * `logisticRegression` (IRLS, as R's `glm(family = binomial)`), or given as coefficients
 * produced elsewhere. A `ScanModel` is plain data (JSON-safe), so a review can score a new year
 * with last year's model.
 */
import type { ColumnTable } from 'arquero';
import {
  asTable,
  numberColumn,
  requireColumns,
  stringColumn,
  type TableInput,
} from '../data/columns.js';
import { InputError } from '../errors.js';
import { firthLogistic } from '../estimate/firth.js';
import type { Coefficient } from '../estimate/inference.js';
import type { FactorDesign } from '../estimate/irls-pass.js';
import { type LogisticFit, logisticRegressionOfFactors } from '../estimate/logistic.js';
import type { DesignMatrix } from '../stats/estimate.js';
import { type AllKeys, rejectUnknownKeys } from '../stats/option-keys.js';
import { checkOneOf, checkWholeNumber } from '../stats/validate.js';
import { checkOutcome } from './util.js';

/**
 * The nine features of the Maatwerkscan (as published with its evaluation; docs/scan-review.md,
 * "The scan"), as column names of the data:
 * prior bijstand, total WW entitlement (months), months left until WW ends*, WW benefit, income
 * besides WW*, WW supplement*, age at the first WW day, household (single / cohabiting),
 * municipality. (* changes over time; see `weeklyTrajectory`.)
 */
export const SCAN_FEATURES = [
  'prior_bijstand',
  'ww_entitlement_months',
  'ww_months_left',
  'ww_benefit',
  'other_income',
  'ww_supplement',
  'age_at_ww_start',
  'household',
  'municipality',
] as const;

/** The features that change while a client is on WW (re-scored weekly). */
export const SCAN_TIME_VARYING = ['ww_months_left', 'other_income', 'ww_supplement'] as const;

/** Which columns the scan uses. */
export interface ScanSpec {
  /** Numeric features, entering linearly. Default: the seven numeric ones of `SCAN_FEATURES`. */
  readonly numeric?: readonly string[];
  /** Categorical features, dummy-coded against their first sorted level. Default `household`, `municipality`. */
  readonly factors?: readonly string[];
  /** The 0/1 outcome column. Default `bijstand`. */
  readonly outcome?: string;
  /**
   * What to do when a factor level separates the outcome (no cases, or only cases) or is rare
   * (fewer than `rareLevelMinCases` cases or non-cases), or maximum likelihood reports fitted
   * probabilities of 0 or 1: `'firth'` (default) refits the whole model with Firth's penalty
   * (`firthLogistic`); `'pool'` scores those levels as the factor's reference level (their
   * dummies are dropped; a numeric separation still falls back to Firth); `'none'` keeps the
   * maximum-likelihood fit (the levels are still named in `separation`).
   */
  readonly separation?: SeparationAction;
  /** A level with fewer cases (or non-cases) than this is rare (default 5; 0 names only separation). */
  readonly rareLevelMinCases?: number;
}

/** How {@link fitScan} handles separated or rare factor levels. */
export type SeparationAction = 'firth' | 'pool' | 'none';

/** A factor level that separates the outcome or is rare, named in {@link ScanFit.separation}. */
export interface FlaggedLevel {
  readonly feature: string;
  readonly level: string;
  readonly clients: number;
  readonly cases: number;
  /** `no cases` / `only cases` (quasi-complete separation), or `rare`. */
  readonly reason: 'no cases' | 'only cases' | 'rare';
}

/** What {@link fitScan} found and did about separation. */
export interface SeparationReport {
  readonly levels: readonly FlaggedLevel[];
  /** Maximum likelihood reported fitted probabilities of 0 or 1, or did not converge. */
  readonly maximumLikelihoodProblem: boolean;
  /** `ml`: the glm fit as is; `firth`: refitted with Firth's penalty; `pooled`: levels pooled. */
  readonly fit: 'ml' | 'firth' | 'pooled';
  /** One sentence for the report: which levels, and what was done. */
  readonly note: string;
}

/** One term of a scan model: a numeric feature, or one level of a factor. */
export interface ScanTerm {
  /** Coefficient name: `(Intercept)`, `ww_benefit`, `municipality[Rotterdam]`. */
  readonly name: string;
  readonly feature: string | null;
  /** For a factor dummy: the level that gets 1. */
  readonly level?: string;
  /** Log-odds coefficient. */
  readonly coefficient: number;
}

/** A scan model: plain, JSON-safe data. */
export interface ScanModel {
  readonly numeric: readonly string[];
  readonly factors: readonly { readonly feature: string; readonly levels: readonly string[] }[];
  readonly terms: readonly ScanTerm[];
  readonly outcome: string;
  /** Where it came from, e.g. "fitted on 227,600 clients" or "external". */
  readonly source: string;
}

/** {@link fitScan}'s result: the model plus the regression summary. */
export interface ScanFit {
  readonly model: ScanModel;
  readonly coefficients: readonly Coefficient[];
  readonly deviance: number;
  readonly nullDeviance: number;
  readonly aic: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly warnings: readonly string[];
  readonly n: number;
  readonly cases: number;
  /** Fitted probabilities, one per row. */
  readonly fitted: Float64Array;
  /** Separated and rare factor levels, and the fit used because of them. */
  readonly separation: SeparationReport;
  readonly method: string;
}

const DEFAULT_NUMERIC = SCAN_FEATURES.slice(0, 7);
const DEFAULT_FACTORS = SCAN_FEATURES.slice(7);

function resolveSpec(spec: ScanSpec) {
  return {
    numeric: spec.numeric ?? DEFAULT_NUMERIC,
    factors: spec.factors ?? DEFAULT_FACTORS,
    outcome: spec.outcome ?? 'bijstand',
    separation: checkOneOf(
      spec.separation ?? 'firth',
      ['firth', 'pool', 'none'] as const,
      'separation',
    ),
    rareLevelMinCases: checkWholeNumber(spec.rareLevelMinCases ?? 5, 'rareLevelMinCases', 0),
  };
}

/** Levels with no cases, only cases, or fewer than `minCases` of either (in level order). */
function flaggedLevels(
  features: FeatureColumns,
  factors: readonly { feature: string; levels: readonly string[] }[],
  y: Uint8Array,
  minCases: number,
): FlaggedLevel[] {
  const out: FlaggedLevel[] = [];
  for (const f of factors) {
    const { code } = features.factors.get(f.feature)!;
    const clients = new Float64Array(f.levels.length);
    const cases = new Float64Array(f.levels.length);
    for (let i = 0; i < code.length; i++) {
      clients[code[i]!]! += 1;
      cases[code[i]!]! += y[i]!;
    }
    f.levels.forEach((level, l) => {
      const n = clients[l]!;
      const c = cases[l]!;
      const reason =
        c === 0
          ? 'no cases'
          : c === n
            ? 'only cases'
            : Math.min(c, n - c) < minCases
              ? 'rare'
              : null;
      if (reason) out.push({ feature: f.feature, level, clients: n, cases: c, reason });
    });
  }
  return out;
}

const describeLevel = (l: FlaggedLevel) =>
  `${l.feature} = ${l.level} (${l.clients.toLocaleString('en-US')} clients, ${l.cases.toLocaleString('en-US')} cases: ${l.reason})`;

function sortLevels(levels: Iterable<string>): string[] {
  // UTF-16 code-unit order, as R's factor() in the C locale.
  return [...levels].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function requireFeatures(table: ColumnTable, names: readonly string[]): void {
  requireColumns(table, names, 'the risk scan');
}

/** Reads the outcome column as 0/1 with a clear error. */
export function outcomeColumn(input: TableInput, outcome = 'bijstand'): Uint8Array {
  const table = asTable(input);
  requireColumns(table, [outcome], 'the scan review (outcome)');
  return checkOutcome(numberColumn(table, outcome), `column '${outcome}'`);
}

/** A model's features read from a table once: numeric columns, and each factor as level codes. */
interface FeatureColumns {
  readonly n: number;
  readonly numeric: ReadonlyMap<string, Float64Array>;
  /** Per factor: each client's index into the factor's `levels`, and the rows of each level. */
  readonly factors: ReadonlyMap<
    string,
    {
      readonly code: Uint32Array;
      readonly codeOf: ReadonlyMap<string, number>;
      readonly rowsOf: readonly Uint32Array[];
    }
  >;
}

/**
 * Reads and checks the features of `model` (missing values and levels the model does not know
 * are errors); a factor's values become codes into its levels, with each level's rows ascending.
 */
function featureColumns(
  model: Pick<ScanModel, 'numeric' | 'factors'>,
  input: TableInput,
  read?: ReadonlyMap<string, readonly (string | null)[]>,
): FeatureColumns {
  const table = asTable(input);
  // One read per table and feature set: the review fits, scores and refits on the same two
  // tables (arquero tables are immutable; the columns read are never written to).
  const key = JSON.stringify([model.numeric, model.factors.map((f) => [f.feature, f.levels])]);
  let cached = FEATURES.get(table);
  const hit = cached?.get(key);
  if (hit !== undefined) return hit;
  const features = readFeatureColumns(model, table, read);
  if (cached === undefined) {
    cached = new Map();
    FEATURES.set(table, cached);
  }
  cached.set(key, features);
  return features;
}

/** The feature columns read by {@link featureColumns}, per table and feature set. */
const FEATURES = new WeakMap<ColumnTable, Map<string, FeatureColumns>>();

function readFeatureColumns(
  model: Pick<ScanModel, 'numeric' | 'factors'>,
  table: ColumnTable,
  read?: ReadonlyMap<string, readonly (string | null)[]>,
): FeatureColumns {
  requireFeatures(table, [...model.numeric, ...model.factors.map((f) => f.feature)]);
  const n = table.numRows();
  const numeric = new Map<string, Float64Array>();
  for (const f of model.numeric) numeric.set(f, numberColumn(table, f));
  const factors = new Map<
    string,
    { code: Uint32Array; codeOf: Map<string, number>; rowsOf: Uint32Array[] }
  >();
  for (const f of model.factors) {
    const values = read?.get(f.feature) ?? stringColumn(table, f.feature, { missing: 'error' });
    const codeOf = new Map<string, number>();
    f.levels.forEach((l, c) => {
      if (!codeOf.has(l)) codeOf.set(l, c);
    });
    const code = new Uint32Array(values.length);
    const counts = new Uint32Array(f.levels.length);
    const unknown: number[] = [];
    for (let i = 0; i < values.length; i++) {
      const c = codeOf.get(values[i]!);
      if (c === undefined) unknown.push(i + 1);
      else {
        code[i] = c;
        counts[c]!++;
      }
    }
    if (unknown.length > 0) {
      const value = values[unknown[0]! - 1]!;
      throw new InputError(
        `column '${f.feature}': level '${value}' (${unknown.length === 1 ? 'row' : 'rows'} ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ''}) was not among the levels the scan was fitted on (${f.levels.join(', ')})`,
        { code: 'unknown-level', column: f.feature, rows: unknown.slice(0, 20), value },
      );
    }
    const rowsOf = Array.from(counts, (m) => new Uint32Array(m));
    const filled = new Uint32Array(f.levels.length);
    for (let i = 0; i < code.length; i++) {
      const c = code[i]!;
      rowsOf[c]![filled[c]!++] = i;
    }
    factors.set(f.feature, { code, codeOf, rowsOf });
  }
  return { n, numeric, factors };
}

/** The rows where a factor term's dummy is 1 (none for a level the factor does not list). */
function termRows(features: FeatureColumns, feature: string, level: string): Uint32Array {
  const f = features.factors.get(feature)!;
  const c = f.codeOf.get(level);
  return c === undefined ? new Uint32Array(0) : f.rowsOf[c]!;
}

/**
 * The design of `terms` as dense columns (intercept, numeric features) and factor codes, the
 * dummies not written out (what `logisticRegressionOfFactors` fits): a level without a term is
 * scored as the reference.
 */
function factorDesign(features: FeatureColumns, terms: readonly ScanTerm[]): FactorDesign {
  const { n } = features;
  const dense: { column: number; values: Float64Array }[] = [];
  const columnOf = new Map<string, Int32Array>();
  for (const [feature, f] of features.factors) {
    columnOf.set(feature, new Int32Array(f.rowsOf.length).fill(-1));
  }
  terms.forEach((t, j) => {
    if (t.feature === null) dense.push({ column: j, values: new Float64Array(n).fill(1) });
    else if (t.level === undefined)
      dense.push({ column: j, values: features.numeric.get(t.feature)! });
    else {
      const c = features.factors.get(t.feature)!.codeOf.get(t.level);
      if (c !== undefined) columnOf.get(t.feature)![c] = j;
    }
  });
  return {
    n,
    names: terms.map((t) => t.name),
    dense,
    factors: [...features.factors].map(([feature, f]) => ({
      code: new Int32Array(f.code.buffer, f.code.byteOffset, f.code.length),
      columnOf: columnOf.get(feature)!,
    })),
  };
}

/** Builds the design matrix of `model` on a table. Unknown factor levels are an error. */
export function scanDesign(
  model: Pick<ScanModel, 'numeric' | 'factors' | 'terms'>,
  input: TableInput,
): DesignMatrix {
  const features = featureColumns(model, input);
  const { n } = features;
  const names: string[] = [];
  const columns: Float64Array[] = [];
  for (const t of model.terms) {
    names.push(t.name);
    if (t.feature === null) {
      columns.push(new Float64Array(n).fill(1));
    } else if (t.level === undefined) {
      columns.push(features.numeric.get(t.feature)!);
    } else {
      const c = new Float64Array(n);
      const rows = termRows(features, t.feature, t.level);
      for (let r = 0; r < rows.length; r++) c[rows[r]!] = 1;
      columns.push(c);
    }
  }
  return { names, columns, n };
}

const FIT_SCAN_KEYS: AllKeys<ScanSpec> = {
  numeric: true,
  factors: true,
  outcome: true,
  separation: true,
  rareLevelMinCases: true,
};

/**
 * Fits the scan: a logistic regression of the outcome on the features (numeric linear; factors
 * dummy-coded against their first level in C-locale order, as R's `factor()`), with an
 * intercept. Missing feature values are an error (a scan must score everybody).
 *
 * Separation: a factor level with no cases (or only cases) has no finite maximum-likelihood
 * coefficient (glm stops near −13 and the level's predictions near 0, so its O/E explodes the
 * next year). Such levels, and rare ones (fewer than `rareLevelMinCases` cases or non-cases),
 * are named in `separation`; by default the model is then refitted with Firth's penalty
 * (`firthLogistic`), or with `separation: 'pool'` the levels are scored as the reference level.
 *
 * @example
 * const fit = fitScan(await loadTable('data/scan-population-2023.csv'));
 * const p = scoreClients(fit.model, table2024);
 */
export function fitScan(input: TableInput, spec: ScanSpec = {}): ScanFit {
  rejectUnknownKeys(spec, FIT_SCAN_KEYS, 'fitScan');
  const table = asTable(input);
  const { numeric, factors, outcome, separation, rareLevelMinCases } = resolveSpec(spec);
  let pooledFirth = false;
  requireFeatures(table, [...numeric, ...factors]);
  const y = outcomeColumn(table, outcome);
  // Each factor read once: its levels, then its codes (featureColumns).
  const read = new Map(factors.map((f) => [f, stringColumn(table, f, { missing: 'error' })]));
  const factorLevels = factors.map((feature) => ({
    feature,
    levels: sortLevels(new Set(read.get(feature) as string[])),
  }));
  const skeleton: ScanTerm[] = [{ name: '(Intercept)', feature: null, coefficient: 0 }];
  for (const f of numeric) skeleton.push({ name: f, feature: f, coefficient: 0 });
  for (const f of factorLevels) {
    for (const level of f.levels.slice(1)) {
      skeleton.push({ name: `${f.feature}[${level}]`, feature: f.feature, level, coefficient: 0 });
    }
  }
  const features = featureColumns({ numeric, factors: factorLevels }, table, read);
  let cases = 0;
  for (let i = 0; i < y.length; i++) cases += y[i]!;
  if (cases === 0) {
    throw new InputError(
      `fitScan: no positive cases in column '${outcome}' (${y.length} clients, none with outcome 1); a scan cannot be fitted`,
      { code: 'no-cases', column: outcome },
    );
  }
  const yv = Float64Array.from(y);
  const flagged = flaggedLevels(features, factorLevels, y, rareLevelMinCases);
  let fit: LogisticFit = logisticRegressionOfFactors(factorDesign(features, skeleton), yv, {
    singular: 'drop',
  });
  const mlProblem = !fit.converged || fit.warnings.some((w) => w.includes('numerically 0 or 1'));
  let used: SeparationReport['fit'] = 'ml';
  let skeletonUsed = skeleton;
  const pooledNames = new Set<string>();
  if (separation === 'pool' && flagged.length > 0) {
    for (const l of flagged) {
      // A reference level cannot be pooled into itself: its separation is left to Firth below.
      const f = factorLevels.find((x) => x.feature === l.feature)!;
      if (l.level !== f.levels[0]) pooledNames.add(`${l.feature}[${l.level}]`);
    }
    skeletonUsed = skeleton.filter((t) => !pooledNames.has(t.name));
    fit = logisticRegressionOfFactors(factorDesign(features, skeletonUsed), yv, {
      singular: 'drop',
    });
    used = 'pooled';
  }
  const pooledProblem =
    used === 'pooled' &&
    (!fit.converged ||
      fit.warnings.some((w) => w.includes('numerically 0 or 1')) ||
      flagged.some(
        (l) => l.level === factorLevels.find((x) => x.feature === l.feature)!.levels[0],
      ));
  if (
    (separation === 'firth' && (flagged.length > 0 || mlProblem)) ||
    (separation === 'pool' && (pooledProblem || (flagged.length === 0 && mlProblem)))
  ) {
    // Firth's fit needs the dummies written out (only on separation).
    const firthX = scanDesign(
      { numeric, factors: factorLevels, terms: used === 'pooled' ? skeletonUsed : skeleton },
      table,
    );
    fit = firthLogistic(firthX, yv);
    used = used === 'pooled' ? 'pooled' : 'firth';
    if (used === 'pooled') pooledFirth = true;
  }
  const named = flagged.map(describeLevel).join('; ');
  const note =
    flagged.length === 0 && !mlProblem
      ? 'no factor level separates the outcome or is rare; maximum-likelihood fit'
      : `${named || 'maximum likelihood gave fitted probabilities of 0 or 1'}: ${
          used === 'firth'
            ? "refitted with Firth's penalised likelihood (finite coefficients; maximum likelihood would run off towards ±∞)"
            : used === 'pooled'
              ? `pooled with the reference level of their factor (${[...pooledNames].join(', ') || 'none'})${pooledFirth ? "; fitted with Firth's penalised likelihood, as a separation remained" : ''}`
              : 'maximum-likelihood fit kept (separation: none); these coefficients are not meaningful'
        }`;
  const coef = new Map(fit.coefficients.map((c) => [c.term, c.estimate]));
  const terms = skeletonUsed
    .filter((t) => coef.has(t.name))
    .map((t) => ({ ...t, coefficient: coef.get(t.name)! }));
  const model: ScanModel = {
    numeric,
    factors: factorLevels,
    terms,
    outcome,
    source: `${used === 'firth' || pooledFirth ? "Firth's penalised logistic regression" : 'logistic regression'} fitted on ${y.length.toLocaleString('en-US')} clients (${cases.toLocaleString('en-US')} cases)${used === 'pooled' ? `, ${pooledNames.size} level(s) pooled with the reference` : ''}`,
  };
  return {
    model,
    coefficients: fit.coefficients,
    deviance: fit.deviance,
    nullDeviance: fit.nullDeviance,
    aic: fit.aic,
    iterations: fit.iterations,
    converged: fit.converged,
    warnings: [
      ...fit.warnings,
      ...(fit.aliased.length > 0 ? [`aliased terms dropped: ${fit.aliased.join(', ')}`] : []),
    ],
    n: fit.n,
    cases,
    fitted: fit.fitted,
    separation: { levels: flagged, maximumLikelihoodProblem: mlProblem, fit: used, note },
    method: `${used === 'firth' || pooledFirth ? "Firth's penalised logistic regression (as logistf)" : 'logistic regression (IRLS as glm binomial)'} of the outcome on the scan features; numeric features linear, factors dummy-coded${used === 'pooled' ? '; separated or rare levels pooled with the reference level' : ''}`,
  };
}

/**
 * A scan model from coefficients produced elsewhere: `{ "(Intercept)": -3.1, ww_benefit:
 * -0.0004, "municipality[Rotterdam]": 0.5, ... }`. Factor levels without a coefficient count
 * as the reference (0); the levels a factor may take are those named plus `reference`.
 */
export function scanModelFromCoefficients(
  coefficients: Readonly<Record<string, number>>,
  options: {
    readonly references?: Readonly<Record<string, string>>;
    readonly outcome?: string;
  } = {},
): ScanModel {
  const numeric: string[] = [];
  const factorLevels = new Map<string, string[]>();
  const terms: ScanTerm[] = [];
  for (const [name, value] of Object.entries(coefficients)) {
    if (!Number.isFinite(value)) {
      throw new InputError(
        `scan coefficient '${name}' must be a finite number, got ${String(value)}`,
        {
          code: 'invalid-option',
          value: String(value),
        },
      );
    }
    if (name === '(Intercept)') {
      terms.push({ name, feature: null, coefficient: value });
      continue;
    }
    const m = /^([^[\]]+)\[(.+)\]$/.exec(name);
    if (m) {
      const [, feature, level] = m as unknown as [string, string, string];
      if (!factorLevels.has(feature)) factorLevels.set(feature, []);
      factorLevels.get(feature)!.push(level);
      terms.push({ name, feature, level, coefficient: value });
    } else {
      numeric.push(name);
      terms.push({ name, feature: name, coefficient: value });
    }
  }
  if (!terms.some((t) => t.feature === null)) {
    throw new InputError(`scan coefficients: no '(Intercept)'`, { code: 'invalid-option' });
  }
  const factors = [...factorLevels.entries()].map(([feature, levels]) => {
    const ref = options.references?.[feature];
    return {
      feature,
      levels: ref === undefined ? levels : [ref, ...levels.filter((l) => l !== ref)],
    };
  });
  return {
    numeric,
    factors,
    terms,
    outcome: options.outcome ?? 'bijstand',
    source: 'external coefficients',
  };
}

/**
 * The linear predictor (log-odds) of every client: η = Σ_terms β·x in term order, term by term
 * over all clients (a factor term adds its β on its level's rows only: adding β·0 elsewhere
 * changes no sum, so η is the design's X·β bit for bit without building the dummies).
 */
export function scanLinearPredictor(model: ScanModel, input: TableInput): Float64Array {
  const features = featureColumns(model, input);
  const eta = new Float64Array(features.n);
  for (const t of model.terms) {
    const b = t.coefficient;
    if (t.feature === null) {
      for (let i = 0; i < eta.length; i++) eta[i]! += b * 1;
    } else if (t.level === undefined) {
      const c = features.numeric.get(t.feature)!;
      for (let i = 0; i < eta.length; i++) eta[i]! += b * c[i]!;
    } else {
      const rows = termRows(features, t.feature, t.level);
      for (let r = 0; r < rows.length; r++) eta[rows[r]!]! += b;
    }
  }
  return eta;
}

/**
 * Scores clients with a scan model: the predicted probability logistic(x'β) per row.
 *
 * @example
 * const risk = scoreClients(fit.model, table);
 */
export function scoreClients(model: ScanModel, input: TableInput): Float64Array {
  const eta = scanLinearPredictor(model, input);
  for (let i = 0; i < eta.length; i++) eta[i] = 1 / (1 + Math.exp(-eta[i]!));
  return eta;
}

/**
 * Ordinary (and weighted) least squares with classical or heteroskedasticity-consistent
 * standard errors, matching R's `lm` / estimatr's `lm_robust`.
 *
 * Split in two so that a series of outcomes on one design (the effect per month: 24 outcomes,
 * one X) pays for X'X, its factorisation and the leverages once: {@link olsPrepare} does the
 * O(n·k²) work on X; {@link olsFitPrepared} and {@link olsTermPrepared} do the O(n·k) work per
 * outcome (plus one O(n·k²) meat for a full robust vcov).
 */
import { InputError } from '../errors.js';
import type { DesignMatrix } from '../stats/estimate.js';
import {
  choleskyInverse,
  choleskySolve,
  crossProduct,
  crossProductVector,
  pivotedCholesky,
  residualCrossProduct,
  subtractProduct,
} from '../stats/linalg.js';
import { rejectUnknownKeys } from '../stats/option-keys.js';
import { checkLevel } from '../stats/validate.js';
import {
  checkFinite,
  type DesignInput,
  hasIntercept,
  toDesignMatrix,
  toVector,
  type VectorInput,
} from './design.js';
import { type DummyCoding, subsetCoding } from './indicator-groups.js';
import { type Coefficient, coefficientEstimate, toRows } from './inference.js';
import { limitedPivoting } from './pivot.js';
import { olsSummary, withSummary } from './summary.js';
import {
  checkSeType,
  hcVcov,
  leverages,
  meatWeights,
  naWhereLeverageOne,
  type SeType,
} from './vcov.js';

/** What to do with aliased (linearly dependent) columns. */
export type SingularAction = 'drop' | 'error';

/** Options fixed by the design: weights and rank handling. */
export interface OlsPrepareOptions {
  /** Prior (precision) weights, all > 0: minimises Σ w_i e_i². */
  readonly weights?: VectorInput;
  /** `'drop'` (default, as R's `lm`): drop aliased columns and list them; `'error'`: throw. */
  readonly singular?: SingularAction;
  /** Relative tolerance for aliasing, as `lm`'s `tol` (default 1e-7). */
  readonly tol?: number;
}

/** Options of a fit. */
export interface OlsOptions extends OlsPrepareOptions {
  /** Standard-error type; default `'HC2'` (as estimatr). */
  readonly se?: SeType;
  /** Confidence level of the intervals; default 0.95. */
  readonly level?: number;
}

/** A design prepared once for many outcomes: see {@link olsPrepare}. */
export interface OlsPrepared {
  /** Names of the estimable columns (aliased ones removed), in input order. */
  readonly terms: readonly string[];
  /** Names of the aliased columns that were dropped. */
  readonly aliased: readonly string[];
  readonly n: number;
  /** Rank: number of estimable columns. */
  readonly k: number;
  /** The estimable columns of X. */
  readonly columns: readonly Float64Array[];
  readonly weights: Float64Array | undefined;
  /**
   * Column shift s: when the first column is a constant (the intercept), the other columns are
   * centred on their (weighted) means for all n-length work, Xs = X − 1s' = X·T, which keeps
   * X'X well-conditioned for covariates with large means. `undefined`: no shift.
   */
  readonly shift: Float64Array | undefined;
  /** T with X·T = Xs (identity plus the intercept row −s'/a), or `undefined` without shift. */
  readonly transform: Float64Array | undefined;
  /** Xs'WXs of the estimable (shifted) columns (k×k row-major). */
  readonly xtx: Float64Array;
  /** Cholesky factor L of Xs'WXs. */
  readonly factor: Float64Array;
  /** (Xs'WXs)⁻¹, the bread of every sandwich in the shifted basis. */
  readonly shiftedBread: Float64Array;
  /** (X'WX)⁻¹ = T·(Xs'WXs)⁻¹·T' (k×k row-major), in the basis of X's columns. */
  readonly bread: Float64Array;
  /** Whether X has a constant column (used for R²). */
  readonly intercept: boolean;
  /** The factor dummies among `columns` as codes, when the caller had them (`DesignCross`). */
  readonly coding?: DummyCoding;
  /** Bucket sums of event months known for the design (`DesignCross`), for its columns. */
  readonly eventSums?: EventSums;
}

/**
 * Per bucket b of event months (the first of `months`, ascending, at or after a row's event
 * month), Σ(x_i − c) over the rows of the design with an event in it (q×k row-major, the
 * design's k columns) and their count, about a fixed `centre` c; `undefined` when not known
 * for this event vector (the caller then sums the rows). What a series of nested samples
 * computes once for all of them (`prefixEventSums`).
 */
export type EventSums = (
  eventMonth: Float64Array,
  months: readonly number[],
) =>
  | {
      readonly sums: Float64Array;
      readonly counts: Float64Array;
      readonly centre: Float64Array;
    }
  | undefined;

/** Result of {@link ols} / {@link olsFitPrepared}. */
export interface OlsFit {
  /** One `Estimate` per estimable coefficient, in the order of X's columns. */
  readonly coefficients: readonly Coefficient[];
  readonly terms: readonly string[];
  /** Covariance matrix of the coefficients (k×k, order of `terms`). */
  readonly vcov: readonly (readonly number[])[];
  /** Residual degrees of freedom n − k. */
  readonly df: number;
  readonly rSquared: number;
  readonly adjRSquared: number;
  /** Residual standard error √(Σ w e² / (n − k)). */
  readonly sigma: number;
  readonly residuals: Float64Array;
  readonly fitted: Float64Array;
  readonly n: number;
  /** Rank (number of estimated coefficients). */
  readonly k: number;
  readonly se: SeType;
  readonly level: number;
  /** Columns dropped as linearly dependent on earlier ones (R: coefficient NA). */
  readonly aliased: readonly string[];
  /** The coefficient called `term`; throws `InputError` when unknown or aliased. */
  coefficient(term: string): Coefficient;
}

const leverageCache = new WeakMap<OlsPrepared, Float64Array>();
const influenceCache = new WeakMap<OlsPrepared, Map<number, Float64Array>>();

/**
 * Prepares a design for least squares: validates X (and weights), builds X'WX in one blocked
 * pass, and factors it with a pivoted Cholesky that detects aliased columns as R's `lm` does
 * (tolerance 1e-7 relative to the column norm; later columns in a dependent set are dropped).
 *
 * @example
 * const prep = olsPrepare({ names: ['(Intercept)', 'treatment'], columns: [ones, treat], n });
 * const months = outcomes.map((y) => olsTermPrepared(prep, y, 'treatment'));
 */
export function olsPrepare(
  x: DesignInput,
  options: OlsPrepareOptions = {},
  rawNorms?: Float64Array,
): OlsPrepared {
  // `ols` passes its whole options here, so the fit's keys are allowed too.
  rejectUnknownKeys<OlsOptions>(
    options,
    { weights: true, singular: true, tol: true, se: true, level: true },
    'olsPrepare',
  );
  const design = toDesignMatrix(x, 'X');
  checkFinite(design, 'X');
  const { n } = design;
  const kAll = design.columns.length;
  if (kAll === 0) {
    throw new InputError('X: has no columns; expected at least one regressor', {
      code: 'empty',
    });
  }
  if (n <= kAll) {
    throw new InputError(
      `X: n = ${n} rows for k = ${kAll} columns; least squares needs more rows than columns (n > k)`,
      { code: 'too-few', value: String(n) },
    );
  }
  const weights = options.weights === undefined ? undefined : checkWeights(options.weights, n);
  return olsPrepareValidated(design, weights, options, rawNorms);
}

/** The shift and X'WX of a design, as {@link olsPrepareValidated} needs them. */
export type ShiftedProducts = (
  columns: readonly Float64Array[],
  weights: Float64Array | undefined,
) => DesignCross;

/** The default {@link ShiftedProducts}: the intercept shift and one blocked pass for X'WX. */
function denseProducts(columns: readonly Float64Array[], weights: Float64Array | undefined) {
  const shift = interceptShift(columns, weights);
  return { shift, xtx: crossProduct(columns, weights, shift) };
}

/**
 * {@link olsPrepare} without the checks of X and the weights, for a caller that has validated
 * them once and prepares the same X again and again with new weights (the iterations of
 * `logisticRegression`); `products` may compute the shift (weighted column means, s₀ = 0, when
 * column 0 is the intercept) and Xs'WXs by a faster kernel of the same formulas.
 *
 * @example
 * const step = olsPrepareValidated(design, irlsWeights, { tol: 1e-11 });
 */
export function olsPrepareValidated(
  design: DesignMatrix,
  weights: Float64Array | undefined,
  options: Pick<OlsPrepareOptions, 'singular' | 'tol'> = {},
  rawNorms?: Float64Array,
  products: ShiftedProducts = denseProducts,
): OlsPrepared {
  const { shift, xtx } = products(design.columns, weights);
  return prepareFromCross(design, weights, { xtx, shift }, options, rawNorms);
}

/**
 * The cross product Xs'WXs of a design's (shifted) columns and its shift, as {@link olsPrepare}
 * computes them: `shift` the (weighted) column means with 0 for the intercept (see
 * `OlsPrepared.shift`), or `undefined` without an intercept (then `xtx` = X'WX).
 */
export interface DesignCross {
  readonly xtx: Float64Array;
  readonly shift: Float64Array | undefined;
  /** The factor dummies of the design's columns (`dummyCoding`), when known: passed on to the fit. */
  readonly coding?: DummyCoding;
  /** Bucket sums of event months, when known (`prefixEventSums`): passed on to the fit. */
  readonly eventSums?: EventSums;
}

/**
 * {@link olsPrepare} from a cross product computed elsewhere (e.g. from group sums of nested
 * samples, see `prefixCrossProducts`): the same aliasing decision, factor, bread and shift, with
 * no pass over the rows. The caller guarantees that `design`'s columns are finite, that `weights`
 * (if any) are the fit's positive weights, and that `cross` is that of `design` with these
 * weights; n > k is checked.
 *
 * @example
 * const prep = olsPrepareFromCross(design, { xtx, shift }); // equals olsPrepare(design) up to rounding
 */
export function olsPrepareFromCross(
  design: DesignMatrix,
  cross: DesignCross,
  options: Pick<OlsPrepareOptions, 'singular' | 'tol'> & { readonly weights?: Float64Array } = {},
): OlsPrepared {
  const kAll = design.columns.length;
  if (kAll === 0 || design.n <= kAll) {
    throw new InputError(
      `X: n = ${design.n} rows for k = ${kAll} columns; least squares needs more rows than columns (n > k)`,
      { code: 'too-few', value: String(design.n) },
    );
  }
  return prepareFromCross(design, options.weights, cross, options, undefined);
}

function prepareFromCross(
  design: DesignMatrix,
  weights: Float64Array | undefined,
  cross: DesignCross,
  options: Pick<OlsPrepareOptions, 'singular' | 'tol'>,
  rawNorms: Float64Array | undefined,
): OlsPrepared {
  const { n } = design;
  const kAll = design.columns.length;
  const xtxAll = cross.xtx;
  const shiftAll = cross.shift;
  // Aliasing is judged against the raw column norms Σw·x² = Σw(x − s)² + s²Σw, as lm does.
  let reference: Float64Array | undefined = rawNorms;
  if (shiftAll && !rawNorms) {
    let sw = n;
    if (weights) {
      sw = 0;
      for (let i = 0; i < n; i++) sw += weights[i]!;
    }
    reference = Float64Array.from(shiftAll, (sj, j) => xtxAll[j * kAll + j]! + sj * sj * sw);
  }
  const tol = options.tol ?? 1e-7;
  const pc = decideAliased(design, weights, xtxAll, tol, reference);
  const aliased = pc.aliased.map((j) => design.names[j]!);
  if (pc.kept.length === 0) {
    throw new InputError(
      `X: every column is zero or aliased (${aliased.join(', ')}); nothing can be estimated`,
      { code: 'singular' },
    );
  }
  if (aliased.length > 0 && options.singular === 'error') {
    throw new InputError(
      `X: columns ${aliased.map((a) => `"${a}"`).join(', ')} are linearly dependent on earlier columns (collinear or constant zero); remove them or use singular: 'drop'`,
      { code: 'aliased', column: aliased[0] },
    );
  }
  const k = pc.kept.length;
  const columns = pc.kept.map((j) => design.columns[j]!);
  const xtx = new Float64Array(k * k);
  pc.kept.forEach((a, i) => {
    pc.kept.forEach((b, j) => {
      xtx[i * k + j] = xtxAll[a * kAll + b]!;
    });
  });
  const shiftedBread = choleskyInverse(pc.factor, k);
  const shift = shiftAll ? Float64Array.from(pc.kept, (j) => shiftAll[j]!) : undefined;
  const transform = shift ? shiftTransform(shift, columns[0]![0]!) : undefined;
  return {
    terms: pc.kept.map((j) => design.names[j]!),
    aliased,
    n,
    k,
    columns,
    weights,
    shift,
    transform,
    xtx,
    factor: pc.factor,
    shiftedBread,
    bread: transform ? congruence(transform, shiftedBread, k) : shiftedBread,
    intercept: hasIntercept(columns),
    ...(cross.coding ? { coding: subsetCoding(cross.coding, 0, n, pc.kept) } : {}),
    ...(cross.eventSums ? { eventSums: keptEventSums(cross.eventSums, pc.kept, kAll) } : {}),
  };
}

/** {@link EventSums} of a design's columns narrowed to the columns `kept` (of kAll). */
function keptEventSums(all: EventSums, kept: readonly number[], kAll: number): EventSums {
  const k = kept.length;
  return (eventMonth, months) => {
    const found = all(eventMonth, months);
    if (!found) return undefined;
    const sums = new Float64Array(months.length * k);
    for (let b = 0; b < months.length; b++) {
      kept.forEach((j, i) => {
        sums[b * k + i] = found.sums[b * kAll + j]!;
      });
    }
    return { sums, counts: found.counts, centre: Float64Array.from(kept, (j) => found.centre[j]!) };
  };
}

/**
 * The pivoted Cholesky of X'WX with the aliased columns decided as R's `lm` does. The Cholesky
 * pivot d_j = ‖residual of x_j‖² is only accurate to about ε·‖x_j‖², so when some column's
 * relative residual √(d_j)/‖x_j‖ is within a factor 1000 of `tol` (or below it), the decision is
 * made again by `dqrdc2` on √w·X itself ({@link limitedPivoting}) and the factor recomputed on
 * the columns it keeps: the Lin design with a covariate level in one arm only gave a relative
 * residual of 1.015e-7 for an exactly collinear column, and kept it.
 *
 * Structural aliasing is settled first, exactly and in O(n) per suspect: a column that is
 * constant zero, or identical (value for value) to an earlier column — a subgroup dummy that is
 * also a covariate, a covariate level constant within a subgroup — is one `dqrdc2` drops too
 * (its residual is exactly zero, and a column it drops takes no part in the reflections of the
 * others), so it is removed before the decision above, which then runs on the other columns
 * (and usually needs no QR at all).
 */
function decideAliased(
  design: DesignMatrix,
  weights: Float64Array | undefined,
  xtx: Float64Array,
  tol: number,
  reference: Float64Array | undefined,
): { factor: Float64Array; kept: readonly number[]; aliased: readonly number[] } {
  const k = design.columns.length;
  const pc = pivotedCholesky(xtx, k, tol, reference);
  const near = nearColumns(pc, xtx, k, tol, reference);
  if (near.length === 0) return pc;
  const structural = structurallyAliased(design.columns, near, xtx, k, reference);
  if (structural.size === 0) return decideByQr(design, weights, xtx, tol, reference);
  const rest: number[] = [];
  for (let j = 0; j < k; j++) if (!structural.has(j)) rest.push(j);
  const m = rest.length;
  const sub = submatrix(xtx, k, rest);
  const subReference = reference ? Float64Array.from(rest, (j) => reference[j]!) : undefined;
  const subDesign: DesignMatrix = {
    names: rest.map((j) => design.names[j]!),
    columns: rest.map((j) => design.columns[j]!),
    n: design.n,
  };
  let decided = pivotedCholesky(sub, m, tol, subReference);
  if (nearColumns(decided, sub, m, tol, subReference).length > 0) {
    decided = decideByQr(subDesign, weights, sub, tol, subReference);
  }
  const aliased = [...structural, ...decided.aliased.map((j) => rest[j]!)].sort((a, b) => a - b);
  return { factor: decided.factor, kept: decided.kept.map((j) => rest[j]!), aliased };
}

/**
 * The columns a pivoted Cholesky found aliased or with a pivot within a factor 1e3 of the
 * tolerance (relative residual √d_j/‖x_j‖ < 1e3·tol), ascending; empty when the decision stands.
 */
function nearColumns(
  pc: { factor: Float64Array; kept: readonly number[]; aliased: readonly number[] },
  xtx: Float64Array,
  k: number,
  tol: number,
  reference: Float64Array | undefined,
): number[] {
  const r = pc.kept.length;
  const near = [...pc.aliased];
  pc.kept.forEach((j, i) => {
    const norm2 = reference ? reference[j]! : xtx[j * k + j]!;
    if (pc.factor[i * r + i]! ** 2 < 1e6 * tol * tol * norm2) near.push(j);
  });
  return near.sort((a, b) => a - b);
}

/** The rows and columns `keep` of a k×k row-major matrix. */
function submatrix(a: Float64Array, k: number, keep: readonly number[]): Float64Array {
  const m = keep.length;
  const sub = new Float64Array(m * m);
  keep.forEach((p, i) => {
    keep.forEach((q, j) => {
      sub[i * m + j] = a[p * k + q]!;
    });
  });
  return sub;
}

/**
 * The columns among `suspects` (those the Cholesky dropped or nearly dropped) that are constant zero or equal, value
 * for value, to an earlier column, checked on the data; the cross product only picks the earlier
 * columns worth comparing (equal diagonal and off-diagonal entry to 1e-8, equal means).
 */
function structurallyAliased(
  columns: readonly Float64Array[],
  suspects: readonly number[],
  xtx: Float64Array,
  k: number,
  reference: Float64Array | undefined,
): Set<number> {
  const out = new Set<number>();
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-8 * (Math.abs(a) + Math.abs(b));
  for (const j of suspects) {
    const x = columns[j]!;
    if ((xtx[j * k + j] === 0 || reference?.[j] === 0) && isZero(x)) {
      out.add(j);
      continue;
    }
    for (let p = 0; p < j; p++) {
      // Equal columns have equal entries of X'WX (raw or shifted) and equal raw norms.
      const plausible =
        close(xtx[p * k + p]!, xtx[j * k + j]!) &&
        close(xtx[p * k + j]!, xtx[j * k + j]!) &&
        (!reference || close(reference[p]!, reference[j]!));
      // The intercept is not shifted: a column equal to it is constant, with shifted norm 0.
      const constant = p === 0 && reference !== undefined && close(reference[0]!, reference[j]!);
      if ((plausible || constant) && sameValues(columns[p]!, x)) {
        out.add(j);
        break;
      }
    }
  }
  return out;
}

function isZero(x: Float64Array): boolean {
  for (let i = 0; i < x.length; i++) if (x[i] !== 0) return false;
  return true;
}

function sameValues(a: Float64Array, b: Float64Array): boolean {
  if (a === b) return true;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The decision by `dqrdc2` on √w·X ({@link limitedPivoting}), with the factor of what it keeps. */
function decideByQr(
  design: DesignMatrix,
  weights: Float64Array | undefined,
  xtx: Float64Array,
  tol: number,
  reference: Float64Array | undefined,
): { factor: Float64Array; kept: readonly number[]; aliased: readonly number[] } {
  const { columns, names } = design;
  const k = columns.length;
  const root = weights ? Float64Array.from(weights, Math.sqrt) : undefined;
  const scaled = root ? columns.map((c) => Float64Array.from(c, (v, i) => v * root[i]!)) : columns;
  const lp = limitedPivoting(
    scaled,
    tol,
    reference ? Float64Array.from(reference, Math.sqrt) : undefined,
  );
  const kept = lp.kept;
  const again = pivotedCholesky(submatrix(xtx, k, kept), kept.length, 0);
  if (again.aliased.length > 0) {
    const name = names[kept[again.aliased[0]!]!]!;
    throw new InputError(
      `X: column "${name}" is so nearly collinear with earlier columns that least squares cannot be solved accurately; remove it or rescale the covariates`,
      { code: 'singular', column: name },
    );
  }
  return { factor: again.factor, kept, aliased: lp.aliased };
}

/**
 * The shift s of {@link OlsPrepared}: (weighted) column means when column 0 is constant and
 * non-zero, with s_0 = 0; `undefined` otherwise (without an intercept, centring would change the
 * column space).
 */
function interceptShift(
  columns: readonly Float64Array[],
  weights: Float64Array | undefined,
): Float64Array | undefined {
  const first = columns[0];
  if (!first || columns.length < 2 || !hasIntercept([first])) return undefined;
  const n = first.length;
  let sw = 0;
  for (let i = 0; i < n; i++) sw += weights ? weights[i]! : 1;
  const shift = new Float64Array(columns.length);
  for (let j = 1; j < columns.length; j++) {
    const c = columns[j]!;
    let m = 0;
    for (let i = 0; i < n; i++) m += (weights ? weights[i]! : 1) * c[i]!;
    shift[j] = m / sw;
  }
  return shift;
}

/** T = I − e₀s'/a (k×k row-major): X·T = X − 1s' when column 0 of X is the constant a. */
function shiftTransform(shift: Float64Array, a: number): Float64Array {
  const k = shift.length;
  const t = new Float64Array(k * k);
  for (let j = 0; j < k; j++) t[j * k + j] = 1;
  for (let j = 1; j < k; j++) t[j] = -shift[j]! / a;
  return t;
}

/**
 * T·M·T' for k×k row-major T and symmetric M: a covariance in the shifted basis mapped back to
 * X's columns.
 *
 * @example
 * congruence(prepared.transform, shiftedVcov, prepared.k)
 */
export function congruence(t: Float64Array, m: Float64Array, k: number): Float64Array {
  const tm = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += t[i * k + p]! * m[p * k + j]!;
      tm[i * k + j] = s;
    }
  }
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += tm[i * k + p]! * t[j * k + p]!;
      out[i * k + j] = s;
      out[j * k + i] = s;
    }
  }
  return out;
}

/**
 * β = T·βs: coefficients of X's columns from those of the shifted columns.
 *
 * @example
 * unshiftCoefficients(prep, betaShifted)
 */
export function unshiftCoefficients(
  prepared: OlsPrepared,
  betaShifted: Float64Array,
): Float64Array {
  const { transform, k } = prepared;
  if (!transform) return betaShifted;
  const beta = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += transform[i * k + j]! * betaShifted[j]!;
    beta[i] = s;
  }
  return beta;
}

/**
 * Weights must be positive and within 1e−100…1e100: the sandwich squares them, so 1e−300 or
 * 1e300 underflow to a zero SE (p = 0) or overflow to NaN. Estimates and SEs do not depend on
 * the scale of the weights, so rescaling them loses nothing.
 */
const WEIGHT_RANGE = [1e-100, 1e100] as const;

function checkWeights(w: VectorInput, n: number): Float64Array {
  const v = toVector(w, 'weights', n);
  for (let i = 0; i < n; i++) {
    if (!(v[i]! > 0)) {
      throw new InputError(
        `weights: row ${i + 1} has weight ${v[i]}; expected positive weights (drop rows with zero weight)`,
        { code: 'out-of-range', column: 'weights', rows: [i + 1], value: String(v[i]) },
      );
    }
    if (v[i]! < WEIGHT_RANGE[0] || v[i]! > WEIGHT_RANGE[1]) {
      throw new InputError(
        `weights: row ${i + 1} has weight ${v[i]}; expected weights from 1e-100 to 1e100, where their squares stay representable (rescale them: estimates and standard errors do not depend on the scale of the weights)`,
        { code: 'out-of-range', column: 'weights', rows: [i + 1], value: String(v[i]) },
      );
    }
  }
  return v;
}

/**
 * Leverages h_i = w_i·x_i'(X'WX)⁻¹x_i of a prepared design, computed on first use and cached
 * with it (so a series of outcomes computes them once).
 *
 * @example
 * const h = olsLeverages(olsPrepare(X)); // Σh = k
 */
export function olsLeverages(prepared: OlsPrepared): Float64Array {
  let h = leverageCache.get(prepared);
  if (!h) {
    h = leverages(prepared.columns, prepared.factor, prepared.weights, prepared.shift);
    leverageCache.set(prepared, h);
  }
  return h;
}

/**
 * β̂ = (X'WX)⁻¹X'Wy by the normal equations of the shifted columns through their Cholesky
 * factor, plus one step of iterative refinement (β̂s += (Xs'WXs)⁻¹Xs'W·e), then β̂ = T·β̂s. The
 * shift and the refinement together bring the accuracy to that of R's QR (about 1e-14 relative
 * on the reference data, incl. a covariate with mean 50 000 and sd 5).
 *
 * @example
 * const { beta, residuals } = olsSolve(olsPrepare(X), y);
 */
export function olsSolve(
  prepared: OlsPrepared,
  y: Float64Array,
): { beta: Float64Array; residuals: Float64Array } {
  const { columns, factor, k, weights, shift } = prepared;
  const bs = choleskySolve(factor, k, crossProductVector(columns, y, weights, shift));
  const { residuals, xte } = residualCrossProduct(columns, bs, y, weights, shift);
  const delta = choleskySolve(factor, k, xte);
  for (let j = 0; j < k; j++) bs[j]! += delta[j]!;
  subtractProduct(columns, delta, residuals, shift);
  return { beta: unshiftCoefficients(prepared, bs), residuals };
}

/**
 * The coefficients of {@link olsSolve}, bit for bit, without its final residuals: the same
 * normal equations and refinement step (β̂s += (Xs'WXs)⁻¹Xs'W·e, e = y − Xs·β̂s), but no last
 * pass e ← e − Xs·δ, and e written into `scratch` (length n) instead of a new array. For a
 * caller that solves again and again and needs only β̂ (the IRLS steps of `logisticRegression`).
 *
 * @example
 * const beta = olsSolveCoefficients(olsPrepare(X), y, new Float64Array(y.length));
 */
export function olsSolveCoefficients(
  prepared: OlsPrepared,
  y: Float64Array,
  scratch: Float64Array,
): Float64Array {
  const { columns, factor, k, weights, shift } = prepared;
  const bs = choleskySolve(factor, k, crossProductVector(columns, y, weights, shift));
  const { xte } = residualCrossProduct(columns, bs, y, weights, shift, scratch);
  const delta = choleskySolve(factor, k, xte);
  for (let j = 0; j < k; j++) bs[j]! += delta[j]!;
  return unshiftCoefficients(prepared, bs);
}

/**
 * Robust (HC0–HC3) covariance of the coefficients of a prepared design given residuals e,
 * computed in the shifted basis and mapped back: V = T·(As·Xs'diag(ω)Xs·As)·T' (see `vcov.ts`
 * for ω), times n/(n − k) for HC1. Rows with leverage 1 (HC2/HC3) make the variance of the
 * coefficients that depend on them NA (NaN), as for an aliased term; the others are kept.
 *
 * @example
 * const v = olsRobustVcov(prep, 'HC2', fit.residuals); // k×k row-major
 */
export function olsRobustVcov(
  prepared: OlsPrepared,
  se: Exclude<SeType, 'classical'>,
  residuals: Float64Array,
): Float64Array {
  const { n, k, columns, weights, shift, transform, shiftedBread } = prepared;
  const h = se === 'HC2' || se === 'HC3' ? olsLeverages(prepared) : undefined;
  const leverageOne: number[] = [];
  let v = hcVcov(columns, meatWeights(se, residuals, h, weights, leverageOne), shiftedBread, shift);
  if (transform) v = congruence(transform, v, k);
  if (se === 'HC1') v = v.map((x) => (x * n) / (n - k));
  if (leverageOne.length) naWhereLeverageOne(v, k, leverageOne, (c) => olsInfluence(prepared, c));
  return v;
}

function weightedRss(e: Float64Array, w: Float64Array | undefined): number {
  let s = 0;
  for (let i = 0; i < e.length; i++) s += (w ? w[i]! : 1) * e[i]! * e[i]!;
  return s;
}

/**
 * The `method` text of a least-squares estimate.
 *
 * @example
 * methodText('HC2', 392, false) // "OLS, HC2 robust SE, t test on 392 df"
 */
export function methodText(se: SeType, df: number, weighted: boolean): string {
  const what = weighted ? 'WLS' : 'OLS';
  const seText = se === 'classical' ? 'classical SE' : `${se} robust SE`;
  return `${what}, ${seText}, t test on ${df} df`;
}

/**
 * Fits y on a prepared design: coefficients, the covariance matrix of the chosen type (see
 * `vcov.ts` for the HC formulas: MacKinnon & White 1985; estimatr's mathematical notes), t tests
 * on n − k df, R² as R's `summary.lm` (mss / (mss + rss), mss about the weighted mean when X has
 * an intercept).
 *
 * @example
 * const prep = olsPrepare(X);
 * const fit = olsFitPrepared(prep, y, { se: 'HC2' });
 * fit.coefficient('treatment').pValue;
 */
export function olsFitPrepared(
  prepared: OlsPrepared,
  y: VectorInput,
  options: OlsOptions = {},
): OlsFit {
  rejectUnknownKeys(
    options,
    { se: true, level: true, weights: true, singular: true, tol: true },
    'olsFitPrepared',
  );
  const se = checkSeType(options.se ?? 'HC2');
  const level = checkLevel(options.level ?? 0.95);
  const { n, k, weights, bread, terms } = prepared;
  const yv = toVector(y, 'y', n);
  const { beta, residuals } = olsSolve(prepared, yv);
  const df = n - k;
  const rss = weightedRss(residuals, weights);
  const sigma2 = rss / df;
  const vcov =
    se === 'classical' ? bread.map((v) => v * sigma2) : olsRobustVcov(prepared, se, residuals);
  const fitted = new Float64Array(n);
  for (let i = 0; i < n; i++) fitted[i] = yv[i]! - residuals[i]!;
  const { rSquared, adjRSquared } = rSquaredOf(fitted, rss, weights, prepared.intercept, df);
  const method = methodText(se, df, weights !== undefined);
  const coefficients = terms.map((term, j) =>
    coefficientEstimate(term, beta[j]!, Math.sqrt(vcov[j * k + j]!), df, level, n, method),
  );
  return {
    coefficients,
    terms,
    vcov: toRows(vcov, k),
    df,
    rSquared,
    adjRSquared,
    sigma: Math.sqrt(sigma2),
    residuals,
    fitted,
    n,
    k,
    se,
    level,
    aliased: prepared.aliased,
    coefficient: (term) => findCoefficient(coefficients, prepared.aliased, term),
  };
}

/**
 * R² and adjusted R² as `summary.lm`: R² = mss/(mss + rss), mss = Σw(ŷ − m)² with m the
 * weighted mean of ŷ when there is an intercept (else 0); adj. R² = 1 − (1 − R²)(n − i)/df.
 *
 * @example
 * rSquaredOf(fitted, rss, undefined, true, n - k).rSquared
 */
function rSquaredOf(
  fitted: Float64Array,
  rss: number,
  weights: Float64Array | undefined,
  intercept: boolean,
  df: number,
): { rSquared: number; adjRSquared: number } {
  const n = fitted.length;
  let m = 0;
  if (intercept) {
    let sw = 0;
    for (let i = 0; i < n; i++) {
      const w = weights ? weights[i]! : 1;
      m += w * fitted[i]!;
      sw += w;
    }
    m /= sw;
  }
  let mss = 0;
  for (let i = 0; i < n; i++) {
    const d = fitted[i]! - m;
    mss += (weights ? weights[i]! : 1) * d * d;
  }
  const rSquared = mss / (mss + rss);
  const adjRSquared = 1 - ((1 - rSquared) * (n - (intercept ? 1 : 0))) / df;
  return { rSquared, adjRSquared };
}

/**
 * Looks a coefficient up by name, with a helpful error for aliased or unknown terms.
 *
 * @example
 * findCoefficient(fit.coefficients, fit.aliased, 'treatment').estimate
 */
export function findCoefficient(
  coefficients: readonly Coefficient[],
  aliased: readonly string[],
  term: string,
): Coefficient {
  const c = coefficients.find((x) => x.term === term);
  if (c) return c;
  if (aliased.includes(term)) {
    throw new InputError(
      `term "${term}" was dropped as aliased (linearly dependent); no estimate`,
      {
        code: 'aliased',
        column: term,
      },
    );
  }
  throw new InputError(
    `term "${term}" is not in the model; expected one of ${coefficients.map((x) => x.term).join(', ')}`,
    { code: 'unknown-term', column: term },
  );
}

/**
 * Least squares of y on X with classical or HC standard errors (default HC2, as estimatr's
 * `lm_robust`). Aliased columns are dropped (as `lm`, where they get NA) and listed in
 * `aliased`, or rejected with `singular: 'error'`. Equal to `olsFitPrepared(olsPrepare(X), y)`.
 *
 * HC formulas, with A = (X'X)⁻¹, e = y − Xβ̂, h_i = x_i'Ax_i (MacKinnon & White 1985):
 * HC0 = A·X'diag(e²)X·A; HC1 = HC0·n/(n−k); HC2 = A·X'diag(e²/(1−h))X·A;
 * HC3 = A·X'diag(e²/(1−h)²)X·A; classical = σ̂²A. A row with h_i = 1 (e.g. a dummy only one
 * row has) makes HC2/HC3 undefined for the coefficients that depend on it: their SE, statistic,
 * CI and p-value are NaN (NA, as estimatr), the other coefficients keep theirs.
 *
 * @example
 * const fit = ols({ names: ['(Intercept)', 'treatment'], columns: [ones, treat], n }, y);
 * fit.coefficient('treatment'); // { estimate, stdError, ci, statistic, df, pValue, ... }
 */
export function ols(x: DesignInput, y: VectorInput, options: OlsOptions = {}): OlsFit {
  const fit = olsFitPrepared(olsPrepare(x, options), y, options);
  return withSummary(fit, (f) => olsSummary(f, 'Linear regression (OLS)'));
}

/**
 * The `Estimate` of one coefficient for outcome y on a prepared design, in O(n·k): β̂_c is row c
 * of (X'WX)⁻¹ times X'Wy, and its sandwich variance is Σ ω_i v_i² with v = X·a_c (a_c = row c
 * of the bread, computed once per design and term and cached). Equals the same coefficient of
 * {@link olsFitPrepared}; made for the month-by-month series.
 *
 * @example
 * const prep = olsPrepare(X);
 * const perMonth = outcomes.map((y) => olsTermPrepared(prep, y, 'treatment', { se: 'HC2' }));
 */
export function olsTermPrepared(
  prepared: OlsPrepared,
  y: VectorInput,
  term: string,
  options: Pick<OlsOptions, 'se' | 'level'> = {},
): Coefficient {
  checkSeType(options.se ?? 'HC2');
  checkLevel(options.level ?? 0.95);
  const c = termIndex(prepared, term);
  return olsTermOfSolution(prepared, c, olsSolve(prepared, toVector(y, 'y', prepared.n)), options);
}

/**
 * The column of `term` in a prepared design, or an error naming why it has none (dropped as
 * aliased, or not in the model).
 *
 * @example
 * const c = termIndex(prep, 'treatment'); // prep.terms[c] === 'treatment'
 */
export function termIndex(prepared: OlsPrepared, term: string): number {
  const c = prepared.terms.indexOf(term);
  if (c < 0) {
    throw new InputError(
      prepared.aliased.includes(term)
        ? `term "${term}" was dropped as aliased (linearly dependent); no estimate`
        : `term "${term}" is not in the model; expected one of ${prepared.terms.join(', ')}`,
      { code: prepared.aliased.includes(term) ? 'aliased' : 'unknown-term', column: term },
    );
  }
  return c;
}

/**
 * The `Estimate` of coefficient c (a column of `prepared.terms`) from an `olsSolve` solution
 * (β̂ and e): the classical variance RSS/(n − k)·A_cc or the sandwich Σ ω_i v_i² of
 * {@link olsTermPrepared}, for a caller that needs the residuals as well (2SLS from the first
 * stage and the reduced form). The same numbers as `olsTermPrepared`, bit for bit.
 *
 * @example
 * const solution = olsSolve(prep, y);
 * const t = olsTermOfSolution(prep, termIndex(prep, 'treatment'), solution, { se: 'HC2' });
 */
export function olsTermOfSolution(
  prepared: OlsPrepared,
  c: number,
  solution: { readonly beta: Float64Array; readonly residuals: Float64Array },
  options: Pick<OlsOptions, 'se' | 'level'> = {},
): Coefficient {
  const se = checkSeType(options.se ?? 'HC2');
  const level = checkLevel(options.level ?? 0.95);
  const { n, k, terms, bread, weights } = prepared;
  const { beta, residuals } = solution;
  const df = n - k;
  let variance: number;
  if (se === 'classical') {
    variance = (weightedRss(residuals, weights) / df) * bread[c * k + c]!;
  } else {
    const v = olsInfluence(prepared, c);
    const h = se === 'HC2' || se === 'HC3' ? olsLeverages(prepared) : undefined;
    const omega = meatWeights(se, residuals, h, weights);
    variance = 0;
    for (let i = 0; i < n; i++) variance += omega[i]! * v[i]! * v[i]!;
    if (se === 'HC1') variance = (variance * n) / df;
  }
  return coefficientEstimate(
    terms[c]!,
    beta[c]!,
    Math.sqrt(variance),
    df,
    level,
    n,
    methodText(se, df, weights !== undefined),
  );
}

/**
 * v = X·a_c with a_c row c of (X'WX)⁻¹ (so β̂_c = Σ_i v_i w_i y_i), cached per design and term.
 * Computed in the shifted basis as v = Xs·r with r = row c of T·(Xs'WXs)⁻¹.
 *
 * @example
 * const v = olsInfluence(prepared, prepared.terms.indexOf('treatment'));
 */
export function olsInfluence(prepared: OlsPrepared, c: number): Float64Array {
  let byTerm = influenceCache.get(prepared);
  if (!byTerm) {
    byTerm = new Map();
    influenceCache.set(prepared, byTerm);
  }
  let v = byTerm.get(c);
  if (!v) {
    const { n, k, columns, shift, transform, shiftedBread } = prepared;
    // −r, so that subtractProduct (e ← e − Xs·(−r)) accumulates +Xs·r into zeros.
    const minusR = new Float64Array(k);
    for (let j = 0; j < k; j++) {
      let s = 0;
      if (transform)
        for (let p = 0; p < k; p++) s += transform[c * k + p]! * shiftedBread[p * k + j]!;
      else s = shiftedBread[c * k + j]!;
      minusR[j] = -s;
    }
    v = subtractProduct(columns, minusR, new Float64Array(n), shift);
    byTerm.set(c, v);
  }
  return v;
}

/** Result of {@link olsTermsVcovPrepared}: some coefficients and their block of the vcov. */
export interface TermsVcov {
  readonly terms: readonly string[];
  /** β̂ of `terms`, in their order. */
  readonly estimates: Float64Array;
  /** Their q×q block of the coefficient covariance (row-major), NaN where it is NA. */
  readonly vcov: Float64Array;
  /** Residual degrees of freedom n − k. */
  readonly df: number;
}

/**
 * The coefficients `terms` of y on a prepared design and their block of the covariance, in
 * O(n·q) after the first use of the design (q = number of terms): V_ab = Σ ω_i v_a,i v_b,i with
 * v_c = X·a_c ({@link olsInfluence}) and ω the HC meat weights (`vcov.ts`), times n/(n − k) for
 * HC1; σ̂²·(X'WX)⁻¹ for classical. A row with leverage 1 makes the rows and columns of the
 * coefficients resting on it NA (NaN), as {@link olsRobustVcov} does. Equals the same block of
 * `olsFitPrepared(prepared, y, { se }).vcov` up to rounding, without its O(n·k²) meat: made for
 * the Wald tests of a month-by-month series (the subgroups' interaction test).
 *
 * @example
 * const { estimates, vcov } = olsTermsVcovPrepared(prep, y, ['treatment:g[b]'], 'HC2');
 */
export function olsTermsVcovPrepared(
  prepared: OlsPrepared,
  y: Float64Array,
  terms: readonly string[],
  se: SeType,
): TermsVcov {
  const { n, k, bread, weights } = prepared;
  const positions = terms.map((term) => termIndex(prepared, term));
  const q = positions.length;
  const { beta, residuals } = olsSolve(prepared, y);
  const df = n - k;
  const vcov = new Float64Array(q * q);
  if (se === 'classical') {
    const sigma2 = weightedRss(residuals, weights) / df;
    positions.forEach((a, i) => {
      positions.forEach((b, j) => {
        vcov[i * q + j] = sigma2 * bread[a * k + b]!;
      });
    });
  } else {
    const h = se === 'HC2' || se === 'HC3' ? olsLeverages(prepared) : undefined;
    const leverageOne: number[] = [];
    const omega = meatWeights(se, residuals, h, weights, leverageOne);
    const v = positions.map((c) => olsInfluence(prepared, c));
    const scale = se === 'HC1' ? n / df : 1;
    for (let i = 0; i < q; i++) {
      for (let j = 0; j <= i; j++) {
        const a = v[i]!;
        const b = v[j]!;
        let s = 0;
        for (let r = 0; r < n; r++) s += omega[r]! * a[r]! * b[r]!;
        vcov[i * q + j] = s * scale;
        vcov[j * q + i] = s * scale;
      }
    }
    if (leverageOne.length) naWhereLeverageOne(vcov, q, leverageOne, (i) => v[i]!);
  }
  return {
    terms: [...terms],
    estimates: Float64Array.from(positions, (c) => beta[c]!),
    vcov,
    df,
  };
}

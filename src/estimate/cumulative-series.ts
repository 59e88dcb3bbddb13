/**
 * One coefficient for a whole series of cumulative event indicators y_m = 1{event month ≤ m}
 * on one design, from sufficient statistics: after one O(n·k²) pass, each month costs O(k²) plus
 * the clients whose event falls in it. Same numbers as `olsTermSeries` on the indicators.
 */
import { InputError } from '../errors.js';
import { choleskySolve, forwardSolve } from '../stats/linalg.js';
import { checkLevel } from '../stats/validate.js';
import { codedTermSums } from './coded-term-sums.js';
import {
  type ResidualTarget,
  type TermSums,
  type WhitenedBuckets,
  whitenedSeriesPassMany,
  whitenedTermSums,
} from './cumulative-pass.js';
import { type Coefficient, coefficientEstimate } from './inference.js';
import type { OlsOptions, OlsPrepared, TermsVcov } from './ols.js';
import { checkSeType, type SeType } from './vcov.js';

/**
 * The `Estimate` of coefficient `term` (not the intercept) for y_m = 1{eventMonth ≤ m}, for each
 * month m in `months` (ascending), on a prepared unweighted design. With Xs the centred columns
 * (`OlsPrepared.shift`), s_m = Xs'y_m grows by xs_i as client i's event month is passed, and
 *
 * - β̂(m) = (Xs'Xs)⁻¹ s_m (the slope coefficients do not depend on the centring);
 * - classical: RSS = Σy − β̂'s_m (normal equations), Var = RSS/(n − k) · A_cc;
 * - HC0/HC2/HC3: Var(β̂_c) = Σ w_i e_i² with w_i = v_i²/(1 − h_i)^p (p = 0, 1, 2), v = X·a_c,
 *   and since y_i² = y_i, Σ w_i e_i² = Σ_{y=1} w_i − 2β̂'G_m + β̂'Mβ̂, where
 *   G_m = Σ_{y=1} w_i xs_i grows like s_m and M = Xs' diag(w) Xs is computed once;
 *   HC1 = HC0 · n/(n − k). These run in the whitened basis z_i = L⁻¹xs_i (L the Cholesky factor
 *   of Xs'Xs), where h_i = ‖z_i‖², v_i = z_i'L⁻¹e_c and L'β̂(m) = Σ_{y_m=1} z_i: one blocked
 *   pass over X gives h, v, w, Z'diag(w)Z and the monthly sums (`whitenedSeriesPassMany`), with no
 *   array of length n.
 *
 * Rows with a NaN event month never have the event.
 *
 * @example
 * const prep = olsPrepare(X); // (Intercept), treatment, covariates
 * const perMonth = olsCumulativeSeries(prep, eventMonth, [1, 2, …, 24], 'treatment');
 */
export function olsCumulativeSeries(
  prepared: OlsPrepared,
  eventMonth: Float64Array,
  months: readonly number[],
  term: string,
  options: Pick<OlsOptions, 'se' | 'level'> = {},
): Coefficient[] {
  return olsCumulativeSeriesMany(prepared, [eventMonth], months, term, options)[0]!;
}

/**
 * {@link olsCumulativeSeries} for several events on one design (`eventMonths[e]`, one value per
 * row of X each): the robust variances' pass over X (z, leverages, weights, meat) is made once
 * for all of them (`whitenedSeriesPassMany`), each event adding only its bucket sums. Each
 * event's estimates equal its own `olsCumulativeSeries`, bit for bit.
 *
 * @example
 * const [bijstand, work] = olsCumulativeSeriesMany(prep, [monthBijstand, monthWork], [1, 2, 3], 'treatment');
 */
export function olsCumulativeSeriesMany(
  prepared: OlsPrepared,
  eventMonths: readonly Float64Array[],
  months: readonly number[],
  term: string,
  options: Pick<OlsOptions, 'se' | 'level'> = {},
): Coefficient[][] {
  const se = checkSeType(options.se ?? 'HC2');
  const level = checkLevel(options.level ?? 0.95);
  const { n, k } = prepared;
  const [c] = checkSeriesInputs(
    prepared,
    eventMonths,
    months,
    [term],
    'olsCumulativeSeries',
    'olsTermSeries',
  ) as [number];
  const bucketOf = monthBucket(months);
  const df = n - k;
  const method = `OLS, ${se === 'classical' ? 'classical SE' : `${se} robust SE`}, t test on ${df} df`;
  if (se !== 'classical') {
    return robustSeries(prepared, eventMonths, months, term, c, se, level, bucketOf, method);
  }
  return eventMonths.map((eventMonth) =>
    classicalSeries(prepared, eventMonth, months, term, c, level, bucketOf, method),
  );
}

/**
 * βs + (Xs'Xs)⁻¹Xs'e: one step of iterative refinement of the normal equations' solution from
 * the residuals' cross products (`xse`, row g of t×k), as `olsSolve` takes; it recovers the
 * digits the Cholesky solve loses to the conditioning of Xs'Xs.
 */
function refined(
  factor: Float64Array,
  k: number,
  beta: Float64Array,
  xse: Float64Array,
  g: number,
): Float64Array {
  const delta = choleskySolve(factor, k, xse.subarray(g * k, (g + 1) * k));
  return Float64Array.from(beta, (b, j) => b + delta[j]!);
}

/**
 * The outcomes of {@link whitenedTermSums}, event by event and month by month: y_m =
 * 1{eventMonth ≤ m} and βs(m) = (Xs'Xs)⁻¹Xs'y_m, Xs'y_m cumulated from the bucket sums.
 */
function residualTargets(
  prepared: OlsPrepared,
  eventMonths: readonly Float64Array[],
  months: readonly number[],
  bucketOf: (e: number) => number,
): ResidualTarget[] {
  const { k, factor } = prepared;
  return eventMonths.flatMap((eventMonth) => {
    const { sByBucket } = bucketSums(prepared, eventMonth, months, bucketOf);
    const s = new Float64Array(k);
    return months.map((month, b) => {
      for (let j = 0; j < k; j++) s[j]! += sByBucket[b * k + j]!;
      return { eventMonth, month, beta: choleskySolve(factor, k, s) };
    });
  });
}

/**
 * What the cumulative kernels need of their inputs: an unweighted design (else use `instead`),
 * one event month per row of X for each event, strictly increasing months and slope terms of
 * the model (not the intercept). Returns the terms' column positions.
 */
function checkSeriesInputs(
  prepared: OlsPrepared,
  eventMonths: readonly Float64Array[],
  months: readonly number[],
  terms: readonly string[],
  caller: string,
  instead: string,
): number[] {
  const { n, shift, weights } = prepared;
  if (weights) {
    throw new InputError(`${caller}: weighted designs are not supported; use ${instead}`, {
      code: 'invalid-option',
    });
  }
  for (const eventMonth of eventMonths) {
    if (eventMonth.length !== n) {
      throw new InputError(
        `eventMonth: expected ${n} values (rows of X), got ${eventMonth.length}`,
        { code: 'length-mismatch' },
      );
    }
  }
  for (let i = 1; i < months.length; i++) {
    if (!(months[i]! > months[i - 1]!)) {
      throw new InputError('months: expected strictly increasing months', {
        code: 'invalid-option',
      });
    }
  }
  return terms.map((term) => {
    const c = prepared.terms.indexOf(term);
    if (c < 0 || (c === 0 && shift)) {
      throw new InputError(
        c < 0
          ? `term "${term}" is not in the model; expected one of ${prepared.terms.join(', ')}`
          : `term "${term}" is the intercept; ${caller} estimates slope coefficients`,
        { code: c < 0 ? 'unknown-term' : 'invalid-option', column: term },
      );
    }
    return c;
  });
}

/** The bucket of an event month: the first of `months` (ascending) at or after it; −1: none. */
function monthBucket(months: readonly number[]): (e: number) => number {
  const q = months.length;
  return (e: number) => {
    let lo = 0;
    let hi = q;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (months[mid]! < e) lo = mid + 1;
      else hi = mid;
    }
    return Number.isNaN(e) || lo === q ? -1 : lo;
  };
}

/**
 * `olsTermsVcovPrepared` (HC0–HC3) for the cumulative outcomes y_m = 1{eventMonth ≤ m} of
 * several events and months on one unweighted design, in one pass over X: per event, Xs'y_m from
 * bucket sums over the rows with an event, βs(m) = (Xs'Xs)⁻¹Xs'y_m, then
 * V_ab(m) = Σ_i e_i² v_a,i v_b,i/(1 − h_i)^p (`whitenedTermSums`; v_a = Xs(Xs'Xs)⁻¹e_a the
 * influence of term a, e_i = y_i − xs_i'βs(m)), times n/(n − k) for HC1. Equal to
 * `olsTermsVcovPrepared(prepared, y_m, terms, se)` up to rounding, without its n-long residuals,
 * leverages and influence vectors. `result[e][j]` is event e at `months[j]` (ascending). Returns
 * null when a row has leverage 1 (HC2, HC3), where `olsTermsVcovPrepared` makes the
 * coefficients resting on it NA; `terms` are slopes (not the intercept) of the model.
 *
 * @example
 * const [[m6, m7]] = olsCumulativeTermsVcov(prep, [eventMonth], [6, 7], ['treatment:g[b]'], 'HC2')!;
 */
export function olsCumulativeTermsVcov(
  prepared: OlsPrepared,
  eventMonths: readonly Float64Array[],
  months: readonly number[],
  terms: readonly string[],
  se: Exclude<SeType, 'classical'>,
): TermsVcov[][] | null {
  const { n, k, factor, shiftedBread } = prepared;
  const positions = checkSeriesInputs(
    prepared,
    eventMonths,
    months,
    terms,
    'olsCumulativeTermsVcov',
    'olsTermsVcovPrepared',
  );
  const q = months.length;
  const bucketOf = monthBucket(months);
  const targets = residualTargets(prepared, eventMonths, months, bucketOf);
  const p = se === 'HC2' ? 1 : se === 'HC3' ? 2 : 0;
  const directions = positions.map((c) => shiftedBread.slice(c * k, (c + 1) * k));
  let pass: TermSums;
  try {
    pass = termSums(prepared, directions, p, targets, se);
  } catch (e) {
    if (e instanceof InputError && e.code === 'leverage-one') return null;
    throw e;
  }
  const t = positions.length;
  const df = n - k;
  const scale = se === 'HC1' ? n / df : 1;
  return eventMonths.map((_, event) =>
    months.map((_, b) => {
      const g = event * q + b;
      const beta = refined(factor, k, targets[g]!.beta, pass.xse, g);
      return {
        terms: [...terms],
        estimates: Float64Array.from(positions, (c) => beta[c]!),
        vcov: Float64Array.from(pass.sums.subarray(g * t * t, (g + 1) * t * t), (v) => v * scale),
        df,
      };
    }),
  );
}

/**
 * The residual route's sums (`whitenedTermSums`), from the factor codes when the design's dummies
 * make that cheaper (`codedTermSums`).
 */
function termSums(
  prepared: OlsPrepared,
  directions: readonly Float64Array[],
  power: 0 | 1 | 2,
  targets: readonly ResidualTarget[],
  se: string,
): TermSums {
  const { columns, factor, shift } = prepared;
  return (
    codedTermSums(prepared, directions, power, targets, se) ??
    whitenedTermSums(columns, factor, shift, directions, power, targets, se)
  );
}

/** The classical months of {@link olsCumulativeSeries} for one event. */
function classicalSeries(
  prepared: OlsPrepared,
  eventMonth: Float64Array,
  months: readonly number[],
  term: string,
  c: number,
  level: number,
  bucketOf: (e: number) => number,
  method: string,
): Coefficient[] {
  const { n, k, factor, shiftedBread } = prepared;
  const df = n - k;
  const { sByBucket, yByBucket } = bucketSums(prepared, eventMonth, months, bucketOf);
  const s = new Float64Array(k);
  let ySum = 0;
  return months.map((_, b) => {
    ySum += yByBucket[b]!;
    for (let j = 0; j < k; j++) s[j]! += sByBucket[b * k + j]!;
    const beta = choleskySolve(factor, k, s);
    let fit = 0;
    for (let j = 0; j < k; j++) fit += beta[j]! * s[j]!;
    const variance = ((ySum - fit) / df) * shiftedBread[c * k + c]!;
    return coefficientEstimate(term, beta[c]!, Math.sqrt(variance), df, level, n, method);
  });
}

/**
 * Per bucket b of event months: Σ xs_i (q×k row-major, the shifted rows) and the count of the
 * clients in it; cumulated over b they give Xs'y_m and Σy_m. From the design's `eventSums` when
 * it knows them (nested samples: computed once for all); else only the rows with an event by the
 * last month (`months[q − 1]`) are read after one scan of the event months, column by column
 * in row order; a single bucket sums into a local (the same additions in the same order).
 */
function bucketSums(
  prepared: OlsPrepared,
  eventMonth: Float64Array,
  months: readonly number[],
  bucketOf: (e: number) => number,
): { readonly sByBucket: Float64Array; readonly yByBucket: Float64Array } {
  const { k, columns, shift } = prepared;
  const q = months.length;
  // Known for the design (nested samples): Σ(x − s) = Σ(x − c) − y·(s − c).
  const known = prepared.eventSums?.(eventMonth, months);
  if (known) {
    const { sums, counts, centre } = known;
    const sByBucket = new Float64Array(q * k);
    for (let b = 0; b < q; b++) {
      for (let j = 0; j < k; j++) {
        const sj = shift ? shift[j]! : 0;
        sByBucket[b * k + j] = sums[b * k + j]! - counts[b]! * (sj - centre[j]!);
      }
    }
    return { sByBucket, yByBucket: counts };
  }
  const last = months[q - 1]!;
  let count = 0;
  for (let i = 0; i < eventMonth.length; i++) if (eventMonth[i]! <= last) count++;
  const rows = new Int32Array(count);
  const offset = new Int32Array(count);
  const yByBucket = new Float64Array(q);
  for (let i = 0, r = 0; i < eventMonth.length; i++) {
    const e = eventMonth[i]!;
    if (!(e <= last)) continue;
    const b = q === 1 ? 0 : bucketOf(e);
    rows[r] = i;
    offset[r++] = b * k;
    yByBucket[b]! += 1;
  }
  const sByBucket = new Float64Array(q * k);
  // A factor's dummies by one code per row: Σ(d_j − s_j) over a bucket is its count of
  // members j less (clients in the bucket)·s_j.
  const coded = new Uint8Array(k);
  for (const { code, columnOf: members } of prepared.coding?.groups ?? []) {
    for (let r = 0; r < count; r++) {
      const l = code[rows[r]!]!;
      const j = l < 0 ? -1 : members[l]!;
      if (j >= 0) sByBucket[offset[r]! + j]! += 1;
    }
    for (const j of members) if (j >= 0) coded[j] = 1;
  }
  for (let j = 0; j < k; j++) {
    const sj = shift ? shift[j]! : 0;
    if (coded[j] === 1) {
      for (let b = 0; b < q; b++) sByBucket[b * k + j]! -= yByBucket[b]! * sj;
      continue;
    }
    const col = columns[j]!;
    if (q === 1) {
      let sum = 0;
      for (let r = 0; r < count; r++) sum += col[rows[r]!]! - sj;
      sByBucket[j] = sum;
      continue;
    }
    for (let r = 0; r < count; r++) sByBucket[offset[r]! + j]! += col[rows[r]!]! - sj;
  }
  return { sByBucket, yByBucket };
}

/**
 * The HC0–HC3 months of {@link olsCumulativeSeries} from the whitened sums of one pass
 * (`whitenedSeriesPassMany`): with u_m = Σ_{y_m = 1} z_i (so L'β̂s(m) = u_m, as Xs'y_m = L·u_m),
 * β̂_c(m) = r'u_m (r = L⁻¹e_c) and Σw_i e_i² = Σ_{y=1} w_i − 2u_m'Σ_{y=1} w_i z_i + u_m'Z'diag(w)Z·u_m.
 */
function robustSeries(
  prepared: OlsPrepared,
  eventMonths: readonly Float64Array[],
  months: readonly number[],
  term: string,
  c: number,
  se: Exclude<SeType, 'classical'>,
  level: number,
  bucketOf: (e: number) => number,
  method: string,
): Coefficient[][] {
  const { n, k, columns, factor, shift } = prepared;
  const p = se === 'HC2' ? 1 : se === 'HC3' ? 2 : 0;
  const q = months.length;
  const E = eventMonths.length;
  // A sample that serves few months (a complete-follow-up sample serves one): its residuals
  // cost 2k + 3 per row and month (fitted value, Xs'e), the meat k(k + 1)/2 plus 2k per event.
  if (E * q * (2 * k + 3) < (k * (k + 1)) / 2 + 2 * k * E) {
    return directSeries(prepared, eventMonths, months, term, c, se, p, level, bucketOf, method);
  }
  const e = new Float64Array(k);
  e[c] = 1;
  const r = forwardSolve(factor, k, e);
  const { meat, byEvent } = whitenedSeriesPassMany(
    columns,
    factor,
    shift,
    r,
    p,
    bucketOf,
    eventMonths,
    q,
    se,
  );
  return byEvent.map((sums) => robustMonths(sums, meat, r, n, k, months, term, se, level, method));
}

/**
 * {@link robustSeries} from the residuals (`whitenedTermSums`), for samples that serve few
 * months: βs(m) = (Xs'Xs)⁻¹Xs'y_m from the bucket sums, β̂_c(m) = βs_c(m) and Var = Σ w_i e_i²
 * with e_i = y_i − xs_i'βs(m) (HC1: × n/(n − k)). Equal to the meat's expansion up to rounding; a sum
 * below 1e−12 of Σ_{y=1} w_i is the rounding of an exact fit and counts as 0, as there.
 */
function directSeries(
  prepared: OlsPrepared,
  eventMonths: readonly Float64Array[],
  months: readonly number[],
  term: string,
  c: number,
  se: Exclude<SeType, 'classical'>,
  p: 0 | 1 | 2,
  level: number,
  bucketOf: (e: number) => number,
  method: string,
): Coefficient[][] {
  const { n, k, factor } = prepared;
  const q = months.length;
  const df = n - k;
  const targets = residualTargets(prepared, eventMonths, months, bucketOf);
  const influence = prepared.shiftedBread.slice(c * k, (c + 1) * k);
  const { sums: wee, wy, xse } = termSums(prepared, [influence], p, targets, se);
  return eventMonths.map((_, event) =>
    months.map((_, b) => {
      const j = event * q + b;
      let variance = wee[j]! > 1e-12 * wy[j]! ? wee[j]! : 0;
      if (se === 'HC1') variance = (variance * n) / df;
      return coefficientEstimate(
        term,
        refined(factor, k, targets[j]!.beta, xse, j)[c]!,
        Math.sqrt(variance),
        df,
        level,
        n,
        method,
      );
    }),
  );
}

/** The months of {@link robustSeries} for one event's bucket sums. */
function robustMonths(
  sums: WhitenedBuckets,
  meat: Float64Array,
  r: Float64Array,
  n: number,
  k: number,
  months: readonly number[],
  term: string,
  se: Exclude<SeType, 'classical'>,
  level: number,
  method: string,
): Coefficient[] {
  const { zByBucket, wzByBucket, wByBucket } = sums;
  const u = new Float64Array(k);
  const g = new Float64Array(k);
  let wSum = 0;
  const df = n - k;
  return months.map((_, b) => {
    wSum += wByBucket[b]!;
    for (let j = 0; j < k; j++) {
      u[j]! += zByBucket[b * k + j]!;
      g[j]! += wzByBucket[b * k + j]!;
    }
    let beta = 0;
    let cross = 0;
    let quad = 0;
    for (let a = 0; a < k; a++) {
      beta += r[a]! * u[a]!;
      cross += u[a]! * g[a]!;
      let row = 0;
      for (let j = 0; j < k; j++) row += meat[a * k + j]! * u[j]!;
      quad += u[a]! * row;
    }
    // Σwe² from sums that cancel: below 1e−12 of the terms it is rounding, and the fit is
    // exact (every residual 0), so the variance is 0 rather than noise of order 1e−19.
    const raw = wSum - 2 * cross + quad;
    let variance = raw > 1e-12 * (wSum + Math.abs(2 * cross) + Math.abs(quad)) ? raw : 0;
    if (se === 'HC1') variance = (variance * n) / df;
    return coefficientEstimate(term, beta, Math.sqrt(variance), df, level, n, method);
  });
}

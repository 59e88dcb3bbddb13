/**
 * 2SLS with one endogenous regressor and one instrument (just identified) for the coefficient of
 * the endogenous regressor, from one prepared design W = [1, z, x] instead of the two designs of
 * `ivRegression`. With π the first stage (d on W) and γ the reduced form (y on W):
 *
 * - β̂_d = γ̂_z/π̂_z (indirect least squares, equal to 2SLS when just identified) and the
 *   structural residuals e = y − d·β̂_d − x·β̂_x = r_y − β̂_d·r_d (r_y, r_d the residuals of the
 *   two regressions, since β̂_x = γ̂_x − β̂_d·π̂_x);
 * - X̂ = [1, d̂, x] spans the same columns as W, so its leverages are W's and its d̂ row of
 *   (X̂'X̂)⁻¹X̂' is W's z row over π̂_z: Var_HC(β̂_d) = Σ ω_i a_i²/π̂_z² with a = W·(W'W)⁻¹e_z and
 *   ω_i = e_i² (HC0), ×n/(n − k) (HC1), e_i²/(1 − h_i) (HC2), e_i²/(1 − h_i)² (HC3); classical
 *   Σe²/(n − k)·(W'W)⁻¹_zz/π̂_z²;
 * - the first stage's Wald F of the instrument is (π̂_z/SE)² on (1, n − k) df.
 *
 * These are the numbers of `ivRegression` (and so of estimatr's `iv_robust`) up to rounding, at
 * O(n·k) after the design's preparation and leverages, against three further O(n·k²) passes
 * (the second stage's X̂'X̂, its leverages and the meats of both stages).
 */
import { InputError } from '../errors.js';
import { fSurvival } from '../stats/distributions.js';
import { type Coefficient, coefficientEstimate } from './inference.js';
import {
  type OlsPrepared,
  olsInfluence,
  olsLeverages,
  olsSolve,
  olsTermOfSolution,
} from './ols.js';
import type { SeType } from './vcov.js';

/** What {@link justIdentifiedIv} returns. */
export interface JustIdentifiedIv {
  /** The first stage's coefficient of the instrument (d on W). */
  readonly firstStage: Coefficient;
  /** Its Wald F, F's df and p-value. */
  readonly f: number;
  readonly fDf: readonly [number, number];
  readonly fPValue: number;
  /** The reduced form's coefficient of the instrument (y on W). */
  readonly reducedForm: Coefficient;
  /** The 2SLS coefficient of the endogenous regressor. */
  readonly effect: Coefficient;
}

/**
 * The 2SLS coefficient of `endogenous` d instrumented by the column `instrument` of `prepared`
 * (W = [1, instrument, exogenous], unweighted), with the first stage and the reduced form of
 * the instrument; see the module comment for the formulas.
 *
 * @example
 * const prep = olsPrepare({ names: ['(Intercept)', 'assigned', 'age'], columns: [ones, z, age], n });
 * justIdentifiedIv(prep, y, d, 'assigned', 'received', { se: 'HC2', level: 0.95 }).effect.estimate;
 */
export function justIdentifiedIv(
  prepared: OlsPrepared,
  y: Float64Array,
  d: Float64Array,
  instrument: string,
  endogenous: string,
  options: { readonly se: SeType; readonly level: number },
): JustIdentifiedIv {
  return justIdentifiedIvMany(prepared, [y], d, instrument, endogenous, options)[0]!;
}

/**
 * {@link justIdentifiedIv} for several outcomes on one design and one endogenous regressor (an
 * event at several months, or several events, on one sample): the first stage, W's leverages
 * and the instrument's influence row are computed once and shared; each outcome adds one solve
 * and O(n) sums. Each result equals its own `justIdentifiedIv`, bit for bit.
 *
 * @example
 * const [bijstand, work] = justIdentifiedIvMany(prep, [yBijstand, yWork], d, 'assigned', 'received', { se: 'HC2', level: 0.95 });
 */
export function justIdentifiedIvMany(
  prepared: OlsPrepared,
  ys: readonly Float64Array[],
  d: Float64Array,
  instrument: string,
  endogenous: string,
  options: { readonly se: SeType; readonly level: number },
): JustIdentifiedIv[] {
  const { se, level } = options;
  const { n, k, terms, bread } = prepared;
  if (prepared.weights) throw new RangeError('justIdentifiedIv: expected an unweighted design');
  const c = terms.indexOf(instrument);
  if (c < 0) {
    throw new InputError(
      `instruments: ${instrument} are collinear with the covariates; the model is not identified`,
      { code: 'under-identified' },
    );
  }
  const first = olsSolve(prepared, d);
  const firstStage = olsTermOfSolution(prepared, c, first, { se, level });
  const df = n - k;
  const f = (firstStage.estimate / firstStage.stdError) ** 2;
  const rd = first.residuals;
  const pi = firstStage.estimate;
  const method = `2SLS, ${se === 'classical' ? 'classical SE' : `${se} robust SE`}, t test on ${df} df`;
  return ys.map((y) => {
    const reduced = olsSolve(prepared, y);
    const reducedForm = olsTermOfSolution(prepared, c, reduced, { se, level });
    const ry = reduced.residuals;
    const beta = reducedForm.estimate / pi;
    let variance = 0;
    if (se === 'classical') {
      let rss = 0;
      for (let i = 0; i < n; i++) rss += (ry[i]! - beta * rd[i]!) ** 2;
      variance = ((rss / df) * bread[c * k + c]!) / (pi * pi);
    } else {
      const a = olsInfluence(prepared, c);
      const h = se === 'HC2' || se === 'HC3' ? olsLeverages(prepared) : undefined;
      for (let i = 0; i < n; i++) {
        const e = ry[i]! - beta * rd[i]!;
        const scale = h ? (se === 'HC2' ? 1 - h[i]! : (1 - h[i]!) ** 2) : 1;
        variance += (e * e * a[i]! * a[i]!) / scale;
      }
      variance /= pi * pi;
      if (se === 'HC1') variance = (variance * n) / df;
    }
    return {
      firstStage,
      f,
      fDf: [1, df] as const,
      fPValue: fSurvival(f, 1, df),
      reducedForm,
      effect: coefficientEstimate(endogenous, beta, Math.sqrt(variance), df, level, n, method),
    };
  });
}

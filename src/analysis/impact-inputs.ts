/**
 * The two inputs of the policy figures — the control arm's share and the effect at one month —
 * estimated together on the same clients, with their covariance from the joint influence
 * functions, so that a ratio of the two (the relative reduction) gets an honest interval.
 */

import type { TableInput } from '../data/columns.js';
import type { ExperimentIntake } from '../data/intake.js';
import { InputError } from '../errors.js';
import { ols, olsInfluence, olsPrepare, olsSolve } from '../estimate/ols.js';
import type { Estimate } from '../stats/estimate.js';
import { gather } from '../stats/gather.js';
import { type AllKeys, rejectUnknownKeys } from '../stats/option-keys.js';
import { checkWholeNumber } from '../stats/validate.js';
import { COMPARISON_KEYS, type ComparisonSpec, comparisonSample } from './comparison.js';
import { outcomeAt, sampleAt } from './effect-series.js';

/** Options of {@link effectAndControlRate}. */
export interface EffectAndControlRateSpec extends ComparisonSpec {
  /** Month of the outcome (complete follow-up: clients observed ≥ month months). */
  readonly month: number;
  /** Confidence level of the effect (default 0.95). */
  readonly level?: number;
}

/** Result of {@link effectAndControlRate}. */
export interface EffectAndControlRate {
  readonly month: number;
  /** Control share c = ȳ_control, SE √(c(1 − c)/n_control). */
  readonly controlRate: { readonly estimate: number; readonly stdError: number };
  /** Treatment coefficient of OLS on 1 + treatment (+ covariates), HC2 SE, t on n − k df. */
  readonly effect: Estimate;
  /** Cov(effect, control share) from the joint influence functions. */
  readonly covariance: number;
  /** covariance / (SE effect · SE control share). */
  readonly correlation: number;
  readonly nTreatment: number;
  readonly nControl: number;
  readonly method: string;
}

const EFFECT_AND_CONTROL_RATE_KEYS: AllKeys<EffectAndControlRateSpec> = {
  ...COMPARISON_KEYS,
  month: true,
  level: true,
};

/**
 * The month-`month` control share c and effect a (adjusted when covariates are given) on the
 * complete follow-up sample, with their covariance. Both are smooth functions of the same
 * clients; their influence functions are
 *
 * - control share: IF_c,i = 1{control}·(y_i − c)/n_c;
 * - OLS coefficient of treatment: IF_a,i = v_i·e_i, with v = X·row_a((X'X)⁻¹) (so a = Σ v_i y_i)
 *   and e the OLS residuals;
 *
 * and Cov(a, c) = Σ_i IF_a,i·IF_c,i = Σ_{control} v_i e_i (y_i − c)/n_c, the cross term of the
 * same sandwich whose diagonal gives Var(c) = c(1 − c)/n_c (HC0 of the control mean) and, with
 * the HC2 factor 1/(1 − h_i), the effect's variance. Without covariates (a = difference in
 * shares) it is −c(1 − c)/n_c exactly: the control share enters the difference with a minus sign.
 * O(n·k²) for the fit, O(n·k) for the covariance.
 *
 * @example
 * const j = effectAndControlRate(decile1, { event: 'month_bijstand', month: 24, covariates: ['age', 'gender'] });
 * j.correlation; // ≈ −0.69 on the pilot's decile 1
 * impactFigures({ n: 978, controlRate: j.controlRate, effect: j.effect, covariance: j.covariance });
 */
export function effectAndControlRate(
  data: TableInput | ExperimentIntake,
  spec: EffectAndControlRateSpec,
): EffectAndControlRate {
  rejectUnknownKeys(spec, EFFECT_AND_CONTROL_RATE_KEYS, 'effectAndControlRate');
  const month = checkWholeNumber(spec.month, 'month', 1, { fn: 'effectAndControlRate' });
  const c = comparisonSample(data, spec);
  const index = sampleAt(c.followup, month);
  const n = index.length;
  const y = outcomeAt(c.eventMonth, index, month);
  const t = gather(c.treated, index);
  const covs = c.covariates.map((col) => gather(col, index));
  let n0 = 0;
  let s0 = 0;
  for (let i = 0; i < n; i++) {
    if (t[i] === 0) {
      n0++;
      s0 += y[i]!;
    }
  }
  const n1 = n - n0;
  if (n0 < 2 || n1 < 2) {
    throw new InputError(
      `effectAndControlRate: fewer than 2 clients per arm observed ${month} months (${c.labels.treatment} ${n1}, ${c.labels.control} ${n0})`,
      { code: 'empty-group', column: c.labels.arm },
    );
  }
  const cr = s0 / n0;
  const design = {
    names: ['(Intercept)', 'treatment', ...c.covariateNames],
    columns: [new Float64Array(n).fill(1), t, ...covs],
    n,
  };
  const fit = ols(design, y, { se: 'HC2', level: spec.level ?? 0.95 });
  const effect = fit.coefficient('treatment');
  const prep = olsPrepare(design);
  const v = olsInfluence(prep, prep.terms.indexOf('treatment'));
  const e = olsSolve(prep, y).residuals;
  let covariance = 0;
  for (let i = 0; i < n; i++) {
    if (t[i] === 0) covariance += (v[i]! * e[i]! * (y[i]! - cr)) / n0;
  }
  const seC = Math.sqrt((cr * (1 - cr)) / n0);
  return {
    month,
    controlRate: { estimate: cr, stdError: seC },
    effect,
    covariance,
    correlation: covariance / (effect.stdError * seC),
    nTreatment: n1,
    nControl: n0,
    method:
      `month ${month}, complete follow-up (clients observed ≥ ${month} months); control share with SE √(c(1 − c)/n); ` +
      `effect = treatment coefficient of OLS on ${c.covariateNames.length > 0 ? 'treatment + covariates' : 'treatment'}, HC2 SE; ` +
      'their covariance from the joint influence functions, Σ_control v_i e_i (y_i − c)/n_control',
  };
}

/**
 * An evaluation read against its frozen pre-analysis plan: the plan's hash, the field-by-field
 * comparison with the config, the deviations, and the confirmatory result — the primary outcome
 * at the primary month, with the planned estimator — which exists only when the config runs the
 * planned primary analysis. Everything else in the result is exploratory. Pure: no I/O.
 */
import type { Estimate } from '../stats/estimate.js';
import { rejectUnknownKeys } from '../stats/option-keys.js';
import { deviationsIn, type PlanComparisonRow, planComparison } from './plan-comparison.js';
import type { VerifiedPlan } from './plan-stamp.js';
import type { PlannedContrast, PreAnalysisPlan } from './pre-analysis-plan.js';
import type { AnalysisResult } from './result.js';

/** The confirmatory result of a run: the primary outcome at the primary month. */
export interface ConfirmatoryResult {
  /** Event-month column of the primary outcome. */
  readonly outcome: string;
  /** Its label in the outputs (`config.events`). */
  readonly event: string;
  readonly month: number;
  readonly contrast: PlannedContrast;
  /** Which estimate the plan makes primary: `adjusted` (OLS or Lin) or `raw` (adjustment `none`). */
  readonly estimator: 'adjusted' | 'raw';
  /** The estimate; null when the month's estimate could not be computed (see `notEstimable`). */
  readonly effect: Estimate | null;
  readonly notEstimable?: string;
  readonly nTreated: number;
  readonly nControl: number;
  readonly shareTreated: number;
  readonly shareControl: number;
}

/** A run's standing against its frozen plan (what every output of `analyze --plan` states). */
export interface PreRegistration {
  /** SHA-256 of the frozen plan (see `PLAN_CANONICAL_FORM`). */
  readonly sha256: string;
  /** The plan file, as named in the outputs. */
  readonly file: string;
  readonly plan: PreAnalysisPlan;
  readonly comparison: readonly PlanComparisonRow[];
  /** Deviations of the config from the primary analysis (empty: as planned). */
  readonly deviations: readonly string[];
  /** Present when there is no deviation. */
  readonly confirmatory?: ConfirmatoryResult;
}

/**
 * The confirmatory result of an evaluation that follows `plan`: the primary outcome's effect at
 * the primary month, adjusted (the plan's covariates, OLS or Lin) or raw (adjustment `none`).
 * Undefined when the result does not hold that outcome or month.
 *
 * @example
 * confirmatoryResult(evaluate(table, config), pap)?.effect?.estimate; // −0.063
 */
export function confirmatoryResult(
  result: AnalysisResult,
  plan: PreAnalysisPlan,
): ConfirmatoryResult | undefined {
  const p = plan.primary;
  const e = result.effects.find((x) => x.column === p.outcome);
  const m = e?.series.months.find((x) => x.month === p.month);
  if (!e || !m) return undefined;
  const estimator = p.adjustment === 'none' ? 'raw' : 'adjusted';
  const effect = estimator === 'raw' ? m.raw : (m.adjusted ?? null);
  return {
    outcome: p.outcome,
    event: e.event,
    month: p.month,
    contrast: e.series.arms,
    estimator,
    effect,
    ...(effect === null
      ? { notEstimable: m.adjustedNotEstimable ?? 'the adjusted effect could not be estimated' }
      : {}),
    nTreated: m.nTreated,
    nControl: m.nControl,
    shareTreated: m.shareTreated,
    shareControl: m.shareControl,
  };
}

/**
 * An evaluation's standing against a verified frozen plan: the comparison of `result.config`
 * with the plan, the deviations and, without deviations, the confirmatory result.
 *
 * @example
 * const reg = preRegistration(verifyFrozenPlan(json), evaluate(table, config), { file: 'frozen.json' });
 * reg.deviations; // [] when the config runs the planned primary analysis
 */
export function preRegistration(
  verified: VerifiedPlan,
  result: AnalysisResult,
  options: { readonly file: string },
): PreRegistration {
  rejectUnknownKeys(options, { file: true }, 'preRegistration');
  const comparison = planComparison(verified.plan, result.config);
  const deviations = deviationsIn(comparison);
  const confirmatory =
    deviations.length === 0 ? confirmatoryResult(result, verified.plan) : undefined;
  return {
    sha256: verified.sha256,
    file: options.file,
    plan: verified.plan,
    comparison,
    deviations,
    ...(confirmatory ? { confirmatory } : {}),
  };
}

/**
 * The survival analyses a plan asks for (`tests`, `rmst`, `cox`), per event, on the intake
 * `evaluate` built once: log-rank and Gray tests, restricted mean months without the event, and
 * Cox regression on the arm and the plan's covariates.
 */
import { type CoxRegression, coxRegression } from '../analysis/cox-regression.js';
import type { ExperimentIntake } from '../data/intake.js';
import { type GrayTest, grayTest } from '../outcomes/gray-test.js';
import { type LogRankTest, logRankTest } from '../outcomes/log-rank.js';
import { type RmstDifference, rmstDifference } from '../outcomes/rmst.js';
import type { AnalysisPlan } from './plan.js';

/** One event's result of one survival analysis. */
export interface SurvivalEntry<T> {
  /** The event's label in the plan. */
  readonly event: string;
  readonly column: string;
  readonly result: T;
}

/** The survival analyses of an evaluation; a list is empty when the plan did not ask for it. */
export interface SurvivalResults {
  readonly logrank: readonly SurvivalEntry<LogRankTest>[];
  readonly gray: readonly SurvivalEntry<GrayTest>[];
  readonly rmst: readonly SurvivalEntry<RmstDifference>[];
  readonly cox: readonly SurvivalEntry<CoxRegression>[];
}

/**
 * Whether a plan asks for any survival analysis.
 *
 * @example
 * hasSurvival(parsePlan({ events: ['month_work'], months: 12, tests: ['logrank'] })); // true
 */
export function hasSurvival(plan: AnalysisPlan): boolean {
  return (plan.tests?.length ?? 0) > 0 || plan.rmst !== undefined || plan.cox !== undefined;
}

/**
 * Runs the plan's survival analyses for every event: `logrank` (other events do not censor, as
 * the Kaplan–Meier curves), `gray` (the plan's other events compete; same-month ties go to the
 * event listed first in the plan), `rmst` up to `tau`, `cox` with the plan's covariates.
 *
 * @example
 * const s = survivalAnalyses(intake, parsePlan({ events: ['month_work'], months: 12, rmst: true }));
 * s.rmst[0].result.difference.estimate; // months
 */
export function survivalAnalyses(intake: ExperimentIntake, plan: AnalysisPlan): SurvivalResults {
  const { columns, arms, methods, events } = plan;
  const comparison = {
    arm: columns.arm,
    treatment: arms.treatment,
    control: arms.control,
    followup: columns.followup,
  };
  const tests = plan.tests ?? [];
  const each = <T>(run: (column: string) => T): SurvivalEntry<T>[] =>
    events.map((e) => ({ event: e.label, column: e.column, result: run(e.column) }));
  const order = events.map((e) => e.column);
  return {
    logrank: tests.includes('logrank')
      ? each((event) => logRankTest(intake, { ...comparison, event }))
      : [],
    gray: tests.includes('gray')
      ? each((event) =>
          grayTest(intake, {
            ...comparison,
            event,
            competing: order.filter((c) => c !== event),
            tiePriority: order,
          }),
        )
      : [],
    rmst: plan.rmst
      ? each((event) =>
          rmstDifference(intake, {
            ...comparison,
            event,
            tau: plan.rmst!.tau,
            level: methods.level,
          }),
        )
      : [],
    cox: plan.cox
      ? each((event) =>
          coxRegression(intake, {
            ...comparison,
            event,
            covariates: plan.covariates,
            factors: plan.factors,
            missing: methods.missing,
            ties: plan.cox!.ties,
            se: plan.cox!.se,
            level: methods.level,
          }),
        )
      : [],
  };
}

/**
 * `evaluate(table, plan)`: the whole analysis of a randomised experiment that a plan describes —
 * the assignment check, outflow curves, raw and adjusted effects per month, first significant
 * months, subgroups with a heterogeneity test, and participation with the complier effect. Pure:
 * it reads no file and touches no process; progress goes to an optional callback.
 */
import type { ColumnTable } from 'arquero';
import { complierEffects } from '../analysis/complier.js';
import { checkCovariates } from '../analysis/covariate-checks.js';
import { effectSeries, effectSeriesShared } from '../analysis/effect-series.js';
import { participationTable } from '../analysis/participation.js';
import { createSeriesShare } from '../analysis/series-share.js';
import { firstSignificantMonth } from '../analysis/significance.js';
import { effectSeriesByShared } from '../analysis/subgroups.js';
import { balanceTable } from '../assign/balance.js';
import type { AssignmentRule } from '../assign/rules.js';
import { sampleRatioTest } from '../assign/srm.js';
import { refuseIdentifierLabels } from '../data/identifier-labels.js';
import { experimentIntake } from '../data/intake.js';
import { validateExperiment } from '../data/validate.js';
import type { IvSeType } from '../estimate/iv.js';
import { cumulativeOutflow } from '../outcomes/cumulative-outflow.js';
import type { OutflowBenchmark } from '../outcomes/outflow-result.js';
import { randomizationTests } from '../plan/randomization-inference.js';
import {
  checkArms,
  checkColumns,
  checkParticipation,
  countArms,
  participationValues,
} from './checks.js';
import { applyFilter, filterFileRows, inFileRows } from './filter.js';
import { identifierLabels } from './labels.js';
import { type AnalysisPlan, type RandomizationPlan, receivedValues } from './plan.js';
import type { AnalysisResult } from './result.js';
import { hasSurvival, survivalAnalyses } from './survival.js';

/** What {@link evaluate} needs besides the table and the plan: all optional. */
export interface EvaluateOptions {
  /** The data's name in messages and `result.input.file` (default `the data`). */
  readonly file?: string;
  /** Rows of the data as read, for `result.input.rows` (default `table.numRows()`). */
  readonly rows?: number;
  /** Called before each step with its label; {@link evaluationSteps} counts the calls. */
  readonly onStep?: (label: string) => void;
  /** External series shown beside the outflow curves (`result.outflow.benchmark`), not estimated. */
  readonly benchmark?: OutflowBenchmark | readonly OutflowBenchmark[];
}

/**
 * Number of `onStep` calls {@link evaluate} makes for a plan (for a progress bar's total):
 * 3 + e events + (several arms ? e : 0) + subgroups × e + (participation ? 2 : 0: the table, then
 * the complier effects of every event in one step) +
 * (survival keys ? 1 : 0) + (randomisation inference ? 1 : 0: one pass of draws for every event).
 *
 * @example
 * evaluationSteps(parsePlan({ events: ['month_bijstand', 'month_work'], months: 24 })); // 5
 */
export function evaluationSteps(plan: AnalysisPlan): number {
  const e = plan.events.length;
  return (
    3 +
    e +
    (plan.arms.several ? e : 0) +
    plan.subgroups.length * e +
    (plan.participation ? 2 : 0) +
    (hasSurvival(plan) ? 1 : 0) +
    (plan.methods.randomizationInference ? 1 : 0)
  );
}

/**
 * Runs the analysis a plan describes on a table of one row per client.
 *
 * In order: every column the plan names must exist and the data must validate
 * (`validateExperiment`: ids, arm labels, follow-up, event months); clients per arm and the
 * sample-ratio test (chi-square against `arms.weights`) on the whole table; then, on the rows
 * the filter keeps, covariate balance, cumulative outflow per month and arm (complete
 * follow-up, Kaplan–Meier or Aalen–Johansen), the effect per month per event (complete follow-up:
 * raw difference in shares with the unpooled SE; `methods.censoring: 'ipcw'`: Kaplan–Meier /
 * Aalen–Johansen difference and IPCW-weighted regression; adjusted: OLS or Lin with HC2 by default), the first significant
 * month at each level, per subgroup column the effect within each level with a heterogeneity F
 * test, and with `participation` the participation table and the complier effect (2SLS with
 * assignment as the instrument; with `design.clusters` both under the design: the clustered
 * difference in the received share and cluster-robust 2SLS). Methods: docs/methods.md.
 *
 * Throws an `InputError` naming the plan's field and the column for data that do not fit the
 * plan (a missing column, an arm without clients, a filter that keeps nothing).
 *
 * @example
 * import { table } from 'arquero';
 * const data = table({
 *   id: ['a', 'b', 'c', 'd'],
 *   arm: ['experiment', 'control', 'experiment', 'control'],
 *   followup_months: [12, 12, 12, 12],
 *   month_work: [3, null, null, 5],
 * });
 * const result = evaluate(data, parsePlan({ events: ['month_work'], months: 6 }));
 * result.effects[0].series.months[5].raw.estimate; // 0: one of two worked in each arm by month 6
 */
export function evaluate(
  all: ColumnTable,
  plan: AnalysisPlan,
  options: EvaluateOptions = {},
): AnalysisResult {
  const file = options.file ?? 'the data';
  const step = options.onStep ?? (() => {});
  const { columns, arms, events } = plan;
  step('checking the data');
  checkColumns(all, plan, file);
  validateExperiment(all, {
    id: columns.id,
    arm: columns.arm,
    followup: columns.followup,
    events: events.map((e) => e.column),
    covariates: plan.covariates,
    ...(arms.weights ? { arms: Object.keys(arms.weights) } : {}),
  });
  refuseIdentifierLabels(all, identifierLabels(all, plan));

  step('assignment check');
  const counts = countArms(all, columns.arm);
  const sampleRatio = arms.weights ? sampleRatioTest(counts, arms.weights) : undefined;
  const table = applyFilter(all, plan.filter);
  // Errors name file rows, also where the analyses see only the rows the filter keeps.
  try {
    return analyseRows(all, table, plan, options, { counts, sampleRatio });
  } catch (error) {
    throw inFileRows(error, filterFileRows(all, plan.filter));
  }
}

/** The plan's clusters and blocks as the estimators' `clusters` / `blocks` keys. */
function designSpec(plan: AnalysisPlan): { clusters?: string; blocks?: string } {
  const d = plan.design;
  return {
    ...(d?.clusters === undefined ? {} : { clusters: d.clusters }),
    ...(d?.blocks === undefined ? {} : { blocks: d.blocks }),
  };
}

/**
 * The complier analysis' SE: HC2 for HC3 (the 2SLS reports use HC2 there); the cluster types
 * (with `design.clusters`) as they are: cluster-robust 2SLS.
 */
function complierSe(se: AnalysisPlan['methods']['se']): IvSeType {
  return se === 'HC3' ? 'HC2' : se;
}

/** {@link evaluate} after the checks and the filter: every analysis of the kept rows. */
function analyseRows(
  all: ColumnTable,
  table: ColumnTable,
  plan: AnalysisPlan,
  options: EvaluateOptions,
  assignment: Pick<AnalysisResult['assignment'], 'counts' | 'sampleRatio'>,
): AnalysisResult {
  const file = options.file ?? 'the data';
  const step = options.onStep ?? (() => {});
  const { columns, arms, methods, events } = plan;
  const { counts, sampleRatio } = assignment;
  const analysed = checkArms(countArms(table, columns.arm), plan);
  if (plan.participation) checkParticipation(table, plan.participation);
  // The experiment intake of the analysed rows, built once: every analysis below works from it.
  const intake = experimentIntake(
    table,
    {
      id: columns.id,
      arm: columns.arm,
      treatment: arms.treatment,
      control: arms.control,
      followup: columns.followup,
      covariates: plan.covariates,
      factors: plan.factors,
      missing: methods.missing,
    },
    { events: events.map((e) => e.column) },
  );
  checkCovariates(intake);
  const balance =
    plan.covariates.length > 0
      ? balanceTable(intake, {
          covariates: plan.covariates,
          factors: plan.factors,
          arms: [arms.control, arms.treatment],
        })
      : undefined;

  step('outflow curves');
  const outflow = cumulativeOutflow(intake, {
    events: Object.fromEntries(events.map((e) => [e.label, e.column])),
    followup: columns.followup,
    group: columns.arm,
    groups: [arms.treatment, arms.control],
    months: plan.months,
    method: methods.outflow,
    level: methods.level,
    ...(methods.outflow === 'aalen-johansen' ? { tiePriority: events.map((e) => e.label) } : {}),
    ...(options.benchmark ? { benchmark: options.benchmark } : {}),
  }).toJSON();

  const seriesSpec = (event: string) => ({
    arm: columns.arm,
    treatment: arms.treatment,
    control: arms.control,
    event,
    followup: columns.followup,
    months: plan.months,
    covariates: plan.covariates,
    factors: plan.factors,
    adjustment: methods.adjustment,
    se: methods.se,
    level: methods.level,
    missing: methods.missing,
    censoring: methods.censoring,
    rareLevels: methods.rareLevels ?? 'error',
    rawInterval: methods.rawInterval ?? 'auto',
    ...(methods.pAdjust !== 'none' ? { pAdjust: methods.pAdjust } : {}),
    ...(methods.band !== 'none' ? { band: methods.band } : {}),
    ...designSpec(plan),
  });

  // The events' series share each sample's design pass (one fit per sample for every event).
  const share = createSeriesShare(
    intake,
    events.map((e) => e.column),
  );
  const effects = events.map((e) => {
    step(`effects: ${e.label}`);
    const series = effectSeriesShared(intake, seriesSpec(e.column), share);
    const which: ('raw' | 'adjusted')[] =
      methods.adjustment === 'none' ? ['raw'] : ['adjusted', 'raw'];
    const pointwise = which.flatMap((estimate) =>
      methods.significance.map((level) => ({
        estimate,
        ...firstSignificantMonth(series, {
          level,
          which: estimate,
          usePAdjusted: methods.pAdjust !== 'none',
        }),
      })),
    );
    // The band's reading: at 1 − level, jointly over the months.
    const significance = series.band
      ? [
          {
            estimate: series.band.estimate,
            ...firstSignificantMonth(series, { simultaneous: true }),
          },
          ...pointwise,
        ]
      : pointwise;
    return { event: e.label, column: e.column, series, significance };
  });

  // Several arms (issue #14): every contrast per event from one model per month with every arm.
  const several = arms.several;
  const armContrasts = several
    ? events.map((e) => {
        step(`contrasts between arms: ${e.label}`);
        const series = effectSeries(intake, {
          arms: several.labels,
          reference: several.reference,
          contrasts: several.contrasts,
          ...(several.pAdjust !== 'none' ? { pAdjust: several.pAdjust } : {}),
          arm: columns.arm,
          event: e.column,
          followup: columns.followup,
          months: plan.months,
          adjustment: methods.adjustment,
          // With config.design.clusters the SE is cluster-robust (CR2 by default), with blocks
          // the block dummies join the model with every arm.
          se: methods.se,
          level: methods.level,
          rawInterval: methods.rawInterval ?? 'auto',
          ...designSpec(plan),
        });
        return { event: e.label, column: e.column, series };
      })
    : undefined;

  const subgroups = plan.subgroups.flatMap((by) =>
    events.map((e) => {
      step(`subgroups: ${by}, ${e.label}`);
      return {
        by,
        event: e.label,
        result: effectSeriesByShared(intake, { ...seriesSpec(e.column), by }, share),
      };
    }),
  );

  let participation: AnalysisResult['participation'];
  const p = plan.participation;
  if (p) {
    step('participation');
    const categories = p.categories ?? participationValues(table, p.column);
    const values = categories.map((c) => (typeof c === 'string' ? c : c.value));
    const received = p.received.filter((v) => values.includes(v));
    const tableResult = participationTable(intake, {
      arm: columns.arm,
      treatment: arms.treatment,
      control: arms.control,
      participation: p.column,
      categories,
      received,
      missing: 'exclude',
      level: methods.level,
      // The received-share difference under the design (clustered / blocked difference in means).
      ...designSpec(plan),
    });
    // One complier analysis for every event: the events share the sample, the design and the
    // first stage (complierEffects).
    step(`complier effect: ${events.map((e) => e.label).join(', ')}`);
    const results = complierEffects(
      intake,
      {
        arm: columns.arm,
        treatment: arms.treatment,
        control: arms.control,
        received: { column: p.column, values: receivedValues(p) },
        covariates: plan.covariates,
        factors: plan.factors,
        // Cluster-robust 2SLS with the design's clusters; block fixed effects in the adjusted fit.
        ...designSpec(plan),
        missing: methods.missing,
        rareLevels: methods.rareLevels ?? 'error',
        se: complierSe(methods.se),
        level: methods.level,
      },
      events.map((e) => ({ event: e.column, month: p.month, followup: columns.followup })),
    );
    const complier = events.map((e, i) => ({
      event: e.label,
      month: p.month,
      result: results[i]!,
    }));
    participation = { table: tableResult, complier };
  }

  const ri = methods.randomizationInference;
  let randomization: AnalysisResult['randomization'];
  if (ri) {
    // One pass of draws for every event: the same assignments, t̃ shared (randomizationTests).
    step(`randomisation inference: ${events.map((e) => e.label).join(', ')}`);
    const results = randomizationTests(
      table,
      {
        arm: columns.arm,
        treatment: arms.treatment,
        control: arms.control,
        followup: columns.followup,
        covariates: methods.adjustment === 'none' ? [] : plan.covariates,
        factors: plan.factors,
        missing: methods.missing,
        rareLevels: methods.rareLevels ?? 'error',
        month: ri.month,
        draws: ri.draws,
        seed: ri.seed,
        id: columns.id,
        rule: randomizationRule(ri, plan),
      },
      events.map((e) => e.column),
    );
    randomization = events.map((e, i) => ({ event: e.label, result: results[i]! }));
  }

  let survival: AnalysisResult['survival'];
  if (hasSurvival(plan)) {
    step('survival analyses');
    survival = survivalAnalyses(intake, plan);
  }

  return {
    title: plan.title,
    input: {
      file,
      rows: options.rows ?? all.numRows(),
      analysed: table.numRows(),
      filter: plan.filter,
    },
    config: plan,
    assignment: {
      counts,
      ...(sampleRatio ? { sampleRatio } : {}),
      analysed,
      ...(balance ? { balance } : {}),
    },
    outflow,
    effects,
    ...(armContrasts ? { armContrasts } : {}),
    subgroups,
    ...(participation ? { participation } : {}),
    ...(survival ? { survival } : {}),
    ...(randomization ? { randomization } : {}),
  };
}

/** The assignment rule a plan's randomisation inference re-draws (see {@link RandomizationPlan}). */
function randomizationRule(ri: RandomizationPlan, plan: AnalysisPlan): AssignmentRule {
  const { treatment, control } = plan.arms;
  const weights = plan.arms.weights ?? { [treatment]: 0.5, [control]: 0.5 };
  switch (ri.design) {
    case 'blocked':
      return { kind: 'blocked', block: ri.block!, weights, seed: ri.seed };
    case 'parity':
      return { kind: 'parity', even: control, odd: treatment };
    case 'hashed':
      return { kind: 'hashed', weights, key: String(ri.seed) };
    default:
      return { kind: 'complete', weights, seed: ri.seed };
  }
}

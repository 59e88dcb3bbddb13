/**
 * The 2012–2013 experiment "intensive versus basic services" (I-dvl / B-dvl) end to end through
 * the public API: the assignment audit (BSN parity, sample ratio, balance — Tables 4.1, 5.1),
 * the conversations held (Tables 4.3–4.6), cumulative exit and exit to a job within 6/9/12/15
 * months after the start of the benefit (Table 5.2), fractions of time on benefit, in a job and
 * other (Table 5.3), job quality (Table 5.4) and exits by gender (Annex B.1). Runs unchanged on a
 * real extract with the same columns (or with the column names changed in the config). BSNs are
 * read for the parity check only and never appear in the result's text.
 *
 * Stars: † p < 0.20, * p < 0.10, ** p < 0.05, two-sided. Table 5.2 and the "plain" stars of
 * Annex B.1 come from the two-proportion z test with the unpooled (Neyman) SE on the clients with
 * complete follow-up; the "adjusted" stars from OLS of the 0/1 outcome on assignment plus age
 * band, household and office dummies, HC2 SE, t test on n − k df (complete cases: a value
 * `config.unknown` counts as missing there). Tables 5.3/5.4 use Welch t tests for means and the
 * same z test for shares.
 */

import type { ColumnTable } from 'arquero';
import {
  type ArmComparison,
  type ArmComparisons,
  compareArms,
} from '../../analysis/compare-arms.js';
import { type EffectSeries, effectSeries } from '../../analysis/effect-series.js';
import { type ParticipationTable, participationTable } from '../../analysis/participation.js';
import { effectSeriesBy, type SubgroupSeries } from '../../analysis/subgroups.js';
import { type AuditResult, auditAssignment } from '../../assign/audit.js';
import type { BalanceResult } from '../../assign/balance.js';
import { isValidBsn } from '../../assign/bsn.js';
import type { ParityRule } from '../../assign/rules.js';
import {
  asTable,
  columnValues,
  numberColumn,
  requireColumns,
  stringColumn,
  type TableInput,
} from '../../data/columns.js';
import { InputError } from '../../errors.js';
import { type LeeBoundsResult, leeBounds } from '../../estimate/lee-bounds.js';
import { cumulativeOutflow } from '../../outcomes/cumulative-outflow.js';
import type { CumulativeOutflowResult } from '../../outcomes/outflow-result.js';
import { type TimeFractionsResult, timeFractions } from '../../outcomes/time-fractions.js';
import {
  type RandomizationResult,
  randomizationTests,
} from '../../plan/randomization-inference.js';
import { type AllKeys, rejectUnknownKeys } from '../../stats/option-keys.js';
import {
  ANNEX_B_GENDERS,
  EXIT_MONTHS_2012,
  INTENSIVE_2012_ARMS,
  INTENSIVE_2012_RULE,
  UNKNOWN_2012,
} from './design.js';

/** Column names and choices of the 2012–2013 analysis; every field has the report's default. */
export interface Intensive2012Config {
  /** Client id column: the BSN (read for the parity check only, never echoed). */
  readonly id: string;
  readonly arm: string;
  readonly treatment: string;
  readonly control: string;
  /** The assignment rule: even last BSN digit → basic, odd → intensive. */
  readonly rule: ParityRule;
  /** Completed months observed since the start of the benefit (complete follow-up). */
  readonly followup: string;
  /** Month (since the start of the benefit) of the first exit, any destination. */
  readonly exitEvent: string;
  /** Month of the first exit when it was to a job. */
  readonly jobEvent: string;
  /** "Within x months after the start of the benefit". */
  readonly months: readonly number[];
  /** 0/1: back on benefit after an exit (share of all clients of the arm). */
  readonly backOnBenefit: string;
  /** Observation window from entry into the experiment, in months (Table 4.1, Table 5.3). */
  readonly observation: string;
  readonly gender: string;
  /** Gender levels of Annex B, in order. */
  readonly genderLevels: readonly string[];
  /** Covariates of the balance table (Table 5.1), in order. */
  readonly balanceCovariates: readonly string[];
  /** Covariates of the adjusted test (Annex B: age band, household, office). */
  readonly adjustmentCovariates: readonly string[];
  /** Numeric covariates that are factors (office numbers). */
  readonly factors: readonly string[];
  /** Value that means "not recorded"; missing in the adjusted regressions (complete cases). */
  readonly unknown: string;
  /**
   * Randomisation inference of Table 5.2 at the last month of `months`: the assignment re-drawn
   * as BSN parity assigned it (each client odd or even with probability ½), Monte Carlo draws
   * and seed.
   */
  readonly randomization: { readonly draws: number; readonly seed: number | string };
  /** Conversation columns of Tables 4.3–4.6 (empty = no longer on WW at that point). */
  readonly conversations: {
    readonly m4: string;
    readonly m7: string;
    readonly m10: string;
    readonly m12: string;
  };
  /** Time in state within the observation window (Table 5.3). */
  readonly states: Readonly<Record<'benefit' | 'job' | 'other', string>>;
  /** Job-quality columns (Table 5.4); empty for clients without a job. */
  readonly jobQuality: {
    readonly permanent: string;
    readonly days: string;
    readonly jobs: string;
    readonly partTime: string;
    readonly wage: string;
  };
}

/** The defaults: the report's design with the columns of `data/intensive-vs-basic-2012.csv`. */
/** The keys of {@link Intensive2012Config}. */
const INTENSIVE_2012_CONFIG_KEYS: AllKeys<Intensive2012Config> = {
  id: true,
  arm: true,
  treatment: true,
  control: true,
  rule: true,
  followup: true,
  exitEvent: true,
  jobEvent: true,
  months: true,
  backOnBenefit: true,
  observation: true,
  gender: true,
  genderLevels: true,
  balanceCovariates: true,
  adjustmentCovariates: true,
  factors: true,
  unknown: true,
  randomization: true,
  conversations: true,
  states: true,
  jobQuality: true,
};

export const INTENSIVE_2012_CONFIG: Intensive2012Config = {
  id: 'bsn',
  arm: 'arm',
  ...INTENSIVE_2012_ARMS,
  rule: INTENSIVE_2012_RULE,
  followup: 'followup_months',
  exitEvent: 'month_exit',
  jobEvent: 'month_job',
  months: EXIT_MONTHS_2012,
  backOnBenefit: 'back_on_benefit',
  observation: 'months_observed_from_entry',
  gender: 'gender',
  genderLevels: ANNEX_B_GENDERS,
  balanceCovariates: ['gender', 'age_band', 'household', 'office'],
  adjustmentCovariates: ['age_band', 'household', 'office'],
  factors: ['office'],
  unknown: UNKNOWN_2012,
  randomization: { draws: 2000, seed: 1 },
  conversations: { m4: 'conv_m4', m7: 'conv_m7', m10: 'conv_m10', m12: 'conv_m12' },
  states: { benefit: 'months_on_benefit', job: 'months_in_job', other: 'months_other' },
  jobQuality: {
    permanent: 'first_job_permanent',
    days: 'first_job_days',
    jobs: 'n_jobs',
    partTime: 'part_time_factor',
    wage: 'hourly_wage',
  },
};

/** One arm of Table 4.1. */
export interface Intensive2012Arm {
  readonly n: number;
  /** Mean observation window from entry into the experiment, months. */
  readonly meanObservation: number;
}

/** Exit series of one measure (any exit, exit to a job). */
export interface Intensive2012Exit {
  /** Plain: shares, difference and two-proportion z test (unpooled), all clients. */
  readonly plain: EffectSeries;
  /** Adjusted: OLS HC2 on `adjustmentCovariates` (+ gender for all clients), complete cases. */
  readonly adjusted: EffectSeries;
}

/** Exit series of one measure by gender (Annex B.1). */
export interface Intensive2012ExitByGender {
  readonly plain: SubgroupSeries;
  readonly adjusted: SubgroupSeries;
}

/** Everything the 2012–2013 analysis computes. */
export interface Intensive2012Result {
  readonly config: Intensive2012Config;
  /** BSN check (eleven test); counts only, never the values. */
  readonly bsn: { readonly checked: number; readonly invalid: number };
  /** Sample ratio (50/50), parity conformance, balance. */
  readonly audit: AuditResult;
  /** Table 4.1: clients per arm and mean observation. */
  readonly arms: { readonly treatment: Intensive2012Arm; readonly control: Intensive2012Arm };
  /** Tables 4.3–4.6 (among those still on WW at that point). */
  readonly conversations: {
    readonly m4: ParticipationTable;
    readonly m7: ParticipationTable;
    readonly m10: ParticipationTable;
    readonly m12: ParticipationTable;
  };
  /** Table 5.1 (the audit's balance table). */
  readonly balance: BalanceResult;
  /** Cumulative exit curves by arm, complete follow-up (months 1 … last of `months`). */
  readonly outflow: CumulativeOutflowResult;
  /** Table 5.2. */
  readonly exit: { readonly any: Intensive2012Exit; readonly job: Intensive2012Exit };
  /** Table 5.2, last column: back on benefit (share of all clients). */
  readonly backOnBenefit: ArmComparison;
  /** Table 5.3 (Welch t tests). */
  readonly timeFractions: TimeFractionsResult;
  /** Table 5.4 (job holders; share: z test, means: Welch). */
  readonly jobQuality: ArmComparisons;
  /**
   * Lee (2009) bounds per Table 5.4 outcome, in the same order: job quality exists only for
   * clients who found a job, so the naive comparison of job holders is bounded by trimming the
   * arm with the higher job-finding rate (selected = the outcome is not empty).
   */
  readonly jobQualityBounds: readonly LeeBoundsResult[];
  /** Annex B.1. */
  readonly byGender: {
    readonly any: Intensive2012ExitByGender;
    readonly job: Intensive2012ExitByGender;
  };
  /** The test behind each star, in words. */
  readonly methods: { readonly plain: string; readonly adjusted: string };
  /**
   * Randomisation inference at the last month of Table 5.2 for any exit and exit to a job:
   * plain (all clients) and adjusted (complete cases, the adjusted covariates).
   */
  readonly randomization: {
    readonly any: { readonly plain: RandomizationResult; readonly adjusted: RandomizationResult };
    readonly job: { readonly plain: RandomizationResult; readonly adjusted: RandomizationResult };
  };
}

const PLAIN_METHOD =
  'two-proportion z test, unpooled (Neyman) SE, clients observed at least x months since the start of the benefit (complete follow-up)';

/**
 * Runs the 2012–2013 analysis on a client table (one row per client). Keep the BSN column as
 * text when loading (`loadTable(path, { stringColumns: ['bsn'] })`): leading zeros matter.
 *
 * @example
 * const table = await loadTable('data/intensive-vs-basic-2012.csv', { stringColumns: ['bsn'] });
 * const result = intensive2012(table);
 * intensive2012Markdown(result); // the whole report as Markdown (report-document.ts)
 *
 * Not through `evaluate`: its plan cannot state this design. The published tables are at
 * months 6/9/12/15 (a plan has a last month, so every month 1…15 would be estimated and
 * written to the JSON); the plain net effect is on all clients while the adjusted one is on
 * complete cases with 'unknown' as missing (evaluate's raw and adjusted effects share one
 * sample); the audit checks the BSN-parity rule; Annex B keeps two of three gender levels.
 */
export function intensive2012(
  data: TableInput,
  config: Partial<Intensive2012Config> = {},
): Intensive2012Result {
  rejectUnknownKeys(config, INTENSIVE_2012_CONFIG_KEYS, 'intensive2012');
  const c: Intensive2012Config = { ...INTENSIVE_2012_CONFIG, ...config };
  const table = asTable(data);
  requireColumns(table, [c.id, c.arm, c.followup, c.exitEvent, c.jobEvent, c.gender], 'study');
  const lastMonth = Math.max(...c.months);

  // Assignment: BSN check, sample ratio, parity conformance, balance (Tables 4.1, 5.1).
  const ids = columnValues(table, c.id);
  const invalid = ids.filter((v) => !isValidBsn(v)).length;
  const audit = auditAssignment(table, c.rule, {
    id: c.id,
    arm: c.arm,
    covariates: c.balanceCovariates,
    factors: c.factors,
  });
  const balance = audit.balance!;
  const arms = {
    treatment: armFigures(table, c, c.treatment),
    control: armFigures(table, c, c.control),
  };

  // Tables 4.3–4.6.
  const pair = { arm: c.arm, treatment: c.treatment, control: c.control };
  const conversation = (column: string, categories: readonly string[], received: string[]) =>
    participationTable(table, {
      ...pair,
      participation: column,
      categories,
      received,
      missing: 'exclude',
    });
  const held = ['not_held', 'held'];
  const conversations = {
    m4: conversation(
      c.conversations.m4,
      ['none', 'individual', 'group', 'unclear'],
      ['individual', 'group'],
    ),
    m7: conversation(c.conversations.m7, held, ['held']),
    m10: conversation(c.conversations.m10, held, ['held']),
    m12: conversation(c.conversations.m12, held, ['held']),
  };

  // Table 5.2.
  const outflow = cumulativeOutflow(table, {
    events: { any: c.exitEvent, job: c.jobEvent },
    followup: c.followup,
    group: c.arm,
    groups: [c.treatment, c.control],
    months: lastMonth,
    method: 'complete',
  });
  const adjustedTable = withUnknownAsMissing(table, c);
  const base = { ...pair, followup: c.followup, months: c.months };
  const allCovariates = [c.gender, ...c.adjustmentCovariates];
  const exitOf = (event: string): Intensive2012Exit => ({
    plain: effectSeries(table, { ...base, event }),
    adjusted: effectSeries(adjustedTable, {
      ...base,
      event,
      covariates: allCovariates,
      factors: c.factors,
    }),
  });
  const exit = { any: exitOf(c.exitEvent), job: exitOf(c.jobEvent) };
  // Randomisation inference at the last month, re-drawn as parity assigned (see the config).
  const riBase = {
    ...pair,
    followup: c.followup,
    month: lastMonth,
    rule: c.rule,
    id: c.id,
    draws: c.randomization.draws,
    seed: c.randomization.seed,
  };
  // Both events in one pass of draws each (plain, adjusted): the same assignments as one event
  // at a time, the per-draw work shared.
  const events = [c.exitEvent, c.jobEvent];
  const [plainAny, plainJob] = randomizationTests(table, riBase, events);
  const [adjustedAny, adjustedJob] = randomizationTests(
    adjustedTable,
    { ...riBase, covariates: allCovariates, factors: c.factors },
    events,
  );
  const randomization = {
    any: { plain: plainAny!, adjusted: adjustedAny! },
    job: { plain: plainJob!, adjusted: adjustedJob! },
  };
  const backOnBenefit = compareArms(table, {
    ...pair,
    outcomes: [{ column: c.backOnBenefit, label: 'back on benefit', kind: 'binary' }],
  }).outcomes[0]!;

  // Table 5.3.
  const fractions = timeFractions(table, {
    states: c.states,
    window: c.observation,
    group: c.arm,
    compare: [c.treatment, c.control],
  });

  // Table 5.4.
  const q = c.jobQuality;
  const jobQuality = compareArms(table, {
    ...pair,
    outcomes: [
      { column: q.permanent, label: 'first job: permanent contract', kind: 'binary' },
      { column: q.days, label: 'first job: mean length (days)', kind: 'numeric', digits: 0 },
      { column: q.jobs, label: 'mean number of jobs', kind: 'numeric', digits: 1 },
      { column: q.partTime, label: 'mean part-time factor', kind: 'numeric', format: 'percent' },
      { column: q.wage, label: 'mean hourly wage (€)', kind: 'numeric', digits: 2 },
    ],
  });

  // Table 5.4 under selection: Lee bounds (the same job holders as the naive comparison).
  const jobQualityBounds = jobQuality.outcomes.map((o) =>
    leeBounds(table, { ...pair, outcome: o.outcome }),
  );

  // Annex B.1.
  const byGenderOf = (event: string): Intensive2012ExitByGender => {
    const spec = { ...base, event, by: c.gender, levels: c.genderLevels };
    return {
      plain: effectSeriesBy(table, spec),
      adjusted: effectSeriesBy(adjustedTable, {
        ...spec,
        covariates: c.adjustmentCovariates,
        factors: c.factors,
      }),
    };
  };
  const byGender = { any: byGenderOf(c.exitEvent), job: byGenderOf(c.jobEvent) };

  return {
    config: c,
    bsn: { checked: ids.length, invalid },
    audit,
    arms,
    conversations,
    balance,
    outflow,
    exit,
    backOnBenefit,
    timeFractions: fractions,
    jobQuality,
    jobQualityBounds,
    byGender,
    randomization,
    methods: {
      plain: PLAIN_METHOD,
      adjusted: `OLS of the 0/1 outcome on assignment + ${c.adjustmentCovariates.join(', ')} (factors as dummies; for all clients also ${c.gender}), HC2 SE, t test on n − k df; complete follow-up, complete cases ('${c.unknown}' counts as missing)`,
    },
  };
}

function armFigures(table: ColumnTable, c: Intensive2012Config, arm: string): Intensive2012Arm {
  const arms = stringColumn(table, c.arm);
  const obs = numberColumn(table, c.observation, { missing: 'nan' });
  let n = 0;
  let sum = 0;
  let withObs = 0;
  arms.forEach((a, i) => {
    if (a !== arm) return;
    n++;
    const v = obs[i]!;
    if (!Number.isNaN(v)) {
      sum += v;
      withObs++;
    }
  });
  if (n === 0) {
    throw new InputError(`arm '${arm}' does not occur in column '${c.arm}'`, {
      code: 'unknown-arm',
      column: c.arm,
      value: arm,
    });
  }
  return { n, meanObservation: sum / withObs };
}

/** The table with `c.unknown` replaced by null in the covariate columns (for complete cases). */
function withUnknownAsMissing(table: ColumnTable, c: Intensive2012Config): ColumnTable {
  const columns = [c.gender, ...c.adjustmentCovariates];
  requireColumns(table, columns, 'covariate');
  const rows = (table.objects() as Record<string, unknown>[]).map((row) => {
    const copy = { ...row };
    for (const col of columns) if (copy[col] === c.unknown) copy[col] = null;
    return copy;
  });
  return asTable(rows);
}

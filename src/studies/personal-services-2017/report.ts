/**
 * The personal-services experiment in WW (UWV, inflow 1 Dec 2017 – 31 Dec 2018), end to end
 * through the public API: the sample-ratio check against 80/10/10, and three pairwise
 * comparisons of job-finding and WW reliance within 12 months of inflow:
 *
 * - service: the service group against the control group with enforcement. Service-group
 *   clients are subject to enforcement too (the service includes it), and the control group
 *   was split "to separate the effects of enforcement from the effects of the service", so
 *   this contrast is the effect of personal service itself — the +2.0 pp / −2.1 pp;
 * - service, pooled controls: the service group against both control halves together (a
 *   sensitivity reading; it mixes in half the enforcement effect);
 * - enforcement: the control group with enforcement against the one without ("only
 *   enforcement activities").
 *
 * Runs unchanged on a real extract with the same columns (or with names changed in the config).
 */

import { table as columnTable } from 'arquero';
import { type ArmComparisons, compareArms } from '../../analysis/compare-arms.js';
import { type EffectSeries, effectSeries } from '../../analysis/effect-series.js';
import { firstSignificantMonth, type SignificantMonths } from '../../analysis/significance.js';
import { type SampleRatioResult, sampleRatioTest } from '../../assign/srm.js';
import { asTable, stringColumn, type TableInput } from '../../data/columns.js';
import { formatPercent } from '../../format.js';
import { cumulativeOutflow } from '../../outcomes/cumulative-outflow.js';
import type { CumulativeOutflowResult } from '../../outcomes/outflow-result.js';
import {
  type RandomizationResult,
  randomizationTests,
} from '../../plan/randomization-inference.js';
import type { Estimate } from '../../stats/estimate.js';
import { pAdjust } from '../../stats/multiplicity.js';
import { type AllKeys, rejectUnknownKeys } from '../../stats/option-keys.js';
import {
  checkStarLevels,
  REPORT_STAR_LEVELS,
  restar,
  type StarLevels,
  starLegend,
} from '../../stats/stars.js';
import {
  PERSONAL_SERVICES_2017_COVARIATES,
  SERVICES_MAX_FOLLOWUP,
  SERVICES_WEIGHTS,
} from './design.js';

/** Column names and choices of the analysis; every field has the study's default. */
export interface PersonalServicesConfig {
  readonly arm: string;
  /** Arm labels. */
  readonly service: string;
  readonly controlEnforcement: string;
  readonly controlNone: string;
  /** Intended assignment weights (80/10/10). */
  readonly weights: Readonly<Record<string, number>>;
  /** Label of the pooled control arm in the pooled comparison. */
  readonly pooledControl: string;
  /** Event column: month of the first job. */
  readonly jobEvent: string;
  /** Event column: first month without WW benefit. */
  readonly exitEvent: string;
  /** Numeric column: months with WW benefit among months 1–12 (compared as a mean). */
  readonly wwMonths: string;
  readonly followup: string;
  /** The month of the headline figures (12: "within twelve months of inflow"). */
  readonly month: number;
  /** Last month of the outcome curves (30: the longest follow-up). */
  readonly months: number;
  /**
   * Last month of the WW-exit effect series (24: WW lasts at most 24 months, so by month 25
   * every client has left and there is no contrast to test).
   */
  readonly exitMonths: number;
  /** Background characteristics for the adjusted effects. */
  readonly covariates: readonly string[];
  /** Significance level of the month-by-month statements (default 0.05). */
  readonly level: number;
  /**
   * Randomisation inference of the personal-service contrast at `month` (raw effects): Monte
   * Carlo draws and seed.
   */
  readonly randomization: { readonly draws: number; readonly seed: number | string };
  /** Levels of the stars † * ** (default the reports' 0.20 / 0.10 / 0.05). */
  readonly stars: StarLevels;
}

/** The defaults: the study's design, with the column names of `data/personal-services-2017.csv`. */
/** The keys of {@link PersonalServicesConfig}. */
const PERSONAL_SERVICES_CONFIG_KEYS: AllKeys<PersonalServicesConfig> = {
  arm: true,
  service: true,
  controlEnforcement: true,
  controlNone: true,
  weights: true,
  pooledControl: true,
  jobEvent: true,
  exitEvent: true,
  wwMonths: true,
  followup: true,
  month: true,
  months: true,
  exitMonths: true,
  covariates: true,
  level: true,
  randomization: true,
  stars: true,
};

export const PERSONAL_SERVICES_CONFIG: PersonalServicesConfig = {
  arm: 'arm',
  service: 'service',
  controlEnforcement: 'control_enforcement',
  controlNone: 'control_none',
  weights: SERVICES_WEIGHTS,
  pooledControl: 'no_service',
  jobEvent: 'month_job',
  exitEvent: 'month_ww_exit',
  wwMonths: 'months_on_ww_12',
  followup: 'followup_months',
  month: 12,
  months: SERVICES_MAX_FOLLOWUP,
  exitMonths: 24,
  covariates: PERSONAL_SERVICES_2017_COVARIATES,
  level: 0.05,
  randomization: { draws: 2000, seed: 1 },
  stars: REPORT_STAR_LEVELS,
};

/** One outcome of one comparison at the headline month. */
export interface OutcomeAtMonth {
  readonly month: number;
  /** Share of each arm (complete follow-up: clients observed at least `month` months). */
  readonly shareTreatment: number;
  readonly shareControl: number;
  readonly nTreatment: number;
  readonly nControl: number;
  /** Treatment − control difference in shares, unpooled SE, z test. */
  readonly raw: Estimate;
  /** Treatment coefficient of the OLS linear probability model with the covariates, HC2. */
  readonly adjusted: Estimate;
}

/** Which comparison. */
export type PersonalServicesComparisonKey = 'service' | 'servicePooled' | 'enforcement';

/** One pairwise comparison of the three-arm design. */
export interface PersonalServicesComparison {
  readonly key: PersonalServicesComparisonKey;
  readonly label: string;
  readonly treatment: string;
  readonly control: string;
  /** Job-finding: share with a first job by month m, m = 1…months. */
  readonly jobFinding: EffectSeries;
  /** WW exit: share that left WW by month m (WW reliance at m is one minus it). */
  readonly wwExit: EffectSeries;
  /** Headline month: job-finding and WW reliance (= 1 − WW exit share; effects sign-flipped). */
  readonly atMonth: {
    readonly jobFinding: OutcomeAtMonth;
    readonly wwReliance: OutcomeAtMonth;
  };
  /** Months 1…month where the raw effect is significant at `level` (job; WW exit = reliance). */
  readonly significant: {
    readonly jobFinding: SignificantMonths;
    readonly wwReliance: SignificantMonths;
  };
  /**
   * Holm-adjusted raw p-values of months 1…month (one family per outcome: the month-by-month
   * readings of `significant` are pointwise; these say what survives the twelve looks).
   */
  readonly holm: {
    readonly jobFinding: readonly number[];
    readonly wwReliance: readonly number[];
  };
  /** Months with WW benefit among months 1–12, mean per arm (Welch). */
  readonly wwMonths: ArmComparisons;
}

/** Everything the analysis computes. */
export interface PersonalServicesResult {
  readonly config: PersonalServicesConfig;
  /** Sample-ratio test of all clients against 80/10/10. */
  readonly assignment: SampleRatioResult;
  readonly comparisons: {
    readonly service: PersonalServicesComparison;
    readonly servicePooled: PersonalServicesComparison;
    readonly enforcement: PersonalServicesComparison;
  };
  /** Cumulative job-finding and WW exit per arm, months 1…months (complete follow-up). */
  readonly outflow: CumulativeOutflowResult;
  /**
   * Holm-adjusted p-values of the headline table's tests at `month`, raw and adjusted each as
   * one family of six (three comparisons × two outcomes), in the table's order.
   */
  readonly headlineHolm: { readonly raw: readonly number[]; readonly adjusted: readonly number[] };
  /**
   * Randomisation inference of the personal-service contrast at `month` (raw difference): the
   * realised arm sizes of the two arms re-dealt (the 80/10/10 draws were independent, so this
   * conditions on the sizes).
   */
  readonly randomization: {
    readonly jobFinding: RandomizationResult;
    readonly wwReliance: RandomizationResult;
  };
  /** How every figure is computed. */
  readonly method: string;
  /** The star legend: what † * ** mean and which tests made them. */
  readonly stars: string;
}

/**
 * An effect on the share that left WW, read as an effect on the share still on WW (estimate,
 * interval and statistic sign-flipped; the p-value and stars unchanged).
 *
 * @example
 * reliance(wwExitEffect).estimate === -wwExitEffect.estimate; // true
 */
export function reliance(e: Estimate): Estimate {
  return {
    ...e,
    estimate: -e.estimate,
    ci: [-e.ci[1], -e.ci[0]],
    statistic: -e.statistic,
  };
}

function comparison(
  data: TableInput,
  c: PersonalServicesConfig,
  key: PersonalServicesComparisonKey,
  label: string,
  arm: string,
  treatment: string,
  control: string,
): PersonalServicesComparison {
  const base = {
    arm,
    treatment,
    control,
    followup: c.followup,
    months: c.months,
    covariates: c.covariates,
  };
  const jobFinding = effectSeries(data, { ...base, event: c.jobEvent });
  const wwExit = effectSeries(data, { ...base, event: c.exitEvent, months: c.exitMonths });
  const at = (s: EffectSeries, flip: boolean): OutcomeAtMonth => {
    const m = s.months.find((x) => x.month === c.month)!;
    const f = (e: Estimate) => restar(flip ? reliance(e) : e, c.stars);
    return {
      month: c.month,
      shareTreatment: flip ? 1 - m.shareTreated : m.shareTreated,
      shareControl: flip ? 1 - m.shareControl : m.shareControl,
      nTreatment: m.nTreated,
      nControl: m.nControl,
      raw: f(m.raw),
      adjusted: f(m.adjusted!),
    };
  };
  const firstYear = (s: EffectSeries) => ({
    months: s.months.filter((m) => m.month <= c.month),
  });
  return {
    key,
    label,
    treatment,
    control,
    jobFinding,
    wwExit,
    atMonth: { jobFinding: at(jobFinding, false), wwReliance: at(wwExit, true) },
    significant: {
      jobFinding: firstSignificantMonth(firstYear(jobFinding), { level: c.level, which: 'raw' }),
      wwReliance: firstSignificantMonth(firstYear(wwExit), { level: c.level, which: 'raw' }),
    },
    holm: {
      jobFinding: pAdjust(
        firstYear(jobFinding).months.map((m) => m.raw.pValue),
        'holm',
      ),
      wwReliance: pAdjust(
        firstYear(wwExit).months.map((m) => m.raw.pValue),
        'holm',
      ),
    },
    wwMonths: compareArms(data, {
      arm,
      treatment,
      control,
      outcomes: [{ column: c.wwMonths, label: 'months with WW benefit, months 1–12', digits: 2 }],
      covariates: c.covariates,
    }),
  };
}

/**
 * Runs the analysis on a client table: the sample-ratio check of all clients against the
 * intended weights, then per comparison the effect per month (complete follow-up; raw
 * difference in shares with unpooled SE and z test; adjusted OLS linear probability model with
 * `config.covariates`, HC2 SE, t test) on job-finding (`jobEvent`) and WW exit (`exitEvent`),
 * read at `config.month` as job-finding and WW reliance (share still on WW = 1 − share that
 * left), and the mean months on WW in the first year.
 *
 * @example
 * const table = await loadTable('data/personal-services-2017.csv');
 * const r = personalServices2017(table);
 * r.comparisons.service.atMonth.jobFinding.raw.estimate; // ≈ 0.020
 * personalServicesMarkdown(r); // the whole report as Markdown (report-document.ts)
 *
 * The three arms are compared pairwise here, not through `evaluate`: its plan has two arms
 * (treatment and control); a multi-arm evaluate belongs to issue 14.
 */
export function personalServices2017(
  data: TableInput,
  config: Partial<PersonalServicesConfig> = {},
): PersonalServicesResult {
  rejectUnknownKeys(config, PERSONAL_SERVICES_CONFIG_KEYS, 'personalServices2017');
  const c: PersonalServicesConfig = { ...PERSONAL_SERVICES_CONFIG, ...config };
  checkStarLevels(c.stars);
  const t = asTable(data);
  const arms = stringColumn(t, c.arm);
  const counts: Record<string, number> = {};
  for (const a of arms) if (a !== null) counts[a] = (counts[a] ?? 0) + 1;
  const assignment = sampleRatioTest(counts, c.weights);

  const pooledColumn = `${c.arm}_pooled`;
  const pooled = t.assign(
    columnTable({
      [pooledColumn]: arms.map((a) =>
        a === c.service
          ? c.service
          : a === c.controlEnforcement || a === c.controlNone
            ? c.pooledControl
            : a,
      ),
    }),
  );

  const comparisons = {
    service: comparison(
      t,
      c,
      'service',
      'personal service (service vs control with enforcement)',
      c.arm,
      c.service,
      c.controlEnforcement,
    ),
    servicePooled: comparison(
      pooled,
      c,
      'servicePooled',
      'service vs both control groups pooled',
      pooledColumn,
      c.service,
      c.pooledControl,
    ),
    enforcement: comparison(
      t,
      c,
      'enforcement',
      'enforcement only (control with vs without enforcement)',
      c.arm,
      c.controlEnforcement,
      c.controlNone,
    ),
  };
  const outflow = cumulativeOutflow(t, {
    events: { job: c.jobEvent, ww_exit: c.exitEvent },
    followup: c.followup,
    group: c.arm,
    groups: [c.service, c.controlEnforcement, c.controlNone],
    months: c.months,
    method: 'complete',
  });
  const headline = [
    comparisons.service,
    comparisons.servicePooled,
    comparisons.enforcement,
  ].flatMap((x) => [x.atMonth.jobFinding, x.atMonth.wwReliance]);
  const headlineHolm = {
    raw: pAdjust(
      headline.map((o) => o.raw.pValue),
      'holm',
    ),
    adjusted: pAdjust(
      headline.map((o) => o.adjusted.pValue),
      'holm',
    ),
  };
  const riSpec = {
    arm: c.arm,
    treatment: c.service,
    control: c.controlEnforcement,
    followup: c.followup,
    month: c.month,
    draws: c.randomization.draws,
    seed: c.randomization.seed,
  };
  // Both events in one pass of draws: the same assignments, shared per-draw work.
  const [jobFinding, wwReliance] = randomizationTests(t, riSpec, [c.jobEvent, c.exitEvent]);
  const randomization = { jobFinding: jobFinding!, wwReliance: wwReliance! };
  const method =
    `complete follow-up (at month m, clients observed at least m months); job-finding = first job by month m; ` +
    `WW reliance at month m = share still on WW = 1 − share that left WW by month m, so its effect is minus the effect on WW exit; ` +
    `raw: difference in shares (treatment − control), unpooled (Neyman) SE, z test; ` +
    `adjusted: OLS linear probability model on treatment + ${c.covariates.join(', ')}, HC2 SE, t test on n − k df; ` +
    `two-sided tests, ${starLegend(c.stars).replace(/^Stars/, 'stars')}; ` +
    `sample ratio: chi-square goodness of fit against ${Object.entries(c.weights)
      .map(([a, w]) => `${a} ${formatPercent(w, 0)}`)
      .join(' / ')}`;
  return {
    config: c,
    assignment,
    comparisons,
    outflow,
    headlineHolm,
    randomization,
    method,
    stars: `${starLegend(c.stars, 'two-sided; raw: z test of the difference in shares, unpooled SE; adjusted: t test of the OLS coefficient, HC2, n − k df; months with WW: Welch t test')}.`,
  };
}

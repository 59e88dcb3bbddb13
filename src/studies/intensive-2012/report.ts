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
import { type EffectSeries, effectSeries, type MonthEffect } from '../../analysis/effect-series.js';
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
import { formatPercent, markdownTable } from '../../format.js';
import { cumulativeOutflow } from '../../outcomes/cumulative-outflow.js';
import type { CumulativeOutflowResult } from '../../outcomes/outflow-result.js';
import { type TimeFractionsResult, timeFractions } from '../../outcomes/time-fractions.js';
import type { Estimate } from '../../stats/estimate.js';

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
export const INTENSIVE_2012_CONFIG: Intensive2012Config = {
  id: 'bsn',
  arm: 'arm',
  treatment: 'intensive',
  control: 'basic',
  rule: { kind: 'parity', even: 'basic', odd: 'intensive' },
  followup: 'followup_months',
  exitEvent: 'month_exit',
  jobEvent: 'month_job',
  months: [6, 9, 12, 15],
  backOnBenefit: 'back_on_benefit',
  observation: 'months_observed_from_entry',
  gender: 'gender',
  genderLevels: ['man', 'woman'],
  balanceCovariates: ['gender', 'age_band', 'household', 'office'],
  adjustmentCovariates: ['age_band', 'household', 'office'],
  factors: ['office'],
  unknown: 'unknown',
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
  /** Annex B.1. */
  readonly byGender: {
    readonly any: Intensive2012ExitByGender;
    readonly job: Intensive2012ExitByGender;
  };
  /** The test behind each star, in words. */
  readonly methods: { readonly plain: string; readonly adjusted: string };
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
 * intensive2012Markdown(result); // the whole report as Markdown
 */
export function intensive2012(
  data: TableInput,
  config: Partial<Intensive2012Config> = {},
): Intensive2012Result {
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
    byGender,
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

// ----------------------------------------------------------------------------- Markdown

/** "2.7**" — an effect on a share in the report's style (one decimal, unsigned zero). */
function pp(e: Pick<Estimate, 'estimate' | 'stars'>, digits = 1): string {
  return `${num(100 * e.estimate, digits)}${e.stars}`;
}

/** A number with `digits` decimals and a true minus sign; −0.0 prints as 0.0. */
function num(x: number, digits: number): string {
  const text = x.toFixed(digits);
  if (Number(text) === 0) return (0).toFixed(digits);
  return text.startsWith('-') ? `−${text.slice(1)}` : text;
}

const pct = (share: number) => num(100 * share, 1);
const int = (n: number) => n.toLocaleString('en-US');
const countShare = (count: number, total: number) =>
  `${int(count)} (${Math.round((100 * count) / total)} %)`;

function monthAt(series: EffectSeries, month: number): MonthEffect {
  const m = series.months.find((x) => x.month === month);
  if (!m) throw new InputError(`month ${month} not in the series`, { code: 'invalid-option' });
  return m;
}

function conversationTable(
  t: ParticipationTable,
  rows: readonly { readonly value: string; readonly label: string }[],
): string {
  const out = rows.map(({ value, label }) => {
    const r = t.rows.find((x) => x.category === value)!;
    const total = r.control.count + r.treatment.count;
    const cell = (count: number, n: number) => (count === 0 ? '–' : countShare(count, n));
    return {
      [t.column]: label,
      'B-dvl (basic)': cell(r.control.count, t.n.control),
      'I-dvl (intensive)': cell(r.treatment.count, t.n.treatment),
      total: countShare(total, t.n.control + t.n.treatment),
    };
  });
  out.push({
    [t.column]: 'total',
    'B-dvl (basic)': int(t.n.control),
    'I-dvl (intensive)': int(t.n.treatment),
    total: int(t.n.control + t.n.treatment),
  });
  return markdownTable(out);
}

const LEVEL_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  gender: { man: 'man', woman: 'woman', unknown: 'unknown' },
  age_band: { '<35': 'younger than 35', '35-45': '35 to 45', '45+': '45 and older' },
  household: {
    single: 'single, no child',
    single_with_child: 'single, dependent child',
    cohabiting: 'cohabiting',
  },
};
const LEVEL_ORDER: Readonly<Record<string, readonly string[]>> = {
  gender: ['man', 'woman', 'unknown'],
  age_band: ['<35', '35-45', '45+', 'unknown'],
  household: ['single', 'single_with_child', 'cohabiting', 'unknown'],
};

function balanceMarkdown(r: Intensive2012Result): string {
  const c = r.config;
  const b = r.balance;
  const rows: Record<string, string>[] = [
    {
      characteristic: 'clients',
      'B-dvl n': int(r.arms.control.n),
      'B-dvl %': '',
      'I-dvl n': int(r.arms.treatment.n),
      'I-dvl %': '',
      'χ² test': '',
    },
  ];
  for (const cov of c.balanceCovariates) {
    const test = b.tests.find((t) => t.covariate === cov)!;
    const levels = b.rows.filter((x) => x.covariate === cov);
    const order = LEVEL_ORDER[cov];
    const sorted = order
      ? [...levels].sort((x, y) => order.indexOf(x.level ?? '') - order.indexOf(y.level ?? ''))
      : levels;
    rows.push({
      characteristic: `**${cov}**`,
      'B-dvl n': '',
      'B-dvl %': '',
      'I-dvl n': '',
      'I-dvl %': '',
      'χ² test': `χ²(${test.df.join(', ')}) = ${test.statistic.toFixed(2)}, p = ${test.pValue.toFixed(3)}${test.stars}`,
    });
    for (const level of sorted) {
      const s = (arm: string) => level.stats.find((x) => x.arm === arm)!;
      const name = level.level ?? '';
      const label = LEVEL_LABELS[cov]?.[name] ?? (cov === 'office' ? `office ${name}` : name);
      rows.push({
        characteristic: label,
        'B-dvl n': int(s(c.control).n),
        'B-dvl %': `${Math.round(100 * s(c.control).share!)} %`,
        'I-dvl n': int(s(c.treatment).n),
        'I-dvl %': `${Math.round(100 * s(c.treatment).share!)} %`,
        'χ² test': '',
      });
    }
  }
  return markdownTable(rows);
}

function exitRows(
  label: string,
  plain: EffectSeries,
  months: readonly number[],
  extra?: { readonly treatment: string; readonly control: string; readonly net: string },
): Record<string, string>[] {
  const row = (name: string, get: (m: MonthEffect) => string, last?: string) => {
    const out: Record<string, string> = { '': name };
    for (const month of months) out[`${month} months`] = get(monthAt(plain, month));
    if (extra) out['back on benefit'] = last ?? '';
    return out;
  };
  return [
    { '': `**${label}**`, ...Object.fromEntries(months.map((m) => [`${m} months`, ''])) },
    row('I-dvl', (m) => pct(m.shareTreated), extra?.treatment),
    row('B-dvl', (m) => pct(m.shareControl), extra?.control),
    row('net effect', (m) => pp(m.raw), extra?.net),
  ];
}

function byGenderRows(
  r: Intensive2012Result,
  measure: 'any' | 'job',
  label: string,
): Record<string, string>[] {
  const c = r.config;
  const s = r.byGender[measure];
  const rows: Record<string, string>[] = [
    { '': `**${label}**`, ...Object.fromEntries(c.months.map((m) => [`${m} months`, ''])) },
  ];
  for (const level of c.genderLevels) {
    const plain = s.plain.subgroups.find((g) => g.level === level)!.series;
    const adjusted = s.adjusted.subgroups.find((g) => g.level === level)!.series;
    const row = (name: string, get: (month: number) => string) => ({
      '': name,
      ...Object.fromEntries(c.months.map((m) => [`${m} months`, get(m)])),
    });
    rows.push(
      row(`*${level}*`, () => ''),
      row('I-dvl', (m) => pct(monthAt(plain, m).shareTreated)),
      row('B-dvl', (m) => pct(monthAt(plain, m).shareControl)),
      row('net effect (plain z)', (m) => pp(monthAt(plain, m).raw)),
      row('net effect (adjusted OLS HC2)', (m) => pp(monthAt(adjusted, m).adjusted!)),
    );
  }
  return rows;
}

/** The result as a Markdown report in the published layout (stdout of `reproduce intensive-2012`). */
export function intensive2012Markdown(r: Intensive2012Result): string {
  const c = r.config;
  const a = r.audit;
  const conf = a.conformance;
  const byArm = (arm: string) => conf.rows.filter((m) => m.observed === arm).length;
  const srm = a.sampleRatio;
  const months = c.months;
  const last = Math.max(...months);
  const back = r.backOnBenefit;
  const held = [
    { value: 'not_held', label: 'no conversation' },
    { value: 'held', label: 'conversation held' },
  ];
  const tf = r.timeFractions;
  const fraction = (state: string) => tf.rows.find((x) => x.state === state)!;
  const jq = r.jobQuality.outcomes;
  const jqCell = (o: ArmComparison, which: 'treatment' | 'control' | 'net'): string => {
    const value = which === 'net' ? o.difference.estimate : o[which].mean;
    const stars = which === 'net' ? o.difference.stars : '';
    if (o.kind === 'binary' || o.format === 'percent') return `${pct(value)} %${stars}`;
    return `${num(value, o.digits ?? 2)}${stars}`;
  };
  const adjustedAll = (measure: 'any' | 'job') =>
    Object.fromEntries(
      months.map((m) => [`${m} months`, pp(monthAt(r.exit[measure].adjusted, m).adjusted!)]),
    );

  const lines = [
    '# Intensive versus basic services, 2012–2013: reproduction',
    '',
    'I-dvl = intensive services (odd last BSN digit), B-dvl = basic services (even). Stars: † p < 0.20, * p < 0.10, ** p < 0.05, two-sided. BSNs are read for the parity check only and appear nowhere in this report.',
    '',
    '## Assignment audit',
    '',
    `- BSN eleven test: ${int(r.bsn.checked - r.bsn.invalid)} of ${int(r.bsn.checked)} ids pass.`,
    `- Rule: ${a.description}. Assignment errors (recorded arm ≠ parity arm): **${int(conf.mismatches)} of ${int(conf.checked)} (${(100 * conf.rate).toFixed(1)} %)** — ${byArm(c.control)} recorded ${c.control}, ${byArm(c.treatment)} recorded ${c.treatment}.`,
    `- Sample ratio against 50/50: ${srm.arms.map((x) => `${x.arm} ${int(x.observed)} (${formatPercent(x.share, 2)})`).join(', ')}; χ²(${srm.df}) = ${srm.statistic.toFixed(3)}, p = ${srm.pValue.toFixed(3)}${srm.stars ? ` ${srm.stars}` : ' (no sign of a broken ratio)'}.`,
    '',
    '## Table 4.1: clients in the experiment (23 July 2012 – 1 April 2013)',
    '',
    markdownTable([
      {
        group: 'B-dvl (basic)',
        clients: r.arms.control.n,
        'mean observation (months)': r.arms.control.meanObservation.toFixed(1),
      },
      {
        group: 'I-dvl (intensive)',
        clients: r.arms.treatment.n,
        'mean observation (months)': r.arms.treatment.meanObservation.toFixed(1),
      },
      {
        group: 'total',
        clients: r.arms.control.n + r.arms.treatment.n,
        'mean observation (months)': (
          (r.arms.control.n * r.arms.control.meanObservation +
            r.arms.treatment.n * r.arms.treatment.meanObservation) /
          (r.arms.control.n + r.arms.treatment.n)
        ).toFixed(1),
      },
    ]),
    '',
    'Observation counts from entry into the experiment to 31 January 2014.',
    '',
    '## Table 4.3: 4th-month conversation (clients still on WW)',
    '',
    conversationTable(r.conversations.m4, [
      { value: 'none', label: 'no conversation' },
      { value: 'individual', label: 'individual conversation' },
      { value: 'group', label: 'group conversation' },
      { value: 'unclear', label: 'form unclear' },
    ]),
    '',
    '## Table 4.4: 7th-month conversation (clients still on WW)',
    '',
    conversationTable(r.conversations.m7, held),
    '',
    '## Table 4.5: 10th-month conversation (clients still on WW)',
    '',
    conversationTable(r.conversations.m10, held),
    '',
    '## Table 4.6: 12th-month conversation (clients still on WW)',
    '',
    conversationTable(r.conversations.m12, held),
    '',
    '## Table 5.1: composition of the groups',
    '',
    balanceMarkdown(r),
    '',
    'Test per characteristic: Pearson χ² test of independence, arm × category (all categories, "unknown" included), stars at 20/10/5 %.',
    '',
    '## Table 5.2: exit within x months after the start of the benefit (%)',
    '',
    markdownTable(
      [
        ...exitRows('any exit from WW', r.exit.any.plain, months, {
          treatment: pct(back.treatment.mean),
          control: pct(back.control.mean),
          net: pp(back.difference),
        }),
        ...exitRows('exit from WW to a job', r.exit.job.plain, months, {
          treatment: '',
          control: '',
          net: '',
        }),
      ],
      ['', ...months.map((m) => `${m} months`), 'back on benefit'],
    ),
    '',
    `Shares among the clients observed at least x months since the start of the benefit (complete follow-up); at ${last} months ${int(monthAt(r.exit.any.plain, last).nTreated)} I-dvl and ${int(monthAt(r.exit.any.plain, last).nControl)} B-dvl clients are followed that long. Net effect = I − B from the unrounded shares; stars: ${PLAIN_METHOD}. Back on benefit: share of all clients of the arm, same test.`,
    '',
    `For information, not in the report — the adjusted net effect (${r.methods.adjusted}):`,
    '',
    markdownTable([
      { '': 'any exit, adjusted', ...adjustedAll('any') },
      { '': 'exit to a job, adjusted', ...adjustedAll('job') },
    ]),
    '',
    '## Table 5.3: mean fraction of the observation period (%)',
    '',
    markdownTable(
      (['I-dvl', 'B-dvl', 'net effect'] as const).map((name) => {
        const cell = (state: string) => {
          const f = fraction(state);
          if (name === 'net effect') return pp(f.difference);
          return pct(f.groups[name === 'I-dvl' ? c.treatment : c.control]!.mean);
        };
        return { '': name, 'WW benefit': cell('benefit'), job: cell('job'), other: cell('other') };
      }),
    ),
    '',
    `Observation from entry into the experiment (13 weeks after the start of WW) to 31 January 2014; fractions can sum above 1. Test: ${tf.method}.`,
    '',
    '## Table 5.4: job quality (clients with a job after entry)',
    '',
    markdownTable(
      (['treatment', 'control', 'net'] as const).map((which) => ({
        '': which === 'treatment' ? 'I-dvl' : which === 'control' ? 'B-dvl' : 'net effect',
        ...Object.fromEntries(jq.map((o) => [o.label, jqCell(o, which)])),
      })),
    ),
    '',
    `Job holders: ${int(jq[0]!.treatment.n)} I-dvl, ${int(jq[0]!.control.n)} B-dvl. Tests: share with a ${PLAIN_METHOD.split(',')[0]}; means with Welch's t test (Satterthwaite df). p-values: ${jq.map((o) => `${o.label} ${o.difference.pValue.toFixed(2)}`).join('; ')}.`,
    '',
    '## Annex B.1: exit by gender (%)',
    '',
    markdownTable([
      ...byGenderRows(r, 'any', 'any exit from the benefit'),
      ...byGenderRows(r, 'job', 'exit to a job'),
    ]),
    '',
    `Shares and the plain net effect: ${PLAIN_METHOD}. Adjusted net effect: ${r.methods.adjusted}. Each row's stars come from its own test; the report prints one star per cell (docs/reproduction.md says which test gives which published star).`,
    '',
  ];
  return lines.join('\n');
}

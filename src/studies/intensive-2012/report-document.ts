/**
 * The 2012–2013 report as one document in the published layout: the assignment audit, Tables
 * 4.1, 4.3–4.6 and 5.1–5.4 and Annex B.1, each table of the table model with the small print
 * under it. `intensive2012Markdown` (stdout of `reproduce intensive-2012`) and the HTML page are
 * written from it. Cells keep the report's style: shares in percent with one decimal and no
 * "%" sign, the star of each net effect glued to it, counts grouped.
 */
import type { ArmComparison } from '../../analysis/compare-arms.js';
import type { EffectSeries, MonthEffect } from '../../analysis/effect-series.js';
import type { ParticipationTable } from '../../analysis/participation.js';
import { InputError } from '../../errors.js';
import { formatNumber, formatPercent } from '../../format.js';
import type { RandomizationResult } from '../../plan/randomization-inference.js';
import {
  type DisclosureOptions,
  disclosureNote,
  hasSuppressed,
  protectTable,
} from '../../report/disclosure.js';
import type { Estimate } from '../../stats/estimate.js';
import { REPORT_STAR_LEVELS, starLegend } from '../../stats/stars.js';
import {
  type Block,
  type Cell,
  type Column,
  type Document,
  documentMarkdown,
  formatCell,
  type ModelTableBlock,
} from '../../table/index.js';
import { ENTRY_OFFSET_DAYS, INTAKE_END, INTAKE_START, OBSERVATION_END } from './design.js';
import type { Intensive2012Result } from './report.js';
import { countKey, intensive2012Disclosure } from './report-disclosure.js';

/** A share in percent with one decimal, no sign: "31.9" (the report's cells). */
const pct = (share: number) => formatNumber(100 * share, 1);
/** An effect on a share in the report's style: "2.7**". */
const pp = (e: Pick<Estimate, 'estimate' | 'stars'>) => `${pct(e.estimate)}${e.stars}`;
/** A count, grouped: "9,237". */
const count = (n: number) => formatCell(n, 'int');
/** "522 (12 %)": a count and its share of `total` in whole percent. */
const countShare = (n: number, total: number) => `${count(n)} (${formatPercent(n / total, 0)})`;

/** "23 July 2012" from an ISO date. */
function longDate(iso: string): string {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

const text = (id: string, label = id): Column => ({ id, label, format: 'text' });
/** A count column, left-aligned as in the published tables. */
const counts = (id: string, label = id): Column => ({ id, label, format: 'int', align: 'left' });

function table(
  id: string,
  title: string,
  columns: readonly Column[],
  rows: readonly Readonly<Record<string, Cell>>[],
  note?: string,
  starTest?: string,
): ModelTableBlock {
  return {
    kind: 'table',
    table: {
      id,
      title,
      columns,
      rows,
      ...(starTest ? { stars: { levels: REPORT_STAR_LEVELS, test: starTest } } : {}),
    },
    ...(note ? { note } : {}),
  };
}

function monthAt(series: EffectSeries, month: number): MonthEffect {
  const m = series.months.find((x) => x.month === month);
  if (!m) throw new InputError(`month ${month} not in the series`, { code: 'invalid-option' });
  return m;
}

/** Columns "6 months" … of the exit tables, after a first unnamed label column. */
function monthColumns(months: readonly number[]): Column[] {
  return [text('label', ''), ...months.map((m) => text(`m${m}`, `${m} months`))];
}

/** A row of the exit tables: the label and one cell per month. */
function monthRow(
  label: string,
  months: readonly number[],
  cell: (month: number) => string,
): Record<string, Cell> {
  return { label, ...Object.fromEntries(months.map((m) => [`m${m}`, cell(m)])) };
}

function conversationTable(
  id: string,
  title: string,
  t: ParticipationTable,
  labels: readonly { readonly value: string; readonly label: string }[],
): ModelTableBlock {
  const rows: Record<string, Cell>[] = labels.map(({ value, label }) => {
    const r = t.rows.find((x) => x.category === value)!;
    const cell = (n: number, total: number) => (n === 0 ? '–' : countShare(n, total));
    return {
      category: label,
      control: cell(r.control.count, t.n.control),
      treatment: cell(r.treatment.count, t.n.treatment),
      total: countShare(r.control.count + r.treatment.count, t.n.control + t.n.treatment),
    };
  });
  rows.push({
    category: 'total',
    control: count(t.n.control),
    treatment: count(t.n.treatment),
    total: count(t.n.control + t.n.treatment),
  });
  const columns = [
    text('category', t.column),
    text('control', 'B-dvl (basic)'),
    text('treatment', 'I-dvl (intensive)'),
    text('total'),
  ];
  return table(id, title, columns, rows);
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

function balanceTable(r: Intensive2012Result, threshold: number): ModelTableBlock {
  const c = r.config;
  const b = r.balance;
  const empty = { controlN: null, controlShare: '', treatmentN: null, treatmentShare: '' };
  const groups: { total: number; parts: number[] }[] = [];
  const rows: Record<string, Cell>[] = [
    {
      characteristic: 'clients',
      ...empty,
      controlN: r.arms.control.n,
      treatmentN: r.arms.treatment.n,
      test: '',
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
      ...empty,
      test: `χ²(${test.df.join(', ')}) = ${formatNumber(test.statistic, 2)}, p = ${formatNumber(test.pValue, 3)}${test.stars}`,
    });
    groups.push({ total: 0, parts: sorted.map((_, i) => rows.length + i) });
    for (const level of sorted) {
      const s = (arm: string) => level.stats.find((x) => x.arm === arm)!;
      const name = level.level ?? '';
      rows.push({
        characteristic: LEVEL_LABELS[cov]?.[name] ?? (cov === 'office' ? `office ${name}` : name),
        controlN: s(c.control).n,
        controlShare: formatPercent(s(c.control).share!, 0),
        treatmentN: s(c.treatment).n,
        treatmentShare: formatPercent(s(c.treatment).share!, 0),
        test: '',
      });
    }
  }
  const columns = [
    text('characteristic'),
    counts('controlN', 'B-dvl n'),
    text('controlShare', 'B-dvl %'),
    counts('treatmentN', 'I-dvl n'),
    text('treatmentShare', 'I-dvl %'),
    text('test', 'χ² test'),
  ];
  const block = table(
    'table_5_1',
    'Table 5.1: composition of the groups',
    columns,
    rows,
    'Test per characteristic: Pearson χ² test of independence, arm × category (all categories, "unknown" included), stars at 20/10/5 %.',
  );
  // Disclosure control: small counts "< 10"; the levels of a characteristic sum to the clients.
  const protectedTable = protectTable(
    block.table,
    {
      counts: [
        { id: 'controlN', reveals: ['controlShare'] },
        { id: 'treatmentN', reveals: ['treatmentShare'] },
      ],
      rowRelations: groups,
    },
    { threshold },
  );
  return hasSuppressed(protectedTable)
    ? {
        ...block,
        table: protectedTable,
        note: `${block.note ?? ''} ${disclosureNote(threshold)}`.trim(),
      }
    : block;
}

/** Table 5.2's rows of one measure: a heading row, the shares per arm and the net effect. */
function exitRows(
  label: string,
  plain: EffectSeries,
  months: readonly number[],
  back: { readonly treatment: string; readonly control: string; readonly net: string },
): Record<string, Cell>[] {
  const at = (m: number) => monthAt(plain, m);
  return [
    { ...monthRow(`**${label}**`, months, () => ''), back: '' },
    { ...monthRow('I-dvl', months, (m) => pct(at(m).shareTreated)), back: back.treatment },
    { ...monthRow('B-dvl', months, (m) => pct(at(m).shareControl)), back: back.control },
    { ...monthRow('net effect', months, (m) => pp(at(m).raw)), back: back.net },
  ];
}

/** Annex B.1's rows of one measure: per gender the shares, the plain and the adjusted net. */
function byGenderRows(
  r: Intensive2012Result,
  measure: 'any' | 'job',
  label: string,
): Record<string, Cell>[] {
  const c = r.config;
  const s = r.byGender[measure];
  const rows = [monthRow(`**${label}**`, c.months, () => '')];
  for (const level of c.genderLevels) {
    const plain = s.plain.subgroups.find((g) => g.level === level)!.series;
    const adjusted = s.adjusted.subgroups.find((g) => g.level === level)!.series;
    rows.push(
      monthRow(`*${level}*`, c.months, () => ''),
      monthRow('I-dvl', c.months, (m) => pct(monthAt(plain, m).shareTreated)),
      monthRow('B-dvl', c.months, (m) => pct(monthAt(plain, m).shareControl)),
      monthRow('net effect (plain z)', c.months, (m) => pp(monthAt(plain, m).raw)),
      monthRow('net effect (adjusted OLS HC2)', c.months, (m) =>
        pp(monthAt(adjusted, m).adjusted!),
      ),
    );
  }
  return rows;
}

/** Table 5.4's cell: a share or part-time factor in percent, else a mean at its digits. */
function jobQualityCell(o: ArmComparison, which: 'treatment' | 'control' | 'net'): string {
  const value = which === 'net' ? o.difference.estimate : o[which].mean;
  const stars = which === 'net' ? o.difference.stars : '';
  if (o.kind === 'binary' || o.format === 'percent') return `${pct(value)} %${stars}`;
  return `${formatNumber(value, o.digits ?? 2)}${stars}`;
}

/**
 * Randomisation inference of Table 5.2 at its last month: the plain and the adjusted net effect
 * with the asymptotic and the randomisation p-value (Monte Carlo SE), re-drawn as BSN parity
 * assigned.
 */
function randomizationBlocks(r: Intensive2012Result): Block[] {
  const p3 = (x: number) => formatNumber(x, 3);
  const riCell = (s: RandomizationResult['itt']) => `${p3(s.pValue)} (± ${p3(s.monteCarloSe)})`;
  const row = (
    label: string,
    x: { plain: RandomizationResult; adjusted: RandomizationResult },
  ) => ({
    label,
    plain: pct(x.plain.itt.estimate),
    plainP: p3(x.plain.itt.pValueModel),
    plainRi: riCell(x.plain.itt),
    adjusted: pct(x.adjusted.adjusted!.estimate),
    adjustedP: p3(x.adjusted.adjusted!.pValueModel),
    adjustedRi: riCell(x.adjusted.adjusted!),
  });
  const first = r.randomization.any.plain;
  return [
    {
      kind: 'paragraph',
      text: `For information, not in the report — randomisation inference at ${first.month} months:`,
    },
    table(
      'table_5_2_randomization',
      `Table 5.2 at ${first.month} months: randomisation inference`,
      [
        text('label', ''),
        text('plain', 'net effect (plain)'),
        text('plainP', 'asymptotic p'),
        text('plainRi', 'randomisation p (± MC SE)'),
        text('adjusted', 'net effect (adjusted)'),
        text('adjustedP', 'asymptotic p'),
        text('adjustedRi', 'randomisation p (± MC SE)'),
      ],
      [row('any exit', r.randomization.any), row('exit to a job', r.randomization.job)],
      `Fisher's sharp null of no effect for any client: outcomes at ${first.month} months held fixed and the assignment re-drawn as the study assigned it — ${first.design}. ${count(first.draws)} Monte Carlo draws, seed ${JSON.stringify(first.seed)}; p = (1 + #{|t*| ≥ |t|})/(1 + draws), MC SE = √(p(1 − p)/draws). Statistic: the studentised net effect (plain: unpooled SE; adjusted: OLS HC2 on ${r.config.gender}, ${r.config.adjustmentCovariates.join(', ')}, complete cases). Asymptotic p: the z test (plain) and the t test on n − k df (adjusted) behind the stars above.`,
    ),
  ];
}

/**
 * A bound on Table 5.4's scale with one more decimal than its cells (the bounds are narrow):
 * percent for shares and part-time factors, else the outcome's digits + 1.
 */
function qualityValue(o: ArmComparison, value: number): string {
  if (o.kind === 'binary' || o.format === 'percent') return formatNumber(100 * value, 2);
  return formatNumber(value, (o.digits ?? 2) + 1);
}

/** "[lo, hi]" on Table 5.4's scale. */
function qualityInterval(o: ArmComparison, ci: readonly [number, number]): string {
  return `[${qualityValue(o, ci[0])}, ${qualityValue(o, ci[1])}]`;
}

/**
 * Table 5.4 under selection: the naive difference of the job holders next to Lee's (2009)
 * trimming bounds, each bound's interval and the Imbens–Manski interval for the effect.
 */
function leeBoundsBlocks(r: Intensive2012Result): Block[] {
  const jq = r.jobQuality.outcomes;
  const b0 = r.jobQualityBounds[0];
  if (!b0) return [];
  const level = formatPercent(b0.level, 0);
  const rows = jq.map((o, i) => {
    const b = r.jobQualityBounds[i]!;
    return {
      label: o.label,
      naive: `${qualityValue(o, b.naive.estimate)}${b.naive.stars}`,
      naiveCi: qualityInterval(o, b.naive.ci),
      lower: qualityValue(o, b.lower.estimate),
      lowerSe: qualityValue(o, b.lower.stdError),
      upper: qualityValue(o, b.upper.estimate),
      upperSe: qualityValue(o, b.upper.stdError),
      bounds: `${qualityInterval(o, b.lower.ci)} / ${qualityInterval(o, b.upper.ci)}`,
      im: qualityInterval(o, b.imbensManski.ci),
    };
  });
  const trimmed = b0.trimmedArm === 'treatment' ? 'I-dvl' : 'B-dvl';
  return [
    {
      kind: 'heading',
      level: 2,
      text: 'Table 5.4 under selection: Lee bounds (not in the report)',
    },
    table(
      'table_5_4_lee_bounds',
      'Table 5.4 under selection: Lee (2009) bounds on the effect of I-dvl',
      [
        text('label', ''),
        text('naive', 'naive net effect (job holders)'),
        text('naiveCi', `naive ${level} CI`),
        text('lower', 'Lee lower bound'),
        text('lowerSe', 'SE'),
        text('upper', 'Lee upper bound'),
        text('upperSe', 'SE'),
        text('bounds', `${level} CI of the lower / upper bound`),
        text('im', `Imbens–Manski ${level} CI`),
      ],
      rows,
      `Job quality exists only for clients who found a job: ${formatPercent(b0.selection.treatment, 1)} of I-dvl (${count(b0.selected.treatment)} of ${count(b0.assigned.treatment)}) against ${formatPercent(b0.selection.control, 1)} of B-dvl (${count(b0.selected.control)} of ${count(b0.assigned.control)}). If the service changes who finds a job, the naive comparison of job holders compares different people. Under monotonicity (the service never keeps a client from finding a job), the effect on the clients who would find a job in either arm lies between the bounds: the ${trimmed} job holders are trimmed by ${formatPercent(b0.trimShare, 1)} (the excess share), from the top for the lower bound and from the bottom for the upper. Shares and part-time factor in percentage points; one decimal more than Table 5.4. SEs: Lee (2009), Proposition 3; bound intervals: bound ± z·SE; the Imbens–Manski (2004) interval covers the effect with probability ${level} (C = ${formatNumber(b0.imbensManski.criticalValue, 3)}). Naive: the Table 5.4 comparison of job holders (${b0.naive.method.split(',')[0]} for the share, Welch for means).`,
      'two-sided; the naive net effect only: difference in proportions of the job holders (z test, unpooled SE) or Welch t test of means',
    ),
  ];
}

/**
 * The 2012–2013 report as a document in the published layout (see the module comment). Table
 * 5.1's counts go through disclosure control (`protectTable`: below `threshold`, default 10,
 * "< 10"; the levels of a characteristic sum to the clients, so one more is "x").
 *
 * @example
 * const doc = intensive2012Document(intensive2012(table));
 * documentMarkdown(doc); // the same text as intensive2012Markdown(result)
 */
export function intensive2012Document(
  r: Intensive2012Result,
  disclosure: DisclosureOptions = {},
): Document {
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
  const m4 = [
    { value: 'none', label: 'no conversation' },
    { value: 'individual', label: 'individual conversation' },
    { value: 'group', label: 'group conversation' },
    { value: 'unclear', label: 'form unclear' },
  ];
  const dc = intensive2012Disclosure(r, disclosure);
  const n = dc.count;
  const values = (l: typeof held) => l.map((x) => x.value);
  const tf = r.timeFractions;
  const jq = r.jobQuality.outcomes;
  const arms = r.arms;
  const total = arms.control.n + arms.treatment.n;
  const meanObservation =
    (arms.control.n * arms.control.meanObservation +
      arms.treatment.n * arms.treatment.meanObservation) /
    total;
  const atLast = monthAt(r.exit.any.plain, last);
  const plainTest = r.methods.plain;

  const document: Document = [
    { kind: 'heading', level: 1, text: 'Intensive versus basic services, 2012–2013: reproduction' },
    {
      kind: 'paragraph',
      text: `I-dvl = intensive services (odd last BSN digit), B-dvl = basic services (even). ${starLegend(REPORT_STAR_LEVELS, 'two-sided; each table says which test')}. BSNs are read for the parity check only and appear nowhere in this report.`,
    },
    { kind: 'heading', level: 2, text: 'Assignment audit' },
    {
      kind: 'list',
      items: [
        `BSN eleven test: ${n('bsn-pass', r.bsn.checked - r.bsn.invalid)} of ${n('bsn-checked', r.bsn.checked)} ids pass.`,
        `Rule: ${a.description}. Assignment errors (recorded arm ≠ parity arm): **${n('mismatches', conf.mismatches)} of ${count(conf.checked)}${n('mismatches', conf.mismatches) === count(conf.mismatches) ? ` (${formatPercent(conf.rate, 1)})` : ''}** — ${n(`mismatches-${c.control}`, byArm(c.control))} recorded ${c.control}, ${n(`mismatches-${c.treatment}`, byArm(c.treatment))} recorded ${c.treatment}.`,
        `Sample ratio against 50/50: ${srm.arms.map((x) => `${x.arm} ${n(x.arm === c.treatment ? 'arm-treatment' : 'arm-control', x.observed)}${n(x.arm === c.treatment ? 'arm-treatment' : 'arm-control', x.observed) === count(x.observed) ? ` (${formatPercent(x.share, 2)})` : ''}`).join(', ')}; χ²(${srm.df}) = ${formatNumber(srm.statistic, 3)}, p = ${formatNumber(srm.pValue, 3)}${srm.stars ? ` ${srm.stars}` : ' (no sign of a broken ratio)'}.`,
      ],
    },
    {
      kind: 'heading',
      level: 2,
      text: `Table 4.1: clients in the experiment (${longDate(INTAKE_START)} – ${longDate(INTAKE_END)})`,
    },
    table(
      'table_4_1',
      'Table 4.1: clients in the experiment',
      [
        text('group'),
        { id: 'clients', label: 'clients', format: 'int' },
        text('observation', 'mean observation (months)'),
      ],
      [
        {
          group: 'B-dvl (basic)',
          clients: arms.control.n,
          observation: formatNumber(arms.control.meanObservation, 1),
        },
        {
          group: 'I-dvl (intensive)',
          clients: arms.treatment.n,
          observation: formatNumber(arms.treatment.meanObservation, 1),
        },
        { group: 'total', clients: total, observation: formatNumber(meanObservation, 1) },
      ],
      `Observation counts from entry into the experiment to ${longDate(OBSERVATION_END)}.`,
    ),
    { kind: 'heading', level: 2, text: 'Table 4.3: 4th-month conversation (clients still on WW)' },
    conversationTable('table_4_3', 'Table 4.3: 4th-month conversation', r.conversations.m4, m4),
    { kind: 'heading', level: 2, text: 'Table 4.4: 7th-month conversation (clients still on WW)' },
    conversationTable('table_4_4', 'Table 4.4: 7th-month conversation', r.conversations.m7, held),
    { kind: 'heading', level: 2, text: 'Table 4.5: 10th-month conversation (clients still on WW)' },
    conversationTable('table_4_5', 'Table 4.5: 10th-month conversation', r.conversations.m10, held),
    { kind: 'heading', level: 2, text: 'Table 4.6: 12th-month conversation (clients still on WW)' },
    conversationTable('table_4_6', 'Table 4.6: 12th-month conversation', r.conversations.m12, held),
    { kind: 'heading', level: 2, text: 'Table 5.1: composition of the groups' },
    balanceTable(r, disclosure.threshold ?? 10),
    {
      kind: 'heading',
      level: 2,
      text: 'Table 5.2: exit within x months after the start of the benefit (%)',
    },
    table(
      'table_5_2',
      'Table 5.2: exit within x months after the start of the benefit (%)',
      [...monthColumns(months), text('back', 'back on benefit')],
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
      `Method: complete follow-up, as the report's footnote to Table 5.2 states — the share at x months is among the clients observed at least x months since the start of the benefit (no Kaplan–Meier or Aalen–Johansen correction for clients observed shorter); at ${last} months ${n(countKey('any', 'n', 'treatment', last), atLast.nTreated)} I-dvl and ${n(countKey('any', 'n', 'control', last), atLast.nControl)} B-dvl clients are followed that long. Net effect = I − B from the unrounded shares; stars: ${plainTest}. Back on benefit: share of all clients of the arm, same test.`,
      `two-sided, pointwise (each month on its own): ${plainTest}`,
    ),
    {
      kind: 'paragraph',
      text: `For information, not in the report — the adjusted net effect (${r.methods.adjusted}):`,
    },
    table(
      'table_5_2_adjusted',
      'Table 5.2, adjusted net effect',
      monthColumns(months),
      [
        monthRow('any exit, adjusted', months, (m) =>
          pp(monthAt(r.exit.any.adjusted, m).adjusted!),
        ),
        monthRow('exit to a job, adjusted', months, (m) =>
          pp(monthAt(r.exit.job.adjusted, m).adjusted!),
        ),
      ],
      undefined,
      `two-sided, pointwise: ${r.methods.adjusted}`,
    ),
    ...randomizationBlocks(r),
    { kind: 'heading', level: 2, text: 'Table 5.3: mean fraction of the observation period (%)' },
    table(
      'table_5_3',
      'Table 5.3: mean fraction of the observation period (%)',
      [text('label', ''), text('benefit', 'WW benefit'), text('job'), text('other')],
      (['I-dvl', 'B-dvl', 'net effect'] as const).map((name) => {
        const cell = (state: string) => {
          const f = tf.rows.find((x) => x.state === state)!;
          if (name === 'net effect') return pp(f.difference);
          return pct(f.groups[name === 'I-dvl' ? c.treatment : c.control]!.mean);
        };
        return { label: name, benefit: cell('benefit'), job: cell('job'), other: cell('other') };
      }),
      `Observation from entry into the experiment (${ENTRY_OFFSET_DAYS / 7} weeks after the start of WW) to ${longDate(OBSERVATION_END)}; fractions can sum above 1. Test: ${tf.method}.`,
      `two-sided: ${tf.method}`,
    ),
    { kind: 'heading', level: 2, text: 'Table 5.4: job quality (clients with a job after entry)' },
    table(
      'table_5_4',
      'Table 5.4: job quality (clients with a job after entry)',
      [text('label', ''), ...jq.map((o, i) => text(`o${i}`, o.label))],
      (['treatment', 'control', 'net'] as const).map((which) => ({
        label: which === 'treatment' ? 'I-dvl' : which === 'control' ? 'B-dvl' : 'net effect',
        ...Object.fromEntries(jq.map((o, i) => [`o${i}`, jobQualityCell(o, which)])),
      })),
      `Job holders: ${n(countKey('jq', 0, 'n', 'treatment'), jq[0]!.treatment.n)} I-dvl, ${n(countKey('jq', 0, 'n', 'control'), jq[0]!.control.n)} B-dvl. Tests: share with a ${plainTest.split(',')[0]}; means with Welch's t test (Satterthwaite df). p-values: ${jq.map((o) => `${o.label} ${formatNumber(o.difference.pValue, 2)}`).join('; ')}.`,
      `two-sided; share: ${plainTest.split(',')[0]}; means: Welch's t test`,
    ),
    ...leeBoundsBlocks(r),
    { kind: 'heading', level: 2, text: 'Annex B.1: exit by gender (%)' },
    table(
      'annex_b_1',
      'Annex B.1: exit by gender (%)',
      monthColumns(months),
      [
        ...byGenderRows(r, 'any', 'any exit from the benefit'),
        ...byGenderRows(r, 'job', 'exit to a job'),
      ],
      `Shares and the plain net effect: ${plainTest}. Adjusted net effect: ${r.methods.adjusted}. Each row's stars come from its own test; the report prints one star per cell (docs/reproduction.md says which test gives which published star).`,
      `two-sided, pointwise; plain rows: ${plainTest}; adjusted rows: ${r.methods.adjusted}`,
    ),
  ];
  return dc.protect(document, {
    table_4_3: values(m4),
    table_4_4: values(held),
    table_4_5: values(held),
    table_4_6: values(held),
  });
}

/** The result as a Markdown report in the published layout (stdout of `reproduce intensive-2012`). */
export function intensive2012Markdown(
  r: Intensive2012Result,
  disclosure: DisclosureOptions = {},
): string {
  return documentMarkdown(intensive2012Document(r, disclosure));
}

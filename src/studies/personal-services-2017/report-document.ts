/**
 * The personal-services report (2017–2018) as one document: the sample-ratio check, the
 * effects at the headline month, enforcement by month, the cumulative curves per arm, the mean
 * months on WW and a summary. `personalServicesMarkdown` (stdout of `reproduce
 * personal-services-2017`) and the HTML page are written from it.
 */
import type { SignificantMonths } from '../../analysis/significance.js';
import {
  formatEstimate,
  formatNumber,
  formatPercent,
  formatPp,
  formatPValue,
} from '../../format.js';
import type { RandomizationResult } from '../../plan/randomization-inference.js';
import { protectSampleRatio } from '../../report/assignment-disclosure.js';
import type { DisclosureOptions } from '../../report/disclosure.js';
import type { Estimate } from '../../stats/estimate.js';
import { restar } from '../../stats/stars.js';
import type { SuppressionMark } from '../../table/index.js';
import {
  type Cell,
  type Column,
  type Document,
  documentMarkdown,
  formatCell,
  type ModelTableBlock,
  type TableStars,
} from '../../table/index.js';
import { type PersonalServicesResult, reliance } from './report.js';
import { personalServicesDisclosure } from './report-disclosure.js';

const text = (id: string, label = id): Column => ({ id, label, format: 'text' });
/** A p-value column ("0.004", "< 0.001"), left-aligned as in the published tables. */
const pColumn = (id: string, label = id): Column => ({ id, label, format: 'p', align: 'left' });
/** A share column ("53.5 %"), left-aligned as in the published tables. */
const percentColumn = (id: string, label = id): Column => ({
  id,
  label,
  format: 'percent',
  align: 'left',
});
const monthColumn: Column = { id: 'month', label: 'month', format: 'int' };

function table(
  id: string,
  title: string,
  columns: readonly Column[],
  rows: readonly Readonly<Record<string, Cell>>[],
  stars?: TableStars,
  disclosure?: {
    marks: readonly Record<string, SuppressionMark>[];
    threshold: number;
    note: string;
  },
): ModelTableBlock {
  const block: ModelTableBlock = {
    kind: 'table',
    table: { id, title, columns, rows, ...(stars ? { stars } : {}) },
  };
  if (!disclosure?.marks.some((m) => Object.keys(m).length > 0)) return block;
  const { marks, threshold, note } = disclosure;
  return { ...block, table: { ...block.table, suppressed: marks, threshold }, note };
}

/** A pointwise reading: "pointwise in months 3, 4 (p < 0.05)". */
function monthsText(s: SignificantMonths, last: number): string {
  if (s.months.length === 0) return `pointwise in no month 1–${last} (p ≥ ${s.level})`;
  return `pointwise in months ${s.months.join(', ')} (p < ${s.level})`;
}

/**
 * The same reading with Holm's adjustment over months 1…last: the months whose adjusted p stays
 * below the level, and the smallest adjusted p.
 */
function holmText(holm: readonly number[], level: number, last: number): string {
  const months = holm.flatMap((q, i) => (q < level ? [i + 1] : []));
  const smallest = Math.min(...holm);
  const where =
    months.length === 0
      ? `in no month (smallest adjusted p ${formatPValue(smallest)})`
      : `in months ${months.join(', ')}`;
  return `Holm-adjusted over the ${last} months ${where}`;
}

/** "0.013 (Monte Carlo SE 0.003)". */
function riText(ri: RandomizationResult): string {
  return `randomisation p ${formatPValue(ri.itt.pValue)} (Monte Carlo SE ${formatNumber(ri.itt.monteCarloSe, 3)}, ${formatCell(ri.draws, 'int')} draws)`;
}

const p = (e: Estimate) => formatPValue(e.pValue);

/**
 * The personal-services report as a document (see the module comment), under disclosure control
 * (`personalServicesDisclosure`: counts below `threshold`, default 10, and the shares and
 * differences resting on them suppressed; `threshold: 0` turns it off).
 *
 * @example
 * const doc = personalServicesDocument(personalServices2017(table), { threshold: 10 });
 * documentMarkdown(doc); // the same text as personalServicesMarkdown(result)
 */
export function personalServicesDocument(
  r: PersonalServicesResult,
  disclosure: DisclosureOptions = {},
): Document {
  const c = r.config;
  const dc = personalServicesDisclosure(r, disclosure);
  const withMarks = (marks: Record<string, SuppressionMark>[]) => ({
    marks,
    threshold: dc.threshold,
    note: dc.note,
  });
  const headlineMarks = comparisonsOf(r).flatMap((x) =>
    (['job', 'onww'] as const).map((o) => dc.headline(x, o)),
  );
  const list = comparisonsOf(r);
  const headline = list.flatMap((x, k) =>
    (['jobFinding', 'wwReliance'] as const).map((o, j) => {
      const v = x.atMonth[o];
      const i = 2 * k + j;
      return {
        comparison: x.label,
        outcome:
          o === 'jobFinding'
            ? `job-finding by month ${c.month}`
            : `WW reliance at month ${c.month}`,
        treatment: `${formatPercent(v.shareTreatment)} (n = ${v.nTreatment})`,
        control: `${formatPercent(v.shareControl)} (n = ${v.nControl})`,
        raw: formatEstimate(v.raw),
        rawP: v.raw.pValue,
        rawHolm: r.headlineHolm.raw[i]!,
        adjusted: formatEstimate(v.adjusted),
        adjustedP: v.adjusted.pValue,
        adjustedHolm: r.headlineHolm.adjusted[i]!,
      };
    }),
  );
  const e = r.comparisons.enforcement;
  const byMonth = e.jobFinding.months
    .filter((m) => m.month <= c.month)
    .map((m, i) => {
      const rel = restar(reliance(e.wwExit.months[i]!.raw), c.stars);
      return {
        month: m.month,
        job: formatEstimate(restar(m.raw, c.stars)),
        jobP: m.raw.pValue,
        jobHolm: e.holm.jobFinding[i]!,
        reliance: formatEstimate(rel),
        relianceP: rel.pValue,
        relianceHolm: e.holm.wwReliance[i]!,
      };
    });
  const curveMonths = [3, 6, 9, 12, 18, 24, 30].filter((m) => m <= c.months);
  const arms = [c.service, c.controlEnforcement, c.controlNone];
  const curves = curveMonths.map((m) => {
    const row: Record<string, Cell> = { month: m };
    for (const a of arms) row[`${a} job`] = r.outflow.get(a, 'job', m)?.share ?? NaN;
    for (const a of arms) row[`${a} on WW`] = 1 - (r.outflow.get(a, 'ww_exit', m)?.share ?? NaN);
    return row;
  });
  const wwMonths = list.map((x) => {
    const o = x.wwMonths.outcomes[0]!;
    return {
      comparison: x.label,
      treatment: formatNumber(o.treatment.mean, 2),
      control: formatNumber(o.control.mean, 2),
      difference: `${formatNumber(o.difference.estimate, 2)}${restar(o.difference, c.stars).stars}`,
      p: o.difference.pValue,
    };
  });
  const s = r.comparisons.service;
  const relianceDrop = s.atMonth.wwReliance.raw;
  const hidden = 'an amount not published (disclosure control)';
  const jobText = dc.rawHidden(s, 'job', c.month)
    ? hidden
    : `${formatEstimate(s.atMonth.jobFinding.raw)} (pointwise p ${p(s.atMonth.jobFinding.raw)}; Holm-adjusted over the six headline tests ${formatPValue(r.headlineHolm.raw[0]!)}; ${riText(r.randomization.jobFinding)})`;
  const dropText = dc.rawHidden(s, 'onww', c.month)
    ? hidden
    : `${formatEstimate(relianceDrop)} (pointwise p ${p(relianceDrop)}; Holm-adjusted ${formatPValue(r.headlineHolm.raw[1]!)}; ${riText(r.randomization.wwReliance)})`;
  const enforcementText = dc.rawHidden(e, 'onww', c.month)
    ? hidden
    : `${formatEstimate(e.atMonth.wwReliance.raw)} (pointwise p ${p(e.atMonth.wwReliance.raw)}, Holm-adjusted ${formatPValue(e.holm.wwReliance[c.month - 1]!)})`;
  return [
    {
      kind: 'heading',
      level: 1,
      text: 'Personal services in WW, 2017–2018: effects within 12 months of inflow',
    },
    { kind: 'heading', level: 2, text: 'Assignment' },
    ...protectSampleRatio(r.assignment.toDocument(), r.assignment, disclosure),
    { kind: 'heading', level: 2, text: `Effects at month ${c.month}` },
    table(
      'effects',
      `Effects at month ${c.month}`,
      [
        text('comparison'),
        text('outcome'),
        text('treatment'),
        text('control'),
        text('raw'),
        pColumn('rawP', 'raw p'),
        pColumn('rawHolm', 'raw p, Holm'),
        text('adjusted'),
        pColumn('adjustedP', 'adjusted p'),
        pColumn('adjustedHolm', 'adjusted p, Holm'),
      ],
      headline,
      {
        levels: c.stars,
        test: 'two-sided, pointwise; raw: z test of the difference in shares, unpooled SE; adjusted: t test of the OLS coefficient, HC2, n − k df',
      },
      withMarks(headlineMarks.map(withHolm)),
    ),
    {
      kind: 'paragraph',
      text: `Raw and adjusted p: pointwise (each test on its own). "Holm": Holm's adjustment over the six tests of this table (three comparisons × two outcomes), raw and adjusted each as one family.`,
    },
    {
      kind: 'heading',
      level: 2,
      text: `Randomisation inference at month ${c.month} (${s.label})`,
    },
    table(
      'randomization',
      `Randomisation inference at month ${c.month}`,
      [
        text('outcome'),
        text('raw'),
        pColumn('model', 'asymptotic p'),
        pColumn('ri', 'randomisation p'),
        { id: 'mcse', label: 'Monte Carlo SE', format: 'number', align: 'left' },
        { id: 'draws', label: 'draws', format: 'int', align: 'left' },
      ],
      (
        [
          [`job-finding by month ${c.month}`, r.randomization.jobFinding, false],
          [`WW reliance at month ${c.month}`, r.randomization.wwReliance, true],
        ] as const
      ).map(([outcome, ri, flip]) => ({
        outcome,
        raw: formatPp((flip ? -1 : 1) * ri.itt.estimate),
        model: ri.itt.pValueModel,
        ri: ri.itt.pValue,
        mcse: Number(ri.itt.monteCarloSe.toFixed(4)),
        draws: ri.draws,
      })),
    ),
    {
      kind: 'paragraph',
      text: `Fisher's sharp null of no effect for any client: the month-${c.month} outcomes held fixed and the assignment re-drawn — ${r.randomization.jobFinding.design}; the study's 80/10/10 draws were independent per client, so re-dealing the realised sizes of the two arms is the test conditional on them. Seed ${JSON.stringify(r.randomization.jobFinding.seed)}; p = (1 + #{|t*| ≥ |t|})/(1 + draws), Monte Carlo SE √(p(1 − p)/draws). Statistic: the studentised raw difference (unpooled SE); the adjusted statistic is not re-drawn here (one regression on ${formatCell(r.randomization.jobFinding.n, 'int')} clients per draw).`,
    },
    {
      kind: 'heading',
      level: 2,
      text: 'Enforcement only, by month (control with vs without enforcement, raw)',
    },
    table(
      'enforcement_by_month',
      'Enforcement only, by month',
      [
        monthColumn,
        text('job', 'job-finding'),
        pColumn('jobP', 'job p'),
        pColumn('jobHolm', 'job p, Holm'),
        text('reliance', 'WW reliance'),
        pColumn('relianceP', 'reliance p'),
        pColumn('relianceHolm', 'reliance p, Holm'),
      ],
      byMonth,
      {
        levels: c.stars,
        test: 'two-sided, pointwise (each month on its own): z test of the raw difference in shares, unpooled SE',
      },
      withMarks(byMonth.map((row) => withHolm(dc.enforcementMonth(e, row.month)))),
    ),
    {
      kind: 'paragraph',
      text: `p: pointwise (each month on its own, the raw difference's z test). "Holm": Holm's adjustment over months 1–${c.month}, one family per outcome — the ${c.month} months are ${c.month} correlated looks at the same clients.`,
    },
    { kind: 'heading', level: 2, text: 'Cumulative job-finding and share still on WW, by arm' },
    table(
      'curves',
      'Cumulative job-finding and share still on WW, by arm',
      [
        monthColumn,
        ...arms.map((a) => percentColumn(`${a} job`)),
        ...arms.map((a) => percentColumn(`${a} on WW`)),
      ],
      curves,
      undefined,
      withMarks(curveMonths.map((m) => dc.curves(arms, m))),
    ),
    { kind: 'heading', level: 2, text: 'Months with WW benefit in months 1–12 (mean)' },
    table(
      'ww_months',
      'Months with WW benefit in months 1–12 (mean)',
      [text('comparison'), text('treatment'), text('control'), text('difference'), pColumn('p')],
      wwMonths,
    ),
    {
      kind: 'paragraph',
      text: `p: pointwise, Welch t test of the difference in means. ${r.stars}`,
    },
    { kind: 'heading', level: 2, text: 'Summary' },
    {
      kind: 'list',
      items: [
        `Personal service changes job-finding within ${c.month} months by ${jobText} and WW reliance by ${dropText}.`,
        `Enforcement alone: job-finding significant ${monthsText(e.significant.jobFinding, c.month)}, ${holmText(e.holm.jobFinding, c.level, c.month)}; WW reliance significant ${monthsText(e.significant.wwReliance, c.month)}, ${holmText(e.holm.wwReliance, c.level, c.month)}; at month ${c.month} ${enforcementText}. No simultaneous band is computed for these raw monthly effects; the Holm reading is the multiplicity-adjusted one.`,
      ],
    },
    { kind: 'paragraph', text: `Method: ${r.method}.` },
  ];
}

/** The result as a Markdown report (stdout of `reproduce personal-services-2017`), threshold 10. */
export function personalServicesMarkdown(
  r: PersonalServicesResult,
  disclosure: DisclosureOptions = {},
): string {
  return documentMarkdown(personalServicesDocument(r, disclosure));
}

/** The three comparisons in report order. */
/** The marks of a row with its Holm-adjusted p-values hidden wherever the pointwise one is. */
function withHolm(marks: Record<string, SuppressionMark>): Record<string, SuppressionMark> {
  const out = { ...marks };
  for (const [p, holm] of [
    ['rawP', 'rawHolm'],
    ['adjustedP', 'adjustedHolm'],
    ['jobP', 'jobHolm'],
    ['relianceP', 'relianceHolm'],
  ] as const) {
    if (marks[p] !== undefined) out[holm] = marks[p];
  }
  return out;
}

function comparisonsOf(r: PersonalServicesResult) {
  return [r.comparisons.service, r.comparisons.servicePooled, r.comparisons.enforcement];
}

/**
 * The personal-services report (2017–2018) as one document: the sample-ratio check, the
 * effects at the headline month, enforcement by month, the cumulative curves per arm, the mean
 * months on WW and a summary. `personalServicesMarkdown` (stdout of `reproduce
 * personal-services-2017`) and the HTML page are written from it.
 */
import type { SignificantMonths } from '../../analysis/significance.js';
import { formatEstimate, formatNumber, formatPercent, formatPValue } from '../../format.js';
import { protectSampleRatio } from '../../report/assignment-disclosure.js';
import type { DisclosureOptions } from '../../report/disclosure.js';
import type { Estimate } from '../../stats/estimate.js';
import type { SuppressionMark } from '../../table/index.js';
import {
  type Cell,
  type Column,
  type Document,
  documentMarkdown,
  type ModelTableBlock,
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
  disclosure?: {
    marks: readonly Record<string, SuppressionMark>[];
    threshold: number;
    note: string;
  },
): ModelTableBlock {
  const block: ModelTableBlock = { kind: 'table', table: { id, title, columns, rows } };
  if (!disclosure?.marks.some((m) => Object.keys(m).length > 0)) return block;
  const { marks, threshold, note } = disclosure;
  return { ...block, table: { ...block.table, suppressed: marks, threshold }, note };
}

function monthsText(s: SignificantMonths): string {
  if (s.months.length === 0) return `in no month 1–12 (p ≥ ${s.level})`;
  return `in months ${s.months.join(', ')} (p < ${s.level})`;
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
  const headline = list.flatMap((x) =>
    (['jobFinding', 'wwReliance'] as const).map((o) => {
      const v = x.atMonth[o];
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
        adjusted: formatEstimate(v.adjusted),
        adjustedP: v.adjusted.pValue,
      };
    }),
  );
  const e = r.comparisons.enforcement;
  const byMonth = e.jobFinding.months
    .filter((m) => m.month <= c.month)
    .map((m, i) => {
      const rel = reliance(e.wwExit.months[i]!.raw);
      return {
        month: m.month,
        job: formatEstimate(m.raw),
        jobP: m.raw.pValue,
        reliance: formatEstimate(rel),
        relianceP: rel.pValue,
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
      difference: `${formatNumber(o.difference.estimate, 2)}${o.difference.stars}`,
      p: o.difference.pValue,
    };
  });
  const s = r.comparisons.service;
  const relianceDrop = s.atMonth.wwReliance.raw;
  const hidden = 'an amount not published (disclosure control)';
  const jobText = dc.rawHidden(s, 'job', c.month)
    ? hidden
    : `${formatEstimate(s.atMonth.jobFinding.raw)} (p ${p(s.atMonth.jobFinding.raw)})`;
  const dropText = dc.rawHidden(s, 'onww', c.month)
    ? hidden
    : `${formatEstimate({ ...relianceDrop, estimate: Math.abs(relianceDrop.estimate) })} (p ${p(relianceDrop)})`;
  const enforcementText = dc.rawHidden(e, 'onww', c.month)
    ? hidden
    : `${formatEstimate(e.atMonth.wwReliance.raw)} (p ${p(e.atMonth.wwReliance.raw)})`;
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
        text('adjusted'),
        pColumn('adjustedP', 'adjusted p'),
      ],
      headline,
      withMarks(headlineMarks),
    ),
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
        text('reliance', 'WW reliance'),
        pColumn('relianceP', 'reliance p'),
      ],
      byMonth,
      withMarks(byMonth.map((row) => dc.enforcementMonth(e, row.month))),
    ),
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
      withMarks(curveMonths.map((m) => dc.curves(arms, m))),
    ),
    { kind: 'heading', level: 2, text: 'Months with WW benefit in months 1–12 (mean)' },
    table(
      'ww_months',
      'Months with WW benefit in months 1–12 (mean)',
      [text('comparison'), text('treatment'), text('control'), text('difference'), pColumn('p')],
      wwMonths,
    ),
    { kind: 'heading', level: 2, text: 'Summary' },
    {
      kind: 'list',
      items: [
        `Personal service raises job-finding within ${c.month} months by ${jobText} and lowers WW reliance by ${dropText}.`,
        `Enforcement alone: job-finding significant ${monthsText(e.significant.jobFinding)}; WW reliance significant ${monthsText(e.significant.wwReliance)}; at month ${c.month} ${enforcementText}.`,
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
function comparisonsOf(r: PersonalServicesResult) {
  return [r.comparisons.service, r.comparisons.servicePooled, r.comparisons.enforcement];
}

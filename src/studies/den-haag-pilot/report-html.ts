/**
 * The Den Haag pilot report as one self-contained HTML file: Figure 2a (cumulative
 * flow-through into bijstand by arm with the national line), Figure 2b (the adjusted effect
 * per month with its confidence band and significance), participation by arm (Table 2) as a
 * chart and a table, the monthly figures as a table, the summary and the policy figures, and the
 * methods. Published tables go through disclosure control (counts below 10 shown as "< 10").
 */
import { formatPEquals, formatPercent, formatPp, formatPValue } from '../../format.js';
import { effectChart, outflowChart } from '../../report/charts/outcomes.js';
import { renderSvg } from '../../report/charts/render.js';
import { participationChart } from '../../report/charts/tables.js';
import { disclosureNote, protectParticipation, suppressedText } from '../../report/disclosure.js';
import { type HtmlSection, htmlReport } from '../../report/html.js';
import type { Block } from '../../table/index.js';
import type { PilotResult } from './report.js';
import {
  decileSentence,
  multiplicityText,
  policyBlocks,
  randomizationText,
  significanceText,
} from './report.js';
import { sensitivityBlocks } from './sensitivity.js';

/** Options of {@link pilotHtml}. */
export interface PilotHtmlOptions {
  /**
   * Source note under every chart and in the footer. Default: the synthetic reconstruction in
   * `data/den-haag-pilot.csv`; say where your extract comes from when you run it on real data.
   */
  readonly source?: string;
  /** Disclosure threshold: counts below it are suppressed (default 10; 0 turns it off). */
  readonly threshold?: number;
  /** Report title (default: the pilot's name). */
  readonly title?: string;
}

/** The default source note: the shipped data are synthetic. */
export const PILOT_SYNTHETIC_SOURCE =
  'Source: synthetic reconstruction of the Den Haag pilot (data/den-haag-pilot.csv), calibrated to the published margins; not real people.';

/**
 * The pilot result as a self-contained HTML report (no scripts, no external requests, charts as
 * inline SVG, print-friendly). `effectmeting reproduce den-haag --out <dir>` writes it as
 * `<dir>/den-haag-pilot.html`.
 *
 * @example
 * const result = denHaagPilot(await loadTable('data/den-haag-pilot.csv'));
 * writeFileSync('out/den-haag-pilot.html', await pilotHtml(result));
 */
export async function pilotHtml(r: PilotResult, options: PilotHtmlOptions = {}): Promise<string> {
  const source = options.source ?? PILOT_SYNTHETIC_SOURCE;
  const threshold = options.threshold ?? 10;
  const c = r.config;
  const f = r.final;
  const lastAdjusted = r.effects.months.at(-1)?.adjusted;

  const [figure2a, figure2b, participation] = await Promise.all([
    renderSvg(
      outflowChart(r.outflow, {
        title: `Figure 2a. Cumulative flow-through into bijstand, decile ${c.decile}`,
        source,
        yTitle: 'Cumulative share in bijstand (%)',
        threshold,
      }),
      { idPrefix: 'fig2a' },
    ),
    renderSvg(
      effectChart(r.effects, {
        title: `Figure 2b. Effect on the flow-through into bijstand per month, decile ${c.decile}`,
        source,
        threshold,
      }),
      { idPrefix: 'fig2b' },
    ),
    renderSvg(
      participationChart(r.participation, {
        title: `Participation by arm, decile ${c.decile} (Table 2)`,
        source,
        threshold,
      }),
      { idPrefix: 'table2' },
    ),
  ]);

  const summary: string[] = [
    `Month ${f.month}: ${c.treatment} ${formatPercent(f.shareTreatment)}, ${c.control} ${formatPercent(f.shareControl)} flowed through into bijstand; raw difference ${formatPp(f.raw)}.`,
  ];
  if (lastAdjusted) {
    summary.push(
      `Adjusted effect at month ${f.month}: ${formatPp(lastAdjusted.estimate)}${lastAdjusted.stars} (95 % CI ${formatPp(lastAdjusted.ci[0])} to ${formatPp(lastAdjusted.ci[1])}, ${formatPEquals(lastAdjusted.pValue)}).`,
    );
  }
  summary.push(
    `The adjusted effect is ${significanceText(r.significance.at10)}, and ${significanceText(r.significance.at05)} (pointwise).`,
    multiplicityText(r.effects),
    randomizationText(r.randomization),
  );

  const sections: HtmlSection[] = [
    { title: 'Summary', blocks: [{ kind: 'list', items: summary }] },
    {
      title: 'Figure 2a: flow-through into bijstand',
      blocks: [
        {
          kind: 'figure',
          svg: figure2a,
          caption: `${sentence(r.outflow.description)}. ${benchmarkNote(r)}`,
        },
      ],
    },
    {
      title: 'Figure 2b: effect per month',
      blocks: [
        {
          kind: 'figure',
          svg: figure2b,
          caption:
            'Adjusted: OLS linear probability model on assignment and the background characteristics, HC2 standard errors; raw: difference in shares. Stars: † p < 0.20, * p < 0.10, ** p < 0.05 (two-sided).',
        },
        { kind: 'heading', text: 'Per month', level: 3 },
        monthlyTable(r, threshold),
      ],
    },
    {
      title: 'Participation (Table 2)',
      blocks: [{ kind: 'figure', svg: participation }, ...participationBlocks(r, threshold)],
    },
    {
      title: 'Assignment',
      blocks: [...r.assignment.toDocument(), { kind: 'paragraph', text: decileSentence(r) }],
    },
    { title: 'Policy figures', blocks: policyBlocks(r) },
    { title: 'Sensitivity: the censoring method', blocks: sensitivityBlocks(r.sensitivity, c) },
    {
      title: 'Methods and notes',
      blocks: [
        {
          kind: 'list',
          items: [
            `Flow-through: ${r.outflow.description}.`,
            `Effects: ${r.effects.method}.`,
            `Participation: ${r.participation.method}.`,
            `Policy figures: ${r.impact.method}.`,
            threshold > 0
              ? `${disclosureNote(threshold)} The figures do not plot a share (or a raw difference) whose count is suppressed; adjusted effects and policy figures are shown in full.`
              : 'Disclosure control is turned off: all counts are shown.',
          ],
        },
      ],
    },
  ];
  return htmlReport({
    title: options.title ?? 'Den Haag pilot "WW (niet) naar bijstand": effect measurement',
    subtitle: `Decile ${c.decile} of the Maatwerkscan: ${r.decileCounts.treatment} ${c.treatment}, ${r.decileCounts.control} ${c.control}. Outcome: flow-through into bijstand (\`${c.event}\`), ${c.months} months.`,
    sections,
    footer: `${source} Made with effectmeting.`,
  });
}

/** Capitalises the first letter (the results' method strings start in lower case). */
function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function benchmarkNote(r: PilotResult): string {
  return r.outflow.benchmark
    .map(
      (b) =>
        `The line '${b.label}' is an external series shown for comparison, not estimated from these data${b.note ? ` (${b.note})` : ''}.`,
    )
    .join(' ');
}

/** Table 2 with disclosure control, the received-service difference and the notes. */
function participationBlocks(r: PilotResult, threshold: number): Block[] {
  const p = r.participation;
  const protection = protectParticipation(p, { threshold });
  const arms = ['treatment', 'control'] as const;
  const header = {
    status: 'status',
    treatment: `${p.arms.treatment} (n = ${p.n.treatment})`,
    control: `${p.arms.control} (n = ${p.n.control})`,
  };
  const rows = p.rows.map((row) => {
    const out: Record<string, string> = {
      status: row.depth > 0 ? `– of which ${row.label}` : row.label,
    };
    for (const arm of arms) {
      const cell = row[arm];
      const published =
        cell.count === 0 ? '–' : `${Math.round(cell.share * 100)} % (${cell.count})`;
      out[arm] = protection.text(row.category, arm, published);
    }
    return out;
  });
  const d = p.received.difference;
  const notes = [protection.note, `${sentence(p.method)}.`].filter(Boolean).join(' ');
  return [
    {
      kind: 'table',
      rows,
      columns: [
        { key: 'status', label: header.status },
        { key: 'treatment', label: header.treatment, align: 'right', format: String },
        { key: 'control', label: header.control, align: 'right', format: String },
      ],
      note: notes,
    },
    {
      kind: 'paragraph',
      text: `Difference between the arms in the share that received the service (${p.received.categories.join(', ')}): ${formatPp(d.estimate)}${d.stars} (95 % CI ${formatPp(d.ci[0])} to ${formatPp(d.ci[1])}).`,
    },
  ];
}

/** Figures 2a and 2b as one table, month by month, with small counts suppressed. */
function monthlyTable(r: PilotResult, threshold: number): Block {
  const c = r.config;
  const benchmark = r.outflow.benchmark[0];
  const cell = (events: number, n: number, share: number): string => {
    const hidden =
      threshold > 0 && events > 0 && events < threshold
        ? suppressedText('primary', threshold)
        : null;
    return hidden === null ? `${formatPercent(share)} (${events}/${n})` : `${hidden} of ${n}`;
  };
  let suppressed = 0;
  const rows = r.effects.months.map((m) => {
    for (const e of [m.eventsTreated, m.eventsControl]) {
      if (threshold > 0 && e > 0 && e < threshold) suppressed++;
    }
    const row: Record<string, string | number> = {
      month: m.month,
      treatment: cell(m.eventsTreated, m.nTreated, m.shareTreated),
      control: cell(m.eventsControl, m.nControl, m.shareControl),
    };
    if (benchmark) {
      const v = benchmark.values.find((b) => b.month === m.month);
      row.benchmark = v ? formatPercent(v.share) : '';
    }
    row.raw = `${formatPp(m.raw.estimate)}${m.raw.stars}`;
    if (m.adjusted) {
      row.adjusted = `${formatPp(m.adjusted.estimate)}${m.adjusted.stars}`;
      row.ci = `${formatPp(m.adjusted.ci[0])} to ${formatPp(m.adjusted.ci[1])}`;
      row.p = formatPValue(m.adjusted.pValue);
    } else {
      row.p = formatPValue(m.raw.pValue);
    }
    return row;
  });
  const columns = [
    { key: 'month', label: 'month' },
    {
      key: 'treatment',
      label: `${c.treatment}: share (events/n)`,
      align: 'right' as const,
      format: String,
    },
    {
      key: 'control',
      label: `${c.control}: share (events/n)`,
      align: 'right' as const,
      format: String,
    },
    ...(benchmark
      ? [{ key: 'benchmark', label: benchmark.label, align: 'right' as const, format: String }]
      : []),
    { key: 'raw', label: 'raw difference', align: 'right' as const, format: String },
    ...(r.effects.months.some((m) => m.adjusted)
      ? [
          { key: 'adjusted', label: 'adjusted effect', align: 'right' as const, format: String },
          { key: 'ci', label: '95 % CI (adjusted)', align: 'right' as const, format: String },
        ]
      : []),
    { key: 'p', label: 'p', align: 'right' as const, format: String },
  ];
  return {
    kind: 'table',
    rows,
    columns,
    note:
      suppressed > 0
        ? `Complete follow-up: at month m, the clients observed at least m months. ${disclosureNote(threshold, false)}`
        : 'Complete follow-up: at month m, the clients observed at least m months.',
  };
}

/**
 * Charts of tables: participation by arm (as in a pilot report's Table 2), with the same
 * disclosure control as the published table, and covariate balance as a standardised-difference
 * ("love") plot.
 */
import type { ParticipationTable } from '../../analysis/participation.js';
import type { BalanceResult } from '../../assign/balance.js';
import { formatCount, formatPercent } from '../../format.js';
import { type Language, numberStyleOf, type Texts, textOf } from '../../language.js';
import { type AllKeys, rejectUnknownKeys } from '../../stats/option-keys.js';
import { type DisclosureOptions, protectParticipation, suppressedText } from '../disclosure.js';
import {
  type ChartOptions,
  type ChartSpec,
  FORMATS,
  finite,
  layered,
  OKABE_ITO,
  REFERENCE_GREY,
} from './spec.js';

/** Options of {@link participationChart}. */
export interface ParticipationChartOptions extends ChartOptions, DisclosureOptions {
  /**
   * Display names of the categories, by category code (default: the table's labels): a text,
   * or a text per language (`{ en, nl }`) picked with the chart's `lang`.
   */
  readonly labels?: Readonly<Record<string, string | Texts>>;
}

/** The chart's own words in each language. */
const PARTICIPATION_TEXTS: Texts<{
  readonly ofWhich: string;
  readonly suppressed: string;
  readonly axis: string;
  readonly title: string;
  readonly subtitle: (threshold: number) => string;
  readonly subtitleAll: string;
}> = {
  en: {
    ofWhich: 'of which',
    suppressed: 'suppressed',
    axis: "Share of the arm's clients (%)",
    title: 'Participation by arm',
    subtitle: (k) => `Share of each arm's clients; counts below ${k} not shown ("< ${k}")`,
    subtitleAll: "Share of each arm's clients",
  },
  nl: {
    ofWhich: 'waarvan',
    suppressed: 'onderdrukt',
    axis: 'Aandeel van de cliënten van de groep (%)',
    title: 'Deelname per groep',
    subtitle: (k) =>
      `Aandeel van de cliënten van elke groep; aantallen onder ${k} niet getoond ("< ${k}")`,
    subtitleAll: 'Aandeel van de cliënten van elke groep',
  },
};

/** What {@link participationChart} reads from a `participationTable` result. */
export type ParticipationChartInput = Pick<ParticipationTable, 'arms' | 'n' | 'rows'>;

const PARTICIPATION_CHART_KEYS: AllKeys<ParticipationChartOptions> = {
  lang: true,
  title: true,
  subtitle: true,
  source: true,
  width: true,
  height: true,
  threshold: true,
  suppressZeros: true,
  labels: true,
};

/**
 * Participation by arm (Table 2): per category a bar per arm with the share of the arm's
 * clients, labelled "34 % (334)". Sub-categories are indented as "– of which …". Counts below
 * the disclosure threshold (default 10) are not drawn and labelled "suppressed (< 10)"; cells
 * suppressed to protect them (secondary suppression, see `protectParticipation`) "suppressed (x)".
 *
 * @example
 * const spec = participationChart(result.participation, { source: 'Source: …' });
 */
export function participationChart(
  table: ParticipationChartInput,
  options: ParticipationChartOptions = {},
): ChartSpec {
  rejectUnknownKeys(options, PARTICIPATION_CHART_KEYS, 'participationChart');
  const protection = protectParticipation(table, options);
  const lang: Language = options.lang ?? 'en';
  const t = textOf(PARTICIPATION_TEXTS, lang);
  const style = numberStyleOf(lang);
  const name = (category: string, label: string): string => {
    const given = options.labels?.[category];
    return given === undefined ? label : typeof given === 'string' ? given : textOf(given, lang);
  };
  const arms = [
    { key: 'treatment' as const, label: `${table.arms.treatment} (n = ${table.n.treatment})` },
    { key: 'control' as const, label: `${table.arms.control} (n = ${table.n.control})` },
  ];
  const data: Record<string, unknown>[] = [];
  table.rows.forEach((row, order) => {
    const category = wrap(
      row.depth > 0
        ? `${'– '.repeat(row.depth)}${t.ofWhich} ${name(row.category, row.label)}`
        : name(row.category, row.label),
      34,
    );
    for (const arm of arms) {
      const cell = row[arm.key];
      const status = protection.status(row.category, arm.key);
      const hidden = suppressedText(status, protection.threshold);
      data.push({
        order,
        category,
        arm: arm.label,
        share: hidden === null ? finite(cell.share) : null,
        // a hidden bar still shows it is there: "suppressed (< 10)", not an empty row
        label:
          hidden === null
            ? cell.count === 0
              ? '–'
              : lang === 'en'
                ? `${Math.round(cell.share * 100)} % (${cell.count})`
                : `${formatPercent(cell.share, 0, style)} (${formatCount(cell.count, style)})`
            : `${t.suppressed} (${hidden})`,
        labelAt: hidden === null ? finite(cell.share) : 0,
      });
    }
  });
  const y = {
    field: 'category',
    type: 'nominal',
    sort: { field: 'order', op: 'min', order: 'ascending' },
    title: null,
    axis: {
      labelLimit: 260,
      labelFontSize: 11,
      ticks: false,
      labelExpr: "split(datum.label, '\\n')",
    },
  };
  const colour = {
    field: 'arm',
    type: 'nominal',
    scale: { domain: arms.map((a) => a.label), range: [OKABE_ITO[0], OKABE_ITO[1]] },
    title: null,
    legend: { orient: 'top', direction: 'horizontal' },
  };
  const yOffset = { field: 'arm', type: 'nominal', sort: arms.map((a) => a.label) };
  const layers = [
    {
      mark: { type: 'bar', height: { band: 0.9 } },
      encoding: {
        y,
        yOffset,
        x: {
          field: 'share',
          type: 'quantitative',
          title: t.axis,
          axis: { format: FORMATS.percentAxis },
          scale: { domain: [0, 1] },
        },
        color: colour,
      },
    },
    {
      mark: { type: 'text', align: 'left', dx: 4, fontSize: 11, color: '#222222' },
      encoding: {
        y,
        yOffset,
        x: { field: 'labelAt', type: 'quantitative' },
        text: { field: 'label', type: 'nominal' },
      },
    },
  ];
  const height = options.height ?? Math.max(160, table.rows.length * 44);
  return layered(
    { ...options, height, width: options.width ?? 380 },
    {
      title: t.title,
      subtitle: protection.threshold > 0 ? t.subtitle(protection.threshold) : t.subtitleAll,
    },
    data,
    layers,
  );
}

/** Breaks a label into lines of at most `width` characters at spaces, joined by "\n". */
function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

/** Options of {@link balanceChart}. */
export interface BalanceChartOptions extends ChartOptions {
  /** Reference lines at ± this absolute SMD (default 0.1, the usual "negligible" bound). */
  readonly threshold?: number;
}

/** What {@link balanceChart} reads from a `balanceTable` / `balanceFromCounts` result. */
export type BalanceChartInput = Pick<BalanceResult, 'rows' | 'arms' | 'reference'>;

const BALANCE_CHART_KEYS: AllKeys<BalanceChartOptions> = {
  lang: true,
  threshold: true,
  title: true,
  subtitle: true,
  source: true,
  width: true,
  height: true,
};

/**
 * Covariate balance as a standardised-difference ("love") plot: one row per numeric covariate
 * or factor level, the SMD of each arm against the reference arm as a point, a zero line and
 * dashed lines at ± `threshold`.
 *
 * @example
 * const spec = balanceChart(balanceTable(assigned, { covariates: ['gender', 'age'] }));
 */
export function balanceChart(
  balance: BalanceChartInput,
  options: BalanceChartOptions = {},
): ChartSpec {
  rejectUnknownKeys(options, BALANCE_CHART_KEYS, 'balanceChart');
  const threshold = options.threshold ?? 0.1;
  const arms = balance.arms.filter((a) => a !== balance.reference);
  const data: Record<string, unknown>[] = [];
  balance.rows.forEach((row, order) => {
    const label = row.level === null ? row.covariate : `${row.covariate}: ${row.level}`;
    for (const arm of arms) {
      const value = row.smd[arm];
      if (value === undefined) continue;
      data.push({ order, label, arm, smd: finite(value) });
    }
  });
  const maxAbs = Math.max(threshold * 1.5, ...data.map((d) => Math.abs((d.smd as number) ?? 0)));
  const limit = Math.ceil(maxAbs * 20) / 20;
  const y = {
    field: 'label',
    type: 'nominal',
    sort: { field: 'order', op: 'min', order: 'ascending' },
    title: null,
    axis: { labelLimit: 260, grid: true, ticks: false },
  };
  const x = {
    field: 'smd',
    type: 'quantitative',
    title: `Standardised mean difference (arm − ${balance.reference}, in SDs)`,
    axis: { format: '.2f' },
    scale: { domain: [-limit, limit] },
  };
  const layers = [
    {
      data: {
        values: [
          { at: 0, kind: 'zero' },
          { at: -threshold, kind: 'bound' },
          { at: threshold, kind: 'bound' },
        ],
      },
      mark: { type: 'rule', color: REFERENCE_GREY },
      encoding: {
        x: { ...x, field: 'at' },
        strokeDash: {
          field: 'kind',
          type: 'nominal',
          scale: {
            domain: ['zero', 'bound'],
            range: [
              [1, 0],
              [4, 4],
            ],
          },
          legend: null,
        },
      },
    },
    {
      mark: { type: 'point', filled: true, size: 50 },
      encoding: {
        y,
        x,
        color: {
          field: 'arm',
          type: 'nominal',
          scale: { domain: arms, range: OKABE_ITO.slice(0, Math.max(1, arms.length)) },
          title: null,
          legend: arms.length > 1 ? { orient: 'top', direction: 'horizontal' } : null,
        },
        tooltip: [
          { field: 'label', type: 'nominal', title: 'covariate' },
          { field: 'arm', type: 'nominal', title: 'arm' },
          { field: 'smd', type: 'quantitative', title: 'SMD', format: '.3f' },
        ],
      },
    },
  ];
  const height = options.height ?? Math.max(120, new Set(data.map((d) => d.label)).size * 18);
  return layered(
    { ...options, height, width: options.width ?? 420 },
    {
      title: 'Covariate balance',
      subtitle: `Standardised mean differences; dashed: ±${threshold}`,
    },
    data,
    layers,
  );
}

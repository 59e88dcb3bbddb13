/**
 * Charts of outcome curves and effects: cumulative outflow by month and arm with a benchmark line
 * (as in a pilot report's Figure 2a) and the effect per month with its confidence band and the
 * significance of each month marked (Figure 2b).
 */
import type { EffectSeries } from '../../analysis/effect-series.js';
import { type Language, type Texts, textOf } from '../../language.js';
import type { CumulativeOutflowData } from '../../outcomes/outflow-result.js';
import { type AllKeys, rejectUnknownKeys } from '../../stats/option-keys.js';
import { type DisclosureOptions, isSmallCount } from '../disclosure.js';
import {
  type ChartOptions,
  type ChartSpec,
  FORMATS,
  finite,
  layered,
  levelText,
  MONTHS_SINCE_START,
  OKABE_ITO,
  PP_LABEL_EXPR,
  REFERENCE_GREY,
  significanceClass,
  significanceClasses,
} from './spec.js';

/** Options of {@link outflowChart}. */
export interface OutflowChartOptions extends ChartOptions, DisclosureOptions {
  /** Destination to plot (default: the first of the result). */
  readonly destination?: string;
  /** Draw each arm's confidence band (default true). */
  readonly bands?: boolean;
  /**
   * Display names of groups and benchmarks (default: their labels): a text, or a text per
   * language (`{ en, nl }`) picked with the chart's `lang`.
   */
  readonly labels?: Readonly<Record<string, string | Texts>>;
  /** Title of the y axis (default "Cumulative share with <destination> (%)"). */
  readonly yTitle?: string;
}

/** What {@link outflowChart} reads from a `cumulativeOutflow` result. */
export type OutflowChartInput = Pick<
  CumulativeOutflowData,
  'rows' | 'benchmark' | 'destinations' | 'level' | 'groups'
>;

/** The texts of {@link outflowChart}. */
const OUTFLOW_TEXTS: Texts<{
  readonly yTitle: (destination: string) => string;
  readonly title: (destination: string) => string;
  readonly subtitle: string;
  readonly subtitleBands: (level: string) => string;
  readonly series: string;
  readonly month: string;
  readonly share: string;
}> = {
  en: {
    yTitle: (d) => `Cumulative share with ${d} (%)`,
    title: (d) => `Cumulative outflow into ${d} by month`,
    subtitle: 'Share of clients with the event by each month',
    subtitleBands: (level) =>
      `Share of clients with the event by each month; thin dashed lines: ${level} confidence interval`,
    series: 'series',
    month: 'month',
    share: 'share',
  },
  nl: {
    yTitle: (d) => `Cumulatief aandeel met ${d} (%)`,
    title: (d) => `Cumulatieve uitstroom naar ${d} per maand`,
    subtitle: 'Aandeel cliënten met de gebeurtenis tot en met elke maand',
    subtitleBands: (level) =>
      `Aandeel cliënten met de gebeurtenis tot en met elke maand; dunne stippellijnen: ${level}-betrouwbaarheidsinterval`,
    series: 'reeks',
    month: 'maand',
    share: 'aandeel',
  },
};

const OUTFLOW_CHART_KEYS: AllKeys<OutflowChartOptions> = {
  lang: true,
  destination: true,
  bands: true,
  labels: true,
  yTitle: true,
  title: true,
  subtitle: true,
  source: true,
  width: true,
  height: true,
  threshold: true,
  suppressZeros: true,
};

/**
 * Cumulative outflow by month and arm (Figure 2a): one line per group with its confidence band,
 * and each benchmark as a dashed grey/black line. x: month since the start; y: the cumulative
 * share as a percentage. A point whose event count is small (`isSmallCount`: below the
 * disclosure threshold, default 10) is not plotted, as its table does not publish it.
 *
 * @example
 * const spec = outflowChart(result.outflow, {
 *   title: 'Flow-through into bijstand, decile 1',
 *   source: 'Source: synthetic reconstruction of the pilot',
 * });
 * const svg = await renderSvg(spec);
 */
export function outflowChart(
  result: OutflowChartInput,
  options: OutflowChartOptions = {},
): ChartSpec {
  rejectUnknownKeys(options, OUTFLOW_CHART_KEYS, 'outflowChart');
  const lang: Language = options.lang ?? 'en';
  const t = textOf(OUTFLOW_TEXTS, lang);
  const destination = options.destination ?? result.destinations[0] ?? '';
  const name = (label: string): string => {
    const given = options.labels?.[label];
    return given === undefined ? label : typeof given === 'string' ? given : textOf(given, lang);
  };
  const groups = result.groups.map((g) => name(g.group));
  const benchmarks = result.benchmark
    .filter((b) => (b.destination ?? result.destinations[0]) === destination)
    .map((b) => ({ ...b, label: name(b.label) }));
  const data: Record<string, unknown>[] = [];
  for (const r of result.rows) {
    if (r.destination !== destination) continue;
    // a share whose count its table suppresses is not plotted either (a gap in the line)
    const hidden = isSmallCount(r.events, options);
    data.push({
      month: r.month,
      series: name(r.group),
      kind: 'estimate',
      share: hidden ? null : finite(r.share),
      lower: hidden ? null : finite(r.ci[0]),
      upper: hidden ? null : finite(r.ci[1]),
      atRisk: r.atRisk,
    });
  }
  for (const b of benchmarks) {
    for (const v of b.values) {
      data.push({
        month: v.month,
        series: b.label,
        kind: 'benchmark',
        share: finite(v.share),
        lower: null,
        upper: null,
        atRisk: null,
      });
    }
  }
  const domain = [...groups, ...benchmarks.map((b) => b.label)];
  const colours = [
    ...groups.map((_, i) => OKABE_ITO[i % (OKABE_ITO.length - 1)]),
    ...benchmarks.map((_, i) => (i === 0 ? REFERENCE_GREY : OKABE_ITO[7])),
  ];
  const dashes = [...groups.map(() => [1, 0]), ...benchmarks.map(() => [6, 4])];
  const legend = {
    orient: 'top',
    direction: 'horizontal',
    symbolType: 'stroke',
    symbolOpacity: 1,
    symbolStrokeWidth: 2.5,
    symbolSize: 320,
  };
  const color = {
    field: 'series',
    type: 'nominal',
    scale: { domain, range: colours },
    title: null,
    legend,
  };
  const strokeDash = {
    field: 'series',
    type: 'nominal',
    scale: { domain, range: dashes },
    title: null,
    legend,
  };
  const x = {
    field: 'month',
    type: 'quantitative',
    title: textOf(MONTHS_SINCE_START, lang),
    axis: { format: 'd', tickMinStep: 1, grid: false },
  };
  const y = {
    field: 'share',
    type: 'quantitative',
    title: options.yTitle ?? t.yTitle(destination),
    axis: { format: FORMATS.percentAxis },
    scale: { zero: true },
  };
  const tooltip = [
    { field: 'series', type: 'nominal', title: t.series },
    { field: 'month', type: 'quantitative', title: t.month },
    { field: 'share', type: 'quantitative', title: t.share, format: FORMATS.percent },
  ];
  const layers: Record<string, unknown>[] = [];
  layers.push({
    mark: { type: 'line', strokeWidth: 2 },
    encoding: {
      x,
      y,
      color,
      strokeDash,
    },
  });
  if (options.bands ?? true) {
    // Each band as its two outlines in its arm's colour (no fill): two filled bands overlapping
    // would blend into a third, greyish band that belongs to neither arm.
    for (const field of ['lower', 'upper'] as const) {
      layers.push({
        transform: [{ filter: `datum.kind === 'estimate' && datum.${field} !== null` }],
        mark: { type: 'line', strokeWidth: 1, strokeDash: [3, 2], opacity: 0.75 },
        encoding: { x, y: { ...y, field }, color },
      });
    }
  }
  layers.push({
    transform: [{ filter: "datum.kind === 'estimate'" }],
    mark: { type: 'point', filled: true, size: 22 },
    encoding: { x, y, color, tooltip },
  });
  const level = levelText(result.level, lang);
  return layered(
    options,
    {
      title: t.title(destination),
      subtitle: options.bands === false ? t.subtitle : t.subtitleBands(level),
    },
    data,
    layers,
  );
}

/** Options of {@link effectChart}. */
export interface EffectChartOptions extends ChartOptions, DisclosureOptions {
  /**
   * `'adjusted'` (default when the series has adjusted effects), `'raw'`, or `'both'`: the
   * adjusted effect with its band and marked significance plus the raw effect as a dashed line.
   */
  readonly show?: 'adjusted' | 'raw' | 'both';
  /** Title of the y axis (default "Effect on the cumulative share (percentage points)"). */
  readonly yTitle?: string;
}

/** What {@link effectChart} reads from an `effectSeries` result. */
export type EffectChartInput = Pick<EffectSeries, 'months' | 'level' | 'arms'> &
  Partial<Pick<EffectSeries, 'band' | 'stars'>>;

/** The texts of {@link effectChart}. */
const EFFECT_TEXTS: Texts<{
  readonly adjusted: string;
  readonly raw: string;
  readonly yTitle: string;
  readonly significanceOf: (kind: 'adjusted' | 'raw') => string;
  readonly month: string;
  readonly effect: string;
  readonly title: (treatment: string, control: string) => string;
  readonly subtitle: (
    level: string,
    kind: 'adjusted' | 'raw',
    band: string | undefined,
    rawInterval: boolean,
  ) => string;
}> = {
  en: {
    adjusted: 'adjusted effect',
    raw: 'raw difference',
    yTitle: 'Effect on the cumulative share (percentage points)',
    significanceOf: (kind) =>
      `Significance of the ${kind === 'adjusted' ? 'adjusted effect' : 'raw difference'}`,
    month: 'month',
    effect: 'effect',
    title: (t, c) => `Effect per month: ${t} − ${c}`,
    subtitle: (level, kind, band, rawInterval) =>
      `Shaded: ${level} pointwise confidence interval of the ${kind === 'adjusted' ? 'adjusted effect' : 'raw difference'}${
        band ? `; dotted: simultaneous ${band} band over all months (sup-t)` : ''
      }${rawInterval ? `; thin dashed: ${level} interval of the raw difference` : ''}; filled points are significant (two-sided, pointwise)`,
  },
  nl: {
    adjusted: 'gecorrigeerd effect',
    raw: 'ruw verschil',
    yTitle: 'Effect op het cumulatieve aandeel (procentpunt)',
    significanceOf: (kind) =>
      `Significantie van het ${kind === 'adjusted' ? 'gecorrigeerde effect' : 'ruwe verschil'}`,
    month: 'maand',
    effect: 'effect',
    title: (t, c) => `Effect per maand: ${t} − ${c}`,
    subtitle: (level, kind, band, rawInterval) =>
      `Gearceerd: ${level}-betrouwbaarheidsinterval per maand van het ${kind === 'adjusted' ? 'gecorrigeerde effect' : 'ruwe verschil'}${
        band ? `; gestippeld: simultane ${band}-band over alle maanden (sup-t)` : ''
      }${rawInterval ? `; dun gestreept: ${level}-interval van het ruwe verschil` : ''}; gevulde punten zijn significant (tweezijdig, per maand)`,
  },
};

const EFFECT_CHART_KEYS: AllKeys<EffectChartOptions> = {
  lang: true,
  show: true,
  yTitle: true,
  title: true,
  subtitle: true,
  source: true,
  width: true,
  height: true,
  threshold: true,
  suppressZeros: true,
};

/**
 * The effect per month (Figure 2b): the estimate as a line with its confidence band, a zero
 * line, and each month's point shaped and filled by significance (the reports' stars: ** p <
 * 0.05, * p < 0.10, † p < 0.20, open = not significant). y in percentage points. The raw
 * difference is not plotted in a month where either arm's event count is small (it would reveal
 * it; `isSmallCount`, threshold default 10).
 *
 * @example
 * const spec = effectChart(effectSeries(table, { event: 'month_bijstand', covariates }), {
 *   show: 'both',
 * });
 */
export function effectChart(series: EffectChartInput, options: EffectChartOptions = {}): ChartSpec {
  rejectUnknownKeys(options, EFFECT_CHART_KEYS, 'effectChart');
  const lang: Language = options.lang ?? 'en';
  const t = textOf(EFFECT_TEXTS, lang);
  const hasAdjusted = series.months.some((m) => m.adjusted !== undefined);
  const show = options.show ?? (hasAdjusted ? 'both' : 'raw');
  const main: 'adjusted' | 'raw' = show === 'raw' || !hasAdjusted ? 'raw' : 'adjusted';
  const names = { adjusted: t.adjusted, raw: t.raw } as const;
  const data: Record<string, unknown>[] = [];
  for (const m of series.months) {
    const kinds: ('adjusted' | 'raw')[] =
      show === 'both' && hasAdjusted ? ['adjusted', 'raw'] : [main];
    for (const kind of kinds) {
      const e = kind === 'adjusted' ? m.adjusted : m.raw;
      if (!e) continue;
      // the raw difference reveals both shares: not plotted where a table suppresses one
      const hidden =
        kind === 'raw' &&
        (isSmallCount(m.eventsTreated, options) || isSmallCount(m.eventsControl, options));
      if (hidden) continue;
      const banded = kind === main && m.bandCi !== undefined && series.band?.estimate === kind;
      data.push({
        bandLower: banded ? finite(m.bandCi![0]) : null,
        bandUpper: banded ? finite(m.bandCi![1]) : null,
        month: m.month,
        series: names[kind],
        main: kind === main,
        estimate: finite(e.estimate),
        lower: finite(e.ci[0]),
        upper: finite(e.ci[1]),
        pValue: finite(e.pValue),
        significance: significanceClass(e.stars, series.stars, lang),
      });
    }
  }
  const seriesDomain = show === 'both' && hasAdjusted ? [names.adjusted, names.raw] : [names[main]];
  const x = {
    field: 'month',
    type: 'quantitative',
    title: textOf(MONTHS_SINCE_START, lang),
    axis: { format: 'd', tickMinStep: 1, grid: false },
  };
  const yTitle = options.yTitle ?? t.yTitle;
  const y = {
    field: 'estimate',
    type: 'quantitative',
    title: yTitle,
    axis: { labelExpr: PP_LABEL_EXPR },
  };
  const blue = OKABE_ITO[0];
  const lineLegend = {
    orient: 'top',
    direction: 'horizontal',
    symbolType: 'stroke',
    symbolStrokeWidth: 2.5,
    symbolSize: 320,
  };
  const pointLegend = { orient: 'top', direction: 'horizontal', titleLimit: 400 };
  const significanceTitle = t.significanceOf(main);
  const layers: Record<string, unknown>[] = [
    {
      transform: [{ filter: 'datum.main && datum.lower !== null' }],
      mark: { type: 'area', opacity: 0.18, color: blue },
      encoding: { x, y: { ...y, field: 'lower' }, y2: { field: 'upper' } },
    },
    // The simultaneous (sup-t) band, when the series has one: dotted outlines, so that it never
    // blends with the pointwise band into a third shade.
    ...(series.band?.estimate === main ? (['bandLower', 'bandUpper'] as const) : []).map(
      (field) => ({
        transform: [{ filter: `datum.main && datum.${field} !== null` }],
        mark: { type: 'line', color: blue, strokeWidth: 1, strokeDash: [2, 2] },
        encoding: { x, y: { ...y, field } },
      }),
    ),
    {
      data: { values: [{}] },
      mark: { type: 'rule', color: REFERENCE_GREY, strokeWidth: 1 },
      encoding: { y: { datum: 0, type: 'quantitative' } },
    },
    {
      mark: { type: 'line', strokeWidth: 2 },
      encoding: {
        x,
        y,
        color: {
          field: 'series',
          type: 'nominal',
          scale: { domain: seriesDomain, range: [blue, OKABE_ITO[1]] },
          title: null,
          legend: lineLegend,
        },
        strokeDash: {
          field: 'series',
          type: 'nominal',
          scale: {
            domain: seriesDomain,
            range: [
              [1, 0],
              [5, 3],
            ],
          },
          title: null,
          legend: lineLegend,
        },
      },
    },
    // The other series' pointwise interval (the raw difference beside the adjusted effect) as
    // thin dashed outlines in its colour, so both effects carry their interval.
    ...(['lower', 'upper'] as const).map((field) => ({
      transform: [{ filter: `!datum.main && datum.${field} !== null` }],
      mark: { type: 'line', color: OKABE_ITO[1], strokeWidth: 1, strokeDash: [2, 2], opacity: 0.8 },
      encoding: { x, y: { ...y, field } },
    })),
    {
      transform: [{ filter: 'datum.main' }],
      mark: { type: 'point', size: 46, strokeWidth: 1.5, color: blue, opacity: 1 },
      encoding: {
        x,
        y,
        shape: {
          field: 'significance',
          type: 'nominal',
          scale: {
            domain: [...significanceClasses(series.stars, lang)],
            range: ['circle', 'square', 'triangle-up', 'circle'],
          },
          title: significanceTitle,
          legend: pointLegend,
        },
        fill: {
          field: 'significance',
          type: 'nominal',
          scale: {
            domain: [...significanceClasses(series.stars, lang)],
            range: [blue, OKABE_ITO[4], '#c6e2f5', '#ffffff'],
          },
          title: significanceTitle,
          legend: pointLegend,
        },
        tooltip: [
          { field: 'month', type: 'quantitative', title: t.month },
          { field: 'estimate', type: 'quantitative', title: t.effect, format: '.2%' },
          { field: 'pValue', type: 'quantitative', title: 'p', format: '.3f' },
        ],
      },
    },
  ];
  const level = levelText(series.level, lang);
  return layered(
    options,
    {
      title: t.title(series.arms.treatment, series.arms.control),
      subtitle: t.subtitle(
        level,
        main,
        series.band?.estimate === main ? levelText(series.band.level, lang) : undefined,
        seriesDomain.length > 1,
      ),
    },
    data,
    layers,
  );
}

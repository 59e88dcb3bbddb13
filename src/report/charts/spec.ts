/**
 * What every chart shares: the spec type, the Okabe–Ito palette, the fixed font, and the layout
 * defaults (title, source note, axis and legend styling). Specs are plain Vega-Lite objects: a
 * notebook can display them as they are, a script can change them before rendering.
 */

import type { TopLevelSpec } from 'vega-lite';
import { type Language, numberStyleOf, type Texts, textOf } from '../../language.js';
import { REPORT_STAR_LEVELS, type StarLevels, starLevelsText } from '../../stats/stars.js';

/** A Vega-Lite specification (a plain, JSON-serialisable object). */
export type ChartSpec = TopLevelSpec;

/** The Vega-Lite schema the builders target. */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/**
 * The Okabe–Ito palette (Okabe & Ito 2008), distinguishable with the common forms of colour
 * blindness; black last. Series take the colours in this order.
 */
export const OKABE_ITO = [
  '#0072B2', // blue
  '#D55E00', // vermillion
  '#009E73', // bluish green
  '#E69F00', // orange
  '#56B4E9', // sky blue
  '#CC79A7', // reddish purple
  '#F0E442', // yellow
  '#000000', // black
] as const;

/** Grey of reference lines and benchmarks. */
export const REFERENCE_GREY = '#6b6b6b';

/**
 * The font of every chart: system fonts only (no web fonts), fixed so that the same input
 * always gives the same SVG.
 */
export const CHART_FONT = 'Arial, Helvetica, "Liberation Sans", "DejaVu Sans", sans-serif';

/** Options every chart builder takes. */
export interface ChartOptions {
  /** Chart title (each builder has a default). */
  readonly title?: string;
  /** A line under the title: what is shown, e.g. the interval. */
  readonly subtitle?: string;
  /**
   * Source note printed under the chart, e.g. "Source: synthetic reconstruction of the pilot
   * (clients.csv)". None by default.
   */
  readonly source?: string;
  /** Plot width in pixels (default 560). */
  readonly width?: number;
  /** Plot height in pixels (default 320). */
  readonly height?: number;
  /**
   * Language of the chart (default `en`): its default titles, axis titles, legends and tooltips,
   * and its numbers (`nl`: Vega's number locale with decimal comma and thousands dot, "25%"), so
   * the SVG shows Dutch numbers. Texts passed in (`title`, `source`, labels) are the caller's.
   */
  readonly lang?: Language;
}

/**
 * The d3-format locale of a language, as Vega's `config.locale.number`: decimal mark, thousands
 * separator, the percent sign and U+2212 for the minus (d3's default too).
 *
 * @example
 * numberLocale('nl') // { decimal: ',', thousands: '.', grouping: [3], currency: ['€ ', ''], percent: '%', minus: '−' }
 */
export function numberLocale(lang: Language = 'en'): Readonly<Record<string, unknown>> {
  const style = numberStyleOf(lang);
  return {
    decimal: style.decimal,
    thousands: style.group,
    grouping: [3],
    currency: lang === 'nl' ? ['€ ', ''] : ['€', ''],
    percent: '%',
    minus: '\u2212',
  };
}

/** "95 %" (en) or "95%" (nl): a confidence level in a chart's text. */
export function levelText(level: number, lang: Language = 'en'): string {
  const text = String(+(level * 100).toFixed(4)).replace('.', numberStyleOf(lang).decimal);
  return `${text}${numberStyleOf(lang).percent}`;
}

/** The x-axis title of the monthly charts. */
export const MONTHS_SINCE_START: Texts = {
  en: 'Months since the start',
  nl: 'Maanden sinds de start',
};

/** A layer of a layered spec (kept loose: the builders are checked against Vega-Lite by tests). */
export type Layer = Readonly<Record<string, unknown>>;

/** Number formats (d3-format) used on axes and in tooltips. */
export const FORMATS = {
  /** Fractions as whole percentages on axes: 0.25 → "25%". */
  percentAxis: '.0%',
  /** Fractions as percentages with one decimal in tooltips: 0.343 → "34.3%". */
  percent: '.1%',
} as const;

/**
 * Axis label expression for a difference of fractions in percentage points:
 * −0.05 → "−5", 0.025 → "2.5" (the axis title says "percentage points").
 */
export const PP_LABEL_EXPR = "format(datum.value * 100, '~r')";

/** The shared configuration: font, sizes, grid, legend and title style, number locale. */
function chartConfig(lang: Language): Record<string, unknown> {
  return {
    locale: { number: numberLocale(lang) },
    font: CHART_FONT,
    background: 'white',
    view: { stroke: null },
    axis: {
      labelFontSize: 11,
      titleFontSize: 12,
      titleFontWeight: 'normal',
      titleColor: '#222222',
      labelColor: '#333333',
      gridColor: '#e6e6e6',
      domainColor: '#888888',
      tickColor: '#888888',
    },
    legend: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'bold', labelLimit: 320 },
    title: {
      anchor: 'start',
      fontSize: 15,
      fontWeight: 'bold',
      subtitleFontSize: 12,
      subtitleColor: '#444444',
      offset: 12,
    },
    range: { category: [...OKABE_ITO] },
  };
}

/** Distance (pixels) from the bottom of the plot to the source note, below the x-axis title. */
const SOURCE_OFFSET = 46;

/**
 * Wraps layers into a complete top-level spec: schema, title (with subtitle), size, the shared
 * config, an accessible description, and the source note as a text layer under the x axis.
 */
export function layered(
  options: ChartOptions,
  defaults: { readonly title: string; readonly subtitle?: string },
  data: readonly Readonly<Record<string, unknown>>[],
  layers: readonly Layer[],
  extra: Readonly<Record<string, unknown>> = {},
): ChartSpec {
  const width = options.width ?? 560;
  const height = options.height ?? 320;
  const title = options.title ?? defaults.title;
  const subtitle = options.subtitle ?? defaults.subtitle;
  const all: Layer[] = [...layers];
  if (options.source) all.push(sourceLayer(options.source, height));
  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    description: [title, subtitle, options.source].filter(Boolean).join('. '),
    title: subtitle ? { text: title, subtitle } : { text: title },
    width,
    height,
    autosize: { type: 'pad' },
    padding: 12,
    config: chartConfig(options.lang ?? 'en'),
    data: { values: data.map((d) => ({ ...d })) },
    layer: all,
    ...extra,
  };
  return spec as unknown as ChartSpec;
}

/** The source note: a left-aligned grey text mark below the x-axis title. */
function sourceLayer(source: string, height: number): Layer {
  return {
    data: { values: [{ note: source }] },
    mark: {
      type: 'text',
      align: 'left',
      baseline: 'top',
      fontSize: 10,
      color: '#555555',
      fontStyle: 'italic',
    },
    encoding: {
      text: { field: 'note', type: 'nominal' },
      x: { value: 0 },
      y: { value: height + SOURCE_OFFSET },
    },
  };
}

const NOT_SIGNIFICANT: Texts = { en: 'not significant', nl: 'niet significant' };

/** Significance classes of the reports' stars, strongest first. */
export const SIGNIFICANCE_CLASSES = significanceClasses();

/**
 * The significance classes of a chart's legend at the given star levels, strongest first (the
 * legend must name the levels that made the marks); in Dutch with decimal commas.
 *
 * @example
 * significanceClasses(); // ['p < 0.05 (**)', 'p < 0.10 (*)', 'p < 0.20 (†)', 'not significant']
 * significanceClasses(undefined, 'nl'); // ['p < 0,05 (**)', 'p < 0,10 (*)', 'p < 0,20 (†)', 'niet significant']
 */
export function significanceClasses(
  levels: StarLevels = REPORT_STAR_LEVELS,
  lang: Language = 'en',
): readonly [string, string, string, string] {
  const [dagger, one, two] = starLevelsText(levels)
    .split(', ')
    .map((part) => part.slice(part.indexOf(' ') + 1).replace('.', numberStyleOf(lang).decimal));
  return [`${two} (**)`, `${one} (*)`, `${dagger} (†)`, textOf(NOT_SIGNIFICANT, lang)];
}

/**
 * The significance class of a star string (its entry of {@link significanceClasses}).
 *
 * @example
 * significanceClass('*'); // 'p < 0.10 (*)'
 */
export function significanceClass(
  stars: string,
  levels: StarLevels = REPORT_STAR_LEVELS,
  lang: Language = 'en',
): string {
  const classes = significanceClasses(levels, lang);
  if (stars === '**') return classes[0];
  if (stars === '*') return classes[1];
  if (stars === '†') return classes[2];
  return classes[3];
}

/** A finite number or null (Vega treats null as missing; NaN would break scales). */
export function finite(x: number | undefined): number | null {
  return x !== undefined && Number.isFinite(x) ? x : null;
}

/**
 * The chart of a several-arm effect series (issue #14): every contrast between arms per month in
 * one chart, each with its confidence band and each month's point marked by significance, drawn
 * as the two-arm effect chart (`effectChart`) draws its one effect.
 */
import type { ArmContrastSeries } from '../../analysis/arm-contrasts.js';
import { type Language, type Texts, textOf } from '../../language.js';
import { stars } from '../../stats/estimate.js';
import { type DisclosureOptions, isSmallCount } from '../disclosure.js';
import {
  type ChartOptions,
  type ChartSpec,
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

/** The texts of {@link contrastChart}. */
const CONTRAST_TEXTS: Texts<{
  readonly yTitle: string;
  readonly adjusted: string;
  readonly raw: string;
  readonly significance: (pAdjust: string | undefined) => string;
  readonly contrast: string;
  readonly month: string;
  readonly effect: string;
  readonly title: (event: string) => string;
  readonly subtitle: (level: string, which: string, pAdjust: string | undefined) => string;
}> = {
  en: {
    yTitle: 'Effect on the cumulative share (percentage points)',
    adjusted: 'adjusted contrast',
    raw: 'raw difference',
    significance: (m) => `Significance${m ? ` (${m} across the month's contrasts)` : ''}`,
    contrast: 'contrast',
    month: 'month',
    effect: 'effect',
    title: (event) => `Contrasts between arms per month: ${event}`,
    subtitle: (level, which, m) =>
      `Shaded: ${level} pointwise confidence interval of each ${which}; filled points are significant (two-sided${m ? `, p adjusted (${m}) across the contrasts of each month` : ', pointwise'})`,
  },
  nl: {
    yTitle: 'Effect op het cumulatieve aandeel (procentpunt)',
    adjusted: 'gecorrigeerd contrast',
    raw: 'ruw verschil',
    significance: (m) => `Significantie${m ? ` (${m} over de contrasten van de maand)` : ''}`,
    contrast: 'contrast',
    month: 'maand',
    effect: 'effect',
    title: (event) => `Contrasten tussen groepen per maand: ${event}`,
    subtitle: (level, which, m) =>
      `Gearceerd: ${level}-betrouwbaarheidsinterval per maand van elk ${which}; gevulde punten zijn significant (tweezijdig${m ? `, p gecorrigeerd (${m}) over de contrasten van elke maand` : ', per maand'})`,
  },
};

/** Options of {@link contrastChart}. */
export interface ContrastChartOptions extends ChartOptions, DisclosureOptions {
  /** `'adjusted'` (default when the series has adjusted contrasts) or `'raw'`. */
  readonly show?: 'adjusted' | 'raw';
  /** Title of the y axis (default "Effect on the cumulative share (percentage points)"). */
  readonly yTitle?: string;
  /**
   * Read significance from the multiplicity-adjusted p-values (across the contrasts of a month)
   * when the series has them (default true).
   */
  readonly usePAdjusted?: boolean;
}

/** What {@link contrastChart} reads from a several-arm `effectSeries` result. */
export type ContrastChartInput = Pick<
  ArmContrastSeries,
  'months' | 'level' | 'contrasts' | 'pAdjust' | 'event'
>;

/**
 * Every contrast per month (a − b, percentage points): one coloured line per contrast
 * (Okabe–Ito) with its pointwise confidence band, a zero line, and each month's point filled by
 * significance (** p < 0.05, * p < 0.10, † p < 0.20, open: not significant; with `pAdjust`, the
 * adjusted p-value across the month's contrasts). A raw contrast is not plotted in a month where
 * either arm's event count is small (`isSmallCount`, threshold default 10), as its table does
 * not publish it.
 *
 * @example
 * const spec = contrastChart(effectSeries(table, { arms: ['service', 'control_enforcement', 'control_none'], contrasts: 'all-pairs', event: 'month_job', covariates }));
 * const svg = await renderSvg(spec);
 */
export function contrastChart(
  series: ContrastChartInput,
  options: ContrastChartOptions = {},
): ChartSpec {
  const lang: Language = options.lang ?? 'en';
  const t = textOf(CONTRAST_TEXTS, lang);
  const classes = significanceClasses(undefined, lang);
  const hasAdjusted = series.months.some((m) => m.contrasts.some((c) => c.adjusted));
  const show = options.show ?? (hasAdjusted ? 'adjusted' : 'raw');
  const usePAdjusted = (options.usePAdjusted ?? true) && series.pAdjust !== undefined;
  const data: Record<string, unknown>[] = [];
  for (const m of series.months) {
    for (const c of m.contrasts) {
      const e = show === 'adjusted' ? c.adjusted : c.raw;
      if (!e) continue;
      if (show === 'raw') {
        const a = m.arms.find((x) => x.arm === c.first)!;
        const b = m.arms.find((x) => x.arm === c.second)!;
        if (isSmallCount(a.events, options) || isSmallCount(b.events, options)) continue;
      }
      const p = usePAdjusted
        ? show === 'adjusted'
          ? c.pAdjusted?.adjusted
          : c.pAdjusted?.raw
        : e.pValue;
      data.push({
        month: m.month,
        contrast: c.contrast,
        estimate: finite(e.estimate),
        lower: finite(e.ci[0]),
        upper: finite(e.ci[1]),
        pValue: finite(p),
        significance: significanceClass(
          p !== undefined && Number.isFinite(p) ? stars(p) : '',
          undefined,
          lang,
        ),
      });
    }
  }
  const domain = series.contrasts.map((c) => c.label);
  const range = domain.map((_, i) => OKABE_ITO[i % OKABE_ITO.length]!);
  const x = {
    field: 'month',
    type: 'quantitative',
    title: textOf(MONTHS_SINCE_START, lang),
    axis: { format: 'd', tickMinStep: 1, grid: false },
  };
  const y = {
    field: 'estimate',
    type: 'quantitative',
    title: options.yTitle ?? t.yTitle,
    axis: { labelExpr: PP_LABEL_EXPR },
  };
  const color = {
    field: 'contrast',
    type: 'nominal',
    scale: { domain, range },
    title: null,
    legend: { orient: 'top', direction: 'vertical', symbolType: 'stroke', labelLimit: 480 },
  };
  const which = show === 'adjusted' ? t.adjusted : t.raw;
  const significanceTitle = t.significance(usePAdjusted ? series.pAdjust : undefined);
  const layers: Record<string, unknown>[] = [
    {
      transform: [{ filter: 'datum.lower !== null' }],
      mark: { type: 'area', opacity: 0.12 },
      encoding: {
        x,
        y: { ...y, field: 'lower' },
        y2: { field: 'upper' },
        color: { ...color, legend: null },
      },
    },
    {
      data: { values: [{}] },
      mark: { type: 'rule', color: REFERENCE_GREY, strokeWidth: 1 },
      encoding: { y: { datum: 0, type: 'quantitative' } },
    },
    { mark: { type: 'line', strokeWidth: 2 }, encoding: { x, y, color } },
    {
      mark: { type: 'point', size: 46, strokeWidth: 1.5, opacity: 1, filled: false },
      encoding: {
        x,
        y,
        color: { ...color, legend: null },
        shape: {
          field: 'significance',
          type: 'nominal',
          scale: {
            domain: [...classes],
            range: ['circle', 'square', 'triangle-up', 'circle'],
          },
          title: significanceTitle,
          legend: { orient: 'top', direction: 'horizontal', titleLimit: 400 },
        },
        fillOpacity: {
          field: 'significance',
          type: 'nominal',
          scale: { domain: [...classes], range: [1, 0.7, 0.35, 0] },
          legend: null,
        },
        fill: { ...color, legend: null },
        tooltip: [
          { field: 'contrast', type: 'nominal', title: t.contrast },
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
      title: t.title(series.event),
      subtitle: t.subtitle(level, which, usePAdjusted ? series.pAdjust : undefined),
    },
    data,
    layers,
  );
}

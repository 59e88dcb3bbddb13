/**
 * Charts for the risk-scan review, on plain arrays so that any scorer's output can be shown:
 * the gains (cumulative capture) curve, the calibration plot, and drift per feature (PSI).
 */

import { type Language, numberStyleOf, type Texts, textOf } from '../../language.js';
import { type AllKeys, rejectUnknownKeys } from '../../stats/option-keys.js';
import {
  type ChartOptions,
  type ChartSpec,
  FORMATS,
  finite,
  layered,
  OKABE_ITO,
  REFERENCE_GREY,
} from './spec.js';

/** One point of a gains curve: the top `share` of clients by score captures `capture` of events. */
export interface GainsPoint {
  /** Share of clients selected (highest scores first), a fraction 0…1. */
  readonly share: number;
  /** Share of all events among them, a fraction 0…1. */
  readonly capture: number;
  /** Curve name when several are drawn (e.g. model year); default "model". */
  readonly series?: string;
}

/** The gains chart's default texts. */
const GAINS_TEXTS: Texts<{
  x: string;
  y: string;
  selected: string;
  captured: string;
  title: string;
  subtitle: string;
  model: string;
}> = {
  en: {
    x: 'Clients selected, highest scores first (%)',
    y: 'Events captured (%)',
    selected: 'selected',
    captured: 'captured',
    title: 'Gains curve',
    subtitle: 'Dashed: random selection',
    model: 'model',
  },
  nl: {
    x: 'Geselecteerde cliënten, hoogste scores eerst (%)',
    y: 'Gevangen gebeurtenissen (%)',
    selected: 'geselecteerd',
    captured: 'gevangen',
    title: 'Gains-curve',
    subtitle: 'Gestreept: willekeurige selectie',
    model: 'model',
  },
};

const GAINS_CHART_KEYS: AllKeys<ChartOptions> = {
  lang: true,
  title: true,
  subtitle: true,
  source: true,
  width: true,
  height: true,
};

/**
 * Gains curve: the share of events captured against the share of clients selected by score,
 * with the diagonal of random selection. A point (0, 0) is added to each curve when missing.
 *
 * @example
 * gainsChart([{ share: 0.1, capture: 0.32 }, { share: 0.2, capture: 0.5 }, { share: 1, capture: 1 }]);
 */
export function gainsChart(points: readonly GainsPoint[], options: ChartOptions = {}): ChartSpec {
  rejectUnknownKeys(options, GAINS_CHART_KEYS, 'gainsChart');
  const t = textOf(GAINS_TEXTS, options.lang ?? 'en');
  const series = [...new Set(points.map((p) => p.series ?? t.model))];
  const data: Record<string, unknown>[] = [];
  for (const s of series) {
    const own = points
      .filter((p) => (p.series ?? t.model) === s)
      .map((p) => ({ series: s, share: finite(p.share), capture: finite(p.capture) }));
    if (!own.some((p) => p.share === 0)) data.push({ series: s, share: 0, capture: 0 });
    data.push(...own);
  }
  const x = {
    field: 'share',
    type: 'quantitative',
    title: t.x,
    axis: { format: FORMATS.percentAxis },
    scale: { domain: [0, 1] },
  };
  const y = {
    field: 'capture',
    type: 'quantitative',
    title: t.y,
    axis: { format: FORMATS.percentAxis },
    scale: { domain: [0, 1] },
  };
  const layers = [
    {
      data: {
        values: [
          { share: 0, capture: 0 },
          { share: 1, capture: 1 },
        ],
      },
      mark: { type: 'line', color: REFERENCE_GREY, strokeDash: [4, 4], strokeWidth: 1 },
      encoding: { x, y },
    },
    {
      mark: { type: 'line', strokeWidth: 2, point: { filled: true, size: 28 } },
      encoding: {
        x,
        y,
        order: { field: 'share', type: 'quantitative' },
        color: {
          field: 'series',
          type: 'nominal',
          scale: { domain: series, range: OKABE_ITO.slice(0, Math.max(1, series.length)) },
          title: null,
          legend: series.length > 1 ? { orient: 'top', direction: 'horizontal' } : null,
        },
        tooltip: [
          { field: 'share', type: 'quantitative', title: t.selected, format: FORMATS.percent },
          { field: 'capture', type: 'quantitative', title: t.captured, format: FORMATS.percent },
        ],
      },
    },
  ];
  return layered(
    { ...options, width: options.width ?? 360, height: options.height ?? 360 },
    { title: t.title, subtitle: t.subtitle },
    data,
    layers,
  );
}

/** One calibration bin: mean predicted probability and the observed share, with an interval. */
export interface CalibrationPoint {
  readonly predicted: number;
  readonly observed: number;
  readonly lower?: number;
  readonly upper?: number;
  /** Bin label for the tooltip (e.g. "decile 1"). */
  readonly label?: string;
}

/** Options of {@link calibrationChart}. */
export interface CalibrationChartOptions extends ChartOptions {
  /**
   * Axis scale (default `linear`). `sqrt` spreads the low probabilities: with a rare outcome the
   * nine lowest risk deciles otherwise crowd into the corner near 0 (the diagonal stays straight).
   */
  readonly scale?: 'linear' | 'sqrt';
}

/** The calibration chart's default texts. */
const CALIBRATION_TEXTS: Texts<{
  sqrtNote: string;
  predicted: (note: string) => string;
  observed: (note: string) => string;
  bin: (i: number) => string;
  binTitle: string;
  predictedTip: string;
  observedTip: string;
  title: string;
  subtitle: string;
}> = {
  en: {
    sqrtNote: ', square-root scale',
    predicted: (note) => `Predicted probability (%${note})`,
    observed: (note) => `Observed share (%${note})`,
    bin: (i) => `bin ${i}`,
    binTitle: 'bin',
    predictedTip: 'predicted',
    observedTip: 'observed',
    title: 'Calibration',
    subtitle: 'Dashed: perfect calibration',
  },
  nl: {
    sqrtNote: ', wortelschaal',
    predicted: (note) => `Voorspelde kans (%${note})`,
    observed: (note) => `Waargenomen aandeel (%${note})`,
    bin: (i) => `klasse ${i}`,
    binTitle: 'klasse',
    predictedTip: 'voorspeld',
    observedTip: 'waargenomen',
    title: 'Kalibratie',
    subtitle: 'Gestreept: perfecte kalibratie',
  },
};

const CALIBRATION_CHART_KEYS: AllKeys<CalibrationChartOptions> = {
  lang: true,
  scale: true,
  title: true,
  subtitle: true,
  source: true,
  width: true,
  height: true,
};

/**
 * Calibration plot: observed share against mean predicted probability per bin, with interval
 * bars where given and the diagonal of perfect calibration; on a linear or square-root scale.
 *
 * @example
 * calibrationChart([{ predicted: 0.42, observed: 0.39, lower: 0.33, upper: 0.45 }]);
 * calibrationChart(deciles, { scale: 'sqrt' }); // low risks not crowded in the corner
 */
export function calibrationChart(
  points: readonly CalibrationPoint[],
  options: CalibrationChartOptions = {},
): ChartSpec {
  rejectUnknownKeys(options, CALIBRATION_CHART_KEYS, 'calibrationChart');
  const sqrt = options.scale === 'sqrt';
  const t = textOf(CALIBRATION_TEXTS, options.lang ?? 'en');
  const data = points.map((p, i) => ({
    label: p.label ?? t.bin(i + 1),
    predicted: finite(p.predicted),
    observed: finite(p.observed),
    lower: finite(p.lower),
    upper: finite(p.upper),
  }));
  const values = data.flatMap((d) => [d.predicted, d.observed, d.lower, d.upper]);
  const top = Math.min(1, Math.ceil(Math.max(0.1, ...values.map((v) => v ?? 0)) * 10) / 10);
  // On the square-root scale, ticks where the points are: 0, 1, 2, 5, 10, 20, 50 % … up to `top`.
  const ticks = [0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1].filter((t) => t <= top + 1e-12);
  const scale = sqrt ? { type: 'sqrt', domain: [0, top] } : { domain: [0, top] };
  const axis = sqrt
    ? { format: FORMATS.percentAxis, values: ticks }
    : { format: FORMATS.percentAxis };
  const scaleNote = sqrt ? t.sqrtNote : '';
  const x = {
    field: 'predicted',
    type: 'quantitative',
    title: t.predicted(scaleNote),
    axis,
    scale,
  };
  const y = {
    field: 'observed',
    type: 'quantitative',
    title: t.observed(scaleNote),
    axis,
    scale,
  };
  const layers = [
    {
      data: {
        values: [
          { predicted: 0, observed: 0 },
          { predicted: top, observed: top },
        ],
      },
      mark: { type: 'line', color: REFERENCE_GREY, strokeDash: [4, 4], strokeWidth: 1 },
      encoding: { x, y },
    },
    {
      transform: [{ filter: 'datum.lower !== null && datum.upper !== null' }],
      mark: { type: 'rule', color: OKABE_ITO[0], strokeWidth: 1.5 },
      encoding: { x, y: { ...y, field: 'lower' }, y2: { field: 'upper' } },
    },
    {
      mark: { type: 'point', filled: true, size: 50, color: OKABE_ITO[0] },
      encoding: {
        x,
        y,
        tooltip: [
          { field: 'label', type: 'nominal', title: t.binTitle },
          {
            field: 'predicted',
            type: 'quantitative',
            title: t.predictedTip,
            format: FORMATS.percent,
          },
          {
            field: 'observed',
            type: 'quantitative',
            title: t.observedTip,
            format: FORMATS.percent,
          },
        ],
      },
    },
  ];
  return layered(
    { ...options, width: options.width ?? 360, height: options.height ?? 360 },
    { title: t.title, subtitle: t.subtitle },
    data,
    layers,
  );
}

/** Drift of one feature between two periods: its population stability index. */
export interface DriftPoint {
  readonly feature: string;
  readonly psi: number;
}

/** Options of {@link driftChart}. */
export interface DriftChartOptions extends ChartOptions {
  /** PSI bounds of "moderate" and "major" shifts (default [0.1, 0.25], the usual rule of thumb). */
  readonly bounds?: readonly [number, number];
}

/** The drift chart's default texts (PSI bounds already in the language's number style). */
const DRIFT_TEXTS: Texts<{
  bands: (moderate: string, major: string) => [string, string, string];
  x: string;
  shift: string;
  feature: string;
  title: string;
  subtitle: (moderate: string, major: string) => string;
}> = {
  en: {
    bands: (moderate, major) => [
      `stable (< ${moderate})`,
      `moderate (${moderate}–${major})`,
      `major (≥ ${major})`,
    ],
    x: 'Population stability index (PSI)',
    shift: 'Shift',
    feature: 'feature',
    title: 'Drift per feature',
    subtitle: (moderate, major) => `Dashed: PSI ${moderate} and ${major}`,
  },
  nl: {
    bands: (moderate, major) => [
      `stabiel (< ${moderate})`,
      `matig (${moderate}–${major})`,
      `groot (≥ ${major})`,
    ],
    x: 'Population stability index (PSI)',
    shift: 'Verschuiving',
    feature: 'kenmerk',
    title: 'Drift per kenmerk',
    subtitle: (moderate, major) => `Gestreept: PSI ${moderate} en ${major}`,
  },
};

/** A bound as written ("0.1"), with the language's decimal mark ("0,1"). */
function boundText(x: number, lang: Language): string {
  return String(x).replace('.', numberStyleOf(lang).decimal);
}

const DRIFT_CHART_KEYS: AllKeys<DriftChartOptions> = {
  lang: true,
  bounds: true,
  title: true,
  subtitle: true,
  source: true,
  width: true,
  height: true,
};

/**
 * Drift per feature: a horizontal bar per feature with its population stability index, sorted
 * from most to least drift, coloured by the usual bands (< 0.1 stable, 0.1–0.25 moderate, ≥ 0.25
 * major shift) with dashed lines at the bounds.
 *
 * @example
 * driftChart([{ feature: 'age', psi: 0.04 }, { feature: 'sector', psi: 0.18 }]);
 */
export function driftChart(
  points: readonly DriftPoint[],
  options: DriftChartOptions = {},
): ChartSpec {
  rejectUnknownKeys(options, DRIFT_CHART_KEYS, 'driftChart');
  const [moderate, major] = options.bounds ?? [0.1, 0.25];
  const lang = options.lang ?? 'en';
  const t = textOf(DRIFT_TEXTS, lang);
  const [mod, maj] = [boundText(moderate, lang), boundText(major, lang)];
  const bands = t.bands(mod, maj);
  const data = [...points]
    .sort((a, b) => b.psi - a.psi || a.feature.localeCompare(b.feature))
    .map((p, order) => ({
      order,
      feature: p.feature,
      psi: finite(p.psi),
      band: p.psi >= major ? bands[2] : p.psi >= moderate ? bands[1] : bands[0],
    }));
  // Few ticks and no overlapping labels: at a narrow width ".2f" ticks every 0.02 ran together.
  const x = {
    field: 'psi',
    type: 'quantitative',
    title: t.x,
    axis: { format: '.2f', tickCount: 5, labelOverlap: true, labelFlush: true },
  };
  const y = {
    field: 'feature',
    type: 'nominal',
    sort: { field: 'order', op: 'min', order: 'ascending' },
    title: null,
    axis: { labelLimit: 240, ticks: false },
  };
  const layers = [
    {
      mark: { type: 'bar', height: { band: 0.7 } },
      encoding: {
        y,
        x,
        color: {
          field: 'band',
          type: 'nominal',
          scale: { domain: bands, range: [OKABE_ITO[2], OKABE_ITO[3], OKABE_ITO[1]] },
          title: t.shift,
          legend: { orient: 'top', direction: 'horizontal' },
        },
        tooltip: [
          { field: 'feature', type: 'nominal', title: t.feature },
          { field: 'psi', type: 'quantitative', title: 'PSI', format: '.3f' },
        ],
      },
    },
    {
      data: { values: [{ psi: moderate }, { psi: major }] },
      mark: { type: 'rule', color: REFERENCE_GREY, strokeDash: [4, 4] },
      encoding: { x },
    },
  ];
  const height = options.height ?? Math.max(120, data.length * 22);
  return layered(
    { ...options, height, width: options.width ?? 420 },
    { title: t.title, subtitle: t.subtitle(mod, maj) },
    data,
    layers,
  );
}

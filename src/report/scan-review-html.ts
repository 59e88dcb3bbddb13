/**
 * The yearly risk-scan review as charts and one self-contained HTML file: gains curves of both
 * years, the calibration plot, PSI per feature, and capture per subgroup with intervals, around
 * the review's document (`scanReviewDocument`); in English (default) or Dutch (`lang`).
 */
import { formatNumber, formatPercent } from '../format.js';
import { type Language, numberStyleOf, parseLanguage, type Texts, textOf } from '../language.js';
import type { ScanReview } from '../scan/review.js';
import { scanReviewDocument } from '../scan/review-document.js';
import { normalQuantile } from '../stats/distributions.js';
import { type AllKeys, rejectUnknownKeys } from '../stats/option-keys.js';
import { proportionInterval } from '../stats/proportion-interval.js';
import { renderSvg } from './charts/render.js';
import { calibrationChart, driftChart, gainsChart } from './charts/scan.js';
import { type ChartSpec, layered, levelText, OKABE_ITO, REFERENCE_GREY } from './charts/spec.js';
import { documentReport } from './document-report.js';
import { htmlReport } from './html.js';

/** Vega-Lite specs of the review's four charts. */
export interface ScanReviewCharts {
  readonly gains: ChartSpec;
  readonly calibration: ChartSpec;
  readonly drift: ChartSpec;
  readonly subgroups: ChartSpec;
}

/** Options of {@link scanReviewHtml}, {@link scanReviewCharts} and {@link scanReviewSvgs}. */
export interface ScanReviewHtmlOptions {
  /** Source note under the charts and in the footer. */
  readonly source?: string;
  /**
   * Language of the page and its charts (default `en`): the document's texts, the charts'
   * titles, axes, legends and tooltips and their numbers (Vega's Dutch number locale).
   */
  readonly lang?: Language;
}

const SCAN_REVIEW_HTML_KEYS: AllKeys<ScanReviewHtmlOptions> = { source: true, lang: true };

/** The texts of the review's charts and page, by language. */
const TEXTS: Texts<{
  casesInTop: string;
  subgroupTitle: (label: string) => string;
  subgroupSubtitle: (level: string) => string;
  group: string;
  capture: string;
  cases: string;
  synthetic: string;
  syntheticNote: string;
  gainsTitle: (previous: string, current: string) => string;
  decile: (d: number) => string;
  calibrationTitle: (label: string) => string;
  driftTitle: (previous: string, current: string) => string;
  subtitle: (
    capture: string,
    label: string,
    auc: string,
    fail: number,
    attention: number,
    pass: number,
  ) => string;
  footerSynthetic: string;
  footer: string;
}> = {
  en: {
    casesInTop: 'Cases in the top 10 % (%)',
    subgroupTitle: (label) => `Capture per subgroup, ${label}`,
    subgroupSubtitle: (level) =>
      `Share of each group's cases in the national top 10 %, ${level} interval; dashed: all clients`,
    group: 'group',
    capture: 'capture',
    cases: 'cases',
    synthetic: 'Synthetic data.',
    syntheticNote: 'Synthetic data: generated clients, no real person.',
    gainsTitle: (previous, current) => `Gains curves, ${previous} and ${current}`,
    decile: (d) => `decile ${d}`,
    calibrationTitle: (label) => `Calibration per risk decile, ${label}`,
    driftTitle: (previous, current) => `Drift per feature, ${previous} → ${current}`,
    subtitle: (capture, label, auc, fail, attention, pass) =>
      `${capture} of ${label}'s cases in the top 10 %, AUC ${auc}; verdict: ${fail} fail, ${attention} attention, ${pass} pass`,
    footerSynthetic: 'Synthetic data: generated clients who describe no real person. ',
    footer: 'Numbers from effectmeting scanReview; every number is also in the JSON file.',
  },
  nl: {
    casesInTop: 'Gevallen in de top 10% (%)',
    subgroupTitle: (label) => `Vangst per subgroep, ${label}`,
    subgroupSubtitle: (level) =>
      `Aandeel van de gevallen van elke groep in de landelijke top 10%, ${level}-interval; gestreept: alle cliënten`,
    group: 'groep',
    capture: 'vangst',
    cases: 'gevallen',
    synthetic: 'Synthetische gegevens.',
    syntheticNote: 'Synthetische gegevens: gegenereerde cliënten, geen echte persoon.',
    gainsTitle: (previous, current) => `Gains-curves, ${previous} en ${current}`,
    decile: (d) => `deciel ${d}`,
    calibrationTitle: (label) => `Kalibratie per risicodeciel, ${label}`,
    driftTitle: (previous, current) => `Drift per kenmerk, ${previous} → ${current}`,
    subtitle: (capture, label, auc, fail, attention, pass) =>
      `${capture} van de gevallen van ${label} in de top 10%, AUC ${auc}; oordeel: ${fail} voldoet niet, ${attention} aandacht, ${pass} voldoet`,
    footerSynthetic:
      'Synthetische gegevens: gegenereerde cliënten die geen echte persoon beschrijven. ',
    footer: 'Getallen uit effectmeting scanReview; elk getal staat ook in het JSON-bestand.',
  },
};

/**
 * Capture of each subgroup's cases in the overall top 10 %, with intervals, one row per level;
 * the overall capture as a dashed rule.
 */
function subgroupChart(r: ScanReview, source: string | undefined, lang: Language): ChartSpec {
  const t = textOf(TEXTS, lang);
  const data = r.subgroups.flatMap((s) =>
    s.rows
      .filter((row) => row.capture !== null)
      .map((row) => ({
        label: `${s.variable}: ${row.group}`,
        capture: row.capture!,
        // Wilson, as the review's tables (the group's cases captured of its cases).
        lower: proportionInterval(row.capture! * row.cases, row.cases, r.config.level, 'wilson')[0],
        upper: proportionInterval(row.capture! * row.cases, row.cases, r.config.level, 'wilson')[1],
        cases: row.cases,
      })),
  );
  const y = { field: 'label', type: 'nominal', title: null, sort: null };
  const x = {
    field: 'capture',
    type: 'quantitative',
    title: t.casesInTop,
    axis: { format: '.0%', tickCount: 5, labelOverlap: true },
    scale: { domain: [0, 1] },
  };
  return layered(
    { width: 420, height: Math.max(120, 16 * data.length), lang, ...(source ? { source } : {}) },
    {
      title: t.subgroupTitle(r.current.label),
      // English keeps the review's rounded level ("95 %"); Dutch writes it as the charts do.
      subtitle: t.subgroupSubtitle(
        lang === 'en' ? `${Math.round(r.config.level * 100)} %` : levelText(r.config.level, lang),
      ),
    },
    data,
    [
      {
        mark: { type: 'rule', color: OKABE_ITO[0] },
        encoding: { y, x: { ...x, field: 'lower' }, x2: { field: 'upper' } },
      },
      {
        mark: { type: 'point', filled: true, size: 40, color: OKABE_ITO[0] },
        encoding: {
          y,
          x,
          tooltip: [
            { field: 'label', type: 'nominal', ...(lang === 'en' ? {} : { title: t.group }) },
            {
              field: 'capture',
              type: 'quantitative',
              format: '.1%',
              ...(lang === 'en' ? {} : { title: t.capture }),
            },
            { field: 'cases', type: 'quantitative', ...(lang === 'en' ? {} : { title: t.cases }) },
          ],
        },
      },
      {
        data: { values: [{ overall: r.current.capture10 }] },
        mark: { type: 'rule', color: REFERENCE_GREY, strokeDash: [4, 4] },
        encoding: { x: { field: 'overall', type: 'quantitative' } },
      },
    ],
  );
}

/** The source note of every chart: "Synthetic data." first when the data are synthetic. */
function chartSource(
  r: ScanReview,
  source: string | undefined,
  lang: Language,
): string | undefined {
  if (!r.synthetic) return source;
  const t = textOf(TEXTS, lang);
  return source ? `${t.synthetic} ${source}` : t.syntheticNote;
}

/** The options checked: unknown keys refused, the language parsed. */
function checked(options: ScanReviewHtmlOptions, fn: string): { source?: string; lang: Language } {
  rejectUnknownKeys(options, SCAN_REVIEW_HTML_KEYS, fn);
  const lang = parseLanguage(options.lang, `${fn}: lang`);
  return options.source === undefined ? { lang } : { source: options.source, lang };
}

/**
 * The four chart specs of a review, in English or Dutch (`lang`).
 *
 * @example
 * const svg = await renderSvg(scanReviewCharts(review).gains);
 * scanReviewCharts(review, { lang: 'nl' }).drift; // "Drift per kenmerk", PSI "0,10"
 */
export function scanReviewCharts(
  r: ScanReview,
  options: ScanReviewHtmlOptions = {},
): ScanReviewCharts {
  const { lang, source: given } = checked(options, 'scanReviewCharts');
  const t = textOf(TEXTS, lang);
  const source = chartSource(r, given, lang);
  const src = source ? { source, lang } : { lang };
  const z = normalQuantile(0.5 + r.config.level / 2);
  return {
    gains: gainsChart(
      [r.previous, r.current].flatMap((y) =>
        y.gains.map((g) => ({ share: g.cumulativeShare, capture: g.capture, series: y.label })),
      ),
      { title: t.gainsTitle(r.previous.label, r.current.label), ...src },
    ),
    calibration: calibrationChart(
      r.current.calibration.rows.map((row) => ({
        predicted: row.meanPredicted,
        observed: row.observedRate,
        lower: Math.max(0, row.observedRate - z * row.observedStdError),
        upper: Math.min(1, row.observedRate + z * row.observedStdError),
        label: t.decile(row.decile),
      })),
      { title: t.calibrationTitle(r.current.label), scale: 'sqrt', ...src },
    ),
    drift: driftChart(
      [
        ...r.drift.features.map((f) => ({ feature: f.variable, psi: f.psi })),
        { feature: 'score', psi: r.drift.score.psi },
      ],
      { title: t.driftTitle(r.previous.label, r.current.label), ...src },
    ),
    subgroups: subgroupChart(r, source, lang),
  };
}

/**
 * The four charts rendered to SVG strings.
 *
 * @example
 * const { gains } = await scanReviewSvgs(review, { lang: 'nl' });
 */
export async function scanReviewSvgs(
  r: ScanReview,
  options: ScanReviewHtmlOptions = {},
): Promise<Record<keyof ScanReviewCharts, string>> {
  checked(options, 'scanReviewSvgs');
  const c = scanReviewCharts(r, options);
  const [gains, calibration, drift, subgroups] = await Promise.all([
    renderSvg(c.gains, { idPrefix: 'gains' }),
    renderSvg(c.calibration, { idPrefix: 'calibration' }),
    renderSvg(c.drift, { idPrefix: 'drift' }),
    renderSvg(c.subgroups, { idPrefix: 'subgroups' }),
  ]);
  return { gains, calibration, drift, subgroups };
}

/**
 * The review as one self-contained HTML file (no scripts, no external requests, charts inline):
 * its document (`scanReviewDocument`) with the four charts as figures, one section per `##`;
 * `lang: 'nl'` writes the page, its tables and charts in Dutch (`<html lang="nl">`).
 *
 * @example
 * writeFileSync('out/review-2024/review.html', await scanReviewHtml(review));
 * writeFileSync('out/review-2024/review.html', await scanReviewHtml(review, { lang: 'nl' }));
 */
export async function scanReviewHtml(
  r: ScanReview,
  options: ScanReviewHtmlOptions = {},
): Promise<string> {
  const { lang } = checked(options, 'scanReviewHtml');
  const t = textOf(TEXTS, lang);
  const style = numberStyleOf(lang);
  const svgs = await scanReviewSvgs(r, options);
  const charts = {
    gains: { svg: svgs.gains },
    calibration: { svg: svgs.calibration },
    drift: { svg: svgs.drift },
    subgroups: { svg: svgs.subgroups },
  };
  const count = (s: string) => r.verdict.filter((v) => v.status === s).length;
  return htmlReport(
    documentReport(scanReviewDocument(r, { charts, lang }), {
      subtitle: `${r.synthetic ? `${t.synthetic} ` : ''}${t.subtitle(
        formatPercent(r.current.capture10, 1, style),
        r.current.label,
        formatNumber(r.current.auc.estimate, 3, style),
        count('fail'),
        count('attention'),
        count('pass'),
      )}`,
      footer: `${r.synthetic ? t.footerSynthetic : ''}${options.source ?? t.footer}`,
      lang,
    }),
  );
}

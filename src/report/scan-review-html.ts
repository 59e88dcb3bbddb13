/**
 * The yearly risk-scan review as charts and one self-contained HTML file: gains curves of both
 * years, the calibration plot, PSI per feature, and capture per subgroup with intervals, around
 * the review's document (`scanReviewDocument`).
 */
import { formatNumber, formatPercent } from '../format.js';
import type { ScanReview } from '../scan/review.js';
import { scanReviewDocument } from '../scan/review-document.js';
import { normalQuantile } from '../stats/distributions.js';
import { proportionInterval } from '../stats/proportion-interval.js';
import { renderSvg } from './charts/render.js';
import { calibrationChart, driftChart, gainsChart } from './charts/scan.js';
import { type ChartSpec, layered, OKABE_ITO, REFERENCE_GREY } from './charts/spec.js';
import { documentReport } from './document-report.js';
import { htmlReport } from './html.js';

/** Vega-Lite specs of the review's four charts. */
export interface ScanReviewCharts {
  readonly gains: ChartSpec;
  readonly calibration: ChartSpec;
  readonly drift: ChartSpec;
  readonly subgroups: ChartSpec;
}

/**
 * Capture of each subgroup's cases in the overall top 10 %, with intervals, one row per level;
 * the overall capture as a dashed rule.
 */
function subgroupChart(r: ScanReview, source: string | undefined): ChartSpec {
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
    title: `Cases in the top 10 % (%)`,
    axis: { format: '.0%', tickCount: 5, labelOverlap: true },
    scale: { domain: [0, 1] },
  };
  return layered(
    { width: 420, height: Math.max(120, 16 * data.length), ...(source ? { source } : {}) },
    {
      title: `Capture per subgroup, ${r.current.label}`,
      subtitle: `Share of each group's cases in the national top 10 %, ${Math.round(r.config.level * 100)} % interval; dashed: all clients`,
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
            { field: 'label', type: 'nominal' },
            { field: 'capture', type: 'quantitative', format: '.1%' },
            { field: 'cases', type: 'quantitative' },
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
function chartSource(r: ScanReview, source: string | undefined): string | undefined {
  if (!r.synthetic) return source;
  return source
    ? `Synthetic data. ${source}`
    : 'Synthetic data: generated clients, no real person.';
}

/**
 * The four chart specs of a review.
 *
 * @example
 * const svg = await renderSvg(scanReviewCharts(review).gains);
 */
export function scanReviewCharts(
  r: ScanReview,
  options: { readonly source?: string } = {},
): ScanReviewCharts {
  const source = chartSource(r, options.source);
  const src = source ? { source } : {};
  const z = normalQuantile(0.5 + r.config.level / 2);
  return {
    gains: gainsChart(
      [r.previous, r.current].flatMap((y) =>
        y.gains.map((g) => ({ share: g.cumulativeShare, capture: g.capture, series: y.label })),
      ),
      { title: `Gains curves, ${r.previous.label} and ${r.current.label}`, ...src },
    ),
    calibration: calibrationChart(
      r.current.calibration.rows.map((row) => ({
        predicted: row.meanPredicted,
        observed: row.observedRate,
        lower: Math.max(0, row.observedRate - z * row.observedStdError),
        upper: Math.min(1, row.observedRate + z * row.observedStdError),
        label: `decile ${row.decile}`,
      })),
      { title: `Calibration per risk decile, ${r.current.label}`, scale: 'sqrt', ...src },
    ),
    drift: driftChart(
      [
        ...r.drift.features.map((f) => ({ feature: f.variable, psi: f.psi })),
        { feature: 'score', psi: r.drift.score.psi },
      ],
      { title: `Drift per feature, ${r.previous.label} → ${r.current.label}`, ...src },
    ),
    subgroups: subgroupChart(r, source),
  };
}

/** The four charts rendered to SVG strings. */
export async function scanReviewSvgs(
  r: ScanReview,
  options: { readonly source?: string } = {},
): Promise<Record<keyof ScanReviewCharts, string>> {
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
 * its document (`scanReviewDocument`) with the four charts as figures, one section per `##`.
 *
 * @example
 * writeFileSync('out/review-2024/review.html', await scanReviewHtml(review));
 */
export async function scanReviewHtml(
  r: ScanReview,
  options: { readonly source?: string } = {},
): Promise<string> {
  const svgs = await scanReviewSvgs(r, options);
  const charts = {
    gains: { svg: svgs.gains },
    calibration: { svg: svgs.calibration },
    drift: { svg: svgs.drift },
    subgroups: { svg: svgs.subgroups },
  };
  return htmlReport(
    documentReport(scanReviewDocument(r, { charts }), {
      subtitle: `${r.synthetic ? 'Synthetic data. ' : ''}${formatPercent(r.current.capture10)} of ${r.current.label}'s cases in the top 10 %, AUC ${formatNumber(r.current.auc.estimate, 3)}; verdict: ${r.verdict.filter((v) => v.status === 'fail').length} fail, ${r.verdict.filter((v) => v.status === 'attention').length} attention, ${r.verdict.filter((v) => v.status === 'pass').length} pass`,
      footer: `${r.synthetic ? 'Synthetic data: generated clients who describe no real person. ' : ''}${
        options.source ??
        'Numbers from effectmeting scanReview; every number is also in the JSON file.'
      }`,
    }),
  );
}

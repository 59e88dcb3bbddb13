/**
 * The yearly risk-scan review as one document (`src/table/index.ts`): summary and flags, a
 * table per section, charts, the methods and the thresholds. `review.md`, `review.html`, the
 * review's `toMarkdown()`, `toHTML()` and its display are all written from it; numbers are
 * formatted only by `formatCell` and the primitives of `src/format.ts`.
 */
import {
  formatGeneral,
  formatNumber,
  formatPercent,
  formatPp,
  formatPrecision,
} from '../format.js';
import type { Estimate } from '../stats/estimate.js';
import {
  type Block,
  type Cell,
  type CellFormat,
  type Column,
  type Document,
  documentMarkdown,
  type Table,
} from '../table/index.js';
import { FAIRNESS_METRICS, type FairnessMetric } from './fairness.js';
import type { ScanReviewData, YearMetrics } from './review.js';
import type { CheckStatus, VerdictRow } from './review-checks.js';

/** The review's four charts. */
export type ReviewChartName = 'gains' | 'calibration' | 'drift' | 'subgroups';

/** Names of chart files to link from the Markdown (written next to it by the CLI). */
export type ReviewChartFiles = Readonly<Partial<Record<ReviewChartName, string>>>;

/** A chart in the review's document: an SVG shown as a figure, or a file linked as an image. */
export type ReviewChart = { readonly svg: string } | { readonly file: string };

/** Options of {@link scanReviewDocument}. */
export interface ScanReviewDocumentOptions {
  /** The charts to show; a chart not given is left out. */
  readonly charts?: Readonly<Partial<Record<ReviewChartName, ReviewChart>>>;
}

/** Alt text (Markdown image) and caption (HTML figure) of each chart. */
const CHART_TEXT: Readonly<Record<ReviewChartName, { alt: string; caption: string }>> = {
  gains: {
    alt: 'Gains curves',
    caption:
      'Gains curves: share of cases captured against the share of clients selected by score.',
  },
  calibration: {
    alt: 'Calibration',
    caption: 'Observed share against mean predicted probability per risk decile.',
  },
  drift: {
    alt: 'Drift per feature',
    caption: 'Population stability index per feature and for the score.',
  },
  subgroups: {
    alt: 'Capture per subgroup',
    caption: "Capture of each group's cases at the national top-10 % threshold.",
  },
};

const pct = (x: number) => formatPercent(x, 1);

/** A p-value to two significant digits, "< 0.0001" below that; '' when not finite. */
function pValue(p: number): string {
  if (!Number.isFinite(p)) return '';
  return p < 0.0001 ? '< 0.0001' : formatPrecision(p, 2);
}

/** "p = 0.034" or "p < 0.0001", for running text. */
function pIs(p: number): string {
  const t = pValue(p);
  return t.startsWith('<') ? `p ${t}` : `p = ${t}`;
}

/** A difference with its sign always written: "+0.000", "−0.003". */
function signed(x: number, digits: number): string {
  return `${x >= 0 ? '+' : '−'}${formatNumber(Math.abs(x), digits)}`;
}

/** An estimate with its interval: "0.978 [0.962, 0.993]", or in pp: "2.6 pp [1.2 pp, 4.1 pp]". */
function withInterval(e: Estimate, digits = 3, asPp = false): string {
  const f = (x: number) => (asPp ? formatPp(x, digits) : formatNumber(x, digits));
  return `${f(e.estimate)} [${f(e.ci[0])}, ${f(e.ci[1])}]`;
}

/** A column: numbers right-aligned; text columns hold cells already formatted here. */
function column(id: string, format: CellFormat, label = id): Column {
  return { id, label, format };
}

const text = (id: string, label = id) => column(id, 'text', label);
/** A text column holding formatted numbers ("0.805 [0.801, 0.809]"): right-aligned as numbers. */
const figure = (id: string, label = id): Column => ({
  ...column(id, 'text', label),
  align: 'right',
});
const number = (id: string, label = id) => column(id, 'auto', label);
const percent = (id: string, label = id) => column(id, 'percent', label);
const ratio = (id: string, label = id) => column(id, 'stat', label);

/** An interval "[lo, hi]" in the given number format; '' when absent or not finite. */
function interval(ci: readonly [number, number] | null, f: (x: number) => string): string {
  if (ci === null || !Number.isFinite(ci[0]) || !Number.isFinite(ci[1])) return '';
  return `[${f(ci[0])}, ${f(ci[1])}]`;
}

const num3 = (x: number) => formatNumber(x, 3);
const withCi = (x: number, ci: readonly [number, number] | null, f: (x: number) => string) =>
  `${f(x)} ${interval(ci, f)}`.trim();

const STATUS_WORDS: Readonly<Record<CheckStatus, string>> = {
  pass: 'pass',
  attention: 'attention',
  fail: 'fail',
};

function verdictFigure(v: VerdictRow): { value: string; ci: string } {
  const f =
    v.format === 'percent'
      ? pct
      : v.format === 'pp'
        ? (x: number) => formatPp(x, 1)
        : v.format === 'p'
          ? pValue
          : v.format === 'count'
            ? formatGeneral
            : num3;
  return { value: f(v.value), ci: interval(v.ci, f) };
}

function verdictBlocks(r: ScanReviewData, lvl: string): Block[] {
  const counts = (['fail', 'attention', 'pass'] as const).map(
    (s) => `${r.verdict.filter((v) => v.status === s).length} ${s}`,
  );
  return [
    heading('Verdict', 2),
    paragraph(
      `Each check on ${r.current.label}, scored by the scan under review (${r.current.sample === 'out-of-sample' ? `fitted on ${r.previous.label}: out of sample` : r.current.sample}): ${counts.join(', ')}. Fail: the whole ${lvl} interval lies past the threshold; attention: the figure is past it but the interval reaches it, or a subgroup flag that is not a finding after Holm's correction.`,
    ),
    table(
      'verdict',
      [
        text('check'),
        figure('figure'),
        figure('ci', `${lvl} CI`),
        text('threshold'),
        text('status'),
        text('words', 'in plain words'),
      ],
      r.verdict.map((v) => {
        const f = verdictFigure(v);
        return {
          check: v.check,
          figure: f.value,
          ci: f.ci,
          threshold: v.bound,
          status: STATUS_WORDS[v.status],
          words: v.words,
        };
      }),
    ),
  ];
}

function table(id: string, columns: readonly Column[], rows: Table['rows']): Block {
  return { kind: 'table', table: { id, title: '', columns, rows } };
}

const heading = (text: string, level: 1 | 2 | 3): Block => ({ kind: 'heading', text, level });
const paragraph = (text: string): Block => ({ kind: 'paragraph', text });

function chartBlocks(name: ReviewChartName, options: ScanReviewDocumentOptions): Block[] {
  const chart = options.charts?.[name];
  if (!chart) return [];
  const { alt, caption } = CHART_TEXT[name];
  return 'svg' in chart
    ? [{ kind: 'figure', svg: chart.svg, caption }]
    : [paragraph(`![${alt}](${chart.file})`)];
}

/** The previous year's calibration when the scan was fitted on it: perfect by construction. */
function inSample(y: YearMetrics, figureText: string): string {
  return y.sample === 'in-sample' ? `${figureText} (in-sample, by construction)` : figureText;
}

function summaryBlocks(r: ScanReviewData, lvl: string): Block[] {
  const c = r.current;
  const p = r.previous;
  const d = r.drift;
  const rows: [string, string, string, string, string][] = [
    [
      'capture in the top 10 %',
      withCi(p.capture10, p.top10.ci, pct),
      withCi(c.capture10, c.top10.ci, pct),
      formatPp(d.capture10.estimate),
      pValue(d.capture10.pValue),
    ],
    [
      'capture in the top 20 %',
      withCi(p.capture20, p.top20.ci, pct),
      withCi(c.capture20, c.top20.ci, pct),
      formatPp(d.capture20.estimate),
      pValue(d.capture20.pValue),
    ],
    [
      'AUC',
      withCi(p.auc.estimate, p.auc.ci, num3),
      withCi(c.auc.estimate, c.auc.ci, num3),
      signed(d.auc.estimate, 3),
      pValue(d.auc.pValue),
    ],
    [
      'observed rate',
      withCi(p.observedRate, p.observedRateCi, pct),
      withCi(c.observedRate, c.observedRateCi, pct),
      formatPp(d.observedRate.estimate),
      pValue(d.observedRate.pValue),
    ],
    [
      'mean predicted',
      pct(p.meanPredicted),
      pct(c.meanPredicted),
      formatPp(c.meanPredicted - p.meanPredicted),
      '',
    ],
    [
      'top-decile threshold (lowest score in the top 10 %)',
      pct(p.topDecileThreshold),
      pct(c.topDecileThreshold),
      '',
      '',
    ],
    [
      `share with a score below ${pct(r.config.riskCutoff)}`,
      pct(p.shareBelowCutoff),
      pct(c.shareBelowCutoff),
      '',
      '',
    ],
    [
      'observed / expected cases',
      inSample(p, withCi(p.calibration.observedExpectedRatio, p.observedExpectedCi, num3)),
      withCi(c.calibration.observedExpectedRatio, c.observedExpectedCi, num3),
      '',
      '',
    ],
    [
      'calibration intercept',
      inSample(p, withCi(p.calibration.intercept.estimate, p.calibration.intercept.ci, num3)),
      withCi(c.calibration.intercept.estimate, c.calibration.intercept.ci, num3),
      '',
      '',
    ],
    [
      'calibration slope',
      inSample(p, withCi(p.calibration.slope.estimate, p.calibration.slope.ci, num3)),
      withCi(c.calibration.slope.estimate, c.calibration.slope.ci, num3),
      '',
      '',
    ],
    [
      'Brier score',
      withCi(p.calibration.brier, p.brierCi, (x) => formatNumber(x, 4)),
      withCi(c.calibration.brier, c.brierCi, (x) => formatNumber(x, 4)),
      '',
      '',
    ],
    ['PSI of the score', '', formatNumber(d.score.psi, 3), '', ''],
  ];
  return [
    heading('Summary', 2),
    table(
      'summary',
      [
        text('metric'),
        figure(
          'previous',
          `${p.label} [${lvl} CI]${p.sample === 'in-sample' ? ', in-sample' : ''}`,
        ),
        figure(
          'current',
          `${c.label} [${lvl} CI]${c.sample === 'out-of-sample' ? ', out of sample' : ''}`,
        ),
        figure('change'),
        figure('p'),
      ],
      rows.map(([metric, previous, current, change, pv]) => ({
        metric,
        previous,
        current,
        change,
        p: pv,
      })),
    ),
    heading(
      `Flags (${r.flags.length}: ${r.flags.filter((f) => f.status === 'fail').length} fail, ${r.flags.filter((f) => f.status === 'attention').length} attention)`,
      3,
    ),
    r.flags.length === 0
      ? paragraph('Every number lies within the configured thresholds.')
      : {
          kind: 'list',
          items: r.flags.map((f) => `**${f.metric}** (${f.bound}; ${f.status}): ${f.message}`),
        },
    ...(r.warnings.length > 0
      ? [paragraph('Warnings:'), { kind: 'list' as const, items: r.warnings }]
      : []),
  ];
}

function discriminationBlocks(r: ScanReviewData, lvl: string): Block[] {
  const c = r.current;
  const p = r.previous;
  const d = r.drift;
  return [
    heading('Discrimination', 2),
    table(
      'discrimination',
      [
        text('year'),
        figure('auc', 'AUC'),
        figure('ci', `${lvl} CI (DeLong)`),
        figure('se', 'SE'),
        column('cases', 'int'),
        column('controls', 'int', 'non-cases'),
        percent('capture10', 'capture top 10 %'),
        figure('capture10Ci', `${lvl} CI (Wilson)`),
        percent('capture20', 'capture top 20 %'),
        figure('capture20Ci', `${lvl} CI (Wilson)`),
      ],
      [p, c, ...(r.refit ? [r.refit.metrics] : [])].map((y) => ({
        year: y.label,
        auc: formatNumber(y.auc.estimate, 4),
        ci: `${formatNumber(y.auc.ci[0], 4)} – ${formatNumber(y.auc.ci[1], 4)}`,
        se: formatNumber(y.auc.stdError, 4),
        cases: y.auc.cases,
        controls: y.auc.controls,
        capture10: y.capture10,
        capture10Ci: interval(y.top10.ci, pct),
        capture20: y.capture20,
        capture20Ci: interval(y.top20.ci, pct),
      })),
    ),
    paragraph(
      `Change ${c.label} − ${p.label}: AUC ${withInterval(d.auc, 4)} (unpaired DeLong, t on ${formatGeneral(Math.round(d.auc.df))} df, ${pIs(d.auc.pValue)}); capture top 10 % ${withInterval(d.capture10, 1, true)} (${pIs(d.capture10.pValue)}); top 20 % ${withInterval(d.capture20, 1, true)} (${pIs(d.capture20.pValue)}).`,
    ),
  ];
}

function gainsBlock(y: YearMetrics): Block {
  return table(
    `gains_${y.label}`,
    [
      number('decile'),
      number('clients'),
      number('cases'),
      percent('observedRate', 'observed rate'),
      percent('meanScore', 'mean score'),
      percent('capture', 'cumulative capture'),
      ratio('lift', 'cumulative lift'),
      ratio('decileLift', 'decile lift'),
    ],
    y.gains.map((g) => ({
      decile: g.decile,
      clients: Math.round(g.clients),
      // Cases are fractional where ties straddle a decile boundary: two decimals at most.
      cases: Math.round(g.cases * 100) / 100,
      observedRate: g.observedRate,
      meanScore: g.meanScore,
      capture: g.capture,
      lift: g.lift,
      decileLift: g.decileLift,
    })),
  );
}

function calibrationBlocks(r: ScanReviewData, lvl: string): Block[] {
  const summary = table(
    'calibration',
    [
      text('year'),
      text('oe', 'observed / expected'),
      text('intercept', `intercept [${lvl} CI]`),
      text('slope', `slope [${lvl} CI]`),
      text('brier', 'Brier'),
      text('brierScaled', 'scaled Brier'),
      ratio('hl', 'Hosmer–Lemeshow Ĉ'),
      number('df'),
      text('p'),
    ],
    [r.previous, r.current].map((y) => {
      const k = y.calibration;
      return {
        year: y.label,
        oe: formatNumber(k.observedExpectedRatio, 3),
        intercept: withInterval(k.intercept),
        slope: withInterval(k.slope),
        brier: formatNumber(k.brier, 5),
        brierScaled: formatNumber(k.brierScaled, 3),
        hl: k.hosmerLemeshow.statistic,
        df: k.hosmerLemeshow.df,
        p: pValue(k.hosmerLemeshow.pValue),
      };
    }),
  );
  const deciles = (y: YearMetrics): Block[] => [
    heading(`Observed versus predicted per risk decile, ${y.label}`, 3),
    table(
      `calibration_${y.label}`,
      [
        number('decile'),
        number('clients'),
        number('observed'),
        number('expected'),
        percent('observedRate', 'observed rate'),
        percent('meanPredicted', 'mean predicted'),
        ratio('oe', 'O/E'),
      ],
      y.calibration.rows.map((row) => ({
        decile: row.decile,
        clients: row.n,
        observed: row.observed,
        expected: Math.round(row.expected * 10) / 10,
        observedRate: row.observedRate,
        meanPredicted: row.meanPredicted,
        oe: row.observed / row.expected,
      })),
    ),
  ];
  return [summary, ...deciles(r.current), ...deciles(r.previous)];
}

/** Rounded to four significant digits, kept a number (so a whole result is grouped: "2,037"). */
const significant4 = (x: number | undefined): Cell =>
  x === undefined ? null : Number(x.toPrecision(4));

function driftBlock(r: ScanReviewData): Block {
  return table(
    'drift',
    [
      text('variable'),
      text('psi', 'PSI'),
      text('level'),
      number('bins'),
      number('meanPrevious', `mean ${r.previous.label}`),
      number('meanCurrent', `mean ${r.current.label}`),
    ],
    [...r.drift.features, r.drift.score].map((f) => ({
      variable: f.variable,
      psi: formatNumber(f.psi, 4),
      level: f.level,
      bins: f.bins.length,
      meanPrevious: significant4(f.meanExpected),
      meanCurrent: significant4(f.meanActual),
    })),
  );
}

function subgroupBlocks(r: ScanReviewData): Block[] {
  return r.subgroups.flatMap((s) => [
    heading(`${s.variable} (${r.current.label}; reference: ${s.reference})`, 3),
    table(
      `subgroups_${s.variable}`,
      [
        text('group'),
        number('clients'),
        number('cases'),
        percent('observedRate', 'observed rate'),
        percent('meanPredicted', 'mean predicted'),
        ratio('oe', 'O/E'),
        percent('selected'),
        percent('capture'),
        text('captureGap', 'capture gap'),
        text('auc', 'AUC'),
        text('aucGap', 'AUC gap'),
        ratio('intercept', 'calibration intercept'),
        text('note'),
      ],
      s.rows.map((row) => ({
        group: row.group,
        clients: row.n,
        cases: row.cases,
        observedRate: row.observedRate,
        meanPredicted: row.meanPredicted,
        oe: row.observedExpectedRatio,
        selected: row.selected,
        capture: row.capture,
        captureGap: row.captureDifference
          ? `${formatPp(row.captureDifference.estimate)} (p ${pValue(row.captureDifference.pValue)})`
          : '',
        auc: row.auc ? formatNumber(row.auc.estimate, 3) : '',
        aucGap: row.aucDifference
          ? `${signed(row.aucDifference.estimate, 3)} (p ${pValue(row.aucDifference.pValue)})`
          : '',
        intercept: row.calibrationIntercept?.estimate ?? null,
        note: row.note ?? '',
      })),
    ),
  ]);
}

function refitBlocks(r: ScanReviewData, lvl: string): Block[] {
  const f = r.refit;
  if (!f) return [];
  const t = f.comparison;
  const d = t.difference;
  const c = r.current;
  const row = (name: string, y: YearMetrics) => ({
    model: name,
    auc: withCi(y.auc.estimate, y.auc.ci, num3),
    capture10: withCi(y.capture10, y.top10.ci, pct),
    intercept: withCi(y.calibration.intercept.estimate, y.calibration.intercept.ci, num3),
    slope: withCi(y.calibration.slope.estimate, y.calibration.slope.ci, num3),
    oe: formatNumber(y.calibration.observedExpectedRatio, 3),
  });
  return [
    heading(`The scan against a refit on ${c.label}`, 2),
    paragraph(
      `The scan under review is scored on ${c.label} out of sample; the refit is fitted on ${c.label} itself, so its figures are in-sample and optimistic (its calibration is perfect by construction). Paired DeLong test on the same ${formatGeneral(c.n)} clients: AUC refit − scan ${withInterval(d, 4)}, z = ${formatNumber(t.statistic, 2)}, ${pIs(t.pValue)}${t.correlation === null ? '' : `; correlation of the two AUC estimates ${formatNumber(t.correlation, 3)}`}.`,
    ),
    table(
      'refit',
      [
        text('model'),
        figure('auc', `AUC [${lvl} CI]`),
        figure('capture10', `capture top 10 % [${lvl} CI]`),
        figure('intercept', `calibration intercept [${lvl} CI]`),
        figure('slope', `calibration slope [${lvl} CI]`),
        figure('oe', 'observed / expected'),
      ],
      [
        row(`the scan (fitted on ${r.previous.label}), out of sample`, c),
        row(`refit on ${c.label}, in-sample`, f.metrics),
      ],
    ),
    paragraph(`Separation in the refit: ${f.separation.note}.`),
  ];
}

function fairnessBlocks(r: ScanReviewData, lvl: string): Block[] {
  if (r.fairness.length === 0) return [];
  const rate = (m: FairnessMetric) => withCi(m.value, Number.isFinite(m.value) ? m.ci : null, pct);
  const ratioText = (m: FairnessMetric) =>
    m.ratio === null ? '' : withCi(m.ratio, m.ratioCi, (x) => formatNumber(x, 2));
  const [lo, hi] = r.config.thresholds.fairnessRatioRange;
  return [
    heading('Fairness of the selection', 2),
    paragraph(
      `Selection: the national top 10 % of ${r.current.label} by score. Per group: selection rate (demographic parity), true-positive rate = share of the group's cases selected (equal opportunity), positive predictive value = share of the group's selected who are cases (predictive parity), false-positive rate = share of the group's non-cases selected; ${lvl} Wilson intervals, and the ratio to the overall value with a delta-method interval. A ratio outside [${lo}, ${hi}] is flagged when the group has at least ${r.config.thresholds.subgroupMinCases} cases; flags are tested (group against all other clients) and Holm-adjusted together with the subgroup flags.`,
    ),
    ...r.fairness.flatMap((f) => [
      heading(
        `${f.variable} (${r.current.label}; overall: selection ${pct(f.overall.selectionRate)}, TPR ${pct(f.overall.truePositiveRate)}, PPV ${pct(f.overall.positivePredictiveValue)}, FPR ${pct(f.overall.falsePositiveRate)})`,
        3,
      ),
      table(
        `fairness_${f.variable}`,
        [
          text('group'),
          number('clients'),
          number('cases'),
          ...FAIRNESS_METRICS.map(({ name, label }) => figure(name, `${label} [${lvl} CI]`)),
        ],
        f.rows.map((row) => ({
          group: row.group,
          clients: row.n,
          cases: row.cases,
          ...Object.fromEntries(
            FAIRNESS_METRICS.map(({ name }) => [name, rate(row.metrics[name])]),
          ),
        })),
      ),
      paragraph(`Ratio to the overall value (${f.variable}), ${lvl} CI:`),
      table(
        `fairness_${f.variable}_ratio`,
        [
          text('group'),
          ...FAIRNESS_METRICS.map(({ name, label, criterion }) =>
            figure(name, `${label} (${criterion})`),
          ),
        ],
        f.rows.map((row) => ({
          group: row.group,
          ...Object.fromEntries(
            FAIRNESS_METRICS.map(({ name }) => [name, ratioText(row.metrics[name])]),
          ),
        })),
      ),
    ]),
  ];
}

function weeklyBlocks(r: ScanReviewData): Block[] {
  const w = r.weekly;
  if (!w) return [];
  const shown = w.perWeek.filter((x) => x.week % 4 === 0 || x.week === w.weeks);
  return [
    heading('Weekly re-scoring', 2),
    paragraph(
      `Re-scoring ${r.current.label}'s clients weekly for ${w.weeks} weeks at the ${r.previous.label} top-decile threshold (${pct(w.threshold)}): ${formatGeneral(w.atStart)} clients are in the top decile at week 0; ${formatGeneral(w.ever)} enter it at some week while on WW.`,
    ),
    table(
      'weekly',
      [
        number('week'),
        number('onWw', 'on WW'),
        number('inTopDecile', 'in top decile'),
        percent('share', 'share in top decile'),
        number('entered', 'entered this week'),
      ],
      shown.map((x) => ({
        week: x.week,
        onWw: x.onWw,
        inTopDecile: x.inTopDecile,
        share: x.onWw > 0 ? x.inTopDecile / x.onWw : null,
        entered: x.enteredThisWeek,
      })),
    ),
  ];
}

function modelBlocks(r: ScanReviewData): Block[] {
  if (!r.coefficients) return [];
  return [
    heading('The scan model', 2),
    ...(r.separation
      ? [
          paragraph(
            `Separation and rare levels (fit on ${r.previous.label}): ${r.separation.note}.`,
          ),
        ]
      : []),
    table(
      'coefficients',
      [text('term'), number('estimate'), number('se', 'SE'), number('z'), text('p')],
      r.coefficients.map((k) => ({
        term: k.term,
        estimate: k.estimate,
        se: k.stdError,
        z: k.statistic,
        p: pValue(k.pValue),
      })),
    ),
  ];
}

/**
 * The review as one document: title and data, summary with the flags, discrimination, gains and
 * lift per decile, calibration, drift, subgroups, weekly re-scoring, the scan model, methods and
 * thresholds. Charts are placed where `options.charts` gives them: an SVG as a figure (HTML), a
 * file name as a linked image (Markdown).
 *
 * @example
 * documentMarkdown(scanReviewDocument(review, { charts: { gains: { file: 'gains.svg' } } }));
 */
export function scanReviewDocument(
  r: ScanReviewData,
  options: ScanReviewDocumentOptions = {},
): Document {
  const c = r.current;
  const p = r.previous;
  const lvl = formatPercent(r.config.level, 0);
  return [
    heading(r.title, 1),
    ...(r.synthetic
      ? [
          {
            kind: 'note' as const,
            text: 'Synthetic data: every number below comes from generated clients who describe no real person; it shows how the review reads, not how the scan performs.',
          },
        ]
      : []),
    paragraph(
      `${c.label}: ${formatGeneral(c.n)} clients, ${formatGeneral(c.cases)} flowed into bijstand (${pct(c.observedRate)}). ${p.label}: ${formatGeneral(p.n)} clients, ${formatGeneral(p.cases)} (${pct(p.observedRate)}).`,
    ),
    paragraph(`Scores: ${r.scoring}.`),
    paragraph(`Evaluation sample: ${r.evaluation.statement}`),
    ...verdictBlocks(r, lvl),
    ...summaryBlocks(r, lvl),
    ...discriminationBlocks(r, lvl),
    ...refitBlocks(r, lvl),
    ...chartBlocks('gains', options),
    heading('Gains and lift per decile', 2),
    ...[c, p].flatMap((y) => [heading(y.label, 3), gainsBlock(y)]),
    heading('Calibration', 2),
    ...chartBlocks('calibration', options),
    ...calibrationBlocks(r, lvl),
    heading(`Drift between ${p.label} and ${c.label}`, 2),
    ...chartBlocks('drift', options),
    driftBlock(r),
    heading('Subgroups', 2),
    ...chartBlocks('subgroups', options),
    ...subgroupBlocks(r),
    ...fairnessBlocks(r, lvl),
    ...weeklyBlocks(r),
    ...modelBlocks(r),
    heading('Methods', 2),
    { kind: 'list', items: r.methods.map((m) => `**${m.topic}.** ${m.text}`) },
    heading('Thresholds', 2),
    table(
      'thresholds',
      [text('key'), text('value')],
      Object.entries(r.config.thresholds).map(([key, value]) => ({
        key,
        // The configured values as written in the config, not rounded.
        value: Array.isArray(value) ? `[${value.join(', ')}]` : String(value),
      })),
    ),
  ];
}

/**
 * The review as Markdown (its document through `documentMarkdown`); charts are linked as images
 * when `charts` names their files.
 *
 * @example
 * scanReviewMarkdown(review, { gains: 'gains.svg' }); // "# Yearly review of the risk scan …"
 */
export function scanReviewMarkdown(r: ScanReviewData, charts: ReviewChartFiles = {}): string {
  const linked = Object.fromEntries(
    Object.entries(charts).map(([name, file]) => [name, { file }]),
  ) as Partial<Record<ReviewChartName, ReviewChart>>;
  return documentMarkdown(scanReviewDocument(r, { charts: linked }));
}

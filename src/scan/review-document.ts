/**
 * The yearly risk-scan review as one document (`src/table/index.ts`): summary and flags, a
 * table per section, charts, the methods and the thresholds, in English (default) or Dutch
 * (`lang`). `review.md`, `review.html`, the review's `toMarkdown()`, `toHTML()` and its display
 * are all written from it; numbers are formatted only by `formatCell` and the primitives of
 * `src/format.ts`, in the language's number style (`review-format.ts`); the texts are
 * `review-document-texts.ts`, `review-check-texts.ts` and `review-data-texts.ts`.
 */
import { formatPercent } from '../format.js';
import { type Language, parseLanguage, textOf } from '../language.js';
import type { Estimate } from '../stats/estimate.js';
import { type AllKeys, rejectUnknownKeys } from '../stats/option-keys.js';
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
import { reviewFlags, reviewVerdict, type VerdictRow } from './review-checks.js';
import {
  driftLevelText,
  fairnessText,
  reviewEvaluationText,
  reviewMethodsText,
  reviewScoringText,
  reviewTitleText,
  reviewWarningText,
  separationNoteText,
  subgroupNoteText,
} from './review-data-texts.js';
import {
  REVIEW_DOCUMENT_TEXTS,
  type ReviewChartName,
  type ReviewDocumentTexts,
} from './review-document-texts.js';
import { type ReviewFormat, reviewFormat } from './review-format.js';

export type { ReviewChartName } from './review-document-texts.js';

/** Names of chart files to link from the Markdown (written next to it by the CLI). */
export type ReviewChartFiles = Readonly<Partial<Record<ReviewChartName, string>>>;

/** A chart in the review's document: an SVG shown as a figure, or a file linked as an image. */
export type ReviewChart = { readonly svg: string } | { readonly file: string };

/** Options of {@link scanReviewDocument}. */
export interface ScanReviewDocumentOptions {
  /** The charts to show; a chart not given is left out. */
  readonly charts?: Readonly<Partial<Record<ReviewChartName, ReviewChart>>>;
  /**
   * Language of the document (default `en`): headings, labels, sentences, flags and verdict,
   * numbers in the language's style ("0,978 [0,962; 0,993]", "34,3%", "procentpunt"). The
   * review's data (and its JSON) stay English; the Dutch texts are rebuilt from its numbers.
   */
  readonly lang?: Language;
}

const SCAN_REVIEW_DOCUMENT_KEYS: AllKeys<ScanReviewDocumentOptions> = {
  charts: true,
  lang: true,
};

/** Options of {@link scanReviewMarkdown}. */
export interface ScanReviewMarkdownOptions {
  /** Language of the Markdown (default `en`), as {@link ScanReviewDocumentOptions.lang}. */
  readonly lang?: Language;
}

const SCAN_REVIEW_MARKDOWN_KEYS: AllKeys<ScanReviewMarkdownOptions> = { lang: true };

/** What every section builder takes: the review, the level ("95 %"), texts and formats. */
interface Ctx {
  readonly r: ScanReviewData;
  readonly lvl: string;
  readonly t: ReviewDocumentTexts;
  readonly f: ReviewFormat;
  readonly lang: Language;
}

/** An estimate with its interval: "0.978 [0.962, 0.993]", or in pp: "2.6 pp [1.2 pp, 4.1 pp]". */
function withInterval(f: ReviewFormat, e: Estimate, digits = 3, asPp = false): string {
  const g = (x: number) => (asPp ? f.pp(x, digits) : f.num(x, digits));
  return `${g(e.estimate)} ${f.pair(g(e.ci[0]), g(e.ci[1]))}`;
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
function interval(
  f: ReviewFormat,
  ci: readonly [number, number] | null,
  g: (x: number) => string,
): string {
  if (ci === null || !Number.isFinite(ci[0]) || !Number.isFinite(ci[1])) return '';
  return f.pair(g(ci[0]), g(ci[1]));
}

const withCi = (
  f: ReviewFormat,
  x: number,
  ci: readonly [number, number] | null,
  g: (x: number) => string,
) => `${g(x)} ${interval(f, ci, g)}`.trim();

function verdictFigure(f: ReviewFormat, v: VerdictRow): { value: string; ci: string } {
  const g =
    v.format === 'percent'
      ? (x: number) => f.pct(x)
      : v.format === 'pp'
        ? (x: number) => f.pp(x, 1)
        : v.format === 'p'
          ? f.p
          : v.format === 'count'
            ? f.general
            : (x: number) => f.num(x, 3);
  return { value: g(v.value), ci: interval(f, v.ci, g) };
}

/** The flags and verdict in the document's language (the review's own are English). */
function judgement(r: ScanReviewData, lang: Language) {
  if (lang === 'en') return { flags: r.flags, verdict: r.verdict };
  const flags = reviewFlags(r, lang);
  return { flags, verdict: reviewVerdict(r, flags, lang) };
}

function verdictBlocks({ r, lvl, t, f }: Ctx, verdict: readonly VerdictRow[]): Block[] {
  const counts = (['fail', 'attention', 'pass'] as const).map(
    (s) => `${verdict.filter((v) => v.status === s).length} ${t.status[s]}`,
  );
  const sample =
    r.current.sample === 'out-of-sample'
      ? t.outOfSampleFitted(r.previous.label)
      : t.sampleWord(r.current.sample);
  return [
    heading(t.verdict, 2),
    paragraph(t.verdictIntro(r.current.label, sample, counts.join(', '), lvl)),
    table(
      'verdict',
      [
        text('check', t.check),
        figure('figure', t.figure),
        figure('ci', t.ci(lvl)),
        text('threshold', t.threshold),
        text('status', t.statusColumn),
        text('words', t.words),
      ],
      verdict.map((v) => {
        const g = verdictFigure(f, v);
        return {
          check: v.check,
          figure: g.value,
          ci: g.ci,
          threshold: v.bound,
          status: t.status[v.status],
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

function chartBlocks(
  name: ReviewChartName,
  options: ScanReviewDocumentOptions,
  t: ReviewDocumentTexts,
): Block[] {
  const chart = options.charts?.[name];
  if (!chart) return [];
  const { alt, caption } = t.charts[name];
  return 'svg' in chart
    ? [{ kind: 'figure', svg: chart.svg, caption }]
    : [paragraph(`![${alt}](${chart.file})`)];
}

function summaryBlocks({ r, lvl, t, f, lang }: Ctx, flags: ScanReviewData['flags']): Block[] {
  const c = r.current;
  const p = r.previous;
  const d = r.drift;
  const m = t.metrics;
  const pct = (x: number) => f.pct(x);
  const num3 = (x: number) => f.num(x, 3);
  /** The previous year's calibration when the scan was fitted on it: perfect by construction. */
  const inSample = (y: YearMetrics, figureText: string) =>
    y.sample === 'in-sample' ? t.inSampleByConstruction(figureText) : figureText;
  const rows: [string, string, string, string, string][] = [
    [
      m.capture('10'),
      withCi(f, p.capture10, p.top10.ci, pct),
      withCi(f, c.capture10, c.top10.ci, pct),
      f.pp(d.capture10.estimate),
      f.p(d.capture10.pValue),
    ],
    [
      m.capture('20'),
      withCi(f, p.capture20, p.top20.ci, pct),
      withCi(f, c.capture20, c.top20.ci, pct),
      f.pp(d.capture20.estimate),
      f.p(d.capture20.pValue),
    ],
    [
      m.auc,
      withCi(f, p.auc.estimate, p.auc.ci, num3),
      withCi(f, c.auc.estimate, c.auc.ci, num3),
      f.signed(d.auc.estimate, 3),
      f.p(d.auc.pValue),
    ],
    [
      m.observedRate,
      withCi(f, p.observedRate, p.observedRateCi, pct),
      withCi(f, c.observedRate, c.observedRateCi, pct),
      f.pp(d.observedRate.estimate),
      f.p(d.observedRate.pValue),
    ],
    [
      m.meanPredicted,
      pct(p.meanPredicted),
      pct(c.meanPredicted),
      f.pp(c.meanPredicted - p.meanPredicted),
      '',
    ],
    [m.topDecileThreshold, pct(p.topDecileThreshold), pct(c.topDecileThreshold), '', ''],
    [
      m.shareBelow(pct(r.config.riskCutoff)),
      pct(p.shareBelowCutoff),
      pct(c.shareBelowCutoff),
      '',
      '',
    ],
    [
      m.observedExpected,
      inSample(p, withCi(f, p.calibration.observedExpectedRatio, p.observedExpectedCi, num3)),
      withCi(f, c.calibration.observedExpectedRatio, c.observedExpectedCi, num3),
      '',
      '',
    ],
    [
      m.intercept,
      inSample(p, withCi(f, p.calibration.intercept.estimate, p.calibration.intercept.ci, num3)),
      withCi(f, c.calibration.intercept.estimate, c.calibration.intercept.ci, num3),
      '',
      '',
    ],
    [
      m.slope,
      inSample(p, withCi(f, p.calibration.slope.estimate, p.calibration.slope.ci, num3)),
      withCi(f, c.calibration.slope.estimate, c.calibration.slope.ci, num3),
      '',
      '',
    ],
    [
      m.brier,
      withCi(f, p.calibration.brier, p.brierCi, (x) => f.num(x, 4)),
      withCi(f, c.calibration.brier, c.brierCi, (x) => f.num(x, 4)),
      '',
      '',
    ],
    [m.psiScore, '', f.num(d.score.psi, 3), '', ''],
  ];
  const fails = flags.filter((x) => x.status === 'fail').length;
  const attention = flags.filter((x) => x.status === 'attention').length;
  return [
    heading(t.summary, 2),
    table(
      'summary',
      [
        text('metric', t.metric),
        figure(
          'previous',
          `${p.label} [${t.ci(lvl)}]${p.sample === 'in-sample' ? t.inSample : ''}`,
        ),
        figure(
          'current',
          `${c.label} [${t.ci(lvl)}]${c.sample === 'out-of-sample' ? t.outOfSample : ''}`,
        ),
        figure('change', t.change),
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
    heading(t.flags(flags.length, fails, attention), 3),
    flags.length === 0
      ? paragraph(t.noFlags)
      : {
          kind: 'list',
          items: flags.map(
            (x) => `**${x.metric}** (${x.bound}; ${t.status[x.status]}): ${x.message}`,
          ),
        },
    ...(r.warnings.length > 0
      ? [
          paragraph(t.warnings),
          { kind: 'list' as const, items: r.warnings.map((w) => reviewWarningText(w, lang)) },
        ]
      : []),
  ];
}

function discriminationBlocks({ r, lvl, t, f }: Ctx): Block[] {
  const c = r.current;
  const p = r.previous;
  const d = r.drift;
  const pct = (x: number) => f.pct(x);
  return [
    heading(t.discrimination, 2),
    table(
      'discrimination',
      [
        text('year', t.year),
        figure('auc', 'AUC'),
        figure('ci', t.ciDeLong(lvl)),
        figure('se', 'SE'),
        column('cases', 'int', t.cases),
        column('controls', 'int', t.nonCases),
        percent('capture10', t.captureTop('10')),
        figure('capture10Ci', t.ciWilson(lvl)),
        percent('capture20', t.captureTop('20')),
        figure('capture20Ci', t.ciWilson(lvl)),
      ],
      [p, c, ...(r.refit ? [r.refit.metrics] : [])].map((y, i) => ({
        // The refit's own label is data (`${current} refit`, the same in the JSON of both languages).
        year: i === 2 ? t.refitYear(c.label) : y.label,
        auc: f.num(y.auc.estimate, 4),
        ci: `${f.num(y.auc.ci[0], 4)} ${t.to} ${f.num(y.auc.ci[1], 4)}`,
        se: f.num(y.auc.stdError, 4),
        cases: y.auc.cases,
        controls: y.auc.controls,
        capture10: y.capture10,
        capture10Ci: interval(f, y.top10.ci, pct),
        capture20: y.capture20,
        capture20Ci: interval(f, y.top20.ci, pct),
      })),
    ),
    paragraph(
      t.changeLine(
        c.label,
        p.label,
        withInterval(f, d.auc, 4),
        f.general(Math.round(d.auc.df)),
        f.pIs(d.auc.pValue),
        withInterval(f, d.capture10, 1, true),
        f.pIs(d.capture10.pValue),
        withInterval(f, d.capture20, 1, true),
        f.pIs(d.capture20.pValue),
      ),
    ),
  ];
}

function gainsBlock(t: ReviewDocumentTexts, y: YearMetrics): Block {
  return table(
    `gains_${y.label}`,
    [
      number('decile', t.decile),
      number('clients', t.clients),
      number('cases', t.cases),
      percent('observedRate', t.observedRate),
      percent('meanScore', t.meanScore),
      percent('capture', t.cumulativeCapture),
      ratio('lift', t.cumulativeLift),
      ratio('decileLift', t.decileLift),
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

function calibrationBlocks({ r, lvl, t, f }: Ctx): Block[] {
  const summary = table(
    'calibration',
    [
      text('year', t.year),
      text('oe', t.observedExpected),
      text('intercept', t.interceptCi(lvl)),
      text('slope', t.slopeCi(lvl)),
      text('brier', t.brier),
      text('brierScaled', t.scaledBrier),
      ratio('hl', 'Hosmer–Lemeshow Ĉ'),
      number('df', t.df),
      text('p'),
    ],
    [r.previous, r.current].map((y) => {
      const k = y.calibration;
      return {
        year: y.label,
        oe: f.num(k.observedExpectedRatio, 3),
        intercept: withInterval(f, k.intercept),
        slope: withInterval(f, k.slope),
        brier: f.num(k.brier, 5),
        brierScaled: f.num(k.brierScaled, 3),
        hl: k.hosmerLemeshow.statistic,
        df: k.hosmerLemeshow.df,
        p: f.p(k.hosmerLemeshow.pValue),
      };
    }),
  );
  const deciles = (y: YearMetrics): Block[] => [
    heading(t.perDecile(y.label), 3),
    table(
      `calibration_${y.label}`,
      [
        number('decile', t.decile),
        number('clients', t.clients),
        number('observed', t.observed),
        number('expected', t.expected),
        percent('observedRate', t.observedRate),
        percent('meanPredicted', t.meanPredicted),
        ratio('oe', t.oe),
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

function driftBlock({ r, t, f, lang }: Ctx): Block {
  return table(
    'drift',
    [
      text('variable', t.variable),
      text('psi', 'PSI'),
      text('level', t.level),
      number('bins', t.bins),
      number('meanPrevious', t.mean(r.previous.label)),
      number('meanCurrent', t.mean(r.current.label)),
    ],
    [...r.drift.features, r.drift.score].map((x) => ({
      variable: x.variable,
      psi: f.num(x.psi, 4),
      level: driftLevelText(x.level, lang),
      bins: x.bins.length,
      meanPrevious: significant4(x.meanExpected),
      meanCurrent: significant4(x.meanActual),
    })),
  );
}

function subgroupBlocks({ r, t, f, lang }: Ctx): Block[] {
  return r.subgroups.flatMap((s) => [
    heading(t.subgroupHeading(s.variable, r.current.label, s.reference), 3),
    table(
      `subgroups_${s.variable}`,
      [
        text('group', t.group),
        number('clients', t.clients),
        number('cases', t.cases),
        percent('observedRate', t.observedRate),
        percent('meanPredicted', t.meanPredicted),
        ratio('oe', t.oe),
        percent('selected', t.selected),
        percent('capture', t.capture),
        text('captureGap', t.captureGap),
        text('auc', 'AUC'),
        text('aucGap', t.aucGap),
        ratio('intercept', t.calibrationIntercept),
        text('note', t.note),
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
          ? `${f.pp(row.captureDifference.estimate)} (p ${f.p(row.captureDifference.pValue)})`
          : '',
        auc: row.auc ? f.num(row.auc.estimate, 3) : '',
        aucGap: row.aucDifference
          ? `${f.signed(row.aucDifference.estimate, 3)} (p ${f.p(row.aucDifference.pValue)})`
          : '',
        intercept: row.calibrationIntercept?.estimate ?? null,
        note: row.note === undefined ? '' : subgroupNoteText(row.note, lang),
      })),
    ),
  ]);
}

function refitBlocks({ r, lvl, t, f, lang }: Ctx): Block[] {
  const x = r.refit;
  if (!x) return [];
  const cmp = x.comparison;
  const d = cmp.difference;
  const c = r.current;
  const pct = (v: number) => f.pct(v);
  const num3 = (v: number) => f.num(v, 3);
  const row = (name: string, y: YearMetrics) => ({
    model: name,
    auc: withCi(f, y.auc.estimate, y.auc.ci, num3),
    capture10: withCi(f, y.capture10, y.top10.ci, pct),
    intercept: withCi(f, y.calibration.intercept.estimate, y.calibration.intercept.ci, num3),
    slope: withCi(f, y.calibration.slope.estimate, y.calibration.slope.ci, num3),
    oe: f.num(y.calibration.observedExpectedRatio, 3),
  });
  return [
    heading(t.refit(c.label), 2),
    paragraph(
      t.refitIntro(
        c.label,
        f.general(c.n),
        withInterval(f, d, 4),
        f.num(cmp.statistic, 2),
        f.pIs(cmp.pValue),
        cmp.correlation === null ? null : f.num(cmp.correlation, 3),
      ),
    ),
    table(
      'refit',
      [
        text('model', t.model),
        figure('auc', t.withCi('AUC', lvl)),
        figure('capture10', t.withCi(t.captureTop('10'), lvl)),
        figure('intercept', t.withCi(t.calibrationIntercept, lvl)),
        figure('slope', t.withCi(t.metrics.slope, lvl)),
        figure('oe', t.observedExpected),
      ],
      [row(t.scanRow(r.previous.label), c), row(t.refitRow(c.label), x.metrics)],
    ),
    paragraph(t.refitSeparation(separationNoteText(x.separation, lang))),
  ];
}

function fairnessBlocks({ r, lvl, t, f, lang }: Ctx): Block[] {
  if (r.fairness.length === 0) return [];
  const pct = (v: number) => f.pct(v);
  const rate = (m: FairnessMetric) =>
    withCi(f, m.value, Number.isFinite(m.value) ? m.ci : null, pct);
  const ratioText = (m: FairnessMetric) =>
    m.ratio === null ? '' : withCi(f, m.ratio, m.ratioCi, (v) => f.num(v, 2));
  const [lo, hi] = r.config.thresholds.fairnessRatioRange;
  const metrics = FAIRNESS_METRICS.map(({ name }) => ({ name, ...fairnessText(name, lang) }));
  return [
    heading(t.fairness, 2),
    paragraph(
      t.fairnessIntro(
        r.current.label,
        lvl,
        f.pair(f.raw(lo), f.raw(hi)),
        f.raw(r.config.thresholds.subgroupMinCases),
      ),
    ),
    ...r.fairness.flatMap((x) => [
      heading(
        t.fairnessHeading(
          x.variable,
          r.current.label,
          pct(x.overall.selectionRate),
          pct(x.overall.truePositiveRate),
          pct(x.overall.positivePredictiveValue),
          pct(x.overall.falsePositiveRate),
        ),
        3,
      ),
      table(
        `fairness_${x.variable}`,
        [
          text('group', t.group),
          number('clients', t.clients),
          number('cases', t.cases),
          ...metrics.map(({ name, label }) => figure(name, t.withCi(label, lvl))),
        ],
        x.rows.map((row) => ({
          group: row.group,
          clients: row.n,
          cases: row.cases,
          ...Object.fromEntries(metrics.map(({ name }) => [name, rate(row.metrics[name])])),
        })),
      ),
      paragraph(t.ratioIntro(x.variable, lvl)),
      table(
        `fairness_${x.variable}_ratio`,
        [
          text('group', t.group),
          ...metrics.map(({ name, label, criterion }) => figure(name, `${label} (${criterion})`)),
        ],
        x.rows.map((row) => ({
          group: row.group,
          ...Object.fromEntries(metrics.map(({ name }) => [name, ratioText(row.metrics[name])])),
        })),
      ),
    ]),
  ];
}

function weeklyBlocks({ r, t, f }: Ctx): Block[] {
  const w = r.weekly;
  if (!w) return [];
  const shown = w.perWeek.filter((x) => x.week % 4 === 0 || x.week === w.weeks);
  return [
    heading(t.weekly, 2),
    paragraph(
      t.weeklyIntro(
        r.current.label,
        f.raw(w.weeks),
        r.previous.label,
        f.pct(w.threshold),
        f.general(w.atStart),
        f.general(w.ever),
      ),
    ),
    table(
      'weekly',
      [
        number('week', t.week),
        number('onWw', t.onWw),
        number('inTopDecile', t.inTopDecile),
        percent('share', t.shareInTopDecile),
        number('entered', t.enteredThisWeek),
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

function modelBlocks({ r, t, f, lang }: Ctx): Block[] {
  if (!r.coefficients) return [];
  return [
    heading(t.scanModel, 2),
    ...(r.separation
      ? [paragraph(t.modelSeparation(r.previous.label, separationNoteText(r.separation, lang)))]
      : []),
    table(
      'coefficients',
      [
        text('term', t.term),
        number('estimate', t.estimate),
        number('se', 'SE'),
        number('z'),
        text('p'),
      ],
      r.coefficients.map((k) => ({
        term: k.term,
        estimate: k.estimate,
        se: k.stdError,
        z: k.statistic,
        p: f.p(k.pValue),
      })),
    ),
  ];
}

/** A configured threshold as written in the config, not rounded ("0.7", "[0.8, 1.25]"). */
function thresholdText(f: ReviewFormat, value: unknown): string {
  if (f.lang === 'en') return Array.isArray(value) ? `[${value.join(', ')}]` : String(value);
  if (Array.isArray(value) && value.length === 2) {
    return f.pair(thresholdText(f, value[0]), thresholdText(f, value[1]));
  }
  return typeof value === 'number' ? f.raw(value) : String(value);
}

/**
 * The review as one document: title and data, summary with the flags, discrimination, gains and
 * lift per decile, calibration, drift, subgroups, weekly re-scoring, the scan model, methods and
 * thresholds. Charts are placed where `options.charts` gives them: an SVG as a figure (HTML), a
 * file name as a linked image (Markdown). `options.lang: 'nl'` writes it in Dutch (the review's
 * flags, verdict and sentences rebuilt in Dutch from its numbers; write it with the same `lang`:
 * `documentMarkdown(doc, { lang: 'nl' })`).
 *
 * @example
 * documentMarkdown(scanReviewDocument(review, { charts: { gains: { file: 'gains.svg' } } }));
 * documentMarkdown(scanReviewDocument(review, { lang: 'nl' }), { lang: 'nl' }); // "# Jaarlijkse review …"
 */
export function scanReviewDocument(
  r: ScanReviewData,
  options: ScanReviewDocumentOptions = {},
): Document {
  rejectUnknownKeys(options, SCAN_REVIEW_DOCUMENT_KEYS, 'scanReviewDocument');
  const lang = parseLanguage(options.lang, 'scanReviewDocument: lang');
  const t = textOf(REVIEW_DOCUMENT_TEXTS, lang);
  const f = reviewFormat(lang);
  const ctx: Ctx = { r, lvl: formatPercent(r.config.level, 0, f.style), t, f, lang };
  const c = r.current;
  const p = r.previous;
  const { flags, verdict } = judgement(r, lang);
  return [
    heading(reviewTitleText(r, lang), 1),
    ...(r.synthetic ? [{ kind: 'note' as const, text: t.synthetic }] : []),
    paragraph(
      t.clientsLine(
        c.label,
        f.general(c.n),
        f.general(c.cases),
        f.pct(c.observedRate),
        p.label,
        f.general(p.n),
        f.general(p.cases),
        f.pct(p.observedRate),
      ),
    ),
    paragraph(t.scores(reviewScoringText(r, lang))),
    paragraph(t.evaluation(reviewEvaluationText(r, lang))),
    ...verdictBlocks(ctx, verdict),
    ...summaryBlocks(ctx, flags),
    ...discriminationBlocks(ctx),
    ...refitBlocks(ctx),
    ...chartBlocks('gains', options, t),
    heading(t.gains, 2),
    ...[c, p].flatMap((y) => [heading(y.label, 3), gainsBlock(t, y)]),
    heading(t.calibration, 2),
    ...chartBlocks('calibration', options, t),
    ...calibrationBlocks(ctx),
    heading(t.drift(p.label, c.label), 2),
    ...chartBlocks('drift', options, t),
    driftBlock(ctx),
    heading(t.subgroups, 2),
    ...chartBlocks('subgroups', options, t),
    ...subgroupBlocks(ctx),
    ...fairnessBlocks(ctx),
    ...weeklyBlocks(ctx),
    ...modelBlocks(ctx),
    heading(t.methods, 2),
    {
      kind: 'list',
      items: reviewMethodsText(r, lang).map((m) => `**${m.topic}.** ${m.text}`),
    },
    heading(t.thresholds, 2),
    table(
      'thresholds',
      [text('key', t.key), text('value', t.value)],
      Object.entries(r.config.thresholds).map(([key, value]) => ({
        key,
        // The configured values as written in the config, not rounded.
        value: thresholdText(f, value),
      })),
    ),
  ];
}

/**
 * The review as Markdown (its document through `documentMarkdown`); charts are linked as images
 * when `charts` names their files; `options.lang` as {@link scanReviewDocument} (the writer's
 * numbers in the same language).
 *
 * @example
 * scanReviewMarkdown(review, { gains: 'gains.svg' }); // "# Yearly review of the risk scan …"
 * scanReviewMarkdown(review, {}, { lang: 'nl' }); // "# Jaarlijkse review van de risicoscan …"
 */
export function scanReviewMarkdown(
  r: ScanReviewData,
  charts: ReviewChartFiles = {},
  options: ScanReviewMarkdownOptions = {},
): string {
  rejectUnknownKeys(options, SCAN_REVIEW_MARKDOWN_KEYS, 'scanReviewMarkdown');
  const lang = parseLanguage(options.lang, 'scanReviewMarkdown: lang');
  const linked = Object.fromEntries(
    Object.entries(charts).map(([name, file]) => [name, { file }]),
  ) as Partial<Record<ReviewChartName, ReviewChart>>;
  return documentMarkdown(scanReviewDocument(r, { charts: linked, lang }), { lang });
}

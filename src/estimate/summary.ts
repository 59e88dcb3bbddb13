/**
 * How a fitted model shows itself: a tidy summary in the style of estimatr's and statsmodels'
 * `summary()` — the model and method, n (and clusters), one line per coefficient with estimate,
 * standard error, t, df, p, confidence interval and stars, the fit statistics and the legend of
 * the stars — instead of the fit's arrays. Presentation only: the fit's data fields stay as they
 * are; {@link withSummary} adds the display protocols (REPL, notebook), `toString()`,
 * `toHTML()` and `toDocument()` as non-enumerable properties.
 */
import { type DocumentConvertible, type HtmlConvertible, withDisplay } from '../display.js';
import { formatCount, formatGeneral, formatPercent, formatPrecision } from '../format.js';
import { REPORT_STAR_LEVELS } from '../stats/stars.js';
import { type Document, documentText } from '../table/document.js';
import type { Cell, Column, Table } from '../table/model.js';
import type { Coefficient } from './inference.js';

/** What a model summary shows. */
export interface ModelSummary {
  /** The model in a few words: "Linear regression of employed". */
  readonly title: string;
  /** The method in words: estimator, standard errors, tests. */
  readonly method: string;
  readonly n: number;
  /** Number of clusters of cluster-robust standard errors. */
  readonly nClusters?: number;
  readonly coefficients: readonly Coefficient[];
  /** Terms not estimated (linearly dependent on earlier ones), listed in a note. */
  readonly aliased?: readonly string[];
  /** Confidence level of the intervals (0.95). */
  readonly level: number;
  /** Fit statistics after n and clusters, as label and formatted value: `['R²', '0.187']`. */
  readonly statistics?: readonly (readonly [string, string])[];
  /** Further notes (dropped rows, first stages). */
  readonly notes?: readonly string[];
}

/** The legend of the stars, from the reports' levels: "** p < 0.05, * p < 0.10, † p < 0.20". */
function starLegend(): string {
  const marks = (['**', '*', '†'] as const).map(
    (m) => `${m} p < ${REPORT_STAR_LEVELS[m].toFixed(2)}`,
  );
  return `${marks.join(', ')} (two-sided)`;
}

const number = (x: number) => (Number.isFinite(x) ? formatPrecision(x, 4) : 'NA');

/** The coefficient table: one row per coefficient, interval as text (bounds kept for CSV). */
function coefficientTable(s: ModelSummary): Table {
  const ci = `${formatPercent(s.level, 0)} CI`;
  const columns: Column[] = [
    { id: 'term', label: 'term', format: 'text' },
    { id: 'estimate', label: 'estimate', format: 'number' },
    { id: 'std_error', label: 'std. error', format: 'number' },
    { id: 'statistic', label: 't', format: 'stat' },
    { id: 'df', label: 'df', format: 'auto' },
    { id: 'p_value', label: 'p', format: 'p' },
    { id: 'ci', label: ci, format: 'text', align: 'right', displayOnly: true },
    { id: 'ci_lower', label: 'ci_lower', format: 'number', csvOnly: true },
    { id: 'ci_upper', label: 'ci_upper', format: 'number', csvOnly: true },
    { id: 'stars', label: '', format: 'text' },
  ];
  const rows = s.coefficients.map(
    (c): Record<string, Cell> => ({
      term: c.term,
      estimate: c.estimate,
      std_error: c.stdError,
      statistic: c.statistic,
      // Satterthwaite df are fractional: three significant digits are enough to read them.
      df: Number.isInteger(c.df) ? c.df : Number(c.df.toPrecision(3)),
      p_value: c.pValue,
      ci: `[${number(c.ci[0])}, ${number(c.ci[1])}]`,
      ci_lower: c.ci[0],
      ci_upper: c.ci[1],
      stars: c.stars,
    }),
  );
  return { id: 'coefficients', title: s.title, columns, rows };
}

/**
 * A model summary as a document: title, method, n / clusters / fit statistics, the coefficient
 * table and the legend; its text is what a REPL prints, its HTML what a notebook shows.
 *
 * @example
 * documentText(summaryDocument({ title: 'Linear regression of y', method: 'OLS, HC2 SE', n: 50, level: 0.95, coefficients: fit.coefficients }));
 */
export function summaryDocument(s: ModelSummary): Document {
  const stats = [
    `n = ${formatCount(s.n)}`,
    ...(s.nClusters === undefined ? [] : [`clusters = ${formatCount(s.nClusters)}`]),
    ...(s.statistics ?? []).map(([label, value]) => `${label} = ${value}`),
  ];
  const notes = [
    ...(s.aliased?.length
      ? [`Aliased (linearly dependent on earlier terms, not estimated): ${s.aliased.join(', ')}.`]
      : []),
    ...(s.notes ?? []),
  ];
  return [
    { kind: 'heading', text: s.title, level: 3 },
    { kind: 'paragraph', text: `Method: ${s.method}\n${stats.join(' · ')}` },
    { kind: 'table', table: coefficientTable(s) },
    { kind: 'note', text: [`Stars: ${starLegend()}.`, ...notes].join('\n') },
  ];
}

/**
 * Adds the summary display to a fit, in place, and returns it: `util.inspect` (the REPL,
 * `console.log`), Deno's printing and `String(fit)` / `fit.toString()` give the summary as
 * text, a notebook shows it as an HTML table (text/plain + text/html bundle), `toHTML()` and
 * `toDocument()` give it for reports. Non-enumerable: the fit's fields, spreading and
 * `JSON.stringify` are unchanged.
 *
 * @example
 * return withSummary(fit, (f) => ({ title: 'Linear regression', method: 'OLS, HC2 SE', n: f.n, level: f.level, coefficients: f.coefficients }));
 */
export function withSummary<T extends object>(
  fit: T,
  summary: (fit: T) => ModelSummary,
): T & HtmlConvertible & DocumentConvertible {
  const document = (f: T): Document => summaryDocument(summary(f));
  const shown = withDisplay(fit, document);
  Object.defineProperty(shown, 'toString', {
    value: function (this: T): string {
      return documentText(document(this ?? fit));
    },
    configurable: true,
    writable: true,
  });
  return shown;
}

/** The fields of an OLS-shaped fit a summary needs (`ols`, `ivRegression`, the fit of `linAdjusted`). */
export interface OlsLikeFit {
  readonly coefficients: readonly Coefficient[];
  readonly aliased: readonly string[];
  readonly n: number;
  readonly df: number;
  readonly level: number;
  readonly rSquared: number;
  readonly adjRSquared: number;
  readonly sigma: number;
}

/**
 * The summary of an OLS-shaped fit: its coefficients, R², adjusted R², residual SE and df, the
 * method of its coefficients.
 *
 * @example
 * withSummary(fit, (f) => olsSummary(f, 'Linear regression (OLS)'));
 */
export function olsSummary(
  fit: OlsLikeFit,
  title: string,
  notes: readonly string[] = [],
): ModelSummary {
  return {
    title,
    method: fit.coefficients[0]?.method ?? '',
    n: fit.n,
    coefficients: fit.coefficients,
    aliased: fit.aliased,
    level: fit.level,
    statistics: [
      ['R²', formatGeneral(fit.rSquared)],
      ['adj. R²', formatGeneral(fit.adjRSquared)],
      ['residual SE', formatGeneral(fit.sigma)],
      ['residual df', formatGeneral(fit.df)],
    ],
    notes,
  };
}

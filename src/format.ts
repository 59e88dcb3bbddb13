/**
 * Formatting at the edge: the number primitives ("34.3 %", "−7.2 pp", "0.041", "1,234") that
 * the one `formatCell` of the result-table model (`src/table/index.ts`) is built on, and the
 * pipe-table writer its Markdown output uses. Imports nothing of ours but types.
 */
import type { Estimate } from './stats/estimate.js';

/**
 * How numbers are written: the decimal mark, the thousands separator, the percent sign and the
 * unit of percentage points, and the words of a yes/no cell. One parameter of every formatter, so
 * the Dutch style ("1.234,5", "34,3%", "−6,3 procentpunt") plugs in without touching the
 * writers; a language's style is `numberStyleOf(lang)` (`src/language.ts`).
 */
export interface NumberStyle {
  /** Decimal mark: "." (en) or "," (nl). */
  readonly decimal: string;
  /** Thousands separator of the integer part: "," (en) or "." (nl). */
  readonly group: string;
  /** What follows a percentage: " %" (en, as the reports) or "%" (nl, without a space). */
  readonly percent: string;
  /** What follows a difference in percentage points: " pp" (en) or " procentpunt" (nl). */
  readonly points: string;
  /** A true boolean cell: "yes" (en) or "ja" (nl). */
  readonly yes: string;
  /** A false boolean cell: "no" (en) or "nee" (nl). */
  readonly no: string;
}

/**
 * The number styles by language; `en` is the default of every formatter. Dutch follows Dutch
 * usage in tables: decimal comma, thousands dot, "%" written against the number, and
 * "procentpunt" (singular after a number, as "procent") for "pp".
 */
export const NUMBER_STYLES: Readonly<Record<'en' | 'nl', NumberStyle>> = {
  en: { decimal: '.', group: ',', percent: ' %', points: ' pp', yes: 'yes', no: 'no' },
  nl: {
    decimal: ',',
    group: '.',
    percent: '%',
    points: ' procentpunt',
    yes: 'ja',
    no: 'nee',
  },
};

const EN = NUMBER_STYLES.en;

/**
 * The minus sign of every formatted number (text, Markdown, HTML, charts): U+2212 "−", as in the
 * reports, never the hyphen; CSV and JSON keep machine numbers with "-".
 */
export const MINUS = '−';

/**
 * A plain decimal text as JavaScript writes it ("-12345.678", "1.2e-7") in a style: integer part
 * grouped from 1,000 on, the style's decimal mark, U+2212 for the minus.
 */
function styled(text: string, style: NumberStyle): string {
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  const e = body.search(/e/i);
  const mantissa = e < 0 ? body : body.slice(0, e);
  const exponent =
    e < 0
      ? ''
      : `e${body
          .slice(e + 1)
          .replace(/^\+/, '')
          .replace('-', MINUS)}`;
  const [int = '', frac] = mantissa.split('.');
  const grouped = int.length > 3 ? int.replace(/\B(?=(\d{3})+$)/g, style.group) : int;
  const out = `${grouped}${frac === undefined ? '' : `${style.decimal}${frac}`}${exponent}`;
  return negative ? `${MINUS}${out}` : out;
}

/** A fixed-decimals text without negative zero ("-0.000" → "0.000"). */
function fixed(value: number, digits: number): string {
  const text = value.toFixed(digits);
  return Number(text) === 0 ? (0).toFixed(digits) : text;
}

/** ±∞ as text: "∞", "−∞". */
function infinity(value: number): string {
  return value > 0 ? '∞' : `${MINUS}∞`;
}

/**
 * A number with fixed decimals, thousands grouped, the minus sign U+2212 and no negative zero:
 * `formatNumber(-0.29, 3)` → "−0.290", `formatNumber(-0.0001, 3)` → "0.000".
 *
 * @example
 * formatNumber(-0.2904, 3) // "−0.290"
 * formatNumber(12345.6, 1) // "12,345.6"
 * formatNumber(12345.6, 1, NUMBER_STYLES.nl) // "12.345,6"
 */
export function formatNumber(value: number, digits: number, style: NumberStyle = EN): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return infinity(value);
  return styled(fixed(value, digits), style);
}

/**
 * A count: rounded to a whole number, thousands grouped ("9,788"); '' for NaN.
 *
 * @example
 * formatCount(9788) // "9,788"
 * formatCount(9752.8) // "9,753"
 */
export function formatCount(value: number, style: NumberStyle = EN): string {
  if (Number.isNaN(value)) return '';
  if (!Number.isFinite(value)) return infinity(value);
  return styled(fixed(Math.round(value), 0), style);
}

/**
 * A fraction as a percentage: `formatPercent(0.343)` → "34.3 %".
 *
 * @example
 * formatPercent(0.4146, 1) // "41.5 %"
 * formatPercent(0.4146, 1, NUMBER_STYLES.nl) // "41,5%"
 */
export function formatPercent(fraction: number, digits = 1, style: NumberStyle = EN): string {
  if (!Number.isFinite(fraction)) return '';
  return `${styled(fixed(100 * fraction, digits), style)}${style.percent}`;
}

/**
 * A difference of fractions in percentage points: `formatPp(-0.0721)` → "−7.2 pp"; with `plus`,
 * positive differences get a "+" ("+1.2 pp"); zero never has a sign.
 *
 * @example
 * formatPp(-0.063) // "−6.3 pp"
 * formatPp(-0.063, 1, false, NUMBER_STYLES.nl) // "−6,3 procentpunt"
 */
export function formatPp(
  difference: number,
  digits = 1,
  plus = false,
  style: NumberStyle = EN,
): string {
  if (!Number.isFinite(difference)) return '';
  const text = fixed(100 * difference, digits);
  const sign = plus && Number(text) > 0 ? '+' : '';
  return `${sign}${styled(text, style)}${style.points}`;
}

/**
 * An effect on a share in percentage points with its stars: "−6.3 pp**".
 *
 * @example
 * formatEstimate({ estimate: -0.063, stars: '**' }) // "−6.3 pp**"
 */
export function formatEstimate(
  e: Pick<Estimate, 'estimate' | 'stars'>,
  digits = 1,
  style: NumberStyle = EN,
): string {
  return `${formatPp(e.estimate, digits, false, style)}${e.stars}`;
}

/**
 * A number to at most `digits` significant places, trailing zeros dropped, the integer part
 * grouped ("1,234", "9,753"), tiny values in exponent form, the minus sign U+2212; '' for NaN,
 * "∞" for infinity. The default rule for a number whose column has no format.
 *
 * @example
 * formatGeneral(0.343149) // "0.3431"
 * formatGeneral(-1234) // "−1,234"
 * formatGeneral(9752.8) // "9,753"
 */
export function formatGeneral(value: number, digits = 4, style: NumberStyle = EN): string {
  if (Number.isNaN(value)) return '';
  if (!Number.isFinite(value)) return infinity(value);
  if (Number.isInteger(value)) return styled(fixed(value, 0), style);
  if (value !== 0 && Math.abs(value) < 1e-4) return styled(value.toExponential(2), style);
  // Via Number, so 12345.6 is "12,350", never toPrecision's "1.235e+4".
  return styled(String(Number(value.toPrecision(digits))), style);
}

/**
 * A number to exactly `digits` significant places (integers and numbers of more integer digits
 * than `digits` as whole numbers), thousands grouped, the minus sign U+2212.
 *
 * @example
 * formatPrecision(0.3, 4) // "0.3000"
 * formatPrecision(12345.6, 4) // "12,346"
 */
export function formatPrecision(value: number, digits = 4, style: NumberStyle = EN): string {
  if (Number.isNaN(value)) return '';
  if (!Number.isFinite(value)) return infinity(value);
  if (Number.isInteger(value) || Math.abs(value) >= 10 ** digits) {
    return styled(fixed(Math.round(value), 0), style);
  }
  return styled(value.toPrecision(digits), style);
}

/**
 * A p-value with three decimals, "< 0.001" below that.
 *
 * @example
 * formatPValue(0.0412) // "0.041"
 * formatPValue(0.00002) // "< 0.001"
 */
export function formatPValue(p: number, style: NumberStyle = EN): string {
  if (Number.isNaN(p)) return '';
  return p < 0.001 ? `< ${styled('0.001', style)}` : formatNumber(p, 3, style);
}

/**
 * A plain decimal number text as JavaScript writes it ("0.05", "-1234.5") in a number style:
 * the style's decimal mark and grouping, U+2212 for the minus; for labels built from thresholds
 * (star levels, confidence levels) that must follow the language.
 *
 * @example
 * styledNumber('0.05', NUMBER_STYLES.nl) // "0,05"
 */
export function styledNumber(text: string, style: NumberStyle = EN): string {
  return styled(text, style);
}

/**
 * A p-value in a sentence: "p = 0.041", "p < 0.001".
 *
 * @example
 * formatPEquals(0.0412) // "p = 0.041"
 * formatPEquals(0.00002) // "p < 0.001"
 */
export function formatPEquals(p: number, style: NumberStyle = EN): string {
  const text = formatPValue(p, style);
  return text.startsWith('<') ? `p ${text}` : `p = ${text}`;
}

/**
 * Text that Markdown renders as text, never as raw HTML: a `<` that could open a tag, comment or
 * autolink (`<script`, `<img`, `</`, `<!--`, `<?`, `<http:`) becomes `&lt;`; "p < 0.05" and
 * "< 10" stay as written. Every Markdown writer passes its text through it.
 *
 * @example
 * markdownText('<img src=x onerror=alert(1)> and p < 0.05') // "&lt;img src=x onerror=alert(1)> and p < 0.05"
 */
export function markdownText(text: string): string {
  return text.replace(/<(?=[A-Za-z/!?])/g, '&lt;');
}

/**
 * A GitHub-flavoured Markdown pipe table from cell texts (already formatted and escaped), with
 * the columns flagged in `right` right-aligned; `compact` writes the rule without spaces
 * (`|---:|---|`); cells through {@link markdownText}. The one place pipe tables are assembled.
 *
 * @example
 * pipeTable(['arm', 'n'], [false, true], [['control', '240']]);
 * // "| arm | n |\n| --- | ---: |\n| control | 240 |"
 */
export function pipeTable(
  header: readonly string[],
  right: readonly boolean[],
  rows: readonly (readonly string[])[],
  compact = false,
): string {
  const line = (cells: readonly string[]) => `| ${cells.map(markdownText).join(' | ')} |`;
  const pad = compact ? '' : ' ';
  const rule = `|${right.map((r) => `${pad}${r ? '---:' : '---'}${pad}`).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/**
 * A cell of untyped rows as Markdown text: numbers by {@link formatGeneral}, booleans "yes" /
 * "no" (as `formatCell`), text with `|` escaped, null and undefined empty.
 *
 * @example
 * markdownCell(1234.5678) // "1,235"
 */
export function markdownCell(value: unknown, digits = 4): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatGeneral(value, digits);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value).replaceAll('|', '\\|');
}

/**
 * Untyped rows as a GitHub-flavoured Markdown table over `columns` (default: keys of the first
 * row); numeric columns right-aligned. Results build a typed table instead (`src/table/index.ts`);
 * this is for ad-hoc rows.
 *
 * @example
 * markdownTable([{ arm: 'control', n: 240 }]) // "| arm | n |\n| --- | ---: |\n| control | 240 |"
 */
export function markdownTable(
  rows: readonly Readonly<Record<string, unknown>>[],
  columns: readonly string[] = Object.keys(rows[0] ?? {}),
): string {
  return pipeTable(
    columns,
    columns.map((c) => rows.some((r) => typeof r[c] === 'number')),
    rows.map((r) => columns.map((c) => markdownCell(r[c]))),
  );
}

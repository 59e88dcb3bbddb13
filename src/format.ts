/**
 * Formatting at the edge: the number primitives ("34.3 %", "−7.2 pp", "0.041", "1,234") that
 * the one `formatCell` of the result-table model (`src/table/index.ts`) is built on, and the
 * pipe-table writer its Markdown output uses. Imports nothing of ours but types.
 */
import type { Estimate } from './stats/estimate.js';

/** The minus sign used in formatted output (U+2212), as in the reports. */
const MINUS = '−';

function signed(text: string): string {
  return text.startsWith('-') ? `${MINUS}${text.slice(1)}` : text;
}

/**
 * A number with fixed decimals, the minus sign U+2212 and no negative zero: `formatNumber(-0.29, 3)`
 * → "−0.290", `formatNumber(-0.0001, 3)` → "0.000".
 *
 * @example
 * formatNumber(-0.2904, 3) // "−0.290"
 */
export function formatNumber(value: number, digits: number): string {
  if (!Number.isFinite(value)) return String(value);
  const text = value.toFixed(digits);
  return Number(text) === 0 ? (0).toFixed(digits) : signed(text);
}

/**
 * A fraction as a percentage: `formatPercent(0.343)` → "34.3 %".
 *
 * @example
 * formatPercent(0.4146, 1) // "41.5 %"
 */
export function formatPercent(fraction: number, digits = 1): string {
  if (!Number.isFinite(fraction)) return '';
  return `${signed((100 * fraction).toFixed(digits))} %`;
}

/**
 * A difference of fractions in percentage points: `formatPp(-0.0721)` → "−7.2 pp"; with `plus`,
 * positive differences get a "+" ("+1.2 pp").
 *
 * @example
 * formatPp(-0.063) // "−6.3 pp"
 */
export function formatPp(difference: number, digits = 1, plus = false): string {
  if (!Number.isFinite(difference)) return '';
  const text = (100 * difference).toFixed(digits);
  const zero = Number(text) === 0;
  return `${plus && !zero && difference > 0 ? '+' : ''}${signed(zero ? (0).toFixed(digits) : text)} pp`;
}

/**
 * An effect on a share in percentage points with its stars: "−6.3 pp**".
 *
 * @example
 * formatEstimate({ estimate: -0.063, stars: '**' }) // "−6.3 pp**"
 */
export function formatEstimate(e: Pick<Estimate, 'estimate' | 'stars'>, digits = 1): string {
  return `${formatPp(e.estimate, digits)}${e.stars}`;
}

/**
 * A number to at most `digits` significant places, trailing zeros dropped, integers grouped
 * ("1,234"), tiny values in exponent form, the minus sign U+2212; '' for NaN, "∞" for infinity.
 * The default rule for a number whose column has no format.
 *
 * @example
 * formatGeneral(0.343149) // "0.3431"
 * formatGeneral(-1234) // "−1,234"
 */
export function formatGeneral(value: number, digits = 4): string {
  if (Number.isNaN(value)) return '';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : `${MINUS}∞`;
  if (Number.isInteger(value)) return signed(value.toLocaleString('en-US'));
  if (value !== 0 && Math.abs(value) < 1e-4) return signed(value.toExponential(2));
  return signed(String(Number(value.toPrecision(digits))));
}

/**
 * A number to exactly `digits` significant places (integers as they are), the minus sign U+2212.
 *
 * @example
 * formatPrecision(0.3, 4) // "0.3000"
 */
export function formatPrecision(value: number, digits = 4): string {
  if (Number.isNaN(value)) return '';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : `${MINUS}∞`;
  return signed(Number.isInteger(value) ? String(value) : value.toPrecision(digits));
}

/**
 * A p-value with three decimals, "< 0.001" below that.
 *
 * @example
 * formatPValue(0.0412) // "0.041"
 * formatPValue(0.00002) // "< 0.001"
 */
export function formatPValue(p: number): string {
  if (Number.isNaN(p)) return '';
  return p < 0.001 ? '< 0.001' : formatNumber(p, 3);
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

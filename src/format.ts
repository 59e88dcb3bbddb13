/**
 * Formatting at the edge: fractions become "34.3 %" and "−7.2 pp" only here, and plain rows
 * become Markdown tables. Shared by every layer's `toMarkdown()`.
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
 * A difference of fractions in percentage points: `formatPp(-0.0721)` → "−7.2 pp".
 *
 * @example
 * formatPp(-0.063) // "−6.3 pp"
 */
export function formatPp(difference: number, digits = 1): string {
  if (!Number.isFinite(difference)) return '';
  const text = (100 * difference).toFixed(digits);
  return `${signed(Number(text) === 0 ? (0).toFixed(digits) : text)} pp`;
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

/** A cell as Markdown text: numbers to `digits` significant places, integers grouped. */
export function markdownCell(value: unknown, digits = 4): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return '';
    if (Number.isInteger(value)) return signed(value.toLocaleString('en-US'));
    if (value !== 0 && Math.abs(value) < 1e-4) return signed(value.toExponential(2));
    return signed(String(Number(value.toPrecision(digits))));
  }
  return String(value).replaceAll('|', '\\|');
}

/**
 * Rows as a GitHub-flavoured Markdown table over `columns` (default: keys of the first row);
 * numeric columns right-aligned.
 *
 * @example
 * markdownTable([{ arm: 'control', n: 240 }]) // "| arm | n |\n| --- | ---: |\n| control | 240 |"
 */
export function markdownTable(
  rows: readonly Readonly<Record<string, unknown>>[],
  columns: readonly string[] = Object.keys(rows[0] ?? {}),
): string {
  const numeric = columns.map((c) => rows.some((r) => typeof r[c] === 'number'));
  const head = `| ${columns.join(' | ')} |`;
  const rule = `|${numeric.map((isNumber) => (isNumber ? ' ---: ' : ' --- ')).join('|')}|`;
  const body = rows.map((r) => `| ${columns.map((c) => markdownCell(r[c])).join(' | ')} |`);
  return [head, rule, ...body].join('\n');
}

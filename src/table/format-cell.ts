/**
 * The one cell formatter: how a cell of the table model is shown in text, Markdown and HTML.
 * Built on the primitives of `src/format.ts`; CSV and JSON keep the full number.
 */
import {
  formatCount,
  formatGeneral,
  formatNumber,
  formatPercent,
  formatPp,
  formatPrecision,
  formatPValue,
  NUMBER_STYLES,
  type NumberStyle,
} from '../format.js';
import type { Cell } from './model.js';

/** How a number is shown in text, Markdown and HTML. */
export type CellFormat =
  | 'text'
  /** Rounded to a whole number, grouped: "1,234". */
  | 'int'
  /** A fraction as a percentage: "34.3 %". */
  | 'percent'
  /** A signed difference in percentage points (+1.2 pp, −6.3 pp). */
  | 'pp'
  /** An unsigned size in percentage points (a standard error). */
  | 'points'
  /** A p-value: "0.041", "< 0.001". */
  | 'p'
  /** Four significant digits: "0.3000". */
  | 'number'
  /** Two decimals (a test statistic): "1.96". */
  | 'stat'
  /** At most four significant digits, integers grouped: "0.3", "1,234" (untyped rows). */
  | 'auto';

/**
 * A cell as text: null, '' and NaN empty; booleans "yes"/"no" (Dutch "ja"/"nee"); strings as they are; numbers
 * by their column's format (±∞ as "∞") in a number style (default English: "1,234.5", U+2212
 * for the minus; see `src/format.ts`).
 *
 * @example
 * formatCell(-0.063, 'pp') // "−6.3 pp"
 * formatCell(0.0004, 'p') // "< 0.001"
 * formatCell(1234, 'int') // "1,234"
 * formatCell(-0.063, 'pp', numberStyleOf('nl')) // "−6,3 procentpunt"
 */
export function formatCell(
  value: Cell | undefined,
  format: CellFormat,
  style: NumberStyle = NUMBER_STYLES.en,
): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'boolean') return value ? style.yes : style.no;
  if (typeof value === 'string') return value;
  if (Number.isNaN(value)) return '';
  if (!Number.isFinite(value)) return formatGeneral(value, 4, style);
  switch (format) {
    case 'int':
      return formatCount(value, style);
    case 'percent':
      return formatPercent(value, 1, style);
    case 'pp':
      return formatPp(value, 1, true, style);
    case 'points':
      return formatPp(value, 1, false, style);
    case 'p':
      return formatPValue(value, style);
    case 'stat':
      return formatNumber(value, 2, style);
    case 'number':
      return formatPrecision(value, 4, style);
    case 'auto':
      return formatGeneral(value, 4, style);
    default:
      return String(value);
  }
}

/**
 * The number formats of the yearly review's texts in one language: percentages, percentage
 * points, fixed decimals, counts, p-values, signed differences, intervals and configured
 * thresholds, all through the primitives of `src/format.ts` with the language's
 * `NumberStyle`. English "0.978 [0.962, 0.993]", "34.3 %", "−2.6 pp"; Dutch "0,978 [0,962;
 * 0,993]", "34,3%", "−2,6 procentpunt" (a semicolon between bounds, as the comma is the
 * decimal mark).
 */
import {
  formatGeneral,
  formatNumber,
  formatPercent,
  formatPp,
  formatPrecision,
  type NumberStyle,
  styledNumber,
} from '../format.js';
import { type Language, numberStyleOf } from '../language.js';

/** The review's number formats in one language. */
export interface ReviewFormat {
  readonly lang: Language;
  readonly style: NumberStyle;
  /** A fraction as a percentage, one decimal by default: "34.3 %" / "34,3%". */
  readonly pct: (x: number, digits?: number) => string;
  /** A difference of fractions in percentage points: "−2.6 pp" / "−2,6 procentpunt". */
  readonly pp: (x: number, digits?: number) => string;
  /** Fixed decimals: "0.805" / "0,805". */
  readonly num: (x: number, digits: number) => string;
  /** A count or general number, grouped: "8,430" / "8.430". */
  readonly general: (x: number) => string;
  /** A p-value to two significant digits, "< 0.0001" below that; '' when not finite. */
  readonly p: (p: number) => string;
  /** "p = 0.034" or "p < 0.0001", for running text. */
  readonly pIs: (p: number) => string;
  /** Two significant digits as `toPrecision(2)` ("0.0031" / "0,0031"; English as JavaScript writes it). */
  readonly precision2: (x: number) => string;
  /** A difference with its sign always written: "+0.000", "−0.003". */
  readonly signed: (x: number, digits: number) => string;
  /** A configured value as written in the config ("0.7" / "0,7"), not rounded. */
  readonly raw: (x: number) => string;
  /** A count in running text: "1234" as JavaScript writes it (en), "1.234" (nl). */
  readonly int: (x: number) => string;
  /** Two numbers in brackets: "[0.8, 1.25]" / "[0,8; 1,25]". */
  readonly pair: (a: string, b: string) => string;
}

/**
 * The review's number formats in a language.
 *
 * @example
 * reviewFormat('nl').pair(reviewFormat('nl').raw(0.8), reviewFormat('nl').raw(1.25)) // "[0,8; 1,25]"
 * reviewFormat('nl').pct(0.343) // "34,3%"
 */
export function reviewFormat(lang: Language = 'en'): ReviewFormat {
  const style = numberStyleOf(lang);
  const p = (x: number) => {
    if (!Number.isFinite(x)) return '';
    return x < 0.0001 ? `< ${styledNumber('0.0001', style)}` : formatPrecision(x, 2, style);
  };
  const sep = lang === 'nl' ? '; ' : ', ';
  return {
    lang,
    style,
    pct: (x, digits = 1) => formatPercent(x, digits, style),
    pp: (x, digits = 1) => formatPp(x, digits, false, style),
    num: (x, digits) => formatNumber(x, digits, style),
    general: (x) => formatGeneral(x, 4, style),
    p,
    pIs: (x) => {
      const t = p(x);
      return t.startsWith('<') ? `p ${t}` : `p = ${t}`;
    },
    precision2: (x) => (lang === 'en' ? x.toPrecision(2) : styledNumber(x.toPrecision(2), style)),
    signed: (x, digits) => `${x >= 0 ? '+' : '−'}${formatNumber(Math.abs(x), digits, style)}`,
    raw: (x) => (lang === 'en' ? String(x) : styledNumber(String(x), style)),
    int: (x) => (lang === 'en' ? String(x) : formatGeneral(x, 4, style)),
    pair: (a, b) => `[${a}${sep}${b}]`,
  };
}

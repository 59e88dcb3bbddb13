/** The one number-formatting module: counts, percentages, pp, p-values, signs, number styles. */
import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatGeneral,
  formatNumber,
  formatPEquals,
  formatPercent,
  formatPp,
  formatPrecision,
  formatPValue,
  MINUS,
  markdownCell,
  NUMBER_STYLES,
} from '../../src/format.js';
import { formatCell } from '../../src/table/format-cell.js';

const nl = NUMBER_STYLES.nl;

describe('counts', () => {
  it('group thousands, whole or expected', () => {
    expect(formatCount(9788)).toBe('9,788');
    expect(formatCount(9752.8)).toBe('9,753');
    expect(formatCount(978)).toBe('978');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(-2403)).toBe('−2,403');
    expect(formatCount(-0.2)).toBe('0');
    expect(formatCount(Number.NaN)).toBe('');
  });
  it('an expected count and an observed one look alike in every general format', () => {
    // The audit table: observed 9,788 next to expected 9752.8 (was "9753").
    expect(formatGeneral(9788)).toBe('9,788');
    expect(formatGeneral(9752.8)).toBe('9,753');
    expect(formatPrecision(9752.8, 4)).toBe('9,753');
    expect(formatCell(9752.8, 'auto')).toBe('9,753');
    expect(formatCell(9752.8, 'int')).toBe('9,753');
    expect(markdownCell(2437.7)).toBe('2,438');
  });
  it('never write exponent form for large numbers', () => {
    expect(formatGeneral(12345.6)).toBe('12,350');
    expect(formatPrecision(12345.6, 4)).toBe('12,346');
    expect(formatNumber(12345.678, 2)).toBe('12,345.68');
  });
});

describe('signs', () => {
  it('use U+2212 everywhere and never a negative zero', () => {
    expect(MINUS).toBe('\u2212');
    expect(formatNumber(-0.2904, 3)).toBe('\u22120.290');
    expect(formatNumber(-0.0001, 3)).toBe('0.000');
    expect(formatPp(-0.0721)).toBe('\u22127.2 pp');
    expect(formatPp(-0.0004, 1, true)).toBe('0.0 pp');
    expect(formatPp(0.012, 1, true)).toBe('+1.2 pp');
    expect(formatPercent(-0.05)).toBe('\u22125.0 %');
    expect(formatGeneral(-1234.5)).toBe('\u22121,235');
    expect(formatGeneral(-0.00001234)).toBe('\u22121.23e\u22125');
    expect(formatGeneral(Number.NEGATIVE_INFINITY)).toBe('\u2212∞');
    expect(formatPrecision(-0.3, 4)).toBe('\u22120.3000');
  });
  it('no formatted text holds a hyphen-minus before a digit', () => {
    const values = [-0.5, -1234.5678, -0.00001, -1e6, -0.0721];
    for (const v of values) {
      for (const text of [
        formatNumber(v, 2),
        formatGeneral(v),
        formatPrecision(v),
        formatPp(v),
        formatPercent(v),
        formatCount(v),
      ]) {
        expect(text, `${v}`).not.toMatch(/-\d/);
      }
    }
  });
});

describe('percentages and p-values', () => {
  it('write percentages, pp and p-values', () => {
    expect(formatPercent(0.343)).toBe('34.3 %');
    expect(formatPercent(0.4146, 1)).toBe('41.5 %');
    expect(formatPp(-0.063)).toBe('\u22126.3 pp');
    expect(formatPValue(0.0412)).toBe('0.041');
    expect(formatPValue(0.00002)).toBe('< 0.001');
    expect(formatPValue(1)).toBe('1.000');
    expect(formatPEquals(0.4254)).toBe('p = 0.425');
    expect(formatPEquals(0.0000001)).toBe('p < 0.001');
  });
});

describe('the Dutch number style plugs in by one parameter', () => {
  it('decimal comma, dot for thousands', () => {
    expect(formatNumber(12345.6, 1, nl)).toBe('12.345,6');
    expect(formatCount(9788, nl)).toBe('9.788');
    // Dutch tables write "%" against the number and "procentpunt" for pp (issue #17)
    expect(formatPercent(0.343, 1, nl)).toBe('34,3%');
    expect(formatPp(-0.063, 1, false, nl)).toBe('\u22126,3 procentpunt');
    expect(formatPp(0.012, 1, true, nl)).toBe('+1,2 procentpunt');
    expect(formatCell(0.063, 'points', nl)).toBe('6,3 procentpunt');
    expect(formatCell(true, 'text', nl)).toBe('ja');
    expect(formatCell(false, 'text', nl)).toBe('nee');
    expect(formatCell(true, 'text')).toBe('yes');
    expect(formatPValue(0.0412, nl)).toBe('0,041');
    expect(formatPValue(0.00001, nl)).toBe('< 0,001');
    expect(formatGeneral(0.3431, 4, nl)).toBe('0,3431');
    expect(formatCell(1234.5, 'number', nl)).toBe('1.235');
    expect(formatCell(0.05, 'stat', nl)).toBe('0,05');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellFlags } from '../../src/data/csv-cell.js';
import { MARK_DOT, MARK_EITHER, NumberField } from '../../src/data/csv-number.js';
import { createRng } from '../../src/stats/random.js';

const encode = (text: string) => new TextEncoder().encode(text);
const COMMA = 44;
const SEMICOLON = 59;
const BAR = 124;

/**
 * Reads `text` as one field followed by a line end. When NumberField takes it, its value must be
 * `Number` of the text (with a comma read as the decimal point under MARK_EITHER, as `parseCsv`
 * does for decimal ','), bit for bit (-0 included), and its flags those of `cellFlags`.
 */
function check(text: string, mark: typeof MARK_DOT | typeof MARK_EITHER): boolean {
  const bytes = encode(`${text}\n`);
  // A delimiter that is not a comma, so that a comma is part of the field.
  const delimiter = mark === MARK_DOT ? BAR : SEMICOLON;
  const field = new NumberField(bytes, delimiter, mark);
  const out = new Float64Array(1);
  if (!field.read(0, out, 0)) return false;
  expect(field.end).toBe(text.length);
  const expected = Number(mark === MARK_EITHER ? text.replace(',', '.') : text);
  expect(Object.is(out[0], expected), `${text}: ${out[0]} vs ${expected}`).toBe(true);
  expect(field.flags).toBe(cellFlags(bytes, 0, text.length, [], mark === MARK_DOT));
  return true;
}

describe('NumberField: plain numbers straight from bytes', () => {
  it.each([
    ['0', true],
    ['-0', true],
    ['+0', true],
    ['00', true],
    ['007', true],
    ['.5', true],
    ['5.', true],
    ['-.5', true],
    ['0.1', true],
    ['41', true],
    ['1.3050735978905936', true],
    ['-0.40308961323443077', true],
    ['0.08568237777057945', true],
    ['9007199254740991', true],
    ['1234567890123456789', true],
    ['0.0000000000000000000001', true],
    // Left to the general path:
    ['12345678901234567890', false], // 20 digits
    ['0.00000000000000000000001', false], // 10^-23
    ['9007199254740993', false], // 2^53 + 1: a tie, too close to tell
    ['1e5', false],
    [' 1', false],
    ['1 ', false],
    ['.', false],
    ['-', false],
    ['', false],
    ['1.5.2', false],
    ['1,5', false], // a comma is no mark with decimal '.'
    ['NA', false],
    ['"1"', false],
  ])('%s (mark .)', (text, taken) => {
    expect(check(text, MARK_DOT)).toBe(taken);
  });

  it.each([
    ['2,5', true],
    ['-2,5', true],
    ['2,', true],
    [',5', true],
    ['00,5', true],
    ['2.5', true],
    ['0,12345678901234567', true],
    ['12345678901234567', false], // odd above 2^53: a tie
    ['1,5,2', false],
    ['1.5,2', false],
  ])('%s (mark . or ,)', (text, taken) => {
    expect(check(text, MARK_EITHER)).toBe(taken);
  });

  it('reads the field up to a delimiter, a CR or the end of the bytes', () => {
    const bytes = encode('12.5,7\r3');
    const field = new NumberField(bytes, COMMA, MARK_DOT);
    const out = new Float64Array(3);
    expect(field.read(0, out, 0)).toBe(true);
    expect(field.end).toBe(4);
    expect(field.read(5, out, 1)).toBe(true);
    expect(field.end).toBe(6);
    expect(field.read(7, out, 2)).toBe(true);
    expect(field.end).toBe(8);
    expect(Array.from(out)).toEqual([12.5, 7, 3]);
    // A field that goes on after its digits is not taken, and nothing is written.
    expect(new NumberField(encode('1x,'), COMMA, MARK_DOT).read(0, out, 0)).toBe(false);
    expect(Array.from(out)).toEqual([12.5, 7, 3]);
  });

  it('agrees with Number on 200,000 random doubles as String and toPrecision(17) write them', () => {
    const rng = createRng(18);
    let taken = 0;
    let tried = 0;
    for (let r = 0; r < 100_000; r++) {
      // Normal and uniform draws on several scales, as data hold them.
      const scale = 10 ** Math.floor(rng.next() * 12 - 6);
      const x = (r % 2 === 0 ? rng.normal() : rng.next() - 0.5) * scale;
      for (const text of [String(x), x.toPrecision(17)]) {
        tried++;
        if (check(text, MARK_DOT)) taken++;
      }
    }
    // The common case takes the fast path (exponent forms and the rare ties are left over).
    expect(taken / tried).toBeGreaterThan(0.9);
  });

  it('agrees with Number and cellFlags on random decimal texts', () => {
    const digits = fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 22 });
    const text = fc
      .tuple(
        fc.constantFrom('', '-', '+'),
        digits,
        fc.constantFrom('', '.', ','),
        digits,
        fc.constantFrom<typeof MARK_DOT | typeof MARK_EITHER>(MARK_DOT, MARK_EITHER),
      )
      .map(([sign, a, m, b, mark]) => [`${sign}${a}${m}${b}`, mark] as const);
    fc.assert(
      fc.property(text, ([t, mark]) => {
        check(t, mark);
      }),
      { numRuns: 30_000 },
    );
  });
});

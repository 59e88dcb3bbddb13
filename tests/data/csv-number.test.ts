import { describe, expect, it } from 'vitest';
import { cellFlags, cellNumber } from '../../src/data/csv-cell.js';
import { MARK_DOT, MARK_EITHER, NumberField } from '../../src/data/csv-number.js';
import { createRng, type Rng } from '../../src/stats/random.js';

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
  const flags = field.read(0, out, 0);
  if (flags < 0) return false;
  expect(field.end).toBe(text.length);
  const expected = Number(mark === MARK_EITHER ? text.replace(',', '.') : text);
  expect(Object.is(out[0], expected), `${text}: ${out[0]} vs ${expected}`).toBe(true);
  expect(flags).toBe(cellFlags(bytes, 0, text.length, [], mark === MARK_DOT));
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
    expect(field.read(0, out, 0)).toBeGreaterThan(0);
    expect(field.end).toBe(4);
    expect(field.read(5, out, 1)).toBeGreaterThan(0);
    expect(field.end).toBe(6);
    expect(field.read(7, out, 2)).toBeGreaterThan(0);
    expect(field.end).toBe(8);
    expect(Array.from(out)).toEqual([12.5, 7, 3]);
    // A field that goes on after its digits is not taken, and nothing is written.
    expect(new NumberField(encode('1x,'), COMMA, MARK_DOT).read(0, out, 0)).toBe(-1);
    expect(Array.from(out)).toEqual([12.5, 7, 3]);
  });

  it('agrees with Number on 200,000 random doubles as String and toPrecision(17) write them', () => {
    const rng = createRng(18);
    const texts: string[] = [];
    for (let r = 0; r < 100_000; r++) {
      // Normal and uniform draws on several scales, as data hold them.
      const scale = 10 ** Math.floor(rng.next() * 12 - 6);
      const x = (r % 2 === 0 ? rng.normal() : rng.next() - 0.5) * scale;
      texts.push(String(x), x.toPrecision(17));
    }
    const { taken, wrong } = readAll(texts, MARK_DOT);
    expect(wrong).toEqual([]);
    // The common case takes the fast path (exponent forms and the rare ties are left over).
    expect(taken / texts.length).toBeGreaterThan(0.9);
  });

  it('agrees with Number on 2,000,000 random decimals of 16 to 19 significant digits', () => {
    // Digits drawn uniformly, the mark from three zeros before the first digit to just before
    // the last (1 to 22 digits after it: values 10^-4 … 10^18), leading zeros and signs.
    const rng = createRng('17 digits');
    const texts: string[] = [];
    for (let r = 0; r < 2_000_000; r++) {
      const significant = 16 + rng.int(4);
      const digits =
        `${1 + rng.int(9)}${eightDigits(rng)}${eightDigits(rng)}${eightDigits(rng)}`.slice(
          0,
          significant,
        );
      const point = rng.int(significant + 3) - 3; // digits before the mark, < 0: zeros after it
      const body =
        point <= 0
          ? `0.${'0'.repeat(-point)}${digits}`
          : `${digits.slice(0, point)}.${digits.slice(point)}`;
      texts.push(rng.next() < 0.5 ? `-${body}` : body);
    }
    const { taken, wrong } = readAll(texts, MARK_DOT);
    expect(wrong).toEqual([]);
    // Left over: exact ties (…2.5 between 2^52 and 2^53, say), about 1 in 1,000 of these draws.
    expect(taken / texts.length).toBeGreaterThan(0.998);
  });

  it('agrees with Number next to and at the midpoints between neighbouring doubles', () => {
    // m = (x + next(x)) / 2 written to 19 significant digits, rounded down and up (within
    // 10^-18 of m, a few thousandths of an ulp: the hardest roundings), and exact midpoints
    // (ties to even) where they have at most 19 digits.
    const rng = createRng('midpoints');
    const texts: string[] = [];
    const f64 = new Float64Array(1);
    const u64 = new BigUint64Array(f64.buffer);
    for (let r = 0; r < 20_000; r++) {
      f64[0] = 10 ** (rng.next() * 24 - 21) * (1 + rng.next());
      const bits = u64[0]!;
      const e = Number((bits >> 52n) & 0x7ffn) - 1075;
      const mantissa = (bits & ((1n << 52n) - 1n)) | (1n << 52n);
      // m = (2 · mantissa + 1) · 2^(e − 1) = num / den
      const num = (2n * mantissa + 1n) * (e > 0 ? 1n << BigInt(e - 1) : 1n);
      const den = e > 0 ? 1n : 1n << BigInt(1 - e);
      let q = 18 - Math.floor(Math.log10(f64[0]!));
      let scaled = (num * 10n ** BigInt(Math.max(q, 0))) / (den * 10n ** BigInt(Math.max(-q, 0)));
      if (scaled >= 10n ** 19n) {
        q--;
        scaled /= 10n;
      }
      for (const digits of [scaled, scaled + 1n]) texts.push(decimalText(digits, q));
    }
    for (let e = -2; e <= 9; e++) {
      for (let r = 0; r < 500; r++) {
        const mantissa = (1n << 52n) | BigInt(Math.floor(rng.next() * 2 ** 52));
        const twice = (2n * mantissa + 1n) * (e > 0 ? 1n << BigInt(e - 1) : 1n);
        const q = e > 0 ? 0 : 1 - e; // fraction digits of the tie: 5^q / 10^q
        texts.push(decimalText(twice * 5n ** BigInt(q), q));
      }
    }
    const { wrong } = readAll(texts, MARK_DOT);
    expect(wrong).toEqual([]);
  });

  it('agrees with Number and cellFlags on 400,000 random decimal texts', () => {
    // [+-]? digits{0,22} [.,]? digits{0,22}, under either mark.
    const rng = createRng('decimal texts');
    const digits = () =>
      `${eightDigits(rng)}${eightDigits(rng)}${eightDigits(rng)}`.slice(0, rng.int(23));
    for (const mark of [MARK_DOT, MARK_EITHER] as const) {
      const texts: string[] = [];
      for (let r = 0; r < 200_000; r++) {
        const sign = ['', '-', '+'][rng.int(3)];
        texts.push(`${sign}${digits()}${['', '.', ','][rng.int(3)]}${digits()}`);
      }
      const { taken, wrong } = readAll(texts, mark);
      expect(wrong).toEqual([]);
      expect(taken).toBeGreaterThan(10_000);
    }
  });
});

describe('NumberField: every layout of the digits', () => {
  /** Reads `text` followed by `after` (so that the eight- and four-digit steps end anywhere). */
  function readWith(text: string, after: string): { flags: number; value: number; end: number } {
    const field = new NumberField(encode(text + after), BAR, MARK_DOT);
    const out = new Float64Array(1);
    const flags = field.read(0, out, 0);
    return { flags, value: out[0]!, end: field.end };
  }

  it('takes every split of up to 19 digits around the mark, whatever follows it', () => {
    // a · 10^r + low keeps a below 2^53 for each way the digits fall into steps of 8, 4 and 1:
    // every number of digits before (0–19) and after (0–19) the mark, all nines (the largest
    // M) and 1 followed by zeros and a 7, near the end of the bytes or not.
    const wrong: string[] = [];
    for (let before = 0; before <= 19; before++) {
      for (let after = 0; before + after <= 19; after++) {
        if (before + after === 0) continue;
        for (const digit of ['9', '1']) {
          const all =
            digit === '9'
              ? '9'.repeat(before + after)
              : `1${'0'.repeat(Math.max(0, before + after - 2))}7`.slice(0, before + after);
          const text = after === 0 ? all : `${all.slice(0, before)}.${all.slice(before)}`;
          for (const tail of ['', '\n', '|1\n', '|12345678\n']) {
            const { flags, value, end } = readWith(text, tail);
            // A whole number above 2^53 may be an exact tie (9999999999999999): left over.
            if (flags < 0 && after === 0 && before >= 16) continue;
            if (flags < 0 || !Object.is(value, Number(text)) || end !== text.length) {
              wrong.push(`${JSON.stringify(text + tail)}: ${flags} ${value} vs ${Number(text)}`);
            }
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('agrees with Number on 20,000 random 16–19-digit decimals at the end of the bytes', () => {
    // At the end of the bytes the digits go one at a time (no eight-byte word to read).
    const rng = createRng('end of the bytes');
    const wrong: string[] = [];
    let taken = 0;
    for (let r = 0; r < 20_000; r++) {
      const significant = 16 + rng.int(4);
      const digits =
        `${1 + rng.int(9)}${eightDigits(rng)}${eightDigits(rng)}${eightDigits(rng)}`.slice(
          0,
          significant,
        );
      const point = rng.int(significant + 1);
      const text = `${digits.slice(0, point)}.${digits.slice(point)}`;
      for (const tail of ['', '\r', '|7']) {
        const { flags, value, end } = readWith(text, tail);
        if (flags < 0) continue;
        taken++;
        if (!Object.is(value, Number(text)) || end !== text.length) {
          wrong.push(`${text}: ${value} vs ${Number(text)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    // Left over: exact ties, mostly whole numbers above 2^53 (`9193599467057881.`), ≈ 0.4 %.
    expect(taken / 60_000).toBeGreaterThan(0.99);
  });
});

describe('cellNumber: exponents, subnormals and huge numbers', () => {
  it('gives what Number gives, or leaves the cell to Number', () => {
    const rng = createRng('exponents');
    const texts = [
      '4.9e-324',
      '5e-324',
      '2.4703282292062327e-324',
      '2.2250738585072011e-308',
      '2.2250738585072014e-308',
      '1e-400',
      '1.7976931348623157e308',
      '1.7976931348623158e308',
      '1e309',
      '123456789012345e22',
      '123456789012345e-22',
      '9007199254740993e0',
    ];
    for (let r = 0; r < 100_000; r++) {
      let digits = String(1 + rng.int(9));
      const significant = 1 + rng.int(19);
      for (let k = 1; k < significant; k++) digits += String(rng.int(10));
      const point = rng.int(significant + 1);
      texts.push(`${digits.slice(0, point)}.${digits.slice(point)}e${rng.int(700) - 350}`);
    }
    const wrong: string[] = [];
    let taken = 0;
    for (const text of texts) {
      const bytes = encode(text);
      const value = cellNumber(bytes, 0, bytes.length, false);
      if (value === undefined) continue;
      taken++;
      if (!Object.is(value, Number(text))) wrong.push(`${text}: ${value} vs ${Number(text)}`);
    }
    expect(wrong).toEqual([]);
    expect(taken).toBeGreaterThan(1000);
  });
});

/** Eight uniform random digits. */
function eightDigits(rng: Rng): string {
  return String(rng.int(100_000_000)).padStart(8, '0');
}

/** `digits` · 10^-q as a plain decimal text (q ≥ 0). */
function decimalText(digits: bigint, q: number): string {
  const text = digits.toString();
  if (q <= 0) return text + '0'.repeat(-q);
  const padded = text.padStart(q + 1, '0');
  return `${padded.slice(0, -q)}.${padded.slice(-q)}`;
}

/**
 * Reads every text as one field of one buffer (one text per line) and compares what
 * NumberField takes with `Number` of the text, bit for bit; gives how many were taken and the
 * texts it got wrong (value, end or flags). Cheap enough for millions of texts: one buffer, no
 * `expect` per text.
 */
function readAll(
  texts: readonly string[],
  mark: typeof MARK_DOT | typeof MARK_EITHER,
): { taken: number; wrong: string[] } {
  const bytes = encode(`${texts.join('\n')}\n`);
  const delimiter = mark === MARK_DOT ? BAR : SEMICOLON;
  const field = new NumberField(bytes, delimiter, mark);
  const out = new Float64Array(1);
  const wrong: string[] = [];
  let taken = 0;
  let pos = 0;
  for (const text of texts) {
    const end = pos + text.length;
    const flags = field.read(pos, out, 0);
    if (flags >= 0) {
      taken++;
      const expected = Number(mark === MARK_EITHER ? text.replace(',', '.') : text);
      if (!Object.is(out[0], expected) || field.end !== end) {
        wrong.push(`${text}: ${out[0]} vs ${expected}`);
      } else if (flags !== cellFlags(bytes, pos, end, [], mark === MARK_DOT)) {
        wrong.push(`${text}: flags ${flags}`);
      }
    }
    pos = end + 1;
  }
  return { taken, wrong };
}

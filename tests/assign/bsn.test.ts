import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createPseudonymiser,
  invalidBsnRows,
  isValidBsn,
  normaliseBsn,
  pseudonymise,
  pseudonymiseAll,
} from '../../src/assign/index.js';
import { InputError } from '../../src/errors.js';
import { bsnFrom, bsns } from './helpers.js';

describe('isValidBsn', () => {
  it('applies the eleven test with weights 9…2 and −1', () => {
    expect(isValidBsn('111222333')).toBe(true);
    expect(isValidBsn('123456782')).toBe(true);
    expect(isValidBsn('012345672')).toBe(true);
    expect(isValidBsn('123456789')).toBe(false);
    expect(isValidBsn('111222334')).toBe(false);
  });

  it('keeps leading zeros and pads eight digits only when asked', () => {
    expect(isValidBsn('12345672')).toBe(false);
    expect(isValidBsn('12345672', { padEightDigits: true })).toBe(true);
    expect(isValidBsn(12345672, { padEightDigits: true })).toBe(true);
    expect(normaliseBsn('12345672', { padEightDigits: true })).toBe('012345672');
    expect(isValidBsn('1234567', { padEightDigits: true })).toBe(false);
  });

  it('rejects non-digits, wrong lengths, zeros and non-strings', () => {
    for (const v of ['', '11122233a', '1112223330', '000000000', null, undefined, {}, 1.5]) {
      expect(isValidBsn(v)).toBe(false);
    }
  });

  it('accepts every generated BSN and detects any single-digit change', () => {
    fc.assert(
      fc.property(
        fc.nat(10_000_000),
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 1, max: 9 }),
        (k, pos, delta) => {
          const b = bsnFrom(k);
          expect(isValidBsn(b)).toBe(true);
          const d = (Number(b[pos]) + delta) % 10;
          const changed = b.slice(0, pos) + String(d) + b.slice(pos + 1);
          // The eleven test catches every single-digit error.
          expect(isValidBsn(changed)).toBe(false);
        },
      ),
    );
  });

  it('lists invalid rows 1-based', () => {
    expect(invalidBsnRows(['111222333', '123456789', '012345672', 'x'])).toEqual([2, 4]);
  });
});

describe('pseudonymise', () => {
  it('is HMAC-SHA256(secret, nine-digit BSN) in hex, as node:crypto computes it', () => {
    for (const b of bsns(50)) {
      expect(pseudonymise(b, 'project secret')).toBe(
        createHmac('sha256', 'project secret').update(b).digest('hex'),
      );
    }
    expect(pseudonymise('12345672', 's', { padEightDigits: true })).toBe(
      createHmac('sha256', 's').update('012345672').digest('hex'),
    );
  });

  it('refuses an invalid BSN or an empty secret without echoing the value', () => {
    const p = createPseudonymiser('s');
    try {
      p('123456789');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).code).toBe('invalid-bsn');
      expect((e as Error).message).not.toContain('123456789');
    }
    expect(() => createPseudonymiser('')).toThrow(/secret/);
  });

  it('reports invalid values of a column by row number only', () => {
    try {
      pseudonymiseAll(['111222333', '123456789', '999999999'], 's', { column: 'bsn' });
      expect.unreachable();
    } catch (e) {
      const err = e as InputError;
      expect(err.rows).toEqual([2, 3]);
      expect(err.message).toContain('rows 2, 3');
      expect(err.message).not.toMatch(/123456789|999999999/);
    }
  });
});

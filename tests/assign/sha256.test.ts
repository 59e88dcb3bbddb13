import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hmacSha256, hmacSha256Keyed, sha256, toHex } from '../../src/assign/sha256.js';

const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));

describe('sha256 (FIPS 180-4 examples)', () => {
  it('hashes the standard test messages', () => {
    expect(toHex(sha256(''))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(toHex(sha256('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(toHex(sha256('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(toHex(sha256('a'.repeat(1_000_000)))).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
  });

  it('agrees with node:crypto on random messages of every length around the block edges', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (m) => {
        expect(toHex(sha256(m))).toBe(createHash('sha256').update(m).digest('hex'));
      }),
      { numRuns: 500 },
    );
    for (let len = 0; len <= 200; len++) {
      const m = new Uint8Array(len).map((_, i) => (i * 31 + len) & 0xff);
      expect(toHex(sha256(m))).toBe(createHash('sha256').update(m).digest('hex'));
    }
  });

  it('treats strings as UTF-8', () => {
    expect(toHex(sha256('één'))).toBe(createHash('sha256').update('één', 'utf8').digest('hex'));
  });
});

describe('hmacSha256 (RFC 4231)', () => {
  const cases: [string, Uint8Array, Uint8Array, string][] = [
    [
      '1',
      hex('0b'.repeat(20)),
      new TextEncoder().encode('Hi There'),
      'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
    ],
    [
      '2',
      new TextEncoder().encode('Jefe'),
      new TextEncoder().encode('what do ya want for nothing?'),
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    ],
    [
      '3',
      hex('aa'.repeat(20)),
      hex('dd'.repeat(50)),
      '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe',
    ],
    [
      '4',
      hex('0102030405060708090a0b0c0d0e0f10111213141516171819'),
      hex('cd'.repeat(50)),
      '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b',
    ],
    [
      '6',
      hex('aa'.repeat(131)),
      new TextEncoder().encode('Test Using Larger Than Block-Size Key - Hash Key First'),
      '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
    ],
    [
      '7',
      hex('aa'.repeat(131)),
      new TextEncoder().encode(
        'This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.',
      ),
      '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
    ],
  ];
  it.each(cases)('test case %s', (_, key, data, expected) => {
    expect(toHex(hmacSha256(key, data))).toBe(expected);
  });

  it('test case 5 (truncated to 128 bits)', () => {
    const mac = hmacSha256(hex('0c'.repeat(20)), new TextEncoder().encode('Test With Truncation'));
    expect(toHex(mac).slice(0, 32)).toBe('a3b6167473100ee06e0c796c2955552b');
  });

  it('agrees with node:crypto for random keys and messages, and the keyed form is reusable', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 150 }),
        fc.array(fc.string({ maxLength: 120 }), { maxLength: 5 }),
        (key, messages) => {
          const mac = hmacSha256Keyed(key);
          for (const m of messages) {
            expect(toHex(mac(m))).toBe(createHmac('sha256', key).update(m, 'utf8').digest('hex'));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

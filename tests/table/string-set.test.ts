/** The compact string set behind the identifier guard, against FNV-1a's test vectors and `Set`. */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/stats/random.js';
import { StringSet, stringHash } from '../../src/table/string-set.js';

describe('stringHash', () => {
  it("is 32-bit FNV-1a: the published vectors for '', 'a' and 'foobar'", () => {
    // Test vectors of the FNV reference (Fowler, Noll, Vo; draft-eastlake-fnv, FNV-1a 32-bit).
    expect(stringHash('') >>> 0).toBe(0x811c9dc5);
    expect(stringHash('a') >>> 0).toBe(0xe40c292c);
    expect(stringHash('foobar') >>> 0).toBe(0xbf9cf968);
  });
});

describe('StringSet', () => {
  it('adds, finds and counts distinct strings', () => {
    const s = new StringSet();
    for (const v of ['DH000001', 'DH000002', 'DH000001', '', 'é-1']) s.add(v);
    expect(s.size).toBe(4);
    expect(s.has('DH000001')).toBe(true);
    expect(s.has('')).toBe(true);
    expect(s.has('é-1')).toBe(true);
    expect(s.has('DH000003')).toBe(false);
    expect(s.has('DH00000')).toBe(false);
  });

  it('agrees with a Set on 50,000 random strings, growing past its expected size', () => {
    const rng = createRng('string-set');
    const alphabet = 'ab-_09Zé ';
    const word = () => {
      let w = '';
      const n = Math.floor(rng.next() * 6);
      for (let i = 0; i < n; i++) w += alphabet[Math.floor(rng.next() * alphabet.length)];
      return w;
    };
    const reference = new Set<string>();
    const set = new StringSet(100);
    for (let i = 0; i < 50_000; i++) {
      const w = word();
      reference.add(w);
      set.add(w);
    }
    expect(set.size).toBe(reference.size);
    for (let i = 0; i < 20_000; i++) {
      const w = word();
      expect(set.has(w)).toBe(reference.has(w));
    }
    for (const w of reference) expect(set.has(w)).toBe(true);
  });

  it('reserve keeps what it holds', () => {
    const s = new StringSet(1);
    s.add('x1');
    s.reserve(1000);
    for (let i = 0; i < 1000; i++) s.add(`id${i}`);
    expect(s.size).toBe(1001);
    expect(s.has('x1') && s.has('id999')).toBe(true);
  });
});

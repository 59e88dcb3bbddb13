// rng.int(n) for n ≤ 2³² avoids the double `%` (a fast accept below 2³² − n, r − ⌊r/n⌋·n for the
// residue): its stream must equal the textbook rejection rule on the raw 32-bit outputs of a
// generator with the same seed, r < 2³² − (2³² mod n) ? r mod n : next, for every n.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/stats/random.js';

/** The reference rule, written out with the double `%` on the raw stream. */
function referenceInt(raw: () => number, n: number): number {
  const limit = 2 ** 32 - (2 ** 32 % n);
  for (;;) {
    const r = raw();
    if (r < limit) return r % n;
  }
}

describe('rng.int against the rejection rule with %', () => {
  it('gives the same stream for small, large, power-of-two and near-2³² n', () => {
    const ns = [
      1,
      2,
      3,
      7,
      10,
      1000,
      1167,
      12_191,
      50_000,
      2 ** 16,
      2 ** 31 - 1,
      2 ** 31,
      2 ** 31 + 1,
      3_000_000_019,
      2 ** 32 - 5,
      2 ** 32 - 1,
      2 ** 32,
    ];
    for (const n of ns) {
      const fast = createRng(`int-stream:${n}`);
      const slow = createRng(`int-stream:${n}`);
      let mismatches = 0;
      for (let i = 0; i < 2000; i++) {
        if (fast.int(n) !== referenceInt(slow.nextUint32, n)) mismatches++;
      }
      expect(mismatches).toBe(0);
      // both consumed the same raw outputs, rejections included
      expect(fast.nextUint32()).toBe(slow.nextUint32());
    }
  });

  it('gives the same stream as a partial Fisher–Yates deal uses it (n = len − a, decreasing)', () => {
    const fast = createRng('int-deal');
    const slow = createRng('int-deal');
    let mismatches = 0;
    for (let len = 50_000; len > 0; len--) {
      if (fast.int(len) !== referenceInt(slow.nextUint32, len)) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it('gives the same stream over many random n up to 2³², rejections included', () => {
    const pick = createRng('int-random-n');
    const fast = createRng('int-random-n:draws');
    const slow = createRng('int-random-n:draws');
    let raw = 0;
    const counted = () => {
      raw++;
      return slow.nextUint32();
    };
    const calls = 20_000;
    let mismatches = 0;
    for (let i = 0; i < calls; i++) {
      // n spread over [1, 2³²] on a log scale, so that large n (frequent rejection) occur
      const n = Math.max(1, Math.floor(2 ** (32 * pick.next())));
      if (fast.int(n) !== referenceInt(counted, n)) mismatches++;
    }
    expect(mismatches).toBe(0);
    expect(fast.nextUint32()).toBe(slow.nextUint32());
    // some outputs were rejected (n near 2³² rejects up to half of them), so that branch ran
    expect(raw).toBeGreaterThan(calls);
  });
});

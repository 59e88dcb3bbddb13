/**
 * Seeded pseudo-random numbers: the only source of randomness in the library (never
 * the platform's unseeded generator). The generator is xoshiro128** (Blackman & Vigna 2018): 128 bits of state,
 * period 2¹²⁸ − 1, fast on 32-bit integer arithmetic (`Math.imul`), and it passes BigCrush. The
 * state is filled by SplitMix32 from the seed, so nearby seeds give unrelated streams.
 *
 * The integer stream (and so `next`, `int`, `shuffle`, `sample`, `bernoulli`, `binomial`) is
 * bit-for-bit identical on every platform. `normal()` goes through `Math.log`/`Math.sqrt`,
 * which JavaScript engines may round differently in the last bit.
 */
import { InputError } from '../errors.js';
import { normalQuantile } from './distributions.js';

/** A seeded generator. All methods advance the same stream. */
export interface Rng {
  /** Uniform on [0, 1) with 53 random bits. */
  next(): number;
  /** Next raw 32-bit output as an unsigned integer. */
  nextUint32(): number;
  /** Uniform integer in {0, …, n − 1}, unbiased (rejection sampling); 1 ≤ n ≤ 2⁵³. */
  int(n: number): number;
  /** Standard normal deviate, by inversion Φ⁻¹(U) (one uniform per deviate, no cached state). */
  normal(): number;
  /** True with probability p. */
  bernoulli(p: number): boolean;
  /** Binomial(n, p) count, as n Bernoulli draws (exact; O(n)). */
  binomial(n: number, p: number): number;
  /** Shuffles `array` in place (Fisher–Yates) and returns it. */
  shuffle<T>(array: T[]): T[];
  /** k distinct elements of `array` in random order (without replacement); `array` is untouched. */
  sample<T>(array: readonly T[], k: number): T[];
}

/** SplitMix32 finaliser (hash-prospector constants): a bijective 32-bit mixer. */
function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z ^= z >>> 16;
  z = Math.imul(z, 0x21f0aaad);
  z ^= z >>> 15;
  z = Math.imul(z, 0x735a2d97);
  z ^= z >>> 15;
  return z >>> 0;
}

/** Two 32-bit words from a seed: the integer's low and high halves, or two hashes of a string. */
function seedWords(seed: number | string): [number, number] {
  if (typeof seed === 'number') {
    if (!(Number.isSafeInteger(seed) && seed >= 0)) {
      throw new InputError(
        `createRng: a numeric seed must be an integer in [0, 2^53), got ${String(seed)}; use a string for other seeds`,
        { code: 'invalid-option', value: String(seed) },
      );
    }
    return [seed >>> 0, Math.floor(seed / 2 ** 32) >>> 0];
  }
  // FNV-1a over UTF-8 bytes with two different offset bases, then mixed.
  const bytes = new TextEncoder().encode(seed);
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < bytes.length; i++) {
    h1 = Math.imul(h1 ^ bytes[i]!, 0x01000193);
    h2 = Math.imul(h2 ^ bytes[i]!, 0x01000193);
  }
  return [mix32(h1 ^ bytes.length), mix32(h2) ^ 0x85ebca6b];
}

/**
 * Creates a seeded random number generator (xoshiro128**, seeded by SplitMix32).
 *
 * Seeds: a non-negative safe integer, or any string (hashed with FNV-1a). The same seed gives
 * the same stream on every platform and in every run.
 *
 * @example
 * const rng = createRng(20240101);
 * rng.next(); // uniform in [0, 1)
 * rng.int(6); // 0..5
 * rng.shuffle([1, 2, 3, 4]);
 * createRng('pilot study').normal();
 */
export function createRng(seed: number | string): Rng {
  if (typeof seed !== 'number' && typeof seed !== 'string') {
    throw new InputError('createRng: seed must be a number or a string', {
      code: 'invalid-option',
      value: String(seed),
    });
  }
  const [w0, w1] = seedWords(seed);
  // Every state word depends on both seed words (the first output depends only on s1).
  let s0 = mix32(mix32(w0 ^ 0x6a09e667) ^ w1);
  let s1 = mix32(mix32(w0 ^ 0xbb67ae85) ^ w1);
  let s2 = mix32(mix32(w0 ^ 0x3c6ef372) ^ w1);
  let s3 = mix32(mix32(w0 ^ 0xa54ff53a) ^ w1);
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1; // the all-zero state is a fixed point

  function nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  }

  /** 53-bit integer in [0, 2⁵³). */
  function next53(): number {
    const hi = nextUint32() >>> 5; // 27 bits
    const lo = nextUint32() >>> 6; // 26 bits
    return hi * 67108864 + lo;
  }

  function next(): number {
    return next53() / 9007199254740992;
  }

  function int(n: number): number {
    if (!(Number.isInteger(n) && n >= 1 && n <= 2 ** 53)) {
      throw new InputError(`rng.int: n must be an integer in [1, 2^53], got ${String(n)}`, {
        code: 'invalid-option',
        value: String(n),
      });
    }
    if (n <= 2 ** 32) {
      // Reject the top 2³² mod n outputs so that every residue is equally likely: accept r below
      // limit = 2³² − (2³² mod n). As 2³² mod n < n, every r < 2³² − n is below it, so the
      // limit is computed only for the rare r ≥ 2³² − n; r mod n is r − ⌊r/n⌋·n, exact for
      // r < 2³² (⌊r/n⌋·n ≤ r < 2⁵³, and r/n is never rounded up to the next integer). Both
      // avoid the slow double `%` and give the same values as `r < limit ? r % n : reject`.
      for (;;) {
        const r = nextUint32();
        if (r < 4294967296 - n || r < 4294967296 - (4294967296 % n)) {
          return r - Math.floor(r / n) * n;
        }
      }
    }
    const limit = 2 ** 53 - (2 ** 53 % n);
    for (;;) {
      const r = next53();
      if (r < limit) return r % n;
    }
  }

  function checkP(p: number, fn: string): void {
    if (!(p >= 0 && p <= 1)) {
      throw new InputError(`rng.${fn}: p must be in [0, 1], got ${String(p)}`, {
        code: 'invalid-option',
        value: String(p),
      });
    }
  }

  return {
    next,
    nextUint32,
    int,
    normal(): number {
      // (k + ½)/2⁵³ lies strictly inside (0, 1), so the quantile is always finite.
      return normalQuantile((next53() + 0.5) / 9007199254740992);
    },
    bernoulli(p: number): boolean {
      checkP(p, 'bernoulli');
      return next() < p;
    },
    binomial(n: number, p: number): number {
      checkP(p, 'binomial');
      if (!(Number.isInteger(n) && n >= 0)) {
        throw new InputError(`rng.binomial: n must be a non-negative integer, got ${String(n)}`, {
          code: 'invalid-option',
          value: String(n),
        });
      }
      let count = 0;
      for (let i = 0; i < n; i++) if (next() < p) count++;
      return count;
    },
    shuffle<T>(array: T[]): T[] {
      for (let i = array.length - 1; i > 0; i--) {
        const j = int(i + 1);
        const tmp = array[i]!;
        array[i] = array[j]!;
        array[j] = tmp;
      }
      return array;
    },
    sample<T>(array: readonly T[], k: number): T[] {
      if (!(Number.isInteger(k) && k >= 0 && k <= array.length)) {
        throw new InputError(
          `rng.sample: k must be an integer between 0 and the array length ${array.length}, got ${String(k)}`,
          { code: 'invalid-option', value: String(k) },
        );
      }
      // Partial Fisher–Yates on a copy: the first k positions are the sample.
      const copy = array.slice();
      for (let i = 0; i < k; i++) {
        const j = i + int(copy.length - i);
        const tmp = copy[i]!;
        copy[i] = copy[j]!;
        copy[j] = tmp;
      }
      return copy.slice(0, k);
    },
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * xorshift32 → uniform (0, 1): the benches' own tiny generator, so their synthetic data do not
 * depend on `src/stats/random` (and stay the data the recorded results were measured on).
 */
export function xorshift(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return (s + 0.5) / 4294967296;
  };
}

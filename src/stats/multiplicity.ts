/**
 * Multiplicity corrections of p-values (many months, subgroups or deciles tested at once),
 * equal to R's `p.adjust`.
 */
import { InputError } from '../errors.js';

/** Correction method: family-wise error (Bonferroni, Holm) or false discovery rate (BH). */
export type PAdjustMethod = 'bonferroni' | 'holm' | 'BH' | 'none';

/** Options for {@link pAdjust}. */
export interface PAdjustOptions {
  /** Number of comparisons, when more were made than are passed (≥ p.length). Default p.length. */
  readonly n?: number;
}

/**
 * Adjusts p-values for multiple comparisons, as R's `p.adjust(p, method)`. With m = n
 * comparisons and p₍₁₎ ≤ … ≤ p₍ₘ₎:
 *
 * - `bonferroni`: min(1, m·pᵢ).
 * - `holm` (Holm 1979): p̃₍ᵢ₎ = min(1, maxⱼ≤ᵢ (m − j + 1)·p₍ⱼ₎).
 * - `BH` (Benjamini & Hochberg 1995, FDR): p̃₍ᵢ₎ = min(1, minⱼ≥ᵢ m/j·p₍ⱼ₎).
 * - `none`: unchanged.
 *
 * Returns the adjusted values in the input order. Ties are handled as R does (a stable
 * order). NaN or values outside [0, 1] throw an InputError (R would silently keep NA);
 * an empty input gives an empty result.
 *
 * @example
 * pAdjust([0.01, 0.04, 0.03], 'holm') // [0.03, 0.06, 0.06]
 * pAdjust([0.01, 0.04, 0.03], 'BH') // [0.03, 0.04, 0.04]
 */
export function pAdjust(
  p: ArrayLike<number>,
  method: PAdjustMethod,
  options: PAdjustOptions = {},
): number[] {
  const fn = 'pAdjust';
  const m = p.length;
  for (let i = 0; i < m; i++) {
    const v = p[i]!;
    if (!(v >= 0 && v <= 1)) {
      throw new InputError(
        `${fn}: p[${i}] is ${String(v)}; expected p-values in [0, 1] (NaN is not allowed)`,
        { code: 'out-of-range', rows: [i + 1], value: String(v) },
      );
    }
  }
  const n = options.n ?? m;
  if (!(Number.isInteger(n) && n >= m)) {
    throw new InputError(
      `${fn}: n must be an integer at least the number of p-values (${m}), got ${String(n)}`,
      { code: 'invalid-option', value: String(n) },
    );
  }
  const out = Array.from(p);
  if (m === 0 || method === 'none') return out;
  if (method === 'bonferroni') return out.map((v) => Math.min(1, n * v));
  if (method !== 'holm' && method !== 'BH') {
    throw new InputError(
      `${fn}: unknown method '${String(method)}'; expected 'bonferroni', 'holm', 'BH' or 'none'`,
      { code: 'invalid-option', value: String(method) },
    );
  }
  const order = Array.from({ length: m }, (_, i) => i);
  if (method === 'holm') {
    // Ascending, stable (R's order()).
    order.sort((a, b) => out[a]! - out[b]! || a - b);
    let running = 0;
    for (let k = 0; k < m; k++) {
      const idx = order[k]!;
      running = Math.max(running, (n - k) * out[idx]!);
      out[idx] = Math.min(1, running);
    }
    return out;
  }
  // BH: descending, stable (R's order(p, decreasing = TRUE)), ranks i = m, m − 1, …, 1.
  order.sort((a, b) => out[b]! - out[a]! || a - b);
  let running = Number.POSITIVE_INFINITY;
  for (let k = 0; k < m; k++) {
    const idx = order[k]!;
    running = Math.min(running, (n / (m - k)) * out[idx]!);
    out[idx] = Math.min(1, running);
  }
  return out;
}

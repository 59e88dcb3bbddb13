/**
 * Shared checks and helpers of the scan metrics: 0/1 outcomes, finite scores, the ranking, and
 * z-based estimates in the library's `Estimate` shape.
 */
import { formatRows, InputError } from '../errors.js';
import { type Estimate, estimateFromSe } from '../stats/estimate.js';

/** Scores or 0/1 outcomes as given by a caller. */
export type NumericInput = Float64Array | readonly number[];

/** Validates a 0/1 outcome vector; `what` names it in messages. */
export function checkOutcome(y: NumericInput | Uint8Array, what = 'outcome'): Uint8Array {
  const out = new Uint8Array(y.length);
  const bad: number[] = [];
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (v === 1) out[i] = 1;
    else if (v !== 0) bad.push(i + 1);
  }
  if (bad.length > 0) {
    const value = String(y[bad[0]! - 1]);
    throw new InputError(`${what}: must be 0 or 1, found ${value} in ${formatRows(bad)}`, {
      code: 'not-binary',
      column: what,
      rows: bad.slice(0, 20),
      value,
    });
  }
  return out;
}

/** Validates scores: finite, and with `probability` inside [0, 1]. Same length as `n` when given. */
export function checkScores(
  scores: NumericInput,
  n?: number,
  options: { readonly probability?: boolean; readonly what?: string } = {},
): Float64Array {
  const what = options.what ?? 'scores';
  if (n !== undefined && scores.length !== n) {
    throw new InputError(
      `${what}: ${scores.length} values for ${n} outcomes; expected one per client`,
      {
        code: 'length-mismatch',
        column: what,
      },
    );
  }
  const out = scores instanceof Float64Array ? scores : Float64Array.from(scores);
  const bad: number[] = [];
  for (let i = 0; i < out.length; i++) {
    const s = out[i]!;
    if (!Number.isFinite(s) || (options.probability && (s < 0 || s > 1))) bad.push(i + 1);
  }
  if (bad.length > 0) {
    const value = String(out[bad[0]! - 1]);
    throw new InputError(
      `${what}: ${options.probability ? 'probabilities must lie in [0, 1]' : 'scores must be finite numbers'}; found ${value} in ${formatRows(bad)}`,
      { code: 'out-of-range', column: what, rows: bad.slice(0, 20), value },
    );
  }
  return out;
}

/** Number of ones. */
export function countCases(y: Uint8Array): number {
  let c = 0;
  for (let i = 0; i < y.length; i++) c += y[i]!;
  return c;
}

/** Throws unless there is at least one case and one non-case. */
export function requireBothClasses(y: Uint8Array, what: string): number {
  const cases = countCases(y);
  if (y.length === 0) {
    throw new InputError(`${what}: no clients`, { code: 'empty' });
  }
  if (cases === 0) {
    throw new InputError(
      `${what}: no positive cases (outcome = 1) among ${y.length} clients; discrimination and capture need at least one client who flowed into bijstand`,
      { code: 'no-cases', value: '0' },
    );
  }
  if (cases === y.length) {
    throw new InputError(
      `${what}: every one of the ${y.length} clients is a case (outcome = 1); discrimination needs clients without the outcome too`,
      { code: 'no-controls', value: String(cases) },
    );
  }
  return cases;
}

/** Throws when every score is the same: a constant score cannot rank anybody. */
export function requireVaryingScore(scores: Float64Array, what: string): void {
  for (let i = 1; i < scores.length; i++) if (scores[i] !== scores[0]) return;
  throw new InputError(
    `${what}: the score is constant (${scores.length === 0 ? 'no clients' : String(scores[0])} for every client), so it ranks nobody; check that the right column was scored`,
    { code: 'no-variation', value: String(scores[0]) },
  );
}

const ENDIAN_PROBE = new Float64Array([1]);
const LITTLE_ENDIAN = new Uint32Array(ENDIAN_PROBE.buffer)[1] === 0x3ff00000;

/**
 * Indices 0..n−1 ordered by score, highest first; ties keep their row order. A stable LSD radix
 * sort on the scores' bits (four passes of 16 bits, no comparator calls), which gives the order
 * of the comparison sort `scores[b] − scores[a] || a − b` (0 and −0 tie); scores with a NaN (or
 * a big-endian host) take that comparison sort itself.
 */
export function orderDescending(scores: Float64Array): Uint32Array {
  const n = scores.length;
  let idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  let nan = false;
  for (let i = 0; i < n; i++) if (Number.isNaN(scores[i]!)) nan = true;
  if (nan || !LITTLE_ENDIAN || n < 2) {
    idx.sort((a, b) => scores[b]! - scores[a]! || a - b);
    return idx;
  }
  // Keys whose unsigned order is the descending order of the scores: a positive score's bits
  // flipped except the sign (larger first), a negative score's bits as they are; −0 as 0.
  const bits = new Uint32Array(scores.buffer, scores.byteOffset, 2 * n);
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let h = bits[2 * i + 1]!;
    let l = bits[2 * i]!;
    if (h === 0x80000000 && l === 0) h = 0; // −0 ties with 0
    if ((h & 0x80000000) === 0) {
      h ^= 0x7fffffff;
      l = ~l;
    }
    hi[i] = h >>> 0;
    lo[i] = l >>> 0;
  }
  let tmp = new Uint32Array(n);
  const count = new Uint32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const key = pass < 2 ? lo : hi;
    const shift = pass % 2 === 0 ? 0 : 16;
    count.fill(0);
    for (let i = 0; i < n; i++) count[(key[i]! >>> shift) & 0xffff]!++;
    if (count[(key[0]! >>> shift) & 0xffff] === n) continue; // one digit: nothing moves
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = count[d]!;
      count[d] = sum;
      sum += c;
    }
    for (let r = 0; r < n; r++) {
      const i = idx[r]!;
      tmp[count[(key[i]! >>> shift) & 0xffff]!++] = i;
    }
    const swap = idx;
    idx = tmp;
    tmp = swap;
  }
  return idx;
}

/** An `Estimate` on the normal scale: z = (estimate − null) / se, CI = estimate ± z₁₋α/₂ · se. */
export function zEstimate(
  estimate: number,
  stdError: number,
  n: number,
  level: number,
  method: string,
  nullValue = 0,
): Estimate {
  return estimateFromSe(estimate, stdError, Number.POSITIVE_INFINITY, level, n, method, nullValue);
}

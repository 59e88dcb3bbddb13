/**
 * Unknown keys of an options or spec object, with a did-you-mean: the one key check of the
 * library, in the lowest layer so that kernels (stats, estimate) and table-level functions alike
 * reject a typo instead of silently falling back to a default. `data/spec-reader.ts` (the JSON
 * spec reader) re-exports both functions.
 */
import { InputError } from '../errors.js';

/** Levenshtein distance (insertions, deletions, substitutions), for "did you mean" hints. */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/**
 * ` (did you mean "x"?)` when a candidate is within edit distance max(1, ⌊|name| / 3⌋) of
 * `name` (case-insensitive; the closest wins), else the empty string.
 *
 * @example
 * didYouMean('covariats', ['covariates', 'months']) // ' (did you mean "covariates"?)'
 * didYouMean('zzz', ['covariates']) // ''
 */
export function didYouMean(name: string, candidates: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = distance(name.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(name.length / 3))
    ? ` (did you mean "${best}"?)`
    : '';
}

/**
 * Every key of an options type, each marked `true`. An object literal of this type must list all
 * of `T`'s keys and no other, so the allowed keys of {@link rejectUnknownKeys} fail to compile
 * when the type gains or loses a key: the list can never drift from the type it checks. For a
 * union, the keys of every member.
 *
 * @example
 * interface Options { readonly se?: string; readonly level?: number }
 * const keys: AllKeys<Options> = { se: true, level: true };
 * // const bad: AllKeys<Options> = { se: true }; // compile error: 'level' is missing
 */
// `T extends unknown ? keyof T : never` distributes over a union: the keys of any member
// (`keyof` of a union gives only the shared ones).
export type AllKeys<T> = { readonly [K in T extends unknown ? keyof T : never]-?: true };

/**
 * The key check of every options and spec object of a public function: throws an `InputError`
 * (code `invalid-option`) naming the first unknown key, with a did-you-mean and the allowed keys,
 * so that a typo (`adjustment: 'lin'` for `adjust`) never silently falls back to a default.
 * The allowed keys are given as an {@link AllKeys} object of the options' own type, so the
 * compiler keeps them complete. `undefined` or `null` options pass.
 *
 * @example
 * rejectUnknownKeys({ se: 'HC2', lvel: 0.9 } as RegressOptions, { se: true, level: true }, 'regress');
 * // throws: regress: unknown option "lvel" (did you mean "level"?); allowed: se, level
 */
export function rejectUnknownKeys<T extends object>(
  options: T | undefined | null,
  allowed: NoInfer<AllKeys<T>>,
  fn: string,
): void {
  if (options === undefined || options === null) return;
  const names = Object.keys(allowed);
  for (const key of Object.keys(options)) {
    if (!Object.hasOwn(allowed, key)) {
      throw new InputError(
        `${fn}: unknown option "${key}"${didYouMean(key, names)}; allowed: ${names.join(', ')}`,
        { code: 'invalid-option', value: key },
      );
    }
  }
}

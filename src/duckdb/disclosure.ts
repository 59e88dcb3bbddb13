/**
 * Disclosure control on what comes back from the database: a count c with 0 < c < threshold
 * (default 10, as `isSmallCount` in src/report/disclosure.ts) is never returned. The statements
 * filter such rows in SQL, so the Node process never holds them; results list what was withheld.
 */
import { InputError } from '../errors.js';

/** The default threshold, as the report's disclosure control. */
export const DEFAULT_THRESHOLD = 10;

/** Options of every in-database analysis. */
export interface DisclosureSpec {
  /**
   * Counts below this (and above 0) are not returned: the month, group or level they belong to
   * is withheld in the database and listed in `suppressed`. Default 10; 0 turns it off.
   */
  readonly threshold?: number;
}

/** What the database withheld, in words, one entry per withheld row or estimate. */
export interface Suppressed {
  readonly threshold: number;
  readonly items: readonly string[];
}

/**
 * The threshold of a spec, checked (a whole number ≥ 0).
 *
 * @example
 * thresholdOf({}); // 10
 */
export function thresholdOf(spec: DisclosureSpec): number {
  const t = spec.threshold ?? DEFAULT_THRESHOLD;
  if (!Number.isInteger(t) || t < 0) {
    throw new InputError(`threshold must be a whole number ≥ 0, got ${String(t)}`, {
      code: 'invalid-option',
      value: String(t),
    });
  }
  return t;
}

/**
 * SQL condition that a count expression may be published: 0 or at least the threshold
 * (always true with threshold 0).
 *
 * @example
 * publishable('n', 10); // '(n = 0 OR n >= 10)'
 */
export function publishable(count: string, threshold: number): string {
  return threshold > 0 ? `(${count} = 0 OR ${count} >= ${threshold})` : '(1 = 1)';
}

/**
 * SQL condition that a group's size may be published: at least the threshold (0 included:
 * an empty arm is not an estimate).
 *
 * @example
 * enoughClients('n', 10); // '(n >= 10)'
 */
export function enoughClients(count: string, threshold: number): string {
  return `(${count} >= ${Math.max(threshold, 0)})`;
}

/**
 * A count as it may be shown: the count, or `null` when small (the SQL `CASE` that returns it).
 *
 * @example
 * maskedCount('SUM(x)', 10); // 'CASE WHEN SUM(x) = 0 OR SUM(x) >= 10 THEN SUM(x) ELSE NULL END'
 */
export function maskedCount(count: string, threshold: number): string {
  if (threshold <= 0) return count;
  return `CASE WHEN ${count} = 0 OR ${count} >= ${threshold} THEN ${count} ELSE NULL END`;
}

/**
 * "< 10" for a withheld count, else the count.
 *
 * @example
 * countText(null, 10); // '< 10'
 */
export function countText(n: number | null, threshold: number): string {
  return n === null ? `< ${threshold}` : String(n);
}

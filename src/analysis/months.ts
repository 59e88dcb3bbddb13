/**
 * The months of a series, one rule for every path (in memory and in the database).
 */
import { InputError } from '../errors.js';

/**
 * The months of a series from the `months` option: a last month m gives 1 … m, a list is taken
 * as given and must be strictly increasing whole numbers ≥ 1 (a repeat or a step back is an
 * error naming it, never silently sorted or dropped), and without the option 1 … the longest
 * follow-up (`maxFollowup`, floored). Shared by the in-memory and the in-database series.
 *
 * @example
 * monthList(3, 0) // [1, 2, 3]
 * monthList([6, 12, 24], 0) // [6, 12, 24]
 * monthList([12, 6], 0) // throws: months must be strictly increasing: 6 after 12
 */
export function monthList(
  months: number | readonly number[] | undefined,
  maxFollowup: number,
): number[] {
  const list =
    months === undefined
      ? Array.from({ length: Math.floor(maxFollowup) }, (_, i) => i + 1)
      : typeof months === 'number'
        ? Array.from({ length: months }, (_, i) => i + 1)
        : [...months];
  if (list.length === 0) {
    throw new InputError('months is empty: give a last month (e.g. 24) or a list of months', {
      code: 'invalid-option',
    });
  }
  list.forEach((m, i) => {
    if (!Number.isInteger(m) || m < 1) {
      throw new InputError(`months must be whole numbers ≥ 1, got ${m}`, {
        code: 'invalid-option',
        value: String(m),
      });
    }
    if (i > 0 && !(m > list[i - 1]!)) {
      throw new InputError(
        `months must be strictly increasing: ${m} after ${list[i - 1]} (give each month once, in order)`,
        { code: 'invalid-option', value: String(m) },
      );
    }
  });
  return list;
}

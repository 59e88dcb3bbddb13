/**
 * Option checks and labels shared by the survival estimators (internal): the months to report
 * and the confidence level as text.
 */
import { InputError } from '../errors.js';

/**
 * Months to report: a last month M gives 1…M; a list must hold whole numbers ≥ 1. Throws
 * `invalid-option` naming the function and the value.
 *
 * @example
 * checkMonths(3, 'incidenceDifference'); // [1, 2, 3]
 * checkMonths([6, 12], 'incidenceDifference'); // [6, 12]
 */
export function checkMonths(months: number | readonly number[], fn: string): number[] {
  const list = typeof months === 'number' ? [months] : [...months];
  if (list.length === 0) {
    throw new InputError(`${fn}: months is empty: give a last month (e.g. 24) or a list`, {
      code: 'invalid-option',
    });
  }
  for (const m of list) {
    if (!(Number.isInteger(m) && m >= 1)) {
      throw new InputError(`${fn}: months must be whole numbers ≥ 1, got ${String(m)}`, {
        code: 'invalid-option',
        value: String(m),
      });
    }
  }
  return typeof months === 'number' ? Array.from({ length: months }, (_, i) => i + 1) : list;
}

/**
 * A confidence level as shown in a header: 0.95 → "95 %".
 *
 * @example
 * levelText(0.9); // "90 %"
 */
export function levelText(level: number): string {
  return `${String(Number((level * 100).toFixed(4)))} %`;
}

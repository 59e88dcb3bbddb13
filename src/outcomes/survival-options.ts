/**
 * Option checks and labels shared by the survival estimators (internal): the months to report
 * and the confidence level as text.
 */
import { SpecReader } from '../data/spec-reader.js';
import { InputError } from '../errors.js';

/** The keys of the two-arm survival comparison (`SurvivalSpec`). */
export const SURVIVAL_SPEC_KEYS = [
  'arm',
  'treatment',
  'control',
  'followup',
  'event',
  'competing',
  'tiePriority',
] as const;

/**
 * Rejects a spec with a key outside `allowed`: a `SpecError` (code `invalid-option`) naming the
 * key, the closest allowed one and the list, so that a typo never falls back to a default.
 *
 * @example
 * checkSpecKeys({ event: 'month_work', monhts: 12 }, ['event', 'months'], 'incidenceDifference');
 * // throws: invalid incidenceDifference spec: spec: unknown key "monhts" (did you mean "months"?); …
 */
export function checkSpecKeys(spec: object, allowed: readonly string[], fn: string): void {
  const r = new SpecReader();
  r.object(spec, 'spec', allowed);
  r.done(`${fn} spec`);
}

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

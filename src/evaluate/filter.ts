/** The plan's row filter: which rows are analysed, and how the filter reads in a note. */
import { type ColumnTable, escape as opaque } from 'arquero';
import { numericValue, stringValue } from '../data/columns.js';
import { InputError } from '../errors.js';
import type { FilterCondition, FilterValue } from './plan.js';

/** Numbers compare as numbers (`1` matches `1` and `"1"`), booleans also as text. */
function matches(value: unknown, wanted: readonly FilterValue[]): boolean {
  return wanted.some((w) => {
    if (typeof w === 'number') return numericValue(value) === w;
    if (typeof w === 'boolean') return value === w || stringValue(value) === String(w);
    return stringValue(value) === w;
  });
}

/**
 * The rows for which every condition holds (the table itself without conditions). Throws an
 * `InputError` (`empty`) when no row is kept.
 *
 * @example
 * applyFilter(table, [{ column: 'decile', values: [1] }]).numRows();
 */
export function applyFilter(table: ColumnTable, filter: readonly FilterCondition[]): ColumnTable {
  if (filter.length === 0) return table;
  const kept = table.filter(
    opaque((d: Record<string, unknown>) => filter.every((f) => matches(d[f.column], f.values))),
  );
  if (kept.numRows() === 0) {
    throw new InputError(
      `the filter keeps no rows (${describeFilter(filter)}); check config.filter against the data`,
      { code: 'empty', column: filter[0]!.column },
    );
  }
  return kept.reify();
}

/**
 * The filter in words, for notes and messages.
 *
 * @example
 * describeFilter([{ column: 'decile', values: [1] }, { column: 'office', values: ['a', 'b'] }]);
 * // 'decile = 1 and office in ["a","b"]'
 */
export function describeFilter(filter: readonly FilterCondition[]): string {
  return filter
    .map((f) =>
      f.values.length === 1
        ? `${f.column} = ${JSON.stringify(f.values[0])}`
        : `${f.column} in ${JSON.stringify(f.values)}`,
    )
    .join(' and ');
}

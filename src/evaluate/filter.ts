/** The plan's row filter: which rows are analysed, and how the filter reads in a note. */
import { type ColumnTable, escape as opaque } from 'arquero';
import { numericValue, stringValue } from '../data/columns.js';
import { formatRows, InputError } from '../errors.js';
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
  // A study filters one table several times (the evaluation, its sensitivity analyses): arquero
  // tables are immutable, so the kept table is computed once per table and filter.
  const key = JSON.stringify(filter);
  const known = filtered.get(table)?.get(key);
  if (known) return known;
  const kept = table.filter(
    opaque((d: Record<string, unknown>) => filter.every((f) => matches(d[f.column], f.values))),
  );
  if (kept.numRows() === 0) {
    throw new InputError(
      `the filter keeps no rows (${describeFilter(filter)}); check config.filter against the data`,
      { code: 'empty', column: filter[0]!.column },
    );
  }
  const result = kept.reify();
  const byFilter = filtered.get(table) ?? new Map<string, ColumnTable>();
  byFilter.set(key, result);
  filtered.set(table, byFilter);
  return result;
}

/** {@link applyFilter}'s kept tables, per input table (weakly held) and filter (as JSON). */
const filtered = new WeakMap<ColumnTable, Map<string, ColumnTable>>();

/**
 * The 1-based file row of each row {@link applyFilter} keeps (`undefined` without conditions:
 * the rows are the file's).
 *
 * @example
 * filterFileRows(table, [{ column: 'decile', values: [1] }]); // Int32Array [3, 8, 12, …]
 */
export function filterFileRows(
  table: ColumnTable,
  filter: readonly FilterCondition[],
): Int32Array | undefined {
  if (filter.length === 0) return undefined;
  const columns = filter.map((f) => table.array(f.column) as ArrayLike<unknown>);
  const kept: number[] = [];
  for (let i = 0; i < table.numRows(); i++) {
    if (filter.every((f, c) => matches(columns[c]![i], f.values))) kept.push(i + 1);
  }
  return Int32Array.from(kept);
}

/**
 * An `InputError` about rows of the filtered table, restated with the file's rows: `rows` and
 * the row list in the message (written by `formatRows`) become file rows. Other errors are
 * returned as they are.
 *
 * @example
 * try { analyse(filtered) } catch (e) { throw inFileRows(e, filterFileRows(all, plan.filter)) }
 */
export function inFileRows(error: unknown, fileRows: Int32Array | undefined): unknown {
  if (!fileRows || !(error instanceof InputError) || !error.rows?.length) return error;
  if (error.code === 'invalid-experiment') return error;
  const rows = error.rows.map((r) => fileRows[r - 1] ?? r);
  const message = error.message.split(formatRows(error.rows)).join(formatRows(rows));
  const mapped = new InputError(message, {
    code: error.code,
    rows,
    ...(error.column === undefined ? {} : { column: error.column }),
    ...(error.value === undefined ? {} : { value: error.value }),
  });
  mapped.stack = error.stack;
  return mapped;
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

/**
 * Row objects → arquero table. Columns are the union of the rows' keys in first-seen order
 * (arquero's own `from()` only looks at the first row); a key absent from a row is missing.
 */
import { type ColumnTable, table } from 'arquero';
import { formatRows, InputError } from '../errors.js';

/**
 * Builds a table from an array of plain row objects. Throws an `InputError` when an element is
 * not an object (`wrong-type`) or a value is a nested object/array (`wrong-type`).
 *
 * @example
 * rowsToTable([{ id: 'a', age: 30 }, { id: 'b' }]).array('age'); // [30, null]
 */
export function rowsToTable(rows: readonly unknown[], source = 'input'): ColumnTable {
  const columns = new Map<string, unknown[]>();
  const notObject: number[] = [];
  let found = '';
  rows.forEach((row, i) => {
    if (row === null || typeof row !== 'object' || Array.isArray(row) || row instanceof Date) {
      if (notObject.length === 0)
        found = row === null ? 'null' : Array.isArray(row) ? 'an array' : `a ${typeof row}`;
      notObject.push(i + 1);
      return;
    }
    for (const [key, value] of Object.entries(row)) {
      let column = columns.get(key);
      if (!column) {
        // Earlier rows lacked this key: they are missing there.
        column = new Array<unknown>(rows.length).fill(null);
        columns.set(key, column);
      }
      column[i] = value === undefined ? null : value;
    }
  });
  if (notObject.length) {
    throw new InputError(
      `${source} must be an array of row objects, but ${formatRows(notObject)} ${notObject.length === 1 ? 'is' : 'are'} not an object (first: ${found})`,
      { code: 'wrong-type', rows: notObject },
    );
  }
  for (const [name, values] of columns) {
    const nested: number[] = [];
    values.forEach((v, i) => {
      if (v !== null && typeof v === 'object' && !(v instanceof Date)) nested.push(i + 1);
    });
    if (nested.length) {
      throw new InputError(
        `column '${name}' in ${source} has nested objects or arrays in ${formatRows(nested)}; values must be numbers, strings, booleans or null`,
        { code: 'wrong-type', column: name, rows: nested },
      );
    }
  }
  return table(Object.fromEntries(columns), [...columns.keys()]);
}

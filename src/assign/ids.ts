/** Private: reading the id and block columns as text, with errors that never show an id. */
import type { ColumnTable } from 'arquero';
import { columnValues, isMissing } from '../data/columns.js';
import { formatRows, InputError } from '../errors.js';

/**
 * The id column as strings: strings as given (never trimmed or re-typed, so leading zeros
 * stay), finite numbers via `String(x)`. Missing or other values → `InputError` by row number.
 */
export function readIds(table: ColumnTable, column: string): string[] {
  const values = columnValues(table, column);
  const ids: string[] = new Array(values.length);
  const bad: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'string' && !isMissing(v)) ids[i] = v;
    else if (typeof v === 'number' && Number.isFinite(v)) ids[i] = String(v);
    else {
      bad.push(i + 1);
      ids[i] = '';
    }
  }
  if (bad.length > 0) {
    throw new InputError(
      `id column '${column}' is empty or not text/number at ${formatRows(bad)}`,
      { code: 'missing-value', column, rows: bad },
    );
  }
  return ids;
}

/** Block labels as strings; missing blocks are an error (a client without a stratum). */
export function readBlocks(table: ColumnTable, column: string): string[] {
  const values = columnValues(table, column);
  const bad: number[] = [];
  const out = Array.from(values, (v, i) => {
    if (isMissing(v)) bad.push(i + 1);
    return String(v);
  });
  if (bad.length > 0) {
    throw new InputError(`block column '${column}' has missing values at ${formatRows(bad)}`, {
      code: 'missing-value',
      column,
      rows: bad,
    });
  }
  return out;
}

/** Throws `duplicate-id` (row numbers only) when an id occurs twice among `rows` (0-based). */
export function checkUnique(ids: readonly string[], rows: readonly number[], column: string): void {
  const first = new Map<string, number>();
  const dup: number[] = [];
  for (const r of rows) {
    const id = ids[r]!;
    if (first.has(id)) dup.push(r + 1);
    else first.set(id, r);
  }
  if (dup.length > 0) {
    throw new InputError(
      `id column '${column}' has repeated ids at ${formatRows(dup)} (complete assignment needs one row per client)`,
      { code: 'duplicate-id', column, rows: dup },
    );
  }
}

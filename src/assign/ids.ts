/** Private: reading the id and block columns as text, with errors that never show an id. */
import type { ColumnTable } from 'arquero';
import { columnValues, isMissing } from '../data/columns.js';
import { checkUniqueIds, normaliseId } from '../data/ids.js';
import { formatRows, InputError } from '../errors.js';

/**
 * The id column as keys, by the one rule of `normaliseId` (src/data/ids.ts): strings trimmed
 * (never re-typed or padded, so leading zeros stay), finite numbers via `String(x)`. Every rule
 * hashes, sorts or checks this text, so `" 100000071"` and `"100000071"` are one client.
 * Missing or other values → `InputError` by row number.
 */
export function readIds(table: ColumnTable, column: string): string[] {
  const values = columnValues(table, column);
  const ids: string[] = new Array(values.length);
  const bad: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const id = normaliseId(values[i]);
    if (typeof id === 'string') ids[i] = id;
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

/**
 * Throws `duplicate-id` (row numbers only) when an id occurs twice among `rows` (0-based): every
 * rule needs one row per client (a repeated client would be counted, or dealt an arm, twice).
 */
export function checkUnique(ids: readonly string[], rows: readonly number[], column: string): void {
  checkUniqueIds(ids, column, { rows, why: 'an assignment needs one row per client' });
}

/**
 * One value representation for every loaded source (JSON, rows, Arrow, Parquet), matching
 * what the CSV reader produces: missing is `null`, dates are ISO strings, 64-bit integers are
 * numbers, and id/string columns hold strings.
 */
import type { ColumnTable } from 'arquero';
import { isoDate } from './columns.js';

/**
 * Normalises the values of a loaded table: blank strings and `NaN` → `null`; `Date` → ISO
 * string (`YYYY-MM-DD` at midnight UTC); `bigint` → number (→ string when beyond 2^53, so no
 * digit is lost); in `id` and `stringColumns`, numbers and booleans → strings. Columns that
 * need no change keep their original (e.g. Arrow-backed) storage.
 *
 * @example
 * normaliseTable(table, ['bsn']);
 */
export function normaliseTable(
  table: ColumnTable,
  stringColumns: readonly string[] = [],
): ColumnTable {
  const forced = new Set(['id', ...stringColumns]);
  const changed: Record<string, unknown[]> = {};
  for (const name of table.columnNames()) {
    const values = table.array(name) as unknown[];
    const asString = forced.has(name);
    let dirty = false;
    const out = values.map((v) => {
      const w = normaliseValue(v, asString);
      if (w !== v && !(Number.isNaN(v) && Number.isNaN(w))) dirty = true;
      return w;
    });
    if (dirty) changed[name] = out;
  }
  return Object.keys(changed).length ? table.assign(changed) : table;
}

function normaliseValue(v: unknown, asString: boolean): unknown {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return null;
    return asString ? String(v) : v;
  }
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'bigint') {
    const n = Number(v);
    return asString || !Number.isSafeInteger(n) ? v.toString() : n;
  }
  if (typeof v === 'boolean') return asString ? String(v) : v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : isoDate(v);
  return v;
}

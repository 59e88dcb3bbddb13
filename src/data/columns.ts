/**
 * Column access for every table-level function: turn a table column into a typed array or a
 * string array, with one clear `InputError` (column, rows, value) when a value does not fit.
 *
 * Missing values, everywhere in the library: `null`, `undefined`, `NaN`, and strings that are
 * empty or only whitespace. Row numbers in messages are 1-based data rows of the table as given.
 */
import { ColumnTable, from } from 'arquero';
import { formatRows, InputError } from '../errors.js';
import { isBsnLike } from '../table/identifier-guard.js';
import { rowsToTable } from './rows.js';

/** One row of a table as a plain object. */
export type RowObject = Readonly<Record<string, unknown>>;

/** What table-level functions accept: an arquero table or an array of row objects. */
export type TableInput = ColumnTable | readonly RowObject[];

/** The kind of values a column holds, judged from its non-missing values. */
export type ColumnKind = 'number' | 'string' | 'boolean' | 'date' | 'mixed' | 'empty';

/**
 * Returns an arquero table for any {@link TableInput}. Filtered or ordered tables are reified,
 * so that row numbers in messages and `rows` indices refer to the rows the caller sees.
 *
 * @example
 * const t = asTable([{ id: 'a', arm: 'control' }]);
 * t.numRows(); // 1
 */
export function asTable(input: TableInput): ColumnTable {
  if (input instanceof ColumnTable) {
    return input.isFiltered() || input.isOrdered() ? input.reify() : input;
  }
  if (Array.isArray(input)) return rowsToTable(input as readonly RowObject[]);
  // Anything else arquero can take (e.g. an object of column arrays) goes through from().
  return from(input as object);
}

/**
 * Throws an `InputError` (code `missing-column`) naming the first absent column and listing
 * the available ones.
 *
 * @example
 * requireColumns(table, ['id', 'arm']);
 */
export function requireColumns(table: ColumnTable, names: readonly string[], what?: string): void {
  const available = table.columnNames();
  for (const name of names) {
    if (!available.includes(name)) throw missingColumnError(name, available, what);
  }
}

/** The `missing-column` error: names the column (and its role) and lists the available ones. */
export function missingColumnError(
  name: string,
  available: readonly string[],
  what?: string,
): InputError {
  return new InputError(missingColumnMessage(name, available, what), {
    code: 'missing-column',
    column: name,
  });
}

/** Message for a missing column, shared with the validation report. */
export function missingColumnMessage(
  name: string,
  available: readonly string[],
  what?: string,
): string {
  const role = what ? ` (${what})` : '';
  const list = available.length ? available.join(', ') : '(none)';
  return `missing column '${name}'${role}; available columns: ${list}`;
}

/**
 * The values of a column as a plain array, in table order (reading through filters/orderings).
 *
 * @example
 * columnValues(table, 'arm'); // ['control', 'experiment', ...]
 */
export function columnValues(table: ColumnTable, name: string): readonly unknown[] {
  requireColumns(table, [name]);
  // A plain table's column is its backing array: read it directly instead of copying it
  // value by value (the copy was a measurable share of a 200,000-client analysis).
  if (!table.isFiltered() && !table.isOrdered()) {
    const column: unknown = table.column(name);
    if (Array.isArray(column)) return column;
    if (ArrayBuffer.isView(column) && !(column instanceof DataView)) {
      return Array.from(column as unknown as ArrayLike<number>);
    }
  }
  return table.array(name) as unknown[];
}

/**
 * The cells of a column without a copy when the table holds them in an array (as the CSV reader
 * does: a plain array, or a typed array for numbers), else arquero's copy in table order. For
 * reading every cell once; `columnValues` when a plain array is needed.
 *
 * @example
 * const cells = columnCells(table, 'age'); // Float64Array or unknown[]; cells[i] is row i
 */
export function columnCells(table: ColumnTable, name: string): ArrayLike<unknown> {
  requireColumns(table, [name]);
  if (!table.isFiltered() && !table.isOrdered()) {
    const column: unknown = table.column(name);
    const direct =
      (Array.isArray(column) || (ArrayBuffer.isView(column) && !(column instanceof DataView))) &&
      (column as ArrayLike<unknown>).length === table.numRows();
    if (direct) return column as ArrayLike<unknown>;
  }
  return table.array(name) as ArrayLike<unknown>;
}

/**
 * The backing typed array of a numeric column, when the table stores the column as one (e.g. a
 * table built from `Float64Array`s): read without boxing every value. `undefined` otherwise.
 * NaN marks a missing value.
 *
 * @example
 * typedColumn(table({ age: new Float64Array([41, 35]) }), 'age'); // Float64Array [41, 35]
 */
export function typedColumn(table: ColumnTable, name: string): Float64Array | undefined {
  if (table.isFiltered() || table.isOrdered()) return undefined;
  const column: unknown = table.column(name);
  if (column instanceof Float64Array) return column;
  if (
    ArrayBuffer.isView(column) &&
    !(column instanceof DataView) &&
    !(column instanceof BigInt64Array) &&
    !(column instanceof BigUint64Array)
  ) {
    return Float64Array.from(column as unknown as ArrayLike<number>);
  }
  return undefined;
}

/**
 * True for the library's missing values: `null`, `undefined`, `NaN`, and blank strings.
 *
 * @example
 * isMissing(''); // true
 * isMissing(0); // false
 */
export function isMissing(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'number') return Number.isNaN(value);
  if (typeof value === 'string') {
    // A first character from '!' to '~' is not whitespace: the cell is not blank, and the
    // trim (a call per cell, a measurable share of checking 2,000,000 ids) is not needed.
    const c = value.charCodeAt(0);
    return !(c > 32 && c < 127) && value.trim() === '';
  }
  return false;
}

/**
 * A cell as a number: the number, `null` when missing, or `undefined` when it is not numeric.
 * Booleans count as 1/0 (binary outcomes); bigints within the safe range are converted;
 * strings are never parsed (a string in a numeric column is a data error, not a number).
 *
 * @example
 * numericValue(3); // 3
 * numericValue(true); // 1
 * numericValue('3'); // undefined
 * numericValue(null); // null
 */
export function numericValue(value: unknown): number | null | undefined {
  if (isMissing(value)) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : undefined;
  }
  return undefined;
}

/**
 * Shows a cell value in a message: strings quoted and cut at 40 characters, dates as ISO; a
 * value that looks like a BSN (nine digits passing the eleven test) is withheld. Never call this
 * on an id column: ids may be pseudonyms that are not BSN-like.
 *
 * @example
 * describeValue('abc'); // "'abc'"
 * describeValue(2.5); // "2.5"
 */
export function describeValue(value: unknown): string {
  // A BSN is never shown, whichever column it was typed into.
  if (isBsnLike(value)) return '(value withheld: looks like a BSN)';
  if (typeof value === 'string') {
    const cut = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return `'${cut}'`;
  }
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Options for {@link numberColumn}. */
export interface NumberColumnOptions {
  /** `'error'` (default) throws on missing values; `'nan'` stores them as `NaN`. */
  readonly missing?: 'error' | 'nan';
  /** Require whole numbers. */
  readonly integer?: boolean;
  /** Smallest allowed value (inclusive). */
  readonly min?: number;
  /** Largest allowed value (inclusive). */
  readonly max?: number;
  /**
   * Accept booleans as 1/0 (binary outcomes). Default true; false for durations and months,
   * where `true` is a data error, not the number 1.
   */
  readonly booleans?: boolean;
}

/**
 * A column as a `Float64Array`. Throws an `InputError` naming the column, the rows and the first
 * offending value for non-numeric values (`wrong-type`; booleans too with `booleans: false`), missing values unless
 * `missing: 'nan'` (`missing-value`), and values outside `integer`/`min`/`max` (`out-of-range`).
 *
 * @example
 * const months = numberColumn(table, 'month_work', { missing: 'nan', integer: true, min: 1 });
 */
export function numberColumn(
  table: ColumnTable,
  name: string,
  options: NumberColumnOptions = {},
): Float64Array {
  requireColumns(table, [name]);
  // A typed column is read as it is (no boxed copy of every value).
  const values: ArrayLike<unknown> = typedColumn(table, name) ?? columnValues(table, name);
  const out = new Float64Array(values.length);
  const bad: number[] = [];
  const missing: number[] = [];
  const range: number[] = [];
  let badValue: unknown;
  let rangeValue: number | undefined;
  const booleans = options.booleans ?? true;
  for (let i = 0; i < values.length; i++) {
    const v = !booleans && typeof values[i] === 'boolean' ? undefined : numericValue(values[i]);
    if (v === undefined) {
      if (bad.length === 0) badValue = values[i];
      bad.push(i + 1);
      continue;
    }
    if (v === null) {
      missing.push(i + 1);
      out[i] = Number.NaN;
      continue;
    }
    if (
      (options.integer && !Number.isInteger(v)) ||
      (options.min !== undefined && v < options.min) ||
      (options.max !== undefined && v > options.max)
    ) {
      if (range.length === 0) rangeValue = v;
      range.push(i + 1);
    }
    out[i] = v;
  }
  if (bad.length) {
    const value = describeValue(badValue);
    throw new InputError(
      `column '${name}' must be numeric, but has non-numeric values in ${formatRows(bad)} (first: ${value})`,
      { code: 'wrong-type', column: name, rows: bad, value },
    );
  }
  if (missing.length && options.missing !== 'nan') {
    throw new InputError(`column '${name}' has missing values in ${formatRows(missing)}`, {
      code: 'missing-value',
      column: name,
      rows: missing,
    });
  }
  if (range.length) {
    const value = String(rangeValue);
    throw new InputError(
      `column '${name}' must hold ${rangeText(options)}, but has ${value} in ${formatRows(range)}`,
      { code: 'out-of-range', column: name, rows: range, value },
    );
  }
  return out;
}

function rangeText(o: NumberColumnOptions): string {
  const what = o.integer ? 'whole numbers' : 'numbers';
  if (o.min !== undefined && o.max !== undefined) return `${what} from ${o.min} to ${o.max}`;
  if (o.min !== undefined) return `${what} ≥ ${o.min}`;
  if (o.max !== undefined) return `${what} ≤ ${o.max}`;
  return what;
}

/**
 * A cell as a string: strings as they are, numbers/booleans/bigints via `String`, dates as ISO,
 * `null` when missing, `undefined` for anything else (objects, arrays).
 *
 * @example
 * stringValue(12); // '12'
 * stringValue(''); // null
 */
export function stringValue(value: unknown): string | null | undefined {
  if (isMissing(value)) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : isoDate(value);
  return undefined;
}

/** Options for {@link stringColumn}. */
export interface StringColumnOptions {
  /** `'null'` (default) keeps missing values as `null`; `'error'` throws. */
  readonly missing?: 'null' | 'error';
  /**
   * Set for id columns: messages then never show a value. Defaults to false; values of other
   * columns (labels, codes) are shown.
   */
  readonly sensitive?: boolean;
}

/**
 * A column as strings (labels, factor levels, ids). Numbers become their decimal text.
 * Throws an `InputError` for objects/arrays (`wrong-type`) and, with `missing: 'error'`, for
 * missing values (`missing-value`).
 *
 * @example
 * const arms = stringColumn(table, 'arm', { missing: 'error' });
 */
export function stringColumn(
  table: ColumnTable,
  name: string,
  options: StringColumnOptions = {},
): (string | null)[] {
  const values = columnValues(table, name);
  const out: (string | null)[] = new Array(values.length);
  const bad: number[] = [];
  const missing: number[] = [];
  let badValue: unknown;
  for (let i = 0; i < values.length; i++) {
    const s = stringValue(values[i]);
    if (s === undefined) {
      if (bad.length === 0) badValue = values[i];
      bad.push(i + 1);
    } else if (s === null) missing.push(i + 1);
    out[i] = s ?? null;
  }
  if (bad.length) {
    const value = options.sensitive ? undefined : describeValue(badValue);
    const shown = value === undefined ? '' : ` (first: ${value})`;
    throw new InputError(
      `column '${name}' must hold text or numbers, but has other values in ${formatRows(bad)}${shown}`,
      { code: 'wrong-type', column: name, rows: bad, ...(value === undefined ? {} : { value }) },
    );
  }
  if (missing.length && options.missing === 'error') {
    throw new InputError(`column '${name}' has missing values in ${formatRows(missing)}`, {
      code: 'missing-value',
      column: name,
      rows: missing,
    });
  }
  return out;
}

/**
 * The kind of a list of values, judged from the non-missing ones.
 *
 * @example
 * valuesKind([1, null, 2]); // 'number'
 * valuesKind(['a', 1]); // 'mixed'
 */
export function valuesKind(values: Iterable<unknown>): ColumnKind {
  let kind: ColumnKind = 'empty';
  for (const v of values) {
    if (isMissing(v)) continue;
    const k: ColumnKind =
      typeof v === 'number' || typeof v === 'bigint'
        ? 'number'
        : typeof v === 'string'
          ? 'string'
          : typeof v === 'boolean'
            ? 'boolean'
            : v instanceof Date
              ? 'date'
              : 'mixed';
    if (kind === 'empty') kind = k;
    else if (kind !== k) return 'mixed';
  }
  return kind;
}

/**
 * The kind of every column of a table: what a loader inferred, or what a caller passed in.
 *
 * @example
 * columnTypes(await loadTable('clients.csv')); // { id: 'string', arm: 'string', followup_months: 'number' }
 */
export function columnTypes(input: TableInput): Record<string, ColumnKind> {
  const table = asTable(input);
  const out: Record<string, ColumnKind> = {};
  for (const name of table.columnNames()) out[name] = valuesKind(table.array(name) as unknown[]);
  return out;
}

/** A date as an ISO string: `YYYY-MM-DD` at midnight UTC, the full timestamp otherwise. */
export function isoDate(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/**
 * CSV text → arquero table with explicit, documented type inference.
 *
 * We parse CSV ourselves instead of using arquero's `fromCSV` because we need (a) the row
 * numbers of records with the wrong number of fields, (b) ids kept as strings (leading zeros of
 * a BSN), (c) empty cells as `null`, never `NaN`, and (d) no silent conversion of ISO dates to
 * `Date` objects.
 *
 * Type inference, per column, over its non-missing cells:
 * 1. `id` and the columns in `stringColumns` → string, always.
 * 2. every cell a plain decimal number (`12`, `-3.5`, `1e3`; with `decimal: ','` also `3,5`) →
 *    number, unless some cell has a leading zero (`007`, `0123`): that column stays string,
 *    because the zero is information (codes, postcodes, ids).
 * 3. every cell `true`/`false` (any case) → boolean.
 * 4. otherwise → string (dates stay ISO strings).
 * 5. no non-missing cell at all → `'empty'` (a column of nulls).
 * Missing: cells that are empty or only whitespace, and cells equal to one of `na`.
 */
import { type ColumnTable, table } from 'arquero';
import { formatRows, InputError } from '../errors.js';

/** The type a CSV column was read as. */
export type CsvColumnType = 'string' | 'number' | 'boolean' | 'empty';

/** Options for {@link parseCsv}. */
export interface CsvOptions {
  /** Field separator. Default: detected from the header line among `,` `;` and tab (`,` if none). */
  readonly delimiter?: string;
  /** Decimal mark for numbers, `.` (default) or `,` (Dutch exports with `;` separators). */
  readonly decimal?: '.' | ',';
  /** Columns always read as strings, in addition to `id`. */
  readonly stringColumns?: readonly string[];
  /** Cell texts that mean "missing", in addition to empty cells. Default none (e.g. `['NA']`). */
  readonly na?: readonly string[];
}

/** A parsed CSV: the table and the type each column was read as. */
export interface CsvResult {
  readonly table: ColumnTable;
  readonly types: Readonly<Record<string, CsvColumnType>>;
}

/** One record with the 1-based line of the file it starts on (for messages). */
interface CsvRecord {
  readonly fields: string[];
  readonly line: number;
}

/**
 * Parses CSV text (RFC 4180: quoted fields, `""` escapes, CRLF or LF, a UTF-8 BOM) with a
 * header row. Blank lines are skipped and do not count as rows. Throws an `InputError` for an
 * empty or duplicate header name, an unterminated quote, and records with the wrong number of
 * fields (all `malformed-input`; the last names data rows and lines).
 *
 * @example
 * const { table, types } = parseCsv('id,age\n007,41\n012,\n');
 * table.array('id'); // ['007', '012']
 * types; // { id: 'string', age: 'number' }
 */
export function parseCsv(text: string, options: CsvOptions = {}): CsvResult {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const delimiter = options.delimiter ?? detectDelimiter(text);
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new InputError(`CSV delimiter must be one character other than a quote or newline`, {
      code: 'invalid-option',
      value: JSON.stringify(delimiter),
    });
  }
  const records = splitRecords(text, delimiter);
  const header = records.shift();
  if (!header) throw new InputError('CSV input is empty: no header row', { code: 'empty' });
  const names = checkHeader(header.fields);
  checkFieldCounts(records, names.length);

  const na = new Set(options.na ?? []);
  const forced = new Set(['id', ...(options.stringColumns ?? [])]);
  const columns: Record<string, unknown[]> = {};
  const types: Record<string, CsvColumnType> = {};
  names.forEach((name, j) => {
    const cells = records.map((r) => {
      const cell = r.fields[j] ?? '';
      return cell.trim() === '' || na.has(cell) ? null : cell;
    });
    const type = forced.has(name) ? 'string' : inferType(cells, options.decimal ?? '.');
    types[name] = type;
    columns[name] = convert(cells, type, options.decimal ?? '.');
  });
  return { table: table(columns, names), types };
}

function detectDelimiter(text: string): string {
  const end = text.search(/\r?\n/);
  const first = end < 0 ? text : text.slice(0, end);
  let best = ',';
  let bestCount = 0;
  for (const d of [',', ';', '\t']) {
    const count = first.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

function splitRecords(text: string, delimiter: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 0;
  let sawAny = false; // the current record has at least one character or delimiter
  const endRecord = () => {
    fields.push(field);
    if (sawAny) records.push({ fields, line: recordLine });
    fields = [];
    field = '';
    sawAny = false;
  };
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (quoted) {
      if (c === QUOTE) {
        if (text.charCodeAt(i + 1) === QUOTE) {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        // Copy the run up to the next quote or newline in one slice.
        let j = i + 1;
        while (j < n && text.charCodeAt(j) !== QUOTE && text.charCodeAt(j) !== LF) j++;
        if (c === LF) line++;
        field += text.slice(i, j);
        i = j - 1;
      }
      continue;
    }
    if (c === QUOTE && field === '') {
      quoted = true;
      quoteLine = line;
      sawAny = true;
    } else if (c === d) {
      fields.push(field);
      field = '';
      sawAny = true;
    } else if (c === LF || c === CR) {
      if (c === CR && text.charCodeAt(i + 1) === LF) i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      // An unquoted run (a quote inside it is literal): copy it in one slice.
      let j = i + 1;
      for (; j < n; j++) {
        const e = text.charCodeAt(j);
        if (e === d || e === LF || e === CR) break;
      }
      field += text.slice(i, j);
      i = j - 1;
      sawAny = true;
    }
  }
  if (quoted) {
    throw new InputError(`CSV has an unterminated quoted field starting on line ${quoteLine}`, {
      code: 'malformed-input',
    });
  }
  endRecord();
  return records;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

function checkHeader(fields: readonly string[]): string[] {
  const names = fields.map((f) => f.trim());
  const empty = names.flatMap((n, j) => (n === '' ? [j + 1] : []));
  if (empty.length) {
    throw new InputError(`CSV header has an empty column name at position ${empty.join(', ')}`, {
      code: 'malformed-input',
    });
  }
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) {
      throw new InputError(`CSV header names column '${name}' more than once`, {
        code: 'duplicate-column',
        column: name,
      });
    }
    seen.add(name);
  }
  return names;
}

function checkFieldCounts(records: readonly CsvRecord[], expected: number): void {
  const rows: number[] = [];
  const lines: number[] = [];
  const counts: number[] = [];
  records.forEach((r, i) => {
    if (r.fields.length !== expected) {
      rows.push(i + 1);
      lines.push(r.line);
      counts.push(r.fields.length);
    }
  });
  if (rows.length === 0) return;
  const found = [...new Set(counts)].slice(0, 3).join(' or ');
  throw new InputError(
    `CSV ${formatRows(rows)} (${formatRows(lines).replace(/^row/, 'line')} of the file) ` +
      `${rows.length === 1 ? 'has' : 'have'} ${found} field${found === '1' ? '' : 's'}; the header has ${expected}`,
    { code: 'malformed-input', rows },
  );
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const LEADING_ZERO = /^[+-]?0\d/;
const BOOLEAN = /^(true|false)$/i;

function numberText(cell: string, decimal: '.' | ','): string {
  const t = cell.trim();
  return decimal === ',' ? t.replace(',', '.') : t;
}

function inferType(cells: readonly (string | null)[], decimal: '.' | ','): CsvColumnType {
  let any = false;
  let numbers = true;
  let booleans = true;
  for (const cell of cells) {
    if (cell === null) continue;
    any = true;
    const t = numberText(cell, decimal);
    if (numbers && (!NUMBER.test(t) || LEADING_ZERO.test(t))) numbers = false;
    if (booleans && !BOOLEAN.test(cell.trim())) booleans = false;
    if (!numbers && !booleans) return 'string';
  }
  if (!any) return 'empty';
  return numbers ? 'number' : 'boolean';
}

function convert(
  cells: readonly (string | null)[],
  type: CsvColumnType,
  decimal: '.' | ',',
): unknown[] {
  switch (type) {
    case 'number':
      return cells.map((c) => (c === null ? null : Number(numberText(c, decimal))));
    case 'boolean':
      return cells.map((c) => (c === null ? null : c.trim().toLowerCase() === 'true'));
    default:
      return cells.slice();
  }
}

/**
 * CSV text → arquero table with explicit, documented type inference.
 *
 * We parse CSV ourselves instead of using arquero's `fromCSV` because we need (a) the row
 * numbers of records with the wrong number of fields, (b) ids kept as strings (leading zeros of
 * a BSN), (c) empty cells as `null`, never `NaN`, and (d) no silent conversion of ISO dates to
 * `Date` objects, of numbers with a few odd cells to text, or of 19-digit numbers to doubles.
 *
 * Type inference, per column, over its non-missing cells (docs/data-schema.md):
 * 1. `id` and the columns in `stringColumns` → string, always.
 * 2. every cell a plain decimal number (`12`, `-3.5`, `1e3`; with `decimal: ','` also `3,5`) →
 *    number, unless some cell has a leading zero (`007`, `0123`): that column stays string,
 *    because the zero is information (codes, postcodes, ids); and unless a cell is a whole
 *    number beyond 2^53 (a 19-digit account number), which a double cannot hold: that column
 *    stays string, with a note, so no digit is lost.
 * 3. every cell `true`/`false` (any case) → boolean.
 * 4. more than half of the cells numbers, the rest not → an `InputError` (`wrong-type`) naming
 *    the column, the data rows and the values, with the way out: declare the missing-value
 *    tokens (`na`), the decimal mark (`decimal`) or the column as text (`stringColumns`).
 * 5. otherwise → string (dates stay ISO strings).
 * 6. no non-missing cell at all → `'empty'` (a column of nulls).
 * Missing: cells that are empty or only whitespace, and cells equal to one of `na`.
 * Decimal mark: `decimal`, else `,` for a Dutch export (`;`-separated with a column of decimal
 * commas, said in a note), else `.`.
 */
import { type ColumnTable, table } from 'arquero';
import { formatRows, InputError } from '../errors.js';

/** The type a CSV column was read as. */
export type CsvColumnType = 'string' | 'number' | 'boolean' | 'empty';

/** Options for {@link parseCsv}. */
export interface CsvOptions {
  /** Field separator. Default: detected from the header line among `,` `;` and tab (`,` if none). */
  readonly delimiter?: string;
  /**
   * Decimal mark for numbers, `.` or `,`. Default: `,` for a Dutch export (`;` separators and a
   * column whose cells are all numbers with a decimal comma; a note says so), else `.`.
   */
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
  /** The field separator used (given or detected). */
  readonly delimiter: string;
  /** The decimal mark used (given or detected). */
  readonly decimal: '.' | ',';
  /**
   * What the reader decided that the caller should know: a detected Dutch export, a column kept
   * as text because its numbers would lose digits. Empty when nothing was decided.
   */
  readonly notes: readonly string[];
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
  checkNoNul(text);
  if (options.decimal !== undefined && options.decimal !== '.' && options.decimal !== ',') {
    throw new InputError(
      `CSV decimal mark must be '.' or ',', not ${JSON.stringify(options.decimal)}`,
      {
        code: 'invalid-option',
        value: String(options.decimal),
      },
    );
  }
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
  // One column's cells at a time (missing → null), so a large file is not held twice.
  const cellsOf = (j: number) =>
    records.map((r) => {
      const cell = r.fields[j] ?? '';
      return cell.trim() === '' || na.has(cell) || na.has(cell.trim()) ? null : cell;
    });
  const notes: string[] = [];
  let decimal = options.decimal;
  if (decimal === undefined) {
    const comma =
      delimiter === ';' ? names.filter((n, j) => !forced.has(n) && commaColumn(cellsOf(j))) : [];
    decimal = comma.length > 0 ? ',' : '.';
    if (comma.length > 0) {
      notes.push(dutchExportNote(comma));
    }
  }
  const columns: Record<string, unknown[]> = {};
  const types: Record<string, CsvColumnType> = {};
  const big: string[] = [];
  names.forEach((name, j) => {
    const cells = cellsOf(j);
    let type: CsvColumnType = forced.has(name) ? 'string' : inferType(cells, decimal, name);
    if (type === 'number' && cells.some((c) => c !== null && beyondDouble(c))) {
      type = 'string';
      big.push(name);
    }
    types[name] = type;
    columns[name] = convert(cells, type, decimal);
  });
  if (big.length > 0) notes.push(bigNumbersNote(big));
  return { table: table(columns, names), types, delimiter, decimal, notes };
}

/** The note for a detected Dutch export (`;` and decimal commas in the `comma` columns). */
export function dutchExportNote(comma: readonly string[]): string {
  return `read as a Dutch export: ';' separates the fields and ',' is the decimal mark (${listNames(comma)}); give the decimal mark (decimal / --decimal) to read it otherwise`;
}

/** The note for columns of whole numbers beyond 2^53, read as text. */
export function bigNumbersNote(big: readonly string[]): string {
  return `${listNames(big)} ${big.length === 1 ? 'holds' : 'hold'} whole numbers beyond 2^53, which a number cannot hold without losing digits; read as text`;
}

function listNames(names: readonly string[]): string {
  const shown = names.slice(0, 5).map((n) => `'${n}'`);
  const more = names.length > 5 ? ` and ${names.length - 5} more` : '';
  return `column${names.length === 1 ? '' : 's'} ${shown.join(', ')}${more}`;
}

/** NUL never belongs in CSV text: it is binary data or UTF-16 read as UTF-8. */
function checkNoNul(text: string): void {
  const at = text.indexOf('\u0000');
  if (at < 0) return;
  const line = text.slice(0, at).split('\n').length;
  throw new InputError(
    `CSV text contains a NUL character on line ${line}: it is binary data or UTF-16 text, not UTF-8 CSV; save the file as UTF-8 CSV`,
    { code: 'malformed-input' },
  );
}

const COMMA_NUMBER = /^[+-]?\d+,\d+$/;

/** All cells numbers with a decimal comma, at least one with a comma: a Dutch numeric column. */
function commaColumn(cells: readonly (string | null)[]): boolean {
  let comma = false;
  for (const cell of cells) {
    if (cell === null) continue;
    const t = cell.trim();
    if (COMMA_NUMBER.test(t)) comma = true;
    else if (!NUMBER.test(t) || t.includes('.')) return false;
  }
  return comma;
}

/** A whole number too large for a double to hold exactly (more than 2^53 in magnitude). */
function beyondDouble(cell: string): boolean {
  const t = cell.trim();
  return /^[+-]?\d{16,}$/.test(t) && !Number.isSafeInteger(Number(t));
}

/** The field separator of the header line among `,` `;` and tab (`,` if none). */
export function detectDelimiter(text: string): string {
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

/** The trimmed header names; an `InputError` for an empty or a repeated name. */
export function checkHeader(fields: readonly string[]): string[] {
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

function inferType(
  cells: readonly (string | null)[],
  decimal: '.' | ',',
  name: string,
): CsvColumnType {
  let present = 0;
  let numbers = 0;
  let leadingZero = false;
  let booleans = true;
  const odd: number[] = [];
  cells.forEach((cell, i) => {
    if (cell === null) return;
    present++;
    const t = numberText(cell, decimal);
    if (NUMBER.test(t)) {
      numbers++;
      if (LEADING_ZERO.test(t)) leadingZero = true;
    } else odd.push(i);
    if (booleans && !BOOLEAN.test(cell.trim())) booleans = false;
  });
  if (present === 0) return 'empty';
  if (numbers === present) return leadingZero ? 'string' : 'number';
  if (booleans) return 'boolean';
  if (numbers * 2 > present && !leadingZero) throw mostlyNumeric(name, cells, odd, decimal);
  return 'string';
}

/** Cell texts that usually mean "missing" in exports (R, SPSS, Excel, SQL). */
const MISSING_LIKE = new Set([
  'na',
  'n/a',
  'nan',
  'null',
  'none',
  '.',
  '-',
  '?',
  '#n/a',
  'missing',
]);

/** The error for a column of numbers with a few other cells: where, what, and the way out. */
function mostlyNumeric(
  name: string,
  cells: readonly (string | null)[],
  odd: readonly number[],
  decimal: '.' | ',',
): InputError {
  const texts = odd.map((i) => (cells[i] as string).trim());
  const distinct = [...new Set(texts)];
  const shown = distinct.slice(0, 3).map(showCell).join(', ') + (distinct.length > 3 ? ', …' : '');
  const rows = odd.map((i) => i + 1);
  const hints: string[] = [];
  const missingLike = distinct.filter((t) => MISSING_LIKE.has(t.toLowerCase()));
  if (missingLike.length > 0) {
    hints.push(
      `if ${missingLike.map(showCell).join(', ')} ${missingLike.length === 1 ? 'means' : 'mean'} missing, declare it (na: [${missingLike.map((t) => JSON.stringify(t)).join(', ')}]; --na ${missingLike.join(',')})`,
    );
  }
  if (distinct.every((t) => BOOLEAN.test(t))) {
    hints.push('true/false is not a number here: write 1/0, or leave the cell empty');
  }
  if (decimal === '.' && distinct.some((t) => COMMA_NUMBER.test(t))) {
    hints.push(`for a decimal comma give decimal ',' (--decimal ,)`);
  }
  hints.push('to keep the column as text, name it in stringColumns (--text-columns)');
  return new InputError(
    `column '${name}' holds numbers except in ${formatRows(rows)}: ${shown}; ${hints.join('; ')}`,
    { code: 'wrong-type', column: name, rows, value: showCell(distinct[0] as string) },
  );
}

/** A cell in a message: quoted, cut at 20 characters; withheld with 9+ digits (a BSN). */
function showCell(text: string): string {
  if ((text.match(/\d/g)?.length ?? 0) >= 9) return '(a value with 9 or more digits, not shown)';
  return `'${text.length > 20 ? `${text.slice(0, 20)}…` : text}'`;
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

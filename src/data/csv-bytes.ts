/**
 * The fast path of CSV reading: UTF-8 bytes straight into columns, in two passes over the bytes
 * and without a string per field. Pass 1 finds the records and applies the type rule of
 * `parseCsv` (./csv.ts) to every cell's bytes; pass 2 writes numbers into a `Float64Array` (or,
 * for a column with missing cells, an array of numbers and nulls, as `parseCsv` gives), and
 * strings only for text columns (shared per distinct value where there are few).
 *
 * The result is the one `parseCsv` gives for the decoded text. Whenever the data would give an
 * error or a rare case (bytes that are not UTF-8, NUL bytes, a UTF-16 mark, an unterminated
 * quote, a wrong field count, a bad header, a mostly-numeric column, a whole number beyond
 * 2^53), {@link parseCsvBytes} returns `undefined` and the caller runs `parseCsv` on the decoded
 * text, which gives the same error or result as ever.
 */
import { table } from 'arquero';
import {
  type CsvColumnType,
  type CsvOptions,
  type CsvResult,
  checkHeader,
  detectDelimiter,
  dutchExportNote,
} from './csv.js';
import {
  BOOLEAN,
  COMMA_NUMBER,
  cellFlags,
  cellFlagsOfText,
  cellMissing,
  cellNumber,
  HAS_DOT,
  isAscii,
  LEADING_ZERO,
  LONG_INTEGER,
  MISSING,
  NOT_ASCII,
  NUM_COMMA,
  NUM_DOT,
} from './csv-cell.js';
import { fieldText, RecordScanner } from './csv-scan.js';
import { asciiString, StringPool } from './csv-strings.js';

/** What pass 1 learns about one column. */
interface ColumnFacts {
  present: number;
  numDot: number;
  numComma: number;
  leadingZeroDot: boolean;
  leadingZeroComma: boolean;
  booleans: boolean;
  /** All cells fit a Dutch numeric column (`commaColumn` of ./csv.ts) … */
  commaFits: boolean;
  /** … and at least one has a decimal comma. */
  anyComma: boolean;
  longInteger: boolean;
  /** Some cell is quoted or not ASCII (its value is read from its decoded text). */
  slowCells: boolean;
}

function newFacts(): ColumnFacts {
  return {
    present: 0,
    numDot: 0,
    numComma: 0,
    leadingZeroDot: false,
    leadingZeroComma: false,
    booleans: true,
    commaFits: true,
    anyComma: false,
    longInteger: false,
    slowCells: false,
  };
}

function addCell(f: ColumnFacts, flags: number): void {
  if (flags & MISSING) return;
  f.present++;
  if (flags & NUM_DOT) {
    f.numDot++;
    if (flags & LEADING_ZERO) f.leadingZeroDot = true;
  }
  if (flags & NUM_COMMA) {
    f.numComma++;
    if (flags & LEADING_ZERO) f.leadingZeroComma = true;
  }
  if (!(flags & BOOLEAN)) f.booleans = false;
  if (flags & COMMA_NUMBER) f.anyComma = true;
  else if (!(flags & NUM_DOT) || flags & HAS_DOT) f.commaFits = false;
  if (flags & LONG_INTEGER) f.longInteger = true;
}

/** The type rule of `inferType` in ./csv.ts; `undefined` for a mostly-numeric column (an error). */
function typeOf(f: ColumnFacts, decimal: '.' | ','): CsvColumnType | undefined {
  const numbers = decimal === ',' ? f.numComma : f.numDot;
  const leadingZero = decimal === ',' ? f.leadingZeroComma : f.leadingZeroDot;
  if (f.present === 0) return 'empty';
  if (numbers === f.present) return leadingZero ? 'string' : 'number';
  if (f.booleans) return 'boolean';
  if (numbers * 2 > f.present && !leadingZero) return undefined;
  return 'string';
}

const utf8 = new TextEncoder();

/**
 * Parses CSV bytes (UTF-8, optionally with a byte-order mark) as `parseCsv` parses their text,
 * or returns `undefined` where the data need `parseCsv` itself (an error to report, a rare case:
 * see the module comment). Numeric columns are never made of strings.
 *
 * @example
 * const bytes = new TextEncoder().encode('id,age\n007,41\n012,\n');
 * const result = parseCsvBytes(bytes) ?? parseCsv(new TextDecoder().decode(bytes));
 * result.types; // { id: 'string', age: 'number' }
 */
export function parseCsvBytes(
  bytes: Uint8Array,
  options: CsvOptions = {},
  onProgress?: (fraction: number) => void,
): CsvResult | undefined {
  if (options.decimal !== undefined && options.decimal !== '.' && options.decimal !== ',') {
    return undefined;
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return undefined;
  }
  if (bytes.indexOf(0) >= 0) return undefined;
  let start = 0;
  // decodeText drops one byte-order mark and parseCsv another.
  for (let k = 0; k < 2; k++) {
    if (bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf) {
      start += 3;
    }
  }
  try {
    return parse(bytes, start, options, onProgress);
  } catch (error) {
    // Bytes that are not UTF-8 (the strict decoder's TypeError): parseCsv's caller reports them.
    if (error instanceof TypeError) return undefined;
    throw error;
  }
}

function firstLine(bytes: Uint8Array, start: number): string {
  let end = bytes.indexOf(10, start);
  if (end < 0) end = bytes.length;
  else if (end > start && bytes[end - 1] === 13) end--;
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(
    bytes.subarray(start, end),
  );
}

function parse(
  bytes: Uint8Array,
  start: number,
  options: CsvOptions,
  onProgress: ((fraction: number) => void) | undefined,
): CsvResult | undefined {
  const delimiterText = options.delimiter ?? detectDelimiter(firstLine(bytes, start));
  if (
    delimiterText.length !== 1 ||
    delimiterText === '"' ||
    delimiterText === '\n' ||
    delimiterText === '\r' ||
    delimiterText.charCodeAt(0) >= 128
  ) {
    return undefined;
  }
  const delimiter = delimiterText.charCodeAt(0);
  // The header, with room for any number of fields.
  const headerScan = new RecordScanner(bytes, delimiter, 1 << 16, start);
  if (!headerScan.next() || headerScan.count > 1 << 16) return undefined;
  const k = headerScan.count;
  const headerFields: string[] = [];
  for (let j = 0; j < k; j++) {
    headerFields.push(
      fieldText(bytes, headerScan.starts[j]!, headerScan.ends[j]!, headerScan.quoted[j] === 1),
    );
  }
  let names: string[];
  try {
    names = checkHeader(headerFields);
  } catch {
    return undefined;
  }
  const naText = new Set(options.na ?? []);
  const na = [...naText].map((t) => utf8.encode(t));
  const forced = new Set(['id', ...(options.stringColumns ?? [])]);
  const isForced = names.map((n) => forced.has(n));

  // Pass 1: records, field counts and the facts of every cell. Where the decimal mark is known
  // already (given, or any separator but ';'), the numbers of the columns that are numeric so
  // far go straight into a Float64Array (NaN for a missing cell), so that pass 2 reads only the
  // other columns.
  const facts = names.map(newFacts);
  const missingCount = new Int32Array(k);
  const known = options.decimal ?? (delimiterText === ';' ? undefined : '.');
  const speculate = new Uint8Array(k);
  let capacity = lineCount(bytes, start) + 1;
  const early: Float64Array[] = names.map((_, j) => {
    speculate[j] = known !== undefined && !isForced[j] ? 1 : 0;
    return speculate[j] ? new Float64Array(capacity) : EMPTY_FLOATS;
  });
  const numberFlag = known === ',' ? NUM_COMMA : NUM_DOT;
  // Decimal '.' known: no comma flag is ever read (no Dutch export to detect).
  const dotOnly = known === '.';
  const scan = new RecordScanner(bytes, delimiter, k, start);
  scan.next(); // the header
  let rows = 0;
  while (scan.next()) {
    if (scan.count !== k) return undefined;
    if ((rows & 0xffff) === 0xffff) onProgress?.(scan.position / bytes.length / 2);
    if (rows === capacity) {
      capacity *= 2;
      for (let j = 0; j < k; j++) if (speculate[j]) early[j] = grow(early[j]!, capacity);
    }
    for (let j = 0; j < k; j++) {
      const s = scan.starts[j]!;
      const e = scan.ends[j]!;
      let flags = scan.quoted[j] === 1 ? NOT_ASCII : cellFlags(bytes, s, e, na, dotOnly);
      if (flags === NOT_ASCII) {
        // Quoted or not ASCII: the rules on the decoded text, and its value in pass 2.
        facts[j]!.slowCells = true;
        speculate[j] = 0;
        flags = cellFlagsOfText(fieldText(bytes, s, e, scan.quoted[j] === 1), naText);
      }
      if (flags & MISSING) missingCount[j]!++;
      if (isForced[j]) continue;
      addCell(facts[j]!, flags);
      if (speculate[j] === 1) {
        if (flags & MISSING) early[j]![rows] = Number.NaN;
        else if (flags & numberFlag) {
          early[j]![rows] =
            cellNumber(bytes, s, e, known === ',') ??
            Number(numberText(asciiString(bytes, s, e), known!));
        } else speculate[j] = 0;
      }
    }
    rows++;
  }
  if (scan.unterminated) return undefined;

  const notes: string[] = [];
  let decimal = options.decimal;
  if (decimal === undefined) {
    const comma =
      delimiterText === ';'
        ? names.filter((_, j) => !isForced[j] && facts[j]!.commaFits && facts[j]!.anyComma)
        : [];
    decimal = comma.length > 0 ? ',' : '.';
    if (comma.length > 0) notes.push(dutchExportNote(comma));
  }
  const types: Record<string, CsvColumnType> = {};
  for (let j = 0; j < k; j++) {
    const type = isForced[j] ? 'string' : typeOf(facts[j]!, decimal);
    // A mostly-numeric column is an error, and long whole numbers may need the 2^53 rule:
    // parseCsv says both.
    if (type === undefined || (type === 'number' && facts[j]!.longInteger)) return undefined;
    types[names[j]!] = type;
  }

  // Pass 2: the values of the other columns, one array per column (kept apart by kind so
  // that every store is monomorphic).
  const kinds = new Int32Array(k);
  const floats: Float64Array[] = [];
  const arrays: unknown[][] = [];
  const pools: StringPool[] = [];
  let rest = 0;
  for (let j = 0; j < k; j++) {
    const type = types[names[j]!]!;
    const done = type === 'number' && speculate[j] === 1;
    kinds[j] = done
      ? DONE
      : type === 'number'
        ? missingCount[j]! > 0
          ? BOXED
          : FLOAT
        : type === 'boolean'
          ? BOOL
          : TEXT;
    if (!done) rest++;
    floats.push(kinds[j] === FLOAT ? new Float64Array(rows) : EMPTY_FLOATS);
    arrays.push(kinds[j] === FLOAT || done ? [] : new Array<unknown>(rows).fill(null));
    pools.push(new StringPool());
  }
  const commaIsDot = decimal === ',';
  scan.reset(start);
  scan.next();
  for (let i = 0; rest > 0 && scan.next(); i++) {
    if ((i & 0xffff) === 0xffff) onProgress?.(0.5 + scan.position / bytes.length / 2);
    for (let j = 0; j < k; j++) {
      const kind = kinds[j]!;
      if (kind === DONE) continue;
      const s = scan.starts[j]!;
      const e = scan.ends[j]!;
      if (facts[j]!.slowCells && (scan.quoted[j] === 1 || !isAscii(bytes, s, e))) {
        setFromText(
          fieldText(bytes, s, e, scan.quoted[j] === 1),
          kind,
          i,
          floats[j]!,
          arrays[j]!,
          naText,
          decimal,
        );
        continue;
      }
      if (cellMissing(bytes, s, e, na)) continue; // the column holds nulls to begin with
      if (kind === FLOAT || kind === BOXED) {
        const value =
          cellNumber(bytes, s, e, commaIsDot) ??
          Number(numberText(asciiString(bytes, s, e), decimal));
        if (kind === FLOAT) floats[j]![i] = value;
        else arrays[j]![i] = value;
      } else if (kind === BOOL) {
        arrays[j]![i] = (firstNonSpace(bytes, s, e) | 32) === 116; // 't'
      } else arrays[j]![i] = pools[j]!.get(bytes, s, e);
    }
  }
  const columns = names.map((_, j) => {
    if (kinds[j] !== DONE) return kinds[j] === FLOAT ? floats[j] : arrays[j];
    const values = early[j]!;
    // Missing cells are null in a plain array, as parseCsv gives them.
    if (missingCount[j]! > 0) return Array.from(values.subarray(0, rows), nullForNaN);
    return values.length === rows ? values : values.slice(0, rows);
  });
  const data: Record<string, unknown> = {};
  names.forEach((name, j) => {
    data[name] = columns[j];
  });
  return { table: table(data, names), types, delimiter: delimiterText, decimal, notes };
}

const FLOAT = 0;
const BOXED = 1;
const BOOL = 2;
const TEXT = 3;
/** A number column filled in pass 1. */
const DONE = 4;
const EMPTY_FLOATS = new Float64Array(0);

const nullForNaN = (v: number): number | null => (Number.isNaN(v) ? null : v);

/** The number of LF bytes from `start` (an upper bound on the records, less one). */
function lineCount(bytes: Uint8Array, start: number): number {
  let count = 0;
  for (let at = bytes.indexOf(10, start); at >= 0; at = bytes.indexOf(10, at + 1)) count++;
  return count;
}

function grow(values: Float64Array, capacity: number): Float64Array {
  const bigger = new Float64Array(capacity);
  bigger.set(values);
  return bigger;
}

/** A quoted or non-ASCII cell, from its decoded text by the rules of `convert` in ./csv.ts. */
function setFromText(
  text: string,
  kind: number,
  i: number,
  floats: Float64Array,
  arrays: unknown[],
  na: ReadonlySet<string>,
  decimal: '.' | ',',
): void {
  if (cellFlagsOfText(text, na) & MISSING) return;
  if (kind === FLOAT) floats[i] = Number(numberText(text, decimal));
  else if (kind === BOXED) arrays[i] = Number(numberText(text, decimal));
  else if (kind === BOOL) arrays[i] = text.trim().toLowerCase() === 'true';
  else arrays[i] = text;
}

function numberText(cell: string, decimal: '.' | ','): string {
  const t = cell.trim();
  return decimal === ',' ? t.replace(',', '.') : t;
}

function firstNonSpace(b: Uint8Array, s: number, e: number): number {
  while (s < e && (b[s] === 32 || (b[s]! >= 9 && b[s]! <= 13))) s++;
  return b[s]!;
}

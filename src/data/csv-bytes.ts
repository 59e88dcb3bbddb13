/**
 * The fast path of CSV reading: UTF-8 bytes straight into columns, for most files in one pass
 * over the bytes and without a string per field. Pass 1 finds the records, applies the type rule
 * of `parseCsv` (./csv.ts) to every cell's bytes and keeps every value it can already know:
 * numbers of a column that has held only numbers so far go into a `Float64Array`
 * (./csv-number.ts reads a plain decimal in the same pass that finds its end), strings of a
 * text column are kept (shared per distinct value where there are few). A second pass reads
 * only the text of the first rows of a column that turned out to be text after numbers (a code
 * column with leading zeros, say). A number column with missing cells is an array of numbers
 * and nulls, as `parseCsv` gives.
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
  equalsToken,
  HAS_DOT,
  isAscii,
  LEADING_ZERO,
  LONG_INTEGER,
  MISSING,
  NUM_COMMA,
  NUM_DOT,
} from './csv-cell.js';
import { MARK_DOT, MARK_EITHER, NumberField } from './csv-number.js';
import { fieldText, RecordScanner } from './csv-scan.js';
import { asciiString, HASH_START, StringPool } from './csv-strings.js';

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
  };
}

/** Adds `count` cells with the same `flags` to a column's facts. */
function addCell(f: ColumnFacts, flags: number, count = 1): void {
  if (flags & MISSING) return;
  f.present += count;
  if (flags & NUM_DOT) {
    f.numDot += count;
    if (flags & LEADING_ZERO) f.leadingZeroDot = true;
  }
  if (flags & NUM_COMMA) {
    f.numComma += count;
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

  // Pass 1, the one pass over the bytes for most files: records, field counts, the facts of
  // every cell, and its value where it can be known already. A column that has held only
  // numbers so far has them in a Float64Array (NaN for a missing cell), read by NumberField
  // without a string; once it meets another cell (or from the start for `id` and the
  // stringColumns) it keeps its cells' strings from there on. Pass 2 reads only what pass 1
  // could not know: the text of the rows before a column turned out to be text.
  const facts = names.map(newFacts);
  const missingCount = new Int32Array(k);
  const known = options.decimal ?? (delimiterText === ';' ? undefined : '.');
  // Decimal '.' known: no comma flag is ever read (no Dutch export to detect). Otherwise a
  // number's value is the same under either mark (a cell with a comma is a number only under
  // ','), so both are read and the type rule decides at the end.
  const dotOnly = known === '.';
  const numberFlag = known === '.' ? NUM_DOT : known === ',' ? NUM_COMMA : NUM_DOT | NUM_COMMA;
  const fallbackMark = dotOnly ? '.' : ',';
  const numbers = new NumberField(bytes, delimiter, dotOnly ? MARK_DOT : MARK_EITHER);
  const speculate = Uint8Array.from(isForced, (f) => (f ? 0 : 1));
  let pos = headerScan.position;
  // Room for one record per line (more only with CR line ends, then the arrays grow).
  let capacity = lineCount(bytes, pos) + (bytes[bytes.length - 1] === LF ? 0 : 1);
  const early: Float64Array[] = names.map((_, j) =>
    speculate[j] ? new Float64Array(capacity) : EMPTY_FLOATS,
  );
  /** The row from which a column keeps its strings (-1: not yet). */
  const textFrom = Int32Array.from(isForced, (f) => (f ? 0 : -1));
  const texts: (string | null)[][] = names.map((_, j) =>
    isForced[j] ? new Array<string | null>(capacity) : [],
  );
  const pools = names.map(() => new StringPool());
  /** Non-forced cells per column and flags (all below 256), added to the facts at the end. */
  const cellCounts = new Int32Array(k << 8);
  /** Some `na` token looks like a plain number (then a number cell may be missing). */
  const naNumbers = na.some((t) => {
    const token = new Uint8Array([...t, LF]);
    return (
      new NumberField(token, delimiter, dotOnly ? MARK_DOT : MARK_EITHER).read(
        0,
        new Float64Array(1),
        0,
      ) >= 0
    );
  });
  const n = bytes.length;
  const d = delimiter;
  let rows = 0;
  while (pos < n) {
    const first = bytes[pos]!;
    // Blank lines are skipped.
    if (first === LF) {
      pos++;
      continue;
    }
    if (first === CR) {
      pos += bytes[pos + 1] === LF ? 2 : 1;
      continue;
    }
    if ((rows & 0xffff) === 0xffff) onProgress?.((PASS_1 * pos) / n);
    if (rows === capacity) {
      capacity = Math.max(2 * capacity, 1024);
      for (let j = 0; j < k; j++) {
        if (speculate[j]) early[j] = grow(early[j]!, capacity);
        if (textFrom[j]! >= 0) texts[j] = growNulls(texts[j]!, capacity);
      }
    }
    let j = 0;
    for (; ; j++) {
      if (j === k) return undefined; // too many fields: parseCsv says which row
      const s = pos;
      let e: number;
      const taken = speculate[j] === 1 ? numbers.read(s, early[j]!, rows) : -1;
      if (taken >= 0 && (!naNumbers || !equalsToken(bytes, s, numbers.end, na))) {
        e = numbers.end;
        // Counted by flags (a few distinct values), added to the facts at the end.
        cellCounts[(j << 8) | taken]!++;
      } else {
        // The field's end by the rules of RecordScanner (./csv-scan.ts).
        let p = s;
        const quoted = p < n && bytes[p] === QUOTE;
        if (quoted) {
          p++;
          for (;;) {
            while (p < n && bytes[p] !== QUOTE) p++;
            if (p >= n) return undefined; // an unterminated quote
            if (bytes[p + 1] === QUOTE) p += 2;
            else break;
          }
          p++;
        }
        // The unquoted run, hashed on the way (for the column's pool) and checked for ASCII.
        let h = HASH_START;
        let high = 0;
        while (p < n) {
          const c = bytes[p]!;
          if (c === d || c === LF || c === CR) break;
          h = Math.imul(h ^ c, 0x01000193);
          high |= c;
          p++;
        }
        e = p;
        const pool = pools[j]!;
        let entry = -1;
        let flags: number;
        let text: string | undefined;
        if (quoted || high >= 128) {
          // Quoted or not ASCII: the rules on the decoded text.
          text = fieldText(bytes, s, e, quoted);
          flags = cellFlagsOfText(text, naText);
        } else if (pool.open) {
          // A distinct cell is classified once; its repeats take its flags from the pool.
          entry = pool.find(bytes, s, e, h);
          if (entry >= 0) flags = pool.tag(entry);
          else {
            flags = cellFlags(bytes, s, e, na, dotOnly);
            entry = pool.add(bytes, s, e, h, flags);
          }
        } else if (isForced[j]) flags = cellMissing(bytes, s, e, na) ? MISSING : 0;
        else flags = cellFlags(bytes, s, e, na, dotOnly);
        const missing = (flags & MISSING) !== 0;
        if (missing) missingCount[j]!++;
        if (!isForced[j]) cellCounts[(j << 8) | flags]!++;
        if (speculate[j] === 1) {
          if (text === undefined && missing) early[j]![rows] = Number.NaN;
          else if (text === undefined && flags & numberFlag) {
            early[j]![rows] =
              cellNumber(bytes, s, e, !dotOnly) ??
              Number(numberText(asciiString(bytes, s, e), fallbackMark));
          } else {
            speculate[j] = 0;
            textFrom[j] = rows;
            texts[j] = new Array<string | null>(capacity).fill(null, 0, rows);
          }
        }
        if (textFrom[j]! >= 0) {
          texts[j]![rows] = missing
            ? null
            : (text ?? (entry >= 0 ? pool.value(entry) : asciiString(bytes, s, e)));
        }
      }
      if (e >= n) {
        pos = n;
        break;
      }
      const c = bytes[e]!;
      pos = e + 1;
      if (c === d) continue;
      if (c === CR && bytes[pos] === LF) pos++;
      break;
    }
    if (j + 1 !== k) return undefined; // too few fields
    rows++;
  }

  for (let j = 0; j < k; j++) {
    for (let flags = 0; flags < 256; flags++) {
      const count = cellCounts[(j << 8) | flags]!;
      if (count > 0) addCell(facts[j]!, flags, count);
    }
  }

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

  // The columns, and which text columns need pass 2 for their first rows.
  const columns: unknown[] = [];
  const pass2: number[] = [];
  const pass2Rows = new Int32Array(k);
  for (let j = 0; j < k; j++) {
    const type = types[names[j]!]!;
    const from = textFrom[j]!;
    const strings = texts[j]!;
    strings.length = from >= 0 ? rows : 0;
    if (type === 'number') {
      columns.push(
        from < 0
          ? numberColumn(early[j]!, rows, missingCount[j]! > 0)
          : mergedNumbers(early[j]!, strings, from, rows, missingCount[j]! > 0, decimal),
      );
    } else if (type === 'boolean') {
      // Every present cell is true or false; the rows before `from` are all missing.
      columns.push(strings.map((t) => (t === null ? null : t.trim().toLowerCase() === 'true')));
    } else if (type === 'empty') columns.push(nulls(rows));
    else {
      if (from !== 0) {
        pass2.push(j);
        pass2Rows[j] = from < 0 ? rows : from;
        if (from < 0) texts[j] = nulls(rows);
      }
      columns.push(texts[j]);
    }
  }

  // Pass 2: the text of those first rows, by the rules of pass 1.
  let limit = 0;
  for (const j of pass2) limit = Math.max(limit, pass2Rows[j]!);
  if (limit > 0) {
    const scan = new RecordScanner(bytes, delimiter, k, start);
    scan.next(); // the header
    for (let i = 0; i < limit && scan.next(); i++) {
      if ((i & 0xffff) === 0xffff) onProgress?.(PASS_1 + ((1 - PASS_1) * i) / limit);
      for (const j of pass2) {
        if (i >= pass2Rows[j]!) continue;
        const s = scan.starts[j]!;
        const e = scan.ends[j]!;
        const quoted = scan.quoted[j] === 1;
        if (quoted || !isAscii(bytes, s, e)) {
          const text = fieldText(bytes, s, e, quoted);
          if (!(cellFlagsOfText(text, naText) & MISSING)) texts[j]![i] = text;
        } else if (!cellMissing(bytes, s, e, na)) texts[j]![i] = pools[j]!.get(bytes, s, e);
      }
    }
  }
  const data: Record<string, unknown> = {};
  names.forEach((name, j) => {
    data[name] = columns[j];
  });
  return { table: table(data, names), types, delimiter: delimiterText, decimal, notes };
}

/** The share of the progress given to pass 1. */
const PASS_1 = 0.9;
const QUOTE = 34;
const LF = 10;
const CR = 13;
const EMPTY_FLOATS = new Float64Array(0);

const nullForNaN = (v: number): number | null => (Number.isNaN(v) ? null : v);

/** `length` nulls (a text column before its values are known). */
function nulls(length: number): null[] {
  return new Array<null>(length).fill(null);
}

/** A number column read in pass 1: a Float64Array, or numbers and nulls where cells are missing. */
function numberColumn(
  values: Float64Array,
  rows: number,
  missing: boolean,
): Float64Array | (number | null)[] {
  if (missing) {
    // Missing cells are null in a plain array, as parseCsv gives them.
    const out = new Array<number | null>(rows);
    for (let i = 0; i < rows; i++) out[i] = nullForNaN(values[i]!);
    return out;
  }
  return values.length === rows ? values : values.slice(0, rows);
}

/**
 * A number column with quoted or non-ASCII cells: its first `from` rows from pass 1's numbers,
 * the rest from their strings (by `convert` of ./csv.ts).
 */
function mergedNumbers(
  values: Float64Array,
  strings: readonly (string | null)[],
  from: number,
  rows: number,
  missing: boolean,
  decimal: '.' | ',',
): Float64Array | (number | null)[] {
  const numberAt = (i: number): number | null => {
    const t = strings[i];
    return t === null || t === undefined ? null : Number(numberText(t, decimal));
  };
  if (missing) {
    const out: (number | null)[] = Array.from(values.subarray(0, from), nullForNaN);
    for (let i = from; i < rows; i++) out.push(numberAt(i));
    return out;
  }
  const out = new Float64Array(rows);
  out.set(values.subarray(0, from));
  for (let i = from; i < rows; i++) out[i] = numberAt(i) as number;
  return out;
}

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

function numberText(cell: string, decimal: '.' | ','): string {
  const t = cell.trim();
  return decimal === ',' ? t.replace(',', '.') : t;
}

function growNulls(values: (string | null)[], capacity: number): (string | null)[] {
  for (let i = values.length; i < capacity; i++) values.push(null);
  return values;
}

/**
 * Parsing a table from data in memory: text or bytes of CSV, TSV, JSON, Arrow IPC or Parquet, an
 * array of row objects, or an arquero table (passed through). No file access, so this works in
 * browsers and notebooks; reading files is `loadTable` in ./load.ts (effectmeting/node).
 */
import { ColumnTable, table as columnTable, fromArrow } from 'arquero';
import { InputError } from '../errors.js';
import type { RowObject } from './columns.js';
import { type CsvOptions, parseCsv } from './csv.js';
import { parseCsvBytes } from './csv-bytes.js';
import { decodeText, type TextEncoding } from './decode.js';
import { parseJsonRows } from './json.js';
import { normaliseTable } from './normalise.js';
import { rowsToTable } from './rows.js';

/** The formats {@link parseTable} and `loadTable` (effectmeting/node) read. */
export type TableFormat = 'csv' | 'tsv' | 'json' | 'arrow' | 'parquet';

/** Options for {@link parseTable}, {@link loadTableSync} and `loadTable` (effectmeting/node). */
export interface LoadOptions extends CsvOptions {
  /** The format, when the file extension does not tell (or to override it). */
  readonly format?: TableFormat;
  /**
   * Encoding of CSV, TSV and JSON bytes: `utf-8` (default; bytes that are not UTF-8 are an
   * error naming the line) or `windows-1252` (Latin-1 exports). UTF-16 and NUL bytes are refused.
   */
  readonly encoding?: TextEncoding;
  /**
   * Receives what the reader decided on its own, one sentence each: a detected Dutch export
   * (`;` and decimal commas), a column of 19-digit numbers kept as text. The CLI prints them.
   */
  readonly onNote?: (note: string) => void;
  /**
   * Called while CSV bytes are read, with the fraction done (0–1), every 65,536 records: for a
   * progress bar during a long read.
   */
  readonly onProgress?: (fraction: number) => void;
  /** Names the data in messages (the CLI and `loadTable` pass the file name). */
  readonly source?: string;
}

/** Everything {@link parseTable} and {@link loadTableSync} accept: data already in memory. */
export type InMemorySource =
  | ColumnTable
  | readonly RowObject[]
  | Uint8Array
  | ArrayBuffer
  | string
  | { readonly text: string }
  | { readonly bytes: Uint8Array | ArrayBuffer };

const EXTENSIONS: Readonly<Record<string, TableFormat>> = {
  csv: 'csv',
  tsv: 'tsv',
  json: 'json',
  arrow: 'arrow',
  feather: 'arrow',
  ipc: 'arrow',
  parquet: 'parquet',
};
const FORMATS: readonly TableFormat[] = ['csv', 'tsv', 'json', 'arrow', 'parquet'];

/**
 * Parses a table from data in memory: CSV, TSV or JSON text, the bytes of CSV, JSON, Arrow IPC or
 * Parquet, an array of row objects, or an arquero table (passed through). Works in browsers and
 * notebooks; to read a file, use `loadTable` from `effectmeting/node`. A bare string is CSV or
 * JSON text when it contains a newline or starts with `[`/`{`; use `{ text }` to say so. The
 * format comes from `options.format`, else from the content (Parquet and Arrow magic bytes; JSON
 * if it starts with `[` or `{`; CSV otherwise).
 *
 * Values come out the same from every format: missing is `null`, dates are ISO strings,
 * `id` and `options.stringColumns` are strings (see {@link parseCsv} for CSV type inference).
 * Errors are `InputError`s: `unknown-format`, `malformed-input` (JSON, CSV, Arrow or Parquet that
 * cannot be parsed), `needs-async`, ...
 *
 * @example
 * const t = await parseTable({ text: 'id,arm\n001,control\n' });
 * t.array('id'); // ['001']
 * const fromUpload = await parseTable(await file.arrayBuffer()); // Parquet, Arrow, CSV or JSON
 */
export async function parseTable(
  source: InMemorySource,
  options: LoadOptions = {},
): Promise<ColumnTable> {
  if (source instanceof ColumnTable || Array.isArray(source)) return loadTableSync(source, options);
  if (pathOf(source) === undefined && formatOf(source, options) === 'parquet') {
    return readParquet(toBytes(bytesOf(source)), options);
  }
  return loadTableSync(source, options);
}

/**
 * Loads a table from data already in memory: text, bytes, row objects or an arquero table (see
 * {@link parseTable} for formats and value rules). Parquet needs the async {@link parseTable},
 * and a path `loadTable` (effectmeting/node); both are refused with an `InputError`.
 *
 * @example
 * const t = loadTableSync('id,arm,followup_months\n001,control,24\n');
 * t.array('id'); // ['001']
 */
export function loadTableSync(source: InMemorySource, options: LoadOptions = {}): ColumnTable {
  if (source instanceof ColumnTable) return source;
  if (Array.isArray(source)) {
    return normaliseTable(rowsToTable(source, 'rows'), options.stringColumns);
  }
  const path = pathOf(source);
  if (path !== undefined) {
    throw new InputError(
      `loadTableSync reads data in memory; use 'await loadTable(...)' to read the file '${path}'`,
      { code: 'needs-async' },
    );
  }
  const format = formatOf(source, options);
  if (format === 'parquet') {
    throw new InputError(
      `Parquet is read asynchronously; use 'await parseTable(...)' (or 'await loadTable(...)' for a file)`,
      { code: 'needs-async' },
    );
  }
  const data = bytesOf(source);
  return fromBytes(typeof data === 'string' ? data : toBytes(data), format, options);
}

/** The path a source names, or undefined for in-memory data. */
export function pathOf(
  source: InMemorySource | URL | { readonly path: string },
): string | undefined {
  if (source instanceof URL) {
    if (source.protocol !== 'file:') {
      throw new InputError(`only file: URLs can be loaded, not ${source.protocol}`, {
        code: 'unknown-format',
      });
    }
    return decodeURIComponent(source.pathname);
  }
  if (typeof source === 'string') return looksLikeContent(source) ? undefined : source;
  if (typeof source === 'object' && source !== null && 'path' in source) {
    return typeof source.path === 'string' ? source.path : undefined;
  }
  return undefined;
}

function looksLikeContent(s: string): boolean {
  return s.includes('\n') || /^\s*[[{]/.test(s);
}

function bytesOf(source: InMemorySource): Uint8Array | ArrayBuffer | string {
  if (source instanceof Uint8Array || source instanceof ArrayBuffer || typeof source === 'string') {
    return source;
  }
  if (typeof source === 'object' && source !== null && 'bytes' in source) return source.bytes;
  if (typeof source === 'object' && source !== null && 'text' in source) return source.text;
  return '';
}

function toBytes(data: Uint8Array | ArrayBuffer | string): Uint8Array {
  if (typeof data === 'string') return new TextEncoder().encode(data);
  return data instanceof Uint8Array ? data : new Uint8Array(data);
}

function formatOf(source: InMemorySource, options: LoadOptions): TableFormat {
  if (options.format !== undefined) {
    checkFormat(options.format);
    return options.format;
  }
  const data = bytesOf(source);
  if (typeof data === 'string') return /^\s*[[{]/.test(data) ? 'json' : 'csv';
  return sniff(toBytes(data));
}

/** Format from magic bytes: `PAR1` Parquet, `ARROW1` Arrow file, 0xFFFFFFFF Arrow stream. */
function sniff(bytes: Uint8Array): TableFormat {
  const head = String.fromCharCode(...bytes.subarray(0, 6));
  if (head.startsWith('PAR1')) return 'parquet';
  if (head === 'ARROW1') return 'arrow';
  if (bytes[0] === 0xff && bytes[1] === 0xff && bytes[2] === 0xff && bytes[3] === 0xff) {
    return 'arrow';
  }
  const text = new TextDecoder().decode(bytes.subarray(0, 64)).replace(/^\uFEFF/, '');
  return /^\s*[[{]/.test(text) ? 'json' : 'csv';
}

/** The format a file extension names; an `InputError` when it names none. */
export function formatFromPath(path: string): TableFormat {
  const match = /\.([A-Za-z0-9]+)$/.exec(path);
  const format = match ? EXTENSIONS[(match[1] as string).toLowerCase()] : undefined;
  if (format === undefined) {
    throw new InputError(
      `cannot tell the format of '${path}' from its extension; use .csv, .tsv, .json, .arrow, .feather, .ipc or .parquet, or pass options.format`,
      { code: 'unknown-format', ...(match ? { value: match[1] as string } : {}) },
    );
  }
  return format;
}

/** Refuses a format that is not a {@link TableFormat}. */
export function checkFormat(format: string, path?: string): asserts format is TableFormat {
  if (!FORMATS.includes(format as TableFormat)) {
    const where = path ? ` for '${path}'` : '';
    throw new InputError(
      `unknown format '${format}'${where}; expected one of ${FORMATS.join(', ')}`,
      { code: 'unknown-format', value: format },
    );
  }
}

/** The bytes of a file in a known format → table (used by `loadTable` once it has read them). */
export async function parseBytes(
  bytes: Uint8Array,
  format: TableFormat,
  options: LoadOptions,
): Promise<ColumnTable> {
  if (format === 'parquet') return readParquet(bytes, options);
  return fromBytes(bytes, format, options);
}

/** Text or bytes of a known format → table (Parquet is async: see readParquet). */
function fromBytes(
  data: Uint8Array | string,
  format: TableFormat,
  options: LoadOptions,
): ColumnTable {
  const what =
    options.source === undefined ? `the ${format.toUpperCase()} data` : `'${options.source}'`;
  const text = () => {
    if (typeof data === 'string') return checkDecoded(data, what);
    const binary = sniff(data);
    if (binary === 'parquet' || binary === 'arrow') {
      throw new InputError(
        `${what} is ${binary === 'parquet' ? 'a Parquet' : 'an Arrow IPC'} file, not ${format.toUpperCase()} text; give its real format (an extension or options.format)`,
        { code: 'malformed-input' },
      );
    }
    return decodeText(data, { what, ...(options.encoding ? { encoding: options.encoding } : {}) });
  };
  switch (format) {
    case 'csv':
    case 'tsv': {
      const {
        source: _source,
        onNote,
        onProgress,
        encoding: _encoding,
        format: _format,
        ...csv
      } = options;
      const delimiter = options.delimiter ?? (format === 'tsv' ? '\t' : undefined);
      const csvOptions = { ...csv, ...(delimiter ? { delimiter } : {}) };
      // UTF-8 bytes go straight into columns; text, other encodings and every error or rare
      // case take parseCsv on the decoded text (the same results: see ./csv-bytes.ts).
      const fast =
        typeof data !== 'string' &&
        (options.encoding ?? 'utf-8') === 'utf-8' &&
        sniff(data) !== 'parquet' &&
        sniff(data) !== 'arrow'
          ? parseCsvBytes(data, csvOptions, onProgress)
          : undefined;
      const result = fast ?? parseCsv(text(), csvOptions);
      for (const note of result.notes) onNote?.(`${what}: ${note}`);
      return result.table;
    }
    case 'json':
      return normaliseTable(parseJsonRows(text()), options.stringColumns);
    case 'arrow':
      return readArrow(typeof data === 'string' ? toBytes(data) : data, options, what);
    case 'parquet':
      throw new InputError(`Parquet is read asynchronously; use 'await loadTable(...)'`, {
        code: 'needs-async',
      });
  }
}

/**
 * Text someone else decoded: a U+FFFD means bytes that were not UTF-8 were replaced (a Latin-1
 * file read as UTF-8), so letters are already lost; say so instead of passing them on.
 */
function checkDecoded(text: string, what: string): string {
  const at = text.indexOf('\uFFFD');
  if (at >= 0) {
    const line = text.slice(0, at).split('\n').length;
    throw new InputError(
      `${what} contains U+FFFD, the replacement character, on line ${line}: it was decoded from bytes that are not UTF-8, and the letters are lost; pass the bytes with encoding 'windows-1252', or save the file as UTF-8`,
      { code: 'malformed-input' },
    );
  }
  return text;
}

function readArrow(bytes: Uint8Array, options: LoadOptions, what: string): ColumnTable {
  const kind = sniff(bytes);
  if (kind !== 'arrow') {
    const found = kind === 'parquet' ? 'a Parquet file' : 'text (CSV or JSON?)';
    throw new InputError(
      `${what} is not Arrow IPC: it starts like ${found}, not with the Arrow magic bytes; give its real format (an extension or options.format)`,
      { code: 'malformed-input' },
    );
  }
  try {
    // Arrow columns are read lazily: normalising reads every value, so damage shows here too.
    return normaliseTable(fromArrow(bytes), options.stringColumns);
  } catch (error) {
    const said = (error as Error).message.replace(/\d{7,}/g, '<digits>');
    throw new InputError(
      `${what} is an incomplete or damaged Arrow IPC file (${bytes.length} bytes; truncated in a copy or download?); expected a complete Arrow IPC file or stream. The Arrow reader said: ${said}`,
      { code: 'malformed-input' },
    );
  }
}

async function readParquet(bytes: Uint8Array, options: LoadOptions): Promise<ColumnTable> {
  // hyparquet wants an ArrayBuffer of exactly the file.
  const file = bytes.buffer.slice(
    bytes.byteOffset,
    bytes.byteOffset + bytes.byteLength,
  ) as ArrayBuffer;
  let names: string[];
  let rows: Record<string, unknown>[];
  // Loaded on first use: a CSV or JSON read (and the CLI's start-up) never parses the reader.
  const { parquetMetadata, parquetReadObjects, parquetSchema } = await import('hyparquet');
  try {
    const metadata = parquetMetadata(file);
    names = parquetSchema(metadata).children.map((c) => c.element.name);
    rows = await parquetReadObjects({ file, metadata });
  } catch (error) {
    const what = options.source === undefined ? 'the Parquet data' : `'${options.source}'`;
    const said = (error as Error).message.replace(/\d{7,}/g, '<digits>');
    throw new InputError(
      `${what} is an incomplete or damaged Parquet file (${bytes.length} bytes); expected a complete Parquet file. The Parquet reader said: ${said}`,
      { code: 'malformed-input' },
    );
  }
  // Column order from the schema; also keeps the columns of a file with zero rows.
  const columns: Record<string, unknown[]> = {};
  for (const name of names) columns[name] = rows.map((r) => r[name] ?? null);
  return normaliseTable(columnTable(columns, names), options.stringColumns);
}

/**
 * Loading any supported source into an arquero table: a file path, text or bytes of CSV, JSON,
 * Arrow IPC or Parquet, an array of row objects, or an arquero table (passed through).
 *
 * Node's `fs` is imported lazily, only when a path is read, so the in-memory loaders also work in
 * browsers and notebooks.
 */
import { ColumnTable, table as columnTable, fromArrow } from 'arquero';
import { parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet';
import { InputError } from '../errors.js';
import type { RowObject } from './columns.js';
import { type CsvOptions, parseCsv } from './csv.js';
import { parseJsonRows } from './json.js';
import { normaliseTable } from './normalise.js';
import { rowsToTable } from './rows.js';

/** The file formats {@link loadTable} reads. */
export type TableFormat = 'csv' | 'tsv' | 'json' | 'arrow' | 'parquet';

/** Options for {@link loadTable} and {@link loadTableSync}. */
export interface LoadOptions extends CsvOptions {
  /** The format, when the file extension does not tell (or to override it). */
  readonly format?: TableFormat;
}

/** Text or bytes given explicitly, so a string is never mistaken for a path (or vice versa). */
export type TableContent =
  | { readonly text: string }
  | { readonly bytes: Uint8Array | ArrayBuffer }
  | { readonly path: string };

/** Everything {@link loadTableSync} accepts: data already in memory. */
export type InMemorySource =
  | ColumnTable
  | readonly RowObject[]
  | Uint8Array
  | ArrayBuffer
  | string
  | { readonly text: string }
  | { readonly bytes: Uint8Array | ArrayBuffer };

/** Everything {@link loadTable} accepts: in-memory data, a path, or a `file:` URL. */
export type TableSource = InMemorySource | URL | TableContent;

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
 * Loads a table. A bare string is a path, unless it contains a newline or starts with `[`/`{`
 * (then it is CSV or JSON text); use `{ text }` or `{ path }` to say which. The format comes
 * from `options.format`, else the extension (`.csv`, `.tsv`, `.json`, `.arrow`/`.feather`/`.ipc`,
 * `.parquet`), else, for text and bytes, from the content (Parquet and Arrow magic bytes; JSON
 * if it starts with `[` or `{`; CSV otherwise).
 *
 * Values come out the same from every format: missing is `null`, dates are ISO strings,
 * `id` and `options.stringColumns` are strings (see {@link parseCsv} for CSV type inference).
 * An arquero table is returned unchanged. Errors are `InputError`s: `file-not-found`,
 * `unknown-format`, `malformed-input` (JSON, CSV, Arrow, Parquet), ...
 *
 * @example
 * const clients = await loadTable('data/denhaag.csv', { stringColumns: ['bsn'] });
 * const same = await loadTable({ text: 'id,arm\n001,control\n' });
 */
export async function loadTable(
  source: TableSource,
  options: LoadOptions = {},
): Promise<ColumnTable> {
  if (source instanceof ColumnTable || Array.isArray(source)) {
    return loadTableSync(source as InMemorySource, options);
  }
  const path = pathOf(source);
  if (path === undefined) {
    const inMemory = source as InMemorySource;
    if (formatOf(inMemory, options) === 'parquet') {
      return readParquet(toBytes(bytesOf(inMemory)), options);
    }
    return loadTableSync(inMemory, options);
  }
  const format = options.format ?? formatFromPath(path);
  checkFormat(format, path);
  const bytes = await readFileBytes(path);
  if (format === 'parquet') return readParquet(bytes, options);
  return fromBytes(bytes, format, options);
}

/**
 * Loads a table from data already in memory: text, bytes, row objects or an arquero table (see
 * {@link loadTable} for formats and value rules). Parquet and paths need the async
 * {@link loadTable} and are refused with an `InputError`.
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
  const path = pathOf(source as TableSource);
  if (path !== undefined) {
    throw new InputError(
      `loadTableSync reads data in memory; use 'await loadTable(...)' to read the file '${path}'`,
      { code: 'needs-async' },
    );
  }
  const format = formatOf(source, options);
  if (format === 'parquet') {
    throw new InputError(`Parquet is read asynchronously; use 'await loadTable(...)'`, {
      code: 'needs-async',
    });
  }
  const data = bytesOf(source);
  return fromBytes(typeof data === 'string' ? data : toBytes(data), format, options);
}

/** The path a source names, or undefined for in-memory data. */
function pathOf(source: TableSource): string | undefined {
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

function formatFromPath(path: string): TableFormat {
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

function checkFormat(format: string, path?: string): asserts format is TableFormat {
  if (!FORMATS.includes(format as TableFormat)) {
    const where = path ? ` for '${path}'` : '';
    throw new InputError(
      `unknown format '${format}'${where}; expected one of ${FORMATS.join(', ')}`,
      { code: 'unknown-format', value: format },
    );
  }
}

async function readFileBytes(path: string): Promise<Uint8Array> {
  const { readFile } = await import('node:fs/promises');
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new InputError(`file not found: '${path}'`, { code: 'file-not-found' });
    }
    if (code === 'EISDIR') {
      throw new InputError(`'${path}' is a directory, not a file`, { code: 'file-not-found' });
    }
    throw new InputError(`cannot read '${path}': ${(error as Error).message}`, {
      code: 'read-error',
    });
  }
}

/** Text or bytes of a known format → table (Parquet is async: see readParquet). */
function fromBytes(
  data: Uint8Array | string,
  format: TableFormat,
  options: LoadOptions,
): ColumnTable {
  const text = () => (typeof data === 'string' ? data : new TextDecoder().decode(data));
  switch (format) {
    case 'csv':
      return parseCsv(text(), options).table;
    case 'tsv':
      return parseCsv(text(), { ...options, delimiter: options.delimiter ?? '\t' }).table;
    case 'json':
      return normaliseTable(parseJsonRows(text()), options.stringColumns);
    case 'arrow':
      return readArrow(typeof data === 'string' ? toBytes(data) : data, options);
    case 'parquet':
      throw new InputError(`Parquet is read asynchronously; use 'await loadTable(...)'`, {
        code: 'needs-async',
      });
  }
}

function readArrow(bytes: Uint8Array, options: LoadOptions): ColumnTable {
  let table: ColumnTable;
  try {
    table = fromArrow(bytes);
  } catch (error) {
    throw new InputError(`malformed Arrow IPC data: ${(error as Error).message}`, {
      code: 'malformed-input',
    });
  }
  return normaliseTable(table, options.stringColumns);
}

async function readParquet(bytes: Uint8Array, options: LoadOptions): Promise<ColumnTable> {
  // hyparquet wants an ArrayBuffer of exactly the file.
  const file = bytes.buffer.slice(
    bytes.byteOffset,
    bytes.byteOffset + bytes.byteLength,
  ) as ArrayBuffer;
  let names: string[];
  let rows: Record<string, unknown>[];
  try {
    const metadata = parquetMetadata(file);
    names = parquetSchema(metadata).children.map((c) => c.element.name);
    rows = await parquetReadObjects({ file, metadata });
  } catch (error) {
    throw new InputError(`malformed Parquet data: ${(error as Error).message}`, {
      code: 'malformed-input',
    });
  }
  // Column order from the schema; also keeps the columns of a file with zero rows.
  const columns: Record<string, unknown[]> = {};
  for (const name of names) columns[name] = rows.map((r) => r[name] ?? null);
  return normaliseTable(columnTable(columns, names), options.stringColumns);
}

/**
 * Loading a table from a file path or a `file:` URL, or from anything {@link parseTable} takes.
 * Node-only (exported from effectmeting/node): Node's `fs` is imported lazily, when a path is
 * read; the parsing itself is in ./parse.ts.
 */
import { ColumnTable } from 'arquero';
import { InputError } from '../errors.js';
import {
  checkFormat,
  formatFromPath,
  type InMemorySource,
  type LoadOptions,
  parseBytes,
  parseTable,
  pathOf,
} from './parse.js';

/** Text or bytes given explicitly, so a string is never mistaken for a path (or vice versa). */
export type TableContent =
  | { readonly text: string }
  | { readonly bytes: Uint8Array | ArrayBuffer }
  | { readonly path: string };

/** Everything {@link loadTable} accepts: in-memory data, a path, or a `file:` URL. */
export type TableSource = InMemorySource | URL | TableContent;

/**
 * Loads a table. A bare string is a path, unless it contains a newline or starts with `[`/`{`
 * (then it is CSV or JSON text); use `{ text }` or `{ path }` to say which. The format comes
 * from `options.format`, else the extension (`.csv`, `.tsv`, `.json`, `.arrow`/`.feather`/`.ipc`,
 * `.parquet`), else, for text and bytes, from the content (Parquet and Arrow magic bytes; JSON
 * if it starts with `[` or `{`; CSV otherwise).
 *
 * Values come out the same from every format: missing is `null`, dates are ISO strings,
 * `id` and `options.stringColumns` are strings (see `parseCsv` for CSV type inference).
 * An arquero table is returned unchanged. Errors are `InputError`s: `file-not-found` (also a
 * directory), `unknown-format`, `malformed-input` (JSON, CSV, Arrow, Parquet; a truncated
 * Arrow or Parquet file; UTF-16, NUL bytes or bytes that are not UTF-8 in text: see
 * `options.encoding`), `wrong-type` (a numeric CSV column with a few other cells), ...
 *
 * @example
 * const clients = await loadTable('clients.csv', { stringColumns: ['bsn'] });
 * const same = await loadTable({ text: 'id,arm\n001,control\n' });
 */
export async function loadTable(
  source: TableSource,
  options: LoadOptions = {},
): Promise<ColumnTable> {
  if (source instanceof ColumnTable || Array.isArray(source)) {
    return parseTable(source as InMemorySource, options);
  }
  const path = pathOf(source);
  if (path === undefined) return parseTable(source as InMemorySource, options);
  let format: string;
  try {
    format = options.format ?? formatFromPath(path);
  } catch (error) {
    // A directory is said as such, whatever its name ends with.
    if (await isDirectory(path)) await readFileBytes(path);
    throw error;
  }
  checkFormat(format, path);
  const report = options.onProgress;
  if (report === undefined) {
    return parseBytes(await readFileBytes(path), format, { source: path, ...options });
  }
  // The bar covers the whole read: the file's bytes first, then the parse.
  const bytes = await readFileBytes(path, (f) => report(READ_SHARE * f));
  return parseBytes(bytes, format, {
    source: path,
    ...options,
    onProgress: (f) => report(READ_SHARE + (1 - READ_SHARE) * f),
  });
}

/** The share of `onProgress` given to reading the file's bytes (the parse has the rest). */
const READ_SHARE = 0.1;
/** Bytes read at a time when the read reports its progress. */
const CHUNK = 8 << 20;
/**
 * Bytes read at a time otherwise: one read (one trip to the thread pool) for any file below
 * 1 GiB, where `readFile` of node:fs/promises makes one per 512 KiB, each waiting for a turn of
 * the event loop (≈ 10 % faster on the bench's 227 MB file, loaded machine). A synchronous read
 * would leave no turn of the event loop in which the bytes of a previous load are released
 * (two loads in a row then peaked at 705 MB instead of 490 MB).
 */
const WHOLE = 1 << 30;

async function isDirectory(path: string): Promise<boolean> {
  const { stat } = await import('node:fs/promises');
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/**
 * The bytes of a file, read into one buffer of the file's size: in reads of at most
 * {@link WHOLE} bytes (one for any file below 1 GiB), or with `onProgress` in chunks of
 * {@link CHUNK} bytes, reporting the fraction read after each.
 */
async function readFileBytes(
  path: string,
  onProgress?: (fraction: number) => void,
): Promise<Uint8Array> {
  const [{ open, readFile }, { Buffer }] = await Promise.all([
    import('node:fs/promises'),
    import('node:buffer'),
  ]);
  try {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      // A Buffer, not a plain Uint8Array: the CSV reader's scans for NUL bytes and line ends
      // (`indexOf`) are memchr on a Buffer and about five times slower on a Uint8Array.
      const bytes = Buffer.alloc(size);
      const chunk = onProgress === undefined ? WHOLE : CHUNK;
      let offset = 0;
      while (offset < size) {
        const { bytesRead } = await handle.read(bytes, offset, Math.min(chunk, size - offset));
        if (bytesRead === 0) break;
        offset += bytesRead;
        onProgress?.(offset / size);
      }
      // A file that changed while it was read: what is there now, in one go.
      const more = await handle.read(new Uint8Array(1), 0, 1, offset);
      if (offset < size || more.bytesRead > 0) return await readFile(path);
      return bytes;
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw readError(path, error as NodeJS.ErrnoException);
  }
}

function readError(path: string, error: NodeJS.ErrnoException): InputError {
  if (error.code === 'ENOENT') {
    return new InputError(`file not found: '${path}'`, { code: 'file-not-found' });
  }
  if (error.code === 'EISDIR') {
    return new InputError(
      `'${path}' is a directory, not a file; expected a data file (.csv, .tsv, .json, .arrow or .parquet)`,
      { code: 'file-not-found', value: path },
    );
  }
  return new InputError(`cannot read '${path}': ${error.message}`, { code: 'read-error' });
}

/**
 * The CLI's one reader of data files (`analyze --input`, `assign`/`audit --input`, `review
 * --current/--previous`, `reproduce --data/--benchmark`): the data flags applied, the reader's
 * own decisions (a detected Dutch export, 19-digit numbers kept as text) printed to stderr as
 * notes, and, when asked, the id column checked for repeated clients (rows only, never a value).
 */
import { existsSync } from 'node:fs';
import type { ColumnTable } from 'arquero';
import { columnValues } from '../data/columns.js';
import { checkUniqueIds } from '../data/ids.js';
import { loadTable } from '../data/load.js';
import { InputError } from '../errors.js';
import type { CliIO, DataReadOptions } from './command.js';

/** What {@link readDataFile} needs besides the path. */
export interface ReadDataOptions {
  /** Reading options from the data flags (`dataReadOptions`). */
  readonly read?: DataReadOptions;
  /** Columns read as text whatever their values (the id always is). */
  readonly stringColumns?: readonly string[];
  /** Id column that must not repeat a client (skipped when the file has no such column). */
  readonly uniqueId?: string;
  /** Why the ids must be unique, for the message. */
  readonly why?: string;
  /** Receives the fraction of a CSV read so far (a progress bar). */
  readonly onProgress?: (fraction: number) => void;
}

/**
 * Reads a data file for a command: `loadTable` with the data flags, notes to stderr, and a
 * `duplicate-id` error (rows only) when `uniqueId` repeats.
 *
 * @example
 * const table = await readDataFile('clients.csv', io, { read: dataReadOptions(flags), uniqueId: 'id' });
 */
export async function readDataFile(
  path: string,
  io: CliIO,
  options: ReadDataOptions = {},
): Promise<ColumnTable> {
  if (!existsSync(path)) {
    throw new InputError(`data file not found: ${path}`, { code: 'file-not-found', value: path });
  }
  const { stringColumns: declared = [], ...read } = options.read ?? {};
  const table = await loadTable(path, {
    ...read,
    stringColumns: [...(options.stringColumns ?? []), ...declared].filter((c) => c !== ''),
    onNote: (note) => io.stderr(`note: ${note}\n`),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const id = options.uniqueId;
  if (id !== undefined && table.columnNames().includes(id)) {
    checkUniqueIds(columnValues(table, id), id, {
      why: `in ${path}; each client must appear once${options.why ? `: ${options.why}` : ''}`,
    });
  }
  return table;
}

/**
 * The identifier guard at the CLI's output boundary: every text a command writes to stdout or to
 * a file passes {@link checkOutput} (a refusal, exit 1, nothing written), and every text to stderr
 * is redacted (an error message must still be shown). The guard holds the ids the command read
 * (`io.guard.add(...)` after loading) and always recognises BSNs (nine digits passing the eleven
 * test). A client file that holds ids by design (`assign`'s output) goes past it by name.
 */
import { InputError } from '../errors.js';
import { type IdentifierGuard, identifierGuard } from '../table/identifier-guard.js';
import type { CliIO } from './command.js';

/**
 * Throws an `InputError` (`bsn-in-output`) when `text`, to be written to `where` (`stdout`,
 * `--out out/analysis.md`), holds an identifier; names the output and the line, never the value.
 *
 * @example
 * checkOutput(identifierGuard(['DH000001']), 'stdout', 'arm: DH000001');
 * // InputError: stdout would contain a value equal to an id of the input (line 1); nothing was written …
 */
export function checkOutput(guard: IdentifierGuard, where: string, text: string): void {
  const hit = guard.find(text);
  if (hit === undefined) return;
  const what =
    hit.kind === 'bsn'
      ? 'a BSN (nine digits that pass the eleven test)'
      : 'a value equal to an id of the input';
  throw new InputError(
    `${where} would contain ${what} (line ${hit.line}); nothing was written. Ids and BSNs are never written: check the columns used as labels (arm, factor levels, categories) and the config's texts`,
    { code: 'bsn-in-output' },
  );
}

/**
 * The io of a run behind the identifier guard: `stdout` refuses a text with an identifier (see
 * {@link checkOutput}), `stderr` redacts it, `stdoutWithIds` writes a client file unguarded, and
 * `guard` is the guard the command adds its ids to.
 *
 * @example
 * const io = guardedIO({ stdout: write, stderr: warn });
 * io.guard?.add(table.array('id'));
 */
export function guardedIO(io: CliIO, guard: IdentifierGuard = identifierGuard()): CliIO {
  return {
    stdout: (text) => {
      checkOutput(guard, 'stdout', text);
      io.stdout(text);
    },
    stderr: (text) => io.stderr(guard.redact(text)),
    stdoutWithIds: io.stdoutWithIds ?? io.stdout,
    guard,
    ...(io.terminal === undefined ? {} : { terminal: io.terminal }),
  };
}

/**
 * Adds to the run's guard the values of those of `columns` that the table has (the id column,
 * pseudonyms): from then on no output of the run may contain one.
 *
 * @example
 * guardIds(io, table, [plan.columns.id]);
 */
export function guardIds(
  io: CliIO,
  table: { columnNames(): string[]; array(name: string): unknown },
  columns: readonly (string | undefined)[],
): void {
  if (!io.guard) return;
  const names = new Set(table.columnNames());
  for (const c of columns) {
    if (c !== undefined && names.has(c)) io.guard.add(table.array(c) as Iterable<unknown>);
  }
}

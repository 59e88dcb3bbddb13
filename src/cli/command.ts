/** The contract every `effectmeting <command>` implements, and its flag parser. */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { IdentifierGuard } from '../table/identifier-guard.js';

/** Where a command writes. Tests pass buffers; the binary passes process streams. */
export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /**
   * Writes a client file that holds ids by design (`assign`'s CSV) to stdout, past the
   * identifier guard; default `stdout`.
   */
  readonly stdoutWithIds?: (text: string) => void;
  /** The identifier guard of the run (`runCli` sets it): add the ids the command reads. */
  readonly guard?: IdentifierGuard;
}

/**
 * Exit codes: 0 done; 1 bad data or config, or a write that failed after computing (disk full);
 * 2 usage error, including an output that would overwrite an input and an output path that
 * cannot be written; 70 internal error, a bug (EX_SOFTWARE of sysexits.h).
 */
export const EXIT = { ok: 0, error: 1, usage: 2, internal: 70 } as const;

/** Thrown by a command for a usage mistake (unknown flag, missing argument): exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** One subcommand. `help` is the full `--help` text, with examples. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly help: string;
  run(args: readonly string[], io: CliIO): Promise<number>;
}

/** The values `parseArgs` returns for an options config (named so declarations can refer to it). */
export type ParsedFlags<T extends ParseArgsConfig['options']> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T; allowPositionals: false; strict: true }>
>['values'];

/** Parses argv with `parseArgs`, turning its errors into usage errors. */
export function parseFlags<T extends ParseArgsConfig['options']>(
  args: readonly string[],
  options: T,
): ParsedFlags<T> {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: false, strict: true }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

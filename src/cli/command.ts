/** The contract every `effectmeting <command>` implements. */

/** Where a command writes. Tests pass buffers; the binary passes process streams. */
export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** Exit codes: 0 ok, 1 analysis or input error, 2 usage error. */
export const EXIT = { ok: 0, error: 1, usage: 2 } as const;

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

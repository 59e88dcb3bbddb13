#!/usr/bin/env node
/**
 * The `effectmeting` command: dispatches to the subcommands in `commands.ts`. Start-up imports
 * only this file, the registry's names and the output guard; a command's implementation is
 * loaded when it runs.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.js';
import { type CliIO, type Command, EXIT, UsageError } from './command.js';
import { commands } from './commands.js';
import { cliWords, commandHint, helpFlags } from './flag-errors.js';
import { guardedIO } from './guarded-io.js';
import { OutputWriteError } from './output-files.js';
import { terminalInfo } from './terminal.js';

// package.json sits two levels up both from src/cli/ (tests, tsx) and from dist/cli/ (the build).
const PACKAGE = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
) as {
  readonly version: string;
  readonly bugs?: { readonly url?: string } | string;
};
const VERSION: string = PACKAGE.version;
/** Where to report a bug: package.json `bugs`, else the project's tracker by name. */
const ISSUES: string =
  (typeof PACKAGE.bugs === 'string' ? PACKAGE.bugs : PACKAGE.bugs?.url) ??
  'the effectmeting issue tracker';

/**
 * The line for an internal error (a bug): its kind and message, with every run of seven or more
 * digits masked (a message of a third-party library may quote a value, and a BSN has nine).
 */
export function internalErrorLine(command: string | undefined, error: unknown): string {
  const text =
    error instanceof Error ? `${error.name}: ${error.message}` : `thrown ${String(error)}`;
  const masked = text.replace(/\d{7,}/g, '<digits>').replace(/\s+/g, ' ');
  const who = command === undefined ? 'effectmeting' : `effectmeting ${command}`;
  return `${who}: internal error (a bug): ${masked}; please report it with the command you ran (without the data) at ${ISSUES}\n`;
}

/** True for a write to a closed pipe (`effectmeting … | head`). */
function isClosedPipe(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED';
}

/**
 * The io with a stdout that goes quiet once its reader has gone (`| head`): the first EPIPE
 * stops further output and the run ends normally, without a stack trace.
 */
function quietOnClosedPipe(io: CliIO): CliIO {
  let closed = false;
  return {
    stdout: (text) => {
      if (closed) return;
      try {
        io.stdout(text);
      } catch (error) {
        if (!isClosedPipe(error)) throw error;
        closed = true;
      }
    },
    stderr: io.stderr,
    stdoutWithIds: (text) => {
      if (closed) return;
      try {
        (io.stdoutWithIds ?? io.stdout)(text);
      } catch (error) {
        if (!isClosedPipe(error)) throw error;
        closed = true;
      }
    },
    ...(io.terminal === undefined ? {} : { terminal: io.terminal }),
  };
}

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const list = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
  return `effectmeting ${VERSION}: evaluate randomised experiments in labour-market services

Usage: effectmeting <command> [options]

Commands:
${list}

Run 'effectmeting <command> --help' for a command's options and examples.
`;
}

/**
 * Runs the CLI with the given arguments (without `node` and the script path) and returns the
 * exit code (`EXIT`): 0 done, 1 bad data or config or a failed write, 2 usage error (also an
 * output that would overwrite an input, an unwritable output path), 70 internal error (a bug).
 */
export async function runCli(argv: readonly string[], cliIO: CliIO): Promise<number> {
  // Every text of the run passes the identifier guard: stdout and files refuse, stderr redacts.
  const io = guardedIO(quietOnClosedPipe(cliIO));
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    const hint = commandHint(
      name,
      commands.map((c) => c.name),
    );
    io.stderr(`effectmeting: unknown command '${name}'${hint}\n\n${usage()}`);
    return EXIT.usage;
  }
  let loaded: Command | undefined;
  try {
    // The implementation (and what it imports) is loaded only now.
    loaded = await command.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(loaded.help);
      return EXIT.ok;
    }
    return await loaded.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`effectmeting ${name}: ${error.message}\nRun 'effectmeting ${name} --help'.\n`);
      return EXIT.usage;
    }
    if (error instanceof InputError || error instanceof OutputWriteError) {
      // Messages of the library name its options (minCell); the CLI user typed flags (--min-cell).
      const text = cliWords(error.message, helpFlags(loaded?.help ?? ''), loaded?.optionFlags);
      io.stderr(`effectmeting ${name}: ${text}\n`);
      return EXIT.error;
    }
    io.stderr(internalErrorLine(name, error));
    return EXIT.internal;
  }
}

function isMain(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  // A closed pipe reports EPIPE as an 'error' event, after the write: from then on stdout is
  // dropped and the run ends with its own exit code.
  let stdoutClosed = false;
  process.stdout.on('error', (error) => {
    if (isClosedPipe(error)) {
      stdoutClosed = true;
      return;
    }
    process.stderr.write(`effectmeting: could not write to stdout: ${error.message}\n`);
    process.exitCode = EXIT.error;
  });
  const io: CliIO = {
    stdout: (t) => {
      if (!stdoutClosed) process.stdout.write(t);
    },
    stderr: (t) => process.stderr.write(t),
    terminal: terminalInfo(process.env, process.stdout, process.stderr),
  };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      // keep the 1 of a failed stdout write
      if (!process.exitCode) process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(internalErrorLine(undefined, error));
      process.exitCode = EXIT.internal;
    },
  );
}

#!/usr/bin/env node
/** The `effectmeting` command: dispatches to the subcommands in `commands.ts`. */
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.js';
import { type CliIO, EXIT, UsageError } from './command.js';
import { commands } from './commands.js';

// package.json sits two levels up both from src/cli/ (tests, tsx) and from dist/cli/ (the build).
const VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

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
 * exit code: 0 ok, 1 analysis or input error, 2 usage error.
 */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
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
    io.stderr(`effectmeting: unknown command '${name}'\n\n${usage()}`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.help);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`effectmeting ${name}: ${error.message}\nRun 'effectmeting ${name} --help'.\n`);
      return EXIT.usage;
    }
    if (error instanceof InputError) {
      io.stderr(`effectmeting ${name}: ${error.message}\n`);
      return EXIT.error;
    }
    throw error;
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
  const io: CliIO = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
  };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`effectmeting: internal error: ${String(error)}\n`);
      process.exitCode = EXIT.error;
    },
  );
}

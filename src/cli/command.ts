/** The contract every `effectmeting <command>` implements, and its flag parser. */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { InputError } from '../errors.js';
import { type Language, parseLanguage } from '../language.js';
import type { IdentifierGuard } from '../table/identifier-guard.js';
import { flagErrorMessage } from './flag-errors.js';
import type { TerminalInfo } from './terminal.js';

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
  /**
   * The terminal of the run (the binary reads it from the process): stdout's width and colour
   * for what is printed to a terminal, and whether stderr may show progress. Absent (tests, a
   * library caller): no folding, no colour.
   */
  readonly terminal?: TerminalInfo;
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

/**
 * The help lines of `--lang`, the same in every command that writes a report or table, with the
 * description starting at column `width` (as the command's other options) and the command's own
 * continuation lines (`note`, what stays the same in both languages) aligned under it.
 *
 * @example
 * langHelp(22, ['(the messages)']);
 * // "  --lang <en|nl>      language of the report and tables: …\n                      (the messages)"
 */
export function langHelp(width: number, note: readonly string[] = []): string {
  const head = '  --lang <en|nl>';
  const pad = ' '.repeat(width);
  const lines = [
    'language of the report and tables: en (default) or nl (Dutch labels',
    'and method texts, "1.234,5", "34,3%", "procentpunt")',
    ...note,
  ].map((l, k) => (k === 0 && head.length < width - 1 ? head.padEnd(width) : pad) + l);
  // A flag too long for its column gets its description on the lines below (as dataHelp).
  return (head.length < width - 1 ? lines : [head, ...lines]).join('\n');
}

/**
 * `--lang <en|nl>`: the report language (default `en`); anything else is a usage error naming
 * `--lang` and the two languages.
 *
 * @example
 * parseLangFlag('nl') // "nl"
 * parseLangFlag(undefined) // "en"
 */
export function parseLangFlag(value: string | undefined): Language {
  try {
    return parseLanguage(value, '--lang');
  } catch (error) {
    if (error instanceof InputError) throw new UsageError(error.message);
    throw error;
  }
}

/** One subcommand. `help` is the full `--help` text, with examples. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly help: string;
  /**
   * Library option names that one of the command's flags sets, where the name is not the flag's
   * camel case (`rSquared` → `--r2`): error messages name the flag instead (`cliWords`).
   */
  readonly optionFlags?: Readonly<Record<string, string>>;
  run(args: readonly string[], io: CliIO): Promise<number>;
}

/** The values `parseArgs` returns for an options config (named so declarations can refer to it). */
export type ParsedFlags<T extends ParseArgsConfig['options']> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T; allowPositionals: false; strict: true }>
>['values'];

/**
 * Parses argv with `parseArgs`, turning its errors into usage errors that name the flag (with a
 * did-you-mean for an unknown one).
 */
export function parseFlags<T extends ParseArgsConfig['options']>(
  args: readonly string[],
  options: T,
): ParsedFlags<T> {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: false, strict: true }).values;
  } catch (error) {
    throw new UsageError(flagErrorMessage(error, Object.keys(options ?? {})));
  }
}

/**
 * The flags every command that reads a data file takes: how to read CSV/TSV text. Without them
 * the reader's documented defaults apply (docs/data-schema.md: separator detected from the
 * header, decimal `.` unless a Dutch export is detected, no missing-value tokens, UTF-8).
 */
export const DATA_OPTIONS = {
  delimiter: { type: 'string' },
  decimal: { type: 'string' },
  na: { type: 'string' },
  encoding: { type: 'string' },
  'text-columns': { type: 'string' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** Values of {@link DATA_OPTIONS} after parsing. */
export interface DataFlags {
  readonly delimiter?: string | undefined;
  readonly decimal?: string | undefined;
  readonly na?: string | undefined;
  readonly encoding?: string | undefined;
  readonly 'text-columns'?: string | undefined;
}

/** The CSV reading options the data flags give. */
export interface DataReadOptions {
  readonly delimiter?: string;
  readonly decimal?: '.' | ',';
  readonly na?: readonly string[];
  readonly encoding?: 'utf-8' | 'windows-1252';
  /** Columns read as text whatever their cells (`--text-columns a,b`). */
  readonly stringColumns?: readonly string[];
}

const DELIMITERS: Readonly<Record<string, string>> = {
  ',': ',',
  ';': ';',
  tab: '\t',
  '\\t': '\t',
  '\t': '\t',
  '|': '|',
};

/**
 * `--delimiter , | ; | tab | '|'`, `--decimal . | ,`, `--na NA,.` (comma-separated tokens; a
 * token containing a comma cannot be given), `--encoding utf-8 | windows-1252` and
 * `--text-columns a,b` → reading options; a `UsageError` naming the flag for anything else.
 *
 * @example
 * dataReadOptions({ delimiter: ';', decimal: ',', na: 'NA,-' });
 * // { delimiter: ';', decimal: ',', na: ['NA', '-'] }
 */
export function dataReadOptions(flags: DataFlags): DataReadOptions {
  const out: {
    delimiter?: string;
    decimal?: '.' | ',';
    na?: string[];
    encoding?: 'utf-8' | 'windows-1252';
    stringColumns?: string[];
  } = {};
  if (flags.delimiter !== undefined) {
    const d = DELIMITERS[flags.delimiter];
    if (d === undefined) {
      throw new UsageError(
        `--delimiter: expected ',', ';', tab or '|', got ${JSON.stringify(flags.delimiter)}`,
      );
    }
    out.delimiter = d;
  }
  if (flags.decimal !== undefined) {
    if (flags.decimal !== '.' && flags.decimal !== ',') {
      throw new UsageError(`--decimal: expected '.' or ',', got ${JSON.stringify(flags.decimal)}`);
    }
    out.decimal = flags.decimal;
  }
  if (flags.na !== undefined) {
    const tokens = flags.na
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== '');
    if (tokens.length === 0) {
      throw new UsageError(`--na: expected missing-value tokens such as NA or NA,.,-`);
    }
    out.na = tokens;
  }
  if (flags.encoding !== undefined) {
    const e = flags.encoding.toLowerCase();
    const encoding =
      e === 'utf-8' || e === 'utf8'
        ? 'utf-8'
        : e === 'windows-1252' || e === 'cp1252' || e === 'latin1' || e === 'latin-1'
          ? 'windows-1252'
          : undefined;
    if (encoding === undefined) {
      throw new UsageError(
        `--encoding: expected utf-8 or windows-1252 (latin1), got ${JSON.stringify(flags.encoding)}`,
      );
    }
    out.encoding = encoding;
  }
  if (flags['text-columns'] !== undefined) {
    const names = flags['text-columns']
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== '');
    if (names.length === 0) throw new UsageError('--text-columns: expected column names a,b,…');
    out.stringColumns = names;
  }
  return out;
}

/**
 * The help lines of {@link DATA_OPTIONS}, for every command's `--help`, with the descriptions
 * starting at column `width` (as the command's other options).
 *
 * @example
 * dataHelp(22); // "  --delimiter <c>     CSV field separator: …"
 */
export function dataHelp(width: number): string {
  const rows: [string, string[]][] = [
    [
      '--delimiter <c>',
      [
        'CSV field separator: , ; tab or | (default: detected from',
        'the header line among , ; and tab)',
      ],
    ],
    [
      '--decimal <mark>',
      [
        'decimal mark . or , (default: ., or , for a Dutch export',
        'with ; and decimal commas, which a note on stderr says)',
      ],
    ],
    [
      '--na <tokens>',
      [
        'cell texts that mean missing, comma-separated (NA or NA,.,-);',
        'default none: a numeric column with such cells is an error',
        'naming the column, the rows and the values',
      ],
    ],
    [
      '--text-columns <a,b>',
      ['columns read as text whatever their cells (codes, numbers', 'that are labels)'],
    ],
    [
      '--encoding <name>',
      [
        'utf-8 (default; other bytes are an error naming the line)',
        'or windows-1252 (Latin-1 exports)',
      ],
    ],
  ];
  const pad = ' '.repeat(width);
  return rows
    .map(([flag, lines]) => {
      // A flag too long for its column gets its description on the lines below.
      const head = `  ${flag}`;
      const text = lines.map(
        (l, k) => (k === 0 && head.length < width - 1 ? head.padEnd(width) : pad) + l,
      );
      return (head.length < width - 1 ? text : [head, ...text]).join('\n');
    })
    .join('\n');
}

/**
 * `--min-cell <n>`: the disclosure threshold, a whole number ≥ 0 (default 10; 0 turns disclosure
 * control off).
 *
 * @example
 * parseMinCell('5') // 5; parseMinCell(undefined) // 10
 */
export function parseMinCell(text: string | undefined): number {
  if (text === undefined) return 10;
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(n)) {
    throw new UsageError(`--min-cell: expected a whole number ≥ 0 (default 10), got '${text}'`);
  }
  return n;
}

/**
 * `effectmeting assign`: read a client file, apply exclusions and an assignment rule, write the
 * file with an arm column (ids kept as text), and print the counts. Also holds the rule flags
 * shared with `effectmeting audit`.
 */

import type { ParseArgsConfig } from 'node:util';
import type { ColumnTable } from 'arquero';
import { assignTexts } from '../assign/assign-texts.js';
import {
  type AssignmentExclusion,
  type AssignmentRule,
  assignArms,
  checkWeights,
} from '../assign/index.js';
import { DEFAULT_EXPERIMENT_SCHEMA } from '../data/schema.js';
import { InputError } from '../errors.js';
import { assignmentSummary } from '../report/assignment-disclosure.js';
import { documentMarkdown, toCsv } from '../table/index.js';
import {
  type CliIO,
  type Command,
  DATA_OPTIONS,
  type DataFlags,
  dataHelp,
  dataReadOptions,
  EXIT,
  langHelp,
  parseFlags,
  parseLangFlag,
  parseMinCell,
  UsageError,
} from './command.js';
import { guardIds } from './guarded-io.js';
import { type OutputTarget, planOutputs, writeOutputs } from './output-files.js';
import { readDataFile } from './read-data.js';

/** The option definitions of a rule, shared by `assign` and `audit`. */
export const RULE_OPTIONS = {
  rule: { type: 'string' },
  weights: { type: 'string' },
  key: { type: 'string' },
  seed: { type: 'string' },
  block: { type: 'string' },
  even: { type: 'string' },
  odd: { type: 'string' },
  'pad-eight-digits': { type: 'boolean' },
  exclude: { type: 'string', multiple: true },
  ...DATA_OPTIONS,
} as const satisfies ParseArgsConfig['options'];

/** Values of the rule options (and the data flags) after parsing. */
export interface RuleFlags extends DataFlags {
  readonly rule?: string | undefined;
  readonly weights?: string | undefined;
  readonly key?: string | undefined;
  readonly seed?: string | undefined;
  readonly block?: string | undefined;
  readonly even?: string | undefined;
  readonly odd?: string | undefined;
  readonly 'pad-eight-digits'?: boolean | undefined;
  readonly exclude?: readonly string[] | undefined;
}

/** Parses `experiment=0.8,control=0.2` into weights in the order given; UsageError if malformed. */
function parseWeights(text: string): Record<string, number> {
  const weights: Record<string, number> = {};
  for (const part of text.split(',')) {
    const m = /^\s*([^=\s][^=]*?)\s*=\s*([^=]+?)\s*$/.exec(part);
    const value = m ? Number(m[2]) : Number.NaN;
    if (!m || !Number.isFinite(value)) {
      throw new UsageError(
        `--weights: expected arm=share,arm=share (e.g. experiment=0.8,control=0.2), got '${text}'`,
      );
    }
    if (m[1]! in weights) throw new UsageError(`--weights: arm '${m[1]}' given twice`);
    weights[m[1]!] = value;
  }
  try {
    checkWeights(weights);
  } catch (error) {
    if (error instanceof InputError) throw new UsageError(`--weights: ${error.message}`);
    throw error;
  }
  return weights;
}

function need(value: string | undefined, flag: string, rule: string): string {
  if (value === undefined || value === '') throw new UsageError(`--rule ${rule} needs ${flag}`);
  return value;
}

function parseSeed(text: string): number {
  const seed = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(seed)) {
    throw new UsageError(`--seed: expected a whole number ≥ 0, got '${text}'`);
  }
  return seed;
}

/**
 * Builds a rule from the flags: `--rule ratio|hashed --weights … --key …`,
 * `--rule complete --weights … --seed … [--block col]`, `--rule blocked --block col …`,
 * `--rule parity --even arm --odd arm [--pad-eight-digits]`.
 */
export function ruleFromFlags(flags: RuleFlags): AssignmentRule {
  const kind = flags.rule;
  switch (kind) {
    case undefined:
      throw new UsageError('missing --rule (ratio, complete, blocked or parity)');
    case 'ratio':
    case 'hashed':
      return {
        kind: 'hashed',
        weights: parseWeights(need(flags.weights, '--weights', kind)),
        key: need(flags.key, '--key', kind),
      };
    case 'complete':
    case 'blocked': {
      const weights = parseWeights(need(flags.weights, '--weights', kind));
      const seed = parseSeed(need(flags.seed, '--seed', kind));
      if (kind === 'blocked' || flags.block !== undefined) {
        return { kind: 'blocked', weights, seed, block: need(flags.block, '--block', kind) };
      }
      return { kind: 'complete', weights, seed };
    }
    case 'parity': {
      const even = need(flags.even, '--even', kind);
      const odd = need(flags.odd, '--odd', kind);
      if (even === odd) throw new UsageError('--even and --odd must name different arms');
      return flags['pad-eight-digits']
        ? { kind: 'parity', even, odd, padEightDigits: true }
        : { kind: 'parity', even, odd };
    }
    default:
      throw new UsageError(
        `unknown --rule '${kind}' (expected ratio, complete, blocked or parity)`,
      );
  }
}

const TRUTHY = new Set(['1', 'true', 'yes', 'y', 'ja', 'j', 'x']);

/**
 * Exclusions from `--exclude reason=column`: a row is excluded for `reason` when `column` holds
 * true, a non-zero number, or one of 1/true/yes/y/ja/j/x (any case).
 */
export function exclusionsFromFlags(
  specs: readonly string[] | undefined,
  table: ColumnTable,
): AssignmentExclusion[] {
  return (specs ?? []).map((spec) => {
    const m = /^([^=]+)=([^=]+)$/.exec(spec);
    if (!m) throw new UsageError(`--exclude: expected reason=column, got '${spec}'`);
    const reason = m[1]!.trim();
    const column = m[2]!.trim();
    if (!table.columnNames().includes(column)) {
      throw new InputError(
        `missing column '${column}' (exclusion '${reason}'); available columns: ${table.columnNames().join(', ')}`,
        { code: 'missing-column', column },
      );
    }
    return {
      reason,
      test: (row) => {
        const v = row[column];
        if (typeof v === 'boolean') return v;
        if (typeof v === 'number') return v !== 0 && !Number.isNaN(v);
        return typeof v === 'string' && TRUTHY.has(v.trim().toLowerCase());
      },
    };
  });
}

/**
 * Reads `--input` with the data flags, keeping the given columns as text; `id` must not repeat
 * a client (every command reports duplicate ids, by row only).
 */
export async function readInput(
  path: string | undefined,
  stringColumns: readonly string[],
  io: CliIO,
  flags: DataFlags,
  id: string,
): Promise<ColumnTable> {
  if (path === undefined || path === '') throw new UsageError('missing --input <file>');
  return readDataFile(path, io, {
    read: dataReadOptions(flags),
    stringColumns,
    uniqueId: id,
  });
}

const HELP = `effectmeting assign: assign clients to arms

Usage: effectmeting assign --input <file> --rule <rule> [rule options] [--output <file.csv>]

Rules:
  --rule ratio     hashed ratio: arm from HMAC-SHA256(key, id); stable across batches and order
                   --weights experiment=0.8,control=0.2 --key <experiment key>
  --rule complete  exact counts (largest remainder) by a seeded shuffle
                   --weights … --seed <integer> [--block <column>: within blocks]
  --rule blocked   same as complete with --block <column>
  --rule parity    BSN parity: --even <arm> --odd <arm> [--pad-eight-digits]

Options:
  --input <file>        clients (CSV, TSV, JSON, Arrow, Parquet); one row per client
  --id-column <name>    client id column (default id), always read as text
  --arm-column <name>   name of the arm column to add (default arm)
  --exclude reason=col  exclude rows where col is true/1/yes/ja before assigning; repeatable;
                        a row matching several reasons counts under the first
  --output <file.csv>   write the assigned file (ids kept as text); default: CSV to stdout
  --record <file.json>  write the rule, key/seed and counts, to re-derive and audit later
  --min-cell <n>        disclosure control of the printed summary: counts below n (default 10)
                        as "< n", with secondary suppression ("x"); 0 turns it off
${langHelp(24, ['(the printed summary; the assigned CSV and --record are the same)'])}
${dataHelp(24)}
  -h, --help            this help

Examples:
  effectmeting assign --input clients.csv --rule ratio --weights experiment=0.8,control=0.2 \\
    --key ww-pilot-2021 --output assigned.csv
  effectmeting assign --input clients.csv --rule ratio \\
    --weights service=0.8,control_enforcement=0.1,control_none=0.1 --key pd-ww-2017 --output assigned.csv
  effectmeting assign --input clients.csv --rule parity --even basic --odd intensive \\
    --id-column bsn --exclude "WIA 35-min=wia35" --output assigned.csv
  effectmeting assign --input clients.csv --rule complete --weights experiment=0.5,control=0.5 \\
    --seed 42 --block decile --output assigned.csv

BSNs are never printed: invalid ones are reported by row number only. Ids are compared with
surrounding spaces removed (' c-1071' is the client 'c-1071'), and a repeated id is an
error for every rule (rows named, values not shown).

The summary (stdout, or stderr when the assigned CSV goes to stdout) is under disclosure
control; --output and --record are working files (the assigned ids, the exact counts behind the
rule) for the analyst, not for publication.

--output and --record must not be the --input file (nor each other); both are written only when
the assignment is complete, each to a temp file that is then renamed into place.

Exit codes: 0 done, 1 bad data (the message names the column and rows) or a failed write,
2 usage error (unknown flag or rule, an output that would overwrite the input or cannot be
written), 70 internal error (a bug).
`;

/** The `assign` command. */
export const assignCommand: Command = {
  name: 'assign',
  summary: 'assign clients to arms (hashed ratio, complete, blocked, BSN parity)',
  help: HELP,
  async run(args: readonly string[], io: CliIO): Promise<number> {
    const flags = parseFlags(args, {
      ...RULE_OPTIONS,
      input: { type: 'string' },
      output: { type: 'string' },
      record: { type: 'string' },
      'id-column': { type: 'string' },
      'arm-column': { type: 'string' },
      'min-cell': { type: 'string' },
      lang: { type: 'string' },
    });
    const lang = parseLangFlag(flags.lang);
    const minCell = parseMinCell(flags['min-cell']);
    const rule = ruleFromFlags(flags);
    const targets: OutputTarget[] = [
      ...(flags.output === undefined
        ? []
        : [{ flag: '--output', path: flags.output, holdsIds: true }]),
      ...(flags.record === undefined ? [] : [{ flag: '--record', path: flags.record }]),
    ];
    const outputs = planOutputs(
      flags.input === undefined || flags.input === ''
        ? []
        : [{ flag: '--input', path: flags.input }],
      targets,
    );
    const id = flags['id-column'] ?? DEFAULT_EXPERIMENT_SCHEMA.id;
    const arm = flags['arm-column'] ?? DEFAULT_EXPERIMENT_SCHEMA.arm;
    const table = await readInput(flags.input, [id], io, flags, id);
    guardIds(io, table, [id]);
    const exclude = exclusionsFromFlags(flags.exclude, table);
    const result = assignArms(table, rule, { id, arm, exclude });
    // the one CSV writer: a label or reason starting with = + - @ cannot become a formula
    const csvText = toCsv(result.table.objects() as Record<string, unknown>[], {
      columns: result.table.columnNames(),
      newline: '\n',
    });
    const summary = documentMarkdown(assignmentSummary(result, { threshold: minCell, lang }), {
      lang,
    });
    const files = new Map<string, string>();
    if (flags.output !== undefined) files.set(flags.output, csvText);
    if (flags.record !== undefined) {
      const record = {
        rule,
        description: result.description,
        idColumn: id,
        armColumn: arm,
        rows: result.rows,
        assigned: result.assigned,
        counts: result.counts,
        exclusions: result.exclusions,
        exclude: flags.exclude ?? [],
      };
      files.set(flags.record, `${JSON.stringify(record, null, 2)}\n`);
    }
    writeOutputs(outputs, files, io.guard);
    if (flags.output === undefined) {
      // the assigned file holds the ids by design; the summary on stderr does not
      (io.stdoutWithIds ?? io.stdout)(csvText);
      io.stderr(summary);
    } else {
      io.stdout(`${summary}\n${assignTexts(lang).wrote(result.rows, flags.output)}\n`);
    }
    return EXIT.ok;
  },
};

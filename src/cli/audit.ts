/**
 * `effectmeting audit`: check an assigned file against its rule — sample ratio, conformance and
 * covariate balance — and print the report (Markdown) or JSON.
 */
import type { AssignmentRule } from '../assign/index.js';
import { auditAssignment } from '../assign/index.js';
import { DEFAULT_EXPERIMENT_SCHEMA } from '../data/schema.js';
import { InputError } from '../errors.js';
import {
  exclusionsFromFlags,
  RULE_OPTIONS,
  type RuleFlags,
  readInput,
  ruleFromFlags,
} from './assign.js';
import { type CliIO, type Command, EXIT, parseFlags, UsageError } from './command.js';
import { guardIds } from './guarded-io.js';
import { readJsonFile } from './read-json.js';

const HELP = `effectmeting audit: check an assignment against its rule

Usage: effectmeting audit --input <assigned file> (--rule <rule> [rule options] | --record <file.json>)
                          [--covariates a,b,…] [options]

Prints three checks:
  1. sample ratio: chi-square goodness of fit of the arm counts against the rule's weights;
  2. conformance: each client's arm recomputed from the rule; mismatches by row number
     (and pseudonym with --pseudonym-column; never the id, which may be a BSN);
  3. balance (with --covariates): per covariate and arm counts/shares or mean/SD, standardised
     mean differences, chi-square (factors) or Welch t (numbers), and an omnibus HC2 Wald test.

Rule options are those of 'effectmeting assign' (--rule, --weights, --key, --seed, --block,
--even, --odd, --pad-eight-digits, --exclude); or --record reads the file 'assign --record' wrote.

Options:
  --input <file>              the assigned file
  --id-column <name>          client id column (default id)
  --arm-column <name>         recorded arm column (default arm)
  --pseudonym-column <name>   column to identify mismatching rows by
  --covariates a,b,…          covariates for the balance table
  --factors a,b,…             covariates to treat as factors even when numeric (e.g. office)
  --json                      print the results as JSON instead of Markdown
  -h, --help                  this help

Exit codes: 0 done (a failed check is in the report, not the exit code), 1 bad data or record,
2 usage error (unknown flag or rule), 70 internal error (a bug).

Examples:
  effectmeting audit --input assigned.csv --rule ratio --weights experiment=0.8,control=0.2 \\
    --key ww-pilot-2021 --covariates gender,age_band,household
  effectmeting audit --input assigned.csv --rule parity --even basic --odd intensive \\
    --id-column bsn --pseudonym-column pseudonym --covariates gender,age_band,office --factors office
  effectmeting audit --input assigned.csv --record assigned.rule.json --covariates decile
`;

const list = (text: string | undefined): string[] =>
  text === undefined
    ? []
    : text
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');

interface RecordFile {
  readonly rule: AssignmentRule;
  readonly idColumn?: string;
  readonly armColumn?: string;
  readonly exclude?: readonly string[];
}

function readRecord(path: string): RecordFile {
  const parsed = readJsonFile(path, '--record');
  const rule = (parsed as { rule?: { kind?: unknown } } | null)?.rule;
  if (!rule || !['hashed', 'complete', 'blocked', 'parity'].includes(String(rule.kind))) {
    throw new InputError(`--record: '${path}' holds no assignment rule`, {
      code: 'malformed-input',
    });
  }
  return parsed as RecordFile;
}

/** The `audit` command. */
export const auditCommand: Command = {
  name: 'audit',
  summary: 'audit an assignment: sample ratio, conformance to the rule, covariate balance',
  help: HELP,
  async run(args: readonly string[], io: CliIO): Promise<number> {
    const flags = parseFlags(args, {
      ...RULE_OPTIONS,
      input: { type: 'string' },
      record: { type: 'string' },
      'id-column': { type: 'string' },
      'arm-column': { type: 'string' },
      'pseudonym-column': { type: 'string' },
      covariates: { type: 'string' },
      factors: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (flags.record !== undefined && flags.rule !== undefined) {
      throw new UsageError('give either --rule (with its options) or --record, not both');
    }
    const record = flags.record === undefined ? undefined : readRecord(flags.record);
    const rule = record?.rule ?? ruleFromFlags(flags as RuleFlags);
    const id = flags['id-column'] ?? record?.idColumn ?? DEFAULT_EXPERIMENT_SCHEMA.id;
    const arm = flags['arm-column'] ?? record?.armColumn ?? DEFAULT_EXPERIMENT_SCHEMA.arm;
    const pseudonym = flags['pseudonym-column'];
    const table = await readInput(flags.input, [id, arm, ...(pseudonym ? [pseudonym] : [])]);
    guardIds(io, table, [id, pseudonym]);
    const exclude = exclusionsFromFlags(flags.exclude ?? record?.exclude, table);
    const covariates = list(flags.covariates);
    const factors = list(flags.factors);
    const audit = auditAssignment(table, rule, {
      id,
      arm,
      ...(pseudonym ? { pseudonym } : {}),
      ...(covariates.length > 0 ? { covariates } : {}),
      ...(factors.length > 0 ? { factors } : {}),
      ...(exclude.length > 0 ? { exclude } : {}),
    });
    if (flags.json) {
      io.stdout(`${JSON.stringify(audit, null, 2)}\n`);
    } else {
      io.stdout(audit.toMarkdown());
    }
    return EXIT.ok;
  },
};

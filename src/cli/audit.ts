/**
 * `effectmeting audit`: check an assigned file against its rule — sample ratio, conformance and
 * covariate balance — or, with only `--weights`, an existing trial against its stated weights
 * (sample ratio and balance), and print the report (Markdown) or JSON.
 */

import { auditDocument } from '../assign/audit.js';
import type { AssignmentRule, AuditResult, WeightsAuditResult } from '../assign/index.js';
import { auditAssignment } from '../assign/index.js';
import { refuseIdentifierLabels } from '../data/identifier-labels.js';
import { DEFAULT_EXPERIMENT_SCHEMA } from '../data/schema.js';
import { InputError } from '../errors.js';
import type { Language } from '../language.js';
import { protectAudit } from '../report/assignment-disclosure.js';
import { publishedJson } from '../report/disclosure.js';
import { documentMarkdown } from '../table/index.js';
import {
  exclusionsFromFlags,
  RULE_OPTIONS,
  type RuleFlags,
  readInput,
  ruleFromFlags,
} from './assign.js';
import {
  type CliIO,
  type Command,
  dataHelp,
  EXIT,
  langHelp,
  parseFlags,
  parseLangFlag,
  parseMinCell,
  UsageError,
} from './command.js';
import { guardIds } from './guarded-io.js';
import { readJsonFile } from './read-json.js';

const HELP = `effectmeting audit: check an assignment against its rule, or a trial against its weights

Usage: effectmeting audit --input <assigned file> (--rule <rule> [rule options] | --record <file.json>)
                          [--covariates a,b,…] [options]
       effectmeting audit --input <trial file> --weights <80/20 | arm=share,…> [--covariates a,b,…]

Prints three checks:
  1. sample ratio: chi-square goodness of fit of the arm counts against the rule's weights;
  2. conformance: each client's arm recomputed from the rule; mismatches by row number
     (and pseudonym with --pseudonym-column; never the id, which may be a BSN);
  3. balance (with --covariates): per covariate and arm counts/shares or mean/SD, standardised
     mean differences, chi-square (factors) or Welch t (numbers), and an omnibus HC2 Wald test.

Rule options are those of 'effectmeting assign' (--rule, --weights, --key, --seed, --block,
--even, --odd, --pad-eight-digits, --exclude); or --record reads the file 'assign --record' wrote.

Without a rule (an existing trial whose key or seed you do not have), --weights alone gives
checks 1 and 3: the sample ratio against the stated weights and the balance table. No
conformance check is made: it needs the rule. --weights 80/20 means experiment=80,control=20
(treated/control, summing to 100 or 1); name other arms: --weights basic=50,intensive=50.

Options:
  --input <file>              the assigned file
  --id-column <name>          client id column (default id)
  --arm-column <name>         recorded arm column (default arm)
  --pseudonym-column <name>   column to identify mismatching rows by
  --covariates a,b,…          covariates for the balance table
  --factors a,b,…             covariates to treat as factors even when numeric (e.g. office)
  --json                      print the results as JSON instead of Markdown
  --min-cell <n>              disclosure control: arm and balance counts below n (default 10)
                              as "< n", with secondary suppression ("x"); 0 turns it off
${langHelp(30, ['(the Markdown report; --json is the same in both)'])}
${dataHelp(30)}
  -h, --help                  this help

With disclosure control (the default) the JSON holds the published tables, the threshold and
the sample-ratio test; with --min-cell 0 the complete result. The conformance check lists file
rows (never ids) and is not suppressed: it is a data-quality check for the analyst.

Exit codes: 0 done (a failed check is in the report, not the exit code), 1 bad data or record,
2 usage error (unknown flag or rule), 70 internal error (a bug).

Examples:
  effectmeting audit --input assigned.csv --rule ratio --weights experiment=0.8,control=0.2 \\
    --key ww-pilot-2021 --covariates gender,age_band,household
  effectmeting audit --input assigned.csv --rule parity --even basic --odd intensive \\
    --id-column bsn --pseudonym-column pseudonym --covariates gender,age_band,office --factors office
  effectmeting audit --input assigned.csv --record assigned.rule.json --covariates decile
  effectmeting audit --input trial.csv --weights 80/20 --covariates decile,gender
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

/**
 * `--weights` of a rule-less audit: `80/20` (treated/control: the schema's `experiment` and
 * `control` arms) or `arm=share,…`; percentages (summing to 100) or shares (summing to 1).
 */
function statedWeights(text: string): Record<string, number> {
  const bad = (why: string): never => {
    throw new UsageError(`--weights ${text}: ${why}`);
  };
  const number = (part: string): number => {
    const x = part.trim() === '' ? Number.NaN : Number(part);
    if (!(Number.isFinite(x) && x >= 0)) bad(`'${part}' is not a share ≥ 0`);
    return x;
  };
  const entries: [string, number][] = [];
  if (!text.includes('=')) {
    const parts = text.split('/');
    if (parts.length !== 2) {
      bad('give treated/control (e.g. 80/20), or name the arms: arm=share,arm=share');
    }
    entries.push(
      [DEFAULT_EXPERIMENT_SCHEMA.treatment, number(parts[0]!)],
      [DEFAULT_EXPERIMENT_SCHEMA.control, number(parts[1]!)],
    );
  } else {
    for (const part of text.split(',')) {
      const m = /^\s*([^=\s][^=]*?)\s*=\s*([^=]*?)\s*$/.exec(part);
      if (!m) bad(`expected arm=share, got '${part}'`);
      if (entries.some(([a]) => a === m![1])) bad(`arm '${m![1]}' is given twice`);
      entries.push([m![1]!, number(m![2]!)]);
    }
  }
  const sum = entries.reduce((t, [, w]) => t + w, 0);
  const scale =
    Math.abs(sum - 100) < 1e-9
      ? 100
      : Math.abs(sum - 1) < 1e-9
        ? 1
        : bad(`the shares sum to ${sum}, not 100 (or 1)`);
  return Object.fromEntries(entries.map(([a, w]) => [a, w / scale]));
}

/** Flags that only the rule's conformance check uses. */
const RULE_ONLY = [
  'key',
  'seed',
  'block',
  'even',
  'odd',
  'pad-eight-digits',
  'exclude',
  'pseudonym-column',
  'id-column',
] as const;

/**
 * The audit as printed: Markdown or JSON under disclosure control (`protectAudit`, threshold
 * `minCell`); with `minCell` 0 the complete result.
 */
function report(audit: WeightsAuditResult, minCell: number, json: boolean, lang: Language): string {
  if (!json) {
    const shown = protectAudit(auditDocument(audit, lang), audit, { threshold: minCell, lang });
    return documentMarkdown(shown, { lang });
  }
  // JSON: English keys and machine numbers, the same whatever --lang says
  const document = protectAudit(audit.toDocument(), audit, { threshold: minCell });
  if (minCell <= 0) return `${JSON.stringify(audit, null, 2)}\n`;
  const { statistic, df, pValue, stars, method } = audit.sampleRatio;
  const { disclosure, tables } = publishedJson(document, minCell);
  // the conformance check is a data-quality check by file row: published as it is
  const conformance =
    'conformance' in audit
      ? (({ checked, skipped, mismatches, rate, rows }) => ({
          checked,
          skipped,
          mismatches,
          rate,
          rows,
        }))((audit as AuditResult).conformance)
      : undefined;
  const published = {
    disclosure,
    sampleRatio: { statistic, df, pValue, stars, method },
    ...(conformance ? { conformance } : {}),
    tables,
  };
  return `${JSON.stringify(published, null, 2)}\n`;
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
      'min-cell': { type: 'string' },
      lang: { type: 'string' },
    });
    const lang = parseLangFlag(flags.lang);
    const minCell = parseMinCell(flags['min-cell']);
    if (flags.record !== undefined && flags.rule !== undefined) {
      throw new UsageError('give either --rule (with its options) or --record, not both');
    }
    if (flags.rule === undefined && flags.record === undefined && flags.weights === undefined) {
      throw new UsageError(
        'give --rule (with its options) or --record to check the assignment, or --weights (e.g. 80/20) to audit a trial without its rule',
      );
    }
    if (flags.rule === undefined && flags.record === undefined && flags.weights !== undefined) {
      const given = RULE_ONLY.filter((f) => flags[f] !== undefined);
      if (given.length > 0) {
        throw new UsageError(
          `${given.map((f) => `--${f}`).join(', ')}: only with --rule or --record (the conformance check); --weights alone gives the sample ratio and balance`,
        );
      }
      const weights = statedWeights(flags.weights);
      const arm = flags['arm-column'] ?? DEFAULT_EXPERIMENT_SCHEMA.arm;
      const id = flags['id-column'] ?? DEFAULT_EXPERIMENT_SCHEMA.id;
      const table = await readInput(flags.input, [id, arm], io, flags, id);
      // An arm label that is an id or a BSN is refused by column and rows, before it is printed.
      refuseIdentifierLabels(table, { id, labels: [{ column: arm, role: 'arm labels' }] });
      const covariates = list(flags.covariates);
      const factors = list(flags.factors);
      const audit = auditAssignment(
        table,
        { weights },
        {
          arm,
          ...(covariates.length > 0 ? { covariates } : {}),
          ...(factors.length > 0 ? { factors } : {}),
        },
      );
      io.stdout(report(audit, minCell, flags.json === true, lang));
      return EXIT.ok;
    }
    if (flags.record !== undefined && flags.weights !== undefined) {
      throw new UsageError('--weights with --record: the record holds the rule and its weights');
    }
    if (flags.rule === 'parity' && flags.weights !== undefined) {
      throw new UsageError(
        '--rule parity assigns ½ / ½ by the last BSN digit; it takes no --weights',
      );
    }
    const record = flags.record === undefined ? undefined : readRecord(flags.record);
    const rule = record?.rule ?? ruleFromFlags(flags as RuleFlags);
    const id = flags['id-column'] ?? record?.idColumn ?? DEFAULT_EXPERIMENT_SCHEMA.id;
    const arm = flags['arm-column'] ?? record?.armColumn ?? DEFAULT_EXPERIMENT_SCHEMA.arm;
    const pseudonym = flags['pseudonym-column'];
    const table = await readInput(
      flags.input,
      [id, arm, ...(pseudonym ? [pseudonym] : [])],
      io,
      flags,
      id,
    );
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
    io.stdout(report(audit, minCell, flags.json === true, lang));
    return EXIT.ok;
  },
};

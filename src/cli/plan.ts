/**
 * `effectmeting plan`: freeze a pre-analysis plan with its SHA-256 (`plan freeze`) and check a
 * frozen plan (`plan verify`). The plan and its canonical form are in
 * `src/evaluate/pre-analysis-plan.ts` and `plan-stamp.ts`; `analyze --plan` reads the result.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isJsonObject } from '../data/spec-reader.js';
import { freezePlan, frozenPlanText, verifyFrozenPlan } from '../evaluate/plan-stamp.js';
import { parsePreAnalysisPlan } from '../evaluate/pre-analysis-plan.js';
import type { Language, Texts } from '../language.js';
import { type CliIO, type Command, EXIT, langHelp, parseLangFlag, UsageError } from './command.js';
import { planOutputs, writeOutputs } from './output-files.js';
import { readJsonFile } from './read-json.js';

const HELP = `effectmeting plan: freeze a pre-analysis plan, or check a frozen one

Usage: effectmeting plan freeze <plan.json> [--out <frozen.json>] [--lang en|nl]
       effectmeting plan verify <frozen.json> [--lang en|nl]

A pre-analysis plan is a JSON file that fixes, before the outcomes are seen, the primary
analysis: "primary": { "outcome" (event-month column), "month", "covariates", "factors",
"adjustment" (ols, lin, none), "se", "censoring" (complete-followup, ipcw), "level",
"contrasts" }, and the "secondaryOutcomes"; "title" and "notes" are free text. Every key is
documented in docs/cli.md and docs/pre-registration.md; unknown keys, missing required keys
and wrong values are refused with the field's name.

  freeze   checks the plan, fills in its defaults and adds the "frozen" stamp: the SHA-256
           of the plan's canonical form (RFC 8785 JSON of the complete plan without the
           stamp), the name of that form, and the canonical text. Writes the frozen plan to
           --out (never over the plan itself, nor over another file's different content),
           else to stdout; prints the hash. Register the hash before the outcomes are seen.
  verify   checks that a frozen plan still hashes to its stamp; prints the hash and ok, or
           names every field edited since freezing (exit 1).

Then 'effectmeting analyze --plan <frozen.json>' verifies the stamp, prints the hash in every
output, sets the confirmatory result apart and refuses a config that changes the primary
analysis unless --exploratory is given.

Options:
  --out <file>   freeze: where to write the frozen plan (default: stdout)
${langHelp(17, ['(the messages; the frozen plan and its hash are the same in both)'])}
  -h, --help     this help

Exit codes: 0 done (verify: unchanged), 1 invalid plan, a frozen plan edited after freezing, or a
failed write, 2 usage error (no subcommand, unknown flag, a missing file argument, an --out that
would overwrite the plan or another file's content, freezing a plan that is already frozen).

Examples:
  effectmeting plan freeze plan.json --out frozen-plan.json
  effectmeting plan verify frozen-plan.json
  effectmeting analyze --input clients.csv --config analysis.json --plan frozen-plan.json

Worked example: examples/pre-analysis-plan.json is the plan of examples/analysis-config.json.
`;

/** The messages of `plan freeze` and `plan verify` (the hash and the frozen plan are not text). */
const PLAN_TEXTS: Texts<{
  readonly froze: (file: string, out: string) => string;
  readonly unchanged: (file: string) => string;
}> = {
  en: {
    froze: (file, out) =>
      `froze ${file} into ${out}; register this hash before the outcomes are seen`,
    unchanged: (file) => `ok: ${file} is unchanged since it was frozen`,
  },
  nl: {
    froze: (file, out) =>
      `${file} bevroren in ${out}; registreer deze hash voordat de uitkomsten bekend zijn`,
    unchanged: (file) => `ok: ${file} is ongewijzigd sinds het bevriezen`,
  },
};

function parse(
  args: readonly string[],
  withOut: boolean,
): { file: string; out?: string; lang: Language } {
  let parsed: {
    values: { out?: string | undefined; lang?: string | undefined };
    positionals: string[];
  };
  try {
    parsed = parseArgs({
      args: [...args],
      options: withOut
        ? { out: { type: 'string' }, lang: { type: 'string' } }
        : { lang: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    }) as typeof parsed;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const [file, ...rest] = parsed.positionals;
  if (file === undefined || file === '') throw new UsageError('missing the plan file');
  if (rest.length > 0) throw new UsageError(`one plan file at a time, got also '${rest[0]}'`);
  if (parsed.values.out === '') throw new UsageError('--out: expected a file name');
  const lang = parseLangFlag(parsed.values.lang);
  return { file, lang, ...(parsed.values.out !== undefined ? { out: parsed.values.out } : {}) };
}

function freeze(args: readonly string[], io: CliIO): number {
  const { file, out, lang } = parse(args, true);
  const outputs =
    out === undefined
      ? undefined
      : planOutputs([{ flag: 'the plan', path: file }], [{ flag: '--out', path: out }]);
  const json = readJsonFile(file, 'plan');
  if (isJsonObject(json) && json.frozen !== undefined) {
    throw new UsageError(
      `${file} is already frozen; check it with 'effectmeting plan verify ${file}' (to change a frozen plan, remove its "frozen" stamp, edit it and freeze it as a new plan)`,
    );
  }
  const frozen = freezePlan(parsePreAnalysisPlan(json, { source: `plan ${file}` }));
  const text = frozenPlanText(frozen);
  if (out === undefined || outputs === undefined) {
    io.stdout(text);
    io.stderr(`sha256 ${frozen.frozen.sha256}\n`);
    return EXIT.ok;
  }
  if (existsSync(out) && statSync(out).isFile() && readFileSync(out, 'utf8') !== text) {
    throw new UsageError(
      `--out: ${out} exists and holds something else; a frozen plan is a record, so it is not replaced: choose another --out or remove the file first`,
    );
  }
  writeOutputs(outputs, new Map([[out, text]]), io.guard);
  io.stdout(`sha256 ${frozen.frozen.sha256}\n`);
  io.stderr(`${PLAN_TEXTS[lang].froze(file, out)}\n`);
  return EXIT.ok;
}

function verify(args: readonly string[], io: CliIO): number {
  const { file, lang } = parse(args, false);
  const { sha256 } = verifyFrozenPlan(readJsonFile(file, 'plan'), { source: `plan ${file}` });
  io.stdout(`sha256 ${sha256}  ${PLAN_TEXTS[lang].unchanged(file)}\n`);
  return EXIT.ok;
}

async function run(args: readonly string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'freeze') return freeze(rest, io);
  if (sub === 'verify') return verify(rest, io);
  throw new UsageError(
    sub === undefined
      ? 'missing the subcommand: freeze <plan.json> or verify <frozen.json>'
      : `unknown subcommand '${sub}': expected freeze or verify`,
  );
}

/** The `plan` command: `plan freeze` and `plan verify`. */
export const planCommand: Command = {
  name: 'plan',
  summary: 'freeze a pre-analysis plan with its SHA-256, or verify a frozen plan',
  help: HELP,
  run,
};

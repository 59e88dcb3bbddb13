/**
 * `effectmeting analyze`: a full analysis of a randomised experiment from a data file and a JSON
 * config — flags → read the config → `parsePlan` → `loadTable` → `evaluate` → write it as a
 * terminal table, Markdown, JSON (every number) or long CSV. The engine is `src/evaluate/`, the
 * presentation `src/report/evaluation.ts`.
 */
import { basename, join } from 'node:path';
import { isJsonObject } from '../data/spec-reader.js';
import { assignmentBlocks } from '../evaluate/assignment.js';
import {
  type AnalysisPlan,
  type AnalysisResult,
  evaluate,
  evaluationSteps,
  parsePlan,
  planTable,
} from '../evaluate/index.js';
import { planDeviations } from '../evaluate/plan-comparison.js';
import { type VerifiedPlan, verifyFrozenPlan } from '../evaluate/plan-stamp.js';
import { type PreRegistration, preRegistration } from '../evaluate/pre-registration.js';
import type { Language } from '../language.js';
import { disclosureNote } from '../report/disclosure.js';
import { evaluationSections } from '../report/evaluation.js';
import { evaluationHtml } from '../report/evaluation-html.js';
import { preRegisteredSections, preRegistrationJson } from '../report/pre-registration.js';
import {
  jsonOfTable,
  OUTPUT_FORMATS,
  type OutputFormat,
  renderCsv,
  renderJson,
  renderMarkdown,
  renderTable,
  type Section,
} from '../table/index.js';
import {
  type CliIO,
  type Command,
  DATA_OPTIONS,
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
import { type OutputPlan, outputsIn, planOutputs, writeOutputs } from './output-files.js';
import { createProgress } from './progress.js';
import { readDataFile } from './read-data.js';
import { readJsonFile } from './read-json.js';
import { stdoutRendering, type TerminalInfo } from './terminal.js';

const HELP = `effectmeting analyze: a full effect analysis from a data file and a JSON config

Usage: effectmeting analyze --input <file> --config <analysis.json> [--format table|md|json|csv]
                            [--out <dir>] [--plan <frozen.json> [--exploratory]] [--min-cell <n>]
                            [--lang en|nl] [--quiet] [--delimiter <c>] [--decimal <mark>]
                            [--na <tokens>] [--encoding <name>]
                            [--clusters <column>] [--blocks <column>] [--record <assignment.json>]

Reads one row per client (CSV, TSV, JSON, Arrow, Parquet) and reports:
  1. assignment check: clients per arm, sample-ratio test against the intended weights,
     covariate balance in the analysed sample;
  2. cumulative outflow per month and arm for every event (complete follow-up, Kaplan-Meier
     or Aalen-Johansen);
  3. the effect per month (treatment - control), raw and covariate-adjusted (OLS or Lin, HC2),
     under complete follow-up or IPCW (methods.censoring), and the first month from which it
     is significant;
  4. per subgroup column: the effect per month within each level and a heterogeneity test;
  5. with "participation": participation by arm and the complier effect (2SLS).

The config names the columns, arms, events, months, covariates, subgroups and methods;
every key is documented in docs/cli.md. Unknown keys and wrong types are reported with the
field's name.

Options:
  --input <file>      client data, one row per client
  --config <file>     the analysis config (JSON)
  --format <format>   table (default: aligned text for a terminal), md (Markdown),
                      json (every published number), csv (long format: one line per number)
  --out <dir>         also write <dir>/analysis.txt, .md, .json and .csv, and <dir>/report.html
                      (the report with its charts: outflow per arm, effect per month)
${langHelp(22, ['(CSV and JSON stay machine-readable: English keys, machine numbers)'])}
  --plan <file>       a pre-analysis plan frozen by 'effectmeting plan freeze': its stamp
                      is verified (an edited plan is refused), its SHA-256 is printed in
                      every output, the confirmatory result (primary outcome at the
                      primary month, planned method) is set apart from the exploratory
                      ones, and a config that changes the primary analysis is refused
  --exploratory       with --plan: run a config that deviates from the plan anyway; every
                      output then says, at the top, that and how it deviates
  --min-cell <n>      disclosure control: counts below n (default 10) are shown as "< n"
                      and what would reveal them as "x", in every format; 0 turns it off
                      (then --format json is the complete result, not for publication)
  --quiet             no progress bar (it shows on a terminal only, for runs over 1 s)
  --clusters <col>    cluster-randomised design: the unit of randomisation (config.design.clusters);
                      CR2 standard errors with Satterthwaite df, clustered difference in means
  --blocks <col>      blocked design: the strata of the randomisation (config.design.blocks);
                      block fixed effects, blocked difference in means
  --record <file>     the assignment record ('assign --record'): a blocked rule's block column
                      becomes the default blocks (stated in the output; config "blocks": null
                      opts out)
${dataHelp(22)}
  -h, --help          this help

Exit codes: 0 done, 1 bad data or config (the message names the column or field) or a failed
write (disk full) or a frozen plan edited after freezing, 2 usage error (unknown flag, missing
--input or --config, unknown format, an --out that would overwrite an input or cannot be
written, a config that deviates from the --plan without --exploratory), 70 internal error (a bug).

Examples:
  effectmeting analyze --input clients.csv --config analysis.json
  effectmeting analyze --input clients.csv --config analysis.json --format md --out out/analysis
  effectmeting analyze --input clients.parquet --config analysis.json --format csv > effects.csv
  effectmeting analyze --input clients.csv --config analysis.json --plan frozen-plan.json --out out

Worked example: examples/analysis-config.json is the plan of the first study listed by
'effectmeting reproduce --help', for that study's synthetic file in data/.
`;

/**
 * The plan in a config file, with `--clusters` / `--blocks` as its `design` and the blocks of an
 * assignment record (`--record`) as the default blocks; its problems name the file. A flag that
 * contradicts the config is a usage error.
 */
function readPlan(
  path: string,
  flags: {
    clusters?: string | undefined;
    blocks?: string | undefined;
    record?: string | undefined;
  },
): AnalysisPlan {
  const json = readJsonFile(path, 'config');
  let config: unknown = json;
  if (isJsonObject(json) && (flags.clusters !== undefined || flags.blocks !== undefined)) {
    const design: Record<string, unknown> = isJsonObject(json.design) ? { ...json.design } : {};
    for (const key of ['clusters', 'blocks'] as const) {
      const flag = flags[key];
      if (flag === undefined) continue;
      const stated = design[key];
      if (stated !== undefined && stated !== flag) {
        throw new UsageError(
          `--${key} ${flag}: the config names ${key} ${JSON.stringify(stated)} (config.design.${key}); give one`,
        );
      }
      design[key] = flag;
    }
    config = { ...json, design };
  }
  const blocks =
    flags.record === undefined
      ? undefined
      : assignmentBlocks(readJsonFile(flags.record, '--record'), `--record ${flags.record}`);
  return parsePlan(config, {
    source: `config ${path}`,
    ...(blocks === undefined ? {} : { assignmentBlocks: blocks }),
  });
}

/**
 * `--plan <frozen.json>`: the verified plan (an edited plan is an `InputError`), and the config
 * held against it before anything is computed: a deviation of the primary analysis is a usage
 * error unless `--exploratory` is given.
 */
function readFrozenPlan(
  path: string,
  configPath: string,
  config: AnalysisPlan,
  exploratory: boolean,
): VerifiedPlan {
  const verified = verifyFrozenPlan(readJsonFile(path, 'plan'), { source: `plan ${path}` });
  const deviations = planDeviations(verified.plan, config);
  if (deviations.length > 0 && !exploratory) {
    throw new UsageError(
      `config ${configPath} changes the primary analysis of the frozen plan ${path} (sha256 ${verified.sha256}):\n${deviations.map((d) => `  - ${d}`).join('\n')}\nChange the config back, or give --exploratory to run it as an exploratory analysis (every output then says it deviates from the plan)`,
    );
  }
  return verified;
}

/**
 * The JSON of a run: with disclosure control (`--min-cell` > 0, the default) the published
 * sections (suppressed cells as "< 10" / "x"); with `--min-cell 0` the complete result. With
 * `--plan`, the plan's hash and status come first (`preAnalysisPlan`).
 */
function json(
  result: AnalysisResult,
  sections: readonly Section[],
  minCell: number,
  reg: PreRegistration | undefined,
): string {
  const plan = reg ? { preAnalysisPlan: preRegistrationJson(reg, { complete: minCell <= 0 }) } : {};
  if (minCell <= 0) return renderJson({ ...plan, ...result });
  return renderJson({
    ...plan,
    title: result.title,
    input: result.input,
    config: result.config,
    disclosure: { threshold: minCell, note: disclosureNote(minCell) },
    sections: sections.map(jsonOfTable),
  });
}

/** The sections of a run: in the report's language, and in English for CSV and JSON. */
interface RunSections {
  readonly shown: readonly Section[];
  readonly machine: readonly Section[];
}

function render(
  result: AnalysisResult,
  sections: RunSections,
  format: OutputFormat,
  minCell: number,
  reg: PreRegistration | undefined,
  lang: Language,
  terminal?: TerminalInfo,
): string {
  const title = `${result.title} — ${basename(result.input.file)}`;
  switch (format) {
    case 'table':
      return renderTable(title, sections.shown, { ...stdoutRendering(terminal), lang });
    case 'md':
      return renderMarkdown(title, sections.shown, { lang });
    case 'csv':
      return renderCsv(sections.machine);
    case 'json':
      return json(result, sections.machine, minCell, reg);
  }
}

const EXTENSION: Record<OutputFormat, string> = {
  table: 'txt',
  md: 'md',
  json: 'json',
  csv: 'csv',
};

/** The HTML report `--out <dir>` writes beside the four formats. */
const REPORT_HTML = 'report.html';

/** The files `--out <dir>` holds: analysis.txt, .md, .json and .csv, one per format (and report.html). */
const OUT_FILES: readonly { format: OutputFormat; name: string }[] = OUTPUT_FORMATS.map((f) => ({
  format: f,
  name: `analysis.${EXTENSION[f]}`,
}));

async function run(args: readonly string[], io: CliIO): Promise<number> {
  const flags = parseFlags(args, {
    input: { type: 'string' },
    config: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    plan: { type: 'string' },
    exploratory: { type: 'boolean' },
    quiet: { type: 'boolean' },
    ...DATA_OPTIONS,
    'min-cell': { type: 'string' },
    lang: { type: 'string' },
    clusters: { type: 'string' },
    blocks: { type: 'string' },
    record: { type: 'string' },
  });
  const read = dataReadOptions(flags);
  const minCell = parseMinCell(flags['min-cell']);
  const lang = parseLangFlag(flags.lang);
  if (flags.input === undefined || flags.input === '')
    throw new UsageError('missing --input <file>');
  if (flags.config === undefined || flags.config === '') {
    throw new UsageError('missing --config <analysis.json> (see examples/analysis-config.json)');
  }
  const format = (flags.format ?? 'table') as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format)) {
    throw new UsageError(
      `--format: expected one of ${OUTPUT_FORMATS.join(', ')}, got '${flags.format}'`,
    );
  }
  if (flags.plan === '') throw new UsageError('--plan: expected a frozen plan file');
  if (flags.exploratory && flags.plan === undefined) {
    throw new UsageError(
      '--exploratory needs --plan <frozen.json>: it marks a run that deviates from a frozen plan',
    );
  }
  const outputs: OutputPlan | undefined =
    flags.out === undefined
      ? undefined
      : planOutputs(
          [
            { flag: '--input', path: flags.input },
            { flag: '--config', path: flags.config },
            ...(flags.plan === undefined ? [] : [{ flag: '--plan', path: flags.plan }]),
            ...(flags.record === undefined ? [] : [{ flag: '--record', path: flags.record }]),
          ],
          outputsIn('--out', flags.out, [...OUT_FILES.map((f) => f.name), REPORT_HTML]),
        );
  const plan = readPlan(flags.config, flags);
  const frozen =
    flags.plan === undefined
      ? undefined
      : readFrozenPlan(flags.plan, flags.config, plan, flags.exploratory === true);
  const progress = createProgress({
    enabled: !flags.quiet && (io.terminal?.stderrIsTTY ?? process.stderr.isTTY === true),
    write: io.stderr,
    total: 1 + evaluationSteps(plan),
    // From the first second, the read included (it reports its own progress).
    delayMs: 1000,
  });
  try {
    progress.step(`reading ${basename(flags.input)}`);
    const stringColumns = [
      plan.columns.id,
      plan.columns.arm,
      ...(plan.participation ? [plan.participation.column] : []),
    ];
    // Only the columns the plan reads are kept: the others' memory is freed for the analysis.
    const table = planTable(
      await readDataFile(flags.input, io, {
        read,
        stringColumns,
        onProgress: (fraction) => progress.advance(fraction),
      }),
      plan,
    );
    guardIds(io, table, [plan.columns.id]);
    const result = evaluate(table, plan, {
      file: flags.input,
      onStep: (label) => progress.step(label),
    });
    const reg = frozen && preRegistration(frozen, result, { file: basename(flags.plan ?? '') });
    const machineSections = evaluationSections(result, { threshold: minCell });
    const shownSections =
      lang === 'en' ? machineSections : evaluationSections(result, { threshold: minCell, lang });
    const withPlan = (s: readonly Section[], l: Language) =>
      reg ? preRegisteredSections(s, reg, { lang: l }) : [...s];
    const sections: RunSections = {
      shown: withPlan(shownSections, lang),
      machine: withPlan(machineSections, 'en'),
    };
    progress.done();
    if (flags.out !== undefined && outputs !== undefined) {
      const out = flags.out;
      const html = await evaluationHtml(result, sections.shown, {
        lang,
        threshold: minCell,
        subtitle: basename(result.input.file),
      });
      writeOutputs(
        outputs,
        new Map([
          ...OUT_FILES.map(
            (f) =>
              [join(out, f.name), render(result, sections, f.format, minCell, reg, lang)] as const,
          ),
          [join(out, REPORT_HTML), html] as const,
        ]),
        io.guard,
      );
    }
    io.stdout(render(result, sections, format, minCell, reg, lang, io.terminal));
    if (flags.out !== undefined) {
      io.stderr(
        `wrote ${join(flags.out, 'analysis')}.txt, .md, .json, .csv and ${join(flags.out, REPORT_HTML)}\n`,
      );
    }
    return EXIT.ok;
  } finally {
    progress.done();
  }
}

/** The `analyze` command. */
export const analyzeCommand: Command = {
  name: 'analyze',
  summary: 'full effect analysis from a data file and a JSON config (table, md, json, csv, html)',
  help: HELP,
  run,
};

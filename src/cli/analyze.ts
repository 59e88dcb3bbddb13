/**
 * `effectmeting analyze`: a full analysis of a randomised experiment from a data file and a JSON
 * config — flags → read the config → `parsePlan` → `loadTable` → `evaluate` → write it as a
 * terminal table, Markdown, JSON (every number) or long CSV. The engine is `src/evaluate/`, the
 * presentation `src/report/evaluation.ts`.
 */
import { basename, join } from 'node:path';
import {
  type AnalysisPlan,
  type AnalysisResult,
  evaluate,
  evaluationSteps,
  parsePlan,
} from '../evaluate/index.js';
import { disclosureNote } from '../report/disclosure.js';
import { evaluationSections } from '../report/evaluation.js';
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
  parseFlags,
  UsageError,
} from './command.js';
import { guardIds } from './guarded-io.js';
import { type OutputPlan, outputsIn, planOutputs, writeOutputs } from './output-files.js';
import { createProgress } from './progress.js';
import { readDataFile } from './read-data.js';
import { readJsonFile } from './read-json.js';

const HELP = `effectmeting analyze: a full effect analysis from a data file and a JSON config

Usage: effectmeting analyze --input <file> --config <analysis.json> [--format table|md|json|csv]
                            [--out <dir>] [--min-cell <n>] [--quiet] [--delimiter <c>] [--decimal <mark>]
                            [--na <tokens>] [--encoding <name>]

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
  --out <dir>         also write <dir>/analysis.txt, .md, .json and .csv
  --min-cell <n>      disclosure control: counts below n (default 10) are shown as "< n"
                      and what would reveal them as "x", in every format; 0 turns it off
                      (then --format json is the complete result, not for publication)
  --quiet             no progress bar (it shows on a terminal only, for runs over 1 s)
${dataHelp(22)}
  -h, --help          this help

Exit codes: 0 done, 1 bad data or config (the message names the column or field) or a failed
write (disk full), 2 usage error (unknown flag, missing --input or --config, unknown format, an
--out that would overwrite an input or cannot be written), 70 internal error (a bug).

Examples:
  effectmeting analyze --input clients.csv --config analysis.json
  effectmeting analyze --input clients.csv --config analysis.json --format md --out out/analysis
  effectmeting analyze --input clients.parquet --config analysis.json --format csv > effects.csv

Worked example: examples/analysis-config.json is the plan of the first study listed by
'effectmeting reproduce --help', for that study's synthetic file in data/.
`;

/**
 * `--min-cell <n>`: the disclosure threshold, a whole number ≥ 0 (default 10; 0 turns disclosure
 * control off).
 */
export function parseMinCell(text: string | undefined): number {
  if (text === undefined) return 10;
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(n)) {
    throw new UsageError(`--min-cell: expected a whole number ≥ 0 (default 10), got '${text}'`);
  }
  return n;
}

/** The plan in a config file; its problems name the file. */
function readPlan(path: string): AnalysisPlan {
  return parsePlan(readJsonFile(path, 'config'), { source: `config ${path}` });
}

/**
 * The JSON of a run: with disclosure control (`--min-cell` > 0, the default) the published
 * sections (suppressed cells as "< 10" / "x"); with `--min-cell 0` the complete result.
 */
function json(result: AnalysisResult, sections: readonly Section[], minCell: number): string {
  if (minCell <= 0) return renderJson(result);
  return renderJson({
    title: result.title,
    input: result.input,
    config: result.config,
    disclosure: { threshold: minCell, note: disclosureNote(minCell) },
    sections: sections.map(jsonOfTable),
  });
}

function render(
  result: AnalysisResult,
  sections: readonly Section[],
  format: OutputFormat,
  minCell: number,
): string {
  const title = `${result.title} — ${basename(result.input.file)}`;
  switch (format) {
    case 'table':
      return renderTable(title, sections);
    case 'md':
      return renderMarkdown(title, sections);
    case 'csv':
      return renderCsv(sections);
    case 'json':
      return json(result, sections, minCell);
  }
}

const EXTENSION: Record<OutputFormat, string> = {
  table: 'txt',
  md: 'md',
  json: 'json',
  csv: 'csv',
};

/** The files `--out <dir>` holds: analysis.txt, .md, .json and .csv, one per format. */
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
    quiet: { type: 'boolean' },
    ...DATA_OPTIONS,
    'min-cell': { type: 'string' },
  });
  const read = dataReadOptions(flags);
  const minCell = parseMinCell(flags['min-cell']);
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
  const outputs: OutputPlan | undefined =
    flags.out === undefined
      ? undefined
      : planOutputs(
          [
            { flag: '--input', path: flags.input },
            { flag: '--config', path: flags.config },
          ],
          outputsIn(
            '--out',
            flags.out,
            OUT_FILES.map((f) => f.name),
          ),
        );
  const plan = readPlan(flags.config);
  const progress = createProgress({
    enabled: !flags.quiet && process.stderr.isTTY === true,
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
    const table = await readDataFile(flags.input, io, {
      read,
      stringColumns,
      onProgress: (fraction) => progress.advance(fraction),
    });
    guardIds(io, table, [plan.columns.id]);
    const result = evaluate(table, plan, {
      file: flags.input,
      onStep: (label) => progress.step(label),
    });
    const sections = evaluationSections(result, { threshold: minCell });
    progress.done();
    if (flags.out !== undefined && outputs !== undefined) {
      const out = flags.out;
      writeOutputs(
        outputs,
        new Map(
          OUT_FILES.map((f) => [join(out, f.name), render(result, sections, f.format, minCell)]),
        ),
        io.guard,
      );
    }
    io.stdout(render(result, sections, format, minCell));
    if (flags.out !== undefined) {
      io.stderr(`wrote ${join(flags.out, 'analysis')}.txt, .md, .json and .csv\n`);
    }
    return EXIT.ok;
  } finally {
    progress.done();
  }
}

/** The `analyze` command. */
export const analyzeCommand: Command = {
  name: 'analyze',
  summary: 'full effect analysis from a data file and a JSON config (table, md, json, csv)',
  help: HELP,
  run,
};

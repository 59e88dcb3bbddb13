/**
 * `effectmeting reproduce <study>`: re-runs a published analysis on the shipped synthetic
 * reconstruction (or on your own extract with `--data`) and prints it; `--out` also writes the
 * Markdown report, a JSON file with every number and the self-contained HTML report. The studies
 * come from the light registry (`src/studies/catalog.ts`): the help text is built from their
 * names and titles alone, and a run loads the module of the one study it reproduces. When a
 * study's shipped file is absent (an install from the package has no `data/`), it is generated
 * in memory from its seeded generator, byte for byte the file `npm run data` writes.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ColumnTable } from 'arquero';
import { asTable } from '../data/columns.js';
import { loadTable } from '../data/load.js';
import { validateExperiment } from '../data/validate.js';
import { InputError } from '../errors.js';
import { parseLanguage } from '../language.js';
import {
  STUDY_CATALOG,
  type StudyEntry,
  type StudyListingReproduction,
} from '../studies/catalog.js';
import { parseReportDate } from '../studies/shared/report-language.js';
import type { Study, StudyReproduction } from '../studies/study.js';
import {
  type CliIO,
  type Command,
  DATA_OPTIONS,
  dataHelp,
  dataReadOptions,
  EXIT,
  parseMinCell,
  UsageError,
} from './command.js';
import { flagErrorMessage, helpFlags } from './flag-errors.js';
import { guardIds } from './guarded-io.js';
import {
  type InputPath,
  type OutputPlan,
  outputsIn,
  planOutputs,
  writeOutputs,
} from './output-files.js';
import { PACKAGE_VERSION } from './package-version.js';
import { readDataFile } from './read-data.js';

type Reproducible = StudyEntry & { readonly reproduction: StudyListingReproduction };

const REPRODUCIBLE = STUDY_CATALOG.filter((s): s is Reproducible => s.reproduction !== undefined);
const NAMES = REPRODUCIBLE.map((s) => s.name);
const [FIRST, ...OTHERS] = NAMES;

const benchmarkHelp = REPRODUCIBLE.filter((s) => s.reproduction.benchmarkHelp !== undefined)
  .map((s) => `${s.name}: ${s.reproduction.benchmarkHelp}`)
  .join('\n                       ');
const withCharts = REPRODUCIBLE.filter((s) => s.reproduction.charts).map((s) => s.name);

/** A study in the help: its name, then its title (which may wrap) indented below it. */
function studyHelp(s: Reproducible): string {
  const title = s.title.split('\n').map((line) => `      ${line.trim()}`);
  return [`  ${s.name}`, ...title].join('\n');
}

const HELP = `effectmeting reproduce: re-run a published study's analysis

Usage: effectmeting reproduce <study> [--data <file>] [--benchmark <file>] [--out <dir>] [--json]
                             [--lang en|nl] [--date YYYY-MM-DD]

Studies:
${REPRODUCIBLE.map(studyHelp).join('\n')}

The default data files in data/ are synthetic reconstructions, calibrated to the published
margins; not real people. --data runs the same analysis on your own extract with the same columns,
checked as 'analyze' checks its input (duplicate ids, arm labels, follow-up, event months).
When a default file is absent, it is generated in memory from its seeded generator.

Options:
  --data <file>        client file (default: the study's file in data/)
  --benchmark <file>   ${benchmarkHelp}
  --out <dir>          also write <dir>/<study>.md, <dir>/<study>.json (every number) and
                       the self-contained HTML report <dir>/<study>.html (with charts for
                       ${withCharts.join(', ')})
  --lang en|nl         language of the report (default en): the Markdown (stdout and
                       <study>.md) and the HTML report of every study; the data's own names
                       (covariates, level codes) stay as the data have them, and the JSON
                       (keys and values are data) is the same in both languages
  --date YYYY-MM-DD    report date in the HTML report's version/date stamp (default: none,
                       the report says it is undated; never the clock, so the same inputs give
                       the same file)
  --json               print JSON instead of Markdown
  --min-cell <n>       disclosure control of every format: counts below n (default 10) as
                       "< n", what reveals them "x"; the JSON holds the published tables
                       (0 turns it off: the JSON is then the complete result)
${dataHelp(23)}
  -h, --help           this help

Exit codes: 0 done, 1 bad data or a failed write (disk full), 2 usage error (unknown study or
flag, an --out that would overwrite --data, --benchmark or a shipped file, or cannot be
written), 70 internal error (a bug).

Examples:
  effectmeting reproduce ${FIRST}
  effectmeting reproduce ${FIRST} --out out
  effectmeting reproduce ${FIRST} --out out --lang nl --date 2026-12-01
${OTHERS.map((name) => `  effectmeting reproduce ${name} --out out`).join('\n')}
  effectmeting reproduce ${FIRST} --data my-extract.csv --out out/my-city
`;

/**
 * A shipped data file of the study: read from `data/` when present, otherwise generated in
 * memory by the study's seeded generator (with a note on stderr).
 */
async function shippedTable(
  study: Study,
  file: string,
  stringColumns: readonly string[],
  io: CliIO,
): Promise<{ path: string; table: ColumnTable }> {
  const path = `data/${file}`;
  if (existsSync(path)) {
    return { path, table: await loadTable(path, { stringColumns: [...stringColumns] }) };
  }
  const dataset = study.datasets.find((d) => d.file === file);
  if (!dataset)
    throw new InputError(`data file not found: ${path}`, { code: 'file-not-found', value: path });
  io.stderr(`note: ${path} not found; generated it in memory from the seeded generator\n`);
  const table = await loadTable(
    { text: dataset.generate() },
    { format: 'csv', stringColumns: [...stringColumns] },
  );
  return { path, table };
}

/** Every file `--out <dir>` holds for a study: <stem>.md, .json and .html. */
function outFiles(r: StudyReproduction): string[] {
  return [`${r.stem}.md`, `${r.stem}.json`, `${r.stem}.html`];
}

/** The files a run reads: --data and --benchmark, or the study's shipped files in data/. */
function inputsOf(r: StudyReproduction, data?: string, benchmark?: string): InputPath[] {
  return [
    data === undefined
      ? { flag: 'the shipped data file', path: `data/${r.data}` }
      : { flag: '--data', path: data },
    ...(r.benchmark === undefined
      ? []
      : [
          benchmark === undefined
            ? { flag: 'the shipped benchmark file', path: `data/${r.benchmark.file}` }
            : { flag: '--benchmark', path: benchmark },
        ]),
  ];
}

async function run(args: readonly string[], io: CliIO): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new UsageError(flagErrorMessage(error, helpFlags(HELP)));
  }
  const names = NAMES.join(', ');
  const [name] = parsed.positionals;
  if (name === undefined) throw new UsageError(`name a study: ${names}`);
  const entry = REPRODUCIBLE.find((s) => s.name === name);
  if (!entry) throw new UsageError(`unknown study '${name}'; studies: ${names}`);
  // The study's module (its generator, analysis and report) is loaded only now, and only its.
  const study = await entry.load();
  const r = study.reproduction;
  if (r === undefined)
    throw new Error(`the study '${name}' is listed with a reproduction it lacks`);
  const minCell = parseMinCell(parsed.values['min-cell']);
  const lang = parseLanguage(parsed.values.lang, '--lang');
  const date = parsed.values.date;
  if (date !== undefined) parseReportDate(date, '--date');
  const stringColumns = r.stringColumns;
  const out = parsed.values.out;
  const outputs: OutputPlan | undefined = out
    ? planOutputs(
        inputsOf(r, parsed.values.data, parsed.values.benchmark),
        outputsIn('--out', out, outFiles(r)),
      )
    : undefined;
  const read = dataReadOptions(parsed.values);
  let dataPath: string;
  let table: ColumnTable;
  if (parsed.values.data !== undefined) {
    dataPath = parsed.values.data;
    table = await readDataFile(dataPath, io, { read, stringColumns });
  } else {
    ({ path: dataPath, table } = await shippedTable(study, r.data, stringColumns, io));
  }
  // Checked as 'analyze' checks its input: ids (duplicates by row), arm labels, follow-up and
  // event months, all problems at once.
  validateExperiment(table, r.schema);
  guardIds(io, table, ['id', 'bsn', ...stringColumns]);
  let benchmark: Parameters<StudyReproduction['reproduce']>[1]['benchmark'];
  if (r.benchmark) {
    const given = parsed.values.benchmark;
    const b =
      given !== undefined
        ? { path: given, table: await readDataFile(given, io, { read }) }
        : await shippedTable(study, r.benchmark.file, [], io);
    benchmark = r.benchmark.fromTable(asTable(b.table), b.path);
  }
  const { markdown, json, html } = r.reproduce(table, {
    ...(benchmark ? { benchmark } : {}),
    source: { path: dataPath, synthetic: parsed.values.data === undefined },
    minCell,
    lang,
    version: PACKAGE_VERSION,
    ...(date !== undefined ? { date } : {}),
  });
  const jsonText = `${JSON.stringify(json, null, 2)}\n`;
  if (out && outputs) {
    const files = new Map([
      [join(out, `${r.stem}.md`), markdown],
      [join(out, `${r.stem}.json`), jsonText],
    ]);
    if (html) files.set(join(out, `${r.stem}.html`), await html());
    writeOutputs(outputs, files, io.guard);
  }
  io.stdout(parsed.values.json ? jsonText : markdown);
  if (out) {
    io.stderr(`wrote ${join(out, r.stem)}.md, .json${html ? ' and .html' : ''}\n`);
  }
  return EXIT.ok;
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      data: { type: 'string' },
      benchmark: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean' },
      lang: { type: 'string' },
      date: { type: 'string' },
      ...DATA_OPTIONS,
      'min-cell': { type: 'string' },
    },
  });
}

export const reproduceCommand: Command = {
  name: 'reproduce',
  summary: 're-run a published study (the list: effectmeting reproduce --help)',
  help: HELP,
  run,
};

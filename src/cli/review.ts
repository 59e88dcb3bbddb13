/**
 * `effectmeting review`: the yearly model review of the risk scan on two years of data. Writes
 * `review.html` (self-contained, charts inline), `review.md` with the charts as SVG files next to
 * it, and `review.json` with every number; `--lang nl` writes the page, the Markdown, the charts
 * and the terminal lines in Dutch (the JSON is the same in both languages).
 */
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_EXPERIMENT_SCHEMA } from '../data/schema.js';
import { type Language, type Texts, textOf } from '../language.js';
import { scanReviewHtml, scanReviewSvgs } from '../report/scan-review-html.js';
import { resolveReviewConfig } from '../scan/config.js';
import { SCAN_REVIEW_STEPS, scanReview } from '../scan/review.js';
import { scanReviewMarkdown } from '../scan/review-document.js';
import { STUDY_CATALOG } from '../studies/catalog.js';
import {
  type CliIO,
  type Command,
  DATA_OPTIONS,
  dataHelp,
  dataReadOptions,
  EXIT,
  langHelp,
  parseLangFlag,
  UsageError,
} from './command.js';
import { flagErrorMessage, helpFlags } from './flag-errors.js';
import { guardIds } from './guarded-io.js';
import { outputsIn, planOutputs, writeOutputs } from './output-files.js';
import { createProgress, type Progress } from './progress.js';
import { readDataFile } from './read-data.js';
import { readJsonFile } from './read-json.js';

const HELP = `effectmeting review: the yearly review of the risk scan (Maatwerkscan)

Usage: effectmeting review --current <file> --previous <file> --out <dir> [--config <file>]
                           [--source <text>] [--json] [--lang en|nl] [--quiet] [--delimiter <c>]
                           [--decimal <mark>] [--na <tokens>] [--encoding <name>]

A repeated client id (column id) in either file is an error naming the rows.

Scores both years with the scan (by default a logistic regression on the nine features fitted
on the previous year; or coefficients / a score column named in the config), and reports
discrimination (AUC with DeLong interval, capture in the top 10 % and 20 %, gains per decile),
calibration (per decile, intercept, slope, Brier, Hosmer-Lemeshow), drift (PSI per feature and
for the score, change in capture and AUC), subgroup and fairness checks (gender, age band,
municipality, migration background where present: selection rate, TPR, PPV, FPR; Holm across
the flags), a refit on the current year compared by the paired DeLong test, and weekly
re-scoring. The report opens with a verdict table (each check, its figure with interval, the
threshold, pass / attention / fail). Separated or rare factor levels are named and fitted with
Firth's penalty (config: separation). The shipped data files are marked synthetic.

Options:
  --current <file>    this year's clients: the features, the outcome and the subgroup columns
                      (CSV, TSV, JSON, Arrow or Parquet)
  --previous <file>   last year's clients, same columns
  --out <dir>         writes <dir>/review.html, review.md (+ gains.svg, calibration.svg,
                      drift.svg, subgroups.svg) and review.json (every number)
  --config <file>     JSON config: columns, model, thresholds (every key documented in
                      docs/scan-review.md; example: examples/review-config.json)
  --source <text>     source note under the charts and in the footer
  --json              print the JSON instead of the Markdown
${langHelp(22, ['(review.json stays machine-readable: the same file in both languages)'])}
  --quiet             no progress bar (it shows on stderr on a terminal only, for runs over 2 s)
${dataHelp(22)}
  -h, --help          this help

Exit codes: 0 review written (flags do not change the exit code; they are in the report),
            1 bad input (missing columns, no cases, bad config) or a failed write (disk full),
            2 usage error (also an --out that would overwrite an input or cannot be written),
            70 internal error (a bug).

Examples:
  effectmeting review --current data/scan-population-2024.csv \\
      --previous data/scan-population-2023.csv --out out/review-2024
  effectmeting review --current extract-2024.parquet --previous extract-2023.parquet \\
      --out out/review --config examples/review-config.json
`;

/** The charts, by name: written as <name>.svg next to review.md, which links them. */
const CHARTS = ['gains', 'calibration', 'drift', 'subgroups'] as const;

/** Every file `--out <dir>` holds. */
const OUT_FILES: readonly string[] = [
  'review.html',
  'review.md',
  'review.json',
  ...CHARTS.map((c) => `${c}.svg`),
];

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    allowPositionals: false,
    strict: true,
    options: {
      current: { type: 'string' },
      previous: { type: 'string' },
      out: { type: 'string' },
      config: { type: 'string' },
      source: { type: 'string' },
      json: { type: 'boolean' },
      lang: { type: 'string' },
      quiet: { type: 'boolean' },
      ...DATA_OPTIONS,
    },
  });
}

/** The terminal lines of a run (progress steps, the closing line), by language. */
const TEXTS: Texts<{
  reading: (file: string) => string;
  steps: Readonly<Record<string, string>>;
  charts: string;
  html: string;
  wrote: (html: string, flags: number) => string;
}> = {
  en: {
    reading: (file) => `reading ${file}`,
    steps: {},
    charts: 'charts',
    html: 'HTML report',
    wrote: (html, flags) =>
      `wrote ${html}, review.md (+ 4 SVG charts) and review.json; ${flags} flag${flags === 1 ? '' : 's'}\n`,
  },
  nl: {
    reading: (file) => `${file} lezen`,
    // The steps of scanReview (SCAN_REVIEW_STEPS), by their English label.
    steps: {
      'fitting the scan': 'de scan schatten',
      'reading the scores': 'de scores lezen',
      'discrimination and calibration': 'onderscheidend vermogen en kalibratie',
      'refit on the current year': 'herschatting op het huidige jaar',
      'drift and subgroups': 'drift en subgroepen',
      'weekly re-scoring': 'wekelijkse herscoring',
    },
    charts: 'grafieken',
    html: 'HTML-rapport',
    wrote: (html, flags) =>
      `${html}, review.md (+ 4 SVG-grafieken) en review.json geschreven; ${flags} ${flags === 1 ? 'signaal' : 'signalen'}\n`,
  },
};

/**
 * review.json: JSON with typed arrays as plain arrays and non-finite numbers as null (exported
 * for the benchmark of the command, bench/scan.bench.ts).
 *
 * @example
 * reviewJson({ auc: new Float64Array([0.88]), df: Infinity }) // '{\n  "auc": [\n    0.88\n  ],\n  "df": null\n}\n'
 */
export function reviewJson(value: unknown): string {
  return `${JSON.stringify(
    value,
    (_key, v: unknown) => {
      if (ArrayBuffer.isView(v) && !(v instanceof DataView))
        return Array.from(v as unknown as ArrayLike<number>);
      if (typeof v === 'number' && !Number.isFinite(v)) return null;
      return v;
    },
    2,
  )}\n`;
}

async function run(args: readonly string[], io: CliIO): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new UsageError(flagErrorMessage(error, helpFlags(HELP)));
  }
  const v = parsed.values;
  for (const flag of ['current', 'previous', 'out'] as const) {
    if (v[flag] === undefined) throw new UsageError(`--${flag} is required`);
  }
  const out = v.out!;
  const lang = parseLangFlag(v.lang);
  const outputs = planOutputs(
    [
      { flag: '--current', path: v.current! },
      { flag: '--previous', path: v.previous! },
      ...(v.config === undefined ? [] : [{ flag: '--config', path: v.config }]),
    ],
    outputsIn('--out', out, OUT_FILES),
  );
  const config =
    v.config === undefined
      ? resolveReviewConfig()
      : resolveReviewConfig(readJsonFile(v.config, 'review config'), `review config ${v.config}`);
  // A client scored twice would count twice in every figure: ids must not repeat in a year.
  const read = { read: dataReadOptions(v), uniqueId: DEFAULT_EXPERIMENT_SCHEMA.id };
  const progress = createProgress({
    enabled: !v.quiet && (io.terminal?.stderrIsTTY ?? process.stderr.isTTY === true),
    write: io.stderr,
    total: 2 + SCAN_REVIEW_STEPS + 2,
  });
  try {
    return await runReview(v, out, outputs, config, read, io, progress, lang);
  } finally {
    progress.done();
  }
}

async function runReview(
  v: ReturnType<typeof parse>['values'],
  out: string,
  outputs: ReturnType<typeof planOutputs>,
  config: ReturnType<typeof resolveReviewConfig>,
  read: Parameters<typeof readDataFile>[2],
  io: CliIO,
  progress: Progress,
  lang: Language,
): Promise<number> {
  const t = textOf(TEXTS, lang);
  progress.step(t.reading(basename(v.current!)));
  const current = await readDataFile(v.current!, io, read);
  progress.step(t.reading(basename(v.previous!)));
  const previous = await readDataFile(v.previous!, io, read);
  // The shipped files (npm run data) are synthetic: the report says so on every page and chart.
  const shipped = new Set(STUDY_CATALOG.flatMap((s) => s.files));
  const synthetic =
    config.synthetic || (shipped.has(basename(v.current!)) && shipped.has(basename(v.previous!)));
  for (const t of [current, previous]) guardIds(io, t, ['id', 'bsn']);
  const review = scanReview({
    current,
    previous,
    config: { ...config, synthetic },
    currentName: basename(v.current!),
    previousName: basename(v.previous!),
    onStep: (label) => progress.step(t.steps[label] ?? label),
  });
  progress.step(t.charts);
  const source = v.source;
  const chartOptions = source ? { source, lang } : { lang };
  const svgs = await scanReviewSvgs(review, chartOptions);
  const markdown = scanReviewMarkdown(
    review,
    {
      gains: 'gains.svg',
      calibration: 'calibration.svg',
      drift: 'drift.svg',
      subgroups: 'subgroups.svg',
    },
    { lang },
  );
  const json = reviewJson(review);
  progress.step(t.html);
  const html = await scanReviewHtml(review, chartOptions);
  writeOutputs(
    outputs,
    new Map([
      ...CHARTS.map((c): [string, string] => [join(out, `${c}.svg`), svgs[c]]),
      [join(out, 'review.md'), markdown],
      [join(out, 'review.json'), json],
      [join(out, 'review.html'), html],
    ]),
    io.guard,
  );
  progress.done();
  io.stdout(v.json ? json : markdown);
  io.stderr(t.wrote(join(out, 'review.html'), review.flags.length));
  return EXIT.ok;
}

export const reviewCommand: Command = {
  name: 'review',
  summary: 'yearly review of the risk scan on two years of data: HTML, Markdown and JSON report',
  help: HELP,
  run,
};

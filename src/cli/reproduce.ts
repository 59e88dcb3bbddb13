/**
 * `effectmeting reproduce <study>`: re-runs a published analysis on the shipped synthetic
 * reconstruction (or on your own extract with `--data`) and prints it; `--out` also writes the
 * Markdown report, a JSON file with every number and, where the study has one, the
 * self-contained HTML report.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ColumnTable } from 'arquero';
import { asTable, numberColumn } from '../data/columns.js';
import { loadTable } from '../data/load.js';
import { InputError } from '../errors.js';
import type { OutflowBenchmark } from '../outcomes/outflow-result.js';
import { denHaagPilot, pilotMarkdown } from '../report/den-haag-pilot.js';
import { PILOT_SYNTHETIC_SOURCE, pilotHtml } from '../report/den-haag-pilot-html.js';
import { markdownReportHtml } from '../report/html.js';
import { intensive2012, intensive2012Markdown } from '../report/intensive-2012.js';
import {
  personalServices2017,
  personalServicesMarkdown,
} from '../report/personal-services-2017.js';
import { type CliIO, type Command, EXIT, UsageError } from './command.js';

/** The footer of a study's HTML report: the shipped synthetic data, or the caller's file. */
function sourceNote(source: { readonly path: string; readonly synthetic: boolean }, study: string) {
  return source.synthetic
    ? `Source: synthetic reconstruction of ${study} (${source.path}), calibrated to the published margins; not real people.`
    : `Source: ${source.path}.`;
}

/** A study `reproduce` knows: its default data, its file stem, and how to analyse a table. */
interface Study {
  readonly name: string;
  readonly title: string;
  readonly data: string;
  readonly stem: string;
  readonly stringColumns: readonly string[];
  analyse(
    table: ColumnTable,
    benchmark: OutflowBenchmark | undefined,
    source: { readonly path: string; readonly synthetic: boolean },
  ): { markdown: string; json: unknown; html?: () => Promise<string> };
}

const STUDIES: readonly Study[] = [
  {
    name: 'den-haag',
    title:
      'the Den Haag pilot "WW (niet) naar bijstand" (2021-2022): assignment audit, participation\n' +
      '                   (Table 2), flow-through into bijstand per month (Figure 2a), raw and adjusted\n' +
      '                   effects per month (Figure 2b), first significant months, policy figures',
    data: 'data/den-haag-pilot.csv',
    stem: 'den-haag-pilot',
    stringColumns: [],
    analyse: (table, benchmark, source) => {
      const result = denHaagPilot(table, {}, benchmark);
      return {
        markdown: pilotMarkdown(result),
        json: result,
        html: () =>
          pilotHtml(result, {
            source: source.synthetic ? PILOT_SYNTHETIC_SOURCE : `Source: ${source.path}.`,
          }),
      };
    },
  },
  {
    name: 'intensive-2012',
    title:
      'intensive versus basic services (2012-2013, BSN parity): assignment audit, Tables 4.1,\n' +
      '                   4.3-4.6, 5.1-5.4 and Annex B.1 in the published layout',
    data: 'data/intensive-vs-basic-2012.csv',
    stem: 'intensive-vs-basic-2012',
    stringColumns: ['bsn'],
    analyse: (table, _benchmark, source) => {
      const result = intensive2012(table);
      const markdown = intensive2012Markdown(result);
      return {
        markdown,
        json: result,
        html: async () => markdownReportHtml(markdown, sourceNote(source, 'the 2012–2013 study')),
      };
    },
  },
  {
    name: 'personal-services-2017',
    title:
      'personal services in WW (2017-2018, 80/10/10): job-finding and WW reliance within 12\n' +
      '                   months, service versus control and enforcement alone',
    data: 'data/personal-services-2017.csv',
    stem: 'personal-services-2017',
    stringColumns: [],
    analyse: (table, _benchmark, source) => {
      const result = personalServices2017(table);
      const markdown = personalServicesMarkdown(result);
      return {
        markdown,
        json: result,
        html: async () => markdownReportHtml(markdown, sourceNote(source, 'the 2017–2018 study')),
      };
    },
  },
];

const HELP = `effectmeting reproduce: re-run a published study's analysis

Usage: effectmeting reproduce <study> [--data <file>] [--benchmark <file>] [--out <dir>] [--json]

Studies:
${STUDIES.map((s) => `  ${s.name.padEnd(17)}${s.title}`).join('\n')}

The default data files in data/ are synthetic reconstructions, calibrated to the published
margins; not real people. --data runs the same analysis on your own extract with the same columns.

Options:
  --data <file>        client file (default: the study's file in data/)
  --benchmark <file>   den-haag: monthly benchmark line with columns month, share (default
                       data/den-haag-national-benchmark.csv when present)
  --out <dir>          also write <dir>/<study>.md, <dir>/<study>.json (every number) and
                       the self-contained HTML report <dir>/<study>.html (with charts for
                       den-haag)
  --json               print JSON instead of Markdown
  -h, --help           this help

Examples:
  effectmeting reproduce den-haag
  effectmeting reproduce den-haag --out out
  effectmeting reproduce intensive-2012 --out out
  effectmeting reproduce personal-services-2017
  effectmeting reproduce den-haag --data my-extract.csv --out out/my-city
`;

async function readBenchmark(path: string): Promise<OutflowBenchmark> {
  const table = asTable(await loadTable(path));
  const months = numberColumn(table, 'month', { integer: true, min: 1 });
  const shares = numberColumn(table, 'share', { min: 0, max: 1 });
  return {
    label: 'rest of the Netherlands, decile 1',
    values: Array.from(months, (month, i) => ({ month, share: shares[i]! })),
    note: `${path} (synthetic reconstruction of the national line in Figure 2a)`,
  };
}

async function run(args: readonly string[], io: CliIO): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const names = STUDIES.map((s) => s.name).join(', ');
  const [name] = parsed.positionals;
  if (name === undefined) throw new UsageError(`name a study: ${names}`);
  const study = STUDIES.find((s) => s.name === name);
  if (!study) throw new UsageError(`unknown study '${name}'; studies: ${names}`);
  const dataPath = parsed.values.data ?? study.data;
  if (!existsSync(dataPath)) {
    throw new InputError(`data file not found: ${dataPath}`, {
      code: 'file-not-found',
      value: dataPath,
    });
  }
  const benchmarkPath =
    study.name !== 'den-haag'
      ? undefined
      : (parsed.values.benchmark ??
        (existsSync('data/den-haag-national-benchmark.csv')
          ? 'data/den-haag-national-benchmark.csv'
          : undefined));
  const table = await loadTable(dataPath, { stringColumns: [...study.stringColumns] });
  const benchmark = benchmarkPath ? await readBenchmark(benchmarkPath) : undefined;
  const { markdown, json, html } = study.analyse(table, benchmark, {
    path: dataPath,
    synthetic: parsed.values.data === undefined,
  });
  const jsonText = `${JSON.stringify(json, null, 2)}\n`;
  io.stdout(parsed.values.json ? jsonText : markdown);
  if (parsed.values.out) {
    mkdirSync(parsed.values.out, { recursive: true });
    writeFileSync(join(parsed.values.out, `${study.stem}.md`), markdown);
    writeFileSync(join(parsed.values.out, `${study.stem}.json`), jsonText);
    if (html) writeFileSync(join(parsed.values.out, `${study.stem}.html`), await html());
    io.stderr(
      `wrote ${join(parsed.values.out, study.stem)}.md, .json${html ? ' and .html' : ''}\n`,
    );
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
    },
  });
}

export const reproduceCommand: Command = {
  name: 'reproduce',
  summary: 're-run a published study (den-haag, intensive-2012, personal-services-2017)',
  help: HELP,
  run,
};

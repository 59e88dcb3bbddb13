/**
 * `effectmeting reproduce <study>`: re-runs a published analysis on the shipped synthetic
 * reconstruction (or on your own extract with `--data`) and prints it; `--out` also writes the
 * Markdown report and a JSON file with every number.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { asTable, numberColumn } from '../data/columns.js';
import { loadTable } from '../data/load.js';
import { InputError } from '../errors.js';
import type { OutflowBenchmark } from '../outcomes/outflowResult.js';
import { denHaagPilot, pilotMarkdown } from '../report/den-haag-pilot.js';
import { type CliIO, type Command, EXIT, UsageError } from './command.js';

const STUDIES = ['den-haag'] as const;

const HELP = `effectmeting reproduce: re-run a published study's analysis

Usage: effectmeting reproduce <study> [--data <file>] [--benchmark <file>] [--out <dir>] [--json]

Studies:
  den-haag   the Den Haag pilot "WW (niet) naar bijstand" (2021-2022): assignment audit,
             participation (Table 2), flow-through into bijstand per month (Figure 2a), raw and
             adjusted effects per month (Figure 2b), first significant months, policy figures

Options:
  --data <file>        client file (default data/den-haag-pilot.csv: synthetic, calibrated to
                       the published margins; not real people)
  --benchmark <file>   monthly benchmark line with columns month, share (default
                       data/den-haag-national-benchmark.csv when present)
  --out <dir>          also write <dir>/den-haag-pilot.md and <dir>/den-haag-pilot.json
  --json               print JSON instead of Markdown
  -h, --help           this help

Examples:
  effectmeting reproduce den-haag
  effectmeting reproduce den-haag --out out
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
  const [study] = parsed.positionals;
  if (study === undefined) throw new UsageError(`name a study: ${STUDIES.join(', ')}`);
  if (!(STUDIES as readonly string[]).includes(study)) {
    throw new UsageError(`unknown study '${study}'; studies: ${STUDIES.join(', ')}`);
  }
  const dataPath = parsed.values.data ?? 'data/den-haag-pilot.csv';
  if (!existsSync(dataPath)) {
    throw new InputError(`data file not found: ${dataPath}`, {
      code: 'not-found',
      value: dataPath,
    });
  }
  const benchmarkPath =
    parsed.values.benchmark ??
    (existsSync('data/den-haag-national-benchmark.csv')
      ? 'data/den-haag-national-benchmark.csv'
      : undefined);
  const table = await loadTable(dataPath);
  const benchmark = benchmarkPath ? await readBenchmark(benchmarkPath) : undefined;
  const result = denHaagPilot(table, {}, benchmark);
  const markdown = pilotMarkdown(result);
  const json = `${JSON.stringify(result, null, 2)}\n`;
  io.stdout(parsed.values.json ? json : markdown);
  if (parsed.values.out) {
    mkdirSync(parsed.values.out, { recursive: true });
    writeFileSync(join(parsed.values.out, 'den-haag-pilot.md'), markdown);
    writeFileSync(join(parsed.values.out, 'den-haag-pilot.json'), json);
    io.stderr(`wrote ${join(parsed.values.out, 'den-haag-pilot.md')} and .json\n`);
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
  summary: 're-run a published study (den-haag) on the synthetic data or your extract',
  help: HELP,
  run,
};

/**
 * `effectmeting analyze`: a full analysis of a randomised experiment from a data file and a JSON
 * config — the assignment check, outflow curves, raw and adjusted effects per month, first
 * significant months, subgroups with a heterogeneity test, and participation with the complier
 * effect — printed as a terminal table, Markdown, JSON (every number) or long CSV.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { type ColumnTable, escape as opaque } from 'arquero';
import type { Exclusion } from '../analysis/comparison.js';
import { type ComplierEffect, complierEffect } from '../analysis/complier.js';
import { type EffectSeries, effectSeries } from '../analysis/effect-series.js';
import { type ParticipationTable, participationTable } from '../analysis/participation.js';
import { firstSignificantMonth, type SignificantMonths } from '../analysis/significance.js';
import { effectSeriesBy, type SubgroupSeries } from '../analysis/subgroups.js';
import { type BalanceResult, balanceTable } from '../assign/balance.js';
import { type SampleRatioResult, sampleRatioTest } from '../assign/srm.js';
import { numericValue, stringColumn, stringValue } from '../data/columns.js';
import { loadTable } from '../data/load.js';
import { validateExperiment } from '../data/validate.js';
import { InputError } from '../errors.js';
import { cumulativeOutflow } from '../outcomes/cumulative-outflow.js';
import type { CumulativeOutflowData } from '../outcomes/outflow-result.js';
import {
  type Cell,
  OUTPUT_FORMATS,
  type OutputFormat,
  renderCsv,
  renderJson,
  renderMarkdown,
  renderTable,
  type Section,
  type SectionColumn,
} from '../report/table.js';
import {
  type AnalysisConfig,
  ConfigError,
  configColumns,
  didYouMean,
  type FilterCondition,
  type ParticipationConfig,
  parseAnalysisConfig,
} from './analyze-config.js';
import { type CliIO, type Command, EXIT, parseFlags, UsageError } from './command.js';
import { createProgress, type Progress } from './progress.js';

/** Where a significance level applies: the raw or the adjusted estimate. */
export interface SignificanceSummary extends SignificantMonths {
  readonly estimate: 'raw' | 'adjusted';
}

/** Everything `analyze` computes; `--format json` prints it. */
export interface AnalysisResult {
  readonly title: string;
  readonly input: {
    readonly file: string;
    /** Rows in the file. */
    readonly rows: number;
    /** Rows kept by the filter (all rows without one). */
    readonly analysed: number;
    readonly filter: readonly FilterCondition[];
  };
  readonly config: AnalysisConfig;
  readonly assignment: {
    /** Clients per arm in the whole file (before the filter). */
    readonly counts: Readonly<Record<string, number>>;
    /** Sample-ratio test against `config.arms.weights` (absent without weights). */
    readonly sampleRatio?: SampleRatioResult;
    /** Clients per arm after the filter. */
    readonly analysed: { readonly treatment: number; readonly control: number };
    /** Balance of the covariates between the arms after the filter (absent without covariates). */
    readonly balance?: BalanceResult;
  };
  readonly outflow: CumulativeOutflowData;
  readonly effects: readonly {
    readonly event: string;
    readonly column: string;
    readonly series: EffectSeries;
    readonly significance: readonly SignificanceSummary[];
  }[];
  readonly subgroups: readonly {
    readonly by: string;
    readonly event: string;
    readonly result: SubgroupSeries;
  }[];
  readonly participation?: {
    readonly table: ParticipationTable;
    readonly complier: readonly {
      readonly event: string;
      readonly month: number;
      readonly result: ComplierEffect;
    }[];
  };
}

const HELP = `effectmeting analyze: a full effect analysis from a data file and a JSON config

Usage: effectmeting analyze --input <file> --config <analysis.json> [--format table|md|json|csv]
                            [--out <dir>] [--quiet]

Reads one row per client (CSV, TSV, JSON, Arrow, Parquet) and reports:
  1. assignment check: clients per arm, sample-ratio test against the intended weights,
     covariate balance in the analysed sample;
  2. cumulative outflow per month and arm for every event (complete follow-up, Kaplan-Meier
     or Aalen-Johansen);
  3. the effect per month (treatment - control), raw and covariate-adjusted (OLS or Lin, HC2),
     and the first month from which it is significant;
  4. per subgroup column: the effect per month within each level and a heterogeneity test;
  5. with "participation": participation by arm and the complier effect (2SLS).

The config names the columns, arms, events, months, covariates, subgroups and methods;
every key is documented in docs/cli.md. Unknown keys and wrong types are reported with the
field's name.

Options:
  --input <file>      client data, one row per client
  --config <file>     the analysis config (JSON)
  --format <format>   table (default: aligned text for a terminal), md (Markdown),
                      json (every number), csv (long format: one line per number)
  --out <dir>         also write <dir>/analysis.txt, .md, .json and .csv
  --quiet             no progress bar (it shows on a terminal only, for runs over 2 s)
  -h, --help          this help

Exit codes: 0 done, 1 bad data or config (the message names the column or field),
2 usage error (unknown flag, missing --input or --config, unknown format).

Examples:
  effectmeting analyze --input data/den-haag-pilot.csv --config examples/analysis-config.json
  effectmeting analyze --input data/den-haag-pilot.csv --config examples/analysis-config.json \\
    --format md --out out/analysis
  effectmeting analyze --input clients.parquet --config analysis.json --format csv > effects.csv
`;

function readConfig(path: string): AnalysisConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InputError(`config file not found or unreadable: ${path}`, {
      code: 'file-not-found',
      value: path,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /position (\d+)/.exec(message);
    let where = '';
    if (at) {
      const before = text.slice(0, Number(at[1]));
      const line = before.split('\n').length;
      where = ` (line ${line}, column ${before.length - before.lastIndexOf('\n')})`;
    }
    throw new InputError(
      `config ${path} is not valid JSON${where}: ${message.replace(/ in JSON at position \d+.*$/s, '')}`,
      { code: 'malformed-input', value: path },
    );
  }
  try {
    return parseAnalysisConfig(json);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(error.problems, `config ${path}`);
    throw error;
  }
}

/** Checks that every column the config names is in the data; one error listing them all. */
function checkColumns(table: ColumnTable, config: AnalysisConfig, file: string): void {
  const names = table.columnNames();
  const missing = configColumns(config).filter((c) => !names.includes(c.column));
  if (missing.length === 0) return;
  const problems = missing.map(
    (m) => `${m.field}: column "${m.column}" is not in ${file}${didYouMean(m.column, names)}`,
  );
  throw new InputError(`${problems.join('\n')}\ncolumns in ${file}: ${names.join(', ')}`, {
    code: 'missing-column',
    column: missing[0]!.column,
  });
}

function matches(value: unknown, wanted: readonly (string | number | boolean)[]): boolean {
  return wanted.some((w) => {
    if (typeof w === 'number') return numericValue(value) === w;
    if (typeof w === 'boolean') return value === w || stringValue(value) === String(w);
    return stringValue(value) === w;
  });
}

function applyFilter(table: ColumnTable, filter: readonly FilterCondition[]): ColumnTable {
  if (filter.length === 0) return table;
  const kept = table.filter(
    opaque((d: Record<string, unknown>) => filter.every((f) => matches(d[f.column], f.values))),
  );
  if (kept.numRows() === 0) {
    throw new InputError(
      `the filter keeps no rows (${describeFilter(filter)}); check config.filter against the data`,
      { code: 'empty', column: filter[0]!.column },
    );
  }
  return kept.reify();
}

function describeFilter(filter: readonly FilterCondition[]): string {
  return filter
    .map((f) =>
      f.values.length === 1
        ? `${f.column} = ${JSON.stringify(f.values[0])}`
        : `${f.column} in ${JSON.stringify(f.values)}`,
    )
    .join(' and ');
}

function countArms(table: ColumnTable, arm: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const a of stringColumn(table, arm)) if (a !== null) counts[a] = (counts[a] ?? 0) + 1;
  return counts;
}

function participationValues(table: ColumnTable, column: string): string[] {
  return [...new Set(stringColumn(table, column).filter((v): v is string => v !== null))].sort();
}

/** Every received value must occur in the data (a typo would make the first stage 0). */
function checkParticipation(table: ColumnTable, p: ParticipationConfig): void {
  const present = participationValues(table, p.column);
  p.received.forEach((v, i) => {
    if (!present.includes(v)) {
      throw new InputError(
        `config.participation.received[${i}]: "${v}" does not occur in column "${p.column}"${didYouMean(v, present)}; values present: ${present.join(', ')}`,
        { code: 'unknown-level', column: p.column, value: v },
      );
    }
  });
}

/** Runs the analysis a config describes on a loaded table. */
export function runAnalysis(
  all: ColumnTable,
  config: AnalysisConfig,
  file: string,
  progress: Progress,
): AnalysisResult {
  const { columns, arms, methods } = config;
  const events = config.events;
  progress.step('checking the data');
  checkColumns(all, config, file);
  validateExperiment(all, {
    id: columns.id,
    arm: columns.arm,
    followup: columns.followup,
    events: events.map((e) => e.column),
    covariates: config.covariates,
    ...(arms.weights ? { arms: Object.keys(arms.weights) } : {}),
  });

  progress.step('assignment check');
  const counts = countArms(all, columns.arm);
  const sampleRatio = arms.weights ? sampleRatioTest(counts, arms.weights) : undefined;
  const table = applyFilter(all, config.filter);
  const analysedCounts = countArms(table, columns.arm);
  const analysed = {
    treatment: analysedCounts[arms.treatment] ?? 0,
    control: analysedCounts[arms.control] ?? 0,
  };
  for (const [key, label] of [
    ['treatment', arms.treatment],
    ['control', arms.control],
  ] as const) {
    if (analysed[key] === 0) {
      const present = Object.keys(analysedCounts).sort().join(', ');
      throw new InputError(
        `config.arms.${key}: no client of arm "${label}" in column "${columns.arm}"${config.filter.length ? ' after the filter' : ''}; arms present: ${present || 'none'}`,
        { code: 'unknown-arm', column: columns.arm, value: label },
      );
    }
  }
  if (config.participation) checkParticipation(table, config.participation);
  const twoArms = table.filter(
    opaque((d: Record<string, unknown>) => {
      const a = stringValue(d[columns.arm]);
      return a === arms.treatment || a === arms.control;
    }),
  );
  const balance =
    config.covariates.length > 0
      ? balanceTable(twoArms, {
          arm: columns.arm,
          covariates: config.covariates,
          factors: config.factors,
          arms: [arms.control, arms.treatment],
        })
      : undefined;

  progress.step('outflow curves');
  const outflow = cumulativeOutflow(table, {
    events: Object.fromEntries(events.map((e) => [e.label, e.column])),
    followup: columns.followup,
    group: columns.arm,
    groups: [arms.treatment, arms.control],
    months: config.months,
    method: methods.outflow,
    level: methods.level,
    ...(methods.outflow === 'aalen-johansen' ? { tiePriority: events.map((e) => e.label) } : {}),
  }).toJSON();

  const seriesSpec = (event: string) => ({
    arm: columns.arm,
    treatment: arms.treatment,
    control: arms.control,
    event,
    followup: columns.followup,
    months: config.months,
    covariates: config.covariates,
    factors: config.factors,
    adjustment: methods.adjustment,
    se: methods.se,
    level: methods.level,
    missing: methods.missing,
    ...(methods.pAdjust !== 'none' ? { pAdjust: methods.pAdjust } : {}),
  });

  const effects = events.map((e) => {
    progress.step(`effects: ${e.label}`);
    const series = effectSeries(table, seriesSpec(e.column));
    const which: ('raw' | 'adjusted')[] =
      methods.adjustment === 'none' ? ['raw'] : ['adjusted', 'raw'];
    const significance = which.flatMap((estimate) =>
      methods.significance.map((level) => ({
        estimate,
        ...firstSignificantMonth(series, {
          level,
          which: estimate,
          usePAdjusted: methods.pAdjust !== 'none',
        }),
      })),
    );
    return { event: e.label, column: e.column, series, significance };
  });

  const subgroups = config.subgroups.flatMap((by) =>
    events.map((e) => {
      progress.step(`subgroups: ${by}, ${e.label}`);
      return { by, event: e.label, result: effectSeriesBy(table, { ...seriesSpec(e.column), by }) };
    }),
  );

  let participation: AnalysisResult['participation'];
  const p = config.participation;
  if (p) {
    progress.step('participation');
    const categories = p.categories ?? participationValues(table, p.column);
    const received = p.received.filter((v) => categories.includes(v));
    const tableResult = participationTable(table, {
      arm: columns.arm,
      treatment: arms.treatment,
      control: arms.control,
      participation: p.column,
      categories,
      received,
      missing: 'exclude',
      level: methods.level,
    });
    const complier = events.map((e) => {
      progress.step(`complier effect: ${e.label}`);
      return {
        event: e.label,
        month: p.month,
        result: complierEffect(table, {
          arm: columns.arm,
          treatment: arms.treatment,
          control: arms.control,
          outcome: { event: e.column, month: p.month, followup: columns.followup },
          received: { column: p.column, values: p.received },
          covariates: config.covariates,
          factors: config.factors,
          missing: methods.missing,
          se: methods.se === 'HC3' ? 'HC2' : methods.se,
          level: methods.level,
        }),
      };
    });
    participation = { table: tableResult, complier };
  }

  return {
    title: config.title,
    input: { file, rows: all.numRows(), analysed: table.numRows(), filter: config.filter },
    config,
    assignment: {
      counts,
      ...(sampleRatio ? { sampleRatio } : {}),
      analysed,
      ...(balance ? { balance } : {}),
    },
    outflow,
    effects,
    subgroups,
    ...(participation ? { participation } : {}),
  };
}

/** Number of progress steps of a config (for the bar). */
function stepCount(config: AnalysisConfig): number {
  const e = config.events.length;
  return 4 + e + config.subgroups.length * e + (config.participation ? 1 + e : 0);
}

// ---------------------------------------------------------------------------------------------
// Sections for table, md and csv

const col = (
  id: string,
  label: string,
  format: SectionColumn['format'],
  extra: Partial<SectionColumn> = {},
): SectionColumn => ({ id, label, format, ...extra });

const signed = (text: string) => text.replace(/^-/, '\u2212');

const pct = (x: number) => `${(x * 100).toFixed(0)} %`;

function exclusionNotes(excluded: readonly Exclusion[]): string[] {
  return excluded.map((e) => `Left out: ${e.count} (${e.reason}).`);
}

function significanceText(s: SignificanceSummary): string {
  const what = `${s.estimate} effect, p < ${s.level}`;
  if (s.from !== null) return `${what}: significant from month ${s.from} onward.`;
  if (s.first !== null)
    return `${what}: significant in months ${s.months.join(', ')}, not through the last month.`;
  return `${what}: not significant in any month.`;
}

function assignmentSections(r: AnalysisResult): Section[] {
  const { arms, columns } = r.config;
  const a = r.assignment;
  const srm = a.sampleRatio;
  const rows = srm
    ? srm.arms.map((x) => ({
        arm: x.arm,
        clients: x.observed,
        share: x.share,
        intended: x.intended,
        expected: x.expected,
      }))
    : Object.entries(a.counts).map(([arm, clients]) => ({
        arm,
        clients,
        share: clients / r.input.rows,
        intended: null,
        expected: null,
      }));
  const notes = [
    srm
      ? `Sample-ratio test (chi-square goodness of fit against config.arms.weights): X² = ${srm.statistic.toFixed(2)}, ${srm.df} df, p = ${srm.pValue.toFixed(3)}${srm.pValue < 0.01 ? ' — the arm sizes do not fit the intended weights: check the assignment before reading any effect.' : '.'}`
      : 'No intended weights (config.arms.weights): sample-ratio test not run.',
    r.config.filter.length > 0
      ? `Analysed: ${describeFilter(r.config.filter)}: ${a.analysed.treatment} ${arms.treatment}, ${a.analysed.control} ${arms.control} (of ${r.input.rows.toLocaleString('en-US')} rows).`
      : `Analysed: all ${r.input.rows.toLocaleString('en-US')} rows: ${a.analysed.treatment} ${arms.treatment}, ${a.analysed.control} ${arms.control}.`,
  ];
  const sections: Section[] = [
    {
      id: 'assignment',
      title: `Assignment check (column ${columns.arm}, whole file)`,
      columns: [
        col('arm', 'arm', 'text', { key: 'arm' }),
        col('clients', 'clients', 'int'),
        col('share', 'share', 'percent'),
        col('intended', 'intended', 'percent'),
        col('expected', 'expected', 'stat'),
      ],
      rows,
      notes,
    },
  ];
  const b = a.balance;
  if (b) {
    const omnibus = b.omnibus[0];
    sections.push({
      id: 'balance',
      title: `Balance of the covariates, ${arms.treatment} vs ${arms.control} (analysed sample)`,
      columns: [
        col('covariate', 'covariate', 'text', { qualifier: true }),
        col('kind', 'kind', 'text', { displayOnly: true }),
        col('statistic', 'statistic', 'stat'),
        col('df', 'df', 'text'),
        col('p', 'p', 'p'),
        col('stars', '', 'text', { displayOnly: true }),
        col('method', 'test', 'text', { displayOnly: true }),
      ],
      rows: b.tests.map((t) => ({
        covariate: t.covariate,
        kind: t.kind,
        statistic: t.statistic,
        df: t.df.map((d) => (Number.isInteger(d) ? String(d) : d.toFixed(1))).join(', '),
        p: t.pValue,
        stars: t.stars,
        method: t.method.split(/[;(]/)[0]!.trim(),
      })),
      notes: [
        ...(omnibus
          ? [
              `Joint test (arm on all covariates, HC2 Wald): F = ${omnibus.statistic.toFixed(2)} on (${omnibus.df[0]}, ${omnibus.df[1]}) df, p = ${omnibus.pValue.toFixed(3)}.`,
            ]
          : []),
        ...b.notes,
      ],
    });
  }
  return sections;
}

function outflowSection(r: AnalysisResult): Section {
  const o = r.outflow;
  const { treatment, control } = r.config.arms;
  const armColumns = (arm: string, short: string): SectionColumn[] => [
    col(`n_${short}`, `${arm} n`, 'int', { arm, measure: 'n' }),
    col(`events_${short}`, 'events', 'int', { arm, measure: 'events' }),
    col(`share_${short}`, 'share', 'percent', { arm, measure: 'share' }),
    col(`ci_${short}`, `${pct(o.level)} CI`, 'text', { displayOnly: true }),
    col(`lower_${short}`, 'lower', 'percent', { arm, measure: 'lower', csvOnly: true }),
    col(`upper_${short}`, 'upper', 'percent', { arm, measure: 'upper', csvOnly: true }),
  ];
  const ci = (lo: number, hi: number) => `${(lo * 100).toFixed(1)}–${(hi * 100).toFixed(1)}`;
  const rows: Record<string, Cell>[] = [];
  for (const destination of o.destinations) {
    for (let month = 1; month <= o.months; month++) {
      const row: Record<string, Cell> = { event: destination, month };
      for (const [arm, short] of [
        [treatment, 't'],
        [control, 'c'],
      ] as const) {
        const x = o.rows.find(
          (w) => w.group === arm && w.destination === destination && w.month === month,
        );
        if (!x) continue;
        row[`n_${short}`] = x.atRisk;
        row[`events_${short}`] = x.events;
        row[`share_${short}`] = x.share;
        row[`ci_${short}`] = ci(x.ci[0], x.ci[1]);
        row[`lower_${short}`] = x.ci[0];
        row[`upper_${short}`] = x.ci[1];
      }
      rows.push(row);
    }
  }
  return {
    id: 'outflow',
    title: `Cumulative outflow per month (${o.method})`,
    columns: [
      col('event', 'event', 'text', { key: 'event' }),
      col('month', 'month', 'int', { key: 'month' }),
      ...armColumns(treatment, 't'),
      ...armColumns(control, 'c'),
    ],
    rows,
    notes: [o.description, ...o.excluded.map((e) => `Left out: ${JSON.stringify(e)}`)],
  };
}

function effectSection(e: AnalysisResult['effects'][number], r: AnalysisResult): Section {
  const s = e.series;
  const { treatment, control } = s.arms;
  const adjusted = s.adjustment !== 'none';
  const pAdjusted = r.config.methods.pAdjust !== 'none';
  const level = pct(s.level);
  const ci = (x: readonly [number, number]) =>
    `${signed((x[0] * 100).toFixed(1))} to ${signed((x[1] * 100).toFixed(1))}`;
  const columns: SectionColumn[] = [
    col('month', 'month', 'int', { key: 'month' }),
    col('n_t', `${treatment} n`, 'int', { arm: treatment, measure: 'n' }),
    col('n_c', `${control} n`, 'int', { arm: control, measure: 'n' }),
    col('share_t', `${treatment}`, 'percent', { arm: treatment, measure: 'share' }),
    col('share_c', `${control}`, 'percent', { arm: control, measure: 'share' }),
    col('raw', 'raw effect', 'pp', { measure: 'raw.estimate' }),
    col('raw_se', 'raw SE', 'points', { measure: 'raw.se', csvOnly: true }),
    col('raw_p', 'p', 'p', { measure: 'raw.p' }),
    col('raw_stars', '', 'text', { measure: 'raw.stars', displayOnly: true }),
    ...(pAdjusted ? [col('raw_q', 'p adj.', 'p', { measure: 'raw.p_adjusted' })] : []),
    ...(adjusted
      ? [
          col('adj', 'adjusted', 'pp', { measure: 'adjusted.estimate' }),
          col('adj_ci', `${level} CI (pp)`, 'text', { displayOnly: true }),
          col('adj_lower', 'lower', 'pp', { measure: 'adjusted.lower', csvOnly: true }),
          col('adj_upper', 'upper', 'pp', { measure: 'adjusted.upper', csvOnly: true }),
          col('adj_se', 'SE', 'points', { measure: 'adjusted.se' }),
          col('adj_df', 'df', 'number', { measure: 'adjusted.df', csvOnly: true }),
          col('adj_p', 'p', 'p', { measure: 'adjusted.p' }),
          col('adj_stars', '', 'text', { measure: 'adjusted.stars', displayOnly: true }),
          ...(pAdjusted ? [col('adj_q', 'p adj.', 'p', { measure: 'adjusted.p_adjusted' })] : []),
        ]
      : []),
  ];
  const rows = s.months.map((m) => ({
    month: m.month,
    n_t: m.nTreated,
    n_c: m.nControl,
    share_t: m.shareTreated,
    share_c: m.shareControl,
    raw: m.raw.estimate,
    raw_se: m.raw.stdError,
    raw_p: m.raw.pValue,
    raw_stars: m.raw.stars,
    raw_q: m.pAdjusted?.raw ?? null,
    adj: m.adjusted?.estimate ?? null,
    adj_ci: m.adjusted ? ci(m.adjusted.ci) : null,
    adj_lower: m.adjusted?.ci[0] ?? null,
    adj_upper: m.adjusted?.ci[1] ?? null,
    adj_se: m.adjusted?.stdError ?? null,
    adj_df: m.adjusted?.df ?? null,
    adj_p: m.adjusted?.pValue ?? null,
    adj_stars: m.adjusted?.stars ?? null,
    adj_q: m.pAdjusted?.adjusted ?? null,
  }));
  return {
    id: 'effect',
    title: `Effect on ${e.event} per month (${treatment} − ${control}, column ${e.column})`,
    keys: { event: e.event },
    columns,
    rows,
    notes: [
      `Method: ${s.method}.`,
      ...e.significance.map(significanceText),
      ...(s.aliased.length ? [`Dropped as aliased in some month: ${s.aliased.join(', ')}.`] : []),
      ...exclusionNotes(s.excluded),
    ],
  };
}

function significanceSection(r: AnalysisResult): Section {
  return {
    id: 'significance',
    title: 'First significant month',
    columns: [
      col('event', 'event', 'text', { key: 'event' }),
      col('estimate', 'estimate', 'text', { qualifier: true }),
      col('level', 'level', 'text', { qualifier: true }),
      col('first', 'first month', 'int'),
      col('from', 'from month on', 'int'),
      col('count', 'significant months', 'int'),
    ],
    rows: r.effects.flatMap((e) =>
      e.significance.map((s) => ({
        event: e.event,
        estimate: s.estimate,
        level: `p<${s.level}`,
        first: s.first,
        from: s.from,
        count: s.months.length,
      })),
    ),
    notes: [
      '"from month on": the first month from which every later month is significant; empty: never.',
    ],
  };
}

function subgroupSections(g: AnalysisResult['subgroups'][number]): Section[] {
  const res = g.result;
  const first = res.subgroups[0]!.series;
  const adjusted = first.adjustment !== 'none';
  const { treatment, control } = first.arms;
  return [
    {
      id: 'subgroup',
      title: `Effect on ${g.event} by ${g.by}`,
      keys: { event: g.event, subgroup: g.by },
      columns: [
        col('level', g.by, 'text', { key: 'level' }),
        col('month', 'month', 'int', { key: 'month' }),
        col('n_t', `${treatment} n`, 'int', { arm: treatment, measure: 'n' }),
        col('n_c', `${control} n`, 'int', { arm: control, measure: 'n' }),
        col('share_t', treatment, 'percent', { arm: treatment, measure: 'share' }),
        col('share_c', control, 'percent', { arm: control, measure: 'share' }),
        col('raw', 'raw effect', 'pp', { measure: 'raw.estimate' }),
        col('raw_se', 'raw SE', 'points', { measure: 'raw.se', csvOnly: true }),
        col('raw_p', 'p', 'p', { measure: 'raw.p' }),
        ...(adjusted
          ? [
              col('adj', 'adjusted', 'pp', { measure: 'adjusted.estimate' }),
              col('adj_se', 'SE', 'points', { measure: 'adjusted.se' }),
              col('adj_p', 'p', 'p', { measure: 'adjusted.p' }),
              col('adj_stars', '', 'text', { displayOnly: true }),
            ]
          : []),
      ],
      rows: res.subgroups.flatMap(({ level, series }) =>
        series.months.map((m) => ({
          level,
          month: m.month,
          n_t: m.nTreated,
          n_c: m.nControl,
          share_t: m.shareTreated,
          share_c: m.shareControl,
          raw: m.raw.estimate,
          raw_se: m.raw.stdError,
          raw_p: m.raw.pValue,
          adj: m.adjusted?.estimate ?? null,
          adj_se: m.adjusted?.stdError ?? null,
          adj_p: m.adjusted?.pValue ?? null,
          adj_stars: m.adjusted?.stars ?? null,
        })),
      ),
      notes: [`Method: ${first.method}.`, ...exclusionNotes(res.excluded)],
    },
    {
      id: 'heterogeneity',
      title: `Does the effect on ${g.event} differ by ${g.by}?`,
      keys: { event: g.event, subgroup: g.by },
      columns: [
        col('month', 'month', 'int', { key: 'month' }),
        col('F', 'F', 'stat'),
        col('df1', 'df1', 'int'),
        col('df2', 'df2', 'int'),
        col('p', 'p', 'p'),
        col('stars', '', 'text', { displayOnly: true }),
      ],
      rows: res.heterogeneity.map((h) => ({
        month: h.month,
        F: h.statistic,
        df1: h.df[0],
        df2: h.df[1],
        p: h.pValue,
        stars: h.stars,
      })),
      notes: [`Heterogeneity: ${res.method.split('; heterogeneity: ')[1] ?? res.method}.`],
    },
  ];
}

function participationSections(
  p: NonNullable<AnalysisResult['participation']>,
  r: AnalysisResult,
): Section[] {
  const t = p.table;
  const { treatment, control } = t.arms;
  const d = t.received.difference;
  const sections: Section[] = [
    {
      id: 'participation',
      title: `Participation by arm (column ${t.column})`,
      columns: [
        col('category', 'category', 'text', { key: 'level' }),
        col('count_t', `${treatment} n`, 'int', { arm: treatment, measure: 'count' }),
        col('share_t', 'share', 'percent', { arm: treatment, measure: 'share' }),
        col('count_c', `${control} n`, 'int', { arm: control, measure: 'count' }),
        col('share_c', 'share', 'percent', { arm: control, measure: 'share' }),
        col('received', 'received', 'text'),
      ],
      rows: [
        ...t.rows.map((row) => ({
          category: `${'  '.repeat(row.depth)}${row.label}`,
          count_t: row.treatment.count,
          share_t: row.treatment.share,
          count_c: row.control.count,
          share_c: row.control.share,
          received: row.received ? 'yes' : 'no',
        })),
        {
          category: 'received the service',
          count_t: t.received.treatment.count,
          share_t: t.received.treatment.share,
          count_c: t.received.control.count,
          share_c: t.received.control.share,
          received: 'yes',
        },
      ],
      notes: [
        `Received: ${r.config.participation?.received.join(', ')}. Difference ${treatment} − ${control}: ${(d.estimate * 100).toFixed(1)} pp (SE ${(d.stdError * 100).toFixed(1)} pp, p ${d.pValue < 0.001 ? '< 0.001' : `= ${d.pValue.toFixed(3)}`}).`,
        ...exclusionNotes(t.excluded),
      ],
    },
  ];
  for (const c of p.complier) {
    const fits = [
      ['unadjusted', c.result.unadjusted],
      ...(c.result.adjusted ? [['adjusted', c.result.adjusted] as const] : []),
    ] as const;
    sections.push({
      id: 'complier',
      title: `Complier effect on ${c.event} by month ${c.month} (2SLS, assignment as instrument)`,
      keys: { event: c.event, month: c.month },
      columns: [
        col('spec', 'specification', 'text', { qualifier: true }),
        col('first', 'first stage', 'pp', { measure: 'first_stage' }),
        col('F', 'F', 'stat', { measure: 'first_stage_F' }),
        col('itt', 'ITT', 'pp', { measure: 'itt.estimate' }),
        col('itt_p', 'p', 'p', { measure: 'itt.p' }),
        col('cace', 'complier effect', 'pp', { measure: 'complier.estimate' }),
        col('cace_se', 'SE', 'points', { measure: 'complier.se' }),
        col('cace_p', 'p', 'p', { measure: 'complier.p' }),
        col('stars', '', 'text', { displayOnly: true }),
      ],
      rows: fits.map(([spec, f]) => ({
        spec,
        first: f.firstStage.difference.estimate,
        F: f.firstStage.f,
        itt: f.itt.estimate,
        itt_p: f.itt.pValue,
        cace: f.complier.estimate,
        cace_se: f.complier.stdError,
        cace_p: f.complier.pValue,
        stars: f.complier.stars,
      })),
      notes: [
        `Method: ${c.result.method}.`,
        ...(r.config.methods.se === 'HC3'
          ? ['2SLS supports HC0–HC2 and classical SEs: HC2 used instead of HC3.']
          : []),
        ...(fits.some(([, f]) => f.firstStage.weak)
          ? [`Weak instrument: first-stage F below ${c.result.weakF}.`]
          : []),
        ...exclusionNotes(c.result.excluded),
      ],
    });
  }
  return sections;
}

/** The result as sections for `table`, `md` and `csv`. */
export function analysisSections(r: AnalysisResult): Section[] {
  return [
    ...assignmentSections(r),
    outflowSection(r),
    ...r.effects.map((e) => effectSection(e, r)),
    significanceSection(r),
    ...r.subgroups.flatMap(subgroupSections),
    ...(r.participation ? participationSections(r.participation, r) : []),
  ];
}

function render(
  result: AnalysisResult,
  sections: readonly Section[],
  format: OutputFormat,
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
      return renderJson(result);
  }
}

const EXTENSION: Record<OutputFormat, string> = {
  table: 'txt',
  md: 'md',
  json: 'json',
  csv: 'csv',
};

async function run(args: readonly string[], io: CliIO): Promise<number> {
  const flags = parseFlags(args, {
    input: { type: 'string' },
    config: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    quiet: { type: 'boolean' },
  });
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
  const config = readConfig(flags.config);
  const progress = createProgress({
    enabled: !flags.quiet && process.stderr.isTTY === true,
    write: io.stderr,
    total: stepCount(config),
  });
  try {
    progress.step(`reading ${basename(flags.input)}`);
    const stringColumns = [
      config.columns.id,
      config.columns.arm,
      ...(config.participation ? [config.participation.column] : []),
    ];
    const table = await loadTable(flags.input, { stringColumns });
    const result = runAnalysis(table, config, flags.input, progress);
    const sections = analysisSections(result);
    progress.done();
    io.stdout(render(result, sections, format));
    if (flags.out !== undefined) {
      mkdirSync(flags.out, { recursive: true });
      for (const f of OUTPUT_FORMATS) {
        writeFileSync(join(flags.out, `analysis.${EXTENSION[f]}`), render(result, sections, f));
      }
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

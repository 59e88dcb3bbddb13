/**
 * The result of `cumulativeOutflow`: plain rows plus the ways to show them (table, Markdown,
 * JSON). Benchmarks travel with the result but are never part of the estimates.
 */
import { type ColumnTable, table } from 'arquero';
import { type DocumentConvertible, type HtmlConvertible, withDisplay } from '../display.js';
import { formatNumber } from '../format.js';
import { type Column, type Document, documentMarkdown } from '../table/index.js';
import type { OutflowExclusion } from './outflow-input.js';

/** One estimate: cumulative share of a group with an event of `destination` by `month`. */
export interface OutflowRow {
  readonly month: number;
  readonly group: string;
  readonly destination: string;
  /**
   * Clients behind the estimate at this month: for `complete` the denominator n_m (observed
   * ≥ m months); for Kaplan–Meier / Aalen–Johansen the number still at risk at m.
   */
  readonly atRisk: number;
  /** Cumulative count of observed events by month m (complete: among the n_m clients). */
  readonly events: number;
  /** Estimated cumulative share, a fraction. */
  readonly share: number;
  readonly ci: readonly [number, number];
  readonly stdError: number;
}

/** An external series (e.g. the national decile-1 line of Figure 2a), shown beside estimates. */
export interface OutflowBenchmark {
  readonly label: string;
  /** Destination it compares with; default: the first destination. */
  readonly destination?: string;
  readonly values: readonly { readonly month: number; readonly share: number }[];
  /** Where the numbers come from. */
  readonly note?: string;
}

/** Group sizes: clients analysed and clients of the group excluded (missing follow-up). */
export interface OutflowGroup {
  readonly group: string;
  readonly n: number;
  readonly excluded: number;
}

/** The data of a {@link CumulativeOutflowResult} without its methods (what `toJSON` gives). */
export interface CumulativeOutflowData {
  readonly method: 'complete' | 'kaplan-meier' | 'aalen-johansen';
  /** One sentence stating the method, interval and standard error. */
  readonly description: string;
  readonly level: number;
  /** `wilson` / `wald` (complete) or R's `conf.type` (`log`, `log-log`, `plain`). */
  readonly interval: string;
  readonly months: number;
  readonly destinations: readonly string[];
  readonly groups: readonly OutflowGroup[];
  readonly excluded: readonly OutflowExclusion[];
  /** Estimates, ordered by group, destination, month. */
  readonly rows: readonly OutflowRow[];
  readonly benchmark: readonly OutflowBenchmark[];
}

/** Options for {@link CumulativeOutflowResult.toMarkdown}. */
export interface OutflowMarkdownOptions {
  /** Decimals of the percentages, default 1. */
  readonly digits?: number;
}

/** Cumulative outflow estimates with their method, group counts, exclusions and benchmarks. */
export interface CumulativeOutflowResult
  extends CumulativeOutflowData,
    HtmlConvertible,
    DocumentConvertible {
  /** The estimate for one group, destination and month. */
  get(group: string, destination: string, month: number): OutflowRow | undefined;
  /** The monthly series of one group and destination. */
  series(group: string, destination: string): readonly OutflowRow[];
  /**
   * Long table: month, group, destination, source (`estimate` | `benchmark`), atRisk,
   * events, share, lower, upper, stdError. Benchmark rows have nulls where they carry no
   * information.
   */
  toTable(): ColumnTable;
  /** Markdown: the method sentence, the long table, exclusions and benchmark notes. */
  toMarkdown(options?: OutflowMarkdownOptions): string;
  toJSON(): CumulativeOutflowData;
}

/** Wraps the data with its methods. */
export function makeOutflowResult(data: CumulativeOutflowData): CumulativeOutflowResult {
  const index = new Map<string, OutflowRow>();
  for (const r of data.rows) index.set(key(r.group, r.destination, r.month), r);
  return withDisplay<Omit<CumulativeOutflowResult, 'toHTML' | 'toDocument'>>(
    {
      ...data,
      get: (group, destination, month) => index.get(key(group, destination, month)),
      series: (group, destination) =>
        data.rows.filter((r) => r.group === group && r.destination === destination),
      toTable: () => toTable(data),
      toMarkdown: (options = {}) => documentMarkdown(outflowDocument(data, options.digits ?? 1)),
      toJSON: () => ({
        method: data.method,
        description: data.description,
        level: data.level,
        interval: data.interval,
        months: data.months,
        destinations: data.destinations,
        groups: data.groups,
        excluded: data.excluded,
        rows: data.rows,
        benchmark: data.benchmark,
      }),
    },
    () => outflowDocument(data, 1),
  );
}

function key(group: string, destination: string, month: number): string {
  return `${group}\u0000${destination}\u0000${month}`;
}

function toTable(data: CumulativeOutflowData): ColumnTable {
  const cols = {
    month: [] as number[],
    group: [] as string[],
    destination: [] as string[],
    source: [] as string[],
    atRisk: [] as (number | null)[],
    events: [] as (number | null)[],
    share: [] as number[],
    lower: [] as (number | null)[],
    upper: [] as (number | null)[],
    stdError: [] as (number | null)[],
  };
  for (const r of data.rows) {
    cols.month.push(r.month);
    cols.group.push(r.group);
    cols.destination.push(r.destination);
    cols.source.push('estimate');
    cols.atRisk.push(r.atRisk);
    cols.events.push(r.events);
    cols.share.push(r.share);
    cols.lower.push(r.ci[0]);
    cols.upper.push(r.ci[1]);
    cols.stdError.push(r.stdError);
  }
  for (const b of data.benchmark) {
    for (const v of b.values) {
      cols.month.push(v.month);
      cols.group.push(b.label);
      cols.destination.push(b.destination ?? data.destinations[0]!);
      cols.source.push('benchmark');
      cols.atRisk.push(null);
      cols.events.push(null);
      cols.share.push(v.share);
      cols.lower.push(null);
      cols.upper.push(null);
      cols.stdError.push(null);
    }
  }
  return table(cols);
}

function pct(x: number, digits: number): string {
  return Number.isFinite(x) ? `${formatNumber(x * 100, digits)} %` : '–';
}

const OUTFLOW_COLUMNS: readonly Column[] = [
  { id: 'month', label: 'month', format: 'text', align: 'right' },
  { id: 'group', label: 'group', format: 'text' },
  { id: 'destination', label: 'destination', format: 'text' },
  { id: 'at_risk', label: 'at risk', format: 'text', align: 'right' },
  { id: 'events', label: 'events', format: 'text', align: 'right' },
  { id: 'share', label: 'share', format: 'text', align: 'right' },
  { id: 'ci', label: 'CI', format: 'text' },
];

function outflowDocument(data: CumulativeOutflowData, digits: number): Document {
  const levelPct = `${String(Number((data.level * 100).toFixed(4)))} %`;
  const rows: Record<string, string>[] = data.rows.map((r) => ({
    month: String(r.month),
    group: r.group,
    destination: r.destination,
    at_risk: String(r.atRisk),
    events: String(r.events),
    share: pct(r.share, digits),
    ci:
      Number.isFinite(r.ci[0]) && Number.isFinite(r.ci[1])
        ? `${formatNumber(r.ci[0] * 100, digits)} – ${formatNumber(r.ci[1] * 100, digits)}`
        : '–',
  }));
  for (const b of data.benchmark) {
    for (const v of b.values) {
      rows.push({
        month: String(v.month),
        group: `${b.label} (benchmark)`,
        destination: b.destination ?? data.destinations[0]!,
        at_risk: '–',
        events: '–',
        share: pct(v.share, digits),
        ci: '–',
      });
    }
  }
  const sizes = data.groups
    .map((g) => `${g.group} n = ${g.n}${g.excluded ? ` (${g.excluded} excluded)` : ''}`)
    .join('; ');
  const notes = [`Clients: ${sizes}.`];
  for (const e of data.excluded) {
    const why = e.reason === 'missing-followup' ? 'missing follow-up' : 'missing group';
    notes.push(`Excluded for ${why}: ${e.count}.`);
  }
  for (const b of data.benchmark) {
    notes.push(
      `Benchmark '${b.label}' is an external series shown for comparison, not estimated from these data${b.note ? ` (${b.note})` : ''}.`,
    );
  }
  const columns = OUTFLOW_COLUMNS.map((c) =>
    c.id === 'ci' ? { ...c, label: `${levelPct} CI` } : c,
  );
  return [
    { kind: 'paragraph', text: `Cumulative outflow, method: ${data.description}.` },
    {
      kind: 'table',
      table: { id: 'outflow', title: 'Cumulative outflow', columns, rows },
      markdown: { compactRule: true },
    },
    { kind: 'paragraph', text: notes.join('\n') },
  ];
}

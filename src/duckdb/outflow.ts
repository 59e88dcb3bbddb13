/**
 * Cumulative outflow by month with complete follow-up, in the database: per group × month the
 * clients observed at least m months and those with the event by m (one counts query per
 * destination), then the share, its binomial SE and its Wilson (or Wald) interval — as the
 * in-memory `cumulativeOutflow` with `method: 'complete'`.
 */

import { InputError } from '../errors.js';
import { destinations } from '../outcomes/outflow-input.js';
import type { OutflowRow } from '../outcomes/outflow-result.js';
import { type AllKeys, rejectUnknownKeys } from '../stats/option-keys.js';
import { type ProportionInterval, proportionInterval } from '../stats/proportion-interval.js';
import {
  countWhere,
  followupChecks,
  requireKind,
  requireSqlColumns,
  throwFollowupProblems,
} from './checks.js';
import {
  type DisclosureSpec,
  enoughClients,
  maskedCount,
  type Suppressed,
  thresholdOf,
} from './disclosure.js';
import { countsSql } from './moments.js';
import { asRunner, type Database } from './runner.js';
import { relationSql, type Source } from './source.js';
import { quoteIdent, quoteString } from './sql.js';

/** Options of the in-database {@link cumulativeOutflow}. */
export interface SqlOutflowSpec extends DisclosureSpec {
  /** Event columns (labels without `month_`), or label → column. */
  readonly events: readonly string[] | Readonly<Record<string, string>>;
  /** Follow-up column (default `followup_months`). */
  readonly followup?: string;
  /** Grouping column (default `arm`); `null` for one group `all`. */
  readonly group?: string | null;
  /** Groups in this order; default: every group with enough clients, sorted. */
  readonly groups?: readonly string[];
  /** Last month M (default 24). */
  readonly months?: number;
  /** Only `'complete'` in the database. */
  readonly method?: 'complete';
  readonly level?: number;
  /** `'wilson'` (default) or `'wald'`. */
  readonly interval?: ProportionInterval;
}

/** The result of the in-database {@link cumulativeOutflow}. */
export interface SqlOutflow {
  readonly method: 'complete';
  readonly description: string;
  readonly level: number;
  readonly interval: ProportionInterval;
  readonly months: number;
  readonly destinations: readonly string[];
  /** Groups with their clients (withheld groups are listed in `suppressed`). */
  readonly groups: readonly { readonly group: string; readonly n: number }[];
  /** Rows without follow-up or group (`null`: a small count, withheld). */
  readonly excluded: readonly { readonly reason: string; readonly count: number | null }[];
  /** By group, destination, month; withheld months are absent. */
  readonly rows: readonly OutflowRow[];
  readonly suppressed: Suppressed;
  get(group: string, destination: string, month: number): OutflowRow | undefined;
}

const KEYS: AllKeys<SqlOutflowSpec> = {
  events: true,
  followup: true,
  group: true,
  groups: true,
  months: true,
  method: true,
  level: true,
  interval: true,
  threshold: true,
};

/**
 * Cumulative share with the event by month m = 1…M per group and destination, complete
 * follow-up (share = #{event ≤ m ≤ follow-up} / #{follow-up ≥ m}), from counts per group × month
 * computed in the database. Months whose counts are below the threshold are withheld in SQL.
 *
 * @example
 * const out = await cumulativeOutflow(db, 'clients', { events: ['month_bijstand'], months: 24 });
 * out.get('control', 'bijstand', 24)?.share;
 */
export async function cumulativeOutflow(
  db: Database,
  source: Source,
  spec: SqlOutflowSpec,
): Promise<SqlOutflow> {
  rejectUnknownKeys(spec, KEYS, 'cumulativeOutflow (in-database)');
  if (spec.method !== undefined && spec.method !== 'complete') {
    throw new InputError(
      `method: the database computes 'complete' follow-up only (Kaplan–Meier and Aalen–Johansen need the in-memory path), got '${String(spec.method)}'`,
      { code: 'invalid-option', value: String(spec.method) },
    );
  }
  const runner = asRunner(db);
  const dialect = runner.dialect;
  const q = (s: string) => quoteIdent(s, dialect);
  const threshold = thresholdOf(spec);
  const level = spec.level ?? 0.95;
  const interval = spec.interval ?? 'wilson';
  if (interval !== 'wilson' && interval !== 'wald') {
    throw new InputError(`interval must be 'wilson' or 'wald', got '${String(interval)}'`, {
      code: 'invalid-option',
      value: String(interval),
    });
  }
  const months = spec.months ?? 24;
  if (!Number.isInteger(months) || months < 1) {
    throw new InputError(`months must be a whole number ≥ 1, got ${months}`, {
      code: 'invalid-option',
    });
  }
  const dests = destinations(spec.events);
  const followup = spec.followup ?? 'followup_months';
  const groupColumn = spec.group === null ? null : (spec.group ?? 'arm');
  const relation = relationSql(source, dialect);
  const columns = await runner.columns(relation);
  requireSqlColumns(
    columns,
    dests.map((d) => d.column),
    'event',
  );
  requireSqlColumns(columns, [followup], 'follow-up');
  requireKind(columns, followup, ['number'], 'numbers');
  for (const d of dests) requireKind(columns, d.column, ['number'], 'whole numbers ≥ 1');
  if (groupColumn !== null) {
    requireSqlColumns(columns, [groupColumn], 'group');
    requireKind(columns, groupColumn, ['text'], 'text (group labels)');
  }
  const f = q(followup);
  const group = groupColumn === null ? quoteString('all') : q(groupColumn);
  const checks = {
    ...followupChecks(
      followup,
      dests.map((d) => d.column),
      dialect,
    ),
    ...Object.fromEntries(
      dests.map((d, i) => [`whole_${i}`, countWhere(`${q(d.column)} <> FLOOR(${q(d.column)})`)]),
    ),
    missing_group: maskedCount(countWhere(`${group} IS NULL`), threshold),
    missing_followup: maskedCount(countWhere(`${group} IS NOT NULL AND ${f} IS NULL`), threshold),
  };
  const [row] = await runner.query(
    `SELECT ${Object.entries(checks)
      .map(([k, v]) => `${v} AS ${q(k)}`)
      .join(', ')} FROM ${relation}`,
  );
  throwFollowupProblems(
    row ?? {},
    followup,
    dests.map((d) => d.column),
  );
  dests.forEach((d, i) => {
    const k = Number(row?.[`whole_${i}`] ?? 0);
    if (k > 0) {
      throw new InputError(
        `column '${d.column}' must hold whole numbers ≥ 1, but has other values in ${k} row${k === 1 ? '' : 's'} (row numbers are not read from the database)`,
        { code: 'out-of-range', column: d.column },
      );
    }
  });
  const where = `${group} IS NOT NULL AND ${f} IS NOT NULL`;
  const groupRows = await runner.query(
    `SELECT * FROM (SELECT ${group} AS ${q('grp')}, COUNT(*) AS ${q('n')}, MAX(${f}) AS ${q('fmax')} FROM ${relation} WHERE ${where} GROUP BY ${group}) ${q('s')} WHERE ${enoughClients(q('n'), threshold)}`,
  );
  const found = new Map(groupRows.map((r) => [String(r.grp), r]));
  const suppressed: string[] = [];
  const order = spec.groups ?? [...found.keys()].sort();
  const groups = order.flatMap((g) => {
    const r = found.get(g);
    if (!r) {
      if (spec.groups)
        suppressed.push(`group '${g}': withheld (no clients, or fewer than ${threshold})`);
      return [];
    }
    const fmax = Number(r.fmax);
    if (fmax < months) {
      throw new InputError(
        `group '${g}': no client is observed ${months} months (longest '${followup}' is ${fmax}); ask for months ≤ ${Math.floor(fmax)}`,
        { code: 'beyond-followup', column: followup, value: String(months) },
      );
    }
    return [{ group: g, n: Number(r.n) }];
  });
  const list = Array.from({ length: months }, (_, i) => i + 1);
  const counts = new Map<string, Readonly<Record<string, unknown>>>();
  for (const d of dests) {
    const result = await runner.query(
      countsSql(
        relation,
        where,
        group,
        { followup: f, event: q(d.column), months: list },
        threshold,
        dialect,
      ),
    );
    for (const c of result) counts.set(`${String(c.grp)}\u0000${d.label}\u0000${Number(c.m)}`, c);
  }
  const rows: OutflowRow[] = [];
  for (const g of groups) {
    for (const d of dests) {
      for (const m of list) {
        const c = counts.get(`${g.group}\u0000${d.label}\u0000${m}`);
        if (!c) {
          suppressed.push(
            `group '${g.group}', ${d.label}, month ${m}: withheld (a count below ${threshold})`,
          );
          continue;
        }
        const n = Number(c.n);
        const e = Number(c.events);
        const p = n > 0 ? e / n : Number.NaN;
        const [lo, hi] = proportionInterval(e, n, level, interval);
        rows.push({
          month: m,
          group: g.group,
          destination: d.label,
          atRisk: n,
          events: e,
          share: p,
          ci: [lo, hi],
          stdError: Math.sqrt((p * (1 - p)) / n),
        });
      }
    }
  }
  const num = (k: string) => (row?.[k] === null || row?.[k] === undefined ? null : Number(row[k]));
  const excluded = [
    { reason: 'missing-followup', count: num('missing_followup') },
    { reason: 'missing-group', count: num('missing_group') },
  ].filter((e) => e.count !== 0);
  const index = new Map(rows.map((r) => [`${r.group}\u0000${r.destination}\u0000${r.month}`, r]));
  return {
    method: 'complete',
    description: `in-database (${dialect.name}) complete follow-up: share at month m among clients observed at least m months; ${interval === 'wilson' ? 'Wilson' : 'Wald'} ${+(level * 100).toFixed(4)} % interval, binomial SE; counts below ${threshold} withheld in the database`,
    level,
    interval,
    months,
    destinations: dests.map((d) => d.label),
    groups,
    excluded,
    rows,
    suppressed: { threshold, items: suppressed },
    get: (g, d, m) => index.get(`${g}\u0000${d}\u0000${m}`),
  };
}

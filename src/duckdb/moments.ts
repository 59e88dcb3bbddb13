/**
 * The sufficient statistics as SQL: counts per group × month (complete follow-up: the month-m
 * sample is the clients observed at least m months), and X'X, X'y per month — grouped first by
 * follow-up and event month (a few hundred cells), then summed over the cells of each month's
 * sample — or of one sample. Rows whose counts are small are filtered in SQL (`WHERE` on the
 * aggregated rows), so they never leave the database.
 */
import type { DesignColumn } from './design.js';
import { enoughClients, publishable } from './disclosure.js';
import { quoteIdent, type SqlDialect, valuesTable } from './sql.js';

/** How the month of a client enters: its follow-up and event-month expressions. */
export interface MonthlyOutcome {
  /** The follow-up column (quoted SQL). */
  readonly followup: string;
  /** The event-month column (quoted SQL). */
  readonly event: string;
  /** The months, ascending and distinct. */
  readonly months: readonly number[];
}

/**
 * The follow-up cell of a client: ⌊f⌋, capped at the last month (every client observed that long
 * is in every sample); the client is in month m's sample iff cell ≥ m.
 *
 * @example
 * followupCell('"f"', 24); // 'CASE WHEN "f" >= 24 THEN 24 ELSE FLOOR("f") END'
 */
export function followupCell(followup: string, last: number): string {
  return `CASE WHEN ${followup} >= ${last} THEN ${last} ELSE FLOOR(${followup}) END`;
}

/**
 * The event cell: ⌈e⌉ (NULL without an event); the outcome at month m is cell ≤ m.
 *
 * @example
 * eventCell('"e"'); // 'CEILING("e")'
 */
export function eventCell(event: string): string {
  return `CEILING(${event})`;
}

/**
 * The month table `(VALUES (1), (2), …) AS mm(m)`.
 *
 * @example
 * monthsTable([1, 2], DUCKDB); // '(VALUES (1), (2)) AS "mm"("m")'
 */
export function monthsTable(months: readonly number[], dialect: SqlDialect): string {
  return valuesTable(
    'mm',
    ['m'],
    months.map((m) => [String(m)]),
    dialect,
  );
}

/**
 * Counts per group × month: clients in the month's sample (`n`) and those with the event by the
 * month (`events`), withheld where n is below the threshold or events or non-events are small.
 *
 * @example
 * countsSql('"clients"', '1 = 1', '"arm"', { followup: '"f"', event: '"e"', months: [1, 2] }, 10, DUCKDB);
 */
export function countsSql(
  relation: string,
  where: string,
  group: string,
  outcome: MonthlyOutcome,
  threshold: number,
  dialect: SqlDialect,
): string {
  const q = (s: string) => quoteIdent(s, dialect);
  const last = outcome.months[outcome.months.length - 1]!;
  const base = `SELECT ${group} AS ${q('grp')}, ${followupCell(outcome.followup, last)} AS ${q('g_')}, ${eventCell(outcome.event)} AS ${q('e_')} FROM ${relation} WHERE ${where}`;
  const cells = `SELECT ${q('grp')}, ${q('g_')}, ${q('e_')}, COUNT(*) AS ${q('n_')} FROM (${base}) ${q('b')} GROUP BY ${q('grp')}, ${q('g_')}, ${q('e_')}`;
  const m = `${q('mm')}.${q('m')}`;
  const sums = `SELECT ${m} AS ${q('m')}, ${q('c')}.${q('grp')} AS ${q('grp')}, SUM(${q('c')}.${q('n_')}) AS ${q('n')}, SUM(CASE WHEN ${q('c')}.${q('e_')} <= ${m} THEN ${q('c')}.${q('n_')} ELSE 0 END) AS ${q('events')} FROM (${cells}) ${q('c')} JOIN ${monthsTable(outcome.months, dialect)} ON ${q('c')}.${q('g_')} >= ${m} GROUP BY ${m}, ${q('c')}.${q('grp')}`;
  const n = q('n');
  const e = q('events');
  const filter = [
    enoughClients(n, threshold),
    publishable(e, threshold),
    publishable(`${n} - ${e}`, threshold),
  ];
  return `SELECT * FROM (${sums}) ${q('s')} WHERE ${filter.join(' AND ')} ORDER BY ${q('m')}, ${q('grp')}`;
}

/** The outcome of a moments query: the months of a series, or one outcome expression. */
export type MomentsOutcome =
  | ({ readonly kind: 'months' } & MonthlyOutcome)
  | { readonly kind: 'single'; readonly y: string; readonly binary: boolean };

/**
 * Column name of X'X entry (a, b), a ≤ b.
 *
 * @example
 * xxName(0, 1); // 'xx_0_1'
 */
export function xxName(a: number, b: number): string {
  return `xx_${a}_${b}`;
}
/**
 * Column name of X'y entry a.
 *
 * @example
 * xyName(2); // 'xy_2'
 */
export function xyName(a: number): string {
  return `xy_${a}`;
}

/**
 * X'X (upper triangle) and X'y of the design per month (or of one sample), with `n` = X'X₀₀.
 * Column 0 must be the intercept and column 1 the treatment. A row is returned only when each
 * arm has at least `threshold` clients and every count among its entries (products of 0/1
 * columns, events and non-events per 0/1 column, the reference level of each factor in all and
 * per arm) is 0 or at least `threshold`. With `arms` false (a design without treatment, as the
 * balance regression), only the sample size and the counts among the entries are checked.
 *
 * @example
 * momentsSql('"clients"', '1 = 1', design, { kind: 'single', y: '"y"', binary: false }, 10, DUCKDB);
 */
export function momentsSql(
  relation: string,
  where: string,
  design: readonly DesignColumn[],
  outcome: MomentsOutcome,
  threshold: number,
  dialect: SqlDialect,
  arms = true,
): string {
  const q = (s: string) => quoteIdent(s, dialect);
  const k = design.length;
  const z = design.map((_, a) => q(`z${a}`));
  const zs = design.map((d, a) => `${d.sql} AS ${z[a]}`);
  const pairs: [number, number][] = [];
  for (let a = 0; a < k; a++) for (let b = a; b < k; b++) pairs.push([a, b]);
  let query: string;
  if (outcome.kind === 'months') {
    const last = outcome.months[outcome.months.length - 1]!;
    const base = `SELECT ${[...zs, `${followupCell(outcome.followup, last)} AS ${q('g_')}`, `${eventCell(outcome.event)} AS ${q('e_')}`].join(', ')} FROM ${relation} WHERE ${where}`;
    const products = pairs.map(([a, b]) => `SUM(${z[a]} * ${z[b]}) AS ${q(`p_${a}_${b}`)}`);
    const cells = `SELECT ${q('g_')}, ${q('e_')}, ${products.join(', ')} FROM (${base}) ${q('b')} GROUP BY ${q('g_')}, ${q('e_')}`;
    const m = `${q('mm')}.${q('m')}`;
    const c = (s: string) => `${q('c')}.${q(s)}`;
    const xx = pairs.map(([a, b]) => `SUM(${c(`p_${a}_${b}`)}) AS ${q(xxName(a, b))}`);
    const xy = design.map(
      (_, a) =>
        `SUM(CASE WHEN ${c('e_')} <= ${m} THEN ${c(`p_0_${a}`)} ELSE 0 END) AS ${q(xyName(a))}`,
    );
    query = `SELECT ${[`${m} AS ${q('m')}`, ...xx, ...xy].join(', ')} FROM (${cells}) ${q('c')} JOIN ${monthsTable(outcome.months, dialect)} ON ${c('g_')} >= ${m} GROUP BY ${m}`;
  } else {
    const base = `SELECT ${[...zs, `${outcome.y} AS ${q('y_')}`].join(', ')} FROM ${relation} WHERE ${where}`;
    const xx = pairs.map(([a, b]) => `SUM(${z[a]} * ${z[b]}) AS ${q(xxName(a, b))}`);
    const xy = design.map((_, a) => `SUM(${z[a]} * ${q('y_')}) AS ${q(xyName(a))}`);
    query = `SELECT ${[`0 AS ${q('m')}`, ...xx, ...xy].join(', ')} FROM (${base}) ${q('b')}`;
  }
  const col = (s: string) => q(s);
  const n = col(xxName(0, 0));
  const nt = col(xxName(0, 1));
  const filter = arms
    ? [enoughClients(nt, threshold), enoughClients(`${n} - ${nt}`, threshold)]
    : [enoughClients(n, threshold)];
  if (threshold > 0) {
    for (const [a, b] of pairs) {
      if (design[a]!.indicator && design[b]!.indicator)
        filter.push(publishable(col(xxName(a, b)), threshold));
    }
    const binary = outcome.kind === 'months' || outcome.binary;
    if (binary) {
      design.forEach((d, a) => {
        if (!d.indicator) return;
        filter.push(publishable(col(xyName(a)), threshold));
        filter.push(publishable(`${col(xxName(0, a))} - ${col(xyName(a))}`, threshold));
      });
    }
    // The reference level of each factor, overall and per arm (the rest of the sum).
    const byFactor = new Map<string, number[]>();
    design.forEach((d, a) => {
      if (d.factor) byFactor.set(d.factor.column, [...(byFactor.get(d.factor.column) ?? []), a]);
    });
    for (const cols of arms ? byFactor.values() : []) {
      const all = cols.map((a) => col(xxName(0, a))).join(' + ');
      const treated = cols.map((a) => col(xxName(1, a))).join(' + ');
      filter.push(publishable(`${n} - (${all})`, threshold));
      filter.push(publishable(`${nt} - (${treated})`, threshold));
      filter.push(publishable(`${n} - ${nt} - (${all}) + (${treated})`, threshold));
    }
  }
  return `SELECT * FROM (${query}) ${q('s')} WHERE ${filter.join(' AND ')} ORDER BY ${q('m')}`;
}

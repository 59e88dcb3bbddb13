/**
 * From state histories to the per-client time in each state that `timeFractions` takes (Table
 * 5.3 of the 2012–2013 study: fractions of the observation window on benefit, in a job, other).
 * Two sources: a long monthly panel (client × month × state, where one client-month may carry
 * several states, so fractions can sum above 1) and spells (start and end per state).
 */

import { type ColumnTable, table as columnTable } from 'arquero';
import {
  asTable,
  describeValue,
  isMissing,
  numberColumn,
  requireColumns,
  stringColumn,
  type TableInput,
} from '../data/columns.js';
import { DEFAULT_EXPERIMENT_SCHEMA } from '../data/schema.js';
import { formatRows, InputError } from '../errors.js';
import { rejectUnknownKeys } from '../stats/option-keys.js';
import { documentMarkdown, tableFromRows } from '../table/index.js';

/** A date: a `Date`, an ISO `YYYY-MM-DD` string, or a number (days or any unit). */
export type DateLike = Date | string | number;

/** How {@link stateTimesFromPanel} reads a monthly panel. */
export interface StatePanelSpec {
  /** Client key column, in the panel and in `clients` (default `id`). */
  readonly id?: string;
  /** Month column: 1-based month since the start of the window (default `month`). */
  readonly month?: string;
  /** State column (default `state`); a missing state marks an observed month without a state. */
  readonly state?: string;
  /**
   * States to count, in output order (default: every state in the panel, sorted). A state in the
   * panel that is not listed is an error (`unknown-level`).
   */
  readonly states?: readonly string[];
  /**
   * One row per client with its window (months observed) and anything to carry along (arm,
   * covariates). Clients without panel rows get 0 months in every state. Without `clients`, a
   * client's window is the number of distinct months it appears in the panel.
   */
  readonly clients?: TableInput;
  /** Window column: in `clients`, or the output column without them (default `followup_months`). */
  readonly window?: string;
  /** Panel columns, constant per client, to carry into the output without `clients` (e.g. `arm`). */
  readonly carry?: readonly string[];
  /** Prefix of the output state columns (default `months_`). */
  readonly prefix?: string;
}

/** How {@link stateTimesFromSpells} reads spells. */
export interface StateSpellsSpec {
  /** Client key column, in the spells and in `clients` (default `id`). */
  readonly id?: string;
  /** State column of the spells (default `state`). */
  readonly state?: string;
  /** Spell start column (default `start`). */
  readonly start?: string;
  /** Spell end column (default `end`); a missing end is an ongoing spell (to the window end). */
  readonly end?: string;
  /** States to count, in output order (default: every state in the spells, sorted). */
  readonly states?: readonly string[];
  /** One row per client with its window start (and end) and anything to carry along. */
  readonly clients: TableInput;
  /** Window start column of `clients` (default `window_start`). */
  readonly windowStart?: string;
  /** Window end column of `clients` (default `window_end`), unless `until` is given. */
  readonly windowEnd?: string;
  /** One window end for every client (e.g. the end of observation, `'2014-01-31'`). */
  readonly until?: DateLike;
  /** Ends (of spells and windows) are inclusive: a spell from day 3 to day 5 lasts 3 days. Default true. */
  readonly endInclusive?: boolean;
  /** Output column with the window length (default `window_days`, or `window_length` for numbers). */
  readonly window?: string;
  /** Prefix of the output state columns (default `days_`, or `time_` for numbers). */
  readonly prefix?: string;
}

/** Per-client time in each state: the input of `timeFractions`. */
export interface StateTimes {
  /** `months` (panel), `days` (spells with dates) or `units` (spells with numbers). */
  readonly unit: 'months' | 'days' | 'units';
  readonly states: readonly string[];
  /** State → output column, e.g. `{ benefit: 'months_benefit' }`. */
  readonly columns: Readonly<Record<string, string>>;
  /** Output column with each client's window length. */
  readonly window: string;
  /** One row per client: carried columns, the window and the time per state. */
  readonly rows: readonly Readonly<Record<string, unknown>>[];
  /** What to pass to `timeFractions`: `timeFractions(st.rows, { ...st.timeFractionsSpec, compare })`. */
  readonly timeFractionsSpec: {
    readonly states: Readonly<Record<string, string>>;
    readonly window: string;
  };
  readonly method: string;
  /** The per-client rows (a copy). */
  toTable(): Record<string, unknown>[];
  /** Summary per state: clients with any time, mean time, mean fraction of the window. */
  toMarkdown(): string;
}

/**
 * Monthly panel → months in each state per client. For client i with window W_i (months
 * observed) and state s: T_is = #{months m ≤ W_i with a panel row (i, m, s)}; the fraction is
 * T_is / W_i (computed by `timeFractions`). A client-month may carry several states (benefit and
 * a job in the same month), so the fractions of one client can sum above 1, as in Table 5.3.
 *
 * Throws an `InputError` for an unknown column, a month that is not a whole number ≥ 1 or lies
 * beyond the client's window (`out-of-range`), the same (client, month, state) twice
 * (`duplicate-id`), a state not in `states` (`unknown-level`), a panel client not in `clients`
 * (`unknown-level`), a duplicate client in `clients` (`duplicate-id`), and a carried column
 * that varies within a client (`inconsistent`). Rows are named; ids never are (they may be BSNs).
 *
 * @example
 * const st = stateTimesFromPanel(panel, { states: ['benefit', 'job', 'other'], clients });
 * const tf = timeFractions(st.rows, { ...st.timeFractionsSpec, compare: ['intensive', 'basic'] });
 */
export function stateTimesFromPanel(panel: TableInput, spec: StatePanelSpec = {}): StateTimes {
  rejectUnknownKeys(
    spec,
    {
      id: true,
      month: true,
      state: true,
      states: true,
      clients: true,
      window: true,
      carry: true,
      prefix: true,
    },
    'stateTimesFromPanel',
  );
  const table = asTable(panel);
  const idCol = spec.id ?? DEFAULT_EXPERIMENT_SCHEMA.id;
  const monthCol = spec.month ?? 'month';
  const stateCol = spec.state ?? 'state';
  const windowCol = spec.window ?? DEFAULT_EXPERIMENT_SCHEMA.followup;
  const prefix = spec.prefix ?? 'months_';
  requireColumns(table, [idCol], 'id');
  requireColumns(table, [monthCol], 'month');
  requireColumns(table, [stateCol], 'state');
  const ids = stringColumn(table, idCol, { missing: 'error', sensitive: true }) as string[];
  const months = numberColumn(table, monthCol, { integer: true, min: 1 });
  const stateValues = stringColumn(table, stateCol);
  const states = resolveStates(spec.states, stateValues, stateCol);
  const stateIndex = new Map(states.map((s, k) => [s, k]));
  const columns = outputColumns(states, prefix);

  const clients =
    spec.clients === undefined ? undefined : clientIndex(asTable(spec.clients), idCol);
  if (clients) {
    requireColumns(clients.table, [windowCol], 'window');
    for (const c of Object.values(columns)) checkFree(clients.table, c);
  } else {
    for (const c of spec.carry ?? []) requireColumns(table, [c], 'carry');
  }
  const clientWindow = clients
    ? numberColumn(clients.table, windowCol, { missing: 'nan', min: 0 })
    : undefined;

  // Client order: the clients table, or first appearance in the panel. Row-level checks first
  // (their messages name rows): a client not in `clients`, a month beyond the client's window.
  const order = clients ? clients.keys : [...new Set(ids)];
  const position = clients ? clients.index : new Map(order.map((k, p) => [k, p]));
  const client = new Int32Array(ids.length);
  const unknownClient: number[] = [];
  const beyond: number[] = [];
  for (let r = 0; r < ids.length; r++) {
    const p = position.get(ids[r]!);
    if (p === undefined) unknownClient.push(r + 1);
    else if (clientWindow && months[r]! > clientWindow[p]!) beyond.push(r + 1);
    else client[r] = p;
  }
  if (unknownClient.length) {
    throw new InputError(
      `panel column '${idCol}' has clients that are not in the clients table, in ${formatRows(unknownClient)}`,
      { code: 'unknown-level', column: idCol, rows: unknownClient },
    );
  }
  if (beyond.length) {
    throw new InputError(
      `panel column '${monthCol}' has months beyond the client's window '${windowCol}' in ${formatRows(beyond)}`,
      { code: 'out-of-range', column: monthCol, rows: beyond },
    );
  }

  // The panel as positions: row number, client position, month, state index (−1: no state).
  const rowsOf = columnTable({
    row: Int32Array.from(ids, (_, r) => r + 1),
    client,
    month: months,
    state: Int32Array.from(stateValues, (s) => (s === null ? -1 : stateIndex.get(s)!)),
  });
  const withState = rowsOf.filter('d.state >= 0');
  const duplicate = withState
    .groupby('client', 'month', 'state')
    .filter('op.count() > 1')
    .orderby('row')
    .array('row') as ArrayLike<number>;
  if (duplicate.length) {
    const rows = Array.from(duplicate);
    throw new InputError(
      `the panel has the same client, month and state more than once, in ${formatRows(rows)}`,
      { code: 'duplicate-id', column: stateCol, rows },
    );
  }
  // T_is: the panel rows of client i with state s (one per month, duplicates being errors).
  const time = order.map(() => new Float64Array(states.length));
  const counts = withState.groupby('client', 'state').count({ as: 'months' });
  for (const c of counts.objects() as { client: number; state: number; months: number }[]) {
    time[c.client]![c.state] = c.months;
  }
  // Without `clients`, the window is the number of distinct months a client appears in.
  const observed = new Float64Array(order.length);
  if (!clients) {
    const windows = rowsOf.groupby('client').rollup({ months: 'op.distinct(d.month)' });
    for (const w of windows.objects() as { client: number; months: number }[]) {
      observed[w.client] = w.months;
    }
  }

  const carried = clients
    ? undefined
    : carryColumns(table, ids, spec.carry ?? [], position, order.length);
  const rows = order.map((key, p) => {
    const base: Record<string, unknown> = clients
      ? { ...(clients.table.object(p) as Record<string, unknown>) }
      : { [idCol]: key, ...carried![p], [windowCol]: observed[p]! };
    states.forEach((s, k) => {
      base[columns[s]!] = time[p]![k]!;
    });
    return base;
  });
  const method =
    `months per client in each state, from the monthly panel (client × month × state; a month may carry several states); ` +
    `window = ${clients ? `'${windowCol}' of the clients table` : 'distinct months observed in the panel'}`;
  return makeResult('months', states, columns, windowCol, rows, method);
}

/**
 * Spells → time in each state per client. For client i with window [a_i, b_i] and spells
 * [s_j, e_j] of state s: T_is = Σ_j |[s_j, e_j] ∩ [a_i, b_i]|, clipped to the window, with
 * inclusive ends by default (a spell from 1 to 3 January is 3 days); the window length is
 * b_i − a_i (+ 1 with inclusive ends). Spells of different states may overlap (benefit and a
 * part-time job), spells of one state may not. Dates (`Date` or `YYYY-MM-DD`) count in days;
 * numbers in their own unit. A missing end is an ongoing spell; a client with a missing window
 * start gets NaN (`timeFractions` then excludes and reports it).
 *
 * Throws an `InputError` for an unknown column, an end before the start (`inconsistent`), two
 * overlapping spells of one state of one client (`inconsistent`, both rows), a spell of a client not
 * in `clients` (`unknown-level`), a state not in `states` (`unknown-level`), a duplicate client
 * (`duplicate-id`), a value that is not a date or number (`wrong-type`), and a mix of dates and
 * numbers (`wrong-type`). Rows are named; ids never are.
 *
 * @example
 * const st = stateTimesFromSpells(spells, {
 *   clients, windowStart: 'experiment_start', until: '2014-01-31', states: ['benefit', 'job', 'other'],
 * });
 * const tf = timeFractions(st.rows, { ...st.timeFractionsSpec, compare: ['intensive', 'basic'] });
 */
export function stateTimesFromSpells(spells: TableInput, spec: StateSpellsSpec): StateTimes {
  rejectUnknownKeys(
    spec,
    {
      id: true,
      state: true,
      start: true,
      end: true,
      states: true,
      clients: true,
      windowStart: true,
      windowEnd: true,
      until: true,
      endInclusive: true,
      window: true,
      prefix: true,
    },
    'stateTimesFromSpells',
  );
  const table = asTable(spells);
  const idCol = spec.id ?? DEFAULT_EXPERIMENT_SCHEMA.id;
  const stateCol = spec.state ?? 'state';
  const startCol = spec.start ?? 'start';
  const endCol = spec.end ?? 'end';
  const wStartCol = spec.windowStart ?? 'window_start';
  const wEndCol = spec.windowEnd ?? 'window_end';
  const inclusive = spec.endInclusive ?? true;
  if (spec.clients === undefined) {
    throw new InputError('stateTimesFromSpells needs clients: one row per client with its window', {
      code: 'invalid-option',
    });
  }
  requireColumns(table, [idCol], 'id');
  requireColumns(table, [stateCol], 'state');
  requireColumns(table, [startCol], 'spell start');
  requireColumns(table, [endCol], 'spell end');
  const clients = clientIndex(asTable(spec.clients), idCol);
  requireColumns(clients.table, [wStartCol], 'window start');
  if (spec.until === undefined) requireColumns(clients.table, [wEndCol], 'window end');

  const kinds = new Set<'date' | 'number'>();
  const starts = timeColumn(table, startCol, kinds);
  const ends = timeColumn(table, endCol, kinds);
  const wStarts = timeColumn(clients.table, wStartCol, kinds);
  const wEnds =
    spec.until === undefined
      ? timeColumn(clients.table, wEndCol, kinds)
      : new Float64Array(clients.keys.length).fill(timeValue(spec.until, 'until', 0, kinds));
  if (kinds.size > 1) {
    throw new InputError(
      'spells and windows mix dates and numbers; use dates everywhere or numbers everywhere',
      { code: 'wrong-type' },
    );
  }
  const unit: 'days' | 'units' = kinds.has('number') ? 'units' : 'days';
  const windowCol = spec.window ?? (unit === 'days' ? 'window_days' : 'window_length');
  const prefix = spec.prefix ?? (unit === 'days' ? 'days_' : 'time_');
  const one = inclusive ? 1 : 0;

  const ids = stringColumn(table, idCol, { missing: 'error', sensitive: true }) as string[];
  const stateValues = stringColumn(table, stateCol, { missing: 'error' });
  const states = resolveStates(spec.states, stateValues, stateCol);
  const stateIndex = new Map(states.map((s, k) => [s, k]));
  const columns = outputColumns(states, prefix);
  for (const c of [...Object.values(columns), windowCol]) checkFree(clients.table, c);

  const missingStart: number[] = [];
  const backwards: number[] = [];
  const unknownClient: number[] = [];
  for (let r = 0; r < ids.length; r++) {
    if (Number.isNaN(starts[r]!)) missingStart.push(r + 1);
    else if (ends[r]! < starts[r]!) backwards.push(r + 1);
    if (!clients.index.has(ids[r]!)) unknownClient.push(r + 1);
  }
  if (missingStart.length) {
    throw new InputError(
      `spell column '${startCol}' has missing values in ${formatRows(missingStart)}`,
      {
        code: 'missing-value',
        column: startCol,
        rows: missingStart,
      },
    );
  }
  if (backwards.length) {
    throw new InputError(
      `spells end before they start ('${endCol}' < '${startCol}') in ${formatRows(backwards)}`,
      { code: 'inconsistent', column: endCol, rows: backwards },
    );
  }
  if (unknownClient.length) {
    throw new InputError(
      `spell column '${idCol}' has clients that are not in the clients table, in ${formatRows(unknownClient)}`,
      { code: 'unknown-level', column: idCol, rows: unknownClient },
    );
  }
  const badWindow: number[] = [];
  for (let p = 0; p < clients.keys.length; p++) {
    if (wEnds[p]! < wStarts[p]!) badWindow.push(p + 1);
  }
  if (badWindow.length) {
    throw new InputError(
      `client windows end before they start in ${formatRows(badWindow)} of the clients table`,
      {
        code: 'inconsistent',
        column: spec.until === undefined ? wEndCol : wStartCol,
        rows: badWindow,
      },
    );
  }

  // The spells of one client and state in start order (groups in order of first appearance, ties
  // in row order); one pass checks overlaps and sums the lengths clipped to the window.
  const ordered = columnTable({
    row: Int32Array.from(ids, (_, r) => r + 1),
    client: Int32Array.from(ids, (id) => clients.index.get(id)!),
    state: Int32Array.from(stateValues, (v) => stateIndex.get(v!)!),
    start: starts,
  })
    .groupby('client', 'state')
    .derive({ group: 'op.min(d.row)' })
    .ungroup()
    .orderby('group', 'start', 'row');
  const rowOf = ordered.array('row') as ArrayLike<number>;
  const clientOf = ordered.array('client') as ArrayLike<number>;
  const stateOf = ordered.array('state') as ArrayLike<number>;
  const groupOf = ordered.array('group') as ArrayLike<number>;
  const time = clients.keys.map(() => new Float64Array(states.length));
  let group = -1;
  let previousEnd = Number.NEGATIVE_INFINITY;
  let previousRow = -1;
  for (let i = 0; i < rowOf.length; i++) {
    const r = rowOf[i]! - 1;
    const p = clientOf[i]!;
    const k = stateOf[i]!;
    if (groupOf[i] !== group) {
      group = groupOf[i]!;
      previousEnd = Number.NEGATIVE_INFINITY;
      previousRow = -1;
    }
    const s = starts[r]!;
    const e = Number.isNaN(ends[r]!) ? Number.POSITIVE_INFINITY : ends[r]!;
    if (inclusive ? s <= previousEnd : s < previousEnd) {
      throw new InputError(
        `spells of state '${states[k]}' of one client overlap: rows ${previousRow + 1} and ${r + 1}`,
        {
          code: 'inconsistent',
          column: startCol,
          rows: [previousRow + 1, r + 1],
          value: states[k]!,
        },
      );
    }
    if (e > previousEnd) {
      previousEnd = e;
      previousRow = r;
    }
    // A client without a window start gets NaN below, whatever its spells.
    const a = wStarts[p]!;
    if (Number.isNaN(a)) continue;
    const from = Math.max(s, a);
    const to = Math.min(e, wEnds[p]!);
    if (to + one > from) time[p]![k]! += to - from + one;
  }
  const rows = clients.keys.map((_, p) => {
    const row: Record<string, unknown> = {
      ...(clients.table.object(p) as Record<string, unknown>),
    };
    const a = wStarts[p]!;
    row[windowCol] = Number.isNaN(a) ? Number.NaN : wEnds[p]! - a + one;
    states.forEach((s, k) => {
      row[columns[s]!] = Number.isNaN(a) ? Number.NaN : time[p]![k]!;
    });
    return row;
  });
  const method =
    `${unit} per client in each state from spells clipped to the client's window ` +
    `('${wStartCol}' to ${spec.until === undefined ? `'${wEndCol}'` : describeValue(spec.until)}), ` +
    `${inclusive ? 'inclusive' : 'exclusive'} ends; spells of different states may overlap`;
  return makeResult(unit, states, columns, windowCol, rows, method);
}

interface ClientIndex {
  readonly table: ColumnTable;
  readonly keys: readonly string[];
  readonly index: ReadonlyMap<string, number>;
}

function clientIndex(table: ColumnTable, idCol: string): ClientIndex {
  requireColumns(table, [idCol], 'client id');
  const keys = stringColumn(table, idCol, { missing: 'error', sensitive: true }) as string[];
  const index = new Map<string, number>();
  const dup: number[] = [];
  keys.forEach((k, p) => {
    if (index.has(k)) dup.push(index.get(k)! + 1, p + 1);
    else index.set(k, p);
  });
  if (dup.length) {
    const rows = [...new Set(dup)].sort((a, b) => a - b);
    throw new InputError(
      `the clients table has the same '${idCol}' more than once, in ${formatRows(rows)}`,
      {
        code: 'duplicate-id',
        column: idCol,
        rows,
      },
    );
  }
  return { table, keys, index };
}

function resolveStates(
  wanted: readonly string[] | undefined,
  values: readonly (string | null)[],
  column: string,
): string[] {
  const present = [...new Set(values.filter((v): v is string => v !== null))];
  if (wanted === undefined) {
    if (present.length === 0) {
      throw new InputError(`column '${column}' has no states`, { code: 'empty', column });
    }
    return present.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }
  if (!Array.isArray(wanted) || wanted.length === 0 || new Set(wanted).size !== wanted.length) {
    throw new InputError('states must be a non-empty list of distinct state names', {
      code: 'invalid-option',
    });
  }
  const known = new Set(wanted);
  const rows: number[] = [];
  let first: string | undefined;
  values.forEach((v, r) => {
    if (v !== null && !known.has(v)) {
      first ??= v;
      rows.push(r + 1);
    }
  });
  if (rows.length) {
    throw new InputError(
      `column '${column}' has a state not among states (${wanted.join(', ')}): ${describeValue(first)} in ${formatRows(rows)}`,
      { code: 'unknown-level', column, rows, value: describeValue(first) },
    );
  }
  return [...wanted];
}

function outputColumns(states: readonly string[], prefix: string): Record<string, string> {
  return Object.fromEntries(states.map((s) => [s, `${prefix}${s}`]));
}

function checkFree(table: ColumnTable, column: string): void {
  if (table.columnNames().includes(column)) {
    throw new InputError(
      `the clients table already has a column '${column}', which the output would overwrite; choose another prefix or window name`,
      { code: 'invalid-option', column },
    );
  }
}

/** Panel columns constant within a client, one record per client position. */
function carryColumns(
  table: ColumnTable,
  ids: readonly string[],
  carry: readonly string[],
  position: ReadonlyMap<string, number>,
  count: number,
): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = Array.from({ length: count }, () => ({}));
  const firstRow = new Array<number>(count).fill(-1);
  for (const c of carry) {
    const values = table.array(c) as unknown[];
    const bad: number[] = [];
    ids.forEach((id, r) => {
      const p = position.get(id)!;
      const v = values[r];
      if (!(c in out[p]!)) {
        out[p]![c] = v;
        firstRow[p] = r;
      } else if (!sameValue(out[p]![c], v)) bad.push(firstRow[p]! + 1, r + 1);
    });
    if (bad.length) {
      const rows = [...new Set(bad)].sort((a, b) => a - b);
      throw new InputError(
        `carried column '${c}' differs within one client, in ${formatRows(rows)}; carry only columns that are constant per client`,
        { code: 'inconsistent', column: c, rows },
      );
    }
  }
  return out;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (isMissing(a) && isMissing(b)) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b;
}

const DAY = 86_400_000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A date or number as a number: days since 1970-01-01 (UTC) for dates; NaN when missing. */
function timeValue(v: unknown, column: string, row: number, kinds: Set<'date' | 'number'>): number {
  if (isMissing(v)) return Number.NaN;
  if (typeof v === 'number' && Number.isFinite(v)) {
    kinds.add('number');
    return v;
  }
  if (v instanceof Date && !Number.isNaN(v.getTime())) {
    kinds.add('date');
    return v.getTime() / DAY;
  }
  if (typeof v === 'string') {
    const m = ISO.exec(v.trim());
    if (m) {
      const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
      const d = new Date(ms);
      if (d.getUTCDate() === Number(m[3])) {
        kinds.add('date');
        return ms / DAY;
      }
    }
  }
  const where = row > 0 ? ` in row ${row}` : '';
  throw new InputError(
    `'${column}' must be a date (Date or YYYY-MM-DD) or a number, but has ${describeValue(v)}${where}`,
    { code: 'wrong-type', column, ...(row > 0 ? { rows: [row] } : {}), value: describeValue(v) },
  );
}

function timeColumn(table: ColumnTable, name: string, kinds: Set<'date' | 'number'>): Float64Array {
  const values = table.array(name) as unknown[];
  return Float64Array.from(values, (v, r) => timeValue(v, name, r + 1, kinds));
}

function makeResult(
  unit: StateTimes['unit'],
  states: readonly string[],
  columns: Readonly<Record<string, string>>,
  window: string,
  rows: readonly Record<string, unknown>[],
  method: string,
): StateTimes {
  const base = {
    unit,
    states,
    columns,
    window,
    rows,
    timeFractionsSpec: { states: columns, window },
    method,
  };
  return {
    ...base,
    toTable: () => rows.map((r) => ({ ...r })),
    toMarkdown: () => {
      const summary = states.map((s) => {
        let any = 0;
        let total = 0;
        let fraction = 0;
        let withWindow = 0;
        for (const r of rows) {
          const t = r[columns[s]!] as number;
          const w = r[window] as number;
          if (Number.isNaN(t)) continue;
          if (t > 0) any++;
          total += t;
          if (w > 0) {
            fraction += t / w;
            withWindow++;
          }
        }
        return {
          state: s,
          'clients with any time': any,
          [`mean ${unit}`]: rows.length ? total / rows.length : Number.NaN,
          'mean fraction of window': withWindow ? fraction / withWindow : Number.NaN,
        };
      });
      return documentMarkdown([
        { kind: 'table', table: tableFromRows(summary, { id: 'state_times', title: unit }) },
        { kind: 'paragraph', text: `${rows.length} clients; ${method}.` },
      ]);
    },
  };
}

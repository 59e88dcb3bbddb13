/**
 * Survival-shaped input, as R's `Surv(time, status)`: one observed time per client and a status
 * naming the destination reached at that time, or "censored". Converted once to the wide
 * experiment form (an observation end plus one `month_<destination>` column per destination), so
 * every analysis reads it; the destinations of one status column compete (the first ends the
 * spell), which the analyses are told through `competing`.
 */
import type { ColumnTable } from 'arquero';
import { formatRows, InputError } from '../errors.js';
import {
  asTable,
  columnValues,
  numberColumn,
  requireColumns,
  stringColumn,
  type TableInput,
} from './columns.js';

/** Columns of a survival-shaped table. */
export interface SurvivalColumns {
  /** Observed time in months: the event time, or the last month observed (censored). */
  readonly time: string;
  /** Destination reached at `time` (a label such as `recurrence`, or a number 1…K), or censored. */
  readonly status: string;
  /** Status value meaning censored (default `censored`; `0` also counts when the column is numeric). */
  readonly censored?: string;
}

/** The wide form of a survival-shaped table. */
export interface SurvivalWide {
  /** The input table plus the follow-up column and one event-month column per destination. */
  readonly table: ColumnTable;
  /** Name of the added follow-up column (observation end). */
  readonly followup: string;
  /** Event-month column per destination, in first-seen order. */
  readonly events: Readonly<Record<string, string>>;
}

/** Prefix of the event-month columns the conversion adds. */
const EVENT_PREFIX = 'month_';

/**
 * Converts `Surv(time, status)` columns to the wide form: for a client with destination d at
 * time t, `month_<d>` = ⌈t⌉ (the month in which it happened, months being whole) and the
 * follow-up is ⌈t⌉ (the status at that month is known); a censored client at time t has no
 * event and follow-up t (observed at month m exactly when t ≥ m). The follow-up is then an
 * *observation end*, not a potential follow-up: complete follow-up would be biased on it, so
 * analyse it with `censoring: 'ipcw'` (or Kaplan–Meier / Aalen–Johansen curves). The
 * destinations compete: a client has at most one, and after it none of the others can happen.
 *
 * Throws an `InputError` naming the column, rows and value for a missing or negative time
 * (`missing-value`, `out-of-range`), an event at time 0 (`out-of-range`), a missing status
 * (`missing-value`), no destination at all (`no-cases`), or an added column that exists
 * (`duplicate-column`). O(n).
 *
 * @example
 * const wide = survivalToWide(
 *   [{ arm: 'a', t: 3.2, s: 'recurrence' }, { arm: 'b', t: 10, s: 'censored' }],
 *   { time: 't', status: 's' },
 * );
 * wide.events; // { recurrence: 'month_recurrence' }
 * wide.table.array('month_recurrence'); // [4, null]; followup_months: [4, 10]
 */
export function survivalToWide(
  data: TableInput,
  columns: SurvivalColumns,
  followupName = 'followup_months',
): SurvivalWide {
  const table = asTable(data);
  requireColumns(table, [columns.time, columns.status], 'survival');
  const time = numberColumn(table, columns.time, { min: 0 });
  const status = stringColumn(table, columns.status, { missing: 'error' });
  const numeric = columnValues(table, columns.status).every((v) => typeof v === 'number');
  const censored = new Set([columns.censored ?? 'censored', ...(numeric ? ['0'] : [])]);

  const destinations: string[] = [];
  const atZero: number[] = [];
  for (let i = 0; i < status.length; i++) {
    const s = status[i]!;
    if (censored.has(s)) continue;
    if (!destinations.includes(s)) destinations.push(s);
    if (!(time[i]! > 0)) atZero.push(i + 1);
  }
  if (atZero.length) {
    throw new InputError(
      `column '${columns.time}' must be > 0 for clients with a destination (the event falls in month ⌈time⌉ ≥ 1), but is 0 in ${formatRows(atZero)}`,
      { code: 'out-of-range', column: columns.time, rows: atZero, value: '0' },
    );
  }
  if (destinations.length === 0) {
    throw new InputError(
      `column '${columns.status}' has no destination: every value is censored ('${[...censored].join("', '")}')`,
      { code: 'no-cases', column: columns.status },
    );
  }
  const events: Record<string, string> = {};
  for (const d of destinations) events[d] = `${EVENT_PREFIX}${d}`;
  const added = [followupName, ...Object.values(events)];
  const existing = added.filter((name) => table.columnNames().includes(name));
  if (existing.length) {
    throw new InputError(
      `survival input: the wide form adds column '${existing[0]}', which the table already has; rename it`,
      { code: 'duplicate-column', column: existing[0]! },
    );
  }

  const followup = new Float64Array(time.length);
  const months: Record<string, (number | null)[]> = {};
  for (const d of destinations) months[d] = new Array<number | null>(time.length).fill(null);
  for (let i = 0; i < time.length; i++) {
    const s = status[i]!;
    if (censored.has(s)) {
      followup[i] = time[i]!;
    } else {
      const month = Math.ceil(time[i]!);
      followup[i] = month;
      months[s]![i] = month;
    }
  }
  const assigned: Record<string, Float64Array | (number | null)[]> = { [followupName]: followup };
  for (const d of destinations) assigned[events[d]!] = months[d]!;
  return { table: table.assign(assigned), followup: followupName, events };
}

/**
 * Reading and checking the client table for `cumulativeOutflow`: columns → typed arrays,
 * exclusions (reported, never silent), groups, and the data errors that must stop the analysis.
 */

import { asTable, type TableInput } from '../data/columns.js';
import {
  type ExperimentIntake,
  intakeArms,
  intakeFollowupAndEvents,
  isExperimentIntake,
} from '../data/intake.js';
import { DEFAULT_EXPERIMENT_SCHEMA } from '../data/schema.js';
import { InputError } from '../errors.js';

/** Why rows were left out of the estimation. */
export type ExclusionReason = 'missing-followup' | 'missing-group';

/** Rows left out for one reason (1-based data rows). */
export interface OutflowExclusion {
  readonly reason: ExclusionReason;
  readonly count: number;
  readonly rows: readonly number[];
}

/** One destination: its label and the column holding the month of the event. */
export interface Destination {
  readonly label: string;
  readonly column: string;
}

/** Clients of one group, as typed arrays aligned by client. */
export interface GroupData {
  readonly group: string;
  /** 1-based table rows of these clients (for messages). */
  readonly rows: Int32Array;
  readonly followup: Float64Array;
  /** `eventMonth[d][i]`: month of destination d for client i, NaN if never. */
  readonly eventMonth: readonly Float64Array[];
  /** Clients of this group left out (missing follow-up). */
  readonly excluded: number;
}

/** Everything the estimators need, already checked. */
export interface OutflowInput {
  readonly destinations: readonly Destination[];
  readonly groups: readonly GroupData[];
  readonly excluded: readonly OutflowExclusion[];
}

/** The column spec, as `cumulativeOutflow` receives it. */
export interface OutflowColumns {
  readonly events: readonly string[] | Readonly<Record<string, string>>;
  readonly followup: string;
  readonly group: string | null;
  readonly groups: readonly string[] | undefined;
}

/** Destination labels: record keys, or column names without a leading `month_`. */
export function destinations(events: OutflowColumns['events']): Destination[] {
  const list: Destination[] = Array.isArray(events)
    ? (events as readonly string[]).map((column) => ({
        label: eventLabel(column),
        column,
      }))
    : Object.entries(events).map(([label, column]) => ({ label, column }));
  if (list.length === 0) {
    throw new InputError('events must name at least one event column', {
      code: 'invalid-option',
    });
  }
  const seen = new Set<string>();
  for (const d of list) {
    if (typeof d.column !== 'string' || d.column === '') {
      throw new InputError(`event '${d.label}' needs a column name`, { code: 'invalid-option' });
    }
    if (seen.has(d.label)) {
      throw new InputError(`destination label '${d.label}' is used twice`, {
        code: 'invalid-option',
        value: d.label,
      });
    }
    seen.add(d.label);
  }
  return list;
}

/**
 * Reads, validates and splits the table (or an intake already built, whose follow-up, event
 * months and arm labels are reused). Throws `InputError` for an unknown column
 * (`missing-column`, listing those available), non-numeric months (`wrong-type`), event months
 * that are not whole numbers ≥ 1 or negative follow-up (`out-of-range`), an event after the
 * follow-up (`event-after-followup`, with rows) and a requested group without clients
 * (`empty-group`). Missing follow-up or group excludes the row and is reported.
 */
export function readOutflowInput(
  data: TableInput | ExperimentIntake,
  spec: OutflowColumns,
): OutflowInput {
  const source = isExperimentIntake(data) ? data : asTable(data);
  const table = isExperimentIntake(source) ? source.table : source;
  const dests = destinations(spec.events);

  const n = table.numRows();
  const read = intakeFollowupAndEvents(
    source,
    spec.followup,
    dests.map((d) => d.column),
    { wholeMonths: true },
  );
  const followup = read.followup;
  const months = dests.map((d) => read.events[d.column]!);
  const labels: readonly (string | null)[] =
    spec.group === null
      ? new Array<string>(n).fill('all')
      : intakeArms(source, spec.group, 'group');

  const missingFollowup: number[] = [];
  const missingGroup: number[] = [];
  const byGroup = new Map<string, number[]>();
  const excludedByGroup = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const g = labels[i];
    if (g === null || g === undefined) {
      missingGroup.push(i + 1);
      continue;
    }
    if (Number.isNaN(followup[i]!)) {
      missingFollowup.push(i + 1);
      excludedByGroup.set(g, (excludedByGroup.get(g) ?? 0) + 1);
      if (!byGroup.has(g)) byGroup.set(g, []);
      continue;
    }
    let list = byGroup.get(g);
    if (!list) {
      list = [];
      byGroup.set(g, list);
    }
    list.push(i);
  }

  const order = spec.groups ?? [...byGroup.keys()];
  if (order.length === 0) {
    throw new InputError('the table has no clients to analyse', { code: 'empty-group' });
  }
  const groups: GroupData[] = order.map((group) => {
    const idx = byGroup.get(group) ?? [];
    if (idx.length === 0) {
      const excluded = excludedByGroup.get(group) ?? 0;
      const why = excluded ? ` (all ${excluded} rows lack '${spec.followup}')` : '';
      const known = [...byGroup.keys()].join(', ');
      throw new InputError(
        `group '${group}' has no clients${why}; groups in '${spec.group}': ${known || '(none)'}`,
        {
          code: 'empty-group',
          ...(spec.group === null ? {} : { column: spec.group }),
          value: group,
        },
      );
    }
    const m = idx.length;
    const rows = new Int32Array(m);
    const f = new Float64Array(m);
    const ev = dests.map(() => new Float64Array(m));
    for (let k = 0; k < m; k++) {
      const i = idx[k]!;
      rows[k] = i + 1;
      f[k] = followup[i]!;
      for (let d = 0; d < dests.length; d++) ev[d]![k] = months[d]![i]!;
    }
    return { group, rows, followup: f, eventMonth: ev, excluded: excludedByGroup.get(group) ?? 0 };
  });

  // Rows of groups the caller did not ask for are not analysed; they are not "excluded".
  const excluded: OutflowExclusion[] = [];
  const wanted = new Set(order);
  const mf = missingFollowup.filter((r) => wanted.has(labels[r - 1]!));
  if (mf.length) excluded.push({ reason: 'missing-followup', count: mf.length, rows: mf });
  if (missingGroup.length) {
    excluded.push({ reason: 'missing-group', count: missingGroup.length, rows: missingGroup });
  }
  return { destinations: dests, groups, excluded };
}

/** An event column's label: the name without the `month_` prefix (`month_work` → `work`). */
function eventLabel(column: string): string {
  const prefix = DEFAULT_EXPERIMENT_SCHEMA.eventPrefix;
  return column.startsWith(prefix) && column.length > prefix.length
    ? column.slice(prefix.length)
    : column;
}

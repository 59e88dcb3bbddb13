/**
 * The two-arm survival sample shared by the table-level survival estimators (incidence
 * difference, log-rank, Gray, RMST): the client table read through `readOutflowInput` (so the
 * intake's cleaning, exclusions and errors are the same as for the outflow curves), turned into
 * one (time, status) pair per client of each arm.
 */
import type { TableInput } from '../data/columns.js';
import { type ExperimentIntake, experimentRoles, isExperimentIntake } from '../data/intake.js';
import { formatRows, InputError } from '../errors.js';
import { type OutflowExclusion, readOutflowInput } from './outflow-input.js';

/** Columns and arm labels of a two-arm time-to-event comparison. Defaults: the experiment schema. */
export interface SurvivalSpec {
  /** Arm column (default `arm`). */
  readonly arm?: string;
  /** Label of the treated arm (default `experiment`). */
  readonly treatment?: string;
  /** Label of the control arm (default `control`). */
  readonly control?: string;
  /** Months observed per client (default `followup_months`). */
  readonly followup?: string;
  /** Event-month column of the event of interest (e.g. `month_work`). */
  readonly event: string;
  /**
   * Event-month columns of the competing destinations (e.g. `['month_bijstand']`): a client's
   * first destination counts, and one who left to a competing destination first cannot have the
   * event any more. Without it, other destinations do not stop the follow-up.
   */
  readonly competing?: readonly string[];
  /**
   * When a client has the event and a competing destination in the same month, the column
   * listed first here counts. Without it such ties are an error (`tied-events`).
   */
  readonly tiePriority?: readonly string[];
}

/** One arm: per client the time (first event, else end of follow-up) and status. */
export interface SurvivalArm {
  readonly label: string;
  /** 1-based table rows of the clients (for messages; never their ids). */
  readonly rows: Int32Array;
  /** Month of the first event, or the follow-up when none was observed. */
  readonly time: Float64Array;
  /** 0 censored, 1 the event, 1 + k the k-th competing destination. */
  readonly status: Uint8Array;
}

/** The sample: treated arm first, then control, and the rows left out with their reason. */
export interface SurvivalSample {
  readonly arms: readonly [SurvivalArm, SurvivalArm];
  readonly event: string;
  readonly competing: readonly string[];
  readonly followup: string;
  readonly armColumn: string;
  readonly excluded: readonly OutflowExclusion[];
}

/**
 * Reads the two arms with (time, status) per client: time = min(event months, follow-up),
 * status = which destination came first (0: none before the end of follow-up). Throws the
 * intake's `InputError`s (unknown column, wrong type, event after follow-up, empty arm) and
 * `tied-events` for same-month destinations without `tiePriority`.
 *
 * @example
 * const s = survivalSample(clients, { event: 'month_work', competing: ['month_bijstand'] });
 * s.arms[0].label; // 'experiment'
 * s.arms[0].status; // Uint8Array [1, 0, 2, …]
 */
export function survivalSample(
  data: TableInput | ExperimentIntake,
  spec: SurvivalSpec,
): SurvivalSample {
  const roles = experimentRoles({
    ...(isExperimentIntake(data) ? data.roles : {}),
    ...(spec.arm === undefined ? {} : { arm: spec.arm }),
    ...(spec.treatment === undefined ? {} : { treatment: spec.treatment }),
    ...(spec.control === undefined ? {} : { control: spec.control }),
    ...(spec.followup === undefined ? {} : { followup: spec.followup }),
  });
  if (typeof spec.event !== 'string' || spec.event === '') {
    throw new InputError('event must name the event-month column, e.g. "month_work"', {
      code: 'invalid-option',
      value: String(spec.event),
    });
  }
  const competing = spec.competing ?? [];
  const columns = [spec.event, ...competing];
  if (new Set(columns).size !== columns.length) {
    throw new InputError(
      `event and competing must be different columns, got ${columns.join(', ')}`,
      { code: 'invalid-option', value: columns.join(', ') },
    );
  }
  const priority = tieOrder(columns, spec.tiePriority);
  const input = readOutflowInput(data, {
    events: Object.fromEntries(columns.map((c) => [c, c])),
    followup: roles.followup,
    group: roles.arm,
    groups: [roles.treatment, roles.control],
  });
  const arms = input.groups.map(
    (g): SurvivalArm => ({
      label: g.group,
      rows: g.rows,
      ...firstEvent(g.eventMonth, g.followup, g.rows, columns, priority),
    }),
  );
  return {
    arms: [arms[0]!, arms[1]!],
    event: spec.event,
    competing,
    followup: roles.followup,
    armColumn: roles.arm,
    excluded: input.excluded,
  };
}

/**
 * Time and status per client from event months (NaN: none) and follow-up: time = the first
 * event month, else the follow-up; status = 1 + the index of the first column (0: none). Two
 * columns in the same month go by `priority` (column indices, first wins) or, without it, are
 * a `tied-events` error naming the (1-based) `rows`.
 *
 * @example
 * firstEvent([Float64Array.of(3, NaN)], Float64Array.of(12, 24), Int32Array.of(1, 2), ['month_work'], undefined);
 * // { time: Float64Array [3, 24], status: Uint8Array [1, 0] }
 */
export function firstEvent(
  months: readonly Float64Array[],
  followup: Float64Array,
  rows: Int32Array,
  columns: readonly string[],
  priority: readonly number[] | undefined,
): { time: Float64Array; status: Uint8Array } {
  const n = followup.length;
  const time = new Float64Array(n);
  const status = new Uint8Array(n);
  const tied: number[] = [];
  const order = priority ?? columns.map((_, k) => k);
  for (let i = 0; i < n; i++) {
    let first = Number.POSITIVE_INFINITY;
    let which = -1;
    let tie = false;
    for (const k of order) {
      const e = months[k]![i]!;
      if (Number.isNaN(e)) continue;
      if (e < first) {
        first = e;
        which = k;
        tie = false;
      } else if (e === first) tie = true;
    }
    if (tie && !priority) tied.push(rows[i]!);
    time[i] = which >= 0 ? first : followup[i]!;
    status[i] = which + 1;
  }
  if (tied.length) {
    throw new InputError(
      `clients have the event and a competing destination in the same month (${columns.join(', ')}) in ${formatRows(tied)}; pass tiePriority to say which counts`,
      { code: 'tied-events', rows: tied },
    );
  }
  return { time, status };
}

/**
 * Column indices in tie-break order (`tiePriority` names columns; unnamed ones follow), or
 * undefined when ties are errors. Throws `invalid-option` for a name that is not a column.
 *
 * @example
 * tieOrder(['month_work', 'month_bijstand'], ['month_bijstand']); // [1, 0]
 */
export function tieOrder(
  columns: readonly string[],
  tiePriority: readonly string[] | undefined,
): number[] | undefined {
  if (tiePriority === undefined) return undefined;
  const order = tiePriority.map((c) => {
    const k = columns.indexOf(c);
    if (k < 0) {
      throw new InputError(
        `tiePriority names '${c}', which is not the event or a competing column (${columns.join(', ')})`,
        { code: 'invalid-option', value: c },
      );
    }
    return k;
  });
  for (let k = 0; k < columns.length; k++) if (!order.includes(k)) order.push(k);
  return order;
}

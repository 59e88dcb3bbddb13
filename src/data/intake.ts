/**
 * The experiment intake: the column roles of an analysis resolved once from its spec (with the
 * defaults of `schema.ts`), the table checked against them once, and a typed view the analyses
 * work from — arm labels as strings, follow-up and event months as `Float64Array`s (NaN when
 * missing), the covariates as a model matrix (numbers as numbers, text and declared factors as
 * dummies), and the rows a two-arm analysis leaves out, by reason.
 */
import type { ColumnTable } from 'arquero';
import { formatRows, InputError } from '../errors.js';
import { asTable, numberColumn, requireColumns, stringColumn, type TableInput } from './columns.js';
import { normaliseId } from './ids.js';
import { type ModelMatrix, modelMatrix } from './model-matrix.js';
import {
  DEFAULT_EXPERIMENT_SCHEMA,
  type ExperimentSchema,
  MAX_PLAUSIBLE_MONTHS,
  type ResolvedExperimentSchema,
} from './schema.js';

/** Column names and arm labels an analysis may name; every field has a default. */
export interface ExperimentRolesSpec {
  /** Client key column (default `id`). */
  readonly id?: string;
  /** Assigned arm column (default `arm`). */
  readonly arm?: string;
  /** Label of the treated arm (default `experiment`). */
  readonly treatment?: string;
  /** Label of the control arm (default `control`). */
  readonly control?: string;
  /** Months observed since the start (default `followup_months`). */
  readonly followup?: string;
  /** The one event-month column of an analysis (e.g. `month_bijstand`). */
  readonly event?: string;
  /** Event-month columns (default: `event`, else every `month_*` column). */
  readonly events?: readonly string[];
  /** Service received (default `participation`). */
  readonly participation?: string;
  /** Risk-scan decile (default `decile`). */
  readonly decile?: string;
  /** Risk-scan score (default `risk`). */
  readonly risk?: string;
  /** Covariate columns (default none). */
  readonly covariates?: readonly string[];
}

/** The column roles with every default filled in. */
export interface ExperimentRoles {
  readonly id: string;
  readonly arm: string;
  readonly treatment: string;
  readonly control: string;
  readonly followup: string;
  readonly events: readonly string[];
  readonly participation: string;
  readonly decile: string;
  readonly risk: string;
  readonly covariates: readonly string[];
}

/**
 * Resolves the column roles of a spec with the documented defaults (docs/data-schema.md):
 * `id`, `arm` with arms `experiment` / `control`, `followup_months`, the events (`event`, else
 * every `month_*` column of `columnNames`), `participation`, `decile`, `risk`, no covariates.
 * Throws `invalid-option` when the treatment and control labels are the same.
 *
 * @example
 * experimentRoles({ treatment: 'intensive', control: 'basic' }, ['id', 'arm', 'month_work']);
 * // { id: 'id', arm: 'arm', treatment: 'intensive', control: 'basic', followup: 'followup_months',
 * //   events: ['month_work'], participation: 'participation', decile: 'decile', risk: 'risk', covariates: [] }
 */
export function experimentRoles(
  spec: ExperimentRolesSpec = {},
  columnNames: readonly string[] = [],
): ExperimentRoles {
  const d = DEFAULT_EXPERIMENT_SCHEMA;
  const treatment = spec.treatment ?? d.treatment;
  const control = spec.control ?? d.control;
  if (treatment === control) {
    throw new InputError(
      `treatment and control must be different arm labels, both are '${treatment}'`,
      { code: 'invalid-option', value: treatment },
    );
  }
  return {
    id: spec.id ?? d.id,
    arm: spec.arm ?? d.arm,
    treatment,
    control,
    followup: spec.followup ?? d.followup,
    events:
      spec.events ??
      (spec.event === undefined
        ? columnNames.filter((n) => n.startsWith(d.eventPrefix))
        : [spec.event]),
    participation: spec.participation ?? d.participation,
    decile: spec.decile ?? d.decile,
    risk: spec.risk ?? d.risk,
    covariates: spec.covariates ?? [],
  };
}

/**
 * Fills in the defaults of a validation schema, through {@link experimentRoles} (the same roles
 * the analyses use). Without `events`, every column of `columnNames` starting with `month_` is
 * an event column; the decile is checked only when named.
 *
 * @example
 * resolveSchema({ arms: ['experiment', 'control'] }, ['id', 'arm', 'followup_months', 'month_work']).events;
 * // ['month_work']
 */
export function resolveSchema(
  schema: ExperimentSchema = {},
  columnNames: readonly string[] = [],
): ResolvedExperimentSchema {
  const { arms, maxMonth, decile, ...named } = schema;
  const roles = experimentRoles(named, columnNames);
  return {
    id: roles.id,
    arm: roles.arm,
    arms,
    followup: roles.followup,
    events: roles.events,
    maxMonth,
    covariates: roles.covariates,
    decile,
  };
}

/** Rows left out of an analysis, by reason; never silent. */
export interface Exclusion {
  readonly reason: string;
  readonly count: number;
}

/** The roles plus how covariates are coded. */
export interface IntakeSpec extends ExperimentRolesSpec {
  /** Reference level per factor covariate (default: first level in sorted order, as R). */
  readonly reference?: Readonly<Record<string, string>>;
  /** Numeric covariates to treat as factors (e.g. an office code). */
  readonly factors?: readonly string[];
  /** Rows with a missing covariate: `'drop'` (default, reported) or `'error'`. */
  readonly missing?: 'drop' | 'error';
}

/** What the intake reads besides the arms and covariates. */
export interface IntakeOptions {
  /** Read the follow-up column (implied by `events`). */
  readonly followup?: boolean;
  /** Event-month columns to read (checked against the follow-up). Default: none. */
  readonly events?: readonly string[];
  /** Read the id column as text (values never shown in messages). Default false. */
  readonly ids?: boolean;
}

/** The typed, validated view of an experiment table: what the analyses work from. */
export interface ExperimentIntake {
  readonly kind: 'experiment-intake';
  readonly table: ColumnTable;
  readonly roles: ExperimentRoles;
  /** Rows of the table. */
  readonly n: number;
  /** Client keys as trimmed text (`normaliseId`; `null` when missing), when asked for. */
  readonly ids: readonly (string | null)[] | undefined;
  /** Arm label per row, `null` when missing. */
  readonly arms: readonly (string | null)[];
  /** Months of follow-up per row (NaN when missing), when read. */
  readonly followup: Float64Array | undefined;
  /** Event month per row of each event column read (NaN: no event observed). */
  readonly events: Readonly<Record<string, Float64Array>>;
  /** The covariates with their types (declared factors, text as factors, numbers as numbers), with intercept. */
  readonly covariates: ModelMatrix;
  /** Row of `covariates` per table row, −1 when a covariate is missing. */
  readonly designRow: Int32Array;
  /** Rows without follow-up, with their reason (when the follow-up was read). */
  readonly missingFollowup: { readonly reason: string; readonly rows: Uint8Array } | undefined;
  /** Rows a two-arm analysis of the whole table leaves out, by reason. */
  readonly excluded: readonly Exclusion[];
}

/**
 * True for an {@link ExperimentIntake} (so an analysis can take one already built).
 *
 * @example
 * isExperimentIntake(experimentIntake(table, {})); // true
 */
export function isExperimentIntake(value: unknown): value is ExperimentIntake {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'experiment-intake'
  );
}

/** Options of {@link followupAndEvents}. */
export interface FollowupAndEventsOptions {
  /** Require event months to be whole numbers (as the outflow curves do). Default false. */
  readonly wholeMonths?: boolean;
}

/**
 * Reads the follow-up column: numbers from 0 to `MAX_PLAUSIBLE_MONTHS` (1,200), missing as NaN
 * (`missing-column` naming the role, `wrong-type` also for booleans, `out-of-range`). The one reader of a follow-up or observation window.
 *
 * @example
 * readFollowup(table, 'followup_months'); // Float64Array [12, 24, NaN, …]
 */
export function readFollowup(table: ColumnTable, name: string, role = 'follow-up'): Float64Array {
  requireColumns(table, [name], role);
  return numberColumn(table, name, {
    missing: 'nan',
    min: 0,
    max: MAX_PLAUSIBLE_MONTHS,
    booleans: false,
  });
}

/**
 * Reads an arm (or group) column as labels: numbers as their text, missing as `null`
 * (`missing-column` naming the role, `wrong-type` for objects). The one reader of arm labels.
 *
 * @example
 * readArms(table, 'arm'); // ['experiment', 'control', null, …]
 */
export function readArms(table: ColumnTable, name: string, role = 'arm'): (string | null)[] {
  requireColumns(table, [name], role);
  return stringColumn(table, name);
}

/**
 * Reads the follow-up and event months of a table: whole numbers are not required (unless
 * `wholeMonths`), but the follow-up must be a number ≥ 0 and an event month a number ≥ 1
 * (missing: NaN), and no event may lie after the end of follow-up (`event-after-followup`,
 * rows named).
 *
 * @example
 * const { followup, events } = followupAndEvents(table, 'followup_months', ['month_work']);
 */
export function followupAndEvents(
  table: ColumnTable,
  followupName: string,
  eventNames: readonly string[],
  options: FollowupAndEventsOptions = {},
): { followup: Float64Array; events: Record<string, Float64Array> } {
  requireColumns(table, eventNames, 'event');
  const followup = readFollowup(table, followupName);
  const events: Record<string, Float64Array> = {};
  for (const name of eventNames) {
    const months = numberColumn(table, name, {
      missing: 'nan',
      min: 1,
      booleans: false,
      ...(options.wholeMonths ? { integer: true } : {}),
    });
    checkEventsInFollowup(months, followup, name, followupName);
    events[name] = months;
  }
  return { followup, events };
}

/**
 * {@link followupAndEvents} for a table or an intake already built: an intake that read this
 * follow-up and these events gives its arrays (checked for whole months when asked); otherwise
 * the columns are read from its table.
 *
 * @example
 * const { followup, events } = intakeFollowupAndEvents(intake, 'followup_months', ['month_work']);
 */
export function intakeFollowupAndEvents(
  data: ColumnTable | ExperimentIntake,
  followupName: string,
  eventNames: readonly string[],
  options: FollowupAndEventsOptions = {},
): { followup: Float64Array; events: Record<string, Float64Array> } {
  if (!isExperimentIntake(data)) return followupAndEvents(data, followupName, eventNames, options);
  const followup = data.followup;
  const read = eventNames.every((name) => data.events[name] !== undefined);
  if (!followup || data.roles.followup !== followupName || !read) {
    return followupAndEvents(data.table, followupName, eventNames, options);
  }
  const events: Record<string, Float64Array> = {};
  for (const name of eventNames) {
    const months = data.events[name]!;
    if (options.wholeMonths) checkWholeMonths(months, name);
    events[name] = months;
  }
  return { followup, events };
}

/**
 * The arm labels of a table or an intake: an intake whose arm column is `name` gives its labels
 * (read once); otherwise {@link readArms} reads the column.
 *
 * @example
 * intakeArms(intake, 'arm'); // intake.arms
 */
export function intakeArms(
  data: ColumnTable | ExperimentIntake,
  name: string,
  role = 'arm',
): readonly (string | null)[] {
  if (!isExperimentIntake(data)) return readArms(data, name, role);
  return data.roles.arm === name ? data.arms : readArms(data.table, name, role);
}

/** Throws `event-after-followup` (rows named) when an event month exceeds the follow-up. */
function checkEventsInFollowup(
  months: Float64Array,
  followup: Float64Array,
  name: string,
  followupName: string,
): void {
  const late: number[] = [];
  for (let i = 0; i < followup.length; i++) if (months[i]! > followup[i]!) late.push(i + 1);
  if (late.length) {
    throw new InputError(
      `column '${name}' has an event after the end of follow-up ('${followupName}') in ${formatRows(late)}`,
      { code: 'event-after-followup', column: name, rows: late },
    );
  }
}

/** Throws `out-of-range` as `numberColumn` does when an event month is not a whole number. */
function checkWholeMonths(months: Float64Array, name: string): void {
  const rows: number[] = [];
  months.forEach((m, i) => {
    if (!Number.isNaN(m) && !Number.isInteger(m)) rows.push(i + 1);
  });
  if (rows.length) {
    const value = String(months[rows[0]! - 1]);
    throw new InputError(
      `column '${name}' must hold whole numbers ≥ 1, but has ${value} in ${formatRows(rows)}`,
      { code: 'out-of-range', column: name, rows, value },
    );
  }
}

/**
 * The intake as an analysis without covariates sees it: no covariate design, so no row is left
 * out for a missing covariate (the participation table describes every client of the two arms).
 *
 * @example
 * participationTable(withoutCovariates(intake), spec);
 */
export function withoutCovariates(intake: ExperimentIntake): ExperimentIntake {
  if (intake.roles.covariates.length === 0) return intake;
  const covariates = modelMatrix(intake.table, { columns: [], intercept: true });
  const designRow = new Int32Array(intake.n).fill(-1);
  covariates.rows.forEach((r, j) => {
    designRow[r] = j;
  });
  const base = { ...intake, roles: { ...intake.roles, covariates: [] }, covariates, designRow };
  const { excluded } = intakeRows(
    base,
    intake.missingFollowup ? { exclude: intake.missingFollowup } : {},
  );
  return { ...base, excluded };
}

/**
 * Throws `unknown-arm` when a label does not occur in the arm column, listing the labels present.
 *
 * @example
 * checkArmsPresent(['experiment', 'experiment'], 'arm', ['experiment', 'control']); // throws: arm 'control' does not occur …
 */
function checkArmsPresent(
  arms: readonly (string | null)[],
  column: string,
  wanted: readonly string[],
): void {
  // One scan that stops once every wanted label is seen; the full list only for the message.
  const missing = new Set(wanted);
  for (let i = 0; i < arms.length && missing.size > 0; i++) {
    const a = arms[i];
    if (a !== null && a !== undefined) missing.delete(a);
  }
  if (missing.size === 0) return;
  const labels = new Set(arms.filter((a): a is string => a !== null));
  for (const label of wanted) {
    if (!labels.has(label)) {
      throw new InputError(
        `arm '${label}' does not occur in column '${column}'; labels present: ${
          [...labels].sort().join(', ') || '(none)'
        }`,
        { code: 'unknown-arm', column, value: label },
      );
    }
  }
}

/**
 * The experiment intake: resolves the roles of `spec` once, checks the table against them once
 * and returns the typed view. In order it checks the event and follow-up columns (when asked
 * for: numeric, follow-up ≥ 0, months ≥ 1, no event after follow-up), the arm and covariate
 * columns (present), the arm labels (the treatment and control labels occur), and builds the
 * covariate design (`missing: 'error'` throws for a missing covariate). Throws the first
 * problem as an `InputError`; `checkExperiment` lists them all instead.
 *
 * @example
 * const intake = experimentIntake(table, { event: 'month_work', covariates: ['age'] }, { events: ['month_work'] });
 * intake.events.month_work; // Float64Array of event months, NaN when none
 * intake.excluded; // [{ reason: "arm not 'experiment' or 'control'", count: 3 }, …]
 */
export function experimentIntake(
  data: TableInput,
  spec: IntakeSpec = {},
  options: IntakeOptions = {},
): ExperimentIntake {
  const table = asTable(data);
  const roles = experimentRoles(spec, table.columnNames());
  const eventNames = options.events ?? [];
  const read =
    options.followup || options.events !== undefined
      ? followupAndEvents(table, roles.followup, eventNames)
      : undefined;
  requireColumns(table, [roles.arm], 'arm');
  requireColumns(table, roles.covariates, 'covariate');
  const arms = readArms(table, roles.arm);
  checkArmsPresent(arms, roles.arm, [roles.treatment, roles.control]);
  const ids = options.ids ? idColumn(table, roles.id) : undefined;

  // With an intercept, so that every factor gets treatment contrasts (without one, model.matrix
  // codes the first factor fully, which is aliased once the analysis adds its own intercept).
  const covariates = modelMatrix(table, {
    columns: roles.covariates,
    intercept: true,
    missing: spec.missing ?? 'drop',
    ...(spec.reference ? { reference: spec.reference } : {}),
    ...(spec.factors ? { factors: spec.factors } : {}),
  });
  const designRow = new Int32Array(table.numRows()).fill(-1);
  const designed = covariates.rows;
  for (let j = 0; j < designed.length; j++) designRow[designed[j]!] = j;
  const missingFollowup = read
    ? { reason: `missing '${roles.followup}'`, rows: nanMask(read.followup) }
    : undefined;
  const intake: Omit<ExperimentIntake, 'excluded'> = {
    kind: 'experiment-intake',
    table,
    roles,
    n: table.numRows(),
    ids,
    arms,
    followup: read?.followup,
    events: read?.events ?? {},
    covariates,
    designRow,
    missingFollowup,
  };
  const { excluded } = intakeRows(intake, missingFollowup ? { exclude: missingFollowup } : {});
  return { ...intake, excluded };
}

/** 1 where `values` is NaN. */
function nanMask(values: Float64Array): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i]!)) out[i] = 1;
  return out;
}

/** The client keys by the one rule of ./ids.ts (trimmed text); values never shown. */
function idColumn(table: ColumnTable, name: string): (string | null)[] {
  requireColumns(table, [name], 'client id');
  return stringColumn(table, name, { sensitive: true }).map((v) => normaliseId(v) ?? null);
}

/** Restrictions of {@link intakeRows} beyond the arms and covariates. */
export interface IntakeRowsOptions {
  /** 1 = the row belongs to the analysis (a subgroup); rows outside are not reported. */
  readonly subset?: Uint8Array;
  /** Rows to leave out (after the arm check, before covariates), reported with `reason`. */
  readonly exclude?: { readonly reason: string; readonly rows: Uint8Array };
}

/**
 * The rows of a two-arm analysis (0-based table rows): in the subset, of the treatment or
 * control arm, not excluded by the caller, with complete covariates; and the rows left out, by
 * reason in that order.
 *
 * @example
 * const { rows, excluded } = intakeRows(intake, { exclude: intake.missingFollowup });
 */
export function intakeRows(
  intake: Pick<ExperimentIntake, 'arms' | 'roles' | 'designRow' | 'covariates'>,
  options: IntakeRowsOptions = {},
): { rows: Int32Array; excluded: Exclusion[] } {
  const { subset, exclude } = options;
  const { treatment, control } = intake.roles;
  const { arms, designRow } = intake;
  let otherArm = 0;
  let excludedByCaller = 0;
  let noCovariates = 0;
  const keep = new Int32Array(arms.length);
  let kept = 0;
  for (let i = 0; i < arms.length; i++) {
    if (subset && !subset[i]) continue;
    const a = arms[i];
    if (a !== treatment && a !== control) otherArm++;
    else if (exclude?.rows[i]) excludedByCaller++;
    else if (designRow[i]! < 0) noCovariates++;
    else keep[kept++] = i;
  }
  const excluded: Exclusion[] = [];
  if (otherArm)
    excluded.push({ reason: `arm not '${treatment}' or '${control}'`, count: otherArm });
  if (excludedByCaller && exclude)
    excluded.push({ reason: exclude.reason, count: excludedByCaller });
  if (noCovariates) {
    const by = Object.entries(intake.covariates.dropped.byColumn)
      .filter(([, k]) => k > 0)
      .map(([c, k]) => `${c}: ${k}`)
      .join(', ');
    excluded.push({ reason: `missing covariate (${by})`, count: noCovariates });
  }
  return { rows: kept === keep.length ? keep : keep.slice(0, kept), excluded };
}

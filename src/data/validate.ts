/**
 * Validation of an experiment table against its schema. Every problem is collected, so one run
 * tells the user everything to fix. Each problem names the column, the 1-based data rows and
 * (except for ids) the offending value.
 *
 * Ids are never shown: duplicate ids are reported by row numbers only, and any other value that
 * is shown is withheld when it equals an id of the table (a BSN typed into the wrong column).
 */
import type { ColumnTable } from 'arquero';
import { formatRows, InputError, type InputErrorDetails } from '../errors.js';
import {
  asTable,
  describeValue,
  isMissing,
  missingColumnMessage,
  numericValue,
  stringValue,
  type TableInput,
} from './columns.js';
import { followupPattern, followupWarning } from './followup-pattern.js';
import { duplicateIdGroups, duplicateIdMessage } from './ids.js';
import {
  type ExperimentIntake,
  experimentIntake,
  type IntakeSpec,
  resolveSchema,
} from './intake.js';
import {
  type ExperimentSchema,
  MAX_PLAUSIBLE_MONTHS,
  type ResolvedExperimentSchema,
} from './schema.js';

/** One problem found in the data: an `InputError`'s details plus its message. */
export interface ValidationProblem extends InputErrorDetails {
  readonly message: string;
}

/**
 * Something valid but worth knowing before analysing: `survival-shaped-followup` — the
 * follow-up looks like an observation end that follows from the event (see `followupPattern`),
 * so complete follow-up would be biased and IPCW or Kaplan–Meier / Aalen–Johansen is needed.
 */
export interface ValidationWarning {
  readonly code: 'survival-shaped-followup';
  /** The follow-up column. */
  readonly column: string;
  /** The event column whose pattern was seen. */
  readonly event: string;
  readonly message: string;
}

/** The result of {@link checkExperiment}. */
export interface ExperimentCheck {
  /** True when there are no problems. */
  readonly ok: boolean;
  readonly problems: readonly ValidationProblem[];
  /** Warnings (the data are valid): e.g. a survival-shaped follow-up. */
  readonly warnings: readonly ValidationWarning[];
  /** The schema with its defaults filled in (e.g. the event columns found). */
  readonly schema: ResolvedExperimentSchema;
  /** Number of rows checked. */
  readonly n: number;
}

/**
 * Thrown by {@link validateExperiment}: an `InputError` that carries all problems. With one
 * problem, its code/column/rows are that problem's; with several, the code is
 * `invalid-experiment` and the message lists them all.
 */
export class ExperimentError extends InputError {
  readonly problems: readonly ValidationProblem[];

  constructor(problems: readonly ValidationProblem[]) {
    const only = problems.length === 1 ? problems[0] : undefined;
    const message = only
      ? only.message
      : `the experiment data has ${problems.length} problems:\n${problems.map((p) => `- ${p.message}`).join('\n')}`;
    super(message, only ?? { code: 'invalid-experiment' });
    this.name = 'ExperimentError';
    this.problems = problems;
  }
}

/**
 * Checks an experiment table and returns every problem found (never throws for bad data):
 * missing columns, missing or duplicate ids, missing or unknown arm labels, missing or
 * non-numeric follow-up, non-numeric event months, months below 1, non-integer or above
 * `maxMonth`, event months after the end of follow-up, and deciles outside 1–10. On valid data it
 * also looks at the follow-up's shape: a follow-up that ends at (or soon after) the event is an
 * observation end, on which complete follow-up is biased — reported in `warnings`
 * (`survival-shaped-followup`, naming the estimator to use).
 *
 * @example
 * const check = checkExperiment(table, { arms: ['experiment', 'control'], maxMonth: 24 });
 * if (!check.ok) check.problems.map((p) => p.message);
 */
export function checkExperiment(input: TableInput, schema?: ExperimentSchema): ExperimentCheck {
  const table = asTable(input);
  const resolved = resolveSchema(schema, table.columnNames());
  const ctx = context(table, resolved);
  const problems: ValidationProblem[] = [
    ...checkColumns(table, resolved),
    ...(table.numRows() === 0
      ? [{ code: 'empty' as const, message: 'the table has no rows' }]
      : []),
    ...checkIds(ctx),
    ...checkArms(ctx),
    ...checkFollowup(ctx),
    ...resolved.events.flatMap((event) => checkEvent(ctx, event)),
    ...checkDecile(ctx),
  ];
  const warnings = problems.length === 0 ? followupWarnings(ctx) : [];
  return { ok: problems.length === 0, problems, warnings, schema: resolved, n: table.numRows() };
}

/** The survival-shaped follow-up warning, per event column (on valid data only). */
function followupWarnings(ctx: Context): ValidationWarning[] {
  const column = ctx.schema.followup;
  if (!ctx.has(column)) return [];
  const followup = Float64Array.from(ctx.values(column), (v) => {
    const n = numericValue(v);
    return typeof n === 'number' ? n : Number.NaN;
  });
  return ctx.schema.events.flatMap((event): ValidationWarning[] => {
    const months = Float64Array.from(ctx.values(event), (v) => {
      const n = numericValue(v);
      return typeof n === 'number' ? n : Number.NaN;
    });
    const pattern = followupPattern(followup, months);
    if (!pattern.survivalShaped) return [];
    return [
      {
        code: 'survival-shaped-followup',
        column,
        event,
        message: followupWarning(pattern, column, event),
      },
    ];
  });
}

/** The arms (and covariate coding) that let {@link validateExperiment} also build the intake. */
export type IntakeArms = Pick<IntakeSpec, 'reference' | 'factors' | 'missing'> & {
  /** Label of the treated arm. */
  readonly treatment: string;
  /** Label of the control arm. */
  readonly control: string;
};

/** A valid experiment: the check plus the typed intake the analyses work from. */
export interface ValidatedExperiment extends ExperimentCheck {
  readonly intake: ExperimentIntake;
}

/**
 * Like {@link checkExperiment}, but throws an {@link ExperimentError} (an `InputError`) listing
 * all problems; returns the check (with the resolved schema) when the data are valid. Given the
 * treatment and control labels, it also returns the experiment intake of the valid table (ids
 * as text, arms, follow-up, every event column of the schema, the covariates), built with the
 * schema's roles; the intake throws `unknown-arm` when a label does not occur in the data.
 *
 * @example
 * const { schema } = validateExperiment(table, { arms: ['experiment', 'control'] });
 * schema.events; // ['month_bijstand', 'month_work']
 * const { intake } = validateExperiment(table, {}, { treatment: 'experiment', control: 'control' });
 * effectSeries(intake, { event: 'month_work', months: 12 });
 */
export function validateExperiment(input: TableInput, schema?: ExperimentSchema): ExperimentCheck;
export function validateExperiment(
  input: TableInput,
  schema: ExperimentSchema | undefined,
  arms: IntakeArms,
): ValidatedExperiment;
export function validateExperiment(
  input: TableInput,
  schema?: ExperimentSchema,
  arms?: IntakeArms,
): ExperimentCheck | ValidatedExperiment {
  const table = asTable(input);
  const check = checkExperiment(table, schema);
  if (!check.ok) throw new ExperimentError(check.problems);
  if (!arms) return check;
  const { id, arm, followup, events, covariates } = check.schema;
  const intake = experimentIntake(
    table,
    { id, arm, followup, covariates, ...arms },
    { events, ids: true },
  );
  return { ...check, intake };
}

interface Context {
  readonly table: ColumnTable;
  readonly schema: ResolvedExperimentSchema;
  readonly has: (name: string | undefined) => name is string;
  readonly values: (name: string) => readonly unknown[];
  /** A value as shown in a message, withheld when it could be an id. */
  readonly show: (value: unknown) => string;
  /** Follow-up per row when it is a valid number, else NaN. */
  readonly followup: Float64Array;
}

function context(table: ColumnTable, schema: ResolvedExperimentSchema): Context {
  const names = new Set(table.columnNames());
  const has = (name: string | undefined): name is string => name !== undefined && names.has(name);
  const cache = new Map<string, readonly unknown[]>();
  const values = (name: string) => {
    let v = cache.get(name);
    if (!v) {
      v = table.array(name) as unknown[];
      cache.set(name, v);
    }
    return v;
  };
  const ids = new Set<string>();
  if (has(schema.id)) {
    for (const v of values(schema.id)) {
      const s = stringValue(v);
      // Short values (small pseudonyms like 3) are too common to withhold everywhere.
      if (typeof s === 'string' && s.trim().length >= 5) ids.add(s.trim());
    }
  }
  const show = (value: unknown) => {
    const s = stringValue(value);
    if (typeof s !== 'string') return describeValue(value);
    if (ids.has(s.trim())) return '(value withheld: equals an id)';
    // Nine digits could be a BSN typed into the wrong column, whether or not it is an id here.
    if ((s.match(/\d/g)?.length ?? 0) >= 9) return '(value withheld: 9 or more digits)';
    return describeValue(value);
  };
  const followup = new Float64Array(table.numRows()).fill(Number.NaN);
  if (has(schema.followup)) {
    values(schema.followup).forEach((v, i) => {
      const n = typeof v === 'boolean' ? undefined : numericValue(v);
      if (typeof n === 'number' && n >= 0 && Number.isInteger(n)) followup[i] = n;
    });
  }
  return { table, schema, has, values, show, followup };
}

function checkColumns(table: ColumnTable, s: ResolvedExperimentSchema): ValidationProblem[] {
  const available = table.columnNames();
  const wanted: [string | undefined, string][] = [
    [s.id, 'the client id'],
    [s.arm, 'the assigned arm'],
    [s.followup, 'the months of follow-up'],
    ...s.events.map((e): [string, string] => [e, 'an event month']),
    ...s.covariates.map((c): [string, string] => [c, 'a covariate']),
    [s.decile, 'the risk decile'],
  ];
  const seen = new Set<string>();
  const problems: ValidationProblem[] = [];
  for (const [name, role] of wanted) {
    if (name === undefined || available.includes(name) || seen.has(name)) continue;
    seen.add(name);
    problems.push({
      code: 'missing-column',
      column: name,
      message: missingColumnMessage(name, available, role),
    });
  }
  return problems;
}

/** Rows (1-based) where `test` holds. */
function rowsWhere(values: readonly unknown[], test: (v: unknown, i: number) => boolean): number[] {
  const rows: number[] = [];
  values.forEach((v, i) => {
    if (test(v, i)) rows.push(i + 1);
  });
  return rows;
}

function missingProblem(column: string, what: string, rows: number[]): ValidationProblem[] {
  if (rows.length === 0) return [];
  return [
    {
      code: 'missing-value',
      column,
      rows,
      message: `column '${column}' has no ${what} in ${formatRows(rows)}`,
    },
  ];
}

function checkIds(ctx: Context): ValidationProblem[] {
  const column = ctx.schema.id;
  if (!ctx.has(column)) return [];
  const values = ctx.values(column);
  const problems = missingProblem(column, 'id', rowsWhere(values, isMissing));
  const bad = rowsWhere(values, (v) => stringValue(v) === undefined);
  if (bad.length) {
    problems.push({
      code: 'wrong-type',
      column,
      rows: bad,
      message: `column '${column}' must hold text or numbers as ids, but ${formatRows(bad)} hold other values (not shown)`,
    });
  }
  // Rows of repeated ids (after trimming: one rule for keys, ./ids.ts), never the ids.
  const repeated = duplicateIdGroups(values);
  if (repeated.length) {
    problems.push({
      code: 'duplicate-id',
      column,
      rows: repeated.flat().sort((a, b) => a - b),
      message: duplicateIdMessage(column, repeated),
    });
  }
  return problems;
}

function checkArms(ctx: Context): ValidationProblem[] {
  const column = ctx.schema.arm;
  if (!ctx.has(column)) return [];
  const values = ctx.values(column);
  const problems = missingProblem(column, 'arm label', rowsWhere(values, isMissing));
  const allowed = ctx.schema.arms;
  if (!allowed) return problems;
  const unknown = new Map<string, { value: unknown; rows: number[] }>();
  values.forEach((v, i) => {
    const s = stringValue(v);
    if (s === null || (s !== undefined && allowed.includes(s))) return;
    const key = s ?? describeValue(v);
    const entry = unknown.get(key) ?? { value: v, rows: [] };
    entry.rows.push(i + 1);
    unknown.set(key, entry);
  });
  for (const { value, rows } of unknown.values()) {
    const shown = ctx.show(value);
    problems.push({
      code: 'unknown-arm',
      column,
      rows,
      value: shown,
      message: `column '${column}' has unknown arm label ${shown} in ${formatRows(rows)}; allowed: ${allowed.join(', ')}`,
    });
  }
  return problems;
}

/** Non-numeric cells of a column, as one problem listing rows and the first distinct values. */
function nonNumeric(ctx: Context, column: string, what: string): ValidationProblem[] {
  const values = ctx.values(column);
  // A boolean is not a month or a decile (`true` would count as 1).
  const all = rowsWhere(values, (v) => typeof v === 'boolean' || numericValue(v) === undefined);
  // One bad cell makes the reader keep the whole column as text: name the cells that are not
  // numbers, not the numbers read as text.
  const bad = all.filter((r) => !isNumberText(values[r - 1]));
  const rows = bad.length > 0 ? bad : all;
  if (rows.length === 0) return [];
  const distinct = [...new Set(rows.map((r) => ctx.show(values[r - 1])))];
  const shown = distinct.slice(0, 3).join(', ') + (distinct.length > 3 ? ', …' : '');
  return [
    {
      code: 'wrong-type',
      column,
      rows,
      value: distinct[0] as string,
      message: `column '${column}' must hold ${what}, but has non-numeric values in ${formatRows(rows)}: ${shown}`,
    },
  ];
}

/** A string that is a plain decimal number ("12", "-0.5", "1e3"): a number read as text. */
function isNumberText(value: unknown): boolean {
  return typeof value === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value);
}

/** Numeric cells failing `bad`, as one problem showing the first offending value. */
function outOfRange(
  ctx: Context,
  column: string,
  bad: (n: number, i: number) => boolean,
  what: string,
): ValidationProblem[] {
  const values = ctx.values(column);
  const rows = rowsWhere(values, (v, i) => {
    const n = typeof v === 'boolean' ? undefined : numericValue(v);
    return typeof n === 'number' && bad(n, i);
  });
  if (rows.length === 0) return [];
  const value = ctx.show(values[(rows[0] as number) - 1]);
  return [
    {
      code: 'out-of-range',
      column,
      rows,
      value,
      message: `column '${column}' has ${what} in ${formatRows(rows)} (first: ${value})`,
    },
  ];
}

function checkFollowup(ctx: Context): ValidationProblem[] {
  const column = ctx.schema.followup;
  if (!ctx.has(column)) return [];
  return [
    ...missingProblem(column, 'follow-up', rowsWhere(ctx.values(column), isMissing)),
    ...nonNumeric(ctx, column, 'whole months of follow-up'),
    ...outOfRange(ctx, column, (n) => n < 0, 'negative follow-up'),
    ...outOfRange(
      ctx,
      column,
      (n) => n > MAX_PLAUSIBLE_MONTHS,
      `implausible follow-up: more than ${MAX_PLAUSIBLE_MONTHS} months (100 years; a date or id in the column?)`,
    ),
    ...outOfRange(ctx, column, (n) => !Number.isInteger(n), 'non-integer follow-up'),
  ];
}

function checkEvent(ctx: Context, column: string): ValidationProblem[] {
  if (!ctx.has(column)) return [];
  const max = ctx.schema.maxMonth;
  const problems = [
    ...nonNumeric(ctx, column, 'event months (or be empty when the event did not happen)'),
    ...outOfRange(ctx, column, (n) => n < 1, 'months below 1'),
    ...outOfRange(
      ctx,
      column,
      (n) => n > MAX_PLAUSIBLE_MONTHS,
      `implausible months: more than ${MAX_PLAUSIBLE_MONTHS} (100 years; a date or id in the column?)`,
    ),
    ...outOfRange(ctx, column, (n) => !Number.isInteger(n), 'non-integer months'),
    ...(max === undefined
      ? []
      : outOfRange(ctx, column, (n) => n > max, `months above the maximum of ${max}`)),
  ];
  const followup = ctx.schema.followup;
  const after = outOfRange(
    ctx,
    column,
    (n, i) => n > (ctx.followup[i] as number), // NaN (invalid follow-up) compares false
    `event months after the end of follow-up ('${followup}')`,
  );
  for (const p of after) {
    const first = (p.rows?.[0] as number) - 1;
    problems.push({
      ...p,
      code: 'event-after-followup',
      message: `${p.message.replace(/\)$/, '')} > follow-up ${ctx.followup[first]})`,
    });
  }
  return problems;
}

function checkDecile(ctx: Context): ValidationProblem[] {
  const column = ctx.schema.decile;
  if (!ctx.has(column)) return [];
  return [
    ...nonNumeric(ctx, column, 'deciles 1–10'),
    ...outOfRange(
      ctx,
      column,
      (n) => !Number.isInteger(n) || n < 1 || n > 10,
      'deciles outside the whole numbers 1–10',
    ),
  ];
}

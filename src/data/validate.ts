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
  columnCells,
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
  // On valid data no cell is a boolean or non-numeric, so the numbers read for the checks are
  // `numericValue` of every cell (NaN when missing): no second reading of the columns.
  const followup = ctx.numbers(column).numbers;
  return ctx.schema.events.flatMap((event): ValidationWarning[] => {
    const months = ctx.numbers(event).numbers;
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
  /** The cells of a column, in table order (the table's own array where it has one). */
  readonly values: (name: string) => ArrayLike<unknown>;
  /** A column read as numbers, once per column. */
  readonly numbers: (name: string) => NumberCells;
  /** A value as shown in a message, withheld when it could be an id. */
  readonly show: (value: unknown) => string;
  /** Follow-up per row when it is a valid number (a whole number ≥ 0), else NaN. */
  readonly followup: () => Float64Array;
}

/** A column read as numbers: what the month and decile checks and the warnings work from. */
interface NumberCells {
  /**
   * Each cell's number where it holds one (a finite number, a safe bigint); NaN for a missing
   * cell, a boolean or a non-numeric value. Possibly the table's own array: never written.
   */
  readonly numbers: Float64Array;
  /** 1-based rows of cells that are booleans or not numeric (`numericValue` undefined). */
  readonly nonNumeric: readonly number[];
}

function context(table: ColumnTable, schema: ResolvedExperimentSchema): Context {
  const names = new Set(table.columnNames());
  const has = (name: string | undefined): name is string => name !== undefined && names.has(name);
  const cache = new Map<string, ArrayLike<unknown>>();
  const values = (name: string) => {
    let v = cache.get(name);
    if (!v) {
      v = columnCells(table, name);
      cache.set(name, v);
    }
    return v;
  };
  const numberCache = new Map<string, NumberCells>();
  const numbers = (name: string) => {
    let n = numberCache.get(name);
    if (!n) {
      n = numberCells(values(name));
      numberCache.set(name, n);
    }
    return n;
  };
  // Whether a shown value equals an id: only asked when there is a problem to report.
  const isId = idLookup(() => (has(schema.id) ? values(schema.id) : []));
  const show = (value: unknown) => {
    const s = stringValue(value);
    if (typeof s !== 'string') return describeValue(value);
    if (isId(s.trim())) return '(value withheld: equals an id)';
    // Nine digits could be a BSN typed into the wrong column, whether or not it is an id here.
    if ((s.match(/\d/g)?.length ?? 0) >= 9) return '(value withheld: 9 or more digits)';
    return describeValue(value);
  };
  let followup: Float64Array | undefined;
  const followupMonths = () => {
    followup ??= has(schema.followup)
      ? validFollowup(numbers(schema.followup).numbers)
      : new Float64Array(table.numRows()).fill(Number.NaN);
    return followup;
  };
  return { table, schema, has, values, numbers, show, followup: followupMonths };
}

/** Questions answered by scanning the ids before a set of them is made. */
const ID_SCANS = 8;

/**
 * Whether a trimmed text is an id of the table (trimmed; only ids of 5 or more characters count:
 * short values like 3 are too common to withhold everywhere). A set of every id was a large
 * share of checking a 2,000,000-row table, valid or with a few problems, so the first
 * {@link ID_SCANS} texts asked about are looked up by a scan of the ids, and the set is only
 * made when more are asked.
 */
function idLookup(column: () => ArrayLike<unknown>): (text: string) => boolean {
  let ids: Set<string> | undefined;
  const scanned = new Map<string, boolean>();
  return (text) => {
    if (text.length < 5) return false;
    if (ids) return ids.has(text);
    const known = scanned.get(text);
    if (known !== undefined) return known;
    const cells = column();
    if (scanned.size < ID_SCANS) {
      let found = false;
      for (let i = 0; i < cells.length && !found; i++) {
        const s = stringValue(cells[i]);
        found =
          typeof s === 'string' && (s === text || (s.length > text.length && s.trim() === text));
      }
      scanned.set(text, found);
      return found;
    }
    ids = new Set<string>();
    for (let i = 0; i < cells.length; i++) {
      const s = stringValue(cells[i]);
      if (typeof s === 'string' && s.trim().length >= 5) ids.add(s.trim());
    }
    return ids.has(text);
  };
}

/** Reads cells as numbers by the rule of `numericValue`, with booleans not a number. */
function numberCells(values: ArrayLike<unknown>): NumberCells {
  const nonNumeric: number[] = [];
  if (values instanceof Float64Array) {
    // A numeric column is its own reading unless it holds ±Infinity (not a number here).
    for (let i = 0; i < values.length; i++) {
      const x = values[i]!;
      if (x - x !== 0 && !Number.isNaN(x)) nonNumeric.push(i + 1);
    }
    if (nonNumeric.length === 0) return { numbers: values, nonNumeric };
    const numbers = Float64Array.from(values);
    for (const r of nonNumeric) numbers[r - 1] = Number.NaN;
    return { numbers, nonNumeric };
  }
  const numbers = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    // Numbers and empty cells first: nearly every cell, without a call.
    if (typeof v === 'number' && v - v === 0) numbers[i] = v;
    else if (v === null || v === undefined) numbers[i] = Number.NaN;
    else {
      const n = typeof v === 'boolean' ? undefined : numericValue(v);
      numbers[i] = typeof n === 'number' ? n : Number.NaN;
      if (n === undefined) nonNumeric.push(i + 1);
    }
  }
  return { numbers, nonNumeric };
}

/** The follow-up where it is a whole number ≥ 0, else NaN (the column itself when all are). */
function validFollowup(numbers: Float64Array): Float64Array {
  let valid = true;
  for (let i = 0; i < numbers.length && valid; i++) {
    const f = numbers[i]!;
    if (!Number.isNaN(f) && !(f >= 0 && Number.isInteger(f))) valid = false;
  }
  if (valid) return numbers;
  return numbers.map((f) => (f >= 0 && Number.isInteger(f) ? f : Number.NaN));
}

/** Smallest and largest number of a column, whether all are whole, whether any passes `limit`. */
interface NumberRange {
  readonly min: number;
  readonly max: number;
  readonly integers: boolean;
  /** Some number exceeds `limit` of its row (NaN limits never do). */
  readonly exceeds: boolean;
}

/**
 * One pass over a column's numbers (NaN skipped) that tells which range rules can fail, so the
 * rows of a rule are only collected when it does.
 */
function numberRange(numbers: Float64Array, limit?: Float64Array): NumberRange {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let integers = true;
  let exceeds = false;
  for (let i = 0; i < numbers.length; i++) {
    const n = numbers[i]!;
    if (Number.isNaN(n)) continue;
    if (n < min) min = n;
    if (n > max) max = n;
    if (integers && !Number.isInteger(n)) integers = false;
    if (limit !== undefined && n > limit[i]!) exceeds = true;
  }
  return { min, max, integers, exceeds };
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

/** Rows (1-based) with a missing cell. */
function missingRows(values: ArrayLike<unknown>): number[] {
  const rows: number[] = [];
  for (let i = 0; i < values.length; i++) if (isMissing(values[i])) rows.push(i + 1);
  return rows;
}

function checkIds(ctx: Context): ValidationProblem[] {
  const column = ctx.schema.id;
  if (!ctx.has(column)) return [];
  const values = ctx.values(column);
  // Missing ids and ids that are not text or numbers, in one pass.
  const missing: number[] = [];
  const bad: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (isMissing(v)) missing.push(i + 1);
    else if (typeof v !== 'string' && stringValue(v) === undefined) bad.push(i + 1);
  }
  const problems = missingProblem(column, 'id', missing);
  if (bad.length) {
    problems.push({
      code: 'wrong-type',
      column,
      rows: bad,
      message: `column '${column}' must hold text or numbers as ids, but ${formatRows(bad)} hold other values (not shown)`,
    });
  }
  // Rows of repeated ids (after trimming: one rule for keys, ./ids.ts), never the ids.
  const repeated = duplicateIdGroups(Array.isArray(values) ? values : Array.from(values));
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
  const allowed = ctx.schema.arms;
  const known = new Set(allowed);
  // Missing labels, and the first unknown one: the unknown labels are only grouped when there
  // is one, from there on (a map entry per label and row was most of this check's time).
  const missing: number[] = [];
  let firstUnknown = -1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (isMissing(v)) missing.push(i + 1);
    else if (allowed && firstUnknown < 0) {
      const s = typeof v === 'string' ? v : stringValue(v);
      if (s === undefined || s === null || !known.has(s)) firstUnknown = i;
    }
  }
  const problems = missingProblem(column, 'arm label', missing);
  if (!allowed || firstUnknown < 0) return problems;
  const unknown = new Map<string, { value: unknown; rows: number[] }>();
  for (let i = firstUnknown; i < values.length; i++) {
    const v = values[i];
    const s = stringValue(v);
    if (s === null || (s !== undefined && known.has(s))) continue;
    const key = s ?? describeValue(v);
    const entry = unknown.get(key) ?? { value: v, rows: [] };
    entry.rows.push(i + 1);
    unknown.set(key, entry);
  }
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
  // A boolean is not a month or a decile (`true` would count as 1).
  const all = ctx.numbers(column).nonNumeric;
  if (all.length === 0) return [];
  const values = ctx.values(column);
  // One bad cell makes the reader keep the whole column as text: name the cells that are not
  // numbers, not the numbers read as text.
  const bad = all.filter((r) => !isNumberText(values[r - 1]));
  const rows = bad.length > 0 ? bad : [...all];
  // The message shows the first three distinct values and whether there are more: four found
  // is enough (showing every cell of a column of text would check each against the ids).
  const distinct = new Set<string>();
  for (const r of rows) {
    distinct.add(ctx.show(values[r - 1]));
    if (distinct.size > 3) break;
  }
  const first = [...distinct];
  const shown = first.slice(0, 3).join(', ') + (first.length > 3 ? ', …' : '');
  return [
    {
      code: 'wrong-type',
      column,
      rows,
      value: first[0] as string,
      message: `column '${column}' must hold ${what}, but has non-numeric values in ${formatRows(rows)}: ${shown}`,
    },
  ];
}

/** A string that is a plain decimal number ("12", "-0.5", "1e3"): a number read as text. */
function isNumberText(value: unknown): boolean {
  return typeof value === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value);
}

/**
 * Numeric cells failing `bad`, as one problem showing the first offending value. `fails` is
 * false when the column's {@link NumberRange} shows no cell can: then no row is visited.
 */
function outOfRange(
  ctx: Context,
  column: string,
  fails: boolean,
  bad: (n: number, i: number) => boolean,
  what: string,
): ValidationProblem[] {
  if (!fails) return [];
  const numbers = ctx.numbers(column).numbers;
  const rows: number[] = [];
  for (let i = 0; i < numbers.length; i++) {
    const n = numbers[i]!;
    // NaN: missing, a boolean or not a number, none of which is out of range.
    if (!Number.isNaN(n) && bad(n, i)) rows.push(i + 1);
  }
  if (rows.length === 0) return [];
  const value = ctx.show(ctx.values(column)[(rows[0] as number) - 1]);
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
  const range = numberRange(ctx.numbers(column).numbers);
  return [
    ...missingProblem(column, 'follow-up', missingRows(ctx.values(column))),
    ...nonNumeric(ctx, column, 'whole months of follow-up'),
    ...outOfRange(ctx, column, range.min < 0, (n) => n < 0, 'negative follow-up'),
    ...outOfRange(
      ctx,
      column,
      range.max > MAX_PLAUSIBLE_MONTHS,
      (n) => n > MAX_PLAUSIBLE_MONTHS,
      `implausible follow-up: more than ${MAX_PLAUSIBLE_MONTHS} months (100 years; a date or id in the column?)`,
    ),
    ...outOfRange(
      ctx,
      column,
      !range.integers,
      (n) => !Number.isInteger(n),
      'non-integer follow-up',
    ),
  ];
}

function checkEvent(ctx: Context, column: string): ValidationProblem[] {
  if (!ctx.has(column)) return [];
  const max = ctx.schema.maxMonth;
  // Without a follow-up column every follow-up is NaN: no event is after it.
  const followup = ctx.has(ctx.schema.followup) ? ctx.followup() : undefined;
  const range = numberRange(ctx.numbers(column).numbers, followup);
  const problems = [
    ...nonNumeric(ctx, column, 'event months (or be empty when the event did not happen)'),
    ...outOfRange(ctx, column, range.min < 1, (n) => n < 1, 'months below 1'),
    ...outOfRange(
      ctx,
      column,
      range.max > MAX_PLAUSIBLE_MONTHS,
      (n) => n > MAX_PLAUSIBLE_MONTHS,
      `implausible months: more than ${MAX_PLAUSIBLE_MONTHS} (100 years; a date or id in the column?)`,
    ),
    ...outOfRange(ctx, column, !range.integers, (n) => !Number.isInteger(n), 'non-integer months'),
    ...(max === undefined
      ? []
      : outOfRange(
          ctx,
          column,
          range.max > max,
          (n) => n > max,
          `months above the maximum of ${max}`,
        )),
  ];
  if (followup === undefined) return problems;
  const after = outOfRange(
    ctx,
    column,
    range.exceeds,
    (n, i) => n > (followup[i] as number), // NaN (invalid follow-up) compares false
    `event months after the end of follow-up ('${ctx.schema.followup}')`,
  );
  for (const p of after) {
    const first = (p.rows?.[0] as number) - 1;
    problems.push({
      ...p,
      code: 'event-after-followup',
      message: `${p.message.replace(/\)$/, '')} > follow-up ${followup[first]})`,
    });
  }
  return problems;
}

function checkDecile(ctx: Context): ValidationProblem[] {
  const column = ctx.schema.decile;
  if (!ctx.has(column)) return [];
  const range = numberRange(ctx.numbers(column).numbers);
  return [
    ...nonNumeric(ctx, column, 'deciles 1–10'),
    ...outOfRange(
      ctx,
      column,
      !range.integers || range.min < 1 || range.max > 10,
      (n) => !Number.isInteger(n) || n < 1 || n > 10,
      'deciles outside the whole numbers 1–10',
    ),
  ];
}

/**
 * The two-arm frame of an in-database analysis, built with a few aggregate queries and no row
 * read out: the columns checked (present, typed, follow-up and event rules), the arm labels
 * found, the factor levels and numeric centres of the covariates, the SQL of the analysed rows
 * and of the design, and the rows left out by reason (small counts withheld).
 */
import { experimentRoles } from '../data/intake.js';
import { InputError } from '../errors.js';
import {
  countWhere,
  followupChecks,
  requireKind,
  requireSqlColumns,
  throwFollowupProblems,
} from './checks.js';
import {
  type CovariateTerm,
  covariateColumns,
  type DesignColumn,
  indicatorSql,
  referenceIndex,
  sortLevels,
} from './design.js';
import { maskedCount } from './disclosure.js';
import type { SqlColumn, SqlRunner } from './runner.js';
import { relationSql, type Source } from './source.js';
import { asDouble, quoteIdent, type SqlDialect, valueLiteral } from './sql.js';

/** Column names and arm labels of a two-arm in-database analysis. */
export interface TwoArmSpec {
  /** Arm column (default `arm`). */
  readonly arm?: string;
  /** Label of the treated arm (default `experiment`). */
  readonly treatment?: string;
  /** Label of the control arm (default `control`). */
  readonly control?: string;
  /** Covariates: numbers as they are, text, booleans and `factors` as dummies. */
  readonly covariates?: readonly string[];
  /** Reference level per factor covariate (default: the first sorted level). */
  readonly reference?: Readonly<Record<string, string>>;
  /** Numeric covariates to treat as factors. */
  readonly factors?: readonly string[];
}

/** Rows left out, by reason; `count` is `null` when it is a small count (withheld). */
export interface SqlExclusion {
  readonly reason: string;
  readonly count: number | null;
}

/** The frame: where the analysed rows are and how their design is written. */
export interface Frame {
  readonly runner: SqlRunner;
  readonly dialect: SqlDialect;
  readonly relation: string;
  /** Condition of the analysed rows (the two arms, follow-up and covariates present). */
  readonly where: string;
  /** Design columns: `(Intercept)`, `treatment`, then the covariates' columns. */
  readonly design: readonly DesignColumn[];
  readonly covariateNames: readonly string[];
  readonly terms: readonly CovariateTerm[];
  readonly labels: { readonly arm: string; readonly treatment: string; readonly control: string };
  readonly excluded: readonly SqlExclusion[];
  /** Clients analysed, by arm (each at least the threshold, or an error was thrown). */
  readonly n: { readonly treated: number; readonly control: number };
}

/** What the frame reads besides arm and covariates. */
export interface FrameOptions {
  readonly followup?: string;
  readonly events?: readonly string[];
  /** Further columns that must exist (outcomes), with their role for messages. */
  readonly require?: { readonly names: readonly string[]; readonly role: string };
  readonly threshold: number;
}

/**
 * Builds the frame (see the module notes). Throws the intake's `InputError`s: `missing-column`,
 * `wrong-type` (from the column's database type), `out-of-range`, `event-after-followup`
 * (with a count of rows, not their numbers), `unknown-arm`, `unknown-level`; and
 * `too-few` when an arm has fewer clients than the threshold.
 *
 * @example
 * const frame = await buildFrame(runner, { table: 'clients' }, { covariates: ['age'] }, { followup: 'followup_months', events: ['month_bijstand'], threshold: 10 });
 */
export async function buildFrame(
  runner: SqlRunner,
  source: Source,
  spec: TwoArmSpec,
  options: FrameOptions,
): Promise<Frame> {
  const dialect = runner.dialect;
  const relation = relationSql(source, dialect);
  const roles = experimentRoles({
    ...(spec.arm ? { arm: spec.arm } : {}),
    ...(spec.treatment ? { treatment: spec.treatment } : {}),
    ...(spec.control ? { control: spec.control } : {}),
  });
  const covariates = spec.covariates ?? [];
  const columns = await runner.columns(relation);
  const events = options.events ?? [];
  if (options.followup !== undefined) {
    requireSqlColumns(columns, events, 'event');
    requireSqlColumns(columns, [options.followup], 'follow-up');
    requireKind(columns, options.followup, ['number'], 'numbers');
    for (const e of events) requireKind(columns, e, ['number'], 'numbers');
  }
  requireSqlColumns(columns, [roles.arm], 'arm');
  requireSqlColumns(columns, covariates, 'covariate');
  if (options.require) requireSqlColumns(columns, options.require.names, options.require.role);
  const armColumn = requireKind(columns, roles.arm, ['text', 'number'], 'text or numbers');
  for (const c of covariates)
    requireKind(columns, c, ['number', 'text', 'boolean'], 'numbers, text or booleans');
  const forced = new Set(spec.factors ?? []);

  const q = (name: string) => quoteIdent(name, dialect);
  const armSql = q(roles.arm);
  const label = (l: string) => armLabelSql(l, armColumn, roles.arm);
  const isT = `${armSql} = ${label(roles.treatment)}`;
  const isC = `${armSql} = ${label(roles.control)}`;
  const inArms = `(${isT} OR ${isC})`;
  const f = options.followup === undefined ? undefined : q(options.followup);
  const covPresent = covariates.length
    ? covariates.map((c) => `${q(c)} IS NOT NULL`).join(' AND ')
    : '1 = 1';
  const t = options.threshold;

  const checks: Record<string, string> = {
    n_treated: countWhere(isT),
    n_control: countWhere(isC),
    other_arm: maskedCount(countWhere(`NOT ${inArms} OR ${armSql} IS NULL`), t),
    ...(f === undefined
      ? {}
      : {
          missing_followup: maskedCount(countWhere(`${inArms} AND ${f} IS NULL`), t),
          ...followupChecks(options.followup!, events, dialect),
        }),
    missing_covariate: maskedCount(
      countWhere(`${inArms}${f ? ` AND ${f} IS NOT NULL` : ''} AND NOT (${covPresent})`),
      t,
    ),
    ...Object.fromEntries(
      covariates.map((c, i) => [`missing_${i}`, maskedCount(countWhere(`${q(c)} IS NULL`), t)]),
    ),
  };
  const select = Object.entries(checks)
    .map(([k, v]) => `${v} AS ${q(k)}`)
    .join(', ');
  const [counts] = await runner.query(`SELECT ${select} FROM ${relation}`);
  const num = (k: string) =>
    counts?.[k] === null || counts?.[k] === undefined ? null : Number(counts[k]);
  if (f !== undefined) throwFollowupProblems(counts ?? {}, options.followup!, events);
  for (const [which, n] of [
    [roles.treatment, num('n_treated')],
    [roles.control, num('n_control')],
  ] as const) {
    if (!n) {
      const rows = await runner.query(
        `SELECT DISTINCT ${armSql} AS ${q('label')} FROM ${relation}`,
      );
      const present = rows
        .map((r) => r.label)
        .filter((v) => v !== null)
        .map(String)
        .sort();
      throw new InputError(
        `arm '${which}' does not occur in column '${roles.arm}'; labels present: ${present.join(', ') || '(none)'}`,
        { code: 'unknown-arm', column: roles.arm, value: which },
      );
    }
  }

  const terms: CovariateTerm[] = [];
  for (const name of covariates) {
    const column = columns.find((c) => c.name === name)!;
    if (column.kind === 'number' && !forced.has(name)) {
      terms.push({ kind: 'numeric', name, centre: 0 });
      continue;
    }
    const rows = await runner.query(
      `SELECT DISTINCT ${q(name)} AS ${q('v')} FROM ${relation} WHERE ${covPresent}`,
    );
    const values = sortLevels(rows.map((r) => r.v ?? null));
    terms.push({
      kind: 'factor',
      name,
      values,
      reference: referenceIndex(name, values, spec.reference?.[name]),
    });
  }
  const where = `${inArms}${f ? ` AND ${f} IS NOT NULL` : ''} AND ${covPresent}`;
  const numeric = terms.filter((x) => x.kind === 'numeric');
  const analysed = { treated: 0, control: 0 };
  {
    const centres = numeric.map((x, i) => `AVG(${asDouble(q(x.name), dialect)}) AS ${q(`c${i}`)}`);
    const [row] = await runner.query(
      `SELECT ${[`${countWhere(isT)} AS ${q('nt')}`, `${countWhere(isC)} AS ${q('nc')}`, ...centres].join(', ')} FROM ${relation} WHERE ${where}`,
    );
    analysed.treated = Number(row?.nt ?? 0);
    analysed.control = Number(row?.nc ?? 0);
    numeric.forEach((x, i) => {
      const c = Number(row?.[`c${i}`] ?? 0);
      terms[terms.indexOf(x)] = { ...x, centre: Number.isFinite(c) ? c : 0 };
    });
  }
  for (const [which, n] of [
    [roles.treatment, analysed.treated],
    [roles.control, analysed.control],
  ] as const) {
    if (n === 0 || n < t) {
      throw new InputError(
        `arm '${which}' has ${n === 0 ? 'no' : `fewer than ${t}`} clients to analyse; the disclosure threshold is ${t}`,
        { code: 'too-few', column: roles.arm, value: which },
      );
    }
  }

  const excluded: SqlExclusion[] = [];
  const add = (reason: string, count: number | null) => {
    if (count !== 0) excluded.push({ reason, count });
  };
  add(`arm not '${roles.treatment}' or '${roles.control}'`, num('other_arm'));
  if (f !== undefined) add(`missing '${options.followup}'`, num('missing_followup'));
  const by = covariates
    .map((c, i) => [c, num(`missing_${i}`)] as const)
    .filter(([, k]) => k !== 0)
    .map(([c, k]) => `${c}: ${k === null ? `< ${t}` : k}`)
    .join(', ');
  add(`missing covariate (${by})`, num('missing_covariate'));

  const design: DesignColumn[] = [
    { name: '(Intercept)', sql: asDouble('1', dialect), indicator: true },
    { name: 'treatment', sql: indicatorSql(isT, dialect), indicator: true },
    ...covariateColumns(terms, dialect),
  ];
  return {
    runner,
    dialect,
    relation,
    where,
    design,
    covariateNames: design.slice(2).map((d) => d.name),
    terms,
    labels: roles,
    excluded,
    n: analysed,
  };
}

/** An arm label as a literal of the arm column's type (numbers for a numeric column). */
function armLabelSql(label: string, column: SqlColumn, name: string): string {
  if (column.kind !== 'number') return valueLiteral(label);
  const n = Number(label);
  if (label.trim() === '' || !Number.isFinite(n)) {
    throw new InputError(
      `arm column '${name}' holds numbers, but the arm label '${label}' is not a number`,
      {
        code: 'unknown-arm',
        column: name,
        value: label,
      },
    );
  }
  return String(n);
}

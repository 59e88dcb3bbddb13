/**
 * Balance of covariates across arms: per covariate and arm the counts and shares (factors) or
 * mean and SD (numbers), standardised mean differences, a test per covariate, and an omnibus
 * test — from microdata (`balanceTable`) or from published counts (`balanceFromCounts`).
 */

import type { ColumnTable } from 'arquero';
import {
  asTable,
  columnCells,
  isMissing,
  requireColumns,
  type TableInput,
} from '../data/columns.js';
import { type ExperimentIntake, isExperimentIntake, readArms } from '../data/intake.js';
import { DEFAULT_EXPERIMENT_SCHEMA } from '../data/schema.js';
import { type DocumentConvertible, type HtmlConvertible, withDisplay } from '../display.js';
import { InputError } from '../errors.js';
import { ols } from '../estimate/ols.js';
import { waldTest } from '../estimate/wald.js';
import { formatGeneral, formatNumber } from '../format.js';
import { type Language, numberStyleOf } from '../language.js';
import { type Stars, stars } from '../stats/estimate.js';
import { gather } from '../stats/gather.js';
import { pAdjust } from '../stats/multiplicity.js';
import { type AllKeys, rejectUnknownKeys } from '../stats/option-keys.js';
import {
  checkStarLevels,
  REPORT_STAR_LEVELS,
  restar,
  type StarLevels,
  starsAt,
} from '../stats/stars.js';
import { type Block, type Document, documentMarkdown, tableFromRows } from '../table/index.js';
import { assignTexts, labelColumns } from './assign-texts.js';
import {
  chiSquareIndependence,
  type GroupSummary,
  indicatorSummary,
  smd,
  summarise,
  type TestValue,
  welchTest,
} from './balance-tests.js';

/** One arm's figures on one balance row. */
export interface BalanceArmStat {
  readonly arm: string;
  /** Factor level: clients at this level; number: clients with a value. */
  readonly n: number;
  /** Factor level: n / clients of the arm with this covariate recorded. */
  readonly share?: number;
  /** Number: mean and sample SD. */
  readonly mean?: number;
  readonly sd?: number;
}

/** One row of a balance table: a numeric covariate, or one level of a factor. */
export interface BalanceRow {
  readonly covariate: string;
  /** Factor level, or `null` for a numeric covariate. */
  readonly level: string | null;
  readonly kind: 'factor' | 'numeric';
  readonly stats: readonly BalanceArmStat[];
  /** SMD of each non-reference arm against the reference arm (key: arm). */
  readonly smd: Readonly<Record<string, number>>;
}

/** The test of one covariate across arms. */
export interface CovariateTest {
  readonly covariate: string;
  readonly kind: 'factor' | 'numeric';
  readonly statistic: number;
  readonly df: readonly number[];
  readonly pValue: number;
  readonly stars: Stars;
  readonly method: string;
  readonly warning?: string;
}

/** Joint test that the covariates do not predict one arm against the reference arm. */
export interface OmnibusTest {
  readonly arm: string;
  readonly reference: string;
  /** Clients used (both arms, complete cases). */
  readonly n: number;
  /** Covariate coefficients tested (aliased ones are dropped by the regression). */
  readonly terms: readonly string[];
  /** F = W/q. */
  readonly statistic: number;
  /** (q, n − k). */
  readonly df: readonly [number, number];
  readonly pValue: number;
  /** Holm-adjusted over the comparisons (equals `pValue` with two arms). */
  readonly adjustedPValue: number;
  readonly chiSquare: number;
  readonly stars: Stars;
  readonly method: string;
}

/** A balance table: plain data plus `toTable()` and `toMarkdown()`. */
export interface BalanceResult extends HtmlConvertible, DocumentConvertible {
  /** Arms in order; the first is the reference of SMDs and the omnibus test. */
  readonly arms: readonly string[];
  readonly reference: string;
  readonly rows: readonly BalanceRow[];
  readonly tests: readonly CovariateTest[];
  /** One test per non-reference arm; empty when built from counts (needs microdata). */
  readonly omnibus: readonly OmnibusTest[];
  readonly notes: readonly string[];
  /** One plain object per row; the covariate's test is on its first row. */
  toTable(): Record<string, string | number>[];
  toMarkdown(): string;
}

/** Options of {@link balanceTable}. */
export interface BalanceOptions {
  /** Arm column (default `arm`). */
  readonly arm?: string;
  /** Covariate columns. Numbers are numeric; strings and booleans are factors. */
  readonly covariates: readonly string[];
  /** Columns to treat as factors even when numeric (e.g. office codes 1–6). */
  readonly factors?: readonly string[];
  /** Arms in order (first = reference). Default: the distinct recorded arms, sorted. */
  readonly arms?: readonly string[];
  /** Run the omnibus regression (default true). */
  readonly omnibus?: boolean;
  /** Significance levels of the stars (default the reports' † 0.20, * 0.10, ** 0.05). */
  readonly stars?: StarLevels;
}

/** Counts per level, one number per arm in `arms` order: `{ man: [2841, 2709], … }`. */
export type LevelCounts = Readonly<Record<string, readonly number[]>>;

/** Input of {@link balanceFromCounts}. */
export interface BalanceCounts {
  /** Arms in order (first = reference). */
  readonly arms: readonly string[];
  /** Covariate → level → counts per arm. */
  readonly covariates: Readonly<Record<string, LevelCounts>>;
}

const MISSING_LEVEL = '(missing)';

const collator = new Intl.Collator('en', { numeric: true });

const BALANCE_TABLE_KEYS: AllKeys<BalanceOptions> = {
  arm: true,
  covariates: true,
  factors: true,
  arms: true,
  omnibus: true,
  stars: true,
};

/**
 * Balance table from microdata. Per factor level and arm: count and share; per number: mean
 * and SD; SMD of each arm against the first (reference) arm,
 * SMD = (m_arm − m_ref) / √((s_arm² + s_ref²)/2), for factor levels on the 0/1 indicator.
 * Per covariate: Pearson chi-square test of independence (factors), Welch t (numbers, two arms)
 * or Welch's one-way ANOVA (more arms). Omnibus: OLS of the indicator 1{arm} on an intercept and
 * all covariates (factor dummies, first level as reference) over the clients of that arm and the
 * reference arm, and the joint Wald test (HC2 covariance, F = W/q on (q, n − k) df) that all
 * covariate coefficients are zero; with more than two arms one such test per non-reference arm,
 * with Holm-adjusted p-values. Missing factor values form a level `(missing)`; missing numbers
 * are left out of that covariate's figures and of the omnibus regression (complete cases).
 * `data` may be an experiment intake already built (`experimentIntake`): then its treatment
 * and control arms are compared (control as reference, unless `arms` says otherwise) and the
 * rows of other arms are not part of the table (the intake reports them as excluded).
 *
 * @example
 * const b = balanceTable(assigned, { covariates: ['gender', 'age_band', 'office'], factors: ['office'] });
 * b.tests.find((t) => t.covariate === 'gender')?.pValue;
 * b.toMarkdown(); // a Markdown table
 */
export function balanceTable(
  data: TableInput | ExperimentIntake,
  options: BalanceOptions,
): BalanceResult {
  rejectUnknownKeys(options, BALANCE_TABLE_KEYS, 'balanceTable');
  const source = twoArmSource(data, options);
  const { table, rows: picked, armColumn } = source;
  requireColumns(table, options.covariates, 'covariate');
  if (options.covariates.length === 0) {
    throw new InputError('balance table: name at least one covariate', { code: 'invalid-option' });
  }
  const recorded = source.recorded;
  const arms =
    options.arms ??
    source.arms ??
    [...new Set(recorded.filter((a) => a !== null))].sort(collator.compare);
  if (arms.length < 2) {
    throw new InputError(`balance table needs at least two arms, found ${arms.length}`, {
      code: 'invalid-option',
      column: armColumn,
    });
  }
  const armIndex = new Map(arms.map((a, i) => [a, i]));
  const group = recorded.map((a) => (a === null ? -1 : (armIndex.get(a) ?? -1)));
  const notes: string[] = [];
  const outside = group.filter((g) => g < 0).length;
  if (outside > 0)
    notes.push(`${outside} rows without one of the arms ${arms.join(', ')} were left out.`);

  const rows: BalanceRow[] = [];
  const tests: CovariateTest[] = [];
  const design: DesignPart[] = [];
  for (const covariate of options.covariates) {
    const all = columnCells(table, covariate);
    const values = picked ? pickCells(all, picked) : all;
    const numeric = !options.factors?.includes(covariate) && isNumericColumn(values);
    if (numeric) {
      const part = numericCovariate(covariate, values, group, arms);
      rows.push(part.row);
      tests.push(part.test);
      design.push({ names: [covariate], columns: [part.column] });
    } else {
      const part = factorCovariate(covariate, values, group, arms);
      rows.push(...part.rows);
      tests.push(part.test);
      design.push(part.design);
    }
  }
  const omnibus = options.omnibus === false ? [] : omnibusTests(group, arms, design, notes);
  const levels = checkStarLevels(options.stars);
  return makeResult(
    arms,
    rows,
    tests.map((t) => restar(t, levels)),
    omnibus.map((o) => ({ ...o, stars: starsAt(o.adjustedPValue, levels) })),
    notes,
    levels,
  );
}

/** The rows a balance table reads: all of a table, or the two arms of an intake. */
interface BalanceSource {
  readonly table: ColumnTable;
  /** Table rows analysed (all when absent). */
  readonly rows: Int32Array | undefined;
  /** Arm label per analysed row. */
  readonly recorded: readonly (string | null)[];
  readonly armColumn: string;
  /** The intake's arms, control (reference) first. */
  readonly arms: readonly string[] | undefined;
}

/**
 * A table's arm column (read by the intake's reader), or an intake's two arms: only the rows of
 * its treatment and control arms are analysed (the intake reports the others as excluded).
 */
function twoArmSource(data: TableInput | ExperimentIntake, options: BalanceOptions): BalanceSource {
  if (!isExperimentIntake(data)) {
    const table = asTable(data);
    const armColumn = options.arm ?? DEFAULT_EXPERIMENT_SCHEMA.arm;
    return {
      table,
      rows: undefined,
      recorded: readArms(table, armColumn),
      armColumn,
      arms: undefined,
    };
  }
  const { treatment, control, arm } = data.roles;
  const keep: number[] = [];
  data.arms.forEach((a, i) => {
    if (a === treatment || a === control) keep.push(i);
  });
  const rows = Int32Array.from(keep);
  return {
    table: data.table,
    rows,
    recorded: pickCells(data.arms, rows) as (string | null)[],
    armColumn: arm,
    arms: [control, treatment],
  };
}

/**
 * Balance table from published counts (e.g. Table 5.1 of the 2012–2013 study): per covariate a
 * level × arm count table. Gives counts, shares, SMDs (on the 0/1 indicators) and a Pearson
 * chi-square test of independence per covariate. No omnibus test: the joint distribution of the
 * covariates is not in the margins.
 *
 * @example
 * const b = balanceFromCounts({
 *   arms: ['basic', 'intensive'],
 *   covariates: { gender: { man: [2841, 2709], woman: [1774, 1910], unknown: [2, 1] } },
 * });
 * b.tests[0].pValue // < 0.05
 */
export function balanceFromCounts(input: BalanceCounts): BalanceResult {
  const { arms } = input;
  if (arms.length < 2 || new Set(arms).size !== arms.length) {
    throw new InputError('balanceFromCounts: need at least two distinct arms', {
      code: 'invalid-option',
    });
  }
  const rows: BalanceRow[] = [];
  const tests: CovariateTest[] = [];
  const entries = Object.entries(input.covariates);
  if (entries.length === 0) {
    throw new InputError('balanceFromCounts: no covariates given', { code: 'invalid-option' });
  }
  for (const [covariate, levels] of entries) {
    const names = Object.keys(levels);
    const counts = names.map((level) => {
      const c = levels[level]!;
      if (c.length !== arms.length || c.some((x) => !Number.isInteger(x) || x < 0)) {
        throw new InputError(
          `balanceFromCounts: ${covariate} = ${level} needs ${arms.length} whole counts ≥ 0 (one per arm)`,
          { code: 'wrong-type', column: covariate },
        );
      }
      return c;
    });
    const part = factorFromCounts(covariate, names, counts, arms);
    rows.push(...part.rows);
    tests.push(part.test);
  }
  return makeResult(
    arms,
    rows,
    tests,
    [],
    [
      'Built from aggregate counts: no omnibus test (it needs the joint distribution of the covariates).',
    ],
  );
}

interface DesignPart {
  readonly names: readonly string[];
  /** One column per name; NaN marks a missing value. */
  readonly columns: readonly Float64Array[];
}

/** `cells[rows[j]]` for every j, as an array (an index loop: `Array.from` with a callback is slow). */
function pickCells(cells: ArrayLike<unknown>, rows: Int32Array): unknown[] {
  const out = new Array<unknown>(rows.length);
  for (let j = 0; j < rows.length; j++) out[j] = cells[rows[j]!];
  return out;
}

function isNumericColumn(values: ArrayLike<unknown>): boolean {
  let any = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (isMissing(v)) continue;
    if (typeof v !== 'number') return false;
    any = true;
  }
  return any;
}

function numericCovariate(
  covariate: string,
  values: ArrayLike<unknown>,
  group: readonly number[],
  arms: readonly string[],
): { row: BalanceRow; test: CovariateTest; column: Float64Array } {
  const column = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    column[i] = typeof v === 'number' && Number.isFinite(v) ? v : Number.NaN;
  }
  // Each arm's observed values, in row order (one pass to count, one to fill).
  const sizes = new Int32Array(arms.length);
  for (let i = 0; i < column.length; i++) {
    const g = group[i]!;
    if (g >= 0 && !Number.isNaN(column[i]!)) sizes[g]! += 1;
  }
  const byArm = Array.from(sizes, (m) => new Float64Array(m));
  const filled = new Int32Array(arms.length);
  for (let i = 0; i < column.length; i++) {
    const g = group[i]!;
    if (g >= 0 && !Number.isNaN(column[i]!)) byArm[g]![filled[g]!++] = column[i]!;
  }
  const summaries: GroupSummary[] = byArm.map(summarise);
  const smds: Record<string, number> = {};
  arms.slice(1).forEach((arm, k) => {
    smds[arm] = smd(summaries[0]!, summaries[k + 1]!);
  });
  const row: BalanceRow = {
    covariate,
    level: null,
    kind: 'numeric',
    stats: arms.map((arm, g) => ({
      arm,
      n: summaries[g]!.n,
      mean: summaries[g]!.mean,
      sd: summaries[g]!.sd,
    })),
    smd: smds,
  };
  const test = toCovariateTest(covariate, 'numeric', welchTest(byArm));
  return { row, test, column };
}

function factorCovariate(
  covariate: string,
  values: ArrayLike<unknown>,
  group: readonly number[],
  arms: readonly string[],
): { rows: BalanceRow[]; test: CovariateTest; design: DesignPart } {
  // Each row's label as a code (first seen first), then the levels of the analysed rows sorted.
  const n = values.length;
  const seen = new Map<string, number>();
  const raw = new Int32Array(n);
  const inArms: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const label = isMissing(v) ? MISSING_LEVEL : String(v);
    let c = seen.get(label);
    if (c === undefined) {
      c = seen.size;
      seen.set(label, c);
      inArms.push(false);
    }
    raw[i] = c;
    if (group[i]! >= 0) inArms[c] = true;
  }
  const levels = [...seen.keys()]
    .filter((_, c) => inArms[c])
    .sort((a, b) => (a === MISSING_LEVEL ? 1 : b === MISSING_LEVEL ? -1 : collator.compare(a, b)));
  const index = new Map(levels.map((l, i) => [l, i]));
  const toLevel = Int32Array.from(seen.keys(), (label) => index.get(label) ?? -1);
  const counts = levels.map(() => new Array<number>(arms.length).fill(0));
  // Dummies for every level but the first (the regression's reference level).
  const columns = levels.slice(1).map(() => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const l = toLevel[raw[i]!]!;
    const g = group[i]!;
    if (g >= 0) counts[l]![g]! += 1;
    if (l >= 1) columns[l - 1]![i] = 1;
  }
  const part = factorFromCounts(covariate, levels, counts, arms);
  const design: DesignPart = { names: levels.slice(1).map((l) => `${covariate}[${l}]`), columns };
  return { ...part, design };
}

function factorFromCounts(
  covariate: string,
  levels: readonly string[],
  counts: readonly (readonly number[])[],
  arms: readonly string[],
): { rows: BalanceRow[]; test: CovariateTest } {
  const totals = arms.map((_, g) => counts.reduce((s, c) => s + c[g]!, 0));
  const rows = levels.map((level, l) => {
    const c = counts[l]!;
    const smds: Record<string, number> = {};
    const ref = indicatorSummary(c[0]!, totals[0]!);
    arms.slice(1).forEach((arm, k) => {
      smds[arm] = smd(ref, indicatorSummary(c[k + 1]!, totals[k + 1]!));
    });
    return {
      covariate,
      level,
      kind: 'factor' as const,
      stats: arms.map((arm, g) => ({ arm, n: c[g]!, share: c[g]! / totals[g]! })),
      smd: smds,
    };
  });
  return { rows, test: toCovariateTest(covariate, 'factor', chiSquareIndependence(counts)) };
}

/**
 * A covariate's row of the balance tests from its test value (stars from the p-value); shared
 * with the in-database balance table.
 *
 * @example
 * toCovariateTest('age', 'numeric', welchTest([ageControl, ageTreated])).stars
 */
export function toCovariateTest(
  covariate: string,
  kind: 'factor' | 'numeric',
  t: TestValue,
): CovariateTest {
  return {
    covariate,
    kind,
    statistic: t.statistic,
    df: t.df,
    pValue: t.pValue,
    stars: stars(t.pValue),
    method: t.method,
    ...(t.warning ? { warning: t.warning } : {}),
  };
}

function omnibusTests(
  group: readonly number[],
  arms: readonly string[],
  design: readonly DesignPart[],
  notes: string[],
): OmnibusTest[] {
  const names = design.flatMap((d) => d.names);
  const columns = design.flatMap((d) => d.columns);
  const raw: Omit<OmnibusTest, 'adjustedPValue' | 'stars'>[] = [];
  // Rows with a missing value in any covariate take no part.
  const missing = new Uint8Array(group.length);
  for (const c of columns)
    for (let i = 0; i < group.length; i++) if (Number.isNaN(c[i]!)) missing[i] = 1;
  for (let g = 1; g < arms.length; g++) {
    const rows: number[] = [];
    for (let i = 0; i < group.length; i++) {
      if ((group[i] === 0 || group[i] === g) && missing[i] === 0) rows.push(i);
    }
    const n = rows.length;
    // Every client in (two arms, no missing value): the covariate columns as they are.
    const pick = (c: Float64Array) => (n === group.length ? c : gather(c, rows));
    const x = {
      names: ['(Intercept)', ...names],
      columns: [new Float64Array(n).fill(1), ...columns.map(pick)],
      n,
    };
    const y = new Float64Array(n);
    for (let j = 0; j < n; j++) y[j] = group[rows[j]!] === g ? 1 : 0;
    try {
      const fit = ols(x, y, { se: 'HC2' });
      const terms = fit.terms.filter((t) => t !== '(Intercept)');
      if (fit.aliased.length > 0)
        notes.push(
          `Omnibus ${arms[g]} vs ${arms[0]}: aliased terms dropped: ${fit.aliased.join(', ')}.`,
        );
      const w = waldTest(fit, terms);
      raw.push({
        arm: arms[g]!,
        reference: arms[0]!,
        n,
        terms,
        statistic: w.f,
        df: [w.fDf[0], w.fDf[1]],
        pValue: w.fPValue,
        chiSquare: w.chiSquare,
        method: `OLS of 1{arm = ${arms[g]}} on the covariates (vs ${arms[0]}), joint Wald test of all covariate coefficients = 0, HC2, F(q, n − k)`,
      });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      notes.push(`Omnibus ${arms[g]} vs ${arms[0]} not computed: ${error.message}`);
    }
  }
  const adjusted = pAdjust(
    raw.map((r) => r.pValue),
    'holm',
  );
  if (raw.length > 1)
    notes.push(
      'Omnibus p-values with more than two arms: one regression per non-reference arm, Holm-adjusted.',
    );
  return raw.map((r, i) => ({ ...r, adjustedPValue: adjusted[i]!, stars: stars(adjusted[i]!) }));
}

function makeResult(
  arms: readonly string[],
  rows: readonly BalanceRow[],
  tests: readonly CovariateTest[],
  omnibus: readonly OmnibusTest[],
  notes: readonly string[],
  levels: StarLevels = REPORT_STAR_LEVELS,
): BalanceResult {
  const others = arms.slice(1);
  const testOf = new Map(tests.map((t) => [t.covariate, t]));
  const toTable = () => {
    const seen = new Set<string>();
    return rows.map((r) => {
      const first = !seen.has(r.covariate);
      seen.add(r.covariate);
      const out: Record<string, string | number> = { covariate: r.covariate, level: r.level ?? '' };
      for (const s of r.stats) {
        out[`n_${s.arm}`] = s.n;
        out[`share_${s.arm}`] = s.share ?? '';
        out[`mean_${s.arm}`] = s.mean ?? '';
        out[`sd_${s.arm}`] = s.sd ?? '';
      }
      for (const a of others) out[`smd_${a}`] = r.smd[a]!;
      const t = first ? testOf.get(r.covariate) : undefined;
      out.test = t
        ? t.kind === 'factor'
          ? 'chi-square'
          : t.df.length === 1
            ? 'Welch t'
            : 'Welch F'
        : '';
      out.statistic = t ? t.statistic : '';
      out.df = t ? t.df.map((d) => Number(d.toPrecision(6))).join(', ') : '';
      out.p_value = t ? t.pValue : '';
      out.stars = t ? t.stars : '';
      return out;
    });
  };
  const result = {
    arms,
    reference: arms[0]!,
    rows,
    tests,
    omnibus,
    notes,
    toTable,
    toMarkdown: () => documentMarkdown(balanceDocument(result, 'en', levels)),
  };
  return withDisplay(result, () => balanceDocument(result, 'en', levels));
}

/**
 * The document of a balance table in a language: per covariate and arm the count and share
 * (factors) or mean, SD and n (numbers), the SMDs and the covariate's p-value (table id
 * `balance`; column ids unchanged, labels in the language), the tests listed below it, the
 * omnibus tests, the SMD formula and the notes.
 *
 * @example
 * documentMarkdown(balanceDocument(balanceTable(assigned, { covariates: ['gender'] }), 'nl'), { lang: 'nl' });
 */
export function balanceDocument(
  b: Pick<BalanceResult, 'arms' | 'rows' | 'tests' | 'omnibus' | 'notes'>,
  lang: Language = 'en',
  levels: StarLevels = REPORT_STAR_LEVELS,
): Document {
  const t = assignTexts(lang);
  const style = numberStyleOf(lang);
  const cell = (v: number | undefined, digits = 4) =>
    v === undefined ? '' : formatGeneral(v, digits, style);
  const { arms, rows, tests, omnibus, notes } = b;
  const others = arms.slice(1);
  const testOf = new Map(tests.map((x) => [x.covariate, x]));
  const seen = new Set<string>();
  const md = rows.map((r) => {
    const first = !seen.has(r.covariate);
    seen.add(r.covariate);
    const out: Record<string, string> = {
      covariate: first ? r.covariate : '',
      level: r.level ?? '',
    };
    for (const s of r.stats) {
      out[s.arm] =
        r.kind === 'factor'
          ? `${cell(s.n)} (${formatNumber(100 * s.share!, 1, style)}${style.percent})`
          : `${cell(s.mean)} (${t.sd} ${cell(s.sd)}, n ${cell(s.n)})`;
    }
    for (const a of others) out[others.length === 1 ? 'SMD' : `SMD ${a}`] = cell(r.smd[a], 3);
    const x = first ? testOf.get(r.covariate) : undefined;
    out.p = x ? `${cell(x.pValue, 3)}${x.stars ? ` ${x.stars}` : ''}` : '';
    return out;
  });
  const parts: Block[] = [
    {
      kind: 'table',
      table: {
        ...labelColumns(
          tableFromRows(md, { id: 'balance', title: t.balanceHeading }),
          t.balanceColumns,
        ),
        stars: { levels, test: t.balanceStarsTest },
      },
    },
  ];
  const tnotes = tests.map((x) =>
    t.covariateTest(
      x.covariate,
      t.method(x.method),
      cell(x.statistic),
      x.df.map((d) => cell(d)).join(', '),
      x.warning ? t.method(x.warning) : undefined,
    ),
  );
  if (tnotes.length > 0) parts.push({ kind: 'list', items: tnotes });
  for (const o of omnibus) {
    parts.push({
      kind: 'paragraph',
      text: t.omnibus(
        o.arm,
        o.reference,
        cell(o.statistic),
        o.df,
        cell(o.pValue, 3),
        o.adjustedPValue !== o.pValue ? cell(o.adjustedPValue, 3) : undefined,
        o.stars,
        cell(o.n),
        t.method(o.method),
      ),
    });
  }
  parts.push({ kind: 'paragraph', text: t.smdFormula });
  if (notes.length > 0) {
    parts.push({
      kind: 'paragraph',
      text: notes.map((n) => `${t.note}: ${t.method(n)}`).join('\n'),
    });
  }
  return parts;
}

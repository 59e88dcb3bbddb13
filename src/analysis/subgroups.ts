/**
 * The effect per month within subgroups (risk decile, gender, office …) and a test of whether
 * the effect differs between them (treatment × subgroup interaction).
 */

import { asTable, requireColumns, stringColumn, type TableInput } from '../data/columns.js';
import { type ExperimentIntake, experimentIntake, isExperimentIntake } from '../data/intake.js';
import { displayResult, type HtmlConvertible } from '../display.js';
import { formatRows, InputError } from '../errors.js';
import { olsCumulativeTermsVcov } from '../estimate/cumulative-series.js';
import { checkFinite } from '../estimate/design.js';
import {
  type DesignCross,
  type OlsPrepared,
  olsPrepare,
  olsPrepareFromCross,
  olsTermsVcovPrepared,
  type TermsVcov,
} from '../estimate/ols.js';
import { waldTest } from '../estimate/wald.js';
import { formatNumber } from '../format.js';
import { type DesignMatrix, type Estimate, stars } from '../stats/estimate.js';
import { gather } from '../stats/gather.js';
import { rejectUnknownKeys } from '../stats/option-keys.js';
import { type Document, tableFromRows } from '../table/index.js';
import {
  type Comparison,
  comparisonSample,
  type Exclusion,
  subsetComparison,
} from './comparison.js';
import {
  type EffectSeries,
  type EffectSeriesSpec,
  resolveMonths,
  sampleAt,
  seriesOf,
} from './effect-series.js';
import { byFollowupDescending, prefixCrossProducts } from './effect-series-prefix.js';
import { handleRareLevels } from './rare-levels.js';
import { readGroupings, seriesSe } from './series-groupings.js';
import { putShared, type SeriesShare, shareKey, siblingsOf, takeShared } from './series-share.js';

/** Why the heterogeneity test is not given with clusters. */
const CLUSTERED_HETEROGENEITY =
  "a cluster-robust Wald test of several interactions needs a small-sample correction (clubSandwich's HTZ) that is not implemented; compare the subgroups' clustered effects and intervals";

/** Options of {@link effectSeriesBy}: an effect series plus the subgroup column. */
export interface SubgroupSpec extends EffectSeriesSpec {
  /** Column whose values define the subgroups (strings, or numbers such as a decile). */
  readonly by: string;
  /** Subgroup levels to report, in this order (default: every level, sorted). */
  readonly levels?: readonly string[];
}

/** Heterogeneity test at one month: H0 the effect is the same in every subgroup. */
export interface HeterogeneityTest {
  readonly month: number;
  /** F = W/q with W the Wald statistic of the q interaction terms (robust vcov). */
  readonly statistic: number;
  readonly df: readonly [number, number];
  readonly pValue: number;
  readonly stars: Estimate['stars'];
}

/** A month whose heterogeneity test cannot be computed, and why. */
export interface NotEstimableTest {
  readonly month: number;
  readonly reason: string;
}

/** The result of {@link effectSeriesBy}. */
export interface SubgroupSeries extends HtmlConvertible {
  readonly by: string;
  readonly subgroups: readonly { readonly level: string; readonly series: EffectSeries }[];
  /** The months whose test could be computed (every month, unless listed in `notEstimable`). */
  readonly heterogeneity: readonly HeterogeneityTest[];
  /**
   * Months without a heterogeneity test, with the reason: no client (or every client) had the
   * event, the interaction covariance is singular (an outcome constant within every subgroup ×
   * arm cell), or a client with leverage 1 under HC2/HC3.
   */
  readonly notEstimable: readonly NotEstimableTest[];
  /** Subgroups without an effect (no clients of one arm), left out of `subgroups` and the test. */
  readonly notEstimableLevels: readonly { readonly level: string; readonly reason: string }[];
  readonly excluded: readonly Exclusion[];
  readonly method: string;
  /** One row per subgroup and month. */
  toTable(): Record<string, number | string>[];
  toMarkdown(): string;
}

/**
 * {@link effectSeries} within each level of `spec.by`, plus per month a heterogeneity test:
 * OLS of y on 1 + T + G + T×G (+ covariates) with G the subgroup dummies (first level as
 * reference), and a Wald test that all T×G coefficients are 0 using the robust (HC2 by
 * default) covariance, reported as F = W/q on (q, n − k) df.
 *
 * @example
 * const s = effectSeriesBy(table, { event: 'month_bijstand', by: 'decile', months: 24 });
 * s.subgroups[0].series.months[23].raw.estimate; // effect at month 24 in decile 1
 * s.heterogeneity[23].pValue;                    // does the effect differ between deciles?
 */
export function effectSeriesBy(
  data: TableInput | ExperimentIntake,
  spec: SubgroupSpec,
): SubgroupSeries {
  return effectSeriesByShared(data, spec, undefined);
}

/**
 * {@link effectSeriesBy} with the work shared between events (`series-share.ts`): the fits of
 * each subgroup's series and the interaction tests of the other events of `share` are made in
 * the same passes and left for their own calls. The same numbers as without a share.
 *
 * @example
 * const share = createSeriesShare(intake, ['month_bijstand', 'month_work']);
 * const bijstand = effectSeriesByShared(intake, { ...spec, event: 'month_bijstand' }, share);
 * const work = effectSeriesByShared(intake, { ...spec, event: 'month_work' }, share); // fits taken
 */
export function effectSeriesByShared(
  data: TableInput | ExperimentIntake,
  spec: SubgroupSpec,
  share: SeriesShare | undefined,
): SubgroupSeries {
  rejectUnknownKeys(
    spec,
    {
      by: true,
      levels: true,
      months: true,
      adjustment: true,
      se: true,
      level: true,
      pAdjust: true,
      event: true,
      followup: true,
      arm: true,
      treatment: true,
      control: true,
      covariates: true,
      reference: true,
      factors: true,
      missing: true,
      rawInterval: true,
      rareLevels: true,
      censoring: true,
      censoringStrata: true,
      time: true,
      status: true,
      censored: true,
      band: true,
      bandOptions: true,
      clusters: true,
      blocks: true,
      stars: true,
    },
    'effectSeriesBy',
  );
  if (spec.censoring === 'ipcw') {
    // The interaction test below uses complete follow-up; mixing the two rules is not offered.
    throw new InputError(
      "effectSeriesBy does not support censoring: 'ipcw' yet (its heterogeneity test uses complete follow-up); run effectSeries with censoring: 'ipcw' per subgroup instead",
      { code: 'invalid-option', value: 'ipcw' },
    );
  }
  const table = isExperimentIntake(data) ? data.table : asTable(data);
  requireColumns(table, [spec.by], 'subgroup');
  const values = stringColumn(table, spec.by);
  // Each row's value numbered once (−1 missing), so the subgroups' masks below read numbers.
  const seen = new Map<string, number>();
  const valueCodes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === null) {
      valueCodes[i] = -1;
      continue;
    }
    let code = seen.get(v);
    if (code === undefined) {
      code = seen.size;
      seen.set(v, code);
    }
    valueCodes[i] = code;
  }
  const present = [...seen.keys()].sort(byNatural);
  const allLevels = spec.levels ? [...spec.levels] : present;
  for (const level of allLevels) {
    if (!present.includes(level)) {
      throw new InputError(
        `subgroup '${level}' does not occur in column '${spec.by}'; levels present: ${present.join(', ')}`,
        { code: 'empty-group', column: spec.by, value: level },
      );
    }
  }
  if (allLevels.length < 2) {
    throw new InputError(
      `column '${spec.by}' needs at least two subgroups, found ${allLevels.length}`,
      {
        code: 'empty-group',
        column: spec.by,
      },
    );
  }

  // One intake for every subgroup and the pooled interaction model.
  const intake = isExperimentIntake(data)
    ? data
    : experimentIntake(table, spec, { events: [spec.event] });
  // A subgroup without clients of one arm has no effect to estimate: reported, and left out of
  // the heterogeneity test; with fewer than two subgroups left there is nothing to compare.
  const skipped: { level: string; reason: string; clients: number }[] = [];
  const fitted: { level: string; series: EffectSeries }[] = [];
  let firstProblem: InputError | undefined;
  for (const level of allLevels) {
    const code = seen.get(level)!;
    const subset = new Uint8Array(valueCodes.length);
    for (let i = 0; i < valueCodes.length; i++) subset[i] = valueCodes[i] === code ? 1 : 0;
    const comparison = comparisonSample(intake, spec, subset);
    const arms = countArms(comparison);
    if (arms.treated === 0 || arms.control === 0) {
      const missingArm =
        arms.treated === 0 ? comparison.labels.treatment : comparison.labels.control;
      firstProblem ??= new InputError(
        `subgroup '${level}' of column '${spec.by}' has no clients in arm '${missingArm}'`,
        { code: 'empty-group', column: spec.by, value: level },
      );
      skipped.push({
        level,
        reason: `no clients in arm '${missingArm}'`,
        clients: comparison.treated.length,
      });
      continue;
    }
    fitted.push({
      level,
      series: seriesOf(comparison, spec, ` in subgroup ${spec.by} = '${level}'`, share),
    });
  }
  if (fitted.length < 2) throw firstProblem!;
  const subgroups = fitted;
  const levels = fitted.map((f) => f.level);
  const notEstimableLevels = skipped.map(({ level, reason }) => ({ level, reason }));

  // Each value's subgroup among the fitted levels (−1: missing, or a level not fitted).
  const levelOfCode = Int32Array.from(seen.keys(), (v) => levels.indexOf(v));
  // Index loops: a typed array's `from` with a callback is slow on millions of rows.
  const levelOfRow = new Int32Array(valueCodes.length);
  const inLevels = new Uint8Array(valueCodes.length);
  const missingBy: number[] = [];
  for (let i = 0; i < valueCodes.length; i++) {
    const v = valueCodes[i]!;
    const g = v < 0 ? -1 : levelOfCode[v]!;
    levelOfRow[i] = g;
    inLevels[i] = g >= 0 ? 1 : 0;
    if (v < 0) missingBy.push(i + 1);
  }
  const all = handleRareLevels(
    comparisonSample(intake, spec, inLevels),
    spec.rareLevels ?? 'error',
    seriesSe(spec.se, spec.clusters !== undefined).hc,
    false,
    subsetComparison,
  ).sample;
  const testsKey = (event: string) =>
    `${shareKey({ ...spec, event }, 'interaction')}\u0000${levels.join('\u0000')}`;
  const tests =
    takeShared<(HeterogeneityTest | NotEstimableTest)[]>(share, testsKey(spec.event), all.rows) ??
    interactionTests(all, levelOfRow, levels, spec, share, (event, result) => {
      putShared(share!, testsKey(event), all.rows, result);
    });
  const heterogeneity = tests.filter((t): t is HeterogeneityTest => !('reason' in t));
  const notEstimable = tests.filter((t): t is NotEstimableTest => 'reason' in t);
  const excluded: Exclusion[] = [...all.excluded];
  for (const k of skipped) {
    excluded.push({ reason: `subgroup '${k.level}': ${k.reason}`, count: k.clients });
  }
  if (missingBy.length) {
    excluded.push({
      reason: `missing '${spec.by}' (${formatRows(missingBy)})`,
      count: missingBy.length,
    });
  }
  const method = `${subgroups[0]!.series.method}; heterogeneity: ${
    spec.clusters === undefined
      ? `Wald F test of the treatment × ${spec.by} interactions (${spec.se ?? 'HC2'} vcov${spec.blocks === undefined ? '' : `, block fixed effects of '${spec.blocks}'`})`
      : `not computed with clusters (${CLUSTERED_HETEROGENEITY})`
  }`;

  return subgroupResult(
    { by: spec.by, subgroups, heterogeneity, notEstimable, notEstimableLevels, excluded, method },
    tests,
  );
}

type SubgroupBase = Omit<SubgroupSeries, 'toTable' | 'toMarkdown' | 'toHTML'>;

/**
 * The result with its display methods, made here and not in the function above: a closure made
 * there would hold its whole scope (the subgroups' sample).
 */
function subgroupResult(
  base: SubgroupBase,
  tests: readonly (HeterogeneityTest | NotEstimableTest)[],
): SubgroupSeries {
  return displayResult(base, subgroupRows, (b) => subgroupDocument(b, tests));
}

/** One row per subgroup and month. */
function subgroupRows({ by, subgroups }: SubgroupBase): Record<string, number | string>[] {
  return subgroups.flatMap(({ level, series }) =>
    series.toTable().map((row) => ({ [by]: level, ...row })),
  );
}

/** The effect per subgroup and month with the interaction p; `tests` in month order. */
function subgroupDocument(
  base: SubgroupBase,
  tests: readonly (HeterogeneityTest | NotEstimableTest)[],
): Document {
  const { by, subgroups, notEstimable, notEstimableLevels, method } = base;
  const rows = tests.map((t, i) => {
    const row: Record<string, string | number> = { month: t.month };
    for (const { level, series } of subgroups) {
      const m = series.months[i]!;
      const e = series.adjustment === 'none' ? m.raw : m.adjusted;
      row[`${by} ${level}`] = e
        ? `${formatNumber(100 * e.estimate, 1)}${e.stars}`
        : 'not estimable';
    }
    row['interaction p'] = 'reason' in t ? 'not estimable' : formatNumber(t.pValue, 3);
    return row;
  });
  return [
    { kind: 'table', table: tableFromRows(rows, { id: 'subgroups', title: by }) },
    { kind: 'paragraph', text: `Effects in pp by ${by}. ${method}.` },
    ...notEstimableLevels.map((k) => ({
      kind: 'note' as const,
      text: `Subgroup ${by} = '${k.level}' not estimable: ${k.reason}.`,
    })),
    ...notEstimable.map((t) => ({
      kind: 'note' as const,
      text: `Heterogeneity test not estimable at month ${t.month}: ${t.reason}.`,
    })),
  ];
}

function countArms(c: Comparison) {
  let treated = 0;
  for (const t of c.treated) treated += t;
  return { treated, control: c.treated.length - treated };
}

/** Numbers in numeric order ("2" < "10"), everything else as strings. */
function byNatural(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (a.trim() !== '' && b.trim() !== '' && Number.isFinite(x) && Number.isFinite(y)) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The prepared interaction design of one complete-follow-up sample (n clients). */
interface InteractionSample {
  readonly prep: OlsPrepared;
  /**
   * The event month of each of the sample's clients (NaN: none): the analysed event first, then
   * the other events (`siblings` of {@link interactionSamples}).
   */
  readonly eventMonths: readonly Float64Array[];
}

/**
 * The interaction designs of every month, y ~ 1 + T + G + T×G (+ covariates, + block dummies),
 * one per distinct sample (months with the same sample share it). Without blocks the samples are
 * prefixes of the clients sorted by follow-up (`prefixSeries`' idea): the design is built once,
 * each sample's columns are views of it and its X'X comes from group sums
 * (`prefixCrossProducts`), so no sample copies the design or passes over it for X'X. With
 * blocks (dummies of the blocks present in each sample) every sample is built on its own.
 */
function interactionSamples(
  c: Comparison,
  levels: readonly string[],
  levelOfRow: Int32Array,
  spec: SubgroupSpec,
  interactions: readonly string[],
  sizes: readonly number[],
  siblings?: (sorted: Comparison) => readonly Float64Array[] | undefined,
): (n: number, month: number) => InteractionSample {
  const names = ['(Intercept)', 'treatment'];
  for (const level of levels.slice(1)) names.push(`${spec.by}[${level}]`);
  names.push(...interactions, ...c.covariateNames);
  const columnsOf = (
    treated: Float64Array,
    groupOf: Int32Array,
    covariates: readonly Float64Array[],
  ) => {
    const n = treated.length;
    const columns = [new Float64Array(n).fill(1), treated];
    const dummies = levels.slice(1).map(() => new Float64Array(n));
    const products = levels.slice(1).map(() => new Float64Array(n));
    for (let i = 0; i < n; i++) {
      const g = groupOf[i]! - 1;
      if (g < 0) continue;
      dummies[g]![i] = 1;
      products[g]![i] = treated[i]!;
    }
    columns.push(...dummies, ...products);
    columns.push(...covariates);
    return columns;
  };
  const groupsOf = (rows: Int32Array) => gather(levelOfRow, rows, new Int32Array(rows.length));
  if (spec.blocks !== undefined) {
    const blocks = readGroupings(c.table, c.rows, { blocks: spec.blocks }).blocks!;
    return (_n, month) => {
      const index = sampleAt(c.followup, month);
      const n = index.length;
      const rows = gather(c.rows, index, new Int32Array(n));
      const columns = columnsOf(
        gather(c.treated, index),
        groupsOf(rows),
        c.covariates.map((col) => gather(col, index)),
      );
      const own = [...names];
      // Block fixed effects, as in the series: a dummy per block present but the first.
      const present = [...new Set(Array.from(index, (i) => blocks.ids[i]!))].sort((a, b) =>
        byNatural(blocks.labels[a]!, blocks.labels[b]!),
      );
      for (const id of present.slice(1)) {
        own.push(`${blocks.column}[${blocks.labels[id]}]`);
        columns.push(Float64Array.from(index, (i) => (blocks.ids[i] === id ? 1 : 0)));
      }
      return {
        prep: olsPrepare({ names: own, columns, n }),
        eventMonths: [gather(c.eventMonth, index)],
      };
    };
  }
  const sorted = byFollowupDescending(c);
  const full: DesignMatrix = {
    names,
    columns: columnsOf(sorted.treated, groupsOf(sorted.rows), sorted.covariates),
    n: sorted.treated.length,
  };
  checkFinite(full, 'X');
  let cross: Map<number, DesignCross> | undefined;
  const others = siblings?.(sorted);
  return (n) => {
    const x: DesignMatrix = { names, columns: full.columns.map((col) => col.subarray(0, n)), n };
    cross ??= prefixCrossProducts(full.columns, sizes);
    const own = cross.get(n);
    return {
      prep: own ? olsPrepareFromCross(x, own) : olsPrepare(x),
      eventMonths: [sorted.eventMonth, ...(others ?? [])].map((e) => e.subarray(0, n)),
    };
  };
}

function interactionTests(
  c: Comparison,
  levelOfRow: Int32Array,
  levels: readonly string[],
  spec: SubgroupSpec,
  share?: SeriesShare,
  leave?: (event: string, tests: (HeterogeneityTest | NotEstimableTest)[]) => void,
): (HeterogeneityTest | NotEstimableTest)[] {
  const months = resolveMonths(spec.months, c.followup);
  if (spec.clusters !== undefined) {
    return months.map((month) => ({ month, reason: CLUSTERED_HETEROGENEITY }));
  }
  const interactions = levels.slice(1).map((l) => `treatment:${spec.by}[${l}]`);
  const followup = c.followup;
  const sizes = months.map((month) => {
    let n = 0;
    for (let i = 0; i < followup.length; i++) if (followup[i]! >= month) n++;
    return n;
  });
  // The other events of the share (without blocks): tested on the same prepared samples.
  let others: ReturnType<typeof siblingsOf>;
  const sampleOf = interactionSamples(
    c,
    levels,
    levelOfRow,
    spec,
    interactions,
    sizes,
    (sorted) => {
      others = siblingsOf(share, spec.event, sorted.rows, sorted.eventMonth);
      return others?.months;
    },
  );
  const se = seriesSe(spec.se, false).hc;
  // Per event (the analysed one first, then the share's others), the tests in month order.
  const byEvent: (HeterogeneityTest | NotEstimableTest)[][] = [];
  // Months in a row on one sample are tested in one pass over its design; only the current
  // sample is kept.
  for (let i = 0; i < months.length; ) {
    const n = sizes[i]!;
    let end = i + 1;
    while (end < months.length && sizes[end] === n) end++;
    const run = months.slice(i, end);
    const sample = sampleOf(n, months[i]!);
    testRun(sample, run).forEach((tests, e) => {
      const list = byEvent[e] ?? [];
      list.push(...tests);
      byEvent[e] = list;
    });
    i = end;
  }
  if (others && leave && byEvent.length === others.events.length + 1) {
    others.events.forEach((event, j) => {
      leave(event, byEvent[j + 1]!);
    });
  }
  return byEvent[0] ?? [];

  /** The tests of `run` (consecutive months on one sample) for each of its events. */
  function testRun(
    { prep, eventMonths }: InteractionSample,
    run: readonly number[],
  ): (HeterogeneityTest | NotEstimableTest)[][] {
    const missing = interactions.filter((t) => !prep.terms.includes(t));
    if (missing.length > 0) {
      const reason = `${missing.join(', ')} cannot be estimated (a subgroup without clients of one arm among those observed ≥`;
      return eventMonths.map(() =>
        run.map((month) => ({ month, reason: `${reason} ${month} months)` })),
      );
    }
    const blocks =
      se === 'classical' ? null : olsCumulativeTermsVcov(prep, eventMonths, run, interactions, se);
    return eventMonths.map((eventMonth, e) =>
      run.map((month, j) => {
        let events = 0;
        for (let i = 0; i < eventMonth.length; i++) if (eventMonth[i]! <= month) events++;
        if (events === 0 || events === eventMonth.length) {
          const who = events === 0 ? 'no client' : 'every client';
          return {
            month,
            reason: `${who} had the event by month ${month}, so there is nothing to test`,
          };
        }
        return testMonth(
          () =>
            blocks?.[e]?.[j] ??
            olsTermsVcovPrepared(
              prep,
              Float64Array.from(eventMonth, (v) => (v <= month ? 1 : 0)),
              interactions,
              se,
            ),
          month,
        );
      }),
    );
  }

  /** The Wald test of the interactions from their block of the covariance (or why not). */
  function testMonth(
    blockOf: () => TermsVcov,
    month: number,
  ): HeterogeneityTest | NotEstimableTest {
    try {
      const block = blockOf();
      const q = interactions.length;
      const w = waldTest(
        {
          coefficients: interactions.map((term, j) => ({ term, estimate: block.estimates[j]! })),
          vcov: interactions.map((_, a) => Array.from(block.vcov.subarray(a * q, (a + 1) * q))),
          df: block.df,
        },
        interactions,
      );
      if (!Number.isFinite(w.f)) throw new InputError('non-finite F', { code: 'singular' });
      return { month, statistic: w.f, df: w.fDf, pValue: w.fPValue, stars: stars(w.fPValue) };
    } catch (e) {
      if (!(e instanceof InputError) || (e.code !== 'singular' && e.code !== 'leverage-one')) {
        throw e;
      }
      return {
        month,
        reason:
          e.code === 'singular'
            ? `the covariance of the interactions is singular (the outcome is constant within the subgroup × arm cells of ${interactions.join(', ')})`
            : `a client has leverage 1 (a subgroup × arm cell, or a combination of covariate values, with a single client among those observed ≥ ${month} months), so ${spec.se ?? 'HC2'} standard errors are undefined`,
      };
    }
  }
}

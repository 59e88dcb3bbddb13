/**
 * The complier (local average treatment) effect of receiving the service, with random
 * assignment as the instrument — a report's "correction for non-compliance", or the reading
 * "effect / difference in participation" (e.g. 6.3 pp / 31 pp ≈ 0.20).
 */

import type { ColumnTable } from 'arquero';
import { requireColumns, stringColumn, type TableInput } from '../data/columns.js';
import {
  type ExperimentIntake,
  experimentRoles,
  intakeFollowupAndEvents,
  isExperimentIntake,
} from '../data/intake.js';
import { displayResult } from '../display.js';
import { formatRows, InputError } from '../errors.js';
import type { ClusterSeType, LabelledGroups } from '../estimate/cluster-vcov.js';
import { type IvFit, type IvSeType, ivRegression } from '../estimate/iv.js';
import { justIdentifiedIvMany } from '../estimate/iv-just-identified.js';
import { olsPrepare } from '../estimate/ols.js';
import type { SeType } from '../estimate/vcov.js';
import { formatGeneral, formatNumber, formatPercent, formatPp } from '../format.js';
import type { DesignMatrix, Estimate } from '../stats/estimate.js';
import { gather, indices, isIdentity } from '../stats/gather.js';
import { type AllKeys, rejectUnknownKeys } from '../stats/option-keys.js';
import { checkStarLevels, type StarLevels, starLegend, starsAt } from '../stats/stars.js';
import { checkWholeNumber } from '../stats/validate.js';
import { type Document, tableFromRows, tidyEstimate } from '../table/index.js';
import {
  type ArmSample,
  type ArmSampleSpec,
  armSample,
  isBinary,
  numericAt,
} from './arm-sample.js';
import type { Exclusion } from './comparison.js';
import { groupedCoefficient } from './grouped-ols.js';
import { formatP } from './participation.js';
import { handleRareLevels } from './rare-levels.js';
import { blockDummies } from './series-design.js';
import { readGroupings, sampleGroups, seriesSe } from './series-groupings.js';

/** The outcome of a complier analysis. */
export type ComplierOutcome =
  /** Any 0/1 or numeric column (missing values are excluded and reported). */
  | { readonly column: string }
  /**
   * Event by month `month` on the complete follow-up sample (clients observed ≥ `month`
   * months), as `effectSeries`: y = 1 when the event month ≤ `month`.
   */
  | { readonly event: string; readonly month: number; readonly followup?: string };

/** Who received the service: a 0/1 (or boolean) column, or categories of a column. */
export type ReceivedSpec = string | { readonly column: string; readonly values: readonly string[] };

/** What {@link complierEffect} estimates. */
export interface ComplierSpec extends ArmSampleSpec {
  /** A column name (0/1 or numeric), or an event by a month on the complete follow-up sample. */
  readonly outcome: string | ComplierOutcome;
  /**
   * Received service: a 0/1 column name (e.g. `received`), or `{ column, values }`: the clients
   * whose `column` is one of `values` received it (e.g. participation categories with a
   * conversation); any other non-missing value counts as not received.
   */
  readonly received: ReceivedSpec;
  /**
   * Standard errors (default `'HC2'`, as estimatr's `iv_robust` and `lm_robust`); with
   * `clusters` `'CR2'` (default), `'stata'` or `'CR0'`.
   */
  readonly se?: IvSeType;
  /** Confidence level (default 0.95). */
  readonly level?: number;
  /** First-stage F below which the instrument is flagged weak (default 10, Staiger & Stock 1997). */
  readonly weakF?: number;
  /** p-value levels of the stars †, *, ** (default the reports' 0.20 / 0.10 / 0.05). */
  readonly stars?: StarLevels;
  /**
   * Block column (the strata of the randomisation): block fixed effects (dummies) join the
   * adjusted specification (which then exists also without covariates); the unadjusted one is
   * left as the plain Wald / 2SLS estimate.
   */
  readonly blocks?: string;
  /**
   * Cluster column (office, caseworker: the unit of randomisation): cluster-robust SEs for the
   * first stage, the ITT and the 2SLS complier effect (CR2 with Satterthwaite df by default, as
   * `iv_robust(..., clusters =)` and `lm_robust(..., clusters =)`). Every analysed client needs
   * one. Can be combined with `blocks`.
   */
  readonly clusters?: string;
}

/** The first stage: how much assignment shifts the share receiving the service. */
export interface ComplierFirstStage {
  /**
   * Coefficient of assignment in received ~ assignment (+ covariates), robust (or with clusters
   * cluster-robust) SE, t test.
   */
  readonly difference: Estimate;
  /**
   * Wald F of the instrument with the same robust vcov (= t² with one instrument), on
   * (1, n − k) df, or (1, S − 1) with S clusters.
   */
  readonly f: number;
  readonly fDf: readonly [number, number];
  readonly fPValue: number;
  /** F below the `weakF` threshold (default 10). */
  readonly weak: boolean;
}

/** One specification (without or with covariates) of a complier analysis. */
export interface ComplierFit {
  readonly covariates: readonly string[];
  readonly firstStage: ComplierFirstStage;
  /** Intention-to-treat effect: coefficient of assignment in y ~ assignment (+ covariates). */
  readonly itt: Estimate;
  /** Complier effect: coefficient of received service in the 2SLS fit. */
  readonly complier: Estimate;
  /**
   * ITT / first stage (indirect least squares). Equal to the 2SLS estimate (exactly identified,
   * same covariates in both stages); without covariates it is the Wald ratio
   * (ȳ_T − ȳ_C)/(d̄_T − d̄_C).
   */
  readonly wald: number;
}

/** Result of {@link complierEffect}. */
export interface ComplierEffect {
  readonly arms: { readonly treatment: string; readonly control: string };
  /** The outcome, e.g. `month_work by month 12` or `permanent_contract`. */
  readonly outcome: string;
  /** Whether the outcome is 0/1 (effects are then shown in pp). */
  readonly binaryOutcome: boolean;
  /** The received-service definition, e.g. `received` or `participation ∈ {…}`. */
  readonly received: string;
  readonly n: number;
  readonly nTreated: number;
  readonly nControl: number;
  /** Share receiving the service per arm. */
  readonly receivedShare: { readonly treatment: number; readonly control: number };
  /** Outcome mean (share for 0/1) per arm. */
  readonly outcomeMean: { readonly treatment: number; readonly control: number };
  /** Without covariates: d ~ z, y ~ z, and y ~ d instrumented by z. */
  readonly unadjusted: ComplierFit;
  /** With the covariates in both stages (absent without covariates). */
  readonly adjusted?: ComplierFit;
  readonly excluded: readonly Exclusion[];
  readonly se: IvSeType;
  /** The cluster column and its number of clusters in the sample (absent without clusters). */
  readonly clusters?: { readonly column: string; readonly count: number };
  readonly level: number;
  readonly weakF: number;
  /** The star levels used. */
  readonly stars: StarLevels;
  readonly method: string;
  /** Rows (specification × quantity): first stage, ITT, complier effect. */
  toTable(): Record<string, number | string | boolean>[];
  toMarkdown(): string;
}

const SPECIFICATION_KEYS: AllKeys<Omit<ComplierSpec, 'outcome'>> = {
  received: true,
  se: true,
  level: true,
  weakF: true,
  arm: true,
  treatment: true,
  control: true,
  covariates: true,
  reference: true,
  factors: true,
  missing: true,
  rareLevels: true,
  stars: true,
  blocks: true,
  clusters: true,
};
const COMPLIER_KEYS: AllKeys<ComplierSpec> = { ...SPECIFICATION_KEYS, outcome: true };

const Z = '(assigned)';
const D = '(received)';

/**
 * Complier average causal effect (CACE / LATE) with random assignment Z as the instrument for
 * received service D (Angrist, Imbens & Rubin 1996; Imbens & Rubin 2015, ch. 23–24). Under
 * random assignment, the exclusion restriction (assignment affects the outcome only through
 * the service) and monotonicity (no defiers),
 *
 *   τ_C = E[Y | Z = 1] − E[Y | Z = 0]  /  E[D | Z = 1] − E[D | Z = 0]  =  ITT / first stage,
 *
 * the effect among clients who receive the service because they were assigned to it. Three
 * regressions, each without and (when covariates are given) with the covariates X:
 * first stage D ~ 1 + Z (+ X), reduced form (ITT) Y ~ 1 + Z (+ X) — OLS — and 2SLS of
 * Y ~ 1 + D (+ X) with instruments 1, Z (+ X), as estimatr's `iv_robust`; robust SE (HC2 by
 * default, as `iv_robust`/`lm_robust`), t tests on n − k df. The first-stage F is the robust
 * Wald test of Z (weak instrument when F < 10, Staiger & Stock 1997). Without covariates the
 * 2SLS estimate equals the Wald ratio; with them it equals ITT_X / first stage_X.
 *
 * With `clusters` (S clusters) all three are cluster-robust: the 2SLS variance is
 * A·Σ_c X̂_c'M_c e_c e_c'M_c X̂_c·A on the second-stage design X̂ = [1, D̂, X] (A = (X̂'X̂)⁻¹,
 * e = Y − [1, D, X]β̂ the structural residuals; M_c = (I − H_cc)^(−1/2) for CR2), t tests on the
 * Bell–McCaffrey Satterthwaite df (CR2) or S − 1 (CR0, stata), as
 * `iv_robust(y ~ d + x | z + x, clusters = g)`; the first stage and ITT likewise with
 * `lm_robust(clusters = g)`, the first-stage F on (1, S − 1) df. With `blocks` as well, the block
 * dummies join the adjusted specification, as `iv_robust(..., fixed_effects = ~block)`.
 *
 * The sample is the two arms with complete covariates (the same for both specifications), a
 * recorded received status and outcome; for an `{ event, month }` outcome, the complete
 * follow-up sample of `effectSeries` (clients observed ≥ month months). Exclusions are reported.
 * Throws an `InputError` for an unknown column, an arm label not in the data, a received column
 * that is not 0/1 (`not-binary`, with rows and value), an empty arm (`empty-group`), and a first
 * stage of exactly 0 (`under-identified`: the effect is not identified).
 *
 * @example
 * const c = complierEffect(clients, {
 *   outcome: { event: 'month_bijstand', month: 24 },
 *   received: { column: 'participation', values: ['uwv_conversation', 'three_way_conversation'] },
 *   covariates: ['age', 'gender'],
 * });
 * c.unadjusted.firstStage.difference.estimate; // ≈ 0.31
 * c.adjusted?.complier.estimate; // ≈ −0.063 / 0.31
 */
export function complierEffect(
  data: TableInput | ExperimentIntake,
  spec: ComplierSpec,
): ComplierEffect {
  rejectUnknownKeys(spec, COMPLIER_KEYS, 'complierEffect');
  const { outcome, ...specification } = spec;
  return complierEffectsOf(data, specification, [outcome])[0]!;
}

/**
 * {@link complierEffect} for several outcomes with one received status and specification (a
 * study's events at its primary month). Outcomes whose samples are the same clients (the same
 * complete follow-up month, no missing outcome) share the sample, the designs, the first stage
 * and W's leverages (`justIdentifiedIvMany`); each adds its reduced form and 2SLS variance, O(n·k).
 * Each result equals its own `complierEffect` call, bit for bit.
 *
 * @example
 * const [bijstand, work] = complierEffects(clients, { received: 'received', covariates: ['age'] }, [
 *   { event: 'month_bijstand', month: 24 },
 *   { event: 'month_work', month: 24 },
 * ]);
 */
export function complierEffects(
  data: TableInput | ExperimentIntake,
  spec: Omit<ComplierSpec, 'outcome'>,
  outcomes: readonly ComplierSpec['outcome'][],
): ComplierEffect[] {
  rejectUnknownKeys(spec, SPECIFICATION_KEYS, 'complierEffects');
  return complierEffectsOf(data, spec, outcomes);
}

function complierEffectsOf(
  data: TableInput | ExperimentIntake,
  spec: Omit<ComplierSpec, 'outcome'>,
  outcomes: readonly ComplierSpec['outcome'][],
): ComplierEffect[] {
  const outcomeSpecs = outcomes.map((o): ComplierOutcome => {
    const resolved = typeof o === 'string' ? { column: o } : o;
    if (resolved === null || typeof resolved !== 'object') {
      throw new InputError('outcome must be a column name, { column } or { event, month }', {
        code: 'invalid-option',
      });
    }
    return resolved;
  });
  const arm = armSample(data, {
    ...(spec.arm === undefined ? {} : { arm: spec.arm }),
    ...(spec.treatment === undefined ? {} : { treatment: spec.treatment }),
    ...(spec.control === undefined ? {} : { control: spec.control }),
    ...(spec.covariates === undefined ? {} : { covariates: spec.covariates }),
    ...(spec.reference === undefined ? {} : { reference: spec.reference }),
    ...(spec.factors === undefined ? {} : { factors: spec.factors }),
    ...(spec.missing === undefined ? {} : { missing: spec.missing }),
  });
  const selections = outcomeSpecs.map((o) => outcomeSelection(data, arm, o));
  // Outcomes on the same clients with no missing value are fitted together.
  const groups: number[][] = [];
  selections.forEach((sel, i) => {
    const group = groups.find((g) => sameSample(selections[g[0]!]!, sel));
    if (group) group.push(i);
    else groups.push([i]);
  });
  const results: ComplierEffect[] = [];
  for (const group of groups) {
    const fitted = complierGroup(
      spec,
      arm,
      group.map((i) => selections[i]!),
    );
    group.forEach((i, j) => {
      results[i] = fitted[j]!;
    });
  }
  return results;
}

/** Whether two outcomes' samples are the same clients, each with every outcome recorded. */
function sameSample(a: OutcomeSelection, b: OutcomeSelection): boolean {
  const complete = (y: Float64Array) => !y.some(Number.isNaN);
  return (
    a.rows.length === b.rows.length &&
    a.rows.every((r, i) => r === b.rows[i]) &&
    JSON.stringify(a.excluded) === JSON.stringify(b.excluded) &&
    complete(a.y) &&
    complete(b.y)
  );
}

/** The complier analyses of outcomes that share their sample (see {@link sameSample}). */
function complierGroup(
  spec: Omit<ComplierSpec, 'outcome'>,
  arm: ArmSample,
  selections: readonly OutcomeSelection[],
): ComplierEffect[] {
  const seChoice = seriesSe(spec.se, spec.clusters !== undefined);
  const se: IvSeType = seChoice.cluster ?? seChoice.hc;
  const level = spec.level ?? 0.95;
  const weakF = spec.weakF ?? 10;
  const starLevels = checkStarLevels(spec.stars);
  const { table, labels } = arm;
  const first = selections[0]!;
  const receivedColumn = typeof spec.received === 'string' ? spec.received : spec.received?.column;
  if (typeof receivedColumn !== 'string') {
    throw new InputError('received must be a column name or { column, values }', {
      code: 'invalid-option',
    });
  }
  requireColumns(table, [receivedColumn], 'received');
  const selected = gather(arm.rows, first.rows, new Int32Array(first.rows.length));
  const dAll = readReceived(table, spec.received, selected);

  const excluded: Exclusion[] = [...arm.excluded, ...first.excluded];
  const keep: number[] = [];
  let noReceived = 0;
  let noOutcome = 0;
  for (let j = 0; j < selected.length; j++) {
    if (Number.isNaN(dAll[j]!)) noReceived++;
    else if (Number.isNaN(first.y[j]!)) noOutcome++;
    else keep.push(j);
  }
  if (noReceived) excluded.push({ reason: `missing '${receivedColumn}'`, count: noReceived });
  if (noOutcome) excluded.push({ reason: `missing outcome '${first.outcome}'`, count: noOutcome });
  // `keep` rises, so it keeps every client exactly when it is as long as `selected`; the
  // columns are then used as they are (read only, as every sample's), not copied.
  const keepAll = keep.length === selected.length;
  const pick = (col: Float64Array) => (keepAll ? col : gather(col, keep));
  // The arm sample's columns read once, at the kept clients' positions in it.
  const positions = gather(first.rows, keep, new Int32Array(keep.length));
  const everyArmRow = isIdentity(positions, arm.treated.length);
  const fromArm = (col: Float64Array) => (everyArmRow ? col : gather(col, positions));
  // A factor level of a single client breaks HC2 in the adjusted fits: spec.rareLevels decides.
  const rare = handleRareLevels(
    {
      ...arm,
      rows: gather(selected, keep, new Int32Array(keep.length)),
      treated: fromArm(arm.treated),
      d: pick(dAll),
      ys: selections.map((o) => pick(o.y)),
      covariates: arm.covariates.map(fromArm),
      excluded: excluded as readonly Exclusion[],
    },
    arm.covariateNames.length > 0 ? (spec.rareLevels ?? 'error') : 'pool',
    seChoice.hc,
    false,
    (s, k, ex) => {
      const at = (col: Float64Array) => gather(col, k);
      return {
        ...s,
        rows: gather(s.rows, k, new Int32Array(k.length)),
        treated: at(s.treated),
        d: at(s.d),
        ys: s.ys.map(at),
        covariates: s.covariates.map(at),
        excluded: ex,
      };
    },
  );
  const handled = rare.sample;
  excluded.splice(0, excluded.length, ...handled.excluded);
  const { treated: z, d, ys, covariates: x } = handled;
  const n = z.length;

  let nT = 0;
  let dT = 0;
  let dC = 0;
  for (let i = 0; i < n; i++) {
    if (z[i] === 1) {
      nT++;
      dT += d[i]!;
    } else {
      dC += d[i]!;
    }
  }
  const nC = n - nT;
  for (const [label, count] of [
    [labels.treatment, nT],
    [labels.control, nC],
  ] as const) {
    if (count === 0) {
      throw new InputError(
        `arm '${label}' has no clients left in the complier analysis (after exclusions: ${
          excluded.map((e) => `${e.reason}: ${e.count}`).join('; ') || 'none'
        })`,
        { code: 'empty-group', column: labels.arm, value: label },
      );
    }
  }
  const shareT = dT / nT;
  const shareC = dC / nC;
  if (shareT === shareC) {
    throw new InputError(
      `the share receiving the service is the same in both arms (${formatPercent(shareT)}): assignment does not shift '${receivedColumn}', so the complier effect is not identified`,
      { code: 'under-identified', column: receivedColumn },
    );
  }

  // Clusters and blocks on the analysed rows (a missing label is an error naming the rows).
  const groupings = readGroupings(table, handled.rows, {
    ...(spec.clusters === undefined ? {} : { clusters: spec.clusters }),
    ...(spec.blocks === undefined ? {} : { blocks: spec.blocks }),
  });
  const clusters = groupings.clusters ? sampleGroups(groupings.clusters) : undefined;
  const variance: ComplierVariance = {
    se: seChoice.hc,
    ...(seChoice.cluster ? { cluster: seChoice.cluster } : {}),
    ...(clusters ? { clusters, column: spec.clusters! } : {}),
    level,
  };
  const unadjusted = fitSpecifications(ys, d, z, [], [], variance, weakF, starLevels);
  // Blocks: their dummies join the adjusted specification as fixed effects.
  const blocks = groupings.blocks;
  const dummies = blocks ? blockDummies(blocks, indices(n)) : { names: [], columns: [] };
  const adjustedNames = [...arm.covariateNames, ...dummies.names];
  const adjusted =
    adjustedNames.length > 0
      ? fitSpecifications(
          ys,
          d,
          z,
          adjustedNames,
          [...x, ...dummies.columns],
          variance,
          weakF,
          starLevels,
        )
      : undefined;
  const received =
    typeof spec.received === 'string'
      ? spec.received
      : `${spec.received.column} ∈ {${spec.received.values.join(', ')}}`;
  const blockText = blocks
    ? `; block fixed effects of '${blocks.column}' (${sampleGroups(blocks).count} blocks) in the adjusted specification`
    : '';
  return selections.map((selection, e) => {
    const y = ys[e]!;
    let yT = 0;
    let yC = 0;
    for (let i = 0; i < n; i++) {
      if (z[i] === 1) yT += y[i]!;
      else yC += y[i]!;
    }
    const method = `${describe(variance, weakF, selection.sampleText, received, starLevels)}${blockText}${rare.note ? `; ${rare.note}` : ''}`;
    const base: Base = {
      arms: { treatment: labels.treatment, control: labels.control },
      outcome: selection.outcome,
      binaryOutcome: isBinary(y),
      received,
      n,
      nTreated: nT,
      nControl: nC,
      receivedShare: { treatment: shareT, control: shareC },
      outcomeMean: { treatment: yT / nT, control: yC / nC },
      unadjusted: unadjusted[e]!,
      ...(adjusted ? { adjusted: adjusted[e]! } : {}),
      excluded,
      se,
      ...(clusters ? { clusters: { column: spec.clusters!, count: clusters.count } } : {}),
      level,
      weakF,
      stars: starLevels,
      method,
    };
    // Display methods from `base` alone: inline closures would hold this scope's arrays.
    return displayResult(base, tableRows, complierDocument);
  });
}

/** One outcome's clients among the arm sample (`rows`: positions in it) and its values there. */
interface OutcomeSelection {
  readonly rows: Int32Array;
  readonly y: Float64Array;
  /** The exclusions of the selection beyond the arm sample's. */
  readonly excluded: readonly Exclusion[];
  readonly outcome: string;
  readonly sampleText: string;
}

function outcomeSelection(
  data: TableInput | ExperimentIntake,
  s: ArmSample,
  outcome: ComplierOutcome,
): OutcomeSelection {
  if ('column' in outcome) {
    requireColumns(s.table, [outcome.column], 'outcome');
    return {
      rows: indices(s.rows.length),
      y: numericAt(s.table, outcome.column, s.rows),
      excluded: [],
      outcome: outcome.column,
      sampleText: `outcome '${outcome.column}'`,
    };
  }
  const month = outcome.month;
  checkWholeNumber(month, 'outcome month');
  // The complete follow-up sample of effectSeries: observed ≥ month months, y = event ≤ month.
  const followupName =
    outcome.followup ??
    (isExperimentIntake(data) ? data.roles.followup : experimentRoles(outcome).followup);
  const read = intakeFollowupAndEvents(isExperimentIntake(data) ? data : s.table, followupName, [
    outcome.event,
  ]);
  const followup = read.followup;
  const event = read.events[outcome.event]!;
  const idx: number[] = [];
  let noFollowup = 0;
  let short = 0;
  for (let j = 0; j < s.rows.length; j++) {
    const f = followup[s.rows[j]!]!;
    if (Number.isNaN(f)) noFollowup++;
    else if (f < month) short++;
    else idx.push(j);
  }
  const y = new Float64Array(idx.length);
  for (let j = 0; j < idx.length; j++) y[j] = event[s.rows[idx[j]!]!]! <= month ? 1 : 0;
  return {
    rows: Int32Array.from(idx),
    y,
    excluded: [
      ...(noFollowup ? [{ reason: `missing '${followupName}'`, count: noFollowup }] : []),
      ...(short ? [{ reason: `'${followupName}' < ${month} months`, count: short }] : []),
    ],
    outcome: `${outcome.event} by month ${month}`,
    sampleText: `complete follow-up at month ${month} (clients observed ≥ ${month} months), y = 1 when '${outcome.event}' ≤ ${month}`,
  };
}

/** Received status at the sample rows: 1/0, NaN when missing. */
function readReceived(table: ColumnTable, spec: ReceivedSpec, rows: Int32Array): Float64Array {
  if (typeof spec === 'string') {
    const d = numericAt(table, spec, rows);
    const bad: number[] = [];
    let first = Number.NaN;
    d.forEach((v, j) => {
      if (!Number.isNaN(v) && v !== 0 && v !== 1) {
        if (!bad.length) first = v;
        bad.push(rows[j]! + 1);
      }
    });
    if (bad.length) {
      throw new InputError(
        `received column '${spec}' must hold 0/1 (or true/false), but has ${first} in ${formatRows(bad)}; for categories use received: { column, values }`,
        { code: 'not-binary', column: spec, rows: bad, value: String(first) },
      );
    }
    return d;
  }
  if (!Array.isArray(spec.values) || spec.values.length === 0) {
    throw new InputError(
      `received.values is empty: list the values of '${spec.column}' that count as receiving the service`,
      { code: 'invalid-option', column: spec.column },
    );
  }
  const values = stringColumn(table, spec.column);
  const yes = new Set(spec.values);
  const out = new Float64Array(rows.length);
  for (let j = 0; j < rows.length; j++) {
    const v = values[rows[j]!];
    out[j] = v === null || v === undefined ? Number.NaN : yes.has(v) ? 1 : 0;
  }
  return out;
}

/** The variance of the three fits: an HC type, or with clusters a CR type and the clusters. */
interface ComplierVariance {
  readonly se: SeType;
  readonly cluster?: ClusterSeType;
  readonly clusters?: LabelledGroups;
  /** The cluster column, for the method words. */
  readonly column?: string;
  readonly level: number;
}

/** One specification's fits, one per outcome of `ys` (the same sample, design and first stage). */
function fitSpecifications(
  ys: readonly Float64Array[],
  d: Float64Array,
  z: Float64Array,
  names: readonly string[],
  x: readonly Float64Array[],
  variance: ComplierVariance,
  weakF: number,
  levels: StarLevels,
): ComplierFit[] {
  const n = z.length;
  const { clusters } = variance;
  const design: DesignMatrix = {
    names: ['(Intercept)', Z, ...names],
    columns: [new Float64Array(n).fill(1), z, ...x],
    n,
  };
  const estimates = clusters
    ? ys.map((y) => clusteredIv(y, d, z, names, x, design, variance))
    : unclusteredIv(ys, d, design, variance);
  return ys.map((y, e) => {
    const { first, reducedZ, effect } = estimates[e]!;
    const firstDifference = strip(first.coefficient, levels);
    // A constant outcome (nobody, or everybody, had the event): both effects are exactly 0 with
    // no variation to test; p = 1 as an exact test gives, never 0/0 = NaN.
    const constant = y.every((v) => v === y[0]);
    const itt = constant ? noVariation(strip(reducedZ, levels)) : strip(reducedZ, levels);
    const complier = constant ? noVariation(strip(effect, levels)) : strip(effect, levels);
    return {
      covariates: names,
      firstStage: {
        difference: firstDifference,
        f: first.f,
        fDf: first.fDf,
        fPValue: first.fPValue,
        weak: first.f < weakF,
      },
      itt,
      complier,
      wald: itt.estimate / firstDifference.estimate,
    };
  });
}

/** The three estimates a specification reports: first stage (with its F), ITT, complier effect. */
interface IvEstimates {
  readonly first: {
    readonly coefficient: Estimate;
    readonly f: number;
    readonly fDf: readonly [number, number];
    readonly fPValue: number;
  };
  readonly reducedZ: Estimate;
  readonly effect: Estimate;
}

/**
 * Without clusters: one prepared design for the first stage, each outcome's reduced form and
 * 2SLS (`justIdentifiedIvMany`).
 */
function unclusteredIv(
  ys: readonly Float64Array[],
  d: Float64Array,
  design: DesignMatrix,
  variance: ComplierVariance,
): IvEstimates[] {
  const fits = justIdentifiedIvMany(olsPrepare(design), ys, d, Z, D, {
    se: variance.se,
    level: variance.level,
  });
  return fits.map((iv) => ({
    first: { coefficient: iv.firstStage, f: iv.f, fDf: iv.fDf, fPValue: iv.fPValue },
    reducedZ: iv.reducedForm,
    effect: iv.effect,
  }));
}

/** With clusters: `ivRegression` and the reduced form with the cluster-robust variance. */
function clusteredIv(
  y: Float64Array,
  d: Float64Array,
  z: Float64Array,
  names: readonly string[],
  x: readonly Float64Array[],
  design: DesignMatrix,
  variance: ComplierVariance,
): IvEstimates {
  const { level, clusters } = variance;
  const n = y.length;
  const exogenous: DesignMatrix = { names, columns: x, n };
  const iv: IvFit = ivRegression(
    { y, endogenous: { [D]: d }, instruments: { [Z]: z }, ...(names.length ? { exogenous } : {}) },
    { se: variance.cluster ?? 'CR2', clusters: clusters!, level },
  );
  const first = iv.firstStage[0]!;
  const reducedZ = groupedCoefficient(design, y, Z, clusters, {
    se: variance.se,
    ...(variance.cluster ? { cluster: variance.cluster } : {}),
    ...(variance.column ? { column: variance.column } : {}),
    level,
  });
  return {
    first: {
      coefficient: first.fit.coefficient(Z),
      f: first.f,
      fDf: first.fDf,
      fPValue: first.pValue,
    },
    reducedZ,
    effect: iv.coefficient(D),
  };
}

/** The estimate of a constant outcome: 0 with no variation, statistic 0 and p = 1, said in `method`. */
function noVariation(e: Estimate): Estimate {
  return {
    ...e,
    estimate: 0,
    stdError: 0,
    ci: [0, 0],
    statistic: 0,
    pValue: 1,
    stars: '',
    method: `${e.method}; the outcome is the same for every client: effect 0, no variation to test (p = 1)`,
  };
}

/** The common `Estimate` fields of a coefficient (drops its internal term name), starred at `levels`. */
function strip(e: Estimate, levels: StarLevels): Estimate {
  const { estimate, stdError, ci, statistic, df, pValue, n, level, method } = e;
  return {
    estimate,
    stdError,
    ci,
    statistic,
    df,
    pValue,
    stars: starsAt(pValue, levels),
    n,
    level,
    method,
  };
}

function describe(
  variance: ComplierVariance,
  weakF: number,
  sampleText: string,
  received: string,
  levels: StarLevels,
): string {
  const { se, cluster, clusters, column } = variance;
  let seText: string;
  let dfText: string;
  let fText: string;
  if (clusters && cluster) {
    const S = clusters.count;
    const of = `${S} clusters of '${column}'`;
    seText =
      cluster === 'CR2'
        ? `CR2 cluster-robust SE (Bell–McCaffrey bias reduction, ${of}; the 2SLS variance A·Σ_c X̂_c'M_c e_c e_c'M_c X̂_c·A on the second-stage design with the structural residuals, as estimatr iv_robust(clusters =))`
        : `${cluster === 'stata' ? "CR1 cluster-robust SE with Stata's correction" : 'CR0 cluster-robust SE'} (${of}; the 2SLS variance on the second-stage design with the structural residuals, as estimatr iv_robust(clusters =))`;
    dfText = cluster === 'CR2' ? 'Satterthwaite df per coefficient' : `S − 1 = ${S - 1} df`;
    fText = `cluster-robust Wald test of assignment on (1, ${S - 1}) df`;
  } else {
    seText = se === 'classical' ? 'classical SE' : `${se} robust SE`;
    dfText = 'n − k df';
    fText = 'robust Wald test of assignment';
  }
  return (
    `complier (local average) effect, Angrist, Imbens & Rubin (1996): received service (${received}) instrumented by random assignment; ` +
    `first stage received ~ assignment and ITT outcome ~ assignment by OLS, complier effect by 2SLS (as estimatr iv_robust), ` +
    `each without and with covariates; ${seText}, t tests on ${dfText}; first-stage F = ${fText} ` +
    `(weak instrument when F < ${weakF}); sample: ${sampleText}; ${starLegend(levels, `two-sided t tests of the coefficients with ${seText.replace(/ \(.*$/, '')} on ${dfText}`).replace(/^Stars/, 'stars')}`
  );
}

type Base = Omit<ComplierEffect, 'toTable' | 'toMarkdown'>;

function fits(base: Base): [string, ComplierFit][] {
  return [
    ['unadjusted', base.unadjusted],
    ...(base.adjusted ? [['adjusted', base.adjusted] as [string, ComplierFit]] : []),
  ];
}

function tableRows(base: Base): Record<string, number | string | boolean>[] {
  const out: Record<string, number | string | boolean>[] = [];
  for (const [model, fit] of fits(base)) {
    const parts: [string, Estimate][] = [
      ['first stage', fit.firstStage.difference],
      ['itt', fit.itt],
      ['complier', fit.complier],
    ];
    for (const [quantity, e] of parts) {
      out.push({
        model,
        quantity,
        ...tidyEstimate(e),
        n: e.n,
        ...(quantity === 'first stage'
          ? { first_stage_f: fit.firstStage.f, weak_instrument: fit.firstStage.weak }
          : {}),
        ...(quantity === 'complier' ? { wald_ratio: fit.wald } : {}),
      });
    }
  }
  return out;
}

function complierDocument(base: Base): Document {
  const pct = Math.round(base.level * 100);
  const effect = (e: Estimate, pp: boolean) =>
    pp ? `${formatPp(e.estimate)}${e.stars}` : `${formatGeneral(e.estimate)}${e.stars}`;
  const interval = (e: Estimate, pp: boolean) =>
    pp
      ? `${formatPp(e.ci[0])} to ${formatPp(e.ci[1])}`
      : `${formatGeneral(e.ci[0])} to ${formatGeneral(e.ci[1])}`;
  const se = (e: Estimate, pp: boolean) => (pp ? formatPp(e.stdError) : formatGeneral(e.stdError));
  const rows: Record<string, string>[] = [];
  for (const [model, fit] of fits(base)) {
    const parts: [string, Estimate, boolean][] = [
      ['first stage: received service', fit.firstStage.difference, true],
      ['ITT (reduced form)', fit.itt, base.binaryOutcome],
      ['complier effect (2SLS)', fit.complier, base.binaryOutcome],
    ];
    for (const [quantity, e, pp] of parts) {
      rows.push({
        model,
        quantity,
        estimate: effect(e, pp),
        SE: se(e, pp),
        [`${pct} % CI`]: interval(e, pp),
        p: formatP(e.pValue).replace(/^= /, ''),
      });
    }
  }
  const { treatment, control } = base.arms;
  const firstStage = fits(base).map(([model, fit]) => {
    const f = fit.firstStage;
    return `First-stage F (${model}): ${formatNumber(f.f, 1)} on (${f.fDf[0]}, ${f.fDf[1]}) df${
      f.weak ? ` — WEAK INSTRUMENT (F < ${base.weakF}): the complier effect is unreliable` : ''
    }.`;
  });
  return [
    {
      kind: 'paragraph',
      text: `Complier effect on ${base.outcome} (${treatment} n = ${base.nTreated}, ${control} n = ${base.nControl}).`,
    },
    {
      kind: 'paragraph',
      text: `Received service: ${formatPercent(base.receivedShare.treatment)} (${treatment}) vs ${formatPercent(base.receivedShare.control)} (${control}).`,
    },
    { kind: 'table', table: tableFromRows(rows, { id: 'complier', title: base.outcome }) },
    { kind: 'paragraph', text: firstStage.join('\n') },
    ...(base.excluded.length
      ? [
          {
            kind: 'paragraph' as const,
            text: `Excluded: ${base.excluded.map((e) => `${e.reason}: ${e.count}`).join('; ')}.`,
          },
        ]
      : []),
    { kind: 'paragraph', text: `${base.method}.` },
  ];
}

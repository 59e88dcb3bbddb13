/**
 * Subgroup checks — the fairness questions of an ethics review: for each level of a grouping
 * (gender, age band, municipality), does the scan find the group's cases as well as it finds
 * everybody's (capture at the *national* top-10 % threshold, AUC within the group), and are its
 * probabilities right for the group (observed/expected, calibration intercept)? Each level is
 * compared with a reference level (default: the largest), with standard errors and z tests.
 */

import { asTable, requireColumns, stringColumn, type TableInput } from '../data/columns.js';
import { InputError } from '../errors.js';
import type { Estimate } from '../stats/estimate.js';
import { gather } from '../stats/gather.js';
import { type AllKeys, rejectUnknownKeys } from '../stats/option-keys.js';
import { checkLevel } from '../stats/validate.js';
import { type AucResult, aucDifference, aucOfOrder } from './auc.js';
import { offsetIntercept } from './calibration.js';
import { outcomeColumn } from './model.js';
import {
  checkOutcome,
  checkScores,
  type NumericInput,
  orderDescending,
  requireBothClasses,
  requireVaryingScore,
  zEstimate,
} from './util.js';

/**
 * Per client, the probability of being among the first `fraction`·n of the ranking when ties
 * are broken at random (1 inside, 0 outside, a fraction in a tied block on the boundary).
 */
export function selectionWeights(scores: NumericInput, fraction: number): Float64Array {
  return selectionWeightsOfOrder(scores, fraction, undefined);
}

/**
 * {@link selectionWeights} with the scores' descending order given (`orderDescending(scores)`,
 * shared with the other metrics of the same scores); `undefined` sorts here.
 *
 * @example
 * selectionWeightsOfOrder(risk, 0.1, orderDescending(risk)) // as selectionWeights(risk, 0.1)
 */
export function selectionWeightsOfOrder(
  scores: NumericInput,
  fraction: number,
  given: Uint32Array | undefined,
): Float64Array {
  const s = checkScores(scores);
  const n = s.length;
  const cut = fraction * n;
  const order = given ?? orderDescending(s);
  const w = new Float64Array(n);
  let r = 0;
  while (r < n && r < cut) {
    let e = r + 1;
    while (e < n && s[order[e]!] === s[order[r]!]) e++;
    const inside = Math.min(e, cut) - r;
    const share = inside / (e - r);
    for (let k = r; k < e; k++) w[order[k]!] = share;
    r = e;
  }
  return w;
}

/** The metrics of one subgroup. */
export interface SubgroupRow {
  readonly group: string;
  readonly n: number;
  readonly cases: number;
  readonly observedRate: number;
  readonly meanPredicted: number;
  /** Share of the group's clients selected (in the overall top `fraction`). */
  readonly selected: number;
  /** Share of the group's cases selected, with binomial SE over the group's cases; null without cases. */
  readonly capture: number | null;
  readonly captureStdError: number | null;
  /** AUC within the group; null when it has no cases, no non-cases or a constant score. */
  readonly auc: AucResult | null;
  /** Observed / expected cases. */
  readonly observedExpectedRatio: number;
  /** Calibration intercept within the group (offset logit p), null without cases. */
  readonly calibrationIntercept: Estimate | null;
  /** Differences with the reference level (null for the reference itself, or when undefined). */
  readonly captureDifference: Estimate | null;
  readonly aucDifference: Estimate | null;
  readonly interceptDifference: Estimate | null;
  /** Why some metric is missing, if so. */
  readonly note?: string;
}

/** {@link subgroupMetrics}'s result for one grouping. */
export interface SubgroupResult {
  readonly variable: string;
  readonly reference: string;
  readonly fraction: number;
  readonly rows: readonly SubgroupRow[];
  readonly method: string;
}

/**
 * Subgroup metrics of one grouping variable. `labels[i]` is client i's group. Capture uses the
 * overall ranking's top `fraction` (default 0.1), ties spread as in `captureAt`.
 *
 * @example
 * subgroupMetrics(risk, bijstand, genders, { variable: 'gender' }).rows
 */
export function subgroupMetrics(
  scores: NumericInput,
  y: NumericInput | Uint8Array,
  labels: readonly (string | null)[],
  options: SubgroupOptions = {},
): SubgroupResult {
  return subgroupMetricsOfOrder(scores, y, labels, undefined, options);
}

/** Options of {@link subgroupMetrics}. */
export interface SubgroupOptions {
  readonly variable?: string;
  readonly reference?: string;
  readonly fraction?: number;
  readonly level?: number;
}

const SUBGROUP_KEYS: AllKeys<SubgroupOptions> = {
  variable: true,
  reference: true,
  fraction: true,
  level: true,
};

/**
 * {@link subgroupMetrics} with the scores' descending order given (`orderDescending(scores)`):
 * the selection and every group's AUC then come from that one ranking (a group's order is the
 * national order restricted to the group); `undefined` sorts here.
 *
 * @example
 * subgroupMetricsOfOrder(risk, bijstand, genders, orderDescending(risk), { variable: 'gender' })
 */
export function subgroupMetricsOfOrder(
  scores: NumericInput,
  y: NumericInput | Uint8Array,
  labels: readonly (string | null)[],
  given: Uint32Array | undefined,
  options: SubgroupOptions = {},
): SubgroupResult {
  rejectUnknownKeys(options, SUBGROUP_KEYS, 'subgroupMetrics');
  const level = checkLevel(options.level);
  const variable = options.variable ?? 'group';
  const fraction = options.fraction ?? 0.1;
  const yy = checkOutcome(y);
  const s = checkScores(scores, yy.length, { probability: true });
  requireBothClasses(yy, `subgroups by ${variable}`);
  requireVaryingScore(s, `subgroups by ${variable}`);
  if (labels.length !== yy.length) {
    throw new InputError(`subgroups: ${labels.length} labels for ${yy.length} clients`, {
      code: 'length-mismatch',
      column: variable,
    });
  }
  const order = given ?? orderDescending(s);
  const w = selectionWeightsOfOrder(s, fraction, order);
  const { index, codeOf, codes } = groupIndex(labels, variable);
  const names = [...index.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const reference =
    options.reference ??
    names.reduce(
      (best, g) => (index.get(g)!.length > index.get(best)!.length ? g : best),
      names[0]!,
    );
  if (!index.has(reference)) {
    throw new InputError(
      `subgroups: reference level '${reference}' does not occur in '${variable}' (levels: ${names.join(', ')})`,
      {
        code: 'unknown-level',
        column: variable,
        value: reference,
      },
    );
  }
  const groupOrders = groupOrdersOf(order, codes, codeOf, index);
  // Every group's sums in one pass over the clients (each group's rows ascending, as one pass
  // per group would add them).
  const G = codeOf.size;
  const casesOf = new Float64Array(G);
  const selOf = new Float64Array(G);
  const selCasesOf = new Float64Array(G);
  const predOf = new Float64Array(G);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    casesOf[c]! += yy[i]!;
    selOf[c]! += w[i]!;
    selCasesOf[c]! += w[i]! * yy[i]!;
    predOf[c]! += s[i]!;
  }
  const base = new Map<
    string,
    Omit<SubgroupRow, 'captureDifference' | 'aucDifference' | 'interceptDifference'>
  >();
  for (const g of names) {
    const rows = index.get(g)!;
    const code = codeOf.get(g)!;
    const gs = gather(s, rows);
    const gy = new Uint8Array(rows.length);
    for (let k = 0; k < rows.length; k++) gy[k] = yy[rows[k]!]!;
    const cases = casesOf[code]!;
    const sel = selOf[code]!;
    const selCases = selCasesOf[code]!;
    const pred = predOf[code]!;
    const notes: string[] = [];
    let gAuc: AucResult | null = null;
    try {
      gAuc = aucOfOrder(gs, gy, groupOrders.get(g), { level });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      notes.push(
        `no AUC: ${error.code === 'no-cases' ? 'no cases' : error.code === 'no-controls' ? 'only cases' : 'constant score'}`,
      );
    }
    let intercept: Estimate | null = null;
    if (cases > 0 && cases < rows.length) {
      const off = new Float64Array(rows.length);
      for (let k = 0; k < rows.length; k++) {
        const p = Math.min(Math.max(gs[k]!, 1e-15), 1 - 1e-15);
        off[k] = Math.log(p / (1 - p));
      }
      const c = offsetIntercept(off, gy);
      intercept = zEstimate(
        c.a,
        c.se,
        rows.length,
        level,
        'calibration intercept within the group (offset logit p), z test against 0',
      );
    }
    const capture = cases > 0 ? selCases / cases : null;
    base.set(g, {
      group: g,
      n: rows.length,
      cases,
      observedRate: cases / rows.length,
      meanPredicted: pred / rows.length,
      selected: sel / rows.length,
      capture,
      captureStdError: capture === null ? null : Math.sqrt((capture * (1 - capture)) / cases),
      auc: gAuc,
      observedExpectedRatio: cases / pred,
      calibrationIntercept: intercept,
      ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
    });
  }
  const ref = base.get(reference)!;
  const rows: SubgroupRow[] = names.map((g) => {
    const b = base.get(g)!;
    const isRef = g === reference;
    const captureDifference =
      isRef || b.capture === null || ref.capture === null
        ? null
        : zEstimate(
            b.capture - ref.capture,
            Math.sqrt(b.captureStdError! ** 2 + ref.captureStdError! ** 2),
            b.cases + ref.cases,
            level,
            'difference in capture with the reference group, unpooled SE, z test',
          );
    const aucDiff =
      isRef || b.auc === null || ref.auc === null ? null : aucDifference(b.auc, ref.auc, { level });
    const interceptDifference =
      isRef || b.calibrationIntercept === null || ref.calibrationIntercept === null
        ? null
        : zEstimate(
            b.calibrationIntercept.estimate - ref.calibrationIntercept.estimate,
            Math.hypot(b.calibrationIntercept.stdError, ref.calibrationIntercept.stdError),
            b.n + ref.n,
            level,
            'difference in calibration intercept with the reference group, z test',
          );
    return { ...b, captureDifference, aucDifference: aucDiff, interceptDifference };
  });
  return {
    variable,
    reference,
    fraction,
    rows,
    method: `per level of ${variable}: capture of the group's cases in the overall top ${Math.round(fraction * 100)} % (binomial SE), AUC within the group (DeLong), observed/expected and calibration intercept; differences with '${reference}' by z tests (independent groups)`,
  };
}

/**
 * Every client's group as a code (codes in order of first appearance) and each group's rows,
 * ascending; a missing label is an error naming its row.
 */
function groupIndex(
  labels: readonly (string | null)[],
  variable: string,
): { index: Map<string, Uint32Array>; codeOf: Map<string, number>; codes: Uint32Array } {
  const n = labels.length;
  const codes = new Uint32Array(n);
  const codeOf = new Map<string, number>();
  const counts: number[] = [];
  for (let i = 0; i < n; i++) {
    const l = labels[i]!;
    if (l === null) {
      throw new InputError(
        `column '${variable}' has a missing value in row ${i + 1}; subgroup checks need every client's group`,
        { code: 'missing-value', column: variable, rows: [i + 1] },
      );
    }
    let c = codeOf.get(l);
    if (c === undefined) {
      c = codeOf.size;
      codeOf.set(l, c);
      counts.push(0);
    }
    codes[i] = c;
    counts[c]!++;
  }
  const rowsOf = counts.map((m) => new Uint32Array(m));
  const filled = new Uint32Array(counts.length);
  for (let i = 0; i < n; i++) {
    const c = codes[i]!;
    rowsOf[c]![filled[c]!++] = i;
  }
  const index = new Map<string, Uint32Array>();
  for (const [l, c] of codeOf) index.set(l, rowsOf[c]!);
  return { index, codeOf, codes };
}

/**
 * Per group, the national descending order restricted to the group's clients, as positions
 * within the group (`index`: each group's rows, ascending). One pass over the order.
 */
function groupOrdersOf(
  order: Uint32Array,
  codes: Uint32Array,
  codeOf: ReadonlyMap<string, number>,
  index: ReadonlyMap<string, Uint32Array>,
): Map<string, Uint32Array> {
  const n = order.length;
  const local = new Uint32Array(n);
  const outs: Uint32Array[] = [];
  for (const [g, c] of codeOf) {
    const rows = index.get(g)!;
    for (let k = 0; k < rows.length; k++) local[rows[k]!] = k;
    outs[c] = new Uint32Array(rows.length);
  }
  const filled = new Uint32Array(outs.length);
  for (let r = 0; r < n; r++) {
    const i = order[r]!;
    const c = codes[i]!;
    outs[c]![filled[c]!++] = local[i]!;
  }
  const out = new Map<string, Uint32Array>();
  for (const [g, c] of codeOf) out.set(g, outs[c]!);
  return out;
}

/**
 * {@link subgroupMetrics} for several grouping columns of a table.
 *
 * @example
 * subgroupChecks(table, risk, { columns: ['gender', 'age_band', 'municipality'] })
 */
export function subgroupChecks(
  input: TableInput,
  scores: NumericInput,
  options: SubgroupChecksOptions,
): SubgroupResult[] {
  return subgroupChecksOfOrder(input, scores, undefined, options);
}

/** Options of {@link subgroupChecks}. */
export interface SubgroupChecksOptions {
  readonly columns: readonly string[];
  readonly outcome?: string;
  readonly references?: Readonly<Record<string, string>>;
  readonly fraction?: number;
  readonly level?: number;
}

const SUBGROUP_CHECKS_KEYS: AllKeys<SubgroupChecksOptions> = {
  columns: true,
  outcome: true,
  references: true,
  fraction: true,
  level: true,
};

/**
 * {@link subgroupChecks} with the scores' descending order given (`orderDescending(scores)`,
 * one ranking for every grouping); `undefined` sorts here.
 *
 * @example
 * subgroupChecksOfOrder(table, risk, orderDescending(risk), { columns: ['gender'] })
 */
export function subgroupChecksOfOrder(
  input: TableInput,
  scores: NumericInput,
  given: Uint32Array | undefined,
  options: SubgroupChecksOptions,
): SubgroupResult[] {
  rejectUnknownKeys(options, SUBGROUP_CHECKS_KEYS, 'subgroupChecks');
  const table = asTable(input);
  const outcome = options.outcome ?? 'bijstand';
  requireColumns(table, [outcome, ...options.columns], 'subgroup checks');
  const y = outcomeColumn(table, outcome);
  const order = given ?? orderDescending(checkScores(scores));
  return options.columns.map((c) =>
    subgroupMetricsOfOrder(scores, y, stringColumn(table, c), order, {
      variable: c,
      ...(options.references?.[c] === undefined ? {} : { reference: options.references[c] }),
      ...(options.fraction === undefined ? {} : { fraction: options.fraction }),
      ...(options.level === undefined ? {} : { level: options.level }),
    }),
  );
}

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
import { checkLevel } from '../stats/validate.js';
import { type AucResult, auc, aucDifference } from './auc.js';
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
  const s = checkScores(scores);
  const n = s.length;
  const cut = fraction * n;
  const order = orderDescending(s);
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
  options: {
    readonly variable?: string;
    readonly reference?: string;
    readonly fraction?: number;
    readonly level?: number;
  } = {},
): SubgroupResult {
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
  const w = selectionWeights(s, fraction);
  const index = new Map<string, number[]>();
  labels.forEach((l, i) => {
    if (l === null) {
      throw new InputError(
        `column '${variable}' has a missing value in row ${i + 1}; subgroup checks need every client's group`,
        {
          code: 'missing-value',
          column: variable,
          rows: [i + 1],
        },
      );
    }
    if (!index.has(l)) index.set(l, []);
    index.get(l)!.push(i);
  });
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
  const base = new Map<
    string,
    Omit<SubgroupRow, 'captureDifference' | 'aucDifference' | 'interceptDifference'>
  >();
  for (const g of names) {
    const rows = index.get(g)!;
    const gs = new Float64Array(rows.length);
    const gy = new Uint8Array(rows.length);
    let cases = 0;
    let sel = 0;
    let selCases = 0;
    let pred = 0;
    rows.forEach((i, k) => {
      gs[k] = s[i]!;
      gy[k] = yy[i]!;
      cases += yy[i]!;
      sel += w[i]!;
      selCases += w[i]! * yy[i]!;
      pred += s[i]!;
    });
    const notes: string[] = [];
    let gAuc: AucResult | null = null;
    try {
      gAuc = auc(gs, gy, { level });
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
 * {@link subgroupMetrics} for several grouping columns of a table.
 *
 * @example
 * subgroupChecks(table, risk, { columns: ['gender', 'age_band', 'municipality'] })
 */
export function subgroupChecks(
  input: TableInput,
  scores: NumericInput,
  options: {
    readonly columns: readonly string[];
    readonly outcome?: string;
    readonly references?: Readonly<Record<string, string>>;
    readonly fraction?: number;
    readonly level?: number;
  },
): SubgroupResult[] {
  const table = asTable(input);
  const outcome = options.outcome ?? 'bijstand';
  requireColumns(table, [outcome, ...options.columns], 'subgroup checks');
  const y = outcomeColumn(table, outcome);
  return options.columns.map((c) =>
    subgroupMetrics(scores, y, stringColumn(table, c), {
      variable: c,
      ...(options.references?.[c] === undefined ? {} : { reference: options.references[c] }),
      ...(options.fraction === undefined ? {} : { fraction: options.fraction }),
      ...(options.level === undefined ? {} : { level: options.level }),
    }),
  );
}

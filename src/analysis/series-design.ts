/**
 * Pieces shared by the effect series under either censoring rule: the design of one month's
 * sample and the estimate of a month without variation. Internal to `src/analysis/`.
 */
import type { DesignMatrix, Estimate } from '../stats/estimate.js';
import type { Grouping } from './series-groupings.js';

/** How the adjusted effect is estimated. */
export type Adjustment = 'ols' | 'lin' | 'none';

/** What {@link seriesDesign} reads of a comparison. */
export interface DesignSource {
  readonly treated: Float64Array;
  readonly covariateNames: readonly string[];
  readonly covariates: readonly Float64Array[];
  /** Blocks of the design: their dummies join the model as fixed effects (not interacted). */
  readonly groupings?: { readonly blocks?: Grouping };
}

/**
 * Design for one sample (`index` into the comparison arrays): (Intercept), treatment,
 * covariates; for Lin also the covariates centred on the sample mean — the weighted mean when
 * `weights` are given, as estimatr's `lm_lin` — and their products with treatment (Lin 2013).
 * With blocks, one dummy per block present in the sample but the first (in label order) follows:
 * block fixed effects, identical to `lm_robust(fixed_effects = ~block)` for the treatment
 * coefficient and its HC / CR variance (the dummies are part of the hat matrix); not interacted
 * with treatment, also for Lin.
 *
 * @example
 * const X = seriesDesign(comparison, Int32Array.of(0, 1, 2, 3), 'ols', 'treatment');
 * X.names; // ['(Intercept)', 'treatment', 'age', …]
 */
export function seriesDesign(
  c: DesignSource,
  index: Int32Array,
  adjustment: Adjustment,
  term: string,
  weights?: Float64Array,
): DesignMatrix {
  const n = index.length;
  const pick = (col: Float64Array) => {
    const out = new Float64Array(n);
    for (let j = 0; j < n; j++) out[j] = col[index[j]!]!;
    return out;
  };
  const treated = pick(c.treated);
  const names = ['(Intercept)', term];
  const columns: Float64Array[] = [new Float64Array(n).fill(1), treated];
  const covariates = c.covariates.map(pick);
  if (adjustment === 'lin') {
    let total = 0;
    for (let j = 0; j < n; j++) total += weights ? weights[j]! : 1;
    covariates.forEach((col, k) => {
      let mean = 0;
      for (let j = 0; j < n; j++) mean += (weights ? weights[j]! : 1) * col[j]!;
      mean /= total;
      const centred = col.map((v) => v - mean);
      const interacted = centred.map((v, j) => v * treated[j]!);
      names.push(c.covariateNames[k]!);
      columns.push(centred);
      names.push(`${term}:${c.covariateNames[k]}`);
      columns.push(interacted);
    });
  } else {
    covariates.forEach((col, k) => {
      names.push(c.covariateNames[k]!);
      columns.push(col);
    });
  }
  const blocks = c.groupings?.blocks;
  if (blocks) {
    const dummies = blockDummies(blocks, index);
    names.push(...dummies.names);
    columns.push(...dummies.columns);
  }
  return { names, columns, n };
}

/**
 * Block fixed effects on the positions `index`: a 0/1 column `block[label]` per block present
 * there but the first (in label order, numbers numerically, as R orders a factor's levels).
 *
 * @example
 * blockDummies(groupings.blocks!, index).names; // ['decile[2]', 'decile[3]', …]
 */
export function blockDummies(
  blocks: Grouping,
  index: Int32Array,
): { names: string[]; columns: Float64Array[] } {
  const n = index.length;
  const present = [...new Set(Array.from(index, (i) => blocks.ids[i]!))].sort((a, b) =>
    compareLabels(blocks.labels[a]!, blocks.labels[b]!),
  );
  const names: string[] = [];
  const columns: Float64Array[] = [];
  for (const id of present.slice(1)) {
    const dummy = new Float64Array(n);
    for (let j = 0; j < n; j++) dummy[j] = blocks.ids[index[j]!] === id ? 1 : 0;
    names.push(`${blocks.column}[${blocks.labels[id]}]`);
    columns.push(dummy);
  }
  return { names, columns };
}

/** Numbers numerically (2 < 10), text by code units, as R orders a factor's levels. */
function compareLabels(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (a.trim() !== '' && b.trim() !== '' && Number.isFinite(x) && Number.isFinite(y)) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The estimate of a month in which nobody (or everybody) had the event: every client's outcome
 * is the same, the difference is exactly 0 with no sampling variation, and the two-sided p-value
 * is 1 (as an exact test gives); stated in `method`.
 *
 * @example
 * noVariation(1, 400, Number.POSITIVE_INFINITY, 0.95, true).pValue; // 1
 */
export function noVariation(
  month: number,
  n: number,
  df: number,
  level: number,
  none: boolean,
): Estimate {
  return {
    estimate: 0,
    stdError: 0,
    ci: [0, 0],
    statistic: 0,
    df,
    pValue: 1,
    stars: '',
    n,
    level,
    method: `${none ? 'no client' : 'every client'} had the event by month ${month}: difference 0, no variation to test (p = 1)`,
  };
}

/**
 * Keeps only the common `Estimate` fields of a richer result.
 *
 * @example
 * stripEstimate(diffInProportions(a, b)); // without the per-arm fields
 */
export function stripEstimate(e: Estimate): Estimate {
  const { estimate, stdError, ci, statistic, df, pValue, stars, n, level, method } = e;
  return { estimate, stdError, ci, statistic, df, pValue, stars, n, level, method };
}

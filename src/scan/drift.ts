/**
 * Drift between two years: the population stability index (PSI) of each feature and of the
 * score, and the change in capture and AUC with intervals.
 *
 * PSI = Σ_b (a_b − e_b) · ln(a_b / e_b), with e_b the share of the reference (previous) year in
 * bin b and a_b the share of the current year (Siddiqi 2006; equal to the symmetrised
 * Kullback–Leibler divergence). Bins: every category of a string feature; every distinct value
 * of a numeric feature with at most 10 of them; otherwise the reference year's deciles
 * (quantile type 7 breaks at 10 %, …, 90 %, duplicates removed; bins (−∞, q₁], (q₁, q₂], …).
 * A bin empty in one year is given half a client so the logarithm stays finite. Rule of thumb:
 * < 0.10 stable, 0.10–0.25 moderate shift, > 0.25 large shift.
 */
import {
  asTable,
  columnValues,
  numberColumn,
  requireColumns,
  stringColumn,
  type TableInput,
  valuesKind,
} from '../data/columns.js';
import { InputError } from '../errors.js';
import type { Estimate } from '../stats/estimate.js';
import { quantiles7 } from '../stats/quantiles.js';
import { checkLevel } from '../stats/validate.js';
import { type AucResult, aucDifference } from './auc.js';
import type { Capture } from './gains.js';
import { checkScores, type NumericInput, zEstimate } from './util.js';

/** One bin of a PSI. */
export interface PsiBin {
  readonly label: string;
  /** Share of the reference (previous) year. */
  readonly expected: number;
  /** Share of the current year. */
  readonly actual: number;
  /** This bin's term (a − e)·ln(a/e). */
  readonly contribution: number;
}

/** Population stability index of one variable. */
export interface PsiResult {
  readonly variable: string;
  readonly kind: 'categorical' | 'numeric';
  readonly psi: number;
  readonly bins: readonly PsiBin[];
  /** `stable` (< 0.10), `moderate` (0.10–0.25), `large` (> 0.25). */
  readonly level: 'stable' | 'moderate' | 'large';
  /** Mean of the reference and current year (numeric variables). */
  readonly meanExpected?: number;
  readonly meanActual?: number;
}

function psiLevel(psi: number): PsiResult['level'] {
  return psi < 0.1 ? 'stable' : psi <= 0.25 ? 'moderate' : 'large';
}

function finish(
  variable: string,
  kind: PsiResult['kind'],
  labels: string[],
  ce: number[],
  ca: number[],
  ne: number,
  na: number,
  means?: [number, number],
): PsiResult {
  let psi = 0;
  const bins: PsiBin[] = labels.map((label, b) => {
    const e = Math.max(ce[b]!, 0.5) / ne;
    const a = Math.max(ca[b]!, 0.5) / na;
    const contribution = (a - e) * Math.log(a / e);
    psi += contribution;
    return { label, expected: ce[b]! / ne, actual: ca[b]! / na, contribution };
  });
  return {
    variable,
    kind,
    psi,
    bins,
    level: psiLevel(psi),
    ...(means ? { meanExpected: means[0], meanActual: means[1] } : {}),
  };
}

function mean(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]!;
  return s / x.length;
}

/**
 * PSI of a numeric variable: the reference's distinct values as bins when there are at most
 * `maxDistinct` (10), else the reference's deciles.
 *
 * @example
 * psiNumeric(scores2023, scores2024, 'score').psi
 */
export function psiNumeric(
  expected: NumericInput,
  actual: NumericInput,
  variable = 'x',
  options: { readonly bins?: number; readonly maxDistinct?: number } = {},
): PsiResult {
  const e = checkScores(expected, undefined, { what: `${variable} (reference)` });
  const a = checkScores(actual, undefined, { what: `${variable} (current)` });
  if (e.length === 0 || a.length === 0) {
    throw new InputError(`PSI of ${variable}: both years need at least one client`, {
      code: 'empty',
      column: variable,
    });
  }
  const distinct = new Set<number>();
  for (let i = 0; i < e.length && distinct.size <= (options.maxDistinct ?? 10); i++)
    distinct.add(e[i]!);
  let breaks: number[];
  let labels: string[];
  if (distinct.size <= (options.maxDistinct ?? 10)) {
    // Bins are the reference's values; a current value between them joins the bin at or above it.
    const values = [...distinct].sort((x, y) => x - y);
    breaks = values.slice(0, -1).map((v, i) => (v + values[i + 1]!) / 2);
    labels = values.map(String);
  } else {
    // The reference's quantiles j/k from their order statistics (no full sort).
    const k = options.bins ?? 10;
    const qs = quantiles7(
      e,
      Array.from({ length: k - 1 }, (_, j) => (j + 1) / k),
    );
    breaks = [...new Set(qs)];
    const fmt = (v: number) => String(Number(v.toPrecision(4)));
    labels = breaks.map((b, j) =>
      j === 0 ? `≤ ${fmt(b)}` : `(${fmt(breaks[j - 1]!)}, ${fmt(b)}]`,
    );
    labels.push(`> ${fmt(breaks[breaks.length - 1]!)}`);
  }
  const bin = (v: number): number => {
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v <= breaks[mid]!) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const ce = new Array<number>(labels.length).fill(0);
  const ca = new Array<number>(labels.length).fill(0);
  for (let i = 0; i < e.length; i++) ce[bin(e[i]!)]! += 1;
  for (let i = 0; i < a.length; i++) ca[bin(a[i]!)]! += 1;
  return finish(variable, 'numeric', labels, ce, ca, e.length, a.length, [mean(e), mean(a)]);
}

/**
 * PSI of a categorical variable over the union of the categories of both years.
 *
 * @example
 * psiCategorical(['a', 'b', 'b'], ['a', 'a', 'b'], 'household').psi
 */
export function psiCategorical(
  expected: readonly string[],
  actual: readonly string[],
  variable = 'x',
): PsiResult {
  if (expected.length === 0 || actual.length === 0) {
    throw new InputError(`PSI of ${variable}: both years need at least one client`, {
      code: 'empty',
      column: variable,
    });
  }
  const count = (xs: readonly string[]) => {
    const m = new Map<string, number>();
    for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
    return m;
  };
  const me = count(expected);
  const ma = count(actual);
  const labels = [...new Set([...me.keys(), ...ma.keys()])].sort((x, y) =>
    x < y ? -1 : x > y ? 1 : 0,
  );
  return finish(
    variable,
    'categorical',
    labels,
    labels.map((l) => me.get(l) ?? 0),
    labels.map((l) => ma.get(l) ?? 0),
    expected.length,
    actual.length,
  );
}

/**
 * PSI of every listed column between a reference (previous) and a current table: string
 * columns categorical, numeric columns as {@link psiNumeric}. Missing values are an error.
 */
export function featureStability(
  previous: TableInput,
  current: TableInput,
  features: readonly string[],
): PsiResult[] {
  const tp = asTable(previous);
  const tc = asTable(current);
  requireColumns(tp, features, 'drift (previous year)');
  requireColumns(tc, features, 'drift (current year)');
  return features.map((f) => {
    const kind = valuesKind(columnValues(tp, f));
    if (kind === 'number') {
      return psiNumeric(numberColumn(tp, f), numberColumn(tc, f), f);
    }
    return psiCategorical(
      stringColumn(tp, f, { missing: 'error' }) as string[],
      stringColumn(tc, f, { missing: 'error' }) as string[],
      f,
    );
  });
}

/**
 * Change in capture between two years (current − previous): two-proportion z test on the cases
 * of each year (unpooled SE, the selection treated as fixed), as `diffInProportions`.
 */
export function captureChange(
  current: Capture,
  previous: Capture,
  options: { readonly level?: number } = {},
): Estimate {
  const level = checkLevel(options.level);
  const se = Math.sqrt(current.stdError ** 2 + previous.stdError ** 2);
  return zEstimate(
    current.capture - previous.capture,
    se,
    current.cases + previous.cases,
    level,
    `change in capture in the top ${Math.round(current.fraction * 100)} %: difference of two independent proportions of cases, unpooled SE, z test`,
  );
}

/** Change in AUC between two years: {@link aucDifference} (unpaired DeLong). */
export function aucChange(
  current: AucResult,
  previous: AucResult,
  options: { readonly level?: number } = {},
): Estimate {
  return aucDifference(current, previous, options);
}

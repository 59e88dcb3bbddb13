/**
 * Pearson chi-square tests: independence in a contingency table (e.g. gender × arm in a balance
 * check) and goodness of fit to given probabilities (e.g. arm sizes against an 80/20 design),
 * matching R's `chisq.test`.
 */
import { InputError } from '../errors.js';
import { chiSquareSurvival } from './distributions.js';
import { type Stars, stars } from './estimate.js';
import { rejectUnknownKeys } from './option-keys.js';

/** Options for {@link chiSquareTest}. */
export interface ChiSquareOptions {
  /** Yates continuity correction on 2 × 2 tables (as R's `correct = TRUE`). Default false. */
  readonly correct?: boolean;
}

/** Goodness-of-fit input: observed counts and the probabilities they should follow. */
export interface GoodnessOfFitInput {
  readonly observed: readonly number[];
  /** One probability per category, each ≥ 0, summing to 1 (within 1e-9). */
  readonly probabilities: readonly number[];
}

interface ChiSquareCommon {
  /** Pearson's X² (with Yates' correction when applied). */
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
  readonly stars: Stars;
  /** Total count. */
  readonly n: number;
  readonly method: string;
  /** E.g. the small-expected-count warning (as R's "Chi-squared approximation may be incorrect"). */
  readonly warnings: readonly string[];
}

/** Result of the test of independence; matrices are indexed [row][column] like the input. */
export interface ChiSquareIndependenceResult extends ChiSquareCommon {
  readonly kind: 'independence';
  readonly observed: readonly (readonly number[])[];
  /** Expected counts rowTotal·colTotal/n. */
  readonly expected: readonly (readonly number[])[];
  /** Pearson residuals (O − E)/√E. */
  readonly residuals: readonly (readonly number[])[];
  /** Standardized residuals (O − E)/√(E·(1 − rᵢ/n)(1 − cⱼ/n)), ~N(0, 1) under H₀. */
  readonly stdResiduals: readonly (readonly number[])[];
}

/** Result of the goodness-of-fit test. */
export interface ChiSquareGoodnessOfFitResult extends ChiSquareCommon {
  readonly kind: 'goodness-of-fit';
  readonly observed: readonly number[];
  /** Expected counts n·pᵢ. */
  readonly expected: readonly number[];
  /** Pearson residuals (O − E)/√E. */
  readonly residuals: readonly number[];
  /** Standardized residuals (O − E)/√(n·pᵢ(1 − pᵢ)). */
  readonly stdResiduals: readonly number[];
}

const FN = 'chiSquareTest';

function checkCounts(values: readonly number[], where: (i: number) => string): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(Number.isFinite(v) && v >= 0)) {
      throw new InputError(
        `${FN}: count ${String(v)} at ${where(i)} is not allowed; expected non-negative finite counts`,
        { code: 'out-of-range', value: String(v) },
      );
    }
    total += v;
  }
  return total;
}

function smallExpectedWarning(expected: readonly number[]): string[] {
  let small = 0;
  let min = Number.POSITIVE_INFINITY;
  for (const e of expected) {
    if (e < 5) small++;
    if (e < min) min = e;
  }
  if (small === 0) return [];
  return [
    `Chi-squared approximation may be incorrect: ${small} of ${expected.length} expected counts are below 5 (smallest ${min.toPrecision(3)})`,
  ];
}

/**
 * Pearson chi-square test, as R's `chisq.test`.
 *
 * - Independence, from an r × c matrix of counts: Eᵢⱼ = rᵢ·cⱼ/n, X² = Σ (Oᵢⱼ − Eᵢⱼ)²/Eᵢⱼ on
 *   (r − 1)(c − 1) df. With `{ correct: true }` a 2 × 2 table gets Yates' correction
 *   Σ (|O − E| − min(½, |O − E|))²/E.
 * - Goodness of fit, from `{ observed, probabilities }`: Eᵢ = n·pᵢ, X² = Σ (Oᵢ − Eᵢ)²/Eᵢ on
 *   k − 1 df.
 *
 * p = P(χ²_df > X²). Returns expected counts, Pearson and standardized residuals, and a
 * warning when any expected count is below 5.
 *
 * @example
 * chiSquareTest([[2841, 2709], [1774, 1910], [2, 1]]).pValue // < 0.05 (with a small-count warning)
 * chiSquareTest({ observed: [9788, 2403], probabilities: [0.8, 0.2] }).statistic
 */
export function chiSquareTest(
  table: readonly (readonly number[])[],
  options?: ChiSquareOptions,
): ChiSquareIndependenceResult;
export function chiSquareTest(
  input: GoodnessOfFitInput,
  options?: ChiSquareOptions,
): ChiSquareGoodnessOfFitResult;
export function chiSquareTest(
  input: readonly (readonly number[])[] | GoodnessOfFitInput,
  options: ChiSquareOptions = {},
): ChiSquareIndependenceResult | ChiSquareGoodnessOfFitResult {
  rejectUnknownKeys(options, { correct: true }, FN);
  if (Array.isArray(input)) return independence(input, options.correct === true);
  if (typeof input === 'object' && input !== null && 'observed' in input) {
    return goodnessOfFit(input as GoodnessOfFitInput);
  }
  throw new InputError(
    `${FN}: expected a matrix of counts (number[][]) or { observed, probabilities }`,
    { code: 'invalid-option' },
  );
}

function independence(
  table: readonly (readonly number[])[],
  correct: boolean,
): ChiSquareIndependenceResult {
  const r = table.length;
  const c = r > 0 ? (table[0]?.length ?? 0) : 0;
  if (r < 2 || c < 2) {
    throw new InputError(
      `${FN}: a contingency table needs at least 2 rows and 2 columns, got ${r} × ${c}`,
      { code: 'too-few', value: `${r}x${c}` },
    );
  }
  const rowTotals = new Float64Array(r);
  const colTotals = new Float64Array(c);
  for (let i = 0; i < r; i++) {
    const row = table[i]!;
    if (!Array.isArray(row) || row.length !== c) {
      throw new InputError(
        `${FN}: row ${i + 1} of the table has ${Array.isArray(row) ? row.length : 'no'} columns; expected ${c} like row 1`,
        { code: 'length-mismatch', rows: [i + 1] },
      );
    }
    rowTotals[i] = checkCounts(row, (j) => `row ${i + 1}, column ${j + 1}`);
    for (let j = 0; j < c; j++) colTotals[j] = colTotals[j]! + row[j]!;
  }
  let n = 0;
  for (let i = 0; i < r; i++) {
    if (rowTotals[i] === 0) {
      throw new InputError(
        `${FN}: row ${i + 1} of the table sums to 0; expected counts would be 0`,
        {
          code: 'empty-group',
          rows: [i + 1],
        },
      );
    }
    n += rowTotals[i]!;
  }
  for (let j = 0; j < c; j++) {
    if (colTotals[j] === 0) {
      throw new InputError(
        `${FN}: column ${j + 1} of the table sums to 0; expected counts would be 0`,
        {
          code: 'empty-group',
          value: String(j + 1),
        },
      );
    }
  }
  const yates = correct && r === 2 && c === 2;
  const expected: number[][] = [];
  const residuals: number[][] = [];
  const stdResiduals: number[][] = [];
  const flat: number[] = [];
  let statistic = 0;
  for (let i = 0; i < r; i++) {
    const row = table[i]!;
    const e: number[] = [];
    const res: number[] = [];
    const std: number[] = [];
    for (let j = 0; j < c; j++) {
      const ri = rowTotals[i]!;
      const cj = colTotals[j]!;
      const eij = (ri * cj) / n;
      const diff = row[j]! - eij;
      const dev = yates ? Math.abs(diff) - Math.min(0.5, Math.abs(diff)) : diff;
      statistic += (dev * dev) / eij;
      e.push(eij);
      flat.push(eij);
      res.push(diff / Math.sqrt(eij));
      std.push(diff / Math.sqrt((ri * cj * (n - ri) * (n - cj)) / (n * n * n)));
    }
    expected.push(e);
    residuals.push(res);
    stdResiduals.push(std);
  }
  const df = (r - 1) * (c - 1);
  const pValue = chiSquareSurvival(statistic, df);
  return {
    kind: 'independence',
    statistic,
    df,
    pValue,
    stars: stars(pValue),
    n,
    method: yates
      ? "Pearson's chi-square test of independence with Yates' continuity correction"
      : "Pearson's chi-square test of independence",
    warnings: smallExpectedWarning(flat),
    observed: table.map((row) => row.slice()),
    expected,
    residuals,
    stdResiduals,
  };
}

function goodnessOfFit(input: GoodnessOfFitInput): ChiSquareGoodnessOfFitResult {
  const { observed, probabilities } = input;
  if (!Array.isArray(observed) || !Array.isArray(probabilities)) {
    throw new InputError(`${FN}: observed and probabilities must both be arrays of numbers`, {
      code: 'invalid-option',
    });
  }
  const k = observed.length;
  if (k < 2) {
    throw new InputError(`${FN}: goodness of fit needs at least 2 categories, got ${k}`, {
      code: k === 0 ? 'empty' : 'too-few',
      column: 'observed',
    });
  }
  if (probabilities.length !== k) {
    throw new InputError(
      `${FN}: observed has ${k} categories but probabilities has ${probabilities.length}; expected one probability per category`,
      { code: 'length-mismatch', column: 'probabilities' },
    );
  }
  const n = checkCounts(observed, (i) => `observed[${i}]`);
  if (n === 0) {
    throw new InputError(`${FN}: observed counts sum to 0; expected at least one observation`, {
      code: 'empty',
      column: 'observed',
    });
  }
  let sum = 0;
  for (let i = 0; i < k; i++) {
    const p = probabilities[i]!;
    if (!(Number.isFinite(p) && p >= 0)) {
      throw new InputError(
        `${FN}: probabilities[${i}] is ${String(p)}; expected a probability ≥ 0`,
        { code: 'out-of-range', column: 'probabilities', value: String(p) },
      );
    }
    sum += p;
  }
  if (Math.abs(sum - 1) > 1e-9) {
    throw new InputError(`${FN}: probabilities sum to ${sum}; expected 1 (within 1e-9)`, {
      code: 'out-of-range',
      column: 'probabilities',
      value: String(sum),
    });
  }
  const expected: number[] = [];
  const residuals: number[] = [];
  const stdResiduals: number[] = [];
  let statistic = 0;
  for (let i = 0; i < k; i++) {
    const p = probabilities[i]!;
    const e = n * p;
    if (e === 0) {
      throw new InputError(
        `${FN}: probabilities[${i}] is 0, so its expected count is 0; drop the category or give it a positive probability`,
        { code: 'out-of-range', column: 'probabilities', value: '0' },
      );
    }
    const diff = observed[i]! - e;
    statistic += (diff * diff) / e;
    expected.push(e);
    residuals.push(diff / Math.sqrt(e));
    stdResiduals.push(diff / Math.sqrt(e * (1 - p)));
  }
  const df = k - 1;
  const pValue = chiSquareSurvival(statistic, df);
  return {
    kind: 'goodness-of-fit',
    statistic,
    df,
    pValue,
    stars: stars(pValue),
    n,
    method: "Pearson's chi-square goodness-of-fit test",
    warnings: smallExpectedWarning(expected),
    observed: observed.slice(),
    expected,
    residuals,
    stdResiduals,
  };
}

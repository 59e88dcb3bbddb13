/**
 * Sample-ratio check: do the observed arm sizes fit the intended weights? A misfit points to a
 * broken assignment or a selective loss of clients, before any outcome is looked at.
 */
import { type DocumentConvertible, type HtmlConvertible, withDisplay } from '../display.js';
import { InputError } from '../errors.js';
import type { Language } from '../language.js';
import { chiSquareTest } from '../stats/chisquare.js';
import { type Stars, stars } from '../stats/estimate.js';
import { type Document, documentMarkdown, tableFromRows } from '../table/index.js';
import { assignTexts, labelColumns } from './assign-texts.js';
import { type ArmWeights, checkWeights } from './weights.js';

/** One arm of a sample-ratio check. */
export interface SampleRatioArm {
  readonly arm: string;
  readonly observed: number;
  /** n·w. */
  readonly expected: number;
  readonly share: number;
  readonly intended: number;
}

/** Result of {@link sampleRatioTest}. */
export interface SampleRatioResult extends HtmlConvertible, DocumentConvertible {
  readonly arms: readonly SampleRatioArm[];
  readonly n: number;
  /** Pearson X² = Σ (O − E)² / E over arms with w > 0 (Infinity if a w = 0 arm has clients). */
  readonly statistic: number;
  /** Number of arms with w > 0, minus 1. */
  readonly df: number;
  readonly pValue: number;
  readonly stars: Stars;
  readonly method: string;
  /** One row per arm: `{ arm, observed, expected, share, intended }`. */
  toTable(): Record<string, string | number>[];
  toMarkdown(): string;
}

/**
 * Chi-square goodness of fit of observed arm counts against intended weights (as R's
 * `chisq.test(x, p = w)`): X² = Σᵢ (Oᵢ − n·wᵢ)² / (n·wᵢ), p = P(χ²_{k−1} > X²).
 * Arms in `counts` but not in `weights` are an error (they are conformance errors, not a ratio).
 *
 * @example
 * sampleRatioTest({ experiment: 9788, control: 2403 }, { experiment: 0.8, control: 0.2 }).pValue // ≈ 0.425 (X² = 0.635, 1 df)
 */
export function sampleRatioTest(
  counts: Readonly<Record<string, number>>,
  weights: ArmWeights,
): SampleRatioResult {
  const spec = checkWeights(weights);
  for (const [arm, c] of Object.entries(counts)) {
    if (!spec.arms.includes(arm)) {
      throw new InputError(`arm '${arm}' is not one of the rule's arms (${spec.arms.join(', ')})`, {
        code: 'unknown-arm',
        value: arm,
      });
    }
    if (!Number.isInteger(c) || c < 0) {
      throw new InputError(`count of arm '${arm}' must be a whole number ≥ 0, got ${c}`, {
        code: 'wrong-type',
        value: String(c),
      });
    }
  }
  const observed = spec.arms.map((a) => counts[a] ?? 0);
  const n = observed.reduce((a, b) => a + b, 0);
  if (n === 0) throw new InputError('sample-ratio check: no assigned clients', { code: 'empty' });
  // Arms with weight 0 take no part in the test; a client in one is an infinite misfit.
  const positive = spec.weights.flatMap((w, i) => (w > 0 ? [i] : []));
  const df = positive.length - 1;
  const misplaced = spec.weights.some((w, i) => w === 0 && observed[i]! > 0);
  let statistic: number;
  let pValue: number;
  if (misplaced) {
    statistic = Number.POSITIVE_INFINITY;
    pValue = 0;
  } else if (df < 1) {
    statistic = 0;
    pValue = 1;
  } else {
    const t = chiSquareTest({
      observed: positive.map((i) => observed[i]!),
      probabilities: positive.map((i) => spec.weights[i]!),
    });
    statistic = t.statistic;
    pValue = t.pValue;
  }
  const arms = spec.arms.map((arm, i) => ({
    arm,
    observed: observed[i]!,
    expected: n * spec.weights[i]!,
    share: observed[i]! / n,
    intended: spec.weights[i]!,
  }));
  const method = `chi-square goodness of fit against the intended weights, ${df} df`;
  const toTable = () => arms.map((a) => ({ ...a }));
  const result = {
    arms,
    n,
    statistic,
    df,
    pValue,
    stars: stars(pValue),
    method,
    toTable,
    toMarkdown: () => documentMarkdown(sampleRatioDocument(result)),
  };
  return withDisplay(result, () => sampleRatioDocument(result));
}

/**
 * The document of a sample-ratio check in a language: the test in words, then the table of
 * observed and expected counts per arm (table id `sample_ratio`, column ids as `toTable()`:
 * the Dutch labels are groep, waargenomen, verwacht, aandeel, beoogd).
 *
 * @example
 * documentMarkdown(sampleRatioDocument(sampleRatioTest({ a: 52, b: 48 }, { a: 0.5, b: 0.5 }), 'nl'), { lang: 'nl' });
 * // "Toets op de groepsverhouding (chikwadraattoets op de beoogde verhouding, 1 vrijheidsgraad): X² = 0,16, p = 0,6892 …"
 */
export function sampleRatioDocument(
  r: Pick<SampleRatioResult, 'arms' | 'statistic' | 'df' | 'pValue' | 'method' | 'stars'>,
  lang: Language = 'en',
): Document {
  const t = assignTexts(lang);
  const mark = r.stars ? ` ${r.stars}` : '';
  const method = lang === 'en' ? r.method : t.sampleRatioMethod(r.df);
  return [
    { kind: 'paragraph', text: t.sampleRatioLine(method, r.statistic, r.pValue, mark) },
    {
      kind: 'table',
      table: labelColumns(
        tableFromRows(
          r.arms.map((a) => ({ ...a })),
          { id: 'sample_ratio', title: t.sampleRatioHeading },
        ),
        t.sampleRatioColumns,
      ),
    },
  ];
}

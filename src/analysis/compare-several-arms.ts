/**
 * `compareArms` with several arms (issue #14): per outcome, the share or mean of every arm, the
 * difference of each contrast's two arms with its test, and the covariate-adjusted contrast from
 * one model with every arm (its joint variance); multiplicity across the contrasts of an outcome.
 * `compareArms` dispatches here when its spec has `arms`.
 */

import { requireColumns, type TableInput } from '../data/columns.js';
import { type AllKeys, rejectUnknownKeys } from '../data/spec-reader.js';
import { type DocumentConvertible, displayResult, type HtmlConvertible } from '../display.js';
import { formatRows, InputError } from '../errors.js';
import { type ClusterSeType, clusterContrastWeights } from '../estimate/cluster-vcov.js';
import { designDifferenceInMeans } from '../estimate/difference-in-means.js';
import { olsPrepare } from '../estimate/ols.js';
import type { SeType } from '../estimate/vcov.js';
import { formatPValue } from '../format.js';
import type { Estimate } from '../stats/estimate.js';
import { gather } from '../stats/gather.js';
import { diffInMeans } from '../stats/means.js';
import { diffInProportions } from '../stats/proportions.js';
import { checkLevel, checkOneOf } from '../stats/validate.js';
import { type Document, tableFromRows, tidyEstimate } from '../table/index.js';
import { isBinary, numericAt } from './arm-sample.js';
import {
  type ArmOutcomeSpec,
  type ArmSummary,
  diff,
  type OutcomeKind,
  outcomeSpecs,
  summary,
  value,
  withOutcome,
} from './compare-arms.js';
import type { Exclusion } from './comparison.js';
import { stripEstimate } from './series-design.js';
import { groupingWords, sampleGroups, seriesSe } from './series-groupings.js';
import {
  type ArmPair,
  adjustWithinFamily,
  armCoefficients,
  armContrasts,
  armTerm,
  clusteredArmContrasts,
  contrastVectors,
  resolveArms,
  type SeveralArmsSampleSpec,
  severalArmsDesign,
  severalArmsSample,
} from './several-arms.js';

/** What the several-arm {@link compareArms} compares. */
export interface CompareSeveralArmsSpec extends Omit<SeveralArmsSampleSpec, 'followup'> {
  /** Outcome columns, or per-outcome specifications, in display order. */
  readonly outcomes: readonly (string | ArmOutcomeSpec)[];
  /** Default kind for outcomes that do not state one (default `'auto'`). */
  readonly kind?: OutcomeKind | 'auto';
  /** Covariate-adjusted contrasts per outcome (default: true when covariates are given). */
  readonly adjust?: boolean;
  /** `'ols'` (default): y ~ arm dummies + covariates; `'lin'`: each dummy × centred covariates. */
  readonly adjustment?: 'ols' | 'lin';
  /**
   * Standard errors of the adjusted contrasts: an HC type or `'classical'` (default `'HC2'`);
   * with `clusters` `'CR2'` (default; each contrast on its own Satterthwaite df), `'stata'` or
   * `'CR0'` (S − 1 df).
   */
  readonly se?: SeType | ClusterSeType;
  /** Confidence level (default 0.95). */
  readonly level?: number;
  /** Pooled SE for the test of a binary difference (default false: unpooled, Neyman). */
  readonly pooled?: boolean;
}

/** One contrast of one outcome. */
export interface OutcomeContrast {
  /** `first − second`. */
  readonly contrast: string;
  readonly first: string;
  readonly second: string;
  /**
   * first − second from the two arms alone: difference in proportions (unpooled SE, z test) for
   * binary outcomes, difference in means (Welch SE, Satterthwaite df) for numeric ones.
   */
  readonly difference: Estimate;
  /** β̂_first − β̂_second of the model with every arm, SE √(c'V̂c), t on n − k df. */
  readonly adjusted?: Estimate;
  /** p-values adjusted across the outcome's contrasts (difference and adjusted separately). */
  readonly pAdjusted?: { readonly difference: number; readonly adjusted?: number };
}

/** The several-arm comparison of one outcome. */
export interface SeveralArmComparison {
  readonly outcome: string;
  readonly label: string;
  readonly kind: OutcomeKind;
  readonly format: 'percent' | 'number';
  readonly digits: number | undefined;
  /** Per arm, in the order of `arms`. */
  readonly arms: readonly (ArmSummary & { readonly arm: string })[];
  readonly contrasts: readonly OutcomeContrast[];
}

/** Result of the several-arm {@link compareArms}. */
export interface SeveralArmComparisons extends HtmlConvertible, DocumentConvertible {
  readonly kind: 'arm-contrasts';
  readonly arms: readonly string[];
  readonly reference: string;
  readonly contrasts: readonly ArmPair[];
  readonly outcomes: readonly SeveralArmComparison[];
  readonly covariates: readonly string[];
  readonly excluded: readonly Exclusion[];
  readonly level: number;
  readonly se: SeType | ClusterSeType;
  readonly adjustment: 'ols' | 'lin';
  readonly pAdjust?: 'holm' | 'BH' | 'bonferroni';
  /** The family of the multiplicity adjustment, in words (absent without `pAdjust`). */
  readonly family?: string;
  readonly method: string;
  /** One row per outcome and contrast, flat. */
  toTable(): Record<string, number | string>[];
  toMarkdown(): string;
}

const COMPARE_SEVERAL_ARMS_KEYS: AllKeys<CompareSeveralArmsSpec> = {
  outcomes: true,
  kind: true,
  adjust: true,
  adjustment: true,
  se: true,
  level: true,
  pooled: true,
  arm: true,
  covariates: true,
  covariateReference: true,
  factors: true,
  missing: true,
  arms: true,
  reference: true,
  contrasts: true,
  pAdjust: true,
  clusters: true,
  blocks: true,
};

/**
 * Compares several arms on each outcome. Per arm the share or mean (n, missing, SD); per
 * contrast a − b the difference of the two arms (0/1 outcomes: p̂_a − p̂_b with the unpooled SE
 * and a z test; numeric: ȳ_a − ȳ_b with Welch's SE and df, R's `t.test`); with covariates the
 * contrast c'β̂ of one OLS model with every arm, y ~ arm dummies + covariates (or Lin's
 * interacted model), SE √(c'V̂c) from its joint HC2 covariance, t on n − k df, as
 * `estimatr::lm_robust` with a linear hypothesis. `pAdjust` adjusts across the contrasts of each
 * outcome. Missing outcome values are left out per outcome and counted per arm.
 *
 * @example
 * const c = compareSeveralArms(table, {
 *   arms: ['service', 'control_enforcement', 'control_none'], reference: 'control_none',
 *   contrasts: 'all-pairs', outcomes: ['months_on_ww_12'], covariates: ['age'], pAdjust: 'holm',
 * });
 * c.outcomes[0].contrasts[2].adjusted; // control_enforcement − control_none, adjusted
 */
export function compareSeveralArms(
  data: TableInput,
  spec: CompareSeveralArmsSpec,
): SeveralArmComparisons {
  rejectUnknownKeys(spec, COMPARE_SEVERAL_ARMS_KEYS, 'compareArms (several arms)');
  const fn = 'compareArms';
  const resolved = resolveArms(spec, fn);
  const level = checkLevel(spec.level, fn);
  const ses = seriesSe(spec.se, spec.clusters !== undefined);
  const clusterSe = ses.cluster;
  const se = ses.hc;
  const adjustment = checkOneOf(spec.adjustment ?? 'ols', ['ols', 'lin'] as const, 'adjustment', {
    fn,
  });
  const outcomes = outcomeSpecs(spec.outcomes);
  const sample = severalArmsSample(data, spec);
  requireColumns(
    sample.table,
    outcomes.map((o) => o.column),
    'outcome',
  );
  const groupings = sample.groupings;
  if (groupings && adjustment === 'lin') {
    throw new InputError(
      "compareArms: adjustment 'lin' with clusters or blocks is not available; use adjustment 'ols' (block fixed effects, CR2)",
      { code: 'invalid-option', value: 'lin' },
    );
  }
  const adjust =
    spec.adjust ?? (sample.covariateNames.length > 0 || groupings?.blocks !== undefined);
  if (adjust && sample.covariateNames.length === 0 && !groupings?.blocks) {
    throw new InputError('adjust: true needs covariates; none were given', {
      code: 'invalid-option',
      value: 'adjust',
    });
  }
  const terms = resolved.arms
    .filter((a) => a !== resolved.reference)
    .map((a) => armTerm(sample.armColumn, a));
  const methodOf = (df: number) =>
    `OLS with every arm, ${clusterSe ? `${clusterSe} cluster-robust SE` : se === 'classical' ? 'classical SE' : `${se} robust SE`}, contrast c'β̂ with SE √(c'V̂c), t test on ${df} df`;

  const results = outcomes.map((o): SeveralArmComparison => {
    const y = numericAt(sample.table, o.column, sample.rows);
    const kind = outcomeKind(o, spec.kind, y, sample.rows);
    const keep: number[] = [];
    const values = resolved.arms.map(() => [] as number[]);
    const missing = resolved.arms.map(() => 0);
    y.forEach((v, j) => {
      const a = sample.armIndex[j]!;
      if (Number.isNaN(v)) missing[a]! += 1;
      else {
        keep.push(j);
        values[a]!.push(v);
      }
    });
    resolved.arms.forEach((arm, a) => {
      if (values[a]!.length === 0) {
        throw new InputError(
          `outcome '${o.column}': arm '${arm}' has no non-missing values (${missing[a]} missing)`,
          { code: 'empty-group', column: o.column, value: arm },
        );
      }
    });
    const differences = resolved.pairs.map((p) => {
      const ya = values[resolved.arms.indexOf(p.first)]!;
      const yb = values[resolved.arms.indexOf(p.second)]!;
      if (groupings) {
        const first = resolved.arms.indexOf(p.first);
        const second = resolved.arms.indexOf(p.second);
        const units = keep
          .filter((j) => sample.armIndex[j] === first || sample.armIndex[j] === second)
          .map((j) => ({
            y: y[j]!,
            t: (sample.armIndex[j] === first ? 1 : 0) as 0 | 1,
            block: groupings.blocks ? groupings.blocks.labels[groupings.blocks.ids[j]!]! : null,
            cluster: groupings.clusters
              ? groupings.clusters.labels[groupings.clusters.ids[j]!]!
              : null,
          }));
        return withOutcome(o.column, () =>
          stripEstimate(
            designDifferenceInMeans(units, {
              level,
              clustered: groupings.clusters !== undefined,
              ...(groupings.clusters ? { clusterColumn: groupings.clusters.column } : {}),
            }).estimate,
          ),
        );
      }
      return withOutcome(o.column, () =>
        kind === 'binary'
          ? stripEstimate(diffInProportions(ya, yb, { level, pooled: spec.pooled === true }))
          : stripEstimate(diffInMeans(ya, yb, { level })),
      );
    });
    let adjusted: Estimate[] | undefined;
    if (adjust) {
      const index = Int32Array.from(keep);
      adjusted = withOutcome(o.column, () => {
        const prepared = olsPrepare(
          severalArmsDesign(sample, index, resolved.reference, adjustment),
        );
        const lost = terms.filter((t) => prepared.aliased.includes(t));
        if (lost.length) {
          throw new InputError(
            `${lost.join(', ')} collinear with the covariates (a covariate that separates the arms); no adjusted contrast`,
            { code: 'aliased', column: lost[0]! },
          );
        }
        const yk = gather(y, index);
        if (groupings?.clusters && clusterSe) {
          const clusters = sampleGroups(groupings.clusters, index);
          const vectors = contrastVectors(prepared, resolved, sample.armColumn);
          const weights = clusterContrastWeights(prepared, clusters, clusterSe, vectors, {
            labels: clusters.labels,
          });
          return clusteredArmContrasts(
            prepared,
            yk,
            vectors,
            weights,
            clusters.index,
            level,
            methodOf,
          ).map(stripEstimate);
        }
        const coefficients = armCoefficients(prepared, yk, terms, se);
        return armContrasts(
          coefficients,
          terms,
          resolved,
          sample.armColumn,
          level,
          methodOf(coefficients.df),
        ).map(stripEstimate);
      });
    }
    const pDiff = spec.pAdjust
      ? adjustWithinFamily(
          differences.map((d) => d.pValue),
          spec.pAdjust,
        )
      : undefined;
    const pAdj =
      spec.pAdjust && adjusted
        ? adjustWithinFamily(
            adjusted.map((d) => d.pValue),
            spec.pAdjust,
          )
        : undefined;
    return {
      outcome: o.column,
      label: o.label ?? o.column,
      kind,
      format: o.format ?? (kind === 'binary' ? 'percent' : 'number'),
      digits: o.digits,
      arms: resolved.arms.map((arm, a) => ({ arm, ...summary(values[a]!, missing[a]!) })),
      contrasts: resolved.pairs.map((p, c) => ({
        contrast: p.label,
        first: p.first,
        second: p.second,
        difference: differences[c]!,
        ...(adjusted ? { adjusted: adjusted[c]! } : {}),
        ...(pDiff
          ? {
              pAdjusted: {
                difference: pDiff[c]!,
                ...(pAdj?.[c] === undefined ? {} : { adjusted: pAdj[c]! }),
              },
            }
          : {}),
      })),
    };
  });

  const family = spec.pAdjust
    ? `the ${resolved.pairs.length} contrasts within each outcome (differences and adjusted contrasts adjusted separately; not across outcomes)`
    : undefined;
  const words = groupings ? groupingWords(groupings, clusterSe) : undefined;
  const seText = clusterSe
    ? `${clusterSe === 'CR2' ? 'CR2' : clusterSe === 'stata' ? "CR1 (Stata's correction)" : 'CR0'} cluster-robust SE (clusters '${groupings!.clusters!.column}', ${groupings!.clusters!.labels.length})`
    : se === 'classical'
      ? 'classical SE'
      : `${se} robust SE`;
  const dfText = clusterSe
    ? clusterSe === 'CR2'
      ? 'the contrast\'s own Satterthwaite df (as clubSandwich\'s linear_contrast(…, "CR2"))'
      : 'S − 1 df'
    : 'n − k df';
  const rawText = words
    ? `per contrast a − b and outcome: ${words.raw.replace('treatment − control', 'first − second').replace("estimatr's difference_in_means", "estimatr's difference_in_means on the pair's two arms")}`
    : `per contrast a − b and outcome: 0/1 outcomes difference in proportions of the two arms, ` +
      `${spec.pooled ? 'pooled SE' : 'unpooled (Neyman) SE'}, z test; numeric outcomes difference in means, Welch SE, t test with Satterthwaite df`;
  const method =
    rawText +
    (adjust
      ? `; adjusted: one OLS model with every arm (reference '${resolved.reference}') on ${
          adjustment === 'lin'
            ? `arm dummies × ${sample.covariateNames.length} centred covariate columns (Lin 2013)`
            : `arm dummies + ${sample.covariateNames.length} covariate columns`
        }${words?.blocks ?? ''}, ${seText}, contrast β_a − β_b with SE √(c'Vc) from the joint covariance, t test on ${dfText}`
      : '') +
    '; missing outcome values excluded per outcome; two-sided, stars † p < 0.20, * p < 0.10, ** p < 0.05' +
    (family ? `; p-values adjusted (${spec.pAdjust}) across ${family}` : '');
  const base: Omit<SeveralArmComparisons, 'toTable' | 'toMarkdown' | 'toHTML' | 'toDocument'> = {
    kind: 'arm-contrasts',
    arms: resolved.arms,
    reference: resolved.reference,
    contrasts: resolved.pairs,
    outcomes: results,
    covariates: adjust ? sample.covariateNames : [],
    excluded: sample.excluded,
    level,
    se: clusterSe ?? se,
    adjustment,
    ...(spec.pAdjust ? { pAdjust: spec.pAdjust, family: family! } : {}),
    method,
  };
  // Display methods from `base` alone: inline closures would hold this scope's arrays.
  return displayResult(base, comparisonRows, comparisonDocument);
}

/** The kind of an outcome: stated, or binary when every value is 0/1 (`not-binary` if stated wrongly). */
function outcomeKind(
  o: ArmOutcomeSpec,
  fallback: OutcomeKind | 'auto' | undefined,
  y: Float64Array,
  rows: Int32Array,
): OutcomeKind {
  const stated = o.kind ?? fallback ?? 'auto';
  if (stated !== 'auto' && stated !== 'binary' && stated !== 'numeric') {
    throw new InputError(
      `outcome '${o.column}': kind must be 'binary', 'numeric' or 'auto', not '${String(stated)}'`,
      { code: 'invalid-option', column: o.column, value: String(stated) },
    );
  }
  const binary = isBinary(y);
  if (stated === 'binary' && !binary) {
    const bad: number[] = [];
    let first = Number.NaN;
    y.forEach((v, j) => {
      if (!Number.isNaN(v) && v !== 0 && v !== 1) {
        if (!bad.length) first = v;
        bad.push(rows[j]! + 1);
      }
    });
    throw new InputError(
      `outcome '${o.column}' is stated binary but has ${first} in ${formatRows(bad)}; binary outcomes hold 0/1`,
      { code: 'not-binary', column: o.column, rows: bad, value: String(first) },
    );
  }
  return stated === 'auto' ? (binary ? 'binary' : 'numeric') : stated;
}

type Base = Omit<SeveralArmComparisons, 'toTable' | 'toMarkdown' | 'toHTML' | 'toDocument'>;

function comparisonRows(base: Base): Record<string, number | string>[] {
  return base.outcomes.flatMap((o) =>
    o.contrasts.map((c) => {
      const a = o.arms.find((x) => x.arm === c.first)!;
      const b = o.arms.find((x) => x.arm === c.second)!;
      const row: Record<string, number | string> = {
        outcome: o.outcome,
        label: o.label,
        kind: o.kind,
        contrast: c.contrast,
        first: c.first,
        second: c.second,
        n_first: a.n,
        n_second: b.n,
        missing_first: a.missing,
        missing_second: b.missing,
        mean_first: a.mean,
        mean_second: b.mean,
        ...tidyEstimate(c.difference, 'difference'),
        ...(c.adjusted ? tidyEstimate(c.adjusted, 'adjusted') : {}),
      };
      if (c.pAdjusted) {
        row.difference_p_adjusted = c.pAdjusted.difference;
        if (c.pAdjusted.adjusted !== undefined) row.adjusted_p_adjusted = c.pAdjusted.adjusted;
      }
      return row;
    }),
  );
}

function comparisonDocument(base: Base): Document {
  const adj = base.pAdjust;
  const rows = base.outcomes.flatMap((o) =>
    o.contrasts.map((c) => {
      const a = o.arms.find((x) => x.arm === c.first)!;
      const b = o.arms.find((x) => x.arm === c.second)!;
      return {
        outcome: o.label,
        contrast: c.contrast,
        first: value(o, a.mean),
        second: value(o, b.mean),
        difference: diff(o, c.difference),
        p: formatPValue(c.difference.pValue),
        ...(adj ? { [`p (${adj})`]: formatPValue(c.pAdjusted!.difference) } : {}),
        ...(c.adjusted
          ? {
              adjusted: diff(o, c.adjusted),
              'adjusted p': formatPValue(c.adjusted.pValue),
              ...(adj && c.pAdjusted?.adjusted !== undefined
                ? { [`adjusted p (${adj})`]: formatPValue(c.pAdjusted.adjusted) }
                : {}),
            }
          : {}),
        n: `${a.n} / ${b.n}`,
      };
    }),
  );
  return [
    {
      kind: 'table',
      table: tableFromRows(rows, { id: 'arm_contrasts', title: 'Contrasts between arms' }),
    },
    {
      kind: 'paragraph',
      text: 'Columns first and second, and n: the mean or share of the contrast’s first and second arm.',
    },
    ...(base.excluded.length
      ? [
          {
            kind: 'paragraph' as const,
            text: `Excluded from every outcome: ${base.excluded.map((e) => `${e.reason}: ${e.count}`).join('; ')}.`,
          },
        ]
      : []),
    { kind: 'paragraph', text: `${base.method}.` },
    ...(base.family
      ? [{ kind: 'note' as const, text: `Multiplicity: ${base.pAdjust} across ${base.family}.` }]
      : []),
  ];
}

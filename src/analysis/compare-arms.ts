/**
 * Arm comparisons for outcomes other than the monthly event curves — the shape of Table 5.4
 * (job quality: permanent contract share, mean job days, number of jobs, part-time factor,
 * hourly wage) and Table 5.3 (fractions of time on benefit, in a job, other) of the 2012–2013
 * study: per outcome, the share or mean per arm, the difference with its test and stars, and
 * optionally a covariate-adjusted difference.
 */

import { requireColumns, type TableInput } from '../data/columns.js';
import { type AllKeys, rejectUnknownKeys } from '../data/spec-reader.js';
import { withDisplay } from '../display.js';
import { formatRows, InputError } from '../errors.js';
import type { ClusterSeType } from '../estimate/cluster-vcov.js';
import { designDifferenceInMeans } from '../estimate/difference-in-means.js';
import { linAdjusted } from '../estimate/lin.js';
import { ols } from '../estimate/ols.js';
import type { SeType } from '../estimate/vcov.js';
import { formatGeneral, formatNumber, formatPercent, formatPp, formatPValue } from '../format.js';
import {
  chooseShareInterval,
  newcombeDifference,
  SHARE_INTERVALS,
  type ShareInterval,
  SMALL_EXPECTED_COUNT,
} from '../outcomes/newcombe.js';
import type { Estimate } from '../stats/estimate.js';
import { gather } from '../stats/gather.js';
import { diffInMeans } from '../stats/means.js';
import { diffInProportions } from '../stats/proportions.js';
import { checkStarLevels, restar, type StarLevels, starLevelsText } from '../stats/stars.js';
import { checkOneOf } from '../stats/validate.js';
import {
  type Block,
  type Document,
  documentMarkdown,
  tableFromRows,
  tidyEstimate,
} from '../table/index.js';
import { type ArmSampleSpec, armSample, isBinary, numericAt } from './arm-sample.js';
import {
  type CompareSeveralArmsSpec,
  compareSeveralArms,
  type SeveralArmComparisons,
} from './compare-several-arms.js';
import type { Exclusion } from './comparison.js';
import { groupedCoefficient } from './grouped-ols.js';
import { blockDummies } from './series-design.js';
import {
  checkClustersRandomised,
  type Groupings,
  groupingWords,
  readGroupings,
  sampleGroups,
  seriesSe,
} from './series-groupings.js';

/** How an outcome is compared: shares with a difference in proportions, or means with Welch. */
export type OutcomeKind = 'binary' | 'numeric';

/** One outcome of {@link compareArms}. */
export interface ArmOutcomeSpec {
  /** Outcome column: 0/1 (or boolean) or numeric; missing values are excluded and counted. */
  readonly column: string;
  /** Display label (default: the column name). */
  readonly label?: string;
  /** `'binary'`, `'numeric'` or `'auto'` (default: binary when every value is 0 or 1). */
  readonly kind?: OutcomeKind | 'auto';
  /**
   * How `toMarkdown()` shows it: `'percent'` (shares and fractions, differences in pp; default
   * for binary) or `'number'` (default for numeric).
   */
  readonly format?: 'percent' | 'number';
  /** Decimals in `toMarkdown()` (default 1 for percent; 4 significant digits for numbers). */
  readonly digits?: number;
}

/** What {@link compareArms} compares. */
export interface CompareArmsSpec extends Omit<ArmSampleSpec, 'rareLevels'> {
  /** Outcome columns, or per-outcome specifications, in display order. */
  readonly outcomes: readonly (string | ArmOutcomeSpec)[];
  /** Default kind for outcomes that do not state one (default `'auto'`). */
  readonly kind?: OutcomeKind | 'auto';
  /** Covariate-adjusted difference per outcome (default: true when covariates are given). */
  readonly adjust?: boolean;
  /**
   * How the adjusted difference is estimated: `'ols'` (default), the treatment coefficient of
   * y ~ 1 + treatment + covariates; `'lin'`, Lin's (2013) interacted regression on centred
   * covariates (`linAdjusted`, estimatr's `lm_lin`).
   */
  readonly adjustment?: 'ols' | 'lin';
  /**
   * Standard errors of the adjusted difference (default `'HC2'`; with `clusters` `'CR2'`, or
   * `'stata'` / `'CR0'`).
   */
  readonly se?: SeType | ClusterSeType;
  /** Confidence level (default 0.95). */
  readonly level?: number;
  /** Pooled SE for the Wald test of a binary difference (default false: unpooled, Neyman). */
  readonly pooled?: boolean;
  /** Significance levels of the stars (default the reports' † 0.20, * 0.10, ** 0.05). */
  readonly stars?: StarLevels;
  /**
   * Interval and test of a binary difference, by the rule of `effectSeries`: `'auto'` (default)
   * uses Newcombe's hybrid score interval (and the test inverting it) when the smallest expected
   * count of the 2 × 2 table is below 5 or the Wald SE is 0 (`chooseShareInterval`), the Wald
   * interval otherwise; `'wald'` or `'newcombe'` for every binary outcome.
   */
  readonly rawInterval?: ShareInterval;
  /**
   * Cluster column (the unit of randomisation): the difference is the clustered difference in
   * means (`difference_in_means(clusters =)`), the adjusted one has CR2 SEs with Satterthwaite df
   * (`lm_robust(clusters =)`). Not with `adjustment: 'lin'`.
   */
  readonly clusters?: string;
  /**
   * Block column (the strata of the randomisation): the difference is the blocked difference in
   * means (`difference_in_means(blocks =)`), the adjusted one includes block fixed effects
   * (`lm_robust(fixed_effects =)`; adjusted by default, also without covariates). Not with
   * `adjustment: 'lin'`.
   */
  readonly blocks?: string;
}

/** One arm's values of one outcome. */
export interface ArmSummary {
  /** Clients with a value. */
  readonly n: number;
  /** Clients of the arm (in the sample) with a missing value, left out of this outcome. */
  readonly missing: number;
  /** Mean (the share for a 0/1 outcome). */
  readonly mean: number;
  /** Sample standard deviation (n − 1); NaN with one value. */
  readonly sd: number;
}

/** The comparison of one outcome. */
export interface ArmComparison {
  readonly outcome: string;
  readonly label: string;
  readonly kind: OutcomeKind;
  readonly format: 'percent' | 'number';
  readonly digits: number | undefined;
  readonly treatment: ArmSummary;
  readonly control: ArmSummary;
  /**
   * Treatment − control: difference in proportions (unpooled SE, z test; Newcombe's hybrid score
   * interval when `rawInterval` chooses it, see `method`) for binary outcomes,
   * difference in means (Welch SE, Satterthwaite df, t test) for numeric ones.
   */
  readonly difference: Estimate;
  /** Coefficient of treatment in OLS y ~ 1 + treatment + covariates (robust SE, t on n − k df). */
  readonly adjusted?: Estimate;
}

/** Result of {@link compareArms}. */
export interface ArmComparisons {
  readonly arms: { readonly treatment: string; readonly control: string };
  readonly outcomes: readonly ArmComparison[];
  /** Covariate columns of the adjusted differences (factor dummies expanded). */
  readonly covariates: readonly string[];
  /** Rows left out of every outcome (other arms, missing covariates). */
  readonly excluded: readonly Exclusion[];
  readonly level: number;
  readonly se: SeType | ClusterSeType;
  /** How the adjusted differences were estimated (`'ols'` or `'lin'`). */
  readonly adjustment: 'ols' | 'lin';
  readonly method: string;
  /** The levels of the stars (`spec.stars`, default the reports' 20 / 10 / 5 %). */
  readonly stars: StarLevels;
  /** One row per outcome, flat. */
  toTable(): Record<string, number | string>[];
  /** The Table 5.3/5.4 layout: outcome, treatment, control, difference with stars, p. */
  toMarkdown(): string;
}

const T = '(treatment)';

/** The method text of a comparison with clusters and/or blocks. */
function designMethod(
  g: Groupings,
  cluster: ClusterSeType | undefined,
  treatment: string,
  control: string,
  arm: string,
  adjust: boolean,
  covariates: number,
  levels: StarLevels,
): string {
  const words = groupingWords(g, cluster);
  const seText = cluster
    ? words.adjusted
    : 'HC2 robust SE, t test on n − k df (k counts the block dummies)';
  return `${treatment} − ${control} per outcome: ${words.raw.replace(/^raw: /, '')}${
    adjust
      ? `; adjusted: OLS on ${arm}${words.blocks} + ${covariates} covariate columns, ${seText}`
      : ''
  }; missing outcome values excluded per outcome; two-sided, stars ${starLevelsText(levels)}`;
}

const OUTCOME_KEYS: AllKeys<ArmOutcomeSpec> = {
  column: true,
  label: true,
  kind: true,
  format: true,
  digits: true,
};
const SPEC_KEYS: AllKeys<CompareArmsSpec> = {
  arm: true,
  treatment: true,
  control: true,
  covariates: true,
  reference: true,
  factors: true,
  missing: true,
  outcomes: true,
  kind: true,
  adjust: true,
  adjustment: true,
  se: true,
  level: true,
  pooled: true,
  rawInterval: true,
  clusters: true,
  blocks: true,
  stars: true,
};

/**
 * Compares two arms on each listed outcome. For a 0/1 outcome: shares p̂_T, p̂_C and
 * p̂_T − p̂_C with the unpooled SE √(p̂_T(1 − p̂_T)/n_T + p̂_C(1 − p̂_C)/n_C) and a z test (pooled on
 * request); with few events (`rawInterval: 'auto'`, the default: smallest expected count
 * min_a n_a·min(p̄, 1 − p̄) below 5, or a Wald SE of 0) Newcombe's (1998) hybrid score interval
 * and the test inverting it instead, as `effectSeries` does (R: `prop.test(correct = FALSE)`
 * Wilson limits combined by Newcombe's method 10). For a numeric outcome: means and ȳ_T − ȳ_C with Welch's SE √(s²_T/n_T + s²_C/n_C),
 * Welch–Satterthwaite df and a t test (R: `t.test(y_T, y_C)`). The kind is detected (0/1 →
 * binary) unless stated. With covariates, also the treatment coefficient of OLS
 * y ~ 1 + treatment + covariates with HC2 SE (as estimatr's `lm_robust`). Two-sided p-values,
 * stars † p < 0.20, * p < 0.10, ** p < 0.05.
 *
 * Missing outcome values are excluded per outcome and counted per arm (`missing`); rows of other
 * arms and rows with a missing covariate are excluded from every outcome and reported in
 * `excluded`. Throws an `InputError` for an unknown column, an arm label not in the data
 * (`unknown-arm`), an outcome stated binary with other values (`not-binary`), a text value in an
 * outcome (`wrong-type`), and an arm with no value of an outcome (`empty-group`); errors from the
 * tests (e.g. a constant outcome) name the outcome.
 *
 * @example
 * const jq = compareArms(jobs, {
 *   treatment: 'intensive', control: 'basic',
 *   outcomes: [
 *     { column: 'permanent', label: 'first job permanent contract' },
 *     { column: 'job_days', label: 'length of first job (days)', digits: 0 },
 *     { column: 'hourly_wage', label: 'hourly wage', digits: 2 },
 *   ],
 * });
 * jq.outcomes[0].difference.estimate; // e.g. −0.011 (−1.1 pp)
 * jq.toMarkdown(); // a Markdown table
 */
export function compareArms(data: TableInput, spec: CompareArmsSpec): ArmComparisons;
/**
 * {@link compareArms} with several arms (`arms` in the spec; see `compareSeveralArms`, issue
 * #14): per outcome every arm's share or mean, each contrast's difference and its adjusted
 * contrast from one model with every arm (joint variance), multiplicity across the contrasts.
 *
 * @example
 * compareArms(table, { arms: ['service', 'control_enforcement', 'control_none'], contrasts: 'all-pairs', outcomes: ['months_on_ww_12'] });
 */
export function compareArms(data: TableInput, spec: CompareSeveralArmsSpec): SeveralArmComparisons;
export function compareArms(
  data: TableInput,
  spec: CompareArmsSpec | CompareSeveralArmsSpec,
): ArmComparisons | SeveralArmComparisons {
  // Several arms (issue #14): one model with every arm, contrasts from its joint variance.
  if ('arms' in spec && spec.arms !== undefined) return compareSeveralArms(data, spec);
  return compareTwoArms(data, spec as CompareArmsSpec);
}

function compareTwoArms(data: TableInput, spec: CompareArmsSpec): ArmComparisons {
  rejectUnknownKeys(spec, SPEC_KEYS, 'compareArms');
  const level = spec.level ?? 0.95;
  const ses = seriesSe(spec.se, spec.clusters !== undefined);
  const adjustment = checkOneOf(spec.adjustment ?? 'ols', ['ols', 'lin'] as const, 'adjustment', {
    fn: 'compareArms',
  });
  const starLevels = checkStarLevels(spec.stars);
  const rawInterval = checkOneOf(spec.rawInterval ?? 'auto', SHARE_INTERVALS, 'rawInterval', {
    fn: 'compareArms',
  });
  const outcomes = outcomeSpecs(spec.outcomes);
  const sample = armSample(data, spec);
  requireColumns(
    sample.table,
    outcomes.map((o) => o.column),
    'outcome',
  );
  const groupings: Groupings | undefined =
    spec.clusters !== undefined || spec.blocks !== undefined
      ? readGroupings(sample.table, sample.rows, spec)
      : undefined;
  if (groupings) checkClustersRandomised(groupings, sample.treated);
  if (groupings && adjustment === 'lin') {
    throw new InputError(
      "compareArms: adjustment 'lin' with clusters or blocks is not available; use adjustment 'ols' (block fixed effects, CR2)",
      { code: 'invalid-option', value: 'lin' },
    );
  }
  const se = ses.cluster ?? ses.hc;
  const adjust = spec.adjust ?? (sample.covariateNames.length > 0 || spec.blocks !== undefined);
  if (
    adjust &&
    sample.covariateNames.length === 0 &&
    (spec.covariates?.length ?? 0) === 0 &&
    spec.blocks === undefined
  ) {
    throw new InputError('adjust: true needs covariates; none were given', {
      code: 'invalid-option',
      value: 'adjust',
    });
  }
  const { treatment, control, arm } = sample.labels;

  const results = outcomes.map((o): ArmComparison => {
    const y = numericAt(sample.table, o.column, sample.rows);
    const stated = o.kind ?? spec.kind ?? 'auto';
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
          bad.push(sample.rows[j]! + 1);
        }
      });
      throw new InputError(
        `outcome '${o.column}' is stated binary but has ${first} in ${formatRows(bad)}; binary outcomes hold 0/1`,
        { code: 'not-binary', column: o.column, rows: bad, value: String(first) },
      );
    }
    const kind: OutcomeKind = stated === 'auto' ? (binary ? 'binary' : 'numeric') : stated;
    const yT: number[] = [];
    const yC: number[] = [];
    const keep: number[] = [];
    let missingT = 0;
    let missingC = 0;
    y.forEach((v, j) => {
      const isT = sample.treated[j] === 1;
      if (Number.isNaN(v)) {
        if (isT) missingT++;
        else missingC++;
        return;
      }
      keep.push(j);
      (isT ? yT : yC).push(v);
    });
    for (const [label, values, missing] of [
      [treatment, yT, missingT],
      [control, yC, missingC],
    ] as const) {
      if (values.length === 0) {
        throw new InputError(
          `outcome '${o.column}': arm '${label}' has no non-missing values (${missing} missing)`,
          { code: 'empty-group', column: o.column, value: label },
        );
      }
    }
    const keepIndex = Int32Array.from(keep);
    const difference = withOutcome(o.column, () =>
      groupings
        ? strip(
            designDifferenceInMeans(
              keep.map((j) => ({
                y: y[j]!,
                t: sample.treated[j] === 1 ? (1 as const) : (0 as const),
                block: groupings.blocks ? groupings.blocks.labels[groupings.blocks.ids[j]!]! : null,
                cluster: groupings.clusters
                  ? groupings.clusters.labels[groupings.clusters.ids[j]!]!
                  : null,
              })),
              {
                level,
                clustered: groupings.clusters !== undefined,
                ...(groupings.clusters ? { clusterColumn: groupings.clusters.column } : {}),
              },
            ).estimate,
          )
        : kind === 'binary'
          ? binaryDifference(yT, yC, level, spec.pooled === true, rawInterval)
          : strip(diffInMeans(yT, yC, { level })),
    );
    let adjusted: Estimate | undefined;
    if (adjust) {
      const n = keep.length;
      const pick = (col: Float64Array) => gather(col, keep);
      if (adjustment === 'lin') {
        const lin = withOutcome(o.column, () =>
          linAdjusted(
            { names: sample.covariateNames, columns: sample.covariates.map(pick), n },
            pick(sample.treated),
            pick(y),
            { se: ses.hc, level, treatmentName: T },
          ),
        );
        adjusted = strip(lin.treatment);
      } else {
        const blocks = groupings?.blocks ? blockDummies(groupings.blocks, keepIndex) : undefined;
        const design = {
          names: ['(Intercept)', T, ...sample.covariateNames, ...(blocks?.names ?? [])],
          columns: [
            new Float64Array(n).fill(1),
            pick(sample.treated),
            ...sample.covariates.map(pick),
            ...(blocks?.columns ?? []),
          ],
          n,
        };
        adjusted = withOutcome(o.column, () =>
          strip(
            groupings
              ? groupedCoefficient(
                  design,
                  pick(y),
                  T,
                  groupings.clusters ? sampleGroups(groupings.clusters, keepIndex) : undefined,
                  {
                    se: ses.hc,
                    level,
                    ...(ses.cluster ? { cluster: ses.cluster } : {}),
                    ...(groupings.clusters ? { column: groupings.clusters.column } : {}),
                  },
                )
              : ols(design, pick(y), { se: ses.hc, level }).coefficient(T),
          ),
        );
      }
    }
    return {
      outcome: o.column,
      label: o.label ?? o.column,
      kind,
      format: o.format ?? (kind === 'binary' ? 'percent' : 'number'),
      digits: o.digits,
      treatment: summary(yT, missingT),
      control: summary(yC, missingC),
      difference: restar(difference, starLevels),
      ...(adjusted ? { adjusted: restar(adjusted, starLevels) } : {}),
    };
  });

  const seText = se === 'classical' ? 'classical SE' : `${se} robust SE`;
  const wald = `${spec.pooled ? 'pooled SE' : 'unpooled (Neyman) SE'}, z test`;
  const newcombe = "Newcombe's (1998) hybrid score interval and the test inverting it";
  const shares =
    rawInterval === 'auto'
      ? `${wald}; ${newcombe} where an expected count is below ${SMALL_EXPECTED_COUNT} or the Wald SE is 0`
      : rawInterval === 'wald'
        ? wald
        : newcombe;
  const method = groupings
    ? designMethod(
        groupings,
        ses.cluster,
        treatment,
        control,
        arm,
        adjust,
        sample.covariateNames.length,
        starLevels,
      )
    : `${treatment} − ${control} per outcome: 0/1 outcomes difference in proportions, ` +
      `${shares}; numeric outcomes difference in means, Welch SE, ` +
      't test with Satterthwaite df' +
      (adjust
        ? adjustment === 'lin'
          ? `; adjusted: Lin (2013) regression on ${arm} × ${sample.covariateNames.length} centred covariate columns, ${seText}, t test on n − k df`
          : `; adjusted: OLS on ${arm} + ${sample.covariateNames.length} covariate columns, ${seText}, t test on n − k df`
        : '') +
      `; missing outcome values excluded per outcome; two-sided, stars ${starLevelsText(starLevels)}`;
  const base: Omit<ArmComparisons, 'toTable' | 'toMarkdown'> = {
    arms: { treatment, control },
    outcomes: results,
    covariates: adjust ? sample.covariateNames : [],
    excluded: sample.excluded,
    level,
    se,
    adjustment,
    method,
    stars: starLevels,
  };
  return withDisplay(
    {
      ...base,
      toTable: () => tableRows(base),
      toMarkdown: () => documentMarkdown(armsDocument(base)),
    },
    () => armsDocument(base),
  );
}

/**
 * A binary outcome's difference in shares: Wald (unpooled or pooled SE, z test) or Newcombe's
 * hybrid score interval with its test, chosen by `chooseShareInterval` (the rule of
 * `effectSeries`' `rawInterval`).
 */
function binaryDifference(
  yT: readonly number[],
  yC: readonly number[],
  level: number,
  pooled: boolean,
  interval: ShareInterval,
): Estimate {
  let xT = 0;
  for (const v of yT) xT += v;
  let xC = 0;
  for (const v of yC) xC += v;
  const t = { successes: xT, n: yT.length };
  const c = { successes: xC, n: yC.length };
  return chooseShareInterval(interval, t, c) === 'newcombe'
    ? strip(newcombeDifference(t, c, { level }))
    : strip(diffInProportions(yT, yC, { level, pooled }));
}

/**
 * The outcomes of a `compareArms` spec as specs: a column name becomes `{ column }`; an empty
 * list, or an unknown key in a spec, is an `InputError` (`invalid-option`).
 *
 * @example
 * outcomeSpecs(['employed', { column: 'wage', digits: 2 }]); // [{ column: 'employed' }, { column: 'wage', digits: 2 }]
 */
export function outcomeSpecs(outcomes: readonly (string | ArmOutcomeSpec)[]): ArmOutcomeSpec[] {
  if (!Array.isArray(outcomes) || outcomes.length === 0) {
    throw new InputError('outcomes is empty: list the outcome columns to compare', {
      code: 'invalid-option',
    });
  }
  return outcomes.map((o, i) => {
    if (typeof o === 'string') return { column: o };
    rejectUnknownKeys(o, OUTCOME_KEYS, `compareArms: outcomes[${i}]`);
    return o;
  });
}

/**
 * n, missing, mean and sample SD (n − 1 denominator; NaN with one value) of one arm's values.
 *
 * @example
 * summary([1, 2, 3], 0); // { n: 3, missing: 0, mean: 2, sd: 1 }
 */
export function summary(values: readonly number[], missing: number): ArmSummary {
  const n = values.length;
  let s = 0;
  for (const v of values) s += v;
  const mean = s / n;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return { n, missing, mean, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : Number.NaN };
}

/**
 * Runs `f`, prefixing an `InputError`'s message with the outcome it concerns.
 *
 * @example
 * withOutcome('hourly_wage', () => diffInMeans(a, b)); // errors start "outcome 'hourly_wage': …"
 */
export function withOutcome<T>(column: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof InputError) {
      throw new InputError(`outcome '${column}': ${e.message}`, {
        code: e.code,
        column,
        ...(e.rows ? { rows: e.rows } : {}),
        ...(e.value === undefined ? {} : { value: e.value }),
      });
    }
    throw e;
  }
}

function strip(e: Estimate): Estimate {
  const { estimate, stdError, ci, statistic, df, pValue, stars, n, level, method } = e;
  return { estimate, stdError, ci, statistic, df, pValue, stars, n, level, method };
}

type Base = Omit<ArmComparisons, 'toTable' | 'toMarkdown'>;

function tableRows(base: Base): Record<string, number | string>[] {
  return base.outcomes.map((o) => {
    const d = o.difference;
    const row: Record<string, number | string> = {
      outcome: o.outcome,
      label: o.label,
      kind: o.kind,
      n_treated: o.treatment.n,
      n_control: o.control.n,
      missing_treated: o.treatment.missing,
      missing_control: o.control.missing,
      mean_treated: o.treatment.mean,
      mean_control: o.control.mean,
      sd_treated: o.treatment.sd,
      sd_control: o.control.sd,
      ...tidyEstimate(d, 'difference'),
      ...(o.adjusted ? tidyEstimate(o.adjusted, 'adjusted') : {}),
    };
    return row;
  });
}

/**
 * A mean or share of an outcome as shown: a percentage, or a number with its digits.
 *
 * @example
 * value({ format: 'percent', digits: 1 }, 0.343); // "34.3 %"
 */
export function value(o: Pick<ArmComparison, 'format' | 'digits'>, x: number): string {
  if (o.format === 'percent') return formatPercent(x, o.digits ?? 1);
  return o.digits === undefined ? formatGeneral(x) : formatNumber(x, o.digits);
}

/**
 * A difference as shown, with its stars: percentage points, or a number with its digits.
 *
 * @example
 * diff({ format: 'percent', digits: 1 }, { estimate: -0.072, stars: '**' } as Estimate); // "−7.2 pp**"
 */
export function diff(o: Pick<ArmComparison, 'format' | 'digits'>, e: Estimate): string {
  const text =
    o.format === 'percent'
      ? formatPp(e.estimate, o.digits ?? 1)
      : o.digits === undefined
        ? formatGeneral(e.estimate)
        : formatNumber(e.estimate, o.digits);
  return `${text}${e.stars}`;
}

function armsDocument(base: Base): Document {
  const { treatment, control } = base.arms;
  const anyMissing = base.outcomes.some((o) => o.treatment.missing + o.control.missing > 0);
  const rows = base.outcomes.map((o) => ({
    outcome: o.label,
    [treatment]: value(o, o.treatment.mean),
    [control]: value(o, o.control.mean),
    difference: diff(o, o.difference),
    p: formatPValue(o.difference.pValue),
    ...(o.adjusted
      ? {
          adjusted: diff(o, o.adjusted),
          'adjusted p': formatPValue(o.adjusted.pValue),
        }
      : {}),
    n: `${o.treatment.n} / ${o.control.n}`,
    ...(anyMissing ? { missing: `${o.treatment.missing} / ${o.control.missing}` } : {}),
  }));
  const blocks: Block[] = [
    {
      kind: 'table',
      table: {
        ...tableFromRows(rows, { id: 'arm_comparisons', title: 'Arm comparisons' }),
        stars: { levels: base.stars, test: 'two-sided; the tests are named in the method below' },
      },
    },
    { kind: 'paragraph', text: `n and missing: ${treatment} / ${control}.` },
  ];
  if (base.excluded.length) {
    blocks.push({
      kind: 'paragraph',
      text: `Excluded from every outcome: ${base.excluded.map((e) => `${e.reason}: ${e.count}`).join('; ')}.`,
    });
  }
  blocks.push({ kind: 'paragraph', text: `${base.method}.` });
  return blocks;
}

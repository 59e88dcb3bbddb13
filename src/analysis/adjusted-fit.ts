/**
 * The covariate-adjusted fit of one month sample of the effect series, or the reason it cannot
 * be estimated. A degenerate month (a level held by one client under HC2, treatment collinear
 * with the covariates, fewer clients than columns) must not abort a whole analysis when the
 * analyst chose to go on (`rareLevels: 'pool' | 'drop'`), and must never yield a NaN.
 *
 * Internal to `src/analysis/` (not part of the public API).
 */
import { InputError } from '../errors.js';
import { olsCumulativeClusterSeries } from '../estimate/cluster-series.js';
import type { ClusterSeType } from '../estimate/cluster-vcov.js';
import { olsCumulativeSeries, olsCumulativeSeriesMany } from '../estimate/cumulative-series.js';
import type { Coefficient } from '../estimate/inference.js';
import { type OlsPrepared, olsPrepare } from '../estimate/ols.js';
import type { SeType } from '../estimate/vcov.js';
import type { DesignMatrix } from '../stats/estimate.js';
import { type Comparison, subsetComparison } from './comparison.js';
import {
  describeRareLevel,
  handleRareLevels,
  type LevelCounts,
  type RareLevels,
  rareLevelsOf,
} from './rare-levels.js';
import { sampleGroups } from './series-groupings.js';

/** What {@link fitAdjustedMonths} needs besides the sample. */
export interface AdjustedFitOptions {
  readonly se: SeType;
  readonly level: number;
  readonly rareLevels: RareLevels;
  /** Lin's interacted model (rare means one client in an arm). */
  readonly lin: boolean;
  /** The design of a comparison (all its rows). */
  readonly design: (c: Comparison) => DesignMatrix;
  /** Cluster-robust SE type when the comparison has clusters (then `se` is not used). */
  readonly cluster?: ClusterSeType;
  /**
   * Prepares the design of the sample (default `olsPrepare(design)`); the prefix path passes
   * one that takes X'X from group sums when the sample is the unmodified prefix.
   */
  readonly prepare?: (sample: Comparison, design: DesignMatrix) => OlsPrepared;
  /**
   * The sample's clients per factor level and arm when already known (the prefix path counts
   * every prefix in one pass); `undefined`: counted from the sample.
   */
  readonly levelCounts?: (sample: Comparison) => LevelCounts | undefined;
  /**
   * Event months of other events for the final sample (aligned with its rows), fitted in the
   * same pass over X (`olsCumulativeSeriesMany`; not with clusters): their estimates come back
   * as `siblingEstimates`.
   */
  readonly siblings?: (sample: Comparison) => readonly Float64Array[] | undefined;
}

/** Estimates for the months, or why none can be given, with the aliased columns and a note. */
export interface AdjustedFit {
  readonly estimates?: readonly Coefficient[];
  /** "not estimable" reason, for every month of the sample. */
  readonly reason?: string;
  readonly aliased: readonly string[];
  readonly note?: string;
  /** With `options.siblings`: the estimates of the other events, in their order. */
  readonly siblingEstimates?: readonly (readonly Coefficient[])[];
}

/**
 * Fits the treatment coefficient for the cumulative outcomes at `months` on the clients at
 * positions `index` of the comparison (those observed ≥ `months[0]` months). In order:
 *
 * 1. rare factor levels of this sample (see `rareLevelsOf`; a level can become rare when
 *    follow-up ends for some clients) under HC2/HC3: `'error'` throws `leverage-one` naming the
 *    column, level and rows; `'pool'` pools them for this sample; `'drop'` reports the months
 *    as not estimable (dropping clients for the adjusted fit alone would make it describe other
 *    clients than the raw difference);
 * 2. fewer clients than columns, or treatment aliased with the covariates → not estimable;
 * 3. a client with leverage 1 for another reason (a unique combination of numeric values) →
 *    `'error'` throws naming its row, otherwise not estimable.
 *
 * @example
 * const fit = fitAdjustedMonths(c, sampleAt(c.followup, 3), [3, 4], opts); // fit.estimates![0]
 */
export function fitAdjustedMonths(
  comparison: Comparison,
  index: Int32Array,
  months: readonly number[],
  options: AdjustedFitOptions,
): AdjustedFit {
  return fitAdjustedSample(subsetComparison(comparison, index), months, options);
}

/**
 * {@link fitAdjustedMonths} on the month's sample itself (e.g. a prefix view of a comparison
 * sorted by follow-up, see `prefixComparison`), with the same rules and messages.
 *
 * @example
 * const fit = fitAdjustedSample(prefixComparison(sorted, n12), [12], opts);
 */
export function fitAdjustedSample(
  monthSample: Comparison,
  months: readonly number[],
  options: AdjustedFitOptions,
): AdjustedFit {
  const { se, level, rareLevels, lin } = options;
  const month = months[0]!;
  const at = `at month ${month} (clients observed at least ${month} months)`;
  let sample = monthSample;
  let note: string | undefined;
  const hc = se === 'HC2' || se === 'HC3';
  const rare = hc ? rareLevelsOf(sample, lin, options.levelCounts?.(sample)) : [];
  if (rare.length > 0) {
    if (rareLevels === 'drop') {
      return {
        reason: `${describeRareLevel(rare[0]!, false)} ${at}, so its leverage is 1 and ${se} standard errors are undefined`,
        aliased: [],
      };
    }
    const handled = handleRareLevels(sample, rareLevels, se, lin, (s) => s, ` ${at}`);
    sample = handled.sample;
    note = handled.note && `${handled.note} ${at}`;
  }
  const design = options.design(sample);
  if (design.n <= design.columns.length) {
    return {
      reason: `${design.n} clients ${at} for ${design.columns.length} model columns; the adjusted model needs more clients than columns`,
      aliased: [],
    };
  }
  const prepared = options.prepare ? options.prepare(sample, design) : olsPrepare(design);
  if (prepared.aliased.includes('treatment')) {
    return {
      reason: `treatment is collinear with the covariates ${at} (a covariate that separates the arms)`,
      aliased: prepared.aliased,
    };
  }
  const events = sample.eventMonth;
  const grouping = sample.groupings?.clusters;
  const clusters = grouping && options.cluster ? sampleGroups(grouping) : undefined;
  const siblings = clusters ? undefined : options.siblings?.(sample);
  try {
    if (siblings && siblings.length > 0) {
      const [estimates, ...siblingEstimates] = olsCumulativeSeriesMany(
        prepared,
        [events, ...siblings],
        months,
        'treatment',
        { se, level },
      );
      return {
        estimates: estimates!,
        aliased: prepared.aliased,
        ...(note ? { note } : {}),
        siblingEstimates,
      };
    }
    const estimates =
      clusters && options.cluster
        ? olsCumulativeClusterSeries(prepared, events, months, 'treatment', clusters, {
            se: options.cluster,
            level,
            labels: clusters.labels,
            column: grouping!.column,
          })
        : olsCumulativeSeries(prepared, events, months, 'treatment', { se, level });
    return { estimates, aliased: prepared.aliased, ...(note ? { note } : {}) };
  } catch (e) {
    if (!(e instanceof InputError) || e.code !== 'leverage-one' || !e.rows?.length) throw e;
    const row = sample.rows[e.rows[0]! - 1]! + 1;
    const reason = `the client in row ${row} has leverage 1 ${at} (a combination of covariate values no other client has), so ${se} standard errors are undefined`;
    if (rareLevels === 'error') {
      throw new InputError(`${reason}; use se: 'HC1' or remove the covariate that singles it out`, {
        code: 'leverage-one',
        rows: [row],
      });
    }
    return { reason: reason.replace(` in row ${row}`, ''), aliased: prepared.aliased };
  }
}

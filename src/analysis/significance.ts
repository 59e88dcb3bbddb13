/**
 * When does an effect become significant? The first month with p below a level, and the month
 * from which it stays below through the last month — the reports' "significant at the 10 %
 * level from month 12 onward".
 */
import { InputError } from '../errors.js';
import type { Estimate } from '../stats/estimate.js';

/** Where in a monthly series an effect is significant; months are `null` when never. */
export interface SignificantMonths {
  readonly level: number;
  /** First month with p < level. */
  readonly first: number | null;
  /** First month from which every later month has p < level (through the last month). */
  readonly from: number | null;
  /** All months with p < level. */
  readonly months: readonly number[];
}

/**
 * First significant month of a series, and the month from which it stays significant.
 * `which` picks the estimate (`'adjusted'`, default, or `'raw'`); `usePAdjusted` uses the
 * multiplicity-adjusted p-values when the series has them.
 *
 * @example
 * firstSignificantMonth(series, { level: 0.10 }) // { first: 12, from: 12, months: [12, …, 24] }
 */
export function firstSignificantMonth(
  series: {
    readonly months: readonly {
      readonly month: number;
      readonly raw: Estimate;
      readonly adjusted?: Estimate;
      readonly adjustedNotEstimable?: string;
      readonly pAdjusted?: { readonly raw: number; readonly adjusted?: number };
    }[];
  },
  options: { level?: number; which?: 'adjusted' | 'raw'; usePAdjusted?: boolean } = {},
): SignificantMonths {
  const level = options.level ?? 0.05;
  const which = options.which ?? 'adjusted';
  const p = series.months.map((m) => {
    // A month whose adjusted effect is not estimable is not significant.
    if (which === 'adjusted' && m.adjustedNotEstimable !== undefined) {
      return Number.POSITIVE_INFINITY;
    }
    if (options.usePAdjusted) {
      const q = which === 'raw' ? m.pAdjusted?.raw : m.pAdjusted?.adjusted;
      if (q === undefined) {
        throw new InputError('the series has no multiplicity-adjusted p-values: set pAdjust', {
          code: 'invalid-option',
        });
      }
      return q;
    }
    const e = which === 'raw' ? m.raw : m.adjusted;
    if (!e) {
      throw new InputError('the series has no adjusted estimates: give covariates', {
        code: 'invalid-option',
      });
    }
    return e.pValue;
  });
  const significant = series.months.filter((_, i) => p[i]! < level).map((m) => m.month);
  let from: number | null = null;
  for (let i = series.months.length - 1; i >= 0 && p[i]! < level; i--) {
    from = series.months[i]!.month;
  }
  return { level, first: significant[0] ?? null, from, months: significant };
}

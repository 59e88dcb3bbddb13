/**
 * When does an effect become significant? The first month with p below a level, and the month
 * from which it stays below through the last month — the reports' "significant at the 10 %
 * level from month 12 onward".
 */
import { InputError } from '../errors.js';
import type { Estimate } from '../stats/estimate.js';
import { type AllKeys, rejectUnknownKeys } from '../stats/option-keys.js';

/** Where in a monthly series an effect is significant; months are `null` when never. */
export interface SignificantMonths {
  readonly level: number;
  /** First month with p < level. */
  readonly first: number | null;
  /** First month from which every later month has p < level (through the last month). */
  readonly from: number | null;
  /** All months with p < level. */
  readonly months: readonly number[];
  /** True when read off the simultaneous band (the band excludes 0), false for pointwise p-values. */
  readonly simultaneous: boolean;
}

const FIRST_SIGNIFICANT_MONTH_KEYS: AllKeys<Parameters<typeof firstSignificantMonth>[1]> = {
  level: true,
  which: true,
  usePAdjusted: true,
  simultaneous: true,
};

/**
 * First significant month of a series, and the month from which it stays significant.
 * `which` picks the estimate (`'adjusted'`, default, or `'raw'`); `usePAdjusted` uses the
 * multiplicity-adjusted p-values when the series has them; `simultaneous: true` reads the
 * months off the series' sup-t band (`effectSeries(…, { band: 'sup-t' })`): a month counts when
 * its simultaneous interval excludes 0, so "significant from month m" holds for the whole path
 * at the band's level (1 − level of the band; a different `level` is an error).
 *
 * @example
 * firstSignificantMonth(series, { level: 0.10 }) // { first: 12, from: 12, months: [12, …, 24], simultaneous: false }
 * firstSignificantMonth(banded, { simultaneous: true }) // at 5 % jointly over the months
 */
export function firstSignificantMonth(
  series: {
    readonly months: readonly {
      readonly month: number;
      readonly raw: Estimate;
      readonly adjusted?: Estimate;
      readonly adjustedNotEstimable?: string;
      readonly pAdjusted?: { readonly raw: number; readonly adjusted?: number };
      readonly bandCi?: readonly [number, number];
    }[];
    readonly band?: { readonly level: number; readonly estimate: 'adjusted' | 'raw' };
  },
  options: {
    level?: number;
    which?: 'adjusted' | 'raw';
    usePAdjusted?: boolean;
    simultaneous?: boolean;
  } = {},
): SignificantMonths {
  rejectUnknownKeys(options, FIRST_SIGNIFICANT_MONTH_KEYS, 'firstSignificantMonth');
  if (options.simultaneous) return simultaneousMonths(series, options);
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
  return { level, first: significant[0] ?? null, from, months: significant, simultaneous: false };
}

function simultaneousMonths(
  series: Parameters<typeof firstSignificantMonth>[0],
  options: Parameters<typeof firstSignificantMonth>[1] & object,
): SignificantMonths {
  const band = series.band;
  if (!band) {
    throw new InputError("the series has no simultaneous band: estimate it with band: 'sup-t'", {
      code: 'invalid-option',
    });
  }
  const level = 1 - band.level;
  if (options.level !== undefined && Math.abs(options.level - level) > 1e-12) {
    throw new InputError(
      `the band is a ${band.level} band, so it tests at ${level}; got level ${options.level} (estimate the band at level ${1 - options.level})`,
      { code: 'invalid-option', value: String(options.level) },
    );
  }
  if (options.which !== undefined && options.which !== band.estimate) {
    throw new InputError(
      `the band is for the ${band.estimate} estimate, not the ${options.which} one`,
      {
        code: 'invalid-option',
        value: options.which,
      },
    );
  }
  const excludesZero = series.months.map(
    (m) => m.bandCi !== undefined && (m.bandCi[0] > 0 || m.bandCi[1] < 0),
  );
  const months = series.months.filter((_, i) => excludesZero[i]).map((m) => m.month);
  let from: number | null = null;
  for (let i = series.months.length - 1; i >= 0 && excludesZero[i]; i--)
    from = series.months[i]!.month;
  return { level, first: months[0] ?? null, from, months, simultaneous: true };
}

/**
 * Tidy column names for estimates, as broom's `tidy()`: `estimate, std_error, ci_lower,
 * ci_upper, statistic, df, p_value, stars`. A row holding several estimates prefixes each set
 * with its name (`raw_estimate`, `adjusted_std_error`, …); one scheme everywhere.
 */
import type { Estimate } from '../stats/estimate.js';

/** The tidy column names of one estimate, in order. */
export const TIDY_ESTIMATE_COLUMNS = [
  'estimate',
  'std_error',
  'ci_lower',
  'ci_upper',
  'statistic',
  'df',
  'p_value',
  'stars',
] as const;

/** One of {@link TIDY_ESTIMATE_COLUMNS}. */
export type TidyEstimateColumn = (typeof TIDY_ESTIMATE_COLUMNS)[number];

/**
 * The tidy columns of an estimate, optionally prefixed (`prefix_estimate`, …).
 *
 * @example
 * tidyEstimate(e) // { estimate: -0.063, std_error: 0.021, ci_lower: …, ci_upper: …, statistic: …, df: Infinity, p_value: 0.003, stars: '**' }
 * tidyEstimate(e, 'adjusted').adjusted_p_value // 0.003
 */
export function tidyEstimate(
  e: Pick<Estimate, 'estimate' | 'stdError' | 'ci' | 'statistic' | 'df' | 'pValue' | 'stars'>,
  prefix = '',
): Record<string, number | string> {
  const p = prefix ? `${prefix}_` : '';
  return {
    [`${p}estimate`]: e.estimate,
    [`${p}std_error`]: e.stdError,
    [`${p}ci_lower`]: e.ci[0],
    [`${p}ci_upper`]: e.ci[1],
    [`${p}statistic`]: e.statistic,
    [`${p}df`]: e.df,
    [`${p}p_value`]: e.pValue,
    [`${p}stars`]: e.stars,
  };
}

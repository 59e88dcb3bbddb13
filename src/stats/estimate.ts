/**
 * The one shape every estimate in the library has, and the significance stars of the reports.
 */
import { studentTQuantile, twoSidedP } from './distributions.js';
import { REPORT_STAR_LEVELS, starsAt } from './stars.js';

/** Significance marker as in the UWV reports: † p < 0.20, * p < 0.10, ** p < 0.05 (two-sided). */
export type Stars = '' | '†' | '*' | '**';

/**
 * An estimate with its inference. `df` is `Infinity` for a normal (z) reference distribution.
 * `ci` is at `level` (0.95 unless the caller asked otherwise).
 */
export interface Estimate {
  readonly estimate: number;
  readonly stdError: number;
  readonly ci: readonly [number, number];
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
  readonly stars: Stars;
  readonly n: number;
  readonly level: number;
  /** Short statement of the method, e.g. "difference in proportions, unpooled (Neyman) SE, z test". */
  readonly method: string;
}

/**
 * Stars for a two-sided p-value, using the reports' thresholds: `**` p < 0.05, `*` p < 0.10,
 * `†` p < 0.20, otherwise none. Other levels: `starsAt(p, levels)` (`./stars.ts`).
 *
 * @example
 * stars(0.03) // "**"
 * stars(0.15) // "†"
 */
export function stars(pValue: number): Stars {
  return starsAt(pValue, REPORT_STAR_LEVELS);
}

/**
 * A model matrix in column-major form: `columns[j][i]` is row i of column j. This is the plain
 * shape that `src/data/` builds from a table and that the estimators in `src/estimate/` take.
 */
export interface DesignMatrix {
  /** Column names, e.g. `(Intercept)`, `age`, `gender[woman]`. */
  readonly names: readonly string[];
  /** One Float64Array of length `n` per column. */
  readonly columns: readonly Float64Array[];
  /** Number of rows. */
  readonly n: number;
}

/**
 * The `Estimate` of a point estimate with its standard error and a Student t reference on `df`
 * degrees of freedom (`Infinity`: the normal, a z test): statistic = (estimate − null)/se,
 * p = 2·P(T ≥ |t|), CI = estimate ± t₁₋α/₂·se, stars from p. A zero SE gives p = 0 for a non-zero
 * difference and NaN for 0/0 (a degenerate fit), never an exception.
 *
 * @example
 * estimateFromSe(0.4, 0.1, 392, 0.95, 400, 'OLS').ci // [0.2034…, 0.5966…]
 */
export function estimateFromSe(
  estimate: number,
  stdError: number,
  df: number,
  level: number,
  n: number,
  method: string,
  nullValue = 0,
): Estimate {
  const statistic = (estimate - nullValue) / stdError;
  const pValue = Number.isFinite(statistic)
    ? twoSidedP(statistic, df)
    : Number.isNaN(statistic)
      ? Number.NaN
      : 0;
  const half = studentTQuantile(1 - (1 - level) / 2, df) * stdError;
  return {
    estimate,
    stdError,
    ci: [estimate - half, estimate + half],
    statistic,
    df,
    pValue,
    stars: stars(pValue),
    n,
    level,
    method,
  };
}

/**
 * Joint Wald test that several coefficients are zero, from a fit's coefficient covariance.
 */
import { InputError } from '../errors.js';
import { chiSquareSurvival, fSurvival } from '../stats/distributions.js';
import { choleskySolve, pivotedCholesky } from '../stats/linalg.js';

/** What {@link waldTest} needs from a fit (OLS, Lin, 2SLS and logistic fits all qualify). */
export interface WaldFit {
  readonly coefficients: readonly { readonly term: string; readonly estimate: number }[];
  readonly vcov: readonly (readonly number[])[];
  /** Residual df of the fit (`Infinity` for z-based fits such as logistic regression). */
  readonly df: number;
  readonly aliased?: readonly string[];
}

/** Result of {@link waldTest}. */
export interface WaldTest {
  readonly terms: readonly string[];
  /** Number of restrictions q. */
  readonly q: number;
  /** W = b'V⁻¹b. */
  readonly chiSquare: number;
  /** P(χ²_q > W). */
  readonly chiSquarePValue: number;
  /** F = W/q. */
  readonly f: number;
  /** Degrees of freedom of the F version: (q, residual df of the fit). */
  readonly fDf: readonly [number, number];
  /** P(F_{q, df} > F). */
  readonly fPValue: number;
  readonly method: string;
}

/**
 * Wald test of H0: β_j = 0 for every named term, W = b'V⁻¹b with b the named coefficients and V
 * their block of the fit's vcov (robust if the fit is). Reported as χ² on q df and as F = W/q on
 * (q, n − k) df (the small-sample version `lmtest::waldtest` and estimatr use for linear models).
 * This is the omnibus test of assignment balance: regress treatment on covariates, test all
 * covariate coefficients jointly.
 *
 * @example
 * const fit = ols(X, y);
 * waldTest(fit, ['region[oost]', 'region[west]']).fPValue;
 */
export function waldTest(fit: WaldFit, terms: readonly string[]): WaldTest {
  if (terms.length === 0) {
    throw new InputError('terms: expected at least one coefficient name to test', {
      code: 'invalid-option',
    });
  }
  const index = fit.coefficients.map((c) => c.term);
  const positions = terms.map((t) => {
    const j = index.indexOf(t);
    if (j < 0) {
      const why = fit.aliased?.includes(t)
        ? 'was dropped as aliased (linearly dependent)'
        : `is not in the model (terms: ${index.join(', ')})`;
      throw new InputError(`terms: "${t}" ${why}`, {
        code: fit.aliased?.includes(t) ? 'aliased' : 'unknown-term',
        column: t,
      });
    }
    return j;
  });
  if (new Set(terms).size !== terms.length) {
    throw new InputError(`terms: duplicated names in ${terms.join(', ')}`, {
      code: 'invalid-option',
    });
  }
  const q = terms.length;
  const b = Float64Array.from(positions, (j) => fit.coefficients[j]!.estimate);
  const v = new Float64Array(q * q);
  positions.forEach((a, i) => {
    positions.forEach((c, j) => {
      v[i * q + j] = fit.vcov[a]![c]!;
    });
  });
  const pc = pivotedCholesky(v, q, 1e-10);
  if (pc.aliased.length > 0) {
    throw new InputError(
      `terms: the covariance of ${terms.join(', ')} is singular; the restrictions are not jointly testable`,
      { code: 'singular' },
    );
  }
  const x = choleskySolve(pc.factor, q, b);
  let chiSquare = 0;
  for (let i = 0; i < q; i++) chiSquare += b[i]! * x[i]!;
  const f = chiSquare / q;
  return {
    terms: [...terms],
    q,
    chiSquare,
    chiSquarePValue: chiSquareSurvival(chiSquare, q),
    f,
    fDf: [q, fit.df],
    fPValue: fSurvival(f, q, fit.df),
    method: `Wald test of ${q} restriction${q === 1 ? '' : 's'} (chi-square on ${q} df; F on (${q}, ${fit.df}) df)`,
  };
}

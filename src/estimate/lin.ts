/**
 * Lin's (2013) covariate-adjusted estimator of an average treatment effect.
 */
import { InputError } from '../errors.js';
import { formatPrecision } from '../format.js';
import type { DesignMatrix } from '../stats/estimate.js';
import { rejectUnknownKeys } from '../stats/option-keys.js';
import { type ColumnsInput, checkFinite, toColumns, toVector, type VectorInput } from './design.js';
import type { Coefficient } from './inference.js';
import { type OlsFit, type OlsOptions, ols } from './ols.js';
import { olsSummary, withSummary } from './summary.js';

/** Options of {@link linAdjusted}: those of `ols` (no weights) plus the treatment's name. */
export interface LinOptions extends Omit<OlsOptions, 'weights'> {
  /** Name of the treatment term (default `'treatment'`). */
  readonly treatmentName?: string;
}

/** Result of {@link linAdjusted}. */
export interface LinFit {
  /** The adjusted average treatment effect (coefficient of the treatment indicator). */
  readonly treatment: Coefficient;
  /** Covariate means used for centring, by covariate name. */
  readonly means: Readonly<Record<string, number>>;
  /** The full regression, with terms named as estimatr's `lm_lin`: `age_c`, `treatment:age_c`. */
  readonly fit: OlsFit;
}

/**
 * Lin (2013) regression adjustment: regress y on an intercept, the 0/1 treatment T, the centred
 * covariates x̃ = x − x̄ and the interactions T·x̃, with HC2 standard errors by default. The
 * coefficient of T estimates the average treatment effect; it is never less precise
 * (asymptotically) than the unadjusted difference in means. Equals estimatr's `lm_lin`.
 * Covariates that are aliased (e.g. collinear dummies) are dropped as in {@link ols}.
 *
 * Lin, W. (2013). Agnostic notes on regression adjustments to experimental data: reexamining
 * Freedman's critique. Annals of Applied Statistics 7(1), 295–318.
 *
 * @example
 * const { treatment } = linAdjusted({ age, female }, treat, y);
 * treatment.estimate; treatment.ci;
 */
export function linAdjusted(
  covariates: ColumnsInput,
  treatment: VectorInput,
  y: VectorInput,
  options: LinOptions = {},
): LinFit {
  rejectUnknownKeys(
    options,
    { treatmentName: true, se: true, level: true, singular: true, tol: true },
    'linAdjusted',
  );
  const t = toVector(treatment, 'treatment', treatment.length);
  const n = t.length;
  const cov = toColumns(covariates, 'covariates', n);
  checkFinite(cov, 'covariates');
  let treated = 0;
  for (let i = 0; i < n; i++) {
    const v = t[i]!;
    if (v !== 0 && v !== 1) {
      throw new InputError(
        `treatment: row ${i + 1} is ${v}; expected a 0/1 indicator (1 = treated)`,
        { code: 'not-binary', column: 'treatment', rows: [i + 1], value: String(v) },
      );
    }
    treated += v;
  }
  if (treated === 0 || treated === n) {
    throw new InputError(
      `treatment: all ${n} rows are ${treated === 0 ? 'control (0)' : 'treated (1)'}; expected both arms`,
      { code: 'empty-group', column: 'treatment' },
    );
  }
  const name = options.treatmentName ?? 'treatment';
  const names: string[] = ['(Intercept)', name];
  const columns: Float64Array[] = [new Float64Array(n).fill(1), t];
  const centred: Float64Array[] = [];
  const means: Record<string, number> = {};
  cov.columns.forEach((c, j) => {
    let m = 0;
    for (let i = 0; i < n; i++) m += c[i]!;
    m /= n;
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = c[i]! - m;
    means[cov.names[j]!] = m;
    centred.push(x);
    names.push(`${cov.names[j]}_c`);
    columns.push(x);
  });
  centred.forEach((x, j) => {
    const tx = new Float64Array(n);
    for (let i = 0; i < n; i++) tx[i] = t[i]! * x[i]!;
    names.push(`${name}:${cov.names[j]}_c`);
    columns.push(tx);
  });
  const design: DesignMatrix = { names, columns, n };
  const { treatmentName: _, ...olsOptions } = options;
  const fit = ols(design, y, olsOptions);
  const estimate = fit.coefficient(name);
  const treatmentEstimate: Coefficient = {
    ...estimate,
    method: `Lin (2013) adjusted difference in means, ${estimate.method}`,
  };
  return withSummary({ treatment: treatmentEstimate, means, fit }, (r) =>
    olsSummary(r.fit, `Lin (2013) adjusted regression: effect of ${name}`, [
      `Effect: the coefficient of ${name}, ${formatPrecision(r.treatment.estimate, 4)}${r.treatment.stars} (covariates centred at their means and interacted with ${name}).`,
    ]),
  );
}

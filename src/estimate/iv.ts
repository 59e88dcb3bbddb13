/**
 * Two-stage least squares (instrumental variables) with robust standard errors, as estimatr's
 * `iv_robust`.
 */
import { InputError } from '../errors.js';
import { formatNumber, formatPEquals } from '../format.js';
import type { DesignMatrix } from '../stats/estimate.js';
import { subtractProduct } from '../stats/linalg.js';
import { rejectUnknownKeys } from '../stats/option-keys.js';
import { checkLevel } from '../stats/validate.js';
import { type ColumnsInput, toColumns, toVector, type VectorInput } from './design.js';
import { coefficientEstimate, toRows } from './inference.js';
import {
  findCoefficient,
  type OlsFit,
  olsFitPrepared,
  olsPrepare,
  olsRobustVcov,
  olsSolve,
  type SingularAction,
} from './ols.js';
import { olsSummary, withSummary } from './summary.js';
import { checkSeType, type SeType } from './vcov.js';
import { waldTest } from './wald.js';

/** The variables of an IV regression; each group is a `DesignMatrix` or a record of columns. */
export interface IvInput {
  readonly y: VectorInput;
  /** Endogenous regressor(s), e.g. `{ participated: d }`. */
  readonly endogenous: ColumnsInput;
  /** Excluded instrument(s), e.g. `{ assigned: z }`; at least as many as endogenous. */
  readonly instruments: ColumnsInput;
  /** Exogenous covariates (included in both stages). */
  readonly exogenous?: ColumnsInput;
}

/** Options of {@link ivRegression}. */
export interface IvOptions {
  /** Default `'HC2'` (as `iv_robust`). */
  readonly se?: SeType;
  readonly level?: number;
  /** Add an `(Intercept)` column to both stages (default true). */
  readonly intercept?: boolean;
  readonly singular?: SingularAction;
}

/** First stage of one endogenous regressor: its regression on all instruments and covariates. */
export interface FirstStage {
  readonly endogenous: string;
  /** Wald F of the excluded instruments (with the fit's SE type), the weak-instrument check. */
  readonly f: number;
  readonly fDf: readonly [number, number];
  readonly pValue: number;
  readonly fit: OlsFit;
}

/**
 * Result of {@link ivRegression}: the fields of an OLS fit — with R² = 1 − RSS/TSS and residuals
 * y − Xβ̂ computed from the original (not fitted) endogenous regressors, as `iv_robust` — plus
 * the first stages.
 */
export interface IvFit extends OlsFit {
  readonly firstStage: readonly FirstStage[];
}

/**
 * 2SLS: regress each endogenous regressor on Z = [1, exogenous, instruments] (first stage),
 * replace it by its fitted values to form X̂, and estimate β̂ = (X̂'X̂)⁻¹X̂'y. As in estimatr's
 * `iv_robust` (mathematical notes), the residuals are e = y − Xβ̂ with the ORIGINAL regressors, and
 * the variance is the sandwich (X̂'X̂)⁻¹X̂'diag(ω)X̂(X̂'X̂)⁻¹ with ω from e and the leverages of X̂
 * (HC0: e², HC1: ×n/(n−k), HC2: e²/(1−h), HC3: e²/(1−h)²), or σ̂²(X̂'X̂)⁻¹ with σ̂² = Σe²/(n−k)
 * for `classical`. Each first stage reports the Wald F of the excluded instruments (a weak
 * instrument has F well below 10; Staiger & Stock 1997). With one binary instrument and no
 * covariates β̂ is the Wald ratio (ȳ₁ − ȳ₀)/(d̄₁ − d̄₀).
 *
 * @example
 * const fit = ivRegression({ y, endogenous: { participated: d }, instruments: { assigned: z } });
 * fit.coefficient('participated'); // complier average causal effect
 */
export function ivRegression(input: IvInput, options: IvOptions = {}): IvFit {
  rejectUnknownKeys(
    options,
    { se: true, level: true, intercept: true, singular: true },
    'ivRegression',
  );
  const se = checkSeType(options.se ?? 'HC2');
  const level = checkLevel(options.level ?? 0.95);
  const n = input.y.length;
  const y = toVector(input.y, 'y', n);
  const endo = toColumns(input.endogenous, 'endogenous', n);
  const inst = toColumns(input.instruments, 'instruments', n);
  const exo: DesignMatrix = input.exogenous
    ? toColumns(input.exogenous, 'exogenous', n)
    : { names: [], columns: [], n };
  if (endo.names.length === 0) {
    throw new InputError('endogenous: expected at least one endogenous regressor', {
      code: 'empty',
    });
  }
  if (inst.names.length < endo.names.length) {
    throw new InputError(
      `instruments: ${inst.names.length} instrument(s) for ${endo.names.length} endogenous regressor(s); the model is not identified (need at least as many instruments)`,
      { code: 'under-identified' },
    );
  }
  const one = options.intercept === false ? [] : [new Float64Array(n).fill(1)];
  const oneName = one.length > 0 ? ['(Intercept)'] : [];
  const z: DesignMatrix = {
    names: [...oneName, ...exo.names, ...inst.names],
    columns: [...one, ...exo.columns, ...inst.columns],
    n,
  };
  const firstPrep = olsPrepare(z, { singular: options.singular ?? 'drop' });
  const keptInstruments = inst.names.filter((name) => firstPrep.terms.includes(name));
  if (keptInstruments.length < endo.names.length) {
    throw new InputError(
      `instruments: ${inst.names.filter((x) => !keptInstruments.includes(x)).join(', ')} are collinear with the covariates; the model is not identified`,
      { code: 'under-identified' },
    );
  }
  const firstStage: FirstStage[] = [];
  const fittedEndo = endo.columns.map((d, j) => {
    const fit = olsFitPrepared(firstPrep, d, { se, level });
    const wald = waldTest(fit, keptInstruments);
    firstStage.push({
      endogenous: endo.names[j]!,
      f: wald.f,
      fDf: wald.fDf,
      pValue: wald.fPValue,
      fit,
    });
    return fit.fitted;
  });
  const names = [...oneName, ...endo.names, ...exo.names];
  const original = [...one, ...endo.columns, ...exo.columns];
  const second = olsPrepare(
    { names, columns: [...one, ...fittedEndo, ...exo.columns], n },
    { singular: options.singular ?? 'drop' },
  );
  const { k, bread, terms } = second;
  const x = terms.map((t) => original[names.indexOf(t)]!);
  // β̂ = (X̂'X̂)⁻¹X̂'y (the second stage, as any least-squares solve), but the residuals that
  // enter σ̂² and the sandwich use the original regressors: e = y − Xβ̂.
  const { beta } = olsSolve(second, y);
  const e = subtractProduct(x, beta, Float64Array.from(y));
  const df = n - k;
  let rss = 0;
  for (let i = 0; i < n; i++) rss += e[i]! * e[i]!;
  const vcov = se === 'classical' ? bread.map((v) => (v * rss) / df) : olsRobustVcov(second, se, e);
  const fitted = new Float64Array(n);
  for (let i = 0; i < n; i++) fitted[i] = y[i]! - e[i]!;
  // As iv_robust: R² = 1 − RSS/TSS (TSS about ȳ with an intercept), which, unlike OLS, can be < 0.
  const intercept = one.length > 0;
  let yMean = 0;
  if (intercept) {
    for (let i = 0; i < n; i++) yMean += y[i]!;
    yMean /= n;
  }
  let tss = 0;
  for (let i = 0; i < n; i++) tss += (y[i]! - yMean) ** 2;
  const rSquared = 1 - rss / tss;
  const adjRSquared = 1 - ((1 - rSquared) * (n - (intercept ? 1 : 0))) / df;
  const method = `2SLS, ${se === 'classical' ? 'classical SE' : `${se} robust SE`}, t test on ${df} df`;
  const coefficients = terms.map((term, j) =>
    coefficientEstimate(term, beta[j]!, Math.sqrt(vcov[j * k + j]!), df, level, n, method),
  );
  const result: IvFit = {
    coefficients,
    terms,
    vcov: toRows(vcov, k),
    df,
    rSquared,
    adjRSquared,
    sigma: Math.sqrt(rss / df),
    residuals: e,
    fitted,
    n,
    k,
    se,
    level,
    aliased: second.aliased,
    firstStage,
    coefficient: (term) => findCoefficient(coefficients, second.aliased, term),
  };
  return withSummary(result, (f) =>
    olsSummary(
      f,
      'Instrumental-variables regression (2SLS)',
      f.firstStage.map(
        (s) =>
          `First stage of ${s.endogenous}: F = ${formatNumber(s.f, 2)} on (${s.fDf[0]}, ${s.fDf[1]}) df, ${formatPEquals(s.pValue)}.`,
      ),
    ),
  );
}

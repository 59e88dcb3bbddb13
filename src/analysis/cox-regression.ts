/**
 * Cox regression of the time to an event on the treatment arm and covariates, on a client
 * table: the comparison sample of the experiment intake, (time, status) from the event and
 * competing months, and the `coxph` kernel.
 */
import type { TableInput } from '../data/columns.js';
import { type ExperimentIntake, experimentIntake, isExperimentIntake } from '../data/intake.js';
import { type DocumentConvertible, displayResult, type HtmlConvertible } from '../display.js';
import { InputError } from '../errors.js';
import { type CoxCoefficient, type CoxSe, type CoxTies, coxph } from '../estimate/cox.js';
import { checkSpecKeys } from '../outcomes/survival-options.js';
import { firstEvent, tieOrder } from '../outcomes/survival-sample.js';
import type { Column, Document } from '../table/index.js';
import type { ArmSampleSpec } from './arm-sample.js';
import { comparisonSample, type Exclusion } from './comparison.js';

/** Options of {@link coxRegression}. */
export interface CoxRegressionSpec extends ArmSampleSpec {
  /** Event-month column (e.g. `month_work`). */
  readonly event: string;
  /** Follow-up column (default `followup_months`). */
  readonly followup?: string;
  /**
   * Competing destinations: a client who first left to one of them is censored there (the
   * cause-specific hazard). Without it other destinations are ignored.
   */
  readonly competing?: readonly string[];
  /** Same-month event and competing destination: the column listed first counts. */
  readonly tiePriority?: readonly string[];
  /** `'efron'` (default, as coxph) or `'breslow'`. */
  readonly ties?: CoxTies;
  /** SE of the tests and intervals: `'model'` (default, as coxph) or `'robust'`. */
  readonly se?: CoxSe;
  readonly level?: number;
}

const COX_SPEC_KEYS = [
  'arm',
  'treatment',
  'control',
  'covariates',
  'reference',
  'factors',
  'missing',
  'event',
  'followup',
  'competing',
  'tiePriority',
  'ties',
  'se',
  'level',
] as const;

/** The result of {@link coxRegression}. */
export interface CoxRegression extends HtmlConvertible, DocumentConvertible {
  readonly event: string;
  readonly competing: readonly string[];
  readonly arms: { readonly treatment: string; readonly control: string };
  /** The treatment coefficient (term `treatment`): log hazard ratio treated vs control. */
  readonly effect: CoxCoefficient;
  /** Treatment first, then the covariate terms (factor dummies as `name[level]`). */
  readonly coefficients: readonly CoxCoefficient[];
  readonly ties: CoxTies;
  readonly se: CoxSe;
  readonly n: number;
  readonly events: number;
  readonly loglik: readonly [number, number];
  readonly iterations: number;
  readonly converged: boolean;
  readonly warnings: readonly string[];
  readonly excluded: readonly Exclusion[];
  readonly method: string;
  /** One row per term with estimate, SEs, hazard ratio and its interval. */
  toTable(): Record<string, number | string>[];
  toMarkdown(): string;
}

/**
 * Cox proportional-hazards regression of the month of `event` on the treatment indicator and
 * `covariates`, as `coxph(Surv(time, status) ~ treatment + covariates, ties =)`; time = first
 * event month, else the follow-up. See `coxph` for the estimator, the Efron/Breslow partial
 * likelihood and the robust (dfbeta sandwich) SE, reported beside the model SE. Use it for a
 * covariate-adjusted hazard ratio; the incidence differences and RMST need no proportional
 * hazards. Rows outside the arms, without follow-up or with a missing covariate are excluded
 * and listed.
 *
 * @example
 * const cox = coxRegression(clients, { event: 'month_work', covariates: ['age', 'gender'] });
 * cox.effect.hazardRatio; // e.g. 1.50: 50 % higher hazard of work in the treated arm
 * cox.effect.robustStdError;
 */
export function coxRegression(
  data: TableInput | ExperimentIntake,
  spec: CoxRegressionSpec,
): CoxRegression {
  checkSpecKeys(spec, COX_SPEC_KEYS, 'coxRegression');
  const competing = spec.competing ?? [];
  const columns = [spec.event, ...competing];
  const intake = isExperimentIntake(data)
    ? data
    : experimentIntake(data, spec, { events: columns });
  const sample = comparisonSample(intake, spec);
  const months = columns.map((c) => {
    const all = intake.events[c];
    if (!all) {
      throw new InputError(`the intake passed in was built without the event '${c}'`, {
        code: 'invalid-option',
        value: c,
      });
    }
    return Float64Array.from(sample.rows, (r) => all[r]!);
  });
  const rows1 = Int32Array.from(sample.rows, (r) => r + 1);
  const { time, status } = firstEvent(
    months,
    sample.followup,
    rows1,
    columns,
    tieOrder(columns, spec.tiePriority),
  );
  const event = Float64Array.from(status, (s) => (s === 1 ? 1 : 0));
  const names = ['treatment', ...sample.covariateNames];
  const fit = coxph(
    { names, columns: [sample.treated, ...sample.covariates], n: sample.treated.length },
    time,
    event,
    {
      ...(spec.ties === undefined ? {} : { ties: spec.ties }),
      ...(spec.se === undefined ? {} : { se: spec.se }),
      ...(spec.level === undefined ? {} : { level: spec.level }),
    },
  );
  const { treatment, control } = sample.labels;
  const method = `${fit.coefficients[0]!.method}${competing.length ? `; ${competing.join(', ')} censor (cause-specific hazard)` : ''}`;
  const base = {
    event: spec.event,
    competing,
    arms: { treatment, control },
    effect: fit.coefficients[0]!,
    coefficients: fit.coefficients,
    ties: fit.ties,
    se: fit.se,
    n: fit.n,
    events: fit.events,
    loglik: fit.loglik,
    iterations: fit.iterations,
    converged: fit.converged,
    warnings: fit.warnings,
    excluded: sample.excluded,
    method,
  };
  // Display methods from `base` alone: inline closures would hold this scope's arrays.
  return displayResult(base, coxRows, coxDocument);
}

type CoxBase = Omit<CoxRegression, 'toTable' | 'toMarkdown' | 'toHTML' | 'toDocument'>;

/** One row per coefficient. */
function coxRows(base: CoxBase): Record<string, number | string>[] {
  return base.coefficients.map((c) => ({
    term: c.term,
    estimate: c.estimate,
    std_error: c.stdError,
    model_std_error: c.modelStdError,
    robust_std_error: c.robustStdError,
    statistic: c.statistic,
    p_value: c.pValue,
    stars: c.stars,
    hazard_ratio: c.hazardRatio,
    hr_ci_lower: c.hazardRatioCi[0],
    hr_ci_upper: c.hazardRatioCi[1],
  }));
}

function coxDocument(base: CoxBase): Document {
  const { treatment, control } = base.arms;
  return [
    {
      kind: 'table',
      table: {
        id: 'cox',
        title: `Cox regression, ${base.event}`,
        columns: COX_COLUMNS,
        rows: coxRows(base),
        keys: { event: base.event },
      },
      caption: `Cox regression of ${base.event} (${treatment} vs ${control}, n = ${base.n}, ${base.events} events)`,
      note: [`Method: ${base.method}.`, ...base.warnings].join(' '),
    },
  ];
}

const COX_COLUMNS: readonly Column[] = [
  { id: 'term', label: 'term', format: 'text' },
  { id: 'estimate', label: 'log HR', format: 'number' },
  { id: 'model_std_error', label: 'SE', format: 'number' },
  { id: 'robust_std_error', label: 'robust SE', format: 'number' },
  { id: 'hazard_ratio', label: 'HR', format: 'number' },
  { id: 'hr_ci_lower', label: 'HR lower', format: 'number' },
  { id: 'hr_ci_upper', label: 'HR upper', format: 'number' },
  { id: 'p_value', label: 'p', format: 'p' },
  { id: 'stars', label: '', format: 'text' },
];

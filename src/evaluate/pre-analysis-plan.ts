/**
 * The pre-analysis plan: what an evaluation team commits to before it sees the outcomes — the
 * primary outcome, the primary month, the covariates and the adjustment, the standard errors,
 * the censoring rule, the confidence level, the contrasts, and the secondary outcomes. It is a
 * JSON file of its own, not the `analyze` config: the config (`AnalysisPlan`) says how to
 * run an analysis, the pre-analysis plan says which one result of it is confirmatory, and
 * `planComparison` (`plan-comparison.ts`) compares the two field by field. Frozen with its
 * SHA-256 by `plan-stamp.ts`; documented in docs/cli.md (`plan`) and docs/pre-registration.md.
 */
import type { Censoring } from '../analysis/effect-series.js';
import {
  type JsonObject,
  rejectUnknownKeys,
  SpecError,
  SpecReader,
  show,
} from '../data/spec-reader.js';
import type { SeType } from '../estimate/vcov.js';
import { type FilterCondition, type FilterValue, parsePlan } from './plan.js';

/** One planned contrast: the arm compared and the arm it is compared with. */
export interface PlannedContrast {
  readonly treatment: string;
  readonly control: string;
}

/**
 * One condition of a plan's population, as in `config.filter`: the rows whose `column` equals
 * `equals`, or is one of `in`.
 */
export type PopulationCondition =
  | { readonly column: string; readonly equals: FilterValue }
  | { readonly column: string; readonly in: readonly FilterValue[] };

/**
 * The primary analysis of a {@link PreAnalysisPlan}: the one estimate that is confirmatory.
 * Each field corresponds to a field of the `analyze` config (`AnalysisPlan`).
 */
export interface PrimaryAnalysis {
  /** Event-month column of the primary outcome (one of `config.events`), e.g. `month_bijstand`. */
  readonly outcome: string;
  /** The month at which the primary outcome is compared (within `config.months`). */
  readonly month: number;
  /** Covariates of the adjusted effect (`config.covariates`; order does not matter). */
  readonly covariates: readonly string[];
  /** Covariates read as factors (`config.factors`; default none). */
  readonly factors: readonly string[];
  /** `config.methods.adjustment`: `ols`, `lin` or `none` (the raw difference is then primary). */
  readonly adjustment: 'ols' | 'lin' | 'none';
  /** `config.methods.se` (default `HC2`). */
  readonly se: SeType;
  /** `config.methods.censoring`: `complete-followup` or `ipcw`. */
  readonly censoring: Censoring;
  /** `config.methods.level`: the confidence level of the confirmatory interval. */
  readonly level: number;
  /**
   * The planned contrasts (absent: not pre-specified, not compared); each must be estimated by
   * the config (`config.arms.treatment` against `config.arms.control`).
   */
  readonly contrasts?: readonly PlannedContrast[];
  /**
   * The analysed population as `config.filter` states it (absent: not pre-specified, not
   * compared); the config's filter must keep the same rows by the same conditions.
   */
  readonly population?: readonly PopulationCondition[];
}

/** A validated pre-analysis plan with its defaults filled in (what `plan freeze` stamps). */
export interface PreAnalysisPlan {
  /** A name for the plan (optional). */
  readonly title?: string;
  readonly primary: PrimaryAnalysis;
  /** Event-month columns analysed as secondary outcomes (exploratory inference; default none). */
  readonly secondaryOutcomes: readonly string[];
  /** Free text: hypotheses, registry number, who froze it (optional). */
  readonly notes?: string;
}

/** The keys each object of a pre-analysis plan allows (`frozen` is the stamp of a frozen plan). */
export const PRE_ANALYSIS_PLAN_KEYS = {
  plan: ['title', 'primary', 'secondaryOutcomes', 'notes', 'frozen'],
  primary: [
    'outcome',
    'month',
    'covariates',
    'factors',
    'adjustment',
    'se',
    'censoring',
    'level',
    'contrasts',
    'population',
  ],
  contrast: ['treatment', 'control'],
} as const;

const ADJUSTMENTS = ['ols', 'lin', 'none'] as const;
const SE_TYPES = ['HC2', 'HC0', 'HC1', 'HC3', 'classical'] as const;
const CENSORING = ['complete-followup', 'ipcw'] as const;

/** Where {@link parsePreAnalysisPlan} reports its problems. */
export interface ParsePreAnalysisPlanOptions {
  /** What was read, named in the message: `invalid <source>: …` (default `plan`). */
  readonly source?: string;
}

function required(r: SpecReader, o: JsonObject, key: string, what: string): unknown {
  if (o[key] === undefined) r.fail(`plan.primary.${key}`, `missing: ${what}`);
  return o[key];
}

function readContrasts(r: SpecReader, value: unknown): PlannedContrast[] | undefined {
  if (value === undefined) return undefined;
  const path = 'plan.primary.contrasts';
  if (!Array.isArray(value) || value.length === 0) {
    return r.fail(
      path,
      `expected a non-empty list of { "treatment": arm, "control": arm }, got ${show(value)}`,
    );
  }
  const out: PlannedContrast[] = [];
  value.forEach((item, i) => {
    const o = r.object(item, `${path}[${i}]`, PRE_ANALYSIS_PLAN_KEYS.contrast);
    if (!o) return;
    const treatment = r.string(o.treatment, `${path}[${i}].treatment`);
    const control = r.string(o.control, `${path}[${i}].control`);
    if (treatment === undefined || control === undefined) return;
    if (treatment === control) {
      r.fail(`${path}[${i}]`, `treatment and control must differ, both are "${treatment}"`);
    } else if (out.some((c) => c.treatment === treatment && c.control === control)) {
      r.fail(`${path}[${i}]`, `"${treatment}" against "${control}" is listed twice`);
    } else out.push({ treatment, control });
  });
  return out;
}

/**
 * A population read exactly as `config.filter` is read (the same rules, by `parsePlan`), its
 * problems renamed to `plan.primary.population`; written back in the config's form.
 */
function readPopulation(r: SpecReader, value: unknown): PopulationCondition[] | undefined {
  if (value === undefined) return undefined;
  let filter: readonly FilterCondition[] = [];
  try {
    filter = parsePlan({ events: ['population'], months: 1, filter: value }).filter;
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    for (const problem of error.problems) {
      const [path, ...rest] = problem.split(': ');
      r.fail(path!.replace(/^config\.filter/, 'plan.primary.population'), rest.join(': '));
    }
    return undefined;
  }
  if (filter.length === 0)
    return r.fail('plan.primary.population', 'expected at least one condition');
  // One form per meaning: a single value as `equals`, several as `in`.
  return filter.map((f) =>
    f.values.length === 1
      ? { column: f.column, equals: f.values[0]! }
      : { column: f.column, in: [...f.values] },
  );
}

/**
 * Converts a population to the filter conditions of the config.
 *
 * @example
 * populationFilter([{ column: 'decile', equals: 1 }]); // [{ column: 'decile', values: [1] }]
 */
export function populationFilter(population: readonly PopulationCondition[]): FilterCondition[] {
  return population.map((c) => ({
    column: c.column,
    values: 'equals' in c ? [c.equals] : [...c.in],
  }));
}

/**
 * Validates a parsed pre-analysis plan and fills in its defaults. Throws a `SpecError` (an
 * `InputError`, code `invalid-option`) listing every problem with its field: unknown keys (with a
 * did-you-mean), missing required keys (`primary` with its `outcome`, `month`, `covariates`,
 * `adjustment`, `censoring` and `level`: a plan states them, it does not inherit a default),
 * wrong types and values, a factor that is not a covariate, an adjustment without covariates,
 * a secondary outcome equal to the primary one. A `frozen` key (the stamp) is allowed and
 * ignored here: `verifyFrozenPlan` checks it.
 *
 * @example
 * const pap = parsePreAnalysisPlan({
 *   primary: { outcome: 'month_bijstand', month: 24, covariates: ['age'], adjustment: 'ols',
 *     censoring: 'complete-followup', level: 0.95 },
 *   secondaryOutcomes: ['month_work'],
 * });
 * pap.primary.se; // 'HC2' (the default)
 * parsePreAnalysisPlan({ primary: { outcome: 'month_bijstand', mnth: 24 } });
 * // throws: invalid plan, … plan.primary: unknown key "mnth" (did you mean "month"?); …
 */
export function parsePreAnalysisPlan(
  json: unknown,
  options: ParsePreAnalysisPlanOptions = {},
): PreAnalysisPlan {
  rejectUnknownKeys(options, { source: true }, 'parsePreAnalysisPlan');
  const source = options.source ?? 'plan';
  const r = new SpecReader();
  const root = r.object(json, 'plan', PRE_ANALYSIS_PLAN_KEYS.plan);
  if (!root) throw new SpecError(r.problems, source);
  if (root.primary === undefined) {
    r.fail('plan.primary', 'missing: the primary analysis { outcome, month, covariates, … }');
  }
  const p =
    root.primary === undefined
      ? {}
      : (r.object(root.primary, 'plan.primary', PRE_ANALYSIS_PLAN_KEYS.primary) ?? {});
  const has = root.primary !== undefined;
  const outcome =
    (has
      ? r.string(
          required(r, p, 'outcome', 'the event-month column, e.g. "month_bijstand"'),
          'plan.primary.outcome',
        )
      : undefined) ?? '';
  const monthValue = has ? required(r, p, 'month', 'the primary month, e.g. 24') : 1;
  const month =
    monthValue === undefined ? 1 : (r.wholeNumber(monthValue, 'plan.primary.month') ?? 1);
  const covariatesValue = has
    ? required(r, p, 'covariates', 'the covariates of the adjusted effect ([] for none)')
    : [];
  const covariates = r.strings(covariatesValue, 'plan.primary.covariates');
  const factors = r.strings(p.factors, 'plan.primary.factors');
  factors.forEach((f, i) => {
    if (!covariates.includes(f)) {
      r.fail(`plan.primary.factors[${i}]`, `"${f}" is not one of plan.primary.covariates`);
    }
  });
  const adjustmentValue = has
    ? required(r, p, 'adjustment', `one of ${ADJUSTMENTS.join(', ')}`)
    : 'none';
  const adjustment = r.oneOf(adjustmentValue, 'plan.primary.adjustment', ADJUSTMENTS, 'none');
  if (adjustment !== 'none' && covariates.length === 0 && covariatesValue !== undefined) {
    r.fail(
      'plan.primary.adjustment',
      `"${adjustment}" needs covariates; plan.primary.covariates is empty`,
    );
  }
  const censoringValue = has
    ? required(r, p, 'censoring', `one of ${CENSORING.join(', ')}`)
    : 'complete-followup';
  const censoring = r.oneOf(
    censoringValue,
    'plan.primary.censoring',
    CENSORING,
    'complete-followup',
  );
  const levelValue = has ? required(r, p, 'level', 'the confidence level, e.g. 0.95') : 0.95;
  const level = r.fraction(levelValue, 'plan.primary.level', 0.95);
  const se = r.oneOf(p.se, 'plan.primary.se', SE_TYPES, 'HC2');
  const contrasts = readContrasts(r, p.contrasts);
  const population = readPopulation(r, p.population);

  const secondaryOutcomes = r.strings(root.secondaryOutcomes, 'plan.secondaryOutcomes');
  secondaryOutcomes.forEach((s, i) => {
    if (s === outcome) {
      r.fail(`plan.secondaryOutcomes[${i}]`, `"${s}" is the primary outcome`);
    }
  });
  const title = root.title === undefined ? undefined : r.string(root.title, 'plan.title');
  const notes = root.notes === undefined ? undefined : r.string(root.notes, 'plan.notes');
  r.done(source);
  return {
    ...(title !== undefined ? { title } : {}),
    primary: {
      outcome,
      month,
      covariates,
      factors,
      adjustment,
      se,
      censoring,
      level,
      ...(contrasts ? { contrasts } : {}),
      ...(population ? { population } : {}),
    },
    secondaryOutcomes,
    ...(notes !== undefined ? { notes } : {}),
  };
}

/**
 * A pre-analysis plan against the `analyze` config, field by field: does the config run the
 * primary analysis the plan froze? Each field of the plan's `primary` names the config field it
 * fixes (outcome → `config.events`, month → `config.months`, covariates → `config.covariates`,
 * factors → `config.factors`, adjustment, se, censoring and level → `config.methods.*`,
 * contrasts → `config.arms`, population → `config.filter`); a difference in any of them is a
 * deviation. Secondary outcomes missing from the config are reported, not deviations (they are
 * exploratory either way).
 */
import { describeFilter } from './filter.js';
import type { AnalysisPlan, FilterCondition } from './plan.js';
import { canonicalJson } from './plan-stamp.js';
import {
  type PlannedContrast,
  type PreAnalysisPlan,
  populationFilter,
} from './pre-analysis-plan.js';

/** How a field of the config stands to the plan. */
export type PlanFieldStatus = 'as planned' | 'deviates' | 'not analysed';

/** One field of {@link planComparison}. */
export interface PlanComparisonRow {
  /** The plan's field, e.g. `primary.month`. */
  readonly field: string;
  /** The config field it fixes, e.g. `config.months`. */
  readonly configField: string;
  /** The planned value, in words. */
  readonly planned: string;
  /** What the config does, in words. */
  readonly analysed: string;
  /** `deviates` for a change of the primary analysis; `not analysed` for a secondary outcome left out. */
  readonly status: PlanFieldStatus;
}

/**
 * The contrasts a config estimates, for the comparison with a plan's `primary.contrasts`: today
 * the one pair `config.arms.treatment` against `config.arms.control`.
 *
 * @example
 * configContrasts(parsePlan({ events: ['month_work'], months: 6 }));
 * // [{ treatment: 'experiment', control: 'control' }]
 */
export function configContrasts(config: AnalysisPlan): PlannedContrast[] {
  return [{ treatment: config.arms.treatment, control: config.arms.control }];
}

const list = (xs: readonly string[]) => (xs.length === 0 ? 'none' : xs.join(', '));
const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));
const contrastText = (c: PlannedContrast) => `${c.treatment} − ${c.control}`;

/** Filter conditions as a set of (column, set of values): order does not matter. */
function filterKey(filter: readonly FilterCondition[]): string {
  const conditions = filter.map((f) =>
    canonicalJson([f.column, [...f.values].map((v) => canonicalJson(v)).sort()]),
  );
  return canonicalJson([...new Set(conditions)].sort());
}

/**
 * The plan's primary analysis and secondary outcomes against a config, one row per field. The
 * month is as planned when the config analyses it (`config.months` ≥ the primary month; later
 * months are exploratory); covariates and factors compare as sets (their order does not change
 * an estimate); planned contrasts must each be estimated by the config.
 *
 * @example
 * planComparison(pap, parsePlan(config)).find((r) => r.field === 'primary.month');
 * // { field: 'primary.month', configField: 'config.months', planned: '24', analysed: '18 (month 24 is not analysed)', status: 'deviates' }
 */
export function planComparison(plan: PreAnalysisPlan, config: AnalysisPlan): PlanComparisonRow[] {
  const p = plan.primary;
  const m = config.methods;
  const events = config.events.map((e) => e.column);
  const row = (
    field: string,
    configField: string,
    planned: string,
    analysed: string,
    ok: boolean,
  ): PlanComparisonRow => ({
    field,
    configField,
    planned,
    analysed,
    status: ok ? 'as planned' : 'deviates',
  });
  const rows: PlanComparisonRow[] = [
    row('primary.outcome', 'config.events', p.outcome, list(events), events.includes(p.outcome)),
    row(
      'primary.month',
      'config.months',
      String(p.month),
      config.months >= p.month
        ? `${config.months}`
        : `${config.months} (month ${p.month} is not analysed)`,
      config.months >= p.month,
    ),
    row(
      'primary.covariates',
      'config.covariates',
      list(p.covariates),
      list(config.covariates),
      sameSet(p.covariates, config.covariates),
    ),
    row(
      'primary.factors',
      'config.factors',
      list(p.factors),
      list(config.factors),
      sameSet(p.factors, config.factors),
    ),
    row(
      'primary.adjustment',
      'config.methods.adjustment',
      p.adjustment,
      m.adjustment,
      p.adjustment === m.adjustment,
    ),
    row('primary.se', 'config.methods.se', p.se, m.se, p.se === m.se),
    row(
      'primary.censoring',
      'config.methods.censoring',
      p.censoring,
      m.censoring,
      p.censoring === m.censoring,
    ),
    row(
      'primary.level',
      'config.methods.level',
      String(p.level),
      String(m.level),
      p.level === m.level,
    ),
  ];
  if (p.contrasts) {
    const estimated = configContrasts(config);
    rows.push(
      row(
        'primary.contrasts',
        'config.arms',
        p.contrasts.map(contrastText).join('; '),
        estimated.map(contrastText).join('; '),
        p.contrasts.every((c) =>
          estimated.some((e) => e.treatment === c.treatment && e.control === c.control),
        ),
      ),
    );
  }
  if (p.population) {
    const planned = populationFilter(p.population);
    rows.push(
      row(
        'primary.population',
        'config.filter',
        describeFilter(planned),
        config.filter.length === 0 ? 'all rows' : describeFilter(config.filter),
        filterKey(planned) === filterKey(config.filter),
      ),
    );
  }
  for (const s of plan.secondaryOutcomes) {
    rows.push({
      field: 'secondaryOutcomes',
      configField: 'config.events',
      planned: s,
      analysed: events.includes(s) ? s : 'not in config.events',
      status: events.includes(s) ? 'as planned' : 'not analysed',
    });
  }
  return rows;
}

/**
 * The deviations of a config from the plan's primary analysis, one sentence each (empty: the
 * config runs the planned primary analysis).
 *
 * @example
 * planDeviations(pap, parsePlan({ ...config, months: 18 }));
 * // ['primary.month: planned 24, config.months is 18 (month 24 is not analysed)']
 */
export function planDeviations(plan: PreAnalysisPlan, config: AnalysisPlan): string[] {
  return deviationsIn(planComparison(plan, config));
}

/**
 * The deviations among the rows of a {@link planComparison}, one sentence each.
 *
 * @example
 * deviationsIn(planComparison(pap, config)); // ['primary.level: planned 0.95, config.methods.level is 0.9']
 */
export function deviationsIn(rows: readonly PlanComparisonRow[]): string[] {
  return rows
    .filter((r) => r.status === 'deviates')
    .map((r) => `${r.field}: planned ${r.planned}, ${r.configField} is ${r.analysed}`);
}

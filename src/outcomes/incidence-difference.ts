/**
 * The treatment − control difference in cumulative incidence by month, with censoring handled
 * by Kaplan–Meier (one destination) or Aalen–Johansen (competing destinations): the
 * survival-shaped alternative to complete follow-up.
 */
import type { TableInput } from '../data/columns.js';
import type { ExperimentIntake } from '../data/intake.js';
import { type DocumentConvertible, type HtmlConvertible, withDisplay } from '../display.js';
import { type Estimate, estimateFromSe } from '../stats/estimate.js';
import { checkLevel } from '../stats/validate.js';
import {
  type Column,
  type Document,
  documentMarkdown,
  formatCell,
  tidyEstimate,
} from '../table/index.js';
import { type IncidenceAt, incidenceAt, incidenceCurve } from './incidence-curve.js';
import type { OutflowExclusion } from './outflow-input.js';
import { checkMonths, checkSpecKeys, levelText, SURVIVAL_SPEC_KEYS } from './survival-options.js';
import { type SurvivalSpec, survivalSample } from './survival-sample.js';

/** Options of {@link incidenceDifference}: the comparison plus months and level. */
export interface IncidenceDifferenceSpec extends SurvivalSpec {
  /** Months to report: a last month M (1…M) or a list of whole months ≥ 1. Default 24. */
  readonly months?: number | readonly number[];
  /** Confidence level (default 0.95). */
  readonly level?: number;
}

/** One month: the incidence per arm and their difference (null when not estimable). */
export interface IncidenceMonth {
  readonly month: number;
  readonly treatment: IncidenceAt;
  readonly control: IncidenceAt;
  /** Treatment − control, SE √(v₁ + v₀), normal reference; null when an arm is not estimable. */
  readonly difference: Estimate | null;
  /** Why the difference is missing (absent when it is estimated). */
  readonly reason?: string;
}

/** The result of {@link incidenceDifference}. */
export interface IncidenceDifference extends HtmlConvertible, DocumentConvertible {
  readonly event: string;
  readonly competing: readonly string[];
  readonly arms: { readonly treatment: string; readonly control: string };
  /** Clients analysed per arm. */
  readonly n: { readonly treatment: number; readonly control: number };
  readonly months: readonly IncidenceMonth[];
  readonly level: number;
  readonly excluded: readonly OutflowExclusion[];
  /** One sentence: estimator, variance, reference distribution. */
  readonly method: string;
  /** The estimate at one month (undefined when not requested). */
  get(month: number): IncidenceMonth | undefined;
  /** One flat row per month with tidy `difference_*` columns. */
  toTable(): Record<string, number | string | null>[];
  toMarkdown(): string;
}

/**
 * Cumulative incidence of `event` by month m in each arm and the difference
 * D(m) = F₁(m) − F₀(m), with SE √(v₁(m) + v₀(m)) (independent arms), z = D/SE, two-sided normal
 * p and CI D ± z₁₋α/₂·SE.
 *
 * - Without `competing`: F(m) = 1 − Ŝ(m), Kaplan–Meier (1958), Greenwood (1926) variance
 *   v = Ŝ²·Σ dⱼ/(nⱼ(nⱼ − dⱼ)) — R `survfit(Surv(time, status) ~ 1)`.
 * - With `competing`: F(m) = Σ_{tⱼ≤m} Ŝ(tⱼ−)·d₁ⱼ/nⱼ, Aalen–Johansen (1978) with the
 *   infinitesimal-jackknife variance of R's multi-state `survfit`.
 *
 * Months are evaluated as `summary(fit, times = m, extend = TRUE)`: after an arm's last event
 * the curve keeps its last value; a month after an arm's longest follow-up is reported as not
 * estimable with the reason (not an error). Time per client is the first event month, else
 * the follow-up; rows without follow-up or arm are excluded and listed. O(n log n + M).
 *
 * @example
 * const d = incidenceDifference(clients, { event: 'month_work', competing: ['month_bijstand'], months: 24 });
 * d.get(12)?.difference?.estimate; // e.g. 0.071: 7.1 pp more work by month 12
 * d.toMarkdown();
 */
export function incidenceDifference(
  data: TableInput | ExperimentIntake,
  spec: IncidenceDifferenceSpec,
): IncidenceDifference {
  checkSpecKeys(spec, [...SURVIVAL_SPEC_KEYS, 'months', 'level'], 'incidenceDifference');
  const level = checkLevel(spec.level, 'incidenceDifference');
  const months = checkMonths(spec.months ?? 24, 'incidenceDifference');
  const sample = survivalSample(data, spec);
  const causes = 1 + sample.competing.length;
  const [t, c] = sample.arms;
  const curveT = incidenceCurve(t.time, t.status, causes, level);
  const curveC = incidenceCurve(c.time, c.status, causes, level);
  const n = t.time.length + c.time.length;
  const method =
    causes === 1
      ? 'difference in cumulative incidence 1 − Kaplan–Meier, Greenwood SE √(v₁ + v₀), z test'
      : `difference in Aalen–Johansen cumulative incidence (competing: ${sample.competing.join(', ')}), infinitesimal-jackknife SE √(v₁ + v₀), z test`;
  const rows = months.map((month): IncidenceMonth => {
    const a = incidenceAt(curveT, month);
    const b = incidenceAt(curveC, month);
    if (!a.estimable || !b.estimable) {
      const why = [
        !a.estimable ? `${t.label}: ${a.reason}` : '',
        !b.estimable ? `${c.label}: ${b.reason}` : '',
      ]
        .filter(Boolean)
        .join('; ');
      return { month, treatment: a, control: b, difference: null, reason: why };
    }
    const se = Math.sqrt(a.stdError ** 2 + b.stdError ** 2);
    const difference = estimateFromSe(
      a.incidence - b.incidence,
      se,
      Number.POSITIVE_INFINITY,
      level,
      n,
      method,
    );
    return { month, treatment: a, control: b, difference };
  });
  const index = new Map(rows.map((r) => [r.month, r]));
  const base = {
    event: sample.event,
    competing: sample.competing,
    arms: { treatment: t.label, control: c.label },
    n: { treatment: t.time.length, control: c.time.length },
    months: rows,
    level,
    excluded: sample.excluded,
    method,
  };
  const toTable = () => flatRows(base);
  return withDisplay(
    {
      ...base,
      get: (month: number) => index.get(month),
      toTable,
      toMarkdown: () => documentMarkdown(incidenceDocument(base)),
    },
    () => incidenceDocument(base),
  );
}

type Base = Pick<
  IncidenceDifference,
  'event' | 'competing' | 'arms' | 'n' | 'months' | 'level' | 'excluded' | 'method'
>;

function armCells(a: IncidenceAt, prefix: string): Record<string, number | null> {
  return a.estimable
    ? {
        [`${prefix}_incidence`]: a.incidence,
        [`${prefix}_std_error`]: a.stdError,
        [`${prefix}_ci_lower`]: a.ci[0],
        [`${prefix}_ci_upper`]: a.ci[1],
        [`${prefix}_at_risk`]: a.atRisk,
      }
    : {
        [`${prefix}_incidence`]: null,
        [`${prefix}_std_error`]: null,
        [`${prefix}_ci_lower`]: null,
        [`${prefix}_ci_upper`]: null,
        [`${prefix}_at_risk`]: 0,
      };
}

const EMPTY_DIFFERENCE = {
  difference_estimate: null,
  difference_std_error: null,
  difference_ci_lower: null,
  difference_ci_upper: null,
  difference_statistic: null,
  difference_df: null,
  difference_p_value: null,
  difference_stars: null,
};

function flatRows(base: Base): Record<string, number | string | null>[] {
  return base.months.map((m) => ({
    month: m.month,
    ...armCells(m.treatment, 'treatment'),
    ...armCells(m.control, 'control'),
    ...(m.difference ? tidyEstimate(m.difference, 'difference') : EMPTY_DIFFERENCE),
    not_estimable: m.reason ?? '',
  }));
}

function incidenceDocument(base: Base): Document {
  const lvl = levelText(base.level);
  const columns: Column[] = [
    { id: 'month', label: 'month', format: 'int', key: 'month' },
    { id: 'treatment', label: base.arms.treatment, format: 'percent', unit: 'fraction' },
    { id: 'control', label: base.arms.control, format: 'percent', unit: 'fraction' },
    { id: 'difference', label: 'difference', format: 'pp', unit: 'fraction' },
    { id: 'std_error', label: 'SE', format: 'points', unit: 'fraction' },
    { id: 'ci', label: `${lvl} CI`, format: 'text', displayOnly: true },
    { id: 'p_value', label: 'p', format: 'p' },
    { id: 'stars', label: '', format: 'text' },
  ];
  const rows = base.months.map((m) => {
    const d = m.difference;
    return {
      month: m.month,
      treatment: m.treatment.estimable ? m.treatment.incidence : null,
      control: m.control.estimable ? m.control.incidence : null,
      difference: d ? d.estimate : null,
      std_error: d ? d.stdError : null,
      ci: d ? ciText(d.ci) : 'not estimable',
      p_value: d ? d.pValue : null,
      stars: d ? d.stars : '',
    };
  });
  const notes = [
    `Clients: ${base.arms.treatment} n = ${base.n.treatment}, ${base.arms.control} n = ${base.n.control}.`,
  ];
  for (const e of base.excluded) notes.push(`Excluded (${e.reason}): ${e.count}.`);
  for (const m of base.months)
    if (m.reason) notes.push(`Month ${m.month} not estimable: ${m.reason}.`);
  return [
    {
      kind: 'table',
      table: {
        id: 'incidence-difference',
        title: `Cumulative incidence of ${base.event}`,
        columns,
        rows,
        keys: { event: base.event },
        notes,
      },
      caption: `Cumulative incidence of ${base.event}`,
      note: notes.join(' '),
    },
    { kind: 'paragraph', text: `Method: ${base.method}.` },
  ];
}

function ciText(ci: readonly [number, number]): string {
  return `${formatCell(ci[0], 'pp')} – ${formatCell(ci[1], 'pp')}`;
}

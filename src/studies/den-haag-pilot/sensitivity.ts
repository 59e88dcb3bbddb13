/**
 * The pilot's sensitivity to the censoring method: the month-M effect on the flow-through into
 * bijstand by complete follow-up (the method of the published report), by Kaplan–Meier, and as
 * the difference in restricted mean months without bijstand up to month M.
 */
import type { EffectSeries } from '../../analysis/effect-series.js';
import type { TableInput } from '../../data/columns.js';
import { asTable } from '../../data/columns.js';
import { applyFilter } from '../../evaluate/filter.js';
import { formatNumber, formatPercent, formatPp, formatPValue } from '../../format.js';
import { type IncidenceMonth, incidenceDifference } from '../../outcomes/incidence-difference.js';
import { type RmstDifference, rmstDifference } from '../../outcomes/rmst.js';
import type { Estimate } from '../../stats/estimate.js';
import type { Block, Column } from '../../table/index.js';
import { type PilotConfig, pilotPlan } from './plan.js';

/** The month-M effect three ways; `complete` is what the published report used. */
export interface PilotSensitivity {
  readonly month: number;
  /** Complete follow-up (clients observed ≥ M months): the raw difference in shares. */
  readonly complete: {
    readonly treatment: number;
    readonly control: number;
    readonly effect: Estimate;
  };
  /** 1 − Kaplan–Meier per arm and their difference at month M. */
  readonly kaplanMeier: IncidenceMonth;
  /** Restricted mean months without bijstand up to month M. */
  readonly rmst: RmstDifference;
}

/**
 * The sensitivity rows for the decile the plan filters: complete follow-up from the effect
 * series already computed, and `incidenceDifference` and `rmstDifference` on the same rows.
 *
 * @example
 * const s = pilotSensitivity(table, DEN_HAAG_PILOT_CONFIG, result.effects);
 * s.kaplanMeier.difference?.estimate; // the month-24 effect with Kaplan–Meier
 */
export function pilotSensitivity(
  data: TableInput,
  c: PilotConfig,
  effects: EffectSeries,
): PilotSensitivity {
  const rows = applyFilter(asTable(data), pilotPlan(c).filter);
  const spec = {
    arm: c.arm,
    treatment: c.treatment,
    control: c.control,
    followup: c.followup,
    event: c.event,
  };
  const last = effects.months.at(-1)!;
  const km = incidenceDifference(rows, { ...spec, months: [last.month] });
  return {
    month: last.month,
    complete: { treatment: last.shareTreated, control: last.shareControl, effect: last.raw },
    kaplanMeier: km.months[0]!,
    rmst: rmstDifference(rows, { ...spec, tau: last.month }),
  };
}

const COLUMNS: readonly Column[] = [
  { id: 'method', label: 'method', format: 'text' },
  { id: 'treatment', label: 'experiment', format: 'text', align: 'right' },
  { id: 'control', label: 'control', format: 'text', align: 'right' },
  { id: 'effect', label: 'effect', format: 'text', align: 'right' },
  { id: 'se', label: 'SE', format: 'text', align: 'right' },
  { id: 'ci', label: '95 % CI', format: 'text' },
  { id: 'p', label: 'p', format: 'text', align: 'right' },
];

/**
 * The sensitivity table and the sentence saying which row the published report used.
 *
 * @example
 * sensitivityBlocks(result.sensitivity, result.config)[0]; // { kind: 'table', … }
 */
export function sensitivityBlocks(s: PilotSensitivity, c: PilotConfig): Block[] {
  const pp = (e: Estimate) => ({
    effect: `${formatPp(e.estimate)}${e.stars}`,
    se: formatPp(e.stdError),
    ci: `${formatPp(e.ci[0])} to ${formatPp(e.ci[1])}`,
    p: formatPValue(e.pValue),
  });
  const km = s.kaplanMeier;
  const kmRow =
    km.difference && km.treatment.estimable && km.control.estimable
      ? {
          treatment: formatPercent(km.treatment.incidence),
          control: formatPercent(km.control.incidence),
          ...pp(km.difference),
        }
      : {
          treatment: '–',
          control: '–',
          effect: 'not estimable',
          se: '',
          ci: km.reason ?? '',
          p: '',
        };
  const [rt, rc] = s.rmst.arms;
  const d = s.rmst.difference;
  const months = (x: number) => `${formatNumber(x, 2)} m`;
  const rows = [
    {
      method: `complete follow-up (published), share by month ${s.month}`,
      treatment: formatPercent(s.complete.treatment),
      control: formatPercent(s.complete.control),
      ...pp(s.complete.effect),
    },
    { method: `Kaplan–Meier, 1 − S(${s.month})`, ...kmRow },
    {
      method: `restricted mean months without bijstand, up to month ${s.month}`,
      treatment: months(rt.rmean),
      control: months(rc.rmean),
      effect: `${months(d.estimate)}${d.stars}`,
      se: months(d.stdError),
      ci: `${months(d.ci[0])} to ${months(d.ci[1])}`,
      p: formatPValue(d.pValue),
    },
  ];
  return [
    {
      kind: 'table',
      table: {
        id: 'censoring_sensitivity',
        title: `Sensitivity to the censoring method, month ${s.month}`,
        columns: COLUMNS,
        rows,
      },
    },
    {
      kind: 'paragraph',
      text: `The published report used complete follow-up (first row): at month ${s.month} only the clients observed at least ${s.month} months. The Kaplan–Meier row uses every client of decile ${c.decile} until the end of their follow-up (Greenwood SE); the last row is the difference in months without bijstand in the first ${s.month} months (area under the Kaplan–Meier curve; a positive difference means the experiment arm stayed out of bijstand longer). Raw differences, no covariate adjustment; z tests. These rows are a sensitivity analysis, not figures of the report.`,
    },
  ];
}

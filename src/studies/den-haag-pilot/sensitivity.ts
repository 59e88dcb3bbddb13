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
import { type Language, numberStyleOf, type Texts, textOf } from '../../language.js';
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

/** The columns of the sensitivity table in a language. */
function columnsOf(lang: Language): readonly Column[] {
  const t = textOf(SENSITIVITY_TEXTS, lang);
  return [
    { id: 'method', label: t.method, format: 'text' },
    { id: 'treatment', label: 'experiment', format: 'text', align: 'right' },
    { id: 'control', label: 'control', format: 'text', align: 'right' },
    { id: 'effect', label: 'effect', format: 'text', align: 'right' },
    { id: 'se', label: 'SE', format: 'text', align: 'right' },
    { id: 'ci', label: t.ci, format: 'text' },
    { id: 'p', label: 'p', format: 'text', align: 'right' },
  ];
}

interface SensitivityTexts {
  readonly method: string;
  readonly ci: string;
  readonly to: string;
  readonly months: string;
  readonly notEstimable: string;
  readonly complete: (m: number) => string;
  readonly rmst: (m: number) => string;
  readonly title: (m: number) => string;
  readonly note: (m: number, decile: number) => string;
}

const SENSITIVITY_TEXTS: Texts<SensitivityTexts> = {
  en: {
    method: 'method',
    ci: '95 % CI',
    to: 'to',
    months: 'm',
    notEstimable: 'not estimable',
    complete: (m) => `complete follow-up (published), share by month ${m}`,
    rmst: (m) => `restricted mean months without bijstand, up to month ${m}`,
    title: (m) => `Sensitivity to the censoring method, month ${m}`,
    note: (m, decile) =>
      `The published report used complete follow-up (first row): at month ${m} only the clients observed at least ${m} months. The Kaplan–Meier row uses every client of decile ${decile} until the end of their follow-up (Greenwood SE); the last row is the difference in months without bijstand in the first ${m} months (area under the Kaplan–Meier curve; a positive difference means the experiment arm stayed out of bijstand longer). Raw differences, no covariate adjustment; z tests. These rows are a sensitivity analysis, not figures of the report.`,
  },
  nl: {
    method: 'methode',
    ci: '95%-BI',
    to: 'tot',
    months: 'mnd',
    notEstimable: 'niet te schatten',
    complete: (m) => `volledige follow-up (gepubliceerd), aandeel tot en met maand ${m}`,
    rmst: (m) => `beperkt gemiddeld aantal maanden zonder bijstand, tot en met maand ${m}`,
    title: (m) => `Gevoeligheid voor de methode voor censurering, maand ${m}`,
    note: (m, decile) =>
      `Het gepubliceerde rapport gebruikte volledige follow-up (eerste rij): in maand ${m} alleen de cliënten die minstens ${m} maanden gevolgd zijn. De Kaplan–Meier-rij gebruikt elke cliënt van deciel ${decile} tot het einde van zijn follow-up (Greenwood-SE); de laatste rij is het verschil in maanden zonder bijstand in de eerste ${m} maanden (oppervlakte onder de Kaplan–Meier-curve; een positief verschil betekent dat de groep experiment langer uit de bijstand bleef). Ongecorrigeerde verschillen, zonder correctie voor achtergrondkenmerken; z-toetsen. Deze rijen zijn een gevoeligheidsanalyse, geen cijfers uit het rapport.`,
  },
};

/**
 * The sensitivity table and the sentence saying which row the published report used.
 *
 * @example
 * sensitivityBlocks(result.sensitivity, result.config)[0]; // { kind: 'table', … }
 * sensitivityBlocks(result.sensitivity, result.config, 'nl'); // the same in Dutch
 */
export function sensitivityBlocks(
  s: PilotSensitivity,
  c: PilotConfig,
  lang: Language = 'en',
): Block[] {
  const t = textOf(SENSITIVITY_TEXTS, lang);
  const style = numberStyleOf(lang);
  const pp = (e: Estimate) => ({
    effect: `${formatPp(e.estimate, 1, false, style)}${e.stars}`,
    se: formatPp(e.stdError, 1, false, style),
    ci: `${formatPp(e.ci[0], 1, false, style)} ${t.to} ${formatPp(e.ci[1], 1, false, style)}`,
    p: formatPValue(e.pValue, style),
  });
  const km = s.kaplanMeier;
  const kmRow =
    km.difference && km.treatment.estimable && km.control.estimable
      ? {
          treatment: formatPercent(km.treatment.incidence, 1, style),
          control: formatPercent(km.control.incidence, 1, style),
          ...pp(km.difference),
        }
      : {
          treatment: '–',
          control: '–',
          effect: t.notEstimable,
          se: '',
          ci: km.reason ?? '',
          p: '',
        };
  const [rt, rc] = s.rmst.arms;
  const d = s.rmst.difference;
  const months = (x: number) => `${formatNumber(x, 2, style)} ${t.months}`;
  const rows = [
    {
      method: t.complete(s.month),
      treatment: formatPercent(s.complete.treatment, 1, style),
      control: formatPercent(s.complete.control, 1, style),
      ...pp(s.complete.effect),
    },
    { method: `Kaplan–Meier, 1 − S(${s.month})`, ...kmRow },
    {
      method: t.rmst(s.month),
      treatment: months(rt.rmean),
      control: months(rc.rmean),
      effect: `${months(d.estimate)}${d.stars}`,
      se: months(d.stdError),
      ci: `${months(d.ci[0])} ${t.to} ${months(d.ci[1])}`,
      p: formatPValue(d.pValue, style),
    },
  ];
  return [
    {
      kind: 'table',
      table: {
        id: 'censoring_sensitivity',
        title: t.title(s.month),
        columns: columnsOf(lang),
        rows,
      },
    },
    {
      kind: 'paragraph',
      text: t.note(s.month, c.decile),
    },
  ];
}

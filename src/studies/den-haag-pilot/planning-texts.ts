/**
 * The texts of the Den Haag pilot's planning answer (`effectmeting power --pilot`) in English and
 * Dutch: headings, row labels, table columns and sentences, each a function of the already
 * formatted numbers so that both languages show the same figures in their own number style.
 * Terms from docs/glossary.md ("onderscheidend vermogen", "procentpunt", "behandeld").
 */
import type { Texts } from '../../language.js';

/** The numbers of the assumptions line, formatted in the language. */
export interface PilotAssumptionNumbers {
  readonly nTreatment: string;
  readonly nControl: string;
  readonly controlRate: string;
  readonly participationDifference: string;
  readonly rSquared: string;
  readonly perYear: string;
  readonly effect: string;
  readonly perParticipant: string;
}

/** Every text of the planning answer in one language. */
export interface PilotPlanningTexts {
  readonly title: string;
  readonly pilotRow: (nTreatment: string, nControl: string) => string;
  readonly halfCityRow: string;
  readonly power: (effect: string, none: string, withCovariates: string, r2: string) => string;
  readonly halfCityHeading: (perYear: string, effect: string) => string;
  readonly columns: {
    readonly allocation: string;
    readonly r2: string;
    readonly sizes: string;
    readonly total: string;
    readonly years: string;
  };
  readonly participation: (options: readonly string[], current: string, r2: string) => string;
  readonly assumptions: (n: PilotAssumptionNumbers) => string;
}

/**
 * The planning answer's texts by language (`textOf(PILOT_PLANNING_TEXTS, lang)`).
 *
 * @example
 * PILOT_PLANNING_TEXTS.nl.title // "# Den Haag-pilot, deciel 1: wat was aantoonbaar?"
 */
export const PILOT_PLANNING_TEXTS: Texts<PilotPlanningTexts> = {
  en: {
    title: '# Den Haag pilot, decile 1: what was detectable?',
    pilotRow: (t, c) => `pilot (${t} / ${c})`,
    halfCityRow: 'half city, one year',
    power: (effect, none, withCovariates, r2) =>
      `Power for the published ${effect}: ${none} without covariates, ${withCovariates} with R² = ${r2}.`,
    halfCityHeading: (perYear, effect) =>
      `## A city half Den Haag's size (${perYear} decile-1 clients a year): clients needed for ${effect} at 80 % power`,
    columns: {
      allocation: 'allocation',
      r2: 'R2',
      sizes: 'n treated / control',
      total: 'total',
      years: 'years of inflow',
    },
    participation: (options, current, r2) =>
      `Or, within one year: a participation difference of ${options.join(' or ')} instead of ${current}, with R² = ${r2}.`,
    // The English line is the answer's own `assumptions` (its JSON), so this one is not used.
    assumptions: (n) =>
      `two-sided α = 0.05, 80 % power, unpooled normal approximation; decile 1 of Den Haag: ${n.nTreatment} treated / ${n.nControl} control, control rate ${n.controlRate}, participation difference ${n.participationDifference}; covariates R² = ${n.rSquared}; half city: ${n.perYear} decile-1 clients per year; target effect ${n.effect} (published adjusted month-24 effect, ${n.perParticipant} per participant)`,
  },
  nl: {
    title: '# Den Haag-pilot, deciel 1: wat was aantoonbaar?',
    pilotRow: (t, c) => `pilot (${t} / ${c})`,
    halfCityRow: 'halve stad, één jaar',
    power: (effect, none, withCovariates, r2) =>
      `Onderscheidend vermogen voor de gepubliceerde ${effect}: ${none} zonder covariaten, ${withCovariates} met R² = ${r2}.`,
    halfCityHeading: (perYear, effect) =>
      `## Een stad half zo groot als Den Haag (${perYear} cliënten in deciel 1 per jaar): benodigde cliënten voor ${effect} bij 80% onderscheidend vermogen`,
    columns: {
      allocation: 'verdeling',
      r2: 'R²',
      sizes: 'n behandeld / controle',
      total: 'totaal',
      years: 'jaren instroom',
    },
    participation: (options, current, r2) =>
      `Of, binnen één jaar: een verschil in deelname van ${options.join(' of ')} in plaats van ${current}, met R² = ${r2}.`,
    assumptions: (n) =>
      `tweezijdig α = 0,05, 80% onderscheidend vermogen, normale benadering met ongepoolde variantie; deciel 1 van Den Haag: ${n.nTreatment} behandeld / ${n.nControl} controle, aandeel controle ${n.controlRate}, verschil in deelname ${n.participationDifference}; covariaten R² = ${n.rSquared}; halve stad: ${n.perYear} cliënten in deciel 1 per jaar; beoogd effect ${n.effect} (gepubliceerd gecorrigeerd effect in maand 24, ${n.perParticipant} per deelnemer)`,
  },
};

/** The heading of the Dutch answer's assumptions line, and the English one. */
export const ASSUMPTIONS_LABEL: Texts = { en: 'Assumptions', nl: 'Aannames' };

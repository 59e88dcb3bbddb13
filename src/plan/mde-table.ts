/** One row of a minimum-detectable-effect table, formatted for Markdown (the `power` command). */
import {
  formatNumber,
  formatPercent,
  formatPp,
  formatPrecision,
  formatCount as formatWhole,
} from '../format.js';
import { type Language, numberStyleOf, type Texts } from '../language.js';
import type { MdeResult } from './power.js';
import type { MeansPowerResult } from './power-means.js';

/**
 * A client count: whole numbers with thousands separators, fractions with one decimal; in the
 * language's number style (default English).
 *
 * @example
 * formatCount(2965); // "2,965"
 * formatCount(489.5); // "489.5"
 * formatCount(2965, 'nl'); // "2.965"
 */
export function formatCount(n: number, lang: Language = 'en'): string {
  const style = numberStyleOf(lang);
  return Number.isInteger(n) ? formatWhole(n, style) : formatNumber(n, 1, style);
}

/** The column labels of the MDE and means tables, by language. */
const LABELS: Texts<Readonly<Record<string, string>>> = {
  en: {
    design: 'design',
    sizes: 'n treated / control',
    clusters: 'clusters treated / control',
    controlRate: 'control rate',
    r2: 'R2',
    itt: 'MDE (ITT)',
    perParticipant: 'MDE per participant',
    relative: 'relative to control',
    se: 'SE',
    sd: 'SD',
    designEffect: 'design effect',
    df: 'df',
    difference: 'difference (ITT)',
    perParticipantMeans: 'per participant',
    power: 'power',
  },
  nl: {
    design: 'ontwerp',
    sizes: 'n behandeld / controle',
    clusters: 'clusters behandeld / controle',
    controlRate: 'aandeel controle',
    r2: 'R²',
    itt: 'MDE (ITT)',
    perParticipant: 'MDE per deelnemer',
    relative: 'relatief t.o.v. controle',
    se: 'SE',
    sd: 'sd',
    designEffect: 'design-effect',
    df: 'vrijheidsgraden',
    difference: 'verschil (ITT)',
    perParticipantMeans: 'per deelnemer',
    power: 'onderscheidend vermogen',
  },
};

/**
 * An {@link MdeResult} as one labelled table row: sizes, control rate, R², the MDE as ITT, per
 * participant and relative to the control rate, and its standard error; labels and numbers in
 * the language (default English; Dutch: "−6,3 procentpunt", "41,5%").
 *
 * @example
 * markdownTable([mdeRow('pilot', minimumDetectableEffect({ controlRate: 0.415, nTreatment: 978, nControl: 240 }))]);
 */
export function mdeRow(label: string, m: MdeResult, lang: Language = 'en'): Record<string, string> {
  const l = LABELS[lang];
  const style = numberStyleOf(lang);
  return {
    [l.design!]: label,
    [l.sizes!]: `${formatCount(m.nTreatment, lang)} / ${formatCount(m.nControl, lang)}`,
    [l.controlRate!]: formatPercent(m.controlRate, 1, style),
    [l.r2!]: formatNumber(m.rSquared, 2, style),
    [l.itt!]: formatPp(m.itt, 1, false, style),
    [l.perParticipant!]: formatPp(m.perParticipant, 1, false, style),
    [l.relative!]: formatPercent(m.relative, 1, style),
    [l.se!]: formatPp(m.stdError, 2, false, style),
  };
}

/**
 * A {@link MeansPowerResult} as one labelled table row: sizes (and clusters), SD, design
 * effect, df, the difference in means (ITT and per participant, in the outcome's units), its SE
 * and the power; labels and numbers in the language (default English).
 *
 * @example
 * markdownTable([meansPowerRow('offices', powerTTest({ nTreatment: 500, nControl: 500, power: 0.8, clusters: { icc: 0.05, size: 25 } }))]);
 */
export function meansPowerRow(
  label: string,
  r: MeansPowerResult,
  lang: Language = 'en',
): Record<string, string> {
  const l = LABELS[lang];
  const style = numberStyleOf(lang);
  const p = (x: number) => formatPrecision(x, 4, style);
  const clusters: Record<string, string> =
    r.clustersTreatment === undefined
      ? {}
      : {
          [l.clusters!]: `${formatCount(r.clustersTreatment, lang)} / ${formatCount(r.clustersControl!, lang)}`,
        };
  return {
    [l.design!]: label,
    [l.sizes!]: `${formatCount(r.nTreatment, lang)} / ${formatCount(r.nControl, lang)}`,
    ...clusters,
    [l.sd!]: p(r.sd),
    [l.designEffect!]: p(r.designEffect),
    [l.df!]: p(r.df),
    [l.difference!]: p(r.delta),
    [l.perParticipantMeans!]: p(r.deltaPerParticipant),
    [l.se!]: p(r.stdError),
    [l.power!]: formatPercent(r.power, 1, style),
  };
}

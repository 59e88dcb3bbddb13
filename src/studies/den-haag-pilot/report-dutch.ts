/**
 * The pilot report's sentences in Dutch where the English ones come from below the report layer
 * (`impactSentences`, the significance, multiplicity and randomisation readings of
 * `report.ts`): the same numbers from the same result, written in Dutch with the Dutch number
 * style (decimal comma, "%" against the number, "procentpunt"). Terms from docs/glossary.md.
 */
import type { EffectSeries } from '../../analysis/effect-series.js';
import { clientCount } from '../../analysis/impact.js';
import type { SignificantMonths } from '../../analysis/significance.js';
import { formatCount, formatNumber, formatPEquals, formatPercent, formatPp } from '../../format.js';
import { numberStyleOf } from '../../language.js';
import type { RandomizationResult } from '../../plan/randomization-inference.js';
import { methodText } from '../../report/method-texts.js';
import { pAdjust } from '../../stats/multiplicity.js';
import type { Block } from '../../table/index.js';
import { ciText, ppText, shareText } from '../shared/report-language.js';
import type { PilotResult } from './report.js';

const NL = numberStyleOf('nl');
const pp = (x: number) => formatPp(x, 1, false, NL);
const num = (x: number, digits: number) => formatNumber(x, digits, NL);

/**
 * A significance reading in Dutch: "significant op 10% vanaf maand 12" (the level through the
 * one percent formatter, so "10%" without a space, as every Dutch percentage).
 *
 * @example
 * significanceTextNl({ level: 0.1, from: 12, first: 12, months: [12, 13] }) // "significant op 10% vanaf maand 12"
 */
export function significanceTextNl(
  s: Pick<SignificantMonths, 'level' | 'from' | 'first' | 'months'>,
): string {
  const level = formatPercent(s.level, 0, NL);
  if (s.from === null) {
    return s.first === null
      ? `in geen enkele maand significant op ${level}`
      : `significant op ${level} in maand ${s.months.join(', ')}, maar niet tot en met de laatste maand`;
  }
  return `significant op ${level} vanaf maand ${s.from}`;
}

/**
 * `multiplicityText` in Dutch: the readings are per month, and Holm's adjustment across the
 * months (the smallest adjusted p and how many months stay below 5%).
 *
 * @example
 * multiplicityTextNl(result.effects); // "Deze lezingen zijn per maand: … Holm-correctie …"
 */
export function multiplicityTextNl(effects: EffectSeries): string {
  const tested = effects.months.filter((m) => m.adjusted !== undefined && m.adjusted.stdError > 0);
  const head = 'Deze lezingen zijn per maand: elke maand is afzonderlijk getoetst.';
  if (tested.length < 2) return head;
  const holm = pAdjust(
    tested.map((m) => m.adjusted!.pValue),
    'holm',
  );
  const smallest = Math.min(...holm);
  const at = tested[holm.indexOf(smallest)]!.month;
  const below = holm.filter((p) => p < 0.05).length;
  const stay =
    below === 0
      ? 'blijft geen maand'
      : below === 1
        ? 'blijft één maand'
        : `blijven ${below} maanden`;
  return `${head} De ${tested.length} maanden zijn ${tested.length} samenhangende blikken op dezelfde cliënten; met de Holm-correctie over de maanden is de kleinste gecorrigeerde p-waarde ${num(smallest, 3)} (maand ${at}), en ${stay} onder ${formatPercent(0.05, 0, NL)}. Een simultane band over alle maanden: effectmeting analyze met methods.band "sup-t".`;
}

/**
 * `randomizationText` in Dutch: the randomisation p-values of the month-M effects beside the
 * asymptotic ones, the draws, the Monte Carlo SE and how the assignment was re-drawn.
 *
 * @example
 * randomizationTextNl(result.randomization); // "Randomisatie-inferentie in maand 24 (2.000 trekkingen, seed 1; …): …"
 */
export function randomizationTextNl(ri: RandomizationResult): string {
  const part = (name: string, s: RandomizationResult['itt']) =>
    `${name} p = ${num(s.pValue, 3)} (Monte Carlo-SE ${num(s.monteCarloSe, 3)}; asymptotisch ${num(s.pValueModel, 3)})`;
  const parts = [
    ...(ri.adjusted ? [part('gecorrigeerd effect', ri.adjusted)] : []),
    part('ongecorrigeerd verschil', ri.itt),
  ];
  const how = ri.exact
    ? `exact, alle ${formatCount(ri.draws, NL)} toewijzingen`
    : `${formatCount(ri.draws, NL)} trekkingen, seed ${JSON.stringify(ri.seed)}`;
  return `Randomisatie-inferentie in maand ${ri.month} (${how}; de scherpe nulhypothese van Fisher van geen effect voor enige cliënt, ${methodText(ri.design, 'nl')}): ${parts.join(', ')}.`;
}

/** "1 op 5": trajectories per prevented case in Dutch. */
function oneInNl(k: number): string {
  return k > 0 && Number.isFinite(k) ? `1 op ${Math.round(k)}` : 'geen voorkomen gevallen';
}

/**
 * The policy figures in Dutch (`impactSentences` of the analysis layer writes them in English):
 * expected flow-throughs without the service, prevented, relative reduction, trajectories per
 * prevented case and the instrumental-variable reading, each with its interval.
 *
 * @example
 * policyBlocksNl(result)[0]; // { kind: 'list', items: ['Verwachte doorstroom naar de bijstand zonder de dienst: …', …] }
 */
export function policyBlocksNl(r: Omit<PilotResult, 'toHTML'>): Block[] {
  const f = r.impact;
  const n = r.decileCounts.treatment;
  const controlRate = r.final.shareControl;
  const effect = r.final.adjusted;
  const level = formatPercent(f.level, 0, NL);
  const count = (x: number) => formatCount(clientCount(x), NL);
  const range = (ci: readonly [number, number]) =>
    `${level}-betrouwbaarheidsinterval ${count(ci[0])} tot ${count(ci[1])}`;
  const items = [
    `Verwachte doorstroom naar de bijstand zonder de dienst: ${formatCount(n, NL)} × ${formatPercent(controlRate, 2, NL)} = ${num(f.expected.value, 1)}, ≈ ${count(f.expected.value)} cliënten (${range(f.expected.ci)}).`,
    `Voorkomen: ${formatCount(n, NL)} × ${formatPercent(-effect, 2, NL)} = ${num(f.prevented.value, 1)}, ≈ ${count(f.prevented.value)} cliënten (${range(f.prevented.ci)})${
      f.prevented.value < 0 ? '; negatief: meer doorstroom met de dienst dan zonder' : ''
    }.`,
    `Relatieve vermindering: −effect / aandeel in de controlegroep = ${formatPercent(f.relativeReduction.value, 1, NL)} (${level}-betrouwbaarheidsinterval ${formatPercent(f.relativeReduction.ci[0], 1, NL)} tot ${formatPercent(f.relativeReduction.ci[1], 1, NL)}).`,
  ];
  const t = f.trajectoriesPerSuccess;
  if (t) {
    if (!(f.prevented.value > 0)) {
      items.push(
        `Trajecten per voorkomen geval: niet gedefinieerd, want de schatting voorkomt geen doorstroom (${formatCount(r.participants, NL)} cliënten kregen de dienst).`,
      );
    } else {
      const [lo, hi] = t.ci;
      const upper = Number.isFinite(hi)
        ? oneInNl(hi)
        : 'geen bovengrens (het interval van de voorkomen gevallen reikt tot 0)';
      items.push(
        `Trajecten per voorkomen geval: ${formatCount(r.participants, NL)} / ${num(f.prevented.value, 1)} = ${num(t.value, 1)}, ${oneInNl(t.value)} (${level}-betrouwbaarheidsinterval ${Number.isFinite(lo) ? oneInNl(lo) : '–'} tot ${upper}).`,
      );
    }
  }
  const c = r.complier;
  if (c) {
    const difference = r.participation.received.difference.estimate;
    const weak =
      r.complierFirstStageF !== undefined && r.complierFirstStageF < 10
        ? `; zwak instrument (F van de eerste stap = ${num(r.complierFirstStageF, 1)} < 10): het complier-effect is onbetrouwbaar`
        : '';
    items.push(
      `Lezing met een instrumentele variabele (complier-effect, 2SLS: ontvangen dienst geïnstrumenteerd met de loting): ${pp(c.estimate)} per deelnemer (SE ${pp(c.stdError)}, ${formatPercent(c.level, 0, NL)}-betrouwbaarheidsinterval ${pp(c.ci[0])} tot ${pp(c.ci[1])}, ${formatPEquals(c.pValue, NL)}); de verhouding ITT / verschil in deelname is ${pp(effect)} / ${pp(difference)} = ${num(effect / difference, 2)}${weak}.`,
    );
  }
  return [
    { kind: 'list', items },
    {
      kind: 'paragraph',
      text: `Intervallen: ${methodText(f.method, 'nl')}. Aantallen cliënten zijn afgerond op hele cliënten.`,
    },
  ];
}

/** "Deciel 1: 978 experiment, 240 control." (`decileSentence` in Dutch). */
export function decileSentenceNl(r: Omit<PilotResult, 'toHTML'>): string {
  const c = r.config;
  return `Deciel ${c.decile}: ${r.decileCounts.treatment} ${c.treatment}, ${r.decileCounts.control} ${c.control}.`;
}

/**
 * The summary's findings in Dutch, for the HTML and the Markdown report: the month-M shares and
 * raw difference, the adjusted effect, the first significant months, Holm's adjustment across
 * the months and the randomisation p-values.
 *
 * @example
 * summaryItemsNl(result)[0]; // "Maand 24: 34,3% van de groep experiment en 41,5% van de groep control …"
 */
export function summaryItemsNl(r: Omit<PilotResult, 'toHTML'>): string[] {
  const c = r.config;
  const f = r.final;
  const last = r.effects.months.at(-1)!;
  const adjusted = last.adjusted;
  return [
    `Maand ${f.month}: ${shareText(f.shareTreatment, 'nl')} van de groep ${c.treatment} en ${shareText(f.shareControl, 'nl')} van de groep ${c.control} stroomde door naar de bijstand; ongecorrigeerd verschil ${ppText(f.raw, 'nl')}${last.raw.stars} (95%-betrouwbaarheidsinterval ${ciText(last.raw.ci, 'nl')}, ${formatPEquals(last.raw.pValue, NL)}).`,
    ...(adjusted
      ? [
          `Gecorrigeerd effect in maand ${f.month}: ${ppText(adjusted.estimate, 'nl')}${adjusted.stars} (95%-betrouwbaarheidsinterval ${ciText(adjusted.ci, 'nl')}, ${formatPEquals(adjusted.pValue, NL)}).`,
        ]
      : []),
    `Het gecorrigeerde effect is ${significanceTextNl(r.significance.at10)}, en ${significanceTextNl(r.significance.at05)} (per maand getoetst).`,
    multiplicityTextNl(r.effects),
    randomizationTextNl(r.randomization),
  ];
}

/** Table 2's categories in Dutch (the data's labels are English, `PILOT_PARTICIPATION_CATEGORIES`). */
export const PARTICIPATION_LABELS_NL: Readonly<Record<string, string>> = {
  not_assessed: 'niet beoordeeld, geen gesprek',
  assessed_no_conversation: 'beoordeeld, geen gesprek',
  assessed_conversation: 'beoordeeld, gesprek',
  uwv_conversation: 'alleen een UWV-gesprek',
  three_way_conversation: 'een of meer driegesprekken (UWV, gemeente, cliënt)',
};

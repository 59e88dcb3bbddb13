/**
 * The texts of the planning output (`effectmeting power`) in English and Dutch: the sentences
 * around the MDE, sample-size and power tables, the simulation table, and the method texts of
 * `src/plan` in Dutch. The kernels describe their methods in English (their results, the JSON
 * included, are English everywhere); a Dutch text maps those phrases here, phrase by phrase, and
 * then turns the English numbers ("2,965", "0.05") into Dutch ones ("2.965", "0,05"). A phrase
 * without a Dutch rule stays English, so a new method text is never lost. Dutch terms follow
 * docs/glossary.md (onderscheidend vermogen, minimaal detecteerbaar effect, deelnemer).
 */
import { formatPercent, formatPp, markdownTable, NUMBER_STYLES } from '../format.js';
import type { Language, Texts } from '../language.js';
import type { SimulationResult } from './simulate.js';

const NL = NUMBER_STYLES.nl;

/** The Dutch phrases of the power, means and simulation method texts, longest first. */
const NL_RULES: readonly (readonly [RegExp, string])[] = [
  [
    /method 'r-compatible' \(as R power\.prop\.test, strict = FALSE\): /g,
    "methode 'r-compatible' (als R power.prop.test, strict = FALSE): ",
  ],
  [/method 'neyman': /g, "methode 'neyman': "],
  [/normal approximation, two-sided α = /g, 'normale benadering, tweezijdig α = '],
  [/pooled null variance/g, 'gepoolde variantie onder de nulhypothese'],
  [/unpooled \(Neyman\) variance/g, 'ongepoolde (Neyman-)variantie'],
  [/both rejection regions/g, 'beide verwerpingsgebieden'],
  [/one rejection region/g, 'één verwerpingsgebied'],
  [
    /covariate adjustment: variance × \(1 − R²\), R² = /g,
    'correctie voor kenmerken: variantie × (1 − R²), R² = ',
  ],
  [/n = ([\d.,]+) treated \/ ([\d.,]+) control/g, 'n = $1 behandeld / $2 controle'],
  [
    /two-sample t test \(noncentral t, as R power\.t\.test\), two-sided α = /g,
    't-toets voor twee steekproeven (niet-centrale t, als R power.t.test), tweezijdig α = ',
  ],
  [/df = n − 2 = /g, 'vrijheidsgraden = n − 2 = '],
  [
    /clusters of ([\d.,]+), design effect ([\d.,]+), Bell–McCaffrey \(CR2\) df = /g,
    'clusters van $1, design-effect $2, Bell–McCaffrey-(CR2-)vrijheidsgraden = ',
  ],
  // the simulation
  [
    /(\d+) replicates of the (\S+) model \(([\d.,]+) treated \/ ([\d.,]+) control, /g,
    '$1 herhalingen van het model $2 ($3 behandeld / $4 controle, ',
  ],
  [/(\S+) assignment, participation /g, 'toewijzing $1, deelname '],
  [/censoring ([\d.]+)\), /g, 'censurering $1), '],
  [
    /each analysed with effectSeries' estimators \(complete follow-up; raw: difference in shares, unpooled SE; adjusted: OLS, HC2, t test\)/g,
    'elk geanalyseerd met de schatters van effectSeries (volledige follow-up; ruw: verschil in aandelen, ongepoolde SE; gecorrigeerd: OLS, HC2, t-toets)',
  ],
  [/power at two-sided α = /g, 'onderscheidend vermogen bij tweezijdig α = '],
  [
    /coverage of the 95 % CI of the true population effect/g,
    'dekking van het 95%-BI van het ware populatie-effect',
  ],
  [/\(replicate r: /g, '(herhaling r: '],
];

/** English numbers in a text in Dutch style: "2,965.5" → "2.965,5", "0.05" → "0,05". */
function dutchNumbers(text: string): string {
  return text.replace(/\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+/g, (m) =>
    m.replace(/[.,]/g, (c) => (c === ',' ? '.' : ',')),
  );
}

/**
 * A method text of `src/plan` (power, means, simulation) in a language: English as it is;
 * Dutch phrase by phrase, numbers in Dutch style.
 *
 * @example
 * planMethodText('normal approximation, two-sided α = 0.05, unpooled (Neyman) variance', 'nl');
 * // "normale benadering, tweezijdig α = 0,05, ongepoolde (Neyman-)variantie"
 */
export function planMethodText(text: string, lang: Language = 'en'): string {
  if (lang === 'en') return text;
  return dutchNumbers(NL_RULES.reduce((t, [pattern, dutch]) => t.replace(pattern, dutch), text));
}

/** Every sentence of the `power` output in one language (numbers come in formatted). */
export interface PowerTexts {
  readonly design: string;
  readonly versus: (treatment: string, control: string) => string;
  readonly clientsNeeded: (effect: string, perParticipant: string, power: string) => string;
  readonly sizeColumns: {
    readonly treated: string;
    readonly control: string;
    readonly total: string;
    readonly power: string;
  };
  readonly powerFor: (effect: string, perParticipant: string, power: string) => string;
  readonly targetPower: (power: string) => string;
  readonly simulation: string;
  readonly pilotSimulation: string;
  readonly sampleSize: string;
  readonly detectable: (power: string) => string;
  readonly powerForEffect: string;
}

/** The `power` sentences in English (as the command always printed them) and Dutch. */
export const POWER_TEXTS: Texts<PowerTexts> = {
  en: {
    design: 'design',
    versus: (t, c) => `${t} vs ${c}`,
    clientsNeeded: (e, pp, power) =>
      `Clients needed to detect ${e} (ITT; ${pp} per participant) with ${power} power:`,
    sizeColumns: {
      treated: 'treated',
      control: 'control',
      total: 'total',
      power: 'power at these sizes',
    },
    powerFor: (e, pp, power) => `Power for ${e} (ITT; ${pp} per participant): ${power}.`,
    targetPower: (power) => `target power ${power}`,
    simulation: 'Simulation',
    pilotSimulation: 'Simulation of the pilot design',
    sampleSize: 'sample size',
    detectable: (power) => `detectable difference at ${power} power`,
    powerForEffect: 'power for --effect',
  },
  nl: {
    design: 'ontwerp',
    versus: (t, c) => `${t} tegen ${c}`,
    clientsNeeded: (e, pp, power) =>
      `Benodigde cliënten om ${e} (ITT; ${pp} per deelnemer) te vinden met ${power} onderscheidend vermogen:`,
    sizeColumns: {
      treated: 'behandeld',
      control: 'controle',
      total: 'totaal',
      power: 'onderscheidend vermogen bij deze aantallen',
    },
    powerFor: (e, pp, power) =>
      `Onderscheidend vermogen voor ${e} (ITT; ${pp} per deelnemer): ${power}.`,
    targetPower: (power) => `beoogd onderscheidend vermogen ${power}`,
    simulation: 'Simulatie',
    pilotSimulation: 'Simulatie van het ontwerp van de pilot',
    sampleSize: 'steekproefomvang',
    detectable: (power) => `detecteerbaar verschil bij ${power} onderscheidend vermogen`,
    powerForEffect: 'onderscheidend vermogen voor --effect',
  },
};

/**
 * The Markdown of a design simulation in a language: English is `sim.toMarkdown()` itself;
 * Dutch the same table (month, true effect, power, coverage, bias and SE of each estimator) with
 * Dutch labels and numbers, the first significant month and the method in Dutch.
 *
 * @example
 * simulationMarkdown(await simulateDesign(design, { replicates: 200 }), 'nl');
 * // "| maand | waar effect | vermogen ruw | …"
 */
export function simulationMarkdown(sim: SimulationResult, lang: Language = 'en'): string {
  if (lang === 'en') return sim.toMarkdown();
  const pct = (x: number) => formatPercent(x, 1, NL);
  const pp = (x: number, d = 1) => formatPp(x, d, false, NL);
  const rows = sim.months.map((m) => ({
    maand: m.month,
    'waar effect': pp(m.truth),
    'vermogen ruw': pct(m.raw.power),
    'dekking ruw': pct(m.raw.coverage),
    ...(m.adjusted
      ? {
          'vermogen gecorrigeerd': pct(m.adjusted.power),
          'vertekening gecorrigeerd': pp(m.adjusted.bias, 2),
          'dekking gecorrigeerd': pct(m.adjusted.coverage),
          'SE gecorrigeerd': pp(m.adjusted.empiricalSe, 2),
        }
      : {}),
  }));
  const f = sim.firstSignificant;
  const first = f.distribution.map((x) => `${x.month ?? 'nooit'}: ${pct(x.share)}`).join(', ');
  const which = f.which === 'adjusted' ? 'gecorrigeerd' : 'ruw';
  const alpha = dutchNumbers(String(f.alpha));
  return `${markdownTable(rows)}\n\nEerste maand met p < ${alpha} (${which}): ${first}.\n\n${planMethodText(sim.method, 'nl')}.\n`;
}

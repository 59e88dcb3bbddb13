/**
 * Method texts of the analysis layer in a report's language. `src/analysis`, `src/outcomes` and
 * `src/evaluate` describe their methods in English (their results are English everywhere, the
 * JSON included); a Dutch report maps those texts here, in the report layer, phrase by phrase.
 * The phrases are the fixed parts of the method texts `analyze` prints (complete follow-up,
 * the raw and adjusted effect, randomisation inference, heterogeneity, the complier effect);
 * a phrase without a Dutch rule stays English, so a new method text is never lost, only
 * untranslated until a rule is added. Decimal points become commas last.
 */
import type { Language } from '../language.js';

/**
 * One phrase rule: a pattern and its Dutch text (`$1` for a captured number or name), or a
 * function of the match where the Dutch depends on it (singular and plural).
 */
type Rule = readonly [RegExp, string | ((match: string, ...groups: string[]) => string)];

/** "1 maand" / "2 maanden", "1 vrijheidsgraad" / "3 vrijheidsgraden". */
const plural = (n: string, one: string, many: string) => `${n} ${n === '1' ? one : many}`;

/**
 * A count in the Dutch style: "54074" → "54.074". The thousands mark is written as U+E000 here
 * and becomes "." after the decimal points have become commas (see {@link methodText}).
 */
const THOUSANDS = '\uE000';
const dutchCount = (n: string) => n.replace(/\B(?=(\d{3})+$)/g, THOUSANDS);

/** A list of months: "maand 1" / "maanden 1, 2". */
const monthList = (list: string) => `${list.includes(',') ? 'maanden' : 'maand'} ${list}`;

/** The Dutch phrases, longest first where one contains another. */
const NL_RULES: readonly Rule[] = [
  // complete follow-up and the outflow curves
  [
    /share at month m among clients observed at least m months/g,
    'aandeel in maand m onder de cliënten die ten minste m maanden zijn gevolgd',
  ],
  [
    /at month m, clients observed at least m months/g,
    'in maand m de cliënten die ten minste m maanden zijn gevolgd',
  ],
  [/clients observed ≥ (\d+) months/g, 'cliënten ten minste $1 maanden gevolgd'],
  [/complete follow-up/g, 'volledige follow-up'],
  [/^complete$/g, 'volledige follow-up'],
  [/outcome = event by month m/g, 'uitkomst = gebeurtenis tot en met maand m'],
  [/Wilson (\d+(?:\.\d+)?) % interval/g, 'Wilson-$1%-interval'],
  [/binomial SE/g, 'binomiale SE'],
  // the raw effect
  [
    /Newcombe's \(1998\) hybrid score interval and the test inverting it in months with an expected count below 5/g,
    'het hybride score-interval van Newcombe (1998) en de toets die het omkeert in maanden met een verwacht aantal onder 5',
  ],
  [
    /Newcombe \(1998\) hybrid score interval, p-value inverting it/g,
    'hybride score-interval van Newcombe (1998), p-waarde door omkering ervan',
  ],
  // several arms (arm-contrasts.ts)
  [
    /difference in shares between the two arms \(first − second\)/g,
    'verschil in aandelen tussen de twee groepen (eerste − tweede)',
  ],
  [
    /Newcombe's \(1998\) hybrid score interval and the test inverting it where an expected count is below 5/g,
    'het hybride score-interval van Newcombe (1998) en de toets die het omkeert waar een verwacht aantal onder 5 ligt',
  ],
  [
    /one OLS linear probability model per month with every arm/g,
    'één OLS-lineair kansmodel per maand met alle groepen',
  ],
  [/y ~ arm dummies/g, "y ~ groepsdummy's"],
  [/\+ (\d+) covariate columns?/g, (_m, n) => `+ ${plural(n!, 'kenmerkkolom', 'kenmerkkolommen')}`],
  [/reference arm '([^']*)'/g, "referentiegroep '$1'"],
  [
    /contrast a − b = β_a − β_b with SE √\(c'Vc\) from the joint covariance of the arm coefficients \(a linear hypothesis\)/g,
    "contrast a − b = β_a − β_b met SE √(c'Vc) uit de gezamenlijke covariantie van de groepscoëfficiënten (een lineaire hypothese)",
  ],
  [/the contrast’s Satterthwaite df/g, 'de Satterthwaite-vrijheidsgraden van het contrast'],
  [/no covariate adjustment/g, 'geen correctie voor kenmerken'],
  [/p-values adjusted \(([\w-]+)\) across /g, 'p-waarden gecorrigeerd ($1) over '],
  [
    /the (\d+) contrasts within each month \(raw and adjusted estimates adjusted separately; not across months\)/g,
    'de $1 contrasten binnen elke maand (ruwe en gecorrigeerde schattingen afzonderlijk gecorrigeerd; niet over de maanden heen)',
  ],
  [
    /Few events at months? ([\d, ]+): an expected count below 5 in a pair of arms \(the raw interval there is Newcombe's unless rawInterval says otherwise\)/g,
    (_m, list) =>
      `Weinig gebeurtenissen in ${monthList(list!)}: een verwacht aantal onder 5 in een paar groepen (het ruwe interval is daar dat van Newcombe, tenzij rawInterval anders bepaalt)`,
  ],
  [/arm not '([^']*)' or '([^']*)'/g, "groep niet '$1' of '$2'"],
  [/arm not one of /g, 'groep niet een van '],
  [/no clients in arm '([^']*)'/g, "geen cliënten in groep '$1'"],
  [/missing outcome '([^']*)'/g, "uitkomst '$1' ontbreekt"],
  [/missing covariate \(([^)]*)\)/g, 'kenmerk ontbreekt ($1)'],
  [/^missing '([^']*)'/g, "'$1' ontbreekt"],
  [/'([^']*)' < (\d+) months/g, (_m, c, n) => `'${c}' < ${plural(n!, 'maand', 'maanden')}`],
  // the survival tests and the Cox regression
  [/log-rank test \(ρ = 0, as R survdiff\)/g, 'log-ranktoets (ρ = 0, als R survdiff)'],
  [/; (.+?) censor \(cause-specific\)/g, '; $1 als censurering (oorzaakspecifiek)'],
  [
    /Gray's test \(ρ = 0, as cmprsk cuminc\) of equal cumulative incidence of (\S+), competing: /g,
    'toets van Gray (ρ = 0, als cmprsk cuminc) op gelijke cumulatieve incidentie van $1, concurrerend: ',
  ],
  [/Cox regression \((\w+) ties\)/g, 'Cox-regressie (gelijke tijden: $1)'],
  [/robust \(dfbeta sandwich\) SE/g, 'robuuste SE (dfbeta-sandwich)'],
  [/model-based SE/g, 'modelgebaseerde SE'],
  [
    /Newton–Raphson did not converge in (\d+) iterations; estimates are unreliable \(a coefficient may be infinite\)/g,
    'Newton–Raphson is niet geconvergeerd in $1 iteraties; de schattingen zijn onbetrouwbaar (een coëfficiënt kan oneindig zijn)',
  ],
  [
    /difference in shares \(treatment − control\)/g,
    'verschil in aandelen (behandeling − controle)',
  ],
  [/difference in shares/g, 'verschil in aandelen'],
  // the time fractions (time-fractions.ts) and the naive comparison of Lee's bounds (lee-bounds.ts)
  [
    /mean over clients of time in state \/ '([^']*)'/g,
    "gemiddelde over de cliënten van de tijd in de toestand / '$1'",
  ],
  [/\bWelch t test\b/g, 't-toets van Welch'],
  [
    /difference in proportions of the selected/g,
    'verschil in proporties van de geselecteerde cliënten',
  ],
  [/difference in proportions/g, 'verschil in proporties'],
  [/unpooled \(Neyman\) SE/g, 'ongepoolde (Neyman-)SE'],
  [/unpooled SE/g, 'ongepoolde SE'],
  [
    /Few events at months? ([\d, ]+): an expected count below 5 in an arm, too few for large-sample tests \(the raw interval there is Newcombe's unless rawInterval says otherwise; read the adjusted p-values with care\)/g,
    (_m, list) =>
      `Weinig gebeurtenissen in ${monthList(list!)}: een verwacht aantal onder 5 in een groep, te weinig voor toetsen voor grote steekproeven (het ruwe interval is daar dat van Newcombe, tenzij rawInterval anders bepaalt; lees de gecorrigeerde p-waarden met voorzichtigheid)`,
  ],
  // the adjusted effect
  [/OLS linear probability model on treatment \+ /g, 'OLS-lineair kansmodel op behandeling + '],
  [/HC2 robust SE/g, 'HC2-robuuste SE'],
  [/HC2 SE/g, 'HC2-SE'],
  [/HC2 vcov/g, 'HC2-vcov'],
  [/two-sided tests, stars/g, 'tweezijdige toetsen, sterren'],
  [
    /two-sided t tests of the coefficients with HC2-robuuste SE on n − k df/g,
    'tweezijdige t-toetsen van de coëfficiënten met HC2-robuuste SE met n − k vrijheidsgraden',
  ],
  [/\bon n − k df/g, 'met n − k vrijheidsgraden'],
  [/\bon S − 1 df/g, 'met S − 1 vrijheidsgraden'],
  [/\bon (\d+) df/g, (_m, n) => `met ${plural(n!, 'vrijheidsgraad', 'vrijheidsgraden')}`],
  [/\bz test/g, 'z-toets'],
  [/\bt tests/g, 't-toetsen'],
  [/\bt test/g, 't-toets'],
  [
    /\bWald F test of the treatment × (.+?) interactions/g,
    'Wald-F-toets van de interacties behandeling × $1',
  ],
  [/\bF test/g, 'F-toets'],
  [/\braw: /g, 'ruw: '],
  [/\badjusted: /g, 'gecorrigeerd: '],
  [/\bregression\b/g, 'regressie'],
  // randomisation inference
  [
    /randomisation inference under the sharp null of no effect for any client/g,
    'randomisatie-inferentie onder de scherpe nulhypothese van geen effect voor enige cliënt',
  ],
  [/outcomes at month (\d+)/g, 'uitkomsten in maand $1'],
  [/held fixed/g, 'vastgehouden'],
  [
    /the assignment re-drawn over all (\d+) clients of the two arms/g,
    'de toewijzing opnieuw getrokken over alle $1 cliënten van beide groepen',
  ],
  [
    /statistic: studentised ITT \((?:unpooled|ongepoolde) SE\) and studentised adjusted effect/g,
    'toetsgrootheid: gestudentiseerde ITT (ongepoolde SE) en gestudentiseerd gecorrigeerd effect',
  ],
  [/statistic: studentised ITT/g, 'toetsgrootheid: gestudentiseerde ITT'],
  [/\(1 \+ count\)/g, '(1 + aantal)'],
  [/studentised adjusted effect/g, 'gestudentiseerd gecorrigeerd effect'],
  [/Monte-Carlo p-value/g, 'Monte-Carlo-p-waarde'],
  [
    /complete randomisation: the realised arm sizes re-dealt over the clients/g,
    'volledige randomisatie: de gerealiseerde groepsgroottes opnieuw verdeeld over de cliënten',
  ],
  [
    /(\d+) of (\d+) clients treated/g,
    (_m, a, b) => `${dutchCount(a!)} van ${dutchCount(b!)} cliënten behandeld`,
  ],
  [
    /BSN parity: the arm is a fixed function of the BSN, so the BSN itself cannot be re-randomised; the last digit is treated as a uniform draw unrelated to the outcomes \(what the audit and the balance table support but cannot prove\), so each client is re-assigned to the odd arm with probability ½ independently, arm sizes random as in the real design/g,
    'BSN-pariteit: de groep is een vaste functie van het BSN, dus het BSN zelf kan niet opnieuw worden gerandomiseerd; het laatste cijfer wordt behandeld als een gelijkmatige trekking die los staat van de uitkomsten (wat de controle van de toewijzing en de balanstabel ondersteunen maar niet bewijzen), dus elke cliënt wordt onafhankelijk met kans ½ opnieuw aan de oneven groep toegewezen, met groepsgroottes die toevallig zijn zoals in het echte ontwerp',
  ],
  // the complier effect
  [/complier \(local average\) effect/g, 'complier-effect (lokaal gemiddeld effect)'],
  [/received service/g, 'ontvangen dienst'],
  [/instrumented by random assignment/g, 'geïnstrumenteerd met de loting'],
  [/first stage received ~ assignment/g, 'eerste stap ontvangen ~ toewijzing'],
  [/ and ITT outcome ~ assignment by OLS/g, ' en ITT uitkomst ~ toewijzing met OLS'],
  [
    /complier effect by 2SLS \(as estimatr iv_robust\)/g,
    'complier-effect met 2SLS (als estimatr iv_robust)',
  ],
  [/each without and with covariates/g, 'elk zonder en met kenmerken'],
  [
    /first-stage F = robust Wald test of assignment/g,
    'F van de eerste stap = robuuste Wald-toets van de toewijzing',
  ],
  [/weak instrument when F < (\d+)/g, 'zwak instrument als F < $1'],
  [/\bsample: /g, 'steekproef: '],
  [/volledige follow-up at month (\d+)/g, 'volledige follow-up in maand $1'],
  [/y = 1 when/g, 'y = 1 als'],
  [/\bstars: /g, 'sterren: '],
  [/p-values/g, 'p-waarden'],
  [/(\d+) months\b/g, '$1 maanden'],
  // the outcomes of the study reports
  [/job-finding = first job by month m/g, 'werkhervatting = eerste baan tot en met maand m'],
  [
    /WW reliance at month m = share still on WW = 1 − share that left WW by month m, so its effect is minus the effect on WW exit/g,
    'nog in de WW in maand m = 1 − aandeel dat de WW tot en met maand m verliet, dus het effect is min het effect op uitstroom uit de WW',
  ],
  [
    /sample ratio: chi-square goodness of fit against /g,
    'groepsverhouding: chikwadraattoets tegen ',
  ],
  [/(\d) %/g, '$1%'],
  // participation and the policy figures
  [
    /share of each arm's clients \(with a recorded '([^']*)'\) per category, groups include their sub-categories/g,
    "aandeel van de cliënten van elke groep (met een vastgelegde '$1') per categorie, groepen omvatten hun subcategorieën",
  ],
  [/received service = /g, 'ontvangen dienst = '],
  [/ or (?=[a-z_]+;)/g, ' of '],
  [/two-sided, stars /g, 'tweezijdig, sterren '],
  [
    /normal-approximation intervals: linear figures scale the SEs; relative reduction by the delta method \(/g,
    'intervallen bij normale benadering: lineaire cijfers schalen de SE’s; relatieve vermindering met de deltamethode (',
  ],
  [
    /covariance of effect and control rate not given: treated as independent/g,
    'covariantie van effect en controleaandeel niet gegeven: als onafhankelijk behandeld',
  ],
  [
    /with the covariance of effect and control rate/g,
    'met de covariantie van effect en controleaandeel',
  ],
  [
    /trajectories per success by inverting the interval of prevented cases/g,
    'trajecten per succes door omkering van het interval van de voorkomen gevallen',
  ],
  // the balance tests
  [/Pearson chi-square test of independence/g, 'Pearson-chikwadraattoets op onafhankelijkheid'],
  [/Welch two-sample t-toets/g, 'Welch-t-toets voor twee steekproeven'],
  [/^numeric$/g, 'numeriek'],
];

/**
 * A method text of the analysis layer in a language: English as it is; Dutch by the phrase rules
 * above (fixed phrases translated, names and numbers kept, decimal points as commas), phrases
 * without a rule left in English.
 *
 * @example
 * methodText('complete follow-up: share at month m among clients observed at least m months', 'nl');
 * // "volledige follow-up: aandeel in maand m onder de cliënten die ten minste m maanden zijn gevolgd"
 */
export function methodText(text: string, lang: Language = 'en'): string {
  if (lang === 'en') return text;
  let out = text;
  for (const [pattern, replacement] of NL_RULES) {
    out =
      typeof replacement === 'string'
        ? out.replace(pattern, replacement)
        : out.replace(pattern, (match: string, ...groups: unknown[]) =>
            replacement(match, ...groups.filter((g): g is string => typeof g === 'string')),
          );
  }
  // decimal points between digits (0.05, 0.20) become commas; "(1998)" and names are untouched
  return out.replace(/(\d)\.(\d)/g, '$1,$2').replaceAll(THOUSANDS, '.');
}

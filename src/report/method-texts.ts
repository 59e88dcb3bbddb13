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

/** One phrase rule: a pattern and its Dutch text (`$1` for a captured number or name). */
type Rule = readonly [RegExp, string];

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
  [
    /difference in shares \(treatment − control\)/g,
    'verschil in aandelen (behandeling − controle)',
  ],
  [/difference in shares/g, 'verschil in aandelen'],
  [/difference in proportions/g, 'verschil in proporties'],
  [/unpooled \(Neyman\) SE/g, 'ongepoolde (Neyman-)SE'],
  [/unpooled SE/g, 'ongepoolde SE'],
  [
    /Few events at month (\d+): an expected count below 5 in an arm, too few for large-sample tests \(the raw interval there is Newcombe's unless rawInterval says otherwise; read the adjusted p-values with care\)/g,
    'Weinig gebeurtenissen in maand $1: een verwacht aantal onder 5 in een groep, te weinig voor toetsen voor grote steekproeven (het ruwe interval is daar dat van Newcombe, tenzij rawInterval anders bepaalt; lees de gecorrigeerde p-waarden met voorzichtigheid)',
  ],
  // the adjusted effect
  [
    /OLS linear probability model on treatment \+ (\d+) covariate columns/g,
    'OLS-lineair kansmodel op behandeling + $1 kenmerkkolommen',
  ],
  [/HC2 robust SE/g, 'HC2-robuuste SE'],
  [/HC2 SE/g, 'HC2-SE'],
  [/HC2 vcov/g, 'HC2-vcov'],
  [/two-sided tests, stars/g, 'tweezijdige toetsen, sterren'],
  [
    /two-sided t tests of the coefficients with HC2-robuuste SE on n − k df/g,
    'tweezijdige t-toetsen van de coëfficiënten met HC2-robuuste SE met n − k vrijheidsgraden',
  ],
  [/\bon n − k df/g, 'met n − k vrijheidsgraden'],
  [/\bon (\d+) df/g, 'met $1 vrijheidsgraden'],
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
  [/statistic: studentised ITT/g, 'toetsgrootheid: gestudentiseerde ITT'],
  [/studentised adjusted effect/g, 'gestudentiseerd gecorrigeerd effect'],
  [/Monte-Carlo p-value/g, 'Monte-Carlo-p-waarde'],
  [
    /complete randomisation: the realised arm sizes re-dealt over the clients/g,
    'volledige randomisatie: de gerealiseerde groepsgroottes opnieuw verdeeld over de cliënten',
  ],
  [/(\d+) of (\d+) clients treated/g, '$1 van $2 cliënten behandeld'],
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
  for (const [pattern, replacement] of NL_RULES) out = out.replace(pattern, replacement);
  // decimal points between digits (0.05, 0.20) become commas; "(1998)" and names are untouched
  return out.replace(/(\d)\.(\d)/g, '$1,$2');
}

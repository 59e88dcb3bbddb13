/**
 * The sentences a review's data carry (its title, how the scores were obtained, the evaluation
 * sample, the methods, separation notes, drift levels, subgroup notes, warnings, the fairness
 * metrics' names) in a language. The review itself, and its JSON, are English in every
 * language; its Dutch document is written from these, rebuilt from the review's numbers and
 * config. English returns the review's own text unchanged. A warning without a Dutch rule (one
 * from the logistic fit) stays English. Dutch terms follow docs/glossary.md.
 */
import { formatGeneral } from '../format.js';
import { type Language, numberStyleOf } from '../language.js';
import type { PsiResult } from './drift.js';
import { FAIRNESS_METRICS, type FairnessMetricName } from './fairness.js';
import type { FlaggedLevel, SeparationReport } from './model.js';
import type { ScanReviewData } from './review.js';
import { reviewFormat } from './review-format.js';

const NL = numberStyleOf('nl');
const count = (x: number) => formatGeneral(x, 4, NL);

const DRIFT_LEVELS: Readonly<Record<PsiResult['level'], string>> = {
  stable: 'stabiel',
  moderate: 'matig',
  large: 'groot',
};

/**
 * A PSI level ("stable", "moderate", "large") in a language.
 *
 * @example
 * driftLevelText('moderate', 'nl') // "matig"
 */
export function driftLevelText(level: PsiResult['level'], lang: Language = 'en'): string {
  return lang === 'en' ? level : DRIFT_LEVELS[level];
}

const FAIRNESS_NL: Readonly<Record<FairnessMetricName, { label: string; criterion: string }>> = {
  selectionRate: { label: 'selectiegraad', criterion: 'demografische pariteit' },
  truePositiveRate: { label: 'terecht-positiefratio', criterion: 'gelijke kansen' },
  positivePredictiveValue: {
    label: 'positief voorspellende waarde',
    criterion: 'voorspellende pariteit',
  },
  falsePositiveRate: { label: 'fout-positiefratio', criterion: 'gelijke fout-positiefratio’s' },
};

/**
 * The name and fairness criterion of a fairness metric in a language (English: `FAIRNESS_METRICS`).
 *
 * @example
 * fairnessText('truePositiveRate', 'nl') // { label: 'terecht-positiefratio', criterion: 'gelijke kansen' }
 */
export function fairnessText(
  name: FairnessMetricName,
  lang: Language = 'en',
): { readonly label: string; readonly criterion: string } {
  if (lang === 'nl') return FAIRNESS_NL[name];
  const m = FAIRNESS_METRICS.find((x) => x.name === name)!;
  return { label: m.label, criterion: m.criterion };
}

const REASONS_NL: Readonly<Record<FlaggedLevel['reason'], string>> = {
  'no cases': 'geen gevallen',
  'only cases': 'alleen gevallen',
  rare: 'zeldzaam',
};

/**
 * The note of a separation report in a language: which levels were separated or rare and what
 * the fit did about it (English: the report's own `note`).
 *
 * @example
 * separationNoteText(review.separation!, 'nl') // "municipality = Zwolle (43 cliënten, 0 gevallen: geen gevallen): opnieuw geschat met …"
 */
export function separationNoteText(s: SeparationReport, lang: Language = 'en'): string {
  if (lang === 'en') return s.note;
  if (s.levels.length === 0 && !s.maximumLikelihoodProblem) {
    return 'geen niveau van een factor scheidt de uitkomst of is zeldzaam; maximum-likelihoodschatting';
  }
  const named = s.levels
    .map(
      (l) =>
        `${l.feature} = ${l.level} (${count(l.clients)} ${l.clients === 1 ? 'cliënt' : 'cliënten'}, ${count(l.cases)} ${l.cases === 1 ? 'geval' : 'gevallen'}: ${REASONS_NL[l.reason]})`,
    )
    .join('; ');
  const what = named || 'maximum likelihood gaf geschatte kansen van 0 of 1';
  if (s.fit === 'firth') {
    return `${what}: opnieuw geschat met Firths gepenaliseerde likelihood (eindige coëfficiënten; maximum likelihood zou naar ±∞ weglopen)`;
  }
  if (s.fit === 'pooled') {
    const names = /pooled with the reference level of their factor \((.*?)\)(;|$)/.exec(
      s.note,
    )?.[1];
    const firth = s.note.includes("fitted with Firth's penalised likelihood");
    return `${what}: samengevoegd met het referentieniveau van hun factor (${names === undefined || names === 'none' ? 'geen' : names})${firth ? '; geschat met Firths gepenaliseerde likelihood, omdat er separatie overbleef' : ''}`;
  }
  return `${what}: maximum-likelihoodschatting behouden (separation: none); deze coëfficiënten zijn niet zinvol`;
}

/**
 * A subgroup row's note ("no AUC: no cases") in a language.
 *
 * @example
 * subgroupNoteText('no AUC: only cases', 'nl') // "geen AUC: alleen gevallen"
 */
export function subgroupNoteText(note: string, lang: Language = 'en'): string {
  if (lang === 'en') return note;
  return note
    .replaceAll('no AUC: ', 'geen AUC: ')
    .replaceAll('no cases', 'geen gevallen')
    .replaceAll('only cases', 'alleen gevallen')
    .replaceAll('constant score', 'constante score');
}

/**
 * A review warning in a language; one without a Dutch rule (from the logistic fit) stays English.
 *
 * @example
 * reviewWarningText('weekly re-scoring skipped: it needs a scan model with the feature ww_months_left (not external scores)', 'nl')
 * // "wekelijkse herscoring overgeslagen: …"
 */
export function reviewWarningText(warning: string, lang: Language = 'en'): string {
  if (lang === 'en') return warning;
  const skipped =
    /^subgroup and fairness checks by (.*) skipped: no such column in the (.*) data$/.exec(warning);
  if (skipped) {
    return `subgroep- en fairnesscontroles naar ${skipped[1]} overgeslagen: geen zulke kolom in de gegevens van ${skipped[2]}`;
  }
  if (warning.startsWith('weekly re-scoring skipped:')) {
    return 'wekelijkse herscoring overgeslagen: daarvoor is een scanmodel met het kenmerk ww_months_left nodig (geen externe scores)';
  }
  const aliased = /^aliased terms dropped: (.*)$/.exec(warning);
  if (aliased) return `samenvallende termen weggelaten: ${aliased[1]}`;
  return warning;
}

/**
 * The review's title in a language.
 *
 * @example
 * reviewTitleText(review, 'nl') // "Jaarlijkse review van de risicoscan (Maatwerkscan): 2024 tegenover 2023"
 */
export function reviewTitleText(r: ScanReviewData, lang: Language = 'en'): string {
  if (lang === 'en') return r.title;
  return `Jaarlijkse review van de risicoscan (Maatwerkscan): ${r.current.label} tegenover ${r.previous.label}`;
}

/**
 * How the scores were obtained, in a language (English: the review's `scoring`).
 *
 * @example
 * reviewScoringText(review, 'nl') // "een logistische regressie (IRLS, als glm binomial in R) van 'bijstand' op …"
 */
export function reviewScoringText(r: ScanReviewData, lang: Language = 'en'): string {
  if (lang === 'en') return r.scoring;
  const config = r.config;
  if (config.scoreColumn !== null) {
    return `externe scores uit kolom '${config.scoreColumn}' (kansen), in beide jaren gebruikt zoals gegeven`;
  }
  if (config.coefficients !== null) {
    return `de scan in gebruik, uit de coëfficiënten in de config (${r.model?.terms.length ?? 0} termen), toegepast op beide jaren`;
  }
  const firth = r.model?.source.startsWith("Firth's") ?? false;
  const kind =
    r.separation?.fit === 'ml' || !firth
      ? 'een logistische regressie (IRLS, als glm binomial in R)'
      : 'Firths gepenaliseerde logistische regressie';
  // The fit's counts as the English text states them (the clients the scan was fitted on).
  const counts = /\(([\d,]+) clients, ([\d,]+) cases\) and applied/.exec(r.scoring);
  const n = counts ? Number(counts[1]!.replaceAll(',', '')) : r.previous.n;
  const cases = counts ? Number(counts[2]!.replaceAll(',', '')) : r.previous.cases;
  const p = r.previous.label;
  const c = r.current.label;
  return `${kind} van '${config.outcome}' op ${[...config.numericFeatures, ...config.factorFeatures].join(', ')} (numerieke kenmerken lineair, factoren met dummyvariabelen), geschat op ${p} (${count(n)} cliënten, ${count(cases)} gevallen) en ongewijzigd toegepast op ${c}: de cijfers van ${p} zijn in-sample (kalibratie perfect per constructie, niet beoordeeld), die van ${c} een out-of-sample validatie`;
}

/**
 * The evaluation sample's sentence in a language (English: `evaluation.statement`).
 *
 * @example
 * reviewEvaluationText(review, 'nl') // "Elke cliënt wordt beoordeeld: …"
 */
export function reviewEvaluationText(r: ScanReviewData, lang: Language = 'en'): string {
  const e = r.evaluation;
  if (lang === 'en') return e.statement;
  if (e.serviceColumn === null) {
    return 'Elke cliënt wordt beoordeeld: de gegevens noemen geen dienstverlening of controlegroep (serviceColumn in de config). Cliënten die de scan selecteerde, zijn mogelijk uitgenodigd en geholpen, wat hun waargenomen uitkomst verlaagt; vangst en kalibratie onderschatten dan hoe goed de scan cliënten vindt die zonder hulp in de bijstand zouden zijn gekomen.';
  }
  const all = (k: { kept: number; excluded: number }) => count(k.kept + k.excluded);
  return `De dienstverlening waarvoor de scan selecteert, verandert de uitkomst van de cliënten die ze bereikt; daarom wordt de scan alleen geschat en beoordeeld op cliënten zonder die dienstverlening ('${e.serviceColumn}' = ${e.untreatedValues.join(' of ')}): ${count(e.current.kept)} van ${all(e.current)} cliënten in ${r.current.label} en ${count(e.previous.kept)} van ${all(e.previous)} in ${r.previous.label}; ${count(e.current.excluded + e.previous.excluded)} cliënten die haar kregen, blijven buiten beschouwing.`;
}

/**
 * The methods section in a language: one statement per topic (English: the review's `methods`).
 *
 * @example
 * reviewMethodsText(review, 'nl')[0] // { topic: 'Scores', text: 'een logistische regressie …' }
 */
export function reviewMethodsText(
  r: ScanReviewData,
  lang: Language = 'en',
): readonly { readonly topic: string; readonly text: string }[] {
  if (lang === 'en') return r.methods;
  const config = r.config;
  const t = config.thresholds;
  const f = reviewFormat('nl');
  const level = f.pct(config.level, 0);
  const groups = config.subgroups.join(', ');
  const [flo, fhi] = t.fairnessRatioRange;
  return [
    { topic: 'Scores', text: reviewScoringText(r, 'nl') },
    {
      topic: 'Decielen en vangst',
      text: 'Cliënten worden gerangschikt naar score, de hoogste eerst. Vangst in de top q = aandeel van alle gevallen onder de eerste q·n cliënten (gelijke scores op de grens worden gelijk verdeeld: de verwachte vangst bij willekeurige volgorde van gelijke scores). De gains-tabel deelt de rangschikking op dezelfde manier in tienden; lift = vangst / q. Risicodeciel van een cliënt: 1 + ⌊10·r/n⌋, r = aantal cliënten met een strikt hogere score (cliënten met gelijke score delen een deciel).',
    },
    {
      topic: 'Onderscheidend vermogen',
      text: `AUC (Mann–Whitney, gelijke scores tellen ½, richting: gevallen scoren hoger) met de variantie van DeLong, DeLong & Clarke-Pearson (1988); ${level}-Wald-interval. Vangst: Wilson-interval op het aandeel gevangen gevallen van het jaar, gegeven de selectiedrempel (de steekproefvariatie van de drempel zelf is niet meegenomen). De herschatting op het huidige jaar wordt met de scan vergeleken op dezelfde cliënten met de gepaarde DeLong-toets (z); twee jaren met de ongepaarde DeLong-toets met de t-verdeling van pROC op Welch–Satterthwaite-vrijheidsgraden. Waargenomen percentage: Wilson-interval; W/V: W/V·exp(±z/√W) (waargenomen aantal Poisson); Brier: gemiddelde ± z·sd/√n.`,
    },
    {
      topic: 'Kalibratie',
      text: 'Waargenomen tegenover gemiddeld voorspeld per risicodeciel. Kalibratie-intercept a uit logit P(y = 1) = a + logit p (helling vast op 1; 0 is ideaal); kalibratiehelling b uit logit P(y = 1) = a′ + b·logit p (1 is ideaal; onder 1: voorspellingen te extreem). Brier-score = gemiddelde (p − y)², geschaald ten opzichte van het waargenomen percentage. Hosmer–Lemeshow (1980) Ĉ over de tien risicodecielen, χ² met 8 vrijheidsgraden (bij deze steekproefomvang vindt de toets al een kleine misfit; lees hem samen met de decieltabel).',
    },
    {
      topic: 'Drift',
      text: `Population stability index PSI = Σ (a − e)·ln(a/e) over klassen van het vorige jaar (e) en het huidige jaar (a): categorieën van tekstkenmerken, de verschillende waarden van numerieke kenmerken met hooguit 10 daarvan, anders de decielen van het vorige jaar; een lege klasse telt als een halve cliënt. < ${f.raw(0.1)} stabiel, ${f.raw(0.1)}–${f.raw(0.25)} matig, > ${f.raw(0.25)} groot. Veranderingen in de vangst: verschil van twee onafhankelijke proporties (ongepoolde SE, z-toets); in de AUC: ongepaarde DeLong-toets; in het waargenomen percentage: z-toets voor twee proporties.`,
    },
    {
      topic: 'Subgroepen',
      text: `Voor elk niveau van ${groups} (huidig jaar): het aandeel van de gevallen van de groep in de landelijke top 10% (vangst, binomiale SE), het aandeel van de groep dat geselecteerd is, de AUC binnen de groep (DeLong), waargenomen/verwachte gevallen en het kalibratie-intercept binnen de groep. Elk niveau wordt vergeleken met een referentie (de grootste groep, tenzij anders ingesteld) met z-toetsen voor onafhankelijke groepen. Subgroepen met minder dan ${t.subgroupMinCases} gevallen worden getoond maar niet gesignaleerd.`,
    },
    {
      topic: 'Fairness',
      text: `Voor elk niveau van ${groups} waar aanwezig (huidig jaar), voor de selectie "landelijke top 10%": selectiegraad (demografische pariteit), terecht-positiefratio = aandeel van de gevallen van de groep dat geselecteerd is (gelijke kansen), positief voorspellende waarde = aandeel gevallen onder de geselecteerden van de groep (voorspellende pariteit) en fout-positiefratio = aandeel van de niet-gevallen van de groep dat geselecteerd is, elk met een Wilson-interval en de verhouding tot de waarde over iedereen (interval met de deltamethode op de log-verhouding); een verhouding buiten ${f.pair(f.raw(flo), f.raw(fhi))} wordt gesignaleerd, getoetst als de groep tegenover alle andere cliënten (z-toets).`,
    },
    {
      topic: 'Beoordeelde cliënten',
      text:
        config.serviceColumn === null
          ? 'Alle cliënten (geen kolom voor de dienstverlening ingesteld): cliënten die de scan selecteerde, zijn mogelijk geholpen, wat hun uitkomst verlaagt; waar de gegevens een controlegroep of een deelnamekolom hebben, stel serviceColumn in, zodat de scan wordt geschat en beoordeeld op cliënten die de dienstverlening niet kregen.'
          : `Alleen cliënten met '${config.serviceColumn}' = ${config.untreatedValues.join(' of ')} (geen dienstverlening) worden geschat en beoordeeld: de dienstverlening verandert de uitkomst van de cliënten die ze bereikt.`,
    },
    {
      topic: 'Separatie',
      text: `Een niveau van een factor zonder gevallen of met alleen gevallen (quasi-volledige separatie: geen eindige maximum-likelihoodcoëfficiënt) of met minder dan ${config.rareLevelMinCases} van een van beide (zeldzaam) wordt genoemd; ${config.separation === 'firth' ? 'het model wordt dan geschat met Firths gepenaliseerde likelihood (Firth 1993; Heinze & Schemper 2002), die elke coëfficiënt eindig houdt' : config.separation === 'pool' ? 'zulke niveaus worden samengevoegd met het referentieniveau van hun factor (en zo gescoord)' : 'de maximum-likelihoodschatting blijft staan (separation: none)'}.`,
    },
    {
      topic: 'Wekelijkse herscoring',
      text: 'De scan wordt elke week opnieuw gedraaid: de resterende maanden WW dalen met 12/52 per week (het scoren stopt als de WW eindigt), dus de score van een cliënt stijgt naarmate het einde nadert. Elke cliënt van het huidige jaar wordt het ingestelde aantal weken opnieuw gescoord, met de andere kenmerken vast, tegen de topdecieldrempel van het vorige jaar; getoond: cliënten in het topdeciel per week en de week waarin ze er voor het eerst in komen.',
    },
    {
      topic: 'Signalen',
      text: `Een getal wordt gesignaleerd als de puntschatting buiten de ingestelde drempel ligt (zie de config). Status: voldoet niet als het hele interval voorbij de drempel ligt, aandacht als alleen de puntschatting dat doet; Hosmer–Lemeshow geeft hooguit aandacht. Subgroep- en fairnesssignalen worden getoetst (p-waarden van hun vergelijkingen), met Holm-correctie over alle samen: voldoet niet als de gecorrigeerde p onder ${f.raw(t.findingAlpha)} ligt (een bevinding), anders aandacht — zodat veel signalen niet als veel bevindingen lezen. De kalibratie van het vorige jaar wordt niet beoordeeld als de scan erop geschat is (in-sample).`,
    },
  ];
}

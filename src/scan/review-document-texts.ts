/**
 * The texts of the review's document (`review-document.ts`) in English and Dutch: headings,
 * column labels, chart captions and the sentences the document writes around its numbers.
 * Numbers come in already formatted in the language's style (`review-format.ts`). Dutch terms
 * follow docs/glossary.md: vangst (capture), kalibratie, gains en lift, BI
 * (betrouwbaarheidsinterval), signaal (flag), herschatting (refit); AUC, PSI, SE, Brier and
 * Hosmer–Lemeshow keep their names.
 */
import type { Texts } from '../language.js';
import type { CheckStatus } from './review-checks.js';

/** The review's four charts. */
export type ReviewChartName = 'gains' | 'calibration' | 'drift' | 'subgroups';

/** Every text of the review's document in one language. */
export interface ReviewDocumentTexts {
  readonly charts: Readonly<Record<ReviewChartName, { alt: string; caption: string }>>;
  readonly status: Readonly<Record<CheckStatus, string>>;
  readonly synthetic: string;
  readonly clientsLine: (
    current: string,
    n: string,
    cases: string,
    rate: string,
    previous: string,
    pn: string,
    pcases: string,
    prate: string,
  ) => string;
  readonly scores: (scoring: string) => string;
  readonly evaluation: (statement: string) => string;
  readonly verdict: string;
  readonly outOfSampleFitted: (previous: string) => string;
  readonly sampleWord: (sample: 'in-sample' | 'out-of-sample' | 'external') => string;
  readonly verdictIntro: (label: string, sample: string, counts: string, level: string) => string;
  readonly check: string;
  readonly figure: string;
  readonly ci: (level: string) => string;
  readonly threshold: string;
  readonly statusColumn: string;
  readonly words: string;
  readonly summary: string;
  readonly metrics: {
    readonly capture: (q: string) => string;
    readonly auc: string;
    readonly observedRate: string;
    readonly meanPredicted: string;
    readonly topDecileThreshold: string;
    readonly shareBelow: (cutoff: string) => string;
    readonly observedExpected: string;
    readonly intercept: string;
    readonly slope: string;
    readonly brier: string;
    readonly psiScore: string;
  };
  readonly metric: string;
  readonly inSample: string;
  readonly outOfSample: string;
  readonly inSampleByConstruction: (figure: string) => string;
  readonly change: string;
  readonly flags: (n: number, fail: number, attention: number) => string;
  readonly noFlags: string;
  readonly warnings: string;
  readonly discrimination: string;
  readonly year: string;
  readonly ciDeLong: (level: string) => string;
  readonly ciWilson: (level: string) => string;
  readonly cases: string;
  readonly nonCases: string;
  readonly captureTop: (q: string) => string;
  readonly changeLine: (
    current: string,
    previous: string,
    auc: string,
    df: string,
    p: string,
    c10: string,
    p10: string,
    c20: string,
    p20: string,
  ) => string;
  readonly to: string;
  readonly gains: string;
  readonly decile: string;
  readonly clients: string;
  readonly observedRate: string;
  readonly meanScore: string;
  readonly cumulativeCapture: string;
  readonly cumulativeLift: string;
  readonly decileLift: string;
  readonly calibration: string;
  readonly observedExpected: string;
  readonly interceptCi: (level: string) => string;
  readonly slopeCi: (level: string) => string;
  readonly brier: string;
  readonly scaledBrier: string;
  readonly df: string;
  readonly perDecile: (label: string) => string;
  readonly observed: string;
  readonly expected: string;
  readonly meanPredicted: string;
  readonly oe: string;
  readonly drift: (previous: string, current: string) => string;
  readonly variable: string;
  readonly level: string;
  readonly bins: string;
  readonly mean: (label: string) => string;
  readonly subgroups: string;
  readonly subgroupHeading: (variable: string, label: string, reference: string) => string;
  readonly group: string;
  readonly selected: string;
  readonly capture: string;
  readonly captureGap: string;
  readonly aucGap: string;
  readonly calibrationIntercept: string;
  readonly note: string;
  readonly refit: (label: string) => string;
  readonly refitIntro: (
    label: string,
    n: string,
    difference: string,
    z: string,
    p: string,
    correlation: string | null,
  ) => string;
  readonly model: string;
  readonly withCi: (name: string, level: string) => string;
  readonly scanRow: (previous: string) => string;
  readonly refitRow: (label: string) => string;
  /** The refit's row in the discrimination table (year column). */
  readonly refitYear: (label: string) => string;
  readonly refitSeparation: (note: string) => string;
  readonly fairness: string;
  readonly fairnessIntro: (label: string, level: string, range: string, minCases: string) => string;
  readonly fairnessHeading: (
    variable: string,
    label: string,
    selection: string,
    tpr: string,
    ppv: string,
    fpr: string,
  ) => string;
  readonly ratioIntro: (variable: string, level: string) => string;
  readonly weekly: string;
  readonly weeklyIntro: (
    label: string,
    weeks: string,
    previous: string,
    threshold: string,
    atStart: string,
    ever: string,
  ) => string;
  readonly week: string;
  readonly onWw: string;
  readonly inTopDecile: string;
  readonly shareInTopDecile: string;
  readonly enteredThisWeek: string;
  readonly scanModel: string;
  readonly modelSeparation: (previous: string, note: string) => string;
  readonly term: string;
  readonly estimate: string;
  readonly methods: string;
  readonly thresholds: string;
  readonly key: string;
  readonly value: string;
}

/** The document's texts, by language. */
export const REVIEW_DOCUMENT_TEXTS: Texts<ReviewDocumentTexts> = {
  en: {
    charts: {
      gains: {
        alt: 'Gains curves',
        caption:
          'Gains curves: share of cases captured against the share of clients selected by score.',
      },
      calibration: {
        alt: 'Calibration',
        caption: 'Observed share against mean predicted probability per risk decile.',
      },
      drift: {
        alt: 'Drift per feature',
        caption: 'Population stability index per feature and for the score.',
      },
      subgroups: {
        alt: 'Capture per subgroup',
        caption: "Capture of each group's cases at the national top-10 % threshold.",
      },
    },
    status: { pass: 'pass', attention: 'attention', fail: 'fail' },
    synthetic:
      'Synthetic data: every number below comes from generated clients who describe no real person; it shows how the review reads, not how the scan performs.',
    clientsLine: (current, n, cases, rate, previous, pn, pcases, prate) =>
      `${current}: ${n} clients, ${cases} flowed into bijstand (${rate}). ${previous}: ${pn} clients, ${pcases} (${prate}).`,
    scores: (scoring) => `Scores: ${scoring}.`,
    evaluation: (statement) => `Evaluation sample: ${statement}`,
    verdict: 'Verdict',
    outOfSampleFitted: (previous) => `fitted on ${previous}: out of sample`,
    sampleWord: (sample) => sample,
    verdictIntro: (label, sample, counts, level) =>
      `Each check on ${label}, scored by the scan under review (${sample}): ${counts}. Fail: the whole ${level} interval lies past the threshold; attention: the figure is past it but the interval reaches it, or a subgroup flag that is not a finding after Holm's correction.`,
    check: 'check',
    figure: 'figure',
    ci: (level) => `${level} CI`,
    threshold: 'threshold',
    statusColumn: 'status',
    words: 'in plain words',
    summary: 'Summary',
    metrics: {
      capture: (q) => `capture in the top ${q} %`,
      auc: 'AUC',
      observedRate: 'observed rate',
      meanPredicted: 'mean predicted',
      topDecileThreshold: 'top-decile threshold (lowest score in the top 10 %)',
      shareBelow: (cutoff) => `share with a score below ${cutoff}`,
      observedExpected: 'observed / expected cases',
      intercept: 'calibration intercept',
      slope: 'calibration slope',
      brier: 'Brier score',
      psiScore: 'PSI of the score',
    },
    metric: 'metric',
    inSample: ', in-sample',
    outOfSample: ', out of sample',
    inSampleByConstruction: (figure) => `${figure} (in-sample, by construction)`,
    change: 'change',
    flags: (n, fail, attention) => `Flags (${n}: ${fail} fail, ${attention} attention)`,
    noFlags: 'Every number lies within the configured thresholds.',
    warnings: 'Warnings:',
    discrimination: 'Discrimination',
    year: 'year',
    ciDeLong: (level) => `${level} CI (DeLong)`,
    ciWilson: (level) => `${level} CI (Wilson)`,
    cases: 'cases',
    nonCases: 'non-cases',
    captureTop: (q) => `capture top ${q} %`,
    changeLine: (current, previous, auc, df, p, c10, p10, c20, p20) =>
      `Change ${current} − ${previous}: AUC ${auc} (unpaired DeLong, t on ${df} df, ${p}); capture top 10 % ${c10} (${p10}); top 20 % ${c20} (${p20}).`,
    to: '–',
    gains: 'Gains and lift per decile',
    decile: 'decile',
    clients: 'clients',
    observedRate: 'observed rate',
    meanScore: 'mean score',
    cumulativeCapture: 'cumulative capture',
    cumulativeLift: 'cumulative lift',
    decileLift: 'decile lift',
    calibration: 'Calibration',
    observedExpected: 'observed / expected',
    interceptCi: (level) => `intercept [${level} CI]`,
    slopeCi: (level) => `slope [${level} CI]`,
    brier: 'Brier',
    scaledBrier: 'scaled Brier',
    df: 'df',
    perDecile: (label) => `Observed versus predicted per risk decile, ${label}`,
    observed: 'observed',
    expected: 'expected',
    meanPredicted: 'mean predicted',
    oe: 'O/E',
    drift: (previous, current) => `Drift between ${previous} and ${current}`,
    variable: 'variable',
    level: 'level',
    bins: 'bins',
    mean: (label) => `mean ${label}`,
    subgroups: 'Subgroups',
    subgroupHeading: (variable, label, reference) =>
      `${variable} (${label}; reference: ${reference})`,
    group: 'group',
    selected: 'selected',
    capture: 'capture',
    captureGap: 'capture gap',
    aucGap: 'AUC gap',
    calibrationIntercept: 'calibration intercept',
    note: 'note',
    refit: (label) => `The scan against a refit on ${label}`,
    refitIntro: (label, n, difference, z, p, correlation) =>
      `The scan under review is scored on ${label} out of sample; the refit is fitted on ${label} itself, so its figures are in-sample and optimistic (its calibration is perfect by construction). Paired DeLong test on the same ${n} clients: AUC refit − scan ${difference}, z = ${z}, ${p}${correlation === null ? '' : `; correlation of the two AUC estimates ${correlation}`}.`,
    model: 'model',
    withCi: (name, level) => `${name} [${level} CI]`,
    scanRow: (previous) => `the scan (fitted on ${previous}), out of sample`,
    refitRow: (label) => `refit on ${label}, in-sample`,
    refitYear: (label) => `${label} refit`,
    refitSeparation: (note) => `Separation in the refit: ${note}.`,
    fairness: 'Fairness of the selection',
    fairnessIntro: (label, level, range, minCases) =>
      `Selection: the national top 10 % of ${label} by score. Per group: selection rate (demographic parity), true-positive rate = share of the group's cases selected (equal opportunity), positive predictive value = share of the group's selected who are cases (predictive parity), false-positive rate = share of the group's non-cases selected; ${level} Wilson intervals, and the ratio to the overall value with a delta-method interval. A ratio outside ${range} is flagged when the group has at least ${minCases} cases; flags are tested (group against all other clients) and Holm-adjusted together with the subgroup flags.`,
    fairnessHeading: (variable, label, selection, tpr, ppv, fpr) =>
      `${variable} (${label}; overall: selection ${selection}, TPR ${tpr}, PPV ${ppv}, FPR ${fpr})`,
    ratioIntro: (variable, level) => `Ratio to the overall value (${variable}), ${level} CI:`,
    weekly: 'Weekly re-scoring',
    weeklyIntro: (label, weeks, previous, threshold, atStart, ever) =>
      `Re-scoring ${label}'s clients weekly for ${weeks} weeks at the ${previous} top-decile threshold (${threshold}): ${atStart} clients are in the top decile at week 0; ${ever} enter it at some week while on WW.`,
    week: 'week',
    onWw: 'on WW',
    inTopDecile: 'in top decile',
    shareInTopDecile: 'share in top decile',
    enteredThisWeek: 'entered this week',
    scanModel: 'The scan model',
    modelSeparation: (previous, note) =>
      `Separation and rare levels (fit on ${previous}): ${note}.`,
    term: 'term',
    estimate: 'estimate',
    methods: 'Methods',
    thresholds: 'Thresholds',
    key: 'key',
    value: 'value',
  },
  nl: {
    charts: {
      gains: {
        alt: 'Gains-curves',
        caption:
          'Gains-curves: aandeel gevangen gevallen tegenover het aandeel cliënten dat op score is geselecteerd.',
      },
      calibration: {
        alt: 'Kalibratie',
        caption: 'Waargenomen aandeel tegenover de gemiddelde voorspelde kans per risicodeciel.',
      },
      drift: {
        alt: 'Drift per kenmerk',
        caption: 'Population stability index (PSI) per kenmerk en voor de score.',
      },
      subgroups: {
        alt: 'Vangst per subgroep',
        caption: 'Vangst van de gevallen van elke groep bij de drempel van de landelijke top 10%.',
      },
    },
    status: { pass: 'voldoet', attention: 'aandacht', fail: 'voldoet niet' },
    synthetic:
      'Synthetische gegevens: elk getal hieronder komt van gegenereerde cliënten die geen echte persoon beschrijven; het laat zien hoe de review leest, niet hoe de scan presteert.',
    clientsLine: (current, n, cases, rate, previous, pn, pcases, prate) =>
      `${current}: ${n} cliënten, ${cases} stroomden door naar de bijstand (${rate}). ${previous}: ${pn} cliënten, ${pcases} (${prate}).`,
    scores: (scoring) => `Scores: ${scoring}.`,
    evaluation: (statement) => `Beoordeelde cliënten: ${statement}`,
    verdict: 'Oordeel',
    outOfSampleFitted: (previous) => `geschat op ${previous}: out-of-sample`,
    sampleWord: (sample) => (sample === 'external' ? 'extern' : sample),
    verdictIntro: (label, sample, counts, level) =>
      `Elke controle op ${label}, gescoord met de scan die wordt beoordeeld (${sample}): ${counts}. Voldoet niet: het hele ${level}-interval ligt voorbij de drempel; aandacht: het cijfer ligt voorbij de drempel maar het interval reikt tot de drempel, of een subgroepsignaal dat na Holm-correctie geen bevinding is.`,
    check: 'controle',
    figure: 'cijfer',
    ci: (level) => `${level}-BI`,
    threshold: 'drempel',
    statusColumn: 'status',
    words: 'in gewone woorden',
    summary: 'Samenvatting',
    metrics: {
      capture: (q) => `vangst in de top ${q}%`,
      auc: 'AUC',
      observedRate: 'waargenomen percentage',
      meanPredicted: 'gemiddeld voorspeld',
      topDecileThreshold: 'topdecieldrempel (laagste score in de top 10%)',
      shareBelow: (cutoff) => `aandeel met een score onder ${cutoff}`,
      observedExpected: 'waargenomen / verwachte gevallen',
      intercept: 'kalibratie-intercept',
      slope: 'kalibratiehelling',
      brier: 'Brier-score',
      psiScore: 'PSI van de score',
    },
    metric: 'maat',
    inSample: ', in-sample',
    outOfSample: ', out-of-sample',
    inSampleByConstruction: (figure) => `${figure} (in-sample, per constructie)`,
    change: 'verandering',
    flags: (n, fail, attention) => `Signalen (${n}: ${fail} voldoet niet, ${attention} aandacht)`,
    noFlags: 'Elk getal ligt binnen de ingestelde drempels.',
    warnings: 'Waarschuwingen:',
    discrimination: 'Onderscheidend vermogen',
    year: 'jaar',
    ciDeLong: (level) => `${level}-BI (DeLong)`,
    ciWilson: (level) => `${level}-BI (Wilson)`,
    cases: 'gevallen',
    nonCases: 'niet-gevallen',
    captureTop: (q) => `vangst top ${q}%`,
    changeLine: (current, previous, auc, df, p, c10, p10, c20, p20) =>
      `Verandering ${current} − ${previous}: AUC ${auc} (ongepaarde DeLong, t met ${df} vrijheidsgraden, ${p}); vangst top 10% ${c10} (${p10}); top 20% ${c20} (${p20}).`,
    to: 'tot',
    gains: 'Gains en lift per deciel',
    decile: 'deciel',
    clients: 'cliënten',
    observedRate: 'waargenomen percentage',
    meanScore: 'gemiddelde score',
    cumulativeCapture: 'cumulatieve vangst',
    cumulativeLift: 'cumulatieve lift',
    decileLift: 'lift van het deciel',
    calibration: 'Kalibratie',
    observedExpected: 'waargenomen / verwacht',
    interceptCi: (level) => `intercept [${level}-BI]`,
    slopeCi: (level) => `helling [${level}-BI]`,
    brier: 'Brier',
    scaledBrier: 'geschaalde Brier',
    df: 'vg',
    perDecile: (label) => `Waargenomen tegenover voorspeld per risicodeciel, ${label}`,
    observed: 'waargenomen',
    expected: 'verwacht',
    meanPredicted: 'gemiddeld voorspeld',
    oe: 'W/V',
    drift: (previous, current) => `Drift tussen ${previous} en ${current}`,
    variable: 'kenmerk',
    level: 'niveau',
    bins: 'klassen',
    mean: (label) => `gemiddelde ${label}`,
    subgroups: 'Subgroepen',
    subgroupHeading: (variable, label, reference) =>
      `${variable} (${label}; referentie: ${reference})`,
    group: 'groep',
    selected: 'geselecteerd',
    capture: 'vangst',
    captureGap: 'verschil in vangst',
    aucGap: 'verschil in AUC',
    calibrationIntercept: 'kalibratie-intercept',
    note: 'opmerking',
    refit: (label) => `De scan tegenover een herschatting op ${label}`,
    refitIntro: (label, n, difference, z, p, correlation) =>
      `De scan die wordt beoordeeld, is op ${label} out-of-sample gescoord; de herschatting is op ${label} zelf geschat, dus haar cijfers zijn in-sample en optimistisch (haar kalibratie is perfect per constructie). Gepaarde DeLong-toets op dezelfde ${n} cliënten: AUC herschatting − scan ${difference}, z = ${z}, ${p}${correlation === null ? '' : `; correlatie van de twee AUC-schattingen ${correlation}`}.`,
    model: 'model',
    withCi: (name, level) => `${name} [${level}-BI]`,
    scanRow: (previous) => `de scan (geschat op ${previous}), out-of-sample`,
    refitRow: (label) => `herschatting op ${label}, in-sample`,
    refitYear: (label) => `${label} herschat`,
    refitSeparation: (note) => `Separatie in de herschatting: ${note}.`,
    fairness: 'Fairness van de selectie',
    fairnessIntro: (label, level, range, minCases) =>
      `Selectie: de landelijke top 10% van ${label} naar score. Per groep: selectiegraad (demografische pariteit), terecht-positiefratio = aandeel van de gevallen van de groep dat geselecteerd is (gelijke kansen), positief voorspellende waarde = aandeel gevallen onder de geselecteerden van de groep (voorspellende pariteit), fout-positiefratio = aandeel van de niet-gevallen van de groep dat geselecteerd is; ${level}-Wilson-intervallen, en de verhouding tot de waarde over iedereen met een interval volgens de deltamethode. Een verhouding buiten ${range} wordt gesignaleerd als de groep ten minste ${minCases} gevallen heeft; signalen worden getoetst (de groep tegenover alle andere cliënten) en samen met de subgroepsignalen met Holm gecorrigeerd.`,
    fairnessHeading: (variable, label, selection, tpr, ppv, fpr) =>
      `${variable} (${label}; over iedereen: selectie ${selection}, TPR ${tpr}, PPV ${ppv}, FPR ${fpr})`,
    ratioIntro: (variable, level) =>
      `Verhouding tot de waarde over iedereen (${variable}), ${level}-BI:`,
    weekly: 'Wekelijkse herscoring',
    weeklyIntro: (label, weeks, previous, threshold, atStart, ever) =>
      `De cliënten van ${label} worden ${weeks} weken lang wekelijks opnieuw gescoord bij de topdecieldrempel van ${previous} (${threshold}): ${atStart} cliënten zitten in week 0 in het topdeciel; ${ever} komen er in een van de weken in terwijl ze WW hebben.`,
    week: 'week',
    onWw: 'in de WW',
    inTopDecile: 'in het topdeciel',
    shareInTopDecile: 'aandeel in het topdeciel',
    enteredThisWeek: 'deze week ingestroomd',
    scanModel: 'Het scanmodel',
    modelSeparation: (previous, note) =>
      `Separatie en zeldzame niveaus (schatting op ${previous}): ${note}.`,
    term: 'term',
    estimate: 'schatting',
    methods: 'Methoden',
    thresholds: 'Drempels',
    key: 'sleutel',
    value: 'waarde',
  },
};

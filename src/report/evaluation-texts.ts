/**
 * The texts of an evaluation's presentation (`evaluation.ts`) in English and Dutch: section
 * titles, column labels and the notes written by the report layer. Numbers come in already
 * formatted in the language's number style; method texts of the analysis layer are mapped by
 * `method-texts.ts`. Dutch terms follow docs/glossary.md (procentpunt, betrouwbaarheidsinterval,
 * gecorrigeerd effect, complier-effect).
 */
import type { SeriesDesignInfo } from '../analysis/effect-series.js';
import type { Texts } from '../language.js';

/** Every text of the evaluation's sections in one language. */
export interface EvaluationTexts {
  readonly leftOut: string;
  readonly simultaneousReading: string;
  readonly pointwise: string;
  readonly pointwiseAdjusted: (pAdjust: string) => string;
  /** "adjusted effect" / "raw effect" for a significance summary's estimate. */
  readonly estimateName: (estimate: string) => string;
  /** The estimate's word as a table cell: "adjusted" / "raw". */
  readonly estimateWord: (estimate: string) => string;
  readonly bandAt: (level: string) => string;
  readonly significantFrom: (month: number) => string;
  readonly significantIn: (months: string) => string;
  readonly notSignificant: string;
  readonly sampleRatio: (x2: string, df: number, p: string) => string;
  readonly sampleRatioMisfit: string;
  readonly noWeights: string;
  readonly analysedFiltered: (filter: string, counts: string, rows: string) => string;
  readonly analysedAll: (rows: string, counts: string) => string;
  readonly assignmentTitle: (column: string) => string;
  readonly arm: string;
  readonly clients: string;
  readonly share: string;
  readonly intended: string;
  readonly expected: string;
  readonly balanceTitle: (treatment: string, control: string) => string;
  readonly covariate: string;
  readonly kind: string;
  readonly statistic: string;
  readonly test: string;
  readonly balanceStarsTest: string;
  readonly jointTest: (f: string, df: string, p: string) => string;
  readonly events: string;
  readonly ci: (level: string) => string;
  readonly outflowTitle: (method: string) => string;
  readonly event: string;
  readonly month: string;
  readonly to: string;
  readonly rawEffect: string;
  readonly pAdj: string;
  readonly adjusted: string;
  readonly ciPoints: (level: string) => string;
  readonly effectTitle: (event: string, contrast: string, column: string) => string;
  readonly effectStarsTest: (raw: string, adjusted: string | undefined) => string;
  readonly method: string;
  readonly warning: string;
  readonly aliased: (names: string) => string;
  readonly design: (d: SeriesDesignInfo, fromRecord: boolean) => string;
  readonly significanceTitle: string;
  readonly estimate: string;
  readonly level: string;
  readonly reading: string;
  readonly firstMonth: string;
  readonly fromMonthOn: string;
  readonly significantMonths: string;
  readonly significanceNotes: readonly string[];
  readonly randomizationTitle: (month: number) => string;
  readonly effect: string;
  readonly asymptoticP: string;
  readonly randomizationP: string;
  readonly draws: string;
  readonly redrawn: (design: string, planDesign: string, seed: string) => string;
  readonly asymptoticNote: string;
  readonly subgroupTitle: (event: string, by: string) => string;
  readonly subgroupStarsTest: (method: string) => string;
  readonly levelNotEstimable: (by: string, level: string, reason: string) => string;
  readonly heterogeneityTitle: (event: string, by: string) => string;
  readonly heterogeneityStarsTest: string;
  readonly heterogeneity: string;
  readonly notEstimableAt: (month: number, reason: string) => string;
  readonly participationTitle: (column: string) => string;
  readonly category: string;
  readonly received: string;
  readonly receivedService: string;
  readonly receivedNote: (
    received: string,
    contrast: string,
    estimate: string,
    se: string,
    p: string,
  ) => string;
  readonly complierTitle: (event: string, month: number) => string;
  readonly specification: string;
  /** The complier table's row without covariates. */
  readonly unadjusted: string;
  readonly firstStage: string;
  readonly complierEffect: string;
  readonly complierStarsTest: string;
  readonly hc3: string;
  readonly weak: (f: number) => string;
}

const EN_DESIGN = (d: SeriesDesignInfo, fromRecord: boolean): string => {
  const parts: string[] = [];
  if (d.clusters) {
    const se =
      d.se === 'CR2'
        ? 'CR2 standard errors (Bell–McCaffrey) with Satterthwaite degrees of freedom'
        : d.se === 'stata'
          ? "CR1 standard errors with Stata's correction, S − 1 df"
          : 'CR0 standard errors, S − 1 df';
    parts.push(
      `cluster-randomised by '${d.clusters.column}' (${d.clusters.count} clusters): ${se} for the adjusted effect, the clustered difference in means for the raw effect`,
    );
  }
  if (d.blocks) {
    const from = fromRecord
      ? ', taken from the assignment record (the rule was blocked on this column)'
      : '';
    parts.push(
      `blocked by '${d.blocks.column}' (${d.blocks.count} blocks${from}): block fixed effects in the adjusted effect, the blocked (block-size weighted) difference in means for the raw effect`,
    );
  }
  return `Design: ${parts.join('; ')}.`;
};

const NL_DESIGN = (d: SeriesDesignInfo, fromRecord: boolean): string => {
  const parts: string[] = [];
  if (d.clusters) {
    const se =
      d.se === 'CR2'
        ? 'CR2-standaardfouten (Bell–McCaffrey) met Satterthwaite-vrijheidsgraden'
        : d.se === 'stata'
          ? 'CR1-standaardfouten met de correctie van Stata, S − 1 vrijheidsgraden'
          : 'CR0-standaardfouten, S − 1 vrijheidsgraden';
    parts.push(
      `geclusterd gerandomiseerd op '${d.clusters.column}' (${d.clusters.count} clusters): ${se} voor het gecorrigeerde effect, het geclusterde verschil in gemiddelden voor het ruwe effect`,
    );
  }
  if (d.blocks) {
    const from = fromRecord
      ? ', overgenomen uit het toewijzingsverslag (de regel blokte op deze kolom)'
      : '';
    parts.push(
      `geblokt op '${d.blocks.column}' (${d.blocks.count} blokken${from}): vaste blokeffecten in het gecorrigeerde effect, het geblokte (naar blokgrootte gewogen) verschil in gemiddelden voor het ruwe effect`,
    );
  }
  return `Opzet: ${parts.join('; ')}.`;
};

/** The texts of the evaluation's sections, by language. */
export const EVALUATION_TEXTS: Texts<EvaluationTexts> = {
  en: {
    leftOut: 'Left out',
    simultaneousReading: 'simultaneous (sup-t band)',
    pointwise: 'pointwise',
    pointwiseAdjusted: (m) => `pointwise, ${m}-adjusted p`,
    estimateName: (e) => `${e} effect`,
    estimateWord: (e) => e,
    bandAt: (level) => `simultaneous band at ${level}`,
    significantFrom: (m) => `significant from month ${m} onward`,
    significantIn: (months) => `significant in months ${months}, not through the last month`,
    notSignificant: 'not significant in any month',
    sampleRatio: (x2, df, p) =>
      `Sample-ratio test (chi-square goodness of fit against config.arms.weights): X² = ${x2}, ${df} df, ${p}`,
    sampleRatioMisfit:
      ' — the arm sizes do not fit the intended weights: check the assignment before reading any effect.',
    noWeights: 'No intended weights (config.arms.weights): sample-ratio test not run.',
    analysedFiltered: (f, counts, rows) => `Analysed: ${f}: ${counts} (of ${rows} rows).`,
    analysedAll: (rows, counts) => `Analysed: all ${rows} rows: ${counts}.`,
    assignmentTitle: (c) => `Assignment check (column ${c}, whole file)`,
    arm: 'arm',
    clients: 'clients',
    share: 'share',
    intended: 'intended',
    expected: 'expected',
    balanceTitle: (t, c) => `Balance of the covariates, ${t} vs ${c} (analysed sample)`,
    covariate: 'covariate',
    kind: 'kind',
    statistic: 'statistic',
    test: 'test',
    balanceStarsTest: 'two-sided, per covariate: the test in the last column',
    jointTest: (f, df, p) =>
      `Joint test (arm on all covariates, HC2 Wald): F = ${f} on (${df}) df, ${p}.`,
    events: 'events',
    ci: (level) => `${level} CI`,
    outflowTitle: (m) => `Cumulative outflow per month (${m})`,
    event: 'event',
    month: 'month',
    to: 'to',
    rawEffect: 'raw effect',
    pAdj: 'p adj.',
    adjusted: 'adjusted',
    ciPoints: (level) => `${level} CI (pp)`,
    effectTitle: (e, contrast, column) =>
      `Effect on ${e} per month (${contrast}, column ${column})`,
    effectStarsTest: (raw, adjusted) =>
      `two-sided, pointwise (each month on its own, unadjusted p); raw: ${raw}${adjusted ? `; adjusted: ${adjusted}` : ''}`,
    method: 'Method',
    warning: 'Warning',
    aliased: (names) => `Dropped as aliased in some month: ${names}.`,
    design: EN_DESIGN,
    significanceTitle: 'First significant month',
    estimate: 'estimate',
    level: 'level',
    reading: 'reading',
    firstMonth: 'first month',
    fromMonthOn: 'from month on',
    significantMonths: 'significant months',
    significanceNotes: [
      '"from month on": the first month from which every later month is significant; empty: never.',
      'Pointwise: each month tested on its own at the level (24 months are 24 correlated looks, so a pointwise reading overstates the evidence for the path); simultaneous: the months where the sup-t band at 1 − level, which covers all months jointly, excludes 0 (config.methods.band).',
    ],
    randomizationTitle: (m) => `Randomisation inference at month ${m}`,
    effect: 'effect',
    asymptoticP: 'asymptotic p',
    randomizationP: 'randomisation p',
    draws: 'draws',
    redrawn: (design, planDesign, seed) =>
      `Re-drawn: ${design} (config.methods.randomizationInference: design "${planDesign}", seed ${seed}; the same seed gives the same p-values).`,
    asymptoticNote:
      'Asymptotic p: the z test of the raw difference (unpooled SE) and the t test of the adjusted coefficient (HC2), as in the effect table.',
    subgroupTitle: (e, by) => `Effect on ${e} by ${by}`,
    subgroupStarsTest: (m) => `two-sided, pointwise; adjusted effect within each level: ${m}`,
    levelNotEstimable: (by, level, reason) =>
      `Subgroup ${by} = '${level}' not estimable: ${reason}.`,
    heterogeneityTitle: (e, by) => `Does the effect on ${e} differ by ${by}?`,
    heterogeneityStarsTest: 'the F test of equal effects across the levels, per month on its own',
    heterogeneity: 'Heterogeneity',
    notEstimableAt: (m, reason) => `Not estimable at month ${m}: ${reason}.`,
    participationTitle: (c) => `Participation by arm (column ${c})`,
    category: 'category',
    received: 'received',
    receivedService: 'received the service',
    receivedNote: (received, contrast, estimate, se, p) =>
      `Received: ${received}. Difference ${contrast}: ${estimate} (SE ${se}, ${p}).`,
    complierTitle: (e, m) =>
      `Complier effect on ${e} by month ${m} (2SLS, assignment as instrument)`,
    specification: 'specification',
    unadjusted: 'unadjusted',
    firstStage: 'first stage',
    complierEffect: 'complier effect',
    complierStarsTest: 'two-sided test of the complier effect (2SLS), see the method below',
    hc3: '2SLS supports HC0–HC2 and classical SEs: HC2 used instead of HC3.',
    weak: (f) => `Weak instrument: first-stage F below ${f}.`,
  },
  nl: {
    leftOut: 'Buiten beschouwing',
    simultaneousReading: 'simultaan (sup-t-band)',
    pointwise: 'per maand',
    pointwiseAdjusted: (m) => `per maand, p gecorrigeerd (${m})`,
    estimateName: (e) => (e === 'adjusted' ? 'gecorrigeerd effect' : 'ruw effect'),
    estimateWord: (e) => (e === 'adjusted' ? 'gecorrigeerd' : e === 'raw' ? 'ruw' : e),
    bandAt: (level) => `simultane band bij ${level}`,
    significantFrom: (m) => `significant vanaf maand ${m}`,
    significantIn: (months) => `significant in de maanden ${months}, niet tot en met de laatste`,
    notSignificant: 'in geen enkele maand significant',
    sampleRatio: (x2, df, p) =>
      `Toets op de groepsverhouding (chikwadraattoets tegen config.arms.weights): X² = ${x2}, ${df} ${df === 1 ? 'vrijheidsgraad' : 'vrijheidsgraden'}, ${p}`,
    sampleRatioMisfit:
      ' — de groepsgroottes passen niet bij de beoogde verhouding: controleer de toewijzing voordat u een effect leest.',
    noWeights:
      'Geen beoogde verhouding (config.arms.weights): toets op de groepsverhouding niet uitgevoerd.',
    analysedFiltered: (f, counts, rows) => `Geanalyseerd: ${f}: ${counts} (van ${rows} rijen).`,
    analysedAll: (rows, counts) => `Geanalyseerd: alle ${rows} rijen: ${counts}.`,
    assignmentTitle: (c) => `Controle van de toewijzing (kolom ${c}, hele bestand)`,
    arm: 'groep',
    clients: 'cliënten',
    share: 'aandeel',
    intended: 'beoogd',
    expected: 'verwacht',
    balanceTitle: (t, c) =>
      `Balans van de achtergrondkenmerken, ${t} tegen ${c} (geanalyseerde steekproef)`,
    covariate: 'kenmerk',
    kind: 'soort',
    statistic: 'toetsgrootheid',
    test: 'toets',
    balanceStarsTest: 'tweezijdig, per kenmerk: de toets in de laatste kolom',
    jointTest: (f, df, p) =>
      `Gezamenlijke toets (groep op alle kenmerken, HC2-Wald): F = ${f} bij (${df}) vrijheidsgraden, ${p}.`,
    events: 'gebeurtenissen',
    ci: (level) => `${level}-BI`,
    outflowTitle: (m) => `Cumulatieve uitstroom per maand (${m})`,
    event: 'gebeurtenis',
    month: 'maand',
    to: 'tot',
    rawEffect: 'ruw effect',
    pAdj: 'p gecorr.',
    adjusted: 'gecorrigeerd',
    ciPoints: (level) => `${level}-BI (procentpunt)`,
    effectTitle: (e, contrast, column) => `Effect op ${e} per maand (${contrast}, kolom ${column})`,
    effectStarsTest: (raw, adjusted) =>
      `tweezijdig, per maand (elke maand afzonderlijk, ongecorrigeerde p); ruw: ${raw}${adjusted ? `; gecorrigeerd: ${adjusted}` : ''}`,
    method: 'Methode',
    warning: 'Waarschuwing',
    aliased: (names) => `Weggelaten wegens samenvallende kolommen in een maand: ${names}.`,
    design: NL_DESIGN,
    significanceTitle: 'Eerste significante maand',
    estimate: 'schatting',
    level: 'niveau',
    reading: 'lezing',
    firstMonth: 'eerste maand',
    fromMonthOn: 'vanaf maand',
    significantMonths: 'significante maanden',
    significanceNotes: [
      '"vanaf maand": de eerste maand vanaf welke elke latere maand significant is; leeg: nooit.',
      'Per maand: elke maand afzonderlijk getoetst op het niveau (24 maanden zijn 24 samenhangende toetsen, dus een lezing per maand overschat het bewijs voor het verloop); simultaan: de maanden waarin de sup-t-band bij 1 − niveau, die alle maanden tegelijk dekt, 0 uitsluit (config.methods.band).',
    ],
    randomizationTitle: (m) => `Randomisatie-inferentie in maand ${m}`,
    effect: 'effect',
    asymptoticP: 'asymptotische p',
    randomizationP: 'randomisatie-p',
    draws: 'trekkingen',
    redrawn: (design, planDesign, seed) =>
      `Opnieuw getrokken: ${design} (config.methods.randomizationInference: opzet "${planDesign}", seed ${seed}; dezelfde seed geeft dezelfde p-waarden).`,
    asymptoticNote:
      'Asymptotische p: de z-toets van het ruwe verschil (ongepoolde SE) en de t-toets van de gecorrigeerde coëfficiënt (HC2), zoals in de effecttabel.',
    subgroupTitle: (e, by) => `Effect op ${e} naar ${by}`,
    subgroupStarsTest: (m) => `tweezijdig, per maand; gecorrigeerd effect binnen elke waarde: ${m}`,
    levelNotEstimable: (by, level, reason) =>
      `Subgroep ${by} = '${level}' niet te schatten: ${reason}.`,
    heterogeneityTitle: (e, by) => `Verschilt het effect op ${e} naar ${by}?`,
    heterogeneityStarsTest:
      'de F-toets van gelijke effecten over de waarden, per maand afzonderlijk',
    heterogeneity: 'Heterogeniteit',
    notEstimableAt: (m, reason) => `Niet te schatten in maand ${m}: ${reason}.`,
    participationTitle: (c) => `Deelname per groep (kolom ${c})`,
    category: 'categorie',
    received: 'ontvangen',
    receivedService: 'dienst ontvangen',
    receivedNote: (received, contrast, estimate, se, p) =>
      `Ontvangen: ${received}. Verschil ${contrast}: ${estimate} (SE ${se}, ${p}).`,
    complierTitle: (e, m) =>
      `Complier-effect op ${e} tot en met maand ${m} (2SLS, toewijzing als instrument)`,
    specification: 'specificatie',
    unadjusted: 'ongecorrigeerd',
    firstStage: 'eerste stap',
    complierEffect: 'complier-effect',
    complierStarsTest: 'tweezijdige toets van het complier-effect (2SLS), zie de methode hieronder',
    hc3: '2SLS kent HC0–HC2 en klassieke SE’s: HC2 gebruikt in plaats van HC3.',
    weak: (f) => `Zwak instrument: F van de eerste stap onder ${f}.`,
  },
};

/**
 * The texts of the 2012–2013 report in the published layout (`report-document.ts`) in English
 * and Dutch: titles, column and row labels, notes and sentences, each a function of numbers the
 * caller has already formatted in the language. The arm names I-dvl and B-dvl are the report's
 * own and stay; covariate names and level codes of the data stay as the data have them. Terms
 * from docs/glossary.md ("netto-effect", "betrouwbaarheidsinterval", "volledige follow-up").
 */
import type { Language, Texts } from '../../language.js';

/** The published table of each conversation month: the 4th month is Table 4.3, … */
const TABLE_OF_MONTH: Readonly<Record<number, string>> = {
  4: '4.3',
  7: '4.4',
  10: '4.5',
  12: '4.6',
};

/** Every text of the published-layout document in one language. */
export interface Intensive2012Texts {
  readonly title: string;
  readonly intro: (legend: string) => string;
  readonly legendTest: string;
  /** The plain test (Dutch; the English one is the result's `methods.plain`). */
  readonly plainMethod: string;
  /** The adjusted test (Dutch; the English one is the result's `methods.adjusted`). */
  readonly adjustedMethod: (covariates: string, gender: string, unknown: string) => string;
  readonly auditHeading: string;
  readonly bsnLine: (pass: string, checked: string) => string;
  readonly ruleLine: (
    rule: string,
    errors: string,
    control: string,
    controlArm: string,
    treatment: string,
    treatmentArm: string,
  ) => string;
  readonly sampleRatioLine: (arms: string, test: string, verdict: string) => string;
  readonly noBrokenRatio: string;
  readonly of: string;
  readonly table41Heading: (from: string, to: string) => string;
  readonly table41Title: string;
  readonly clients: string;
  readonly meanObservation: string;
  readonly basic: string;
  readonly intensive: string;
  readonly total: string;
  readonly group: string;
  readonly observationNote: (end: string) => string;
  readonly conversation: (nth: number) => { readonly heading: string; readonly title: string };
  readonly held: readonly [string, string];
  readonly m4: readonly [string, string, string, string];
  readonly levels: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly office: (code: string) => string;
  readonly characteristic: string;
  readonly chiSquareTest: string;
  readonly table51: string;
  readonly table51Note: string;
  readonly table52: string;
  readonly months: (m: number) => string;
  readonly backOnBenefit: string;
  readonly netEffect: string;
  readonly anyExitWw: string;
  readonly jobExitWw: string;
  readonly table52Note: (
    last: number,
    treated: string,
    control: string,
    plainTest: string,
  ) => string;
  readonly pointwise: (test: string) => string;
  readonly adjustedIntro: (method: string) => string;
  readonly table52Adjusted: string;
  readonly anyAdjusted: string;
  readonly jobAdjusted: string;
  readonly riIntro: (month: number) => string;
  readonly riTitle: (month: number) => string;
  readonly riColumns: {
    readonly plain: string;
    readonly asymptotic: string;
    readonly randomization: string;
    readonly adjusted: string;
  };
  readonly anyExit: string;
  readonly jobExit: string;
  readonly riNote: (n: {
    month: number;
    design: string;
    draws: string;
    seed: string;
    covariates: string;
  }) => string;
  readonly table53: string;
  readonly wwBenefit: string;
  readonly job: string;
  readonly other: string;
  readonly table53Note: (weeks: number, end: string, method: string) => string;
  readonly twoSided: (test: string) => string;
  readonly table54: string;
  readonly table54Note: (n: {
    treated: string;
    control: string;
    shareTest: string;
    pValues: string;
  }) => string;
  readonly table54Test: (shareTest: string) => string;
  readonly leeHeading: string;
  readonly leeTitle: string;
  readonly leeColumns: (level: string) => {
    readonly naive: string;
    readonly naiveCi: string;
    readonly lower: string;
    readonly upper: string;
    readonly bounds: string;
    readonly im: string;
  };
  readonly leeNote: (n: {
    treatedShare: string;
    treatedSelected: string;
    treatedAssigned: string;
    controlShare: string;
    controlSelected: string;
    controlAssigned: string;
    trimmed: string;
    trimShare: string;
    level: string;
    critical: string;
    naiveMethod: string;
  }) => string;
  readonly leeTest: string;
  readonly annexB1: string;
  readonly anyExitBenefit: string;
  readonly jobExitShort: string;
  readonly plainNet: string;
  readonly adjustedNet: string;
  readonly annexNote: (plainTest: string, adjusted: string) => string;
  readonly annexTest: (plainTest: string, adjusted: string) => string;
}

/**
 * The published-layout texts by language (`textOf(INTENSIVE_2012_TEXTS, lang)`).
 *
 * @example
 * INTENSIVE_2012_TEXTS.nl.table51 // "Tabel 5.1: samenstelling van de groepen"
 */
export const INTENSIVE_2012_TEXTS: Texts<Intensive2012Texts> = {
  en: {
    title: 'Intensive versus basic services, 2012–2013: reproduction',
    intro: (legend) =>
      `I-dvl = intensive services (odd last BSN digit), B-dvl = basic services (even). ${legend}. BSNs are read for the parity check only and appear nowhere in this report.`,
    legendTest: 'two-sided; each table says which test',
    plainMethod:
      'two-proportion z test, unpooled (Neyman) SE, clients observed at least x months since the start of the benefit (complete follow-up)',
    adjustedMethod: (covariates, gender, unknown) =>
      `OLS of the 0/1 outcome on assignment + ${covariates} (factors as dummies; for all clients also ${gender}), HC2 SE, t test on n − k df; complete follow-up, complete cases ('${unknown}' counts as missing)`,
    auditHeading: 'Assignment audit',
    bsnLine: (pass, checked) => `BSN eleven test: ${pass} of ${checked} ids pass.`,
    ruleLine: (rule, errors, control, controlArm, treatment, treatmentArm) =>
      `Rule: ${rule}. Assignment errors (recorded arm ≠ parity arm): **${errors}** — ${control} recorded ${controlArm}, ${treatment} recorded ${treatmentArm}.`,
    sampleRatioLine: (arms, test, verdict) =>
      `Sample ratio against 50/50: ${arms}; ${test}${verdict}.`,
    noBrokenRatio: ' (no sign of a broken ratio)',
    of: 'of',
    table41Heading: (from, to) => `Table 4.1: clients in the experiment (${from} – ${to})`,
    table41Title: 'Table 4.1: clients in the experiment',
    clients: 'clients',
    meanObservation: 'mean observation (months)',
    basic: 'B-dvl (basic)',
    intensive: 'I-dvl (intensive)',
    total: 'total',
    group: 'group',
    observationNote: (end) => `Observation counts from entry into the experiment to ${end}.`,
    conversation: (nth) => ({
      heading: `Table ${TABLE_OF_MONTH[nth]}: ${nth}th-month conversation (clients still on WW)`,
      title: `Table ${TABLE_OF_MONTH[nth]}: ${nth}th-month conversation`,
    }),
    held: ['no conversation', 'conversation held'],
    m4: ['no conversation', 'individual conversation', 'group conversation', 'form unclear'],
    levels: {
      gender: { man: 'man', woman: 'woman', unknown: 'unknown' },
      age_band: { '<35': 'younger than 35', '35-45': '35 to 45', '45+': '45 and older' },
      household: {
        single: 'single, no child',
        single_with_child: 'single, dependent child',
        cohabiting: 'cohabiting',
      },
    },
    office: (code) => `office ${code}`,
    characteristic: 'characteristic',
    chiSquareTest: 'χ² test',
    table51: 'Table 5.1: composition of the groups',
    table51Note:
      'Test per characteristic: Pearson χ² test of independence, arm × category (all categories, "unknown" included), stars at 20/10/5 %.',
    table52: 'Table 5.2: exit within x months after the start of the benefit (%)',
    months: (m) => `${m} months`,
    backOnBenefit: 'back on benefit',
    netEffect: 'net effect',
    anyExitWw: 'any exit from WW',
    jobExitWw: 'exit from WW to a job',
    table52Note: (last, treated, control, plainTest) =>
      `Method: complete follow-up, as the report's footnote to Table 5.2 states — the share at x months is among the clients observed at least x months since the start of the benefit (no Kaplan–Meier or Aalen–Johansen correction for clients observed shorter); at ${last} months ${treated} I-dvl and ${control} B-dvl clients are followed that long. Net effect = I − B from the unrounded shares; stars: ${plainTest}. Back on benefit: share of all clients of the arm, same test.`,
    pointwise: (test) => `two-sided, pointwise (each month on its own): ${test}`,
    adjustedIntro: (method) =>
      `For information, not in the report — the adjusted net effect (${method}):`,
    table52Adjusted: 'Table 5.2, adjusted net effect',
    anyAdjusted: 'any exit, adjusted',
    jobAdjusted: 'exit to a job, adjusted',
    riIntro: (month) =>
      `For information, not in the report — randomisation inference at ${month} months:`,
    riTitle: (month) => `Table 5.2 at ${month} months: randomisation inference`,
    riColumns: {
      plain: 'net effect (plain)',
      asymptotic: 'asymptotic p',
      randomization: 'randomisation p (± MC SE)',
      adjusted: 'net effect (adjusted)',
    },
    anyExit: 'any exit',
    jobExit: 'exit to a job',
    riNote: (n) =>
      `Fisher's sharp null of no effect for any client: outcomes at ${n.month} months held fixed and the assignment re-drawn as the study assigned it — ${n.design}. ${n.draws} Monte Carlo draws, seed ${n.seed}; p = (1 + #{|t*| ≥ |t|})/(1 + draws), MC SE = √(p(1 − p)/draws). Statistic: the studentised net effect (plain: unpooled SE; adjusted: OLS HC2 on ${n.covariates}, complete cases). Asymptotic p: the z test (plain) and the t test on n − k df (adjusted) behind the stars above.`,
    table53: 'Table 5.3: mean fraction of the observation period (%)',
    wwBenefit: 'WW benefit',
    job: 'job',
    other: 'other',
    table53Note: (weeks, end, method) =>
      `Observation from entry into the experiment (${weeks} weeks after the start of WW) to ${end}; fractions can sum above 1. Test: ${method}.`,
    twoSided: (test) => `two-sided: ${test}`,
    table54: 'Table 5.4: job quality (clients with a job after entry)',
    table54Note: (n) =>
      `Job holders: ${n.treated} I-dvl, ${n.control} B-dvl. Tests: share with a ${n.shareTest}; means with Welch's t test (Satterthwaite df). p-values: ${n.pValues}.`,
    table54Test: (shareTest) => `two-sided; share: ${shareTest}; means: Welch's t test`,
    leeHeading: 'Table 5.4 under selection: Lee bounds (not in the report)',
    leeTitle: 'Table 5.4 under selection: Lee (2009) bounds on the effect of I-dvl',
    leeColumns: (level) => ({
      naive: 'naive net effect (job holders)',
      naiveCi: `naive ${level} CI`,
      lower: 'Lee lower bound',
      upper: 'Lee upper bound',
      bounds: `${level} CI of the lower / upper bound`,
      im: `Imbens–Manski ${level} CI`,
    }),
    leeNote: (n) =>
      `Job quality exists only for clients who found a job: ${n.treatedShare} of I-dvl (${n.treatedSelected} of ${n.treatedAssigned}) against ${n.controlShare} of B-dvl (${n.controlSelected} of ${n.controlAssigned}). If the service changes who finds a job, the naive comparison of job holders compares different people. Under monotonicity (the service never keeps a client from finding a job), the effect on the clients who would find a job in either arm lies between the bounds: the ${n.trimmed} job holders are trimmed by ${n.trimShare} (the excess share), from the top for the lower bound and from the bottom for the upper. Shares and part-time factor in percentage points; one decimal more than Table 5.4. SEs: Lee (2009), Proposition 3; bound intervals: bound ± z·SE; the Imbens–Manski (2004) interval covers the effect with probability ${n.level} (C = ${n.critical}). Naive: the Table 5.4 comparison of job holders (${n.naiveMethod} for the share, Welch for means).`,
    leeTest:
      'two-sided; the naive net effect only: difference in proportions of the job holders (z test, unpooled SE) or Welch t test of means',
    annexB1: 'Annex B.1: exit by gender (%)',
    anyExitBenefit: 'any exit from the benefit',
    jobExitShort: 'exit to a job',
    plainNet: 'net effect (plain z)',
    adjustedNet: 'net effect (adjusted OLS HC2)',
    annexNote: (plainTest, adjusted) =>
      `Shares and the plain net effect: ${plainTest}. Adjusted net effect: ${adjusted}. Each row's stars come from its own test; the report prints one star per cell (docs/reproduction.md says which test gives which published star).`,
    annexTest: (plainTest, adjusted) =>
      `two-sided, pointwise; plain rows: ${plainTest}; adjusted rows: ${adjusted}`,
  },
  nl: {
    title: 'Intensieve versus basisdienstverlening, 2012–2013: reproductie',
    intro: (legend) =>
      `I-dvl = intensieve dienstverlening (oneven laatste cijfer van het BSN), B-dvl = basisdienstverlening (even). ${legend}. BSN's worden alleen gelezen voor de controle op even/oneven en staan nergens in dit rapport.`,
    legendTest: 'tweezijdig; elke tabel vermeldt welke toets',
    plainMethod:
      'z-toets voor twee aandelen, ongepoolde (Neyman-)SE, onder de cliënten die ten minste x maanden na het begin van de uitkering zijn gevolgd (volledige follow-up)',
    adjustedMethod: (covariates, gender, unknown) =>
      `OLS van de 0/1-uitkomst op de toewijzing + ${covariates} (factoren als dummy's; voor alle cliënten ook ${gender}), HC2-SE, t-toets met n − k vrijheidsgraden; volledige follow-up, volledige waarnemingen ('${unknown}' telt als ontbrekend)`,
    auditHeading: 'Controle van de toewijzing',
    bsnLine: (pass, checked) => `Elfproef van het BSN: ${pass} van ${checked} nummers voldoen.`,
    ruleLine: (rule, errors, control, controlArm, treatment, treatmentArm) =>
      `Regel: ${rule}. Toewijzingsfouten (geregistreerde groep ≠ groep volgens even/oneven): **${errors}** — ${control} geregistreerd als ${controlArm}, ${treatment} geregistreerd als ${treatmentArm}.`,
    sampleRatioLine: (arms, test, verdict) =>
      `Groepsverhouding tegen 50/50: ${arms}; ${test}${verdict}.`,
    noBrokenRatio: ' (geen aanwijzing voor een verstoorde verhouding)',
    of: 'van',
    table41Heading: (from, to) => `Tabel 4.1: cliënten in het experiment (${from} – ${to})`,
    table41Title: 'Tabel 4.1: cliënten in het experiment',
    clients: 'cliënten',
    meanObservation: 'gemiddelde observatieduur (maanden)',
    basic: 'B-dvl (basis)',
    intensive: 'I-dvl (intensief)',
    total: 'totaal',
    group: 'groep',
    observationNote: (end) => `Observatieduur vanaf de instroom in het experiment tot ${end}.`,
    conversation: (nth) => ({
      heading: `Tabel ${TABLE_OF_MONTH[nth]}: gesprek in de ${nth}e maand (cliënten nog in de WW)`,
      title: `Tabel ${TABLE_OF_MONTH[nth]}: gesprek in de ${nth}e maand`,
    }),
    held: ['geen gesprek', 'gesprek gevoerd'],
    m4: ['geen gesprek', 'individueel gesprek', 'groepsgesprek', 'vorm onduidelijk'],
    levels: {
      gender: { man: 'man', woman: 'vrouw', unknown: 'onbekend' },
      age_band: {
        '<35': 'jonger dan 35',
        '35-45': '35 tot 45',
        '45+': '45 en ouder',
        unknown: 'onbekend',
      },
      household: {
        single: 'alleenstaand, geen kind',
        single_with_child: 'alleenstaand, kind ten laste',
        cohabiting: 'samenwonend',
        unknown: 'onbekend',
      },
    },
    office: (code) => `kantoor ${code}`,
    characteristic: 'kenmerk',
    chiSquareTest: 'χ²-toets',
    table51: 'Tabel 5.1: samenstelling van de groepen',
    table51Note:
      'Toets per kenmerk: χ²-toets van Pearson op onafhankelijkheid, groep × categorie (alle categorieën, "unknown" inbegrepen), sterren bij 20/10/5%.',
    table52: 'Tabel 5.2: uitstroom binnen x maanden na het begin van de uitkering (%)',
    months: (m) => `${m} maanden`,
    backOnBenefit: 'terug in de uitkering',
    netEffect: 'netto-effect',
    anyExitWw: 'uitstroom uit de WW (alle redenen)',
    jobExitWw: 'uitstroom uit de WW naar werk',
    table52Note: (last, treated, control, plainTest) =>
      `Methode: volledige follow-up, zoals de voetnoot bij tabel 5.2 van het rapport zegt — het aandeel na x maanden is berekend onder de cliënten die ten minste x maanden na het begin van de uitkering zijn gevolgd (geen Kaplan–Meier- of Aalen–Johansen-correctie voor korter gevolgde cliënten); na ${last} maanden zijn ${treated} I-dvl- en ${control} B-dvl-cliënten zo lang gevolgd. Netto-effect = I − B uit de onafgeronde aandelen; sterren: ${plainTest}. Terug in de uitkering: aandeel van alle cliënten van de groep, dezelfde toets.`,
    pointwise: (test) => `tweezijdig, per maand (elke maand afzonderlijk): ${test}`,
    adjustedIntro: (method) =>
      `Ter informatie, niet in het rapport — het gecorrigeerde netto-effect (${method}):`,
    table52Adjusted: 'Tabel 5.2, gecorrigeerd netto-effect',
    anyAdjusted: 'uitstroom (alle redenen), gecorrigeerd',
    jobAdjusted: 'uitstroom naar werk, gecorrigeerd',
    riIntro: (month) =>
      `Ter informatie, niet in het rapport — randomisatie-inferentie na ${month} maanden:`,
    riTitle: (month) => `Tabel 5.2 na ${month} maanden: randomisatie-inferentie`,
    riColumns: {
      plain: 'netto-effect (ongecorrigeerd)',
      asymptotic: 'asymptotische p',
      randomization: 'randomisatie-p (± MC-SE)',
      adjusted: 'netto-effect (gecorrigeerd)',
    },
    anyExit: 'uitstroom (alle redenen)',
    jobExit: 'uitstroom naar werk',
    riNote: (n) =>
      `De scherpe nulhypothese van Fisher van geen effect voor enige cliënt: de uitkomsten na ${n.month} maanden vastgehouden en de toewijzing opnieuw getrokken zoals het onderzoek toewees — ${n.design}. ${n.draws} Monte Carlo-trekkingen, seed ${n.seed}; p = (1 + #{|t*| ≥ |t|})/(1 + trekkingen), MC-SE = √(p(1 − p)/trekkingen). Toetsgrootheid: het gestudentiseerde netto-effect (ongecorrigeerd: ongepoolde SE; gecorrigeerd: OLS HC2 op ${n.covariates}, volledige waarnemingen). Asymptotische p: de z-toets (ongecorrigeerd) en de t-toets met n − k vrijheidsgraden (gecorrigeerd) achter de sterren hierboven.`,
    table53: 'Tabel 5.3: gemiddeld deel van de observatieperiode (%)',
    wwBenefit: 'WW-uitkering',
    job: 'werk',
    other: 'anders',
    table53Note: (weeks, end, method) =>
      `Observatie vanaf de instroom in het experiment (${weeks} weken na het begin van de WW) tot ${end}; de delen kunnen samen meer dan 1 zijn. Toets: ${method}.`,
    twoSided: (test) => `tweezijdig: ${test}`,
    table54: 'Tabel 5.4: kwaliteit van het werk (cliënten met werk na instroom)',
    table54Note: (n) =>
      `Werkenden: ${n.treated} I-dvl, ${n.control} B-dvl. Toetsen: aandeel met een ${n.shareTest}; gemiddelden met de t-toets van Welch (Satterthwaite-vrijheidsgraden). p-waarden: ${n.pValues}.`,
    table54Test: (shareTest) => `tweezijdig; aandeel: ${shareTest}; gemiddelden: t-toets van Welch`,
    leeHeading: 'Tabel 5.4 onder selectie: grenzen van Lee (niet in het rapport)',
    leeTitle: 'Tabel 5.4 onder selectie: grenzen van Lee (2009) voor het effect van I-dvl',
    leeColumns: (level) => ({
      naive: 'naïef netto-effect (werkenden)',
      naiveCi: `naïef ${level}-BI`,
      lower: 'ondergrens van Lee',
      upper: 'bovengrens van Lee',
      bounds: `${level}-BI van de onder- / bovengrens`,
      im: `${level}-BI van Imbens–Manski`,
    }),
    leeNote: (n) =>
      `Kwaliteit van het werk bestaat alleen voor cliënten die werk vonden: ${n.treatedShare} van I-dvl (${n.treatedSelected} van ${n.treatedAssigned}) tegen ${n.controlShare} van B-dvl (${n.controlSelected} van ${n.controlAssigned}). Als de dienstverlening verandert wie werk vindt, vergelijkt de naïeve vergelijking van werkenden verschillende mensen. Onder monotonie (de dienstverlening houdt niemand van werk af) ligt het effect op de cliënten die in beide groepen werk zouden vinden tussen de grenzen: de werkenden van ${n.trimmed} worden met ${n.trimShare} (het overschot) ingekort, van boven voor de ondergrens en van onder voor de bovengrens. Aandelen en deeltijdfactor in procentpunt; één decimaal meer dan tabel 5.4. SE's: Lee (2009), propositie 3; intervallen van de grenzen: grens ± z·SE; het interval van Imbens–Manski (2004) bevat het effect met kans ${n.level} (C = ${n.critical}). Naïef: de vergelijking van werkenden uit tabel 5.4 (${n.naiveMethod} voor het aandeel, Welch voor gemiddelden).`,
    leeTest:
      'tweezijdig; alleen het naïeve netto-effect: verschil in aandelen van de werkenden (z-toets, ongepoolde SE) of t-toets van Welch op gemiddelden',
    annexB1: 'Bijlage B.1: uitstroom naar geslacht (%)',
    anyExitBenefit: 'uitstroom uit de uitkering (alle redenen)',
    jobExitShort: 'uitstroom naar werk',
    plainNet: 'netto-effect (ongecorrigeerd, z)',
    adjustedNet: 'netto-effect (gecorrigeerd, OLS HC2)',
    annexNote: (plainTest, adjusted) =>
      `Aandelen en het ongecorrigeerde netto-effect: ${plainTest}. Gecorrigeerd netto-effect: ${adjusted}. De sterren van elke rij komen uit haar eigen toets; het rapport drukt één ster per cel af (docs/reproduction.md zegt welke toets welke gepubliceerde ster geeft).`,
    annexTest: (plainTest, adjusted) =>
      `tweezijdig, per maand; ongecorrigeerde rijen: ${plainTest}; gecorrigeerde rijen: ${adjusted}`,
  },
};

/** The job-quality outcomes of Table 5.4 (the analysis's labels, English) in Dutch. */
const JOB_QUALITY_NL: Readonly<Record<string, string>> = {
  'first job: permanent contract': 'eerste baan: vast contract',
  'first job: mean length (days)': 'eerste baan: gemiddelde duur (dagen)',
  'mean number of jobs': 'gemiddeld aantal banen',
  'mean part-time factor': 'gemiddelde deeltijdfactor',
  'mean hourly wage (€)': 'gemiddeld uurloon (€)',
};

/**
 * A job-quality outcome's label of Table 5.4 in a language: the analysis's English label as it
 * is, its Dutch name in Dutch (a label without one stays as given).
 *
 * @example
 * jobQualityLabel('mean number of jobs', 'nl') // "gemiddeld aantal banen"
 */
export function jobQualityLabel(label: string, lang: Language): string {
  return lang === 'nl' ? (JOB_QUALITY_NL[label] ?? label) : label;
}

/**
 * The texts of the review's flags and verdict (`review-checks.ts`) in English and Dutch: what
 * was measured, the bound, the message and the verdict in plain words. Numbers come in already
 * formatted in the language's style (`review-format.ts`); Dutch terms follow docs/glossary.md
 * (AUC, PSI and Hosmer–Lemeshow keep their names; "kalibratie", "procentpunt").
 */
import type { Texts } from '../language.js';

/** "under" / "over" (estimates the risk), "fewer" / "more" (cases than predicted), … */
type Side = 'under' | 'over';

/** Every text of the flags and the verdict table in one language. */
export interface CheckTexts {
  /** "top 10 %" / "top 10%". */
  readonly top: (q: string) => string;
  readonly captureIn: (q: string, label: string) => string;
  readonly captureMessage: (label: string, q: string, value: string, min: string) => string;
  readonly aucOf: (label: string) => string;
  readonly aucMessage: (label: string, value: string, min: string) => string;
  readonly slopeOf: (label: string) => string;
  readonly slopeMessage: (label: string, value: string, range: string) => string;
  readonly interceptOf: (label: string) => string;
  readonly interceptMessage: (label: string, value: string, side: Side) => string;
  readonly oeOf: (label: string) => string;
  readonly oeMessage: (label: string, value: string, range: string) => string;
  readonly hlOf: (label: string) => string;
  readonly hlMessage: (label: string, c: string, df: string, p: string) => string;
  readonly psiOf: (variable: string) => string;
  readonly psiMessage: (variable: string, psi: string, level: string) => string;
  readonly psiScore: string;
  readonly psiScoreMessage: (psi: string, level: string) => string;
  readonly captureChange: string;
  readonly captureFell: (pp: string, p: string) => string;
  readonly aucChange: string;
  readonly aucFell: (value: string, p: string) => string;
  readonly captureGap: (where: string) => string;
  readonly gap: (bound: string) => string;
  readonly captureGapMessage: (
    where: string,
    capture: string,
    reference: string,
    group: string,
    pp: string,
  ) => string;
  readonly aucGap: (where: string) => string;
  readonly aucGapMessage: (where: string, auc: string, gap: string, group: string) => string;
  readonly oeGroup: (where: string) => string;
  readonly oeGroupMessage: (where: string, oe: string, cases: string, side: Side) => string;
  readonly ratioIn: (range: string) => string;
  readonly fairnessMessage: (
    where: string,
    label: string,
    value: string,
    overall: string,
    ratio: string,
    criterion: string,
  ) => string;
  readonly holm: (message: string, p: string, flags: number, adjusted: string) => string;
  // The verdict table.
  readonly discrimination: (label: string) => string;
  readonly aucWords: readonly [string, string, string];
  readonly captureWords: (q: string) => readonly [string, string, string];
  readonly interceptWords: (side: Side) => readonly [string, string, string];
  readonly observedExpected: (label: string) => string;
  readonly slopeWords: (tooExtreme: boolean) => readonly [string, string, string];
  readonly oeWords: (fewer: boolean) => readonly [string, string, string];
  readonly hlWords: readonly [string, string];
  readonly scoreDrift: string;
  readonly scoreDriftWords: readonly [string, string, string];
  readonly featureDrift: (variable: string) => string;
  readonly featureDriftWords: (variable: string) => readonly [string, string, string];
  readonly aucChangeCheck: (previous: string, current: string) => string;
  readonly aucChangeWords: readonly [string, string, string];
  readonly captureChangeCheck: (previous: string, current: string) => string;
  readonly captureChangeWords: readonly [string, string, string];
  readonly refitCheck: (label: string) => string;
  readonly refitWords: (label: string) => readonly [string, string, string];
  readonly subgroupsCheck: string;
  readonly fairnessCheck: string;
  readonly holmBound: (alpha: string) => string;
  readonly noGroup: string;
  readonly groupFlags: (flags: number, findings: number) => string;
  readonly separationCheck: string;
  readonly none: string;
  readonly separationPass: string;
  readonly previousFit: (label: string, note: string) => string;
  readonly currentRefit: (label: string, note: string) => string;
}

/** The texts of the flags and the verdict table, by language. */
export const CHECK_TEXTS: Texts<CheckTexts> = {
  en: {
    top: (q) => `top ${q} %`,
    captureIn: (q, label) => `capture in the top ${q} % (${label})`,
    captureMessage: (label, q, value, min) =>
      `${label}: the top ${q} % captures ${value} of the cases, below ${min}`,
    aucOf: (label) => `AUC (${label})`,
    aucMessage: (label, value, min) => `${label}: AUC ${value} is below ${min}`,
    slopeOf: (label) => `calibration slope (${label})`,
    slopeMessage: (label, value, range) => `${label}: calibration slope ${value} outside ${range}`,
    interceptOf: (label) => `calibration intercept (${label})`,
    interceptMessage: (label, value, side) =>
      `${label}: calibration intercept ${value} (log-odds): the scan ${side}estimates the risk on average`,
    oeOf: (label) => `observed/expected (${label})`,
    oeMessage: (label, value, range) =>
      `${label}: observed/expected cases ${value} outside ${range}`,
    hlOf: (label) => `Hosmer–Lemeshow p (${label})`,
    hlMessage: (label, c, df, p) =>
      `${label}: Hosmer–Lemeshow Ĉ = ${c} on ${df} df, p = ${p}: predicted and observed rates differ across deciles (at this sample size small misfit is detected; read the decile table)`,
    psiOf: (variable) => `PSI of ${variable}`,
    psiMessage: (variable, psi, level) => `feature ${variable} shifted: PSI ${psi} (${level})`,
    psiScore: 'PSI of the score',
    psiScoreMessage: (psi, level) => `the score distribution shifted: PSI ${psi} (${level})`,
    captureChange: 'change in capture in the top 10 %',
    captureFell: (pp, p) => `capture in the top 10 % fell by ${pp} (p = ${p})`,
    aucChange: 'change in AUC',
    aucFell: (value, p) => `AUC fell by ${value} (p = ${p})`,
    captureGap: (where) => `capture gap, ${where}`,
    gap: (bound) => `|gap| ≤ ${bound}`,
    captureGapMessage: (where, capture, reference, group, pp) =>
      `${where}: capture ${capture} vs ${reference} for ${group} (${pp})`,
    aucGap: (where) => `AUC gap, ${where}`,
    aucGapMessage: (where, auc, gap, group) => `${where}: AUC ${auc}, ${gap} vs ${group}`,
    oeGroup: (where) => `observed/expected, ${where}`,
    oeGroupMessage: (where, oe, cases, side) =>
      `${where}: observed/expected ${oe} (${cases} cases, risk ${side}estimated)`,
    ratioIn: (range) => `ratio in ${range}`,
    fairnessMessage: (where, label, value, overall, ratio, criterion) =>
      `${where}: ${label} ${value} against ${overall} overall (ratio ${ratio}; ${criterion})`,
    holm: (message, p, flags, adjusted) =>
      `${message}; p = ${p}, Holm-adjusted over ${flags} subgroup and fairness flags ${adjusted}`,
    discrimination: (label) => `discrimination: AUC (${label})`,
    aucWords: [
      'the scan ranks cases above non-cases well enough',
      'the AUC is below the threshold, but its interval reaches it',
      'the scan ranks cases clearly worse than required',
    ],
    captureWords: (q) => [
      `the top ${q} % holds enough of the cases`,
      'below the threshold, within the interval',
      `the top ${q} % holds clearly too few of the cases`,
    ],
    interceptWords: (side) => [
      'the predicted risk is right on average',
      'the average risk may be off',
      `the scan ${side}estimates the risk on average`,
    ],
    observedExpected: (label) => `observed / expected cases (${label})`,
    slopeWords: (tooExtreme) => [
      'predictions are neither too extreme nor too flat',
      'the spread of the predictions may be off',
      tooExtreme ? 'predictions are too extreme' : 'predictions are too flat',
    ],
    oeWords: (fewer) => [
      'as many cases as predicted',
      'the number of cases may differ from the prediction',
      fewer ? 'fewer cases than predicted' : 'more cases than predicted',
    ],
    hlWords: [
      'no misfit across the deciles',
      'observed and predicted rates differ across deciles; read the decile table (large samples detect small misfit)',
    ],
    scoreDrift: 'drift of the score (PSI)',
    scoreDriftWords: ['the score distribution is stable', 'moderate shift', 'large shift'],
    featureDrift: (variable) => `drift of the features (largest PSI: ${variable})`,
    featureDriftWords: (variable) => [
      'no feature shifted',
      `${variable} shifted moderately`,
      `${variable} shifted strongly`,
    ],
    aucChangeCheck: (previous, current) => `change in AUC, ${previous} → ${current}`,
    aucChangeWords: ['discrimination held up', 'AUC fell, within noise', 'AUC fell clearly'],
    captureChangeCheck: (previous, current) =>
      `change in capture (top 10 %), ${previous} → ${current}`,
    captureChangeWords: ['capture held up', 'capture fell, within noise', 'capture fell clearly'],
    refitCheck: (label) => `refit on ${label} against the scan (paired AUC difference)`,
    refitWords: (label) => [
      `a refit on ${label} would not rank clearly better (its AUC is in-sample, so optimistic)`,
      'a refit may rank better: consider re-estimating the scan',
      'a refit ranks clearly better: re-estimate the scan',
    ],
    subgroupsCheck: 'subgroups: capture, AUC and calibration per group',
    fairnessCheck: 'fairness: selection, TPR, PPV and FPR ratios per group',
    holmBound: (alpha) => `Holm-adjusted p < ${alpha}`,
    noGroup: 'no group outside the thresholds',
    groupFlags: (flags, findings) =>
      `${flags} flag${flags === 1 ? '' : 's'}, ${findings} of them ${findings === 1 ? 'a finding' : 'findings'} after Holm's correction`,
    separationCheck: 'separation and rare levels in the fits',
    none: 'none',
    separationPass: 'every factor level has cases and non-cases; maximum-likelihood fits',
    previousFit: (label, note) => `${label} fit: ${note}`,
    currentRefit: (label, note) => `${label} refit: ${note}`,
  },
  nl: {
    top: (q) => `top ${q}%`,
    captureIn: (q, label) => `vangst in de top ${q}% (${label})`,
    captureMessage: (label, q, value, min) =>
      `${label}: de top ${q}% vangt ${value} van de gevallen, minder dan ${min}`,
    aucOf: (label) => `AUC (${label})`,
    aucMessage: (label, value, min) => `${label}: AUC ${value} is lager dan ${min}`,
    slopeOf: (label) => `kalibratiehelling (${label})`,
    slopeMessage: (label, value, range) => `${label}: kalibratiehelling ${value} buiten ${range}`,
    interceptOf: (label) => `kalibratie-intercept (${label})`,
    interceptMessage: (label, value, side) =>
      `${label}: kalibratie-intercept ${value} (log-odds): de scan ${side === 'under' ? 'onderschat' : 'overschat'} het risico gemiddeld`,
    oeOf: (label) => `waargenomen/verwacht (${label})`,
    oeMessage: (label, value, range) =>
      `${label}: waargenomen/verwachte gevallen ${value} buiten ${range}`,
    hlOf: (label) => `Hosmer–Lemeshow p (${label})`,
    hlMessage: (label, c, df, p) =>
      `${label}: Hosmer–Lemeshow Ĉ = ${c} bij ${df} vrijheidsgraden, p = ${p}: voorspelde en waargenomen percentages verschillen tussen de decielen (bij deze steekproefomvang wordt een kleine misfit al gevonden; lees de decieltabel)`,
    psiOf: (variable) => `PSI van ${variable}`,
    psiMessage: (variable, psi, level) => `kenmerk ${variable} verschoven: PSI ${psi} (${level})`,
    psiScore: 'PSI van de score',
    psiScoreMessage: (psi, level) => `de verdeling van de score verschoven: PSI ${psi} (${level})`,
    captureChange: 'verandering in de vangst in de top 10%',
    captureFell: (pp, p) => `de vangst in de top 10% daalde met ${pp} (p = ${p})`,
    aucChange: 'verandering in de AUC',
    aucFell: (value, p) => `de AUC daalde met ${value} (p = ${p})`,
    captureGap: (where) => `verschil in vangst, ${where}`,
    gap: (bound) => `|verschil| ≤ ${bound}`,
    captureGapMessage: (where, capture, reference, group, pp) =>
      `${where}: vangst ${capture} tegenover ${reference} voor ${group} (${pp})`,
    aucGap: (where) => `verschil in AUC, ${where}`,
    aucGapMessage: (where, auc, gap, group) => `${where}: AUC ${auc}, ${gap} tegenover ${group}`,
    oeGroup: (where) => `waargenomen/verwacht, ${where}`,
    oeGroupMessage: (where, oe, cases, side) =>
      `${where}: waargenomen/verwacht ${oe} (${cases} gevallen, risico ${side === 'under' ? 'onderschat' : 'overschat'})`,
    ratioIn: (range) => `verhouding in ${range}`,
    fairnessMessage: (where, label, value, overall, ratio, criterion) =>
      `${where}: ${label} ${value} tegenover ${overall} over iedereen (verhouding ${ratio}; ${criterion})`,
    holm: (message, p, flags, adjusted) =>
      `${message}; p = ${p}, na Holm-correctie over ${flags} subgroep- en fairnesssignalen ${adjusted}`,
    discrimination: (label) => `onderscheidend vermogen: AUC (${label})`,
    aucWords: [
      'de scan rangschikt gevallen goed genoeg boven niet-gevallen',
      'de AUC ligt onder de drempel, maar het interval reikt tot de drempel',
      'de scan rangschikt gevallen duidelijk slechter dan vereist',
    ],
    captureWords: (q) => [
      `de top ${q}% bevat genoeg van de gevallen`,
      'onder de drempel, binnen het interval',
      `de top ${q}% bevat duidelijk te weinig van de gevallen`,
    ],
    interceptWords: (side) => [
      'het voorspelde risico klopt gemiddeld',
      'het gemiddelde risico wijkt mogelijk af',
      `de scan ${side === 'under' ? 'onderschat' : 'overschat'} het risico gemiddeld`,
    ],
    observedExpected: (label) => `waargenomen / verwachte gevallen (${label})`,
    slopeWords: (tooExtreme) => [
      'de voorspellingen zijn niet te extreem en niet te vlak',
      'de spreiding van de voorspellingen wijkt mogelijk af',
      tooExtreme ? 'de voorspellingen zijn te extreem' : 'de voorspellingen zijn te vlak',
    ],
    oeWords: (fewer) => [
      'evenveel gevallen als voorspeld',
      'het aantal gevallen wijkt mogelijk af van de voorspelling',
      fewer ? 'minder gevallen dan voorspeld' : 'meer gevallen dan voorspeld',
    ],
    hlWords: [
      'geen misfit over de decielen',
      'waargenomen en voorspelde percentages verschillen tussen de decielen; lees de decieltabel (grote steekproeven vinden een kleine misfit)',
    ],
    scoreDrift: 'drift van de score (PSI)',
    scoreDriftWords: [
      'de verdeling van de score is stabiel',
      'matige verschuiving',
      'grote verschuiving',
    ],
    featureDrift: (variable) => `drift van de kenmerken (grootste PSI: ${variable})`,
    featureDriftWords: (variable) => [
      'geen kenmerk verschoven',
      `${variable} matig verschoven`,
      `${variable} sterk verschoven`,
    ],
    aucChangeCheck: (previous, current) => `verandering in de AUC, ${previous} → ${current}`,
    aucChangeWords: [
      'het onderscheidend vermogen bleef behouden',
      'de AUC daalde, binnen de ruis',
      'de AUC daalde duidelijk',
    ],
    captureChangeCheck: (previous, current) =>
      `verandering in de vangst (top 10%), ${previous} → ${current}`,
    captureChangeWords: [
      'de vangst bleef behouden',
      'de vangst daalde, binnen de ruis',
      'de vangst daalde duidelijk',
    ],
    refitCheck: (label) => `herschatting op ${label} tegenover de scan (gepaard AUC-verschil)`,
    refitWords: (label) => [
      `een herschatting op ${label} zou niet duidelijk beter rangschikken (haar AUC is in-sample, dus optimistisch)`,
      'een herschatting rangschikt mogelijk beter: overweeg de scan opnieuw te schatten',
      'een herschatting rangschikt duidelijk beter: schat de scan opnieuw',
    ],
    subgroupsCheck: 'subgroepen: vangst, AUC en kalibratie per groep',
    fairnessCheck: 'fairness: verhoudingen van selectie, TPR, PPV en FPR per groep',
    holmBound: (alpha) => `p na Holm-correctie < ${alpha}`,
    noGroup: 'geen groep buiten de drempels',
    groupFlags: (flags, findings) =>
      `${flags} ${flags === 1 ? 'signaal' : 'signalen'}, waarvan ${findings} ${findings === 1 ? 'een bevinding' : 'bevindingen'} na Holm-correctie`,
    separationCheck: 'separatie en zeldzame niveaus in de schattingen',
    none: 'geen',
    separationPass:
      'elk niveau van een factor heeft gevallen en niet-gevallen; maximum-likelihoodschattingen',
    previousFit: (label, note) => `schatting op ${label}: ${note}`,
    currentRefit: (label, note) => `herschatting op ${label}: ${note}`,
  },
};

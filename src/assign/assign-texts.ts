/**
 * The texts of the assignment documents — `assign`'s summary, the rule descriptions and the
 * audit (sample ratio, conformance, balance) — in English and Dutch. Numbers are passed in as
 * numbers and formatted here in the language's style, so the English texts stay exactly as
 * before. Column ids never change with the language (disclosure control and JSON use them);
 * only their labels do. Dutch terms follow docs/glossary.md (groep, kenmerk, toets op de
 * groepsverhouding, onthullingscontrole).
 */
import { formatGeneral, formatNumber, NUMBER_STYLES } from '../format.js';
import type { Language, Texts } from '../language.js';
import type { Column, Table } from '../table/index.js';

const NL = NUMBER_STYLES.nl;

/** Every text of the assignment documents in one language. */
export interface AssignTexts {
  /** A ratio of weights: "experiment 0.8 / control 0.2". */
  readonly ratio: (weights: Readonly<Record<string, number>>) => string;
  readonly hashed: (ratio: string, key: string) => string;
  readonly complete: (ratio: string, seed: string) => string;
  readonly blocked: (block: string, ratio: string, seed: string) => string;
  readonly parity: (even: string, odd: string) => string;
  readonly assignmentTitle: string;
  readonly assignmentLine: (description: string, assigned: string, rows: string) => string;
  readonly excluded: (reason: string) => string;
  /** Labels of the assignment table's columns, by id. */
  readonly assignmentColumns: Readonly<Record<string, string>>;
  readonly wrote: (rows: number, file: string) => string;
  readonly auditTitle: string;
  readonly auditLine: (withRule: boolean, description: string, rows: number) => string;
  readonly statedWeights: (ratio: string) => string;
  readonly sampleRatioHeading: string;
  readonly sampleRatioMethod: (df: number) => string;
  readonly sampleRatioLine: (method: string, x2: number, p: number, mark: string) => string;
  readonly sampleRatioColumns: Readonly<Record<string, string>>;
  /** The star legend of the sample-ratio test: "Stars: † p < 0.20, … (p-values: …)". */
  readonly starLegend: (levels: string, test: string) => string;
  readonly unknownArms: (withRule: boolean, list: string) => string;
  readonly conformanceHeading: string;
  readonly conformanceLine: (
    rule: string,
    differ: number,
    checked: number,
    rate: number,
    skipped: number,
  ) => string;
  readonly conformanceColumns: Readonly<Record<string, string>>;
  readonly excludedCell: string;
  readonly noneCell: string;
  readonly moreRows: (k: number) => string;
  readonly balanceHeading: string;
  readonly balanceColumns: Readonly<Record<string, string>>;
  readonly sd: string;
  readonly balanceStarsTest: string;
  readonly covariateTest: (
    covariate: string,
    method: string,
    statistic: string,
    df: string,
    warning: string | undefined,
  ) => string;
  readonly omnibus: (
    arm: string,
    reference: string,
    f: string,
    df: readonly [number, number],
    p: string,
    holm: string | undefined,
    stars: string,
    n: string,
    method: string,
  ) => string;
  readonly smdFormula: string;
  readonly note: string;
  /** A method or note text of the balance computation in this language. */
  readonly method: (text: string) => string;
}

/** English ratio, as the rule descriptions always wrote it ("experiment 0.8 / control 0.2"). */
const ratioEn = (w: Readonly<Record<string, number>>) =>
  Object.entries(w)
    .map(([arm, x]) => `${arm} ${x}`)
    .join(' / ');

/** Dutch phrases of the balance computation's method texts and notes, longest first. */
const NL_METHOD_RULES: readonly (readonly [RegExp, string])[] = [
  [
    /Pearson chi-square test of independence \(no continuity correction\)/g,
    'chikwadraattoets van Pearson op onafhankelijkheid (zonder continuïteitscorrectie)',
  ],
  [
    /fewer than two levels or arms with clients: no test/g,
    'minder dan twee niveaus of groepen met cliënten: geen toets',
  ],
  [/Welch two-sample t test/g, 't-toets van Welch voor twee steekproeven'],
  [/Welch's one-way ANOVA/g, 'eenwegs-ANOVA van Welch'],
  [
    /OLS of 1\{arm = ([^}]+)\} on the covariates \(vs ([^)]+)\), joint Wald test of all covariate coefficients = 0, HC2, F\(q, n − k\)/g,
    'OLS van 1{groep = $1} op de kenmerken (tegen $2), gezamenlijke Wald-toets dat alle kenmerkcoëfficiënten 0 zijn, HC2, F(q, n − k)',
  ],
  [
    /Omnibus p-values with more than two arms: one regression per non-reference arm, Holm-adjusted\./g,
    'Omnibus-p-waarden bij meer dan twee groepen: één regressie per groep naast de referentiegroep, gecorrigeerd volgens Holm.',
  ],
  [/Omnibus (.+?) vs (.+?) not computed: /g, 'Omnibus $1 tegen $2 niet berekend: '],
  [
    /Omnibus (.+?) vs (.+?): aliased terms dropped: /g,
    'Omnibus $1 tegen $2: samenvallende termen weggelaten: ',
  ],
  [
    /(\d+) rows without one of the arms (.+?) were left out\./g,
    '$1 rijen zonder een van de groepen $2 zijn weggelaten.',
  ],
];

/** The texts in English (as every assignment document has always been written) and Dutch. */
export const ASSIGN_TEXTS: Texts<AssignTexts> = {
  en: {
    ratio: ratioEn,
    hashed: (ratio, key) => `hashed ratio ${ratio}, HMAC-SHA256 key '${key}'`,
    complete: (ratio, seed) => `complete randomisation ${ratio}, seed ${seed}`,
    blocked: (block, ratio, seed) =>
      `complete randomisation within blocks of '${block}' ${ratio}, seed ${seed}`,
    parity: (even, odd) => `BSN parity: even last digit → ${even}, odd → ${odd}`,
    assignmentTitle: 'Assignment',
    assignmentLine: (d, assigned, rows) =>
      `Assignment: ${d}; ${assigned} of ${rows} rows assigned.`,
    excluded: (reason) => `excluded: ${reason}`,
    assignmentColumns: {},
    wrote: (rows, file) => `Wrote ${rows.toLocaleString('en-US')} rows to ${file}.`,
    auditTitle: 'Assignment audit',
    auditLine: (withRule, d, rows) =>
      `${withRule ? 'Rule' : 'Against'}: ${d}. Rows: ${formatGeneral(rows)}.`,
    statedWeights: (ratio) => `stated weights ${ratio} (rule not given: no conformance check)`,
    sampleRatioHeading: 'Sample ratio',
    sampleRatioMethod: (df) => `chi-square goodness of fit against the intended weights, ${df} df`,
    sampleRatioLine: (method, x2, p, mark) =>
      `Sample ratio (${method}): X² = ${formatGeneral(x2)}, p = ${formatGeneral(p)}${mark}`,
    sampleRatioColumns: {},
    starLegend: (levels, test) => `Stars: ${levels} (p-values: ${test})`,
    unknownArms: (withRule, list) =>
      `Recorded arms not in the ${withRule ? 'rule' : 'stated weights'}: ${list}.`,
    conformanceHeading: 'Conformance',
    conformanceLine: (rule, differ, checked, rate, skipped) =>
      `Conformance with ${rule}: ${formatGeneral(differ)} of ${formatGeneral(checked)} rows differ (${formatNumber(100 * rate, 2)} %)${skipped > 0 ? `; ${skipped} rows without an arm skipped` : ''}.`,
    conformanceColumns: {},
    excludedCell: '(excluded)',
    noneCell: '(none)',
    moreRows: (k) => `… and ${k} more rows (see toTable()).`,
    balanceHeading: 'Balance',
    balanceColumns: {},
    sd: 'SD',
    balanceStarsTest: 'per covariate, the test listed below the table',
    covariateTest: (c, method, statistic, df, warning) =>
      `${c}: ${method}, statistic ${statistic} on ${df} df${warning ? ` (${warning})` : ''}.`,
    omnibus: (arm, reference, f, df, p, holm, stars, n, method) =>
      `Omnibus ${arm} vs ${reference}: F = ${f} on (${df[0]}, ${df[1]}) df, p = ${p}${holm !== undefined ? ` (Holm ${holm})` : ''}${stars ? ` ${stars}` : ''}, n = ${n}; ${method}.`,
    smdFormula:
      'SMD = (mean arm − mean reference) / √((SD arm² + SD reference²)/2); for factor levels on the 0/1 indicator.',
    note: 'Note',
    method: (text) => text,
  },
  nl: {
    ratio: (w) =>
      Object.entries(w)
        .map(([arm, x]) => `${arm} ${formatGeneral(x, 15, NL)}`)
        .join(' / '),
    hashed: (ratio, key) => `gehashte verhouding ${ratio}, HMAC-SHA256-sleutel '${key}'`,
    complete: (ratio, seed) => `volledige randomisatie ${ratio}, seed ${seed}`,
    blocked: (block, ratio, seed) =>
      `volledige randomisatie binnen blokken van '${block}' ${ratio}, seed ${seed}`,
    parity: (even, odd) => `BSN-pariteit: even laatste cijfer → ${even}, oneven → ${odd}`,
    assignmentTitle: 'Toewijzing',
    assignmentLine: (d, assigned, rows) =>
      `Toewijzing: ${d}; ${assigned} van ${rows} rijen toegewezen.`,
    excluded: (reason) => `uitgesloten: ${reason}`,
    assignmentColumns: { arm: 'groep', n: 'n', share: 'aandeel', intended: 'beoogd' },
    wrote: (rows, file) => `${formatGeneral(rows, 4, NL)} rijen geschreven naar ${file}.`,
    auditTitle: 'Controle van de toewijzing',
    auditLine: (withRule, d, rows) =>
      `${withRule ? 'Regel' : 'Getoetst tegen'}: ${d}. Rijen: ${formatGeneral(rows, 4, NL)}.`,
    statedWeights: (ratio) =>
      `opgegeven verhouding ${ratio} (regel niet gegeven: geen controle op de regel)`,
    sampleRatioHeading: 'Groepsverhouding',
    sampleRatioMethod: (df) =>
      `chikwadraattoets op de beoogde verhouding, ${df} ${df === 1 ? 'vrijheidsgraad' : 'vrijheidsgraden'}`,
    sampleRatioLine: (method, x2, p, mark) =>
      `Toets op de groepsverhouding (${method}): X² = ${formatGeneral(x2, 4, NL)}, p = ${formatGeneral(p, 4, NL)}${mark}`,
    sampleRatioColumns: {
      arm: 'groep',
      observed: 'waargenomen',
      expected: 'verwacht',
      share: 'aandeel',
      intended: 'beoogd',
    },
    starLegend: (levels, test) => `Sterren: ${levels} (p-waarden: ${test})`,
    unknownArms: (withRule, list) =>
      `Vastgelegde groepen die niet in de ${withRule ? 'regel' : 'opgegeven verhouding'} staan: ${list}.`,
    conformanceHeading: 'Naleving van de regel',
    conformanceLine: (rule, differ, checked, rate, skipped) =>
      `Naleving van ${rule}: ${formatGeneral(differ, 4, NL)} van ${formatGeneral(checked, 4, NL)} rijen wijken af (${formatNumber(100 * rate, 2, NL)}%)${skipped > 0 ? `; ${formatGeneral(skipped, 4, NL)} rijen zonder groep overgeslagen` : ''}.`,
    conformanceColumns: {
      row: 'rij',
      pseudonym: 'pseudoniem',
      expected: 'volgens de regel',
      observed: 'vastgelegd',
    },
    excludedCell: '(uitgesloten)',
    noneCell: '(geen)',
    moreRows: (k) => `… en nog ${formatGeneral(k, 4, NL)} rijen (zie toTable()).`,
    balanceHeading: 'Balans',
    balanceColumns: { covariate: 'kenmerk', level: 'niveau' },
    sd: 'sd',
    balanceStarsTest: 'per kenmerk: de toets in de lijst onder de tabel',
    covariateTest: (c, method, statistic, df, warning) =>
      `${c}: ${method}, toetsgrootheid ${statistic} bij ${df} ${df === '1' ? 'vrijheidsgraad' : 'vrijheidsgraden'}${warning ? ` (${warning})` : ''}.`,
    omnibus: (arm, reference, f, df, p, holm, stars, n, method) =>
      `Omnibus ${arm} tegen ${reference}: F = ${f} bij (${formatGeneral(df[0], 6, NL)}, ${formatGeneral(df[1], 6, NL)}) vrijheidsgraden, p = ${p}${holm !== undefined ? ` (Holm ${holm})` : ''}${stars ? ` ${stars}` : ''}, n = ${n}; ${method}.`,
    smdFormula:
      'SMD = (gemiddelde groep − gemiddelde referentie) / √((sd groep² + sd referentie²)/2); voor niveaus van een factor op de 0/1-indicator.',
    note: 'Opmerking',
    method: (text) =>
      NL_METHOD_RULES.reduce((t, [pattern, dutch]) => t.replace(pattern, dutch), text),
  },
};

/**
 * A table with its column labels replaced where `labels` names the column's id (ids, and so
 * disclosure marks and JSON, unchanged).
 *
 * @example
 * labelColumns(tableFromRows([{ arm: 'control', n: 240 }]), { arm: 'groep' }).columns[0].label // "groep"
 */
export function labelColumns(table: Table, labels: Readonly<Record<string, string>>): Table {
  if (Object.keys(labels).length === 0) return table;
  return {
    ...table,
    columns: table.columns.map(
      (c): Column => (labels[c.id] === undefined ? c : { ...c, label: labels[c.id]! }),
    ),
  };
}

/** The texts of a language (default English). */
export function assignTexts(lang: Language = 'en'): AssignTexts {
  return ASSIGN_TEXTS[lang];
}

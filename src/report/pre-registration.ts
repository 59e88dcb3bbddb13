/**
 * The presentation of a run against its frozen pre-analysis plan (`preRegistration` in
 * `src/evaluate/`): a first section with the plan's hash and the field-by-field comparison, a
 * second with the confirmatory result (the primary outcome at the primary month, with the
 * planned estimator — or why there is none), and every other section of the evaluation marked
 * exploratory. The confirmatory row copies the disclosure marks of the same month's row of the
 * (already protected) effect table, so it publishes nothing that table does not.
 */
import type { PreRegistration } from '../evaluate/pre-registration.js';
import { formatNumber, formatPercent, styledNumber } from '../format.js';
import { type Language, numberStyleOf, type Texts, textOf } from '../language.js';
import { type AllKeys, rejectUnknownKeys } from '../stats/option-keys.js';
import type { Cell, Section, SectionColumn, SuppressionMark } from '../table/index.js';
import { methodText } from './method-texts.js';

/** The title prefix of every section of a pre-registered run that is not confirmatory. */
export const EXPLORATORY_PREFIX = 'Exploratory: ';

/** {@link EXPLORATORY_PREFIX} by language: "Exploratory: " / "Verkennend: ". */
export const EXPLORATORY_PREFIXES: Texts = { en: EXPLORATORY_PREFIX, nl: 'Verkennend: ' };

/** Options of {@link preRegisteredSections} and {@link planStatusLine}: the language. */
export interface PreRegistrationOptions {
  /** Language of the titles, labels and notes (default `en`). */
  readonly lang?: Language;
}

const OPTION_KEYS: AllKeys<PreRegistrationOptions> = { lang: true };

/** Every text of the two pre-registration sections in one language. */
interface PlanTexts {
  readonly head: (file: string, sha: string) => string;
  readonly deviates: (deviations: string) => string;
  readonly confirmatoryIs: (event: string, month: number, estimator: string) => string;
  readonly unreadable: string;
  readonly runs: (what: string) => string;
  readonly titleDeviates: (sha: string) => string;
  readonly titleFollowed: (sha: string) => string;
  readonly planField: string;
  readonly configField: string;
  readonly planned: string;
  readonly thisAnalysis: string;
  readonly status: string;
  readonly hashes: string;
  readonly primary: string;
  readonly deviatesCell: string;
  readonly asPlanned: string;
  readonly statusWord: (status: string) => string;
  readonly hashNote: (file: string) => string;
  readonly planNotes: (notes: string) => string;
  readonly noneTitle: string;
  readonly noneDeviates: (deviations: string) => string;
  readonly noneMissing: (outcome: string, month: number) => string;
  readonly title: (event: string, month: number, contrast: string, estimator: string) => string;
  readonly effect: string;
  readonly ci: (level: string) => string;
  readonly to: string;
  readonly lower: string;
  readonly upper: string;
  readonly method: (method: string, level: string) => string;
  readonly notEstimable: (why: string) => string;
  readonly sha: (sha: string) => string;
}

const STATUS_NL: Readonly<Record<string, string>> = {
  verified: 'geverifieerd',
  confirmatory: 'confirmatief',
  exploratory: 'verkennend',
  'as planned': 'zoals gepland',
  deviates: 'wijkt af',
  'not analysed': 'niet geanalyseerd',
};

const TEXTS: Texts<PlanTexts> = {
  en: {
    head: (file, sha) => `Pre-analysis plan ${file}, sha256 ${sha}`,
    deviates: (d) =>
      `THIS ANALYSIS DEVIATES FROM THE FROZEN PLAN (run with --exploratory): ${d}. There is no confirmatory result: every result is exploratory.`,
    confirmatoryIs: (e, m, est) =>
      `the confirmatory result is the effect on ${e} at month ${m} (${est})`,
    unreadable: 'the confirmatory result could not be read from the analysis',
    runs: (what) =>
      `this analysis runs its primary analysis; ${what}; every other result is exploratory.`,
    titleDeviates: (sha) =>
      `Pre-analysis plan (sha256 ${sha}): this analysis deviates from it — exploratory`,
    titleFollowed: (sha) => `Pre-analysis plan (sha256 ${sha}): followed`,
    planField: 'plan field',
    configField: 'config field',
    planned: 'planned',
    thisAnalysis: 'this analysis',
    status: 'status',
    hashes: 'the frozen plan hashes to its stamp',
    primary: 'the primary analysis',
    deviatesCell: 'deviates from the frozen plan (--exploratory)',
    asPlanned: 'as planned',
    statusWord: (s) => s,
    hashNote: (file) =>
      `The hash is the SHA-256 of the RFC 8785 canonical JSON of the complete plan without its "frozen" stamp (check: jq -j .frozen.canonical ${file} | sha256sum); compare it with the registered hash.`,
    planNotes: (n) => `Plan notes: ${n}`,
    noneTitle: 'Confirmatory result: none',
    noneDeviates: (d) =>
      `No confirmatory result: the analysis deviates from the frozen plan (${d}); every result below is exploratory.`,
    noneMissing: (o, m) =>
      `No confirmatory result: the analysis holds no effect on ${o} at month ${m}.`,
    title: (e, m, contrast, est) =>
      `Confirmatory result (pre-registered): effect on ${e} at month ${m} (${contrast}, ${est})`,
    effect: 'effect',
    ci: (level) => `${level} CI (pp)`,
    to: 'to',
    lower: 'lower',
    upper: 'upper',
    method: (method, level) =>
      `Method: ${method}; two-sided, at the planned level ${level}. The one pre-registered test: its p-value needs no adjustment for the other months, outcomes or subgroups, which are exploratory.`,
    notEstimable: (why) => `Not estimable: ${why}.`,
    sha: (sha) => `Pre-analysis plan sha256 ${sha}.`,
  },
  nl: {
    head: (file, sha) => `Analyseplan ${file}, sha256 ${sha}`,
    deviates: (d) =>
      `DEZE ANALYSE WIJKT AF VAN HET BEVROREN PLAN (uitgevoerd met --exploratory): ${d}. Er is geen confirmatief resultaat: elk resultaat is verkennend.`,
    confirmatoryIs: (e, m, est) =>
      `het confirmatieve resultaat is het effect op ${e} in maand ${m} (${est === 'adjusted' ? 'gecorrigeerd' : 'ruw'})`,
    unreadable: 'het confirmatieve resultaat kon niet uit de analyse worden gelezen',
    runs: (what) =>
      `deze analyse voert de primaire analyse van het plan uit; ${what}; elk ander resultaat is verkennend.`,
    titleDeviates: (sha) => `Analyseplan (sha256 ${sha}): deze analyse wijkt ervan af — verkennend`,
    titleFollowed: (sha) => `Analyseplan (sha256 ${sha}): gevolgd`,
    planField: 'veld van het plan',
    configField: 'veld van de configuratie',
    planned: 'gepland',
    thisAnalysis: 'deze analyse',
    status: 'status',
    hashes: 'de hash van het bevroren plan klopt met zijn stempel',
    primary: 'de primaire analyse',
    deviatesCell: 'wijkt af van het bevroren plan (--exploratory)',
    asPlanned: 'zoals gepland',
    statusWord: (s) => STATUS_NL[s] ?? s,
    hashNote: (file) =>
      `De hash is de SHA-256 van de canonieke JSON (RFC 8785) van het volledige plan zonder zijn stempel "frozen" (controle: jq -j .frozen.canonical ${file} | sha256sum); vergelijk hem met de geregistreerde hash.`,
    planNotes: (n) => `Toelichting bij het plan: ${n}`,
    noneTitle: 'Confirmatief resultaat: geen',
    noneDeviates: (d) =>
      `Geen confirmatief resultaat: de analyse wijkt af van het bevroren plan (${d}); elk resultaat hieronder is verkennend.`,
    noneMissing: (o, m) =>
      `Geen confirmatief resultaat: de analyse bevat geen effect op ${o} in maand ${m}.`,
    title: (e, m, contrast, est) =>
      `Confirmatief resultaat (vooraf geregistreerd): effect op ${e} in maand ${m} (${contrast}, ${est === 'adjusted' ? 'gecorrigeerd' : 'ruw'})`,
    effect: 'effect',
    ci: (level) => `${level}-BI (procentpunt)`,
    to: 'tot',
    lower: 'ondergrens',
    upper: 'bovengrens',
    method: (method, level) =>
      `Methode: ${method}; tweezijdig, op het geplande niveau ${level}. De enige vooraf geregistreerde toets: zijn p-waarde hoeft niet gecorrigeerd te worden voor de andere maanden, uitkomsten of subgroepen, die verkennend zijn.`,
    notEstimable: (why) => `Niet te schatten: ${why}.`,
    sha: (sha) => `Analyseplan sha256 ${sha}.`,
  },
};

/**
 * A comparison cell or deviation sentence of `src/evaluate/plan-comparison.ts` (English there)
 * in a language: "none", "all rows", "planned 24, config.months is 18 (month 24 is not
 * analysed)" become Dutch phrase by phrase; names and numbers stay.
 */
function comparisonText(text: string, lang: Language): string {
  if (lang === 'en') return text;
  if (text === 'none') return 'geen';
  if (text === 'all rows') return 'alle rijen';
  return text
    .replace(/: planned (.*?), (config\.[\w.]+) is /g, ': gepland $1, $2 is ')
    .replace(/\(month (\d+) is not analysed\)/g, '(maand $1 wordt niet geanalyseerd)')
    .replace(/not in config\.events/g, 'niet in config.events')
    .replace(/\bnone\b/g, 'geen')
    .replace(/\ball rows\b/g, 'alle rijen');
}

const col = (
  id: string,
  label: string,
  format: SectionColumn['format'],
  extra: Partial<SectionColumn> = {},
): SectionColumn => ({ id, label, format, ...extra });

/**
 * The sentence every output of a pre-registered run starts with: the plan's hash and whether the
 * analysis follows it or deviates (and how).
 *
 * @example
 * planStatusLine(reg);
 * // 'Pre-analysis plan frozen.json, sha256 3b1f…: this analysis runs its primary analysis; …'
 */
export function planStatusLine(reg: PreRegistration, options: PreRegistrationOptions = {}): string {
  rejectUnknownKeys(options, OPTION_KEYS, 'planStatusLine');
  const lang = options.lang ?? 'en';
  const t = textOf(TEXTS, lang);
  const head = t.head(reg.file, reg.sha256);
  if (reg.deviations.length > 0) {
    return `${head}: ${t.deviates(reg.deviations.map((d) => comparisonText(d, lang)).join('; '))}`;
  }
  const c = reg.confirmatory;
  const what = c ? t.confirmatoryIs(c.event, c.month, c.estimator) : t.unreadable;
  return `${head}: ${t.runs(what)}`;
}

function planSection(reg: PreRegistration, lang: Language): Section {
  const t = textOf(TEXTS, lang);
  const deviates = reg.deviations.length > 0;
  return {
    id: 'pre-analysis-plan',
    title: deviates ? t.titleDeviates(reg.sha256) : t.titleFollowed(reg.sha256),
    columns: [
      col('field', t.planField, 'text', { qualifier: true }),
      col('config', t.configField, 'text', { displayOnly: true }),
      col('planned', t.planned, 'text'),
      col('analysed', t.thisAnalysis, 'text'),
      col('status', t.status, 'text'),
    ],
    rows: [
      {
        field: 'sha256',
        config: '',
        planned: reg.sha256,
        analysed: t.hashes,
        status: t.statusWord('verified'),
      },
      {
        field: 'analysis',
        config: '',
        planned: t.primary,
        analysed: deviates ? t.deviatesCell : t.asPlanned,
        status: t.statusWord(deviates ? 'exploratory' : 'confirmatory'),
      },
      ...reg.comparison.map((r) => ({
        field: r.field,
        config: r.configField,
        planned: comparisonText(r.planned, lang),
        analysed: comparisonText(r.analysed, lang),
        status: t.statusWord(r.status),
      })),
    ],
    notes: [
      planStatusLine(reg, { lang }),
      t.hashNote(reg.file),
      ...(reg.plan.notes ? [t.planNotes(reg.plan.notes)] : []),
    ],
  };
}

function confirmatorySection(
  reg: PreRegistration,
  sections: readonly Section[],
  lang: Language,
): Section {
  const t = textOf(TEXTS, lang);
  const style = numberStyleOf(lang);
  const c = reg.confirmatory;
  const p = reg.plan.primary;
  const base = {
    id: 'confirmatory',
    columns: [] as SectionColumn[],
    rows: [] as Record<string, Cell>[],
  };
  if (!c) {
    return {
      ...base,
      title: t.noneTitle,
      notes: [
        reg.deviations.length > 0
          ? t.noneDeviates(reg.deviations.map((d) => comparisonText(d, lang)).join('; '))
          : t.noneMissing(p.outcome, p.month),
      ],
    };
  }
  const { treatment, control } = c.contrast;
  const source = sections.find((s) => s.id === 'effect' && s.keys?.event === c.event);
  const i = source?.rows.findIndex((r) => r.month === c.month) ?? -1;
  const sourceMarks = i >= 0 ? source?.suppressed?.[i] : undefined;
  const from =
    c.estimator === 'adjusted'
      ? { estimate: 'adj', se: 'adj_se', p: 'adj_p', stars: 'adj_stars' }
      : { estimate: 'raw', se: 'raw_se', p: 'raw_p', stars: 'raw_stars' };
  const marks: Record<string, SuppressionMark> = {};
  const copy = (to: string[], fromId: string) => {
    const mark = sourceMarks?.[fromId];
    if (mark) for (const t of to) marks[t] = mark;
  };
  for (const k of ['n_t', 'n_c', 'share_t', 'share_c']) copy([k], k);
  copy(['estimate', 'ci', 'lower', 'upper'], from.estimate);
  copy(['se'], from.se);
  copy(['p', 'df'], from.p);
  copy(['stars'], from.stars);
  const e = c.effect;
  const level = formatPercent(p.level, Math.round(p.level * 1000) % 10 === 0 ? 0 : 1, style);
  const pp = (x: number) => formatNumber(100 * x, 1, style);
  return {
    ...base,
    title: t.title(c.event, c.month, `${treatment} − ${control}`, c.estimator),
    keys: { event: c.event, month: c.month },
    columns: [
      col('n_t', `${treatment} n`, 'int', { arm: treatment, measure: 'n' }),
      col('n_c', `${control} n`, 'int', { arm: control, measure: 'n' }),
      col('share_t', treatment, 'percent', { arm: treatment, measure: 'share' }),
      col('share_c', control, 'percent', { arm: control, measure: 'share' }),
      col('estimate', t.effect, 'pp', { measure: `${c.estimator}.estimate` }),
      col('ci', t.ci(level), 'text', { displayOnly: true }),
      col('lower', t.lower, 'pp', { measure: `${c.estimator}.ci_lower`, csvOnly: true }),
      col('upper', t.upper, 'pp', { measure: `${c.estimator}.ci_upper`, csvOnly: true }),
      col('se', 'SE', 'points', { measure: `${c.estimator}.std_error` }),
      col('df', 'df', 'number', { measure: `${c.estimator}.df`, csvOnly: true }),
      col('p', 'p', 'p', { measure: `${c.estimator}.p_value` }),
      col('stars', '', 'text', { displayOnly: true }),
    ],
    rows: [
      {
        n_t: c.nTreated,
        n_c: c.nControl,
        share_t: c.shareTreated,
        share_c: c.shareControl,
        estimate: e?.estimate ?? null,
        ci: e ? `${pp(e.ci[0])} ${t.to} ${pp(e.ci[1])}` : null,
        lower: e?.ci[0] ?? null,
        upper: e?.ci[1] ?? null,
        se: e?.stdError ?? null,
        df: e?.df ?? null,
        p: e?.pValue ?? null,
        stars: e?.stars ?? null,
      },
    ],
    suppressed: [Object.keys(marks).length > 0 ? marks : undefined],
    ...(source?.threshold !== undefined ? { threshold: source.threshold } : {}),
    notes: [
      e
        ? t.method(methodText(e.method, lang), styledNumber(String(p.level), style))
        : t.notEstimable(methodText(c.notEstimable ?? '', lang)),
      t.sha(reg.sha256),
    ],
  };
}

/**
 * The sections of a pre-registered run: the plan section (hash, status, field-by-field
 * comparison), the confirmatory section, then `sections` (the evaluation's, from
 * `evaluationSections`, already under disclosure control) with every title prefixed
 * {@link EXPLORATORY_PREFIX} ("Verkennend: " in Dutch); `options.lang` (default `en`) is the
 * language of the two plan sections, and should be the one `sections` were built in.
 *
 * @example
 * const reg = preRegistration(verified, result, { file: 'frozen.json' });
 * renderMarkdown(result.title, preRegisteredSections(evaluationSections(result), reg));
 * preRegisteredSections(evaluationSections(result, { lang: 'nl' }), reg, { lang: 'nl' });
 */
export function preRegisteredSections(
  sections: readonly Section[],
  reg: PreRegistration,
  options: PreRegistrationOptions = {},
): Section[] {
  rejectUnknownKeys(options, OPTION_KEYS, 'preRegisteredSections');
  const lang = options.lang ?? 'en';
  const prefix = textOf(EXPLORATORY_PREFIXES, lang);
  return [
    planSection(reg, lang),
    confirmatorySection(reg, sections, lang),
    ...sections.map((s) => ({ ...s, title: `${prefix}${s.title}` })),
  ];
}

/**
 * The plan's part of a pre-registered run's JSON (the first key of `analyze --format json`): the
 * hash, the status, the deviations and the comparison; with `complete` (no disclosure control)
 * also the plan and the confirmatory result's numbers (else they are in the sections).
 *
 * @example
 * preRegistrationJson(reg, { complete: false }).sha256; // '3b1f…'
 */
export function preRegistrationJson(
  reg: PreRegistration,
  options: { readonly complete: boolean },
): Record<string, unknown> {
  rejectUnknownKeys(options, { complete: true }, 'preRegistrationJson');
  return {
    file: reg.file,
    sha256: reg.sha256,
    status:
      reg.deviations.length > 0
        ? 'exploratory: deviates from the frozen plan'
        : 'as planned: confirmatory result in section "confirmatory"',
    statement: planStatusLine(reg),
    deviations: reg.deviations,
    comparison: reg.comparison,
    plan: reg.plan,
    ...(options.complete && reg.confirmatory ? { confirmatory: reg.confirmatory } : {}),
  };
}

/**
 * The personal-services report (2017–2018) as one document: the sample-ratio check, the
 * effects at the headline month, enforcement by month, the cumulative curves per arm, the mean
 * months on WW and a summary. `personalServicesMarkdown` (stdout of `reproduce
 * personal-services-2017`) and the HTML page are written from it.
 */
import type { SignificantMonths } from '../../analysis/significance.js';
import {
  formatCount,
  formatEstimate,
  formatNumber,
  formatPercent,
  formatPp,
  formatPValue,
  type NumberStyle,
} from '../../format.js';
import { type Language, numberStyleOf, type Texts, textOf } from '../../language.js';
import type { RandomizationResult } from '../../plan/randomization-inference.js';
import { protectSampleRatio } from '../../report/assignment-disclosure.js';
import { type DisclosureOptions, disclosureNote } from '../../report/disclosure.js';
import { methodText } from '../../report/method-texts.js';
import type { Estimate } from '../../stats/estimate.js';
import { restar, starLevelsText } from '../../stats/stars.js';
import type { SuppressionMark } from '../../table/index.js';
import {
  type Cell,
  type Column,
  type Document,
  documentMarkdown,
  formatCell,
  type ModelTableBlock,
  type TableStars,
} from '../../table/index.js';
import { sampleRatioBlocks } from '../shared/sample-ratio-blocks.js';
import {
  type PersonalServicesComparisonKey,
  type PersonalServicesResult,
  reliance,
} from './report.js';
import { personalServicesDisclosure } from './report-disclosure.js';

const text = (id: string, label = id): Column => ({ id, label, format: 'text' });
/** A p-value column ("0.004", "< 0.001"), left-aligned as in the published tables. */
const pColumn = (id: string, label = id): Column => ({ id, label, format: 'p', align: 'left' });
/** A share column ("53.5 %"), left-aligned as in the published tables. */
const percentColumn = (id: string, label = id): Column => ({
  id,
  label,
  format: 'percent',
  align: 'left',
});
const monthColumn = (label: string): Column => ({ id: 'month', label, format: 'int' });

function table(
  id: string,
  title: string,
  columns: readonly Column[],
  rows: readonly Readonly<Record<string, Cell>>[],
  stars?: TableStars,
  disclosure?: {
    marks: readonly Record<string, SuppressionMark>[];
    threshold: number;
    note: string;
  },
): ModelTableBlock {
  const block: ModelTableBlock = {
    kind: 'table',
    table: { id, title, columns, rows, ...(stars ? { stars } : {}) },
  };
  if (!disclosure?.marks.some((m) => Object.keys(m).length > 0)) return block;
  const { marks, threshold, note } = disclosure;
  return { ...block, table: { ...block.table, suppressed: marks, threshold }, note };
}

/** A pointwise reading: "pointwise in months 3, 4 (p < 0.05)". */
function monthsText(s: SignificantMonths, last: number, lang: Language): string {
  const level = formatNumber(s.level, 2, numberStyleOf(lang)).replace(/0$/, '');
  if (lang === 'nl') {
    if (s.months.length === 0) return `per maand in geen van de maanden 1–${last} (p ≥ ${level})`;
    return `per maand in maand ${s.months.join(', ')} (p < ${level})`;
  }
  if (s.months.length === 0) return `pointwise in no month 1–${last} (p ≥ ${s.level})`;
  return `pointwise in months ${s.months.join(', ')} (p < ${s.level})`;
}

/**
 * The same reading with Holm's adjustment over months 1…last: the months whose adjusted p stays
 * below the level, and the smallest adjusted p.
 */
function holmText(holm: readonly number[], level: number, last: number, lang: Language): string {
  const style = numberStyleOf(lang);
  const months = holm.flatMap((q, i) => (q < level ? [i + 1] : []));
  const smallest = Math.min(...holm);
  if (lang === 'nl') {
    const where =
      months.length === 0
        ? `in geen enkele maand (kleinste gecorrigeerde p ${formatPValue(smallest, style)})`
        : `in maand ${months.join(', ')}`;
    return `met Holm-correctie over de ${last} maanden ${where}`;
  }
  const where =
    months.length === 0
      ? `in no month (smallest adjusted p ${formatPValue(smallest)})`
      : `in months ${months.join(', ')}`;
  return `Holm-adjusted over the ${last} months ${where}`;
}

/** "0.013 (Monte Carlo SE 0.003)". */
function riText(ri: RandomizationResult, t: DocumentTexts, style: NumberStyle): string {
  return t.ri(
    formatPValue(ri.itt.pValue, style),
    formatNumber(ri.itt.monteCarloSe, 3, style),
    formatCount(ri.draws, style),
  );
}

/** A CI of a difference in points: "−1.2 to 3.4 pp" / "−1,2 tot 3,4 procentpunt". */
function ciOf(e: Pick<Estimate, 'ci'>, t: DocumentTexts, style: NumberStyle): string {
  return `${formatNumber(100 * e.ci[0], 1, style)} ${t.to} ${formatNumber(100 * e.ci[1], 1, style)}${style.points}`;
}

/** Every text of the personal-services document in one language. */
interface DocumentTexts {
  readonly title: string;
  readonly assignment: string;
  readonly effectsAt: (m: number) => string;
  readonly comparison: string;
  readonly outcome: string;
  readonly treatment: string;
  readonly control: string;
  readonly raw: string;
  readonly rawCi: (level: string) => string;
  readonly rawP: string;
  readonly rawHolm: string;
  readonly adjusted: string;
  readonly adjustedCi: (level: string) => string;
  readonly adjustedP: string;
  readonly adjustedHolm: string;
  readonly jobBy: (m: number) => string;
  readonly relianceAt: (m: number) => string;
  readonly headlineTest: string;
  readonly headlineNote: string;
  readonly riTitle: (m: number, label: string) => string;
  readonly riTable: (m: number) => string;
  readonly asymptoticP: string;
  readonly randomizationP: string;
  readonly draws: string;
  readonly riNote: (m: number, design: string, seed: string, n: string) => string;
  readonly ri: (p: string, se: string, draws: string) => string;
  readonly enforcementTitle: string;
  readonly enforcementTable: string;
  readonly month: string;
  readonly job: string;
  readonly jobCi: (level: string) => string;
  readonly jobP: string;
  readonly jobHolm: string;
  readonly reliance: string;
  readonly relianceCi: (level: string) => string;
  readonly relianceP: string;
  readonly relianceHolm: string;
  readonly enforcementTest: string;
  readonly enforcementNote: (m: number) => string;
  readonly curvesTitle: string;
  readonly job_: string;
  readonly onWw: string;
  readonly wwMonthsTitle: string;
  readonly difference: string;
  readonly differenceCi: (level: string) => string;
  readonly wwMonthsNote: string;
  readonly summary: string;
  readonly hidden: string;
  readonly pointwiseP: string;
  readonly holmSix: string;
  readonly holm: string;
  readonly serviceSentence: (m: number, job: string, drop: string) => string;
  readonly enforcementSentence: (
    job: string,
    jobHolm: string,
    rel: string,
    relHolm: string,
    m: number,
    at: string,
  ) => string;
  readonly method: string;
  readonly to: string;
}

const TEXTS: Texts<DocumentTexts> = {
  en: {
    title: 'Personal services in WW, 2017–2018: effects within 12 months of inflow',
    assignment: 'Assignment',
    effectsAt: (m) => `Effects at month ${m}`,
    comparison: 'comparison',
    outcome: 'outcome',
    treatment: 'treatment',
    control: 'control',
    raw: 'raw',
    rawCi: (level) => `${level} CI (raw)`,
    rawP: 'raw p',
    rawHolm: 'raw p, Holm',
    adjusted: 'adjusted',
    adjustedCi: (level) => `${level} CI (adjusted)`,
    adjustedP: 'adjusted p',
    adjustedHolm: 'adjusted p, Holm',
    jobBy: (m) => `job-finding by month ${m}`,
    relianceAt: (m) => `WW reliance at month ${m}`,
    headlineTest:
      'two-sided, pointwise; raw: z test of the difference in shares, unpooled SE; adjusted: t test of the OLS coefficient, HC2, n − k df',
    headlineNote: `Raw and adjusted p: pointwise (each test on its own). "Holm": Holm's adjustment over the six tests of this table (three comparisons × two outcomes), raw and adjusted each as one family.`,
    riTitle: (m, label) => `Randomisation inference at month ${m} (${label})`,
    riTable: (m) => `Randomisation inference at month ${m}`,
    asymptoticP: 'asymptotic p',
    randomizationP: 'randomisation p',
    draws: 'draws',
    riNote: (m, design, seed, n) =>
      `Fisher's sharp null of no effect for any client: the month-${m} outcomes held fixed and the assignment re-drawn — ${design}; the study's 80/10/10 draws were independent per client, so re-dealing the realised sizes of the two arms is the test conditional on them. Seed ${seed}; p = (1 + #{|t*| ≥ |t|})/(1 + draws), Monte Carlo SE √(p(1 − p)/draws). Statistic: the studentised raw difference (unpooled SE); the adjusted statistic is not re-drawn here (one regression on ${n} clients per draw).`,
    ri: (p, se, draws) => `randomisation p ${p} (Monte Carlo SE ${se}, ${draws} draws)`,
    enforcementTitle: 'Enforcement only, by month (control with vs without enforcement, raw)',
    enforcementTable: 'Enforcement only, by month',
    month: 'month',
    job: 'job-finding',
    jobCi: (level) => `${level} CI (job)`,
    jobP: 'job p',
    jobHolm: 'job p, Holm',
    reliance: 'WW reliance',
    relianceCi: (level) => `${level} CI (reliance)`,
    relianceP: 'reliance p',
    relianceHolm: 'reliance p, Holm',
    enforcementTest:
      'two-sided, pointwise (each month on its own): z test of the raw difference in shares, unpooled SE',
    enforcementNote: (m) =>
      `p: pointwise (each month on its own, the raw difference's z test). "Holm": Holm's adjustment over months 1–${m}, one family per outcome — the ${m} months are ${m} correlated looks at the same clients.`,
    curvesTitle: 'Cumulative job-finding and share still on WW, by arm',
    job_: 'job',
    onWw: 'on WW',
    wwMonthsTitle: 'Months with WW benefit in months 1–12 (mean)',
    difference: 'difference',
    differenceCi: (level) => `${level} CI`,
    wwMonthsNote: 'p: pointwise, Welch t test of the difference in means.',
    summary: 'Summary',
    hidden: 'an amount not published (disclosure control)',
    pointwiseP: 'pointwise p',
    holmSix: 'Holm-adjusted over the six headline tests',
    holm: 'Holm-adjusted',
    serviceSentence: (m, job, drop) =>
      `Personal service changes job-finding within ${m} months by ${job} and WW reliance by ${drop}.`,
    enforcementSentence: (job, jobHolm, rel, relHolm, m, at) =>
      `Enforcement alone: job-finding significant ${job}, ${jobHolm}; WW reliance significant ${rel}, ${relHolm}; at month ${m} ${at}. No simultaneous band is computed for these raw monthly effects; the Holm reading is the multiplicity-adjusted one.`,
    method: 'Method',
    to: 'to',
  },
  nl: {
    title:
      'Persoonlijke dienstverlening in de WW, 2017–2018: effecten binnen 12 maanden na instroom',
    assignment: 'Toewijzing',
    effectsAt: (m) => `Effecten in maand ${m}`,
    comparison: 'vergelijking',
    outcome: 'uitkomst',
    treatment: 'behandeling',
    control: 'controle',
    raw: 'ongecorrigeerd',
    rawCi: (level) => `${level}-BI (ongecorrigeerd)`,
    rawP: 'p ongecorrigeerd',
    rawHolm: 'p ongecorrigeerd, Holm',
    adjusted: 'gecorrigeerd',
    adjustedCi: (level) => `${level}-BI (gecorrigeerd)`,
    adjustedP: 'p gecorrigeerd',
    adjustedHolm: 'p gecorrigeerd, Holm',
    jobBy: (m) => `werkhervatting tot en met maand ${m}`,
    relianceAt: (m) => `nog in de WW in maand ${m}`,
    headlineTest:
      'tweezijdig, per toets; ongecorrigeerd: z-toets van het verschil in aandelen, ongepoolde SE; gecorrigeerd: t-toets van de OLS-coëfficiënt, HC2, n − k vrijheidsgraden',
    headlineNote:
      'p ongecorrigeerd en gecorrigeerd: per toets (elke toets afzonderlijk). "Holm": de Holm-correctie over de zes toetsen van deze tabel (drie vergelijkingen × twee uitkomsten), ongecorrigeerd en gecorrigeerd elk als één familie.',
    riTitle: (m, label) => `Randomisatie-inferentie in maand ${m} (${label})`,
    riTable: (m) => `Randomisatie-inferentie in maand ${m}`,
    asymptoticP: 'asymptotische p',
    randomizationP: 'randomisatie-p',
    draws: 'trekkingen',
    riNote: (m, design, seed, n) =>
      `De scherpe nulhypothese van Fisher van geen effect voor enige cliënt: de uitkomsten van maand ${m} vastgehouden en de toewijzing opnieuw getrokken — ${design}; de trekkingen 80/10/10 van het onderzoek waren per cliënt onafhankelijk, dus het opnieuw verdelen van de gerealiseerde groottes van de twee groepen is de toets gegeven die groottes. Seed ${seed}; p = (1 + #{|t*| ≥ |t|})/(1 + trekkingen), Monte Carlo-SE √(p(1 − p)/trekkingen). Toetsgrootheid: het gestudentiseerde ongecorrigeerde verschil (ongepoolde SE); de gecorrigeerde toetsgrootheid wordt hier niet opnieuw getrokken (één regressie op ${n} cliënten per trekking).`,
    ri: (p, se, draws) => `randomisatie-p ${p} (Monte Carlo-SE ${se}, ${draws} trekkingen)`,
    enforcementTitle:
      'Alleen handhaving, per maand (controle met tegen zonder handhaving, ongecorrigeerd)',
    enforcementTable: 'Alleen handhaving, per maand',
    month: 'maand',
    job: 'werkhervatting',
    jobCi: (level) => `${level}-BI (werk)`,
    jobP: 'p werk',
    jobHolm: 'p werk, Holm',
    reliance: 'nog in de WW',
    relianceCi: (level) => `${level}-BI (WW)`,
    relianceP: 'p WW',
    relianceHolm: 'p WW, Holm',
    enforcementTest:
      'tweezijdig, per maand (elke maand afzonderlijk): z-toets van het ongecorrigeerde verschil in aandelen, ongepoolde SE',
    enforcementNote: (m) =>
      `p: per maand (elke maand afzonderlijk, de z-toets van het ongecorrigeerde verschil). "Holm": de Holm-correctie over de maanden 1–${m}, één familie per uitkomst — de ${m} maanden zijn ${m} samenhangende blikken op dezelfde cliënten.`,
    curvesTitle: 'Cumulatieve werkhervatting en aandeel nog in de WW, per groep',
    job_: 'werk',
    onWw: 'in WW',
    wwMonthsTitle: 'Maanden met WW-uitkering in de maanden 1–12 (gemiddelde)',
    difference: 'verschil',
    differenceCi: (level) => `${level}-BI`,
    wwMonthsNote: 'p: per vergelijking, Welch-t-toets van het verschil in gemiddelden.',
    summary: 'Samenvatting',
    hidden: 'een niet gepubliceerd bedrag (onthullingscontrole)',
    pointwiseP: 'p per toets',
    holmSix: 'met Holm-correctie over de zes hoofdtoetsen',
    holm: 'met Holm-correctie',
    serviceSentence: (m, job, drop) =>
      `Persoonlijke dienstverlening verandert de werkhervatting binnen ${m} maanden met ${job} en het aandeel in de WW met ${drop}.`,
    enforcementSentence: (job, jobHolm, rel, relHolm, m, at) =>
      `Alleen handhaving: werkhervatting significant ${job}, ${jobHolm}; aandeel in de WW significant ${rel}, ${relHolm}; in maand ${m} ${at}. Voor deze ongecorrigeerde effecten per maand is geen simultane band berekend; de Holm-lezing is de voor meervoudig toetsen gecorrigeerde.`,
    method: 'Methode',
    to: 'tot',
  },
};

/** The comparisons' labels in Dutch (the result's labels are English). */
const COMPARISON_NL: Readonly<Record<PersonalServicesComparisonKey, string>> = {
  service: 'persoonlijke dienstverlening tegen controle met handhaving',
  servicePooled: 'persoonlijke dienstverlening tegen beide controlegroepen',
  enforcement: 'controle met tegen zonder handhaving',
};

/**
 * The personal-services report as a document (see the module comment), under disclosure control
 * (`personalServicesDisclosure`: counts below `threshold`, default 10, and the shares and
 * differences resting on them suppressed; `threshold: 0` turns it off).
 *
 * @example
 * const doc = personalServicesDocument(personalServices2017(table), { threshold: 10 });
 * documentMarkdown(doc); // the same text as personalServicesMarkdown(result)
 */
export function personalServicesDocument(
  r: PersonalServicesResult,
  disclosure: DisclosureOptions = {},
  lang: Language = 'en',
): Document {
  const c = r.config;
  const t = textOf(TEXTS, lang);
  const style = numberStyleOf(lang);
  const level = formatPercent(r.comparisons.service.atMonth.jobFinding.raw.level, 0, style);
  const est = (e: Pick<Estimate, 'estimate' | 'stars'>) => formatEstimate(e, 1, style);
  const pv = (x: number) => formatPValue(x, style);
  const label = (x: { key: PersonalServicesComparisonKey; label: string }) =>
    lang === 'nl' ? COMPARISON_NL[x.key] : x.label;
  const dc = personalServicesDisclosure(r, disclosure);
  const withMarks = (marks: Record<string, SuppressionMark>[]) => ({
    marks,
    threshold: dc.threshold,
    note: lang === 'en' ? dc.note : methodNote(dc.note, dc.threshold, lang),
  });
  const headlineMarks = comparisonsOf(r).flatMap((x) =>
    (['job', 'onww'] as const).map((o) => dc.headline(x, o)),
  );
  const list = comparisonsOf(r);
  const headline = list.flatMap((x, k) =>
    (['jobFinding', 'wwReliance'] as const).map((o, j) => {
      const v = x.atMonth[o];
      const i = 2 * k + j;
      return {
        comparison: label(x),
        outcome: o === 'jobFinding' ? t.jobBy(c.month) : t.relianceAt(c.month),
        treatment: `${formatPercent(v.shareTreatment, 1, style)} (n = ${formatCount(v.nTreatment, style)})`,
        control: `${formatPercent(v.shareControl, 1, style)} (n = ${formatCount(v.nControl, style)})`,
        raw: est(v.raw),
        rawCi: ciOf(v.raw, t, style),
        rawP: v.raw.pValue,
        rawHolm: r.headlineHolm.raw[i]!,
        adjusted: est(v.adjusted),
        adjustedCi: ciOf(v.adjusted, t, style),
        adjustedP: v.adjusted.pValue,
        adjustedHolm: r.headlineHolm.adjusted[i]!,
      };
    }),
  );
  const e = r.comparisons.enforcement;
  const byMonth = e.jobFinding.months
    .filter((m) => m.month <= c.month)
    .map((m, i) => {
      const rel = restar(reliance(e.wwExit.months[i]!.raw), c.stars);
      return {
        month: m.month,
        job: est(restar(m.raw, c.stars)),
        jobCi: ciOf(m.raw, t, style),
        jobP: m.raw.pValue,
        jobHolm: e.holm.jobFinding[i]!,
        reliance: est(rel),
        relianceCi: ciOf(rel, t, style),
        relianceP: rel.pValue,
        relianceHolm: e.holm.wwReliance[i]!,
      };
    });
  const curveMonths = [3, 6, 9, 12, 18, 24, 30].filter((m) => m <= c.months);
  const arms = [c.service, c.controlEnforcement, c.controlNone];
  const curves = curveMonths.map((m) => {
    const row: Record<string, Cell> = { month: m };
    for (const a of arms) row[`${a} job`] = r.outflow.get(a, 'job', m)?.share ?? NaN;
    for (const a of arms) row[`${a} on WW`] = 1 - (r.outflow.get(a, 'ww_exit', m)?.share ?? NaN);
    return row;
  });
  const wwMonths = list.map((x) => {
    const o = x.wwMonths.outcomes[0]!;
    const d = o.difference;
    return {
      comparison: label(x),
      treatment: formatNumber(o.treatment.mean, 2, style),
      control: formatNumber(o.control.mean, 2, style),
      difference: `${formatNumber(d.estimate, 2, style)}${restar(d, c.stars).stars}`,
      differenceCi: `${formatNumber(d.ci[0], 2, style)} ${t.to} ${formatNumber(d.ci[1], 2, style)}`,
      p: d.pValue,
    };
  });
  const s = r.comparisons.service;
  const relianceDrop = s.atMonth.wwReliance.raw;
  const jobText = dc.rawHidden(s, 'job', c.month)
    ? t.hidden
    : `${est(s.atMonth.jobFinding.raw)} (${t.pointwiseP} ${pv(s.atMonth.jobFinding.raw.pValue)}; ${t.holmSix} ${pv(r.headlineHolm.raw[0]!)}; ${riText(r.randomization.jobFinding, t, style)})`;
  const dropText = dc.rawHidden(s, 'onww', c.month)
    ? t.hidden
    : `${est(relianceDrop)} (${t.pointwiseP} ${pv(relianceDrop.pValue)}; ${t.holm} ${pv(r.headlineHolm.raw[1]!)}; ${riText(r.randomization.wwReliance, t, style)})`;
  const enforcementText = dc.rawHidden(e, 'onww', c.month)
    ? t.hidden
    : `${est(e.atMonth.wwReliance.raw)} (${t.pointwiseP} ${pv(e.atMonth.wwReliance.raw.pValue)}, ${t.holm} ${pv(e.holm.wwReliance[c.month - 1]!)})`;
  const col = (id: string, lbl: string): Column => text(id, lbl);
  return [
    { kind: 'heading', level: 1, text: t.title },
    { kind: 'heading', level: 2, text: t.assignment },
    ...protectSampleRatio(
      lang === 'en' ? r.assignment.toDocument() : sampleRatioBlocks(r.assignment, lang),
      r.assignment,
      disclosure,
    ),
    { kind: 'heading', level: 2, text: t.effectsAt(c.month) },
    table(
      'effects',
      t.effectsAt(c.month),
      [
        col('comparison', t.comparison),
        col('outcome', t.outcome),
        col('treatment', t.treatment),
        col('control', t.control),
        col('raw', t.raw),
        col('rawCi', t.rawCi(level)),
        pColumn('rawP', t.rawP),
        pColumn('rawHolm', t.rawHolm),
        col('adjusted', t.adjusted),
        col('adjustedCi', t.adjustedCi(level)),
        pColumn('adjustedP', t.adjustedP),
        pColumn('adjustedHolm', t.adjustedHolm),
      ],
      headline,
      { levels: c.stars, test: t.headlineTest },
      withMarks(headlineMarks.map(withDerived)),
    ),
    { kind: 'paragraph', text: t.headlineNote },
    { kind: 'heading', level: 2, text: t.riTitle(c.month, label(s)) },
    table(
      'randomization',
      t.riTable(c.month),
      [
        col('outcome', t.outcome),
        col('raw', t.raw),
        pColumn('model', t.asymptoticP),
        pColumn('ri', t.randomizationP),
        { id: 'mcse', label: 'Monte Carlo SE', format: 'number', align: 'left' },
        { id: 'draws', label: t.draws, format: 'int', align: 'left' },
      ],
      (
        [
          [t.jobBy(c.month), r.randomization.jobFinding, false],
          [t.relianceAt(c.month), r.randomization.wwReliance, true],
        ] as const
      ).map(([outcome, ri, flip]) => ({
        outcome,
        raw: formatPp((flip ? -1 : 1) * ri.itt.estimate, 1, false, style),
        model: ri.itt.pValueModel,
        ri: ri.itt.pValue,
        mcse: Number(ri.itt.monteCarloSe.toFixed(4)),
        draws: ri.draws,
      })),
    ),
    {
      kind: 'paragraph',
      text: t.riNote(
        c.month,
        methodText(r.randomization.jobFinding.design, lang),
        JSON.stringify(r.randomization.jobFinding.seed),
        lang === 'en'
          ? formatCell(r.randomization.jobFinding.n, 'int')
          : formatCount(r.randomization.jobFinding.n, style),
      ),
    },
    { kind: 'heading', level: 2, text: t.enforcementTitle },
    table(
      'enforcement_by_month',
      t.enforcementTable,
      [
        monthColumn(t.month),
        col('job', t.job),
        col('jobCi', t.jobCi(level)),
        pColumn('jobP', t.jobP),
        pColumn('jobHolm', t.jobHolm),
        col('reliance', t.reliance),
        col('relianceCi', t.relianceCi(level)),
        pColumn('relianceP', t.relianceP),
        pColumn('relianceHolm', t.relianceHolm),
      ],
      byMonth,
      { levels: c.stars, test: t.enforcementTest },
      withMarks(byMonth.map((row) => withDerived(dc.enforcementMonth(e, row.month)))),
    ),
    { kind: 'paragraph', text: t.enforcementNote(c.month) },
    { kind: 'heading', level: 2, text: t.curvesTitle },
    table(
      'curves',
      t.curvesTitle,
      [
        monthColumn(t.month),
        ...arms.map((a) => percentColumn(`${a} job`, `${a} ${t.job_}`)),
        ...arms.map((a) => percentColumn(`${a} on WW`, `${a} ${t.onWw}`)),
      ],
      curves,
      undefined,
      withMarks(curveMonths.map((m) => dc.curves(arms, m))),
    ),
    { kind: 'heading', level: 2, text: t.wwMonthsTitle },
    table(
      'ww_months',
      t.wwMonthsTitle,
      [
        col('comparison', t.comparison),
        col('treatment', t.treatment),
        col('control', t.control),
        col('difference', t.difference),
        col('differenceCi', t.differenceCi(level)),
        pColumn('p'),
      ],
      wwMonths,
    ),
    {
      kind: 'paragraph',
      text: `${t.wwMonthsNote} ${lang === 'en' ? r.stars : `Sterren: ${starLevelsText(c.stars, style.decimal)} (p-waarden: tweezijdig; ongecorrigeerd: z-toets van het verschil in aandelen, ongepoolde SE; gecorrigeerd: t-toets van de OLS-coëfficiënt, HC2, n − k vrijheidsgraden; maanden met WW: Welch-t-toets).`}`,
    },
    { kind: 'heading', level: 2, text: t.summary },
    {
      kind: 'list',
      items: [
        t.serviceSentence(c.month, jobText, dropText),
        t.enforcementSentence(
          monthsText(e.significant.jobFinding, c.month, lang),
          holmText(e.holm.jobFinding, c.level, c.month, lang),
          monthsText(e.significant.wwReliance, c.month, lang),
          holmText(e.holm.wwReliance, c.level, c.month, lang),
          c.month,
          enforcementText,
        ),
      ],
    },
    { kind: 'paragraph', text: `${t.method}: ${methodText(r.method, lang)}.` },
  ];
}

/** The disclosure note of a study table in a language other than English. */
function methodNote(note: string, threshold: number, lang: Language): string {
  return note === '' ? note : disclosureNote(threshold, note.includes('"x"'), lang);
}

/** The result as a Markdown report (stdout of `reproduce personal-services-2017`), threshold 10. */
export function personalServicesMarkdown(
  r: PersonalServicesResult,
  disclosure: DisclosureOptions = {},
): string {
  return documentMarkdown(personalServicesDocument(r, disclosure));
}

/**
 * The marks of a row with the cells derived from a hidden cell hidden too: the Holm-adjusted
 * p-value wherever the pointwise one is, the CI wherever its estimate is (a CI's midpoint is the
 * estimate).
 */
function withDerived(marks: Record<string, SuppressionMark>): Record<string, SuppressionMark> {
  const out = { ...marks };
  for (const [cell, derived] of [
    ['rawP', 'rawHolm'],
    ['adjustedP', 'adjustedHolm'],
    ['jobP', 'jobHolm'],
    ['relianceP', 'relianceHolm'],
    ['raw', 'rawCi'],
    ['adjusted', 'adjustedCi'],
    ['job', 'jobCi'],
    ['reliance', 'relianceCi'],
  ] as const) {
    if (marks[cell] !== undefined) out[derived] = marks[cell];
  }
  return out;
}

/** The three comparisons in report order. */
function comparisonsOf(r: PersonalServicesResult) {
  return [r.comparisons.service, r.comparisons.servicePooled, r.comparisons.enforcement];
}

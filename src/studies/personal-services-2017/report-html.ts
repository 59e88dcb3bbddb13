/**
 * The personal-services reproduction (2017–2018) as a self-contained HTML report in English or
 * Dutch: a plain-language summary with the version/date stamp, the published headline figures
 * next to the reproduced ones with their intervals, the cumulative job-finding and WW exit per
 * arm and the personal-service effects per month with their intervals as charts, the effects at
 * the headline month with intervals, and then every table of the Markdown report
 * (`personalServicesDocument`).
 */
import { formatCount, formatPValue } from '../../format.js';
import { type Language, numberStyleOf, parseLanguage, type Texts, textOf } from '../../language.js';
import { effectChart, outflowChart } from '../../report/charts/outcomes.js';
import { renderSvg } from '../../report/charts/render.js';
import { type DisclosureOptions, isSmallCount } from '../../report/disclosure.js';
import { documentReport } from '../../report/document-report.js';
import { type HtmlSection, htmlReport } from '../../report/html.js';
import { type AllKeys, rejectUnknownKeys } from '../../stats/option-keys.js';
import type { Block } from '../../table/index.js';
import { type PublishedRow, publishedTable } from '../shared/published-table.js';
import {
  ciText,
  ppText,
  type ReportStamp,
  shareText,
  stampText,
} from '../shared/report-language.js';
import type {
  OutcomeAtMonth,
  PersonalServicesComparison,
  PersonalServicesComparisonKey,
  PersonalServicesResult,
} from './report.js';
import { personalServicesDocument } from './report-document.js';
// The published figures, shown only in the "published (report)" column (never analysed).
import { PERSONAL_SERVICES_2017_TARGETS } from './targets.js';

/** Options of {@link personalServicesHtml}. */
export interface PersonalServicesHtmlOptions extends ReportStamp, DisclosureOptions {
  /** Language of the report: `en` (default) or `nl`. */
  readonly lang?: Language;
  /** Source line under every chart and in the footer (default: the synthetic reconstruction). */
  readonly source?: string;
}

const KEYS: AllKeys<PersonalServicesHtmlOptions> = {
  lang: true,
  source: true,
  version: true,
  date: true,
  threshold: true,
  suppressZeros: true,
};

const SOURCE: Texts = {
  en: 'Source: synthetic reconstruction of the 2017–2018 study (data/personal-services-2017.csv), calibrated to the published margins; not real people.',
  nl: 'Bron: synthetische reconstructie van het onderzoek 2017–2018 (data/personal-services-2017.csv), gekalibreerd op de gepubliceerde randtotalen; geen echte personen.',
};

/** An outcome's shares rest on a count below the disclosure threshold (either arm). */
function small(a: OutcomeAtMonth, threshold: number): boolean {
  return (
    smallShare(a.shareTreatment, a.nTreatment, threshold) ||
    smallShare(a.shareControl, a.nControl, threshold)
  );
}

/** A share whose count (or its complement's: WW reliance is 1 − exit) is below the threshold. */
function smallShare(share: number, n: number, threshold: number): boolean {
  return isSmallCount(Math.round(Math.min(share, 1 - share) * n), { threshold });
}

const COMPARISONS: Readonly<Record<PersonalServicesComparisonKey, Texts>> = {
  service: {
    en: 'personal service (against control with enforcement)',
    nl: 'persoonlijke dienstverlening (tegen controlegroep met handhaving)',
  },
  servicePooled: {
    en: 'personal service (against both control groups)',
    nl: 'persoonlijke dienstverlening (tegen beide controlegroepen)',
  },
  enforcement: {
    en: 'enforcement alone (against control without enforcement)',
    nl: 'alleen handhaving (tegen controlegroep zonder handhaving)',
  },
};

const OUTCOMES = {
  jobFinding: { en: 'job-finding', nl: 'werkhervatting' },
  wwReliance: { en: 'still on WW', nl: 'nog in de WW' },
} satisfies Record<string, Texts>;

/** Arm names in the charts. */
function armLabels(r: PersonalServicesResult, lang: Language): Record<string, string> {
  const c = r.config;
  return {
    [c.service]: textOf({ en: 'personal service', nl: 'persoonlijke dienstverlening' }, lang),
    [c.controlEnforcement]: textOf(
      { en: 'control, enforcement', nl: 'controle, handhaving' },
      lang,
    ),
    [c.controlNone]: textOf(
      { en: 'control, no enforcement', nl: 'controle, geen handhaving' },
      lang,
    ),
  };
}

/**
 * The personal-services result as a self-contained HTML report (no scripts, no external
 * requests, charts as inline SVG). `effectmeting reproduce personal-services-2017 --out <dir>
 * [--lang nl]` writes it. The same result, options and date give byte-identical output.
 *
 * @example
 * const r = personalServices2017(await loadTable('data/personal-services-2017.csv'));
 * writeFileSync('out/personal-services-2017.html', await personalServicesHtml(r, { lang: 'nl', date: '2026-12-01' }));
 */
export async function personalServicesHtml(
  r: PersonalServicesResult,
  options: PersonalServicesHtmlOptions = {},
): Promise<string> {
  rejectUnknownKeys(options, KEYS, 'personalServicesHtml');
  const lang = parseLanguage(options.lang, 'lang');
  const t = (texts: Texts) => textOf(texts, lang);
  const source = options.source ?? t(SOURCE);
  const threshold = options.threshold ?? 10;
  const labels = armLabels(r, lang);
  const s = r.comparisons.service;

  const [jobCurve, exitCurve, jobEffect, exitEffect] = await Promise.all([
    renderSvg(
      outflowChart(r.outflow, {
        lang,
        destination: 'job',
        labels,
        title: t({
          en: 'Cumulative job-finding by arm',
          nl: 'Cumulatieve werkhervatting per groep',
        }),
        yTitle: t({ en: 'Cumulative share with a job (%)', nl: 'Cumulatief aandeel met werk (%)' }),
        source,
        threshold,
      }),
      { idPrefix: 'curve-job' },
    ),
    renderSvg(
      outflowChart(r.outflow, {
        lang,
        destination: 'ww_exit',
        labels,
        title: t({
          en: 'Cumulative exit from WW by arm',
          nl: 'Cumulatieve uitstroom uit de WW per groep',
        }),
        yTitle: t({
          en: 'Cumulative share that left WW (%)',
          nl: 'Cumulatief aandeel uit de WW (%)',
        }),
        source,
        threshold,
      }),
      { idPrefix: 'curve-exit' },
    ),
    renderSvg(
      effectChart(s.jobFinding, {
        lang,
        title: t({
          en: 'Effect of personal service on job-finding per month',
          nl: 'Effect van persoonlijke dienstverlening op werkhervatting per maand',
        }),
        yTitle: t({ en: 'Effect (percentage points)', nl: 'Effect (procentpunt)' }),
        source,
        threshold,
      }),
      { idPrefix: 'effect-job' },
    ),
    renderSvg(
      effectChart(s.wwExit, {
        lang,
        title: t({
          en: 'Effect of personal service on exit from WW per month',
          nl: 'Effect van persoonlijke dienstverlening op uitstroom uit de WW per maand',
        }),
        yTitle: t({ en: 'Effect (percentage points)', nl: 'Effect (procentpunt)' }),
        source,
        threshold,
      }),
      { idPrefix: 'effect-exit' },
    ),
  ]);

  const document = documentReport(personalServicesDocument(r, { threshold }, lang));
  const sections: HtmlSection[] = [
    {
      title: t({ en: 'In brief', nl: 'In het kort' }),
      id: 'in-brief',
      blocks: [
        { kind: 'paragraph', text: plainSummary(r, lang, threshold) },
        { kind: 'note', text: stampText(options, lang) },
      ],
    },
    {
      title: t({ en: 'Published versus reproduced', nl: 'Gepubliceerd versus gereproduceerd' }),
      id: 'published',
      blocks: [publishedTable('personal_services_published', publishedRows(r, threshold), lang)],
    },
    {
      title: t({
        en: 'Job-finding and exit from WW per arm',
        nl: 'Werkhervatting en uitstroom per groep',
      }),
      id: 'curves',
      blocks: [
        { kind: 'figure', svg: jobCurve, caption: t(CURVE_CAPTION) },
        { kind: 'figure', svg: exitCurve, caption: t(CURVE_CAPTION) },
      ],
    },
    {
      title: t({ en: 'Effects with intervals', nl: 'Effecten met intervallen' }),
      id: 'effects',
      blocks: [
        { kind: 'figure', svg: jobEffect, caption: t(EFFECT_CAPTION) },
        { kind: 'figure', svg: exitEffect, caption: t(EFFECT_CAPTION) },
        intervalTable(r, lang, threshold),
      ],
    },
    ...document.sections.map((x, i) => ({
      ...x,
      title: i === 0 ? t({ en: 'All tables', nl: 'Alle tabellen' }) : x.title,
    })),
  ];
  const n = r.assignment.arms.reduce((sum, a) => sum + a.observed, 0);
  return htmlReport({
    title: t({
      en: 'Personal services in WW, 2017–2018: reproduction',
      nl: 'Persoonlijke dienstverlening in de WW, 2017–2018: reproductie',
    }),
    subtitle: t({
      en: `${formatCount(n)} clients who entered WW, assigned by lot 80/10/10 to personal service, control with enforcement and control without.`,
      nl: `${formatCount(n, numberStyleOf('nl'))} cliënten die de WW instroomden, door loting 80/10/10 toegewezen aan persoonlijke dienstverlening, controle met handhaving en controle zonder.`,
    }),
    sections,
    footer: `${source} ${stampText(options, lang)}.`,
    lang,
  });
}

const CURVE_CAPTION: Texts = {
  en: 'Complete follow-up: the share at month m among the clients observed at least m months since inflow. Thin dashed lines: each arm’s 95 % confidence interval.',
  nl: 'Volledige follow-up: het aandeel in maand m onder de cliënten die minstens m maanden sinds de instroom gevolgd zijn. Dunne stippellijnen: het 95%-betrouwbaarheidsinterval van elke groep.',
};

const EFFECT_CAPTION: Texts = {
  en: 'Personal service − control with enforcement. Adjusted: OLS linear probability model with the covariates, HC2 SE (shaded: its 95 % CI); raw: difference in shares (thin dashed lines: its 95 % CI). Filled points are significant (two-sided, each month on its own).',
  nl: 'Persoonlijke dienstverlening − controle met handhaving. Gecorrigeerd: lineair kansmodel (OLS) met de achtergrondkenmerken, HC2-standaardfout (gearceerd: het 95%-betrouwbaarheidsinterval); ongecorrigeerd: verschil in aandelen (dunne stippellijnen: het 95%-betrouwbaarheidsinterval). Gevulde punten zijn significant (tweezijdig, elke maand apart).',
};

/**
 * Three to five plain sentences: the design, the service effects at the headline month with
 * their intervals, and whether the intervals contain zero. Numbers from the result; the wording
 * depends only on the signs and on whether the intervals contain zero.
 */
function plainSummary(r: PersonalServicesResult, lang: Language, threshold: number): string {
  const c = r.config;
  const s = r.comparisons.service.atMonth;
  if (small(s.jobFinding, threshold) || small(s.wwReliance, threshold)) {
    return textOf(
      {
        en: 'The shares of this extract rest on counts below the disclosure threshold, so they are not summarised here; see the tables below.',
        nl: 'De aandelen van dit bestand berusten op aantallen onder de drempel voor openbaarmaking en worden hier daarom niet samengevat; zie de tabellen hieronder.',
      },
      lang,
    );
  }
  const job = s.jobFinding.raw;
  const ww = s.wwReliance.raw;
  const excludes = (ci: readonly [number, number]) => ci[0] > 0 || ci[1] < 0;
  const both = excludes(job.ci) && excludes(ww.ci);
  if (lang === 'nl') {
    return [
      `In 2017–2018 werd 80% van de nieuwe WW-cliënten door loting persoonlijke dienstverlening aangeboden; de rest vormde twee controlegroepen, met en zonder handhaving.`,
      `Binnen ${c.month} maanden had ${shareText(s.jobFinding.shareTreatment, lang)} van de cliënten met persoonlijke dienstverlening werk gevonden, tegen ${shareText(s.jobFinding.shareControl, lang)} in de controlegroep met handhaving: ${ppText(job.estimate, lang, 1, true)} (95%-betrouwbaarheidsinterval ${ciText(job.ci, lang)}).`,
      `Het aandeel dat na ${c.month} maanden nog in de WW zat, veranderde met ${ppText(ww.estimate, lang, 1, true)} (${ciText(ww.ci, lang)}).`,
      both
        ? 'Geen van beide intervallen bevat de nul: de dienstverlening lijkt echt effect te hebben gehad, al is de omvang onzeker.'
        : 'Minstens één interval bevat de nul: de gegevens sluiten daar niet uit dat de dienstverlening geen effect had.',
    ].join(' ');
  }
  return [
    'In 2017–2018, a lottery offered 80 % of the new WW clients personal service; the rest formed two control groups, with and without enforcement.',
    `Within ${c.month} months, ${shareText(s.jobFinding.shareTreatment, lang)} of the clients with personal service had found a job, against ${shareText(s.jobFinding.shareControl, lang)} in the control group with enforcement: ${ppText(job.estimate, lang, 1, true)} (95 % confidence interval ${ciText(job.ci, lang)}).`,
    `The share still on WW after ${c.month} months changed by ${ppText(ww.estimate, lang, 1, true)} (${ciText(ww.ci, lang)}).`,
    both
      ? 'Neither interval contains zero: the service appears to have had a real effect, though its size is uncertain.'
      : 'At least one interval contains zero: there the data cannot rule out that the service had no effect.',
  ].join(' ');
}

/** The report's headline (+2.0 pp job-finding, −2.1 pp WW reliance) next to the reproduced raw effects. */
function publishedRows(r: PersonalServicesResult, threshold: number): PublishedRow[] {
  const c = r.config;
  const s = r.comparisons.service.atMonth;
  return [
    {
      measure: {
        en: `personal service: job-finding within ${c.month} months`,
        nl: `persoonlijke dienstverlening: werkhervatting binnen ${c.month} maanden`,
      },
      kind: 'difference',
      published: PERSONAL_SERVICES_2017_TARGETS.job12,
      reproduced: s.jobFinding.raw.estimate,
      reproducedStars: s.jobFinding.raw.stars,
      ci: s.jobFinding.raw.ci,
      hidden: small(s.jobFinding, threshold),
    },
    {
      measure: {
        en: `personal service: still on WW after ${c.month} months`,
        nl: `persoonlijke dienstverlening: nog in de WW na ${c.month} maanden`,
      },
      kind: 'difference',
      published: PERSONAL_SERVICES_2017_TARGETS.reliance12,
      reproduced: s.wwReliance.raw.estimate,
      reproducedStars: s.wwReliance.raw.stars,
      ci: s.wwReliance.raw.ci,
      hidden: small(s.wwReliance, threshold),
    },
  ];
}

/** The three comparisons at the headline month: shares, raw and adjusted effects with their intervals. */
function intervalTable(r: PersonalServicesResult, lang: Language, threshold: number): Block {
  const t = (texts: Texts) => textOf(texts, lang);
  const style = numberStyleOf(lang);
  const list: PersonalServicesComparison[] = [
    r.comparisons.service,
    r.comparisons.servicePooled,
    r.comparisons.enforcement,
  ];
  const rows = list.flatMap((x) =>
    (['jobFinding', 'wwReliance'] as const).map((outcome) => {
      const a = x.atMonth[outcome];
      // Shares on a count below the threshold are withheld, with the raw difference they reveal.
      const hidden = (share: number, n: number) =>
        smallShare(share, n, threshold) ? `< ${threshold}` : shareText(share, lang);
      const h = small(a, threshold);
      return {
        comparison: t(COMPARISONS[x.key]),
        outcome: t(OUTCOMES[outcome]),
        treatment: hidden(a.shareTreatment, a.nTreatment),
        control: hidden(a.shareControl, a.nControl),
        raw: h ? 'x' : `${ppText(a.raw.estimate, lang)}${a.raw.stars}`,
        rawCi: h ? 'x' : ciText(a.raw.ci, lang),
        p: h ? 'x' : formatPValue(a.raw.pValue, style),
        adjusted: `${ppText(a.adjusted.estimate, lang)}${a.adjusted.stars}`,
        adjustedCi: ciText(a.adjusted.ci, lang),
      };
    }),
  );
  const right = (key: string, label: Texts) => ({
    key,
    label: t(label),
    align: 'right' as const,
    format: String,
  });
  return {
    kind: 'table',
    caption: t({
      en: `Effects at month ${r.config.month} with intervals`,
      nl: `Effecten in maand ${r.config.month} met intervallen`,
    }),
    rows,
    columns: [
      { key: 'comparison', label: t({ en: 'comparison', nl: 'vergelijking' }) },
      { key: 'outcome', label: t({ en: 'outcome', nl: 'uitkomst' }) },
      right('treatment', { en: 'first arm', nl: 'eerste groep' }),
      right('control', { en: 'second arm', nl: 'tweede groep' }),
      right('raw', { en: 'raw difference', nl: 'ongecorrigeerd verschil' }),
      right('rawCi', { en: '95 % CI (raw)', nl: '95%-interval (ongecorrigeerd)' }),
      right('p', { en: 'p (raw)', nl: 'p (ongecorrigeerd)' }),
      right('adjusted', { en: 'adjusted effect', nl: 'gecorrigeerd effect' }),
      right('adjustedCi', { en: '95 % CI (adjusted)', nl: '95%-interval (gecorrigeerd)' }),
    ],
    note: t({
      en: `Raw: difference in shares, unpooled SE, z test; adjusted: OLS linear probability model with ${r.config.covariates.length} covariates, HC2 SE, t test. Complete follow-up at month ${r.config.month}. Pointwise p-values; Holm-adjusted ones are in the tables below.`,
      nl: `Ongecorrigeerd: verschil in aandelen, ongepoolde standaardfout, z-toets; gecorrigeerd: lineair kansmodel (OLS) met ${r.config.covariates.length} achtergrondkenmerken, HC2-standaardfout, t-toets. Volledige follow-up in maand ${r.config.month}. Puntsgewijze p-waarden; de Holm-gecorrigeerde staan in de tabellen hieronder.`,
    }),
  };
}

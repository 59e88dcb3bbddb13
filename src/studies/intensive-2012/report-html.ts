/**
 * The 2012–2013 reproduction as a self-contained HTML report in English or Dutch: a
 * plain-language summary with the version/date stamp, the published figures next to the
 * reproduced ones with their intervals, the cumulative exit curves per arm (any exit, exit to a
 * job) and the net effects with their intervals as charts, Table 5.2 with intervals, and then
 * every table of the published layout (`intensive2012Document`).
 */
import type { EffectSeries, MonthEffect } from '../../analysis/effect-series.js';
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
import type { Intensive2012Result } from './report.js';
import { intensive2012Document } from './report-document.js';
// The published figures, shown only in the "published (report)" column (never analysed).
import { MONTHS, PUB, PUB_OTHER } from './targets.js';

/** Options of {@link intensive2012Html}. */
export interface Intensive2012HtmlOptions extends ReportStamp, DisclosureOptions {
  /** Language of the report: `en` (default) or `nl`. */
  readonly lang?: Language;
  /** Source line under every chart and in the footer (default: the synthetic reconstruction). */
  readonly source?: string;
}

const KEYS: AllKeys<Intensive2012HtmlOptions> = {
  lang: true,
  source: true,
  version: true,
  date: true,
  threshold: true,
  suppressZeros: true,
};

const SOURCE: Texts = {
  en: 'Source: synthetic reconstruction of the 2012–2013 study (data/intensive-vs-basic-2012.csv), calibrated to the published margins; not real people.',
  nl: 'Bron: synthetische reconstructie van het onderzoek 2012–2013 (data/intensive-vs-basic-2012.csv), gekalibreerd op de gepubliceerde randtotalen; geen echte personen.',
};

const MEASURES = {
  any: { en: 'any exit from WW', nl: 'uitstroom uit de WW' },
  job: { en: 'exit from WW to a job', nl: 'uitstroom uit de WW naar werk' },
} satisfies Record<string, Texts>;

/** Arm names in the charts: the report's abbreviations. */
function armLabels(r: Intensive2012Result, lang: Language): Record<string, string> {
  return {
    [r.config.treatment]: textOf({ en: 'I-dvl (intensive)', nl: 'I-dvl (intensief)' }, lang),
    [r.config.control]: textOf({ en: 'B-dvl (basic)', nl: 'B-dvl (basis)' }, lang),
  };
}

function monthAt(series: EffectSeries, month: number): MonthEffect | undefined {
  return series.months.find((m) => m.month === month);
}

/** A month's shares rest on an event count below the disclosure threshold (either arm). */
function small(m: MonthEffect, threshold: number): boolean {
  return (
    isSmallCount(m.eventsTreated, { threshold }) || isSmallCount(m.eventsControl, { threshold })
  );
}

/**
 * The 2012–2013 result as a self-contained HTML report (no scripts, no external requests,
 * charts as inline SVG). `effectmeting reproduce intensive-2012 --out <dir> [--lang nl]` writes
 * it. The same result, options and date give byte-identical output.
 *
 * @example
 * const r = intensive2012(await loadTable('data/intensive-vs-basic-2012.csv', { stringColumns: ['bsn'] }));
 * writeFileSync('out/intensive-2012.html', await intensive2012Html(r, { lang: 'nl', date: '2026-12-01' }));
 */
export async function intensive2012Html(
  r: Intensive2012Result,
  options: Intensive2012HtmlOptions = {},
): Promise<string> {
  rejectUnknownKeys(options, KEYS, 'intensive2012Html');
  const lang = parseLanguage(options.lang, 'lang');
  const t = (texts: Texts) => textOf(texts, lang);
  const source = options.source ?? t(SOURCE);
  const threshold = options.threshold ?? 10;
  const labels = armLabels(r, lang);
  const last = Math.max(...r.config.months);

  const curve = (destination: 'any' | 'job', idPrefix: string) =>
    renderSvg(
      outflowChart(r.outflow, {
        lang,
        destination,
        labels,
        title: t({
          en: `Cumulative ${MEASURES[destination].en} by month since the start of the benefit`,
          nl: `Cumulatieve ${MEASURES[destination].nl} per maand sinds het begin van de uitkering`,
        }),
        yTitle: t({ en: 'Cumulative share (%)', nl: 'Cumulatief aandeel (%)' }),
        source,
        threshold,
      }),
      { idPrefix },
    );
  const effect = (series: EffectSeries, measure: 'any' | 'job', idPrefix: string) =>
    renderSvg(
      effectChart(series, {
        lang,
        show: 'raw',
        title: t({
          en: `Net effect of I-dvl on ${MEASURES[measure].en} (I − B)`,
          nl: `Netto-effect van I-dvl op ${MEASURES[measure].nl} (I − B)`,
        }),
        yTitle: t({ en: 'Net effect (percentage points)', nl: 'Netto-effect (procentpunt)' }),
        source,
        threshold,
      }),
      { idPrefix },
    );
  const [anyCurve, jobCurve, anyEffect, jobEffect] = await Promise.all([
    curve('any', 'exit-any'),
    curve('job', 'exit-job'),
    effect(r.exit.any.plain, 'any', 'net-any'),
    effect(r.exit.job.plain, 'job', 'net-job'),
  ]);

  const published = documentReport(intensive2012Document(r, { threshold }, lang));
  const sections: HtmlSection[] = [
    {
      title: t({ en: 'In brief', nl: 'In het kort' }),
      id: 'in-brief',
      blocks: [
        { kind: 'paragraph', text: plainSummary(r, lang, last, threshold) },
        { kind: 'note', text: stampText(options, lang) },
      ],
    },
    {
      title: t({ en: 'Published versus reproduced', nl: 'Gepubliceerd versus gereproduceerd' }),
      id: 'published',
      blocks: [publishedTable('intensive_2012_published', publishedRows(r, threshold), lang)],
    },
    {
      title: t({ en: 'Exit per arm', nl: 'Uitstroom per groep' }),
      id: 'curves',
      blocks: [
        { kind: 'figure', svg: anyCurve, caption: curveCaption(lang) },
        { kind: 'figure', svg: jobCurve, caption: curveCaption(lang) },
      ],
    },
    {
      title: t({ en: 'Net effects with intervals', nl: 'Netto-effecten met intervallen' }),
      id: 'effects',
      blocks: [
        { kind: 'figure', svg: anyEffect, caption: effectCaption(lang) },
        { kind: 'figure', svg: jobEffect, caption: effectCaption(lang) },
        intervalTable(r, lang, threshold),
      ],
    },
    ...published.sections.map((s, i) => ({
      ...s,
      // The tables in the published layout, in the report's language (as its Markdown).
      title:
        i === 0
          ? t({
              en: 'Tables in the published layout',
              nl: 'Tabellen in de gepubliceerde opmaak',
            })
          : s.title,
    })),
  ];
  return htmlReport({
    title: t({
      en: 'Intensive versus basic services, 2012–2013: reproduction',
      nl: 'Intensieve versus basisdienstverlening, 2012–2013: reproductie',
    }),
    subtitle: t({
      en: `${formatCount(r.arms.treatment.n)} clients with intensive services (I-dvl, odd last BSN digit) and ${formatCount(r.arms.control.n)} with basic services (B-dvl, even).`,
      nl: `${formatCount(r.arms.treatment.n, numberStyleOf('nl'))} cliënten met intensieve dienstverlening (I-dvl, oneven laatste cijfer van het BSN) en ${formatCount(r.arms.control.n, numberStyleOf('nl'))} met basisdienstverlening (B-dvl, even).`,
    }),
    sections,
    footer: `${source} ${stampText(options, lang)}.`,
    lang,
  });
}

function curveCaption(lang: Language): string {
  return textOf(
    {
      en: 'Complete follow-up: the share at month m among the clients observed at least m months since the start of the benefit. Thin dashed lines: each arm’s 95 % confidence interval.',
      nl: 'Volledige follow-up: het aandeel in maand m onder de cliënten die minstens m maanden sinds het begin van de uitkering gevolgd zijn. Dunne stippellijnen: het 95%-betrouwbaarheidsinterval van elke groep.',
    },
    lang,
  );
}

function effectCaption(lang: Language): string {
  return textOf(
    {
      en: 'Net effect = I-dvl − B-dvl at 6, 9, 12 and 15 months (Table 5.2), shaded: its 95 % confidence interval (unpooled SE); filled points are significant (two-sided, each month on its own).',
      nl: 'Netto-effect = I-dvl − B-dvl na 6, 9, 12 en 15 maanden (tabel 5.2), gearceerd: het 95%-betrouwbaarheidsinterval (ongepoolde standaardfout); gevulde punten zijn significant (tweezijdig, elke maand apart).',
    },
    lang,
  );
}

/**
 * Three to five plain sentences: who was compared, the exit shares at the last month, the net
 * effect with its interval and whether the interval contains zero. Numbers from the result; the
 * wording depends only on the sign of the effect and whether its interval contains zero.
 */
function plainSummary(
  r: Intensive2012Result,
  lang: Language,
  last: number,
  threshold: number,
): string {
  const any = monthAt(r.exit.any.plain, last)!;
  const job = monthAt(r.exit.job.plain, last)!;
  if (small(any, threshold) || small(job, threshold)) return textOf(WITHHELD, lang);
  const total = r.arms.treatment.n + r.arms.control.n;
  const excludes = (ci: readonly [number, number]) => ci[0] > 0 || ci[1] < 0;
  const style = numberStyleOf(lang);
  if (lang === 'nl') {
    return [
      `In 2012–2013 kregen ${formatCount(total, style)} nieuwe WW-cliënten intensieve of basisdienstverlening; het laatste cijfer van hun BSN bepaalde welke.`,
      `Binnen ${last} maanden na het begin van de uitkering was ${shareText(any.shareTreated, lang)} van de cliënten met intensieve dienstverlening uit de WW gestroomd, tegen ${shareText(any.shareControl, lang)} met basisdienstverlening: een verschil van ${ppText(any.raw.estimate, lang, 1, true)} (95%-betrouwbaarheidsinterval ${ciText(any.raw.ci, lang)}).`,
      `Naar werk: ${shareText(job.shareTreated, lang)} tegen ${shareText(job.shareControl, lang)}, een verschil van ${ppText(job.raw.estimate, lang, 1, true)} (${ciText(job.raw.ci, lang)}).`,
      excludes(any.raw.ci)
        ? 'Het interval voor de uitstroom bevat de nul niet: de intensieve dienstverlening lijkt de uitstroom echt te hebben veranderd, al is de omvang onzeker.'
        : 'Het interval voor de uitstroom bevat de nul: de gegevens sluiten niet uit dat de intensieve dienstverlening geen effect had.',
    ].join(' ');
  }
  return [
    `In 2012–2013, ${formatCount(total, style)} new WW clients received intensive or basic services; the last digit of their BSN decided which.`,
    `Within ${last} months of the start of the benefit, ${shareText(any.shareTreated, lang)} of the clients with intensive services had left WW, against ${shareText(any.shareControl, lang)} with basic services: a difference of ${ppText(any.raw.estimate, lang, 1, true)} (95 % confidence interval ${ciText(any.raw.ci, lang)}).`,
    `To a job: ${shareText(job.shareTreated, lang)} against ${shareText(job.shareControl, lang)}, a difference of ${ppText(job.raw.estimate, lang, 1, true)} (${ciText(job.raw.ci, lang)}).`,
    excludes(any.raw.ci)
      ? 'The interval for leaving WW does not contain zero: intensive services appear to have changed how many clients left, though the size is uncertain.'
      : 'The interval for leaving WW contains zero: the data cannot rule out that intensive services had no effect.',
  ].join(' ');
}

/** The summary where its shares would reveal a count below the disclosure threshold. */
const WITHHELD: Texts = {
  en: 'The shares of this extract rest on counts below the disclosure threshold, so they are not summarised here; see the tables below.',
  nl: 'De aandelen van dit bestand berusten op aantallen onder de drempel voor openbaarmaking en worden hier daarom niet samengevat; zie de tabellen hieronder.',
};

/**
 * Table 5.2's net effects (any exit, exit to a job, at 6/9/12/15 months), the month-15 shares,
 * back on benefit and Table 5.3's net effects: published (targets) next to reproduced.
 */
function publishedRows(r: Intensive2012Result, threshold: number): PublishedRow[] {
  const rows: PublishedRow[] = [];
  for (const measure of ['any', 'job'] as const) {
    const target = PUB.all[measure];
    MONTHS.forEach((month, i) => {
      const m = monthAt(r.exit[measure].plain, month);
      if (!m) return;
      rows.push({
        measure: {
          en: `${MEASURES[measure].en}: net effect within ${month} months`,
          nl: `${MEASURES[measure].nl}: netto-effect binnen ${month} maanden`,
        },
        kind: 'difference',
        published: target.net[i]!,
        publishedStars: target.stars[i]!,
        reproduced: m.raw.estimate,
        reproducedStars: m.raw.stars,
        ci: m.raw.ci,
        hidden: small(m, threshold),
      });
    });
  }
  const back = r.backOnBenefit.difference;
  rows.push({
    measure: { en: 'back on benefit: net effect', nl: 'terug in de uitkering: netto-effect' },
    kind: 'difference',
    published: PUB_OTHER.back.net,
    reproduced: back.estimate,
    reproducedStars: back.stars,
    ci: back.ci,
    hidden: (['treatment', 'control'] as const).some((arm) =>
      isSmallCount(Math.round(r.backOnBenefit[arm].mean * r.backOnBenefit[arm].n), { threshold }),
    ),
  });
  const states = {
    benefit: { en: 'WW benefit', nl: 'WW-uitkering' },
    job: { en: 'job', nl: 'werk' },
    other: { en: 'other', nl: 'overig' },
  } as const;
  for (const state of ['benefit', 'job', 'other'] as const) {
    const f = r.timeFractions.rows.find((x) => x.state === state);
    if (!f) continue;
    const target = PUB_OTHER.fractions[state];
    rows.push({
      measure: {
        en: `fraction of the observation period in ${states[state].en}: net effect`,
        nl: `deel van de observatieperiode in ${states[state].nl}: netto-effect`,
      },
      kind: 'difference',
      published: target.net,
      publishedStars: target.stars,
      reproduced: f.difference.estimate,
      reproducedStars: f.difference.stars,
      ci: f.difference.ci,
    });
  }
  return rows;
}

/** Table 5.2 with intervals: per measure and month the shares, the plain and the adjusted net effect with their 95 % CIs. */
function intervalTable(r: Intensive2012Result, lang: Language, threshold: number): Block {
  const t = (texts: Texts) => textOf(texts, lang);
  const style = numberStyleOf(lang);
  const rows = (['any', 'job'] as const).flatMap((measure) =>
    r.config.months.flatMap((month) => {
      const plain = monthAt(r.exit[measure].plain, month);
      const adjusted = monthAt(r.exit[measure].adjusted, month)?.adjusted;
      if (!plain) return [];
      // Shares on a count below the threshold are withheld, with what reveals them.
      const hide = (arm: 'eventsTreated' | 'eventsControl', text: string) =>
        isSmallCount(plain[arm], { threshold }) ? `< ${threshold}` : text;
      const x = small(plain, threshold);
      return [
        {
          measure: t(MEASURES[measure]),
          month,
          intensive: hide('eventsTreated', shareText(plain.shareTreated, lang)),
          basic: hide('eventsControl', shareText(plain.shareControl, lang)),
          net: x ? 'x' : `${ppText(plain.raw.estimate, lang)}${plain.raw.stars}`,
          netCi: x ? 'x' : ciText(plain.raw.ci, lang),
          p: x ? 'x' : formatPValue(plain.raw.pValue, style),
          adjusted: adjusted ? `${ppText(adjusted.estimate, lang)}${adjusted.stars}` : '',
          adjustedCi: adjusted ? ciText(adjusted.ci, lang) : '',
        },
      ];
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
      en: 'Table 5.2 with intervals',
      nl: 'Tabel 5.2 met intervallen',
    }),
    rows,
    columns: [
      { key: 'measure', label: t({ en: 'outcome', nl: 'uitkomst' }) },
      right('month', { en: 'within … months', nl: 'binnen … maanden' }),
      right('intensive', { en: 'I-dvl', nl: 'I-dvl' }),
      right('basic', { en: 'B-dvl', nl: 'B-dvl' }),
      right('net', { en: 'net effect', nl: 'netto-effect' }),
      right('netCi', { en: '95 % CI', nl: '95%-interval' }),
      right('p', { en: 'p', nl: 'p' }),
      right('adjusted', { en: 'adjusted net effect', nl: 'gecorrigeerd netto-effect' }),
      right('adjustedCi', { en: '95 % CI (adjusted)', nl: '95%-interval (gecorrigeerd)' }),
    ],
    note: t({
      en: `Net effect: ${r.methods.plain}. Adjusted: ${r.methods.adjusted}. Stars: † p < 0.20, * p < 0.10, ** p < 0.05 (two-sided).`,
      nl: `Netto-effect: z-toets voor twee aandelen, ongepoolde (Neyman-)standaardfout, cliënten die minstens x maanden sinds het begin van de uitkering gevolgd zijn (volledige follow-up). Gecorrigeerd: OLS van de 0/1-uitkomst op de toewijzing en ${[r.config.gender, ...r.config.adjustmentCovariates].join(', ')} (factoren als dummy's), HC2-standaardfout, t-toets op n − k vrijheidsgraden; volledige waarnemingen ('${r.config.unknown}' telt als ontbrekend). Sterren: † p < 0,20, * p < 0,10, ** p < 0,05 (tweezijdig).`,
    }),
  };
}

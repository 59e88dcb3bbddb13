/**
 * The Den Haag pilot report as one self-contained HTML file: Figure 2a (cumulative
 * flow-through into bijstand by arm with the national line), Figure 2b (the adjusted effect
 * per month with its confidence band and significance), participation by arm (Table 2) as a
 * chart and a table, the monthly figures as a table, the summary and the policy figures, and the
 * methods. Published tables go through disclosure control (counts below 10 shown as "< 10").
 */
import {
  formatNumber,
  formatPEquals,
  formatPercent,
  formatPp,
  formatPValue,
} from '../../format.js';
import { type Language, numberStyleOf, parseLanguage, type Texts, textOf } from '../../language.js';
import { effectChart, outflowChart } from '../../report/charts/outcomes.js';
import { renderSvg } from '../../report/charts/render.js';
import { participationChart } from '../../report/charts/tables.js';
import { disclosureNote, protectParticipation, suppressedText } from '../../report/disclosure.js';
import { type HtmlSection, htmlReport } from '../../report/html.js';
import { methodText } from '../../report/method-texts.js';
import { type AllKeys, rejectUnknownKeys } from '../../stats/option-keys.js';
import type { Block } from '../../table/index.js';
import { publishedTable } from '../shared/published-table.js';
import {
  ciText,
  ppText,
  type ReportStamp,
  shareText,
  stampText,
} from '../shared/report-language.js';
import { sampleRatioBlocks } from '../shared/sample-ratio-blocks.js';
import { NATIONAL_BENCHMARK_LABEL } from './national-benchmark.js';
import type { PilotResult } from './report.js';
import {
  decileSentence,
  multiplicityText,
  policyBlocks,
  randomizationText,
  significanceText,
} from './report.js';
import {
  decileSentenceNl,
  PARTICIPATION_LABELS_NL,
  policyBlocksNl,
  summaryItemsNl,
} from './report-dutch.js';
import { sensitivityBlocks } from './sensitivity.js';
// The published figures, shown only in the "published (report)" column (never analysed).
import { DEN_HAAG_TARGETS } from './targets.js';

/** Options of {@link pilotHtml}. */
export interface PilotHtmlOptions extends ReportStamp {
  /** Language of the report: `en` (default) or `nl`. */
  readonly lang?: Language;
  /**
   * Source note under every chart and in the footer. Default: the synthetic reconstruction in
   * `data/den-haag-pilot.csv`; say where your extract comes from when you run it on real data.
   */
  readonly source?: string;
  /** Disclosure threshold: counts below it are suppressed (default 10; 0 turns it off). */
  readonly threshold?: number;
  /** Report title (default: the pilot's name). */
  readonly title?: string;
}

const PILOT_HTML_KEYS: AllKeys<PilotHtmlOptions> = {
  lang: true,
  source: true,
  threshold: true,
  title: true,
  version: true,
  date: true,
};

/** The default source note: the shipped data are synthetic. */
export const PILOT_SYNTHETIC_SOURCE =
  'Source: synthetic reconstruction of the Den Haag pilot (data/den-haag-pilot.csv), calibrated to the published margins; not real people.';

/**
 * The pilot result as a self-contained HTML report (no scripts, no external requests, charts as
 * inline SVG, print-friendly). `effectmeting reproduce den-haag --out <dir>` writes it as
 * `<dir>/den-haag-pilot.html`.
 *
 * @example
 * const result = denHaagPilot(await loadTable('data/den-haag-pilot.csv'));
 * writeFileSync('out/den-haag-pilot.html', await pilotHtml(result));
 */
export async function pilotHtml(r: PilotResult, options: PilotHtmlOptions = {}): Promise<string> {
  rejectUnknownKeys(options, PILOT_HTML_KEYS, 'pilotHtml');
  const lang = parseLanguage(options.lang, 'lang');
  const t = <T>(texts: Texts<T>): T => textOf(texts, lang);
  const source = options.source ?? t(PILOT_SOURCE);
  const threshold = options.threshold ?? 10;
  const c = r.config;
  const [figure2a, figure2b, participation] = await Promise.all([
    renderSvg(
      outflowChart(r.outflow, {
        lang,
        labels: BENCHMARK_LABELS,
        title: t({
          en: `Figure 2a. Cumulative flow-through into bijstand, decile ${c.decile}`,
          nl: `Figuur 2a. Cumulatieve doorstroom naar de bijstand, deciel ${c.decile}`,
        }),
        source,
        yTitle: t({
          en: 'Cumulative share in bijstand (%)',
          nl: 'Cumulatief aandeel in de bijstand (%)',
        }),
        threshold,
      }),
      { idPrefix: 'fig2a' },
    ),
    renderSvg(
      effectChart(r.effects, {
        lang,
        title: t({
          en: `Figure 2b. Effect on the flow-through into bijstand per month, decile ${c.decile}`,
          nl: `Figuur 2b. Effect op de doorstroom naar de bijstand per maand, deciel ${c.decile}`,
        }),
        yTitle: t({
          en: 'Effect on the cumulative share (percentage points)',
          nl: 'Effect op het cumulatieve aandeel (procentpunt)',
        }),
        source,
        threshold,
      }),
      { idPrefix: 'fig2b' },
    ),
    renderSvg(
      participationChart(r.participation, {
        lang,
        // Table 2's categories by their Dutch names in Dutch (the data's labels in English)
        ...(lang === 'nl' ? { labels: PARTICIPATION_LABELS_NL } : {}),
        title: t({
          en: `Participation by arm, decile ${c.decile} (Table 2)`,
          nl: `Deelname per groep, deciel ${c.decile} (tabel 2)`,
        }),
        source,
        threshold,
      }),
      { idPrefix: 'table2' },
    ),
  ]);

  const findings = lang === 'nl' ? summaryItemsNl(r) : summaryItemsEn(r);

  const sections: HtmlSection[] = [
    {
      title: t({ en: 'In brief', nl: 'In het kort' }),
      id: 'in-brief',
      blocks: [
        { kind: 'paragraph', text: plainSummary(r, lang) },
        { kind: 'note', text: stampText(options, lang) },
      ],
    },
    {
      title: t({ en: 'Summary', nl: 'Samenvatting' }),
      id: 'summary',
      blocks: [{ kind: 'list', items: findings }],
    },
    {
      title: t({ en: 'Published versus reproduced', nl: 'Gepubliceerd versus gereproduceerd' }),
      id: 'published',
      blocks: [publishedTable('pilot_published', publishedRows(r), lang)],
    },
    {
      title: t({
        en: 'Figure 2a: flow-through into bijstand',
        nl: 'Figuur 2a: doorstroom naar de bijstand',
      }),
      id: 'figure-2a',
      blocks: [
        {
          kind: 'figure',
          svg: figure2a,
          caption: t({
            en: `${sentence(r.outflow.description)}. Thin dashed lines: each arm's 95 % confidence interval. ${benchmarkNote(r)}`,
            nl: `Aandeel dat in de bijstand kwam per maand, onder de cliënten die minstens zo lang gevolgd zijn. Dunne stippellijnen: het 95%-betrouwbaarheidsinterval van elke groep. De landelijke lijn is een externe reeks ter vergelijking, niet uit deze gegevens geschat.`,
          }),
        },
      ],
    },
    {
      title: t({ en: 'Figure 2b: effect per month', nl: 'Figuur 2b: effect per maand' }),
      id: 'figure-2b',
      blocks: [
        {
          kind: 'figure',
          svg: figure2b,
          caption: t({
            en: 'Adjusted: OLS linear probability model on assignment and the background characteristics, HC2 standard errors (shaded: its 95 % CI); raw: difference in shares (thin dashed lines: its 95 % CI). Stars: † p < 0.20, * p < 0.10, ** p < 0.05 (two-sided).',
            nl: 'Gecorrigeerd: lineair kansmodel (OLS) op de toewijzing en de achtergrondkenmerken, HC2-standaardfouten (gearceerd: het 95%-betrouwbaarheidsinterval); ongecorrigeerd: verschil in aandelen (dunne stippellijnen: het 95%-betrouwbaarheidsinterval). Sterren: † p < 0,20, * p < 0,10, ** p < 0,05 (tweezijdig).',
          }),
        },
        { kind: 'heading', text: t({ en: 'Per month', nl: 'Per maand' }), level: 3 },
        monthlyTable(r, threshold, lang),
      ],
    },
    {
      title: t({ en: 'Participation (Table 2)', nl: 'Deelname (tabel 2)' }),
      id: 'participation',
      blocks: [{ kind: 'figure', svg: participation }, ...participationBlocks(r, threshold, lang)],
    },
    {
      title: t({ en: 'Assignment', nl: 'Toewijzing' }),
      id: 'assignment',
      blocks: [
        ...sampleRatioBlocks(r.assignment, lang),
        {
          kind: 'paragraph',
          text: t({
            en: decileSentence(r),
            nl: decileSentenceNl(r),
          }),
        },
      ],
    },
    {
      title: t({ en: 'Policy figures', nl: 'Beleidscijfers' }),
      id: 'policy',
      blocks: lang === 'nl' ? policyBlocksNl(r) : policyBlocks(r),
    },
    {
      title: t({
        en: 'Sensitivity: the censoring method',
        nl: 'Gevoeligheid: de methode voor censurering',
      }),
      id: 'sensitivity',
      blocks: sensitivityBlocks(r.sensitivity, c, lang),
    },
    {
      title: t({ en: 'Methods and notes', nl: 'Methoden en toelichting' }),
      id: 'methods',
      blocks: [
        {
          kind: 'list',
          items: [
            `${t({ en: 'Flow-through', nl: 'Doorstroom' })}: ${methodText(r.outflow.description, lang)}.`,
            `${t({ en: 'Effects', nl: 'Effecten' })}: ${methodText(r.effects.method, lang)}.`,
            `${t({ en: 'Participation', nl: 'Deelname' })}: ${methodText(r.participation.method, lang)}.`,
            `${t({ en: 'Policy figures', nl: 'Beleidscijfers' })}: ${methodText(r.impact.method, lang)}.`,
            threshold > 0
              ? `${disclosureNote(threshold, true, lang)} ${t({
                  en: 'The figures do not plot a share (or a raw difference) whose count is suppressed; adjusted effects and policy figures are shown in full.',
                  nl: 'De figuren tonen geen aandeel (of ongecorrigeerd verschil) waarvan het aantal is onderdrukt; gecorrigeerde effecten en beleidscijfers staan er volledig in.',
                })}`
              : t({
                  en: 'Disclosure control is turned off: all counts are shown.',
                  nl: 'Onthullingscontrole staat uit: alle aantallen worden getoond.',
                }),
          ],
        },
      ],
    },
  ];
  return htmlReport({
    title:
      options.title ??
      t({
        en: 'Den Haag pilot "WW (niet) naar bijstand": effect measurement',
        nl: 'Pilot Den Haag "WW (niet) naar bijstand": effectmeting',
      }),
    subtitle: t({
      en: `Decile ${c.decile} of the Maatwerkscan: ${r.decileCounts.treatment} ${c.treatment}, ${r.decileCounts.control} ${c.control}. Outcome: flow-through into bijstand (\`${c.event}\`), ${c.months} months.`,
      nl: `Deciel ${c.decile} van de Maatwerkscan: ${r.decileCounts.treatment} ${c.treatment}, ${r.decileCounts.control} ${c.control}. Uitkomst: doorstroom naar de bijstand (\`${c.event}\`), ${c.months} maanden.`,
    }),
    sections,
    footer: `${source} ${stampText(options, lang)}.`,
    lang,
  });
}

/** The summary's findings in English (the Dutch ones: `summaryItemsNl`). */
function summaryItemsEn(r: PilotResult): string[] {
  const c = r.config;
  const f = r.final;
  const last = r.effects.months.at(-1)!;
  const lastAdjusted = last.adjusted;
  return [
    `Month ${f.month}: ${c.treatment} ${formatPercent(f.shareTreatment)}, ${c.control} ${formatPercent(f.shareControl)} flowed through into bijstand; raw difference ${formatPp(f.raw)}${last.raw.stars} (95 % CI ${formatPp(last.raw.ci[0])} to ${formatPp(last.raw.ci[1])}, ${formatPEquals(last.raw.pValue)}).`,
    ...(lastAdjusted
      ? [
          `Adjusted effect at month ${f.month}: ${formatPp(lastAdjusted.estimate)}${lastAdjusted.stars} (95 % CI ${formatPp(lastAdjusted.ci[0])} to ${formatPp(lastAdjusted.ci[1])}, ${formatPEquals(lastAdjusted.pValue)}).`,
        ]
      : []),
    `The adjusted effect is ${significanceText(r.significance.at10)}, and ${significanceText(r.significance.at05)} (pointwise).`,
    multiplicityText(r.effects),
    randomizationText(r.randomization),
  ];
}

/** The default source note in each language. */
const PILOT_SOURCE: Texts = {
  en: PILOT_SYNTHETIC_SOURCE,
  nl: 'Bron: synthetische reconstructie van de pilot Den Haag (data/den-haag-pilot.csv), gekalibreerd op de gepubliceerde randtotalen; geen echte personen.',
};

/** Display names of the benchmark line in every language (its data label stays English). */
const BENCHMARK_LABELS = { [NATIONAL_BENCHMARK_LABEL.en]: NATIONAL_BENCHMARK_LABEL };

/**
 * The report in three to five plain sentences for a policy reader: who was compared, what
 * happened in each arm by the last month, the adjusted effect with its interval and whether the
 * interval excludes zero. Every number comes from the result; the wording depends only on the
 * sign of the effect and whether its interval contains zero.
 */
function plainSummary(r: PilotResult, lang: Language): string {
  const c = r.config;
  const f = r.final;
  const last = r.effects.months.at(-1)!;
  const e = last.adjusted ?? last.raw;
  const excludesZero = e.ci[0] > 0 || e.ci[1] < 0;
  const lower = e.estimate < 0;
  const level = formatPercent(r.effects.level, 0, numberStyleOf(lang));
  if (lang === 'nl') {
    return [
      `In deciel ${c.decile} van de Maatwerkscan (de WW-cliënten met de grootste kans op bijstand) kregen ${r.decileCounts.treatment} cliënten de aanpak van de pilot en ${r.decileCounts.control} niet; het lot bepaalde wie.`,
      `Na ${f.month} maanden was ${shareText(f.shareTreatment, lang)} van de groep ${c.treatment} en ${shareText(f.shareControl, lang)} van de groep ${c.control} doorgestroomd naar de bijstand.`,
      `Rekening houdend met de achtergrondkenmerken ${lower ? 'verlaagde' : 'verhoogde'} de aanpak dat aandeel met ${ppText(Math.abs(e.estimate), lang)} (${level}-betrouwbaarheidsinterval ${ciText(e.ci, lang)}).`,
      excludesZero
        ? 'Dat interval bevat de nul niet: de gegevens wijzen op een echt effect, al is de omvang onzeker.'
        : 'Dat interval bevat de nul: de gegevens sluiten niet uit dat de aanpak geen effect had.',
    ].join(' ');
  }
  return [
    `In decile ${c.decile} of the Maatwerkscan (the WW clients most likely to need bijstand), ${r.decileCounts.treatment} clients were offered the pilot's approach and ${r.decileCounts.control} were not; a lottery decided who.`,
    `After ${f.month} months, ${shareText(f.shareTreatment, lang)} of the ${c.treatment} group and ${shareText(f.shareControl, lang)} of the ${c.control} group had flowed through into bijstand.`,
    `Taking the clients' background into account, the approach ${lower ? 'lowered' : 'raised'} that share by ${ppText(Math.abs(e.estimate), lang)} (${level} confidence interval ${ciText(e.ci, lang)}).`,
    excludesZero
      ? 'That interval does not contain zero: the data point to a real effect, though its size is uncertain.'
      : 'That interval contains zero: the data cannot rule out that the approach had no effect.',
  ].join(' ');
}

/**
 * The pilot's published month-M figures (DEN_HAAG_TARGETS, shown for comparison only) next to
 * the reproduced ones with their intervals: each arm's share and the adjusted effect.
 */
function publishedRows(r: PilotResult) {
  const c = r.config;
  const f = r.final;
  const at = (group: string) =>
    r.outflow.rows.find(
      (x) =>
        x.month === f.month && x.group === group && x.destination === r.outflow.destinations[0],
    )!;
  const last = r.effects.months.at(-1)!;
  const adjusted = last.adjusted ?? last.raw;
  return [
    {
      measure: {
        en: `${c.treatment}: share in bijstand by month ${f.month}`,
        nl: `${c.treatment}: aandeel in de bijstand in maand ${f.month}`,
      },
      kind: 'share' as const,
      published: DEN_HAAG_TARGETS.experimentShare24,
      reproduced: f.shareTreatment,
      ci: at(c.treatment).ci,
    },
    {
      measure: {
        en: `${c.control}: share in bijstand by month ${f.month}`,
        nl: `${c.control}: aandeel in de bijstand in maand ${f.month}`,
      },
      kind: 'share' as const,
      published: DEN_HAAG_TARGETS.controlDecile1,
      reproduced: f.shareControl,
      ci: at(c.control).ci,
    },
    {
      measure: {
        en: `adjusted effect at month ${f.month}`,
        nl: `gecorrigeerd effect in maand ${f.month}`,
      },
      kind: 'difference' as const,
      published: DEN_HAAG_TARGETS.adjusted24,
      reproduced: adjusted.estimate,
      reproducedStars: adjusted.stars,
      ci: adjusted.ci,
    },
  ];
}

/** Capitalises the first letter (the results' method strings start in lower case). */
function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function benchmarkNote(r: PilotResult): string {
  return r.outflow.benchmark
    .map(
      (b) =>
        `The line '${b.label}' is an external series shown for comparison, not estimated from these data${b.note ? ` (${b.note})` : ''}.`,
    )
    .join(' ');
}

/** Table 2 with disclosure control, the received-service difference and the notes. */
function participationBlocks(r: PilotResult, threshold: number, lang: Language): Block[] {
  const p = r.participation;
  const protection = protectParticipation(p, { threshold });
  const style = numberStyleOf(lang);
  const arms = ['treatment', 'control'] as const;
  const header = {
    status: 'status',
    treatment: `${p.arms.treatment} (n = ${p.n.treatment})`,
    control: `${p.arms.control} (n = ${p.n.control})`,
  };
  const label = (category: string, fallback: string) =>
    lang === 'nl' ? (PARTICIPATION_LABELS_NL[category] ?? fallback) : fallback;
  const rows = p.rows.map((row) => {
    const name = label(row.category, row.label);
    const out: Record<string, string> = {
      status: row.depth > 0 ? `– ${lang === 'nl' ? 'waarvan' : 'of which'} ${name}` : name,
    };
    for (const arm of arms) {
      const cell = row[arm];
      const published =
        cell.count === 0 ? '–' : `${formatPercent(cell.share, 0, style)} (${cell.count})`;
      out[arm] = protection.text(row.category, arm, published);
    }
    return out;
  });
  const d = p.received.difference;
  const note =
    protection.note && lang === 'nl' ? disclosureNote(threshold, true, lang) : protection.note;
  const notes = [note, `${sentence(methodText(p.method, lang))}.`].filter(Boolean).join(' ');
  return [
    {
      kind: 'table',
      rows,
      columns: [
        { key: 'status', label: header.status },
        { key: 'treatment', label: header.treatment, align: 'right', format: String },
        { key: 'control', label: header.control, align: 'right', format: String },
      ],
      note: notes,
    },
    {
      kind: 'paragraph',
      text: textOf(
        {
          en: `Difference between the arms in the share that received the service (${p.received.categories.join(', ')}): ${formatPp(d.estimate)}${d.stars} (95 % CI ${formatPp(d.ci[0])} to ${formatPp(d.ci[1])}).`,
          nl: `Verschil tussen de groepen in het aandeel dat de dienst ontving (${p.received.categories.map((x) => PARTICIPATION_LABELS_NL[x] ?? x).join('; ')}): ${ppText(d.estimate, lang)}${d.stars} (95%-betrouwbaarheidsinterval ${ciText(d.ci, lang)}).`,
        },
        lang,
      ),
    },
  ];
}

/** Figures 2a and 2b as one table, month by month, with both effects' intervals and small counts suppressed. */
function monthlyTable(r: PilotResult, threshold: number, lang: Language): Block {
  const c = r.config;
  const t = (texts: Texts) => textOf(texts, lang);
  const style = numberStyleOf(lang);
  const benchmark = r.outflow.benchmark[0];
  const of = t({ en: 'of', nl: 'van' });
  const cell = (events: number, n: number, share: number): string => {
    const hidden =
      threshold > 0 && events > 0 && events < threshold
        ? suppressedText('primary', threshold)
        : null;
    return hidden === null ? `${shareText(share, lang)} (${events}/${n})` : `${hidden} ${of} ${n}`;
  };
  // English: "−4.4 pp" in every cell. Dutch: the unit in the column header ("procentpunt" in
  // every cell made the table wider than the page), the cells "−4,4" and "−9,7 tot 1,0".
  const unitInHeader = lang === 'nl';
  const points = (x: number) => (unitInHeader ? formatNumber(100 * x, 1, style) : ppText(x, lang));
  const interval = (ci: readonly [number, number]) =>
    unitInHeader
      ? `${formatNumber(100 * ci[0], 1, style)} tot ${formatNumber(100 * ci[1], 1, style)}`
      : ciText(ci, lang);
  const unit = unitInHeader ? ` (${style.points.trim()})` : '';
  let suppressed = 0;
  const rows = r.effects.months.map((m) => {
    const hideRaw = [m.eventsTreated, m.eventsControl].some(
      (e) => threshold > 0 && e > 0 && e < threshold,
    );
    for (const e of [m.eventsTreated, m.eventsControl]) {
      if (threshold > 0 && e > 0 && e < threshold) suppressed++;
    }
    const row: Record<string, string | number> = {
      month: m.month,
      treatment: cell(m.eventsTreated, m.nTreated, m.shareTreated),
      control: cell(m.eventsControl, m.nControl, m.shareControl),
    };
    if (benchmark) {
      const v = benchmark.values.find((b) => b.month === m.month);
      row.benchmark = v ? shareText(v.share, lang) : '';
    }
    // The raw difference (and its interval) would reveal a suppressed share: "x" there.
    row.raw = hideRaw ? 'x' : `${points(m.raw.estimate)}${m.raw.stars}`;
    row.rawCi = hideRaw ? 'x' : interval(m.raw.ci);
    if (m.adjusted) {
      row.adjusted = `${points(m.adjusted.estimate)}${m.adjusted.stars}`;
      row.ci = interval(m.adjusted.ci);
      row.p = formatPValue(m.adjusted.pValue, style);
    } else {
      row.p = hideRaw ? 'x' : formatPValue(m.raw.pValue, style);
    }
    return row;
  });
  const right = (key: string, label: string) => ({
    key,
    label,
    align: 'right' as const,
    format: String,
  });
  const columns = [
    { key: 'month', label: t({ en: 'month', nl: 'maand' }) },
    right(
      'treatment',
      `${c.treatment}: ${t({ en: 'share (events/n)', nl: 'aandeel (gebeurtenissen/n)' })}`,
    ),
    right(
      'control',
      `${c.control}: ${t({ en: 'share (events/n)', nl: 'aandeel (gebeurtenissen/n)' })}`,
    ),
    ...(benchmark
      ? [
          right(
            'benchmark',
            benchmark.label === NATIONAL_BENCHMARK_LABEL.en
              ? t(NATIONAL_BENCHMARK_LABEL)
              : benchmark.label,
          ),
        ]
      : []),
    right('raw', `${t({ en: 'raw difference', nl: 'ongecorrigeerd verschil' })}${unit}`),
    right('rawCi', `${t({ en: '95 % CI (raw)', nl: '95%-interval (ongecorrigeerd)' })}${unit}`),
    ...(r.effects.months.some((m) => m.adjusted)
      ? [
          right('adjusted', `${t({ en: 'adjusted effect', nl: 'gecorrigeerd effect' })}${unit}`),
          right(
            'ci',
            `${t({ en: '95 % CI (adjusted)', nl: '95%-interval (gecorrigeerd)' })}${unit}`,
          ),
        ]
      : []),
    right('p', 'p'),
  ];
  const method = t({
    en: 'Complete follow-up: at month m, the clients observed at least m months.',
    nl: 'Volledige follow-up: in maand m de cliënten die minstens m maanden gevolgd zijn.',
  });
  return {
    kind: 'table',
    rows,
    columns,
    note: suppressed > 0 ? `${method} ${disclosureNote(threshold, false, lang)}` : method,
  };
}

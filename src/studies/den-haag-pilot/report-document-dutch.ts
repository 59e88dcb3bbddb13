/**
 * The pilot's Markdown (and terminal) document in Dutch: the same sections, tables and numbers as
 * the English `pilotDocument`, whose tables come from the analysis results' own English
 * `toDocument()`. Here the report layer writes those tables again with Dutch labels and the Dutch
 * number style, under the same table and column ids, so `protectPilotDocument` suppresses the
 * same cells; the sentences are the ones of the Dutch HTML report (`report-dutch.ts`), the method
 * texts go through `methodText`. Terms from docs/glossary.md.
 */
import { notEstimableNotes } from '../../analysis/effect-series.js';
import { sampleRatioDocument } from '../../assign/srm.js';
import { formatCount, formatNumber, formatPercent } from '../../format.js';
import { numberStyleOf } from '../../language.js';
import { methodText } from '../../report/method-texts.js';
import type { Block, Column, Document, Table } from '../../table/index.js';
import { NATIONAL_BENCHMARK_LABEL } from './national-benchmark.js';
import type { PilotResult } from './report.js';
import { effectIntervalsBlock } from './report.js';
import {
  decileSentenceNl,
  PARTICIPATION_LABELS_NL,
  policyBlocksNl,
  summaryItemsNl,
} from './report-dutch.js';
import { sensitivityBlocks } from './sensitivity.js';

const NL = numberStyleOf('nl');

/** A share for a table cell: "34,3%", "–" where it is not a number. */
const share = (x: number, digits = 1) => (Number.isFinite(x) ? formatPercent(x, digits, NL) : '–');

/** A method text of the analysis layer as a Dutch sentence: capital first letter, full stop. */
function methodSentence(text: string): string {
  const t = methodText(text, 'nl');
  return `${t.charAt(0).toUpperCase()}${t.slice(1)}${t.endsWith('.') ? '' : '.'}`;
}

/**
 * The blocks of the Dutch pilot report, in the order of the English one: title, assignment,
 * Table 2, Figures 2a and 2b as tables, the intervals, the summary, the policy figures and the
 * sensitivity rows. `pilotDocument(r, disclosure, 'nl')` protects and returns them.
 *
 * @example
 * documentMarkdown(pilotDocument(result, {}, 'nl'), { lang: 'nl' }); // "# Pilot Den Haag …"
 */
export function pilotBlocksNl(r: Omit<PilotResult, 'toHTML'>): Block[] {
  const c = r.config;
  return [
    {
      kind: 'heading',
      level: 1,
      text: 'Pilot Den Haag "WW (niet) naar bijstand": effectmeting',
    },
    {
      kind: 'paragraph',
      text: `Deciel ${c.decile} van de Maatwerkscan; uitkomst: doorstroom naar de bijstand (\`${c.event}\`).`,
    },
    { kind: 'heading', level: 2, text: 'Toewijzing' },
    ...sampleRatioDocument(r.assignment, 'nl'),
    { kind: 'paragraph', text: decileSentenceNl(r) },
    { kind: 'heading', level: 2, text: 'Deelname (tabel 2)' },
    ...participationDocumentNl(r),
    {
      kind: 'heading',
      level: 2,
      text: 'Cumulatieve doorstroom naar de bijstand per maand (figuur 2a)',
    },
    ...outflowDocumentNl(r),
    {
      kind: 'heading',
      level: 2,
      text: 'Effect per maand, ongecorrigeerd en gecorrigeerd (figuur 2b)',
    },
    ...effectsDocumentNl(r),
    effectIntervalsBlock(r, 'nl'),
    { kind: 'heading', level: 2, text: 'Samenvatting' },
    { kind: 'list', items: summaryItemsNl(r) },
    { kind: 'heading', level: 2, text: 'Beleidscijfers' },
    ...policyBlocksNl(r),
    { kind: 'heading', level: 2, text: 'Gevoeligheid: de methode voor censurering' },
    ...sensitivityBlocks(r.sensitivity, c, 'nl'),
  ];
}

/**
 * Table 2 in Dutch (table id `participation`, columns status and one per arm, as
 * `ParticipationTable.toDocument()`), the difference in received service and the method.
 */
function participationDocumentNl(r: Omit<PilotResult, 'toHTML'>): Document {
  const p = r.participation;
  const { treatment, control } = p.arms;
  const label = (category: string, fallback: string) =>
    PARTICIPATION_LABELS_NL[category] ?? fallback;
  const cell = (s: { count: number; share: number }) =>
    s.count === 0 ? '–' : `${formatPercent(s.share, 0, NL)} (${formatCount(s.count, NL)})`;
  const columns: Column[] = [
    { id: 'status', label: 'status', format: 'text' },
    {
      id: 'treatment',
      label: `${treatment} (n = ${formatCount(p.n.treatment, NL)})`,
      format: 'text',
    },
    { id: 'control', label: `${control} (n = ${formatCount(p.n.control, NL)})`, format: 'text' },
  ];
  const rows = p.rows.map((row) => ({
    status:
      row.depth === 0
        ? label(row.category, row.label)
        : `${'– '.repeat(row.depth)}waarvan ${label(row.category, row.label)}`,
    treatment: cell(row.treatment),
    control: cell(row.control),
  }));
  const d = p.received.difference;
  const labelOf = new Map(p.rows.map((x) => [x.category, label(x.category, x.label)]));
  const received = p.received.categories.map((x) => labelOf.get(x) ?? x).join('; ');
  const pct = formatPercent(p.level, 0, NL);
  const pp = (x: number) => formatNumber(100 * x, 1, NL);
  const pText = d.pValue < 0.001 ? '< 0,001' : `= ${formatNumber(d.pValue, 3, NL)}`;
  const summary = `Verschil in ontvangen dienst (${received}): ${share(p.received.treatment.share)} − ${share(p.received.control.share)} = ${pp(d.estimate)}${NL.points}${d.stars} (SE ${pp(d.stdError)}${NL.points}, ${pct}-betrouwbaarheidsinterval ${pp(d.ci[0])} tot ${pp(d.ci[1])}${NL.points}, p ${pText}).`;
  const table: Table = { id: 'participation', title: p.column, columns, rows };
  return [
    { kind: 'table', table },
    { kind: 'paragraph', text: summary },
    ...(p.excluded.length
      ? [
          {
            kind: 'paragraph' as const,
            text: `Uitgesloten: ${p.excluded.map((e) => `${methodText(e.reason, 'nl')}: ${formatCount(e.count, NL)}`).join('; ')}.`,
          },
        ]
      : []),
    { kind: 'paragraph', text: methodSentence(p.method) },
  ];
}

/** The benchmark's note of the shipped file, in Dutch (a note of another extract stays as given). */
function benchmarkNoteNl(note: string): string {
  return note.replace(
    '(synthetic reconstruction of the national line in Figure 2a)',
    '(synthetische reconstructie van de landelijke lijn in figuur 2a)',
  );
}

/**
 * Figure 2a as a long table in Dutch (table id `outflow`, the column ids and the arm and
 * destination values of `CumulativeOutflowResult.toDocument()`, which are data), with the
 * benchmark rows and the notes.
 */
function outflowDocumentNl(r: Omit<PilotResult, 'toHTML'>): Document {
  const o = r.outflow;
  const benchmarkName = (label: string) =>
    label === NATIONAL_BENCHMARK_LABEL.en ? NATIONAL_BENCHMARK_LABEL.nl : label;
  const rows: Record<string, string>[] = o.rows.map((x) => ({
    month: String(x.month),
    group: x.group,
    destination: x.destination,
    at_risk: formatCount(x.atRisk, NL),
    events: formatCount(x.events, NL),
    share: share(x.share),
    ci:
      Number.isFinite(x.ci[0]) && Number.isFinite(x.ci[1])
        ? `${formatNumber(x.ci[0] * 100, 1, NL)} – ${formatNumber(x.ci[1] * 100, 1, NL)}`
        : '–',
  }));
  for (const b of o.benchmark) {
    for (const v of b.values) {
      rows.push({
        month: String(v.month),
        group: `${benchmarkName(b.label)} (referentie)`,
        destination: b.destination ?? o.destinations[0]!,
        at_risk: '–',
        events: '–',
        share: share(v.share),
        ci: '–',
      });
    }
  }
  const columns: Column[] = [
    { id: 'month', label: 'maand', format: 'text', align: 'right' },
    { id: 'group', label: 'groep', format: 'text' },
    { id: 'destination', label: 'bestemming', format: 'text' },
    { id: 'at_risk', label: 'gevolgd', format: 'text', align: 'right' },
    { id: 'events', label: 'gebeurtenissen', format: 'text', align: 'right' },
    { id: 'share', label: 'aandeel', format: 'text', align: 'right' },
    { id: 'ci', label: `${formatPercent(o.level, 0, NL)}-BI`, format: 'text' },
  ];
  const sizes = o.groups
    .map(
      (g) =>
        `${g.group} n = ${formatCount(g.n, NL)}${g.excluded ? ` (${formatCount(g.excluded, NL)} uitgesloten)` : ''}`,
    )
    .join('; ');
  const notes = [`Cliënten: ${sizes}.`];
  for (const e of o.excluded) {
    const why = e.reason === 'missing-followup' ? 'ontbrekende follow-up' : 'ontbrekende groep';
    notes.push(`Uitgesloten wegens ${why}: ${formatCount(e.count, NL)}.`);
  }
  for (const b of o.benchmark) {
    notes.push(
      `De referentielijn '${benchmarkName(b.label)}' is een externe reeks ter vergelijking, niet uit deze gegevens geschat${b.note ? ` (${benchmarkNoteNl(b.note)})` : ''}.`,
    );
  }
  return [
    {
      kind: 'paragraph',
      text: `Cumulatieve uitstroom, methode: ${methodText(o.description, 'nl')}.`,
    },
    {
      kind: 'table',
      table: { id: 'outflow', title: 'Cumulatieve uitstroom', columns, rows },
      markdown: { compactRule: true },
    },
    { kind: 'paragraph', text: notes.join('\n') },
  ];
}

/**
 * Figure 2b as a table in Dutch (table id `effects`, the column ids of
 * `EffectSeries.toDocument()`: month, one per arm, raw, raw p, adjusted, adjusted p), its star
 * legend, the method and the warnings.
 */
function effectsDocumentNl(r: Omit<PilotResult, 'toHTML'>): Document {
  const s = r.effects;
  const { treatment, control } = s.arms;
  const adjusted = s.adjustment !== 'none';
  const estimate = (e: { estimate: number; stars: string }) =>
    `${formatNumber(100 * e.estimate, 1, NL)}${NL.points}${e.stars}`;
  const p = (x: number) => formatNumber(x, 3, NL);
  const cellOf = (share: number, events: number, n: number) =>
    `${formatPercent(share, 1, NL)} (${formatCount(events, NL)}/${formatCount(n, NL)})`;
  const rows = s.months.map((m) => ({
    month: m.month,
    [treatment]: cellOf(m.shareTreated, m.eventsTreated, m.nTreated),
    [control]: cellOf(m.shareControl, m.eventsControl, m.nControl),
    raw: estimate(m.raw),
    'raw p': p(m.raw.pValue),
    ...(adjusted
      ? m.adjusted
        ? { adjusted: estimate(m.adjusted), 'adjusted p': p(m.adjusted.pValue) }
        : { adjusted: 'niet schatbaar', 'adjusted p': '' }
      : {}),
  }));
  const columns: Column[] = [
    { id: 'month', label: 'maand', format: 'int' },
    { id: treatment, label: treatment, format: 'text' },
    { id: control, label: control, format: 'text' },
    { id: 'raw', label: 'ongecorrigeerd', format: 'text' },
    { id: 'raw p', label: 'p (ongecorrigeerd)', format: 'text' },
    ...(adjusted
      ? [
          { id: 'adjusted', label: 'gecorrigeerd', format: 'text' as const },
          { id: 'adjusted p', label: 'p (gecorrigeerd)', format: 'text' as const },
        ]
      : []),
  ];
  const table: Table = {
    id: 'effects',
    title: s.event,
    columns,
    rows,
    stars: {
      levels: s.stars,
      test: 'tweezijdig, per maand (elke maand afzonderlijk); de toetsen staan in de methode hieronder',
    },
  };
  return [
    { kind: 'table', table },
    { kind: 'paragraph', text: methodSentence(s.method) },
    ...s.warnings.map((w) => ({
      kind: 'note' as const,
      text: `Waarschuwing: ${methodText(w, 'nl')}.`,
    })),
    ...notEstimableNotes(s.months).map((text) => ({
      kind: 'note' as const,
      text: methodText(text, 'nl'),
    })),
    ...s.notes.map((text) => ({ kind: 'note' as const, text: methodSentence(text) })),
  ];
}

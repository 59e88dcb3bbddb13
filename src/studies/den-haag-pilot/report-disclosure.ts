/**
 * Disclosure control of the pilot's Markdown and notebook document, by the same rule as its
 * HTML (`isSmallCount`, `protectParticipation`, threshold default 10): the tables the analysis
 * results bring (participation, outflow, effects) get suppression marks, so every writer shows
 * "< 10" / "x" where the HTML does.
 */

import type { Language } from '../../language.js';
import {
  type DisclosureOptions,
  disclosureNote,
  hasSuppressed,
  isSmallCount,
  protectParticipation,
} from '../../report/disclosure.js';
import type { Block, Document, SuppressionMark, Table } from '../../table/index.js';
import type { PilotResult } from './report.js';

type Marks = Record<string, SuppressionMark>;

function participationMarks(table: Table, r: Omit<PilotResult, 'toHTML'>, d: DisclosureOptions) {
  const p = r.participation;
  const s = protectParticipation(p, d);
  const [, treatment, control] = table.columns.map((c) => c.id);
  return table.rows.map((_, i) => {
    const marks: Marks = {};
    const row = p.rows[i];
    if (!row) return marks;
    for (const [arm, column] of [
      ['treatment', treatment],
      ['control', control],
    ] as const) {
      const status = s.status(row.category, arm);
      if (column !== undefined && status !== 'published') marks[column] = status;
    }
    return marks;
  });
}

function outflowMarks(table: Table, r: Omit<PilotResult, 'toHTML'>, d: DisclosureOptions) {
  return table.rows.map((row) => {
    const marks: Marks = {};
    const x = r.outflow.rows.find(
      (o) =>
        String(o.month) === String(row.month) &&
        o.group === row.group &&
        o.destination === row.destination,
    );
    if (!x) return marks;
    if (isSmallCount(x.atRisk, d)) marks.at_risk = 'primary';
    if (isSmallCount(x.events, d)) {
      marks.events = 'primary';
      marks.share = 'secondary';
      marks.ci = 'secondary';
    }
    return marks;
  });
}

function effectMarks(table: Table, r: Omit<PilotResult, 'toHTML'>, d: DisclosureOptions) {
  const { treatment, control } = r.effects.arms;
  return table.rows.map((row) => {
    const marks: Marks = {};
    const m = r.effects.months.find((x) => x.month === row.month);
    if (!m) return marks;
    const small: [string, boolean][] = [
      [treatment, isSmallCount(m.eventsTreated, d)],
      [control, isSmallCount(m.eventsControl, d)],
    ];
    for (const [column, hidden] of small) if (hidden) marks[column] = 'primary';
    // the raw difference and its test reveal both shares
    if (small.some(([, hidden]) => hidden)) {
      marks.raw = 'secondary';
      marks['raw p'] = 'secondary';
    }
    return marks;
  });
}

/** The raw difference and its interval reveal both shares: hidden where a count is small. */
function intervalMarks(table: Table, r: Omit<PilotResult, 'toHTML'>, d: DisclosureOptions) {
  return table.rows.map((row) => {
    const marks: Marks = {};
    const m = r.effects.months.find((x) => x.month === row.month);
    if (m && (isSmallCount(m.eventsTreated, d) || isSmallCount(m.eventsControl, d))) {
      for (const id of ['raw', 'raw_ci', 'raw_ci_lower', 'raw_ci_upper']) marks[id] = 'secondary';
    }
    return marks;
  });
}

/**
 * The pilot document with disclosure control on its participation, outflow and effect tables
 * (a note under each table with a suppressed cell, in `lang`). `threshold: 0` returns it unchanged.
 *
 * @example
 * documentMarkdown(protectPilotDocument(blocks, result)); // "< 10" where the HTML has it
 */
export function protectPilotDocument(
  document: Document,
  r: Omit<PilotResult, 'toHTML'>,
  d: DisclosureOptions = {},
  lang: Language = 'en',
): Document {
  const threshold = d.threshold ?? 10;
  if (threshold <= 0) return document;
  return document.map((block): Block => {
    if (block.kind !== 'table' || !('table' in block)) return block;
    const t = block.table;
    const marks =
      t.id === 'participation'
        ? participationMarks(t, r, d)
        : t.id === 'outflow'
          ? outflowMarks(t, r, d)
          : t.id === 'effects'
            ? effectMarks(t, r, d)
            : t.id === 'effect_intervals'
              ? intervalMarks(t, r, d)
              : undefined;
    if (!marks) return block;
    const table: Table = { ...t, suppressed: marks, threshold };
    if (!hasSuppressed(table)) return block;
    const note = [block.note, disclosureNote(threshold, true, lang)].filter(Boolean).join(' ');
    return { ...block, table, note };
  });
}

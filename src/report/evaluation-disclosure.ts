/**
 * Disclosure control of an evaluation's sections (`evaluationSections`), by the one rule of
 * `disclosure.ts` (`protectTable`, `protectParticipation`): which cells of each section are
 * counts, which counts a reader can compute (events = share × n in the effect tables), and
 * which cells reveal them. Adjusted estimates, balance and heterogeneity tests are published:
 * they do not determine a count.
 */
import type { AnalysisResult } from '../evaluate/index.js';
import type { Language } from '../language.js';
import type { Cell, Section, SuppressionMark } from '../table/index.js';
import {
  type AdditiveRelation,
  type DisclosureOptions,
  disclosureNote,
  hasSuppressed,
  PARTICIPATION_RECEIVED,
  type ProtectedCount,
  protectParticipation,
  protectTable,
  suppressCells,
} from './disclosure.js';

const SEP = '\u0000';

const ARMS = ['t', 'c'] as const;

/** Events a reader computes from a published share and n: round(share × n). */
function impliedEvents(arm: 't' | 'c') {
  return (row: Readonly<Record<string, Cell>>): number | null => {
    const share = row[`share_${arm}`];
    const n = row[`n_${arm}`];
    return typeof share === 'number' && typeof n === 'number' ? Math.round(share * n) : null;
  };
}

/** The raw difference and its test reveal both shares (raw = share_t − share_c). */
const RAW = ['raw', 'raw_ci', 'raw_se', 'raw_p', 'raw_stars', 'raw_q'];

function countsOf(section: Section, r: AnalysisResult): ProtectedCount[] | undefined {
  switch (section.id) {
    case 'assignment':
      return [{ id: 'clients', reveals: ['share'], total: r.input.rows }];
    case 'outflow':
      return ARMS.flatMap((a) => [
        { id: `n_${a}` },
        { id: `events_${a}`, reveals: [`share_${a}`, `ci_${a}`, `lower_${a}`, `upper_${a}`] },
      ]);
    case 'effect':
    case 'subgroup':
    case 'arm-contrasts': // n_t/share_t, n_c/share_c: the contrast's first and second arm
      return ARMS.flatMap((a) => [
        { id: `n_${a}` },
        { id: `events_${a}`, value: impliedEvents(a), reveals: [`share_${a}`, ...RAW] },
      ]);
    default:
      return undefined;
  }
}

function protectParticipationSection(
  section: Section,
  r: AnalysisResult,
  d: DisclosureOptions,
): Section {
  const t = r.participation!.table;
  const s = protectParticipation(t, d, true);
  const keys = [...t.rows.map((row) => row.category), PARTICIPATION_RECEIVED];
  const suppressed = section.rows.map((_, i) => {
    const marks: Record<string, SuppressionMark> = {};
    const key = keys[i];
    if (key === undefined) return marks;
    for (const [arm, short] of [
      ['treatment', 't'],
      ['control', 'c'],
    ] as const) {
      const status = s.status(key, arm);
      if (status === 'published') continue;
      marks[`count_${short}`] = status;
      marks[`share_${short}`] = 'secondary';
    }
    return marks;
  });
  return { ...section, suppressed, threshold: s.threshold };
}

/** The count cells of the outflow, effect and subgroup sections, by what they count. */
interface OutcomeCells {
  readonly cells: Map<string, number>;
  readonly relations: AdditiveRelation[];
  /** Per section index and row: count id (n_t, events_t, …) → cell key. */
  readonly keys: Map<number, Map<string, string>[]>;
}

/**
 * One cell per count a reader can read or compute: n and events per event, subgroup level (or all
 * clients), month and arm. The effect tables give events as round(share × n); the outflow table
 * publishes them. The same count in two tables (the outflow and the effect table of an event
 * under complete follow-up) is one cell, so it gets one status. The levels of a subgroup sum to
 * all clients (n and events, per month and arm) where their counts add up to the effect table's:
 * that relation is what secondary suppression protects across tables.
 */
function outcomeCells(sections: readonly Section[]): OutcomeCells {
  const cells = new Map<string, number>();
  const keys = new Map<number, Map<string, string>[]>();
  const relations: AdditiveRelation[] = [];
  const cell = (...parts: (string | number)[]) => parts.join(SEP);
  const effectIndex = new Map<string, number>();
  sections.forEach((section, si) => {
    if (section.id === 'effect') effectIndex.set(String(section.keys?.event), si);
  });
  const value = (row: Readonly<Record<string, Cell>>, id: string): number | null => {
    const v = row[id];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  const events = (row: Readonly<Record<string, Cell>>, a: 't' | 'c') => impliedEvents(a)(row);
  // effect tables first: the outflow table shares their cells where it counts the same clients
  sections.forEach((section, si) => {
    if (section.id !== 'effect' && section.id !== 'subgroup') return;
    const event = String(section.keys?.event);
    const by = section.id === 'subgroup' ? String(section.keys?.subgroup) : '';
    keys.set(
      si,
      section.rows.map((row) => {
        const level = section.id === 'subgroup' ? `${by}=${String(row.level)}` : '(all)';
        const map = new Map<string, string>();
        for (const a of ARMS) {
          const n = value(row, `n_${a}`);
          const ev = events(row, a);
          if (n !== null) {
            const k = cell(event, level, String(row.month ?? ''), a, 'n');
            cells.set(k, n);
            map.set(`n_${a}`, k);
          }
          if (ev !== null) {
            const k = cell(event, level, String(row.month ?? ''), a, 'events');
            cells.set(k, ev);
            map.set(`events_${a}`, k);
          }
        }
        return map;
      }),
    );
  });
  sections.forEach((section, si) => {
    if (section.id !== 'outflow') return;
    keys.set(
      si,
      section.rows.map((row) => {
        const map = new Map<string, string>();
        for (const a of ARMS) {
          for (const [id, kind] of [
            [`n_${a}`, 'n'],
            [`events_${a}`, 'events'],
          ] as const) {
            const v = value(row, id);
            if (v === null) continue;
            const shared = cell(String(row.event), '(all)', String(row.month ?? ''), a, kind);
            const k = cells.get(shared) === v ? shared : cell('outflow', shared);
            cells.set(k, v);
            map.set(id, k);
          }
        }
        return map;
      }),
    );
  });
  // subgroup levels sum to all clients
  sections.forEach((section, si) => {
    if (section.id !== 'subgroup') return;
    const effect = effectIndex.get(String(section.keys?.event));
    if (effect === undefined) return;
    const totals = keys.get(effect)!;
    const byMonth = new Map<string, Map<string, string>[]>();
    section.rows.forEach((row, i) => {
      const m = String(row.month);
      byMonth.set(m, [...(byMonth.get(m) ?? []), keys.get(si)![i]!]);
    });
    sections[effect]!.rows.forEach((row, i) => {
      const levels = byMonth.get(String(row.month));
      if (!levels) return;
      for (const id of ['n_t', 'n_c', 'events_t', 'events_c']) {
        const total = totals[i]!.get(id);
        const parts = levels.map((l) => l.get(id));
        if (total === undefined || parts.some((p) => p === undefined)) continue;
        const sum = parts.reduce((s, p) => s + cells.get(p!)!, 0);
        if (sum === cells.get(total)) relations.push({ total, parts: parts as string[] });
      }
    });
  });
  return { cells, relations, keys };
}

/** What an events count reveals in its section (the columns suppressed with it). */
function revealed(sectionId: string, id: string): readonly string[] {
  const a = id.endsWith('_t') ? 't' : 'c';
  return sectionId === 'outflow'
    ? [`share_${a}`, `ci_${a}`, `lower_${a}`, `upper_${a}`]
    : [`share_${a}`, ...RAW];
}

/** Marks of the outflow, effect and subgroup sections from one suppression over all of them. */
function protectOutcomes(sections: readonly Section[], d: DisclosureOptions): Map<number, Section> {
  const { cells, relations, keys } = outcomeCells(sections);
  const s = suppressCells(cells, relations, d);
  const threshold = d.threshold ?? 10;
  const out = new Map<number, Section>();
  for (const [si, rows] of keys) {
    const section = sections[si]!;
    const columns = new Set(section.columns.map((c) => c.id));
    const suppressed = rows.map((map, i) => {
      const marks: Record<string, SuppressionMark> = { ...(section.suppressed?.[i] ?? {}) };
      for (const [id, k] of map) {
        const status = s.status(k);
        if (status === 'published') continue;
        if (columns.has(id)) marks[id] ??= status;
        // a hidden n hides the share computed on it as well as the events
        const reveals = id.startsWith('n_')
          ? [`share_${id.slice(-1)}`, ...revealed(section.id, `events_${id.slice(-1)}`)]
          : revealed(section.id, id);
        for (const r of reveals) marks[r] ??= 'secondary';
      }
      return marks;
    });
    out.set(si, { ...section, suppressed, threshold });
  }
  return out;
}

/**
 * The sections with disclosure control applied: small counts "< 10", the cells that would reveal
 * them "x", and the disclosure note under each table that has one (see the module comment). The
 * outflow, effect and subgroup tables are protected together (`outcomeCells`: a subgroup's levels
 * sum to all clients, and a count shown in two tables has one status); the complier table's
 * unadjusted first stage, ITT and complier effect are suppressed when the participation counts or
 * the effect they rest on are. `threshold: 0` returns the sections unchanged.
 *
 * @example
 * protectSections(sections, result, { threshold: 10 })[0].suppressed
 */
export function protectSections(
  sections: readonly Section[],
  r: AnalysisResult,
  d: DisclosureOptions = {},
  lang: Language = 'en',
): Section[] {
  const threshold = d.threshold ?? 10;
  if (threshold <= 0) return [...sections];
  const outcomes = protectOutcomes(sections, d);
  const protectedSections = sections.map((section, si) => {
    const counts = countsOf(section, r);
    return (
      outcomes.get(si) ??
      (section.id === 'participation' && r.participation
        ? protectParticipationSection(section, r, d)
        : counts
          ? protectTable(section, { counts }, d)
          : section)
    );
  });
  const participation = protectedSections.find((x) => x.id === 'participation');
  const participationHidden = participation !== undefined && hasSuppressed(participation);
  return protectedSections.map((section) => {
    const done =
      section.id === 'complier'
        ? protectComplier(section, protectedSections, participationHidden, threshold)
        : section;
    if (!hasSuppressed(done)) return done;
    return { ...done, notes: [...(done.notes ?? []), disclosureNote(threshold, true, lang)] };
  });
}

/**
 * The complier table: the unadjusted first stage is the difference of the received shares (it
 * gives the participation counts back), the unadjusted ITT is the raw effect of the effect table
 * at the complier month, and the complier effect is their ratio. Each is suppressed ("x") when
 * what it rests on is; the adjusted row is published (it does not determine a count).
 */
function protectComplier(
  section: Section,
  sections: readonly Section[],
  participationHidden: boolean,
  threshold: number,
): Section {
  const event = section.keys?.event;
  const month = section.keys?.month;
  const effect = sections.find((x) => x.id === 'effect' && x.keys?.event === event);
  const i = effect?.rows.findIndex((row) => row.month === month) ?? -1;
  const ittHidden = i >= 0 && effect?.suppressed?.[i]?.raw !== undefined;
  if (!participationHidden && !ittHidden) return section;
  const suppressed = section.rows.map((row, j) => {
    const marks: Record<string, SuppressionMark> = { ...(section.suppressed?.[j] ?? {}) };
    if (row.spec !== 'unadjusted') return marks;
    if (participationHidden) for (const c of ['first', 'F']) marks[c] = 'secondary';
    if (ittHidden) for (const c of ['itt', 'itt_p']) marks[c] = 'secondary';
    for (const c of ['cace', 'cace_ci', 'cace_se', 'cace_p', 'stars']) marks[c] = 'secondary';
    return marks;
  });
  return { ...section, suppressed, threshold };
}

/**
 * Disclosure control of an evaluation's sections (`evaluationSections`), by the one rule of
 * `disclosure.ts` (`protectTable`, `protectParticipation`): which cells of each section are
 * counts, which counts a reader can compute (events = share × n in the effect tables), and
 * which cells reveal them. Adjusted estimates, balance and heterogeneity tests are published:
 * they do not determine a count.
 */
import type { AnalysisResult } from '../evaluate/index.js';
import type { Cell, Section, SuppressionMark } from '../table/index.js';
import {
  type DisclosureOptions,
  disclosureNote,
  hasSuppressed,
  PARTICIPATION_RECEIVED,
  type ProtectedCount,
  protectParticipation,
  protectTable,
} from './disclosure.js';

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
const RAW = ['raw', 'raw_se', 'raw_p', 'raw_stars', 'raw_q'];

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

/**
 * The sections with disclosure control applied: small counts "< 10", the cells that would reveal
 * them "x", and the disclosure note under each table that has one (see the module comment).
 * `threshold: 0` returns the sections unchanged.
 *
 * @example
 * protectSections(sections, result, { threshold: 10 })[0].suppressed
 */
export function protectSections(
  sections: readonly Section[],
  r: AnalysisResult,
  d: DisclosureOptions = {},
): Section[] {
  const threshold = d.threshold ?? 10;
  if (threshold <= 0) return [...sections];
  return sections.map((section) => {
    const counts = countsOf(section, r);
    const protectedSection =
      section.id === 'participation' && r.participation
        ? protectParticipationSection(section, r, d)
        : counts
          ? protectTable(section, { counts }, d)
          : section;
    if (!hasSuppressed(protectedSection)) return protectedSection;
    return {
      ...protectedSection,
      notes: [...(protectedSection.notes ?? []), disclosureNote(threshold)],
    };
  });
}

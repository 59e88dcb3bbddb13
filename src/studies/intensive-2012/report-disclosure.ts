/**
 * Disclosure control of the 2012–2013 report beyond Table 5.1 (which `report-document.ts`
 * protects itself), by the one rule of `report/disclosure.ts` (`suppressCells`, threshold default
 * 10, `--min-cell`): Table 4.1 (clients per arm and their total), Tables 4.3–4.6 (conversation
 * counts per arm, their row and column totals), Table 5.2 and Annex B.1 (a share rests on the
 * events round(share × n) among the n clients followed that long: a share, and the plain net
 * effect, on a count 0 < c < 10 are "x"; the two genders sum to all clients when no gender is
 * unknown, so a second cell of that relation is "x" too), back on benefit and the permanent
 * contracts of Table 5.4 (likewise). Adjusted net effects, means and fractions of time are
 * published: they do not determine a count. The audit's counts (ids passing the eleven test,
 * assignment errors per arm, arm sizes) are printed as {@link Intensive2012Disclosure.count} says.
 */
import type { EffectSeries } from '../../analysis/effect-series.js';
import { type Language, numberStyleOf } from '../../language.js';
import {
  type AdditiveRelation,
  type DisclosureOptions,
  disclosureNote,
  suppressCells,
} from '../../report/disclosure.js';
import { formatCell } from '../../table/format-cell.js';
import type { Block, Document, ModelTableBlock, SuppressionMark } from '../../table/index.js';
import type { Intensive2012Result } from './report.js';

type Marks = Record<string, SuppressionMark>;

/** The suppression pattern of the 2012–2013 report (see the module comment). */
export interface Intensive2012Disclosure {
  readonly threshold: number;
  /** A count of the audit or a note as printed: grouped, "< 10" (primary) or "x" (secondary). */
  count(key: string, n: number): string;
  /**
   * The document with the marks on Tables 4.1, 4.3–4.6, 5.2, 5.4 and Annex B.1; `conversations`
   * gives the categories of Tables 4.3–4.6 in row order, by table id.
   */
  protect(document: Document, conversations: Readonly<Record<string, readonly string[]>>): Document;
}

/**
 * The key of a count in {@link intensive2012Disclosure}: its parts joined, e.g.
 * `countKey('any', 'n', 'treatment', 15)` for the I-dvl clients followed 15 months.
 *
 * @example
 * dc.count(countKey('jq', 0, 'n', 'control'), 436); // "436"
 */
export function countKey(...parts: (string | number)[]): string {
  return parts.join('\u0000');
}
const k = countKey;

/**
 * The suppression pattern of the 2012–2013 report, its counts and note in `lang` (default
 * English). Keys of {@link Intensive2012Disclosure.count}:
 * `bsn-pass`, `bsn-checked`, `mismatches`, `mismatches-<arm>`, `arm-<arm>`, `n-last-<arm>`
 * (`treatment`/`control`), `job-holders-<arm>`.
 *
 * @example
 * const dc = intensive2012Disclosure(result, { threshold: 10 });
 * dc.count('mismatches-basic', 2); // "< 10"
 */
export function intensive2012Disclosure(
  r: Intensive2012Result,
  d: DisclosureOptions = {},
  lang: Language = 'en',
): Intensive2012Disclosure {
  const threshold = d.threshold ?? 10;
  const c = r.config;
  const cells = new Map<string, number>();
  const relations: AdditiveRelation[] = [];
  const relate = (total: string, parts: string[]) => relations.push({ total, parts });

  // the audit
  const conf = r.audit.conformance;
  cells.set('bsn-checked', r.bsn.checked);
  cells.set('bsn-pass', r.bsn.checked - r.bsn.invalid);
  cells.set('bsn-invalid', r.bsn.invalid);
  relate('bsn-checked', ['bsn-pass', 'bsn-invalid']);
  cells.set('mismatches', conf.mismatches);
  const armLabels = [c.control, c.treatment];
  for (const arm of armLabels) {
    cells.set(`mismatches-${arm}`, conf.rows.filter((m) => m.observed === arm).length);
  }
  if (conf.rows.length === conf.mismatches) {
    relate(
      'mismatches',
      armLabels.map((a) => `mismatches-${a}`),
    );
  }
  // arm sizes: the audit's sample ratio, Table 4.1 (and 5.1's first row)
  cells.set('arm-control', r.arms.control.n);
  cells.set('arm-treatment', r.arms.treatment.n);
  cells.set('arm-total', r.arms.control.n + r.arms.treatment.n);
  relate('arm-total', ['arm-control', 'arm-treatment']);

  // Tables 4.3–4.6
  for (const [name, t] of Object.entries(r.conversations)) {
    const sums = { control: 0, treatment: 0 };
    for (const row of t.rows) {
      for (const arm of ['control', 'treatment'] as const) {
        cells.set(k(name, row.category, arm), row[arm].count);
        sums[arm] += row[arm].count;
      }
      cells.set(k(name, row.category, 'total'), row.control.count + row.treatment.count);
      relate(k(name, row.category, 'total'), [
        k(name, row.category, 'control'),
        k(name, row.category, 'treatment'),
      ]);
    }
    cells.set(k(name, 'total', 'control'), t.n.control);
    cells.set(k(name, 'total', 'treatment'), t.n.treatment);
    cells.set(k(name, 'total', 'total'), t.n.control + t.n.treatment);
    relate(k(name, 'total', 'total'), [k(name, 'total', 'control'), k(name, 'total', 'treatment')]);
    const top = t.rows.filter((x) => x.depth === 0);
    if (sums.control === t.n.control && sums.treatment === t.n.treatment) {
      for (const col of ['control', 'treatment', 'total']) {
        relate(
          k(name, 'total', col),
          top.map((x) => k(name, x.category, col)),
        );
      }
    }
  }

  // Table 5.2 and Annex B.1: events and n per series, arm and month
  const series = (id: string, s: EffectSeries) => {
    for (const m of s.months) {
      cells.set(k(id, 'n', 'treatment', m.month), m.nTreated);
      cells.set(k(id, 'n', 'control', m.month), m.nControl);
      cells.set(k(id, 'ev', 'treatment', m.month), m.eventsTreated);
      cells.set(k(id, 'ev', 'control', m.month), m.eventsControl);
    }
  };
  for (const measure of ['any', 'job'] as const) {
    const all = r.exit[measure].plain;
    series(measure, all);
    const levels = r.byGender[measure].plain.subgroups;
    for (const g of levels) series(`${measure}:${g.level}`, g.series);
    const shown = c.genderLevels.map((l) => `${measure}:${l}`);
    for (const m of all.months) {
      for (const arm of ['treatment', 'control'] as const) {
        for (const what of ['n', 'ev'] as const) {
          const parts = shown.map((id) => k(id, what, arm, m.month));
          const total = k(measure, what, arm, m.month);
          if (!parts.every((p) => cells.has(p))) continue;
          const sum = parts.reduce((s, p) => s + cells.get(p)!, 0);
          // the genders shown sum to all clients only when no client has another gender
          if (sum === cells.get(total)) relate(total, parts);
        }
      }
    }
  }
  // back on benefit (share of all clients) and the permanent contracts of Table 5.4
  const back = r.backOnBenefit;
  for (const arm of ['treatment', 'control'] as const) {
    cells.set(k('back', 'n', arm), back[arm].n);
    cells.set(k('back', 'ev', arm), Math.round(back[arm].mean * back[arm].n));
  }
  r.jobQuality.outcomes.forEach((o, i) => {
    for (const arm of ['treatment', 'control'] as const) {
      cells.set(k('jq', i, 'n', arm), o[arm].n);
      if (o.kind === 'binary') cells.set(k('jq', i, 'ev', arm), Math.round(o[arm].mean * o[arm].n));
    }
  });

  const s = suppressCells(cells, relations, { ...d, threshold });
  const hidden = (key: string) => s.status(key) !== 'published';
  const note = disclosureNote(threshold, true, lang);
  const withMarks = (b: ModelTableBlock, marks: Marks[]): ModelTableBlock =>
    marks.some((m) => Object.keys(m).length > 0)
      ? {
          ...b,
          table: { ...b.table, suppressed: marks, threshold },
          note: b.note ? `${b.note} ${note}` : note,
        }
      : b;
  const status = (key: string): SuppressionMark | undefined => {
    const v = s.status(key);
    return v === 'published' ? undefined : v;
  };
  const set = (m: Marks, column: string, mark: SuppressionMark | undefined) => {
    if (mark) m[column] = mark;
  };
  const months = c.months;
  const shareHidden = (id: string, arm: 'treatment' | 'control', month: number) =>
    hidden(k(id, 'n', arm, month)) || hidden(k(id, 'ev', arm, month));
  /** Marks of an exit-table row: a share row of `arm`, or a plain net-effect row. */
  const exitMarks = (id: string, which: 'treatment' | 'control' | 'net'): Marks => {
    const m: Marks = {};
    for (const month of months) {
      const h =
        which === 'net'
          ? shareHidden(id, 'treatment', month) || shareHidden(id, 'control', month)
          : shareHidden(id, which, month);
      if (h) m[`m${month}`] = 'secondary';
    }
    return m;
  };
  const armOfLabel = (label: unknown) =>
    label === 'I-dvl' ? 'treatment' : label === 'B-dvl' ? 'control' : undefined;

  const protectBlock = (
    b: ModelTableBlock,
    conversations: Readonly<Record<string, readonly string[]>>,
  ): ModelTableBlock => {
    const t = b.table;
    if (t.id === 'table_4_1') {
      const keys = ['arm-control', 'arm-treatment', 'arm-total'];
      return withMarks(
        b,
        t.rows.map((_, i) => {
          const m: Marks = {};
          set(m, 'clients', status(keys[i]!));
          return m;
        }),
      );
    }
    const conversation = /^table_4_[3-6]$/.test(t.id)
      ? (['m4', 'm7', 'm10', 'm12'] as const)[['3', '4', '5', '6'].indexOf(t.id.slice(-1))]
      : undefined;
    if (conversation) {
      const categories = conversations[t.id] ?? [];
      return withMarks(
        b,
        t.rows.map((_, i) => {
          const category = i === t.rows.length - 1 ? 'total' : categories[i];
          const m: Marks = {};
          if (category === undefined) return m;
          for (const col of ['control', 'treatment', 'total']) {
            set(m, col, status(k(conversation, category, col)));
          }
          return m;
        }),
      );
    }
    if (t.id === 'table_5_2') {
      let measure = 'any';
      return withMarks(
        b,
        t.rows.map((row, i) => {
          if (i === 4) measure = 'job';
          const arm = armOfLabel(row.label);
          if (arm === undefined && row.label !== 'net effect') return {};
          const m = exitMarks(measure, arm ?? 'net');
          if (measure === 'any') {
            const backHidden =
              arm === undefined
                ? hidden(k('back', 'ev', 'treatment')) ||
                  hidden(k('back', 'n', 'treatment')) ||
                  hidden(k('back', 'ev', 'control')) ||
                  hidden(k('back', 'n', 'control'))
                : hidden(k('back', 'ev', arm)) || hidden(k('back', 'n', arm));
            if (backHidden) m.back = 'secondary';
          }
          return m;
        }),
      );
    }
    if (t.id === 'annex_b_1') {
      let measure = 'any';
      let level: string | undefined;
      let seen = 0;
      return withMarks(
        b,
        t.rows.map((row) => {
          const label = String(row.label ?? '');
          if (label.startsWith('**')) {
            measure = seen++ === 0 ? 'any' : 'job';
            level = undefined;
            return {};
          }
          if (label.startsWith('*')) {
            level = label.slice(1, -1);
            return {};
          }
          if (level === undefined || label.startsWith('net effect (adjusted')) return {};
          const arm = armOfLabel(label);
          return exitMarks(`${measure}:${level}`, arm ?? 'net');
        }),
      );
    }
    if (t.id === 'table_5_4') {
      const outcomes = r.jobQuality.outcomes;
      return withMarks(
        b,
        t.rows.map((row) => {
          const m: Marks = {};
          const arm = armOfLabel(row.label);
          outcomes.forEach((o, i) => {
            const armHidden = (a: 'treatment' | 'control') =>
              hidden(k('jq', i, 'n', a)) || (o.kind === 'binary' && hidden(k('jq', i, 'ev', a)));
            const h = arm ? armHidden(arm) : armHidden('treatment') || armHidden('control');
            if (h) m[`o${i}`] = 'secondary';
          });
          return m;
        }),
      );
    }
    return b;
  };

  return {
    threshold,
    count: (key, n) => s.text(key, formatCell(n, 'int', numberStyleOf(lang))),
    protect: (document, conversations) =>
      threshold <= 0
        ? document
        : document.map(
            (b): Block => (b.kind === 'table' && 'table' in b ? protectBlock(b, conversations) : b),
          ),
  };
}

/**
 * Rule conformance: recompute every client's arm from the rule and list the rows where the
 * recorded arm differs — the "30 assignment errors, 0.3 %" of the 2012–2013 study. Rows are
 * identified by row number and, if given, a pseudonym column; never by the id (it may be a BSN).
 */

import {
  asTable,
  columnValues,
  isMissing,
  requireColumns,
  type TableInput,
} from '../data/columns.js';
import { DEFAULT_EXPERIMENT_SCHEMA } from '../data/schema.js';
import { type DocumentConvertible, type HtmlConvertible, withDisplay } from '../display.js';
import { InputError } from '../errors.js';
import type { Language } from '../language.js';
import { type AllKeys, rejectUnknownKeys } from '../stats/option-keys.js';
import { type Document, documentMarkdown, tableFromRows } from '../table/index.js';
import type { AssignmentExclusion } from './assign.js';
import { assignTexts, labelColumns } from './assign-texts.js';
import { isValidBsn } from './bsn.js';
import { deriveArms } from './derive.js';
import { readBlocks, readIds } from './ids.js';
import { type AssignmentRule, describeRule } from './rules.js';

/** One row whose recorded arm is not the rule's arm. */
export interface Mismatch {
  /** 1-based data row. */
  readonly row: number;
  /** The rule's arm; `null` when the rule excludes the row. */
  readonly expected: string | null;
  /** The recorded arm; `null` when none was recorded. */
  readonly observed: string | null;
  /** Value of the pseudonym column, when one was named. */
  readonly pseudonym?: string;
}

/** Result of {@link checkConformance}. */
export interface ConformanceResult extends HtmlConvertible, DocumentConvertible {
  readonly rule: AssignmentRule;
  /** Rows compared. */
  readonly checked: number;
  /** Rows with no recorded arm that were skipped (only when no exclusions were given). */
  readonly skipped: number;
  readonly mismatches: number;
  /** mismatches / checked. */
  readonly rate: number;
  readonly rows: readonly Mismatch[];
  /** Mismatch rows as plain objects `{ row, expected, observed[, pseudonym] }`. */
  toTable(): Record<string, string | number>[];
  toMarkdown(): string;
}

/** Options of {@link checkConformance}. */
export interface ConformanceOptions {
  /** Client id column (default `id`). */
  readonly id?: string;
  /** Recorded arm column (default `arm`). */
  readonly arm?: string;
  /** Column of pseudonyms to identify mismatching rows by (never the id column of BSNs). */
  readonly pseudonym?: string;
  /**
   * The exclusions used at assignment. When given, every row is checked (an excluded row with
   * an arm, or an eligible row without one, is a mismatch). When absent, rows with an empty arm
   * are taken as excluded and skipped.
   */
  readonly exclude?: readonly AssignmentExclusion[];
}

const CHECK_CONFORMANCE_KEYS: AllKeys<ConformanceOptions> = {
  id: true,
  arm: true,
  pseudonym: true,
  exclude: true,
};

/**
 * Recomputes the arm of every row from `rule` and compares it with the recorded arm.
 * Hashed and parity rules are checked row by row; complete and blocked rules are re-dealt over
 * the eligible rows (same ids, same seed ⇒ same arms), so the file must hold the whole
 * randomised population.
 *
 * @example
 * const c = checkConformance(assigned, { kind: 'parity', even: 'basic', odd: 'intensive' });
 * c.mismatches // 30
 * c.rate       // 30 / 9237 = 0.0032
 */
export function checkConformance(
  data: TableInput,
  rule: AssignmentRule,
  options: ConformanceOptions = {},
): ConformanceResult {
  rejectUnknownKeys(options, CHECK_CONFORMANCE_KEYS, 'checkConformance');
  const table = asTable(data);
  const idColumn = options.id ?? DEFAULT_EXPERIMENT_SCHEMA.id;
  const armColumn = options.arm ?? DEFAULT_EXPERIMENT_SCHEMA.arm;
  requireColumns(table, [idColumn], 'client id');
  requireColumns(table, [armColumn], 'recorded arm');
  if (options.pseudonym !== undefined) requireColumns(table, [options.pseudonym], 'pseudonym');
  if (rule.kind === 'blocked') requireColumns(table, [rule.block], 'block');
  const n = table.numRows();
  if (n === 0) throw new InputError('no rows to audit', { code: 'empty' });

  const ids = readIds(table, idColumn);
  const recorded = columnValues(table, armColumn).map((v) => (isMissing(v) ? null : String(v)));
  const pseudonyms =
    options.pseudonym === undefined ? undefined : columnValues(table, options.pseudonym);
  if (pseudonyms?.some((v) => isValidBsn(v))) {
    throw new InputError(
      `pseudonym column '${options.pseudonym}' holds values that are valid BSNs; name a column of pseudonyms (see pseudonymise)`,
      { code: 'bsn-in-output', column: options.pseudonym! },
    );
  }

  let eligible: number[];
  let checkedRows: number[];
  if (options.exclude && options.exclude.length > 0) {
    const exclude = options.exclude;
    eligible = [];
    for (let r = 0; r < n; r++) {
      const row = table.object(r) as Record<string, unknown>;
      if (!exclude.some((e) => e.test(row))) eligible.push(r);
    }
    checkedRows = Array.from({ length: n }, (_, r) => r);
  } else {
    eligible = recorded.flatMap((a, r) => (a === null ? [] : [r]));
    checkedRows = eligible;
  }
  const blocks = rule.kind === 'blocked' ? readBlocks(table, rule.block) : undefined;
  const expected = deriveArms(rule, { ids, eligible, idColumn, ...(blocks ? { blocks } : {}) });

  const rows: Mismatch[] = [];
  for (const r of checkedRows) {
    if (expected[r] !== recorded[r]) {
      const m: Mismatch = {
        row: r + 1,
        expected: expected[r] ?? null,
        observed: recorded[r] ?? null,
      };
      rows.push(pseudonyms ? { ...m, pseudonym: String(pseudonyms[r]) } : m);
    }
  }
  const checked = checkedRows.length;
  const rate = checked > 0 ? rows.length / checked : Number.NaN;
  const toTable = () => mismatchRows(rows, 'en');
  const result = {
    rule,
    checked,
    skipped: n - checked,
    mismatches: rows.length,
    rate,
    rows,
    toTable,
    toMarkdown: () => documentMarkdown(conformanceDocument(result)),
  };
  return withDisplay(result, () => conformanceDocument(result));
}

/** The mismatch rows as table rows; the placeholder of a missing arm in the language. */
function mismatchRows(
  rows: readonly Mismatch[],
  lang: Language,
): Record<string, string | number>[] {
  const t = assignTexts(lang);
  return rows.map((m) => ({
    row: m.row,
    ...(m.pseudonym === undefined ? {} : { pseudonym: m.pseudonym }),
    expected: m.expected ?? t.excludedCell,
    observed: m.observed ?? t.noneCell,
  }));
}

/**
 * The document of a conformance check in a language: the count and rate of rows whose recorded
 * arm differs from the rule's, and the first 50 of them (table id `conformance`; by file row and
 * pseudonym, never the id).
 *
 * @example
 * documentMarkdown(conformanceDocument(checkConformance(assigned, rule), 'nl'), { lang: 'nl' });
 * // "Naleving van BSN-pariteit: …: 30 van 9.237 rijen wijken af (0,32%)."
 */
export function conformanceDocument(
  c: Pick<ConformanceResult, 'rule' | 'checked' | 'skipped' | 'rate' | 'rows'>,
  lang: Language = 'en',
): Document {
  const t = assignTexts(lang);
  const head = t.conformanceLine(
    describeRule(c.rule, lang),
    c.rows.length,
    c.checked,
    c.rate,
    c.skipped,
  );
  if (c.rows.length === 0) return [{ kind: 'paragraph', text: head }];
  const shown = mismatchRows(c.rows.slice(0, 50), lang);
  return [
    { kind: 'paragraph', text: head },
    {
      kind: 'table',
      table: labelColumns(
        tableFromRows(shown, { id: 'conformance', title: t.conformanceHeading }),
        t.conformanceColumns,
      ),
    },
    ...(c.rows.length > 50
      ? [{ kind: 'paragraph' as const, text: t.moreRows(c.rows.length - 50) }]
      : []),
  ];
}

/**
 * `assignArms`: apply exclusions, then an assignment rule, to a table of clients; the result
 * records the rule, its key or seed, and the counts, so the assignment can be re-derived and
 * audited later. It holds no BSN except in the caller's own id column of `table`.
 */

import type { ColumnTable } from 'arquero';
import { asTable, type RowObject, requireColumns, type TableInput } from '../data/columns.js';
import { DEFAULT_EXPERIMENT_SCHEMA } from '../data/schema.js';
import { InputError } from '../errors.js';
import { formatGeneral } from '../format.js';
import { type Language, numberStyleOf, parseLanguage } from '../language.js';
import { type AllKeys, rejectUnknownKeys } from '../stats/option-keys.js';
import { documentMarkdown, tableFromRows } from '../table/index.js';
import { assignTexts, labelColumns } from './assign-texts.js';
import { deriveArms } from './derive.js';
import { checkUnique, readBlocks, readIds } from './ids.js';
import { type AssignmentRule, checkRule, describeRule, intendedWeights } from './rules.js';
import { checkWeights } from './weights.js';

/**
 * A named exclusion, applied before assignment, e.g.
 * `{ reason: 'WIA 35-min', test: (row) => row.wia35 === true }`.
 */
export interface AssignmentExclusion {
  readonly reason: string;
  readonly test: (row: RowObject) => boolean;
}

/** Options of {@link assignArms}. */
export interface AssignOptions {
  /** Client id column (default `id`). */
  readonly id?: string;
  /** Name of the arm column added to the output (default `arm`). */
  readonly arm?: string;
  /** Exclusions, checked in order; a row matching several is counted under the first. */
  readonly exclude?: readonly AssignmentExclusion[];
  /** Name of the column recording the exclusion reason (default `excluded`), added only when `exclude` is given. */
  readonly excludedColumn?: string;
  /** Language of `toMarkdown()` (default `en`); the table, counts and `description` are English. */
  readonly lang?: Language;
}

/** Clients per arm. */
export interface ArmCount {
  readonly arm: string;
  readonly n: number;
  /** n / assigned. */
  readonly share: number;
  /** The rule's intended share. */
  readonly intended: number;
}

/** Rows excluded for one reason. */
export interface ExclusionCount {
  readonly reason: string;
  readonly n: number;
}

/** The outcome of {@link assignArms}: plain data plus `toTable()` and `toMarkdown()`. */
export interface AssignmentResult {
  /** The rule as given, including the key (hashed) or seed (complete, blocked). */
  readonly rule: AssignmentRule;
  readonly description: string;
  readonly idColumn: string;
  readonly armColumn: string;
  /** Input rows. */
  readonly rows: number;
  /** Rows that received an arm (rows − excluded). */
  readonly assigned: number;
  /** Clients per arm, in the rule's arm order. */
  readonly counts: Readonly<Record<string, number>>;
  readonly arms: readonly ArmCount[];
  /** Per exclusion reason, in the order given (a row is counted under the first reason it matches). */
  readonly exclusions: readonly ExclusionCount[];
  /** Arm of each input row, `null` when excluded. */
  readonly armOf: readonly (string | null)[];
  /** The input table plus the arm column (and the exclusion column when exclusions were given). */
  readonly table: ColumnTable;
  /** One row per arm: `{ arm, n, share, intended }`, then one per exclusion reason. */
  toTable(): Record<string, string | number>[];
  toMarkdown(): string;
}

const ASSIGN_ARMS_KEYS: AllKeys<AssignOptions> = {
  id: true,
  arm: true,
  exclude: true,
  excludedColumn: true,
  lang: true,
};

/**
 * Assigns arms to the clients of a table under a rule (see `AssignmentRule`): hashed ratio,
 * complete ratio, blocked, or BSN parity. Exclusions are applied first. Ids are keys by the one
 * rule of `normaliseId` (trimmed text); a repeated id is `duplicate-id` (rows only) for every
 * rule but hashed, whose arm depends on the id alone (a re-sent client gets the same arm).
 *
 * @example
 * const res = assignArms(clients, { kind: 'hashed', weights: { experiment: 0.8, control: 0.2 }, key: 'ww-pilot-2021' });
 * res.counts // { experiment: 9801, control: 2390 } (for example)
 * res.table  // clients plus an `arm` column
 */
export function assignArms(
  data: TableInput,
  rule: AssignmentRule,
  options: AssignOptions = {},
): AssignmentResult {
  checkRule(rule, 'assignArms');
  rejectUnknownKeys(options, ASSIGN_ARMS_KEYS, 'assignArms');
  const lang = parseLanguage(options.lang, 'assignArms: lang');
  const table = asTable(data);
  const idColumn = options.id ?? DEFAULT_EXPERIMENT_SCHEMA.id;
  const armColumn = options.arm ?? DEFAULT_EXPERIMENT_SCHEMA.arm;
  const excludedColumn = options.excludedColumn ?? 'excluded';
  const exclude = options.exclude ?? [];
  requireColumns(table, [idColumn], 'client id');
  if (rule.kind === 'blocked') requireColumns(table, [rule.block], 'block');
  if (rule.kind !== 'parity') checkWeights(rule.weights);
  const taken = table.columnNames();
  for (const name of exclude.length > 0 ? [armColumn, excludedColumn] : [armColumn]) {
    if (taken.includes(name)) {
      throw new InputError(
        `the input already has a column '${name}'; choose another output name (option arm/excludedColumn)`,
        { code: 'duplicate-column', column: name },
      );
    }
  }
  const n = table.numRows();
  if (n === 0)
    throw new InputError('no clients to assign: the input has no rows', { code: 'empty' });

  const ids = readIds(table, idColumn);
  const reasons = applyExclusions(table, exclude);
  const eligible: number[] = [];
  for (let r = 0; r < n; r++) if (reasons[r] === null) eligible.push(r);
  // A hashed arm depends on the id alone, so a repeated id gets the same arm (re-sent batches
  // agree); every other rule deals arms over the clients and needs one row per client.
  if (rule.kind !== 'hashed') checkUnique(ids, eligible, idColumn);
  const blocks = rule.kind === 'blocked' ? readBlocks(table, rule.block) : undefined;
  const armOf = deriveArms(rule, { ids, eligible, idColumn, ...(blocks ? { blocks } : {}) });

  const intended = intendedWeights(rule);
  const counts: Record<string, number> = {};
  for (const arm of Object.keys(intended)) counts[arm] = 0;
  for (const a of armOf) if (a !== null) counts[a] = (counts[a] ?? 0) + 1;
  const assigned = eligible.length;
  const arms = Object.keys(intended).map((arm) => ({
    arm,
    n: counts[arm]!,
    share: assigned > 0 ? counts[arm]! / assigned : Number.NaN,
    intended: intended[arm]!,
  }));
  const exclusions = exclude.map((e, k) => ({
    reason: e.reason,
    n: reasons.reduce<number>((s, x) => s + (x === k ? 1 : 0), 0),
  }));
  const added: Record<string, readonly unknown[]> = { [armColumn]: armOf };
  if (exclude.length > 0) {
    added[excludedColumn] = reasons.map((k) => (k === null ? null : exclude[k]!.reason));
  }
  const out = table.assign(added);

  const toTable = () => [
    ...arms.map((a) => ({ arm: a.arm, n: a.n, share: a.share, intended: a.intended })),
    ...exclusions.map((e) => ({ arm: `excluded: ${e.reason}`, n: e.n, share: '', intended: '' })),
  ];
  return {
    rule,
    description: describeRule(rule),
    idColumn,
    armColumn,
    rows: n,
    assigned,
    counts,
    arms,
    exclusions,
    armOf,
    table: out,
    toTable,
    toMarkdown: () => {
      const t = assignTexts(lang);
      const style = numberStyleOf(lang);
      const rows = toTable().map((r, i) =>
        i < arms.length ? r : { ...r, arm: t.excluded(exclusions[i - arms.length]!.reason) },
      );
      return documentMarkdown(
        [
          {
            kind: 'paragraph',
            text: t.assignmentLine(
              describeRule(rule, lang),
              formatGeneral(assigned, 4, style),
              formatGeneral(n, 4, style),
            ),
          },
          {
            kind: 'table',
            table: labelColumns(
              tableFromRows(rows, { id: 'assignment', title: t.assignmentTitle }),
              t.assignmentColumns,
            ),
          },
        ],
        { lang },
      );
    },
  };
}

/** Index of the first exclusion each row matches, or null. */
function applyExclusions(
  table: ColumnTable,
  exclude: readonly AssignmentExclusion[],
): (number | null)[] {
  const n = table.numRows();
  if (exclude.length === 0) return new Array(n).fill(null);
  const seen = new Set<string>();
  for (const e of exclude) {
    if (e.reason.trim() === '' || seen.has(e.reason)) {
      throw new InputError('exclusion reasons must be non-empty and distinct', {
        code: 'invalid-option',
      });
    }
    seen.add(e.reason);
  }
  const out: (number | null)[] = new Array(n);
  for (let r = 0; r < n; r++) {
    const row = table.object(r) as RowObject;
    const k = exclude.findIndex((e) => e.test(row));
    out[r] = k < 0 ? null : k;
  }
  return out;
}

/**
 * Participation by arm — the shape of a pilot report's Table 2: how many clients of each
 * arm were (not) assessed and had a conversation, with sub-categories, and the difference
 * between the arms in the share that received the service (the first stage of a complier
 * analysis).
 */
import { stringColumn, type TableInput } from '../data/columns.js';
import {
  type ExperimentIntake,
  experimentRoles,
  isExperimentIntake,
  withoutCovariates,
} from '../data/intake.js';
import { type DocumentConvertible, displayResult, type HtmlConvertible } from '../display.js';
import { formatRows, InputError } from '../errors.js';
import { designDifferenceInMeans } from '../estimate/difference-in-means.js';
import { formatPercent, formatPp, formatPValue } from '../format.js';
import { type AllKeys, rejectUnknownKeys } from '../stats/option-keys.js';
import { type DiffInProportionsResult, diffInProportions } from '../stats/proportions.js';
import { type Block, type Document, tableFromRows, tidyEstimate } from '../table/index.js';
import { armSample } from './arm-sample.js';
import type { Exclusion } from './comparison.js';
import { readGroupings } from './series-groupings.js';

/** One participation category: a value of the participation column, or a group of them. */
export interface ParticipationCategory {
  /** The value in the participation column (for a group that never occurs itself: its key). */
  readonly value: string;
  /** Display label (default: `value`). */
  readonly label?: string;
  /** The `value` of the group this category belongs to; the group must be listed earlier. */
  readonly parent?: string;
}

/** What {@link participationTable} tabulates. */
export interface ParticipationSpec {
  /** Arm column (default `arm`). */
  readonly arm?: string;
  /** Label of the treated arm (default `experiment`). */
  readonly treatment?: string;
  /** Label of the control arm (default `control`). */
  readonly control?: string;
  /** Participation column (default `participation`). */
  readonly participation?: string;
  /**
   * Categories in display order; a plain string is a top-level category. A category that others
   * name as `parent` is a group: its count is its own rows plus those of its sub-categories.
   */
  readonly categories: readonly (string | ParticipationCategory)[];
  /**
   * Categories (leaves or groups) that count as receiving the service, e.g.
   * `['assessed_conversation']` or `['uwv_conversation', 'three_way_conversation']`.
   */
  readonly received: readonly string[];
  /**
   * A value not among the categories: `'error'` (default) throws an `InputError` naming the
   * value and rows; `'other'` counts it in a top-level `other` row (never "received").
   */
  readonly unknown?: 'error' | 'other';
  /** A missing participation value: `'error'` (default), or `'exclude'` (left out, reported). */
  readonly missing?: 'error' | 'exclude';
  /** Confidence level of the difference (default 0.95). */
  readonly level?: number;
  /** Pooled SE for the test of the difference (default false: unpooled, Neyman). */
  readonly pooled?: boolean;
  /**
   * Cluster column (the unit of randomisation): the difference in the received share is then
   * the clustered difference in means (CR2 SE, Bell–McCaffrey df), as
   * `estimatr::difference_in_means(received ~ arm, clusters =)`. Not with `pooled`.
   */
  readonly clusters?: string;
  /** Block column (the strata of the randomisation): the blocked difference in means. */
  readonly blocks?: string;
  /** Decimals of the shares in `toMarkdown()` (default 0, as the report: "21 % (206)"). */
  readonly digits?: number;
}

/** Count and share of one category in one arm. */
export interface ArmShare {
  readonly count: number;
  /** count / clients of the arm (with a recorded participation). */
  readonly share: number;
}

/** One row of a {@link ParticipationTable}. */
export interface ParticipationRow {
  readonly category: string;
  readonly label: string;
  /** The group this category belongs to, if any. */
  readonly parent?: string;
  /** 0 for a top-level category, 1 for a sub-category, … */
  readonly depth: number;
  /** Whether other categories belong to this one. */
  readonly group: boolean;
  /** Whether the category counts as receiving the service (itself or through its group). */
  readonly received: boolean;
  readonly treatment: ArmShare;
  readonly control: ArmShare;
}

/** The received-service comparison: shares per arm and their difference. */
export interface ReceivedService {
  /** The categories that count as receiving the service. */
  readonly categories: readonly string[];
  readonly treatment: ArmShare;
  readonly control: ArmShare;
  /**
   * Treatment − control share receiving the service: difference in proportions, z test; with
   * `clusters` / `blocks` the design's difference in means (t test on its df), with `p1`, `p2`,
   * `n1`, `n2` as without.
   */
  readonly difference: DiffInProportionsResult;
}

/** Result of {@link participationTable}. */
export interface ParticipationTable extends HtmlConvertible, DocumentConvertible {
  readonly arms: { readonly treatment: string; readonly control: string };
  /** Clients per arm with a recorded participation (the share denominators). */
  readonly n: { readonly treatment: number; readonly control: number };
  readonly column: string;
  readonly rows: readonly ParticipationRow[];
  readonly received: ReceivedService;
  readonly excluded: readonly Exclusion[];
  readonly level: number;
  readonly method: string;
  /** One row per category plus a last `received` row carrying the difference, for CSV. */
  toTable(): Record<string, number | string | boolean>[];
  /** The Table 2 layout: "21 % (206)" per arm, sub-categories as "– of which …". */
  toMarkdown(): string;
}

interface Node {
  readonly value: string;
  readonly label: string;
  readonly parent: number;
  readonly depth: number;
}

const OTHER = 'other';

const PARTICIPATION_KEYS: AllKeys<ParticipationSpec> = {
  arm: true,
  treatment: true,
  control: true,
  participation: true,
  categories: true,
  received: true,
  unknown: true,
  missing: true,
  level: true,
  pooled: true,
  digits: true,
  clusters: true,
  blocks: true,
};

/**
 * Participation by arm: for each category, the count and share of each arm's clients, with
 * groups summing their sub-categories; and the difference in the share that received the service,
 * p̂_T − p̂_C with SE √(p̂_T(1 − p̂_T)/n_T + p̂_C(1 − p̂_C)/n_C) (unpooled, Neyman; pooled on
 * request) and a two-sided z test — or, with `clusters` / `blocks`, the design's difference in
 * means of the 0/1 received status (estimatr's `difference_in_means(clusters =, blocks =)`: CR2
 * SE with Bell–McCaffrey df when clustered, see `designDifferenceInMeans`) and its t test. That
 * difference is the first stage of the complier analysis
 * (Angrist, Imbens & Rubin 1996): the share of compliers when nobody in control can be treated,
 * see {@link complierEffect}.
 *
 * Rows of other arms are left out and reported in `excluded`. Throws an `InputError` for an
 * unknown column, an arm label not in the data (`unknown-arm`), an invalid category list
 * (`invalid-option`), a participation value not among the categories (`unknown-level`, with the
 * value and rows; or use `unknown: 'other'`), a missing participation (`missing-value`, unless
 * `missing: 'exclude'`) and an arm left without clients (`empty-group`).
 *
 * @example
 * const t = participationTable(clients, {
 *   categories: [
 *     { value: 'not_assessed', label: 'not assessed, no conversation' },
 *     { value: 'assessed_no_conversation', label: 'assessed, no conversation' },
 *     { value: 'assessed_conversation', label: 'assessed, conversation' },
 *     { value: 'uwv_conversation', label: 'UWV conversation only', parent: 'assessed_conversation' },
 *     { value: 'three_way_conversation', label: 'three-way conversation', parent: 'assessed_conversation' },
 *   ],
 *   received: ['assessed_conversation'],
 * });
 * t.received.difference.estimate; // 0.308 on the published decile-1 counts
 * t.toMarkdown(); // a Markdown table
 */
export function participationTable(
  data: TableInput | ExperimentIntake,
  spec: ParticipationSpec,
): ParticipationTable {
  rejectUnknownKeys(spec, PARTICIPATION_KEYS, 'participationTable');
  if (spec.pooled === true && (spec.clusters !== undefined || spec.blocks !== undefined)) {
    throw new InputError(
      "participationTable: pooled is for independent clients; with clusters or blocks the difference uses the design's variance (leave pooled out)",
      { code: 'invalid-option', value: 'pooled' },
    );
  }
  const column = experimentRoles(spec).participation;
  const level = spec.level ?? 0.95;
  const unknownMode = spec.unknown ?? 'error';
  const missingMode = spec.missing ?? 'error';
  checkModes(unknownMode, missingMode);
  const nodes = buildNodes(spec.categories, unknownMode === 'other');
  const index = new Map(nodes.map((n, k) => [n.value, k]));
  const receivedSet = receivedCategories(spec.received, index, nodes);

  // The table describes every client of the two arms: an intake's covariates do not restrict it.
  const sample = armSample(isExperimentIntake(data) ? withoutCovariates(data) : data, {
    ...(spec.arm === undefined ? {} : { arm: spec.arm }),
    ...(spec.treatment === undefined ? {} : { treatment: spec.treatment }),
    ...(spec.control === undefined ? {} : { control: spec.control }),
  });
  const { treatment, control, arm } = sample.labels;
  const values = stringColumn(sample.table, column);

  const direct = nodes.map(() => [0, 0]);
  const armN = [0, 0];
  const receivedCount = [0, 0];
  // Position in the sample and received status of each client with a recorded participation.
  const recorded: number[] = [];
  const receivedFlag: (0 | 1)[] = [];
  const missingRows: number[] = [];
  const unknown = new Map<string, number[]>();
  const otherIndex = index.get(OTHER);
  const autoOther = unknownMode === 'other' && !categoryValues(spec.categories).includes(OTHER);
  sample.rows.forEach((r, j) => {
    const v = values[r] ?? null;
    const a = sample.treated[j] === 1 ? 0 : 1;
    if (v === null) {
      missingRows.push(r + 1);
      return;
    }
    let k = index.get(v);
    if (k === undefined) {
      if (unknownMode === 'error') {
        const rows = unknown.get(v) ?? [];
        rows.push(r + 1);
        unknown.set(v, rows);
        return;
      }
      k = otherIndex!;
    }
    direct[k]![a]!++;
    armN[a]!++;
    if (receivedSet.has(k)) receivedCount[a]!++;
    recorded.push(j);
    receivedFlag.push(receivedSet.has(k) ? 1 : 0);
  });
  if (unknown.size) throw unknownError(column, unknown, nodes);
  const excluded: Exclusion[] = [...sample.excluded];
  if (missingRows.length) {
    if (missingMode === 'error') {
      throw new InputError(
        `column '${column}' has missing values in ${formatRows(missingRows)}; fill them, or pass missing: 'exclude'`,
        { code: 'missing-value', column, rows: missingRows },
      );
    }
    excluded.push({ reason: `missing '${column}'`, count: missingRows.length });
  }
  [treatment, control].forEach((label, a) => {
    if (armN[a] === 0) {
      throw new InputError(
        `arm '${label}' has no clients with a recorded '${column}'; shares cannot be computed`,
        { code: 'empty-group', column: arm, value: label },
      );
    }
  });

  // Totals: own rows plus sub-categories (children follow their parent, so go backwards).
  const total = direct.map((d) => [...d]);
  for (let k = nodes.length - 1; k >= 0; k--) {
    const p = nodes[k]!.parent;
    if (p >= 0) {
      total[p]![0]! += total[k]![0]!;
      total[p]![1]! += total[k]![1]!;
    }
  }
  const hasChildren = new Set(nodes.map((n) => n.parent).filter((p) => p >= 0));
  const share = (count: number, a: number): ArmShare => ({ count, share: count / armN[a]! });
  const rows: ParticipationRow[] = nodes
    .map(
      (node, k): ParticipationRow => ({
        category: node.value,
        label: node.label,
        ...(node.parent >= 0 ? { parent: nodes[node.parent]!.value } : {}),
        depth: node.depth,
        group: hasChildren.has(k),
        received: receivedSet.has(k),
        treatment: share(total[k]![0]!, 0),
        control: share(total[k]![1]!, 1),
      }),
    )
    // The automatic `other` bucket appears only when something fell into it.
    .filter(
      (row, k) => !(autoOther && k === otherIndex && row.treatment.count + row.control.count === 0),
    );

  const counts = {
    treated: { successes: receivedCount[0]!, n: armN[0]! },
    control: { successes: receivedCount[1]!, n: armN[1]! },
  };
  const difference =
    spec.clusters === undefined && spec.blocks === undefined
      ? diffInProportions(counts.treated, counts.control, { level, pooled: spec.pooled === true })
      : designDifference(sample, recorded, receivedFlag, spec, level, counts);
  const receivedNames = [...spec.received];
  const received: ReceivedService = {
    categories: receivedNames,
    treatment: share(receivedCount[0]!, 0),
    control: share(receivedCount[1]!, 1),
    difference,
  };
  const method =
    `share of each arm's clients (with a recorded '${column}') per category, groups include their sub-categories; ` +
    `received service = ${receivedNames.join(' or ')}; ${treatment} − ${control}: ${difference.method}; ` +
    'two-sided, stars † p < 0.20, * p < 0.10, ** p < 0.05';
  const base = {
    arms: { treatment, control },
    n: { treatment: armN[0]!, control: armN[1]! },
    column,
    rows,
    received,
    excluded,
    level,
    method,
  };
  return participationResult(base, spec.digits ?? 0);
}

/** The table with its display methods, which hold `base` only (not this file's clients' arrays). */
function participationResult(base: Base, digits: number): ParticipationTable {
  return displayResult(base, tableRows, (b) => participationDocument(b, digits));
}

/**
 * The received-share difference under the design (clusters and / or blocks): estimatr's
 * `difference_in_means(received ~ arm, clusters =, blocks =)` through `designDifferenceInMeans`,
 * with the shares and counts of the arms.
 */
function designDifference(
  sample: ReturnType<typeof armSample>,
  recorded: readonly number[],
  received: readonly (0 | 1)[],
  spec: ParticipationSpec,
  level: number,
  counts: Record<'treated' | 'control', { successes: number; n: number }>,
): DiffInProportionsResult {
  const rows = Int32Array.from(recorded, (j) => sample.rows[j]!);
  const g = readGroupings(sample.table, rows, {
    ...(spec.clusters === undefined ? {} : { clusters: spec.clusters }),
    ...(spec.blocks === undefined ? {} : { blocks: spec.blocks }),
  });
  const d = designDifferenceInMeans(
    recorded.map((j, i) => ({
      y: received[i]!,
      t: sample.treated[j] === 1 ? 1 : 0,
      block: g.blocks ? g.blocks.labels[g.blocks.ids[i]!]! : null,
      cluster: g.clusters ? g.clusters.labels[g.clusters.ids[i]!]! : null,
    })),
    {
      level,
      clustered: g.clusters !== undefined,
      ...(g.clusters ? { clusterColumn: g.clusters.column } : {}),
    },
  );
  return {
    ...d.estimate,
    p1: counts.treated.successes / counts.treated.n,
    p2: counts.control.successes / counts.control.n,
    n1: counts.treated.n,
    n2: counts.control.n,
    pooled: false,
  };
}

function checkModes(unknown: string, missing: string): void {
  if (unknown !== 'error' && unknown !== 'other') {
    throw new InputError(`'unknown' must be 'error' or 'other', not '${unknown}'`, {
      code: 'invalid-option',
      value: unknown,
    });
  }
  if (missing !== 'error' && missing !== 'exclude') {
    throw new InputError(`'missing' must be 'error' or 'exclude', not '${missing}'`, {
      code: 'invalid-option',
      value: missing,
    });
  }
}

function categoryValues(categories: readonly (string | ParticipationCategory)[]): string[] {
  return categories.map((c) => (typeof c === 'string' ? c : c.value));
}

function buildNodes(
  categories: readonly (string | ParticipationCategory)[],
  withOther: boolean,
): Node[] {
  if (!Array.isArray(categories) || categories.length === 0) {
    throw new InputError(
      'categories is empty: list the participation categories in display order',
      {
        code: 'invalid-option',
      },
    );
  }
  const nodes: Node[] = [];
  const index = new Map<string, number>();
  for (const c of categories) {
    const cat: ParticipationCategory = typeof c === 'string' ? { value: c } : c;
    if (typeof cat.value !== 'string' || cat.value === '') {
      throw new InputError('every category needs a non-empty string value', {
        code: 'invalid-option',
      });
    }
    if (index.has(cat.value)) {
      throw new InputError(`category '${cat.value}' is listed twice`, {
        code: 'invalid-option',
        value: cat.value,
      });
    }
    let parent = -1;
    if (cat.parent !== undefined) {
      const p = index.get(cat.parent);
      if (p === undefined) {
        throw new InputError(
          `category '${cat.value}' names parent '${cat.parent}', which is not listed before it; list each group before its sub-categories`,
          { code: 'invalid-option', value: cat.parent },
        );
      }
      parent = p;
    }
    index.set(cat.value, nodes.length);
    nodes.push({
      value: cat.value,
      label: cat.label ?? cat.value,
      parent,
      depth: parent >= 0 ? nodes[parent]!.depth + 1 : 0,
    });
  }
  if (withOther && !index.has(OTHER)) {
    nodes.push({ value: OTHER, label: OTHER, parent: -1, depth: 0 });
  }
  return nodes;
}

/** Indices of the categories that count as received: those listed and everything below them. */
function receivedCategories(
  received: readonly string[],
  index: ReadonlyMap<string, number>,
  nodes: readonly Node[],
): Set<number> {
  if (!Array.isArray(received) || received.length === 0) {
    throw new InputError(
      "received is empty: list the categories that count as receiving the service, e.g. ['assessed_conversation']",
      { code: 'invalid-option' },
    );
  }
  const listed = new Set<number>();
  for (const r of received) {
    const k = index.get(r);
    if (k === undefined) {
      throw new InputError(
        `received names '${r}', which is not among the categories: ${nodes.map((n) => n.value).join(', ')}`,
        { code: 'invalid-option', value: r },
      );
    }
    listed.add(k);
  }
  const out = new Set<number>();
  nodes.forEach((_, k) => {
    for (let j = k; j >= 0; j = nodes[j]!.parent) {
      if (listed.has(j)) {
        out.add(k);
        break;
      }
    }
  });
  return out;
}

function unknownError(
  column: string,
  unknown: ReadonlyMap<string, number[]>,
  nodes: readonly Node[],
): InputError {
  const parts = [...unknown].map(([v, rows]) => `'${v.slice(0, 40)}' (${formatRows(rows)})`);
  const [firstValue, firstRows] = [...unknown][0]!;
  const all = [...unknown.values()].flat().sort((a, b) => a - b);
  return new InputError(
    `column '${column}' has values that are not among the categories: ${parts.join(', ')}; ` +
      `categories: ${nodes.map((n) => n.value).join(', ')} (add them, or pass unknown: 'other')`,
    {
      code: 'unknown-level',
      column,
      rows: all.length ? all : firstRows,
      value: firstValue.slice(0, 40),
    },
  );
}

type Base = Omit<ParticipationTable, 'toTable' | 'toMarkdown' | 'toHTML' | 'toDocument'>;

function tableRows(base: Base): Record<string, number | string | boolean>[] {
  const out: Record<string, number | string | boolean>[] = base.rows.map((r) => ({
    category: r.category,
    label: r.label,
    parent: r.parent ?? '',
    depth: r.depth,
    received: r.received,
    count_treated: r.treatment.count,
    share_treated: r.treatment.share,
    count_control: r.control.count,
    share_control: r.control.share,
  }));
  const d = base.received.difference;
  out.push({
    category: 'received',
    label: `received service (${base.received.categories.join(', ')})`,
    parent: '',
    depth: 0,
    received: true,
    count_treated: base.received.treatment.count,
    share_treated: base.received.treatment.share,
    count_control: base.received.control.count,
    share_control: base.received.control.share,
    ...tidyEstimate(d),
  });
  return out;
}

function cell(s: ArmShare, digits: number): string {
  return s.count === 0 ? '–' : `${formatPercent(s.share, digits)} (${s.count})`;
}

function participationDocument(base: Base, digits: number): Document {
  const { treatment, control } = base.arms;
  const tHead = `${treatment} (n = ${base.n.treatment})`;
  const cHead = `${control} (n = ${base.n.control})`;
  const rows = base.rows.map((r) => ({
    status: r.depth === 0 ? r.label : `${'– '.repeat(r.depth)}of which ${r.label}`,
    [tHead]: cell(r.treatment, digits),
    [cHead]: cell(r.control, digits),
  }));
  const d = base.received.difference;
  const pct = Math.round(base.level * 100);
  const labelOf = new Map(base.rows.map((r) => [r.category, r.label]));
  const receivedLabels = base.received.categories.map((c) => labelOf.get(c) ?? c);
  const summary =
    `Difference in received service (${receivedLabels.join('; ')}): ` +
    `${formatPercent(base.received.treatment.share)} − ${formatPercent(base.received.control.share)} = ` +
    `${formatPp(d.estimate)}${d.stars} (SE ${formatPp(d.stdError)}, ${pct} % CI ${formatPp(d.ci[0])} to ` +
    `${formatPp(d.ci[1])}, p ${formatP(d.pValue)}).`;
  return [
    { kind: 'table', table: tableFromRows(rows, { id: 'participation', title: base.column }) },
    { kind: 'paragraph', text: summary },
    ...excludedBlocks(base.excluded),
    { kind: 'paragraph', text: `${base.method}.` },
  ];
}

/** The paragraph naming the rows left out ("Excluded: reason: count; …."), if any. */
function excludedBlocks(excluded: Base['excluded'], lead = 'Excluded'): Block[] {
  return excluded.length
    ? [
        {
          kind: 'paragraph',
          text: `${lead}: ${excluded.map((e) => `${e.reason}: ${e.count}`).join('; ')}.`,
        },
      ]
    : [];
}

/**
 * A p-value for text: "< 0.001" or three decimals ("= 0.042").
 *
 * @example
 * formatP(0.0421); // "= 0.042"
 */
export function formatP(p: number): string {
  if (!Number.isFinite(p)) return '';
  return p < 0.001 ? '< 0.001' : `= ${formatPValue(p)}`;
}

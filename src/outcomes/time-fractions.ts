/**
 * Fractions of each client's observation window spent in a state (benefit, job, other), by
 * group, with the difference between two groups (the shape of Table 5.3 of the 2012–2013
 * study).
 */
import {
  asTable,
  numberColumn,
  requireColumns,
  stringColumn,
  type TableInput,
} from '../data/columns.js';
import {
  type ExperimentIntake,
  experimentRoles,
  intakeArms,
  isExperimentIntake,
  readFollowup,
} from '../data/intake.js';
import { formatRows, InputError } from '../errors.js';
import { designDifferenceInMeans } from '../estimate/difference-in-means.js';
import { formatNumber } from '../format.js';
import type { Estimate } from '../stats/estimate.js';
import { diffInMeans } from '../stats/means.js';
import { rejectUnknownKeys } from '../stats/option-keys.js';
import { type Column, type Document, documentMarkdown } from '../table/index.js';

/** What {@link timeFractions} computes. */
export interface TimeFractionsSpec {
  /**
   * Per state, the column with the time each client spent in it during the window (same unit
   * as `window`). An array of names uses the name without a `months_` prefix as label.
   */
  readonly states: readonly string[] | Readonly<Record<string, string>>;
  /** Length of each client's observation window, default `followup_months`. */
  readonly window?: string;
  /** Grouping column, default `arm`. */
  readonly group?: string;
  /** `[treatment, control]`: the difference is treatment − control. Default: the two groups in first-seen order. */
  readonly compare?: readonly [string, string];
  /** Confidence level, default 0.95. */
  readonly level?: number;
  /**
   * Cluster column (the unit of randomisation): the difference is the clustered difference in
   * means of the fractions (`estimatr::difference_in_means(clusters =)`: CR2 SE, Satterthwaite df).
   */
  readonly clusters?: string;
  /**
   * Block column (the strata of the randomisation): the blocked difference in means
   * (`difference_in_means(blocks =)`: block-size weighted, df N − 2B; with clusters S − 2B).
   */
  readonly blocks?: string;
}

/** One state: mean fraction per group and the Welch difference. */
export interface TimeFractionRow {
  readonly state: string;
  /** Mean fraction, SD and n per group (keys are group labels). */
  readonly groups: Readonly<Record<string, SampleSummary>>;
  /** compare[0] − compare[1], Welch t test. */
  readonly difference: Estimate;
}

/** Result of {@link timeFractions}. */
export interface TimeFractionsResult {
  readonly compare: readonly [string, string];
  readonly rows: readonly TimeFractionRow[];
  /** Rows left out because the window or a state time is missing, or the window is 0. */
  readonly excluded: { readonly count: number; readonly rows: readonly number[] };
  readonly method: string;
  toMarkdown(): string;
}

/**
 * Mean over clients of (time in state)/(window), per group, and the difference between two
 * groups with Welch's t test (fractions of different states may overlap and sum above 1).
 * Clients with a missing window or state time, or a window of 0, are excluded and reported.
 * Throws `InputError` when a state time is negative or exceeds the window (`out-of-range`,
 * rows), or a compared group has fewer than 2 clients (`empty-group`). `data` may be an
 * experiment intake already built: its follow-up (as the window) and arm labels are reused.
 *
 * @example
 * const tf = timeFractions(clients, {
 *   states: { benefit: 'months_benefit', job: 'months_job' },
 *   compare: ['intensive', 'basic'],
 * });
 * tf.rows[0].difference.estimate; // e.g. −0.016 (−1.6 pp)
 */
export function timeFractions(
  data: TableInput | ExperimentIntake,
  spec: TimeFractionsSpec,
): TimeFractionsResult {
  rejectUnknownKeys(
    spec,
    {
      states: true,
      window: true,
      group: true,
      compare: true,
      level: true,
      clusters: true,
      blocks: true,
    },
    'timeFractions',
  );
  const level = spec.level ?? 0.95;
  const source = isExperimentIntake(data) ? data : asTable(data);
  const table = isExperimentIntake(source) ? source.table : source;
  const roles = experimentRoles({
    ...(isExperimentIntake(source) ? source.roles : {}),
    ...(spec.window === undefined ? {} : { followup: spec.window }),
    ...(spec.group === undefined ? {} : { arm: spec.group }),
  });
  const windowCol = roles.followup;
  const groupCol = roles.arm;
  const states: [string, string][] = Array.isArray(spec.states)
    ? (spec.states as readonly string[]).map((c) => [c.replace(/^months_(?=.)/, ''), c])
    : Object.entries(spec.states);
  requireColumns(table, [windowCol], 'window');
  requireColumns(table, [groupCol], 'group');
  for (const [label, col] of states) requireColumns(table, [col], `state '${label}'`);
  const window =
    isExperimentIntake(source) && source.followup && source.roles.followup === windowCol
      ? source.followup
      : readFollowup(table, windowCol, 'window');
  const groups = intakeArms(source, groupCol, 'group');
  const times = states.map(([, col]) => numberColumn(table, col, { missing: 'nan', min: 0 }));

  const n = table.numRows();
  const keep: number[] = [];
  const excluded: number[] = [];
  for (let i = 0; i < n; i++) {
    const ok = groups[i] !== null && window[i]! > 0 && times.every((t) => !Number.isNaN(t[i]!));
    if (ok) keep.push(i);
    else excluded.push(i + 1);
  }
  states.forEach(([, col], s) => {
    const over = keep.filter((i) => times[s]![i]! > window[i]!).map((i) => i + 1);
    if (over.length) {
      throw new InputError(
        `column '${col}' exceeds the window '${windowCol}' in ${formatRows(over)}`,
        { code: 'out-of-range', column: col, rows: over },
      );
    }
  });

  const seen = [...new Set(keep.map((i) => groups[i]!))];
  const compare = spec.compare ?? (seen.length === 2 ? [seen[0]!, seen[1]!] : undefined);
  if (!compare) {
    throw new InputError(
      `'${groupCol}' has ${seen.length} groups (${seen.join(', ')}); say which two to compare with compare: [treatment, control]`,
      { code: 'invalid-option', column: groupCol },
    );
  }
  const labelsOf = (column: string | undefined, role: string) => {
    if (column === undefined) return undefined;
    requireColumns(table, [column], role);
    const values = stringColumn(table, column);
    const missing = keep.filter((i) => compare.includes(groups[i]!) && values[i] === null);
    if (missing.length) {
      throw new InputError(
        `${role} column '${column}' is missing in ${formatRows(missing.map((i) => i + 1))}; every compared client needs one`,
        { code: 'missing-value', column, rows: missing.map((i) => i + 1) },
      );
    }
    return values;
  };
  const blockOf = labelsOf(spec.blocks, 'block');
  const clusterOf = labelsOf(spec.clusters, 'cluster');
  const rows = states.map(([label], s): TimeFractionRow => {
    const summaries: Record<string, SampleSummary> = {};
    const fractions: Record<string, Float64Array> = {};
    for (const g of seen) {
      const idx = keep.filter((i) => groups[i] === g);
      const f = new Float64Array(idx.length);
      idx.forEach((i, k) => {
        f[k] = times[s]![i]! / window[i]!;
      });
      summaries[g] = summarize(f);
      fractions[g] = f;
    }
    for (const g of compare) {
      const sm = summaries[g];
      if (!sm || sm.n < 2) {
        throw new InputError(`group '${g}' needs at least 2 clients with a window`, {
          code: 'empty-group',
          column: groupCol,
          value: g,
        });
      }
    }
    if (blockOf || clusterOf) {
      const units = keep
        .filter((i) => groups[i] === compare[0] || groups[i] === compare[1])
        .map((i) => ({
          y: times[s]![i]! / window[i]!,
          t: groups[i] === compare[0] ? (1 as const) : (0 as const),
          block: blockOf ? blockOf[i]! : null,
          cluster: clusterOf ? clusterOf[i]! : null,
        }));
      const d = designDifferenceInMeans(units, {
        level,
        clustered: clusterOf !== undefined,
        ...(spec.clusters === undefined ? {} : { clusterColumn: spec.clusters }),
      });
      return { state: label, groups: summaries, difference: d.estimate };
    }
    const { estimate, stdError, ci, statistic, df, pValue, stars, n } = diffInMeans(
      fractions[compare[0]]!,
      fractions[compare[1]]!,
      { level },
    );
    const difference = {
      estimate,
      stdError,
      ci,
      statistic,
      df,
      pValue,
      stars,
      n,
      level,
      method: 'difference in means, Welch SE and Welch–Satterthwaite df, t test',
    };
    return { state: label, groups: summaries, difference };
  });
  const design =
    blockOf || clusterOf
      ? `${rows[0]?.difference.method ?? 'difference in means'}${spec.blocks ? `, blocks '${spec.blocks}'` : ''}${spec.clusters ? `, clusters '${spec.clusters}'` : ''} (as estimatr's difference_in_means)`
      : 'Welch t test';
  const method = `mean over clients of time in state / '${windowCol}'; ${compare[0]} − ${compare[1]}, ${design}`;
  return {
    compare,
    rows,
    excluded: { count: excluded.length, rows: excluded },
    method,
    toMarkdown: () => {
      const [t, c] = compare;
      const columns: Column[] = [
        { id: 'state', label: 'state', format: 'text' },
        { id: 'treated', label: t, format: 'text', align: 'right' },
        { id: 'control', label: c, format: 'text', align: 'right' },
        { id: 'difference', label: 'difference (pp)', format: 'text', align: 'right' },
        { id: 'p', label: 'p', format: 'text', align: 'right' },
      ];
      const table = {
        id: 'time_fractions',
        title: 'Fractions of the observation window',
        columns,
        rows: rows.map((r) => ({
          state: r.state,
          treated: formatNumber(r.groups[t]!.mean * 100, 1),
          control: formatNumber(r.groups[c]!.mean * 100, 1),
          difference: `${formatNumber(r.difference.estimate * 100, 1)}${r.difference.stars}`,
          p: formatNumber(r.difference.pValue, 3),
        })),
      };
      const document: Document = [
        { kind: 'paragraph', text: `Fractions of the observation window, method: ${method}.` },
        { kind: 'table', table, markdown: { compactRule: true } },
        ...(excluded.length
          ? [
              {
                kind: 'paragraph' as const,
                text: `Excluded (missing or zero window, missing time): ${excluded.length}.`,
              },
            ]
          : []),
      ];
      return documentMarkdown(document);
    },
  };
}

/** Mean, sample SD (n − 1) and size of one group's fractions. */
export interface SampleSummary {
  readonly mean: number;
  readonly sd: number;
  readonly n: number;
}

/** Mean and SD of a sample (two passes, for accuracy). */
function summarize(x: ArrayLike<number>): SampleSummary {
  const n = x.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i]!;
  const mean = s / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i]! - mean) ** 2;
  return { mean, sd: Math.sqrt(ss / (n - 1)), n };
}

/**
 * Clusters and blocks of a comparison sample: the unit of randomisation (office, caseworker) and
 * the strata it was randomised within (risk decile, site). Read once per sample from the table,
 * carried row by row through every subset of the comparison, and turned per month sample into
 * the groups of a cluster-robust variance, the block dummies of the adjusted model and the
 * blocked / clustered difference in means. Internal to `src/analysis/`.
 */

import type { ColumnTable } from 'arquero';
import { requireColumns, stringColumn } from '../data/columns.js';
import { formatRows, InputError } from '../errors.js';
import {
  CLUSTER_SE_TYPES,
  type ClusterSeType,
  type LabelledGroups,
} from '../estimate/cluster-vcov.js';
import {
  type DesignDifference,
  type DesignUnit,
  designDifferenceInMeans,
} from '../estimate/difference-in-means.js';
import { SE_TYPES, type SeType } from '../estimate/vcov.js';

/** A grouping column read on the comparison rows: a group number per row and the labels. */
export interface Grouping {
  readonly column: string;
  /** Group of each comparison row, an index into `labels`. */
  readonly ids: Int32Array;
  readonly labels: readonly string[];
}

/** The clusters and blocks of a comparison (each absent when not given). */
export interface Groupings {
  readonly clusters?: Grouping;
  readonly blocks?: Grouping;
}

/** What the series specs say about the design. */
export interface GroupingSpec {
  /** Cluster column: the unit of randomisation (CR standard errors, clustered difference in means). */
  readonly clusters?: string;
  /** Block column: the strata of the randomisation (block fixed effects, blocked difference in means). */
  readonly blocks?: string;
}

/**
 * Reads `spec.clusters` and `spec.blocks` on the comparison rows (0-based table rows `rows`); a
 * missing value is a `missing-value` error naming the column and the (1-based) table rows.
 *
 * @example
 * readGroupings(c.table, c.rows, { clusters: 'office' }).clusters?.labels; // ['A', 'B', …]
 */
export function readGroupings(table: ColumnTable, rows: Int32Array, spec: GroupingSpec): Groupings {
  const read = (column: string, role: string): Grouping => {
    requireColumns(table, [column], role);
    const values = stringColumn(table, column);
    const missing: number[] = [];
    const map = new Map<string, number>();
    const ids = new Int32Array(rows.length);
    rows.forEach((r, j) => {
      const v = values[r];
      if (v === null || v === undefined) {
        missing.push(r + 1);
        return;
      }
      let g = map.get(v);
      if (g === undefined) {
        g = map.size;
        map.set(v, g);
      }
      ids[j] = g;
    });
    if (missing.length) {
      throw new InputError(
        `${role} column '${column}' is missing in ${formatRows(missing)}; every analysed client needs one`,
        { code: 'missing-value', column, rows: missing },
      );
    }
    return { column, ids, labels: [...map.keys()] };
  };
  if (spec.clusters !== undefined && spec.clusters === spec.blocks) {
    throw new InputError(`clusters and blocks are both '${spec.clusters}'; name two columns`, {
      code: 'invalid-option',
      column: spec.clusters,
    });
  }
  return {
    ...(spec.clusters === undefined ? {} : { clusters: read(spec.clusters, 'cluster') }),
    ...(spec.blocks === undefined ? {} : { blocks: read(spec.blocks, 'block') }),
  };
}

/**
 * Refuses clusters that hold both arms: the raw effect is the clustered difference in means
 * (estimatr's `difference_in_means(clusters =)`), defined for cluster-randomised designs only.
 *
 * @example
 * checkClustersRandomised(groupings, comparison.treated, { treatment: 'experiment', control: 'control' });
 */
export function checkClustersRandomised(g: Groupings, treated: Float64Array): void {
  const c = g.clusters;
  if (!c) return;
  const arm = new Int8Array(c.labels.length).fill(-1);
  const mixed = new Set<number>();
  for (let i = 0; i < treated.length; i++) {
    const t = treated[i] === 1 ? 1 : 0;
    const id = c.ids[i]!;
    if (arm[id] === -1) arm[id] = t;
    else if (arm[id] !== t) mixed.add(id);
  }
  if (mixed.size === 0) return;
  const names = [...mixed].slice(0, 5).map((id) => `'${c.labels[id]}'`);
  throw new InputError(
    `cluster column '${c.column}': ${mixed.size} cluster${mixed.size > 1 ? 's' : ''} (${names.join(', ')}${mixed.size > 5 ? ', …' : ''}) hold${mixed.size > 1 ? '' : 's'} clients of both arms; clusters are the unit of randomisation (every client of a cluster has the same arm), as the clustered difference in means requires`,
    { code: 'invalid-option', column: c.column, value: c.labels[[...mixed][0]!]! },
  );
}

/** The groupings at the positions `keep` of the comparison (group numbers unchanged). */
export function subsetGroupings(g: Groupings, keep: Int32Array): Groupings {
  const pick = (x: Grouping): Grouping => ({
    ...x,
    ids: Int32Array.from(keep, (i) => x.ids[i]!),
  });
  return {
    ...(g.clusters ? { clusters: pick(g.clusters) } : {}),
    ...(g.blocks ? { blocks: pick(g.blocks) } : {}),
  };
}

/**
 * The groups of a grouping among the positions `index` (all when absent), renumbered 0…S − 1 in
 * order of first appearance, as `groupsOf` does: a cluster without clients in a month's sample
 * is not counted.
 *
 * @example
 * sampleGroups(groupings.clusters!, index).count; // clusters with clients in the sample
 */
export function sampleGroups(g: Grouping, index?: Int32Array): LabelledGroups {
  const n = index ? index.length : g.ids.length;
  const renumber = new Int32Array(g.labels.length).fill(-1);
  const labels: string[] = [];
  const out = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    const id = g.ids[index ? index[j]! : j]!;
    if (renumber[id] === -1) {
      renumber[id] = labels.length;
      labels.push(g.labels[id]!);
    }
    out[j] = renumber[id]!;
  }
  return { index: out, count: labels.length, labels };
}

/**
 * The standard-error type of a series with or without clusters: without, an HC type or
 * `classical` (default HC2); with clusters, `CR2` (default, as estimatr), `stata` or `CR0`.
 * A cluster type without clusters, or an HC type with them, is an `invalid-option` error.
 *
 * @example
 * seriesSe(undefined, true); // { cluster: 'CR2', hc: 'HC0' }
 */
export function seriesSe(
  se: string | undefined,
  clustered: boolean,
): { readonly cluster?: ClusterSeType; readonly hc: SeType } {
  const value = se ?? (clustered ? 'CR2' : 'HC2');
  const isCluster = (CLUSTER_SE_TYPES as readonly string[]).includes(value);
  const isHc = (SE_TYPES as readonly string[]).includes(value);
  if (!isCluster && !isHc) {
    throw new InputError(
      `se: expected one of ${[...SE_TYPES, ...CLUSTER_SE_TYPES].join(', ')}; got "${value}"`,
      { code: 'invalid-option', value },
    );
  }
  if (isCluster && !clustered) {
    throw new InputError(`se '${value}' is cluster-robust and needs the clusters column`, {
      code: 'invalid-option',
      value,
    });
  }
  if (isHc && clustered) {
    throw new InputError(
      `se '${value}' ignores the clusters; with clusters use one of ${CLUSTER_SE_TYPES.join(', ')} (default CR2)`,
      { code: 'invalid-option', value },
    );
  }
  // With clusters, the HC machinery (rare levels, leverages) is not used: HC0 asks for none.
  return isCluster ? { cluster: value as ClusterSeType, hc: 'HC0' } : { hc: value as SeType };
}

/**
 * The raw effect of one month's sample under the design: the blocked, clustered or
 * block-clustered difference in means of the 0/1 outcome `y` (estimatr's
 * `difference_in_means(blocks =, clusters =)`, see `designDifferenceInMeans`). An error of the
 * design (a block with one arm, a cluster with both arms) names the month.
 *
 * @example
 * designRaw(groupings, treated, index, y, 0.95, 12).estimate.stdError;
 */
export function designRaw(
  g: Groupings,
  treated: Float64Array,
  index: Int32Array,
  y: Float64Array,
  level: number,
  month: number,
): DesignDifference {
  const units: DesignUnit[] = Array.from(index, (i, j) => ({
    y: y[j]!,
    t: treated[i] === 1 ? 1 : 0,
    block: g.blocks ? g.blocks.labels[g.blocks.ids[i]!]! : null,
    cluster: g.clusters ? g.clusters.labels[g.clusters.ids[i]!]! : null,
  }));
  try {
    return designDifferenceInMeans(units, {
      level,
      clustered: g.clusters !== undefined,
      ...(g.clusters ? { clusterColumn: g.clusters.column } : {}),
    });
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    throw new InputError(
      `${e.message.replace(/^differenceInMeans: /, '')} (the raw effect at month ${month}, clients observed at least ${month} months)`,
      {
        code: e.code,
        ...(e.column === undefined ? {} : { column: e.column }),
        ...(e.value === undefined ? {} : { value: e.value }),
        ...(e.rows === undefined ? {} : { rows: e.rows }),
      },
    );
  }
}

/**
 * The method words of the design: what the raw and the adjusted effect are with these clusters
 * and blocks.
 *
 * @example
 * groupingWords({ clusters: c }, 'CR2').adjusted; // 'CR2 cluster-robust SE (…)'
 */
export function groupingWords(
  g: Groupings,
  se: ClusterSeType | undefined,
): { readonly raw: string; readonly adjusted: string; readonly blocks: string } {
  const c = g.clusters;
  const b = g.blocks;
  const design = c && b ? 'block-clustered' : c ? 'clustered' : 'blocked';
  const variance = c
    ? b
      ? 'block-size weighted, CR2 SE per block, df S − 2B'
      : 'CR2 cluster-robust SE, Bell–McCaffrey Satterthwaite df'
    : 'block-size weighted, Neyman SE per block, df N − 2B';
  const raw = `raw: ${design} difference in means (treatment − control; as estimatr's difference_in_means${
    b ? `, blocks '${b.column}' (${b.labels.length})` : ''
  }${c ? `, clusters '${c.column}' (${c.labels.length})` : ''}), ${variance}`;
  const seWords =
    se === 'CR2'
      ? `CR2 cluster-robust SE (Bell–McCaffrey bias reduction; clusters '${c!.column}', ${c!.labels.length}), t test on the Satterthwaite df (Pustejovsky–Tipton), as lm_robust(clusters =) and clubSandwich's coef_test(…, "CR2")`
      : se === 'stata'
        ? `CR1 cluster-robust SE with Stata's correction (clusters '${c!.column}', ${c!.labels.length}), t test on S − 1 df`
        : se === 'CR0'
          ? `CR0 cluster-robust SE (clusters '${c!.column}', ${c!.labels.length}), t test on S − 1 df`
          : '';
  const blocks = b
    ? ` + block fixed effects of '${b.column}' (${b.labels.length} blocks, as lm_robust(fixed_effects = ~${b.column}))`
    : '';
  return { raw, adjusted: seWords, blocks };
}

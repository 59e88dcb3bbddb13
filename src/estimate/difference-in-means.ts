/**
 * The difference in means of a (blocked and/or cluster-) randomised trial, as
 * `estimatr::difference_in_means(y ~ t, data, blocks =, clusters =)`, from a table.
 */
import { asTable, numberColumn, stringColumn, type TableInput } from '../data/columns.js';
import { type AllKeys, rejectUnknownKeys } from '../data/spec-reader.js';
import { type DocumentConvertible, type HtmlConvertible, withDisplay } from '../display.js';
import { InputError } from '../errors.js';
import { type Estimate, estimateFromSe } from '../stats/estimate.js';
import { diffInMeans } from '../stats/means.js';
import { checkLevel } from '../stats/validate.js';
import { type Document, documentMarkdown, tableFromRows, tidyEstimate } from '../table/index.js';
import { clusterVcov, groupsOf } from './cluster-vcov.js';
import { olsPrepare, olsSolve } from './ols.js';

/** What {@link differenceInMeans} compares. */
export interface DifferenceInMeansSpec {
  /** Outcome column (numbers, or booleans as 1/0). */
  readonly outcome: string;
  /** Treatment column: 0/1, or arm labels. */
  readonly treatment: string;
  /** The control label (default: the first of the two sorted values, e.g. 0 or `control`). */
  readonly control?: string;
  /** The treated label (default: the second sorted value); rows of other arms are left out. */
  readonly treated?: string;
  /** Block (stratum) column: a blocked design. */
  readonly blocks?: string;
  /** Cluster column (the unit of randomisation): a clustered design. */
  readonly clusters?: string;
  /** Confidence level (default 0.95). */
  readonly level?: number;
}

const SPEC_KEYS: AllKeys<DifferenceInMeansSpec> = {
  outcome: true,
  treatment: true,
  control: true,
  treated: true,
  blocks: true,
  clusters: true,
  level: true,
};

/** The design estimatr names, which fixes the estimator and its variance. */
export type DifferenceInMeansDesign =
  | 'Standard'
  | 'Clustered'
  | 'Blocked'
  | 'Block-clustered'
  | 'Matched-pair'
  | 'Matched-pair clustered';

/** Result of {@link differenceInMeans}: the estimate treated − control and its design. */
export interface DifferenceInMeans extends Estimate {
  readonly design: DifferenceInMeansDesign;
  readonly control: string;
  readonly treated: string;
  readonly nBlocks?: number;
  readonly nClusters?: number;
  /** Rows left out: of other arms, and with a missing outcome, treatment, block or cluster. */
  readonly excluded: { readonly otherArms: number; readonly missing: number };
  /** One row: design, the tidy estimate, n, blocks, clusters. */
  toTable(): Record<string, number | string>[];
  toMarkdown(): string;
}

type Unit = DesignUnit;

/** One block's (or the whole sample's) estimate without its inference. */
interface Part {
  readonly estimate: number;
  readonly se: number;
  readonly df: number;
  readonly n: number;
  readonly clusters: number;
}

/**
 * Difference in means treated − control with the variance of its design (estimatr's
 * `difference_in_means`; Gerber & Green 2012, ch. 3–4):
 *
 * - Standard: ȳ₁ − ȳ₀, Neyman SE √(s₁²/n₁ + s₀²/n₀), Welch–Satterthwaite df.
 * - Clustered: the coefficient of t in y ~ 1 + t with CR2 SE and its Bell–McCaffrey
 *   Satterthwaite df (treatment must be constant within a cluster).
 * - Blocked: Σ_b (n_b/N)·τ̂_b with SE √(Σ_b (n_b/N)² SE_b²), each block's SE as above (Neyman,
 *   or CR2 with clusters), df N − 2B (Blocked) or S − 2B (Block-clustered: S clusters).
 * - Matched pairs (every block has two units, or two clusters; also when some have two and
 *   others more, as estimatr): SE √(Σ(τ̂_b − τ̂)²/(B(B − 1))), clustered
 *   √(B/((B − 1)N²)·Σ(n_bτ̂_b − Nτ̂/B)²), df B − 1.
 *
 * @example
 * const d = differenceInMeans(table, { outcome: 'y', treatment: 'arm', blocks: 'site', clusters: 'office' });
 * d.design; // 'Block-clustered'
 * d.estimate; d.stdError; d.df;
 */
export function differenceInMeans(
  data: TableInput,
  spec: DifferenceInMeansSpec,
): DifferenceInMeans & HtmlConvertible & DocumentConvertible {
  rejectUnknownKeys(spec, SPEC_KEYS, 'differenceInMeans');
  const level = checkLevel(spec.level, 'differenceInMeans');
  const table = asTable(data);
  const y = numberColumn(table, spec.outcome, { missing: 'nan' });
  const arms = stringColumn(table, spec.treatment);
  const blocks = spec.blocks === undefined ? undefined : stringColumn(table, spec.blocks);
  const clusters = spec.clusters === undefined ? undefined : stringColumn(table, spec.clusters);
  const present = [...new Set(arms.filter((a): a is string => a !== null))].sort(compareLabels);
  const control = spec.control ?? present[0];
  const treated = spec.treated ?? present.find((a) => a !== control);
  for (const [role, label] of [
    ['control', control],
    ['treated', treated],
  ] as const) {
    if (label === undefined || !present.includes(label)) {
      throw new InputError(
        `differenceInMeans: the ${role} arm ${label === undefined ? 'is missing' : `'${label}'`}: column '${spec.treatment}' has ${present.join(', ') || 'no values'}`,
        { code: 'empty-group', column: spec.treatment, ...(label ? { value: label } : {}) },
      );
    }
  }
  if (spec.control === undefined && spec.treated === undefined && present.length > 2) {
    throw new InputError(
      `differenceInMeans: column '${spec.treatment}' has ${present.length} arms (${present.join(', ')}); name the two to compare with control and treated`,
      { code: 'invalid-option', column: spec.treatment },
    );
  }
  const units: Unit[] = [];
  let otherArms = 0;
  let missing = 0;
  for (let i = 0; i < y.length; i++) {
    const a = arms[i];
    if (a !== null && a !== control && a !== treated) {
      otherArms++;
      continue;
    }
    const b = blocks ? blocks[i]! : null;
    const c = clusters ? clusters[i]! : null;
    if (a === null || Number.isNaN(y[i]) || (blocks && b === null) || (clusters && c === null)) {
      missing++;
      continue;
    }
    units.push({ y: y[i]!, t: a === treated ? 1 : 0, block: b, cluster: c });
  }
  const { estimate, design, nBlocks, nClusters } = designDifferenceInMeans(units, {
    level,
    clustered: clusters !== undefined,
    ...(spec.clusters === undefined ? {} : { clusterColumn: spec.clusters }),
  });
  const method = estimate.method;
  const toTable = () => [
    {
      design,
      contrast: `${treated} − ${control}`,
      ...tidyEstimate(estimate),
      n: estimate.n,
      ...(nBlocks === undefined ? {} : { blocks: nBlocks }),
      ...(nClusters === undefined ? {} : { clusters: nClusters }),
    },
  ];
  const document = (): Document => [
    { kind: 'paragraph', text: `${spec.outcome}: ${method}` },
    {
      kind: 'table',
      table: tableFromRows(toTable(), { id: 'difference_in_means', title: 'Difference in means' }),
    },
    ...(otherArms + missing > 0
      ? [
          {
            kind: 'paragraph' as const,
            text: `Left out: ${otherArms} rows of other arms, ${missing} rows with a missing value.`,
          },
        ]
      : []),
  ];
  return withDisplay(
    {
      ...estimate,
      design,
      control: control!,
      treated: treated!,
      ...(nBlocks === undefined ? {} : { nBlocks }),
      ...(nClusters === undefined ? {} : { nClusters }),
      excluded: { otherArms, missing },
      toTable,
      toMarkdown: () => documentMarkdown(document()),
    },
    document,
  );
}

/** One unit of {@link designDifferenceInMeans}: outcome, arm (1 treated), block and cluster labels. */
export interface DesignUnit {
  readonly y: number;
  readonly t: 0 | 1;
  readonly block: string | null;
  readonly cluster: string | null;
}

/** Options of {@link designDifferenceInMeans}. */
export interface DesignDifferenceOptions {
  readonly level: number;
  /** Units carry a cluster label: the clustered variance. */
  readonly clustered: boolean;
  /** The cluster column, named when a cluster holds both arms. */
  readonly clusterColumn?: string;
}

/** Result of {@link designDifferenceInMeans}. */
export interface DesignDifference {
  readonly estimate: Estimate;
  readonly design: DifferenceInMeansDesign;
  readonly nBlocks?: number;
  readonly nClusters?: number;
}

/**
 * {@link differenceInMeans} on units already read (blocks when any unit has a block label): the
 * estimator and variance of the design, as `estimatr::difference_in_means`. For analyses that
 * compute it on many samples of one table (the effect per month).
 *
 * @example
 * designDifferenceInMeans(
 *   [{ y: 1, t: 1, block: null, cluster: 'a' }, …],
 *   { level: 0.95, clustered: true },
 * ).estimate.stdError;
 */
export function designDifferenceInMeans(
  units: readonly DesignUnit[],
  options: DesignDifferenceOptions,
): DesignDifference {
  const { clustered, level } = options;
  if (clustered) checkClusterTreatment(units, options.clusterColumn ?? 'clusters');
  const hasBlocks = units.some((u) => u.block !== null);
  const { part, design, nBlocks } = hasBlocks
    ? blocked(units, clustered)
    : unblocked(units, clustered);
  const what =
    design === 'Standard'
      ? 'Neyman SE, Welch–Satterthwaite df'
      : design === 'Clustered'
        ? 'CR2 cluster-robust SE, Bell–McCaffrey Satterthwaite df'
        : design === 'Blocked' || design === 'Block-clustered'
          ? `block-size weighted, ${design === 'Blocked' ? 'Neyman' : 'CR2'} SE per block, df ${design === 'Blocked' ? 'N' : 'S'} − 2B`
          : 'matched-pair SE, df B − 1';
  const method = `difference in means (${design.toLowerCase()} design), ${what}`;
  const estimate = estimateFromSe(part.estimate, part.se, part.df, level, part.n, method);
  return {
    estimate,
    design,
    ...(nBlocks === undefined ? {} : { nBlocks }),
    ...(clustered ? { nClusters: part.clusters } : {}),
  };
}

/** Numbers numerically (0 < 1 < 10), text by code units, as R sorts a factor's levels. */
function compareLabels(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (a.trim() !== '' && b.trim() !== '' && Number.isFinite(x) && Number.isFinite(y)) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}

function checkClusterTreatment(units: readonly Unit[], column: string): void {
  const arm = new Map<string, 0 | 1>();
  const bad = new Set<string>();
  for (const u of units) {
    const seen = arm.get(u.cluster!);
    if (seen === undefined) arm.set(u.cluster!, u.t);
    else if (seen !== u.t) bad.add(u.cluster!);
  }
  if (bad.size) {
    const list = [...bad].slice(0, 5).join(', ');
    throw new InputError(
      `differenceInMeans: clusters ${list} of column '${column}' hold both arms; in a cluster-randomised design every unit of a cluster has the same arm`,
      { code: 'invalid-option', column, value: [...bad][0]! },
    );
  }
}

/** Standard or clustered estimate on a set of units (estimatr's difference_in_means_internal). */
function internal(units: readonly Unit[], clustered: boolean, where: string): Part {
  const y1 = units.filter((u) => u.t === 1).map((u) => u.y);
  const y0 = units.filter((u) => u.t === 0).map((u) => u.y);
  if (y1.length < 2 || y0.length < 2) {
    throw new InputError(
      `differenceInMeans: ${where} has ${y1.length} treated and ${y0.length} control units; each arm needs at least 2 (or use pairs of units as blocks)`,
      { code: 'too-few', value: String(Math.min(y1.length, y0.length)) },
    );
  }
  const n = units.length;
  if (!clustered && where !== 'the sample') {
    // A block's Neyman SE; 0 when the outcome is constant within both arms of the block (as
    // estimatr: the block adds no variance).
    const v1 = variance(y1);
    const v0 = variance(y0);
    const se = Math.sqrt(v1 / y1.length + v0 / y0.length);
    return { estimate: mean(y1) - mean(y0), se, df: Number.NaN, n, clusters: 0 };
  }
  if (!clustered) {
    const d = diffInMeans(y1, y0);
    return { estimate: d.estimate, se: d.stdError, df: d.df, n, clusters: 0 };
  }
  const t = Float64Array.from(units, (u) => u.t);
  const prepared = olsPrepare({
    names: ['(Intercept)', 'treatment'],
    columns: [new Float64Array(n).fill(1), t],
    n,
  });
  const { beta, residuals } = olsSolve(
    prepared,
    Float64Array.from(units, (u) => u.y),
  );
  const groups = groupsOf(units.map((u) => u.cluster!));
  const cv = clusterVcov(prepared, residuals, groups, 'CR2', { labels: groups.labels });
  return {
    estimate: beta[1]!,
    se: Math.sqrt(cv.vcov[3]!),
    df: cv.df[1]!,
    n,
    clusters: cv.nClusters,
  };
}

function unblocked(
  units: readonly Unit[],
  clustered: boolean,
): { part: Part; design: DifferenceInMeansDesign; nBlocks: undefined } {
  return {
    part: internal(units, clustered, 'the sample'),
    design: clustered ? 'Clustered' : 'Standard',
    nBlocks: undefined,
  };
}

function blocked(
  units: readonly Unit[],
  clustered: boolean,
): { part: Part; design: DifferenceInMeansDesign; nBlocks: number } {
  const byBlock = new Map<string, Unit[]>();
  for (const u of units) {
    const list = byBlock.get(u.block!) ?? [];
    byBlock.set(u.block!, list);
    list.push(u);
  }
  const sizes = [...byBlock.entries()].map(([b, list]) => ({
    b,
    size: clustered ? new Set(list.map((u) => u.cluster)).size : list.length,
  }));
  const single = sizes.filter((s) => s.size === 1).map((s) => s.b);
  if (single.length) {
    throw new InputError(
      `differenceInMeans: block${single.length > 1 ? 's' : ''} ${single.slice(0, 5).join(', ')} ha${single.length > 1 ? 've' : 's'} a single ${clustered ? 'cluster' : 'unit'}; every block needs both arms`,
      { code: 'too-few', value: single[0]! },
    );
  }
  const pairs = sizes.some((s) => s.size === 2);
  const B = byBlock.size;
  const N = units.length;
  let parts: Part[];
  if (pairs) {
    parts = [...byBlock.entries()].map(([b, list]) => {
      const y1 = list.filter((u) => u.t === 1).map((u) => u.y);
      const y0 = list.filter((u) => u.t === 0).map((u) => u.y);
      if (!y1.length || !y0.length) {
        throw new InputError(
          `differenceInMeans: block ${b} has units of one arm only; every block needs both arms`,
          {
            code: 'empty-group',
            value: b,
          },
        );
      }
      return {
        estimate: mean(y1) - mean(y0),
        se: Number.NaN,
        df: Number.NaN,
        n: list.length,
        clusters: clustered ? 2 : 0,
      };
    });
  } else {
    parts = [...byBlock.entries()].map(([b, list]) => internal(list, clustered, `block ${b}`));
  }
  const estimate = parts.reduce((s, p) => s + (p.estimate * p.n) / N, 0);
  const nClusters = parts.reduce((s, p) => s + p.clusters, 0);
  let se: number;
  let df: number;
  let design: DifferenceInMeansDesign;
  if (pairs) {
    design = clustered ? 'Matched-pair clustered' : 'Matched-pair';
    const ss = clustered
      ? parts.reduce((s, p) => s + (p.n * p.estimate - (N * estimate) / B) ** 2, 0) *
        (B / ((B - 1) * N * N))
      : parts.reduce((s, p) => s + (p.estimate - estimate) ** 2, 0) / (B * (B - 1));
    se = Math.sqrt(ss);
    df = B - 1;
  } else {
    design = clustered ? 'Block-clustered' : 'Blocked';
    se = Math.sqrt(parts.reduce((s, p) => s + p.se ** 2 * (p.n / N) ** 2, 0));
    df = (clustered ? nClusters : N) - 2 * B;
  }
  return { part: { estimate, se, df, n: N, clusters: nClusters }, design, nBlocks: B };
}

/** Sample variance (n − 1). */
function variance(x: readonly number[]): number {
  const m = mean(x);
  let s = 0;
  for (const v of x) s += (v - m) ** 2;
  return s / (x.length - 1);
}

function mean(x: readonly number[]): number {
  let s = 0;
  for (const v of x) s += v;
  return s / x.length;
}

/**
 * X'WX of a design whose sparse 0/1 columns come in groups of mutually exclusive indicators (the
 * dummies of one factor are never 1 in the same row), from one code per row and group instead of
 * one gather per column pair. The same sums in the same order as `indicatorCrossProduct`
 * (`src/stats/indicator-products.ts`), so the result is bit for bit the same; only the passes
 * differ: the dense × indicator sums of a dense column with all the dummies of a factor come from
 * one sequential pass over the rows (the group's codes say which sum a row adds to), and two
 * indicators of the same group have an empty intersection, so their sum is 0 without a pass.
 * Logistic regression rebuilds X'WX in every IRLS iteration on the same X: the grouping is
 * found once.
 */
import { gather } from '../stats/gather.js';
import {
  type IndicatorLayout,
  indicatorLayout,
  type ShiftedCrossProduct,
} from '../stats/indicator-products.js';
import { crossProduct } from '../stats/linalg.js';

/** One group of mutually exclusive indicators: its members and, per row, which one is 1. */
export interface IndicatorGroup {
  /** Positions (into `layout.sparse`) of the group's indicators, ascending. */
  readonly members: readonly number[];
  /** Per row: the index into `members` of the indicator that is 1 there, or −1 for none. */
  readonly code: Int32Array;
}

/** A layout's indicators partitioned into groups of mutually exclusive ones. */
export interface IndicatorGroups {
  readonly layout: IndicatorLayout;
  readonly groups: readonly IndicatorGroup[];
  /** Per sparse position: its group and its index in that group's members. */
  readonly groupOf: Int32Array;
  readonly memberOf: Int32Array;
}

/**
 * Partitions the indicators of `layout` greedily into groups whose members are never 1 in the
 * same row (in layout order, each joins the first group it does not overlap): the dummies of a
 * factor form one group, a binary feature its own or another factor's. One pass over each
 * indicator's rows per group tried.
 *
 * @example
 * const layout = indicatorLayout([ones, cityB, cityC, woman]);
 * indicatorGroups(layout).groups.length // 2: {cityB, cityC} and {woman}
 */
export function indicatorGroups(layout: IndicatorLayout): IndicatorGroups {
  const groups: { members: number[]; code: Int32Array }[] = [];
  const groupOf = new Int32Array(layout.sparse.length);
  const memberOf = new Int32Array(layout.sparse.length);
  layout.sparse.forEach((sp, a) => {
    const rows = sp.rows;
    let g = 0;
    for (; g < groups.length; g++) {
      const code = groups[g]!.code;
      let free = true;
      for (let r = 0; r < rows.length && free; r++) if (code[rows[r]!] !== -1) free = false;
      if (free) break;
    }
    if (g === groups.length) groups.push({ members: [], code: new Int32Array(layout.n).fill(-1) });
    const group = groups[g]!;
    const local = group.members.length;
    for (let r = 0; r < rows.length; r++) group.code[rows[r]!] = local;
    group.members.push(a);
    groupOf[a] = g;
    memberOf[a] = local;
  });
  return { layout, groups, groupOf, memberOf };
}

/**
 * Σᵢ wᵢ (xᵢ − s)(xᵢ − s)' as `indicatorCrossProduct(columns, layout, weights, centre)` computes
 * it, bit for bit: s_j = Σ w x_j / Σ w (s₀ = 0, the intercept) when `centre`; with W = Σw,
 * W_l = Σ_{R_l} w, D_j = Σ w (x_j − s_j), T_lj = Σ_{R_l} w (x_j − s_j) and W_ab = Σ_{R_a ∩ R_b} w
 * (0 within a group): entries T_lj − s_l·D_j, W_l − 2 s_l W_l + s_l² W and
 * W_ab − s_a W_b − s_b W_a + s_a s_b W. Each sum runs over its rows in ascending order, as there
 * (where that sum also adds exact zeros for rows outside the intersection, which change nothing).
 *
 * @example
 * const g = indicatorGroups(indicatorLayout(columns));
 * groupedIndicatorCrossProduct(columns, g, weights, true).xtx // = indicatorCrossProduct(…).xtx
 */
export function groupedIndicatorCrossProduct(
  columns: readonly Float64Array[],
  grouped: IndicatorGroups,
  weights: Float64Array,
  centre: boolean,
): ShiftedCrossProduct {
  const { layout, groups, groupOf, memberOf } = grouped;
  const { n, k, dense, sparse } = layout;
  const G = groups.length;
  let sw = 0;
  for (let i = 0; i < n; i++) sw += weights[i]!;
  const shift = centre ? new Float64Array(k) : undefined;
  // W_l per indicator: by one pass over the codes of a group of several, by its rows for a lone
  // one (rows ascending within each l either way).
  const wl = new Float64Array(sparse.length);
  for (let g = 0; g < G; g++) {
    const { members, code } = groups[g]!;
    if (members.length === 1) {
      const rows = sparse[members[0]!]!.rows;
      let m = 0;
      for (let r = 0; r < rows.length; r++) m += weights[rows[r]!]!;
      wl[members[0]!] = m;
      continue;
    }
    const acc = new Float64Array(members.length);
    for (let i = 0; i < n; i++) {
      const l = code[i]!;
      if (l >= 0) acc[l]! += weights[i]!;
    }
    members.forEach((a, l) => {
      wl[a] = acc[l]!;
    });
  }
  if (shift) {
    sparse.forEach((sp, a) => {
      shift[sp.column] = wl[a]! / sw;
    });
    // Two columns per pass (each mean's sum in row order, as one per pass).
    const means = dense.filter((j) => j !== 0);
    let q = 0;
    for (; q + 1 < means.length; q += 2) {
      const ja = means[q]!;
      const jb = means[q + 1]!;
      const ca = columns[ja]!;
      const cb = columns[jb]!;
      let ma = 0;
      let mb = 0;
      for (let i = 0; i < n; i++) {
        const wi = weights[i]!;
        ma += wi * ca[i]!;
        mb += wi * cb[i]!;
      }
      shift[ja] = ma / sw;
      shift[jb] = mb / sw;
    }
    for (; q < means.length; q++) {
      const j = means[q]!;
      const c = columns[j]!;
      let m = 0;
      for (let i = 0; i < n; i++) m += weights[i]! * c[i]!;
      shift[j] = m / sw;
    }
  }
  const xtx = new Float64Array(k * k);
  const denseShift = shift ? gather(shift, dense) : undefined;
  const block = crossProduct(
    dense.map((j) => columns[j]!),
    weights,
    denseShift,
  );
  const p = dense.length;
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) xtx[dense[a]! * k + dense[b]!] = block[a * p + b]!;
  }
  // Dense × indicator. A group of several indicators (a factor's dummies): D_j and its T_lj in
  // one pass over the rows (a row adds to its level's sum); a lone indicator by its rows.
  const multi = groups.filter((gr) => gr.members.length > 1);
  const lone = sparse.filter((_, a) => groups[groupOf[a]!]!.members.length === 1);
  const t = multi.map((gr) => new Float64Array(gr.members.length));
  const codes = multi.map((gr) => gr.code);
  const M = multi.length;
  const put = (j: number, column: number, sum: number, dj: number) => {
    const v = sum - (shift ? shift[column]! : 0) * dj;
    xtx[j * k + column] = v;
    xtx[column * k + j] = v;
  };
  // Two dense columns per pass, and every group's sums in it (a lone indicator's too, by its
  // code instead of a gather over its rows): each sum gets the same terms in the same order as
  // with one column per pass, so the same bits, with a third of the passes.
  const paired = G >= 1 ? p - (p % 2) : 0;
  if (paired > 0) {
    const allCodes = groups.map((gr) => gr.code);
    const code0 = allCodes[0]!;
    const ta = groups.map((gr) => new Float64Array(gr.members.length));
    const tb = groups.map((gr) => new Float64Array(gr.members.length));
    const ua = ta[0]!;
    const ub = tb[0]!;
    for (let a = 0; a < paired; a += 2) {
      const ja = dense[a]!;
      const jb = dense[a + 1]!;
      const ca = columns[ja]!;
      const cb = columns[jb]!;
      const sa = denseShift ? denseShift[a]! : 0;
      const sb = denseShift ? denseShift[a + 1]! : 0;
      for (const tg of ta) tg.fill(0);
      for (const tg of tb) tg.fill(0);
      let da = 0;
      let db = 0;
      for (let i = 0; i < n; i++) {
        const wi = weights[i]!;
        const xa = wi * (ca[i]! - sa);
        const xb = wi * (cb[i]! - sb);
        da += xa;
        db += xb;
        const l = code0[i]!;
        if (l >= 0) {
          ua[l]! += xa;
          ub[l]! += xb;
        }
        for (let g = 1; g < G; g++) {
          const lg = allCodes[g]![i]!;
          if (lg >= 0) {
            ta[g]![lg]! += xa;
            tb[g]![lg]! += xb;
          }
        }
      }
      groups.forEach((gr, g) => {
        gr.members.forEach((m, l) => {
          put(ja, sparse[m]!.column, ta[g]![l]!, da);
          put(jb, sparse[m]!.column, tb[g]![l]!, db);
        });
      });
    }
  }
  for (let a = paired; a < p; a++) {
    const j = dense[a]!;
    const c = columns[j]!;
    const sj = denseShift ? denseShift[a]! : 0;
    for (const tg of t) tg.fill(0);
    let dj = 0;
    if (M === 0) {
      for (let i = 0; i < n; i++) dj += weights[i]! * (c[i]! - sj);
    } else if (M === 1) {
      const code = codes[0]!;
      const tg = t[0]!;
      for (let i = 0; i < n; i++) {
        const v = weights[i]! * (c[i]! - sj);
        dj += v;
        const l = code[i]!;
        if (l >= 0) tg[l]! += v;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const v = weights[i]! * (c[i]! - sj);
        dj += v;
        for (let g = 0; g < M; g++) {
          const l = codes[g]![i]!;
          if (l >= 0) t[g]![l]! += v;
        }
      }
    }
    multi.forEach((gr, g) => {
      gr.members.forEach((b, l) => {
        put(j, sparse[b]!.column, t[g]![l]!, dj);
      });
    });
    for (const sp of lone) put(j, sp.column, loneSum(sp.rows, weights, c, sj), dj);
  }
  // Indicator × indicator: 0 within a group; otherwise W_ab = Σ w over R_a ∩ R_b, ascending. One
  // pass over the rows of a adds each row's weight to the sum of the member (of every other
  // group with a member after a) that is 1 there: each W_ab gets the same terms in the same order
  // as reading a scratch copy of a's weights back on the rows of b (whose other rows add exact
  // zeros), without a pass per pair.
  const acc = groups.map((gr) => new Float64Array(gr.members.length));
  for (let a = 0; a < sparse.length; a++) {
    const ra = sparse[a]!.rows;
    const ca = sparse[a]!.column;
    const sa = shift ? shift[ca]! : 0;
    xtx[ca * k + ca] = wl[a]! - 2 * sa * wl[a]! + sa * sa * sw;
    const targets: number[] = [];
    for (let g = 0; g < G; g++) {
      const members = groups[g]!.members;
      if (g !== groupOf[a] && members[members.length - 1]! > a) targets.push(g);
    }
    const tCodes = targets.map((g) => groups[g]!.code);
    const tAcc = targets.map((g) => acc[g]!.fill(0));
    const T = targets.length;
    for (let r = 0; r < ra.length; r++) {
      const i = ra[r]!;
      const wi = weights[i]!;
      for (let q = 0; q < T; q++) {
        const l = tCodes[q]![i]!;
        if (l >= 0) tAcc[q]![l]! += wi;
      }
    }
    for (let b = a + 1; b < sparse.length; b++) {
      const cb = sparse[b]!.column;
      const sb = shift ? shift[cb]! : 0;
      const wab = groupOf[a] !== groupOf[b] ? acc[groupOf[b]!]![memberOf[b]!]! : 0;
      const v = wab - sa * wl[b]! - sb * wl[a]! + sa * sb * sw;
      xtx[ca * k + cb] = v;
      xtx[cb * k + ca] = v;
    }
  }
  return { shift, xtx };
}

/** Σ over `rows` (ascending) of w·(x − s): a dense column's sum over a lone indicator's rows. */
function loneSum(rows: Uint32Array, weights: Float64Array, c: Float64Array, s: number): number {
  let sum = 0;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    sum += weights[i]! * (c[i]! - s);
  }
  return sum;
}

/** One factor read as codes: each row's member, and each member's column in the design. */
export interface FactorCodes {
  /** Per row: the index into `columnOf` of the member that is 1 there, or −1 for none. */
  readonly code: Int32Array;
  /** Each member's column in the design (−1: no column, e.g. a reference level or aliased). */
  readonly columnOf: Int32Array;
}

/**
 * A design's factor dummies as codes: groups of mutually exclusive 0/1 columns (see
 * `indicatorGroups`), each with one code per row, so a pass can read a factor as one
 * number per row instead of one column per dummy.
 */
export interface DummyCoding {
  readonly groups: readonly FactorCodes[];
}

/**
 * The groups of {@link indicatorGroups} as {@link FactorCodes}: each group's codes and its
 * members' columns.
 *
 * @example
 * groupCodes(indicatorGroups(indicatorLayout(columns)))[0].columnOf // the first group's columns
 */
export function groupCodes(grouped: IndicatorGroups): FactorCodes[] {
  return grouped.groups.map((g) => ({
    code: g.code,
    columnOf: Int32Array.from(g.members, (m) => grouped.layout.sparse[m]!.column),
  }));
}

/**
 * The {@link DummyCoding} of plain columns: `indicatorLayout`'s 0/1 columns (1 in at most half
 * the rows), grouped by {@link indicatorGroups}.
 *
 * @example
 * dummyCoding([ones, age, cityB, cityC]).groups // one group: columns [2, 3]
 */
export function dummyCoding(columns: readonly Float64Array[]): DummyCoding {
  return { groups: groupCodes(indicatorGroups(indicatorLayout(columns))) };
}

/**
 * A coding of some rows and columns of its design: rows `start` … `start + n − 1` (views of the
 * codes, no copy) and the columns `kept` (renumbered 0 … kept.length − 1; a member not kept gets
 * −1, a group left without members is dropped). Mutual exclusivity holds on any subset of rows,
 * so the coding of a design serves every sample that is a run of its rows.
 *
 * @example
 * const prefix = subsetCoding(dummyCoding(full.columns), 0, 120_000, kept);
 */
export function subsetCoding(
  coding: DummyCoding,
  start: number,
  n: number,
  kept: readonly number[],
): DummyCoding {
  const position = new Map(kept.map((j, i) => [j, i]));
  return {
    groups: coding.groups
      .map((g) => ({
        code: g.code.subarray(start, start + n),
        columnOf: Int32Array.from(g.columnOf, (j) => position.get(j) ?? -1),
      }))
      .filter((g) => g.columnOf.some((j) => j >= 0)),
  };
}

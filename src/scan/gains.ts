/**
 * Risk deciles, capture and the gains/lift table.
 *
 * Ties. Clients are ranked by score, highest first. A client's decile is
 * `1 + floor(10 · r / n)`, where r is the number of clients with a strictly higher score: tied
 * clients share the decile in which their tied block starts, whatever their row order (so
 * deciles can differ in size when scores tie). Capture in the top q is the expected share of
 * cases among the first q·n clients of the ranking when ties are broken at random: a tied block
 * that straddles the boundary contributes its cases in proportion to the part of it that lies
 * inside. Without ties and with n divisible by 10, both definitions give the same top decile.
 */

import { InputError } from '../errors.js';
import { proportionInterval } from '../stats/proportion-interval.js';
import { checkLevel } from '../stats/validate.js';
import { markdownOfTable, tableFromRows } from '../table/index.js';
import {
  checkOutcome,
  checkScores,
  type NumericInput,
  orderDescending,
  requireBothClasses,
  requireVaryingScore,
} from './util.js';

/**
 * Risk group of every client, 1 = highest scores (ties share a group; see the module notes).
 *
 * @example
 * riskDeciles([0.9, 0.1, 0.5, 0.5]) // groups of 4 clients into 10: [1, 8, 3, 3]
 */
export function riskDeciles(scores: NumericInput, groups = 10): Uint8Array {
  return riskDecilesOfOrder(scores, undefined, groups);
}

/**
 * {@link riskDeciles} with the scores' descending order given (`orderDescending(scores)`,
 * shared with the other metrics of the same scores); `undefined` sorts here.
 *
 * @example
 * riskDecilesOfOrder(risk, orderDescending(risk)) // as riskDeciles(risk)
 */
export function riskDecilesOfOrder(
  scores: NumericInput,
  order: Uint32Array | undefined,
  groups = 10,
): Uint8Array {
  if (!Number.isInteger(groups) || groups < 2 || groups > 255) {
    throw new InputError(
      `riskDeciles: groups must be a whole number from 2 to 255, got ${groups}`,
      {
        code: 'invalid-option',
        value: String(groups),
      },
    );
  }
  const s = checkScores(scores);
  const n = s.length;
  const ranking = order ?? orderDescending(s);
  const out = new Uint8Array(n);
  let r = 0;
  while (r < n) {
    let e = r + 1;
    while (e < n && s[ranking[e]!] === s[ranking[r]!]) e++;
    const g = 1 + Math.floor((groups * r) / n);
    for (let k = r; k < e; k++) out[ranking[k]!] = g;
    r = e;
  }
  return out;
}

/** Cumulative cases over the ranking with ties spread evenly (see the module notes). */
interface Ranked {
  readonly n: number;
  readonly cases: number;
  /** Expected cases among the first `m` clients, for fractional m. */
  casesWithin(m: number): number;
  /** Sum of scores among the first `m` clients. */
  scoreWithin(m: number): number;
}

function rank(s: Float64Array, y: Uint8Array, given?: Uint32Array): Ranked {
  const n = s.length;
  const order = given ?? orderDescending(s);
  // Tied blocks: start positions, cumulative cases and scores at block starts.
  const starts: number[] = [];
  const cumCases: number[] = [];
  const cumScore: number[] = [];
  let c = 0;
  let sc = 0;
  let r = 0;
  while (r < n) {
    starts.push(r);
    cumCases.push(c);
    cumScore.push(sc);
    let e = r;
    const v = s[order[r]!]!;
    while (e < n && s[order[e]!] === v) {
      c += y[order[e]!]!;
      sc += v;
      e++;
    }
    r = e;
  }
  starts.push(n);
  cumCases.push(c);
  cumScore.push(sc);
  const within = (cum: number[], m: number): number => {
    if (m <= 0) return 0;
    if (m >= n) return cum[cum.length - 1]!;
    // Block b with starts[b] <= m < starts[b + 1].
    let lo = 0;
    let hi = starts.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! <= m) lo = mid;
      else hi = mid;
    }
    const a = starts[lo]!;
    const b = starts[lo + 1]!;
    return cum[lo]! + ((cum[lo + 1]! - cum[lo]!) * (m - a)) / (b - a);
  };
  return {
    n,
    cases: c,
    casesWithin: (m) => within(cumCases, m),
    scoreWithin: (m) => within(cumScore, m),
  };
}

/** Capture in the top `fraction` of the ranking. */
export interface Capture {
  /** Fraction of clients selected, e.g. 0.1. */
  readonly fraction: number;
  /** Clients selected: fraction · n (may be fractional). */
  readonly selected: number;
  /** Cases (outcome 1) among them; expected value under random tie-breaking. */
  readonly casesCaptured: number;
  readonly cases: number;
  /** casesCaptured / cases. */
  readonly capture: number;
  /** Binomial SE √(c(1 − c)/cases), treating the selection as fixed. */
  readonly stdError: number;
  /**
   * Wilson interval (at `level`, default 0.95) of the share of cases captured, casesCaptured of
   * cases, conditional on the selection threshold (its own sampling variation is not included).
   */
  readonly ci: readonly [number, number];
  readonly level: number;
  /** capture / fraction. */
  readonly lift: number;
}

function prepare(scores: NumericInput, y: NumericInput | Uint8Array, what: string) {
  const yy = checkOutcome(y);
  const s = checkScores(scores, yy.length);
  requireBothClasses(yy, what);
  requireVaryingScore(s, what);
  return { s, y: yy };
}

function captureFrom(r: Ranked, fraction: number, level = 0.95): Capture {
  if (!(fraction > 0 && fraction <= 1)) {
    throw new InputError(`capture: fraction must lie in (0, 1], got ${fraction}`, {
      code: 'invalid-option',
      value: String(fraction),
    });
  }
  const selected = fraction * r.n;
  const casesCaptured = r.casesWithin(selected);
  const capture = casesCaptured / r.cases;
  return {
    fraction,
    selected,
    casesCaptured,
    cases: r.cases,
    capture,
    stdError: Math.sqrt((capture * (1 - capture)) / r.cases),
    ci: proportionInterval(casesCaptured, r.cases, level, 'wilson'),
    level,
    lift: capture / fraction,
  };
}

/**
 * Share of all cases found in the top `fraction` of the ranking ("63 % of flow-throughs are in
 * the top 10 %").
 *
 * @example
 * captureAt([0.9, 0.8, 0.1, 0.2], [1, 0, 0, 1], 0.5).capture // 0.5
 */
export function captureAt(
  scores: NumericInput,
  y: NumericInput | Uint8Array,
  fraction: number,
  options: { readonly level?: number } = {},
): Capture {
  const level = checkLevel(options.level, 'captureAt');
  const { s, y: yy } = prepare(scores, y, 'captureAt');
  return captureFrom(rank(s, yy), fraction, level);
}

/** One row of the gains table: the d-th tenth of the ranking. */
export interface GainsRow {
  readonly decile: number;
  /** Clients in this tenth (n/10, may be fractional). */
  readonly clients: number;
  /** Cases in this tenth. */
  readonly cases: number;
  /** Observed rate: cases / clients. */
  readonly observedRate: number;
  /** Mean score in this tenth. */
  readonly meanScore: number;
  /** Cumulative share of clients (0.1, 0.2, …). */
  readonly cumulativeShare: number;
  /** Cumulative capture: share of all cases in deciles 1..d. */
  readonly capture: number;
  /** Cumulative lift: capture / cumulativeShare. */
  readonly lift: number;
  /** Lift of this tenth alone: observedRate / overall rate. */
  readonly decileLift: number;
}

/** {@link gainsTable}'s result. */
export interface GainsTable {
  readonly rows: readonly GainsRow[];
  readonly n: number;
  readonly cases: number;
  readonly rate: number;
  /** Capture in the top 10 % and 20 %. */
  readonly top10: Capture;
  readonly top20: Capture;
  readonly capture10: number;
  readonly capture20: number;
  readonly method: string;
  toMarkdown(): string;
}

/**
 * The gains/lift table per tenth of the ranking (decile 1 = highest scores), with capture in the
 * top 10 % and 20 %. Ties are spread evenly over the boundary (module notes).
 *
 * @example
 * gainsTable(risk, bijstand).capture10 // 0.63
 */
export function gainsTable(
  scores: NumericInput,
  y: NumericInput | Uint8Array,
  groups = 10,
  options: { readonly level?: number } = {},
): GainsTable {
  return gainsTableOfOrder(scores, y, undefined, groups, options);
}

/**
 * {@link gainsTable} with the scores' descending order given (`orderDescending(scores)`, shared
 * with the other metrics of the same scores); `undefined` sorts here.
 *
 * @example
 * gainsTableOfOrder(risk, bijstand, orderDescending(risk)).capture10
 */
export function gainsTableOfOrder(
  scores: NumericInput,
  y: NumericInput | Uint8Array,
  order: Uint32Array | undefined,
  groups = 10,
  options: { readonly level?: number } = {},
): GainsTable {
  const level = checkLevel(options.level, 'gainsTable');
  const { s, y: yy } = prepare(scores, y, 'gainsTable');
  const r = rank(s, yy, order);
  const rate = r.cases / r.n;
  const rows: GainsRow[] = [];
  for (let d = 1; d <= groups; d++) {
    const a = ((d - 1) * r.n) / groups;
    const b = (d * r.n) / groups;
    const clients = b - a;
    const cases = r.casesWithin(b) - r.casesWithin(a);
    const capture = r.casesWithin(b) / r.cases;
    rows.push({
      decile: d,
      clients,
      cases,
      observedRate: cases / clients,
      meanScore: (r.scoreWithin(b) - r.scoreWithin(a)) / clients,
      cumulativeShare: d / groups,
      capture,
      lift: capture / (d / groups),
      decileLift: cases / clients / rate,
    });
  }
  const top10 = captureFrom(r, 0.1, level);
  const top20 = captureFrom(r, 0.2, level);
  return {
    rows,
    n: r.n,
    cases: r.cases,
    rate,
    top10,
    top20,
    capture10: top10.capture,
    capture20: top20.capture,
    method:
      'clients ranked by score (highest first) and cut into tenths; capture = share of all cases in the top q of the ranking, ties spread evenly over a boundary; lift = capture / q',
    toMarkdown: () =>
      markdownOfTable(
        tableFromRows(
          rows.map((row) => ({
            decile: row.decile,
            clients: Math.round(row.clients),
            cases: Math.round(row.cases * 100) / 100,
            'observed rate': row.observedRate,
            'mean score': row.meanScore,
            'cumulative capture': row.capture,
            lift: row.lift,
          })),
          { id: 'gains', title: 'Gains' },
        ),
      ),
  };
}

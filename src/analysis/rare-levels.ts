/**
 * Rare factor levels: a level held by a single client of the sample makes that client's
 * leverage 1 (its dummy fits it exactly), so HC2/HC3 standard errors, which divide by 1 − h, are
 * undefined. This module finds such levels and applies the analyst's choice
 * (`rareLevels: 'error' | 'pool' | 'drop'`).
 *
 * Internal to `src/analysis/` (not part of the public API).
 */
import { formatRows, InputError } from '../errors.js';
import type { SeType } from '../estimate/vcov.js';
import type { ArmSample, Exclusion, SampleFactor } from './arm-sample.js';

/**
 * What to do with a rare factor level: `'error'` (default) stops with a message naming the
 * column, the level and the file row; `'pool'` merges it into the factor's most common level;
 * `'drop'` leaves its clients out of the analysis (reported as excluded).
 */
export type RareLevels = 'error' | 'pool' | 'drop';

/** The accepted values of `rareLevels`. */
export const RARE_LEVELS: readonly RareLevels[] = ['error', 'pool', 'drop'];

/** A rare level of one factor covariate in a sample. */
export interface RareLevel {
  readonly column: string;
  readonly level: string;
  /** Clients of the sample with this level. */
  readonly clients: number;
  /** Their 1-based table rows. */
  readonly rows: readonly number[];
}

/** Level index per sample row of a factor: −1 the reference, j the level of `columns[j]`. */
function levelIndex(sample: ArmSample, f: SampleFactor): Int32Array {
  const n = sample.treated.length;
  const out = new Int32Array(n).fill(-1);
  f.columns.forEach((c, j) => {
    const col = sample.covariates[c]!;
    for (let i = 0; i < n; i++) if (col[i] === 1) out[i] = j;
  });
  return out;
}

/** Per factor of a sample: its clients per level (reference first) in each arm, [control, treated]. */
export type LevelCounts = readonly (readonly [Float64Array, Float64Array])[];

/**
 * {@link LevelCounts} of the sample rows start … end − 1: a dummy column's sum and its sum over
 * the treated (0/1 values: exact), the reference level holding the rest. O(rows × dummies).
 *
 * @example
 * levelCounts(sample)[0][1][2]; // treated clients of the first factor's second non-reference level
 */
export function levelCounts(
  sample: ArmSample,
  start = 0,
  end = sample.treated.length,
): LevelCounts {
  const treated = sample.treated;
  let nTreated = 0;
  for (let i = start; i < end; i++) nTreated += treated[i]!;
  return (sample.factors ?? []).map((f) => {
    const k = f.levels.length + 1;
    const control = new Float64Array(k);
    const treat = new Float64Array(k);
    control[0] = end - start - nTreated;
    treat[0] = nTreated;
    f.columns.forEach((column, j) => {
      const col = sample.covariates[column]!;
      let all = 0;
      let t = 0;
      for (let i = start; i < end; i++) {
        all += col[i]!;
        t += col[i]! * treated[i]!;
      }
      control[j + 1] = all - t;
      treat[j + 1] = t;
      control[0]! -= all - t;
      treat[0]! -= t;
    });
    return [control, treat] as const;
  });
}

/**
 * The {@link LevelCounts} of every prefix [0, n) of a sample for the sizes in `sizes`, from the
 * counts of the segments between consecutive sizes (one pass over the rows for all of them): what
 * {@link rareLevelsOf} needs for the complete-follow-up samples of a series sorted by follow-up.
 *
 * @example
 * const counts = prefixLevelCounts(sorted, [200_000, 190_000]);
 * rareLevelsOf(prefixComparison(sorted, 190_000), false, counts.get(190_000));
 */
export function prefixLevelCounts(
  sample: ArmSample,
  sizes: readonly number[],
): Map<number, LevelCounts> {
  const out = new Map<number, LevelCounts>();
  let end = 0;
  let total: LevelCounts | undefined;
  for (const n of [...new Set(sizes)].sort((a, b) => a - b)) {
    const segment = levelCounts(sample, end, n);
    total = total
      ? total.map(([c, t], f) => {
          const [sc, st] = segment[f]!;
          return [c.map((v, j) => v + sc[j]!), t.map((v, j) => v + st[j]!)] as const;
        })
      : segment;
    out.set(n, total);
    end = n;
  }
  return out;
}

/**
 * The rare levels of a sample: a level with exactly one client, or, with Lin's interacted
 * model (`lin`), exactly one client in one of the arms (the level × treatment dummy then fits
 * that client exactly). Levels absent from the sample are not rare (their dummy is aliased).
 * `counts` are the sample's {@link LevelCounts} when known (e.g. from {@link prefixLevelCounts}).
 *
 * @example
 * rareLevelsOf(sample, false); // [{ column: 'office', level: 'office 9', clients: 1, rows: [101] }]
 */
export function rareLevelsOf(
  sample: ArmSample,
  lin: boolean,
  counts: LevelCounts = levelCounts(sample),
): RareLevel[] {
  const out: RareLevel[] = [];
  (sample.factors ?? []).forEach((f, q) => {
    const [control, treat] = counts[q]!;
    // The level of each row is needed only for the rows of a rare level.
    let idx: Int32Array | undefined;
    for (let j = 0; j < control.length; j++) {
      const c = control[j]!;
      const t = treat[j]!;
      if (!(c + t === 1 || (lin && (c === 1 || t === 1)))) continue;
      idx ??= levelIndex(sample, f);
      const rows: number[] = [];
      for (let i = 0; i < idx.length; i++) if (idx[i] === j - 1) rows.push(sample.rows[i]! + 1);
      out.push({
        column: f.column,
        level: j === 0 ? f.reference : f.levels[j - 1]!,
        clients: c + t,
        rows,
      });
    }
  });
  return out;
}

/**
 * "covariate 'office': level 'office 9' has 1 client (row 101)", for messages; without `rows`
 * for notes (which are not rewritten to file rows).
 *
 * @example
 * describeRareLevel({ column: 'office', level: 'x', clients: 1, rows: [101] }); // "covariate 'office': level 'x' has 1 client (row 101)"
 */
export function describeRareLevel(r: RareLevel, rows = true): string {
  const clients = r.clients === 1 ? '1 client' : `${r.clients} clients`;
  return `covariate '${r.column}': level '${r.level}' has ${clients}${rows ? ` (${formatRows(r.rows)})` : ''}`;
}

/** A sample after {@link handleRareLevels}, with what was done in words. */
export interface RareLevelsHandled<S extends ArmSample> {
  readonly sample: S;
  readonly rare: readonly RareLevel[];
  /** What was pooled or dropped, for the method's notes (absent when nothing was). */
  readonly note?: string;
}

/**
 * Applies `mode` to the rare levels of a sample (see {@link rareLevelsOf}). With `'error'` it
 * throws only where the levels break the chosen SE (HC2, HC3); `'pool'` recodes the level's
 * clients to the factor's most common level in the sample (its dummy row), `'drop'` removes
 * them (an exclusion with the reason). Other columns of `S` aligned with the rows are subset
 * through `subsetRows`. `context` (e.g. " at month 12") goes into the error message.
 *
 * @example
 * const { sample } = handleRareLevels(comparison, 'pool', 'HC2', false, subsetComparison);
 */
export function handleRareLevels<S extends ArmSample>(
  sample: S,
  mode: RareLevels,
  se: SeType,
  lin: boolean,
  subsetRows: (sample: S, keep: Int32Array, excluded: readonly Exclusion[]) => S,
  context = '',
): RareLevelsHandled<S> {
  if (!RARE_LEVELS.includes(mode)) {
    throw new InputError(`rareLevels: expected one of ${RARE_LEVELS.join(', ')}; got "${mode}"`, {
      code: 'invalid-option',
      value: String(mode),
    });
  }
  const rare = rareLevelsOf(sample, lin);
  if (rare.length === 0) return { sample, rare };
  if (mode === 'error') {
    if (se !== 'HC2' && se !== 'HC3') return { sample, rare };
    const first = rare[0]!;
    const more = rare.length > 1 ? ` (and ${rare.length - 1} more rare level(s))` : '';
    throw new InputError(
      `${se} standard errors are undefined${context}: ${describeRareLevel(first)}${more}, so ${first.clients === 1 ? 'that client has' : 'those clients have'} leverage 1${lin ? ' in the interacted (Lin) model' : ''}. Set rareLevels: 'pool' (merge it into the most common level) or 'drop' (leave those clients out), or use se: 'HC1'`,
      { code: 'leverage-one', column: first.column, rows: first.rows, value: first.level },
    );
  }
  if (mode === 'drop') {
    const out = new Set<number>();
    for (const r of rare) for (const row of r.rows) out.add(row - 1);
    const keep = Int32Array.from(
      Array.from(sample.rows.keys()).filter((i) => !out.has(sample.rows[i]!)),
    );
    const reason = `rare level (${rare.map((r) => `${r.column} = '${r.level}'`).join(', ')})`;
    const excluded = [...sample.excluded, { reason, count: out.size }];
    return {
      sample: subsetRows(sample, keep, excluded),
      rare,
      note: `clients with a rare factor level left out: ${rare.map((r) => describeRareLevel(r, false)).join('; ')}`,
    };
  }
  const covariates = sample.covariates.map((c) => Float64Array.from(c));
  const pooled: string[] = [];
  for (const f of sample.factors ?? []) {
    const mine = rare.filter((r) => r.column === f.column);
    if (mine.length === 0) continue;
    const idx = levelIndex(sample, f);
    const counts = new Int32Array(f.levels.length + 1);
    for (const j of idx) counts[j + 1]! += 1;
    const names = [f.reference, ...f.levels];
    const isRare = names.map((l) => mine.some((r) => r.level === l));
    let modal = -1;
    counts.forEach((c, j) => {
      if (!isRare[j] && (modal < 0 || c > counts[modal]!)) modal = j;
    });
    if (modal < 0) continue; // every level rare: nothing to pool into; the fit reports it
    for (let i = 0; i < idx.length; i++) {
      if (!isRare[idx[i]! + 1]) continue;
      f.columns.forEach((c, j) => {
        covariates[c]![i] = j === modal - 1 ? 1 : 0;
      });
    }
    pooled.push(
      `${f.column}: ${mine.map((r) => `'${r.level}'`).join(', ')} into '${names[modal]}'`,
    );
  }
  return {
    sample: { ...sample, covariates },
    rare,
    note: `rare factor levels (a single client${lin ? ', or a single client in an arm' : ''}) pooled into the most common level: ${pooled.join('; ')}`,
  };
}

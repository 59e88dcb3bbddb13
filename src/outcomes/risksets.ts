/**
 * Shared first step of the survival kernels: validate (time, status) arrays and collapse them
 * into distinct times with counts. Censoring at a time counts as happening after the events at
 * that time (R's convention), so a client censored at t is still at risk at t.
 */
import { formatRows, InputError } from '../errors.js';

/** Distinct times (ascending) with the number at risk, events per cause and censorings. */
export interface RiskSets {
  /** Distinct observed times, ascending (event and censoring times alike). */
  readonly time: Float64Array;
  /** Number at risk just before each time: #{time_i ≥ t}. */
  readonly nRisk: Float64Array;
  /** `nEvent[k - 1][j]`: events of cause k at time j (k = 1…causes). */
  readonly nEvent: readonly Float64Array[];
  /** Censored at each time. */
  readonly nCensor: Float64Array;
  /** Total number of observations. */
  readonly n: number;
}

/**
 * Validates and tabulates. `status[i]` is 0 (censored) or a cause 1…`causes`.
 * Throws `InputError` for unequal lengths (`length-mismatch`), non-finite times
 * (`not-finite`) and statuses that are not whole numbers in 0…causes (`out-of-range`).
 */
export function riskSets(
  time: ArrayLike<number>,
  status: ArrayLike<number>,
  causes: number,
  statusName = 'status',
): RiskSets {
  const n = time.length;
  if (status.length !== n) {
    throw new InputError(`time has ${n} values but ${statusName} has ${status.length}`, {
      code: 'length-mismatch',
    });
  }
  const badTime: number[] = [];
  const badStatus: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(time[i])) badTime.push(i + 1);
    const s = status[i]!;
    if (!(Number.isInteger(s) && s >= 0 && s <= causes)) badStatus.push(i + 1);
  }
  if (badTime.length) {
    throw new InputError(`time must be finite numbers; not so in ${formatRows(badTime)}`, {
      code: 'not-finite',
      rows: badTime,
    });
  }
  if (badStatus.length) {
    throw new InputError(
      `${statusName} must be 0 (censored) or a whole number 1…${causes}; not so in ${formatRows(badStatus)}`,
      { code: 'out-of-range', rows: badStatus },
    );
  }

  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => time[a]! - time[b]!);

  // Count distinct times first so the outputs are allocated once.
  let distinct = 0;
  for (let i = 0; i < n; i++) {
    if (i === 0 || time[order[i]!] !== time[order[i - 1]!]) distinct++;
  }
  const times = new Float64Array(distinct);
  const nRisk = new Float64Array(distinct);
  const nCensor = new Float64Array(distinct);
  const nEvent: Float64Array[] = [];
  for (let k = 0; k < causes; k++) nEvent.push(new Float64Array(distinct));

  let j = -1;
  for (let i = 0; i < n; i++) {
    const o = order[i]!;
    const t = time[o]!;
    if (j < 0 || t !== times[j]) {
      j++;
      times[j] = t;
      nRisk[j] = n - i;
    }
    const s = status[o]!;
    if (s === 0) nCensor[j]!++;
    else nEvent[s - 1]![j]!++;
  }
  return { time: times, nRisk, nEvent, nCensor, n };
}

/**
 * Index of the last time ≤ t in an ascending array, or −1 when t precedes them all
 * (a right-continuous step function's value at t is the value at that index).
 */
export function stepIndex(times: Float64Array, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * Checks group codes of a k-sample survival test: `groups` a whole number ≥ 2, one code per
 * client, each a whole number 0…groups − 1; otherwise an `InputError` naming `fn` and the rows.
 *
 * @example
 * checkGroupCodes('logRank', [0, 1, 1], 2, 3); // passes
 */
export function checkGroupCodes(
  fn: string,
  group: ArrayLike<number>,
  groups: number,
  n: number,
): void {
  if (!(Number.isInteger(groups) && groups >= 2)) {
    throw new InputError(`${fn}: groups must be a whole number ≥ 2, got ${groups}`, {
      code: 'invalid-option',
      value: String(groups),
    });
  }
  if (group.length !== n) {
    throw new InputError(`${fn}: time has ${n} values but group has ${group.length}`, {
      code: 'length-mismatch',
    });
  }
  const bad: number[] = [];
  for (let i = 0; i < n; i++) {
    const g = group[i]!;
    if (!(Number.isInteger(g) && g >= 0 && g < groups)) bad.push(i + 1);
  }
  if (bad.length) {
    throw new InputError(
      `${fn}: group must be a whole number 0…${groups - 1}; not so in ${formatRows(bad)}`,
      { code: 'out-of-range', rows: bad },
    );
  }
}

/**
 * Client indices in order of time (ascending; ties keep no particular order), for a pass over
 * the event times. O(n log n).
 *
 * @example
 * timeOrder([3, 1, 2]); // Uint32Array [1, 2, 0]
 */
export function timeOrder(time: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(time.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => time[a]! - time[b]!);
}

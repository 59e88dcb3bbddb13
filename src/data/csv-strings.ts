/**
 * Strings of a text column from CSV bytes: a column with few distinct values (arm, region,
 * participation) gets one string per distinct value, shared by its rows (found by a hash of the
 * bytes, nothing allocated per row); a column of mostly distinct values (ids) stops sharing
 * after {@link MAX_SHARED} values and makes one string per cell.
 */

/** Distinct values a column shares before it gives up sharing. */
const MAX_SHARED = 4096;
const SLOTS = 8192;

/** One string per ASCII byte length up to 64 without allocating an argument array. */
const SCRATCH: number[][] = Array.from({ length: 65 }, (_, k) => new Array<number>(k).fill(0));

/** The ASCII bytes `b[s, e)` as a string. */
export function asciiString(b: Uint8Array, s: number, e: number): string {
  const len = e - s;
  if (len > 64) return String.fromCharCode.apply(null, Array.from(b.subarray(s, e)));
  const a = SCRATCH[len]!;
  for (let k = 0; k < len; k++) a[k] = b[s + k]!;
  return String.fromCharCode.apply(null, a);
}

/** Shares the strings of one column's cells by their bytes. */
export class StringPool {
  private readonly slots = new Int32Array(SLOTS).fill(-1);
  private readonly values: string[] = [];
  private readonly offsets: number[] = [];
  private store = new Uint8Array(1024);
  private used = 0;
  private open = true;

  /** The ASCII cell `b[s, e)` as a string, shared with equal cells while the pool is open. */
  get(b: Uint8Array, s: number, e: number): string {
    if (!this.open) return asciiString(b, s, e);
    let h = 0x811c9dc5;
    for (let i = s; i < e; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
    let slot = (h >>> 0) & (SLOTS - 1);
    for (;;) {
      const k = this.slots[slot]!;
      if (k < 0) break;
      if (this.equals(k, b, s, e)) return this.values[k]!;
      slot = (slot + 1) & (SLOTS - 1);
    }
    const value = asciiString(b, s, e);
    if (this.values.length >= MAX_SHARED) {
      this.open = false;
      return value;
    }
    this.add(b, s, e);
    this.slots[slot] = this.values.length;
    this.values.push(value);
    return value;
  }

  private equals(k: number, b: Uint8Array, s: number, e: number): boolean {
    const from = this.offsets[k]!;
    const to = this.offsets[k + 1] ?? this.used;
    if (to - from !== e - s) return false;
    for (let i = 0; i < e - s; i++) if (this.store[from + i] !== b[s + i]) return false;
    return true;
  }

  private add(b: Uint8Array, s: number, e: number): void {
    const len = e - s;
    if (this.used + len > this.store.length) {
      const bigger = new Uint8Array(Math.max(2 * this.store.length, this.used + len));
      bigger.set(this.store);
      this.store = bigger;
    }
    this.offsets.push(this.used);
    this.store.set(b.subarray(s, e), this.used);
    this.used += len;
  }
}

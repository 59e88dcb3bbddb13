/**
 * Strings of a text column from CSV bytes: a column with few distinct values (arm, region,
 * participation) gets one string per distinct value, shared by its rows (found by a hash of the
 * bytes, nothing allocated per row), and the reader keeps each distinct cell's type flags with
 * it; a column of mostly distinct values (ids) stops sharing after {@link MAX_SHARED} values and
 * makes one string per cell.
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

/** FNV-1a's offset basis: the hash of no bytes. */
export const HASH_START = 0x811c9dc5;

/**
 * The FNV-1a hash of `b[s, e)` (32 bits): `h = (h ^ byte) · 16777619` from {@link HASH_START}.
 * A caller that already walks the bytes may compute it on the way, by the same rule.
 *
 * @example
 * hashBytes(new TextEncoder().encode('control'), 0, 7) === hashBytes(new TextEncoder().encode('control'), 0, 7); // true
 */
export function hashBytes(b: Uint8Array, s: number, e: number): number {
  let h = HASH_START;
  for (let i = s; i < e; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
  return h;
}

/**
 * The distinct cells of one column, by their bytes: each entry's string and a number the
 * caller keeps with it (the cell's type flags, so that a repeated cell is classified once).
 */
export class StringPool {
  private readonly slots = new Int32Array(SLOTS).fill(-1);
  private readonly values: string[] = [];
  private readonly tags: number[] = [];
  private readonly offsets: number[] = [];
  private store = new Uint8Array(1024);
  private used = 0;
  /** Still sharing: fewer than {@link MAX_SHARED} distinct values so far. */
  open = true;

  /** The entry of the ASCII cell `b[s, e)` with hash `h` ({@link hashBytes}), or -1. */
  find(b: Uint8Array, s: number, e: number, h: number): number {
    let slot = (h >>> 0) & (SLOTS - 1);
    for (;;) {
      const k = this.slots[slot]!;
      if (k < 0) return -1;
      if (this.equals(k, b, s, e)) return k;
      slot = (slot + 1) & (SLOTS - 1);
    }
  }

  /**
   * Adds the ASCII cell `b[s, e)` (hash `h`, not in the pool) with its `tag`; its entry, or -1
   * once the pool is full (then it closes and shares nothing more).
   */
  add(b: Uint8Array, s: number, e: number, h: number, tag: number): number {
    if (this.values.length >= MAX_SHARED) {
      this.open = false;
      return -1;
    }
    let slot = (h >>> 0) & (SLOTS - 1);
    while (this.slots[slot]! >= 0) slot = (slot + 1) & (SLOTS - 1);
    this.keep(b, s, e);
    this.slots[slot] = this.values.length;
    this.values.push(asciiString(b, s, e));
    this.tags.push(tag);
    return this.values.length - 1;
  }

  /** The string of entry `k`. */
  value(k: number): string {
    return this.values[k]!;
  }

  /** The tag of entry `k`. */
  tag(k: number): number {
    return this.tags[k]!;
  }

  /** The ASCII cell `b[s, e)` as a string, shared with equal cells while the pool is open. */
  get(b: Uint8Array, s: number, e: number): string {
    if (!this.open) return asciiString(b, s, e);
    const h = hashBytes(b, s, e);
    const k = this.find(b, s, e, h);
    if (k >= 0) return this.values[k]!;
    const added = this.add(b, s, e, h, 0);
    return added >= 0 ? this.values[added]! : asciiString(b, s, e);
  }

  private equals(k: number, b: Uint8Array, s: number, e: number): boolean {
    const from = this.offsets[k]!;
    const to = this.offsets[k + 1] ?? this.used;
    if (to - from !== e - s) return false;
    for (let i = 0; i < e - s; i++) if (this.store[from + i] !== b[s + i]) return false;
    return true;
  }

  private keep(b: Uint8Array, s: number, e: number): void {
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

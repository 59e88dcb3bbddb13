/**
 * CSV records in bytes: where each field of the next record starts and ends, found by the rules
 * of `splitRecords` in ./csv.ts (RFC 4180 quotes with `""` escapes, a quote opens a quoted field
 * only at the field's start, LF, CR and CRLF end a record, blank lines are skipped), without
 * making a string. Field text is made only on request ({@link fieldText}).
 */

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Reads the records of CSV bytes one at a time into reused offset arrays. */
export class RecordScanner {
  /** Start of each field of the current record (byte offset). */
  readonly starts: Int32Array;
  /** End of each field (exclusive). */
  readonly ends: Int32Array;
  /** 1 where the field starts with a quote. */
  readonly quoted: Uint8Array;
  /** Number of fields of the current record; more than the capacity means "too many". */
  count = 0;
  /** An unterminated quoted field was found (the parse cannot go on). */
  unterminated = false;
  private pos: number;

  /**
   * @param bytes the CSV bytes; `start` skips a byte-order mark.
   * @param capacity the most fields a record may have (the header's count).
   */
  constructor(
    private readonly bytes: Uint8Array,
    private readonly delimiter: number,
    capacity: number,
    start: number,
  ) {
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.quoted = new Uint8Array(capacity);
    this.pos = start;
  }

  /** The byte offset reached. */
  get position(): number {
    return this.pos;
  }

  /** Starts again at byte `start`. */
  reset(start: number): void {
    this.pos = start;
    this.count = 0;
    this.unterminated = false;
  }

  /** Reads the next non-blank record; false at the end of the data (or an unterminated quote). */
  next(): boolean {
    const b = this.bytes;
    const n = b.length;
    const d = this.delimiter;
    const cap = this.starts.length;
    let pos = this.pos;
    for (;;) {
      if (pos >= n) {
        this.pos = pos;
        return false;
      }
      let count = 0;
      let fieldStart = pos;
      let quoted = 0;
      let sawAny = false;
      for (;;) {
        const c = pos < n ? b[pos]! : LF;
        if (c === QUOTE && pos === fieldStart) {
          sawAny = true;
          quoted = 1;
          let j = pos + 1;
          for (;;) {
            while (j < n && b[j] !== QUOTE) j++;
            if (j >= n) {
              this.unterminated = true;
              this.pos = n;
              return false;
            }
            if (b[j + 1] === QUOTE) j += 2;
            else break;
          }
          pos = j + 1;
          continue;
        }
        if (c === d || c === LF || c === CR) {
          if (count < cap) {
            this.starts[count] = fieldStart;
            this.ends[count] = pos;
            this.quoted[count] = quoted;
          }
          count++;
          if (c === d) {
            sawAny = true;
            pos++;
            fieldStart = pos;
            quoted = 0;
            continue;
          }
          if (c === CR && b[pos + 1] === LF) pos++;
          pos++;
          break;
        }
        // An unquoted run: up to the next delimiter or line end.
        sawAny = true;
        pos++;
        while (pos < n) {
          const e = b[pos]!;
          if (e === d || e === LF || e === CR) break;
          pos++;
        }
      }
      if (sawAny) {
        this.count = count;
        this.pos = pos;
        return true;
      }
    }
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The text of field `[s, e)` as `splitRecords` of ./csv.ts gives it: a quoted field without its
 * quotes and with `""` as `"` (and whatever follows the closing quote, literally). Throws a
 * `TypeError` for bytes that are not UTF-8.
 */
export function fieldText(bytes: Uint8Array, s: number, e: number, quoted: boolean): string {
  if (!quoted) return utf8.decode(bytes.subarray(s, e));
  let j = s + 1;
  for (;;) {
    while (bytes[j] !== QUOTE) j++;
    if (bytes[j + 1] === QUOTE) j += 2;
    else break;
  }
  const inner = utf8.decode(bytes.subarray(s + 1, j)).replaceAll('""', '"');
  return j + 1 < e ? inner + utf8.decode(bytes.subarray(j + 1, e)) : inner;
}

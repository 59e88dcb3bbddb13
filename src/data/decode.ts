/**
 * Bytes of a text file (CSV, TSV, JSON) → text, refusing what would silently corrupt it: UTF-16
 * (its NUL bytes would pass into every output), NUL bytes (binary data), and bytes that are not
 * UTF-8 (Latin-1 letters would become U+FFFD). A Latin-1 / Windows-1252 file is read when the
 * caller says so (`encoding: 'windows-1252'`).
 */
import { InputError } from '../errors.js';

/** Text encodings the loaders read. */
export type TextEncoding = 'utf-8' | 'windows-1252';

const ENCODINGS: readonly TextEncoding[] = ['utf-8', 'windows-1252'];

/**
 * Decodes the bytes of a text file. UTF-8 (default): a byte-order mark is dropped, and any byte
 * sequence that is not UTF-8 is an `InputError` (`malformed-input`) naming the line, since the
 * usual cause is a Latin-1 export. `windows-1252` decodes every byte (Latin-1 and the Windows
 * letters €, ‘, ’). Either way, a UTF-16 byte-order mark or a NUL byte is refused, naming the line.
 * `what` names the data in messages (e.g. `'data.csv'`).
 *
 * @example
 * decodeText(new TextEncoder().encode('id,arm\n')); // 'id,arm\n'
 * decodeText(Uint8Array.of(0x63, 0x61, 0x66, 0xe9), { encoding: 'windows-1252' }); // 'café'
 */
export function decodeText(
  bytes: Uint8Array,
  options: { readonly encoding?: TextEncoding; readonly what?: string } = {},
): string {
  const what = options.what ?? 'the text';
  const encoding = options.encoding ?? 'utf-8';
  if (!ENCODINGS.includes(encoding)) {
    throw new InputError(`unknown encoding '${encoding}'; expected ${ENCODINGS.join(' or ')}`, {
      code: 'invalid-option',
      value: String(encoding),
    });
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new InputError(
      `${what} is UTF-16 text (it starts with a UTF-16 byte-order mark); expected UTF-8: save it as UTF-8 (in Excel: "CSV UTF-8")`,
      { code: 'malformed-input' },
    );
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const utf16 = nul <= 1 && bytes.length > 3 && (bytes[nul + 2] === 0 || bytes[nul + 1] === 0);
    throw new InputError(
      utf16
        ? `${what} looks like UTF-16 text without a byte-order mark (every other byte is NUL); expected UTF-8: save it as UTF-8`
        : `${what} contains a NUL byte on line ${lineAt(bytes, nul)}: it is binary data, not UTF-8 text`,
      { code: 'malformed-input' },
    );
  }
  if (encoding === 'windows-1252') return decodeWindows1252(bytes);
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    // The engine's strict decoder is fast; our scan below only runs to locate a failure.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(start));
  } catch {
    // located below
  }
  const bad = firstInvalidUtf8(bytes, start);
  if (bad >= 0) {
    throw new InputError(
      `${what} is not UTF-8: byte 0x${bytes[bad]!.toString(16).toUpperCase().padStart(2, '0')} on line ${lineAt(bytes, bad)} is not a UTF-8 character; it is probably Latin-1 / Windows-1252 (an Excel or SPSS export): save it as UTF-8, or give encoding 'windows-1252' (--encoding windows-1252)`,
      { code: 'malformed-input' },
    );
  }
  return new TextDecoder('utf-8').decode(bytes.subarray(start));
}

/** 1-based line of a byte offset. */
function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/**
 * Offset of the first byte that does not start or continue a well-formed UTF-8 sequence
 * (RFC 3629: no overlong forms, no surrogates, at most U+10FFFF), or −1. One pass, O(n).
 */
function firstInvalidUtf8(bytes: Uint8Array, start: number): number {
  const n = bytes.length;
  let i = start;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      const [min, max] = k === 1 ? [lo, hi] : [0x80, 0xbf];
      if (c < min || c > max) return i;
    }
    i += need + 1;
  }
  return -1;
}

/**
 * Windows-1252 bytes 0x80–0x9F (€, ‚, ƒ, „, …, ‘, ’, “, ”, •, –, —, ˜, ™, š, œ, ž, Ÿ; the five
 * unassigned bytes map to the C1 controls, as the WHATWG Encoding Standard does). Our own table:
 * Node without full ICU decodes the label 'windows-1252' as ISO-8859-1, losing the € sign.
 */
const CP1252_80_9F = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039,
  0x0152, 0x008d, 0x017d, 0x008f, 0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
  0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

/** Windows-1252 → text: bytes below 0x80 and from 0xA0 are their own code points (Latin-1). */
function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let start = 0; start < bytes.length; start += 8192) {
    const chunk = bytes.subarray(start, start + 8192);
    out += String.fromCharCode(
      ...Array.from(chunk, (b) => (b >= 0x80 && b < 0xa0 ? CP1252_80_9F[b - 0x80]! : b)),
    );
  }
  return out;
}

/**
 * SHA-256 (FIPS 180-4) and HMAC-SHA256 (RFC 2104) in plain TypeScript, synchronous and
 * dependency-free, so that hashed assignment and pseudonymisation give the same bytes in Node,
 * Deno and browsers (WebCrypto is async-only and `node:crypto` is Node-only).
 *
 * The keyed form precomputes the inner and outer key states once, so hashing a short id costs
 * two compressions and no allocation — that is what makes ten million ids per run cheap.
 */

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const IV = new Uint32Array([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

const BLOCK = 64;

/** Compresses one 64-byte block at `offset` of `data` into `state` (in place). */
function compress(state: Uint32Array, data: Uint8Array, offset: number, w: Uint32Array): void {
  for (let t = 0; t < 16; t++) {
    const j = offset + 4 * t;
    w[t] = ((data[j]! << 24) | (data[j + 1]! << 16) | (data[j + 2]! << 8) | data[j + 3]!) >>> 0;
  }
  for (let t = 16; t < 64; t++) {
    const x = w[t - 15]!;
    const y = w[t - 2]!;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) >>> 0;
  }
  let a = state[0]!;
  let b = state[1]!;
  let c = state[2]!;
  let d = state[3]!;
  let e = state[4]!;
  let f = state[5]!;
  let g = state[6]!;
  let h = state[7]!;
  for (let t = 0; t < 64; t++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const t1 = (h + S1 + ch + K[t]! + w[t]!) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (S0 + maj) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = (state[0]! + a) >>> 0;
  state[1] = (state[1]! + b) >>> 0;
  state[2] = (state[2]! + c) >>> 0;
  state[3] = (state[3]! + d) >>> 0;
  state[4] = (state[4]! + e) >>> 0;
  state[5] = (state[5]! + f) >>> 0;
  state[6] = (state[6]! + g) >>> 0;
  state[7] = (state[7]! + h) >>> 0;
}

/**
 * Hashes the first `length` bytes of `message` starting from `state` (already advanced over
 * `prefixBytes` bytes), leaving the final state in `state`. `scratch` holds two blocks: only the
 * tail (< 64 bytes) is copied there for padding.
 */
function finish(
  state: Uint32Array,
  message: Uint8Array,
  length: number,
  prefixBytes: number,
  w: Uint32Array,
  scratch: Uint8Array,
): void {
  const full = length - (length % BLOCK);
  for (let off = 0; off < full; off += BLOCK) compress(state, message, off, w);
  const rest = length - full;
  // Padding: 0x80, zeros, then the total bit length as a 64-bit big-endian integer.
  const padded = rest + 9 <= BLOCK ? BLOCK : 2 * BLOCK;
  scratch.fill(0, 0, padded);
  for (let i = 0; i < rest; i++) scratch[i] = message[full + i]!;
  scratch[rest] = 0x80;
  const bits = (prefixBytes + length) * 8;
  const hi = Math.floor(bits / 0x100000000);
  const lo = bits >>> 0;
  scratch[padded - 8] = hi >>> 24;
  scratch[padded - 7] = (hi >>> 16) & 0xff;
  scratch[padded - 6] = (hi >>> 8) & 0xff;
  scratch[padded - 5] = hi & 0xff;
  scratch[padded - 4] = lo >>> 24;
  scratch[padded - 3] = (lo >>> 16) & 0xff;
  scratch[padded - 2] = (lo >>> 8) & 0xff;
  scratch[padded - 1] = lo & 0xff;
  for (let off = 0; off < padded; off += BLOCK) compress(state, scratch, off, w);
}

function stateToBytes(state: Uint32Array, out: Uint8Array): Uint8Array {
  for (let i = 0; i < 8; i++) {
    const v = state[i]!;
    out[4 * i] = v >>> 24;
    out[4 * i + 1] = (v >>> 16) & 0xff;
    out[4 * i + 2] = (v >>> 8) & 0xff;
    out[4 * i + 3] = v & 0xff;
  }
  return out;
}

const encoder = new TextEncoder();

/** UTF-8 bytes of a string (bytes are passed through unchanged). */
export function utf8(input: string | Uint8Array): Uint8Array {
  return typeof input === 'string' ? encoder.encode(input) : input;
}

/**
 * Lower-case hexadecimal of a byte array.
 *
 * @example
 * toHex(new Uint8Array([0, 171, 255])) // "00abff"
 */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += (b < 16 ? '0' : '') + b.toString(16);
  return s;
}

/**
 * SHA-256 digest (FIPS 180-4) of a string (as UTF-8) or bytes.
 *
 * @example
 * toHex(sha256('abc')) // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
 */
export function sha256(message: string | Uint8Array): Uint8Array {
  const bytes = utf8(message);
  const state = IV.slice();
  finish(state, bytes, bytes.length, 0, new Uint32Array(64), new Uint8Array(2 * BLOCK));
  return stateToBytes(state, new Uint8Array(32));
}

/**
 * A keyed HMAC-SHA256 function (RFC 2104): HMAC(K, m) = H((K' ⊕ opad) ‖ H((K' ⊕ ipad) ‖ m)),
 * with K' the key zero-padded to 64 bytes (or its SHA-256 first when longer than 64 bytes).
 * The returned function reuses its buffers: copy the digest if you keep it.
 *
 * @example
 * const mac = hmacSha256Keyed('key');
 * toHex(mac('The quick brown fox jumps over the lazy dog'))
 * // "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"
 */
export function hmacSha256Keyed(
  key: string | Uint8Array,
): (message: string | Uint8Array) => Uint8Array {
  let k = utf8(key);
  if (k.length > BLOCK) k = sha256(k);
  const pad = new Uint8Array(BLOCK);
  const w = new Uint32Array(64);
  const inner = IV.slice();
  const outer = IV.slice();
  pad.set(k);
  for (let i = 0; i < BLOCK; i++) pad[i] = pad[i]! ^ 0x36;
  compress(inner, pad, 0, w);
  pad.fill(0);
  pad.set(k);
  for (let i = 0; i < BLOCK; i++) pad[i] = pad[i]! ^ 0x5c;
  compress(outer, pad, 0, w);

  const state = new Uint32Array(8);
  const digest = new Uint8Array(32);
  const scratch = new Uint8Array(2 * BLOCK);
  let text = new Uint8Array(256);
  return (message) => {
    let m: Uint8Array;
    let length: number;
    if (typeof message === 'string') {
      // Encode into a reused buffer: ids are short, and a fresh array per id dominated the cost.
      if (text.length < 3 * message.length) text = new Uint8Array(3 * message.length);
      length = encoder.encodeInto(message, text).written;
      m = text;
    } else {
      m = message;
      length = message.length;
    }
    state.set(inner);
    finish(state, m, length, BLOCK, w, scratch);
    stateToBytes(state, digest);
    state.set(outer);
    finish(state, digest, 32, BLOCK, w, scratch);
    return stateToBytes(state, digest);
  };
}

/**
 * HMAC-SHA256 (RFC 2104) of `message` under `key`; strings are taken as UTF-8.
 *
 * @example
 * toHex(hmacSha256('key', 'The quick brown fox jumps over the lazy dog'))
 * // "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"
 */
export function hmacSha256(key: string | Uint8Array, message: string | Uint8Array): Uint8Array {
  return hmacSha256Keyed(key)(message).slice();
}

// Aggregator flow: the window's seen-set of post-id hashes ↔ (this file) the compact string the
// JSON state carries. Layout, all unsigned LEB128 varints, then base64: the number of hashes,
// the smallest hash, then the gap from each hash to the next. Gaps of n random 48-bit values
// are about 2^48 / n, so at 100,000 ids a hash takes about 5 bytes instead of 8 (or 15 as JSON).
import { InvalidWindowStateError } from './errors';
import { POST_ID_HASH_BITS } from './post-id-hash';

const HASH_LIMIT = 2 ** POST_ID_HASH_BITS;
// A value below 2^48 needs at most ceil(48 / 7) = 7 varint bytes.
const MAX_VARINT_BYTES = Math.ceil(POST_ID_HASH_BITS / 7);
// Values are split at 2^28 so each half is coded with 32-bit integer operations (doubles only
// for the split): four 7-bit groups from the low part, the rest from the high part.
const TWO_POW_28 = 2 ** 28;
const FIELD = 'seenPostIds';

/**
 * Encodes `sorted[0 .. count)` — strictly increasing integers below 2^48 — as base64 of
 * varints (count, first value, gaps). The empty set is "". Canonical: one set, one string.
 *
 * @example
 * ```ts
 * encodeSortedHashes(Float64Array.of(1, 300), 2); // 'AgGrAg==' (bytes 02 01 AB 02)
 * ```
 */
export function encodeSortedHashes(sorted: Float64Array, count: number): string {
  if (count === 0) return '';
  const out = Buffer.allocUnsafe((count + 1) * MAX_VARINT_BYTES);
  let p = writeVarint(out, 0, count);
  let previous = 0;
  for (let i = 0; i < count; i += 1) {
    const value = sorted[i] as number;
    p = writeVarint(out, p, value - previous);
    previous = value;
  }
  return out.toString('base64', 0, p);
}

/**
 * Decodes {@link encodeSortedHashes}' output, checking every byte: canonical base64 and
 * varints (at most 7 bytes, no redundant zero group), strictly increasing values below 2^48,
 * exactly as many as announced, nothing after them.
 *
 * @throws InvalidWindowStateError naming `seenPostIds` and the offending byte offset.
 * @example
 * ```ts
 * decodeSortedHashes('AgGrAg=='); // Float64Array [1, 300]
 * ```
 */
export function decodeSortedHashes(encoded: string): Float64Array {
  if (encoded.length === 0) return new Float64Array(0);
  const bytes = Buffer.from(encoded, 'base64');
  // Node's decoder skips characters outside the alphabet; re-encoding catches them, missing or
  // extra padding and non-zero spare bits, so only canonical strings pass.
  if (bytes.toString('base64') !== encoded) fail('expected canonical base64');
  const count = readVarint(bytes, 0);
  // Every hash takes at least one byte: a larger count is corrupt (and must not be allocated).
  if (count < 1 || count > bytes.length - cursor) fail(`count ${count} does not fit ${bytes.length} bytes`);
  const values = new Float64Array(count);
  let previous = 0;
  for (let i = 0; i < count; i += 1) {
    const start = cursor;
    const gap = readVarint(bytes, start);
    if (i > 0 && gap === 0) fail(`hashes not strictly increasing at byte ${start}`);
    const value = previous + gap;
    if (value >= HASH_LIMIT) fail(`hash ${value} at byte ${start} is not below 2^${POST_ID_HASH_BITS}`);
    values[i] = value;
    previous = value;
  }
  if (cursor !== bytes.length) fail(`${bytes.length - cursor} bytes after the last of ${count} hashes`);
  return values;
}

// Where readVarint stopped (single-threaded: one decode runs at a time).
let cursor = 0;

/** Reads the varint at `start`, leaves `cursor` after it. */
function readVarint(bytes: Uint8Array, start: number): number {
  let p = start;
  if (p >= bytes.length) fail(`truncated at byte ${p}`);
  let byte = bytes[p++] as number;
  let low = byte & 0x7f;
  let shift = 7;
  while (byte >= 0x80 && shift < 28) {
    if (p >= bytes.length) fail(`truncated varint at byte ${start}`);
    byte = bytes[p++] as number;
    low |= (byte & 0x7f) << shift;
    shift += 7;
  }
  let high = 0;
  shift = 0;
  while (byte >= 0x80) {
    if (p >= bytes.length || p - start >= MAX_VARINT_BYTES) fail(`truncated or over-long varint at byte ${start}`);
    byte = bytes[p++] as number;
    high |= (byte & 0x7f) << shift;
    shift += 7;
  }
  if (byte === 0 && p - start > 1) fail(`non-canonical varint at byte ${start}`);
  cursor = p;
  return high * TWO_POW_28 + low;
}

/** Writes `value` (an integer below 2^48) at `p`; returns the position after it. */
function writeVarint(out: Uint8Array, start: number, value: number): number {
  let p = start;
  let low = value;
  if (value >= TWO_POW_28) {
    let high = Math.floor(value / TWO_POW_28);
    low = value - high * TWO_POW_28;
    out[p++] = (low & 0x7f) | 0x80;
    out[p++] = ((low >>> 7) & 0x7f) | 0x80;
    out[p++] = ((low >>> 14) & 0x7f) | 0x80;
    out[p++] = (low >>> 21) | 0x80;
    while (high >= 0x80) {
      out[p++] = (high & 0x7f) | 0x80;
      high >>>= 7;
    }
    out[p++] = high;
    return p;
  }
  while (low >= 0x80) {
    out[p++] = (low & 0x7f) | 0x80;
    low >>>= 7;
  }
  out[p++] = low;
  return p;
}

function fail(detail: string): never {
  throw new InvalidWindowStateError(`${FIELD}: ${detail}`);
}

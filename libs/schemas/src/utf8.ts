// Locates the first byte that makes a buffer invalid UTF-8 (WHATWG / RFC 3629 rules: no
// overlongs, no surrogates, nothing past U+10FFFF), only for error messages: the decoding
// itself is done by TextDecoder with fatal: true.

/**
 * Returns the offset of the first invalid byte of `bytes`, or -1 when all of it is valid UTF-8.
 *
 * @example
 * ```ts
 * firstInvalidUtf8Offset(new Uint8Array([0x61, 0xff])); // 1
 * ```
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    const [length, lower, upper] = leadByteRule(b);
    if (length === 0) return i;
    for (let k = 1; k < length; k += 1) {
      const c = bytes[i + k];
      const lo = k === 1 ? lower : 0x80;
      const hi = k === 1 ? upper : 0xbf;
      if (c === undefined || c < lo || c > hi) return i;
    }
    i += length;
  }
  return -1;
}

// [sequence length, allowed range of the second byte]; length 0 marks an invalid lead byte.
function leadByteRule(b: number): [number, number, number] {
  if (b >= 0xc2 && b <= 0xdf) return [2, 0x80, 0xbf];
  if (b === 0xe0) return [3, 0xa0, 0xbf];
  if (b === 0xed) return [3, 0x80, 0x9f];
  if (b >= 0xe1 && b <= 0xef) return [3, 0x80, 0xbf];
  if (b === 0xf0) return [4, 0x90, 0xbf];
  if (b >= 0xf1 && b <= 0xf3) return [4, 0x80, 0xbf];
  if (b === 0xf4) return [4, 0x80, 0x8f];
  return [0, 0, 0];
}

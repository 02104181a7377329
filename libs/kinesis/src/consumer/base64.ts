// Consumer flow: Lambda's Kinesis record → (this file) strict base64 → deaggregate → decode.
// Buffer.from(s, 'base64') skips characters outside the alphabet (and accepts base64url), so a
// mangled record would decode to different bytes instead of failing: the alphabet and the padding
// are checked first.
import { NotBase64Error } from '@streamlens/schemas';

// 1 for the 64 characters of RFC 4648's standard alphabet, by char code.
const ALPHABET = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') ALPHABET[c.charCodeAt(0)] = 1;
const PAD = 61; // '='

/**
 * Decodes standard base64 (RFC 4648 §4, padded, no whitespace) strictly.
 *
 * @throws NotBase64Error naming the first offending character or the bad length.
 * @example
 * ```ts
 * decodeBase64Strict('eyJhIjoxfQ=='); // <Buffer 7b 22 61 22 3a 31 7d>
 * decodeBase64Strict('eyJh!IjoxfQ=='); // throws NotBase64Error (character "!" at offset 4)
 * ```
 */
export function decodeBase64Strict(data: string): Buffer {
  const n = data.length;
  let end = n;
  if (n > 0 && data.charCodeAt(n - 1) === PAD) end = data.charCodeAt(n - 2) === PAD ? n - 2 : n - 1;
  for (let i = 0; i < end; i += 1) {
    const c = data.charCodeAt(i);
    if (c >= 128 || ALPHABET[c] !== 1) {
      const shown =
        c === PAD
          ? '"=" before the end'
          : `${JSON.stringify(data[i])} (U+${c.toString(16).toUpperCase().padStart(4, '0')})`;
      throw new NotBase64Error(i, `character ${shown} at offset ${i}`);
    }
  }
  if (n % 4 !== 0) throw new NotBase64Error(n, `length ${n} is not a multiple of 4`);
  return Buffer.from(data, 'base64');
}

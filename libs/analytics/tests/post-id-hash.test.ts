import fc from 'fast-check';
import { hashPostId, POST_ID_HASH_BITS, POST_ID_HASH_SEEDS } from '../src/post-id-hash';

// Reference MurmurHash3 x86_32 over bytes, written from the algorithm's description.
function murmur3(bytes: Uint8Array, seed: number): number {
  const mix = (block: number) => Math.imul(rotl(Math.imul(block, 0xcc9e2d51), 15), 0x1b873593);
  const rotl = (x: number, r: number) => (x << r) | (x >>> (32 - r));
  let h = seed | 0;
  const blocks = bytes.length - (bytes.length % 4);
  for (let i = 0; i < blocks; i += 4) {
    h ^= mix(
      (bytes[i] as number) |
        ((bytes[i + 1] as number) << 8) |
        ((bytes[i + 2] as number) << 16) |
        ((bytes[i + 3] as number) << 24),
    );
    h = (Math.imul(rotl(h, 13), 5) + 0xe6546b64) | 0;
  }
  let tail = 0;
  for (let i = bytes.length - 1; i >= blocks; i -= 1) tail = (tail << 8) | (bytes[i] as number);
  if (bytes.length > blocks) h ^= mix(tail);
  h ^= bytes.length;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Pairs of hashes equal after `slice` (sort, then count runs of equal values). */
function collisions(hashes: Float64Array, slice: (h: number) => number): number {
  const keys = new Float64Array(hashes.length);
  for (let i = 0; i < hashes.length; i += 1) keys[i] = slice(hashes[i] as number);
  keys.sort();
  let pairs = 0;
  let run = 0;
  for (let i = 1; i < keys.length; i += 1) {
    run = keys[i] === keys[i - 1] ? run + 1 : 0;
    pairs += run;
  }
  return pairs;
}

describe('hashPostId', () => {
  it.each([
    ['', 0, 0],
    ['', 1, 0x514e28b7],
    ['', 0xffffffff, 0x81f16f39],
    ['test', 0, 0xba6bd213],
    ['Hello, world!', 0x9747b28c, 0x24884cba],
    ['The quick brown fox jumps over the lazy dog', 0x9747b28c, 0x2fa826cd],
  ])('the reference MurmurHash3 gives the published value for %j, seed %d', (text, seed, expected) => {
    expect(murmur3(Buffer.from(text, 'latin1'), seed)).toBe(expected);
  });

  it('is MurmurHash3 of the UTF-16LE code units: 32 bits of the first seed, 16 of the second', () => {
    const [seedA, seedB] = POST_ID_HASH_SEEDS;
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ maxLength: 7 })), (id) => {
        // prepare
        const bytes = Buffer.from(id, 'utf16le');
        // act
        const hash = hashPostId(id);
        // assess
        expect(hash).toBe((murmur3(bytes, seedB) >>> 16) * 2 ** 32 + murmur3(bytes, seedA));
        expect(Number.isSafeInteger(hash) && hash >= 0 && hash < 2 ** POST_ID_HASH_BITS).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('spreads structured ids like a random function: 22-bit slices collide as often as chance predicts', () => {
    // prepare: sequential, zero-padded and UUID-like ids
    const n = 30_000;
    const families = [
      Array.from({ length: n }, (_, i) => `p${i}`),
      Array.from({ length: n }, (_, i) => `post-${String(i).padStart(12, '0')}`),
      Array.from(
        { length: n },
        (_, i) =>
          `0190a6f2-${(i * 7919).toString(16).padStart(4, '0')}-7000-8000-00000000${String(i % 10_000).padStart(4, '0')}`,
      ),
    ];
    // Expected pairs sharing 22 bits: n(n − 1)/2 / 2^22 ≈ 107; Poisson, σ ≈ 10.
    const expected = (n * (n - 1)) / 2 / 2 ** 22;
    for (const ids of families) {
      // act
      const hashes = new Float64Array(ids.length);
      ids.forEach((id, i) => (hashes[i] = hashPostId(id)));
      const low = collisions(hashes, (h) => h % 2 ** 22);
      const middle = collisions(hashes, (h) => Math.floor(h / 2 ** 13) % 2 ** 22);
      const high = collisions(hashes, (h) => Math.floor(h / 2 ** 26));
      // assess: within 5σ, and no full 48-bit collision
      for (const pairs of [low, middle, high]) expect(Math.abs(pairs - expected)).toBeLessThan(5 * Math.sqrt(expected));
      expect(collisions(hashes, (h) => h)).toBe(0);
    }
  });
});

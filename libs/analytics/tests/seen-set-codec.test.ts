import fc from 'fast-check';
import { InvalidWindowStateError } from '../src/errors';
import { decodeSortedHashes, encodeSortedHashes } from '../src/seen-set-codec';

const LIMIT = 2 ** 48;
const EDGES = [0, 1, 127, 128, 2 ** 28 - 1, 2 ** 28, 2 ** 35, LIMIT - 2, LIMIT - 1];
const hash = fc.oneof(
  fc.constantFrom(...EDGES),
  fc.maxSafeNat().map((n) => n % LIMIT),
);
const sortedSet = fc.uniqueArray(hash, { maxLength: 300 }).map((xs) => Float64Array.from(xs).sort());

/** Base64 of raw bytes. */
const b64 = (...bytes: number[]) => Buffer.from(bytes).toString('base64');

describe('seen-set codec', () => {
  it('decode(encode(set)) is the set, and encode(decode(s)) is s (one string per set)', () => {
    fc.assert(
      fc.property(sortedSet, (sorted) => {
        // act
        const encoded = encodeSortedHashes(sorted, sorted.length);
        const decoded = decodeSortedHashes(encoded);
        // assess
        expect([...decoded]).toEqual([...sorted]);
        expect(encodeSortedHashes(decoded, decoded.length)).toBe(encoded);
        expect(encoded).toMatch(/^[A-Za-z0-9+/]*={0,2}$/);
      }),
      { numRuns: 300 },
    );
  });

  it('writes the count, the first value and the gaps as LEB128 varints', () => {
    // act
    const encoded = encodeSortedHashes(Float64Array.of(1, 300, LIMIT - 1), 3);
    // assess: 03 | 01 | 299 = AB 02 | 2^48 − 301 = D3 FD FF FF FF FF 3F
    expect([...Buffer.from(encoded, 'base64')]).toEqual([
      0x03, 0x01, 0xab, 0x02, 0xd3, 0xfd, 0xff, 0xff, 0xff, 0xff, 0x3f,
    ]);
    expect(encodeSortedHashes(new Float64Array(0), 0)).toBe('');
    expect([...decodeSortedHashes('')]).toEqual([]);
  });

  it('encodes only the first `count` values of the array', () => {
    expect(encodeSortedHashes(Float64Array.of(5, 9, 1), 2)).toBe(encodeSortedHashes(Float64Array.of(5, 9), 2));
  });

  it.each([
    ['characters outside base64', 'AgGr*Ag==', 'expected canonical base64'],
    ['missing padding', 'AgGrAg', 'expected canonical base64'],
    ['non-zero spare bits', 'AgGrAh==', 'expected canonical base64'],
    ['a count of zero', b64(0x00, 0x01), 'count 0 does not fit'],
    ['a count larger than the bytes', b64(0x05, 0x01, 0x02), 'count 5 does not fit 3 bytes'],
    ['a truncated varint', b64(0x02, 0x01, 0x81), 'truncated varint at byte 2'],
    ['bytes after the last hash', b64(0x01, 0x01, 0x01), '1 bytes after the last of 1 hashes'],
    ['a redundant zero group', b64(0x01, 0x81, 0x00), 'non-canonical varint at byte 1'],
    [
      'a varint over 7 bytes',
      b64(0x01, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01),
      'truncated or over-long varint at byte 1',
    ],
    ['a zero gap (repeated hash)', b64(0x02, 0x07, 0x00), 'hashes not strictly increasing at byte 2'],
    [
      'a hash of 2^48',
      b64(0x01, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40),
      'hash 281474976710656 at byte 1 is not below 2^48',
    ],
  ])('rejects %s, naming seenPostIds', (_label, encoded, message) => {
    // act
    const act = () => decodeSortedHashes(encoded);
    // assess
    expect(act).toThrow(InvalidWindowStateError);
    expect(act).toThrow(`invalid window state: seenPostIds: ${message}`);
  });
});

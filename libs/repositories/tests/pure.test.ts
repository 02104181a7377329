// Pure building blocks: version order, item size, key limits, backoff, cursors, ranges.
import { backoffDelay, isRetryableError, resolveRetry } from '../src/retry-policy';
import { decodeCursor, encodeCursor } from '../src/cursor';
import { estimateItemSize, InvalidCursorError, InvalidRecordError, MAX_ITEM_BYTES } from '../src';
import { planPosts } from '../src/post-plan';
import { itemLimitProblem } from '../src/item-limits';
import { TABLE_SPECS } from '@streamlens/tables';
import { windowRange } from '../src/trend-items';
import { dedupeEntries, putEntry } from '../src/batch-writer';
import fc from 'fast-check';
import type { EnrichedPost } from '@streamlens/schemas';
import { decodePostDoc, encodePostDoc } from '../src/post-doc';
import { post } from './helpers/posts';

describe('planPosts (version key)', () => {
  it('orders by edit time at full precision, then by sequence number numerically, whatever the offset notation', () => {
    const k = (spec: Parameters<typeof post>[0]) => planPosts([post(spec)], 't', 30).plans[0]?.versionKey as string;
    expect(k({ id: 'p', seq: '9' }) < k({ id: 'p', seq: '10' })).toBe(true);
    expect(k({ id: 'p', seq: '99999' }) < k({ id: 'p', editedAt: '2025-01-15T12:00:00.000001Z', seq: '1' })).toBe(true);
    expect(k({ id: 'p', createdAt: '2025-01-15T13:00:00+01:00' })).toBe(
      k({ id: 'p', createdAt: '2025-01-15T12:00:00Z' }),
    );
  });

  it('rejects a sequence number that is not decimal digits, naming the field', () => {
    const { rejected } = planPosts([post({ id: 'p', seq: '-1' })], 't', 30);
    expect(rejected[0]?.error).toBeInstanceOf(InvalidRecordError);
    expect(rejected[0]?.error.message).toMatch(/^record p: lineage\.sequenceNumber expected 1–129 decimal digits/);
  });
});

describe('estimateItemSize', () => {
  it('counts UTF-8 bytes of names and values, never less than the real size', () => {
    expect(estimateItemSize({ pk: 'ab', s: 'é' })).toBe(2 + 2 + 1 + 2);
    expect(estimateItemSize({ l: ['a', 'b'] })).toBe(1 + 3 + 2 * 2);
    expect(estimateItemSize({ m: { k: 'v' } })).toBe(1 + 3 + 1 + 1 + 1);
    expect(estimateItemSize({ big: 'x'.repeat(MAX_ITEM_BYTES) })).toBeGreaterThan(MAX_ITEM_BYTES);
    expect(estimateItemSize({ gone: undefined })).toBe(0);
  });
});

describe('retry policy', () => {
  it('uses full jitter bounded by the cap', () => {
    const retry = resolveRetry({ baseDelayMs: 10, maxDelayMs: 50, random: () => 0.999 });
    expect([1, 2, 3, 4, 5].map((a) => backoffDelay(a, retry))).toEqual([9, 19, 39, 49, 49]);
    expect(backoffDelay(3, { ...retry, random: () => 0 })).toBe(0);
  });

  it('classifies throttling, 5xx and timeouts as retryable, validation errors not', () => {
    expect(isRetryableError({ name: 'ProvisionedThroughputExceededException' })).toBe(true);
    expect(isRetryableError({ name: 'X', $metadata: { httpStatusCode: 503 } })).toBe(true);
    expect(isRetryableError({ name: 'TimeoutError' })).toBe(true);
    expect(
      isRetryableError({ name: 'ValidationException', $fault: 'client', $metadata: { httpStatusCode: 400 } }),
    ).toBe(false);
    expect(isRetryableError('boom')).toBe(false);
  });
});

describe('cursors and ranges', () => {
  it('round-trips a key and refuses one from another partition', () => {
    const c = encodeCursor({ pk: 'TAG#東京', sk: '2025#p1' });
    expect(decodeCursor(c, 'TAG#東京')).toEqual({ pk: 'TAG#東京', sk: '2025#p1' });
    expect(() => decodeCursor(c, 'TAG#x')).toThrow(InvalidCursorError);
  });

  it('spans every day partition of [from, to) and bounds the range', () => {
    expect(windowRange(new Date('2025-01-15T23:00:00Z'), new Date('2025-01-17T00:00:00Z')).days).toEqual([
      'DAY#2025-01-15',
      'DAY#2025-01-16',
    ]);
    expect(() => windowRange(new Date('2020-01-01Z'), new Date('2025-01-01Z'))).toThrow(RangeError);
  });
});

describe('dedupeEntries', () => {
  it('keeps the last entry per key', () => {
    const out = dedupeEntries([
      putEntry('a', { pk: 'k', sk: 's', v: 1 }),
      putEntry('b', { pk: 'k2', sk: 's' }),
      putEntry('c', { pk: 'k', sk: 's', v: 2 }),
    ]);
    expect(out.map((e) => e.ownerId)).toEqual(['b', 'c']);
  });
});

describe('itemLimitProblem', () => {
  const spec = TABLE_SPECS.posts;
  it('names a key attribute over its byte limit, counting UTF-8', () => {
    expect(itemLimitProblem(spec, { pk: `TAG#${'a'.repeat(2044)}`, sk: 'x' })).toBeUndefined();
    expect(itemLimitProblem(spec, { pk: `TAG#${'a'.repeat(2045)}`, sk: 'x' })).toMatchObject({
      attribute: 'pk',
      problem: "is 2049 bytes of UTF-8, over DynamoDB's 2048-byte key limit",
      tooLarge: false,
    });
    expect(itemLimitProblem(spec, { pk: 'p', sk: 'é'.repeat(513) })?.attribute).toBe('sk');
    expect(itemLimitProblem(spec, { pk: 'p', sk: 'é'.repeat(512) })).toBeUndefined();
  });

  it('names an empty or missing key and an item over 400 KB', () => {
    expect(itemLimitProblem(spec, { pk: '', sk: 'x' })?.problem).toBe('is a key attribute and must not be empty');
    expect(itemLimitProblem(spec, { sk: 'x' })?.problem).toBe('is a key attribute and must be a string, got undefined');
    expect(itemLimitProblem(spec, { pk: 'p', sk: 'x', doc: 'x'.repeat(MAX_ITEM_BYTES) })).toMatchObject({
      attribute: '(item)',
      tooLarge: true,
    });
  });
});

describe('post doc (the stored form of a post)', () => {
  const text = fc.string({ unit: 'grapheme', maxLength: 40 });
  const enriched = fc.record(
    {
      post: fc.record(
        {
          schemaVersion: fc.constant(1 as const),
          postId: text,
          source: fc.constantFrom('twitter' as const, 'reddit' as const, 'mastodon' as const),
          author: fc.record({ id: text, handle: text }),
          text,
          lang: text,
          createdAt: text,
          editedAt: text,
          engagement: fc.record({ likes: fc.nat(), reposts: fc.nat(), replies: fc.nat() }, { requiredKeys: [] }),
        },
        { requiredKeys: ['schemaVersion', 'postId', 'source', 'author', 'text', 'createdAt'] },
      ),
      hashtags: fc.array(text, { maxLength: 4 }),
      mentions: fc.array(text, { maxLength: 4 }),
      urls: fc.array(text, { maxLength: 2 }),
      sentiment: fc.record({ score: fc.integer(), comparative: fc.double({ noNaN: true, noDefaultInfinity: true }) }),
      language: text,
      ingestedAt: text,
      lineage: fc.record(
        {
          shardId: text,
          sequenceNumber: fc.stringMatching(/^\d{1,56}$/),
          subSequenceNumber: fc.nat(),
          arrivedAt: fc.nat(),
        },
        { requiredKeys: ['shardId', 'sequenceNumber', 'arrivedAt'] },
      ),
    },
    { requiredKeys: ['post', 'hashtags', 'mentions', 'urls', 'sentiment', 'language', 'ingestedAt', 'lineage'] },
  );

  it('round-trips every field of any post, in its short form', () => {
    fc.assert(
      fc.property(enriched, (e) => {
        const stored = encodePostDoc(e as EnrichedPost);
        expect(stored.name).toBe('d');
        expect(decodePostDoc(stored)).toEqual(JSON.parse(JSON.stringify(e)));
      }),
    );
  });

  it('shortens every field name to one letter and changes nothing else', () => {
    const e = post({ id: 'reddit-1-0-4z', tags: ['ai', 'news'] });
    const saved = (v: unknown): number =>
      Array.isArray(v)
        ? v.reduce((n: number, x) => n + saved(x), 0)
        : v !== null && typeof v === 'object'
          ? Object.entries(v).reduce((n, [k, x]) => n + k.length - 1 + saved(x), 0)
          : 0;
    const stored = encodePostDoc(e);
    expect(saved(e)).toBeGreaterThan(120);
    expect(Buffer.byteLength(JSON.stringify(e)) - Buffer.byteLength(stored.value)).toBe(saved(e));
  });

  it('stores a post with a field it has no short name for as plain JSON, and reads it back', () => {
    const e = { ...post({ id: 'p' }), later: { field: 1 } } as unknown as EnrichedPost;
    const stored = encodePostDoc(e);
    expect(stored).toEqual({ name: 'doc', value: JSON.stringify(e) });
    expect(decodePostDoc(stored)).toEqual(e);
  });
});

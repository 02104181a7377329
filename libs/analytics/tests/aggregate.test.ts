import type { WindowAggregate } from '@streamlens/schemas';
import { mergeAggregates, toWindowAggregate } from '../src/aggregate';
import { InvalidAnalyticsArgumentError } from '../src/errors';
import { foldAll, input, key, plain } from './helpers/fold-helpers';

function row(overrides: Partial<WindowAggregate>): WindowAggregate {
  return {
    ...key('shard-0', 0),
    postCount: 0,
    hashtags: {},
    otherHashtagCount: 0,
    sentimentSum: 0,
    sentimentCount: 0,
    languages: {},
    poisonCount: 0,
    ...overrides,
  };
}

describe('toWindowAggregate', () => {
  it('is deterministic: hashtags by count, then tag; languages by key', () => {
    // prepare: the same posts in two orders
    const inputs = [input(['b', 'a'], { language: 'pt' }), input(['c', 'b'], { language: 'en' }), input(['a'])];
    // act
    const one = toWindowAggregate(foldAll(inputs), key('s', 0));
    const two = toWindowAggregate(foldAll([...inputs].reverse()), key('s', 0));
    // assess
    expect(JSON.stringify(one)).toBe(JSON.stringify(two));
    expect(Object.entries(one.hashtags)).toEqual([
      ['a', 2],
      ['b', 2],
      ['c', 1],
    ]);
    expect(Object.keys(one.languages)).toEqual(['en', 'pt']);
  });

  it('carries key, poison count and no arrival times for an empty state', () => {
    // act
    const result = plain(toWindowAggregate(foldAll([]), key('shard-9', 2)));
    // assess
    expect(result).toEqual({
      ...row({}),
      shardId: 'shard-9',
      part: 2,
      hashtagErrorBound: 0,
      hashtagSentimentSums: {},
      duplicates: 0,
    });
  });

  it('carries the duplicates skipped, which are in no other total', () => {
    // prepare
    const first = input(['a'], { postId: 'p1', sentimentScore: 2 });
    const retry = input(['a'], { postId: 'p1', sentimentScore: 2 });
    const edited = input(['b'], { postId: 'p1', sentimentScore: -3 });
    // act
    const result = plain(toWindowAggregate(foldAll([first, retry, edited, input(['a'])]), key('s', 0)));
    // assess
    expect(result).toMatchObject({
      postCount: 2,
      duplicates: 2,
      hashtags: { a: 2 },
      sentimentSum: 2,
      sentimentCount: 2,
    });
  });

  it('uses null-prototype maps, so any hashtag is a safe key', () => {
    // act
    const result = toWindowAggregate(foldAll([input(['hasownproperty', 'tostring'])]), key('s', 0));
    // assess
    expect(Object.getPrototypeOf(result.hashtags)).toBeNull();
    expect(result.hashtags['tostring']).toBe(1);
  });

  it.each([
    [{ ...key('s', 0), shardId: '' }, 'shardId must be a non-empty string'],
    [{ ...key('s', 0), part: -1 }, 'part must be an integer ≥ 0, got -1'],
    [{ ...key('s', 0), part: 0.5 }, 'part must be an integer'],
  ])('rejects a bad key %j', (badKey, message) => {
    expect(() => toWindowAggregate(foldAll([]), badKey)).toThrow(InvalidAnalyticsArgumentError);
    expect(() => toWindowAggregate(foldAll([]), badKey)).toThrow(message);
  });
});

describe('mergeAggregates', () => {
  it('sums the rows of a window across shards and parts', () => {
    // prepare
    const rows = [
      row({
        postCount: 2,
        hashtags: { a: 2 },
        otherHashtagCount: 1,
        sentimentSum: 3,
        sentimentCount: 2,
        languages: { en: 2 },
        poisonCount: 1,
        firstArrivalAt: 5,
        lastArrivalAt: 9,
        hashtagErrorBound: 1,
        hashtagSentimentSums: { a: 3 },
        duplicates: 2,
      }),
      row({
        shardId: 'shard-1',
        postCount: 1,
        hashtags: { a: 1, b: 1 },
        sentimentSum: -1,
        sentimentCount: 1,
        languages: { en: 1 },
        firstArrivalAt: 2,
        lastArrivalAt: 4,
        hashtagSentimentSums: { a: -1, b: -1 },
        duplicates: 3,
      }),
      row({ part: 1, postCount: 1, hashtags: { b: 1 }, languages: { de: 1 }, windowEnd: '2024-05-01T12:00:31Z' }),
    ];
    // act
    const merged = plain(mergeAggregates(rows));
    // assess
    expect(merged).toEqual({
      windowStart: '2024-05-01T12:00:00Z',
      windowEnd: '2024-05-01T12:00:31Z',
      shardIds: ['shard-0', 'shard-1'],
      rowCount: 3,
      postCount: 4,
      hashtags: { a: 3, b: 2 },
      otherHashtagCount: 1,
      sentimentSum: 2,
      sentimentCount: 3,
      languages: { en: 3, de: 1 },
      poisonCount: 1,
      firstArrivalAt: 2,
      lastArrivalAt: 9,
      hashtagErrorBound: 1,
      hashtagSentimentSums: { a: 2, b: -1 },
      // "b" of the row without sums is not covered by a sentiment sum
      hashtagSentimentCounts: { a: 3, b: 1 },
      // the third row predates dedupe (no duplicates field): it adds 0
      duplicates: 5,
    });
  });

  it('merges a repeated row (same window, shard and part) once', () => {
    // prepare
    const r = row({ postCount: 5, hashtags: { a: 5 }, duplicates: 2 });
    // act
    const merged = mergeAggregates([r, { ...r }]);
    // assess
    expect(merged.postCount).toBe(5);
    expect(merged.duplicates).toBe(2);
    expect(merged.rowCount).toBe(1);
  });

  it('gives an empty trend without window bounds for no rows', () => {
    // act
    const merged = plain(mergeAggregates([]));
    // assess
    expect(merged).toMatchObject({ rowCount: 0, postCount: 0, hashtags: {}, shardIds: [], duplicates: 0 });
    expect('windowStart' in merged).toBe(false);
  });
});

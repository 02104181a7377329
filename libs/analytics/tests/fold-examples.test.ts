// The window fold and the merge of rows on worked examples and fixed (seeded) streams: fast
// enough to rerun for every mutant, exact enough that a changed comparison shows. The property
// tests (fold.property, dedupe.property) check the same rules on random input, more slowly.
import { mergeAggregates, toWindowAggregate } from '../src/aggregate';
import { InvalidAnalyticsArgumentError } from '../src/errors';
import { DEFAULT_LANGUAGE_CAPACITY, MAX_ABS_SENTIMENT, MAX_HASHTAG_CAPACITY } from '../src/limits';
import { restoreWindowState } from '../src/restore';
import { countDuplicates, countPoison, emptyWindowState, foldPost, serialiseWindowState } from '../src/window-state';
import { aggregateOf, foldAll, input, key, plain, trueCounts } from './helpers/fold-helpers';

/** A deterministic pseudo-random stream (mulberry32), so a failure reproduces. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Posts of 1–3 tags drawn from a skewed vocabulary (a few heavy hitters, a long tail). */
function skewedPosts(seed: number, posts: number, vocabulary: number) {
  const random = seeded(seed);
  return Array.from({ length: posts }, () =>
    input(
      Array.from({ length: 1 + Math.floor(random() * 3) }, () => `t${Math.floor(vocabulary * random() ** 3)}`),
      { sentimentScore: Math.floor(random() * 11) - 5 },
    ),
  );
}

describe('Space-Saving fold, worked by hand (K = 3)', () => {
  it('evicts the smallest counter each time, carrying its count as the newcomer error', () => {
    // prepare: a×3 (sentiment 1 each), b×2, c×1; then d takes c's counter (2, error 1), d again (3);
    // then e takes b's counter, the smallest (3, error 2)
    const posts = [
      ...['a', 'a', 'a'].map((t) => input([t], { sentimentScore: 1 })),
      ...['b', 'b', 'c'].map((t) => input([t], { sentimentScore: 10 })),
      input(['d'], { sentimentScore: 1 }),
      input(['d'], { sentimentScore: 2 }),
      input(['e'], { sentimentScore: -2 }),
    ];
    // act
    const state = foldAll(posts, { hashtagCapacity: 3 });
    const row = toWindowAggregate(state, key('s', 0));
    // assess: guaranteed counts (count − error), by count then tag
    expect(Object.entries(row.hashtags)).toEqual([
      ['a', 3],
      ['d', 2],
      ['e', 1],
    ]);
    expect(state.evictions).toBe(2);
    expect(row.hashtagErrorBound).toBe(3);
    expect(row.otherHashtagCount).toBe(9 - 6);
    expect(plain(row.hashtagSentimentSums)).toEqual({ a: 3, d: 3, e: -2 });
  });

  it('keeps the heap order through growth, ties and evictions: the same as a brute-force Space-Saving', () => {
    // prepare: a reference that scans for the smallest counter (ties: any, so only tie-free
    // facts are compared), on a stream with heavy hitters and a long tail
    const posts = skewedPosts(7, 1_500, 60);
    const k = 12;
    // act
    const state = foldAll(posts, { hashtagCapacity: k });
    const row = toWindowAggregate(state, key('s', 0));
    // assess
    const truth = trueCounts(posts);
    const occurrences = [...truth.values()].reduce((x, y) => x + y, 0);
    const counts = new Map(state.tags.map((t, i) => [t, state.counts[i] as number]));
    const minCount = Math.min(...counts.values());
    expect(state.tags).toHaveLength(k);
    expect(state.counts[0]).toBe(minCount); // the root of the min-heap
    for (let i = 1; i < k; i++) expect(state.counts[i]).toBeGreaterThanOrEqual(state.counts[(i - 1) >> 1] as number);
    expect([...counts.values()].reduce((x, y) => x + y, 0)).toBe(occurrences);
    expect(row.hashtagErrorBound).toBe(minCount);
    expect(minCount).toBeLessThanOrEqual(occurrences / k);
    for (const [tag, count] of truth) {
      const guaranteed = row.hashtags[tag];
      if (count > minCount) expect([tag, guaranteed !== undefined]).toEqual([tag, true]);
      if (guaranteed !== undefined) {
        expect(guaranteed).toBeLessThanOrEqual(count);
        expect(counts.get(tag)).toBeGreaterThanOrEqual(count);
      }
    }
    const tracked = Object.values(row.hashtags).reduce((x, y) => x + y, 0);
    expect(row.otherHashtagCount).toBe(occurrences - tracked);
  });

  it('counts exactly while at most K distinct tags were seen, whatever the order', () => {
    // prepare
    const posts = skewedPosts(11, 400, 8);
    // act
    const forward = plain(aggregateOf(posts, { hashtagCapacity: 8 }));
    const backward = plain(aggregateOf([...posts].reverse(), { hashtagCapacity: 8 }));
    // assess
    expect(forward.hashtags).toEqual(Object.fromEntries(trueCounts(posts)));
    expect(forward).toEqual({ ...backward, firstArrivalAt: forward.firstArrivalAt });
    expect(forward.hashtagErrorBound).toBe(0);
    expect(forward.otherHashtagCount).toBe(0);
  });

  it('continues a restored state exactly where it left off (the heap is rebuilt from the JSON)', () => {
    // prepare
    const posts = skewedPosts(3, 600, 40);
    const state = foldAll(posts.slice(0, 300), { hashtagCapacity: 10 });
    // act: half, through Lambda's JSON, then the rest
    const restored = restoreWindowState(JSON.parse(JSON.stringify(serialiseWindowState(state))));
    for (const p of posts.slice(300)) foldPost(restored, p);
    const direct = foldAll(posts, { hashtagCapacity: 10 });
    // assess
    expect(plain(toWindowAggregate(restored, key('s', 0)))).toEqual(plain(toWindowAggregate(direct, key('s', 0))));
  });
});

describe('foldPost arithmetic', () => {
  it('stores no -0 anywhere (JSON would turn it into 0 and a restored state would differ)', () => {
    // act
    const state = foldAll([input(['x'], { sentimentScore: -0, arrivedAt: -0 })]);
    // assess
    expect(Object.is(state.tagSentiment[0], 0)).toBe(true);
    expect(Object.is(state.sentimentSum, 0)).toBe(true);
    expect(Object.is(state.firstArrivalAt, 0)).toBe(true);
    expect(Object.is(state.lastArrivalAt, 0)).toBe(true);
  });

  it('clamps sentiment to ±MAX_ABS_SENTIMENT per post, in the tag sums too', () => {
    // act
    const row = aggregateOf([
      input(['up'], { sentimentScore: 5e300 }),
      input(['down'], { sentimentScore: -5e300 }),
      input(['down'], { sentimentScore: -3 }),
    ]);
    // assess
    expect(row.sentimentSum).toBe(-3);
    expect(plain(row.hashtagSentimentSums)).toEqual({ up: MAX_ABS_SENTIMENT, down: -MAX_ABS_SENTIMENT - 3 });
  });

  it('keeps the earliest and latest arrival of posts arriving out of order', () => {
    // act
    const state = foldAll([2_000, 5_000, 1_000, 3_000, 1_000, 4_000].map((arrivedAt) => input([], { arrivedAt })));
    // assess
    expect([state.firstArrivalAt, state.lastArrivalAt]).toEqual([1_000, 5_000]);
  });

  it('keeps one language slot for "other": capacity L holds L − 1 languages', () => {
    // act
    const row = aggregateOf(
      ['en', 'fr', 'de', 'fr', 'es'].map((language) => input([], { language })),
      {
        languageCapacity: 3,
      },
    );
    // assess
    expect(plain(row.languages)).toEqual({ en: 1, fr: 2, other: 2 });
  });
});

describe('counters and capacities refuse bad numbers, naming them', () => {
  it.each([Number.NaN, Number.POSITIVE_INFINITY, -1, 0.5, 2 ** 53])('countPoison(%p)', (count) => {
    expect(() => countPoison(emptyWindowState(), count)).toThrow(
      new InvalidAnalyticsArgumentError(`countPoison: count must be a non-negative integer, got ${String(count)}`),
    );
  });

  it.each([Number.NaN, -1, 0.5])('countDuplicates(%p)', (count) => {
    expect(() => countDuplicates(emptyWindowState(), count)).toThrow(
      new InvalidAnalyticsArgumentError(`countDuplicates: count must be a non-negative integer, got ${String(count)}`),
    );
  });

  it('counts 0 and 1 by default', () => {
    // act
    const state = countDuplicates(countDuplicates(countPoison(countPoison(emptyWindowState()), 0)), 0);
    // assess
    expect([state.poisonCount, state.duplicates]).toEqual([1, 1]);
  });

  it.each([
    [{ hashtagCapacity: 0 }, `hashtagCapacity must be an integer from 1 to ${MAX_HASHTAG_CAPACITY}, got 0`],
    [{ hashtagCapacity: 2.5 }, `hashtagCapacity must be an integer from 1 to ${MAX_HASHTAG_CAPACITY}, got 2.5`],
    [{ languageCapacity: DEFAULT_LANGUAGE_CAPACITY + 1 }, `languageCapacity must be an integer from 2 to 100, got 101`],
  ])('emptyWindowState(%j)', (options, message) => {
    expect(() => emptyWindowState(options)).toThrow(new InvalidAnalyticsArgumentError(message));
  });

  it('accepts the capacity bounds themselves', () => {
    // act
    const low = emptyWindowState({ hashtagCapacity: 1, languageCapacity: 2 });
    const high = emptyWindowState({ hashtagCapacity: MAX_HASHTAG_CAPACITY, languageCapacity: 100 });
    // assess
    expect([low.hashtagCapacity, low.languageCapacity, high.hashtagCapacity, high.languageCapacity]).toEqual([
      1,
      2,
      MAX_HASHTAG_CAPACITY,
      100,
    ]);
  });

  it.each([
    [{ shardId: '' }, 'toWindowAggregate: shardId must be a non-empty string'],
    [{ windowStart: 7 }, 'toWindowAggregate: windowStart must be a non-empty string'],
    [{ windowEnd: '' }, 'toWindowAggregate: windowEnd must be a non-empty string'],
    [{ part: -1 }, 'toWindowAggregate: part must be an integer ≥ 0, got -1'],
    [{ part: 0.5 }, 'toWindowAggregate: part must be an integer ≥ 0, got 0.5'],
  ])('toWindowAggregate with %j', (override, message) => {
    expect(() => toWindowAggregate(emptyWindowState(), { ...key('s', 0), ...override } as never)).toThrow(
      new InvalidAnalyticsArgumentError(message),
    );
  });
});

describe('mergeAggregates of rows in any order', () => {
  const row = (shardId: string, part: number, windowStart: string, windowEnd: string, arrivals: [number, number]) => ({
    ...toWindowAggregate(
      foldAll([input(['x'], { arrivedAt: arrivals[0], sentimentScore: 2 }), input(['y'], { arrivedAt: arrivals[1] })]),
      { windowStart, windowEnd, shardId, part },
    ),
  });

  it('spans the earliest start to the latest end and the earliest to the latest arrival', () => {
    // prepare: the middle window first, then the last, then the first
    const rows = [
      row('s1', 0, '2024-05-01T12:00:30Z', '2024-05-01T12:01:00Z', [40_000, 50_000]),
      row('s1', 0, '2024-05-01T12:01:00Z', '2024-05-01T12:01:30Z', [70_000, 80_000]),
      row('s1', 0, '2024-05-01T12:00:00Z', '2024-05-01T12:00:30Z', [10_000, 20_000]),
      row('s1', 1, '2024-05-01T12:00:30Z', '2024-05-01T12:01:00Z', [30_000, 60_000]),
    ];
    // act
    const trend = mergeAggregates(rows);
    // assess
    expect(trend).toMatchObject({
      windowStart: '2024-05-01T12:00:00Z',
      windowEnd: '2024-05-01T12:01:30Z',
      firstArrivalAt: 10_000,
      lastArrivalAt: 80_000,
      rowCount: 4,
      postCount: 8,
    });
  });

  it('merges a repeat of the same window, shard and part once, but every other part and shard', () => {
    // prepare
    const start = '2024-05-01T12:00:00Z';
    const end = '2024-05-01T12:00:30Z';
    const a = row('s1', 0, start, end, [1, 2]);
    // act
    const trend = mergeAggregates([row('s2', 0, start, end, [1, 2]), a, row('s1', 1, start, end, [1, 2]), a, a]);
    // assess
    expect(trend).toMatchObject({ rowCount: 3, postCount: 6, shardIds: ['s1', 's2'] });
    expect(plain(trend.hashtags)).toEqual({ x: 3, y: 3 });
    expect(plain(trend.hashtagSentimentSums)).toEqual({ x: 6, y: 0 });
    expect(plain(trend.hashtagSentimentCounts)).toEqual({ x: 3, y: 3 });
  });

  it('counts a tag in the sentiment counts only for rows that carry its sentiment sum', () => {
    // prepare: an older row without sums, one whose sums lack a tag
    const start = '2024-05-01T12:00:00Z';
    const end = '2024-05-01T12:00:30Z';
    const full = row('s1', 0, start, end, [1, 2]);
    const {
      hashtagSentimentSums: _dropped,
      hashtagErrorBound: _bound,
      duplicates: _dups,
      ...old
    } = row('s2', 0, start, end, [1, 2]);
    const partial = { ...row('s3', 0, start, end, [1, 2]), hashtagSentimentSums: { x: 2 } };
    // act
    const trend = mergeAggregates([full, old, partial]);
    // assess
    expect(plain(trend.hashtags)).toEqual({ x: 3, y: 3 });
    expect(plain(trend.hashtagSentimentSums)).toEqual({ x: 4, y: 0 });
    expect(plain(trend.hashtagSentimentCounts)).toEqual({ x: 2, y: 1 });
    expect([trend.hashtagErrorBound, trend.duplicates]).toEqual([0, 0]);
  });

  it('leaves out arrival times and window bounds that no row has', () => {
    // prepare
    const {
      firstArrivalAt: _f,
      lastArrivalAt: _l,
      ...noArrivals
    } = row('s1', 0, '2024-05-01T12:00:00Z', '2024-05-01T12:00:30Z', [1, 2]);
    const withArrivals = row('s2', 0, '2024-05-01T12:00:00Z', '2024-05-01T12:00:30Z', [5, 9]);
    // act
    const trend = mergeAggregates([noArrivals]);
    const mixed = mergeAggregates([withArrivals, noArrivals]);
    const none = mergeAggregates([]);
    // assess
    expect(trend).not.toHaveProperty('firstArrivalAt');
    expect(trend).not.toHaveProperty('lastArrivalAt');
    expect([mixed.firstArrivalAt, mixed.lastArrivalAt]).toEqual([5, 9]);
    expect(Object.keys(none)).not.toEqual(expect.arrayContaining(['windowStart']));
    expect(Object.keys(none)).not.toEqual(expect.arrayContaining(['windowEnd']));
  });
});

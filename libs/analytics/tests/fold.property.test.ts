import fc from 'fast-check';
import { mergeAggregates, toWindowAggregate } from '../src/aggregate';
import { STATE_JSON_BYTES_BOUND } from '../src/limits';
import type { FoldInput } from '../src/window-state';
import { serialiseWindowState, windowStateJsonBytes } from '../src/window-state';
import { aggregateOf, foldAll, key, plain, trueCounts, withDistinctIds } from './helpers/fold-helpers';

const K = 24;
const LANGUAGE_CAPACITY = 12;

// Posts (distinct ids) over at most K distinct tags and fewer languages than the cap, integer
// sentiment (so sums are exact in any order).
const boundedPost = fc.record({
  hashtags: fc.array(fc.constantFrom(...Array.from({ length: K }, (_, i) => `tag${i}`), 'café', 'ß'), { maxLength: 4 }),
  sentimentScore: fc.integer({ min: -20, max: 20 }),
  language: fc.constantFrom('en', 'pt-BR', 'ja', 'und', 'de', 'es'),
  arrivedAt: fc.integer({ min: 0, max: 10 ** 12 }),
});
// K + 2 tag names are possible above; keep inputs whose distinct tags fit in K.
const boundedPosts = fc
  .array(boundedPost, { maxLength: 120 })
  .map(withDistinctIds)
  .filter((ps) => trueCounts(ps).size <= K);

const anyPost: fc.Arbitrary<Omit<FoldInput, 'postId'>> = fc.record({
  hashtags: fc.array(
    fc.oneof(fc.string({ unit: 'binary', maxLength: 120 }), fc.constantFrom('a', 'b', 'c', '__proto__', 'constructor')),
    { maxLength: 6 },
  ),
  sentimentScore: fc.double(),
  language: fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('en', 'pt-BR')),
  arrivedAt: fc.double(),
});

describe('window fold properties', () => {
  it('merging the rows of shards and parts equals aggregating all posts at once', () => {
    const bucketed = boundedPosts.chain((posts) =>
      fc.tuple(
        fc.constant(posts),
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: posts.length, maxLength: posts.length }),
      ),
    );
    fc.assert(
      fc.property(bucketed, ([posts, buckets]) => {
        // prepare: bucket b = shard (b % 3), part (b / 3)
        const options = { hashtagCapacity: K, languageCapacity: LANGUAGE_CAPACITY };
        const rows = [0, 1, 2, 3, 4, 5].map((b) =>
          toWindowAggregate(
            foldAll(
              posts.filter((_, i) => buckets[i] === b),
              options,
            ),
            key(`shard-${b % 3}`, Math.floor(b / 3)),
          ),
        );
        // act
        const merged = plain(mergeAggregates(rows));
        const once = plain(aggregateOf(posts, options));
        // assess
        expect(merged.postCount).toBe(once.postCount);
        expect(merged.sentimentSum).toBe(once.sentimentSum);
        expect(merged.sentimentCount).toBe(once.sentimentCount);
        expect(merged.languages).toEqual(once.languages);
        expect(merged.hashtags).toEqual(once.hashtags);
        expect(merged.otherHashtagCount).toBe(once.otherHashtagCount);
        expect(merged.hashtagSentimentSums).toEqual(once.hashtagSentimentSums);
        expect(merged.hashtags).toEqual(Object.fromEntries(trueCounts(posts)));
      }),
      { numRuns: 150 },
    );
  });

  it('folding is order-independent for counts', () => {
    fc.assert(
      fc.property(
        boundedPosts.chain((ps) => fc.tuple(fc.constant(ps), fc.shuffledSubarray(ps, { minLength: ps.length }))),
        ([posts, shuffled]) => {
          const options = { hashtagCapacity: K, languageCapacity: LANGUAGE_CAPACITY };
          const a = plain(aggregateOf(posts, options));
          const b = plain(aggregateOf(shuffled, options));
          expect([b.postCount, b.hashtags, b.languages, b.sentimentSum, b.firstArrivalAt, b.lastArrivalAt]).toEqual([
            a.postCount,
            a.hashtags,
            a.languages,
            a.sentimentSum,
            a.firstArrivalAt,
            a.lastArrivalAt,
          ]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('past K distinct tags, counts stay within the Space-Saving bound (≤ N/K), in any order', () => {
    const tag = fc.integer({ min: 0, max: 40 }).map((n) => `t${n}`);
    const posts = fc
      .array(
        fc.record({
          hashtags: fc.array(tag, { maxLength: 3 }),
          sentimentScore: fc.constant(0),
          language: fc.constant('en'),
          arrivedAt: fc.constant(0),
        }),
        { maxLength: 300 },
      )
      .map(withDistinctIds);
    fc.assert(
      fc.property(posts, fc.integer({ min: 1, max: 8 }), (inputs, k) => {
        // act
        const row = aggregateOf(inputs, { hashtagCapacity: k });
        // assess
        const truth = trueCounts(inputs);
        const occurrences = [...truth.values()].reduce((a, b) => a + b, 0);
        const bound = row.hashtagErrorBound ?? 0;
        expect(bound).toBeLessThanOrEqual(occurrences / k);
        expect(Object.keys(row.hashtags).length).toBeLessThanOrEqual(k);
        expect(Object.values(row.hashtags).reduce((a, b) => a + b, 0) + row.otherHashtagCount).toBe(occurrences);
        for (const [t, count] of truth) {
          const listed = row.hashtags[t] ?? 0;
          expect(listed).toBeLessThanOrEqual(count);
          expect(count).toBeLessThanOrEqual(listed + bound);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('the JSON state without its seen-set stays within its bound for any input, and survives a JSON round trip', () => {
    fc.assert(
      fc.property(fc.array(anyPost, { maxLength: 150 }).map(withDistinctIds), (inputs) => {
        const state = serialiseWindowState(foldAll(inputs, { hashtagCapacity: 1_500 }));
        expect(windowStateJsonBytes(state) - state.seenPostIds.length).toBeLessThanOrEqual(STATE_JSON_BYTES_BOUND);
        expect(JSON.parse(JSON.stringify(state))).toEqual(state);
      }),
      { numRuns: 150 },
    );
  });
});

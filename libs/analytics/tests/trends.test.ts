import type { WindowAggregate } from '@streamlens/schemas';
import { InvalidAnalyticsArgumentError } from '../src/errors';
import { rankHashtags } from '../src/trends';
import { key } from './helpers/fold-helpers';

function row(shardId: string, hashtags: Record<string, number>, extra: Partial<WindowAggregate> = {}): WindowAggregate {
  return {
    ...key(shardId, 0),
    postCount: 10,
    hashtags,
    otherHashtagCount: 0,
    sentimentSum: 5,
    sentimentCount: 10,
    languages: {},
    poisonCount: 0,
    ...extra,
  };
}

describe('rankHashtags', () => {
  it('ranks by count with share, velocity and rising score', () => {
    // prepare: 20 occurrences now (4 in "other"), 10 before
    const current = [row('s0', { a: 8, b: 4 }, { otherHashtagCount: 4 }), row('s1', { a: 2, c: 2 })];
    const previous = [row('s0', { a: 5, b: 4 }, { otherHashtagCount: 1 })];
    // act
    const ranked = rankHashtags(current, previous, { limit: 10 });
    // assess
    expect(ranked.map((r) => [r.rank, r.hashtag, r.count, r.previousCount])).toEqual([
      [1, 'a', 10, 5],
      [2, 'b', 4, 4],
      [3, 'c', 2, 0],
    ]);
    const [a, b, c] = ranked;
    expect(a?.share).toBeCloseTo(10 / 20);
    expect(a?.velocity).toBeCloseTo(1);
    // volume doubled (10 → 20): "a" went 5 → 10 as expected, "b" fell in share, "c" is new
    expect(a?.risingScore).toBeCloseTo(Math.log2(11 / 11));
    expect(b?.risingScore).toBeCloseTo(Math.log2(5 / 9));
    expect(c?.risingScore).toBeCloseTo(Math.log2(3));
  });

  it('sorts by rising score when asked, and honours limit and minCount', () => {
    // prepare
    const current = [row('s0', { steady: 10, rising: 6, blip: 1 })];
    const previous = [row('s0', { steady: 10, rising: 1 })];
    // act
    const ranked = rankHashtags(current, previous, { limit: 1, sortBy: 'rising', minCount: 2 });
    // assess
    expect(ranked.map((r) => r.hashtag)).toEqual(['rising']);
  });

  it('uses per-hashtag sentiment when rows carry it, and the window average otherwise', () => {
    // prepare
    const current = [row('s0', { a: 2, b: 1 }, { hashtagSentimentSums: { a: 6 } })];
    // act
    const [a, b] = rankHashtags(current, [], { limit: 5 });
    // assess
    expect([a?.sentimentAverage, a?.sentimentSource]).toEqual([3, 'hashtag']);
    expect([b?.sentimentAverage, b?.sentimentSource]).toEqual([0.5, 'window']);
  });

  it('without a previous range, the rising score is log2(count + 1)', () => {
    expect(rankHashtags([row('s0', { a: 7 })], [], { limit: 1 })[0]?.risingScore).toBe(3);
  });

  it('breaks ties by tag in code-unit order', () => {
    expect(rankHashtags([row('s0', { b: 1, a: 1, B: 1 })], [], { limit: 3 }).map((r) => r.hashtag)).toEqual([
      'B',
      'a',
      'b',
    ]);
  });

  it('returns nothing for no rows', () => {
    expect(rankHashtags([], [], { limit: 5 })).toEqual([]);
  });

  it.each([0, 10_001, 1.5])('rejects limit %j', (limit) => {
    expect(() => rankHashtags([], [], { limit })).toThrow(InvalidAnalyticsArgumentError);
  });
});

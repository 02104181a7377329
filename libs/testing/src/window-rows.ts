// Record factory for trend rows: one (window, shard, part) row with hashtag counts and the
// sentiment sums of those posts, everything else derived so the row is internally consistent.
import type { WindowAggregate } from '@streamlens/schemas';

/** Options of {@link makeWindowRow}. */
export interface WindowRowOptions {
  readonly windowStart: string;
  readonly windowMs: number;
  readonly shardId: string;
  /** Hashtag → [posts with it, sum of their sentiment scores]; one post per tag occurrence. */
  readonly tags: Readonly<Record<string, readonly [number, number]>>;
  readonly part?: number;
}

/**
 * A row whose posts are exactly its tag occurrences (so totals and averages are easy to reason
 * about in tests).
 *
 * @example
 * ```ts
 * makeWindowRow({ windowStart: '2026-12-05T10:00:00.000Z', windowMs: 30_000, shardId: 's0', tags: { nba: [20, 20] } });
 * ```
 */
export function makeWindowRow(o: WindowRowOptions): WindowAggregate {
  const hashtags: Record<string, number> = {};
  const sums: Record<string, number> = {};
  let posts = 0;
  let sentiment = 0;
  for (const [tag, [count, sum]] of Object.entries(o.tags)) {
    hashtags[tag] = count;
    sums[tag] = sum;
    posts += count;
    sentiment += sum;
  }
  return {
    windowStart: o.windowStart,
    windowEnd: new Date(Date.parse(o.windowStart) + o.windowMs).toISOString(),
    shardId: o.shardId,
    part: o.part ?? 0,
    postCount: posts,
    hashtags,
    otherHashtagCount: 0,
    sentimentSum: sentiment,
    sentimentCount: posts,
    languages: { en: posts },
    poisonCount: 0,
    hashtagErrorBound: 0,
    hashtagSentimentSums: sums,
    duplicates: 0,
  };
}

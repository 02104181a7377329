// Report flow: rows of the current range and of the previous, equally long range → ranked
// hashtags with share, sentiment and how fast each is rising.
import type { WindowAggregate } from '@streamlens/schemas';
import type { MergedTrend } from './aggregate';
import { mergeAggregates } from './aggregate';
import { InvalidAnalyticsArgumentError } from './errors';

/** One ranked hashtag of the report. */
export interface TrendingHashtag {
  /** 1-based position in the ranking. */
  readonly rank: number;
  readonly hashtag: string;
  /** Occurrences in the current range (a lower bound; exact unless the rows say otherwise). */
  readonly count: number;
  /** Occurrences in the previous range. */
  readonly previousCount: number;
  /** count / all hashtag occurrences of the current range (tracked and "other"), 0–1. */
  readonly share: number;
  /** Average sentiment of the posts with this tag, or of the whole range as a fallback. */
  readonly sentimentAverage: number | null;
  /** Where `sentimentAverage` comes from. */
  readonly sentimentSource: 'hashtag' | 'window';
  /** (count − previousCount) / max(previousCount, 1): relative change, raw. */
  readonly velocity: number;
  /**
   * log2((count + 1) / (expected + 1)) with expected = previousCount × (occurrences now /
   * occurrences before), or 0 without a previous range. +1 is "twice the expected", 0 "as
   * expected", negative "falling". The +1 smoothing keeps a tag going 0 → 1 from topping the
   * list; the volume factor keeps a busier range from making every tag look like it is rising.
   */
  readonly risingScore: number;
}

/** Options of {@link rankHashtags}. */
export interface RankOptions {
  /** How many hashtags to return (1–10,000). */
  readonly limit: number;
  /** Rank by current count (default) or by rising score. */
  readonly sortBy?: 'count' | 'rising';
  /** Ignore tags counted fewer times than this in the current range (default 1). */
  readonly minCount?: number;
}

const MAX_LIMIT = 10_000;

/**
 * Ranks the hashtags of `current` rows, comparing with `previous` rows (the range of equal
 * length just before). Ties break by count, then by tag in code-unit order, so the ranking is
 * deterministic.
 *
 * @throws InvalidAnalyticsArgumentError for a limit outside 1–10,000 or a negative minCount.
 * @example
 * ```ts
 * rankHashtags(rowsOfLast5Min, rowsOfThe5MinBefore, { limit: 20, sortBy: 'rising', minCount: 3 });
 * ```
 */
export function rankHashtags(
  current: readonly WindowAggregate[],
  previous: readonly WindowAggregate[],
  options: RankOptions,
): TrendingHashtag[] {
  const { limit, sortBy = 'count', minCount = 1 } = options;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new InvalidAnalyticsArgumentError(
      `rankHashtags: limit must be an integer from 1 to ${MAX_LIMIT}, got ${String(limit)}`,
    );
  }
  if (!Number.isFinite(minCount) || minCount < 0) {
    throw new InvalidAnalyticsArgumentError(`rankHashtags: minCount must be ≥ 0, got ${String(minCount)}`);
  }
  const now = mergeAggregates(current);
  const before = mergeAggregates(previous);
  const totalNow = occurrences(now);
  const totalBefore = occurrences(before);
  const volume = totalBefore > 0 ? totalNow / totalBefore : 0;
  const windowSentiment = now.sentimentCount > 0 ? now.sentimentSum / now.sentimentCount : null;
  const rows: Omit<TrendingHashtag, 'rank'>[] = [];
  for (const hashtag of Object.keys(now.hashtags)) {
    const count = now.hashtags[hashtag] ?? 0;
    if (count < minCount || count === 0) continue;
    const previousCount = before.hashtags[hashtag] ?? 0;
    const covered = now.hashtagSentimentCounts[hashtag] ?? 0;
    rows.push({
      hashtag,
      count,
      previousCount,
      share: totalNow > 0 ? count / totalNow : 0,
      sentimentAverage: covered > 0 ? (now.hashtagSentimentSums[hashtag] ?? 0) / covered : windowSentiment,
      sentimentSource: covered > 0 ? 'hashtag' : 'window',
      velocity: (count - previousCount) / Math.max(previousCount, 1),
      risingScore: Math.log2((count + 1) / (previousCount * volume + 1)),
    });
  }
  rows.sort(sortBy === 'rising' ? byRising : byCount);
  return rows.slice(0, limit).map((row, i) => ({ rank: i + 1, ...row }));
}

function occurrences(trend: MergedTrend): number {
  let total = trend.otherHashtagCount;
  for (const tag of Object.keys(trend.hashtags)) total += trend.hashtags[tag] ?? 0;
  return total;
}

type Row = Omit<TrendingHashtag, 'rank'>;

function byCount(a: Row, b: Row): number {
  return b.count - a.count || b.risingScore - a.risingScore || byTag(a, b);
}

function byRising(a: Row, b: Row): number {
  return b.risingScore - a.risingScore || b.count - a.count || byTag(a, b);
}

function byTag(a: Row, b: Row): number {
  return a.hashtag === b.hashtag ? 0 : a.hashtag < b.hashtag ? -1 : 1;
}

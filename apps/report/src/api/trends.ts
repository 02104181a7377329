// Report flow, API: rows of the range and of the range before → ranked hashtags with share,
// sentiment and a rising marker. Shard rows and early-terminated parts merge in
// @streamlens/analytics (a repeated row counts once).
import { mergeAggregates, rankHashtags, type MergedTrend, type TrendingHashtag } from '@streamlens/analytics';
import type { TrendsRepository } from '@streamlens/repositories';
import type { WindowAggregate } from '@streamlens/schemas';
import type { SortOrder } from './params';
import { momentumOf, type Momentum, type MomentumSplit } from './momentum';
import { rangeView, type RangeView, type TimeRange } from './time-range';

/** Rising score at or above which a tag is marked rising (twice what the volume predicts). */
export const RISING_SCORE = 1;
/** Rising score at or below which a tag is marked falling (half what the volume predicts). */
export const FALLING_SCORE = -1;

/**
 * Direction of a hashtag compared with the previous range; "no-baseline" when the previous
 * range has no hashtag use at all (nothing to compare with, so nothing is called rising).
 */
export type TrendDirection = 'rising' | 'steady' | 'falling' | 'no-baseline';

/** One row of the trend table. */
export interface TrendRow extends TrendingHashtag {
  /** Against the previous range of equal length. */
  readonly direction: TrendDirection;
  /** Inside the range: its latest windows against its earlier ones (the dashboard's Trend column). */
  readonly momentum: Momentum;
}

/** Totals of a range. */
export interface RangeTotals {
  readonly posts: number;
  readonly previousPosts: number;
  /** All hashtag occurrences, tracked and "other". */
  readonly hashtagOccurrences: number;
  readonly previousHashtagOccurrences: number;
  readonly sentimentAverage: number | null;
  /** Distinct windows with at least one row. */
  readonly windows: number;
  readonly shards: number;
}

/** The trend table of a range. */
export interface TrendsReport {
  readonly range: RangeView;
  readonly sort: SortOrder;
  readonly totals: RangeTotals;
  /** False when the previous range has no hashtag use: directions are then "no-baseline". */
  readonly hasBaseline: boolean;
  /**
   * True when the top-K sketch evicted tags: counts are lower bounds, each off by at most
   * `hashtagErrorBound`.
   */
  readonly approximate: boolean;
  readonly hashtagErrorBound: number;
  /** Windows with rows on each side of the in-range comparison (`momentum`). */
  readonly momentumWindows: MomentumSplit;
  readonly hashtags: TrendRow[];
}

/** Options of {@link trendsReport}. */
export interface TrendsReportOptions {
  readonly range: TimeRange;
  readonly windowSeconds: number;
  readonly limit: number;
  readonly sort: SortOrder;
}

/** Direction of a rising score, given whether the previous range had any hashtag use. */
export function directionOf(risingScore: number, hasBaseline: boolean): TrendDirection {
  if (!hasBaseline) return 'no-baseline';
  return risingScore >= RISING_SCORE ? 'rising' : risingScore <= FALLING_SCORE ? 'falling' : 'steady';
}

function occurrences(trend: MergedTrend): number {
  let total = trend.otherHashtagCount;
  for (const tag of Object.keys(trend.hashtags)) total += trend.hashtags[tag] ?? 0;
  return total;
}

/** Totals of the current rows. */
export function rangeTotals(current: readonly WindowAggregate[], previous: readonly WindowAggregate[]): RangeTotals {
  const now = mergeAggregates(current);
  const before = mergeAggregates(previous);
  return {
    posts: now.postCount,
    previousPosts: before.postCount,
    hashtagOccurrences: occurrences(now),
    previousHashtagOccurrences: occurrences(before),
    sentimentAverage: now.sentimentCount > 0 ? now.sentimentSum / now.sentimentCount : null,
    windows: new Set(current.map((r) => r.windowStart)).size,
    shards: now.shardIds.length,
  };
}

/**
 * The trend table of a range.
 *
 * @example
 * ```ts
 * const report = await trendsReport(trends, { range, windowSeconds: 30, limit: 20, sort: 'count' });
 * ```
 */
export async function trendsReport(trends: TrendsRepository, options: TrendsReportOptions): Promise<TrendsReport> {
  const { range } = options;
  const [current, previous] = await Promise.all([
    trends.queryWindows(range.from, range.to),
    trends.queryWindows(range.previousFrom, range.previousTo),
  ]);
  const bound = mergeAggregates(current).hashtagErrorBound;
  const ranked = rankHashtags(current, previous, { limit: options.limit, sortBy: options.sort });
  const totals = rangeTotals(current, previous);
  const hasBaseline = totals.previousHashtagOccurrences > 0;
  const { byTag, split } = momentumOf(
    current,
    ranked.map((r) => r.hashtag),
    { rising: RISING_SCORE, falling: FALLING_SCORE },
  );
  return {
    range: rangeView(range, options.windowSeconds),
    sort: options.sort,
    totals,
    hasBaseline,
    approximate: bound > 0,
    hashtagErrorBound: bound,
    momentumWindows: split,
    hashtags: ranked.map((row) => ({
      ...row,
      direction: directionOf(row.risingScore, hasBaseline),
      momentum: byTag.get(row.hashtag) as Momentum,
    })),
  };
}

// Report flow, API: the Trend column. Each hashtag's latest windows are compared with the earlier
// windows inside the same range, so "rising" means something a few minutes after a fresh start
// (the previous range, used by `direction`, is empty then).
import { mergeAggregates, type MergedTrend } from '@streamlens/analytics';
import type { WindowAggregate } from '@streamlens/schemas';

/** Direction of a hashtag inside the range; "too-early" until the range has two windows with rows. */
export type MomentumDirection = 'rising' | 'steady' | 'falling' | 'too-early';

/** How a hashtag moved inside the range. */
export interface Momentum {
  readonly direction: MomentumDirection;
  /** log2 of the recent count over what the earlier windows predict for the recent volume (0 when too early). */
  readonly risingScore: number;
  /** Uses in the recent windows. */
  readonly recentCount: number;
  /** Uses in the earlier windows of the range. */
  readonly earlierCount: number;
}

/** Which windows of the range count as recent. */
export interface MomentumSplit {
  /** Distinct windows with rows in the recent part (the last quarter of them, at least one). */
  readonly recentWindows: number;
  readonly earlierWindows: number;
}

/** The split of a range's rows: the last quarter of its windows (at least one) are recent. */
export function splitRecent(rows: readonly WindowAggregate[]): {
  recent: WindowAggregate[];
  earlier: WindowAggregate[];
  split: MomentumSplit;
} {
  const starts = [...new Set(rows.map((r) => r.windowStart))].sort();
  const recentCount = starts.length < 2 ? 0 : Math.max(1, Math.floor(starts.length / 4));
  const firstRecent = recentCount === 0 ? undefined : starts[starts.length - recentCount];
  const recent = firstRecent === undefined ? [] : rows.filter((r) => r.windowStart >= firstRecent);
  const earlier = firstRecent === undefined ? [...rows] : rows.filter((r) => r.windowStart < firstRecent);
  return { recent, earlier, split: { recentWindows: recentCount, earlierWindows: starts.length - recentCount } };
}

function occurrences(trend: MergedTrend): number {
  let total = trend.otherHashtagCount;
  for (const tag of Object.keys(trend.hashtags)) total += trend.hashtags[tag] ?? 0;
  return total;
}

/**
 * Momentum of each of `tags` inside the range, with the rising score of the trend table (recent
 * count against what the earlier windows predict for the recent volume); ± `thresholds` mark
 * rising and falling.
 *
 * @example
 * ```ts
 * const { byTag, split } = momentumOf(rows, ['ai', 'tech'], { rising: 1, falling: -1 });
 * byTag.get('ai')?.direction; // 'rising'
 * ```
 */
export function momentumOf(
  rows: readonly WindowAggregate[],
  tags: readonly string[],
  thresholds: { readonly rising: number; readonly falling: number },
): { byTag: Map<string, Momentum>; split: MomentumSplit } {
  const { recent, earlier, split } = splitRecent(rows);
  const now = mergeAggregates(recent);
  const before = mergeAggregates(earlier);
  const totalNow = occurrences(now);
  const totalBefore = occurrences(before);
  const comparable = split.recentWindows > 0 && totalNow > 0 && totalBefore > 0;
  const byTag = new Map<string, Momentum>();
  for (const tag of tags) {
    const recentCount = now.hashtags[tag] ?? 0;
    const earlierCount = before.hashtags[tag] ?? 0;
    const risingScore = comparable ? Math.log2((recentCount + 1) / ((earlierCount * totalNow) / totalBefore + 1)) : 0;
    const direction: MomentumDirection = !comparable
      ? 'too-early'
      : risingScore >= thresholds.rising
        ? 'rising'
        : risingScore <= thresholds.falling
          ? 'falling'
          : 'steady';
    byTag.set(tag, { direction, risingScore, recentCount, earlierCount });
  }
  return { byTag, split };
}

// Report flow, API: posts and average sentiment over time, one point per window (or per group
// of windows on long ranges, so a 24 h chart stays a few hundred points).
import { mergeAggregates } from '@streamlens/analytics';
import type { TrendsRepository } from '@streamlens/repositories';
import type { WindowAggregate } from '@streamlens/schemas';
import { rangeView, type RangeView, type TimeRange } from './time-range';

/** Most points a series has; longer ranges group whole windows per point. */
export const MAX_POINTS = 360;

/** One point of the series: windows starting in [start, end). */
export interface VolumePoint {
  readonly start: string;
  readonly end: string;
  readonly posts: number;
  /** null when no post of the point has a sentiment score (or there are no posts). */
  readonly sentimentAverage: number | null;
}

/** The volume series of a range. */
export interface VolumeReport {
  readonly range: RangeView;
  /** Length of a point: a whole number of windows. */
  readonly stepSeconds: number;
  readonly totals: { readonly posts: number; readonly sentimentAverage: number | null };
  /** Every step of the range, oldest first; steps without rows have 0 posts. */
  readonly points: VolumePoint[];
}

/** Point length for a range: the window, or the fewest whole windows keeping ≤ MAX_POINTS. */
export function stepSecondsFor(rangeMs: number, windowSeconds: number): number {
  return windowSeconds * Math.max(1, Math.ceil(rangeMs / (windowSeconds * 1000 * MAX_POINTS)));
}

/** Groups rows into points of `stepSeconds` from the range start (pure). */
export function volumePoints(rows: readonly WindowAggregate[], range: TimeRange, stepSeconds: number): VolumePoint[] {
  const from = range.from.getTime();
  const to = range.to.getTime();
  const stepMs = stepSeconds * 1000;
  const count = Math.ceil((to - from) / stepMs);
  const buckets: WindowAggregate[][] = Array.from({ length: count }, () => []);
  for (const row of rows) {
    const i = Math.floor((Date.parse(row.windowStart) - from) / stepMs);
    buckets[Math.min(Math.max(i, 0), count - 1)]?.push(row);
  }
  return buckets.map((bucket, i) => {
    const merged = mergeAggregates(bucket);
    return {
      start: new Date(from + i * stepMs).toISOString(),
      end: new Date(Math.min(to, from + (i + 1) * stepMs)).toISOString(),
      posts: merged.postCount,
      sentimentAverage: merged.sentimentCount > 0 ? merged.sentimentSum / merged.sentimentCount : null,
    };
  });
}

/**
 * The volume series of a range.
 *
 * @example
 * ```ts
 * const series = await volumeReport(trends, range, 30);
 * ```
 */
export async function volumeReport(
  trends: TrendsRepository,
  range: TimeRange,
  windowSeconds: number,
): Promise<VolumeReport> {
  const rows = await trends.queryWindows(range.from, range.to);
  const stepSeconds = stepSecondsFor(range.to.getTime() - range.from.getTime(), windowSeconds);
  const all = mergeAggregates(rows);
  return {
    range: rangeView(range, windowSeconds),
    stepSeconds,
    totals: {
      posts: all.postCount,
      sentimentAverage: all.sentimentCount > 0 ? all.sentimentSum / all.sentimentCount : null,
    },
    points: volumePoints(rows, range, stepSeconds),
  };
}

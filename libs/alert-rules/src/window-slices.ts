// Alerts flow: trend rows of a range → one slice per tumbling window (all its shards and parts),
// in time order. Merging is the analytics lib's (a repeated row counts once).
import { mergeAggregates, type MergedTrend } from '@streamlens/analytics';
import type { WindowAggregate } from '@streamlens/schemas';
import { InvalidAlertInputError } from './errors';

/** The rows of one window and their merge. */
export interface WindowSlice {
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly rows: readonly WindowAggregate[];
  readonly merged: MergedTrend;
}

/**
 * Groups rows by window start and merges each group, ordered by start.
 *
 * @throws InvalidAlertInputError for a row whose window start or end is not a date, or two
 *   rows of one window start with different ends.
 * @example
 * ```ts
 * const slices = sliceWindows(await trends.queryWindows(from, to));
 * ```
 */
export function sliceWindows(rows: readonly WindowAggregate[]): WindowSlice[] {
  const groups = new Map<string, WindowAggregate[]>();
  for (const row of rows) {
    const group = groups.get(row.windowStart);
    if (group) group.push(row);
    else groups.set(row.windowStart, [row]);
  }
  const slices: WindowSlice[] = [];
  for (const [windowStart, group] of groups) {
    const windowEnd = (group[0] as WindowAggregate).windowEnd;
    const startMs = Date.parse(windowStart);
    const endMs = Date.parse(windowEnd);
    if (!Number.isFinite(startMs) || !Number.isFinite(endMs) || endMs <= startMs) {
      throw new InvalidAlertInputError(`row of window ${JSON.stringify(windowStart)}: start/end are not an interval`);
    }
    const other = group.find((r) => r.windowEnd !== windowEnd);
    if (other) {
      throw new InvalidAlertInputError(
        `window ${windowStart} has rows ending at ${windowEnd} and ${other.windowEnd} (shard ${other.shardId})`,
      );
    }
    slices.push({ windowStart, windowEnd, startMs, endMs, rows: group, merged: mergeAggregates(group) });
  }
  return slices.sort((a, b) => a.startMs - b.startMs);
}

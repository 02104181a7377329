// Record factories for alert tests: trend rows of 30-second windows, thresholds with defaults.
import type { AlertThresholds } from '@streamlens/config';
import type { WindowAggregate } from '@streamlens/schemas';
import { makeWindowRow } from '@streamlens/testing';

/** Window length of the factories. */
export const WINDOW_MS = 30_000;
/** Start of window 0: 2026-12-05T10:00:00.000Z. */
export const T0 = Date.UTC(2026, 11, 5, 10, 0, 0);

/** ISO start of window `i`. */
export function windowStart(i: number): string {
  return new Date(T0 + i * WINDOW_MS).toISOString();
}

/** Hashtag → [count, sentiment sum of those posts]. */
export type TagCounts = Readonly<Record<string, readonly [number, number]>>;

/** A row of window `i`, shard `shard`, part `part` with the given hashtag counts. */
export function row(i: number, shard: string, tags: TagCounts, part = 0): WindowAggregate {
  return makeWindowRow({ windowStart: windowStart(i), windowMs: WINDOW_MS, shardId: shard, tags, part });
}

/** The documented default thresholds with overrides per kind. */
export function thresholds(overrides: Partial<AlertThresholds> = {}): AlertThresholds {
  return {
    baseline: { windows: 10, minWindows: 3 },
    rising: { enabled: true, zScore: 3, minCount: 20, minRatio: 2 },
    newEntrant: { enabled: true, topN: 10, minCount: 20 },
    sentimentSwing: { enabled: true, minDelta: 2, minCount: 20, baselineMinCount: 50 },
    settleSeconds: 300,
    ...overrides,
  };
}

/** A clock long after every factory window: readiness never waits on the settle time. */
export const LATE = T0 + 24 * 3_600_000;

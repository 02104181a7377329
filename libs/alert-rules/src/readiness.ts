// Alerts flow: is a window's data all in? Rows of one window arrive shard by shard (each shard
// closes its windows on its own records' arrival times), and an early-ended part before its
// shard's closing part 0. Deciding on the first row would alert on a fraction of the window.
import type { WindowSlice } from './window-slices';

/** Whether a window can be decided now. */
export interface Readiness {
  /** Decide now: complete, or the settle time after the window end has passed. */
  readonly ready: boolean;
  /** Every shard the window waits for has closed it (or moved past it). */
  readonly complete: boolean;
  /** Shards still awaited, sorted (empty when complete). */
  readonly missingShards: readonly string[];
}

/** Input of {@link windowReadiness}. */
export interface ReadinessInput {
  /** The window to judge. */
  readonly window: WindowSlice;
  /** Slices around it, any order; those before give the expected shards, those after cover. */
  readonly slices: readonly WindowSlice[];
  readonly nowMs: number;
  /** Decide anyway this long after the window end (a shard gone quiet or closed by resharding). */
  readonly settleMs: number;
}

/**
 * A window is complete when every shard it waits for has covered it. It waits for the shards
 * that closed the latest earlier window with rows (a shard that was busy then is expected now)
 * and for the shards that already wrote a part of it. A shard covers the window with its
 * closing row (part 0: an early-ended part comes before it) or with any row of a later window
 * (shards process windows in order, so a later row means this window is done — it had no
 * posts there). Past `settleMs` after the window end it is decided anyway, marked incomplete.
 *
 * @example
 * ```ts
 * windowReadiness({ window, slices, nowMs: Date.now(), settleMs: 300_000 }); // { ready: false, complete: false, missingShards: ['shardId-000000000001'] }
 * ```
 */
export function windowReadiness(input: ReadinessInput): Readiness {
  const { window, slices } = input;
  const before = slices.filter((s) => s.startMs < window.startMs).sort((a, b) => b.startMs - a.startMs)[0];
  const awaited = new Set<string>([...closingShards(before), ...window.rows.map((r) => r.shardId)]);
  const covering = new Set(closingShards(window));
  for (const later of slices) if (later.startMs > window.startMs) for (const r of later.rows) covering.add(r.shardId);
  const missingShards = [...awaited].filter((s) => !covering.has(s)).sort(compare);
  const complete = missingShards.length === 0;
  return { ready: complete || input.nowMs >= window.endMs + input.settleMs, complete, missingShards };
}

function closingShards(slice: WindowSlice | undefined): string[] {
  return slice ? slice.rows.filter((r) => r.part === 0).map((r) => r.shardId) : [];
}

function compare(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

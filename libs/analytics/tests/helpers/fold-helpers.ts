// Helpers for fold tests: folding lists of inputs, and a brute-force reference count.
import type { WindowAggregate } from '@streamlens/schemas';
import { toWindowAggregate } from '../../src/aggregate';
import type { FoldInput, WindowState, WindowStateOptions } from '../../src/window-state';
import { emptyWindowState, foldPost } from '../../src/window-state';

/** A fold input with defaults. */
export function input(hashtags: readonly string[], overrides: Partial<FoldInput> = {}): FoldInput {
  return { hashtags, sentimentScore: 0, language: 'en', arrivedAt: 1_000, ...overrides };
}

/** Folds `inputs` into a new state. */
export function foldAll(inputs: readonly FoldInput[], options: WindowStateOptions = {}): WindowState {
  const state = emptyWindowState(options);
  for (const i of inputs) foldPost(state, i);
  return state;
}

/** The row of `inputs` folded at once, as shard "s", part 0. */
export function aggregateOf(inputs: readonly FoldInput[], options: WindowStateOptions = {}): WindowAggregate {
  return toWindowAggregate(foldAll(inputs, options), key('s', 0));
}

/** A window key of one shard and part. */
export function key(shardId: string, part: number) {
  return { windowStart: '2024-05-01T12:00:00Z', windowEnd: '2024-05-01T12:00:30Z', shardId, part };
}

/** Exact occurrences per tag (each tag once per post), as a plain record. */
export function trueCounts(inputs: readonly FoldInput[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const i of inputs) for (const tag of new Set(i.hashtags)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return counts;
}

/** A plain-object copy (null-prototype maps compare like plain ones). */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

// Helpers for fold tests: folding lists of inputs, and a brute-force reference count.
import { toWindowAggregate, type WindowRow } from '../../src/aggregate';
import type { FoldInput, WindowState, WindowStateOptions } from '../../src/window-state';
import { emptyWindowState, foldPost } from '../../src/window-state';

let nextId = 0;

/** A fold input with defaults; each call gets a new post id unless one is given. */
export function input(hashtags: readonly string[], overrides: Partial<FoldInput> = {}): FoldInput {
  nextId += 1;
  return { postId: `post-${nextId}`, hashtags, sentimentScore: 0, language: 'en', arrivedAt: 1_000, ...overrides };
}

/** Gives the inputs distinct ids by position (p0, p1, ...). */
export function withDistinctIds<T extends object>(inputs: readonly T[]): (T & { postId: string })[] {
  return inputs.map((i, n) => ({ ...i, postId: `p${n}` }));
}

/** The first input of each post id, in order. */
export function firstOfEachId(inputs: readonly FoldInput[]): FoldInput[] {
  const seen = new Set<string>();
  return inputs.filter((i) => !seen.has(i.postId) && seen.add(i.postId) !== undefined);
}

/** Folds `inputs` into a new state. */
export function foldAll(inputs: readonly FoldInput[], options: WindowStateOptions = {}): WindowState {
  const state = emptyWindowState(options);
  for (const i of inputs) foldPost(state, i);
  return state;
}

/** The row of `inputs` folded at once, as shard "s", part 0. */
export function aggregateOf(inputs: readonly FoldInput[], options: WindowStateOptions = {}): WindowRow {
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

// Resharding order: a child shard (SplitShard/MergeShards) is read only after every parent
// still in the stream has been read to its end. Pure.

/** The shard fields that matter for ordering. */
export interface ShardLink {
  readonly shardId: string;
  readonly parentShardId?: string;
  readonly adjacentParentShardId?: string;
}

/** Parents of a shard that are still listed (a parent trimmed from the stream no longer blocks). */
export function listedParents(shard: ShardLink, listed: ReadonlySet<string>): string[] {
  return [shard.parentShardId, shard.adjacentParentShardId].filter((p): p is string => !!p && listed.has(p));
}

/**
 * The listed shards that may start now: not started, not ended, all listed parents ended.
 *
 * @example
 * ```ts
 * readyShards([{ shardId: 'a' }, { shardId: 'b', parentShardId: 'a' }], new Set(), new Set());
 * // ['a']  (b waits for a)
 * ```
 */
export function readyShards(
  shards: readonly ShardLink[],
  started: ReadonlySet<string>,
  ended: ReadonlySet<string>,
): string[] {
  const listed = new Set(shards.map((s) => s.shardId));
  return shards
    .filter((s) => !started.has(s.shardId) && !ended.has(s.shardId))
    .filter((s) => listedParents(s, listed).every((p) => ended.has(p)))
    .map((s) => s.shardId);
}

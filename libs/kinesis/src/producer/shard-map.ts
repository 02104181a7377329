// Open shards of a stream and their hash key ranges: which shard a hash key lands on.
import { ListShardsCommand, type Shard } from '@aws-sdk/client-kinesis';
import type { KinesisPort } from './types';

/** An open shard and the hash key range it owns (inclusive). */
export interface ShardRange {
  readonly shardId: string;
  readonly start: bigint;
  readonly end: bigint;
}

/**
 * Immutable lookup of hash key → open shard (binary search over sorted ranges).
 *
 * @example
 * ```ts
 * const map = ShardMap.fromShards(shards);
 * map.shardFor(partitionKeyHash('post-1')); // 'shardId-000000000001'
 * ```
 */
export class ShardMap {
  private constructor(readonly ranges: readonly ShardRange[]) {}

  /** Builds the map from ListShards output, keeping only open shards (no ending sequence number). */
  static fromShards(shards: readonly Shard[]): ShardMap {
    const ranges = shards
      .filter((s) => s.SequenceNumberRange?.EndingSequenceNumber === undefined && s.HashKeyRange && s.ShardId)
      .map((s) => ({
        shardId: s.ShardId as string,
        start: BigInt(s.HashKeyRange?.StartingHashKey as string),
        end: BigInt(s.HashKeyRange?.EndingHashKey as string),
      }))
      .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    return new ShardMap(ranges);
  }

  /** The open shard owning `hashKey`; the nearest range below it if a listing raced a reshard. */
  shardFor(hashKey: bigint): string {
    const ranges = this.ranges;
    let lo = 0;
    let hi = ranges.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((ranges[mid] as ShardRange).start <= hashKey) lo = mid;
      else hi = mid - 1;
    }
    const range = ranges[lo];
    if (!range) throw new Error('the stream has no open shards');
    return range.shardId;
  }

  /** Whether `hashKey` is inside the range of `shardId`. */
  owns(shardId: string, hashKey: bigint): boolean {
    return this.ranges.some((r) => r.shardId === shardId && r.start <= hashKey && hashKey <= r.end);
  }
}

/** Lists every shard of a stream (following NextToken) and builds a {@link ShardMap}. */
export async function loadShardMap(client: KinesisPort, streamName: string): Promise<ShardMap> {
  const shards: Shard[] = [];
  let nextToken: string | undefined;
  do {
    // NextToken and StreamName are mutually exclusive in ListShards.
    const page = await client.send(
      new ListShardsCommand(nextToken ? { NextToken: nextToken } : { StreamName: streamName }),
    );
    shards.push(...(page.Shards ?? []));
    nextToken = page.NextToken;
  } while (nextToken);
  const map = ShardMap.fromShards(shards);
  if (map.ranges.length === 0) throw new Error(`stream ${streamName} has no open shards`);
  return map;
}

// How many shards a stack's stream starts with, for the local stack (kinesalite needs a count).
import { ON_DEMAND_INITIAL_SHARDS } from './constants';
import type { StackConfig } from './types';

/**
 * The configured shard count of a provisioned stream, or for an on-demand stream the four
 * shards AWS starts one with.
 *
 * @example
 * ```ts
 * await kinesis.createStream({ StreamName, ShardCount: initialShardCount(config) });
 * ```
 */
export function initialShardCount(config: StackConfig): number {
  return config.stream.mode === 'provisioned' ? config.stream.shardCount : ON_DEMAND_INITIAL_SHARDS;
}

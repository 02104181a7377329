// ParallelizationFactor: a shard's records are spread over N lanes by partition-key hash, so
// records of one key always share a lane and keep their order.
import { createHash } from 'node:crypto';

/**
 * The lane (0…lanes−1) of a partition key: the key's MD5 as a 128-bit integer (the hash
 * Kinesis itself uses to map keys to shards) modulo the lane count.
 *
 * @example
 * ```ts
 * laneOf('user-42', 4); // same lane for every record of user-42
 * ```
 */
export function laneOf(partitionKey: string, lanes: number): number {
  if (lanes <= 1) return 0;
  const hash = BigInt(`0x${createHash('md5').update(partitionKey, 'utf8').digest('hex')}`);
  return Number(hash % BigInt(lanes));
}

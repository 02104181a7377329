// Partition key → 128-bit hash key, as Kinesis maps keys to shards (MD5, big-endian).
import { createHash } from 'node:crypto';
import { KINESIS_LIMITS } from './constants';

/**
 * The 128-bit hash key Kinesis derives from a partition key: MD5 of its UTF-8 bytes read as
 * an unsigned big-endian integer.
 *
 * @example
 * ```ts
 * partitionKeyHash('post-1'); // 0 ≤ h ≤ 2^128 − 1
 * ```
 */
export function partitionKeyHash(partitionKey: string): bigint {
  return BigInt('0x' + createHash('md5').update(partitionKey, 'utf8').digest('hex'));
}

/** Parses an ExplicitHashKey (decimal, 0 … 2^128 − 1); undefined when malformed or out of range. */
export function parseExplicitHashKey(value: string): bigint | undefined {
  if (!/^(0|[1-9]\d{0,38})$/.test(value)) return undefined;
  const key = BigInt(value);
  return key <= KINESIS_LIMITS.maxHashKey ? key : undefined;
}

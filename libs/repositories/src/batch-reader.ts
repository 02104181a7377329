// Shared BatchGetItem engine: chunks of 100 keys, UnprocessedKeys and transient errors retried
// with the same bounded backoff as writes, consumed capacity counted.
import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CapacityMeter } from './capacity';
import { chunk, mapConcurrent } from './concurrency';
import { GIVE_UP_REASONS, UnprocessedKeysError, type ItemKey } from './errors';
import { keyOf, keyString } from './item-key';
import { backoffDelay, isRetryableError, type ResolvedRetry } from './retry-policy';

/** Options of {@link batchGet}. */
export interface BatchGetOptions {
  readonly retry: ResolvedRetry;
  /** Strongly consistent reads (1 read unit per 4 KB instead of 0.5); default false. */
  readonly consistent?: boolean;
  readonly capacity?: CapacityMeter;
}

/**
 * Reads items by key; returns found items by {@link keyString}. Missing items are absent.
 * Throws UnprocessedKeysError naming the keys still unread when the bound runs out.
 *
 * @example
 * ```ts
 * const found = await batchGet(doc, table, [postKey('p1')], { retry });
 * ```
 */
export async function batchGet(
  doc: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly ItemKey[],
  options: BatchGetOptions,
): Promise<Map<string, Record<string, unknown>>> {
  const { retry, capacity } = options;
  const found = new Map<string, Record<string, unknown>>();
  let pending = [...new Map(keys.map((k) => [keyString(k), k])).values()];
  const started = Date.now();
  for (let attempt = 1; pending.length > 0; attempt++) {
    const results = await mapConcurrent(chunk(pending, 100), 4, async (c) => {
      try {
        const out = await doc.send(
          new BatchGetCommand({
            RequestItems: {
              [tableName]: {
                Keys: c.map((k) => ({ pk: k.pk, sk: k.sk })),
                ConsistentRead: options.consistent ?? false,
              },
            },
            ReturnConsumedCapacity: 'TOTAL',
          }),
        );
        capacity?.addAnswer('read', out.ConsumedCapacity);
        for (const item of out.Responses?.[tableName] ?? []) found.set(keyString(keyOf(item)), item);
        return {
          left: (out.UnprocessedKeys?.[tableName]?.Keys ?? []).map((k) => keyOf(k)),
          error: undefined as unknown,
        };
      } catch (error) {
        capacity?.addUncharged();
        return { left: c, error };
      }
    });
    pending = results.flatMap((r) => r.left);
    if (pending.length === 0) break;
    const fatal = results.find((r) => r.error !== undefined && !isRetryableError(r.error));
    if (fatal) throw new UnprocessedKeysError(tableName, pending, GIVE_UP_REASONS.nonRetryableError, fatal.error);
    if (attempt >= retry.maxAttempts)
      throw new UnprocessedKeysError(tableName, pending, GIVE_UP_REASONS.attemptsExhausted);
    const delay = backoffDelay(attempt, retry);
    if (Date.now() - started + delay > retry.maxElapsedMs)
      throw new UnprocessedKeysError(tableName, pending, GIVE_UP_REASONS.timeExhausted);
    await retry.sleep(delay);
  }
  return found;
}

// Shared BatchGetItem engine: chunks of 100 keys, consistent reads, UnprocessedKeys and
// transient errors retried with the same bounded backoff as writes.
import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { chunk, mapConcurrent } from './concurrency';
import { GIVE_UP_REASONS, UnprocessedKeysError, type ItemKey } from './errors';
import { keyOf, keyString } from './item-key';
import { backoffDelay, isRetryableError, type ResolvedRetry } from './retry-policy';

/**
 * Reads items by key; returns found items by {@link keyString}. Missing items are absent.
 * Throws UnprocessedKeysError naming the keys still unread when the bound runs out.
 */
export async function batchGet(
  doc: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly ItemKey[],
  retry: ResolvedRetry,
  projection?: readonly string[],
): Promise<Map<string, Record<string, unknown>>> {
  const found = new Map<string, Record<string, unknown>>();
  let pending = [...new Map(keys.map((k) => [keyString(k), k])).values()];
  const names = projection ? Object.fromEntries(projection.map((p, i) => [`#p${i}`, p])) : undefined;
  const started = Date.now();
  for (let attempt = 1; pending.length > 0; attempt++) {
    const results = await mapConcurrent(chunk(pending, 100), 4, async (c) => {
      try {
        const out = await doc.send(
          new BatchGetCommand({
            RequestItems: {
              [tableName]: {
                Keys: c.map((k) => ({ pk: k.pk, sk: k.sk })),
                ConsistentRead: true,
                ...(names
                  ? { ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names }
                  : {}),
              },
            },
          }),
        );
        for (const item of out.Responses?.[tableName] ?? []) found.set(keyString(keyOf(item)), item);
        return {
          left: (out.UnprocessedKeys?.[tableName]?.Keys ?? []).map((k) => keyOf(k)),
          error: undefined as unknown,
        };
      } catch (error) {
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

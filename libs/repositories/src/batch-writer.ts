// Shared BatchWriteItem engine: chunks of 25, de-duplicated keys, oversized items rejected up
// front, UnprocessedItems and transient errors retried with bounded full-jitter backoff.
// It never throws for partial failure: the outcome lists written, rejected and unwritten
// entries, and repositories turn a non-empty `unwritten` into UnprocessedItemsError.
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { chunk, mapConcurrent } from './concurrency';
import { GIVE_UP_REASONS, ItemTooLargeError, type GiveUp, type ItemKey } from './errors';
import { estimateItemSize, MAX_ITEM_BYTES } from './item-size';
import { keyOf, keyString } from './item-key';
import { backoffDelay, isRetryableError, type ResolvedRetry } from './retry-policy';

/** One put or delete, tagged with the domain record (`ownerId`) it belongs to. */
export interface WriteEntry {
  readonly ownerId: string;
  readonly key: ItemKey;
  /** The item to put, or undefined for a delete of `key`. */
  readonly item?: Readonly<Record<string, unknown>>;
}

/** Result of {@link batchWrite}. */
export interface BatchWriteOutcome {
  readonly written: WriteEntry[];
  readonly rejected: { entry: WriteEntry; error: ItemTooLargeError }[];
  /** Entries still unwritten when the bound ran out (empty on success). */
  readonly unwritten: WriteEntry[];
  readonly giveUp?: GiveUp;
}

/** Options of {@link batchWrite}. */
export interface BatchWriteOptions {
  readonly retry: ResolvedRetry;
  /** BatchWriteItem calls in flight at once (default 4). */
  readonly concurrency?: number;
}

/** A put entry for an item (its key read from `pk`/`sk`). */
export function putEntry(ownerId: string, item: Readonly<Record<string, unknown>>): WriteEntry {
  return { ownerId, key: keyOf(item), item };
}

/** A delete entry. */
export function deleteEntry(ownerId: string, key: ItemKey): WriteEntry {
  return { ownerId, key };
}

/** Last entry per key wins: BatchWriteItem rejects a call that names one key twice. */
export function dedupeEntries(entries: readonly WriteEntry[]): WriteEntry[] {
  const byKey = new Map<string, WriteEntry>();
  for (const e of entries) {
    byKey.delete(keyString(e.key));
    byKey.set(keyString(e.key), e);
  }
  return [...byKey.values()];
}

function toRequest(e: WriteEntry) {
  return e.item
    ? { PutRequest: { Item: e.item as Record<string, unknown> } }
    : { DeleteRequest: { Key: { pk: e.key.pk, sk: e.key.sk } } };
}

interface ChunkResult {
  readonly unprocessed: WriteEntry[];
  readonly error?: unknown;
}

async function sendChunk(doc: DynamoDBDocumentClient, tableName: string, entries: WriteEntry[]): Promise<ChunkResult> {
  try {
    const out = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: entries.map(toRequest) } }));
    const left = new Set(
      (out.UnprocessedItems?.[tableName] ?? []).map((r) =>
        keyString(keyOf((r.PutRequest?.Item ?? r.DeleteRequest?.Key ?? {}) as Record<string, unknown>)),
      ),
    );
    return { unprocessed: entries.filter((e) => left.has(keyString(e.key))) };
  } catch (error) {
    return { unprocessed: entries, error };
  }
}

/**
 * Writes entries to one table. De-duplicates keys (last wins), rejects items over 400 KB
 * without sending them, retries the rest until written or the retry bound runs out.
 *
 * @example
 * ```ts
 * const outcome = await batchWrite(doc, table, items.map((i) => putEntry(i.id, i)), { retry: resolveRetry() });
 * if (outcome.unwritten.length > 0) throw ...;
 * ```
 */
export async function batchWrite(
  doc: DynamoDBDocumentClient,
  tableName: string,
  entries: readonly WriteEntry[],
  options: BatchWriteOptions,
): Promise<BatchWriteOutcome> {
  const written: WriteEntry[] = [];
  const rejected: BatchWriteOutcome['rejected'] = [];
  let pending: WriteEntry[] = [];
  for (const e of dedupeEntries(entries)) {
    const size = e.item ? estimateItemSize(e.item) : 0;
    if (size > MAX_ITEM_BYTES)
      rejected.push({ entry: e, error: new ItemTooLargeError(tableName, e.key, e.ownerId, size, MAX_ITEM_BYTES) });
    else pending.push(e);
  }
  const { retry } = options;
  const started = Date.now();
  for (let attempt = 1; pending.length > 0; attempt++) {
    const results = await mapConcurrent(chunk(pending, 25), options.concurrency ?? 4, (c) =>
      sendChunk(doc, tableName, c),
    );
    const next = results.flatMap((r) => r.unprocessed);
    const failedKeys = new Set(next.map((e) => keyString(e.key)));
    written.push(...pending.filter((e) => !failedKeys.has(keyString(e.key))));
    pending = next;
    if (pending.length === 0) break;
    const errors = results.filter((r) => r.error !== undefined).map((r) => r.error);
    const fatal = errors.find((e) => !isRetryableError(e));
    const elapsedMs = Date.now() - started;
    const lastError = errors[errors.length - 1];
    if (fatal !== undefined)
      return {
        written,
        rejected,
        unwritten: pending,
        giveUp: { reason: GIVE_UP_REASONS.nonRetryableError, attempts: attempt, elapsedMs, cause: fatal },
      };
    if (attempt >= retry.maxAttempts)
      return {
        written,
        rejected,
        unwritten: pending,
        giveUp: { reason: GIVE_UP_REASONS.attemptsExhausted, attempts: attempt, elapsedMs, cause: lastError },
      };
    const delay = backoffDelay(attempt, retry);
    if (elapsedMs + delay > retry.maxElapsedMs)
      return {
        written,
        rejected,
        unwritten: pending,
        giveUp: { reason: GIVE_UP_REASONS.timeExhausted, attempts: attempt, elapsedMs, cause: lastError },
      };
    await retry.sleep(delay);
  }
  return { written, rejected, unwritten: [] };
}

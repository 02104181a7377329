// Shared BatchWriteItem engine: chunks of 25, de-duplicated keys, items DynamoDB would refuse
// (keys over their byte limits, items over 400 KB) rejected up front and named, UnprocessedItems
// and transient errors retried with bounded full-jitter backoff. A call DynamoDB refuses with a
// ValidationException is split in halves until the refused item is alone, so one bad item never
// fails its 24 neighbours. It never throws for partial failure: the outcome lists written,
// rejected and unwritten entries, and repositories turn a non-empty `unwritten` into
// UnprocessedItemsError.
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TableSpec } from '@streamlens/tables';
import type { CapacityMeter } from './capacity';
import { chunk, mapConcurrent } from './concurrency';
import { GIVE_UP_REASONS, ItemRejectedError, ItemTooLargeError, type GiveUp, type ItemKey } from './errors';
import { DYNAMODB_LIMITS, itemLimitProblem } from './item-limits';
import { keyOf, keyString } from './item-key';
import { backoffDelay, isRetryableError, isValidationError, type ResolvedRetry } from './retry-policy';

/** One put or delete, tagged with the domain record (`ownerId`) it belongs to. */
export interface WriteEntry {
  readonly ownerId: string;
  readonly key: ItemKey;
  /** The item to put, or undefined for a delete of `key`. */
  readonly item?: Readonly<Record<string, unknown>>;
}

/** An entry DynamoDB refuses (or would refuse), and why. */
export interface RejectedEntry {
  readonly entry: WriteEntry;
  readonly error: ItemTooLargeError | ItemRejectedError;
}

/** Result of {@link batchWrite}. */
export interface BatchWriteOutcome {
  readonly written: WriteEntry[];
  readonly rejected: RejectedEntry[];
  /** Entries still unwritten when the bound ran out (empty on success). */
  readonly unwritten: WriteEntry[];
  readonly giveUp?: GiveUp;
}

/** Options of {@link batchWrite}. */
export interface BatchWriteOptions {
  readonly retry: ResolvedRetry;
  /** The table's spec: its key attributes are checked against DynamoDB's key limits. */
  readonly spec: Pick<TableSpec, 'hashKey' | 'rangeKey'>;
  /** BatchWriteItem calls in flight at once (default 4). */
  readonly concurrency?: number;
  /** Counts the capacity the calls consume. */
  readonly capacity?: CapacityMeter;
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
  readonly rejected: RejectedEntry[];
  readonly error?: unknown;
}

interface ChunkContext {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly capacity: CapacityMeter | undefined;
}

async function sendChunk(ctx: ChunkContext, entries: WriteEntry[]): Promise<ChunkResult> {
  try {
    const out = await ctx.doc.send(
      new BatchWriteCommand({
        RequestItems: { [ctx.tableName]: entries.map(toRequest) },
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    ctx.capacity?.addAnswer('write', out.ConsumedCapacity);
    const left = new Set(
      (out.UnprocessedItems?.[ctx.tableName] ?? []).map((r) =>
        keyString(keyOf((r.PutRequest?.Item ?? r.DeleteRequest?.Key ?? {}) as Record<string, unknown>)),
      ),
    );
    return { unprocessed: entries.filter((e) => left.has(keyString(e.key))), rejected: [] };
  } catch (error) {
    ctx.capacity?.addUncharged();
    if (isValidationError(error)) return isolate(ctx, entries, error);
    return { unprocessed: entries, rejected: [], error };
  }
}

// A ValidationException names no item: split until the refused ones are alone. The split is not
// an attempt (as Lambda's bisect is no retry); at most 2·log2(25) extra calls per bad item.
async function isolate(ctx: ChunkContext, entries: WriteEntry[], error: unknown): Promise<ChunkResult> {
  if (entries.length === 1) {
    const entry = entries[0] as WriteEntry;
    const detail = `DynamoDB refused it: ${(error as Error).message}`;
    return {
      unprocessed: [],
      rejected: [
        { entry, error: new ItemRejectedError(ctx.tableName, entry.key, entry.ownerId, detail, { cause: error }) },
      ],
    };
  }
  const half = Math.ceil(entries.length / 2);
  const parts = await Promise.all([sendChunk(ctx, entries.slice(0, half)), sendChunk(ctx, entries.slice(half))]);
  const failed = parts.find((p) => p.error !== undefined);
  return {
    unprocessed: parts.flatMap((p) => p.unprocessed),
    rejected: parts.flatMap((p) => p.rejected),
    ...(failed ? { error: failed.error } : {}),
  };
}

function rejectUpFront(
  tableName: string,
  spec: BatchWriteOptions['spec'],
  entry: WriteEntry,
): RejectedEntry | undefined {
  const problem = entry.item ? itemLimitProblem(spec, entry.item) : undefined;
  if (!problem) return undefined;
  const error = problem.tooLarge
    ? new ItemTooLargeError(tableName, entry.key, entry.ownerId, problem.sizeBytes, DYNAMODB_LIMITS.itemBytes)
    : new ItemRejectedError(tableName, entry.key, entry.ownerId, `attribute ${problem.attribute} ${problem.problem}`);
  return { entry, error };
}

/**
 * Writes entries to one table. De-duplicates keys (last wins), rejects items DynamoDB would
 * refuse without sending them, isolates items DynamoDB refuses, retries the rest until written
 * or the retry bound runs out.
 *
 * @example
 * ```ts
 * const outcome = await batchWrite(doc, table, items.map((i) => putEntry(i.id, i)), { retry: resolveRetry(), spec: TABLE_SPECS.posts });
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
  const rejected: RejectedEntry[] = [];
  let pending: WriteEntry[] = [];
  for (const e of dedupeEntries(entries)) {
    const refused = rejectUpFront(tableName, options.spec, e);
    if (refused) rejected.push(refused);
    else pending.push(e);
  }
  const { retry } = options;
  const ctx: ChunkContext = { doc, tableName, capacity: options.capacity };
  const started = Date.now();
  for (let attempt = 1; pending.length > 0; attempt++) {
    const results = await mapConcurrent(chunk(pending, 25), options.concurrency ?? 4, (c) => sendChunk(ctx, c));
    rejected.push(...results.flatMap((r) => r.rejected));
    const next = results.flatMap((r) => r.unprocessed);
    const done = new Set(
      [...next, ...results.flatMap((r) => r.rejected.map((x) => x.entry))].map((e) => keyString(e.key)),
    );
    written.push(...pending.filter((e) => !done.has(keyString(e.key))));
    pending = next;
    if (pending.length === 0) break;
    const errors = results.filter((r) => r.error !== undefined).map((r) => r.error);
    const fatal = errors.find((e) => !isRetryableError(e));
    const elapsedMs = Date.now() - started;
    const lastError = errors[errors.length - 1];
    const give = (reason: GiveUp['reason'], cause: unknown): BatchWriteOutcome => ({
      written,
      rejected,
      unwritten: pending,
      giveUp: { reason, attempts: attempt, elapsedMs, cause },
    });
    if (fatal !== undefined) return give(GIVE_UP_REASONS.nonRetryableError, fatal);
    if (attempt >= retry.maxAttempts) return give(GIVE_UP_REASONS.attemptsExhausted, lastError);
    const delay = backoffDelay(attempt, retry);
    if (elapsedMs + delay > retry.maxElapsedMs) return give(GIVE_UP_REASONS.timeExhausted, lastError);
    await retry.sleep(delay);
  }
  return { written, rejected, unwritten: [] };
}

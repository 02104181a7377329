// Posts writer flow: plan → group index entries → (this file) one conditional put per post →
// remove entries of losers and of replaced versions.
// The conditional put is the arbiter of "newest version wins": DynamoDB applies it only to the
// item it was decided on, atomically, whatever other writers do (other shards, a parallelization
// factor above 1, a redrive). A new post — nearly every post — costs one PutItem with the
// simplest condition (attribute_not_exists), no read first. When the post exists, the stored item
// (returned with the failed condition) decides: a newer one wins, the same one with the same
// index entries is already done, and otherwise the new version is put with a compare-and-swap on
// the item's revision, carrying the replaced version's index references in `stale` — in the
// same atomic step, so a writer that stops right after it loses no reference.
// (An UpdateItem appending `idx` to `stale` in one expression did the same in one call, but cost
// dynalite 2.7× the CPU of a PutItem: npm run bench -- repositories.)
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CapacityMeter } from './capacity';
import { conditionalWrite } from './conditional-write';
import { estimateItemSize } from './item-size';
import { formatRef, postKey, storedHead, type IndexRef, type StoredPostHead } from './post-items';
import type { PlannedPost } from './post-plan';
import { isValidationError } from './retry-policy';
import type { ResolvedRetry } from './retry-policy';
import { withRetry, type RetryOutcome } from './with-retry';

/** What one conditional put did. */
export type UpdateOutcome =
  /**
   * This version is stored at revision `rev`; `replaced` is the item it overwrote (undefined: a
   * new post), whose references it now carries in `stale`.
   */
  | { readonly kind: 'won'; readonly replaced: StoredPostHead | undefined; readonly rev: number }
  /** A newer version is stored; nothing was written. */
  | { readonly kind: 'lost' }
  /** This version is already stored with these index entries and nothing pending; nothing was written. */
  | { readonly kind: 'stored' }
  /** DynamoDB refused the item (ValidationException): retrying cannot help. */
  | { readonly kind: 'refused'; readonly error: unknown };

/** Context of the puts of one putPosts call. */
export interface UpdateContext {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly retry: ResolvedRetry;
  readonly capacity: CapacityMeter;
}

/** A stored post item as the decision needs it. */
interface Stored {
  readonly head: StoredPostHead;
  /** The item's revision (incremented by every put; the compare-and-swap token). */
  readonly rev: number;
  /** Its raw `stale` list, as stored. */
  readonly staleRefs: readonly string[];
}

/** The post item of `plan` at revision `rev`, naming `ref`, carrying `stale`. */
function itemOf(plan: PlannedPost, ref: IndexRef, rev: number, stale: readonly string[]): Record<string, unknown> {
  return {
    ...postKey(plan.postId),
    postId: plan.postId,
    versionKey: plan.versionKey,
    [plan.doc.name]: plan.doc.value,
    idx: [formatRef(ref)],
    stale,
    rev,
    expiresAt: plan.expiresAt,
  };
}

// One PutItem, its failed condition an answer; ALL_OLD both ways (the replaced item, or the
// item that failed the condition, where DynamoDB returns it).
function put(ctx: UpdateContext, item: Record<string, unknown>, condition: string, values?: Record<string, unknown>) {
  return conditionalWrite(
    ctx.capacity,
    () =>
      ctx.doc.send(
        new PutCommand({
          TableName: ctx.tableName,
          Item: item,
          ConditionExpression: condition,
          ...(values ? { ExpressionAttributeValues: values } : {}),
          ReturnValues: 'ALL_OLD',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          ReturnConsumedCapacity: 'TOTAL',
        }),
      ),
    estimateItemSize(item),
  );
}

// The item a failed condition saw. DynamoDB returns it with the exception (no extra cost); an
// emulator that does not (dynalite) is asked with one consistent read.
async function storedAfterFailure(ctx: UpdateContext, postId: string, err: unknown): Promise<Stored | undefined> {
  const raw = (err as { Item?: Record<string, { S?: string; N?: string; L?: { S?: string }[] }> }).Item;
  let item: Record<string, unknown> | undefined;
  if (raw && raw['versionKey']?.S !== undefined) {
    item = {
      versionKey: raw['versionKey'].S,
      rev: Number(raw['rev']?.N ?? 0),
      idx: (raw['idx']?.L ?? []).map((v) => v.S),
      stale: (raw['stale']?.L ?? []).map((v) => v.S),
    };
  } else {
    const out = await ctx.doc.send(
      new GetCommand({
        TableName: ctx.tableName,
        Key: postKey(postId),
        ConsistentRead: true,
        ProjectionExpression: 'versionKey, rev, idx, stale',
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    ctx.capacity.addAnswer('read', out.ConsumedCapacity);
    item = out.Item;
  }
  if (!item) return undefined;
  const staleRefs = Array.isArray(item['stale']) ? (item['stale'] as unknown[]).map(String) : [];
  return { head: storedHead(item), rev: Number(item['rev'] ?? 0), staleRefs };
}

/** The version is stored with these entries and nothing is pending: a redelivery. */
function isDone(stored: Stored, plan: PlannedPost, ref: IndexRef): boolean {
  return (
    stored.head.versionKey === plan.versionKey &&
    stored.head.idx !== undefined &&
    formatRef(stored.head.idx) === formatRef(ref) &&
    stored.staleRefs.length === 0
  );
}

/** The references the new version must carry in `stale`: everything the stored one names, but its own. */
function staleFor(stored: Stored, ref: IndexRef): string[] {
  const own = formatRef(ref);
  const refs = [...stored.staleRefs, ...(stored.head.idx ? [formatRef(stored.head.idx)] : [])];
  return [...new Set(refs)].filter((r) => r !== own);
}

/** The put must be decided again: the item changed between the read and the compare-and-swap. */
class RetryPutError extends Error {
  // Read by isRetryableError: the decision is made again on the next attempt.
  readonly $retryable = { throttling: false };

  constructor(postId: string) {
    super(`post ${postId} changed while its write was decided; retrying`);
    this.name = 'RetryPutError';
  }
}

async function decide(ctx: UpdateContext, plan: PlannedPost, ref: IndexRef): Promise<UpdateOutcome> {
  const first = await put(ctx, itemOf(plan, ref, 1, []), 'attribute_not_exists(pk)');
  if (first.applied) return { kind: 'won', replaced: undefined, rev: 1 };
  const stored = await storedAfterFailure(ctx, plan.postId, first.err);
  if (stored === undefined) throw new RetryPutError(plan.postId);
  if (stored.head.versionKey > plan.versionKey) return { kind: 'lost' };
  if (isDone(stored, plan, ref)) return { kind: 'stored' };
  const rev = stored.rev + 1;
  const swap = await put(ctx, itemOf(plan, ref, rev, staleFor(stored, ref)), 'rev = :rev', { ':rev': stored.rev });
  if (!swap.applied) throw new RetryPutError(plan.postId);
  return { kind: 'won', replaced: stored.head, rev };
}

/**
 * Writes one planned post unless a newer version is stored. Retries transient errors (and a
 * compare-and-swap that lost to a concurrent writer) within the bound; a give-up is returned
 * (not thrown) for the caller to report.
 *
 * @example
 * ```ts
 * const out = await updatePost(ctx, plan, ref);
 * if (out.ok && out.value.kind === 'won') clean(out.value.replaced);
 * ```
 */
export async function updatePost(
  ctx: UpdateContext,
  plan: PlannedPost,
  ref: IndexRef,
): Promise<RetryOutcome<UpdateOutcome>> {
  return withRetry(async (): Promise<UpdateOutcome> => {
    try {
      return await decide(ctx, plan, ref);
    } catch (err) {
      if (isValidationError(err)) return { kind: 'refused', error: err };
      throw err;
    }
  }, ctx.retry);
}

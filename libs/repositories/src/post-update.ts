// Posts writer flow: plan → group index entries → (this file) one conditional update per post →
// remove entries of losers and of replaced versions.
// The update is the arbiter of "newest version wins": DynamoDB applies it only when no newer
// version is stored, atomically, whatever other writers do (other shards, a parallelization
// factor above 1, a redrive). It needs no read first: ALL_OLD returns the version it replaced,
// whose index entries the caller then removes. The same version is rewritten only when it points
// at other index items (another batch wrote it) or a replaced version's entries are still
// pending; a plain redelivery of a stored batch changes nothing.
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CapacityMeter } from './capacity';
import { estimateItemSize } from './item-size';
import { formatRef, postKey, storedHead, type IndexRef, type StoredPostHead } from './post-items';
import type { PlannedPost } from './post-plan';
import { isValidationError } from './retry-policy';
import type { ResolvedRetry } from './retry-policy';
import { withRetry, type RetryOutcome } from './with-retry';

/** What one conditional update did. */
export type UpdateOutcome =
  /** This version is stored; `replaced` is the item it overwrote (undefined: a new post). */
  | { readonly kind: 'won'; readonly replaced: StoredPostHead | undefined }
  /** A newer version is stored; nothing was written. */
  | { readonly kind: 'lost' }
  /** This version is already stored with these index entries and nothing pending; nothing was written. */
  | { readonly kind: 'stored' }
  /** DynamoDB refused the item (ValidationException): retrying cannot help. */
  | { readonly kind: 'refused'; readonly error: unknown };

const UPDATE =
  'SET postId = :id, versionKey = :v, doc = :doc, expiresAt = :x, ' +
  // Before `idx` is replaced, the replaced version's references join `stale` in the same step.
  'stale = list_append(if_not_exists(stale, :none), if_not_exists(idx, :none)), idx = :idx';
const NEWER_OR_REPOINTED =
  'attribute_not_exists(pk) OR versionKey < :v OR (versionKey = :v AND (idx <> :idx OR size(stale) > :zero))';

/** Context of the updates of one putPosts call. */
export interface UpdateContext {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly retry: ResolvedRetry;
  readonly capacity: CapacityMeter;
}

/**
 * Writes one planned post if no newer version is stored. Retries transient errors within the
 * bound; a give-up is returned (not thrown) for the caller to report.
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
  const idx = [formatRef(ref)];
  const values = {
    ':id': plan.postId,
    ':v': plan.versionKey,
    ':doc': plan.doc,
    ':x': plan.expiresAt,
    ':none': [],
    ':idx': idx,
    ':zero': 0,
  };
  return withRetry(async (): Promise<UpdateOutcome> => {
    try {
      const out = await ctx.doc.send(
        new UpdateCommand({
          TableName: ctx.tableName,
          Key: postKey(plan.postId),
          UpdateExpression: UPDATE,
          ConditionExpression: NEWER_OR_REPOINTED,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_OLD',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      ctx.capacity.addAnswer('write', out.ConsumedCapacity);
      return { kind: 'won', replaced: out.Attributes ? storedHead(out.Attributes) : undefined };
    } catch (err) {
      const name = (err as { name?: string }).name;
      if (name !== 'ConditionalCheckFailedException') {
        ctx.capacity.addUncharged();
        if (isValidationError(err)) return { kind: 'refused', error: err };
        throw err;
      }
      ctx.capacity.addConditionFailure(estimateItemSize({ ...postKey(plan.postId), doc: plan.doc, idx }));
      const stored = await storedVersion(ctx, plan.postId, err);
      if (stored === undefined || stored < plan.versionKey) throw new RetryUpdateError(plan.postId);
      return stored === plan.versionKey ? { kind: 'stored' } : { kind: 'lost' };
    }
  }, ctx.retry);
}

/** The update must be tried again: the item changed between its condition and our look at it. */
class RetryUpdateError extends Error {
  // Read by isRetryableError: the condition is evaluated again on the next attempt.
  readonly $retryable = { throttling: false };

  constructor(postId: string) {
    super(`post ${postId} changed while its update was decided; retrying`);
    this.name = 'RetryUpdateError';
  }
}

// The version a failed condition saw: DynamoDB returns the item with the exception
// (ReturnValuesOnConditionCheckFailure, no extra cost); an emulator that does not is asked with
// one consistent read of the version alone.
async function storedVersion(ctx: UpdateContext, postId: string, err: unknown): Promise<string | undefined> {
  const returned = (err as { Item?: Record<string, { S?: string } | undefined> }).Item?.['versionKey']?.S;
  if (typeof returned === 'string') return returned;
  const out = await ctx.doc.send(
    new GetCommand({
      TableName: ctx.tableName,
      Key: postKey(postId),
      ConsistentRead: true,
      ProjectionExpression: 'versionKey',
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
  ctx.capacity.addAnswer('read', out.ConsumedCapacity);
  const version = out.Item?.['versionKey'];
  return typeof version === 'string' ? version : undefined;
}

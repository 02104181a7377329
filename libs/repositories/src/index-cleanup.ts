// Posts writer flow: plan → group index entries → conditional post updates → (this file) remove
// index entries nobody may list: those of posts that lost to a newer version, and those of the
// versions a winning update replaced. Removal deletes values from a group item's string set, so it
// is idempotent and never touches another post's entry; a group left empty is deleted.
import { DeleteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CapacityMeter } from './capacity';
import { mapConcurrent } from './concurrency';
import { conditionalWrite } from './conditional-write';
import type { GiveUp, ItemKey } from './errors';
import type { EntryLocation } from './hashtag-index';
import { keyString } from './item-key';
import { postKey } from './post-items';
import type { ResolvedRetry } from './retry-policy';
import { withRetry } from './with-retry';

/** Context of the clean-up of one putPosts call. */
export interface CleanupContext {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly retry: ResolvedRetry;
  readonly capacity: CapacityMeter;
  readonly concurrency: number;
}

/** Entries to remove, grouped per group item, with the posts they belong to. */
export class Removals {
  private readonly byItem = new Map<string, { key: ItemKey; entries: Set<string>; owners: Set<string> }>();

  /** Adds entries of `postId`. */
  add(postId: string, locations: readonly EntryLocation[]): void {
    for (const { key, entry } of locations) {
      const id = keyString(key);
      let item = this.byItem.get(id);
      if (!item) this.byItem.set(id, (item = { key, entries: new Set(), owners: new Set() }));
      item.entries.add(entry);
      item.owners.add(postId);
    }
  }

  get size(): number {
    return this.byItem.size;
  }

  items(): { key: ItemKey; entries: Set<string>; owners: Set<string> }[] {
    return [...this.byItem.values()];
  }
}

async function removeFromItem(ctx: CleanupContext, key: ItemKey, entries: Set<string>): Promise<void> {
  const removed = await conditionalWrite(
    ctx.capacity,
    () =>
      ctx.doc.send(
        new UpdateCommand({
          TableName: ctx.tableName,
          Key: { pk: key.pk, sk: key.sk },
          UpdateExpression: 'DELETE e :gone',
          // Never create an item: a group that is gone (expired, already emptied) has nothing to remove.
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':gone': entries },
          ReturnValues: 'UPDATED_NEW',
          ReturnConsumedCapacity: 'TOTAL',
        }),
      ),
    0,
  );
  if (!removed.applied || removed.out.Attributes?.['e'] !== undefined) return;
  await conditionalWrite(
    ctx.capacity,
    () =>
      ctx.doc.send(
        new DeleteCommand({
          TableName: ctx.tableName,
          Key: { pk: key.pk, sk: key.sk },
          // A writer of the same versions may have put the group again meanwhile: keep it then.
          ConditionExpression: 'attribute_not_exists(e)',
          ReturnConsumedCapacity: 'TOTAL',
        }),
      ),
    0,
  );
}

/**
 * Removes the entries; returns the posts whose removal gave up, with the group item and why
 * (their records should be retried, so the removal is tried again).
 *
 * @example
 * ```ts
 * const failed = await removeEntries(ctx, removals);
 * ```
 */
export async function removeEntries(
  ctx: CleanupContext,
  removals: Removals,
): Promise<Map<string, { key: ItemKey; giveUp: GiveUp }>> {
  const failed = new Map<string, { key: ItemKey; giveUp: GiveUp }>();
  await mapConcurrent(removals.items(), ctx.concurrency, async ({ key, entries, owners }) => {
    const out = await withRetry(() => removeFromItem(ctx, key, entries), ctx.retry);
    if (!out.ok) for (const id of owners) if (!failed.has(id)) failed.set(id, { key, giveUp: out.giveUp });
  });
  return failed;
}

/**
 * Empties a post item's `stale` list once its entries are removed, unless the post was rewritten
 * meanwhile (the condition sees another revision or another length). Best effort: a list left in
 * place only makes the next writer of the post remove the same entries again.
 */
export async function trimStale(ctx: CleanupContext, postId: string, rev: number, length: number): Promise<void> {
  await withRetry(
    () =>
      conditionalWrite(
        ctx.capacity,
        () =>
          ctx.doc.send(
            new UpdateCommand({
              TableName: ctx.tableName,
              Key: postKey(postId),
              UpdateExpression: 'SET stale = :none',
              ConditionExpression: 'rev = :rev AND size(stale) = :n',
              ExpressionAttributeValues: { ':rev': rev, ':n': length, ':none': [] },
              ReturnConsumedCapacity: 'TOTAL',
            }),
          ),
        0,
      ),
    ctx.retry,
  );
}

// The two ways to make BatchWriteItem-style post writes version-aware (see bench/):
//  - readThenWrite: BatchGetItem the stored versions (≤100 keys per call), then one unconditional
//    BatchWriteItem of only the newer posts. Correct because writes of one post id are
//    serialised upstream (partition key = post id → one shard → one batch at a time). Race
//    window: between the read and the write; a concurrent writer of the same id (a redrive
//    replaying a range while the live mapping processes the same id, or a producer that does not
//    key by post id) can be overwritten by an older version.
//  - conditionalPut: one PutItem per post with `attribute_not_exists(pk) OR versionKey <= :v`;
//    race-free for the post item, one request per post. Gap: the post item is written before
//    the old version is known, so it cannot carry `staleIndex`; if the index writes fail after
//    the post write, a retry sees the new version as "old" and leaves removed-hashtag index
//    items behind (the drill-down may list a post under a hashtag an edit removed).
// In both, hashtag index items are written after their post item wins.
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGet } from './batch-reader';
import { batchWrite, deleteEntry, putEntry, type WriteEntry } from './batch-writer';
import { mapConcurrent } from './concurrency';
import { GIVE_UP_REASONS, UnprocessedKeysError, type GiveUp, type ItemKey } from './errors';
import { keyString } from './item-key';
import { postKey, storedHead, supersede, type PlannedPost } from './post-items';
import type { ResolvedRetry } from './retry-policy';
import { withRetry } from './with-retry';

/** Post write strategies. */
export const POST_WRITE_STRATEGIES = {
  readThenWrite: 'read-then-write',
  conditionalPut: 'conditional-put',
} as const;

/** A post write strategy. */
export type PostWriteStrategy = (typeof POST_WRITE_STRATEGIES)[keyof typeof POST_WRITE_STRATEGIES];

/** What a strategy did with the planned posts. */
export interface StrategyOutcome {
  readonly written: string[];
  readonly skippedAsOlder: string[];
  readonly unwritten: { ids: string[]; keys: ItemKey[]; giveUp: GiveUp } | undefined;
}

/** Shared context of a strategy run. */
export interface StrategyContext {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly retry: ResolvedRetry;
  readonly concurrency: number;
}

function indexEntries(plan: PlannedPost, stale: ItemKey[]): WriteEntry[] {
  return [
    ...plan.tagItems.map((item) => putEntry(plan.postId, item)),
    ...stale.map((k) => deleteEntry(plan.postId, k)),
  ];
}

function finish(
  winners: PlannedPost[],
  skipped: string[],
  failed: Map<string, GiveUp>,
  failedKeys: ItemKey[],
): StrategyOutcome {
  const written = winners.map((p) => p.postId).filter((id) => !failed.has(id));
  if (failed.size === 0) return { written, skippedAsOlder: skipped, unwritten: undefined };
  return {
    written,
    skippedAsOlder: skipped,
    unwritten: { ids: [...failed.keys()].sort(), keys: failedKeys, giveUp: [...failed.values()][0] as GiveUp },
  };
}

async function writeEntries(
  ctx: StrategyContext,
  entries: WriteEntry[],
  failed: Map<string, GiveUp>,
  failedKeys: ItemKey[],
): Promise<void> {
  const outcome = await batchWrite(ctx.doc, ctx.tableName, entries, { retry: ctx.retry, concurrency: ctx.concurrency });
  for (const e of outcome.unwritten) {
    if (!failed.has(e.ownerId)) failed.set(e.ownerId, outcome.giveUp as GiveUp);
    failedKeys.push(e.key);
  }
}

/** Strategy (b): BatchGetItem, compare, unconditional BatchWriteItem of the newer ones. */
export async function readThenWrite(ctx: StrategyContext, plans: readonly PlannedPost[]): Promise<StrategyOutcome> {
  let stored: Map<string, Record<string, unknown>>;
  try {
    stored = await batchGet(
      ctx.doc,
      ctx.tableName,
      plans.map((p) => postKey(p.postId)),
      ctx.retry,
      ['pk', 'sk', 'versionKey', 'createdAt', 'hashtags', 'staleIndex'],
    );
  } catch (err) {
    if (!(err instanceof UnprocessedKeysError)) throw err;
    const giveUp: GiveUp = { reason: err.reason, attempts: ctx.retry.maxAttempts, elapsedMs: 0, cause: err };
    return finish(
      [],
      [],
      new Map(plans.map((p) => [p.postId, giveUp])),
      plans.map((p) => postKey(p.postId)),
    );
  }
  const winners: PlannedPost[] = [];
  const skipped: string[] = [];
  const entries: WriteEntry[] = [];
  for (const plan of plans) {
    const item = stored.get(keyString(postKey(plan.postId)));
    const head = item ? storedHead(item) : undefined;
    if (head && head.versionKey > plan.versionKey) {
      skipped.push(plan.postId);
      continue;
    }
    winners.push(plan);
    const next = head ? supersede(plan, head) : { staleKeys: [], postItem: plan.postItem };
    entries.push(putEntry(plan.postId, next.postItem), ...indexEntries(plan, next.staleKeys));
  }
  const failed = new Map<string, GiveUp>();
  const failedKeys: ItemKey[] = [];
  await writeEntries(ctx, entries, failed, failedKeys);
  return finish(winners, skipped, failed, failedKeys);
}

/** Strategy (a): conditional PutItem per post, then BatchWriteItem of the winners' index items. */
export async function conditionalPut(ctx: StrategyContext, plans: readonly PlannedPost[]): Promise<StrategyOutcome> {
  const results = await mapConcurrent(plans, ctx.concurrency, (plan) =>
    withRetry(async () => {
      try {
        const out = await ctx.doc.send(
          new PutCommand({
            TableName: ctx.tableName,
            Item: plan.postItem,
            ConditionExpression: 'attribute_not_exists(pk) OR versionKey <= :v',
            ExpressionAttributeValues: { ':v': plan.versionKey },
            ReturnValues: 'ALL_OLD',
          }),
        );
        return { won: true, old: out.Attributes };
      } catch (err) {
        if ((err as { name?: string }).name === 'ConditionalCheckFailedException')
          return { won: false, old: undefined };
        throw err;
      }
    }, ctx.retry),
  );
  const winners: PlannedPost[] = [];
  const skipped: string[] = [];
  const failed = new Map<string, GiveUp>();
  const failedKeys: ItemKey[] = [];
  const entries: WriteEntry[] = [];
  plans.forEach((plan, i) => {
    const r = results[i];
    if (!r?.ok) {
      failed.set(plan.postId, r?.giveUp ?? { reason: GIVE_UP_REASONS.nonRetryableError, attempts: 0, elapsedMs: 0 });
      failedKeys.push(postKey(plan.postId));
      winners.push(plan);
    } else if (!r.value.won) {
      skipped.push(plan.postId);
    } else {
      winners.push(plan);
      entries.push(...indexEntries(plan, r.value.old ? supersede(plan, storedHead(r.value.old)).staleKeys : []));
    }
  });
  await writeEntries(ctx, entries, failed, failedKeys);
  return finish(winners, skipped, failed, failedKeys);
}

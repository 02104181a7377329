// Posts writer flow, the whole of it: plan (post-plan) → put the batch's group index items →
// one conditional put per post (post-update) → remove the entries of losers and of replaced
// versions (index-cleanup).
// Why this order keeps the index exact under any interleaving of writers: a post item names its
// group items only after they exist, so whoever replaces that version later (and learns the
// names from the item it replaced) removes entries that are already there; a writer that
// rewrites a group item after such a removal writes the same versions, and its own put then
// either wins (the entry is legitimate again) or loses (it removes the entry itself). The drill-down checks every
// entry against the post item anyway, so an entry is never listed while this converges.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TABLE_SPECS } from '@streamlens/tables';
import { batchWrite, putEntry } from './batch-writer';
import type { CapacityMeter } from './capacity';
import { mapConcurrent } from './concurrency';
import { GIVE_UP_REASONS, ItemRejectedError, type GiveUp, type ItemKey, type RejectedRecord } from './errors';
import { entriesOf, planGroups, writerIdOf, type EntryLocation } from './hashtag-index';
import { removeEntries, Removals, trimStale, type CleanupContext } from './index-cleanup';
import { keyString } from './item-key';
import { formatRef, postKey, type IndexRef } from './post-items';
import type { PlannedPost } from './post-plan';
import { updatePost } from './post-update';
import type { ResolvedRetry } from './retry-policy';

/** Context of one putPosts call. */
export interface WriteContext {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly retry: ResolvedRetry;
  readonly concurrency: number;
  readonly ttlDays: number;
  /** This call's own meter. */
  readonly capacity: CapacityMeter;
}

/** What happened to the planned posts. */
export interface WriteOutcome {
  readonly written: string[];
  readonly skippedAsOlder: string[];
  readonly rejected: RejectedRecord[];
  /** Posts to retry (transient failures), with the keys not written and why. */
  readonly unwritten: Map<string, { key: ItemKey; giveUp: GiveUp }>;
}

const NO_GIVE_UP: GiveUp = { reason: GIVE_UP_REASONS.nonRetryableError, attempts: 0, elapsedMs: 0 };

function notWritten(out: WriteOutcome, id: string, key: ItemKey, giveUp: GiveUp): void {
  if (!out.unwritten.has(id)) out.unwritten.set(id, { key, giveUp });
}

/** Step 1: the group items. Posts whose groups were not all written are not updated. */
async function putGroups(
  ctx: WriteContext,
  plans: readonly PlannedPost[],
  out: WriteOutcome,
): Promise<{ ready: PlannedPost[]; refs: Map<string, IndexRef> }> {
  const { groups, refs } = planGroups(plans, writerIdOf(plans), ctx.ttlDays);
  if (groups.length === 0) return { ready: [...plans], refs };
  const owners = new Map(groups.map((g) => [keyString(putEntry('', g.item).key), g.postIds]));
  const result = await batchWrite(
    ctx.doc,
    ctx.tableName,
    groups.map((g) => putEntry('index', g.item)),
    { retry: ctx.retry, spec: TABLE_SPECS.posts, concurrency: ctx.concurrency, capacity: ctx.capacity },
  );
  const blocked = new Set<string>();
  for (const { entry, error } of result.rejected) {
    for (const id of owners.get(keyString(entry.key)) ?? []) {
      if (blocked.has(id)) continue;
      blocked.add(id);
      out.rejected.push({
        id,
        error: new ItemRejectedError(ctx.tableName, entry.key, id, `its hashtag index item: ${error.message}`, {
          cause: error,
        }),
      });
    }
  }
  const giveUp = result.giveUp ?? NO_GIVE_UP;
  for (const entry of result.unwritten)
    for (const id of owners.get(keyString(entry.key)) ?? []) {
      blocked.add(id);
      notWritten(out, id, entry.key, giveUp);
    }
  return { ready: plans.filter((p) => !blocked.has(p.postId)), refs };
}

function entrySet(locations: readonly EntryLocation[]): Set<string> {
  return new Set(locations.map((l) => `${keyString(l.key)}\u0000${l.entry}`));
}

/**
 * Writes planned posts newest-wins, with their hashtag index entries, and removes entries no
 * post may list. Never throws for a failed post: it lands in `rejected` or `unwritten`.
 */
export async function writePosts(ctx: WriteContext, plans: readonly PlannedPost[]): Promise<WriteOutcome> {
  const out: WriteOutcome = { written: [], skippedAsOlder: [], rejected: [], unwritten: new Map() };
  const { ready, refs } = await putGroups(ctx, plans, out);
  const updates = await mapConcurrent(ready, ctx.concurrency, (plan) =>
    updatePost(ctx, plan, refs.get(plan.postId) as IndexRef),
  );
  const removals = new Removals();
  const trims: { postId: string; rev: number; length: number }[] = [];
  ready.forEach((plan, i) => {
    const result = updates[i];
    const mine = entriesOf(refs.get(plan.postId) as IndexRef, plan.postId);
    if (!result?.ok) {
      // The entries stay: after a timeout or a 5xx the update may have happened, and a writer of
      // the same versions (same group items) may have stored the post. A retry of the batch
      // rewrites the same items; otherwise the drill-down skips them (the post does not name them).
      notWritten(out, plan.postId, postKey(plan.postId), result?.giveUp ?? NO_GIVE_UP);
      return;
    }
    const outcome = result.value;
    if (outcome.kind === 'refused') {
      // Deterministic: a writer of the same versions is refused too, so nobody names these entries.
      removals.add(plan.postId, mine);
      const detail = `DynamoDB refused it: ${(outcome.error as Error).message}`;
      out.rejected.push({
        id: plan.postId,
        error: new ItemRejectedError(ctx.tableName, postKey(plan.postId), plan.postId, detail, {
          cause: outcome.error,
        }),
      });
      return;
    }
    if (outcome.kind === 'stored') {
      // The same version with the same entries, complete: a redelivered batch. Nothing to do.
      out.written.push(plan.postId);
      return;
    }
    if (outcome.kind === 'lost') {
      // A newer version is stored, and versions only grow: these entries can never be named again.
      removals.add(plan.postId, mine);
      out.skippedAsOlder.push(plan.postId);
      return;
    }
    out.written.push(plan.postId);
    const replaced = outcome.replaced;
    if (!replaced) return;
    const keep = entrySet(mine);
    const old = [replaced.idx, ...replaced.stale].filter((r): r is IndexRef => r !== undefined);
    const gone = old
      .flatMap((r) => entriesOf(r, plan.postId))
      .filter((l) => !keep.has(`${keyString(l.key)}\u0000${l.entry}`));
    removals.add(plan.postId, gone);
    const carried = new Set(old.map(formatRef));
    carried.delete(formatRef(refs.get(plan.postId) as IndexRef));
    if (carried.size > 0) trims.push({ postId: plan.postId, rev: outcome.rev, length: carried.size });
  });
  const cleanup: CleanupContext = ctx;
  const failed = removals.size > 0 ? await removeEntries(cleanup, removals) : new Map();
  for (const [id, { key, giveUp }] of failed) notWritten(out, id, key, giveUp);
  const written = new Set(out.written.filter((id) => !failed.has(id)));
  out.written.splice(0, out.written.length, ...written);
  out.skippedAsOlder.splice(0, out.skippedAsOlder.length, ...out.skippedAsOlder.filter((id) => !failed.has(id)));
  await mapConcurrent(
    trims.filter((t) => written.has(t.postId)),
    ctx.concurrency,
    (t) => trimStale(cleanup, t.postId, t.rev, t.length),
  );
  return out;
}

// Consumer flow: decode → enrich → (this file) one idempotent putPosts for the batch → respond.
// Maps the repository's outcome back to stream records: posts it rejected (oversized,
// unstorable) become quarantine records; posts it could not write are transient failures of
// their parent records.
import {
  ItemRejectedError,
  ItemTooLargeError,
  UnprocessedItemsError,
  type ConsumedUnits,
  type PostsWriter,
  type QuarantinedRecord,
  type RejectedRecord,
} from '@streamlens/repositories';
import { QUARANTINE_REASONS } from './constants';
import type { DecodedBatch } from './decode-records';

/** What storing the batch's posts achieved. */
export interface StoreOutcome {
  readonly written: number;
  readonly skippedAsOlder: number;
  /** Records of posts the repository refused to store: quarantine them. */
  readonly rejected: QuarantinedRecord[];
  /** Parent sequence numbers of posts not written (transient). */
  readonly failedSequences: string[];
  /** Post ids not written, for the log. */
  readonly failedIds: readonly string[];
  /** Why they were not written. */
  readonly error?: unknown;
  /** DynamoDB units the write consumed (absent when it failed). */
  readonly consumed?: ConsumedUnits;
}

const NOTHING: StoreOutcome = { written: 0, skippedAsOlder: 0, rejected: [], failedSequences: [], failedIds: [] };

function indexesById(decoded: DecodedBatch): Map<string, number[]> {
  const byId = new Map<string, number[]>();
  decoded.posts.forEach((p, i) => {
    const list = byId.get(p.post.postId);
    if (list) list.push(i);
    else byId.set(p.post.postId, [i]);
  });
  return byId;
}

// Every record carrying a rejected post id is quarantined: the repository reports ids, not
// input positions, and two versions of one id in a batch are rare enough to keep both payloads.
function quarantineRejected(
  decoded: DecodedBatch,
  rejected: readonly RejectedRecord[],
  byId: Map<string, number[]>,
  quarantinedAt: string,
): QuarantinedRecord[] {
  const out: QuarantinedRecord[] = [];
  const done = new Set<string>();
  for (const r of rejected) {
    if (done.has(r.id)) continue;
    done.add(r.id);
    const reason =
      r.error instanceof ItemTooLargeError
        ? QUARANTINE_REASONS.ITEM_TOO_LARGE
        : r.error instanceof ItemRejectedError
          ? QUARANTINE_REASONS.ITEM_REJECTED
          : QUARANTINE_REASONS.UNSTORABLE;
    for (const i of byId.get(r.id) ?? []) {
      const { lineage } = decoded.posts[i] as DecodedBatch['posts'][number];
      out.push({
        ...lineage,
        quarantinedAt,
        reason,
        errorDetails: r.error.message,
        payload: decoded.payloads[i] as Uint8Array,
      });
    }
  }
  return out;
}

function sequencesOf(decoded: DecodedBatch, ids: ReadonlySet<string> | undefined): string[] {
  const out: string[] = [];
  for (const p of decoded.posts) if (ids === undefined || ids.has(p.post.postId)) out.push(p.lineage.sequenceNumber);
  return out;
}

/**
 * Writes all valid posts of the batch with ONE putPosts call (the repository collapses
 * duplicates and keeps the newest version) and maps the outcome to records.
 *
 * @example
 * ```ts
 * const outcome = await storePosts(posts, decoded, ingestedAt.toISOString());
 * outcome.failedSequences.forEach((s) => failures.markFailed(s));
 * ```
 */
export async function storePosts(
  repo: PostsWriter,
  decoded: DecodedBatch,
  quarantinedAt: string,
): Promise<StoreOutcome> {
  if (decoded.posts.length === 0) return NOTHING;
  try {
    const result = await repo.putPosts(decoded.posts);
    const rejected =
      result.rejected.length > 0
        ? quarantineRejected(decoded, result.rejected, indexesById(decoded), quarantinedAt)
        : [];
    return {
      written: result.written.length,
      skippedAsOlder: result.skippedAsOlder.length,
      rejected,
      failedSequences: [],
      failedIds: [],
      consumed: result.consumed,
    };
  } catch (error) {
    if (!(error instanceof UnprocessedItemsError)) {
      // Nothing is known about what was written: every post's record is retried.
      return {
        written: 0,
        skippedAsOlder: 0,
        rejected: [],
        failedSequences: sequencesOf(decoded, undefined),
        failedIds: decoded.posts.map((p) => p.post.postId),
        error,
      };
    }
    const { partial } = error;
    const rejected =
      partial.rejected.length > 0
        ? quarantineRejected(decoded, partial.rejected, indexesById(decoded), quarantinedAt)
        : [];
    return {
      written: partial.writtenIds.length,
      skippedAsOlder: partial.skippedIds.length,
      rejected,
      failedSequences: sequencesOf(decoded, new Set(error.ids)),
      failedIds: error.ids,
      error,
    };
  }
}

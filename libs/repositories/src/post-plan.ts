// Posts writer flow: (this file) validate and lay out a batch → group index entries → conditional
// post updates → remove entries of losers and of replaced versions.
import {
  instantKey,
  isIndexableHashtag,
  normaliseHashtag,
  recordVersionKey,
  SchemaViolationError,
  type EnrichedPost,
} from '@streamlens/schemas';
import { TABLE_SPECS } from '@streamlens/tables';
import { InvalidRecordError, ItemRejectedError, ItemTooLargeError, type RejectedRecord } from './errors';
import type { IndexablePost } from './hashtag-index';
import { DYNAMODB_LIMITS, itemLimitProblem } from './item-limits';
import { encodePostDoc, type StoredDoc } from './post-doc';
import { formatRef, postKey } from './post-items';
import { expiresAt } from './time-keys';

/** Everything needed to write one post version. */
export interface PlannedPost extends IndexablePost {
  /** The EnrichedPost as stored in its post item (post-doc). */
  readonly doc: StoredDoc;
  /** DynamoDB TTL (epoch seconds), counted from createdAt. */
  readonly expiresAt: number;
}

/**
 * Most hashtags of one post that get index entries (the first ones, in order of appearance); the
 * post keeps all of them. A 10,000-character post can carry ~3,300 hashtags: indexing them all
 * would cost that many writes for one post and make its post item's index reference ~300 KB.
 */
export const MAX_INDEXED_HASHTAGS = 100;

// eslint-disable-next-line no-control-regex -- the point is to find them
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

function plan(e: EnrichedPost, ttlDays: number): PlannedPost {
  const postId = e?.post?.postId;
  if (typeof postId !== 'string' || postId.length === 0)
    throw new InvalidRecordError(String(postId), 'post.postId', 'must be a non-empty string');
  // As the schema says; the index entries rely on it (a control character separates their parts).
  if (CONTROL_CHARACTER.test(postId))
    throw new InvalidRecordError(postId, 'post.postId', 'must not contain control characters');
  let versionKey: string;
  let createdAtKey: string;
  try {
    versionKey = recordVersionKey(e.post, e.lineage);
    createdAtKey = instantKey(e.post.createdAt, 'post.createdAt');
  } catch (err) {
    if (!(err instanceof SchemaViolationError)) throw err;
    const issue = err.issues[0];
    const path =
      issue?.path.startsWith('lineage') || issue?.path.startsWith('post.') ? issue.path : `post.${issue?.path}`;
    throw new InvalidRecordError(postId, path, issue?.message ?? err.message);
  }
  const tags = [...new Set((e.hashtags ?? []).map(normaliseHashtag))]
    .filter(isIndexableHashtag)
    .slice(0, MAX_INDEXED_HASHTAGS);
  // TTL counts from the post's creation (deterministic: a retried write stores the same value).
  const ttl = expiresAt(Date.parse(`${createdAtKey.slice(0, 23)}Z`), ttlDays);
  return { postId, versionKey, createdAtKey, tags, doc: encodePostDoc(e), expiresAt: ttl };
}

/**
 * The post item as it will be stored, for the limit check: `idx` at its largest (every part
 * number set) and `stale` holding one reference as large (a replaced version usually leaves one).
 */
function itemFor(p: PlannedPost): Record<string, unknown> {
  const ref = formatRef({ c: p.createdAtKey, g: '0'.repeat(16), t: p.tags, p: p.tags.map(() => 999) });
  return {
    ...postKey(p.postId),
    postId: p.postId,
    versionKey: p.versionKey,
    [p.doc.name]: p.doc.value,
    idx: [ref],
    rev: Number.MAX_SAFE_INTEGER,
    stale: [ref],
    expiresAt: p.expiresAt,
  };
}

/**
 * Validates and lays out a batch: posts that cannot be stored become `rejected` (nothing of them
 * is sent): an unusable id, time or stream position (InvalidRecordError), a post item over 400 KB
 * (ItemTooLargeError) or a key DynamoDB would refuse (ItemRejectedError). Duplicates of one post
 * id collapse to the newest version. Hashtags are normalised (schemas' normaliseHashtag) and only
 * indexable ones (schemas' isIndexableHashtag) get index entries; the post keeps all of them.
 *
 * @example
 * ```ts
 * const { plans, rejected } = planPosts(enriched, 'posts', 30);
 * ```
 */
export function planPosts(
  posts: readonly EnrichedPost[],
  tableName: string,
  ttlDays: number,
): { plans: PlannedPost[]; rejected: RejectedRecord[] } {
  const newest = new Map<string, PlannedPost>();
  const rejected: RejectedRecord[] = [];
  for (const e of posts) {
    let planned: PlannedPost;
    try {
      planned = plan(e, ttlDays);
    } catch (err) {
      if (!(err instanceof InvalidRecordError)) throw err;
      rejected.push({ id: err.recordId, error: err });
      continue;
    }
    const problem = itemLimitProblem(TABLE_SPECS.posts, itemFor(planned));
    if (problem) {
      const key = postKey(planned.postId);
      const error = problem.tooLarge
        ? new ItemTooLargeError(tableName, key, planned.postId, problem.sizeBytes, DYNAMODB_LIMITS.itemBytes)
        : new ItemRejectedError(tableName, key, planned.postId, `attribute ${problem.attribute} ${problem.problem}`);
      rejected.push({ id: planned.postId, error });
      continue;
    }
    const prior = newest.get(planned.postId);
    if (!prior || prior.versionKey <= planned.versionKey) newest.set(planned.postId, planned);
  }
  return { plans: [...newest.values()], rejected };
}

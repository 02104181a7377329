// Contract of the posts store, split by who uses it: the consumer writes (PostsWriter: idempotent,
// newest-version-wins batches, which need the stack's TTL), the report reads (PostsReader: one
// post, and the drill-down of a hashtag; no TTL to know).
import type { EnrichedPost } from '@streamlens/schemas';
import type { ConsumedUnits } from './capacity';
import type { Page } from './cursor';
import type { RejectedRecord } from './errors';
import type { HashtagPostSummary } from './post-items';

/**
 * Outcome of {@link PostsWriter.putPosts}. Every input post id appears in exactly one list
 * (duplicates of one id collapse to one entry). Rewriting the version already stored counts as
 * `written` (it is idempotent, and completes a previously interrupted write).
 */
export interface PutPostsResult {
  /** Post ids now stored at the version given (new posts, newer versions, same-version rewrites). */
  readonly written: string[];
  /** Post ids not written because a newer version is stored. */
  readonly skippedAsOlder: string[];
  /**
   * Posts DynamoDB refuses, or would refuse, deterministically: an item over 400 KB
   * (ItemTooLargeError), a key over its byte limit or a ValidationException for the item alone
   * (ItemRejectedError), an unusable id, time or stream position (InvalidRecordError). Nothing of
   * them is stored; retrying cannot help: quarantine them.
   */
  readonly rejected: RejectedRecord[];
  /** Read and write units this call consumed (from DynamoDB's ConsumedCapacity). */
  readonly consumed: ConsumedUnits;
}

/** Options of {@link PostsReader.recentPostsByHashtag}. */
export interface HashtagQuery {
  /** Page size, 1..100 (default 20). */
  readonly limit?: number;
  /** Cursor of the previous page. */
  readonly cursor?: string;
}

/** Stores enriched posts (the consumer's side). */
export interface PostsWriter {
  /**
   * Idempotent, newest-version-wins batch put: whatever other writers do concurrently, the stored
   * post and its hashtag index end at the newest version (schemas' recordVersionKey). Throws
   * UnprocessedItemsError naming the post ids not written after the bounded retries (with the
   * partial result).
   */
  putPosts(posts: readonly EnrichedPost[]): Promise<PutPostsResult>;
}

/** Reads stored posts (the report's side). */
export interface PostsReader {
  /** The stored version of a post, or undefined. */
  getPost(postId: string): Promise<EnrichedPost | undefined>;
  /** Posts carrying `tag` (with or without '#', any case, NFC or NFD), newest first. */
  recentPostsByHashtag(tag: string, query?: HashtagQuery): Promise<Page<HashtagPostSummary>>;
}

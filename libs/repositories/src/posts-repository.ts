// Contract of the posts store: idempotent, version-aware writes of enriched posts and the
// report's per-hashtag drill-down.
import type { EnrichedPost } from '@streamlens/schemas';
import type { Page } from './cursor';
import type { RejectedRecord } from './errors';
import type { HashtagPostSummary } from './post-items';

/**
 * Outcome of {@link PostsRepository.putPosts}. Every input post id appears in exactly one list
 * (duplicates of one id collapse to one entry). Rewriting the version already stored counts as
 * `written` (it is idempotent, and completes a previously interrupted write of index items).
 */
export interface PutPostsResult {
  /** Post ids now stored at the version given (new posts, newer versions, same-version rewrites). */
  readonly written: string[];
  /** Post ids not written because a newer version is stored. */
  readonly skippedAsOlder: string[];
  /**
   * Posts never sent: over DynamoDB's 400 KB item limit (ItemTooLargeError) or unstorable
   * (InvalidRecordError). Retrying cannot help: quarantine them.
   */
  readonly rejected: RejectedRecord[];
}

/** Options of {@link PostsRepository.recentPostsByHashtag}. */
export interface HashtagQuery {
  /** Page size, 1..100 (default 20). */
  readonly limit?: number;
  /** Cursor of the previous page. */
  readonly cursor?: string;
}

/** Stores enriched posts. */
export interface PostsRepository {
  /**
   * Idempotent, newer-wins batch put. Throws UnprocessedItemsError naming the post ids not
   * written after the bounded retries (with the partial result).
   */
  putPosts(posts: readonly EnrichedPost[]): Promise<PutPostsResult>;
  /** The stored version of a post, or undefined. */
  getPost(postId: string): Promise<EnrichedPost | undefined>;
  /** Posts carrying `tag` (with or without '#', any case), newest first. */
  recentPostsByHashtag(tag: string, query?: HashtagQuery): Promise<Page<HashtagPostSummary>>;
}

// Posts writer on DynamoDB: newest-version-wins batches with a grouped hashtag index (write-posts).
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EnrichedPost } from '@streamlens/schemas';
import { CapacityMeter } from './capacity';
import { RepositoryConfigError, UnprocessedItemsError } from './errors';
import { planPosts } from './post-plan';
import type { PostsWriter, PutPostsResult } from './posts-repository';
import { documentClient, type DynamoRepositoryOptions } from './repository-options';
import { resolveRetry, type ResolvedRetry } from './retry-policy';
import { checkTtlDays } from './time-keys';
import { writePosts } from './write-posts';

/** Options of {@link DynamoPostsWriter}. */
export interface DynamoPostsWriterOptions extends DynamoRepositoryOptions {
  /** Items expire this many days after the post's createdAt (DynamoDB TTL on `expiresAt`). */
  readonly ttlDays: number;
  /** DynamoDB calls in flight per putPosts (default 16: one conditional update per post). */
  readonly concurrency?: number;
}

/**
 * Writes posts to DynamoDB. Each post is one conditional update (applied only if no newer version
 * is stored) and its hashtags are entries in group items shared by the batch; see
 * docs/ARCHITECTURE.md, "Repositories", for the layout and its measured cost.
 *
 * @example
 * ```ts
 * const posts = new DynamoPostsWriter({ client: new DynamoDBClient({}), tableName, ttlDays: 30 });
 * const { written, skippedAsOlder, rejected } = await posts.putPosts(enriched);
 * ```
 */
export class DynamoPostsWriter implements PostsWriter {
  private readonly doc: DynamoDBDocumentClient;
  private readonly retry: ResolvedRetry;
  private readonly ttlDays: number;
  private readonly concurrency: number;

  constructor(private readonly options: DynamoPostsWriterOptions) {
    this.doc = documentClient(options);
    this.ttlDays = checkTtlDays(options.ttlDays);
    this.retry = resolveRetry(options.retry);
    this.concurrency = options.concurrency ?? 16;
    if (!Number.isInteger(this.concurrency) || this.concurrency < 1 || this.concurrency > 256)
      throw new RepositoryConfigError(
        'concurrency',
        `must be an integer in 1..256, got ${String(options.concurrency)}`,
      );
  }

  async putPosts(posts: readonly EnrichedPost[]): Promise<PutPostsResult> {
    const { tableName } = this.options;
    const { plans, rejected } = planPosts(posts, tableName, this.ttlDays);
    const capacity = new CapacityMeter();
    const ctx = {
      doc: this.doc,
      tableName,
      retry: this.retry,
      concurrency: this.concurrency,
      ttlDays: this.ttlDays,
      capacity,
    };
    const out = plans.length > 0 ? await writePosts(ctx, plans) : undefined;
    const used = capacity.snapshot();
    this.options.capacity?.absorb(used);
    const consumed = { readUnits: used.readUnits, writeUnits: used.writeUnits };
    const all = [...rejected, ...(out?.rejected ?? [])];
    if (out && out.unwritten.size > 0) {
      const ids = [...out.unwritten.keys()].sort();
      const entries = [...out.unwritten.values()];
      throw new UnprocessedItemsError(
        tableName,
        ids,
        entries.map((e) => e.key),
        (entries[0] as (typeof entries)[number]).giveUp,
        { writtenIds: out.written, skippedIds: out.skippedAsOlder, rejected: all },
      );
    }
    return { written: out?.written ?? [], skippedAsOlder: out?.skippedAsOlder ?? [], rejected: all, consumed };
  }
}

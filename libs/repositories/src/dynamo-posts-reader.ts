// Posts reader on DynamoDB: one post, and the hashtag drill-down (hashtag-drill-down).
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EnrichedPost } from '@streamlens/schemas';
import type { Page } from './cursor';
import { recentPostsByHashtag, SCAN_BUDGET_ENTRIES, type DrillDownContext } from './hashtag-drill-down';
import { postFromItem, postKey, type HashtagPostSummary } from './post-items';
import type { HashtagQuery, PostsReader } from './posts-repository';
import { RepositoryConfigError } from './errors';
import { documentClient, type DynamoRepositoryOptions } from './repository-options';
import { resolveRetry } from './retry-policy';
import { retryOrThrow } from './with-retry';

/** Options of {@link DynamoPostsReader}. */
export interface DynamoPostsReaderOptions extends DynamoRepositoryOptions {
  /**
   * Strongly consistent reads (twice the read units). Default false: the report shows what was
   * stored up to about a second ago, at half the cost.
   */
  readonly consistentReads?: boolean;
  /**
   * Index entries (of any hashtag sharing the asked one's index pages) a drill-down request reads
   * at most before it answers what it found with a cursor to continue. Default 15,000 (≈ 1 MB).
   */
  readonly scanBudgetEntries?: number;
}

/**
 * Reads posts from DynamoDB; needs no TTL (it writes nothing).
 *
 * @example
 * ```ts
 * const posts = new DynamoPostsReader({ client: new DynamoDBClient({}), tableName });
 * const page = await posts.recentPostsByHashtag('#Café', { limit: 20 });
 * ```
 */
export class DynamoPostsReader implements PostsReader {
  private readonly ctx: DrillDownContext;

  constructor(options: DynamoPostsReaderOptions) {
    const doc: DynamoDBDocumentClient = documentClient(options);
    const scanBudget = options.scanBudgetEntries ?? SCAN_BUDGET_ENTRIES;
    if (!Number.isInteger(scanBudget) || scanBudget < 1)
      throw new RepositoryConfigError(
        'scanBudgetEntries',
        `must be a positive integer, got ${String(options.scanBudgetEntries)}`,
      );
    this.ctx = {
      scanBudget,
      doc,
      tableName: options.tableName,
      retry: resolveRetry(options.retry),
      consistent: options.consistentReads ?? false,
      capacity: options.capacity,
    };
  }

  async getPost(postId: string): Promise<EnrichedPost | undefined> {
    const { doc, tableName, consistent, capacity } = this.ctx;
    const out = await retryOrThrow(
      () =>
        doc.send(
          new GetCommand({
            TableName: tableName,
            Key: postKey(postId),
            ConsistentRead: consistent,
            ReturnConsumedCapacity: 'TOTAL',
          }),
        ),
      this.ctx.retry,
    );
    capacity?.addAnswer('read', out.ConsumedCapacity);
    return out.Item ? postFromItem(out.Item) : undefined;
  }

  recentPostsByHashtag(tag: string, query?: HashtagQuery): Promise<Page<HashtagPostSummary>> {
    return recentPostsByHashtag(this.ctx, tag, query);
  }
}

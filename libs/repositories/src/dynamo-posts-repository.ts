// Posts repository on DynamoDB: version-aware idempotent writes (strategy chosen by measurement,
// see bench/post-write-strategies.bench.ts) and the hashtag drill-down query.
import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EnrichedPost } from '@streamlens/schemas';
import { decodeCursor, encodeCursor, resolveLimit, type Page } from './cursor';
import { RepositoryConfigError, UnprocessedItemsError } from './errors';
import { keyOf } from './item-key';
import {
  planPosts,
  postFromItem,
  postKey,
  summaryFromTagItem,
  tagPartition,
  type HashtagPostSummary,
} from './post-items';
import {
  conditionalPut,
  POST_WRITE_STRATEGIES,
  readThenWrite,
  type PostWriteStrategy,
  type StrategyContext,
} from './post-write-strategies';
import type { HashtagQuery, PostsRepository, PutPostsResult } from './posts-repository';
import { documentClient, type DynamoRepositoryOptions } from './repository-options';
import { resolveRetry } from './retry-policy';
import { checkTtlDays } from './time-keys';
import { retryOrThrow } from './with-retry';

/** Options of {@link DynamoPostsRepository}. */
export interface DynamoPostsRepositoryOptions extends DynamoRepositoryOptions {
  /** Items expire this many days after the post's createdAt (DynamoDB TTL on `expiresAt`). */
  readonly ttlDays: number;
  /** Default "read-then-write" (measured faster; see the bench). */
  readonly strategy?: PostWriteStrategy;
  /** DynamoDB calls in flight per putPosts (default 4). */
  readonly concurrency?: number;
}

/**
 * Posts on DynamoDB.
 *
 * @example
 * ```ts
 * const posts = new DynamoPostsRepository({ client: new DynamoDBClient({}), tableName, ttlDays: 30 });
 * const { written, skippedAsOlder, rejected } = await posts.putPosts(enriched);
 * ```
 */
export class DynamoPostsRepository implements PostsRepository {
  private readonly doc: DynamoDBDocumentClient;
  private readonly ctx: StrategyContext;
  private readonly ttlDays: number;
  private readonly strategy: PostWriteStrategy;

  constructor(private readonly options: DynamoPostsRepositoryOptions) {
    this.doc = documentClient(options);
    this.ttlDays = checkTtlDays(options.ttlDays);
    this.strategy = options.strategy ?? POST_WRITE_STRATEGIES.readThenWrite;
    if (!Object.values(POST_WRITE_STRATEGIES).includes(this.strategy))
      throw new RepositoryConfigError('strategy', `unknown strategy "${this.strategy}"`);
    this.ctx = {
      doc: this.doc,
      tableName: options.tableName,
      retry: resolveRetry(options.retry),
      concurrency: options.concurrency ?? 4,
    };
  }

  async putPosts(posts: readonly EnrichedPost[]): Promise<PutPostsResult> {
    const { plans, rejected } = planPosts(posts, this.options.tableName, this.ttlDays);
    const run = this.strategy === POST_WRITE_STRATEGIES.conditionalPut ? conditionalPut : readThenWrite;
    const outcome =
      plans.length > 0 ? await run(this.ctx, plans) : { written: [], skippedAsOlder: [], unwritten: undefined };
    if (outcome.unwritten) {
      const partial = { writtenIds: outcome.written, skippedIds: outcome.skippedAsOlder, rejected };
      throw new UnprocessedItemsError(
        this.options.tableName,
        outcome.unwritten.ids,
        outcome.unwritten.keys,
        outcome.unwritten.giveUp,
        partial,
      );
    }
    return { written: outcome.written, skippedAsOlder: outcome.skippedAsOlder, rejected };
  }

  async getPost(postId: string): Promise<EnrichedPost | undefined> {
    const out = await retryOrThrow(
      () =>
        this.doc.send(
          new GetCommand({ TableName: this.options.tableName, Key: postKey(postId), ConsistentRead: true }),
        ),
      this.ctx.retry,
    );
    return out.Item ? postFromItem(out.Item) : undefined;
  }

  async recentPostsByHashtag(tag: string, query: HashtagQuery = {}): Promise<Page<HashtagPostSummary>> {
    const pk = tagPartition(tag);
    const limit = resolveLimit(query.limit, 20, 100);
    const start = query.cursor !== undefined ? decodeCursor(query.cursor, pk) : undefined;
    const out = await retryOrThrow(
      () =>
        this.doc.send(
          new QueryCommand({
            TableName: this.options.tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': pk },
            ScanIndexForward: false,
            Limit: limit,
            ...(start ? { ExclusiveStartKey: { pk: start.pk, sk: start.sk } } : {}),
          }),
        ),
      this.ctx.retry,
    );
    const items = (out.Items ?? []).map(summaryFromTagItem);
    return out.LastEvaluatedKey ? { items, cursor: encodeCursor(keyOf(out.LastEvaluatedKey)) } : { items };
  }
}

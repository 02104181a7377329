// In-memory posts repository: same layout, version rule and paging as DynamoPostsRepository.
import type { EnrichedPost } from '@streamlens/schemas';
import { decodeCursor, encodeCursor, resolveLimit, type Page } from '../cursor';
import {
  planPosts,
  postFromItem,
  postKey,
  storedHead,
  summaryFromTagItem,
  supersede,
  tagPartition,
  type HashtagPostSummary,
} from '../post-items';
import type { HashtagQuery, PostsRepository, PutPostsResult } from '../posts-repository';
import { checkTtlDays } from '../time-keys';
import { InMemoryTable } from './in-memory-table';

/**
 * Posts in memory, for unit tests of consumers and the report.
 *
 * @example
 * ```ts
 * const posts = new InMemoryPostsRepository({ ttlDays: 30 });
 * ```
 */
export class InMemoryPostsRepository implements PostsRepository {
  /** The backing items (inspect in tests). */
  readonly table = new InMemoryTable('in-memory-posts');
  private readonly ttlDays: number;

  constructor(options: { ttlDays: number }) {
    this.ttlDays = checkTtlDays(options.ttlDays);
  }

  async putPosts(posts: readonly EnrichedPost[]): Promise<PutPostsResult> {
    const { plans, rejected } = planPosts(posts, this.table.tableName, this.ttlDays);
    const written: string[] = [];
    const skippedAsOlder: string[] = [];
    for (const plan of plans) {
      const stored = this.table.get(postKey(plan.postId));
      const head = stored ? storedHead(stored) : undefined;
      if (head && head.versionKey > plan.versionKey) {
        skippedAsOlder.push(plan.postId);
        continue;
      }
      const next = head ? supersede(plan, head) : { staleKeys: [], postItem: plan.postItem };
      for (const k of next.staleKeys) this.table.delete(k);
      this.table.put(next.postItem, plan.postId);
      for (const item of plan.tagItems) this.table.put(item, plan.postId);
      written.push(plan.postId);
    }
    return { written, skippedAsOlder, rejected };
  }

  async getPost(postId: string): Promise<EnrichedPost | undefined> {
    const item = this.table.get(postKey(postId));
    return item ? postFromItem(item) : undefined;
  }

  async recentPostsByHashtag(tag: string, query: HashtagQuery = {}): Promise<Page<HashtagPostSummary>> {
    const pk = tagPartition(tag);
    const limit = resolveLimit(query.limit, 20, 100);
    const start = query.cursor !== undefined ? decodeCursor(query.cursor, pk) : undefined;
    const out = this.table.query(pk, { descending: true, limit, ...(start ? { exclusiveStartSk: start.sk } : {}) });
    const items = out.items.map(summaryFromTagItem);
    return out.lastSk !== undefined ? { items, cursor: encodeCursor({ pk, sk: out.lastSk }) } : { items };
  }
}

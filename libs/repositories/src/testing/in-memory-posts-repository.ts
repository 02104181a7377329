// In-memory posts store: the writer's version rule, validation and limits, and the reader's
// drill-down order and paging, without DynamoDB (for unit tests of the consumer and the report).
import { isIndexableHashtag, normaliseHashtag, type EnrichedPost } from '@streamlens/schemas';
import { decodeCursor, encodeCursor, resolveLimit, type Page } from '../cursor';
import { cursorScope, parsePostEntry, postEntry } from '../hashtag-index';
import { decodePostDoc, type StoredDoc } from '../post-doc';
import { summaryOf, type HashtagPostSummary } from '../post-items';
import { planPosts } from '../post-plan';
import type { HashtagQuery, PostsReader, PostsWriter, PutPostsResult } from '../posts-repository';
import { checkTtlDays } from '../time-keys';

interface StoredPost {
  readonly versionKey: string;
  readonly createdAtKey: string;
  readonly tags: readonly string[];
  readonly doc: StoredDoc;
}

/**
 * Posts in memory, both sides: a PostsWriter and a PostsReader over one store.
 *
 * @example
 * ```ts
 * const posts = new InMemoryPostsRepository({ ttlDays: 30 });
 * await posts.putPosts(enriched);
 * await posts.recentPostsByHashtag('aws');
 * ```
 */
export class InMemoryPostsRepository implements PostsWriter, PostsReader {
  private readonly posts = new Map<string, StoredPost>();
  private readonly ttlDays: number;

  constructor(options: { ttlDays: number }) {
    this.ttlDays = checkTtlDays(options.ttlDays);
  }

  /** Number of stored posts (inspect in tests). */
  get size(): number {
    return this.posts.size;
  }

  /** Every stored post version, ordered by post id (a deep copy, to compare states in tests). */
  snapshot(): { postId: string; versionKey: string; tags: readonly string[]; doc: string }[] {
    return [...this.posts.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([postId, p]) => ({ postId, versionKey: p.versionKey, tags: [...p.tags], doc: p.doc.value }));
  }

  async putPosts(posts: readonly EnrichedPost[]): Promise<PutPostsResult> {
    const { plans, rejected } = planPosts(posts, 'in-memory-posts', this.ttlDays);
    const written: string[] = [];
    const skippedAsOlder: string[] = [];
    for (const plan of plans) {
      const stored = this.posts.get(plan.postId);
      if (stored && stored.versionKey > plan.versionKey) {
        skippedAsOlder.push(plan.postId);
        continue;
      }
      this.posts.set(plan.postId, plan);
      written.push(plan.postId);
    }
    return { written, skippedAsOlder, rejected, consumed: { readUnits: 0, writeUnits: 0 } };
  }

  async getPost(postId: string): Promise<EnrichedPost | undefined> {
    const stored = this.posts.get(postId);
    return stored ? decodePostDoc(stored.doc) : undefined;
  }

  async recentPostsByHashtag(tag: string, query: HashtagQuery = {}): Promise<Page<HashtagPostSummary>> {
    const normal = normaliseHashtag(tag);
    const pk = cursorScope(normal);
    const limit = resolveLimit(query.limit, 20, 100);
    const after = query.cursor !== undefined ? decodeCursor(query.cursor, pk).sk : undefined;
    if (!isIndexableHashtag(normal)) return { items: [] };
    const entries = [...this.posts.entries()]
      .filter(([, p]) => p.tags.includes(normal))
      .map(([id, p]) => postEntry(p.createdAtKey, id))
      .filter((e) => after === undefined || e < after)
      .sort()
      .reverse();
    const page = entries.slice(0, limit);
    const items = page.map((e) => {
      const { createdAtKey, postId } = parsePostEntry(e);
      return summaryOf(decodePostDoc((this.posts.get(postId) as StoredPost).doc), createdAtKey);
    });
    return page.length === limit ? { items, cursor: encodeCursor({ pk, sk: page[limit - 1] as string }) } : { items };
  }
}

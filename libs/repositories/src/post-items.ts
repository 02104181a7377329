// Posts table layout (pure): one post item per post id plus one small index item per hashtag.
//   POST#<postId> / POST                    → the whole EnrichedPost (JSON), version, hashtags
//   TAG#<hashtag> / <createdAt ISO>#<postId> → a projection for the report's drill-down,
//                                             newest first by querying the partition backwards
import type { EnrichedPost, SourceNetwork } from '@streamlens/schemas';
import { InvalidRecordError, ItemTooLargeError, type ItemKey, type RejectedRecord } from './errors';
import { estimateItemSize, MAX_ITEM_BYTES } from './item-size';
import { repositoryPostVersionKey } from './post-version';
import { expiresAt, fixedIso } from './time-keys';

/** Characters of text kept in a hashtag index item. */
export const TEXT_PREVIEW_CHARS = 200;

/** A post as listed under a hashtag (small projection; fetch the whole post with getPost). */
export interface HashtagPostSummary {
  readonly postId: string;
  /** Fixed-width UTC ISO creation time. */
  readonly createdAt: string;
  readonly source: SourceNetwork;
  readonly authorHandle: string;
  readonly language: string;
  readonly sentimentScore: number;
  /** The first 200 characters of the text. */
  readonly textPreview: string;
}

/** Hashtags are matched without '#', in NFC, lower-cased (idempotent for enriched hashtags). */
export function normaliseHashtag(tag: string): string {
  return tag.replace(/^#/, '').normalize('NFC').toLowerCase();
}

/** Key of a post item. */
export function postKey(postId: string): ItemKey {
  return { pk: `POST#${postId}`, sk: 'POST' };
}

/** Partition of a hashtag's index items. */
export function tagPartition(tag: string): string {
  return `TAG#${normaliseHashtag(tag)}`;
}

/** Key of a hashtag index item. */
export function tagKey(tag: string, createdAtIso: string, postId: string): ItemKey {
  return { pk: tagPartition(tag), sk: `${createdAtIso}#${postId}` };
}

/** Everything needed to write one post version. */
export interface PlannedPost {
  readonly postId: string;
  readonly versionKey: string;
  readonly createdAtIso: string;
  readonly hashtags: readonly string[];
  readonly postItem: Record<string, unknown>;
  readonly tagItems: Record<string, unknown>[];
}

/** An index item that an older version created: its hashtag and that version's createdAt. */
export interface IndexRef {
  readonly tag: string;
  readonly createdAt: string;
}

/** The stored fields needed to decide a write and clean up stale index items. */
export interface StoredPostHead {
  readonly versionKey: string;
  readonly createdAt: string;
  readonly hashtags: readonly string[];
  /**
   * Index items of older versions whose deletion was requested with this version. Kept on the
   * post item so a rewrite of the same version (a retry after a partial failure) deletes them
   * again: the stale set is never computed from a version that already replaced them.
   */
  readonly staleIndex: readonly IndexRef[];
}

/** Most stale index references kept on a post item (removed hashtags across edits). */
export const MAX_STALE_INDEX_REFS = 100;

function planPost(e: EnrichedPost, ttlDays: number): PlannedPost {
  const postId = e.post.postId;
  if (typeof postId !== 'string' || postId.length === 0)
    throw new InvalidRecordError(String(postId), 'post.postId', 'must be a non-empty string');
  const versionKey = repositoryPostVersionKey(e);
  const createdAtIso = fixedIso(e.post.createdAt, postId, 'post.createdAt');
  const hashtags = [...new Set(e.hashtags.map(normaliseHashtag).filter((t) => t.length > 0))];
  // TTL counts from the post's creation (deterministic: a retried write stores the same value).
  const ttl = expiresAt(Date.parse(createdAtIso), ttlDays);
  const postItem = {
    ...postKey(postId),
    postId,
    versionKey,
    createdAt: createdAtIso,
    hashtags,
    doc: JSON.stringify(e),
    expiresAt: ttl,
  };
  const preview = Array.from(e.post.text).slice(0, TEXT_PREVIEW_CHARS).join('');
  const tagItems = hashtags.map((tag) => ({
    ...tagKey(tag, createdAtIso, postId),
    postId,
    versionKey,
    createdAt: createdAtIso,
    source: e.post.source,
    authorHandle: e.post.author.handle,
    language: e.language,
    sentimentScore: e.sentiment.score,
    // Empty strings are omitted rather than stored: not every DynamoDB emulator accepts them.
    ...(preview.length > 0 ? { textPreview: preview } : {}),
    expiresAt: ttl,
  }));
  return { postId, versionKey, createdAtIso, hashtags, postItem, tagItems };
}

/**
 * Validates and lays out a batch: invalid or oversized posts become `rejected` (none of their
 * items is sent); duplicates of one post id collapse to the newest version (ties: the later one).
 */
export function planPosts(
  posts: readonly EnrichedPost[],
  tableName: string,
  ttlDays: number,
): { plans: PlannedPost[]; rejected: RejectedRecord[] } {
  const newest = new Map<string, PlannedPost>();
  const rejected: RejectedRecord[] = [];
  for (const e of posts) {
    let plan: PlannedPost;
    try {
      plan = planPost(e, ttlDays);
    } catch (err) {
      if (err instanceof InvalidRecordError) {
        rejected.push({ id: err.recordId, error: err });
        continue;
      }
      throw err;
    }
    const tooLarge = [plan.postItem, ...plan.tagItems].find((item) => estimateItemSize(item) > MAX_ITEM_BYTES);
    if (tooLarge) {
      const key = { pk: String(tooLarge['pk']), sk: String(tooLarge['sk']) };
      rejected.push({
        id: plan.postId,
        error: new ItemTooLargeError(tableName, key, plan.postId, estimateItemSize(tooLarge), MAX_ITEM_BYTES),
      });
      continue;
    }
    const prior = newest.get(plan.postId);
    if (!prior || prior.versionKey <= plan.versionKey) newest.set(plan.postId, plan);
  }
  return { plans: [...newest.values()], rejected };
}

/**
 * Index items the stored version (and the versions before it) created that the new version does
 * not have, and the post item to write: it carries those references (`staleIndex`) so a retried
 * write deletes them again.
 */
export function supersede(
  plan: PlannedPost,
  stored: StoredPostHead,
): { staleKeys: ItemKey[]; postItem: Record<string, unknown> } {
  const keep = new Set(plan.hashtags.map((t) => `${t}\u0000${plan.createdAtIso}`));
  const refs = new Map<string, IndexRef>();
  for (const ref of [...stored.staleIndex, ...stored.hashtags.map((tag) => ({ tag, createdAt: stored.createdAt }))]) {
    const id = `${ref.tag}\u0000${ref.createdAt}`;
    if (!keep.has(id)) refs.set(id, ref);
  }
  const staleIndex = [...refs.values()].slice(-MAX_STALE_INDEX_REFS);
  return {
    staleKeys: staleIndex.map((r) => tagKey(r.tag, r.createdAt, plan.postId)),
    postItem: staleIndex.length > 0 ? { ...plan.postItem, staleIndex } : plan.postItem,
  };
}

/** Reads the decision fields of a stored post item. */
export function storedHead(item: Readonly<Record<string, unknown>>): StoredPostHead {
  return {
    versionKey: String(item['versionKey']),
    createdAt: String(item['createdAt']),
    hashtags: (item['hashtags'] as string[] | undefined) ?? [],
    staleIndex: (item['staleIndex'] as IndexRef[] | undefined) ?? [],
  };
}

/** The EnrichedPost of a stored post item. */
export function postFromItem(item: Readonly<Record<string, unknown>>): EnrichedPost {
  return JSON.parse(String(item['doc'])) as EnrichedPost;
}

/** The summary of a stored hashtag index item. */
export function summaryFromTagItem(item: Readonly<Record<string, unknown>>): HashtagPostSummary {
  return {
    postId: String(item['postId']),
    createdAt: String(item['createdAt']),
    source: item['source'] as SourceNetwork,
    authorHandle: String(item['authorHandle']),
    language: String(item['language']),
    sentimentScore: Number(item['sentimentScore']),
    textPreview: typeof item['textPreview'] === 'string' ? item['textPreview'] : '',
  };
}

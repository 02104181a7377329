// Posts table layout (pure), part 2: the hashtag index the drill-down reads, in pages shared by
// hashtags so a post costs a small fraction of a write for its hashtags.
//   TAGS#<bucket> / <createdAt minute>#<writer id>[.<part>] → e: string set of "<tag>\u001f<createdAt key>#<postId>"
// A hashtag's bucket is one of INDEX_BUCKETS, from a hash of the tag. One writer (one putPosts
// call) writes one page per (bucket, minute of createdAt) holding the entries of all its posts
// and all their hashtags of that bucket. Write units are billed per started KB of each item, so
// pages shared by hashtags cost about the entries' bytes (≈ 0.1 unit per post) where one item
// per (hashtag, minute) cost a whole unit for every hashtag seen once in a batch; the drill-down
// of a hashtag reads its bucket's pages and keeps its own entries (1/INDEX_BUCKETS of the index).
// No two writers share a page unless they write exactly the same post versions (then they write
// the same entries): the writer id is derived from the versions written, so a retried batch
// rewrites the same pages instead of adding new ones.
import { createHash } from 'node:crypto';
import type { ItemKey } from './errors';
import type { IndexRef } from './post-items';
import { expiresAt } from './time-keys';

/** Buckets the hashtags are spread over: fixed, since the bucket of a tag is part of its entries' keys. */
export const INDEX_BUCKETS = 16;

/** Prefix of index page partitions. */
export const INDEX_PARTITION_PREFIX = 'TAGS#';

/** Partition of the index pages holding a (normalised) hashtag's entries. */
export function tagPartition(tag: string): string {
  const bucket = createHash('sha256').update(tag, 'utf8').digest()[0] ?? 0;
  return `${INDEX_PARTITION_PREFIX}${(bucket % INDEX_BUCKETS).toString(16)}`;
}

/** The scope of a hashtag's drill-down cursors (a cursor of one tag is refused for another). */
export function cursorScope(tag: string): string {
  return `TAG#${tag}`;
}

/** The minute of a createdAt key (`YYYY-MM-DDTHH:MM`): the time bucket of index items. */
export function timeBucket(createdAtKey: string): string {
  return createdAtKey.slice(0, 16);
}

/** Sort key of an index page. */
export function groupSortKey(bucket: string, writerId: string, part: number): string {
  return part === 0 ? `${bucket}#${writerId}` : `${bucket}#${writerId}.${part}`;
}

/** A post's place in a hashtag's listing: sorts by creation time, then post id. */
export function postEntry(createdAtKey: string, postId: string): string {
  return `${createdAtKey}#${postId}`;
}

/** The parts of a post entry (the createdAt key is 30 characters). */
export function parsePostEntry(entry: string): { createdAtKey: string; postId: string } {
  return { createdAtKey: entry.slice(0, 30), postId: entry.slice(31) };
}

/** Separates the hashtag from the post entry in a stored entry (post ids hold no control character). */
const TAG_SEPARATOR = '\u001f';

/** A stored index entry: the hashtag, then the post entry. */
export function indexEntry(tag: string, createdAtKey: string, postId: string): string {
  return `${tag}${TAG_SEPARATOR}${postEntry(createdAtKey, postId)}`;
}

/** The parts of a stored index entry (split at the last separator: the post entry holds none). */
export function parseIndexEntry(entry: string): { tag: string; createdAtKey: string; postId: string } {
  const at = entry.lastIndexOf(TAG_SEPARATOR);
  return { tag: entry.slice(0, Math.max(0, at)), ...parsePostEntry(entry.slice(at + 1)) };
}

/** Where one entry of a post is. */
export interface EntryLocation {
  readonly key: ItemKey;
  readonly entry: string;
}

/** The entries a reference points to (one per indexed hashtag). */
export function entriesOf(ref: IndexRef, postId: string): EntryLocation[] {
  const bucket = timeBucket(ref.c);
  return ref.t.map((tag, i) => ({
    key: { pk: tagPartition(tag), sk: groupSortKey(bucket, ref.g, ref.p?.[i] ?? 0) },
    entry: indexEntry(tag, ref.c, postId),
  }));
}

/** What the writer knows of a post to index it. */
export interface IndexablePost {
  readonly postId: string;
  readonly versionKey: string;
  readonly createdAtKey: string;
  readonly tags: readonly string[];
}

/** An index page to put, and the posts whose entries it holds. */
export interface GroupItem {
  readonly item: Record<string, unknown>;
  readonly postIds: readonly string[];
}

/** Entries above this many bytes go to the group's next part (DynamoDB items stop at 400 KB). */
export const MAX_GROUP_ENTRY_BYTES = 256 * 1024;

/**
 * The writer id of a putPosts call: 16 hex digits of SHA-256 over the post versions it writes, so
 * a redelivered batch maps to the same group items and two different batches practically never do.
 */
export function writerIdOf(posts: readonly IndexablePost[]): string {
  const hash = createHash('sha256');
  for (const id of posts.map((p) => `${p.postId}\u0000${p.versionKey}`).sort()) hash.update(id).update('\u0001');
  return hash.digest('hex').slice(0, 16);
}

const MINUTE_MS = 60_000;

/**
 * The group items of a batch and, per post, the reference its post item carries. Entries of a
 * group are split into parts of at most {@link MAX_GROUP_ENTRY_BYTES}, deterministically (sorted).
 */
export function planGroups(
  posts: readonly IndexablePost[],
  writerId: string,
  ttlDays: number,
): { groups: GroupItem[]; refs: Map<string, IndexRef> } {
  const byGroup = new Map<string, { pk: string; bucket: string; entries: Map<string, string> }>();
  for (const post of posts) {
    const bucket = timeBucket(post.createdAtKey);
    for (const tag of post.tags) {
      const pk = tagPartition(tag);
      const id = `${pk}\u0000${bucket}`;
      let group = byGroup.get(id);
      if (!group) byGroup.set(id, (group = { pk, bucket, entries: new Map() }));
      group.entries.set(indexEntry(tag, post.createdAtKey, post.postId), post.postId);
    }
  }
  const groups: GroupItem[] = [];
  const parts = new Map<string, number>();
  for (const { pk, bucket, entries } of byGroup.values()) {
    const sorted = [...entries.keys()].sort();
    const expires = expiresAt(Date.parse(`${bucket}:00Z`) + MINUTE_MS, ttlDays);
    let part = 0;
    let start = 0;
    let bytes = 0;
    const flush = (end: number) => {
      const slice = sorted.slice(start, end);
      groups.push({
        item: {
          pk,
          sk: groupSortKey(bucket, writerId, part),
          e: new Set(slice),
          expiresAt: expires,
        },
        postIds: slice.map((e) => entries.get(e) as string),
      });
      for (const e of slice) parts.set(e, part);
    };
    sorted.forEach((e, i) => {
      const size = Buffer.byteLength(e, 'utf8') + 1;
      if (bytes + size > MAX_GROUP_ENTRY_BYTES && i > start) {
        flush(i);
        part += 1;
        start = i;
        bytes = 0;
      }
      bytes += size;
    });
    flush(sorted.length);
  }
  const refs = new Map<string, IndexRef>();
  for (const post of posts) {
    const p = post.tags.map((tag) => parts.get(indexEntry(tag, post.createdAtKey, post.postId)) ?? 0);
    refs.set(post.postId, {
      c: post.createdAtKey,
      g: writerId,
      t: post.tags,
      ...(p.some((n) => n !== 0) ? { p } : {}),
    });
  }
  return { groups, refs };
}

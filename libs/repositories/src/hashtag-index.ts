// Posts table layout (pure), part 2: the hashtag index the drill-down reads, grouped so a post
// costs a fraction of a write for its hashtags instead of one write per hashtag.
//   TAG#<hashtag> / <createdAt minute>#<writer id>[.<part>] → e: string set of "<createdAt key>#<postId>"
// One writer (one putPosts call) writes one group item per (hashtag, minute of createdAt) with
// the entries of all its posts; no two writers share an item unless they write exactly the same
// post versions (then they write the same entries). The writer id is derived from the versions it
// writes, so a retried batch rewrites the same items instead of adding new ones.
import { createHash } from 'node:crypto';
import type { ItemKey } from './errors';
import type { IndexRef } from './post-items';
import { expiresAt } from './time-keys';

/** Partition of a (normalised) hashtag's index items. */
export function tagPartition(tag: string): string {
  return `TAG#${tag}`;
}

/** The minute of a createdAt key (`YYYY-MM-DDTHH:MM`): the time bucket of index items. */
export function timeBucket(createdAtKey: string): string {
  return createdAtKey.slice(0, 16);
}

/** Sort key of a group item. */
export function groupSortKey(bucket: string, writerId: string, part: number): string {
  return part === 0 ? `${bucket}#${writerId}` : `${bucket}#${writerId}.${part}`;
}

/** An index entry: sorts by creation time, then post id. */
export function indexEntry(createdAtKey: string, postId: string): string {
  return `${createdAtKey}#${postId}`;
}

/** The parts of an index entry (the createdAt key is 30 characters). */
export function parseIndexEntry(entry: string): { createdAtKey: string; postId: string } {
  return { createdAtKey: entry.slice(0, 30), postId: entry.slice(31) };
}

/** Where one entry of a post is. */
export interface EntryLocation {
  readonly key: ItemKey;
  readonly entry: string;
}

/** The entries a reference points to (one per indexed hashtag). */
export function entriesOf(ref: IndexRef, postId: string): EntryLocation[] {
  const bucket = timeBucket(ref.c);
  const entry = indexEntry(ref.c, postId);
  return ref.t.map((tag, i) => ({
    key: { pk: tagPartition(tag), sk: groupSortKey(bucket, ref.g, ref.p?.[i] ?? 0) },
    entry,
  }));
}

/** What the writer knows of a post to index it. */
export interface IndexablePost {
  readonly postId: string;
  readonly versionKey: string;
  readonly createdAtKey: string;
  readonly tags: readonly string[];
}

/** A group item to put, and the posts whose entries it holds. */
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
  const byGroup = new Map<string, { tag: string; bucket: string; entries: Map<string, string> }>();
  for (const post of posts) {
    const bucket = timeBucket(post.createdAtKey);
    for (const tag of post.tags) {
      const id = `${tag}\u0000${bucket}`;
      let group = byGroup.get(id);
      if (!group) byGroup.set(id, (group = { tag, bucket, entries: new Map() }));
      group.entries.set(indexEntry(post.createdAtKey, post.postId), post.postId);
    }
  }
  const groups: GroupItem[] = [];
  const parts = new Map<string, number>();
  for (const { tag, bucket, entries } of byGroup.values()) {
    const sorted = [...entries.keys()].sort();
    const expires = expiresAt(Date.parse(`${bucket}:00Z`) + MINUTE_MS, ttlDays);
    let part = 0;
    let start = 0;
    let bytes = 0;
    const flush = (end: number) => {
      const slice = sorted.slice(start, end);
      groups.push({
        item: {
          pk: tagPartition(tag),
          sk: groupSortKey(bucket, writerId, part),
          e: new Set(slice),
          expiresAt: expires,
        },
        postIds: slice.map((e) => entries.get(e) as string),
      });
      for (const e of slice) parts.set(`${tag}\u0000${e}`, part);
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
    const p = post.tags.map((tag) => parts.get(`${tag}\u0000${indexEntry(post.createdAtKey, post.postId)}`) ?? 0);
    refs.set(post.postId, {
      c: post.createdAtKey,
      g: writerId,
      t: post.tags,
      ...(p.some((n) => n !== 0) ? { p } : {}),
    });
  }
  return { groups, refs };
}

// Posts table layout (pure), part 1: the post item, one per post id.
//   POST#<postId> / POST → postId, versionKey, the whole EnrichedPost (d: JSON with short field
//   names, see post-doc; or doc: plain JSON), idx, stale, rev, expiresAt
// `idx` names where this version's hashtag index entries are (see hashtag-index.ts): the drill-down
// checks every entry against it, and the writer that replaces this version removes them. It is a
// one-element list so an update can append it to `stale` in the same atomic step that replaces
// it: references to entries a newer version must remove are never lost, even if the writer stops
// right after the update.
import type { EnrichedPost, SourceNetwork } from '@streamlens/schemas';
import type { ItemKey } from './errors';
import { decodePostDoc } from './post-doc';

/** Characters of text in a drill-down summary. */
export const TEXT_PREVIEW_CHARS = 200;

/** Key of a post item. */
export function postKey(postId: string): ItemKey {
  return { pk: `POST#${postId}`, sk: 'POST' };
}

/** The post id of a post item key (`POST#<id>`). */
export function postIdOf(pk: string): string {
  return pk.slice('POST#'.length);
}

/**
 * Where one version's index entries are: its createdAt key (the entries' sort order and time
 * bucket), the writer that grouped them, and per indexed hashtag the part of the writer's group
 * (0 unless that group was split).
 */
export interface IndexRef {
  /** createdAt at full precision (schemas' instantKey, 30 characters). */
  readonly c: string;
  /** Writer id: the suffix of the group item's sort key. */
  readonly g: string;
  /** Indexed hashtags. */
  readonly t: readonly string[];
  /** Part per hashtag, aligned with `t`; absent when every part is 0. */
  readonly p?: readonly number[];
}

/** What the writer reads back (ALL_OLD) and the drill-down checks. */
export interface StoredPostHead {
  readonly versionKey: string;
  /** This version's entries. */
  readonly idx: IndexRef | undefined;
  /** Entries of replaced versions not yet confirmed removed. */
  readonly stale: readonly IndexRef[];
}

function parseRef(value: unknown): IndexRef | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const ref = JSON.parse(value) as IndexRef;
    return typeof ref?.c === 'string' && typeof ref.g === 'string' && Array.isArray(ref.t) ? ref : undefined;
  } catch {
    return undefined;
  }
}

/** The serialised form of a reference (an element of `idx` and `stale`). */
export function formatRef(ref: IndexRef): string {
  return JSON.stringify(ref.p && ref.p.some((n) => n !== 0) ? ref : { c: ref.c, g: ref.g, t: ref.t });
}

/** Reads the decision fields of a stored post item (tolerant: unknown shapes read as none). */
export function storedHead(item: Readonly<Record<string, unknown>>): StoredPostHead {
  const list = (v: unknown) => (Array.isArray(v) ? v : []);
  return {
    versionKey: String(item['versionKey']),
    idx: parseRef(list(item['idx'])[0]),
    stale: list(item['stale'])
      .map(parseRef)
      .filter((r): r is IndexRef => r !== undefined),
  };
}

/** The EnrichedPost of a stored post item (`d`, or `doc` as written before the short form). */
export function postFromItem(item: Readonly<Record<string, unknown>>): EnrichedPost {
  const short = item['d'];
  return decodePostDoc(
    typeof short === 'string' ? { name: 'd', value: short } : { name: 'doc', value: String(item['doc']) },
  );
}

/** A post as listed under a hashtag (small projection; fetch the whole post with getPost). */
export interface HashtagPostSummary {
  readonly postId: string;
  /** UTC ISO creation time to the millisecond (`YYYY-MM-DDTHH:mm:ss.sssZ`). */
  readonly createdAt: string;
  readonly source: SourceNetwork;
  readonly authorHandle: string;
  readonly language: string;
  readonly sentimentScore: number;
  /** The first 200 characters of the text. */
  readonly textPreview: string;
}

/** The drill-down summary of a stored post (createdAtKey: its 30-character createdAt key). */
export function summaryOf(post: EnrichedPost, createdAtKey: string): HashtagPostSummary {
  return {
    postId: post.post.postId,
    createdAt: `${createdAtKey.slice(0, 23)}Z`,
    source: post.post.source,
    authorHandle: post.post.author.handle,
    language: post.language,
    sentimentScore: post.sentiment.score,
    textPreview: Array.from(post.post.text).slice(0, TEXT_PREVIEW_CHARS).join(''),
  };
}

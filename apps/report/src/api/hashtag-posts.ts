// Report flow, API: the drill-down — recent posts carrying a hashtag, newest first, paginated.
import { InvalidCursorError, type HashtagPostSummary, type PostsReader } from '@streamlens/repositories';
import { isIndexableHashtag, MAX_HASHTAG_BYTES, normaliseHashtag } from '@streamlens/schemas';
import { BAD_REQUEST_CODES, BadRequestError } from '../errors';

/** Page size bounds of the drill-down (the repository's own bounds). */
export const POSTS_LIMIT = { fallback: 20, max: 100 } as const;

/** A page of the drill-down. */
export interface HashtagPostsPage {
  /** The hashtag as matched: without '#', NFC, lower case. */
  readonly hashtag: string;
  readonly posts: HashtagPostSummary[];
  /** Pass as `cursor` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

/**
 * The hashtag of the path segment (percent-encoded, '#' optional).
 *
 * @throws BadRequestError (INVALID_HASHTAG, parameter "tag").
 */
export function parseHashtagSegment(segment: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    throw new BadRequestError(BAD_REQUEST_CODES.invalidHashtag, 'tag', 'tag is not valid percent-encoded UTF-8');
  }
  const tag = normaliseHashtag(decoded.trim());
  if (tag.length === 0) throw new BadRequestError(BAD_REQUEST_CODES.invalidHashtag, 'tag', 'tag must not be empty');
  // The one rule of the trends and the index: a longer tag is neither counted nor indexed.
  if (!isIndexableHashtag(tag)) {
    throw new BadRequestError(BAD_REQUEST_CODES.invalidHashtag, 'tag', `tag is longer than ${MAX_HASHTAG_BYTES} bytes`);
  }
  return tag;
}

/**
 * A page of recent posts of a hashtag.
 *
 * @throws BadRequestError (INVALID_CURSOR, parameter "cursor") for a cursor this query did not issue.
 * @example
 * ```ts
 * const page = await hashtagPosts(posts, 'café', { limit: 20 });
 * ```
 */
export async function hashtagPosts(
  posts: PostsReader,
  hashtag: string,
  query: { limit: number; cursor?: string },
): Promise<HashtagPostsPage> {
  try {
    const page = await posts.recentPostsByHashtag(hashtag, query);
    return { hashtag, posts: page.items, nextCursor: page.cursor ?? null };
  } catch (err) {
    if (err instanceof InvalidCursorError)
      throw new BadRequestError(
        BAD_REQUEST_CODES.invalidCursor,
        'cursor',
        'cursor is not a nextCursor of this hashtag (altered, or from another query)',
      );
    throw err;
  }
}

/**
 * The `cursor` parameter: absent, or a non-empty string (checked by the repository).
 *
 * @throws BadRequestError (INVALID_CURSOR, parameter "cursor") for an empty or oversized cursor.
 */
export function parseCursor(query: URLSearchParams): string | undefined {
  const raw = query.get('cursor');
  if (raw === null) return undefined;
  if (raw.length === 0 || raw.length > 2048)
    throw new BadRequestError(
      BAD_REQUEST_CODES.invalidCursor,
      'cursor',
      'cursor must be a value returned as nextCursor',
    );
  return raw;
}

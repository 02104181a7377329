// Aggregator flow: decoded post → (this file) what the window fold needs of it → fold.
// Computes only hashtags, sentiment and language (not mentions, URLs or the enriched post the
// consumer stores), with the analytics lib's functions, so trends agree with stored posts.
import { extractEntities, normaliseLanguage, scoreSentiment, type FoldInput } from '@streamlens/analytics';
import type { SocialPost } from '@streamlens/schemas';

// twitter-text only starts a hashtag at one of these two signs (its `hashSigns` regexp), so a
// text without either has no hashtags and skips the ~20 µs entity pass.
const HASH_SIGNS = /[#＃]/;

const NO_TAGS: readonly string[] = Object.freeze([]);

/**
 * Normalised, de-duplicated hashtags of a text: the same as `extractEntities(text).hashtags`.
 *
 * @example
 * ```ts
 * hashtagsOf('Go #AWS #aws'); // ['aws']
 * ```
 */
export function hashtagsOf(text: string): readonly string[] {
  return HASH_SIGNS.test(text) ? extractEntities(text).hashtags : NO_TAGS;
}

/**
 * The fold input of a decoded post that arrived at `arrivedAt` (epoch ms): its id and the same values
 * `toFoldInput(enrichPost(post, ...))` gives, without building the enriched post.
 *
 * @example
 * ```ts
 * foldPost(state, foldInputOf(decodePost(bytes), arrivedAt));
 * ```
 */
export function foldInputOf(post: SocialPost, arrivedAt: number): FoldInput {
  return {
    postId: post.postId,
    hashtags: hashtagsOf(post.text),
    sentimentScore: scoreSentiment(post.text).score,
    language: normaliseLanguage(post.lang),
    arrivedAt,
  };
}

// Which hashtags and language keys the state may hold as keys: bounded in size, and never a
// key that breaks plain-object maps downstream (util-dynamodb's marshall throws on a map key
// "constructor" and drops "__proto__"; a throw on the final invoke would block the shard).
import { FORBIDDEN_KEYS, isIndexableHashtag, LANGUAGE_TAG_PATTERN, MAX_HASHTAG_BYTES } from '@streamlens/schemas';
import { MAX_LANGUAGE_LENGTH } from './limits';

const FORBIDDEN: ReadonlySet<string> = new Set(FORBIDDEN_KEYS);
const MAX_BYTES = MAX_HASHTAG_BYTES;
const MAX_LANGUAGE = MAX_LANGUAGE_LENGTH;
const LANGUAGE = LANGUAGE_TAG_PATTERN;
// A code unit escapes to at most 6 bytes of JSON (\uXXXX), so this many always fit.
const ALWAYS_FITS = Math.floor(MAX_BYTES / 6);

/**
 * True when `tag` gets a counter of its own: indexable (schemas' `isIndexableHashtag`: non-empty,
 * at most MAX_HASHTAG_BYTES of UTF-8), also within that many bytes once JSON-escaped (the state
 * is JSON), and not a prototype-pollution key. Other tags are counted in `otherHashtagCount` only.
 *
 * @example
 * ```ts
 * isTrackableHashtag('constructor'); // false
 * ```
 */
export function isTrackableHashtag(tag: string): boolean {
  if (FORBIDDEN.has(tag) || !isIndexableHashtag(tag)) return false;
  if (tag.length <= ALWAYS_FITS) return true;
  return Buffer.byteLength(JSON.stringify(tag), 'utf8') - 2 <= MAX_BYTES;
}

/**
 * True when `language` may be a key of the language map: a short BCP-47-ish tag.
 *
 * @example
 * ```ts
 * isTrackableLanguage('pt-BR'); // true
 * ```
 */
export function isTrackableLanguage(language: string): boolean {
  return typeof language === 'string' && language.length <= MAX_LANGUAGE && LANGUAGE.test(language);
}

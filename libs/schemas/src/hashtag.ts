// Hashtags as a value of the domain: one normal form, used by enrichment (the stored
// `hashtags`), the trend fold, the drill-down index and the report's request parsing, so a tag
// counted in a trend row is the tag the drill-down looks up.

/**
 * Longest hashtag, in UTF-8 bytes, that is tracked on its own: it gets a trend counter and a
 * drill-down index entry, and the report accepts it in a request. Longer tags stay in the post's
 * `hashtags` but are counted only in `otherHashtagCount` and not indexed (a 2,045-character tag
 * would pass DynamoDB's 2,048-byte partition-key limit as an index key). Real networks cap tags
 * far below this (X: 139 characters of a post; most tags are under 30 bytes).
 */
export const MAX_HASHTAG_BYTES = 100;

// One leading hash sign as people type it: '#' or the full-width '＃' (twitter-text accepts both).
const LEADING_HASH = /^[#\uFF03]/;

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i += 1) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * The normal form of a hashtag: without one leading `#` (or `＃`), lower-cased independently of
 * the machine's locale, in Unicode NFC. `#Café`, `CAFÉ` and a decomposed `cafe\u0301` are one
 * tag. Idempotent (`normaliseHashtag(normaliseHashtag(x)) === normaliseHashtag(x)`): NFC is
 * applied before and after lower-casing, because lower-casing an NFC string can leave it
 * non-NFC and lower-casing a non-NFC string can miss a composed capital.
 *
 * @example
 * ```ts
 * normaliseHashtag('#CAFE\u0301'); // 'café'
 * normaliseHashtag('İstanbul'); // 'i̇stanbul' (never depends on the locale)
 * ```
 */
export function normaliseHashtag(tag: string): string {
  const bare = LEADING_HASH.test(tag) ? tag.slice(1) : tag;
  if (isAscii(bare)) return bare.toLowerCase();
  return bare.normalize('NFC').toLowerCase().normalize('NFC');
}

/**
 * True when a normalised hashtag is tracked on its own (trend counter, drill-down index, report
 * requests): non-empty and at most {@link MAX_HASHTAG_BYTES} bytes of UTF-8.
 *
 * @example
 * ```ts
 * isIndexableHashtag('a'.repeat(2045)); // false: stored with the post, not indexed
 * ```
 */
export function isIndexableHashtag(tag: string): boolean {
  if (tag.length === 0) return false;
  // A UTF-16 code unit is at most 3 bytes of UTF-8, so short strings need no counting.
  return tag.length * 3 <= MAX_HASHTAG_BYTES || Buffer.byteLength(tag, 'utf8') <= MAX_HASHTAG_BYTES;
}

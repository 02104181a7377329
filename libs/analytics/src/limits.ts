// Bounds of the window state: they keep the JSON state Lambda carries between invokes far
// below its 1 MB limit, whatever the input.

/** Default number of hashtags tracked exactly per window state (the K of Space-Saving). */
export const DEFAULT_HASHTAG_CAPACITY = 1_000;

/** Largest allowed hashtag capacity: keeps {@link STATE_JSON_BYTES_BOUND} true. */
export const MAX_HASHTAG_CAPACITY = 1_500;

/** Default (and largest) number of distinct language keys per state, "other" included. */
export const DEFAULT_LANGUAGE_CAPACITY = 100;

/** Longest language key; longer or malformed tags count as "und". */
export const MAX_LANGUAGE_LENGTH = 35;

/** Language key that collects posts of languages beyond the language capacity. */
export const OTHER_LANGUAGE = 'other';

/** Language key of posts without a (valid) language. */
export const UNDETERMINED_LANGUAGE = 'und';

/**
 * Sentiment scores are clamped to ±this, so sums stay finite and short in JSON
 * (AFINN scores of real posts are in the tens).
 */
export const MAX_ABS_SENTIMENT = 1_000_000;

/**
 * Upper bound of the JSON of a state, in UTF-8 bytes, for any input at any allowed capacity,
 * not counting the seen-set's string (which grows with the posts, see
 * {@link SEEN_POST_ID_BYTES_BOUND}): 256 KiB, a quarter of Lambda's 1 MB tumbling-window
 * state limit. Worst case at K = 1,500: per tag 103 (quoted tag) + 2 × 17 (count, error) + 25
 * (sentiment sum) bytes ≈ 243 KB, plus 100 languages × 55 bytes and a few scalars.
 */
export const STATE_JSON_BYTES_BOUND = 256 * 1024;

/**
 * Most JSON bytes the seen-set (`seenPostIds`) adds per distinct post folded: a gap between
 * sorted 48-bit hashes takes at most 7 varint bytes, 9⅓ characters of base64; with the count
 * in front, n posts take at most 10·n + 8 bytes. Measured: 6.8 bytes per post at 20,000 posts,
 * 6.5 at 100,000 (`npm run bench -- fold`). Past about 155,000 posts of one shard in one window
 * (120,000 with a worst-case trend state) the whole state reaches Lambda's 1 MB and the window is
 * ended early: a new part, deduplicated on its own.
 */
export const SEEN_POST_ID_BYTES_BOUND = 10;

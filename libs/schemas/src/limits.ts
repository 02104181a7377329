// Validation limits of a SocialPost: one place, so producers, consumers and docs agree.

/**
 * Size and shape limits enforced by {@link validateSocialPost}.
 * String lengths are counted in UTF-16 code units (`string.length`), which is never less
 * than the number of Unicode characters, so a limit in code units is the stricter one.
 *
 * @example
 * ```ts
 * if (text.length > POST_LIMITS.maxTextLength) reject();
 * ```
 */
export const POST_LIMITS = {
  /** postId: 1–128 code units (fits a Kinesis partition key and a DynamoDB key with room). */
  maxPostIdLength: 128,
  /** author.id: 1–128 code units. */
  maxAuthorIdLength: 128,
  /** author.handle: 1–64 code units. */
  maxHandleLength: 64,
  /** text: 0–10,000 code units (≤ 30 KB of UTF-8; a post with only media may have empty text). */
  maxTextLength: 10_000,
  /** lang: BCP-47-ish tag of at most 35 characters (RFC 5646's recommended buffer size). */
  maxLangLength: 35,
} as const;

/**
 * Largest encoded post {@link decodePost} accepts by default: 256 KiB. A valid post is at most
 * ~40 KB (10,000 characters of text plus metadata), so a record near Kinesis's 1 MiB limit is
 * not a post — e.g. one padded with unknown fields — and is poison (`too-large`) rather than
 * stored.
 */
export const DEFAULT_MAX_RECORD_BYTES = 256 * 1024;

/** A short language tag: a 2–3 letter primary subtag, then subtags of 1–8 letters/digits. */
export const LANGUAGE_TAG_PATTERN = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;

/**
 * Object keys rejected anywhere the validator reads an object: they are the classic
 * prototype-pollution vectors and no field of ours is named like them.
 */
export const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

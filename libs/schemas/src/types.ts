// Record shapes of the pipeline: producer → stream (SocialPost) → consumer (EnrichedPost)
// → aggregator (WindowAggregate). Pure types, no AWS imports.

/** The social networks a post may come from. */
export const SOURCE_NETWORKS = ['x', 'mastodon', 'bluesky', 'reddit', 'threads', 'other'] as const;

/** A source network. */
export type SourceNetwork = (typeof SOURCE_NETWORKS)[number];

/** The newest schema version this build understands. */
export const CURRENT_SCHEMA_VERSION = 1 as const;

/** Optional engagement counters of a post (non-negative integers). */
export interface Engagement {
  readonly likes?: number;
  readonly reposts?: number;
  readonly replies?: number;
}

/**
 * A social-media post as producers put it on the stream, schema version 1.
 * `postId` is unique per `source` and is the idempotency key end to end.
 */
export interface SocialPostV1 {
  readonly schemaVersion: 1;
  readonly postId: string;
  readonly source: SourceNetwork;
  readonly author: { readonly id: string; readonly handle: string };
  readonly text: string;
  /** BCP-47-ish language tag given by the source, if any (e.g. "en", "pt-BR"). */
  readonly lang?: string;
  /** ISO 8601 creation time. */
  readonly createdAt: string;
  /** ISO 8601 time of the latest edit; a post with a later editedAt is a newer version. */
  readonly editedAt?: string;
  readonly engagement?: Engagement;
}

/** Any post version this build can decode. */
export type SocialPost = SocialPostV1;

/** Where a stored item came from in the stream (for audit and replay). */
export interface Lineage {
  readonly shardId: string;
  readonly sequenceNumber: string;
  /** Index of the user record inside a KPL aggregate; absent for plain records. */
  readonly subSequenceNumber?: number;
  /** Kinesis approximate arrival time, epoch milliseconds. */
  readonly arrivedAt: number;
}

/** AFINN sentiment of a text. */
export interface SentimentScore {
  /** Sum of word scores. */
  readonly score: number;
  /** score / number of tokens. */
  readonly comparative: number;
}

/** A post after enrichment, as the consumer stores it. */
export interface EnrichedPost {
  readonly post: SocialPost;
  /** Lower-cased hashtags without '#', de-duplicated, in order of first appearance. */
  readonly hashtags: readonly string[];
  /** Mentioned handles without '@', de-duplicated. */
  readonly mentions: readonly string[];
  readonly urls: readonly string[];
  readonly sentiment: SentimentScore;
  /** Language used for analytics: the post's own tag, or "und" when unknown. */
  readonly language: string;
  /** ISO 8601 time the consumer processed the record. */
  readonly ingestedAt: string;
  readonly lineage: Lineage;
}

/**
 * Trend aggregate of one tumbling window for one shard (and one part when the window was
 * terminated early). Rows of a window merge into the window's trend by summing counts.
 */
export interface WindowAggregate {
  /** ISO 8601 window start (inclusive) and end (exclusive). */
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly shardId: string;
  /**
   * 0 for a part closed normally (the only part of nearly every window); a part the window
   * ended early is 1 + (its earliest arrival − window start) in ms, so retries rewrite one key.
   */
  readonly part: number;
  readonly postCount: number;
  /** Bounded top-K hashtag counts (hashtag → count). */
  readonly hashtags: Readonly<Record<string, number>>;
  /** Occurrences of hashtags evicted from or never admitted to the top-K. */
  readonly otherHashtagCount: number;
  readonly sentimentSum: number;
  readonly sentimentCount: number;
  /** language → post count. */
  readonly languages: Readonly<Record<string, number>>;
  /** Records skipped because they could not be decoded (quarantined by the consumer). */
  readonly poisonCount: number;
  /** Epoch ms of the first and last arrival folded in, if any. */
  readonly firstArrivalAt?: number;
  readonly lastArrivalAt?: number;
  /**
   * Bound of the top-K approximation (absent or 0 when exact): a listed hashtag's true count
   * is at most its listed count plus this, and an unlisted hashtag's at most this. Listed
   * counts never overestimate. Rows merge by summing it.
   */
  readonly hashtagErrorBound?: number;
  /**
   * Sum of the sentiment scores of the posts counted in `hashtags[tag]`, per listed hashtag
   * (so `hashtagSentimentSums[tag] / hashtags[tag]` is the tag's average sentiment).
   */
  readonly hashtagSentimentSums?: Readonly<Record<string, number>>;
  /**
   * Duplicate records of an already-counted post skipped in this window part (producer
   * retries, redelivered batches, newer versions of a post): in no other total. Optional
   * because rows written before the aggregator deduplicated lack it (and counted every record).
   */
  readonly duplicates?: number;
}

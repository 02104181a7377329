// Aggregator flow: restore state → fold each post once (this file) → on the final invoke, turn
// the state into one deterministic row per (window, shard). The state is a plain JSON object,
// because Lambda hands it back as JSON between invokes.
import {
  DEFAULT_HASHTAG_CAPACITY,
  DEFAULT_LANGUAGE_CAPACITY,
  MAX_ABS_SENTIMENT,
  MAX_HASHTAG_CAPACITY,
  UNDETERMINED_LANGUAGE,
} from './limits';
import { InvalidAnalyticsArgumentError } from './errors';
import { claimPostId, hasSeen, writeSeenPostIds } from './seen-set';
import { bumpLanguage, offerHashtag } from './space-saving';
import { isTrackableLanguage } from './trackable';

/**
 * Per-shard state of one tumbling window. Plain, JSON-serialisable data (no Map): Lambda
 * returns it as `state` and passes it back on the next invoke. Treat it as opaque and change it
 * only through {@link foldPost}, {@link countPoison} and {@link countDuplicates}.
 *
 * Hashtags are counted with Space-Saving over `hashtagCapacity` (K) counters kept as a
 * min-heap in the parallel arrays `tags`/`counts`/`errors`/`tagSentiment`: while at most K
 * distinct tags are seen, counts are exact; after that a tracked tag's count overestimates its
 * true count by at most its `errors` entry, which is at most N/K for N occurrences.
 *
 * Each post id is folded at most once per state: `seenPostIds` holds 48-bit hashes of the ids
 * folded so far, and a later record of a seen id (a producer retry, a newer version of the
 * post) only adds to `duplicates`. Ids folded since the last restore live in an index beside
 * the object until {@link serialiseWindowState} writes them into `seenPostIds`: hand Lambda
 * the result of that function, never the state as it is.
 */
export interface WindowState {
  /** Format of this object, for safe evolution. */
  format: 1;
  hashtagCapacity: number;
  languageCapacity: number;
  postCount: number;
  sentimentSum: number;
  sentimentCount: number;
  poisonCount: number;
  /** Every hashtag occurrence folded in, tracked or not. */
  hashtagOccurrences: number;
  /** Times a tracked tag gave its counter to a new tag. */
  evictions: number;
  tags: string[];
  counts: number[];
  errors: number[];
  /** Sum of sentiment of the posts counted since the tag got its counter. */
  tagSentiment: number[];
  languageKeys: string[];
  languageCounts: number[];
  firstArrivalAt: number | null;
  lastArrivalAt: number | null;
  /** Records of an already folded post id, skipped (never counted in the totals above). */
  duplicates: number;
  /**
   * The seen-set: base64 of the ascending 48-bit hashes of the folded post ids, as the first
   * hash and then the gaps, each an unsigned LEB128 varint, after their count ("" when empty).
   * About 6.5 bytes of JSON per post at 100,000 posts, at most 10 (see
   * {@link SEEN_POST_ID_BYTES_BOUND}).
   */
  seenPostIds: string;
}

/** Capacities of a new state. */
export interface WindowStateOptions {
  /** K of Space-Saving: 1 to {@link MAX_HASHTAG_CAPACITY}; default {@link DEFAULT_HASHTAG_CAPACITY}. */
  readonly hashtagCapacity?: number;
  /** Distinct language keys, "other" included: 2 to {@link DEFAULT_LANGUAGE_CAPACITY} (the default). */
  readonly languageCapacity?: number;
}

/** What the fold needs of one post (see {@link toFoldInput}). */
export interface FoldInput {
  /** The producer's post id: a post is folded once per window part, whatever its versions. */
  readonly postId: string;
  /** Normalised hashtags of the post; repeats within one post count once. */
  readonly hashtags: readonly string[];
  /** Sentiment of the post (the AFINN score); non-finite counts as 0, clamped to ±1e6. */
  readonly sentimentScore: number;
  /** Language key (canonical tag from enrichment); malformed ones count as "und". */
  readonly language: string;
  /** Kinesis approximate arrival time, epoch ms. */
  readonly arrivedAt: number;
}

/**
 * A new, empty window state.
 *
 * @throws InvalidAnalyticsArgumentError for a capacity out of range.
 * @example
 * ```ts
 * const state = emptyWindowState(); // K = 1,000 hashtags, 100 languages
 * ```
 */
export function emptyWindowState(options: WindowStateOptions = {}): WindowState {
  const hashtagCapacity = options.hashtagCapacity ?? DEFAULT_HASHTAG_CAPACITY;
  const languageCapacity = options.languageCapacity ?? DEFAULT_LANGUAGE_CAPACITY;
  checkCapacity('hashtagCapacity', hashtagCapacity, 1, MAX_HASHTAG_CAPACITY);
  checkCapacity('languageCapacity', languageCapacity, 2, DEFAULT_LANGUAGE_CAPACITY);
  return {
    format: 1,
    hashtagCapacity,
    languageCapacity,
    postCount: 0,
    sentimentSum: 0,
    sentimentCount: 0,
    poisonCount: 0,
    hashtagOccurrences: 0,
    evictions: 0,
    tags: [],
    counts: [],
    errors: [],
    tagSentiment: [],
    languageKeys: [],
    languageCounts: [],
    firstArrivalAt: null,
    lastArrivalAt: null,
    duplicates: 0,
    seenPostIds: '',
  };
}

// Sentiment beyond this is clamped so sums stay finite (see MAX_ABS_SENTIMENT).
const SENTIMENT_CLAMP = MAX_ABS_SENTIMENT;
// Up to this many hashtags, repeats are found by a linear scan (cheaper than a Set).
const SMALL_LIST = 16;
const UND = UNDETERMINED_LANGUAGE;

/**
 * Folds one post into the state, in place (it runs per record on the hot path), and returns
 * the same state. O(log K) per hashtag. The first record of a post id wins: when the id was
 * already folded into this state, the post only counts in `duplicates` (versions and retries
 * of one post count once, with the values of the record folded first).
 *
 * @example
 * ```ts
 * for (const p of enrichedPosts) foldPost(state, toFoldInput(p));
 * ```
 */
export function foldPost(state: WindowState, input: FoldInput): WindowState {
  if (!claimPostId(state, input.postId)) {
    state.duplicates += 1;
    return state;
  }
  const raw = input.sentimentScore;
  // `+ 0` turns -0 into 0: JSON cannot carry -0, and the state must survive a round trip.
  const sentiment = (Number.isFinite(raw) ? Math.max(-SENTIMENT_CLAMP, Math.min(SENTIMENT_CLAMP, raw)) : 0) + 0;
  state.postCount += 1;
  state.sentimentSum += sentiment;
  state.sentimentCount += 1;
  const arrivedAt = input.arrivedAt + 0;
  if (Number.isFinite(arrivedAt)) {
    if (state.firstArrivalAt === null || arrivedAt < state.firstArrivalAt) state.firstArrivalAt = arrivedAt;
    if (state.lastArrivalAt === null || arrivedAt > state.lastArrivalAt) state.lastArrivalAt = arrivedAt;
  }
  bumpLanguage(state, isTrackableLanguage(input.language) ? input.language : UND);
  const tags = input.hashtags;
  const seen = tags.length > SMALL_LIST ? new Set<string>() : undefined;
  for (let i = 0; i < tags.length; i += 1) {
    const tag = tags[i] as string;
    if (seen === undefined ? tags.indexOf(tag) < i : seen.has(tag)) continue;
    seen?.add(tag);
    state.hashtagOccurrences += 1;
    offerHashtag(state, tag, sentiment);
  }
  return state;
}

/**
 * Counts records that were skipped as poison (they could not be decoded), in place.
 *
 * @example
 * ```ts
 * countPoison(state, quarantined.length);
 * ```
 */
export function countPoison(state: WindowState, count = 1): WindowState {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new InvalidAnalyticsArgumentError(`countPoison: count must be a non-negative integer, got ${String(count)}`);
  }
  state.poisonCount += count;
  return state;
}

/**
 * True when a post with this id was already folded into `state`, so {@link foldPost} would only
 * count it as a duplicate: lets a caller skip computing the fold input of a duplicate (and count
 * it with {@link countDuplicates}).
 *
 * @example
 * ```ts
 * if (isPostSeen(state, post.postId)) countDuplicates(state);
 * else foldPost(state, foldInputOf(post, arrivedAt));
 * ```
 */
export function isPostSeen(state: WindowState, postId: string): boolean {
  return hasSeen(state, postId);
}

/**
 * Counts records of already folded posts that were skipped before reaching {@link foldPost}, in
 * place.
 *
 * @example
 * ```ts
 * countDuplicates(state, 2);
 * ```
 */
export function countDuplicates(state: WindowState, count = 1): WindowState {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new InvalidAnalyticsArgumentError(
      `countDuplicates: count must be a non-negative integer, got ${String(count)}`,
    );
  }
  state.duplicates += count;
  return state;
}

/**
 * The fold input of an enriched post: its id, hashtags, AFINN score, language and arrival time.
 *
 * @example
 * ```ts
 * foldPost(state, toFoldInput(enrichPost(post, lineage, now)));
 * ```
 */
export function toFoldInput(enriched: {
  readonly post: { readonly postId: string };
  readonly hashtags: readonly string[];
  readonly sentiment: { readonly score: number };
  readonly language: string;
  readonly lineage: { readonly arrivedAt: number };
}): FoldInput {
  return {
    postId: enriched.post.postId,
    hashtags: enriched.hashtags,
    sentimentScore: enriched.sentiment.score,
    language: enriched.language,
    arrivedAt: enriched.lineage.arrivedAt,
  };
}

/**
 * The state as the plain JSON object to hand Lambda (the same object, returned): writes the
 * post ids folded since it was restored into `seenPostIds`. Cost: one merge and encode of the
 * seen-set, O(n) (about 2 ms at 100,000 ids); nothing when no id was added.
 * `restoreWindowState(JSON.parse(JSON.stringify(serialiseWindowState(s))))` equals `s`.
 *
 * @example
 * ```ts
 * return { state: serialiseWindowState(state), batchItemFailures: [] };
 * ```
 */
export function serialiseWindowState(state: WindowState): WindowState {
  writeSeenPostIds(state);
  return state;
}

/**
 * Size of the state as Lambda serialises it (UTF-8 bytes of the JSON of
 * {@link serialiseWindowState}): at most {@link STATE_JSON_BYTES_BOUND} plus
 * {@link SEEN_POST_ID_BYTES_BOUND} per distinct post (plus 8).
 *
 * @example
 * ```ts
 * metrics.addMetric('WindowStateBytes', 'Bytes', windowStateJsonBytes(state));
 * ```
 */
export function windowStateJsonBytes(state: WindowState): number {
  const { seenPostIds } = serialiseWindowState(state);
  // The seen-set is base64 (ASCII, nothing to escape): count it without copying it again.
  return Buffer.byteLength(JSON.stringify({ ...state, seenPostIds: '' }), 'utf8') + seenPostIds.length;
}

function checkCapacity(name: string, value: number, min: number, max: number): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new InvalidAnalyticsArgumentError(`${name} must be an integer from ${min} to ${max}, got ${String(value)}`);
  }
}

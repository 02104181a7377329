// Synthetic social stream: realistic posts (Zipf hashtags with trending bursts, several
// languages and scripts, emoji, log-normal text lengths, edits of earlier posts) mixed with
// poison records of each kind at configurable rates. Pure and deterministic for a seed.
import type { PoisonReason, SocialPost, SourceNetwork } from '@streamlens/schemas';
import { EMOJI, LANGUAGES, SOURCES, hashtagAt, type LanguageCorpus } from './corpus';
import { SeededRandom, ZipfSampler, mix32 } from './random';

/** Poison kinds the stream can produce (every PoisonReason a producer can cause). */
export const SYNTHETIC_POISON_KINDS = [
  'not-utf8',
  'not-json',
  'schema-violation',
  'unknown-version',
  'too-large',
] as const;

/** A poison kind of the synthetic stream. */
export type SyntheticPoisonKind = (typeof SYNTHETIC_POISON_KINDS)[number] & PoisonReason;

/** Trending bursts: in every window of `everyMs`, one tail hashtag is hot for `durationMs`. */
export interface TrendingOptions {
  readonly everyMs: number;
  readonly durationMs: number;
  /** Share of posts during a burst that carry the trending hashtag. */
  readonly share: number;
}

/** Options of {@link SyntheticSocialStream}. */
export interface SyntheticStreamOptions {
  /** Default 1. */
  readonly seed?: number;
  /** Probability per record of each poison kind; default 0 for all. */
  readonly poisonRates?: Partial<Record<SyntheticPoisonKind, number>>;
  /** Hashtag vocabulary size; default 5,000. */
  readonly hashtagCount?: number;
  /** Zipf exponent of hashtag popularity; default 1.1. */
  readonly zipfExponent?: number;
  /** Default every 60 s for 15 s, 30 % of posts; false = no bursts. */
  readonly trending?: TrendingOptions | false;
  /** Distinct authors (Zipf-active); default 20,000. */
  readonly authorCount?: number;
  /** Share of records that are edits of an earlier post (same postId, later editedAt); default 0.02. */
  readonly editRate?: number;
  /** Median text length in characters (log-normal); default 120. */
  readonly textMedianChars?: number;
  /** Size of a too-large poison record; default 1,000,000 bytes (fits Kinesis, far past any post). */
  readonly tooLargeBytes?: number;
}

/** One record of the stream. */
export interface SyntheticRecord {
  /** postId for posts; a random id for poison. */
  readonly partitionKey: string;
  readonly data: Uint8Array;
  /** Set for valid posts (and edits). */
  readonly post?: SocialPost;
  /** Set for poison records. */
  readonly poison?: SyntheticPoisonKind;
}

const ENCODER = new TextEncoder();
const DEFAULT_TRENDING: TrendingOptions = { everyMs: 60_000, durationMs: 15_000, share: 0.3 };

/**
 * Generates the synthetic social stream, one record per call of `next(atMs)`.
 *
 * @example
 * ```ts
 * const stream = new SyntheticSocialStream({ seed: 42, poisonRates: { 'not-json': 0.01 } });
 * const record = stream.next(Date.now()); // { partitionKey, data, post? , poison? }
 * ```
 */
export class SyntheticSocialStream {
  private readonly rng: SeededRandom;
  private readonly seed: number;
  private readonly hashtags: ZipfSampler;
  private readonly authors: ZipfSampler;
  private readonly hashtagCount: number;
  private readonly poison: [SyntheticPoisonKind, number][];
  private readonly trending: TrendingOptions | false;
  private readonly editRate: number;
  private readonly tooLargeBytes: number;
  private readonly textMedian: number;
  private readonly recent: SocialPost[] = [];
  private counter = 0;

  constructor(options: SyntheticStreamOptions = {}) {
    this.seed = options.seed ?? 1;
    this.rng = new SeededRandom(this.seed);
    this.hashtagCount = options.hashtagCount ?? 5_000;
    this.hashtags = new ZipfSampler(this.hashtagCount, options.zipfExponent ?? 1.1);
    this.authors = new ZipfSampler(options.authorCount ?? 20_000, 0.9);
    this.poison = SYNTHETIC_POISON_KINDS.map((k) => [k, options.poisonRates?.[k] ?? 0]);
    this.trending = options.trending === undefined ? DEFAULT_TRENDING : options.trending;
    this.editRate = options.editRate ?? 0.02;
    this.tooLargeBytes = options.tooLargeBytes ?? 1_000_000;
    this.textMedian = options.textMedianChars ?? 120;
  }

  /** The next record, created at `atMs` (epoch ms). */
  next(atMs: number): SyntheticRecord {
    const u = this.rng.next();
    let acc = 0;
    for (const [kind, rate] of this.poison) {
      acc += rate;
      if (u < acc) return this.poisonRecord(kind, atMs);
    }
    if (this.recent.length > 0 && this.rng.chance(this.editRate)) return this.edit(atMs);
    const post = this.post(atMs);
    this.remember(post);
    return { partitionKey: post.postId, data: ENCODER.encode(JSON.stringify(post)), post };
  }

  /** The hashtag trending at `atMs`, if a burst is on. */
  trendingAt(atMs: number): string | undefined {
    const t = this.trending;
    if (!t) return undefined;
    const window = Math.floor(atMs / t.everyMs);
    if (atMs - window * t.everyMs >= t.durationMs) return undefined;
    // A tail tag (rank ≥ 100), chosen per window from the seed: it rises from nowhere.
    return hashtagAt(100 + (mix32(this.seed, window) % Math.max(1, this.hashtagCount - 100)));
  }

  private post(atMs: number): SocialPost {
    const rng = this.rng;
    const id = `${(this.seed >>> 0).toString(36)}-${(this.counter++).toString(36)}-${rng.int(0, 0xffff).toString(36)}`;
    const corpus = this.language();
    const author = this.authors.sample(rng);
    const source = this.source();
    const createdAt = new Date(atMs - rng.int(0, 5_000)).toISOString();
    const post: { -readonly [K in keyof SocialPost]: SocialPost[K] } = {
      schemaVersion: 1,
      postId: `${source}-${id}`,
      source,
      author: { id: `u${author}`, handle: `user_${author.toString(36)}` },
      text: this.text(corpus, atMs),
      createdAt,
    };
    if (corpus.lang !== undefined) post.lang = corpus.lang;
    if (rng.chance(0.6))
      post.engagement = {
        likes: Math.floor(rng.logNormal(3, 2)),
        reposts: Math.floor(rng.logNormal(0.5, 2)),
        replies: rng.int(0, 20),
      };
    return post;
  }

  private text(corpus: LanguageCorpus, atMs: number): string {
    const rng = this.rng;
    // Log-normal length around the median: mostly short posts, a long tail up to 2,000.
    const target = Math.min(2_000, Math.max(8, Math.round(rng.logNormal(this.textMedian, 0.7))));
    const tags = new Set<string>();
    const trending = this.trendingAt(atMs);
    if (trending && this.trending && rng.chance(this.trending.share)) tags.add(trending);
    const tagCount = Math.min(this.hashtagCount - 1, rng.chance(0.35) ? 0 : rng.int(1, 4));
    while (tags.size < tagCount + (trending && tags.has(trending) ? 1 : 0))
      tags.add(hashtagAt(this.hashtags.sample(rng)));
    const tail = [...tags].map((t) => `#${t}`);
    if (rng.chance(0.4)) tail.push(rng.pick(EMOJI));
    if (rng.chance(0.15)) tail.push(`@user_${this.authors.sample(rng).toString(36)}`);
    if (rng.chance(0.1)) tail.push(`https://example.com/p/${rng.int(1, 99_999)}`);
    const parts: string[] = [];
    let length = tail.join(' ').length;
    do {
      const phrase = rng.pick(corpus.phrases);
      parts.push(phrase);
      length += phrase.length + 1;
    } while (length < target);
    return [...parts, ...tail].join(' ');
  }

  private language(): LanguageCorpus {
    let u = this.rng.next();
    for (const l of LANGUAGES) if ((u -= l.weight) < 0) return l;
    return LANGUAGES[0] as LanguageCorpus;
  }

  private source(): SourceNetwork {
    let u = this.rng.next();
    for (const s of SOURCES) if ((u -= s.weight) < 0) return s.source;
    return 'x';
  }

  private edit(atMs: number): SyntheticRecord {
    const original = this.rng.pick(this.recent);
    const editedAt = new Date(Math.max(atMs, Date.parse(original.editedAt ?? original.createdAt) + 1)).toISOString();
    const post: SocialPost = { ...original, text: `${original.text} (edited)`, editedAt };
    return { partitionKey: post.postId, data: ENCODER.encode(JSON.stringify(post)), post };
  }

  private remember(post: SocialPost): void {
    if (this.recent.length < 1_000) this.recent.push(post);
    else this.recent[this.rng.int(0, 999)] = post;
  }

  private poisonRecord(kind: SyntheticPoisonKind, atMs: number): SyntheticRecord {
    const valid = this.post(atMs);
    const partitionKey = `poison-${kind}-${valid.postId}`;
    const json = JSON.stringify(valid);
    switch (kind) {
      case 'not-utf8': {
        // A lone continuation byte and an overlong encoding inside otherwise valid JSON.
        const bytes = ENCODER.encode(json);
        const out = new Uint8Array(bytes.length + 3);
        out.set(bytes.subarray(0, 20));
        out.set([0x80, 0xc0, 0xaf], 20);
        out.set(bytes.subarray(20), 23);
        return { partitionKey, data: out, poison: kind };
      }
      case 'not-json':
        return { partitionKey, data: ENCODER.encode(json.slice(0, Math.max(1, json.length >> 1))), poison: kind };
      case 'schema-violation': {
        const broken: Record<string, unknown> = { ...valid, createdAt: 'yesterday', author: { id: '' } };
        return { partitionKey, data: ENCODER.encode(JSON.stringify(broken)), poison: kind };
      }
      case 'unknown-version':
        return { partitionKey, data: ENCODER.encode(JSON.stringify({ ...valid, schemaVersion: 99 })), poison: kind };
      case 'too-large': {
        const head = ENCODER.encode(json.slice(0, -1) + ',"padding":"');
        const data = new Uint8Array(Math.max(this.tooLargeBytes, head.length + 2)).fill(0x61);
        data.set(head);
        data.set(ENCODER.encode('"}'), data.length - 2);
        return { partitionKey, data, poison: kind };
      }
    }
  }
}

// Small, deterministic generators of realistic social posts for tests and benchmarks:
// several scripts, emoji, Unicode hashtags, varied lengths, optional edits of earlier posts.
import type { EnrichedPost, SocialPost, SourceNetwork } from '@streamlens/schemas';
import { createRng, type Rng } from './prng';

/** Hashtags in several scripts (lower-case, without '#'), most popular first. */
export const SAMPLE_HASHTAGS = [
  'ai',
  'café',
  '東京',
  'москва',
  'عاجل',
  'fútbol',
  'k팝',
  'climate',
  'हिंदी',
  'ελλάδα',
  'olympics2028',
  'straße',
  'rust_lang',
  'ñandú',
  '北京',
  'typescript',
  'breaking',
  'música',
] as const;

interface LanguageSample {
  readonly lang?: string;
  readonly phrases: readonly string[];
}

const LANGUAGES: readonly LanguageSample[] = [
  {
    lang: 'en',
    phrases: [
      'Just shipped the new release',
      'Can not believe this game',
      'Coffee first, then code',
      'What a terrible day for the commute',
      'Loving the new album',
    ],
  },
  { lang: 'pt-BR', phrases: ['Que jogo incrível hoje', 'Bom dia a todos', 'Não aguento mais esse trânsito'] },
  { lang: 'ja', phrases: ['今日はとても良い天気です', '新しいカフェに行きました', '電車が遅れています'] },
  { lang: 'ar', phrases: ['صباح الخير للجميع', 'خبر عاجل من المدينة'] },
  { lang: 'ru', phrases: ['Отличная погода сегодня', 'Новый релиз уже здесь'] },
  { lang: 'hi', phrases: ['आज का दिन बहुत अच्छा है', 'नमस्ते दोस्तों'] },
  { lang: 'es', phrases: ['¡Qué partido tan increíble!', 'Mañana vuelvo al trabajo'] },
  { lang: 'ko', phrases: ['오늘 날씨 정말 좋다', '새 앨범 최고'] },
  { phrases: ['lol 😂😂', '🔥🔥🔥', 'ok'] },
];

const EMOJI = ['🎉', '😂', '🔥', '👍🏽', '🇧🇷', '👨‍👩‍👧', '❤️', '🚀'] as const;
const SOURCES: readonly SourceNetwork[] = ['x', 'mastodon', 'bluesky', 'reddit', 'threads'];
const BASE_TIME = Date.UTC(2025, 0, 15, 12, 0, 0);

function composeText(rng: Rng, sample: LanguageSample, hashtags: readonly string[]): string {
  const parts: string[] = [];
  const sentences = rng.int(1, rng.chance(0.1) ? 12 : 3);
  for (let i = 0; i < sentences; i++) parts.push(rng.pick(sample.phrases));
  if (rng.chance(0.5)) parts.push(rng.pick(EMOJI));
  if (rng.chance(0.2)) parts.push(`@${rng.pick(['ana', 'kenji', 'olga', 'dev_team'])}`);
  if (rng.chance(0.15)) parts.push('https://example.com/p/' + rng.int(1, 9999));
  for (const tag of hashtags) parts.push(`#${tag}`);
  return parts.join(' ');
}

function postFromRng(rng: Rng, index: number, hashtags: readonly string[], createdAtMs: number): SocialPost {
  const sample = rng.pick(LANGUAGES);
  const user = rng.int(1, 5000);
  return {
    schemaVersion: 1,
    postId: `p-${index.toString(36)}-${rng.int(0, 2 ** 31).toString(36)}`,
    source: rng.pick(SOURCES),
    author: { id: `u${user}`, handle: `user_${user}` },
    text: composeText(rng, sample, hashtags),
    ...(sample.lang ? { lang: sample.lang } : {}),
    createdAt: new Date(createdAtMs).toISOString(),
    ...(rng.chance(0.7)
      ? { engagement: { likes: rng.int(0, 500), reposts: rng.int(0, 50), replies: rng.int(0, 20) } }
      : {}),
  };
}

/**
 * One realistic post; the same seed gives the same post. Overrides replace fields as given.
 *
 * @example
 * ```ts
 * const post = makeSocialPost({ postId: 'p1', text: 'hello #café' });
 * ```
 */
export function makeSocialPost(overrides: Partial<SocialPost> = {}, seed = 1): SocialPost {
  const rng = createRng(seed);
  const tags = Array.from({ length: rng.int(0, 3) }, () => rng.pick(SAMPLE_HASHTAGS));
  return { ...postFromRng(rng, seed, [...new Set(tags)], BASE_TIME + rng.int(0, 3_600_000)), ...overrides };
}

/** Options of {@link socialPostStream}. */
export interface SocialPostStreamOptions {
  readonly seed: number;
  /** Hashtag vocabulary, most popular first (default {@link SAMPLE_HASHTAGS}). */
  readonly hashtags?: readonly string[];
  /** Zipf exponent s of hashtag popularity: weight of rank r is 1 / r^s (default 1.1). */
  readonly zipfExponent?: number;
  /** Epoch ms of the first post (default 2025-01-15T12:00:00Z). */
  readonly startAt?: number;
  /** Mean gap between posts in ms (default 50). */
  readonly meanIntervalMs?: number;
  /** Probability that a post is an edit (same postId, later editedAt) of an earlier post (default 0). */
  readonly editRate?: number;
}

/**
 * An endless deterministic stream of posts with Zipf-distributed hashtags. Take what you need.
 *
 * @example
 * ```ts
 * const posts = take(socialPostStream({ seed: 3, editRate: 0.1 }), 1000);
 * ```
 */
export function* socialPostStream(options: SocialPostStreamOptions): Generator<SocialPost, never, undefined> {
  const rng = createRng(options.seed);
  const vocabulary = options.hashtags ?? SAMPLE_HASHTAGS;
  const s = options.zipfExponent ?? 1.1;
  const weights = vocabulary.map((_, r) => 1 / Math.pow(r + 1, s));
  const total = weights.reduce((a, b) => a + b, 0);
  const zipf = (): string => {
    let x = rng.next() * total;
    for (const [i, w] of weights.entries()) if ((x -= w) < 0) return vocabulary[i] as string;
    return vocabulary[vocabulary.length - 1] as string;
  };
  const recent: SocialPost[] = [];
  let clock = options.startAt ?? BASE_TIME;
  for (let i = 0; ; i++) {
    clock += Math.max(1, Math.round(-Math.log(1 - rng.next()) * (options.meanIntervalMs ?? 50)));
    const earlier = recent.length > 0 && rng.chance(options.editRate ?? 0) ? rng.pick(recent) : undefined;
    if (earlier) {
      yield { ...earlier, text: `${earlier.text} (edited)`, editedAt: new Date(clock).toISOString() };
      continue;
    }
    const tags = [...new Set(Array.from({ length: rng.int(0, 3) }, zipf))];
    const post = postFromRng(rng, i, tags, clock);
    recent.push(post);
    if (recent.length > 100) recent.shift();
    yield post;
  }
}

/** The first `n` items of an iterable. */
export function take<T>(items: Iterable<T>, n: number): T[] {
  const out: T[] = [];
  if (n <= 0) return out;
  for (const item of items) {
    out.push(item);
    if (out.length >= n) break;
  }
  return out;
}

/** Options of {@link makeEnrichedPost}: where the record sat in the stream. */
export interface EnrichedPostOptions {
  readonly shardId?: string;
  readonly sequenceNumber?: string;
  readonly subSequenceNumber?: number;
  readonly arrivedAt?: number;
}

/**
 * A stored-shape post for repository tests. Hashtags/mentions/urls come from a simple regex,
 * not from the consumer's real enrichment: this is test data, not the enrichment logic.
 *
 * @example
 * ```ts
 * const e = makeEnrichedPost(makeSocialPost({ postId: 'p1' }), { sequenceNumber: '42' });
 * ```
 */
export function makeEnrichedPost(post: SocialPost, options: EnrichedPostOptions = {}): EnrichedPost {
  const uniq = (re: RegExp) => [...new Set([...post.text.matchAll(re)].map((m) => (m[1] as string).toLowerCase()))];
  return {
    post,
    hashtags: uniq(/#([\p{L}\p{N}_]+)/gu),
    mentions: uniq(/@([\p{L}\p{N}_]+)/gu),
    urls: [...post.text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0]),
    sentiment: { score: 0, comparative: 0 },
    language: post.lang ?? 'und',
    // Test data may carry a deliberately broken time; keep the factory total.
    ingestedAt: new Date((Date.parse(post.editedAt ?? post.createdAt) || BASE_TIME) + 1000).toISOString(),
    lineage: {
      shardId: options.shardId ?? 'shardId-000000000000',
      sequenceNumber: options.sequenceNumber ?? '49590338271490256608559692538361571095921575989136588898',
      ...(options.subSequenceNumber !== undefined ? { subSequenceNumber: options.subSequenceNumber } : {}),
      arrivedAt: options.arrivedAt ?? (Date.parse(post.createdAt) || BASE_TIME) + 500,
    },
  };
}

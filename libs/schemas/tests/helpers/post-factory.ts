// Record factories for tests and benchmarks: realistic posts from a seeded generator, so runs
// are repeatable, plus a set of typical faults for invalid records.
import type { SocialPost } from '../../src/types';
import { SOURCE_NETWORKS } from '../../src/types';

/** A small deterministic PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'good',
  'bad',
  'launch',
  'great',
  'awful',
  'today',
  'the',
  'stream',
  'love',
  'hate',
  'data',
  'café',
  '日本語',
  'fast',
];
const TAGS = ['AWS', 'serverless', 'Kinesis', 'TypeScript', 'café', '日本', 'news', 'sports', 'ai'];
const LANGS = ['en', 'en-US', 'pt-BR', 'de', 'ja', 'fr'];

/** A valid post; `overrides` replace top-level fields. */
export function makePost(overrides: Partial<SocialPost> = {}): SocialPost {
  return {
    schemaVersion: 1,
    postId: 'post-1',
    source: 'x',
    author: { id: 'u-1', handle: 'alice' },
    text: 'Loving #serverless on @aws today https://example.com',
    lang: 'en',
    createdAt: '2024-05-01T12:00:00Z',
    ...overrides,
  };
}

/** A realistic random valid post. */
export function randomPost(rand: () => number, i: number): SocialPost {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const words = Array.from({ length: 8 + Math.floor(rand() * 30) }, () => pick(WORDS));
  const tags = Array.from({ length: Math.floor(rand() * 4) }, () => `#${pick(TAGS)}`);
  const created = Date.UTC(2024, 4, 1) + Math.floor(rand() * 86_400_000);
  const post: SocialPost = {
    schemaVersion: 1,
    postId: `${pick(SOURCE_NETWORKS)}-${i}-${Math.floor(rand() * 1e9)}`,
    source: pick(SOURCE_NETWORKS),
    author: { id: `u${Math.floor(rand() * 1e6)}`, handle: `user_${Math.floor(rand() * 1e5)}` },
    text: [...words, ...tags, '@friend', 'https://example.com/x'].join(' '),
    createdAt: new Date(created).toISOString(),
    ...(rand() < 0.8 ? { lang: pick(LANGS) } : {}),
    ...(rand() < 0.2 ? { editedAt: new Date(created + 60_000).toISOString() } : {}),
    ...(rand() < 0.7 ? { engagement: { likes: Math.floor(rand() * 1000), reposts: Math.floor(rand() * 50) } } : {}),
  };
  return post;
}

/** Typical faults: each turns a valid post (as parsed JSON) into an invalid one. */
export const FAULTS: readonly ((p: Record<string, unknown>) => Record<string, unknown>)[] = [
  (p) => ({ ...p, author: { id: 'u', handle: '' } }),
  (p) => ({ ...p, createdAt: '2024-05-01 12:00:00' }),
  (p) => ({ ...p, source: 'myspace', postId: '' }),
  (p) => ({ ...p, engagement: { likes: -1 } }),
  (p) => ({ ...p, text: 42 }),
  (p) => ({ ...p, lang: 'not a language' }),
];

/**
 * `count` records as parsed JSON: valid posts, every `invalidEvery`-th one broken by a fault.
 */
export function makeDataset(count: number, invalidEvery: number, seed = 42): Record<string, unknown>[] {
  const rand = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const json = JSON.parse(JSON.stringify(randomPost(rand, i))) as Record<string, unknown>;
    const fault = FAULTS[i % FAULTS.length];
    return i % invalidEvery === invalidEvery - 1 && fault ? fault(json) : json;
  });
}

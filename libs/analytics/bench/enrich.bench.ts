// Enrichment benchmark: cost per post of enrichPost and of its parts on 5,000 realistic posts
// (20–60 words, hashtags, mentions, a URL, some non-ASCII), medians of interleaved rounds.
// Run: npx tsx --tsconfig tsconfig.base.json libs/analytics/bench/enrich.bench.ts
import type { SocialPost } from '@streamlens/schemas';
import { extractHashtags, extractMentions, extractUrls } from 'twitter-text';
import { enrichPost, extractEntities } from '../src/enrich';
import { scoreSentiment } from '../src/sentiment';

const POSTS = 5_000;
const RUNS = 7;
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
  'not',
  'happy',
];
const TAGS = ['#AWS', '#Serverless', '#café', '#日本', '#news', '#sports', '#ai', '#Kinesis'];

function makePosts(): SocialPost[] {
  let seed = 1;
  const rand = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T;
  return Array.from({ length: POSTS }, (_, i) => ({
    schemaVersion: 1,
    postId: `p${i}`,
    source: 'x',
    author: { id: `u${i}`, handle: `user${i}` },
    text: [
      ...Array.from({ length: 20 + Math.floor(rand() * 40) }, () => pick(WORDS)),
      ...Array.from({ length: Math.floor(rand() * 4) }, () => pick(TAGS)),
      rand() < 0.5 ? `@friend${i % 100}` : '',
      rand() < 0.6 ? `https://example.com/a/${i}` : '',
    ].join(' '),
    lang: 'en',
    createdAt: '2024-05-01T12:00:00Z',
  }));
}

function median(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
}

function main(): void {
  const posts = makePosts();
  const lineage = { shardId: 'shardId-000000000000', sequenceNumber: '1', arrivedAt: 0 };
  const now = new Date();
  const cases: [string, (p: SocialPost) => unknown][] = [
    ['enrichPost (total)', (p) => enrichPost(p, lineage, now)],
    ['extractEntities (one twitter-text pass)', (p) => extractEntities(p.text)],
    [
      'extractHashtags+Mentions+Urls (3 calls)',
      (p) => [extractHashtags(p.text), extractMentions(p.text), extractUrls(p.text)],
    ],
    ['scoreSentiment (AFINN)', (p) => scoreSentiment(p.text)],
  ];
  const samples = cases.map(() => [] as number[]);
  for (let run = 0; run <= RUNS; run += 1) {
    cases.forEach(([, fn], c) => {
      const start = process.hrtime.bigint();
      for (const post of posts) fn(post);
      const us = Number(process.hrtime.bigint() - start) / 1000 / POSTS;
      if (run > 0) samples[c]?.push(us);
    });
  }
  console.log(
    `node ${process.version}; ${POSTS} posts, mean ${Math.round(posts.reduce((n, p) => n + p.text.length, 0) / POSTS)} chars; median of ${RUNS} interleaved rounds`,
  );
  cases.forEach(([name], c) => {
    const us = median(samples[c] ?? []);
    console.log(
      `${name.padEnd(42)} ${us.toFixed(1).padStart(7)} µs/post  (${Math.round(1e6 / us).toLocaleString('en')} posts/s)`,
    );
  });
}

main();

// Test fixture: dynalite with the trends and posts tables (from TABLE_SPECS), seeded through the
// real repositories with a small, hand-computed data set (see EXPECTED).
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable, makeDynamoClient, startDynalite, type RunningEmulator } from '@streamlens/emulators';
import { DynamoPostsReader, DynamoPostsWriter, DynamoTrendsRepository } from '@streamlens/repositories';
import type { EnrichedPost, WindowAggregate } from '@streamlens/schemas';
import { TABLE_SPECS } from '@streamlens/tables';
import { makeEnrichedPost, makeSocialPost } from '@streamlens/testing';

/** The fixed "now" of the tests: 10 s into a 30 s window. */
export const NOW = Date.parse('2025-01-15T12:00:10.000Z');
export const WINDOW_SECONDS = 30;
export const RETENTION_DAYS = 30;
/** A hashtag that is markup: the page must show it as text. */
export const MARKUP_TAG = '<b>x</b>';

/** A trend row of a window, shard and part: zeros and empty maps unless `fields` says otherwise. */
export function windowRow(
  windowStart: string,
  shardId: string,
  part: number,
  fields: Partial<WindowAggregate>,
): WindowAggregate {
  return {
    windowStart,
    windowEnd: new Date(Date.parse(windowStart) + WINDOW_SECONDS * 1000).toISOString(),
    shardId,
    part,
    postCount: 0,
    hashtags: {},
    otherHashtagCount: 0,
    sentimentSum: 0,
    sentimentCount: 0,
    languages: {},
    poisonCount: 0,
    hashtagErrorBound: 0,
    hashtagSentimentSums: {},
    ...fields,
  };
}

/**
 * Rows: window 11:10 on two shards (shard 1 ended early: parts 0 and 1), window 11:40 on one
 * shard (all in the last hour), and window 10:30 (the hour before). Nothing in the last 5 min.
 */
export const TREND_ROWS: readonly WindowAggregate[] = [
  windowRow('2025-01-15T11:10:00.000Z', 'shardId-000000000000', 0, {
    postCount: 10,
    hashtags: { ai: 6, café: 3, [MARKUP_TAG]: 1 },
    otherHashtagCount: 2,
    sentimentSum: 5,
    sentimentCount: 10,
    languages: { en: 7, ja: 3 },
    hashtagSentimentSums: { ai: 6, café: -3, [MARKUP_TAG]: 0 },
  }),
  windowRow('2025-01-15T11:10:00.000Z', 'shardId-000000000001', 0, {
    postCount: 8,
    hashtags: { ai: 4, 東京: 4 },
    sentimentSum: 2,
    sentimentCount: 8,
    languages: { en: 4, ja: 4 },
    hashtagSentimentSums: { ai: 2, 東京: 4 },
  }),
  windowRow('2025-01-15T11:10:00.000Z', 'shardId-000000000001', 1, {
    postCount: 2,
    hashtags: { 東京: 2 },
    sentimentSum: 0,
    sentimentCount: 2,
    languages: { ja: 2 },
    hashtagSentimentSums: { 東京: 0 },
  }),
  windowRow('2025-01-15T11:40:00.000Z', 'shardId-000000000000', 0, {
    postCount: 5,
    hashtags: { café: 5 },
    sentimentSum: -5,
    sentimentCount: 5,
    languages: { 'pt-BR': 5 },
    hashtagSentimentSums: { café: -5 },
  }),
  windowRow('2025-01-15T10:30:00.000Z', 'shardId-000000000000', 0, {
    postCount: 10,
    hashtags: { ai: 10 },
    sentimentSum: 0,
    sentimentCount: 10,
    languages: { en: 10 },
    hashtagSentimentSums: { ai: 0 },
  }),
];

/** What the last hour (11:00–12:00) must report, computed by hand from TREND_ROWS. */
export const EXPECTED_HOUR = {
  posts: 25,
  occurrences: 27,
  order: ['ai', 'café', '東京', MARKUP_TAG],
  counts: { ai: 10, café: 8, 東京: 6, [MARKUP_TAG]: 1 } as Record<string, number>,
  sentiment: { ai: 0.8, café: -1, 東京: 4 / 6, [MARKUP_TAG]: 0 } as Record<string, number>,
  languages: [
    ['en', 11],
    ['ja', 9],
    ['pt-BR', 5],
  ] as const,
};

function post(id: string, createdAt: string, text: string, hashtags: readonly string[], handle: string): EnrichedPost {
  const base = makeEnrichedPost(
    makeSocialPost({ postId: id, createdAt, text, lang: 'en', author: { id: `u-${handle}`, handle } }),
  );
  return { ...base, hashtags, sentiment: { score: 2, comparative: 0.5 } };
}

/** Posts of the drill-down, oldest first. */
export const POSTS: readonly EnrichedPost[] = [
  post('p-1', '2025-01-15T11:10:05.000Z', 'First coffee at the new #café', ['café'], 'ana'),
  post('p-2', '2025-01-15T11:10:10.000Z', 'The #café by the station is great', ['café'], 'kenji'),
  post(
    'p-3',
    '2025-01-15T11:40:01.000Z',
    'Rainy day, warm #café <img src=x onerror="window.__xss=1">',
    ['café'],
    'olga',
  ),
  post('p-4', '2025-01-15T11:10:07.000Z', 'markup tag <script>window.__xss=1</script>', [MARKUP_TAG], 'mallory'),
];

/** A running dynalite with seeded tables and repositories on it. */
export interface Fixture {
  readonly dynamo: RunningEmulator;
  readonly client: DynamoDBClient;
  readonly trends: DynamoTrendsRepository;
  readonly posts: DynamoPostsReader;
  readonly tables: { readonly trends: string; readonly posts: string };
  close(): Promise<void>;
}

/** Starts dynalite on a free loopback port, creates the tables and seeds them. */
export async function startFixture(): Promise<Fixture> {
  const dynamo = await startDynalite();
  const client = makeDynamoClient(dynamo.endpoint);
  const tables = { trends: 'report-test-trends', posts: 'report-test-posts' };
  await ensureTable(client, tables.trends, TABLE_SPECS.trends);
  await ensureTable(client, tables.posts, TABLE_SPECS.posts);
  const trends = new DynamoTrendsRepository({ client, tableName: tables.trends, ttlDays: RETENTION_DAYS });
  const posts = new DynamoPostsReader({ client, tableName: tables.posts });
  for (const r of TREND_ROWS) await trends.putWindow(r);
  const writer = new DynamoPostsWriter({ client, tableName: tables.posts, ttlDays: RETENTION_DAYS });
  const written = await writer.putPosts(POSTS);
  if (written.written.length !== POSTS.length) throw new Error(`seeding posts failed: ${JSON.stringify(written)}`);
  return {
    dynamo,
    client,
    trends,
    posts,
    tables,
    close: async () => {
      client.destroy();
      await dynamo.close();
    },
  };
}

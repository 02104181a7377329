// One hashtag normaliser (schemas' normaliseHashtag) behind the trends and the drill-down: posts
// are enriched and stored as the consumer does, folded into a window row as the aggregator does,
// and then, for every hashtag a trend row lists, the report's drill-down — asked with the tag as
// listed, with '#', in capitals, in NFD — returns exactly the posts that carry it.
import { emptyWindowState, enrichPost, foldPost, toFoldInput, toWindowAggregate } from '@streamlens/analytics';
import { ensureTable, makeDynamoClient, startDynalite, type RunningEmulator } from '@streamlens/emulators';
import { DynamoPostsReader, DynamoPostsWriter, DynamoTrendsRepository } from '@streamlens/repositories';
import type { EnrichedPost } from '@streamlens/schemas';
import { TABLE_SPECS } from '@streamlens/tables';
import { makeSocialPost } from '@streamlens/testing';
import { makeReportHandler } from '../src/http/handler';
import { httpEvent } from './helpers/events';

const NOW = Date.UTC(2025, 0, 15, 12, 0, 10);
const WINDOW_START = '2025-01-15T11:59:00.000Z';
const WINDOW_END = '2025-01-15T11:59:30.000Z';

// The same tags written the ways people and producers write them: composed and decomposed
// accents, capitals, scripts without case, a dotted capital I, fullwidth hash signs.
const TEXTS = [
  'Morning #Café and #AWS',
  'Evening #cafe\u0301 with #aws',
  'Loud #CAFÉ #Aws #東京',
  'Trip to #東京 and #İstanbul',
  'Back in #i\u0307stanbul ＃Kinesis',
  '#kinesis #KINESIS again, and #Σοφία',
  'ΣΟΦΊΑ is #ΣΟΦΊΑ',
];

let dynalite: RunningEmulator;

beforeAll(async () => {
  dynalite = await startDynalite();
});

afterAll(async () => {
  await dynalite?.close();
});

it('finds, from every hashtag of a trend row, exactly the posts carrying it, however the tag is asked for', async () => {
  // prepare: consumer side (enrich + store) and aggregator side (fold + row) over the same posts
  const client = makeDynamoClient(dynalite.endpoint);
  await ensureTable(client, 'drill-posts', TABLE_SPECS.posts);
  await ensureTable(client, 'drill-trends', TABLE_SPECS.trends);
  const enriched: EnrichedPost[] = TEXTS.map((text, i) =>
    enrichPost(
      makeSocialPost({ postId: `p${i}`, text, createdAt: `2025-01-15T11:59:0${i}.000Z` }, i + 1),
      { shardId: 'shardId-000000000000', sequenceNumber: String(100 + i), arrivedAt: Date.parse(WINDOW_START) + i },
      new Date(NOW),
    ),
  );
  await new DynamoPostsWriter({ client, tableName: 'drill-posts', ttlDays: 30 }).putPosts(enriched);
  const state = emptyWindowState();
  for (const e of enriched) foldPost(state, toFoldInput(e));
  const trends = new DynamoTrendsRepository({ client, tableName: 'drill-trends', ttlDays: 30 });
  await trends.putWindow(
    toWindowAggregate(state, {
      windowStart: WINDOW_START,
      windowEnd: WINDOW_END,
      shardId: 'shardId-000000000000',
      part: 0,
    }),
  );
  const handle = makeReportHandler({
    trends,
    posts: new DynamoPostsReader({ client, tableName: 'drill-posts' }),
    config: { windowSeconds: 30, retentionDays: 30, auth: { mode: 'iam' } },
    logger: { error: () => undefined },
    clock: () => NOW,
  });
  const get = async (target: string) => JSON.parse((await handle(httpEvent(target))).body);
  // act
  const listed: string[] = (await get('/api/v1/trends?range=5m')).hashtags.map((h: { hashtag: string }) => h.hashtag);
  // assess
  expect(listed.sort()).toEqual(['aws', 'café', 'i̇stanbul', 'kinesis', 'σοφία', '東京'].sort());
  for (const tag of listed) {
    const carrying = enriched.filter((e) => e.hashtags.includes(tag)).map((e) => e.post.postId);
    expect(carrying.length).toBeGreaterThan(0);
    for (const asked of [
      tag,
      `#${tag}`,
      `＃${tag}`,
      tag.toUpperCase(),
      tag.normalize('NFD'),
      `#${tag.toUpperCase()}`,
    ]) {
      const body = await get(`/api/v1/hashtags/${encodeURIComponent(asked)}/posts?limit=100`);
      expect({ asked, posts: body.posts.map((p: { postId: string }) => p.postId).sort() }).toEqual({
        asked,
        posts: carrying.sort(),
      });
    }
  }
  client.destroy();
  // 36 drill-downs against dynalite: seconds on a loaded machine.
}, 60_000);

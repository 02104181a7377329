// Defect 1 of #16 where it was seen: a valid post whose hashtag is too long for an index key
// (2,045 characters → a 2,049-byte partition key) failed the 9 siblings of its write on every
// invoke until the batch reached the on-failure destination. Here the built consumer bundle runs
// behind the local event-source mapping (bisect on, 5 retries, a destination) on kinesalite and
// dynalite: every post is stored on the first invoke, the long tag is simply not indexed, and
// nothing is retried, bisected or sent to the destination.
import { PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  ensureStream,
  ensureTable,
  makeDynamoClient,
  makeKinesisClient,
  startDynalite,
  startKinesalite,
  type RunningEmulator,
} from '@streamlens/emulators';
import {
  ChildProcessInvoker,
  DEFAULT_MAPPING_SETTINGS,
  EventSourceMapping,
  InMemoryCheckpointStore,
  InMemoryFailureDestination,
  KinesisStreamSource,
} from '@streamlens/event-source-mapping';
import { DynamoPostsReader, DynamoQuarantineRepository } from '@streamlens/repositories';
import { encodePost, type SocialPost } from '@streamlens/schemas';
import { TABLE_SPECS } from '@streamlens/tables';
import { makeSocialPost } from '@streamlens/testing';
import { BUNDLE_PATH } from '../helpers/bundle';

jest.setTimeout(60_000);

const STREAM = 'long-hashtag';
const POSTS = 'long-hashtag-posts';
const QUARANTINE = 'long-hashtag-quarantine';

let kinesalite: RunningEmulator;
let dynalite: RunningEmulator;
let kinesis: KinesisClient;
let dynamo: DynamoDBClient;

beforeAll(async () => {
  [kinesalite, dynalite] = await Promise.all([startKinesalite(), startDynalite()]);
  kinesis = makeKinesisClient(kinesalite.endpoint);
  dynamo = makeDynamoClient(dynalite.endpoint);
  await ensureTable(dynamo, POSTS, TABLE_SPECS.posts);
  await ensureTable(dynamo, QUARANTINE, TABLE_SPECS.quarantine);
});

afterAll(async () => {
  kinesis?.destroy();
  dynamo?.destroy();
  await Promise.all([kinesalite?.close(), dynalite?.close()]);
});

it('stores a post with a 2,045-character hashtag and its 9 siblings on the first invoke, nothing retried or sent to the destination', async () => {
  // prepare
  const streamArn = await ensureStream(kinesis, STREAM, 1);
  const longTag = 'a'.repeat(2045);
  const posts: SocialPost[] = [
    makeSocialPost({ postId: 'long', text: `launch #${longTag} #news` }, 1),
    ...Array.from({ length: 9 }, (_, i) => makeSocialPost({ postId: `sibling-${i}`, text: `post ${i} #news` }, i + 2)),
  ];
  const destination = new InMemoryFailureDestination();
  const invoker = new ChildProcessInvoker({
    bundlePath: BUNDLE_PATH,
    functionName: 'consumer',
    maxSandboxes: 1,
    onLog: () => undefined,
    env: {
      POSTS_TABLE: POSTS,
      QUARANTINE_TABLE: QUARANTINE,
      TTL_DAYS: '30',
      AWS_ENDPOINT_URL_DYNAMODB: dynalite.endpoint,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      POWERTOOLS_SERVICE_NAME: 'consumer',
      POWERTOOLS_LOG_LEVEL: 'WARN',
    },
  });
  const esm = new EventSourceMapping({
    source: new KinesisStreamSource({ kinesis, streamName: STREAM, streamArn }),
    mappingId: 'consumer',
    settings: {
      ...DEFAULT_MAPPING_SETTINGS,
      batchSize: 10,
      startingPosition: 'TRIM_HORIZON',
      bisectBatchOnFunctionError: true,
      maximumRetryAttempts: 5,
      functionResponseTypes: ['ReportBatchItemFailures'],
      functionTimeoutSeconds: 30,
    },
    invoker,
    checkpoints: new InMemoryCheckpointStore(),
    onFailure: destination,
    tuning: { idlePollMs: 50, getRecordsPerSecond: 20, retryBaseDelayMs: 20, retryMaxDelayMs: 100 },
  });
  await kinesis.send(
    new PutRecordsCommand({
      StreamName: STREAM,
      Records: posts.map((p) => ({ Data: encodePost(p), PartitionKey: p.postId })),
    }),
  );
  try {
    // act
    await esm.start();
    const deadline = Date.now() + 30_000;
    const done = () => {
      const shard = esm.stats().shards[0];
      return shard !== undefined && shard.polled === posts.length && shard.pendingRecords === 0;
    };
    while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const stats = esm.stats().shards[0];
    // assess
    expect(stats).toMatchObject({
      polled: 10,
      recordsDelivered: 10,
      invocations: 1,
      failedInvocations: 0,
      retries: 0,
      failuresSentToDestination: 0,
      recordsSkipped: 0,
    });
    expect(destination.list()).toEqual([]);
    const reader = new DynamoPostsReader({ client: dynamo, tableName: POSTS });
    for (const p of posts) expect((await reader.getPost(p.postId))?.post).toEqual(p);
    expect((await reader.getPost('long'))?.hashtags).toEqual([longTag, 'news']);
    expect((await reader.recentPostsByHashtag('news', { limit: 100 })).items).toHaveLength(10);
    const quarantine = new DynamoQuarantineRepository({ client: dynamo, tableName: QUARANTINE, ttlDays: 30 });
    expect(await quarantine.listAll()).toEqual([]);
  } finally {
    await esm.stop();
    await invoker.close();
  }
});

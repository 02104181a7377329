// The built bundle end to end: records put on kinesalite with the SDK (plain posts, a KPL
// aggregate from the producer's encoder, poison, a duplicate), read back with GetRecords,
// shaped into the exact Lambda event, handled by dist/apps/consumer/main.cjs in a child
// process, stored in dynalite. Every stored field is checked.
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  PutRecordsCommand,
  type _Record,
} from '@aws-sdk/client-kinesis';
import { enrichPost } from '@streamlens/analytics';
import {
  ensureStream,
  ensureTable,
  makeDynamoClient,
  makeKinesisClient,
  startDynalite,
  startKinesalite,
  type RunningEmulator,
} from '@streamlens/emulators';
import { encodeAggregatedRecord } from '@streamlens/kinesis';
import { DynamoPostsReader, DynamoQuarantineRepository } from '@streamlens/repositories';
import { TABLE_SPECS, localTableName } from '@streamlens/tables';
import { makeSocialPost } from '@streamlens/testing';
import type { SocialPost } from '@streamlens/schemas';
import type { KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import { startBundle, type BundleProcess } from '../helpers/bundle';

jest.setTimeout(60_000);

const STREAM = 'posts';
const POSTS_TABLE = localTableName('it', 'posts');
const QUARANTINE_TABLE = localTableName('it', 'quarantine');
const encode = (p: unknown) => Buffer.from(JSON.stringify(p));

let kinesalite: RunningEmulator;
let dynalite: RunningEmulator;
let kinesis: ReturnType<typeof makeKinesisClient>;
let dynamo: ReturnType<typeof makeDynamoClient>;
let streamArn: string;
let bundle: BundleProcess | undefined;

beforeAll(async () => {
  [kinesalite, dynalite] = await Promise.all([startKinesalite(), startDynalite()]);
  kinesis = makeKinesisClient(kinesalite.endpoint);
  dynamo = makeDynamoClient(dynalite.endpoint);
  streamArn = await ensureStream(kinesis, STREAM, 1);
  await ensureTable(dynamo, POSTS_TABLE, TABLE_SPECS.posts);
  await ensureTable(dynamo, QUARANTINE_TABLE, TABLE_SPECS.quarantine);
});

afterAll(async () => {
  await bundle?.close();
  kinesis?.destroy();
  dynamo?.destroy();
  await Promise.all([kinesalite?.close(), dynalite?.close()]);
});

/** Reads the whole shard and shapes the records exactly as Lambda's event-source mapping does. */
async function readAsLambdaEvent(
  stream = STREAM,
): Promise<{ event: KinesisStreamEvent; raw: _Record[]; shardId: string }> {
  const { Shards } = await kinesis.send(new ListShardsCommand({ StreamName: stream }));
  const shardId = Shards?.[0]?.ShardId as string;
  const { ShardIterator } = await kinesis.send(
    new GetShardIteratorCommand({ StreamName: stream, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }),
  );
  const { Records = [] } = await kinesis.send(new GetRecordsCommand({ ShardIterator }));
  const toEventRecord = (r: _Record): KinesisStreamRecord => ({
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey: r.PartitionKey as string,
      sequenceNumber: r.SequenceNumber as string,
      data: Buffer.from(r.Data as Uint8Array).toString('base64'),
      approximateArrivalTimestamp: (r.ApproximateArrivalTimestamp as Date).getTime() / 1000,
    },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `${shardId}:${r.SequenceNumber}`,
    eventName: 'aws:kinesis:record',
    invokeIdentityArn: 'arn:aws:iam::000000000000:role/consumer',
    awsRegion: 'us-east-1',
    eventSourceARN: streamArn,
  });
  return { event: { Records: Records.map(toEventRecord) }, raw: Records, shardId };
}

function bundleEnv(tables = { posts: POSTS_TABLE, quarantine: QUARANTINE_TABLE }): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_DYNAMODB: dynalite.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    POSTS_TABLE: tables.posts,
    QUARANTINE_TABLE: tables.quarantine,
    TTL_DAYS: '30',
    POWERTOOLS_SERVICE_NAME: 'consumer',
    POWERTOOLS_LOG_LEVEL: 'WARN',
  };
}

it('refuses to start without its configuration, naming the missing variable', async () => {
  // prepare
  const { POSTS_TABLE: _omitted, ...env } = bundleEnv();
  // act / assess
  await expect(startBundle(env)).rejects.toThrow(/POSTS_TABLE is required/);
});

it('stores posts from plain and aggregated Kinesis records, quarantines poison, and is idempotent on re-delivery', async () => {
  // prepare
  const plain = makeSocialPost(
    { postId: 'it-plain', text: 'Launch day! #Serverless #東京 with @ana https://example.com/launch 🚀', lang: 'en' },
    11,
  );
  const agg: SocialPost[] = [
    makeSocialPost({ postId: 'it-agg-0', text: 'first #kinesis' }, 12),
    makeSocialPost({ postId: 'it-agg-1', text: 'second, great!' }, 13),
  ];
  const aggregate = encodeAggregatedRecord([
    { partitionKey: agg[0]?.postId as string, data: encode(agg[0]) },
    { partitionKey: 'bad', data: Buffer.from('{"schemaVersion":1') },
    { partitionKey: agg[1]?.postId as string, data: encode(agg[1]) },
  ]);
  await kinesis.send(
    new PutRecordsCommand({
      StreamName: STREAM,
      Records: [
        { PartitionKey: plain.postId, Data: encode(plain) },
        { PartitionKey: 'agg', Data: aggregate },
        { PartitionKey: 'poison', Data: encode({ ...plain, postId: 'it-v9', schemaVersion: 9 }) },
        { PartitionKey: plain.postId, Data: encode(plain) },
      ],
    }),
  );
  const { event, raw, shardId } = await readAsLambdaEvent();
  expect(raw).toHaveLength(4);
  // rDup repeats rPlain: the repository keeps one item, written from the later record.
  const [, rAgg, rPoison, rDup] = raw as [_Record, _Record, _Record, _Record];
  bundle = await startBundle(bundleEnv());
  const before = Date.now();
  // act
  const response = await bundle.invoke(event);
  const after = Date.now();
  const again = await bundle.invoke(event);
  // assess: the response
  expect(response).toEqual({ batchItemFailures: [] });
  expect(again).toEqual({ batchItemFailures: [] });
  // assess: the plain post, field by field
  const posts = new DynamoPostsReader({ client: dynamo, tableName: POSTS_TABLE });
  const stored = await posts.getPost('it-plain');
  const arrivedAt = (rDup.ApproximateArrivalTimestamp as Date).getTime();
  expect(stored?.post).toEqual(plain);
  expect(stored?.hashtags).toEqual(['serverless', '東京']);
  expect(stored?.mentions).toEqual(['ana']);
  expect(stored?.urls).toEqual(['https://example.com/launch']);
  expect(stored?.language).toBe('en');
  expect(stored?.lineage).toEqual({ shardId, sequenceNumber: rDup.SequenceNumber, arrivedAt });
  const ingestedAt = Date.parse(stored?.ingestedAt ?? '');
  expect(ingestedAt).toBeGreaterThanOrEqual(before - 1);
  expect(ingestedAt).toBeLessThanOrEqual(after + 60_000);
  expect(stored).toEqual(
    enrichPost(
      plain,
      { shardId, sequenceNumber: rDup.SequenceNumber as string, arrivedAt },
      new Date(stored?.ingestedAt ?? ''),
    ),
  );
  // assess: the raw post item (key layout, TTL from createdAt)
  const { Item } = await dynamo.send(
    new GetItemCommand({ TableName: POSTS_TABLE, Key: { pk: { S: 'POST#it-plain' }, sk: { S: 'POST' } } }),
  );
  expect(Item?.['postId']?.S).toBe('it-plain');
  expect(Number(Item?.['expiresAt']?.N)).toBe(Math.floor(Date.parse(plain.createdAt) / 1000) + 30 * 86_400);
  const tag = await posts.recentPostsByHashtag('東京');
  expect(tag.items.map((i) => i.postId)).toEqual(['it-plain']);
  // assess: the aggregate's good sub-records
  for (const [i, sub] of [
    [0, 0],
    [1, 2],
  ] as const) {
    const e = await posts.getPost(agg[i]?.postId as string);
    expect(e?.post).toEqual(agg[i]);
    expect(e?.lineage).toEqual({
      shardId,
      sequenceNumber: rAgg.SequenceNumber,
      subSequenceNumber: sub,
      arrivedAt: (rAgg.ApproximateArrivalTimestamp as Date).getTime(),
    });
  }
  expect((await posts.getPost('it-agg-0'))?.hashtags).toEqual(['kinesis']);
  // assess: quarantine — the bad sub-record and the unknown-version record
  const quarantine = new DynamoQuarantineRepository({ client: dynamo, tableName: QUARANTINE_TABLE, ttlDays: 30 });
  const parked = await quarantine.listAll();
  expect(
    parked.map((q) => ({
      shardId: q.shardId,
      sequenceNumber: q.sequenceNumber,
      sub: q.subSequenceNumber,
      reason: q.reason,
    })),
  ).toEqual([
    { shardId, sequenceNumber: rAgg.SequenceNumber, sub: 1, reason: 'not-json' },
    { shardId, sequenceNumber: rPoison.SequenceNumber, sub: undefined, reason: 'unknown-version' },
  ]);
  expect(Buffer.from(parked[0]?.payload ?? []).toString()).toBe('{"schemaVersion":1');
  expect(JSON.parse(Buffer.from(parked[1]?.payload ?? []).toString())).toMatchObject({
    postId: 'it-v9',
    schemaVersion: 9,
  });
  expect(parked[1]?.errorDetails).toMatch(/schema version 9/);
  // assess: one EMF document per invocation
  const emf = bundle
    .output()
    .split('\n')
    .filter((l) => l.includes('"_aws"'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(emf).toHaveLength(2);
  expect(emf[0]).toMatchObject({
    RecordsIn: 4,
    UserRecordsIn: 6,
    PostsWritten: 3,
    Quarantined: 2,
    FailuresReported: 0,
  });
});

it("quarantines hostile event records under the batch's shard and position, and hostile KPL sub-records by index, storing their neighbours", async () => {
  // prepare: five records on a stream of their own, then the event Lambda would deliver, broken
  // where an event source other than Lambda's could break it
  const stream = 'hostile';
  const tables = { posts: localTableName('hostile', 'posts'), quarantine: localTableName('hostile', 'quarantine') };
  await ensureStream(kinesis, stream, 1);
  await ensureTable(dynamo, tables.posts, TABLE_SPECS.posts);
  await ensureTable(dynamo, tables.quarantine, TABLE_SPECS.quarantine);
  const good = [0, 1, 2].map((i) => makeSocialPost({ postId: `h-good-${i}`, text: `fine #ok ${i}` }, 30 + i));
  const hostileSubs = encodeAggregatedRecord([
    {
      partitionKey: 'p'.repeat(256),
      data: Buffer.from(JSON.stringify(good[2]).replace(/^\{/, '{"__proto__":{"polluted":true},')),
    },
    { partitionKey: 'x', data: Buffer.concat([Buffer.from([0xff]), Buffer.alloc(300, 0x61)]) },
    { partitionKey: good[2]?.postId as string, data: encode(good[2]) },
    { partitionKey: 'y', data: Buffer.from(`{"schemaVersion":1,"postId":${'['.repeat(400)}`) },
  ]);
  await kinesis.send(
    new PutRecordsCommand({
      StreamName: stream,
      Records: [
        { PartitionKey: 'a', Data: encode(good[0]) },
        { PartitionKey: 'b', Data: encode(good[1]) },
        { PartitionKey: 'c', Data: encode(good[1]) },
        { PartitionKey: 'd', Data: encode(good[1]) },
        { PartitionKey: 'e', Data: hostileSubs },
        { PartitionKey: 'f', Data: encode(good[1]) },
      ],
    }),
  );
  const { event, raw, shardId } = await readAsLambdaEvent(stream);
  const [r0, r1, r2, r3, r4, r5] = event.Records as KinesisStreamRecord[];
  const hostile = {
    Records: [
      r0,
      { ...r1, kinesis: undefined }, // no kinesis
      { ...r2, kinesis: 42 }, // kinesis not an object
      { ...r3, eventID: undefined }, // no eventID
      r4, // KPL aggregate: __proto__ post, invalid UTF-8, a good post, deep nesting
      { ...r5, kinesis: { ...r5?.kinesis, data: `${r5?.kinesis.data.slice(0, 8)}!${r5?.kinesis.data.slice(9)}` } },
    ],
  } as unknown as KinesisStreamEvent;
  const own = await startBundle(bundleEnv(tables));
  try {
    // act
    const response = await own.invoke(hostile);
    const again = await own.invoke(hostile);
    // assess: no failure reported, the good posts stored
    expect(response).toEqual({ batchItemFailures: [] });
    expect(again).toEqual({ batchItemFailures: [] });
    const posts = new DynamoPostsReader({ client: dynamo, tableName: tables.posts });
    expect((await posts.getPost('h-good-0'))?.post).toEqual(good[0]);
    expect((await posts.getPost('h-good-2'))?.post).toEqual(good[2]);
    expect(await posts.getPost('h-good-1')).toBeUndefined(); // each record carrying it was broken
    // assess: one quarantine entry each, keyed by what the record has, the same on redelivery
    const quarantine = new DynamoQuarantineRepository({ client: dynamo, tableName: tables.quarantine, ttlDays: 30 });
    const parked = (await quarantine.listAll()).map((q) => ({
      shardId: q.shardId,
      sequenceNumber: q.sequenceNumber,
      sub: q.subSequenceNumber,
      at: q.eventPosition,
      reason: q.reason,
    }));
    const seq = raw.map((r) => r.SequenceNumber as string);
    expect(parked).toEqual(
      expect.arrayContaining([
        { shardId, sequenceNumber: seq[0], sub: undefined, at: 1, reason: 'malformed-event-record' },
        { shardId, sequenceNumber: seq[0], sub: undefined, at: 2, reason: 'malformed-event-record' },
        { shardId, sequenceNumber: seq[3], sub: undefined, at: 3, reason: 'malformed-event-record' },
        { shardId, sequenceNumber: seq[4], sub: 0, at: undefined, reason: 'schema-violation' },
        { shardId, sequenceNumber: seq[4], sub: 1, at: undefined, reason: 'not-utf8' },
        { shardId, sequenceNumber: seq[4], sub: 3, at: undefined, reason: 'not-json' },
        { shardId, sequenceNumber: seq[5], sub: undefined, at: undefined, reason: 'not-base64' },
      ]),
    );
    expect(parked).toHaveLength(7);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  } finally {
    await own.close();
  }
});

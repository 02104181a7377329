// Integration (kinesalite + dynalite + the built consumer bundle in a child process): an
// on-failure record as the ESM writes it is replayed from the stream; exactly its range ends up
// in the posts table, a second redrive adds nothing, and an unreadable range is reported, not thrown.
import { ScanCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import {
  ensureStream,
  ensureTable,
  makeDynamoClient,
  makeKinesisClient,
  startDynalite,
  startKinesalite,
  type RunningEmulator,
} from '@streamlens/emulators';
import { encodePost, type SocialPost } from '@streamlens/schemas';
import { TABLE_SPECS, localTableName } from '@streamlens/tables';
import { build } from 'esbuild';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  ChildProcessInvoker,
  InProcessInvoker,
  JsonFileFailureDestination,
  type KinesisEvent,
  type KinesisFailureRecord,
  buildFailureRecord,
} from '@streamlens/event-source-mapping';
import { parseRedriveFlags, redriveBatch, runRedrive } from '../../src/redrive';

jest.setTimeout(30_000);

const ROOT = resolve(__dirname, '../../../..');
const STACK = 'dev';
const STREAM = `streamlens-${STACK}-posts`;
const SHARD = 'shardId-000000000000';

let kinesalite: RunningEmulator;
let dynalite: RunningEmulator;
let kinesis: KinesisClient;
let dynamo: DynamoDBClient;
let dir: string;
let bundlePath: string;
let streamArn: string;
let invoker: ChildProcessInvoker;
/** Sequence numbers of posts p0..p9, in shard order. */
let seqs: string[];

/** The shipped consumer bundle, or one built like apps/consumer/project.json's build when missing. */
async function consumerBundle(outdir: string): Promise<string> {
  const shipped = join(ROOT, 'dist/apps/consumer/main.cjs');
  if (existsSync(shipped)) return shipped;
  const o = (
    JSON.parse(readFileSync(join(ROOT, 'apps/consumer/project.json'), 'utf8')) as {
      targets: { build: { options: Record<string, unknown> } };
    }
  ).targets.build.options;
  await build({
    entryPoints: [join(ROOT, String(o['main']))],
    tsconfig: join(ROOT, String(o['tsConfig'])),
    outdir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    target: String(o['target']),
    format: 'cjs',
    logLevel: 'error',
  });
  return join(outdir, 'main.cjs');
}

function post(i: number): SocialPost {
  return {
    schemaVersion: 1,
    postId: `p${i}`,
    source: 'x',
    author: { id: `u${i}`, handle: `h${i}` },
    text: `post ${i} #redrive`,
    lang: 'en',
    createdAt: '2025-01-15T12:00:00Z',
  };
}

function env(): Record<string, string> {
  return {
    POSTS_TABLE: localTableName(STACK, 'posts'),
    QUARANTINE_TABLE: localTableName(STACK, 'quarantine'),
    TTL_DAYS: '1',
    AWS_ENDPOINT_URL_DYNAMODB: dynalite.endpoint,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_REGION: 'us-east-1',
    POWERTOOLS_LOG_LEVEL: 'WARN',
  };
}

/** A failure record covering posts `from..to` (inclusive), as the ESM writes it. */
function failureOf(requestId: string, from: number, to: number, shardId = SHARD): KinesisFailureRecord {
  const now = Date.now();
  return buildFailureRecord({
    condition: 'RetryAttemptsExhausted',
    requestId,
    functionArn: `arn:aws:lambda:us-east-1:000000000000:function:streamlens-${STACK}-consumer`,
    streamArn,
    shardId,
    range: {
      firstSequenceNumber: seqs[from] as string,
      lastSequenceNumber: seqs[to] as string,
      firstArrivalMs: now,
      lastArrivalMs: now,
      count: to - from + 1,
    },
    invokeCount: 3,
    functionError: true,
    nowMs: now,
  });
}

/** postIds of the stored posts, sorted. */
async function storedPostIds(): Promise<string[]> {
  const out = await dynamo.send(
    new ScanCommand({
      TableName: localTableName(STACK, 'posts'),
      FilterExpression: 'begins_with(pk, :p)',
      ExpressionAttributeValues: { ':p': { S: 'POST#' } },
      ConsistentRead: true,
    }),
  );
  return (out.Items ?? []).map((i) => (i['pk']?.S ?? '').slice('POST#'.length)).sort();
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'redrive-it-'));
  [kinesalite, dynalite, bundlePath] = await Promise.all([startKinesalite(), startDynalite(), consumerBundle(dir)]);
  kinesis = makeKinesisClient(kinesalite.endpoint);
  dynamo = makeDynamoClient(dynalite.endpoint);
  await ensureTable(dynamo, localTableName(STACK, 'posts'), TABLE_SPECS.posts);
  await ensureTable(dynamo, localTableName(STACK, 'quarantine'), TABLE_SPECS.quarantine);
  streamArn = await ensureStream(kinesis, STREAM, 1);
  const put = await kinesis.send(
    new PutRecordsCommand({
      StreamName: STREAM,
      Records: Array.from({ length: 10 }, (_, i) => ({ Data: encodePost(post(i)), PartitionKey: `p${i}` })),
    }),
  );
  if (put.FailedRecordCount) throw new Error(`PutRecords failed ${put.FailedRecordCount} records`);
  seqs = (put.Records ?? []).map((r) => r.SequenceNumber as string);
  invoker = new ChildProcessInvoker({
    bundlePath,
    functionName: `streamlens-${STACK}-consumer`,
    maxSandboxes: 1,
    env: env(),
    onLog: () => undefined,
  });
});

afterAll(async () => {
  await invoker?.close();
  kinesis?.destroy();
  dynamo?.destroy();
  await Promise.all([kinesalite?.close(), dynalite?.close()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('replays exactly the posts of the failed range, in events of at most batchSize records', async () => {
  // prepare
  const record = failureOf('req-a', 3, 7);
  // act
  const report = await redriveBatch({ kinesis, streamName: STREAM, record, invoker, timeoutMs: 10_000, batchSize: 2 });
  // assess
  expect(report).toEqual({
    requestId: 'req-a',
    shardId: SHARD,
    range: { start: seqs[3], end: seqs[7] },
    replayed: 5,
    expired: false,
    failed: 0,
  });
  expect(await storedPostIds()).toEqual(['p3', 'p4', 'p5', 'p6', 'p7']);
});

it('runRedrive logs redriven requestIds, skips them next time, and --again adds no duplicates', async () => {
  // prepare
  const dataDir = join(dir, 'data');
  await new JsonFileFailureDestination(join(dataDir, 'mappings', 'consumer')).send(failureOf('req-b', 8, 9));
  const options = {
    dataDir,
    stack: STACK,
    fn: 'consumer' as const,
    kinesisEndpoint: kinesalite.endpoint,
    dynamodbEndpoint: dynalite.endpoint,
    repoRoot: ROOT,
    bundlePath,
  };
  // act
  const first = await runRedrive(options);
  const afterFirst = await storedPostIds();
  const second = await runRedrive(options);
  const again = await runRedrive({ ...options, again: true });
  // assess
  expect(first.reports.map((r) => [r.requestId, r.replayed, r.failed])).toEqual([['req-b', 2, 0]]);
  expect(afterFirst).toEqual(['p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9']);
  expect(second).toEqual({ reports: [], alreadyRedriven: ['req-b'] });
  expect(again.reports.map((r) => r.replayed)).toEqual([2]);
  expect(await storedPostIds()).toEqual(afterFirst);
  expect(JSON.parse(readFileSync(join(dataDir, 'mappings', 'consumer', 'redriven.json'), 'utf8'))).toEqual([
    expect.objectContaining({ requestId: 'req-b', replayed: 2, expired: false }),
  ]);
});

it('reports a range whose shard iterator is rejected as expired instead of throwing', async () => {
  // prepare
  const unknownShard = failureOf('req-c', 0, 1, 'shardId-000000000009');
  const bogusSequence = {
    ...failureOf('req-d', 0, 1),
    KinesisBatchInfo: { ...failureOf('req-d', 0, 1).KinesisBatchInfo, startSequenceNumber: '1' },
  };
  // act
  const reports = await Promise.all(
    [unknownShard, bogusSequence].map((record) =>
      redriveBatch({ kinesis, streamName: STREAM, record, invoker, timeoutMs: 10_000, batchSize: 10 }),
    ),
  );
  // assess
  for (const r of reports)
    expect(r).toMatchObject({ replayed: 0, expired: true, failed: 0, reason: expect.stringMatching(/Exception/) });
  expect(await storedPostIds()).not.toContain('p0');
});

it('retries from the lowest failing record of a ReportBatchItemFailures answer, a bounded number of times', async () => {
  // prepare: a function that fails p5 once and p6 every time
  const seen: string[][] = [];
  let p5Failed = false;
  const handler = (event: unknown) => {
    const ids = (event as KinesisEvent).Records.map((r) => r.kinesis.sequenceNumber);
    seen.push(ids.map((id) => `p${seqs.indexOf(id)}`));
    const failing = ids.filter((id) => id === seqs[6] || (id === seqs[5] && !p5Failed));
    if (ids.includes(seqs[5] as string)) p5Failed = true;
    return { batchItemFailures: failing.map((itemIdentifier) => ({ itemIdentifier })) };
  };
  // act
  const report = await redriveBatch({
    kinesis,
    streamName: STREAM,
    record: failureOf('req-e', 3, 8),
    invoker: new InProcessInvoker(handler),
    timeoutMs: 1000,
    batchSize: 10,
    maxAttempts: 3,
  });
  // assess: p3, p4 ok; retry from p5 (now ok), p6 fails until attempts run out; p6..p8 count as failed
  expect(seen).toEqual([
    ['p3', 'p4', 'p5', 'p6', 'p7', 'p8'],
    ['p5', 'p6', 'p7', 'p8'],
    ['p6', 'p7', 'p8'],
  ]);
  expect(report).toMatchObject({ replayed: 3, failed: 3, expired: false });
});

it('names the bad flag', () => {
  // act / assess
  expect(() =>
    parseRedriveFlags(['--kinesis-endpoint', 'http://127.0.0.1:1', '--dynamodb-endpoint', 'http://127.0.0.1:2']),
  ).toThrow('--data-dir is required');
  expect(() => parseRedriveFlags(['--data-dir', 'd', '--function', 'report'])).toThrow(
    /--function "report" must be one of consumer, aggregator/,
  );
  expect(() => parseRedriveFlags(['--data-dir', 'd', '--kinesis-endpoint', 'nope'])).toThrow(
    /--kinesis-endpoint "nope" is not a URL/,
  );
  expect(
    parseRedriveFlags([
      '--data-dir=d',
      '--kinesis-endpoint',
      'http://127.0.0.1:1',
      '--dynamodb-endpoint',
      'http://127.0.0.1:2',
      '--again',
    ]),
  ).toMatchObject({ dataDir: 'd', stack: 'dev', fn: 'consumer', again: true });
});

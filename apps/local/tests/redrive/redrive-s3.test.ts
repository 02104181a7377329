// Integration (s3rver + dynalite + kinesalite + the built consumer bundle): with an S3 on-failure
// target the redrive replays the records stored with the failure record, so a batch the stream
// no longer holds (past retention) still reaches the posts table — read from the stack's data dir.
import { ScanCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  ensureStream,
  ensureTable,
  makeDynamoClient,
  makeKinesisClient,
  makeS3Client,
  startDynalite,
  startKinesalite,
  startS3rver,
  type RunningEmulator,
} from '@streamlens/emulators';
import {
  S3FailureDestination,
  buildFailureRecord,
  kinesisEvent,
  fromSdkRecord,
} from '@streamlens/event-source-mapping';
import { encodePost, type SocialPost } from '@streamlens/schemas';
import { TABLE_SPECS, localTableName } from '@streamlens/tables';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { localFailureBucket, localS3Dir } from '../../src/pipeline/failure-buckets';
import { runRedrive } from '../../src/redrive';

jest.setTimeout(60_000);

const ROOT = resolve(__dirname, '../../../..');
const STACK = 's3redrive';
const BUNDLE = join(ROOT, 'dist/apps/consumer/main.cjs');

let kinesalite: RunningEmulator;
let dynalite: RunningEmulator;
let dynamo: DynamoDBClient;
let dir: string;

/** A repo root whose Pulumi.<STACK>.yaml is dev's with the consumer's failures going to S3. */
function repoWithS3Target(): string {
  const root = join(dir, 'repo');
  const doc = parse(readFileSync(join(ROOT, 'Pulumi.dev.yaml'), 'utf8')) as { config: Record<string, unknown> };
  const consumer = doc.config['streamlens:consumer'] as Record<string, unknown>;
  doc.config['streamlens:consumer'] = { ...consumer, onFailureTarget: 's3' };
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, `Pulumi.${STACK}.yaml`), stringify(doc));
  copyFileSync(join(ROOT, 'Pulumi.yaml'), join(root, 'Pulumi.yaml'));
  return root;
}

function post(i: number): SocialPost {
  return {
    schemaVersion: 1,
    postId: `s3p${i}`,
    source: 'x',
    author: { id: `u${i}`, handle: `h${i}` },
    text: `post ${i} #s3redrive`,
    lang: 'en',
    createdAt: '2025-01-15T12:00:00Z',
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'redrive-s3-'));
  [kinesalite, dynalite] = await Promise.all([startKinesalite(), startDynalite()]);
  dynamo = makeDynamoClient(dynalite.endpoint);
  await ensureTable(dynamo, localTableName(STACK, 'posts'), TABLE_SPECS.posts);
  await ensureTable(dynamo, localTableName(STACK, 'quarantine'), TABLE_SPECS.quarantine);
});

afterAll(async () => {
  dynamo?.destroy();
  await Promise.all([kinesalite?.close(), dynalite?.close()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('replays a failed batch from its S3 record although the stream no longer has it', async () => {
  expect(existsSync(BUNDLE)).toBe(true); // built by the local project's ^build dependency
  const repoRoot = repoWithS3Target();
  const dataDir = join(dir, 'data');

  // prepare: the batch as the ESM would have invoked it, read from a stream that is then deleted
  // (its records are gone as if retention had dropped them)
  const kinesis = makeKinesisClient(kinesalite.endpoint);
  const streamName = `streamlens-${STACK}-posts`;
  const streamArn = await ensureStream(kinesis, streamName, 1);
  const { PutRecordsCommand, GetShardIteratorCommand, GetRecordsCommand, DeleteStreamCommand } =
    await import('@aws-sdk/client-kinesis');
  await kinesis.send(
    new PutRecordsCommand({
      StreamName: streamName,
      Records: [0, 1, 2].map((i) => ({ Data: encodePost(post(i)), PartitionKey: `s3p${i}` })),
    }),
  );
  const shardId = 'shardId-000000000000';
  const iterator = await kinesis.send(
    new GetShardIteratorCommand({ StreamName: streamName, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }),
  );
  const read = await kinesis.send(new GetRecordsCommand({ ShardIterator: iterator.ShardIterator }));
  const context = { streamArn, region: 'us-east-1', invokeIdentityArn: 'arn:aws:iam::000000000000:role/r' };
  const records = (read.Records ?? []).map((r) => fromSdkRecord(shardId, r, context));
  await kinesis.send(new DeleteStreamCommand({ StreamName: streamName }));
  kinesis.destroy();
  const first = records[0];
  const last = records[records.length - 1];
  if (!first || !last) throw new Error('no records read back');
  const failure = buildFailureRecord({
    condition: 'RecordAgeExceeded',
    requestId: 'req-s3',
    functionArn: `arn:aws:lambda:us-east-1:000000000000:function:streamlens-${STACK}-consumer`,
    streamArn,
    shardId,
    range: {
      firstSequenceNumber: first.sequenceNumber,
      lastSequenceNumber: last.sequenceNumber,
      firstArrivalMs: first.arrivalMs,
      lastArrivalMs: last.arrivalMs,
      count: records.length,
    },
    invokeCount: 2,
    functionError: true,
    nowMs: Date.now(),
  });
  const bucket = localFailureBucket(STACK, 'consumer');
  const s3 = await startS3rver({ dataDir: localS3Dir(dataDir), buckets: [bucket] });
  const s3Client = makeS3Client(s3.endpoint);
  await new S3FailureDestination({ client: s3Client, bucket, mappingId: `streamlens-${STACK}-consumer` }).send(
    failure,
    { event: kinesisEvent(records) },
  );
  s3Client.destroy();
  await s3.close();

  // act
  const result = await runRedrive({
    dataDir,
    stack: STACK,
    fn: 'consumer',
    kinesisEndpoint: kinesalite.endpoint,
    dynamodbEndpoint: dynalite.endpoint,
    repoRoot,
    bundlePath: BUNDLE,
  });

  // assess
  expect(result.reports.map((r) => [r.requestId, r.replayed, r.expired, r.failed])).toEqual([['req-s3', 3, false, 0]]);
  const stored = await dynamo.send(
    new ScanCommand({
      TableName: localTableName(STACK, 'posts'),
      FilterExpression: 'begins_with(pk, :p)',
      ExpressionAttributeValues: { ':p': { S: 'POST#' } },
    }),
  );
  expect((stored.Items ?? []).map((i) => i['pk']?.S).sort()).toEqual(['POST#s3p0', 'POST#s3p1', 'POST#s3p2']);
});

// Integration (kinesalite + s3rver): an S3 on-failure destination keeps the failure record and
// the whole invocation event of the batch, under Lambda's key layout, so the records can be
// replayed without the stream.
import { makeS3Client, startS3rver, type RunningS3 } from '@streamlens/emulators';
import { S3FailureDestination, type KinesisEventRecord, type KinesisFailureRecord } from '../src';
import { numbered, putRecords, startHarness, type Harness } from './helpers/kinesis-harness';
import { makeMapping, stopAllMappings } from './helpers/mapping-factory';
import { ScriptedFunction, waitFor, type Call } from './helpers/scripted-function';

let h: Harness;
let s3: RunningS3;
const client = () => makeS3Client(s3.endpoint);
beforeAll(async () => {
  h = await startHarness();
  s3 = await startS3rver({ buckets: ['failures'] });
});
afterEach(stopAllMappings);
afterAll(async () => {
  await s3.close();
  await h.close();
});

it('a batch that exhausts its retries lands in the bucket with its records; the shard moves on', async () => {
  // prepare
  const stream = await h.stream(1);
  const puts = await putRecords(h.client, stream.streamName, numbered(3));
  const fn = new ScriptedFunction((c: Call) => {
    if (c.ns.includes(0)) throw new Error('poison 0');
  });
  const s3Client = client();
  const destination = new S3FailureDestination<KinesisFailureRecord>({
    client: s3Client,
    bucket: 'failures',
    mappingId: 'consumer',
  });
  const { esm } = makeMapping({
    client: h.client,
    stream,
    fn,
    mappingId: 'consumer',
    settings: { batchSize: 2, maximumRetryAttempts: 1 },
    destination,
  });

  // act
  await esm.start();
  await waitFor('record 2', () => fn.nsOf().includes(2));
  await esm.stop();
  const stored = await destination.list();
  s3Client.destroy();

  // assess
  expect(stored).toHaveLength(1);
  const [record] = stored as [(typeof stored)[number]];
  expect(record.requestContext.condition).toBe('RetryAttemptsExhausted');
  expect(record.KinesisBatchInfo).toMatchObject({ shardId: puts[0]?.shardId, batchSize: 2 });
  const event = JSON.parse(record.payload ?? 'null') as { Records: KinesisEventRecord[] };
  const ns = event.Records.map(
    (r) => (JSON.parse(Buffer.from(r.kinesis.data, 'base64').toString()) as { n: number }).n,
  );
  expect(ns).toEqual([0, 1]);
  expect(event.Records[0]?.kinesis.sequenceNumber).toBe(record.KinesisBatchInfo.startSequenceNumber);
  expect(event.Records[1]?.kinesis.sequenceNumber).toBe(record.KinesisBatchInfo.endSequenceNumber);
});

it('names objects as Lambda does: aws/lambda/<mapping>/<shard>/YYYY/MM/DD/<time>-<uuid>', async () => {
  const s3Client = client();
  const destination = new S3FailureDestination({ client: s3Client, bucket: 'failures', mappingId: 'keys' });
  await destination.send(
    {
      requestContext: { requestId: 'r', functionArn: 'arn', condition: 'RecordAgeExceeded', approximateInvokeCount: 1 },
      responseContext: { statusCode: 200, executedVersion: '$LATEST' },
      version: '1.0',
      timestamp: '2026-12-05T23:04:05.678Z',
      KinesisBatchInfo: {
        shardId: 'shardId-000000000001',
        startSequenceNumber: '1',
        endSequenceNumber: '2',
        approximateArrivalOfFirstRecord: '2026-12-05T23:00:00.000Z',
        approximateArrivalOfLastRecord: '2026-12-05T23:00:01.000Z',
        batchSize: 2,
        streamArn: 'arn:aws:kinesis:us-east-1:000000000000:stream/s',
      },
    },
    { event: { Records: [] } },
  );
  const { ListObjectsV2Command } = await import('@aws-sdk/client-s3');
  const listed = await s3Client.send(new ListObjectsV2Command({ Bucket: 'failures', Prefix: destination.prefix }));
  s3Client.destroy();
  expect(listed.Contents?.map((o) => o.Key)).toEqual([
    expect.stringMatching(
      /^aws\/lambda\/keys\/shardId-000000000001\/2026\/12\/05\/2026-12-05T23\.04\.05-[0-9a-f-]{36}$/,
    ),
  ]);
});

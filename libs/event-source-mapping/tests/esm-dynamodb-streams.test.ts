// The mapping on a real table stream: dynalite with the streams plugin in its own process, read by
// DynamoDBStreamSource through the AWS SDK. Event shape, whole-record filters, order per item,
// shard rollover (parent before child), LATEST, restart from a checkpoint, an expired iterator, a
// checkpoint past the retention, and the DDBStreamBatchInfo failure record.
import { PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { TABLE_SPECS } from '@streamlens/tables';
import {
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  ensureTable,
  makeDynamoClient,
  spawnEmulator,
  type EmulatorProcess,
} from '@streamlens/emulators';
import {
  DEFAULT_MAPPING_SETTINGS,
  DynamoDBStreamSource,
  EventSourceMapping,
  InMemoryCheckpointStore,
  InMemoryFailureDestination,
  InProcessInvoker,
  type BatchEvent,
  type DynamoDBEventRecord,
  type DynamoDBStreamFailureRecord,
  type Logger,
  type MappingSettings,
} from '../src';
import { FAST_TUNING } from './helpers/mapping-factory';
import { waitFor } from './helpers/scripted-function';

let dynalite: EmulatorProcess;
let dynamo: DynamoDBClient;
let tables = 0;
const live: EventSourceMapping[] = [];

function streamsClient(): DynamoDBStreamsClient {
  return new DynamoDBStreamsClient({
    endpoint: dynalite.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler(),
  });
}

beforeAll(async () => {
  // Shards roll over every 1.5 s so a test can cross a rollover.
  dynalite = await spawnEmulator('dynalite', { streams: { shardLifetimeMs: 1_500 } });
  dynamo = makeDynamoClient(dynalite.endpoint);
}, 30_000);
afterEach(async () => {
  await Promise.all(live.splice(0).map((m) => m.stop({ drain: false })));
});
afterAll(async () => {
  dynamo.destroy();
  await dynalite.close();
});

async function trendsTable(): Promise<{ name: string; streamArn: string }> {
  const name = `trends-${++tables}`;
  const table = await ensureTable(dynamo, name, TABLE_SPECS.trends);
  return { name, streamArn: table.LatestStreamArn as string };
}

const row = (table: string, pk: string, kind: string, count: number) =>
  dynamo.send(
    new PutItemCommand({
      TableName: table,
      Item: { pk: { S: pk }, sk: { S: 'row' }, kind: { S: kind }, count: { N: String(count) } },
    }),
  );

interface Harness {
  readonly esm: EventSourceMapping;
  readonly delivered: DynamoDBEventRecord[];
  readonly checkpoints: InMemoryCheckpointStore;
  readonly destination: InMemoryFailureDestination<DynamoDBStreamFailureRecord>;
}

function mapping(
  streamArn: string,
  settings: Partial<MappingSettings> = {},
  options: {
    readonly streams?: DynamoDBStreamsClient;
    readonly checkpoints?: InMemoryCheckpointStore;
    readonly answer?: (records: readonly DynamoDBEventRecord[]) => unknown;
    readonly logger?: Logger;
  } = {},
): Harness {
  const delivered: DynamoDBEventRecord[] = [];
  const checkpoints = options.checkpoints ?? new InMemoryCheckpointStore();
  const destination = new InMemoryFailureDestination<DynamoDBStreamFailureRecord>();
  const esm = new EventSourceMapping({
    source: new DynamoDBStreamSource({ streams: options.streams ?? streamsClient(), streamArn }),
    mappingId: 'alerts',
    settings: { ...DEFAULT_MAPPING_SETTINGS, ...settings },
    invoker: new InProcessInvoker(async (event) => {
      const records = (event as BatchEvent<DynamoDBEventRecord>).Records;
      const answer = options.answer?.(records);
      delivered.push(...records);
      return answer;
    }),
    checkpoints,
    onFailure: destination,
    tuning: FAST_TUNING,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  live.push(esm);
  return { esm, delivered, checkpoints, destination };
}

const pks = (records: readonly DynamoDBEventRecord[]) => records.map((r) => r.dynamodb.Keys['pk']?.S);

describe('DynamoDBStreamSource on a dynalite table stream', () => {
  it('delivers Lambda DynamoDB events, filtered on the whole record, in order per item', async () => {
    // prepare
    const { name, streamArn } = await trendsTable();
    const { esm, delivered } = mapping(streamArn, {
      filters: [{ eventName: ['INSERT', 'MODIFY'], dynamodb: { NewImage: { kind: { S: ['window'] } } } }],
    });
    await row(name, 'w1', 'window', 1);
    await row(name, 'other', 'post', 1);
    await row(name, 'w1', 'window', 2);

    // act
    await esm.start();
    await waitFor('both window rows', () => delivered.length >= 2);
    await row(name, 'w1', 'window', 3);
    await waitFor('the third change', () => delivered.length >= 3);

    // assess
    expect(pks(delivered)).toEqual(['w1', 'w1', 'w1']);
    expect(delivered.map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY', 'MODIFY']);
    expect(delivered.map((r) => r.dynamodb.NewImage?.['count']?.N)).toEqual(['1', '2', '3']);
    expect(delivered[1]?.dynamodb.OldImage?.['count']).toEqual({ N: '1' });
    expect(Object.keys(delivered[0] ?? {})).toEqual([
      'eventID',
      'eventName',
      'eventVersion',
      'eventSource',
      'awsRegion',
      'dynamodb',
      'eventSourceARN',
    ]);
    expect(delivered[0]).toMatchObject({
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: LOCAL_REGION,
      eventSourceARN: streamArn,
      dynamodb: { StreamViewType: 'NEW_AND_OLD_IMAGES', Keys: { pk: { S: 'w1' }, sk: { S: 'row' } } },
    });
    expect(Number.isInteger(delivered[0]?.dynamodb.ApproximateCreationDateTime)).toBe(true);
    const filtered = esm.stats().shards.reduce((n, s) => n + s.filteredOut, 0);
    expect(filtered).toBe(1);
  }, 30_000);

  it('reads a closed shard to its end before its child, across a rollover, each change exactly once', async () => {
    // prepare
    const { name, streamArn } = await trendsTable();
    const { esm, delivered, checkpoints } = mapping(streamArn);
    const streams = streamsClient();
    const shardCount = async () =>
      (await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }))).StreamDescription?.Shards?.length ?? 0;

    // act: writes before, during and after the first shard's lifetime
    await esm.start();
    for (let i = 0; i < 5; i++) await row(name, `before-${i}`, 'window', i);
    await waitFor('a rollover', async () => (await shardCount()) >= 2, 10_000);
    for (let i = 0; i < 5; i++) await row(name, `after-${i}`, 'window', i);
    await waitFor('all ten changes', () => delivered.length >= 10);

    // assess
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    const [parent, child] = StreamDescription?.Shards ?? [];
    expect(child?.ParentShardId).toBe(parent?.ShardId);
    expect(pks(delivered)).toEqual([
      ...[0, 1, 2, 3, 4].map((i) => `before-${i}`),
      ...[0, 1, 2, 3, 4].map((i) => `after-${i}`),
    ]);
    expect(checkpoints.snapshot('alerts')[parent?.ShardId as string]).toMatchObject({ shardEnded: true });
    const seqs = delivered.map((r) => BigInt(r.dynamodb.SequenceNumber));
    expect(new Set(seqs).size).toBe(10);
    streams.destroy();
  }, 30_000);

  it('starts at LATEST, and resumes after its checkpoint when restarted', async () => {
    // prepare
    const { name, streamArn } = await trendsTable();
    await row(name, 'old', 'window', 0);
    const checkpoints = new InMemoryCheckpointStore();
    const first = mapping(streamArn, { startingPosition: 'LATEST' }, { checkpoints });

    // act
    await first.esm.start();
    await waitFor('the shard is being read', () => first.esm.stats().shards.some((s) => s.status === 'reading'));
    await row(name, 'new-1', 'window', 1);
    await waitFor('new-1', () => first.delivered.length >= 1);
    await first.esm.stop({ drain: true });
    await row(name, 'new-2', 'window', 2);
    const second = mapping(streamArn, { startingPosition: 'LATEST' }, { checkpoints });
    await second.esm.start();
    await waitFor('new-2', () => second.delivered.length >= 1);

    // assess
    expect(pks(first.delivered)).toEqual(['new-1']);
    expect(pks(second.delivered)).toEqual(['new-2']);
  }, 30_000);

  it('gets a new iterator after the last record read when one expires: nothing skipped, nothing twice', async () => {
    // prepare
    const { name, streamArn } = await trendsTable();
    for (let i = 0; i < 6; i++) await row(name, `r${i}`, 'window', i);
    const streams = streamsClient();
    let getRecords = 0;
    streams.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === GetRecordsCommand.name && ++getRecords === 2) {
          throw new ExpiredIteratorException({ message: 'Iterator expired (injected)', $metadata: {} });
        }
        return next(args);
      },
      { step: 'initialize', name: 'expireSecondGetRecords' },
    );
    const { esm, delivered } = mapping(streamArn, { batchSize: 2 }, { streams });

    // act: the first read takes 2 records (read-ahead is small), the second call fails as expired
    await esm.start();
    await waitFor('six records', () => delivered.length >= 6);
    for (let i = 6; i < 8; i++) await row(name, `r${i}`, 'window', i);
    await waitFor('eight records', () => delivered.length >= 8);

    // assess
    expect(getRecords).toBeGreaterThanOrEqual(2);
    expect(pks(delivered)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7']);
  }, 30_000);

  it('sends a DDBStreamBatchInfo failure record naming the table stream after retries run out', async () => {
    // prepare
    const { name, streamArn } = await trendsTable();
    await row(name, 'ok', 'window', 1);
    await row(name, 'poison', 'window', 2);
    const { esm, destination, checkpoints, delivered } = mapping(
      streamArn,
      { functionResponseTypes: ['ReportBatchItemFailures'], bisectBatchOnFunctionError: true, maximumRetryAttempts: 1 },
      {
        answer: (records) => ({
          batchItemFailures: records
            .filter((r) => r.dynamodb.Keys['pk']?.S === 'poison')
            .map((r) => ({ itemIdentifier: r.dynamodb.SequenceNumber })),
        }),
      },
    );

    // act
    await esm.start();
    await waitFor('the failure record', () => destination.list().length === 1);
    await waitFor('the checkpoint passes the poison record', () =>
      Object.values(checkpoints.snapshot('alerts')).some(
        (c) => c.sequenceNumber === delivered.at(-1)?.dynamodb.SequenceNumber,
      ),
    );

    // assess
    const [failure] = destination.list();
    const poison = delivered.find((r) => r.dynamodb.Keys['pk']?.S === 'poison');
    expect(failure?.DDBStreamBatchInfo).toMatchObject({
      streamArn,
      startSequenceNumber: poison?.dynamodb.SequenceNumber,
      endSequenceNumber: poison?.dynamodb.SequenceNumber,
      batchSize: 1,
    });
    expect(failure?.requestContext.condition).toBe('RetryAttemptsExhausted');
  }, 30_000);

  it('refuses AT_TIMESTAMP, which DynamoDB Streams mappings do not have', async () => {
    // prepare
    const { streamArn } = await trendsTable();
    const { esm } = mapping(streamArn, { startingPosition: 'AT_TIMESTAMP', startingPositionTimestamp: 1 });

    // act
    const started = esm.start();

    // assess
    await expect(started).rejects.toThrow(/AT_TIMESTAMP is not a starting position of DynamoDB Streams/);
  });
});

describe('DynamoDBStreamSource past the retention', () => {
  let short: EmulatorProcess;
  let shortDynamo: DynamoDBClient;
  beforeAll(async () => {
    short = await spawnEmulator('dynalite', { streams: { shardLifetimeMs: 60_000, retentionMs: 800 } });
    shortDynamo = makeDynamoClient(short.endpoint);
  }, 30_000);
  afterAll(async () => {
    shortDynamo.destroy();
    await short.close();
  });

  it('restarts from the trim horizon when its checkpoint was trimmed, and logs the loss', async () => {
    // prepare: a checkpoint whose records expire while the mapping is stopped
    const table = await ensureTable(shortDynamo, 'short', { ...TABLE_SPECS.trends, stream: { viewType: 'KEYS_ONLY' } });
    const streamArn = table.LatestStreamArn as string;
    const streams = new DynamoDBStreamsClient({
      endpoint: short.endpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
      requestHandler: new NodeHttpHandler(),
    });
    const put = (pk: string) =>
      shortDynamo.send(new PutItemCommand({ TableName: 'short', Item: { pk: { S: pk }, sk: { S: 'row' } } }));
    const checkpoints = new InMemoryCheckpointStore();
    const first = mapping(streamArn, {}, { streams, checkpoints });
    await put('a');
    await put('b');
    await first.esm.start();
    await waitFor('a and b', () => first.delivered.length >= 2);
    await first.esm.stop({ drain: true });
    await put('lost');
    await waitFor('every record so far is past the retention and trimmed', async () => {
      const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
      const { ShardIterator } = await streams.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: StreamDescription?.Shards?.[0]?.ShardId,
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      );
      // A trim between the two calls answers TrimmedDataAccessException: look again.
      const page = await streams.send(new GetRecordsCommand({ ShardIterator })).catch((err: unknown) => {
        if (err instanceof TrimmedDataAccessException) return undefined;
        throw err;
      });
      return page !== undefined && (page.Records ?? []).length === 0;
    });
    await put('kept');
    const logged: string[] = [];
    const logger: Logger = {
      debug: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: (message) => void logged.push(message),
    };
    const second = mapping(streamArn, {}, { streams, checkpoints, logger });

    // act
    await second.esm.start();
    await waitFor('kept', () => second.delivered.length >= 1);

    // assess
    expect(pks(second.delivered)).toEqual(['kept']);
    expect(logged.some((m) => /trimmed|rejected/.test(m) && /TRIM_HORIZON/.test(m))).toBe(true);
    streams.destroy();
  }, 30_000);
});

// Contract: a second stream kind (DynamoDB-Streams-shaped, served from memory) runs through the
// same batching, checkpoint, bisect, retry, destination and filter rules as Kinesis, through the
// StreamSource interface alone.
import {
  EventSourceMapping,
  FilterPatternError,
  InMemoryCheckpointStore,
  InMemoryFailureDestination,
  InProcessInvoker,
  MappingSettingsError,
  DEFAULT_MAPPING_SETTINGS,
  type BatchEvent,
  type DynamoDBStreamFailureRecord,
  type MappingSettings,
} from '../src';
import { FAST_TUNING } from './helpers/mapping-factory';
import { MemoryDynamoStreamSource, type DynamoChange, type DynamoEventRecord } from './helpers/memory-stream-source';
import { waitFor } from './helpers/scripted-function';

const STREAM_ARN = 'arn:aws:dynamodb:eu-west-1:123456789012:table/trends/stream/2026-12-05T00:00:00.000';
const live: EventSourceMapping[] = [];
afterEach(async () => {
  await Promise.all(live.splice(0).map((m) => m.stop({ drain: false })));
});

function change(id: string, kind: string, eventName: DynamoChange['eventName'] = 'INSERT'): DynamoChange {
  return { eventName, keys: { pk: { S: id } }, newImage: { pk: { S: id }, kind: { S: kind } } };
}

interface Harness {
  readonly esm: EventSourceMapping;
  readonly calls: DynamoEventRecord[][];
  readonly checkpoints: InMemoryCheckpointStore;
  readonly destination: InMemoryFailureDestination<DynamoDBStreamFailureRecord>;
}

function mapping(
  source: MemoryDynamoStreamSource,
  settings: Partial<MappingSettings>,
  answer: (records: readonly DynamoEventRecord[]) => unknown = () => undefined,
): Harness {
  const calls: DynamoEventRecord[][] = [];
  const checkpoints = new InMemoryCheckpointStore();
  const destination = new InMemoryFailureDestination<DynamoDBStreamFailureRecord>();
  const esm = new EventSourceMapping({
    source,
    mappingId: 'alerts',
    settings: { ...DEFAULT_MAPPING_SETTINGS, ...settings },
    invoker: new InProcessInvoker(async (event) => {
      const records = (event as BatchEvent<DynamoEventRecord>).Records;
      calls.push([...records]);
      return answer(records);
    }),
    checkpoints,
    onFailure: destination,
    tuning: FAST_TUNING,
  });
  live.push(esm);
  return { esm, calls, checkpoints, destination };
}

describe('a second stream kind through StreamSource', () => {
  it('reads a parent to its end before its child, filters on the whole record, checkpoints filtered records and delivers its own event elements', async () => {
    // prepare
    const source = new MemoryDynamoStreamSource(STREAM_ARN);
    source.addShard('shard-a');
    source.addShard('shard-b', 'shard-a');
    const parentSeqs = source.put('shard-a', [
      change('w1', 'window'),
      change('p1', 'post'),
      change('w2', 'window', 'MODIFY'),
    ]);
    source.close('shard-a');
    const childSeqs = source.put('shard-b', [change('w3', 'window'), change('p2', 'post')]);
    const { esm, calls, checkpoints } = mapping(source, {
      filters: ['{"eventName": ["INSERT"], "dynamodb": {"NewImage": {"kind": {"S": ["window"]}}}}'],
    });
    // act
    await esm.start();
    await waitFor('child checkpoint', () => checkpoints.snapshot('alerts')['shard-b']?.sequenceNumber === childSeqs[1]);
    // assess
    expect(calls.flat().map((r) => r.dynamodb.Keys['pk']?.S)).toEqual(['w1', 'w3']);
    expect(calls.flat()[0]).toMatchObject({
      eventSource: 'aws:dynamodb',
      eventSourceARN: STREAM_ARN,
      awsRegion: 'eu-west-1',
      dynamodb: { SequenceNumber: parentSeqs[0] },
    });
    expect(checkpoints.snapshot('alerts')['shard-a']).toEqual({ sequenceNumber: parentSeqs[2], shardEnded: true });
    const stats = esm.stats().shards;
    expect(stats.map((s) => [s.shardId, s.polled, s.filteredOut, s.recordsDelivered])).toEqual([
      ['shard-a', 3, 2, 1],
      ['shard-b', 2, 1, 1],
    ]);
    expect(source.largestReadLimit).toBeLessThanOrEqual(1_000);
  });

  it('partial failures name dynamodb.SequenceNumber; bisect isolates the record and its failure record is DDBStreamBatchInfo', async () => {
    // prepare
    const source = new MemoryDynamoStreamSource(STREAM_ARN);
    source.addShard('shard-a');
    const seqs = source.put(
      'shard-a',
      ['r1', 'r2', 'r3', 'r4'].map((id) => change(id, 'window')),
    );
    const poison = seqs[1] as string;
    const { esm, calls, checkpoints, destination } = mapping(
      source,
      { functionResponseTypes: ['ReportBatchItemFailures'], bisectBatchOnFunctionError: true, maximumRetryAttempts: 1 },
      (records) => ({
        batchItemFailures: records
          .filter((r) => r.dynamodb.SequenceNumber === poison)
          .map((r) => ({ itemIdentifier: r.dynamodb.SequenceNumber })),
      }),
    );
    // act
    await esm.start();
    await waitFor('checkpoint at r4', () => checkpoints.snapshot('alerts')['shard-a']?.sequenceNumber === seqs[3]);
    // assess
    expect(calls.map((c) => c.map((r) => r.dynamodb.Keys['pk']?.S))).toEqual([
      ['r1', 'r2', 'r3', 'r4'],
      ['r2', 'r3', 'r4'],
      ['r2', 'r3'],
      ['r2'],
      ['r2'],
      ['r3'],
      ['r4'],
    ]);
    expect(destination.list()).toHaveLength(1);
    const [failure] = destination.list();
    expect(failure).not.toHaveProperty('KinesisBatchInfo');
    expect(failure?.DDBStreamBatchInfo).toEqual({
      shardId: 'shard-a',
      startSequenceNumber: poison,
      endSequenceNumber: poison,
      approximateArrivalOfFirstRecord: expect.any(String),
      approximateArrivalOfLastRecord: expect.any(String),
      batchSize: 1,
      streamArn: STREAM_ARN,
    });
    expect(failure?.requestContext).toMatchObject({ condition: 'RetryAttemptsExhausted', approximateInvokeCount: 2 });
  });

  it.each([
    [
      'a starting position the stream kind lacks',
      { startingPosition: 'AT_TIMESTAMP', startingPositionTimestamp: 1 } as const,
      MappingSettingsError,
      'mapping setting startingPosition: AT_TIMESTAMP is not a starting position of DynamoDB Streams (allowed: TRIM_HORIZON, LATEST)',
    ],
    [
      'a pattern on a Kinesis-only key',
      { filters: [{ data: { kind: ['window'] } }] },
      FilterPatternError,
      'filters[0] at data: is not a filterable field: DynamoDB Streams filters match only eventID, eventName, eventVersion, eventSource, awsRegion, eventSourceARN, userIdentity, dynamodb',
    ],
  ])('refuses %s before reading anything', async (_what, settings, type, message) => {
    // prepare
    const source = new MemoryDynamoStreamSource(STREAM_ARN);
    source.addShard('shard-a');
    source.put('shard-a', [change('r1', 'window')]);
    const { esm, calls } = mapping(source, settings);
    // act
    const started = esm.start();
    // assess
    await expect(started).rejects.toThrow(type);
    await expect(started).rejects.toThrow(message);
    expect(source.largestReadLimit).toBe(0);
    expect(calls).toHaveLength(0);
  });
});

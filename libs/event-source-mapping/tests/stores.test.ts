// Unit (file system): checkpoint stores and failure destinations, in memory and as JSON files
// written atomically under a data dir.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EsmStoreError,
  InMemoryCheckpointStore,
  InMemoryFailureDestination,
  JsonFileCheckpointStore,
  JsonFileFailureDestination,
  type KinesisFailureRecord,
} from '../src';
import { buildFailureRecord } from '../src/failure-record';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'esm-stores-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function failure(start: string): KinesisFailureRecord {
  return buildFailureRecord({
    condition: 'RetryAttemptsExhausted',
    requestId: 'r-1',
    functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:f',
    streamArn: 'arn:aws:kinesis:us-east-1:000000000000:stream/s',
    shardId: 'shardId-000000000000',
    range: { firstSequenceNumber: start, lastSequenceNumber: start, firstArrivalMs: 0, lastArrivalMs: 0, count: 1 },
    invokeCount: 1,
    functionError: true,
    nowMs: 0,
  });
}

describe('checkpoint stores', () => {
  it.each([
    ['in memory', () => new InMemoryCheckpointStore()],
    ['JSON file', () => new JsonFileCheckpointStore(dir)],
  ])('%s: saves and loads per mapping and shard, returning copies', async (_name, make) => {
    // prepare
    const store = make();
    const window = { startMs: 1000, state: { n: 1 } };
    // act
    await store.save('m1', 's0', { sequenceNumber: '5', window });
    await store.save('m1', 's1', { sequenceNumber: '7', shardEnded: true });
    await store.save('m2', 's0', { atTimestampMs: 99 });
    const loaded = await store.load('m1', 's0');
    window.state.n = 2;
    // assess
    expect(loaded).toEqual({ sequenceNumber: '5', window: { startMs: 1000, state: { n: 1 } } });
    expect(await store.load('m1', 's1')).toEqual({ sequenceNumber: '7', shardEnded: true });
    expect(await store.load('m2', 's0')).toEqual({ atTimestampMs: 99 });
    expect(await store.load('m2', 's9')).toBeUndefined();
  });

  it('the JSON file survives a restart (a new store reads it) and leaves no temp files', async () => {
    // prepare
    const first = new JsonFileCheckpointStore(dir);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => first.save('m', `s${i % 3}`, { sequenceNumber: String(i) })),
    );
    // act
    const second = new JsonFileCheckpointStore(dir);
    const loaded = await second.load('m', 's2');
    // assess
    expect(loaded).toEqual({ sequenceNumber: '17' });
    expect(readdirSync(dir)).toEqual(['checkpoints.json']);
    expect(JSON.parse(readFileSync(join(dir, 'checkpoints.json'), 'utf8'))).toHaveProperty(
      ['m', 's0', 'sequenceNumber'],
      '18',
    );
  });

  it('a corrupt checkpoint file is reported with its path', async () => {
    // prepare
    writeFileSync(join(dir, 'checkpoints.json'), '{ not json');
    const store = new JsonFileCheckpointStore(dir);
    // act
    const load = store.load('m', 's');
    // assess
    await expect(load).rejects.toThrow(EsmStoreError);
    await expect(load).rejects.toThrow(`${join(dir, 'checkpoints.json')}: is not valid JSON`);
  });
});

describe('failure destinations', () => {
  it('in memory keeps records in order', async () => {
    // prepare
    const d = new InMemoryFailureDestination();
    // act
    await d.send(failure('1'));
    await d.send(failure('2'));
    // assess
    expect(d.list().map((r) => r.KinesisBatchInfo.startSequenceNumber)).toEqual(['1', '2']);
  });

  it('the JSON file appends concurrent sends without losing any, and a new instance reads them', async () => {
    // prepare
    const d = new JsonFileFailureDestination(dir, 'consumer-failures.json');
    // act
    await Promise.all(Array.from({ length: 10 }, (_, i) => d.send(failure(String(i)))));
    const again = await new JsonFileFailureDestination(dir, 'consumer-failures.json').list();
    // assess
    expect(again.map((r) => r.KinesisBatchInfo.startSequenceNumber)).toEqual([
      '0',
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
    ]);
    expect(again[0]).toEqual(failure('0'));
    expect(readdirSync(dir)).toEqual(['consumer-failures.json']);
  });

  it('a file that is not an array is reported with its path', async () => {
    // prepare
    writeFileSync(join(dir, 'failures.json'), '{}');
    // act
    const list = new JsonFileFailureDestination(dir).list();
    // assess
    await expect(list).rejects.toThrow(/failures\.json: must hold a JSON array/);
  });
});

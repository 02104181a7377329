// Integration (kinesalite): reading, batching, event shape, order, starting positions,
// checkpoints and restart, iterator age and expiry, GetRecords rate.
import {
  ExpiredIteratorException,
  ProvisionedThroughputExceededException,
  PutRecordCommand,
} from '@aws-sdk/client-kinesis';
import { InMemoryCheckpointStore, MAX_INVOKE_PAYLOAD_BYTES, ShardReadLimits, type KinesisEventRecord } from '../src';
import {
  HASH_SHARD_0,
  HASH_SHARD_1,
  injectError,
  numbered,
  putRecords,
  recordCalls,
  removeAllMiddleware,
  startHarness,
  type Harness,
} from './helpers/kinesis-harness';
import { makeMapping, stopAllMappings } from './helpers/mapping-factory';
import { pause, ScriptedFunction, waitFor } from './helpers/scripted-function';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await stopAllMappings();
  removeAllMiddleware();
});
afterAll(async () => {
  await h.close();
});

describe('event shape', () => {
  it('sends Records exactly as Lambda does for Kinesis', async () => {
    // prepare
    const stream = await h.stream(1);
    const [put] = await putRecords(h.client, stream.streamName, [
      { data: '{"hello":"world"}', partitionKey: 'user-1', explicitHashKey: HASH_SHARD_0 },
    ]);
    const fn = new ScriptedFunction();
    const { esm } = makeMapping({
      client: h.client,
      stream,
      fn,
      extra: { invokeIdentityArn: 'arn:aws:iam::000000000000:role/consumer-role' },
    });
    // act
    await esm.start();
    await waitFor('one call', () => fn.calls.length === 1);
    await esm.stop();
    // assess
    const record = fn.calls[0]?.event.Records[0] as KinesisEventRecord;
    expect(Object.keys(fn.calls[0]?.event ?? {})).toEqual(['Records']);
    expect(record).toEqual({
      kinesis: {
        kinesisSchemaVersion: '1.0',
        partitionKey: 'user-1',
        sequenceNumber: put?.sequenceNumber,
        data: Buffer.from('{"hello":"world"}').toString('base64'),
        approximateArrivalTimestamp: expect.any(Number),
      },
      eventSource: 'aws:kinesis',
      eventVersion: '1.0',
      eventID: `shardId-000000000000:${put?.sequenceNumber}`,
      eventName: 'aws:kinesis:record',
      invokeIdentityArn: 'arn:aws:iam::000000000000:role/consumer-role',
      awsRegion: 'us-east-1',
      eventSourceARN: stream.streamArn,
    });
    // seconds with a millisecond fraction, close to now
    expect(Math.abs(record.kinesis.approximateArrivalTimestamp - Date.now() / 1000)).toBeLessThan(30);
    const ms = record.kinesis.approximateArrivalTimestamp * 1000;
    expect(Math.abs(ms - Math.round(ms))).toBeLessThan(0.01);
  });
});

describe('batching and order', () => {
  it('keeps order per shard, reads shards in parallel, one batch per shard at a time (PF=1), at most batchSize records', async () => {
    // prepare
    const stream = await h.stream(2);
    await putRecords(h.client, stream.streamName, [
      ...numbered(25, { hash: HASH_SHARD_0 }),
      ...numbered(25, { from: 100, hash: HASH_SHARD_1 }),
    ]);
    const fn = new ScriptedFunction(() => undefined, 15);
    const { esm } = makeMapping({ client: h.client, stream, fn, settings: { batchSize: 4 } });
    // act
    await esm.start();
    await waitFor('all 50 records', () => fn.nsOf().length === 50);
    await esm.stop();
    // assess
    const shard0 = fn.calls.filter((c) => c.shardIds[0] === 'shardId-000000000000');
    const shard1 = fn.calls.filter((c) => c.shardIds[0] === 'shardId-000000000001');
    expect(fn.calls.every((c) => c.shardIds.length === 1 && c.ns.length <= 4)).toBe(true);
    expect(shard0.flatMap((c) => c.ns)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(shard1.flatMap((c) => c.ns)).toEqual(Array.from({ length: 25 }, (_, i) => 100 + i));
    expect(fn.maxInFlightPerShard.get('shardId-000000000000')).toBe(1);
    expect(fn.maxInFlightPerShard.get('shardId-000000000001')).toBe(1);
    expect(fn.maxInFlight).toBe(2); // the two shards overlap
    expect(esm.stats().shards.map((s) => s.recordsDelivered)).toEqual([25, 25]);
  });

  it('waits for the batching window to gather records, but sends at once when the batch is full', async () => {
    // prepare
    const stream = await h.stream(1);
    const fn = new ScriptedFunction();
    const { esm } = makeMapping({
      client: h.client,
      stream,
      fn,
      settings: { batchSize: 5, maximumBatchingWindowInSeconds: 1 },
    });
    await esm.start();
    // act: 3 records trickle in over ~300 ms, then 5 at once
    const t0 = Date.now();
    for (let i = 0; i < 3; i++) {
      await putRecords(h.client, stream.streamName, numbered(1, { from: i }));
      await pause(100);
    }
    await waitFor('first batch', () => fn.calls.length === 1, 5000);
    const firstAt = (fn.calls[0]?.startedAt ?? 0) - t0;
    await putRecords(h.client, stream.streamName, numbered(5, { from: 10 }));
    const t1 = Date.now();
    await waitFor('second batch', () => fn.calls.length === 2, 5000);
    await esm.stop();
    // assess
    expect(fn.calls[0]?.ns).toEqual([0, 1, 2]);
    expect(firstAt).toBeGreaterThanOrEqual(950);
    expect(fn.calls[1]?.ns).toEqual([10, 11, 12, 13, 14]);
    expect((fn.calls[1]?.startedAt ?? 0) - t1).toBeLessThan(700);
  });

  it('cuts a batch before the event would pass 6 MB', async () => {
    // prepare: 6 records of ~1 MB each (1.33 MB each once base64-encoded: 4 fit in 6 MB, 5 do not)
    const stream = await h.stream(1);
    const big = (i: number) => JSON.stringify({ n: i, pad: 'x'.repeat(1_000_000) });
    for (let i = 0; i < 6; i++)
      await h.client.send(
        new PutRecordCommand({ StreamName: stream.streamName, PartitionKey: `p${i}`, Data: Buffer.from(big(i)) }),
      );
    const sizes: number[] = [];
    const fn = new ScriptedFunction((c) => {
      sizes.push(Buffer.byteLength(JSON.stringify(c.event)));
    });
    const { esm } = makeMapping({ client: h.client, stream, fn, settings: { batchSize: 100 } });
    // act
    await esm.start();
    await waitFor('6 records', () => fn.nsOf().length === 6);
    await esm.stop();
    // assess
    expect(fn.calls.map((c) => c.ns)).toEqual([
      [0, 1, 2, 3],
      [4, 5],
    ]);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(MAX_INVOKE_PAYLOAD_BYTES);
    expect((sizes[0] ?? 0) + 1_333_000).toBeGreaterThan(MAX_INVOKE_PAYLOAD_BYTES); // a fifth record would not have fitted
  });
});

describe('GetRecords page size', () => {
  it('ends a page at 10 MiB as Kinesis does (kinesalite would return more) and reads on after it: nothing lost or repeated', async () => {
    // prepare: 12 records of ~1 MB are 12 MB, more than one 10 MiB page
    const stream = await h.stream(1);
    const big = (i: number) => JSON.stringify({ n: i, pad: 'x'.repeat(1_000_000) });
    for (let i = 0; i < 12; i++)
      await h.client.send(
        new PutRecordCommand({ StreamName: stream.streamName, PartitionKey: `p${i}`, Data: Buffer.from(big(i)) }),
      );
    const reads = recordCalls(h.client, 'GetRecordsCommand');
    const iterators = recordCalls(h.client, 'GetShardIteratorCommand');
    const fn = new ScriptedFunction();
    const { esm } = makeMapping({ client: h.client, stream, fn, settings: { batchSize: 100 } });
    // act
    await esm.start();
    await waitFor('12 records', () => fn.nsOf().length === 12);
    await esm.stop();
    // assess: kinesalite's first page held all 12; the reader kept 10 and got a new iterator after them
    expect(reads[0]?.records).toBe(12);
    expect(reads[1]?.records).toBe(2);
    expect(iterators.length).toBe(2);
    expect(fn.nsOf()).toEqual(Array.from({ length: 12 }, (_, i) => i));
    // 12 MB written to and read back from kinesalite: seconds on a loaded machine.
  }, 60_000);
});

describe('starting positions', () => {
  it.each([
    ['TRIM_HORIZON', [0, 1, 2, 3, 4, 5]],
    ['LATEST', [3, 4, 5]],
    ['AT_TIMESTAMP', [2, 3, 4, 5]],
  ] as const)('%s', async (position, expected) => {
    // prepare: records 0,1 then (timestamp) 2 then, after start, 3,4,5
    const stream = await h.stream(1);
    await putRecords(h.client, stream.streamName, numbered(2));
    await pause(20);
    const ts = Date.now() / 1000;
    await pause(20);
    await putRecords(h.client, stream.streamName, numbered(1, { from: 2 }));
    const fn = new ScriptedFunction();
    const { esm } = makeMapping({
      client: h.client,
      stream,
      fn,
      settings: {
        startingPosition: position,
        ...(position === 'AT_TIMESTAMP' ? { startingPositionTimestamp: ts } : {}),
      },
    });
    // act
    await esm.start();
    await pause(100);
    await putRecords(h.client, stream.streamName, numbered(3, { from: 3 }));
    await waitFor('records 3..5', () => fn.nsOf().includes(5));
    await esm.stop();
    // assess
    expect(fn.nsOf()).toEqual(expected);
  });

  it('AT_TIMESTAMP later than every record waits for new ones (kinesalite would hang: emulated)', async () => {
    // prepare
    const stream = await h.stream(1);
    await putRecords(h.client, stream.streamName, numbered(2));
    await pause(20);
    const fn = new ScriptedFunction();
    const { esm } = makeMapping({
      client: h.client,
      stream,
      fn,
      settings: { startingPosition: 'AT_TIMESTAMP', startingPositionTimestamp: Date.now() / 1000 },
    });
    // act
    await esm.start();
    await pause(100);
    await putRecords(h.client, stream.streamName, numbered(1, { from: 7 }));
    await waitFor('record 7', () => fn.nsOf().includes(7));
    await esm.stop();
    // assess
    expect(fn.nsOf()).toEqual([7]);
  });
});

describe('checkpoints', () => {
  it('persists after each successful batch; a restarted mapping resumes after the checkpoint', async () => {
    // prepare
    const stream = await h.stream(1);
    const puts = await putRecords(h.client, stream.streamName, numbered(10));
    const checkpoints = new InMemoryCheckpointStore();
    const fn1 = new ScriptedFunction();
    const first = makeMapping({
      client: h.client,
      stream,
      fn: fn1,
      checkpoints,
      mappingId: 'resume',
      settings: { batchSize: 3 },
    });
    await first.esm.start();
    await waitFor('10 records', () => fn1.nsOf().length === 10);
    await first.esm.stop({ drain: true });
    const saved = checkpoints.snapshot('resume')['shardId-000000000000'];
    await putRecords(h.client, stream.streamName, numbered(5, { from: 10 }));
    // act
    const fn2 = new ScriptedFunction();
    const second = makeMapping({
      client: h.client,
      stream,
      fn: fn2,
      checkpoints,
      mappingId: 'resume',
      settings: { batchSize: 3 },
    });
    await second.esm.start();
    await waitFor('5 new records', () => fn2.nsOf().length === 5);
    await second.esm.stop();
    // assess
    expect(saved?.sequenceNumber).toBe(puts[9]?.sequenceNumber);
    expect(fn2.nsOf()).toEqual([10, 11, 12, 13, 14]);
  });

  it('a stop with drain finishes the in-flight batch and checkpoints it; a restart re-delivers nothing', async () => {
    // prepare
    const stream = await h.stream(1);
    await putRecords(h.client, stream.streamName, numbered(4));
    const checkpoints = new InMemoryCheckpointStore();
    const fn1 = new ScriptedFunction(() => undefined, 300);
    const first = makeMapping({
      client: h.client,
      stream,
      fn: fn1,
      checkpoints,
      mappingId: 'drain',
      settings: { batchSize: 2 },
    });
    await first.esm.start();
    await waitFor('a batch in flight', () => fn1.calls.length === 1);
    // act
    await first.esm.stop({ drain: true });
    const fn2 = new ScriptedFunction();
    const second = makeMapping({
      client: h.client,
      stream,
      fn: fn2,
      checkpoints,
      mappingId: 'drain',
      settings: { batchSize: 2 },
    });
    await second.esm.start();
    await waitFor('the rest', () => fn2.nsOf().length === 2);
    await second.esm.stop();
    // assess
    expect(fn1.nsOf()).toEqual([0, 1]);
    expect(fn1.calls[0]?.endedAt).toBeDefined();
    expect(fn2.nsOf()).toEqual([2, 3]);
  });

  it('a stop without drain returns at once and ignores the late answer of the in-flight batch', async () => {
    // prepare
    const stream = await h.stream(1);
    await putRecords(h.client, stream.streamName, numbered(2));
    const checkpoints = new InMemoryCheckpointStore();
    const fn = new ScriptedFunction(() => undefined, 400);
    const { esm } = makeMapping({ client: h.client, stream, fn, checkpoints, mappingId: 'no-drain' });
    await esm.start();
    await waitFor('a batch in flight', () => fn.calls.length === 1);
    // act
    const t0 = Date.now();
    await esm.stop({ drain: false });
    const stoppedIn = Date.now() - t0;
    await pause(500);
    // assess
    expect(stoppedIn).toBeLessThan(200);
    expect(fn.calls[0]?.endedAt).toBeDefined(); // the function did finish…
    expect(checkpoints.snapshot('no-drain')).toEqual({}); // …but its batch was not checkpointed
    expect(esm.stats().running).toBe(false);
  });

  it('CHOICE: a checkpoint the stream rejects (stream recreated under the same name) restarts the shard from TRIM_HORIZON', async () => {
    // prepare: a checkpoint the stream cannot accept for shard 0 (a sequence number of another
    // stream's shard 1: kinesalite, like Kinesis, rejects it with InvalidArgumentException)
    const other = await h.stream(2);
    const [foreign] = await putRecords(h.client, other.streamName, numbered(1, { hash: HASH_SHARD_1 }));
    const stream = await h.stream(1);
    await putRecords(h.client, stream.streamName, numbered(3));
    const checkpoints = new InMemoryCheckpointStore();
    await checkpoints.save('recreated', 'shardId-000000000000', { sequenceNumber: foreign?.sequenceNumber ?? '' });
    const fn = new ScriptedFunction();
    const { esm } = makeMapping({ client: h.client, stream, fn, checkpoints, mappingId: 'recreated' });
    // act
    await esm.start();
    await waitFor('3 records', () => fn.nsOf().length === 3);
    await esm.stop();
    // assess
    expect(fn.nsOf()).toEqual([0, 1, 2]);
  });

  it('LATEST before any record: a restart resumes from where LATEST began, not from a new LATEST', async () => {
    // prepare
    const stream = await h.stream(1);
    const checkpoints = new InMemoryCheckpointStore();
    const first = makeMapping({
      client: h.client,
      stream,
      fn: new ScriptedFunction(),
      checkpoints,
      mappingId: 'latest',
      settings: { startingPosition: 'LATEST' },
    });
    await first.esm.start();
    await pause(50);
    await first.esm.stop();
    await putRecords(h.client, stream.streamName, numbered(2)); // put while the mapping is down
    // act
    const fn = new ScriptedFunction();
    const second = makeMapping({
      client: h.client,
      stream,
      fn,
      checkpoints,
      mappingId: 'latest',
      settings: { startingPosition: 'LATEST' },
    });
    await second.esm.start();
    await waitFor('2 records', () => fn.nsOf().length === 2);
    await second.esm.stop();
    // assess
    expect(fn.nsOf()).toEqual([0, 1]);
  });
});

describe('GetRecords loop', () => {
  it('re-gets an expired shard iterator after the last record read: nothing lost, nothing repeated', async () => {
    // prepare
    const stream = await h.stream(1);
    await putRecords(h.client, stream.streamName, numbered(6));
    const fn = new ScriptedFunction();
    const { esm } = makeMapping({ client: h.client, stream, fn, settings: { batchSize: 2 } });
    const fault = injectError(
      h.client,
      'GetRecordsCommand',
      2,
      () => new ExpiredIteratorException({ message: 'Iterator expired', $metadata: {} }),
      1,
    );
    // act
    await esm.start();
    await waitFor('6 records', () => fn.nsOf().length >= 6);
    await putRecords(h.client, stream.streamName, numbered(2, { from: 6 }));
    await waitFor('8 records', () => fn.nsOf().length >= 8);
    await esm.stop();
    fault.remove();
    // assess
    expect(fault.injected()).toBe(2);
    expect(fn.nsOf()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('reads again at once while behind (a GetRecords that filled its limit), not after the idle interval', async () => {
    // prepare: batch size 100 gives a read-ahead of 1,000 records, so 1,500 records mean "behind"
    const stream = await h.stream(1);
    await putRecords(h.client, stream.streamName, numbered(1500));
    const reads = recordCalls(h.client, 'GetRecordsCommand');
    const fn = new ScriptedFunction();
    const { esm } = makeMapping({
      client: h.client,
      stream,
      fn,
      settings: { batchSize: 100 },
      extra: { tuning: { idlePollMs: 1000, getRecordsPerSecond: 5 } },
    });
    // act
    await esm.start();
    await waitFor('1,500 records', () => fn.nsOf().length === 1500);
    await esm.stop();
    // assess
    expect(reads[0]?.records).toBe(1000);
    expect(reads[1]?.records).toBe(500);
    expect((reads[1]?.startedAt ?? 0) - (reads[0]?.startedAt ?? 0)).toBeLessThan(700);
    expect(fn.nsOf()).toEqual(Array.from({ length: 1500 }, (_, i) => i));
    expect(Math.max(...fn.calls.map((c) => c.ns.length))).toBe(100);
  });

  it('backs off when GetRecords is throttled, without losing records or using retries', async () => {
    // prepare
    const stream = await h.stream(1);
    await putRecords(h.client, stream.streamName, numbered(4));
    const fn = new ScriptedFunction();
    const { esm } = makeMapping({ client: h.client, stream, fn, settings: { maximumRetryAttempts: 0 } });
    const fault = injectError(
      h.client,
      'GetRecordsCommand',
      3,
      () => new ProvisionedThroughputExceededException({ message: 'Rate exceeded for shard', $metadata: {} }),
    );
    // act
    await esm.start();
    await waitFor('4 records', () => fn.nsOf().length === 4);
    await esm.stop();
    fault.remove();
    // assess
    expect(fault.injected()).toBe(3);
    expect(fn.nsOf()).toEqual([0, 1, 2, 3]);
    expect(esm.stats().shards[0]).toMatchObject({ retries: 0, invocations: 1 });
  });

  it('never makes more than 5 GetRecords calls per second per shard (default limit), even when told to poll back to back', async () => {
    // prepare
    const stream = await h.stream(1);
    const calls = recordCalls(h.client, 'GetRecordsCommand');
    const { esm } = makeMapping({
      client: h.client,
      stream,
      fn: new ScriptedFunction(),
      extra: { tuning: { idlePollMs: 0, getRecordsPerSecond: 5 } },
    });
    // act
    await esm.start();
    await pause(1300);
    await esm.stop();
    // assess: idle poll 0 asks for back-to-back calls; the limiter spaces them (the window is
    // measured 20 ms short: request start times jitter by a few ms after the limiter's slot)
    const starts = calls.map((c) => c.startedAt);
    const within = (t: number) => starts.filter((c) => c >= t && c < t + 980).length;
    expect(starts.length).toBeGreaterThanOrEqual(6);
    expect(Math.max(...starts.map(within))).toBeLessThanOrEqual(5);
  });

  it('mappings given one ShardReadLimits share the 5 calls per second of a shard (without it, each has its own)', async () => {
    // prepare: two mappings on one shard, both told to poll back to back
    const stream = await h.stream(1);
    const calls = recordCalls(h.client, 'GetRecordsCommand');
    const tuning = { idlePollMs: 0, getRecordsPerSecond: 5 };
    const readLimits = new ShardReadLimits({ clock: Date });
    const shared = [
      makeMapping({ client: h.client, stream, fn: new ScriptedFunction(), extra: { tuning, readLimits } }),
      makeMapping({ client: h.client, stream, fn: new ScriptedFunction(), extra: { tuning, readLimits } }),
    ];
    // act
    await Promise.all(shared.map((m) => m.esm.start()));
    await pause(1300);
    await Promise.all(shared.map((m) => m.esm.stop()));
    const sharedStarts = calls.splice(0).map((c) => c.startedAt);
    const own = [
      makeMapping({ client: h.client, stream, fn: new ScriptedFunction(), extra: { tuning } }),
      makeMapping({ client: h.client, stream, fn: new ScriptedFunction(), extra: { tuning } }),
    ];
    await Promise.all(own.map((m) => m.esm.start()));
    await pause(1300);
    await Promise.all(own.map((m) => m.esm.stop()));
    const ownStarts = calls.map((c) => c.startedAt);
    // assess (windows measured 20 ms short, as above)
    const busiest = (starts: number[]) =>
      Math.max(...starts.map((t) => starts.filter((c) => c >= t && c < t + 980).length));
    expect(sharedStarts.length).toBeGreaterThanOrEqual(6);
    expect(busiest(sharedStarts)).toBeLessThanOrEqual(5);
    expect(busiest(ownStarts)).toBeGreaterThan(5);
  });

  it("with ShardReadLimits, bytes read delay the next call at the shard's read rate", async () => {
    // prepare: 4 records of ~250 KB at a read rate of 500 KB/s (a test rate; Kinesis: 2 MB/s)
    const stream = await h.stream(1);
    for (let i = 0; i < 4; i++)
      await h.client.send(
        new PutRecordCommand({
          StreamName: stream.streamName,
          PartitionKey: `p${i}`,
          Data: Buffer.from(JSON.stringify({ n: i, pad: 'x'.repeat(250_000) })),
        }),
      );
    const calls = recordCalls(h.client, 'GetRecordsCommand');
    const readLimits = new ShardReadLimits({ clock: Date, bytesPerSecond: 500_000 });
    const fn = new ScriptedFunction();
    const { esm } = makeMapping({
      client: h.client,
      stream,
      fn,
      extra: { tuning: { idlePollMs: 0, getRecordsPerSecond: 5 }, readLimits },
    });
    // act
    await esm.start();
    await waitFor('4 records', () => fn.nsOf().length === 4);
    await pause(2500);
    await esm.stop();
    // assess: the first call read ~1 MB, so the second started ~2 s later, not 200 ms
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(calls[0]?.records).toBe(4);
    expect((calls[1]?.startedAt ?? Number.POSITIVE_INFINITY) - (calls[0]?.startedAt ?? 0)).toBeGreaterThanOrEqual(1900);
    expect(fn.nsOf()).toEqual([0, 1, 2, 3]);
  });

  it('polls an idle shard about once per idle interval', async () => {
    // prepare
    const stream = await h.stream(1);
    const calls = recordCalls(h.client, 'GetRecordsCommand');
    const { esm } = makeMapping({
      client: h.client,
      stream,
      fn: new ScriptedFunction(),
      extra: { tuning: { idlePollMs: 200, getRecordsPerSecond: 5 } },
    });
    // act
    await esm.start();
    await pause(1000);
    await esm.stop();
    // assess
    expect(calls.length).toBeGreaterThanOrEqual(4);
    expect(calls.length).toBeLessThanOrEqual(6);
  });
});

describe('iterator age', () => {
  it('reports now − arrival of the last record of the batch when it was sent', async () => {
    // prepare
    const stream = await h.stream(1);
    await putRecords(h.client, stream.streamName, numbered(3));
    await pause(300);
    const fn = new ScriptedFunction();
    const { esm } = makeMapping({ client: h.client, stream, fn });
    // act
    await esm.start();
    await waitFor('3 records', () => fn.nsOf().length === 3);
    const age = esm.stats().shards[0]?.iteratorAgeMs;
    await esm.stop();
    // assess
    const lastArrivalMs = (fn.calls[0]?.event.Records[2]?.kinesis.approximateArrivalTimestamp ?? 0) * 1000;
    expect(age).toBeGreaterThanOrEqual(300);
    expect(age).toBeLessThanOrEqual((fn.calls[0]?.startedAt ?? 0) - lastArrivalMs + 5);
  });
});

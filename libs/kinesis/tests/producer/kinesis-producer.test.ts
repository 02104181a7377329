// KinesisProducer against an in-memory Kinesis: retries, TTL, back-pressure, resharding,
// aggregation boundaries, rate limits and metrics.
import {
  InvalidUserRecordError,
  KinesisProducer,
  ProducerClosedError,
  PutRecordsEntryError,
  PutRejectedError,
  RecordExpiredError,
  partitionKeyHash,
  toEmf,
  type ProducerOptions,
  type PutResult,
} from '../../src/index';
import { FakeKinesis, bytes, virtualTime } from './helpers/fake-kinesis';

type TestOptions = Omit<ProducerOptions, 'client' | 'streamName'>;

function producerFor(fake: FakeKinesis, options: TestOptions = {}): KinesisProducer {
  return new KinesisProducer({
    client: fake,
    streamName: 'posts',
    maxBufferedTimeMs: 5,
    backoffBaseMs: 1,
    backoffMaxMs: 4,
    ...options,
  });
}

function posts(n: number, keys = 10, prefix = 'p'): { partitionKey: string; data: Uint8Array; text: string }[] {
  return Array.from({ length: n }, (_, i) => {
    const text = JSON.stringify({ postId: `${prefix}${i}`, text: `post number ${i} ✨` });
    return { partitionKey: `key-${i % keys}`, data: bytes(text), text };
  });
}

function multiset(values: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}

describe('KinesisProducer retries', () => {
  it('re-sends only the failed entries of a PutRecords call, and each record lands exactly once', async () => {
    // prepare: no aggregation so entries map 1:1 to user records; call 0 fails entries 1, 3 and 4
    const fake = new FakeKinesis(2);
    fake.entryFault = (_e, call, i) =>
      call === 0 && [1, 3, 4].includes(i)
        ? i === 3
          ? 'InternalFailure'
          : 'ProvisionedThroughputExceededException'
        : undefined;
    const producer = producerFor(fake, { aggregation: false, maxBufferedTimeMs: 50, rateLimit: false });
    const input = posts(6, 6);

    // act
    const results = await Promise.all(input.map((r) => producer.put(r)));
    await producer.close();

    // assess
    const first = fake.calls[0]?.map((e) => Buffer.from(e.Data as Uint8Array).toString()) ?? [];
    const resent = fake.calls.slice(1).flatMap((c) => c.map((e) => Buffer.from(e.Data as Uint8Array).toString()));
    expect(first).toHaveLength(6);
    expect(resent.sort()).toEqual([first[1], first[3], first[4]].sort());
    expect(
      fake
        .userRecords()
        .map((u) => u.data)
        .sort(),
    ).toEqual(input.map((r) => r.text).sort());
    expect(results.every((r) => /^\d+$/.test(r.sequenceNumber) && r.shardId.startsWith('shardId-'))).toBe(true);
    const m = producer.metrics();
    expect(m.UserRecordsPut).toBe(6);
    expect(m.ErrorsByCode).toEqual({ ProvisionedThroughputExceededException: 2, InternalFailure: 1 });
    expect(m.RetriesPerRecord).toBeCloseTo(3 / 6);
  });

  it('loses nothing and duplicates nothing under random entry failures and failed calls (aggregated)', async () => {
    // prepare: 25 % of entries throttled, every 3rd call fails as a whole
    const fake = new FakeKinesis(4);
    let n = 0;
    fake.entryFault = () => (++n % 4 === 0 ? 'ProvisionedThroughputExceededException' : undefined);
    fake.callFault = (call) =>
      call % 3 === 1 ? Object.assign(new Error('socket hang up'), { name: 'TimeoutError' }) : undefined;
    const producer = producerFor(fake, { rateLimit: false, aggregationMaxBytes: 2_000 });
    const input = posts(3000, 97);

    // act
    const results = await Promise.all(input.map((r) => producer.put(r)));
    await producer.close();

    // assess
    const out = fake.userRecords();
    expect(multiset(out.map((u) => u.data))).toEqual(multiset(input.map((r) => r.text)));
    expect(out.filter((u) => u.aggregated).length).toBeGreaterThan(2500);
    expect(new Set(results.map((r) => `${r.sequenceNumber}/${r.subSequenceNumber}`)).size).toBe(3000);
    expect(producer.metrics().ErrorsByCode['TimeoutError']).toBeGreaterThan(0);
  });

  it('rejects with RecordExpiredError carrying the last error once the TTL passes', async () => {
    // prepare: every entry is throttled forever; virtual time makes the 30 s TTL instant
    const fake = new FakeKinesis(1);
    fake.entryFault = () => 'ProvisionedThroughputExceededException';
    const time = virtualTime();
    const producer = producerFor(fake, { ...time, backoffBaseMs: 100, backoffMaxMs: 2000 });

    // act
    const settled = await Promise.allSettled(posts(3).map((r) => producer.put(r)));
    await producer.close();

    // assess
    for (const s of settled) {
      expect(s.status).toBe('rejected');
      const err = (s as PromiseRejectedResult).reason as RecordExpiredError;
      expect(err).toBeInstanceOf(RecordExpiredError);
      expect(err.lastError).toBeInstanceOf(PutRecordsEntryError);
      expect((err.lastError as PutRecordsEntryError).code).toBe('ProvisionedThroughputExceededException');
      expect(err.attempts).toBeGreaterThan(5);
      expect(err.message).toContain('ProvisionedThroughputExceededException');
    }
    expect(producer.metrics().UserRecordExpired).toBe(3);
    expect(fake.stored).toHaveLength(0);
  });

  it('rejects at once with PutRejectedError when Kinesis refuses the call for good', async () => {
    // prepare
    const fake = new FakeKinesis(1);
    fake.callFault = () => Object.assign(new Error('Stream posts not found'), { name: 'ResourceNotFoundException' });
    const producer = producerFor(fake);

    // act
    const outcome = producer.put(posts(1)[0] as { partitionKey: string; data: Uint8Array });

    // assess
    await expect(outcome).rejects.toBeInstanceOf(PutRejectedError);
    await expect(outcome).rejects.toThrow(/ResourceNotFoundException: Stream posts not found/);
    expect(fake.calls).toHaveLength(1);
    await producer.close();
  });
});

describe('KinesisProducer back-pressure', () => {
  it('holds enqueue while the memory cap is reached and admits again as records settle', async () => {
    // prepare: calls stay in flight until released; a cap of ten 1 KB records
    const fake = new FakeKinesis(1);
    let release!: () => void;
    const gateOpen = new Promise<void>((r) => (release = r));
    fake.gate = () => gateOpen;
    const producer = producerFor(fake, { maxBufferedBytes: 10 * 1030, rateLimit: false });
    const record = (i: number) => ({ partitionKey: `k${i}`, data: new Uint8Array(1024) });
    const admitted: number[] = [];
    const results: Promise<PutResult>[] = [];

    // act
    const loop = (async () => {
      for (let i = 0; i < 30; i++) {
        const { result } = await producer.enqueue(record(i));
        admitted.push(i);
        results.push(result);
      }
    })();
    await new Promise((r) => setTimeout(r, 50));
    const admittedWhileBlocked = admitted.length;
    const pendingWhileBlocked = producer.metrics().UserRecordsPending;
    release();
    await loop;
    await Promise.all(results);
    await producer.close();

    // assess
    expect(admittedWhileBlocked).toBe(10);
    expect(pendingWhileBlocked).toBe(10);
    expect(fake.userRecords()).toHaveLength(30);
    expect(producer.metrics().BackPressureWaits).toBeGreaterThan(0);
  });
});

describe('KinesisProducer shard map', () => {
  it('refreshes the shard map after a split and aggregates per child shard', async () => {
    // prepare
    const fake = new FakeKinesis(1);
    const time = virtualTime();
    const producer = producerFor(fake, { ...time, rateLimit: false });
    await Promise.all(posts(200, 50, 'before').map((r) => producer.put(r)));

    // act: split, then produce until the producer has seen the new map
    fake.split('shardId-000000000000');
    await Promise.all(posts(200, 50, 'during').map((r) => producer.put(r)));
    time.advance(1100); // refreshes are rate-limited to one per second
    await Promise.all(posts(200, 50, 'during2').map((r) => producer.put(r)));
    const afterStart = fake.stored.length;
    const after = await Promise.all(posts(400, 50, 'after').map((r) => producer.put(r)));
    await producer.close();

    // assess: every later aggregate holds only keys of the child it landed on
    const children = fake.shards.filter((s) => !s.closed);
    expect(fake.listShardsCalls).toBeGreaterThanOrEqual(2);
    expect(new Set(after.map((r) => r.shardId))).toEqual(new Set(children.map((c) => c.id)));
    const later = fake.stored.slice(afterStart);
    for (const kinesisRecord of later) {
      const child = children.find((c) => c.id === kinesisRecord.shardId);
      const keys = fake
        .userRecords()
        .filter((u) => u.sequenceNumber === kinesisRecord.sequenceNumber)
        .map((u) => partitionKeyHash(u.partitionKey));
      expect(keys.every((h) => child && child.start <= h && h <= child.end)).toBe(true);
    }
    expect(fake.userRecords()).toHaveLength(1000);
  });
});

describe('KinesisProducer aggregation boundaries', () => {
  const AGG_MAX = 1_000;

  it('sends a record larger than the aggregation limit alone and keeps the others aggregated', async () => {
    // prepare
    const fake = new FakeKinesis(1);
    const producer = producerFor(fake, { aggregationMaxBytes: AGG_MAX, rateLimit: false });
    const small = Array.from({ length: 5 }, (_, i) => ({ partitionKey: 'k', data: bytes(`small-${i}`) }));
    const big = { partitionKey: 'k', data: bytes('B'.repeat(AGG_MAX)) };

    // act
    const results = await Promise.all([...small.slice(0, 2), big, ...small.slice(2)].map((r) => producer.put(r)));
    await producer.close();

    // assess: order kept: aggregate(small 0,1), big alone, aggregate(small 2..4)
    expect(results[2]?.subSequenceNumber).toBeUndefined();
    expect(fake.stored.map((s) => s.data.subarray(0, 4).toString('hex') === 'f3899ac2')).toEqual([true, false, true]);
    expect(fake.stored[1]?.data.toString()).toBe('B'.repeat(AGG_MAX));
    expect(fake.userRecords().map((u) => u.data.slice(0, 7))).toEqual([
      'small-0',
      'small-1',
      'BBBBBBB',
      'small-2',
      'small-3',
      'small-4',
    ]);
  });

  it('fills aggregates up to, never past, the aggregation limit', async () => {
    // prepare
    const fake = new FakeKinesis(1);
    const producer = producerFor(fake, { aggregationMaxBytes: AGG_MAX, rateLimit: false });

    // act
    await Promise.all(posts(400, 3).map((r) => producer.put(r)));
    await producer.close();

    // assess
    const sizes = fake.stored.map((s) => s.data.length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(AGG_MAX);
    expect(sizes.filter((s) => s < AGG_MAX - 60).length).toBeLessThanOrEqual(1);
  });

  it('rejects records Kinesis would refuse, naming the field, without buffering them', async () => {
    // prepare
    const fake = new FakeKinesis(1);
    const producer = producerFor(fake);

    // act
    const tooBig = producer.put({ partitionKey: 'k', data: new Uint8Array(1_048_576) });
    const emptyKey = producer.put({ partitionKey: '', data: bytes('x') });
    const longKey = producer.put({ partitionKey: 'k'.repeat(257), data: bytes('x') });
    const badHash = producer.put({ partitionKey: 'k', explicitHashKey: '2'.repeat(40), data: bytes('x') });
    const justFits = producer.put({ partitionKey: 'k', data: new Uint8Array(1_048_575) });

    // assess
    await expect(tooBig).rejects.toMatchObject({ name: 'InvalidUserRecordError', field: 'data' });
    await expect(tooBig).rejects.toThrow(/1048577 bytes, over the 1048576-byte Kinesis record limit/);
    await expect(emptyKey).rejects.toMatchObject({ field: 'partitionKey' });
    await expect(longKey).rejects.toThrow(/1–256 characters long, got 257/);
    await expect(badHash).rejects.toBeInstanceOf(InvalidUserRecordError);
    await expect(justFits).resolves.toMatchObject({ shardId: 'shardId-000000000000' });
    await producer.close();
    expect(fake.stored).toHaveLength(1);
    expect(producer.metrics().UserRecordsFailed).toBe(4);
  });

  it('sends every record on its own when aggregation is off', async () => {
    // prepare
    const fake = new FakeKinesis(2);
    const producer = producerFor(fake, { aggregation: false, rateLimit: false });

    // act
    await Promise.all(posts(50).map((r) => producer.put(r)));
    await producer.close();

    // assess
    expect(fake.stored).toHaveLength(50);
    expect(fake.userRecords().every((u) => !u.aggregated)).toBe(true);
  });

  it('keeps the order of each partition key and never mixes explicit and derived hash keys in an aggregate', async () => {
    // prepare
    const fake = new FakeKinesis(3);
    const producer = producerFor(fake, { rateLimit: false });
    const explicit = (i: number) => (i >= 100 && i < 160) || i % 97 === 0;
    const input = posts(600, 7).map((r, i) =>
      explicit(i) ? { ...r, explicitHashKey: partitionKeyHash(r.partitionKey).toString() } : r,
    );

    // act
    await Promise.all(input.map((r) => producer.put(r)));
    await producer.close();

    // assess
    const out = fake.userRecords();
    for (let k = 0; k < 7; k++) {
      const key = `key-${k}`;
      expect(out.filter((u) => u.partitionKey === key).map((u) => u.data)).toEqual(
        input.filter((r) => r.partitionKey === key).map((r) => r.text),
      );
    }
    const inAggregates = out.filter((u) => u.aggregated);
    const expected = input
      .filter((r, i) => explicit(i) && inAggregates.some((u) => u.data === r.text))
      .map((r) => r.text);
    expect(expected.length).toBeGreaterThan(40);
    expect(
      inAggregates
        .filter((u) => u.explicitHashKey !== undefined)
        .map((u) => u.data)
        .sort(),
    ).toEqual(expected.sort());
    expect(
      inAggregates.every(
        (u) => u.explicitHashKey === undefined || u.explicitHashKey === partitionKeyHash(u.partitionKey).toString(),
      ),
    ).toBe(true);
  });
});

describe('KinesisProducer rate limit', () => {
  it('keeps each shard under its records/s limit in every second while a hot key throttles only its shard', async () => {
    // prepare: 100 records/s per shard, no aggregation; shard 0 gets 400 records, shard 1 gets 40
    const time = virtualTime(0);
    const fake = new FakeKinesis(2, time.now);
    const producer = producerFor(fake, { ...time, aggregation: false, rateLimit: { recordsPerSecond: 100 } });
    const hot = Array.from({ length: 10_000 }, (_, i) => `hot-${i}`).find(
      (k) => partitionKeyHash(k) < 1n << 127n,
    ) as string;
    const cold = Array.from({ length: 10_000 }, (_, i) => `cold-${i}`).find(
      (k) => partitionKeyHash(k) >= 1n << 127n,
    ) as string;
    const input = [
      ...Array.from({ length: 400 }, (_, i) => ({ partitionKey: hot, data: bytes(`h${i}`) })),
      ...Array.from({ length: 40 }, (_, i) => ({ partitionKey: cold, data: bytes(`c${i}`) })),
    ];

    // act
    await Promise.all(input.map((r) => producer.put(r)));
    await producer.close();

    // assess: sliding one-second windows per shard, in virtual time
    const perShard = (id: string) => fake.stored.filter((s) => s.shardId === id).map((s) => s.at);
    const maxPerSecond = (times: number[]) =>
      Math.max(...times.map((t) => times.filter((u) => u > t - 1000 && u <= t).length));
    const hotTimes = perShard('shardId-000000000000');
    const coldTimes = perShard('shardId-000000000001');
    expect(hotTimes).toHaveLength(400);
    expect(maxPerSecond(hotTimes)).toBeLessThanOrEqual(100);
    expect((hotTimes.at(-1) as number) - (hotTimes[0] as number)).toBeGreaterThan(3000);
    expect((coldTimes.at(-1) as number) - (coldTimes[0] as number)).toBeLessThan(1000);
  });
});

describe('KinesisProducer buffering time', () => {
  it('with maxBufferedTimeMs 0 sends the records put in one tick at the next turn, in one call', async () => {
    // prepare: a request-scoped producer (the ingest function puts a request's posts at once)
    const fake = new FakeKinesis(1);
    const producer = producerFor(fake, { maxBufferedTimeMs: 0, rateLimit: false });

    // act
    const results = posts(50).map((r) => producer.put(r));
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));

    // assess: sent without waiting for a buffering timer, together
    expect(fake.calls).toHaveLength(1);
    await expect(Promise.all(results)).resolves.toHaveLength(50);
    expect(fake.userRecords()).toHaveLength(50);
    await producer.close();
  });
});

describe('KinesisProducer lifecycle and metrics', () => {
  it('flush resolves once earlier records settled; close refuses later puts', async () => {
    // prepare
    const fake = new FakeKinesis(1);
    const producer = producerFor(fake, { maxBufferedTimeMs: 60_000, rateLimit: false });
    const results = posts(20).map((r) => producer.put(r));

    // act
    await producer.flush();
    const storedAfterFlush = fake.userRecords().length;
    await producer.close();
    const late = producer.put({ partitionKey: 'k', data: bytes('late') });

    // assess
    expect(storedAfterFlush).toBe(20);
    await expect(Promise.all(results)).resolves.toHaveLength(20);
    await expect(late).rejects.toBeInstanceOf(ProducerClosedError);
  });

  it('reports KPL metrics and formats them as EMF', async () => {
    // prepare
    const fake = new FakeKinesis(1);
    const intervals: number[] = [];
    const producer = producerFor(fake, { rateLimit: false, metricsSink: (s) => intervals.push(s.UserRecordsPut) });

    // act
    await Promise.all(posts(300, 5).map((r) => producer.put(r)));
    await producer.close();
    const m = producer.metrics();
    const emf = toEmf(m, { namespace: 'StreamLens/Producer', dimensions: { StreamName: 'posts' } });

    // assess
    expect(m.UserRecordsReceived).toBe(300);
    expect(m.UserRecordsPut).toBe(300);
    expect(m.KinesisRecordsPut).toBe(fake.stored.length);
    expect(m.UserRecordsPerKinesisRecord).toBeCloseTo(300 / fake.stored.length);
    expect(m.BufferingTime.count).toBe(300);
    expect(intervals).toEqual([300]);
    expect(emf).toMatchObject({
      StreamName: 'posts',
      UserRecordsPut: 300,
      _aws: { CloudWatchMetrics: [{ Namespace: 'StreamLens/Producer', Dimensions: [['StreamName']] }] },
    });
  });
});

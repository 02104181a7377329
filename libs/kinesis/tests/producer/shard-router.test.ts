// The producer's shard router on an in-memory Kinesis with a virtual clock: when it lists shards
// (first use, age, a wrong prediction — at most once a second), what a failed listing does (the
// old map keeps routing, the failure is reported), and how records not yet sent follow a split.
// A router that lists too often is throttled by ListShards' 100 calls/s per account; one that
// keeps records on a closed parent sends them to a shard that no longer takes writes.
import { ProducerError } from '../../src/index';
import type { PendingRecord } from '../../src/producer/outbound';
import { resolveOptions } from '../../src/producer/options';
import { ShardRouter, type RouterEvents } from '../../src/producer/shard-router';
import { FakeKinesis, bytes } from './helpers/fake-kinesis';

const HALF = 1n << 127n;

function setup(shards = 2) {
  let t = 1_000_000;
  const fake = new FakeKinesis(shards, () => t);
  const events = { loaded: 0, moved: 0, refreshFailed: [] as unknown[] };
  const handlers: RouterEvents = {
    loaded: () => events.loaded++,
    moved: () => events.moved++,
    refreshFailed: (err) => events.refreshFailed.push(err),
  };
  const options = resolveOptions({ client: fake, streamName: 'posts', now: () => t, aggregation: false });
  const router = new ShardRouter(options, handlers);
  return {
    fake,
    events,
    router,
    advance: (ms: number) => {
      t += ms;
    },
    now: () => t,
    /** Lets `ms` pass, asks for a refresh and waits for it; returns the ListShards calls so far. */
    refreshAfter: async (ms: number) => {
      t += ms;
      router.refresh();
      await settle();
      return fake.listShardsCalls;
    },
  };
}

function pending(hashKey: bigint, name: string): PendingRecord {
  return {
    partitionKey: name,
    explicitHashKey: hashKey.toString(),
    data: bytes(name),
    hashKey,
    size: name.length * 2,
    admittedAt: 0,
    deadline: Number.MAX_SAFE_INTEGER,
    generation: 0,
    attempts: 0,
    lastError: undefined,
    resolve: () => undefined,
    reject: () => undefined,
  };
}

/** Lets a background listing settle (the fake answers on the next microtasks). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** The user records each buffer holds, by shard id. */
function holdings(router: ShardRouter): Record<string, string[]> {
  return Object.fromEntries(
    router.all().map((b) => [b.shardId, b.queue.flatMap((r) => r.users.map((u) => u.partitionKey))]),
  );
}

describe('ShardRouter', () => {
  it('lists shards once on first use and routes hash keys to the shard owning them', async () => {
    // prepare
    const { fake, events, router } = setup(2);
    expect(router.ready).toBe(false);
    // act
    await router.ensureLoaded();
    await router.ensureLoaded();
    const low = router.bufferFor(0n);
    const high = router.bufferFor(HALF);
    // assess
    expect(router.ready).toBe(true);
    expect(fake.listShardsCalls).toBe(1);
    expect(events.loaded).toBe(1);
    expect([low.shardId, high.shardId]).toEqual(['shardId-000000000000', 'shardId-000000000001']);
    expect(router.bufferFor(HALF - 1n)).toBe(low);
    expect(router.all()).toEqual([low, high]);
  });

  it('names the stream and the cause when the first listing fails, and lists again on the next use', async () => {
    // prepare
    const { fake, router } = setup(1);
    const send = fake.send.bind(fake);
    const denied = Object.assign(new Error('not authorized to list shards'), { name: 'AccessDeniedException' });
    fake.send = (() => Promise.reject(denied)) as unknown as typeof fake.send;
    // act
    const failure = await router.ensureLoaded().then(
      () => undefined,
      (err: unknown) => err,
    );
    fake.send = send;
    await router.ensureLoaded();
    // assess
    expect(failure).toBeInstanceOf(ProducerError);
    expect((failure as Error).message).toBe(
      'Cannot list the shards of stream "posts": AccessDeniedException: not authorized to list shards',
    );
    expect((failure as Error).cause).toBe(denied);
    expect(router.ready).toBe(true);
  });

  it('refuses a stream without open shards', async () => {
    // prepare
    const { fake, router } = setup(1);
    for (const shard of fake.shards) shard.closed = true;
    // act / assess
    await expect(router.ensureLoaded()).rejects.toThrow(
      'Cannot list the shards of stream "posts": Error: stream posts has no open shards',
    );
  });

  it('re-lists on a wrong prediction at most once a second, and once while a listing is in flight', async () => {
    // prepare
    const { fake, router, advance, refreshAfter } = setup(2);
    await router.ensureLoaded();
    // act / assess
    expect(await refreshAfter(999)).toBe(1);
    advance(1);
    router.refresh();
    router.refresh();
    await settle();
    expect(fake.listShardsCalls).toBe(2);
    advance(1_000);
    router.refresh();
    advance(5_000);
    router.refresh(); // the first is still in flight
    await settle();
    expect(fake.listShardsCalls).toBe(3);
  });

  it('re-lists a map older than the given age, and not one of exactly that age', async () => {
    // prepare
    const { fake, router, advance } = setup(2);
    await router.ensureLoaded();
    // act / assess
    advance(60_000);
    router.refreshIfOlder(60_000);
    await settle();
    expect(fake.listShardsCalls).toBe(1);
    advance(1);
    router.refreshIfOlder(60_000);
    await settle();
    expect(fake.listShardsCalls).toBe(2);
  });

  it('reports a failed background listing, keeps routing on the old map and retries after a second', async () => {
    // prepare
    const { fake, events, router, refreshAfter } = setup(2);
    await router.ensureLoaded();
    const send = fake.send.bind(fake);
    const throttled = Object.assign(new Error('Rate exceeded for stream posts'), { name: 'LimitExceededException' });
    fake.send = (() => {
      fake.listShardsCalls++;
      return Promise.reject(throttled);
    }) as unknown as typeof fake.send;
    // act
    await refreshAfter(1_000);
    // assess
    expect(events.refreshFailed).toEqual([throttled]);
    expect(router.bufferFor(HALF).shardId).toBe('shardId-000000000001');
    fake.send = send;
    expect(await refreshAfter(999)).toBe(2);
    expect(await refreshAfter(1)).toBe(3);
    expect(events.loaded).toBe(2);
  });

  it('moves records not yet sent off a split parent onto its children, in order, and drops the idle parent', async () => {
    // prepare: four records queued on shard 0 (no aggregation: one queued Kinesis record each)
    const { fake, events, router, now, refreshAfter } = setup(2);
    await router.ensureLoaded();
    const quarter = HALF / 2n;
    for (const [hash, name] of [
      [1n, 'a'],
      [quarter + 1n, 'b'],
      [2n, 'c'],
      [quarter, 'd'],
    ] as const)
      router.bufferFor(hash).add(pending(hash, name), now());
    fake.split('shardId-000000000000', quarter);
    // act
    await refreshAfter(1_000);
    // assess
    expect(events.moved).toBe(1);
    expect(holdings(router)).toEqual({
      'shardId-000000000002': ['a', 'c'],
      'shardId-000000000003': ['b', 'd'],
    });
  });

  it('keeps a split parent with a call in flight (its results are still due) and reports no move when nothing moved', async () => {
    // prepare
    const { fake, events, router, now, refreshAfter } = setup(2);
    await router.ensureLoaded();
    const parent = router.bufferFor(1n);
    parent.inFlight = true;
    router.bufferFor(HALF).add(pending(HALF, 'stays'), now());
    fake.split('shardId-000000000000');
    // act
    await refreshAfter(1_000);
    // assess
    expect(events.moved).toBe(0);
    expect(holdings(router)).toEqual({ 'shardId-000000000000': [], 'shardId-000000000001': ['stays'] });
  });
});

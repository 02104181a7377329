// Integration (kinesalite): resharding — a closed parent (SplitShard / MergeShards) is read to
// its end before its children; children are found by re-listing shards; a shard end closes
// its tumbling window.
import {
  DescribeStreamSummaryCommand,
  MergeShardsCommand,
  SplitShardCommand,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import { InMemoryCheckpointStore, type KinesisWindowEvent } from '../src';
import {
  HASH_SHARD_0,
  HASH_SHARD_1,
  numbered,
  putRecords,
  startHarness,
  type Harness,
  removeAllMiddleware,
} from './helpers/kinesis-harness';
import { makeMapping, stopAllMappings } from './helpers/mapping-factory';
import { ScriptedFunction, waitFor, type Call } from './helpers/scripted-function';

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

const MID = (2n ** 127n).toString(); // splits a single shard's key space in two halves
const LOW = '1';
const HIGH = (2n ** 127n + 1n).toString();

async function active(client: KinesisClient, streamName: string): Promise<void> {
  await waitFor(
    'stream ACTIVE',
    async () =>
      (await client.send(new DescribeStreamSummaryCommand({ StreamName: streamName }))).StreamDescriptionSummary
        ?.StreamStatus === 'ACTIVE',
  );
}

async function split(client: KinesisClient, streamName: string, shardId: string, at: string): Promise<void> {
  await client.send(new SplitShardCommand({ StreamName: streamName, ShardToSplit: shardId, NewStartingHashKey: at }));
  await active(client, streamName);
}

const byShard = (fn: ScriptedFunction, shardId: string): Call[] =>
  fn.calls.filter((c) => (c.shardIds[0] ?? (c.event as KinesisWindowEvent).shardId) === shardId);

describe('resharding', () => {
  it('SplitShard: the parent is finished before either child is read', async () => {
    // prepare: parent shard 0 holds 0..5; children 1 (low keys) and 2 (high keys) hold 100.., 200..
    const stream = await h.stream(1);
    await putRecords(h.client, stream.streamName, numbered(6, { hash: LOW }));
    await split(h.client, stream.streamName, 'shardId-000000000000', MID);
    await putRecords(h.client, stream.streamName, [
      ...numbered(3, { from: 100, hash: LOW }),
      ...numbered(3, { from: 200, hash: HIGH }),
    ]);
    const fn = new ScriptedFunction(() => undefined, 20);
    const checkpoints = new InMemoryCheckpointStore();
    const { esm } = makeMapping({
      client: h.client,
      stream,
      fn,
      checkpoints,
      mappingId: 'split',
      settings: { batchSize: 2 },
    });
    // act
    await esm.start();
    await waitFor('all 12 records', () => fn.nsOf().length === 12);
    await esm.stop();
    // assess
    const parentDone = Math.max(...byShard(fn, 'shardId-000000000000').map((c) => c.endedAt ?? Infinity));
    const childStart = Math.min(
      ...[...byShard(fn, 'shardId-000000000001'), ...byShard(fn, 'shardId-000000000002')].map((c) => c.startedAt),
    );
    expect(byShard(fn, 'shardId-000000000000').flatMap((c) => c.ns)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(byShard(fn, 'shardId-000000000001').flatMap((c) => c.ns)).toEqual([100, 101, 102]);
    expect(byShard(fn, 'shardId-000000000002').flatMap((c) => c.ns)).toEqual([200, 201, 202]);
    expect(childStart).toBeGreaterThanOrEqual(parentDone);
    expect(checkpoints.snapshot('split')['shardId-000000000000']?.shardEnded).toBe(true);
    expect(esm.stats().shards.map((s) => s.status)).toEqual(['ended', 'reading', 'reading']);
  });

  it('MergeShards: the child waits for both parents (ParentShardId and AdjacentParentShardId)', async () => {
    // prepare: parent 1 is slow, so parent 0 ends first; the child must still wait for parent 1
    const stream = await h.stream(2);
    await putRecords(h.client, stream.streamName, [
      ...numbered(2, { hash: HASH_SHARD_0 }),
      ...numbered(4, { from: 100, hash: HASH_SHARD_1 }),
    ]);
    await h.client.send(
      new MergeShardsCommand({
        StreamName: stream.streamName,
        ShardToMerge: 'shardId-000000000000',
        AdjacentShardToMerge: 'shardId-000000000001',
      }),
    );
    await active(h.client, stream.streamName);
    await putRecords(h.client, stream.streamName, numbered(2, { from: 200, hash: HASH_SHARD_1 }));
    const fn = new ScriptedFunction(async (c) => {
      if (c.ns.some((n) => n >= 100 && n < 200)) await new Promise((r) => setTimeout(r, 100));
    });
    const { esm } = makeMapping({ client: h.client, stream, fn, settings: { batchSize: 1 } });
    // act
    await esm.start();
    await waitFor('all 8 records', () => fn.nsOf().length === 8, 5000);
    await esm.stop();
    // assess
    const parentsDone = Math.max(
      ...fn.calls.filter((c) => c.ns[0] !== undefined && c.ns[0] < 200).map((c) => c.endedAt ?? Infinity),
    );
    const child = byShard(fn, 'shardId-000000000002');
    expect(child.flatMap((c) => c.ns)).toEqual([200, 201]);
    expect(Math.min(...child.map((c) => c.startedAt))).toBeGreaterThanOrEqual(parentsDone);
  });

  it('children created while the mapping runs are found by re-listing shards', async () => {
    // prepare
    const stream = await h.stream(1);
    const fn = new ScriptedFunction();
    const { esm } = makeMapping({ client: h.client, stream, fn });
    await esm.start();
    await putRecords(h.client, stream.streamName, numbered(2, { hash: LOW }));
    await waitFor('parent records', () => fn.nsOf().length === 2);
    // act
    await split(h.client, stream.streamName, 'shardId-000000000000', MID);
    await putRecords(h.client, stream.streamName, [
      ...numbered(1, { from: 100, hash: LOW }),
      ...numbered(1, { from: 200, hash: HIGH }),
    ]);
    await waitFor('children records', () => fn.nsOf().length === 4, 5000);
    await esm.stop();
    // assess
    expect(fn.nsOf().slice(0, 2)).toEqual([0, 1]);
    expect(fn.nsOf().slice(2).sort()).toEqual([100, 200]);
    expect(esm.stats().shards.map((s) => s.shardId)).toEqual([
      'shardId-000000000000',
      'shardId-000000000001',
      'shardId-000000000002',
    ]);
  });

  it('a shard that ends closes its tumbling window (final invoke); children start with fresh windows', async () => {
    // prepare
    const stream = await h.stream(1);
    await putRecords(h.client, stream.streamName, numbered(1, { hash: LOW }));
    await split(h.client, stream.streamName, 'shardId-000000000000', MID);
    await putRecords(h.client, stream.streamName, numbered(1, { from: 100, hash: LOW }));
    const fn = new ScriptedFunction((c) => ({
      state: { seen: [...(((c.event as KinesisWindowEvent).state as { seen?: number[] }).seen ?? []), ...c.ns] },
    }));
    const { esm } = makeMapping({ client: h.client, stream, fn, settings: { tumblingWindowInSeconds: 900 } });
    // act: a 15-minute window cannot pass during the test: only the shard end can close it
    await esm.start();
    await waitFor('child record', () => fn.nsOf().includes(100), 5000);
    await esm.stop();
    // assess
    const parent = byShard(fn, 'shardId-000000000000').map((c) => c.event as KinesisWindowEvent);
    expect(parent.map((e) => [e.Records.length, e.isFinalInvokeForWindow, e.state])).toEqual([
      [1, false, {}],
      [0, true, { seen: [0] }],
    ]);
    const child = byShard(fn, 'shardId-000000000001').map((c) => c.event as KinesisWindowEvent);
    expect(child[0]?.state).toEqual({});
  });
});

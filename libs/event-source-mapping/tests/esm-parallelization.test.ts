// Integration (kinesalite): ParallelizationFactor — up to N batches of a shard in flight,
// order kept per partition key, and a checkpoint that never passes an unfinished record.
import { InMemoryCheckpointStore } from '../src';
import { laneOf } from '../src/lanes';
import { putRecords, startHarness, type Harness, type PutSpec, removeAllMiddleware } from './helpers/kinesis-harness';
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

/** One partition key per lane. */
function keysInDistinctLanes(lanes: number): string[] {
  const byLane = new Map<number, string>();
  for (let i = 0; byLane.size < lanes && i < 1000; i++)
    if (!byLane.has(laneOf(`key-${i}`, lanes))) byLane.set(laneOf(`key-${i}`, lanes), `key-${i}`);
  if (byLane.size < lanes) throw new Error(`no keys found for ${lanes} distinct lanes`);
  return [...byLane.values()];
}

function interleaved(keys: string[], perKey: number): PutSpec[] {
  const out: PutSpec[] = [];
  for (let i = 0; i < perKey; i++)
    for (const [k, key] of keys.entries())
      out.push({ data: JSON.stringify({ n: k * 1000 + i }), partitionKey: key, explicitHashKey: '0' });
  return out;
}

describe('ParallelizationFactor', () => {
  it('runs up to N batches of one shard at once and keeps order per partition key', async () => {
    // prepare
    const stream = await h.stream(1);
    const keys = keysInDistinctLanes(3);
    const puts = await putRecords(h.client, stream.streamName, interleaved(keys, 8));
    const fn = new ScriptedFunction(() => undefined, 40);
    const checkpoints = new InMemoryCheckpointStore();
    const { esm } = makeMapping({
      client: h.client,
      stream,
      fn,
      checkpoints,
      mappingId: 'pf',
      settings: { batchSize: 3, parallelizationFactor: 3 },
    });
    // act
    await esm.start();
    await waitFor('24 records', () => fn.nsOf().length === 24);
    await pause(50);
    await esm.stop();
    // assess
    expect(fn.maxInFlightPerShard.get('shardId-000000000000')).toBe(3);
    for (let k = 0; k < 3; k++) {
      const ofKey = fn.nsOf().filter((n) => Math.floor(n / 1000) === k);
      expect(ofKey).toEqual(Array.from({ length: 8 }, (_, i) => k * 1000 + i));
    }
    expect(fn.calls.every((c) => new Set(c.event.Records.map((r) => r.kinesis.partitionKey)).size === 1)).toBe(true);
    expect(checkpoints.snapshot('pf')['shardId-000000000000']?.sequenceNumber).toBe(puts[23]?.sequenceNumber);
  });

  it('a failing lane blocks only its own keys, and the checkpoint stays before its unfinished record', async () => {
    // prepare: key A's first record fails 6 times; keys B and C flow meanwhile
    const stream = await h.stream(1);
    const [a, b, c] = keysInDistinctLanes(3) as [string, string, string];
    const puts = await putRecords(h.client, stream.streamName, interleaved([a, b, c], 3));
    let failures = 6;
    let checkpointWhileBlocked: string | undefined;
    let pendingWhileBlocked = 0;
    const checkpoints = new InMemoryCheckpointStore();
    const fn = new ScriptedFunction((call) => {
      if (call.ns.includes(0) && failures-- > 0) {
        checkpointWhileBlocked = checkpoints.snapshot('pf-block')['shardId-000000000000']?.sequenceNumber;
        pendingWhileBlocked = Math.max(pendingWhileBlocked, esmRef.current?.stats().shards[0]?.pendingRecords ?? 0);
        throw new Error('A is down');
      }
    }, 10);
    const esmRef: { current?: ReturnType<typeof makeMapping>['esm'] } = {};
    const { esm } = makeMapping({
      client: h.client,
      stream,
      fn,
      checkpoints,
      mappingId: 'pf-block',
      settings: { batchSize: 1, parallelizationFactor: 3, maximumRetryAttempts: -1 },
    });
    esmRef.current = esm;
    // act
    await esm.start();
    await waitFor('all 9 records delivered', () => new Set(fn.nsOf()).size === 9);
    await pause(50);
    await esm.stop();
    // assess
    const successOfA = fn.calls.filter((call) => call.ns[0] === 0)[6];
    expect(successOfA).toBeDefined();
    const deliveredBeforeA = fn.calls
      .filter((call) => call.startedAt < (successOfA?.startedAt ?? 0))
      .flatMap((call) => call.ns)
      .filter((n) => n >= 1000);
    expect(deliveredBeforeA.length).toBeGreaterThan(0); // B and C did not wait for A
    expect(fn.nsOf().filter((n) => n < 1000 && n > 0)).toEqual([1, 2]); // A's order kept
    expect(checkpointWhileBlocked).toBeUndefined(); // A's first record is the first record of the shard
    expect(pendingWhileBlocked).toBeGreaterThan(0);
    expect(esm.stats().shards[0]?.pendingRecords).toBe(0);
    expect(checkpoints.snapshot('pf-block')['shardId-000000000000']?.sequenceNumber).toBe(puts[8]?.sequenceNumber);
  });
});

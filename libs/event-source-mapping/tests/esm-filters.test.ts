// Integration (kinesalite): FilterCriteria — filtered records are checkpointed and never delivered.
import { FilterPatternError, InMemoryCheckpointStore } from '../src';
import { HASH_SHARD_0, putRecords, startHarness, type Harness, removeAllMiddleware } from './helpers/kinesis-harness';
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

describe('filter criteria', () => {
  it('delivers only matching records (suffix included, as deployed); non-JSON data never passes a data pattern', async () => {
    // prepare
    const stream = await h.stream(1);
    const specs = [
      { data: JSON.stringify({ n: 0, lang: 'en' }), partitionKey: 'a' },
      { data: JSON.stringify({ n: 1, lang: 'de' }), partitionKey: 'a' },
      { data: 'not json', partitionKey: 'vip-1' },
      { data: JSON.stringify({ n: 3, lang: 'de' }), partitionKey: 'vip-2' },
      { data: Buffer.from([0xf3, 0x89, 0x9a, 0xc2, 0x01]), partitionKey: 'b' }, // KPL magic: not JSON
      { data: JSON.stringify({ n: 5, lang: 'en' }), partitionKey: 'b' },
    ].map((s) => ({ ...s, explicitHashKey: HASH_SHARD_0 }));
    const puts = await putRecords(h.client, stream.streamName, specs);
    const fn = new ScriptedFunction();
    const checkpoints = new InMemoryCheckpointStore();
    const { esm } = makeMapping({
      client: h.client,
      stream,
      fn,
      checkpoints,
      mappingId: 'filters',
      settings: {
        filters: ['{"data": {"lang": ["en"]}}', { data: { n: [{ numeric: ['>', 2] }], lang: [{ suffix: 'e' }] } }],
      },
    });
    // act
    await esm.start();
    await waitFor(
      'checkpoint at the last record',
      () => checkpoints.snapshot('filters')['shardId-000000000000']?.sequenceNumber === puts[5]?.sequenceNumber,
    );
    await esm.stop();
    // assess
    expect(fn.nsOf()).toEqual([0, 3, 5]);
    expect(esm.stats().shards[0]).toMatchObject({ polled: 6, filteredOut: 3, recordsDelivered: 3 });
  });

  it('a batch of only filtered records moves the checkpoint without any invocation', async () => {
    // prepare
    const stream = await h.stream(1);
    const puts = await putRecords(h.client, stream.streamName, [
      { data: '{"keep":false}', explicitHashKey: HASH_SHARD_0 },
    ]);
    const fn = new ScriptedFunction();
    const checkpoints = new InMemoryCheckpointStore();
    const { esm } = makeMapping({
      client: h.client,
      stream,
      fn,
      checkpoints,
      mappingId: 'all-filtered',
      settings: { filters: [{ data: { keep: [true] } }] },
    });
    // act
    await esm.start();
    await waitFor(
      'checkpoint',
      () => checkpoints.snapshot('all-filtered')['shardId-000000000000']?.sequenceNumber === puts[0]?.sequenceNumber,
    );
    await pause(50);
    await esm.stop();
    // assess
    expect(fn.calls).toHaveLength(0);
  });

  it('a pattern AWS refuses (a Kinesis metadata key) fails start() with an error naming the filter and the path', async () => {
    // prepare
    const stream = await h.stream(1);
    const { esm } = makeMapping({
      client: h.client,
      stream,
      fn: new ScriptedFunction(),
      settings: { filters: [{ data: { lang: ['en'] } }, { partitionKey: [{ prefix: 'vip-' }] }] },
    });
    // act
    const started = esm.start();
    // assess
    await expect(started).rejects.toThrow(FilterPatternError);
    await expect(started).rejects.toThrow(
      /filters\[1\] at partitionKey: is not a filterable field: Kinesis filters match only data/,
    );
  });
});

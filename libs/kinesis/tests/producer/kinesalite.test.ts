// KinesisProducer against kinesalite: what it puts reads back (deaggregated) equal to the input,
// in order per partition key, across a shard split and under injected partial failures.
import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  SplitShardCommand,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import { ensureStream, makeKinesisClient, startKinesalite, type RunningEmulator } from '@streamlens/emulators';
import { injectFaults } from '@streamlens/testing';
import { KinesisProducer, type PutResult } from '../../src/index';
import { bytes, deaggregate, type UserRecordOut } from './helpers/fake-kinesis';

let kinesalite: RunningEmulator;
let client: KinesisClient;
let streamSeq = 0;

beforeAll(async () => {
  kinesalite = await startKinesalite();
  client = makeKinesisClient(kinesalite.endpoint);
});

afterAll(async () => {
  client.destroy();
  await kinesalite.close();
});

async function newStream(shards: number): Promise<string> {
  const name = `producer-it-${++streamSeq}`;
  await ensureStream(client, name, shards);
  return name;
}

/** Every user record of the stream: all shards from TRIM_HORIZON, deaggregated with checksums. */
async function readAll(stream: string): Promise<UserRecordOut[]> {
  const { Shards = [] } = await client.send(new ListShardsCommand({ StreamName: stream }));
  const out: UserRecordOut[] = [];
  for (const shard of Shards) {
    const it = await client.send(
      new GetShardIteratorCommand({ StreamName: stream, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    let iterator = it.ShardIterator;
    for (;;) {
      const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 10_000 }));
      for (const r of page.Records ?? []) {
        out.push(
          ...deaggregate({
            shardId: shard.ShardId as string,
            sequenceNumber: r.SequenceNumber as string,
            partitionKey: r.PartitionKey as string,
            data: r.Data as Uint8Array,
          }),
        );
      }
      if (!page.Records?.length || !page.NextShardIterator) break;
      iterator = page.NextShardIterator;
    }
  }
  return out;
}

function byStreamOrder(a: UserRecordOut, b: UserRecordOut): number {
  const d = BigInt(a.sequenceNumber) - BigInt(b.sequenceNumber);
  return d !== 0n ? (d < 0n ? -1 : 1) : (a.subSequenceNumber ?? 0) - (b.subSequenceNumber ?? 0);
}

function input(n: number, keys: number, tag: string) {
  return Array.from({ length: n }, (_, i) => {
    const text = JSON.stringify({ postId: `${tag}-${i}`, text: `héllo ${i} 🌍 ${'x'.repeat(i % 300)}` });
    return { partitionKey: `post-key-${i % keys}`, data: bytes(text), text };
  });
}

function expectOrderPerKey(out: UserRecordOut[], sent: { partitionKey: string; text: string }[]): void {
  const sorted = [...out].sort(byStreamOrder);
  for (const key of new Set(sent.map((s) => s.partitionKey))) {
    expect(sorted.filter((u) => u.partitionKey === key).map((u) => u.data)).toEqual(
      sent.filter((s) => s.partitionKey === key).map((s) => s.text),
    );
  }
}

describe('KinesisProducer on kinesalite', () => {
  it('puts aggregated records that read back and deaggregate equal to the input, in order per key', async () => {
    // prepare
    const stream = await newStream(3);
    const producer = new KinesisProducer({ client, streamName: stream });
    const sent = input(3000, 40, 'a');

    // act
    const results = await Promise.all(sent.map((r) => producer.put(r)));
    await producer.close();
    const out = await readAll(stream);

    // assess
    expect(out).toHaveLength(3000);
    expect(out.filter((u) => u.aggregated).length).toBeGreaterThan(2900);
    expectOrderPerKey(out, sent);
    const located = new Map(out.map((u) => [`${u.sequenceNumber}/${u.subSequenceNumber}`, u.data]));
    expect(results.map((r) => located.get(`${r.sequenceNumber}/${r.subSequenceNumber}`))).toEqual(
      sent.map((s) => s.text),
    );
    expect(producer.metrics().UserRecordsPerKinesisRecord).toBeGreaterThan(50);
  });

  it('keeps producing across a SplitShard and routes later aggregates to the child shards', async () => {
    // prepare
    const stream = await newStream(1);
    const producer = new KinesisProducer({ client, streamName: stream, shardMapRefreshMs: 0 });
    const before = input(500, 30, 'before');
    const after = input(1500, 30, 'after');
    await Promise.all(before.map((r) => producer.put(r)));

    // act
    await client.send(
      new SplitShardCommand({
        StreamName: stream,
        ShardToSplit: 'shardId-000000000000',
        NewStartingHashKey: (1n << 127n).toString(),
      }),
    );
    await ensureStream(client, stream, 1);
    await new Promise((r) => setTimeout(r, 1_050)); // map refreshes are at most one per second
    const results: PutResult[] = [];
    for (let i = 0; i < after.length; i += 250)
      results.push(...(await Promise.all(after.slice(i, i + 250).map((r) => producer.put(r)))));
    await producer.close();
    const out = await readAll(stream);

    // assess
    expect(out).toHaveLength(2000);
    expectOrderPerKey(out, [...before, ...after]);
    expect(new Set(results.slice(-500).map((r) => r.shardId))).toEqual(
      new Set(['shardId-000000000001', 'shardId-000000000002']),
    );
    expect(producer.metrics().ShardMapLoads).toBeGreaterThanOrEqual(2);
  });

  it('re-sends only failed entries when PutRecords partially fails, losing and duplicating nothing', async () => {
    // prepare: 30 % of PutRecords calls fail 40 % of their entries (throttling / internal failure)
    const stream = await newStream(2);
    const faulty = makeKinesisClient(kinesalite.endpoint);
    const faults = injectFaults(faulty, {
      seed: 7,
      rules: [{ kind: 'failedRecords', probability: 0.3, fraction: 0.4 }],
    });
    const producer = new KinesisProducer({
      client: faulty,
      streamName: stream,
      aggregationMaxBytes: 4_096,
      maxBufferedTimeMs: 20,
    });
    const sent = input(2000, 25, 'f');

    // act
    await Promise.all(sent.map((r) => producer.put(r)));
    await producer.close();
    faulty.destroy();
    const out = await readAll(stream);

    // assess
    expect(faults.counts().failedRecordEntries).toBeGreaterThan(0);
    expect(out.map((u) => u.data).sort()).toEqual(sent.map((s) => s.text).sort());
    expect(producer.metrics().RetriesPerRecord).toBeGreaterThan(0);
  });
});

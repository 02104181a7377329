import {
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
  ListShardsCommand,
  ProvisionedThroughputExceededException,
  PutRecordCommand,
  PutRecordsCommand,
} from '@aws-sdk/client-kinesis';
import { ensureStream, makeKinesisClient, startKinesalite, type RunningEmulator } from '@streamlens/emulators';
import { startFaultProxy, type FaultProxy, type ProxyFaultRule } from '../../src';
import { rawPost, rejectionOf } from './helpers';

let kinesalite: RunningEmulator;
let direct: KinesisClient;
const opened: { proxy: FaultProxy; client: KinesisClient }[] = [];
let streamSeq = 0;

/** Every record's data in the stream, shard by shard, in sequence order. */
async function readAll(client: KinesisClient, stream: string): Promise<Buffer[]> {
  const { Shards } = await client.send(new ListShardsCommand({ StreamName: stream }));
  const out: Buffer[] = [];
  for (const shard of Shards ?? []) {
    let { ShardIterator } = await client.send(
      new GetShardIteratorCommand({ StreamName: stream, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    for (;;) {
      const page = await client.send(new GetRecordsCommand({ ShardIterator }));
      if ((page.Records ?? []).length === 0) break;
      out.push(...(page.Records ?? []).map((r) => Buffer.from(r.Data ?? new Uint8Array())));
      ShardIterator = page.NextShardIterator;
    }
  }
  return out;
}

const texts = (buffers: Buffer[]) => buffers.map((b) => b.toString()).sort();

async function newStream(shards = 1): Promise<string> {
  const name = `proxy-${++streamSeq}`;
  await ensureStream(direct, name, shards);
  return name;
}

async function proxied(rules: readonly ProxyFaultRule[], seed = 1) {
  const proxy = await startFaultProxy({ target: kinesalite.endpoint, seed, rules });
  const client = makeKinesisClient(proxy.endpoint);
  opened.push({ proxy, client });
  return { proxy, client };
}

beforeAll(async () => {
  kinesalite = await startKinesalite();
  direct = makeKinesisClient(kinesalite.endpoint);
});

afterEach(async () => {
  for (const { proxy, client } of opened.splice(0)) {
    client.destroy();
    await proxy.close();
  }
});

afterAll(async () => {
  direct.destroy();
  await kinesalite.close();
});

describe('fault proxy in front of kinesalite', () => {
  it('passes streams and records through untouched', async () => {
    // prepare
    const { proxy, client } = await proxied([{ kind: 'failedRecords', probability: 1, fraction: 0.5 }]);
    // act
    await ensureStream(client, 'through-proxy', 2);
    await client.send(
      new PutRecordCommand({ StreamName: 'through-proxy', PartitionKey: 'k1', Data: Buffer.from('one') }),
    );
    await client.send(
      new PutRecordCommand({ StreamName: 'through-proxy', PartitionKey: 'k2', Data: Buffer.from('two') }),
    );
    const viaProxy = await readAll(client, 'through-proxy');
    // assess
    expect(texts(viaProxy)).toEqual(['one', 'two']);
    expect(viaProxy).toEqual(await readAll(direct, 'through-proxy'));
    const summaryProxy = await client.send(new DescribeStreamSummaryCommand({ StreamName: 'through-proxy' }));
    const summaryDirect = await direct.send(new DescribeStreamSummaryCommand({ StreamName: 'through-proxy' }));
    expect(summaryProxy.StreamDescriptionSummary).toEqual(summaryDirect.StreamDescriptionSummary);
    expect(proxy.counts().forwarded).toBe(proxy.counts().requests);
  });

  it('never faults a CBOR body, even where a rule would fire for JSON', async () => {
    // prepare
    const { proxy } = await proxied([
      { kind: 'error', operations: ['ListStreams'], error: 'InternalFailure', probability: 1 },
    ]);
    const target = { 'X-Amz-Target': 'Kinesis_20131202.ListStreams' };
    // act
    const cbor = await rawPost(
      proxy.endpoint,
      { ...target, 'Content-Type': 'application/x-amz-cbor-1.1' },
      Buffer.from([0xa0]),
    );
    const json = await rawPost(proxy.endpoint, { ...target, 'Content-Type': 'application/x-amz-json-1.1' }, '{}');
    // assess
    expect(cbor.status).toBe(200);
    expect(cbor.headers['content-type']).toBe('application/x-amz-cbor-1.1');
    expect(json.status).toBe(500);
    expect(JSON.parse(json.body.toString())).toEqual({
      __type: 'InternalFailure',
      message: 'injected by fault proxy: Internal service failure.',
    });
    expect(proxy.counts()).toMatchObject({ requests: 2, forwarded: 1, byKind: { error: 1 } });
  });

  it('answers Kinesis errors with the bare __type the SDK maps to its exceptions', async () => {
    // prepare
    const stream = await newStream();
    const { client } = await proxied([
      { kind: 'error', operations: ['PutRecord'], error: 'ProvisionedThroughputExceededException', probability: 1 },
      { kind: 'error', operations: ['PutRecords'], error: 'InternalFailure', probability: 1 },
    ]);
    // act
    const throttled = await rejectionOf(
      client.send(new PutRecordCommand({ StreamName: stream, PartitionKey: 'k', Data: Buffer.from('a') })),
    );
    const failed = await rejectionOf(
      client.send(
        new PutRecordsCommand({ StreamName: stream, Records: [{ PartitionKey: 'k', Data: Buffer.from('b') }] }),
      ),
    );
    // assess
    expect(throttled).toBeInstanceOf(ProvisionedThroughputExceededException);
    expect(throttled['$metadata']).toMatchObject({ httpStatusCode: 400 });
    expect(failed.name).toBe('InternalFailure');
    expect(failed['$fault']).toBe('server');
    expect(failed['$metadata']).toMatchObject({ httpStatusCode: 500 });
    expect(await readAll(direct, stream)).toEqual([]);
  });

  it('fails PutRecords entries at their indices and puts only the others in the stream', async () => {
    // prepare
    const stream = await newStream(2);
    const data = Array.from({ length: 20 }, (_, i) => `rec-${String(i).padStart(2, '0')}`);
    const { proxy, client } = await proxied([{ kind: 'failedRecords', probability: 1, fraction: 0.25 }], 5);
    // act
    const out = await client.send(
      new PutRecordsCommand({
        StreamName: stream,
        Records: data.map((d) => ({ PartitionKey: d, Data: Buffer.from(d) })),
      }),
    );
    // assess
    const entries = out.Records ?? [];
    expect(entries).toHaveLength(20);
    expect(out.FailedRecordCount).toBe(5);
    const failed = entries.filter((e) => e.ErrorCode !== undefined);
    expect(failed).toHaveLength(5);
    for (const entry of failed) {
      expect(['ProvisionedThroughputExceededException', 'InternalFailure']).toContain(entry.ErrorCode);
      expect(entry.ErrorMessage).toMatch(/injected/);
      expect(entry.SequenceNumber).toBeUndefined();
    }
    const succeeded = data.filter((_, i) => entries[i]?.SequenceNumber !== undefined);
    expect(succeeded).toHaveLength(15);
    expect(texts(await readAll(direct, stream))).toEqual(succeeded);
    expect(proxy.counts()).toMatchObject({ failedRecordEntries: 5, byOperation: { PutRecords: { failedRecords: 1 } } });
  });

  it('relays 1 MB records: the forwarded half intact in the stream, the other half failed', async () => {
    // prepare
    const stream = await newStream();
    const payloads = [0x41, 0x42, 0x43, 0x44].map((byte) => Buffer.alloc(1024 * 1024 - 16, byte));
    const { client } = await proxied(
      [{ kind: 'failedRecords', probability: 1, fraction: 0.5, errorCode: 'InternalFailure' }],
      9,
    );
    // act
    const out = await client.send(
      new PutRecordsCommand({
        StreamName: stream,
        Records: payloads.map((Data, i) => ({ PartitionKey: `p${i}`, Data })),
      }),
    );
    // assess
    const entries = out.Records ?? [];
    expect(out.FailedRecordCount).toBe(2);
    expect(entries.filter((e) => e.ErrorCode === 'InternalFailure')).toHaveLength(2);
    const kept = payloads.filter((_, i) => entries[i]?.SequenceNumber !== undefined);
    const stored = await readAll(direct, stream);
    expect(stored).toHaveLength(2);
    expect(stored.map((b) => b.equals(kept[0] as Buffer) || b.equals(kept[1] as Buffer))).toEqual([true, true]);
  });
});

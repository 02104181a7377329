import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
  ListShardsCommand,
  PutRecordsCommand,
  ProvisionedThroughputExceededException,
} from '@aws-sdk/client-kinesis';
import { ensureStream, makeKinesisClient, startKinesalite, type RunningEmulator } from '@streamlens/emulators';
import { injectFaults } from '../src';

let kinesis: RunningEmulator;
let client: KinesisClient;

async function readAll(stream: string): Promise<string[]> {
  const { Shards } = await client.send(new ListShardsCommand({ StreamName: stream }));
  const out: string[] = [];
  for (const shard of Shards ?? []) {
    const { ShardIterator } = await client.send(
      new GetShardIteratorCommand({ StreamName: stream, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    const { Records } = await client.send(new GetRecordsCommand({ ShardIterator }));
    out.push(...(Records ?? []).map((r) => Buffer.from(r.Data ?? new Uint8Array()).toString()));
  }
  return out.sort();
}

beforeAll(async () => {
  kinesis = await startKinesalite();
  client = makeKinesisClient(kinesis.endpoint);
});

afterAll(async () => {
  client.destroy();
  await kinesis.close();
});

describe('injectFaults on Kinesis', () => {
  it('fails a fraction of PutRecords entries and sends only the others', async () => {
    // prepare
    await ensureStream(client, 'faults-a', 2);
    const faults = injectFaults(client, {
      seed: 21,
      rules: [{ kind: 'failedRecords', probability: 1, fraction: 0.2 }],
    });
    const data = Array.from({ length: 50 }, (_, i) => `r${String(i).padStart(2, '0')}`);
    // act
    const out = await client.send(
      new PutRecordsCommand({
        StreamName: 'faults-a',
        Records: data.map((d) => ({ PartitionKey: d, Data: Buffer.from(d) })),
      }),
    );
    faults.remove();
    // assess
    const entries = out.Records ?? [];
    expect(entries).toHaveLength(50);
    expect(out.FailedRecordCount).toBe(10);
    const failed = data.filter((_, i) => entries[i]?.ErrorCode !== undefined);
    const ok = data.filter((_, i) => entries[i]?.SequenceNumber !== undefined);
    expect(failed).toHaveLength(10);
    for (const e of entries.filter((e) => e.ErrorCode)) {
      expect(['ProvisionedThroughputExceededException', 'InternalFailure']).toContain(e.ErrorCode);
      expect(e.SequenceNumber).toBeUndefined();
    }
    expect(await readAll('faults-a')).toEqual(ok.sort());
    expect(faults.counts().failedRecordEntries).toBe(10);
  });

  it('fails every entry without calling the stream when the fraction is 1', async () => {
    // prepare
    await ensureStream(client, 'faults-b', 1);
    const faults = injectFaults(client, {
      seed: 1,
      rules: [{ kind: 'failedRecords', probability: 1, fraction: 1, errorCode: 'InternalFailure' }],
    });
    // act
    const out = await client.send(
      new PutRecordsCommand({ StreamName: 'faults-b', Records: [{ PartitionKey: 'k', Data: Buffer.from('x') }] }),
    );
    faults.remove();
    // assess
    expect(out.FailedRecordCount).toBe(1);
    expect(out.Records?.[0]?.ErrorCode).toBe('InternalFailure');
    expect(await readAll('faults-b')).toEqual([]);
  });

  it('throws Kinesis’ own ProvisionedThroughputExceededException', async () => {
    // prepare
    await ensureStream(client, 'faults-c', 1);
    const faults = injectFaults(client, {
      seed: 1,
      rules: [
        { kind: 'error', commands: ['PutRecords'], error: 'ProvisionedThroughputExceededException', probability: 1 },
      ],
    });
    // act
    const err = await client
      .send(new PutRecordsCommand({ StreamName: 'faults-c', Records: [{ PartitionKey: 'k', Data: Buffer.from('x') }] }))
      .catch((e: unknown) => e);
    faults.remove();
    // assess
    expect(err).toBeInstanceOf(ProvisionedThroughputExceededException);
    expect(await readAll('faults-c')).toEqual([]);
  });
});

// Shards over time: rollover to a child shard, the retention period, and a restart on the data dir.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, PutItemCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import { readWholeStream } from './helpers/stream-reader';
import { startStreamsServer, type StreamsServer } from './helpers/streams-server';

async function createTable(server: StreamsServer, name: string): Promise<string> {
  const { TableDescription } = await server.dynamo.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
    }),
  );
  // CreateTable answers CREATING; writes are refused until the table is ACTIVE.
  await waitUntilTableExists(
    { client: server.dynamo, maxWaitTime: 10, minDelay: 0.05, maxDelay: 0.1 },
    { TableName: name },
  );
  return TableDescription?.LatestStreamArn as string;
}

const put = (server: StreamsServer, table: string, pk: string) =>
  server.dynamo.send(new PutItemCommand({ TableName: table, Item: { pk: { S: pk } } }));

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const shardsOf = async (server: StreamsServer, arn: string) =>
  (await server.streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription?.Shards ?? [];

describe('shard rollover', () => {
  let server: StreamsServer;
  beforeAll(async () => (server = await startStreamsServer({ streams: { shardLifetimeMs: 400 } })));
  afterAll(() => server.close());

  it('closes the open shard after its lifetime and opens a child; the parent ends, the child continues', async () => {
    // prepare
    const arn = await createTable(server, 'rollover');
    await put(server, 'rollover', 'before');

    // act: the lifetime passes without writes; DescribeStream alone must show the rollover
    await waitUntil('the shard rolls over', async () => (await shardsOf(server, arn)).length === 2);
    await put(server, 'rollover', 'after');
    const [parent, child] = await shardsOf(server, arn);
    const parentIterator = await server.streams.send(
      new GetShardIteratorCommand({ StreamArn: arn, ShardId: parent?.ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    const parentPage = await server.streams.send(
      new GetRecordsCommand({ ShardIterator: parentIterator.ShardIterator }),
    );

    // assess
    expect(parent?.SequenceNumberRange?.EndingSequenceNumber).toBe(parentPage.Records?.[0]?.dynamodb?.SequenceNumber);
    expect(child?.ParentShardId).toBe(parent?.ShardId);
    expect(child?.SequenceNumberRange?.EndingSequenceNumber).toBeUndefined();
    expect(BigInt(child?.SequenceNumberRange?.StartingSequenceNumber ?? 0)).toBeGreaterThan(
      BigInt(parent?.SequenceNumberRange?.EndingSequenceNumber ?? 0),
    );
    expect(parentPage.Records?.map((r) => r.dynamodb?.Keys?.['pk']?.S)).toEqual(['before']);
    expect(parentPage.NextShardIterator).toBeUndefined();
    const all = await readWholeStream(server.streams, arn);
    expect(all.map((r) => r.dynamodb?.Keys?.['pk']?.S).slice(0, 2)).toEqual(['before', 'after']);
  }, 30_000);
});

describe('retention', () => {
  let server: StreamsServer;
  beforeAll(async () => (server = await startStreamsServer({ streams: { shardLifetimeMs: 300, retentionMs: 3_000 } })));
  afterAll(() => server.close());

  it('trims records older than the retention period and drops shards whose records are all gone', async () => {
    // prepare
    const arn = await createTable(server, 'retention');
    await put(server, 'retention', 'old');
    const [first] = await shardsOf(server, arn);
    const oldSequence = (await readWholeStream(server.streams, arn))[0]?.dynamodb?.SequenceNumber;

    // act
    await waitUntil('the first shard is dropped', async () => {
      const shards = await shardsOf(server, arn);
      return !shards.some((s) => s.ShardId === first?.ShardId);
    });
    await put(server, 'retention', 'new');
    const [open] = (await shardsOf(server, arn)).slice(-1);

    // assess
    expect((await readWholeStream(server.streams, arn)).map((r) => r.dynamodb?.Keys?.['pk']?.S)).toEqual(['new']);
    await expect(
      server.streams.send(
        new GetShardIteratorCommand({ StreamArn: arn, ShardId: first?.ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
      ),
    ).rejects.toThrow(/Shard does not exist/);
    expect(open?.ParentShardId).toEqual(expect.any(String));
    expect(oldSequence).toEqual(expect.any(String));
  }, 30_000);

  it('answers TrimmedDataAccessException for a position before the trim horizon of a shard still held', async () => {
    // prepare: a long-lived shard whose first record expires while the shard stays open
    const slow = await startStreamsServer({ streams: { shardLifetimeMs: 60_000, retentionMs: 2_000 } });
    try {
      const arn = await createTable(slow, 'trim-horizon');
      await put(slow, 'trim-horizon', 'expires');
      const [shard] = await shardsOf(slow, arn);
      const stale = await slow.streams.send(
        new GetShardIteratorCommand({ StreamArn: arn, ShardId: shard?.ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
      );
      const expiring = (await readWholeStream(slow.streams, arn))[0]?.dynamodb?.SequenceNumber;

      // act
      // A trim between GetShardIterator and GetRecords answers TrimmedDataAccessException: look again.
      await waitUntil('the record is trimmed', async () => {
        const records = await readWholeStream(slow.streams, arn).catch((err: unknown) => {
          if (err instanceof TrimmedDataAccessException) return undefined;
          throw err;
        });
        return records !== undefined && records.length === 0;
      });

      // assess
      await expect(
        slow.streams.send(new GetRecordsCommand({ ShardIterator: stale.ShardIterator })),
      ).rejects.toBeInstanceOf(TrimmedDataAccessException);
      await expect(
        slow.streams.send(
          new GetShardIteratorCommand({
            StreamArn: arn,
            ShardId: shard?.ShardId,
            ShardIteratorType: 'AT_SEQUENCE_NUMBER',
            SequenceNumber: expiring,
          }),
        ),
      ).rejects.toBeInstanceOf(TrimmedDataAccessException);
    } finally {
      await slow.close();
    }
  }, 30_000);
});

describe('persistence', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'streamlens-streams-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps streams, shards and records across a restart on the data dir, and keeps numbering upward', async () => {
    // prepare
    const first = await startStreamsServer({ dataDir: dir });
    const arn = await createTable(first, 'persisted');
    await put(first, 'persisted', 'one');
    await put(first, 'persisted', 'two');
    const before = await readWholeStream(first.streams, arn);
    await first.close();

    // act
    const second = await startStreamsServer({ dataDir: dir });
    try {
      await put(second, 'persisted', 'three');
      const after = await readWholeStream(second.streams, arn);

      // assess
      expect(after.slice(0, 2)).toEqual(before);
      expect(after.map((r) => r.dynamodb?.Keys?.['pk']?.S)).toEqual(['one', 'two', 'three']);
      expect(BigInt(after[2]?.dynamodb?.SequenceNumber ?? 0)).toBeGreaterThan(
        BigInt(after[1]?.dynamodb?.SequenceNumber ?? 0),
      );
    } finally {
      await second.close();
    }
  }, 30_000);
});

// The stream log alone, over an in-memory store: commit order, rollover, numbering, trimming.
import { StreamLog, type AttributeMap } from '../src';
import { MemoryBackend } from './helpers/memory-backend';

const KEY_SCHEMA = [{ AttributeName: 'pk', KeyType: 'HASH' }] as const;
const item = (pk: string, n = '1'): AttributeMap => ({ pk: { S: pk }, n: { N: n } });

class ManualClock {
  constructor(public ms = 1_800_000_000_000) {}
  now = () => this.ms;
}

async function openLog(backend = new MemoryBackend(), clock = new ManualClock(), shardLifetimeMs = 1_000) {
  const log = await StreamLog.open(backend, { region: 'eu-west-1', clock, shardLifetimeMs, retentionMs: 10_000 });
  const stream = await log.enableStream({
    tableName: 't',
    streamArn: 'arn:aws:dynamodb:eu-west-1:000000000000:table/t/stream/x',
    streamLabel: 'x',
    keySchema: KEY_SCHEMA,
    viewType: 'NEW_AND_OLD_IMAGES',
  });
  return { log, backend, clock, arn: stream.streamArn };
}

async function commit(
  log: StreamLog,
  backend: MemoryBackend,
  write: { oldItem?: AttributeMap; newItem?: AttributeMap },
) {
  const append = await log.prepareAppend('t', write);
  if (!append) return undefined;
  await backend.batch(append.ops);
  append.settle();
  return append.record;
}

describe('StreamLog', () => {
  it('never lets a reader pass a record whose batch has not landed yet', async () => {
    // prepare
    const { log, backend, arn } = await openLog();
    const shardId = log.describeStream(arn).shards[0]?.shardId as string;
    const late = await log.prepareAppend('t', { newItem: item('late') });
    const early = await log.prepareAppend('t', { newItem: item('early') });

    // act: the second record commits first
    await backend.batch(early?.ops ?? []);
    early?.settle();
    const whileLate = await log.readRecords(arn, shardId, 0n, { limit: 100, maxBytes: 1_000_000 });
    await backend.batch(late?.ops ?? []);
    late?.settle();
    const afterLate = await log.readRecords(arn, shardId, whileLate.after, { limit: 100, maxBytes: 1_000_000 });

    // assess
    expect(whileLate.records).toEqual([]);
    expect(afterLate.records.map((r) => r.dynamodb.Keys['pk']?.S)).toEqual(['late', 'early']);
  });

  it('records nothing for a write that changes no data, and INSERT/MODIFY/REMOVE otherwise', async () => {
    // prepare
    const { log, backend } = await openLog();

    // act
    const events = [
      await commit(log, backend, { newItem: item('a') }),
      await commit(log, backend, { oldItem: item('a'), newItem: item('a') }),
      await commit(log, backend, { oldItem: item('a'), newItem: item('a', '2') }),
      await commit(log, backend, { oldItem: item('a', '2') }),
      await commit(log, backend, {}),
    ].map((r) => r?.eventName);

    // assess
    expect(events).toEqual(['INSERT', undefined, 'MODIFY', 'REMOVE', undefined]);
  });

  it('rolls over on the first write after the lifetime, numbering the child after the parent', async () => {
    // prepare
    const { log, backend, clock, arn } = await openLog();
    const first = await commit(log, backend, { newItem: item('1') });

    // act
    clock.ms += 1_000;
    const second = await commit(log, backend, { newItem: item('2') });
    const [parent, child] = log.describeStream(arn).shards;

    // assess
    expect(parent?.endingSequenceNumber).toBe(first?.dynamodb.SequenceNumber);
    expect(child?.parentShardId).toBe(parent?.shardId);
    expect(BigInt(child?.startingSequenceNumber ?? 0)).toBeGreaterThan(BigInt(parent?.endingSequenceNumber ?? 0));
    expect(BigInt(second?.dynamodb.SequenceNumber ?? 0)).toBeGreaterThan(BigInt(child?.startingSequenceNumber ?? 0));
    const parentPage = await log.readRecords(arn, parent?.shardId as string, 0n, { limit: 10, maxBytes: 1e6 });
    expect(parentPage.ended).toBe(true);
    const childPage = await log.readRecords(arn, child?.shardId as string, 0n, { limit: 10, maxBytes: 1e6 });
    expect([childPage.records.length, childPage.ended]).toEqual([1, false]);
  });

  it('continues numbering and shard state after reopening the same store', async () => {
    // prepare
    const { log, backend, clock, arn } = await openLog();
    const last = await commit(log, backend, { newItem: item('1') });

    // act
    const reopened = await StreamLog.open(backend, { region: 'eu-west-1', clock, shardLifetimeMs: 1_000 });
    const state = reopened.describeStream(arn);
    const next = await commit(reopened, backend, { newItem: item('2') });

    // assess
    expect(state).toEqual(log.describeStream(arn));
    expect(BigInt(next?.dynamodb.SequenceNumber ?? 0)).toBe(BigInt(last?.dynamodb.SequenceNumber ?? 0) + 1n);
  });

  it('stops a GetRecords page at the byte limit but always returns at least one record', async () => {
    // prepare
    const { log, backend, arn } = await openLog();
    for (const pk of ['a', 'b', 'c']) await commit(log, backend, { newItem: item(pk) });
    const shardId = log.describeStream(arn).shards[0]?.shardId as string;

    // act
    const tiny = await log.readRecords(arn, shardId, 0n, { limit: 100, maxBytes: 1 });
    const two = await log.readRecords(arn, shardId, 0n, {
      limit: 100,
      maxBytes: 2 * (tiny.records[0]?.dynamodb.SizeBytes ?? 0),
    });

    // assess
    expect(tiny.records).toHaveLength(1);
    expect(two.records).toHaveLength(2);
  });

  it('removes expired records and fully expired closed shards, then a disabled stream with none left', async () => {
    // prepare
    const { log, backend, clock, arn } = await openLog();
    await commit(log, backend, { newItem: item('old') });
    clock.ms += 1_000; // the first shard closes now
    await commit(log, backend, { newItem: item('newer') });
    clock.ms += 500; // the second one closes now
    await log.disableStream('t');

    // act
    clock.ms += 10_000 - 500 + 1; // past the retention of the first shard only
    await log.trim();
    const afterFirstTrim = log.describeStream(arn).shards.length;
    clock.ms += 10_000;
    await log.trim();

    // assess
    expect(afterFirstTrim).toBe(1);
    expect(() => log.describeStream(arn)).toThrow(/not found/);
    expect([...backend.data.keys()].filter((k) => k.startsWith('streams-record~'))).toEqual([]);
  });
});

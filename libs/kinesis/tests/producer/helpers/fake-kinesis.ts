// In-memory Kinesis for producer unit tests: routes PutRecords by hash key to open shards like
// Kinesis does, stores what it accepted, and fails entries or calls as a test scripts it.
import {
  ListShardsCommand,
  PutRecordsCommand,
  type ListShardsCommandOutput,
  type PutRecordsCommandOutput,
  type PutRecordsRequestEntry,
  type Shard,
} from '@aws-sdk/client-kinesis';
import type { KinesisPort } from '../../../src/index';
import { partitionKeyHash } from '../../../src/index';

const { deaggregateSync } = require('aws-kinesis-agg') as {
  deaggregateSync(
    record: { partitionKey: string; sequenceNumber: string; data: string },
    computeChecksums: boolean,
    cb: (
      err: Error | null,
      records?: { partitionKey: string; explicitPartitionKey?: string; subSequenceNumber?: number; data: string }[],
    ) => void,
  ): void;
};

/** A Kinesis record the fake accepted. */
export interface StoredRecord {
  readonly shardId: string;
  readonly sequenceNumber: string;
  readonly partitionKey: string;
  readonly explicitHashKey?: string;
  readonly data: Buffer;
  /** Time of the accepting call, per the test's clock. */
  readonly at: number;
}

/** A user record recovered from the stored records with aws-kinesis-agg (checksums verified). */
export interface UserRecordOut {
  readonly shardId: string;
  readonly sequenceNumber: string;
  readonly subSequenceNumber?: number;
  readonly partitionKey: string;
  readonly explicitHashKey?: string;
  readonly data: string;
  /** True when it came out of a KPL aggregate. */
  readonly aggregated: boolean;
}

interface FakeShard {
  readonly id: string;
  readonly start: bigint;
  readonly end: bigint;
  closed: boolean;
}

/** Decides the ErrorCode of one entry (undefined = accept). */
export type EntryFault = (entry: PutRecordsRequestEntry, callIndex: number, entryIndex: number) => string | undefined;

/** A scriptable in-memory Kinesis. */
export class FakeKinesis implements KinesisPort {
  readonly shards: FakeShard[] = [];
  readonly stored: StoredRecord[] = [];
  /** Entries of every PutRecords call, in call order. */
  readonly calls: PutRecordsRequestEntry[][] = [];
  listShardsCalls = 0;
  entryFault: EntryFault | undefined;
  /** Throws this from the whole call (undefined = no call error). */
  callFault: ((callIndex: number) => Error | undefined) | undefined;
  /** Awaited before each PutRecords answers (to hold calls in flight). */
  gate: (() => Promise<void>) | undefined;
  private seq = 0;
  private nextShard = 0;

  constructor(
    shardCount: number,
    private readonly clock: () => number = Date.now,
  ) {
    const max = (1n << 128n) - 1n;
    const width = (max + 1n) / BigInt(shardCount);
    for (let i = 0; i < shardCount; i++) {
      const start = width * BigInt(i);
      this.addShard(start, i === shardCount - 1 ? max : start + width - 1n);
    }
  }

  private addShard(start: bigint, end: bigint): FakeShard {
    const shard = { id: `shardId-${String(this.nextShard++).padStart(12, '0')}`, start, end, closed: false };
    this.shards.push(shard);
    return shard;
  }

  /** Splits an open shard at `at` (the first hash key of the upper child), like SplitShard. */
  split(shardId: string, at?: bigint): void {
    const parent = this.shards.find((s) => s.id === shardId && !s.closed);
    if (!parent) throw new Error(`no open shard ${shardId}`);
    const mid = at ?? parent.start + (parent.end - parent.start) / 2n;
    parent.closed = true;
    this.addShard(parent.start, mid - 1n);
    this.addShard(mid, parent.end);
  }

  send(command: PutRecordsCommand): Promise<PutRecordsCommandOutput>;
  send(command: ListShardsCommand): Promise<ListShardsCommandOutput>;
  async send(
    command: PutRecordsCommand | ListShardsCommand,
  ): Promise<PutRecordsCommandOutput | ListShardsCommandOutput> {
    if (command instanceof ListShardsCommand) {
      this.listShardsCalls++;
      const Shards: Shard[] = this.shards.map((s) => ({
        ShardId: s.id,
        HashKeyRange: { StartingHashKey: s.start.toString(), EndingHashKey: s.end.toString() },
        SequenceNumberRange: { StartingSequenceNumber: '0', ...(s.closed ? { EndingSequenceNumber: '1' } : {}) },
      }));
      return { Shards, $metadata: {} };
    }
    const entries = command.input.Records ?? [];
    const callIndex = this.calls.length;
    this.calls.push(entries);
    await this.gate?.();
    const callError = this.callFault?.(callIndex);
    if (callError) throw callError;
    const at = this.clock();
    let failed = 0;
    const Records = entries.map((entry, i) => {
      const code = this.entryFault?.(entry, callIndex, i);
      if (code) {
        failed++;
        return { ErrorCode: code, ErrorMessage: `injected ${code}` };
      }
      const hash =
        entry.ExplicitHashKey !== undefined
          ? BigInt(entry.ExplicitHashKey)
          : partitionKeyHash(entry.PartitionKey as string);
      const shard = this.shards.find((s) => !s.closed && s.start <= hash && hash <= s.end) as FakeShard;
      const sequenceNumber = String(++this.seq).padStart(20, '0');
      this.stored.push({
        shardId: shard.id,
        sequenceNumber,
        partitionKey: entry.PartitionKey as string,
        ...(entry.ExplicitHashKey !== undefined ? { explicitHashKey: entry.ExplicitHashKey } : {}),
        data: Buffer.from(entry.Data as Uint8Array),
        at,
      });
      return { ShardId: shard.id, SequenceNumber: sequenceNumber };
    });
    return { FailedRecordCount: failed, Records, $metadata: {} };
  }

  /** Every user record stored, deaggregated with aws-kinesis-agg (checksums verified), in stream order. */
  userRecords(): UserRecordOut[] {
    return this.stored.flatMap((r) => deaggregate(r));
  }
}

/** Deaggregates one Kinesis record with aws-kinesis-agg, computeChecksums = true. */
export function deaggregate(r: {
  shardId: string;
  sequenceNumber: string;
  partitionKey: string;
  data: Uint8Array;
}): UserRecordOut[] {
  const aggregated = Buffer.from(r.data.subarray(0, 4)).equals(Buffer.from([0xf3, 0x89, 0x9a, 0xc2]));
  let out: UserRecordOut[] = [];
  deaggregateSync(
    { partitionKey: r.partitionKey, sequenceNumber: r.sequenceNumber, data: Buffer.from(r.data).toString('base64') },
    true,
    (err, records) => {
      if (err) throw err;
      out = (records ?? []).map((u) => ({
        shardId: r.shardId,
        sequenceNumber: r.sequenceNumber,
        ...(u.subSequenceNumber !== undefined ? { subSequenceNumber: u.subSequenceNumber } : {}),
        partitionKey: u.partitionKey,
        ...(u.explicitPartitionKey !== undefined ? { explicitHashKey: u.explicitPartitionKey } : {}),
        data: Buffer.from(u.data, 'base64').toString('utf8'),
        aggregated,
      }));
    },
  );
  return out;
}

/** A virtual clock: sleep advances time instantly, so retries and rate limits run in microseconds. */
export function virtualTime(start = 1_000_000): {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  advance: (ms: number) => void;
} {
  let t = start;
  return {
    now: () => t,
    sleep: async (ms: number) => {
      t += ms;
      await new Promise((r) => setImmediate(r));
    },
    advance: (ms: number) => {
      t += ms;
    },
  };
}

/** Encodes a string payload. */
export function bytes(text: string): Uint8Array {
  return Buffer.from(text, 'utf8');
}

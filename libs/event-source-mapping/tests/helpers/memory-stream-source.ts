// A second stream kind for the source contract tests: DynamoDB-Streams-shaped records (eventName,
// dynamodb.{Keys, NewImage, SequenceNumber}) served from memory, with parent/child shards, the
// 1,000-record read limit, no AT_TIMESTAMP, whole-record filters and DDBStreamBatchInfo. The
// mapping's rules under test are the real ones; only the stream is in memory.
import { DYNAMODB_STREAMS_FILTER_ROOT_KEYS, toLosslessJson, type LosslessJson } from '@streamlens/config';
import {
  BATCH_INFO_KEYS,
  type ShardLink,
  type ShardReadContext,
  type ShardRecordReader,
  type SourcePage,
  type StreamRecord,
  type StreamSource,
} from '../../src';

/** A change as a DynamoDB stream record carries it (attribute-value maps). */
export interface DynamoChange {
  readonly eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  readonly keys: Record<string, { S: string }>;
  readonly newImage?: Record<string, { S: string } | { N: string }>;
}

/** One element of `Records` in a DynamoDB Streams event. */
export interface DynamoEventRecord {
  readonly eventID: string;
  readonly eventName: DynamoChange['eventName'];
  readonly eventVersion: '1.1';
  readonly eventSource: 'aws:dynamodb';
  readonly awsRegion: string;
  readonly eventSourceARN: string;
  readonly dynamodb: {
    readonly ApproximateCreationDateTime: number;
    readonly Keys: DynamoChange['keys'];
    readonly NewImage?: DynamoChange['newImage'];
    readonly SequenceNumber: string;
    readonly SizeBytes: number;
    readonly StreamViewType: 'NEW_IMAGE';
  };
}

interface StoredChange extends DynamoChange {
  readonly sequenceNumber: string;
  readonly arrivalMs: number;
}

interface MemoryShard {
  readonly link: ShardLink;
  readonly changes: StoredChange[];
  closed: boolean;
}

/** A DynamoDB-Streams-like stream in memory. */
export class MemoryDynamoStreamSource implements StreamSource<StreamRecord<DynamoEventRecord>> {
  readonly kind = 'DynamoDB Streams';
  readonly startingPositions = ['TRIM_HORIZON', 'LATEST'] as const;
  readonly limits = { maxRecordsPerRead: 1_000, readsPerSecond: 200 };
  readonly batchInfoKey = BATCH_INFO_KEYS.dynamodbStreams;
  readonly filterView = {
    streamKind: 'DynamoDB Streams',
    rootKeys: DYNAMODB_STREAMS_FILTER_ROOT_KEYS,
    document: (record: StreamRecord<DynamoEventRecord>) => ({
      fields: toLosslessJson(record.eventRecord) as { [key: string]: LosslessJson },
    }),
  };
  /** Largest `limit` a read asked for. */
  largestReadLimit = 0;
  private readonly shards = new Map<string, MemoryShard>();
  private sequence = 100_000_000_000_000_000_000n;

  constructor(readonly streamArn: string) {}

  /** Adds a shard (a child names its parent). */
  addShard(shardId: string, parentShardId?: string): void {
    this.shards.set(shardId, {
      link: { shardId, ...(parentShardId ? { parentShardId } : {}) },
      changes: [],
      closed: false,
    });
  }

  /** Appends changes to a shard; returns their sequence numbers. */
  put(shardId: string, changes: readonly DynamoChange[]): string[] {
    const shard = this.shard(shardId);
    return changes.map((c) => {
      const sequenceNumber = String((this.sequence += 1_000n));
      shard.changes.push({ ...c, sequenceNumber, arrivalMs: Date.now() });
      return sequenceNumber;
    });
  }

  /** Closes a shard: once read to its end, its children may start. */
  close(shardId: string): void {
    this.shard(shardId).closed = true;
  }

  async listShards(): Promise<ShardLink[]> {
    return [...this.shards.values()].map((s) => s.link);
  }

  openShard(context: ShardReadContext): ShardRecordReader<StreamRecord<DynamoEventRecord>> {
    const shard = this.shard(context.shardId);
    const start = context.start;
    let next =
      start.kind === 'AFTER_SEQUENCE_NUMBER'
        ? shard.changes.findIndex((c) => c.sequenceNumber === start.sequenceNumber) + 1
        : start.kind === 'LATEST'
          ? shard.changes.length
          : 0;
    return {
      read: async (limit): Promise<SourcePage<StreamRecord<DynamoEventRecord>> | undefined> => {
        this.largestReadLimit = Math.max(this.largestReadLimit, limit);
        if (!(await context.readGate.acquire(context.signal))) return undefined;
        const startedAtMs = context.clock.now();
        const page = shard.changes.slice(next, next + limit);
        next += page.length;
        const atEnd = next === shard.changes.length;
        return {
          records: page.map((c) => toRecord(context, c)),
          skipped: [],
          caughtUp: atEnd,
          startedAtMs,
          ended: atEnd && shard.closed,
        };
      },
    };
  }

  private shard(shardId: string): MemoryShard {
    const shard = this.shards.get(shardId);
    if (!shard) throw new Error(`no shard ${shardId}`);
    return shard;
  }
}

function toRecord(context: ShardReadContext, c: StoredChange): StreamRecord<DynamoEventRecord> {
  const eventRecord: DynamoEventRecord = {
    eventID: `${context.shardId}-${c.sequenceNumber}`,
    eventName: c.eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: context.eventContext.region,
    eventSourceARN: context.eventContext.streamArn,
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(c.arrivalMs / 1000),
      Keys: c.keys,
      ...(c.newImage ? { NewImage: c.newImage } : {}),
      SequenceNumber: c.sequenceNumber,
      SizeBytes: Buffer.byteLength(JSON.stringify([c.keys, c.newImage ?? {}])),
      StreamViewType: 'NEW_IMAGE',
    },
  };
  return {
    shardId: context.shardId,
    sequenceNumber: c.sequenceNumber,
    laneKey: JSON.stringify(c.keys),
    arrivalMs: c.arrivalMs,
    eventRecord,
    eventBytes: Buffer.byteLength(JSON.stringify(eventRecord)),
  };
}

// Reads the records of a failure record's range back from the stream: AT_SEQUENCE_NUMBER the
// first, GetRecords until past the last (compared as BigInt). Data gone from retention or an
// iterator the stream rejects is an answer ("expired"), not a crash.
import { GetRecordsCommand, GetShardIteratorCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { compareSequenceNumbers } from '@streamlens/kinesis';
import { fromSdkRecord, type EventRecordContext, type KinesisStreamRecord } from '@streamlens/event-source-mapping';

/** Errors that mean the range cannot be read any more (trimmed, unknown shard or sequence number). */
const UNREADABLE = new Set([
  'TrimmedDataAccessException',
  'ResourceNotFoundException',
  'InvalidArgumentException',
  'ExpiredIteratorException',
]);

/** What reading a range gave. */
export interface RangeRead {
  readonly records: readonly KinesisStreamRecord[];
  /** Nothing could be read: the reason (error name and message), else undefined. */
  readonly unreadable: string | undefined;
}

/** Where the range is. */
export interface RangeSpec {
  readonly streamName: string;
  readonly shardId: string;
  readonly startSequenceNumber: string;
  readonly endSequenceNumber: string;
  readonly context: EventRecordContext;
}

function unreadableReason(err: unknown): string | undefined {
  const name = err instanceof Error ? err.name : '';
  return UNREADABLE.has(name) ? `${name}: ${(err as Error).message}` : undefined;
}

/**
 * Reads `[startSequenceNumber, endSequenceNumber]` of one shard.
 *
 * @example
 * ```ts
 * const { records, unreadable } = await readRange(kinesis, { streamName, shardId, startSequenceNumber, endSequenceNumber, context });
 * ```
 */
export async function readRange(kinesis: KinesisClient, spec: RangeSpec, pageLimit = 1000): Promise<RangeRead> {
  const records: KinesisStreamRecord[] = [];
  try {
    const it = await kinesis.send(
      new GetShardIteratorCommand({
        StreamName: spec.streamName,
        ShardId: spec.shardId,
        ShardIteratorType: 'AT_SEQUENCE_NUMBER',
        StartingSequenceNumber: spec.startSequenceNumber,
      }),
    );
    let iterator = it.ShardIterator;
    while (iterator) {
      const page = await kinesis.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: pageLimit }));
      const got = page.Records ?? [];
      for (const r of got) {
        if (compareSequenceNumbers(r.SequenceNumber ?? '0', spec.endSequenceNumber) > 0)
          return { records, unreadable: undefined };
        records.push(fromSdkRecord(spec.shardId, r, spec.context));
      }
      // An empty page at the tip of an open shard: everything written so far has been read.
      if (got.length === 0) break;
      iterator = page.NextShardIterator;
    }
  } catch (err) {
    const reason = unreadableReason(err);
    if (reason === undefined) throw err;
    return { records, unreadable: reason };
  }
  return { records, unreadable: undefined };
}

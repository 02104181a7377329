// DynamoDB Streams as a StreamSource: shards from DescribeStream (a child names its parent: AWS
// closes a table stream's shards every few hours), records from GetShardIterator/GetRecords
// (1,000 records or 1 MB a call), the event element Lambda sends, filters over the whole record,
// `DDBStreamBatchInfo` failure records, and no AT_TIMESTAMP starting position.
import {
  DescribeStreamCommand,
  type DescribeStreamCommandOutput,
  type DynamoDBStreamsClient,
} from '@aws-sdk/client-dynamodb-streams';
import { DYNAMODB_FILTER_VIEW } from './dynamodb-filter-view';
import type { DynamoDBStreamRecord } from './dynamodb-record';
import { DynamoDBShardReader } from './dynamodb-shard-reader';
import type { ShardLink } from './shard-topology';
import type { FilterView, ShardReadContext, ShardRecordReader, SourceLimits, StreamSource } from './stream-source';
import { BATCH_INFO_KEYS } from './types';

/** GetRecords on a DynamoDB stream returns at most 1,000 records. */
export const DYNAMODB_STREAMS_MAX_RECORDS_PER_READ = 1000;

/** Lambda polls each shard of a DynamoDB stream four times a second. */
export const DYNAMODB_STREAMS_READS_PER_SECOND = 4;

/** Starting positions of a DynamoDB Streams mapping (no AT_TIMESTAMP). */
export const DYNAMODB_STARTING_POSITIONS = ['TRIM_HORIZON', 'LATEST'] as const;

/** Options of {@link DynamoDBStreamSource}. */
export interface DynamoDBStreamSourceOptions {
  readonly streams: DynamoDBStreamsClient;
  /** The table's `LatestStreamArn`. */
  readonly streamArn: string;
}

/**
 * A table's DynamoDB stream read the way Lambda's event-source mapping reads it.
 *
 * @example
 * ```ts
 * const source = new DynamoDBStreamSource({ streams, streamArn: table.LatestStreamArn });
 * new EventSourceMapping({ source, mappingId: 'alerts', settings, invoker, checkpoints });
 * ```
 */
export class DynamoDBStreamSource implements StreamSource<DynamoDBStreamRecord> {
  readonly kind = 'DynamoDB Streams';
  readonly streamArn: string;
  readonly startingPositions = DYNAMODB_STARTING_POSITIONS;
  readonly limits: SourceLimits = {
    maxRecordsPerRead: DYNAMODB_STREAMS_MAX_RECORDS_PER_READ,
    readsPerSecond: DYNAMODB_STREAMS_READS_PER_SECOND,
  };
  readonly batchInfoKey = BATCH_INFO_KEYS.dynamodbStreams;
  readonly filterView: FilterView<DynamoDBStreamRecord> = DYNAMODB_FILTER_VIEW;

  constructor(private readonly o: DynamoDBStreamSourceOptions) {
    this.streamArn = o.streamArn;
  }

  async listShards(signal: AbortSignal): Promise<ShardLink[]> {
    const out: ShardLink[] = [];
    let start: string | undefined;
    do {
      const page: DescribeStreamCommandOutput = await this.o.streams.send(
        new DescribeStreamCommand({ StreamArn: this.streamArn, ...(start ? { ExclusiveStartShardId: start } : {}) }),
        { abortSignal: signal },
      );
      for (const s of page.StreamDescription?.Shards ?? []) {
        out.push({ shardId: s.ShardId ?? '', ...(s.ParentShardId ? { parentShardId: s.ParentShardId } : {}) });
      }
      start = page.StreamDescription?.LastEvaluatedShardId;
    } while (start);
    return out;
  }

  openShard(context: ShardReadContext): ShardRecordReader<DynamoDBStreamRecord> {
    return new DynamoDBShardReader({ ...context, streams: this.o.streams, streamArn: this.streamArn });
  }
}

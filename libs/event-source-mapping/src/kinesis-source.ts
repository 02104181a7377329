// Kinesis as a StreamSource: shards from ListShards (with their resharding parents), records
// from GetShardIterator/GetRecords (10,000 records or 10 MiB a call, AT_TIMESTAMP emulated),
// Kinesis event elements, `data`-decoding filters and `KinesisBatchInfo` failure records.
import {
  ListShardsCommand,
  type KinesisClient,
  type ListShardsCommandOutput,
  type Shard,
} from '@aws-sdk/client-kinesis';
import { STARTING_POSITIONS } from '@streamlens/config';
import { GET_RECORDS_PER_SECOND, MAX_GET_RECORDS_LIMIT } from './constants';
import { KINESIS_FILTER_VIEW } from './kinesis-filter-view';
import type { KinesisStreamRecord } from './kinesis-record';
import { KinesisShardReader } from './kinesis-shard-reader';
import type { ShardLink } from './shard-topology';
import type { FilterView, ShardReadContext, ShardRecordReader, SourceLimits, StreamSource } from './stream-source';
import { BATCH_INFO_KEYS } from './types';

/** Options of {@link KinesisStreamSource}. */
export interface KinesisStreamSourceOptions {
  readonly kinesis: KinesisClient;
  readonly streamName: string;
  readonly streamArn: string;
}

function toLink(s: Shard): ShardLink {
  return {
    shardId: s.ShardId ?? '',
    ...(s.ParentShardId ? { parentShardId: s.ParentShardId } : {}),
    ...(s.AdjacentParentShardId ? { adjacentParentShardId: s.AdjacentParentShardId } : {}),
  };
}

/**
 * A Kinesis data stream read the way Lambda's event-source mapping reads it.
 *
 * @example
 * ```ts
 * const source = new KinesisStreamSource({ kinesis, streamName: 'posts', streamArn });
 * new EventSourceMapping({ source, mappingId: 'consumer', settings, invoker, checkpoints });
 * ```
 */
export class KinesisStreamSource implements StreamSource<KinesisStreamRecord> {
  readonly kind = 'Kinesis';
  readonly streamArn: string;
  readonly startingPositions = STARTING_POSITIONS;
  readonly limits: SourceLimits = { maxRecordsPerRead: MAX_GET_RECORDS_LIMIT, readsPerSecond: GET_RECORDS_PER_SECOND };
  readonly batchInfoKey = BATCH_INFO_KEYS.kinesis;
  readonly filterView: FilterView<KinesisStreamRecord> = KINESIS_FILTER_VIEW;

  constructor(private readonly o: KinesisStreamSourceOptions) {
    this.streamArn = o.streamArn;
  }

  async listShards(signal: AbortSignal): Promise<ShardLink[]> {
    const out: ShardLink[] = [];
    let token: string | undefined;
    do {
      const page: ListShardsCommandOutput = await this.o.kinesis.send(
        new ListShardsCommand(token ? { NextToken: token } : { StreamName: this.o.streamName }),
        { abortSignal: signal },
      );
      out.push(...(page.Shards ?? []).map(toLink));
      token = page.NextToken;
    } while (token);
    return out;
  }

  openShard(context: ShardReadContext): ShardRecordReader<KinesisStreamRecord> {
    return new KinesisShardReader({ ...context, kinesis: this.o.kinesis, streamName: this.o.streamName });
  }
}

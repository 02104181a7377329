// Local stack, summary: reads the whole stream back (every shard from TRIM_HORIZON), KPL
// aggregates split into their posts, so the summary counts what any producer put.
import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  type KinesisClient,
  type ListShardsCommandOutput,
} from '@aws-sdk/client-kinesis';
import { decodeAggregatedRecord, isAggregated } from '@streamlens/kinesis';
import type { StreamUserRecord } from './post-accounting';

const PAGE_RECORDS = 1000;

async function shardIds(client: KinesisClient, streamName: string): Promise<string[]> {
  const ids: string[] = [];
  let token: string | undefined;
  do {
    const page: ListShardsCommandOutput = await client.send(
      new ListShardsCommand(token ? { NextToken: token } : { StreamName: streamName }),
    );
    for (const shard of page.Shards ?? []) if (shard.ShardId) ids.push(shard.ShardId);
    token = page.NextToken;
  } while (token);
  return ids;
}

function* userRecords(shardId: string, sequenceNumber: string, data: Uint8Array): Generator<StreamUserRecord> {
  if (isAggregated(data)) {
    let subs;
    try {
      subs = decodeAggregatedRecord(data);
    } catch {
      subs = undefined; // a corrupt aggregate is one poison record
    }
    if (subs) {
      for (let i = 0; i < subs.length; i++)
        yield { shardId, sequenceNumber, subSequenceNumber: i, data: (subs[i] as { data: Uint8Array }).data };
      return;
    }
  }
  yield { shardId, sequenceNumber, data };
}

/**
 * Every user record in the stream, shard by shard in stream order, up to the newest record.
 *
 * @example
 * ```ts
 * for await (const r of readWholeStream(kinesis, 'streamlens-dev-posts')) count++;
 * ```
 */
export async function* readWholeStream(client: KinesisClient, streamName: string): AsyncGenerator<StreamUserRecord> {
  for (const shardId of await shardIds(client, streamName)) {
    let iterator = (
      await client.send(
        new GetShardIteratorCommand({ StreamName: streamName, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }),
      )
    ).ShardIterator;
    while (iterator) {
      const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: PAGE_RECORDS }));
      for (const r of page.Records ?? [])
        if (r.SequenceNumber && r.Data) yield* userRecords(shardId, r.SequenceNumber, r.Data);
      // An open shard always hands out a next iterator: stop at its newest record.
      if ((page.Records ?? []).length === 0 && (page.MillisBehindLatest ?? 0) === 0) break;
      iterator = page.NextShardIterator;
    }
  }
}

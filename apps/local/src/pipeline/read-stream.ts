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

// kinesalite does not cap a GetRecords answer at 10 MiB as Kinesis does: with 300 KB poison
// records a 1,000-record page grew past what one response can carry (socket hang up at the end
// of a chaos run). 100 records keep a page under 100 MiB even at the 1 MiB record limit.
const PAGE_RECORDS = 100;

/**
 * Sends a read that is safe to repeat (same iterator, same page) again after a dropped socket:
 * a pooled keep-alive socket can close under a request (Node servers drop idle ones after 5 s;
 * an emulator restarted during the run drops them all), and the emulator clients make one
 * attempt only.
 *
 * @example
 * ```ts
 * const page = await repeatableRead(() => client.send(new GetRecordsCommand({ ShardIterator })));
 * ```
 */
export async function repeatableRead<T>(send: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (err) {
      const text = `${(err as { code?: unknown }).code ?? ''} ${String(err)}`;
      if (attempt >= attempts || !/socket hang up|ECONNRESET|EPIPE/.test(text)) throw err;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}

async function shardIds(client: KinesisClient, streamName: string): Promise<string[]> {
  const ids: string[] = [];
  let token: string | undefined;
  do {
    const page: ListShardsCommandOutput = await repeatableRead(() =>
      client.send(new ListShardsCommand(token ? { NextToken: token } : { StreamName: streamName })),
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
      await repeatableRead(() =>
        client.send(
          new GetShardIteratorCommand({ StreamName: streamName, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }),
        ),
      )
    ).ShardIterator;
    while (iterator) {
      const page = await repeatableRead(() =>
        client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: PAGE_RECORDS })),
      );
      for (const r of page.Records ?? [])
        if (r.SequenceNumber && r.Data) yield* userRecords(shardId, r.SequenceNumber, r.Data);
      // An open shard always hands out a next iterator: stop at its newest record.
      if ((page.Records ?? []).length === 0 && (page.MillisBehindLatest ?? 0) === 0) break;
      iterator = page.NextShardIterator;
    }
  }
}

// Reads the whole stream back after a chaos run: where each shard ends, and which valid posts
// arrived in which tumbling window (what the trends must count).
import { createHash } from 'node:crypto';
import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import { deaggregateBytes } from '@streamlens/kinesis';
import { decodePost } from '@streamlens/schemas';
import { repeatableRead } from '../../src/pipeline/read-stream';
import { recordKey } from './chaos-ledger';

/** What the stream holds. */
export interface StreamContents {
  /** shardId → sequence number of its last record. */
  readonly lastSequence: Map<string, string>;
  /** ISO window start → distinct valid postIds per shard, summed over shards. */
  readonly postsPerWindow: Map<string, number>;
  /** Every valid postId in the stream. */
  readonly postIds: Set<string>;
  /** recordKey (see chaos-ledger) → SHA-1 of the record's bytes, for every user record and every corrupt aggregate. */
  readonly contentHash: Map<string, string>;
  /** Latest arrival time of any record, epoch ms. */
  readonly lastArrivalMs: number;
  readonly records: number;
}

/** Reads every shard from TRIM_HORIZON to its end. */
export async function readStream(
  client: KinesisClient,
  streamName: string,
  windowSeconds: number,
): Promise<StreamContents> {
  const windowMs = windowSeconds * 1000;
  const lastSequence = new Map<string, string>();
  const perWindow = new Map<string, Set<string>>();
  const postIds = new Set<string>();
  const contentHash = new Map<string, string>();
  const sha1 = (b: Uint8Array) => createHash('sha1').update(b).digest('hex');
  let lastArrivalMs = 0;
  let records = 0;
  const { Shards = [] } = await repeatableRead(() => client.send(new ListShardsCommand({ StreamName: streamName })));
  for (const shard of Shards) {
    const shardId = shard.ShardId as string;
    let iterator = (
      await repeatableRead(() =>
        client.send(
          new GetShardIteratorCommand({ StreamName: streamName, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }),
        ),
      )
    ).ShardIterator;
    while (iterator) {
      // kinesalite does not cap a GetRecords answer at 10 MiB as Kinesis does: with 300 KB poison
      // records a 10,000-record page grew past what one response can carry (socket hang up).
      const page = await repeatableRead(() =>
        client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 200 })),
      );
      for (const r of page.Records ?? []) {
        records += 1;
        const arrivedAt = (r.ApproximateArrivalTimestamp as Date).getTime();
        lastArrivalMs = Math.max(lastArrivalMs, arrivedAt);
        lastSequence.set(shardId, r.SequenceNumber as string);
        let users;
        try {
          users = deaggregateBytes(r.Data as Uint8Array, {
            partitionKey: r.PartitionKey as string,
            sequenceNumber: r.SequenceNumber as string,
            arrivedAt,
          });
        } catch {
          // A corrupt aggregate: poison, counted by nobody's trends.
          contentHash.set(recordKey(shardId, r.SequenceNumber as string, undefined), sha1(r.Data as Uint8Array));
          continue;
        }
        for (const u of users) {
          contentHash.set(recordKey(shardId, u.sequenceNumber, u.subSequenceNumber), sha1(u.data));
          let postId: string;
          try {
            postId = decodePost(u.data).postId;
          } catch {
            continue; // poison
          }
          postIds.add(postId);
          const key = `${new Date(Math.floor(arrivedAt / windowMs) * windowMs).toISOString()}|${shardId}`;
          let set = perWindow.get(key);
          if (!set) perWindow.set(key, (set = new Set()));
          set.add(postId);
        }
      }
      if ((page.Records ?? []).length === 0 && (page.MillisBehindLatest ?? 0) === 0) break;
      iterator = page.NextShardIterator;
    }
  }
  const postsPerWindow = new Map<string, number>();
  for (const [key, set] of perWindow) {
    const window = key.slice(0, key.indexOf('|'));
    postsPerWindow.set(window, (postsPerWindow.get(window) ?? 0) + set.size);
  }
  return { lastSequence, postsPerWindow, postIds, contentHash, lastArrivalMs, records };
}

// Local stack, status: how many posts a function has consumed, counted from the Kinesis records
// it was sent and its mapping's checkpoints — retries, bisected halves and redeliveries count
// once, and a post is consumed once its shard's checkpoint passed it, as the mapping defines it.
import type { FunctionInvoker, InvokeOptions, InvokeResult } from '@streamlens/event-source-mapping';
import { userRecordCount } from './user-records';

interface EventRecordLike {
  readonly eventID?: unknown;
  readonly kinesis?: { readonly sequenceNumber?: unknown; readonly data?: unknown };
}

interface ShardTally {
  /** Records seen but not yet behind the checkpoint: sequence number → posts. */
  readonly pending: Map<string, number>;
  posts: number;
  records: number;
  /** Checkpoint last counted up to: a record at or before it is never counted again. */
  floor: bigint | undefined;
}

/** Consumed posts and Kinesis records of one function (this run). */
export interface ConsumedCounts {
  readonly posts: number;
  readonly records: number;
}

/**
 * Wraps the invoker of a mapping and counts the posts of every record it is sent; `consumed`
 * then counts those at or before each shard's checkpoint.
 *
 * @example
 * ```ts
 * const counter = new PostCounter(invoker);
 * new EventSourceMapping({ …, invoker: counter });
 * counter.consumed(mapping.stats().shards); // { posts: 5480, records: 565 }
 * ```
 */
export class PostCounter implements FunctionInvoker {
  private readonly shards = new Map<string, ShardTally>();

  constructor(private readonly inner: FunctionInvoker) {}

  invoke(event: unknown, options: InvokeOptions): Promise<InvokeResult> {
    for (const record of (event as { Records?: readonly EventRecordLike[] }).Records ?? []) this.observe(record);
    return this.inner.invoke(event, options);
  }

  /** Posts and records up to each shard's checkpoint (`shards` from the mapping's stats). */
  consumed(shards: readonly { readonly shardId: string; readonly checkpoint: string | undefined }[]): ConsumedCounts {
    let posts = 0;
    let records = 0;
    for (const { shardId, checkpoint } of shards) {
      const tally = this.shards.get(shardId);
      if (!tally) continue;
      if (checkpoint !== undefined) {
        const limit = BigInt(checkpoint);
        tally.floor = limit;
        for (const [seq, n] of tally.pending) {
          if (BigInt(seq) > limit) continue;
          tally.pending.delete(seq);
          tally.posts += n;
          tally.records++;
        }
      }
      posts += tally.posts;
      records += tally.records;
    }
    return { posts, records };
  }

  private observe(record: EventRecordLike): void {
    const seq = record.kinesis?.sequenceNumber;
    const id = record.eventID;
    const data = record.kinesis?.data;
    if (typeof seq !== 'string' || typeof id !== 'string' || typeof data !== 'string') return;
    const shardId = id.slice(0, id.indexOf(':'));
    let tally = this.shards.get(shardId);
    if (!tally) this.shards.set(shardId, (tally = { pending: new Map(), posts: 0, records: 0, floor: undefined }));
    if (tally.floor !== undefined && BigInt(seq) <= tally.floor) return;
    if (!tally.pending.has(seq)) tally.pending.set(seq, userRecordCount(Buffer.from(data, 'base64')));
  }
}

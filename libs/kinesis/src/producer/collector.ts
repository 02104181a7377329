// Collection: which queued Kinesis records go into the next PutRecords call. A shard with a
// call in flight is skipped (so its records stay in order); each record must be due (backoff
// over) and allowed by its shard's token buckets; the call is sent once it is full or once a
// record in it reached its max buffered time (or when flushing).
import type { OutboundRecord } from './outbound';
import type { ShardBuffer } from './shard-buffer';

/** Limits of one PutRecords call. */
export interface CollectionLimits {
  readonly collectionMaxCount: number;
  readonly collectionMaxBytes: number;
}

/** The records of one call and the shards they belong to. */
export interface Batch {
  readonly records: OutboundRecord[];
  readonly shards: Set<ShardBuffer>;
}

/**
 * Picks the next batch from `shards` (round-robin from `start` for fairness), or says when to
 * look again. `expireHeads` fails records past their TTL before they are considered.
 */
export function collectBatch(
  shards: readonly ShardBuffer[],
  now: number,
  eager: boolean,
  limits: CollectionLimits,
  start: number,
  expireHeads: (shard: ShardBuffer) => void,
): { batch?: Batch; wakeAt: number } {
  const candidates = shards.filter((s) => !s.inFlight && s.queue.length > 0);
  let wakeAt = Infinity;
  let due = eager;
  let count = 0;
  let bytes = 0;
  for (const shard of candidates) {
    expireHeads(shard);
    const head = shard.queue[0];
    if (!head) continue;
    if (head.readyAt > now) wakeAt = Math.min(wakeAt, head.readyAt);
    else if (head.flushAt <= now) due = true;
    else wakeAt = Math.min(wakeAt, head.flushAt);
    count += shard.queue.length;
    bytes += shard.queueBytes;
  }
  if (!due && count < limits.collectionMaxCount && bytes < limits.collectionMaxBytes) return { wakeAt };

  const records: OutboundRecord[] = [];
  const taken = new Set<ShardBuffer>();
  let batchBytes = 0;
  for (let i = 0; i < candidates.length && records.length < limits.collectionMaxCount; i++) {
    const shard = candidates[(start + i) % candidates.length] as ShardBuffer;
    for (;;) {
      expireHeads(shard);
      const head = shard.queue[0];
      if (!head) break;
      if (head.readyAt > now) {
        wakeAt = Math.min(wakeAt, head.readyAt);
        break;
      }
      if (records.length >= limits.collectionMaxCount || batchBytes + head.size > limits.collectionMaxBytes) break;
      const wait = shard.rateWaitMs(head, now);
      if (wait > 0) {
        wakeAt = Math.min(wakeAt, now + wait);
        break;
      }
      shard.charge(head, now);
      shard.shift();
      records.push(head);
      taken.add(shard);
      batchBytes += head.size;
    }
  }
  if (records.length === 0) return { wakeAt };
  for (const shard of taken) shard.inFlight = true;
  return { batch: { records, shards: taken }, wakeAt };
}

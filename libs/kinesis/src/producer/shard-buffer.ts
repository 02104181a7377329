// Per-shard state: the open aggregate, the queue of Kinesis records ready to send, and the
// token buckets that keep the shard under its write limits.
import { AggregateBuilder } from './aggregate-builder';
import { buildOutbound, type OutboundRecord, type PendingRecord } from './outbound';
import { TokenBucket } from './token-bucket';

/** Settings a shard buffer needs. */
export interface ShardBufferSettings {
  readonly aggregation: boolean;
  readonly aggregationMaxBytes: number;
  readonly maxBufferedTimeMs: number;
  readonly rateLimit:
    { readonly recordsPerSecond: number; readonly bytesPerSecond: number; readonly burstFraction: number } | undefined;
}

/** Buffer of one shard. Records leave in the order they came, retries first. */
export class ShardBuffer {
  /** Kinesis records ready to send, oldest first. */
  readonly queue: OutboundRecord[] = [];
  /** Bytes (keys plus data) of the queued records. */
  queueBytes = 0;
  /** True while a PutRecords call carrying this shard's records is in flight (keeps order). */
  inFlight = false;
  private members: PendingRecord[] = [];
  private builder: AggregateBuilder | undefined;
  private readonly records: TokenBucket | undefined;
  private readonly bytes: TokenBucket | undefined;

  constructor(
    readonly shardId: string,
    private readonly settings: ShardBufferSettings,
    now: number,
  ) {
    const limit = settings.rateLimit;
    if (limit) {
      this.records = new TokenBucket(limit.recordsPerSecond, limit.burstFraction, now);
      this.bytes = new TokenBucket(limit.bytesPerSecond, limit.burstFraction, now);
    }
  }

  /** When the open aggregate must be sealed; undefined when none is open. */
  get openDeadline(): number | undefined {
    const first = this.members[0];
    return first ? first.admittedAt + this.settings.maxBufferedTimeMs : undefined;
  }

  /** True when nothing is buffered or in flight for this shard. */
  get idle(): boolean {
    return !this.inFlight && this.queue.length === 0 && this.members.length === 0;
  }

  /** Adds a user record; returns the Kinesis records that became ready. */
  add(record: PendingRecord, now: number): OutboundRecord[] {
    const s = this.settings;
    if (!s.aggregation) return this.enqueue([record], now);
    const ready: OutboundRecord[] = [];
    this.builder ??= new AggregateBuilder();
    // aws-kinesis-agg reads an absent explicit_hash_key_index as 0, so a record without an
    // explicit hash key would inherit another record's: never mix the two in one aggregate.
    const mixes =
      this.members.length > 0 &&
      (this.members[0]?.explicitHashKey === undefined) !== (record.explicitHashKey === undefined);
    if (mixes || this.builder.sizeWith(record) > s.aggregationMaxBytes) {
      // Seal first so a key's records keep their order across aggregates.
      if (this.members.length > 0) ready.push(...this.seal(now));
      this.builder = new AggregateBuilder();
      if (this.builder.sizeWith(record) > s.aggregationMaxBytes) return [...ready, ...this.enqueue([record], now)];
    }
    this.builder.add(record);
    this.members.push(record);
    return ready;
  }

  /** Turns the open aggregate into a ready Kinesis record. */
  seal(now: number): OutboundRecord[] {
    if (this.members.length === 0) return [];
    const members = this.members;
    const builder = this.builder;
    this.members = [];
    this.builder = undefined;
    return this.enqueue(members, now, builder);
  }

  private enqueue(users: PendingRecord[], now: number, builder?: AggregateBuilder): OutboundRecord[] {
    const first = users[0] as PendingRecord;
    const out = buildOutbound(
      this.shardId,
      users,
      this.settings.aggregation,
      first.admittedAt + this.settings.maxBufferedTimeMs,
      now,
      builder,
    );
    this.queue.push(out);
    this.queueBytes += out.size;
    return [out];
  }

  /** Puts a record back at the head of the queue (a retry goes before newer records). */
  requeue(record: OutboundRecord): void {
    record.shardId = this.shardId;
    this.queue.unshift(record);
    this.queueBytes += record.size;
  }

  /** Takes back every user record not yet sent (queued first, then the open aggregate), oldest first. */
  drainUnsent(): PendingRecord[] {
    const users = [...this.queue.flatMap((r) => r.users), ...this.members];
    this.queue.length = 0;
    this.queueBytes = 0;
    this.members = [];
    this.builder = undefined;
    return users;
  }

  /** Removes and returns the head of the queue. */
  shift(): OutboundRecord | undefined {
    const head = this.queue.shift();
    if (head) this.queueBytes -= head.size;
    return head;
  }

  /** Milliseconds until the rate limit lets `record` go (0 = now). */
  rateWaitMs(record: OutboundRecord, now: number): number {
    if (!this.records || !this.bytes) return 0;
    return Math.max(this.records.waitMs(1, now), this.bytes.waitMs(record.size, now));
  }

  /** Charges the rate limit for `record` (after rateWaitMs returned 0). */
  charge(record: OutboundRecord, now: number): void {
    this.records?.take(1, now);
    this.bytes?.take(record.size, now);
  }
}

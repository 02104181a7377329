// Kinesis limits reads per shard, not per reader: 5 GetRecords calls/s and 2 MB/s shared by
// every standard consumer of the shard. The local stack gives all its mappings of a stream one
// ShardReadLimits, so the consumer and aggregator mappings contend for a shard as they would in
// AWS (where enhanced fan-out is the way out). A mapping built without one limits only its own
// calls, as before.
import { sleep } from './async-tools';
import { GET_RECORDS_PER_SECOND, READ_BYTES_PER_SECOND } from './constants';
import { SlidingWindowRateLimiter } from './rate-limiter';
import type { Clock } from './types';

/** What ShardReader waits on before each GetRecords and reports to after it. */
export interface ReadGate {
  /** Waits until a GetRecords may start. False when `signal` aborted the wait. */
  acquire(signal?: AbortSignal): Promise<boolean>;
  /** Counts the bytes a GetRecords returned against the shard's read throughput. */
  charge(bytes: number): void;
  /** How long a GetRecords started now would wait (0 = may go now). */
  delayMs(): number;
}

/** Options of {@link ShardReadLimits}. */
export interface ShardReadLimitsOptions {
  readonly clock: Clock;
  /** GetRecords calls per second per shard (Kinesis: 5). */
  readonly callsPerSecond?: number;
  /** Bytes per second per shard (Kinesis: 2 MB/s). */
  readonly bytesPerSecond?: number;
}

/**
 * One read budget per shard, shared by every mapping given this object.
 *
 * @example
 * ```ts
 * const limits = new ShardReadLimits({ clock: Date });
 * new EventSourceMapping({ ...consumer, readLimits: limits });
 * new EventSourceMapping({ ...aggregator, readLimits: limits });
 * ```
 */
export class ShardReadLimits {
  private readonly shards = new Map<string, ShardReadGate>();
  private readonly callsPerSecond: number;
  private readonly bytesPerSecond: number;

  constructor(private readonly o: ShardReadLimitsOptions) {
    this.callsPerSecond = o.callsPerSecond ?? GET_RECORDS_PER_SECOND;
    this.bytesPerSecond = o.bytesPerSecond ?? READ_BYTES_PER_SECOND;
    if (!(Number.isInteger(this.callsPerSecond) && this.callsPerSecond > 0))
      throw new RangeError(`callsPerSecond must be a positive integer, got ${this.callsPerSecond}`);
    if (!(this.bytesPerSecond > 0 && Number.isFinite(this.bytesPerSecond)))
      throw new RangeError(`bytesPerSecond must be a positive number, got ${this.bytesPerSecond}`);
  }

  /** The gate of one shard of the stream `stream` (its ARN or name: any stable key; the same object for every caller). */
  forShard(stream: string, shardId: string): ReadGate {
    const key = `${stream}/${shardId}`;
    let gate = this.shards.get(key);
    if (!gate) this.shards.set(key, (gate = new ShardReadGate(this.callsPerSecond, this.bytesPerSecond, this.o.clock)));
    return gate;
  }
}

/** A mapping's own call limit, without a byte budget (a mapping built without ShardReadLimits). */
export function callLimitGate(callsPerSecond: number, clock: Clock): ReadGate {
  const calls = new SlidingWindowRateLimiter(callsPerSecond, 1000, clock);
  return { acquire: (signal) => calls.acquire(signal), charge: () => undefined, delayMs: () => calls.delayMs() };
}

// Bytes read put the shard in debt, repaid at bytesPerSecond; the next call waits for it. That
// is Kinesis's rule: after a 10 MiB answer, calls in the next 5 s are refused.
class ShardReadGate implements ReadGate {
  private readonly calls: SlidingWindowRateLimiter;
  private freeAtMs = 0;

  constructor(
    callsPerSecond: number,
    private readonly bytesPerSecond: number,
    private readonly clock: Clock,
  ) {
    this.calls = new SlidingWindowRateLimiter(callsPerSecond, 1000, clock);
  }

  delayMs(): number {
    return Math.max(this.freeAtMs - this.clock.now(), this.calls.delayMs(), 0);
  }

  async acquire(signal?: AbortSignal): Promise<boolean> {
    // Until both the byte debt and the call window allow a call; the limiter then takes the slot.
    for (let d = this.delayMs(); d > 0; d = this.delayMs()) {
      await sleep(d, signal);
      if (signal?.aborted) return false;
    }
    return this.calls.acquire(signal);
  }

  charge(bytes: number): void {
    this.freeAtMs = Math.max(this.clock.now(), this.freeAtMs) + (bytes * 1000) / this.bytesPerSecond;
  }
}

// Sliding-window rate limit: at most `maxCalls` in any `windowMs` (Kinesis allows 5
// GetRecords calls per second per shard).
import { sleep } from './async-tools';
import type { Clock } from './types';

/** Limits calls to `maxCalls` per sliding `windowMs`. */
export class SlidingWindowRateLimiter {
  private readonly calls: number[] = [];

  constructor(
    private readonly maxCalls: number,
    private readonly windowMs: number,
    private readonly clock: Clock,
  ) {}

  /** How long a call made now would have to wait (0 = may go now). */
  delayMs(): number {
    const now = this.clock.now();
    while (this.calls.length > 0 && (this.calls[0] as number) <= now - this.windowMs) this.calls.shift();
    if (this.calls.length < this.maxCalls) return 0;
    return (this.calls[0] as number) + this.windowMs - now;
  }

  /** Waits for a slot and takes it. Returns false when `signal` aborted the wait. */
  async acquire(signal?: AbortSignal): Promise<boolean> {
    for (let d = this.delayMs(); d > 0; d = this.delayMs()) {
      await sleep(d, signal);
      if (signal?.aborted) return false;
    }
    this.calls.push(this.clock.now());
    return true;
  }
}

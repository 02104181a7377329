// Token bucket for one shard limit (records/s or bytes/s).

/**
 * A token bucket whose burst plus refill never exceeds `limitPerSecond` within any second:
 * it holds at most `burstFraction × limit` tokens and refills at `(1 − burstFraction) × limit`
 * per second. A cost larger than the burst is allowed once the bucket is full and leaves it in
 * debt, so a single large record is never starved.
 *
 * @example
 * ```ts
 * const bytes = new TokenBucket(1_048_576, 0.05, now);
 * if (bytes.canTake(size, now)) bytes.take(size, now);
 * ```
 */
export class TokenBucket {
  private readonly capacity: number;
  private readonly ratePerMs: number;
  private tokens: number;
  private updatedAt: number;

  constructor(limitPerSecond: number, burstFraction: number, now: number) {
    this.capacity = limitPerSecond * burstFraction;
    this.ratePerMs = (limitPerSecond * (1 - burstFraction)) / 1000;
    this.tokens = this.capacity;
    this.updatedAt = now;
  }

  private refill(now: number): void {
    if (now > this.updatedAt) {
      this.tokens = Math.min(this.capacity, this.tokens + (now - this.updatedAt) * this.ratePerMs);
      this.updatedAt = now;
    }
  }

  /** Whether `cost` may be taken now. */
  canTake(cost: number, now: number): boolean {
    this.refill(now);
    return this.tokens >= Math.min(cost, this.capacity);
  }

  /** Takes `cost` (call only after canTake). */
  take(cost: number, now: number): void {
    this.refill(now);
    this.tokens -= cost;
  }

  /** Milliseconds until `cost` may be taken (0 when it may be taken now). */
  waitMs(cost: number, now: number): number {
    this.refill(now);
    const missing = Math.min(cost, this.capacity) - this.tokens;
    return missing <= 0 ? 0 : Math.ceil(missing / this.ratePerMs);
  }
}

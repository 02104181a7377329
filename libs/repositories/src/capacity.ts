// Read and write units the repositories consume, counted from DynamoDB's own answers: every
// request asks for ReturnConsumedCapacity TOTAL. A conditional write whose condition fails is
// charged by DynamoDB but answered with an error that carries no ConsumedCapacity, so it is
// counted by the documented rule instead (the item's size rounded up to 1 KB, at least 1 unit).

/** Units consumed, as DynamoDB bills them (on-demand: read/write request units). */
export interface ConsumedUnits {
  readonly readUnits: number;
  readonly writeUnits: number;
}

/** What {@link CapacityMeter.snapshot} returns. */
export interface CapacitySnapshot extends ConsumedUnits {
  /** Requests sent (each attempt counts). */
  readonly requests: number;
  /** Conditional writes refused by their condition (charged by the documented rule). */
  readonly conditionFailures: number;
}

/** The ConsumedCapacity of one answer: one entry (single-item calls) or one per table (batches). */
type ConsumedCapacityAnswer = { CapacityUnits?: number } | readonly { CapacityUnits?: number }[] | undefined;

/** DynamoDB's write unit: 1 KB of item. */
export const WRITE_UNIT_BYTES = 1024;

/**
 * Accumulates consumed capacity. Pass one to a repository (`capacity` option) to count what its
 * calls cost; a repository without one counts nothing.
 *
 * @example
 * ```ts
 * const capacity = new CapacityMeter();
 * const writer = new DynamoPostsWriter({ client, tableName, ttlDays: 30, capacity });
 * await writer.putPosts(posts);
 * capacity.snapshot().writeUnits / posts.length; // write units per post
 * ```
 */
export class CapacityMeter {
  private read = 0;
  private write = 0;
  private requests = 0;
  private conditionFailures = 0;

  /** Adds the ConsumedCapacity of an answer (a read or a write call). */
  addAnswer(kind: 'read' | 'write', consumed: ConsumedCapacityAnswer): void {
    this.requests += 1;
    const entries = Array.isArray(consumed) ? consumed : consumed ? [consumed] : [];
    const units = entries.reduce((sum: number, c: { CapacityUnits?: number }) => sum + (c.CapacityUnits ?? 0), 0);
    if (kind === 'read') this.read += units;
    else this.write += units;
  }

  /** Counts a conditional write refused by its condition: the item's size in 1 KB units, at least 1. */
  addConditionFailure(itemBytes: number): void {
    this.requests += 1;
    this.conditionFailures += 1;
    this.write += Math.max(1, Math.ceil(itemBytes / WRITE_UNIT_BYTES));
  }

  /** Counts a request that failed before DynamoDB charged anything (throttled, dropped). */
  addUncharged(): void {
    this.requests += 1;
  }

  /** Adds another meter's totals (a call's own meter into a shared one). */
  absorb(other: CapacitySnapshot): void {
    this.read += other.readUnits;
    this.write += other.writeUnits;
    this.requests += other.requests;
    this.conditionFailures += other.conditionFailures;
  }

  /** The totals so far. */
  snapshot(): CapacitySnapshot {
    return {
      readUnits: this.read,
      writeUnits: this.write,
      requests: this.requests,
      conditionFailures: this.conditionFailures,
    };
  }
}

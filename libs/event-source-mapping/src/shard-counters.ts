// Mutable counters behind ShardStats, owned by one shard consumer.

/** Counters of one shard (see ShardStats for their meaning). */
export interface ShardCounters {
  polled: number;
  filteredOut: number;
  recordsDelivered: number;
  batches: number;
  invocations: number;
  failedInvocations: number;
  retries: number;
  failuresSentToDestination: number;
  recordsSkipped: number;
  inFlightBatches: number;
  iteratorAgeMs: number | undefined;
}

/** Fresh zeroed counters. */
export function newShardCounters(): ShardCounters {
  return {
    polled: 0,
    filteredOut: 0,
    recordsDelivered: 0,
    batches: 0,
    invocations: 0,
    failedInvocations: 0,
    retries: 0,
    failuresSentToDestination: 0,
    recordsSkipped: 0,
    inFlightBatches: 0,
    iteratorAgeMs: undefined,
  };
}

// In-flight bookkeeping: a user record awaiting its result, and the Kinesis record carrying it.
import { AggregateBuilder } from './aggregate-builder';
import type { PutResult } from './types';

/** A user record admitted into the producer and not yet settled. */
export interface PendingRecord {
  readonly partitionKey: string;
  readonly explicitHashKey: string | undefined;
  readonly data: Uint8Array;
  readonly hashKey: bigint;
  /** Partition key plus data bytes. */
  readonly size: number;
  readonly admittedAt: number;
  /** admittedAt + TTL: not put by then → RecordExpiredError. */
  readonly deadline: number;
  /** Flush generation it was admitted in (flush() waits for its generation). */
  readonly generation: number;
  /** Times it was sent. */
  attempts: number;
  lastError: unknown;
  readonly resolve: (result: PutResult) => void;
  readonly reject: (error: unknown) => void;
}

/** A Kinesis record (an aggregate or a single user record) queued for a shard. */
export interface OutboundRecord {
  /** Shard the record is expected to land on. */
  shardId: string;
  readonly users: readonly PendingRecord[];
  readonly aggregated: boolean;
  readonly partitionKey: string;
  readonly explicitHashKey: string | undefined;
  readonly data: Uint8Array;
  /** Partition key plus data bytes, as Kinesis counts them. */
  readonly size: number;
  /** Send no later than this (first user record's admission + max buffered time). */
  readonly flushAt: number;
  /** Send no earlier than this (retry backoff). */
  readyAt: number;
  /** Earliest deadline of its user records. */
  readonly deadline: number;
  /** Failed sends so far. */
  retries: number;
}

/**
 * Builds the Kinesis record for user records bound for one shard: a lone record goes as is
 * (as the KPL does); several become one KPL aggregate keyed by the first record's partition
 * key, with that record's hash key as ExplicitHashKey so the aggregate lands on its shard.
 * `builder`, when given, already holds exactly `users`.
 */
export function buildOutbound(
  shardId: string,
  users: readonly PendingRecord[],
  aggregation: boolean,
  flushAt: number,
  readyAt: number,
  builder?: AggregateBuilder,
): OutboundRecord {
  const first = users[0] as PendingRecord;
  let deadline = first.deadline;
  for (const u of users) if (u.deadline < deadline) deadline = u.deadline;
  const base = { shardId, users, flushAt, readyAt, deadline, retries: 0, partitionKey: first.partitionKey };
  if (users.length === 1 || !aggregation) {
    return { ...base, aggregated: false, explicitHashKey: first.explicitHashKey, data: first.data, size: first.size };
  }
  let agg = builder;
  if (!agg) {
    agg = new AggregateBuilder();
    for (const u of users) agg.add(u);
  }
  const data = agg.encode();
  const pkBytes = first.size - first.data.length;
  return { ...base, aggregated: true, explicitHashKey: first.hashKey.toString(), data, size: pkBytes + data.length };
}

// The record an on-failure destination receives for a Kinesis batch: it describes the batch
// (shard, first/last sequence number, arrival times, size), not the records.
import type { FailureCondition } from './constants';
import type { KinesisFailureRecord, RecordRange } from './types';

/** What is known about the batch that is given up on. */
export interface FailureFacts {
  readonly condition: FailureCondition;
  readonly requestId: string;
  readonly functionArn: string;
  readonly streamArn: string;
  readonly shardId: string;
  readonly range: RecordRange;
  /** Invocations of exactly this (sub)batch. */
  readonly invokeCount: number;
  /** The last invocation was a function error (threw, timed out, crashed). */
  readonly functionError: boolean;
  readonly nowMs: number;
}

/**
 * Builds the failure record in AWS's shape (version "1.0", executedVersion "$LATEST").
 *
 * @example
 * ```ts
 * const record = buildFailureRecord({ condition: 'RetryAttemptsExhausted', ... });
 * record.KinesisBatchInfo.batchSize;
 * ```
 */
export function buildFailureRecord(f: FailureFacts): KinesisFailureRecord {
  return {
    requestContext: {
      requestId: f.requestId,
      functionArn: f.functionArn,
      condition: f.condition,
      approximateInvokeCount: f.invokeCount,
    },
    responseContext: {
      statusCode: 200,
      executedVersion: '$LATEST',
      ...(f.functionError ? { functionError: 'Unhandled' } : {}),
    },
    version: '1.0',
    timestamp: new Date(f.nowMs).toISOString(),
    KinesisBatchInfo: {
      shardId: f.shardId,
      startSequenceNumber: f.range.firstSequenceNumber,
      endSequenceNumber: f.range.lastSequenceNumber,
      approximateArrivalOfFirstRecord: new Date(f.range.firstArrivalMs).toISOString(),
      approximateArrivalOfLastRecord: new Date(f.range.lastArrivalMs).toISOString(),
      batchSize: f.range.count,
      streamArn: f.streamArn,
    },
  };
}

/** The range of a non-empty list of records in shard order. */
export function rangeOf(records: readonly { sequenceNumber: string; arrivalMs: number }[]): RecordRange {
  const first = records[0];
  const last = records[records.length - 1];
  if (!first || !last) throw new RangeError('rangeOf needs at least one record');
  return {
    firstSequenceNumber: first.sequenceNumber,
    lastSequenceNumber: last.sequenceNumber,
    firstArrivalMs: first.arrivalMs,
    lastArrivalMs: last.arrivalMs,
    count: records.length,
  };
}

/** Extends a range with later records (for a tumbling window's running range). */
export function extendRange(
  range: RecordRange | undefined,
  records: readonly { sequenceNumber: string; arrivalMs: number }[],
): RecordRange | undefined {
  if (records.length === 0) return range;
  const added = rangeOf(records);
  if (!range) return added;
  return {
    ...range,
    lastSequenceNumber: added.lastSequenceNumber,
    lastArrivalMs: added.lastArrivalMs,
    count: range.count + added.count,
  };
}

// The record an on-failure destination receives for a batch: it describes the batch (shard,
// first/last sequence number, arrival times, size), not the records. Kinesis and DynamoDB Streams
// differ only in the key of that description.
import type { FailureCondition } from './constants';
import {
  BATCH_INFO_KEYS,
  type BatchInfo,
  type BatchInfoKey,
  type DynamoDBStreamFailureRecord,
  type FailureRecord,
  type KinesisFailureRecord,
  type RecordRange,
} from './types';

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
  /** Key of the batch description (default `KinesisBatchInfo`). */
  readonly batchInfoKey?: BatchInfoKey;
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
export function buildFailureRecord(
  f: FailureFacts & { readonly batchInfoKey?: 'KinesisBatchInfo' },
): KinesisFailureRecord;
export function buildFailureRecord(
  f: FailureFacts & { readonly batchInfoKey: 'DDBStreamBatchInfo' },
): DynamoDBStreamFailureRecord;
export function buildFailureRecord(f: FailureFacts): FailureRecord;
export function buildFailureRecord(f: FailureFacts): FailureRecord {
  const base = {
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
    version: '1.0' as const,
    timestamp: new Date(f.nowMs).toISOString(),
  };
  const info: BatchInfo = {
    shardId: f.shardId,
    startSequenceNumber: f.range.firstSequenceNumber,
    endSequenceNumber: f.range.lastSequenceNumber,
    approximateArrivalOfFirstRecord: new Date(f.range.firstArrivalMs).toISOString(),
    approximateArrivalOfLastRecord: new Date(f.range.lastArrivalMs).toISOString(),
    batchSize: f.range.count,
    streamArn: f.streamArn,
  };
  return (f.batchInfoKey ?? BATCH_INFO_KEYS.kinesis) === BATCH_INFO_KEYS.kinesis
    ? { ...base, KinesisBatchInfo: info }
    : { ...base, DDBStreamBatchInfo: info };
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

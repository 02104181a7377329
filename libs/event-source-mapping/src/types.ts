// Public shapes of the local event-source mapping: the function invoker, the checkpoint store,
// the on-failure destination, the Lambda event and failure-record shapes, stats, clock, logger.
import type { FailureCondition } from './constants';

/** Options of one invocation. */
export interface InvokeOptions {
  /** The function timeout; past it the invocation fails with errorType 'Sandbox.Timedout'. */
  readonly timeoutMs: number;
  /** Lambda request id (awsRequestId in the handler context). */
  readonly requestId: string;
}

/** The function ran and returned `payload` (JSON-serialised and parsed back, undefined → null). */
export interface InvokeSuccess {
  readonly ok: true;
  readonly payload: unknown;
}

/** The function failed: it threw, timed out, crashed, or could not be loaded. */
export interface InvokeFailure {
  readonly ok: false;
  readonly errorType: string;
  readonly errorMessage: string;
}

/** Outcome of a function invocation. */
export type InvokeResult = InvokeSuccess | InvokeFailure;

/**
 * Runs the function. A resolved `{ ok: false }` is a function error (it uses a retry attempt);
 * a rejected promise is an error before the function ran (throttling, service error) and is
 * retried without using a retry attempt, as Lambda does.
 */
export interface FunctionInvoker {
  invoke(event: unknown, options: InvokeOptions): Promise<InvokeResult>;
}

/** The open tumbling window of a shard as persisted with its checkpoint. */
export interface WindowCheckpoint {
  /** Window start, epoch ms. */
  readonly startMs: number;
  /** State returned by the last successful invoke of this window. */
  readonly state: Record<string, unknown>;
  /** The window's records so far, for the failure record of a final invoke that gives up. */
  readonly range?: RecordRange;
}

/** First and last record of a range of one shard. */
export interface RecordRange {
  readonly firstSequenceNumber: string;
  readonly lastSequenceNumber: string;
  readonly firstArrivalMs: number;
  readonly lastArrivalMs: number;
  readonly count: number;
}

/** Where a shard's processing stands. */
export interface ShardCheckpoint {
  /** Last record processed (delivered, filtered, or given up on); resume after it. */
  readonly sequenceNumber?: string;
  /** Started at LATEST/AT_TIMESTAMP before any record: resume at this arrival time (epoch ms). */
  readonly atTimestampMs?: number;
  /** The shard was closed and read to its end: its children may be read. */
  readonly shardEnded?: boolean;
  /** Open tumbling window, if any. */
  readonly window?: WindowCheckpoint;
}

/** Persists checkpoints per (mapping, shard). Writes of one shard are never concurrent. */
export interface CheckpointStore {
  load(mappingId: string, shardId: string): Promise<ShardCheckpoint | undefined>;
  save(mappingId: string, shardId: string, checkpoint: ShardCheckpoint): Promise<void>;
}

/** The batch an on-failure record describes (the same fields for Kinesis and DynamoDB Streams). */
export interface BatchInfo {
  readonly shardId: string;
  readonly startSequenceNumber: string;
  readonly endSequenceNumber: string;
  /** ISO 8601. */
  readonly approximateArrivalOfFirstRecord: string;
  /** ISO 8601. */
  readonly approximateArrivalOfLastRecord: string;
  readonly batchSize: number;
  readonly streamArn: string;
}

/** Keys under which each stream kind's on-failure record holds its {@link BatchInfo}. */
export const BATCH_INFO_KEYS = {
  kinesis: 'KinesisBatchInfo',
  dynamodbStreams: 'DDBStreamBatchInfo',
} as const;

/** Key of the batch description in an on-failure record. */
export type BatchInfoKey = (typeof BATCH_INFO_KEYS)[keyof typeof BATCH_INFO_KEYS];

/** What every on-failure record holds besides its batch description (AWS's exact shape). */
export interface FailureRecordBase {
  readonly requestContext: {
    readonly requestId: string;
    readonly functionArn: string;
    readonly condition: FailureCondition;
    readonly approximateInvokeCount: number;
  };
  readonly responseContext: {
    readonly statusCode: number;
    readonly executedVersion: string;
    /** Present when the last invocation was a function error ("Unhandled"). */
    readonly functionError?: string;
  };
  readonly version: '1.0';
  /** ISO 8601. */
  readonly timestamp: string;
}

/** The record Lambda sends to an on-failure destination for a Kinesis batch. */
export interface KinesisFailureRecord extends FailureRecordBase {
  readonly KinesisBatchInfo: BatchInfo;
}

/** The record Lambda sends to an on-failure destination for a DynamoDB Streams batch. */
export interface DynamoDBStreamFailureRecord extends FailureRecordBase {
  readonly DDBStreamBatchInfo: BatchInfo;
}

/** An on-failure record of any stream kind. */
export type FailureRecord = KinesisFailureRecord | DynamoDBStreamFailureRecord;

/** The invocation a failure record is about: what an S3 destination stores besides the record. */
export interface FailedInvocation {
  /** The event of the last invocation of the batch (`{ Records: [...] }`). */
  readonly event: unknown;
}

/**
 * On-failure destination (SQS/SNS/S3 in AWS). A rejected send is retried; the shard waits. SQS
 * and SNS keep the record only; S3 keeps the whole invocation too (`invocation`).
 */
export interface FailureDestination {
  send(record: FailureRecord, invocation?: FailedInvocation): Promise<void>;
}

/** A failure record as an S3 destination stores it: the record plus the invocation event (JSON text). */
export type StoredFailureRecord<F extends FailureRecord = FailureRecord> = F & { readonly payload?: string };

/** One element of `Records` in a Kinesis event. */
export interface KinesisEventRecord {
  readonly kinesis: {
    readonly kinesisSchemaVersion: '1.0';
    readonly partitionKey: string;
    readonly sequenceNumber: string;
    readonly data: string;
    readonly approximateArrivalTimestamp: number;
  };
  readonly eventSource: 'aws:kinesis';
  readonly eventVersion: '1.0';
  readonly eventID: string;
  readonly eventName: 'aws:kinesis:record';
  readonly invokeIdentityArn: string;
  readonly awsRegion: string;
  readonly eventSourceARN: string;
}

/** The event of a mapping without tumbling windows, for event elements of type `E`. */
export interface BatchEvent<E = unknown> {
  readonly Records: readonly E[];
}

/**
 * The event of a mapping with tumbling windows (the same fields for Kinesis and DynamoDB
 * Streams; @types/aws-lambda omits shardId and eventSourceARN).
 */
export interface WindowEvent<E = unknown> extends BatchEvent<E> {
  readonly window: { readonly start: string; readonly end: string };
  readonly state: Record<string, unknown>;
  readonly shardId: string;
  readonly eventSourceARN: string;
  readonly isFinalInvokeForWindow: boolean;
  readonly isWindowTerminatedEarly: boolean;
}

/** The event of a Kinesis mapping without tumbling windows. */
export type KinesisEvent = BatchEvent<KinesisEventRecord>;

/** The event of a Kinesis mapping with tumbling windows. */
export type KinesisWindowEvent = WindowEvent<KinesisEventRecord>;

/** Where a shard is in its life. */
export const SHARD_STATUSES = {
  waitingForParent: 'waiting-for-parent',
  reading: 'reading',
  ended: 'ended',
} as const;

/** Where a shard is in its life. */
export type ShardStatus = (typeof SHARD_STATUSES)[keyof typeof SHARD_STATUSES];

/** Counters and gauges of one shard. */
export interface ShardStats {
  readonly shardId: string;
  readonly status: ShardStatus;
  /** Last persisted checkpoint sequence number. */
  readonly checkpoint: string | undefined;
  /** Lambda IteratorAge: now − arrival of the last record of the latest batch, when it was sent. */
  readonly iteratorAgeMs: number | undefined;
  /** Records read from the stream (PolledEventCount). */
  readonly polled: number;
  /** Records dropped by filter criteria (FilteredOutEventCount). */
  readonly filteredOut: number;
  /** Records the function processed successfully. */
  readonly recordsDelivered: number;
  /** Batches formed (each counted once, however often it was retried or split). */
  readonly batches: number;
  /** Function invocations, including retries, split halves and final window invokes. */
  readonly invocations: number;
  /** Invocations that failed (function error, bad partial response, missing window state). */
  readonly failedInvocations: number;
  /** Retries of a failed (sub)batch (splits by bisect are not retries). */
  readonly retries: number;
  /** Failure records sent to the on-failure destination. */
  readonly failuresSentToDestination: number;
  /** Records skipped after retries or age ran out (with or without a destination). */
  readonly recordsSkipped: number;
  /** Batches being processed now. */
  readonly inFlightBatches: number;
  /**
   * Records read but not yet finished (delivered, filtered out or given up on). With `polled`
   * unchanged between two looks, 0 means the shard is caught up.
   */
  readonly pendingRecords: number;
}

/** Stats of a mapping. */
export interface MappingStats {
  readonly mappingId: string;
  readonly running: boolean;
  readonly shards: readonly ShardStats[];
}

/** Time source (epoch ms). Must agree with the clock that stamps Kinesis arrival times. */
export interface Clock {
  now(): number;
}

/** Structured log sink. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
